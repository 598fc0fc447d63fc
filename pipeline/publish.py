"""Parquet I/O at the edges: read the raw layer, publish tables atomically.

Every table is written with its explicit schema (pipeline.schemas), zstd, and metadata
naming its schema version, the run, and the dedup parameters. Files are staged under
`DATA_DIR/.staging/<run_id>/` (no `.parquet` file of a half-finished run is ever visible
to a reader's glob) and moved into place with os.replace, one atomic rename per table.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.errors import PipelineError
from pipeline.schemas import with_version

PART_NAME = "part-00000.parquet"
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
        raise PipelineError(f"cannot write to data directory {data_dir}: {exc.strerror or exc}") from exc


def crawl_dirs(data_dir: Path) -> list[Path]:
    """Completed crawls of the raw layer, oldest first (crawl ids sort by time)."""
    raw = data_dir / "raw"
    return sorted(p for p in raw.glob("crawl_id=*") if p.is_dir()) if raw.is_dir() else []


def find_crawl(data_dir: Path, crawl_id: str | None) -> Path:
    """The raw folder of the given crawl, or of the latest one."""
    crawls = crawl_dirs(data_dir)
    if crawl_id:
        wanted = data_dir / "raw" / f"crawl_id={crawl_id}"
        if wanted not in crawls:
            raise PipelineError(f"no crawl {crawl_id!r} under {data_dir / 'raw'}")
        return wanted
    if not crawls:
        raise PipelineError(f"no crawl found under {data_dir / 'raw'}: run `rtes-pipeline crawl` first")
    return crawls[-1]


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
            raise PipelineError(f"raw file {part} is unreadable ({exc}); re-crawl or remove that crawl folder") from exc


def read_table(path: Path) -> pa.Table | None:
    """A published table, or None when it does not exist yet; unreadable → one clear error."""
    if not path.exists():
        return None
    try:
        return pq.read_table(path)
    except (pa.ArrowException, OSError) as exc:
        raise PipelineError(f"existing table {path} is unreadable ({exc}); move it aside and re-run") from exc


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


class Publisher:
    """Stages tables for one run, then moves them into place together."""

    def __init__(self, data_dir: Path, run_id: str, part_name: str = PART_NAME) -> None:
        self.data_dir = data_dir
        self.staging = data_dir / ".staging" / run_id
        self.staged: list[tuple[Path, Path]] = []
        # The file each table replaces: the crawl's `part-00000.parquet`, or another part of
        # the same dataset (legacy-text imports), so neither source overwrites the other.
        self.part_name = part_name

    def stage(self, table_name: str, rows: list[dict[str, Any]], run: dict[str, str]) -> int:
        """Write a table's rows into staging with its explicit schema; returns the row count."""
        schema = with_version(table_name, table_metadata(run))
        table = pa.Table.from_pylist(rows, schema=schema)
        self.staging.mkdir(parents=True, exist_ok=True)
        staged = self.staging / f"{table_name}.parquet.tmp"
        pq.write_table(table, staged, compression=COMPRESSION)
        self.staged.append((staged, self.data_dir / table_name / self.part_name))
        return table.num_rows

    def stream(self, table_name: str, run: dict[str, str]) -> StagedWriter:
        """A writer staging a table batch by batch (bounded memory); close() it before commit()."""
        self.staging.mkdir(parents=True, exist_ok=True)
        staged = self.staging / f"{table_name}.parquet.tmp"
        self.staged.append((staged, self.data_dir / table_name / self.part_name))
        return StagedWriter(staged, with_version(table_name, table_metadata(run)))

    def stage_report(self, run_id: str, report: dict[str, Any], markdown: str) -> None:
        """Stage the run report (JSON and a short human-readable page)."""
        folder = self.staging / "report"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str))
        (folder / "report.md").write_text(markdown)
        self.staged.append((folder, self.data_dir / "runs" / run_id))

    def commit(self) -> None:
        """Move every staged file into place (resources last), then drop the staging folder."""
        for source, target in sorted(self.staged, key=lambda st: st[1].parent.name == "resources"):
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
        shutil.rmtree(self.staging, ignore_errors=True)

    def abort(self) -> None:
        """Forget a run's staged files; published tables stay as they were."""
        shutil.rmtree(self.staging, ignore_errors=True)

    def __enter__(self) -> Publisher:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        """All or nothing: commit when the block finished, abort on any exception (Ctrl-C too)."""
        if exc_type is None:
            self.commit()
        else:
            self.abort()
