"""Item pipeline that writes the immutable raw layer (Parquet) and publishes it atomically."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import scrapy
from scrapy import signals
from scrapy.exceptions import NotConfigured

from rtes_core.schemas import RAW_MANIFEST_NAME, with_version

logger = logging.getLogger(__name__)

# Crawl ids name folders: keep them to a safe alphabet.
CRAWL_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]+$")
# Parquet compression of the raw layer.
COMPRESSION = "zstd"
# The crawl report beside the parts. The leading "_" keeps it out of Parquet readers' folder
# discovery (pyarrow, pandas): `pq.read_table(raw_dir)` would fail on a plain JSON file.
CRAWL_REPORT_NAME = "_crawl_report.json"
# Stats copied into the crawl report (the spider's own, retries, HTTP statuses, exceptions).
REPORT_STAT_PREFIXES = (
    "rtes/",
    "retry/",
    "downloader/response_status_count/",
    "downloader/exception_type_count/",
    "offsite/",
    "item_scraped_count",
    "response_received_count",
    "robotstxt/",
)
# Retry reasons (Scrapy's retry/reason_count/<reason>) that name an exception -> error kind.
RETRY_REASON_KINDS = (
    ("Timeout", "timeout"),
    ("DataLoss", "connection_lost"),
    ("ResponseFailed", "connection_lost"),
    ("ConnectionLost", "connection_lost"),
    ("NeverReceived", "connection_lost"),
    ("Refused", "connection_refused"),
    ("DNS", "dns"),
    ("ResolveHost", "dns"),
)


def retry_kind(reason: str) -> str:
    """Error kind of a retry reason: "500 Internal Server Error" -> "http_500"."""
    code = reason.split(" ", 1)[0]
    if code.isdigit():
        return f"http_{code}"
    return next((kind for marker, kind in RETRY_REASON_KINDS if marker in reason), reason)


def crawl_report(
    stats: dict[str, Any], errors: list[dict[str, str]], reason: str
) -> dict[str, Any]:
    """What went wrong in a crawl: final errors by URL and kind, retries by kind, key stats."""
    retries: Counter = Counter()
    for key, value in stats.items():
        if key.startswith("retry/reason_count/"):
            retries[retry_kind(key[len("retry/reason_count/") :])] += int(value)
    kept = {k: v for k, v in sorted(stats.items()) if k.startswith(REPORT_STAT_PREFIXES)}
    return {
        "stats": {"finish_reason": reason, **kept},
        "errors": errors,
        "error_counts": dict(sorted(Counter(e["kind"] for e in errors).items())),
        "retry_counts": dict(sorted(retries.items())),
    }


def staging_dir(data_dir: Path, crawl_id: str) -> Path:
    """Where a crawl's part files are written while it runs (outside `raw/`, so never read)."""
    return Path(data_dir) / ".staging" / f"raw-{crawl_id}"


def raw_dir(data_dir: Path, crawl_id: str) -> Path:
    """The published raw partition of a crawl."""
    return Path(data_dir) / "raw" / f"crawl_id={crawl_id}"


class RawPageWriter:
    """Buffer `RawPage` rows, write zstd Parquet parts to a staging folder, publish on success.

    Parts (`part-00000.parquet`, ...) use the versioned RAW_PAGES schema. The staging folder
    `DATA_DIR/.staging/raw-<crawl_id>/` is renamed to `DATA_DIR/raw/crawl_id=<crawl_id>/` only
    when the spider closes with reason "finished" and at least one row was written; otherwise
    it stays in staging and the reason goes to the stats (`rtes/raw/not_published_reason`).

    Scrapy calls the pipelines' `close_spider` before it sends `spider_closed`, and only that
    signal carries the finish reason (scrapy/core/engine.py `close_spider_async`). So
    `close_spider` flushes the last rows and `spider_closed(reason)` decides whether to publish.
    """

    def __init__(
        self,
        data_dir: Path,
        crawl_id: str,
        batch_rows: int = 200,
        stats: Any = None,
        metadata: dict[bytes, bytes] | None = None,
    ):
        if not CRAWL_ID_PATTERN.match(crawl_id):
            raise ValueError(f"CRAWL_ID must match {CRAWL_ID_PATTERN.pattern}, got {crawl_id!r}")
        if batch_rows < 1:
            raise ValueError(f"RAW_BATCH_ROWS must be at least 1, got {batch_rows}")
        self.data_dir = Path(data_dir)
        self.crawl_id = crawl_id
        self.batch_rows = batch_rows
        self.stats = stats
        self.schema = with_version("raw", {b"rtes.crawl_id": crawl_id.encode(), **(metadata or {})})
        self.staging = staging_dir(self.data_dir, crawl_id)
        self.target = raw_dir(self.data_dir, crawl_id)
        self._rows: list[dict[str, Any]] = []
        self._parts = 0
        self._rows_written = 0

    @classmethod
    def from_crawler(cls, crawler: Any) -> RawPageWriter:
        """Configure from DATA_DIR, CRAWL_ID, RAW_BATCH_ROWS; off if RAW_WRITER_ENABLED is false."""
        settings = crawler.settings
        if not settings.getbool("RAW_WRITER_ENABLED", True):
            raise NotConfigured("RAW_WRITER_ENABLED is false: nothing is written")
        site_url = settings.get("SITE_URL") or ""
        writer = cls(
            data_dir=Path(settings.get("DATA_DIR", "datasets")),
            crawl_id=str(settings.get("CRAWL_ID")),
            batch_rows=settings.getint("RAW_BATCH_ROWS", 200),
            stats=crawler.stats,
            metadata={
                b"rtes.site_url": site_url.encode(),
                b"rtes.scrapy": scrapy.__version__.encode(),
            },
        )
        crawler.signals.connect(writer.spider_closed, signal=signals.spider_closed)
        return writer

    def open_spider(self) -> None:
        """Create a fresh staging folder; refuse to run over an already published crawl."""
        if self.target.exists():
            raise FileExistsError(f"raw partition already exists: {self.target}")
        if self.staging.exists():
            # Left over from an aborted run with the same crawl id: it was never published.
            logger.warning("Removing stale staging folder %s", self.staging)
            shutil.rmtree(self.staging)
        self.staging.mkdir(parents=True, exist_ok=True)

    def process_item(self, item: Any) -> Any:
        """Buffer the row; write a part file every RAW_BATCH_ROWS rows."""
        row = dataclasses.asdict(item) if dataclasses.is_dataclass(item) else dict(item)
        self._rows.append(row)
        if len(self._rows) >= self.batch_rows:
            self.flush()
        return item

    def flush(self) -> None:
        """Write the buffered rows as the next part file (no-op when the buffer is empty)."""
        if not self._rows:
            return
        table = pa.Table.from_pylist(self._rows, schema=self.schema)
        path = self.staging / f"part-{self._parts:05d}.parquet"
        pq.write_table(table, path, compression=COMPRESSION)
        self._parts += 1
        self._rows_written += len(self._rows)
        self._rows.clear()
        self._set_stat("rtes/raw/parts", self._parts)
        self._set_stat("rtes/raw/rows", self._rows_written)

    def close_spider(self) -> None:
        """Write the last rows (publishing waits for the finish reason, see `spider_closed`)."""
        self.flush()

    def spider_closed(self, spider: Any = None, reason: str = "finished") -> None:
        """Publish the staging folder under `raw/` if the crawl finished and wrote rows."""
        self._write_report(spider, reason)
        if reason != "finished":
            self._not_published(f"finish_reason={reason}")
            return
        if self._rows_written == 0:
            self._not_published("no rows were written")
            return
        self.target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.rename(self.staging, self.target)  # atomic within one filesystem
        except OSError as exc:
            self._not_published(f"rename failed: {exc}")
            return
        self._set_stat("rtes/raw/published", 1)
        self._set_stat("rtes/raw/dir", str(self.target))
        logger.info(
            "Raw layer published: %s (%d rows, %d parts)",
            self.target,
            self._rows_written,
            self._parts,
        )

    def _write_report(self, spider: Any, reason: str) -> None:
        """Write the crawl report (errors by URL and kind) and the manifest (what the crawl
        covers) into staging, beside the parts: both are published with them."""
        if self._rows_written == 0 or not self.staging.is_dir():
            return
        stats = self.stats.get_stats() if self.stats is not None else {}
        report = crawl_report(stats, list(getattr(spider, "crawl_errors", [])), reason)
        path = self.staging / CRAWL_REPORT_NAME
        path.write_text(
            json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
        )
        if hasattr(spider, "coverage"):
            manifest = spider.coverage(stats)
            for key in ("kind", "strategy"):
                self._set_stat(f"rtes/coverage/{key}", manifest[key])
            self._set_stat(
                "rtes/coverage/listings_without_resource_links",
                manifest["listings_without_resource_links"],
            )
            (self.staging / RAW_MANIFEST_NAME).write_text(
                json.dumps(manifest, indent=2) + "\n", encoding="utf-8"
            )

    def _not_published(self, reason: str) -> None:
        """Leave the staging folder in place (or remove it when empty) and say why."""
        self._set_stat("rtes/raw/published", 0)
        self._set_stat("rtes/raw/not_published_reason", reason)
        if self.staging.is_dir() and not any(self.staging.iterdir()):
            self.staging.rmdir()
            logger.warning("Raw layer NOT published (%s); nothing was written", reason)
            return
        logger.warning("Raw layer NOT published (%s); staging kept at %s", reason, self.staging)

    def _set_stat(self, key: str, value: Any) -> None:
        """Record a stat when a stats collector is attached."""
        if self.stats is not None:
            self.stats.set_value(key, value)
