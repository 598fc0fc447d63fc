"""Parquet I/O at the edges: read the raw layer, publish tables atomically.

Every table is written with its explicit schema (rtes_core.schemas), zstd, and metadata
naming its schema version, the run, and the dedup parameters.

Publishing is all or nothing, across every table. A run builds a complete new version of
the dataset under `DATA_DIR/.staging/<run_id>/` (its new files, plus hard links to the
files of the current version it does not replace), renames it to `DATA_DIR/.versions/<run_id>/`,
then swaps one symbolic link, `DATA_DIR/current`, with an atomic rename. The table folders
readers use (`DATA_DIR/resources/`, …) are fixed links into `current/`: a reader sees the
previous version or the new one, never a mix, and a run killed at any point leaves the
published version untouched (the next run clears its leftovers).

The run report travels inside its version (`_run/`), so a published version always has its
report; after the switch it is copied to `DATA_DIR/runs/<run_id>/`, and a run killed before
that copy has it repaired by the next command that publishes.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import datapackage
from pipeline.errors import PipelineError
from pipeline.run_files import copy_run_report, link_tree, repair_run_report, write_report_files
from rtes_core.layout import (
    CURRENT_LINK,
    PUBLISHED_TABLES,
    RUN_DIR,
    VERSIONS_DIR,
    current_version,
)
from rtes_core.schemas import RAW_MANIFEST_NAME, with_version

PART_NAME = "part-00000.parquet"
KEPT_VERSIONS = 3  # older versions are pruned; a reader still on one keeps its open files
# Raw crawls older than this are pruned after a publication, except the last full crawl
# (the basis of the next re-processing) and the crawl just published.
RAW_KEEP_DAYS = float(os.getenv("RAW_KEEP_DAYS", "30"))
COMPRESSION = "zstd"
RAW_COLUMNS = ["url", "final_url", "status", "fetched_at", "page_kind", "content_type", "html"]
RAW_BATCH_ROWS = 64  # pages decoded at a time: bounds memory on large crawls


def ensure_writable(data_dir: Path) -> None:
    """Fail early, with one clear line, when DATA_DIR cannot be created or written."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=data_dir, prefix=".write-check-"):
            pass
    except OSError as exc:
        raise PipelineError(
            f"cannot write to data directory {data_dir}: {exc.strerror or exc}"
        ) from exc


def crawl_dirs(data_dir: Path) -> list[Path]:
    """Completed crawls of the raw layer, oldest first (crawl ids sort by time)."""
    raw = data_dir / "raw"
    return sorted(p for p in raw.glob("crawl_id=*") if p.is_dir()) if raw.is_dir() else []


def find_crawl(data_dir: Path, crawl_id: str | None) -> Path:
    """The raw folder of the given crawl, or of the latest one the crawl runner judged usable."""
    crawls = crawl_dirs(data_dir)
    if crawl_id:
        wanted = data_dir / "raw" / f"crawl_id={crawl_id}"
        if wanted not in crawls:
            raise PipelineError(f"no crawl {crawl_id!r} under {data_dir / 'raw'}")
        if (failure := crawl_manifest(wanted).get("failure")) is not None:
            raise PipelineError(f"crawl {crawl_id} failed ({failure}); it cannot be published")
        return wanted
    usable = [c for c in crawls if crawl_manifest(c).get("failure") is None]
    if not usable and crawls:
        raise PipelineError(
            f"no usable crawl under {data_dir / 'raw'}: the latest, {crawls[-1].name}, failed "
            f"({crawl_manifest(crawls[-1])['failure']})"
        )
    if not usable:
        raise PipelineError(
            f"no crawl found under {data_dir / 'raw'}: run `rtes-pipeline crawl` first"
        )
    return usable[-1]


def record_crawl_verdict(crawl_dir: Path, failure: str | None) -> None:
    """Write the crawl runner's verdict into the crawl's manifest (atomically): a failed crawl
    stays in the raw layer for inspection but is never processed."""
    manifest = {**crawl_manifest(crawl_dir), "failure": failure}
    temporary = crawl_dir / f".{RAW_MANIFEST_NAME}.tmp"
    temporary.write_text(json.dumps(manifest, indent=2) + "\n")
    os.replace(temporary, crawl_dir / RAW_MANIFEST_NAME)


def iter_raw_pages(crawl_dir: Path) -> Iterator[dict[str, Any]]:
    """Rows of a crawl's raw pages, streamed in small batches."""
    parts = sorted(crawl_dir.glob("*.parquet"))
    if not parts:
        raise PipelineError(f"crawl folder {crawl_dir} holds no Parquet part")
    for part in parts:
        try:
            reader = pq.ParquetFile(part)
            for batch in reader.iter_batches(batch_size=RAW_BATCH_ROWS, columns=RAW_COLUMNS):
                yield from batch.to_pylist()
        except (pa.ArrowException, OSError) as exc:
            raise PipelineError(
                f"raw file {part} is unreadable ({exc}); re-crawl or remove that crawl folder"
            ) from exc


def raw_row_count(crawl_dir: Path) -> int | None:
    """Pages of a crawl, from the Parquet footers (no data read); None when a footer is unreadable."""
    try:
        return sum(
            pq.ParquetFile(part).metadata.num_rows for part in sorted(crawl_dir.glob("*.parquet"))
        )
    except (pa.ArrowException, OSError):
        return None


def read_table(path: Path) -> pa.Table | None:
    """A published table, or None when it does not exist yet; unreadable → one clear error."""
    if not path.exists():
        return None
    try:
        return pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        raise PipelineError(
            f"existing table {path} is unreadable ({exc}); move it aside and re-run"
        ) from exc


def table_metadata(run: dict[str, str]) -> dict[bytes, bytes]:
    """Run-level metadata attached to every published file."""
    return {f"rtes.{k}".encode(): v.encode() for k, v in run.items()}


class StagedWriter:
    """Rows of one table written to its staged file in row groups, with the explicit schema."""

    BATCH_ROWS = 256  # rows buffered before a row group is written

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.schema = schema
        self.writer = pq.ParquetWriter(path, schema, compression=COMPRESSION)
        self.buffer: list[dict[str, Any]] = []
        self.rows = 0

    def write(self, rows: list[dict[str, Any]]) -> None:
        self.buffer.extend(rows)
        self.rows += len(rows)
        if len(self.buffer) >= self.BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.writer.write_table(pa.Table.from_pylist(self.buffer, schema=self.schema))
            self.buffer.clear()

    def close(self) -> None:
        """Write what is buffered and close the file (an empty table still has its schema)."""
        self.flush()
        self.writer.close()


def checkpoint(name: str) -> None:
    """Kill this process here when RTES_KILL_AT names this point: the kill tests prove that a run
    killed at any step leaves the published dataset as it was (no effect otherwise)."""
    if os.environ.get("RTES_KILL_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _swap_symlink(link: Path, target: str) -> None:
    """Point `link` at `target` in one atomic rename (readers never see it missing)."""
    temporary = link.with_name(f".{link.name}.tmp-{os.getpid()}")
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(target)
    os.replace(temporary, link)


def _ensure_table_links(data_dir: Path) -> None:
    """DATA_DIR/<table> → current/<table>, once; a real folder from an older layout moves aside."""
    for table in PUBLISHED_TABLES:
        path = data_dir / table
        if path.is_symlink():
            continue
        if path.exists():
            os.replace(path, data_dir / VERSIONS_DIR / f"pre-versioning-{table}")
        _swap_symlink(path, f"{CURRENT_LINK}/{table}")


def clear_leftovers(data_dir: Path) -> list[Path]:
    """Remove what killed runs left behind (staging folders and files) and restore the report of
    a published version whose copy under runs/ was cut short; returns what was removed.

    Call it under the data directory's lock only: a running command's staging is not a leftover."""
    staging = data_dir / ".staging"
    removed = []
    for path in sorted(staging.iterdir()) if staging.is_dir() else []:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
        removed.append(path)
    repair_run_report(data_dir)
    return removed


def prune_raw(
    data_dir: Path, keep: set[str], now: float | None = None, keep_days: float = RAW_KEEP_DAYS
) -> list[str]:
    """Delete raw crawls older than `keep_days` (by crawl id time), except the ids in `keep`
    and the newest full crawl; returns the pruned crawl ids."""
    now = time.time() if now is None else now
    crawls = crawl_dirs(data_dir)
    fulls = [p for p in crawls if crawl_kind(p) == "full"]
    if fulls:
        keep = keep | {fulls[-1].name.split("=", 1)[1]}
    pruned = []
    for path in crawls:
        crawl_id = path.name.split("=", 1)[1]
        started = crawl_time(crawl_id)
        if crawl_id in keep or started is None or now - started < keep_days * 86400:
            continue
        shutil.rmtree(path)
        pruned.append(crawl_id)
    return pruned


def crawl_time(crawl_id: str) -> float | None:
    """Seconds since the epoch of a crawl id like 20261127T143000Z (None for other ids)."""
    try:
        return datetime.strptime(crawl_id[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return None


def crawl_manifest(crawl_dir: Path) -> dict[str, Any]:
    """What a raw crawl covers (`_crawl_manifest.json`); crawls from before manifests were full
    unless their stats name an incremental strategy."""
    for name, read in (
        (RAW_MANIFEST_NAME, lambda d: d),
        ("_crawl_stats.json", _manifest_from_stats),
    ):
        path = crawl_dir / name
        if path.is_file():
            try:
                return read(json.loads(path.read_text()))
            except (OSError, ValueError):
                continue
    return {"kind": "full", "strategy": "full"}


def _manifest_from_stats(stats: dict[str, Any]) -> dict[str, Any]:
    strategy = stats.get("rtes/incremental/strategy", "full")
    return {"kind": "full" if strategy == "full" else "incremental", "strategy": strategy}


def crawl_kind(crawl_dir: Path) -> str:
    return crawl_manifest(crawl_dir).get("kind", "full")


def prune_versions(data_dir: Path, keep: int = KEPT_VERSIONS) -> None:
    """Delete all but the newest `keep` versions (never the current one)."""
    root = data_dir / VERSIONS_DIR
    current = current_version(data_dir)
    versions = (
        sorted(
            (p for p in root.iterdir() if p.is_dir() and not p.name.startswith("pre-")),
            key=lambda p: p.stat().st_mtime,
        )
        if root.is_dir()
        else []
    )
    for old in versions[:-keep]:
        if old != current:
            shutil.rmtree(old, ignore_errors=True)


class Publisher:
    """Builds one new version of the dataset, then publishes it with one atomic switch."""

    def __init__(self, data_dir: Path, run_id: str, part_name: str = PART_NAME) -> None:
        self.data_dir = data_dir
        self.run_id = run_id
        self.staging = data_dir / ".staging" / run_id
        self.version = self.staging / "version"
        # The file each table replaces: the crawl's `part-00000.parquet`, or another part of
        # the same dataset (legacy-text imports), so neither source overwrites the other.
        self.part_name = part_name

    def _target(self, table_name: str, part_name: str | None = None) -> Path:
        path = self.version / table_name / (part_name or self.part_name)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def stream(
        self, table_name: str, run: dict[str, str], part_name: str | None = None
    ) -> StagedWriter:
        """A writer staging a table batch by batch (bounded memory); close() it before commit()."""
        return StagedWriter(
            self._target(table_name, part_name), with_version(table_name, table_metadata(run))
        )

    def stage(
        self,
        table_name: str,
        rows: Iterable[dict[str, Any]],
        run: dict[str, str],
        part_name: str | None = None,
    ) -> int:
        """Write a table's rows into the new version with its explicit schema, streamed in row
        groups (rows may be a list or rows held as Arrow batches); returns the row count."""
        writer = self.stream(table_name, run, part_name)
        try:
            for row in rows:
                writer.write([row])
        finally:
            writer.close()
        return writer.rows

    def stage_report(self, report: dict[str, Any], markdown: str) -> None:
        """Stage the run report (JSON and a short human-readable page) inside the new version:
        it is published with the data, then copied to runs/<run_id>/."""
        write_report_files(self.version / RUN_DIR, report, markdown)

    def commit(self) -> None:
        """Complete the version with the current one's other files, switch `current`, then tidy."""
        self.version.mkdir(parents=True, exist_ok=True)
        (self.data_dir / VERSIONS_DIR).mkdir(exist_ok=True)
        _ensure_table_links(self.data_dir)
        previous = current_version(self.data_dir)
        if previous is not None:
            link_tree(previous, self.version)  # tables and parts this run does not replace
        for legacy in (self.data_dir / VERSIONS_DIR).glob("pre-versioning-*"):
            link_tree(legacy, self.version / legacy.name.removeprefix("pre-versioning-"))
            shutil.rmtree(legacy)
        datapackage.write(
            self.version
        )  # the descriptor of exactly these files, published with them
        datapackage.link(self.data_dir, CURRENT_LINK)
        final = self.data_dir / VERSIONS_DIR / self.run_id
        checkpoint("publish:before-version-rename")
        os.replace(self.version, final)
        checkpoint("publish:before-switch")
        _swap_symlink(
            self.data_dir / CURRENT_LINK, f"{VERSIONS_DIR}/{self.run_id}"
        )  # the publication
        checkpoint("publish:after-switch")
        if (final / RUN_DIR).is_dir():
            copy_run_report(self.data_dir, final)
        shutil.rmtree(self.staging, ignore_errors=True)
        prune_versions(self.data_dir)

    def abort(self) -> None:
        """Forget a run's staged files; the published version stays as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)

    def __enter__(self) -> Publisher:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        """All or nothing: commit when the block finished, abort on any exception (Ctrl-C too)."""
        if exc_type is None:
            self.commit()
        else:
            self.abort()
