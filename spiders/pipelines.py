"""Item pipeline that writes the immutable raw layer (Parquet) and publishes it atomically."""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import scrapy
from scrapy import signals
from scrapy.exceptions import NotConfigured

from pipeline.schemas import with_version

logger = logging.getLogger(__name__)

# Crawl ids name folders: keep them to a safe alphabet.
CRAWL_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]+$")
# Parquet compression of the raw layer.
COMPRESSION = "zstd"


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
