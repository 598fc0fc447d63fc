"""Parquet I/O at the edges: read the raw layer, publish tables atomically.

Every table is written with its explicit schema (pipeline.schemas), zstd, and metadata
naming its schema version, the run, and the dedup parameters.

Publishing is all or nothing, across every table. A run builds a complete new version of
the dataset under `DATA_DIR/.staging/<run_id>/` (its new files, plus hard links to the
files of the current version it does not replace), renames it to `DATA_DIR/.versions/<run_id>/`,
then swaps one symbolic link, `DATA_DIR/current`, with an atomic rename. The table folders
readers use (`DATA_DIR/resources/`, …) are fixed links into `current/`: a reader sees the
previous version or the new one, never a mix, and a run killed at any point leaves the
published version untouched (the next run clears its leftovers).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.errors import PipelineError
from pipeline.schemas import with_version

PART_NAME = "part-00000.parquet"
# Tables published through `current/` (each reachable as DATA_DIR/<table>/).
PUBLISHED_TABLES = ("resources", "removed_blocks", "merged_occurrences", "resource_versions", "members")
VERSIONS_DIR = ".versions"
CURRENT_LINK = "current"
KEPT_VERSIONS = 3  # older versions are pruned; a reader still on one keeps its open files
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


def checkpoint(name: str) -> None:
    """Kill this process here when RTES_KILL_AT names this point: the kill tests prove that a run
    killed at any step leaves the published dataset as it was (no effect otherwise)."""
    if os.environ.get("RTES_KILL_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def current_version(data_dir: Path) -> Path | None:
    """The folder of the published version, or None before the first publication."""
    link = data_dir / CURRENT_LINK
    return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None


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


def _link_tree(source: Path, target: Path) -> None:
    """Hard-link every file of `source` into `target` (same layout), skipping files already there."""
    for file in source.rglob("*"):
        if file.is_file():
            dest = target / file.relative_to(source)
            if not dest.exists():
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.link(file, dest)


def clear_leftovers(data_dir: Path) -> list[Path]:
    """Remove what killed runs left behind (staging folders); returns what was removed."""
    staging = data_dir / ".staging"
    removed = [p for p in staging.iterdir()] if staging.is_dir() else []
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
    return removed


def prune_versions(data_dir: Path, keep: int = KEPT_VERSIONS) -> None:
    """Delete all but the newest `keep` versions (never the current one)."""
    root = data_dir / VERSIONS_DIR
    current = current_version(data_dir)
    versions = sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith("pre-")),
                      key=lambda p: p.stat().st_mtime) if root.is_dir() else []
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
        self.report_dir: Path | None = None
        # The file each table replaces: the crawl's `part-00000.parquet`, or another part of
        # the same dataset (legacy-text imports), so neither source overwrites the other.
        self.part_name = part_name

    def _target(self, table_name: str, part_name: str | None = None) -> Path:
        path = self.version / table_name / (part_name or self.part_name)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def stream(self, table_name: str, run: dict[str, str], part_name: str | None = None) -> StagedWriter:
        """A writer staging a table batch by batch (bounded memory); close() it before commit()."""
        return StagedWriter(self._target(table_name, part_name), with_version(table_name, table_metadata(run)))

    def stage(self, table_name: str, rows: Iterable[dict[str, Any]], run: dict[str, str],
              part_name: str | None = None) -> int:
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
        """Stage the run report (JSON and a short human-readable page), moved in after the switch."""
        self.report_dir = self.staging / "report"
        write_report_files(self.report_dir, report, markdown)

    def commit(self) -> None:
        """Complete the version with the current one's other files, switch `current`, then tidy."""
        self.version.mkdir(parents=True, exist_ok=True)
        (self.data_dir / VERSIONS_DIR).mkdir(exist_ok=True)
        _ensure_table_links(self.data_dir)
        previous = current_version(self.data_dir)
        if previous is not None:
            _link_tree(previous, self.version)  # tables and parts this run does not replace
        for legacy in (self.data_dir / VERSIONS_DIR).glob("pre-versioning-*"):
            _link_tree(legacy, self.version / legacy.name.removeprefix("pre-versioning-"))
            shutil.rmtree(legacy)
        final = self.data_dir / VERSIONS_DIR / self.run_id
        checkpoint("publish:before-version-rename")
        os.replace(self.version, final)
        checkpoint("publish:before-switch")
        _swap_symlink(self.data_dir / CURRENT_LINK, f"{VERSIONS_DIR}/{self.run_id}")  # the publication
        if self.report_dir is not None:
            write_report_dir(self.data_dir, self.run_id, self.report_dir)
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


def write_report_files(folder: Path, report: dict[str, Any], markdown: str) -> None:
    """report.json and report.md of a run into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    (folder / "report.md").write_text(markdown)


def write_report_dir(data_dir: Path, run_id: str, folder: Path) -> None:
    """Move a staged report folder to DATA_DIR/runs/<run_id>/ in one rename."""
    target = data_dir / "runs" / run_id
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        shutil.rmtree(target)
    os.replace(folder, target)
