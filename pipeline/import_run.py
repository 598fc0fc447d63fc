"""`rtes-pipeline import-text`: legacy flat-text exports → the dataset, published atomically.

Every file is checked first (text, UTF-8 or cp1252, holds footer labels): a bad file stops the
run before anything is written. Then each file is streamed line by line through
`pipeline.importer.Splitter`, each resource cleaned and written to staging as it comes, and the
tables and the run report are moved into place together (`pipeline.publish.Publisher`).

Each file has its own part of each table (`part-legacy-text-<file name>.parquet`): importing
another file keeps it, importing the same file again replaces it. A resource the crawl already
holds is not written twice: the crawled record gains the file as a source (`file:<name>#L<line>`
in `source_urls`, see pipeline.imports). The monitors judge the result like any publication.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipeline import imports, publish, run_files
from pipeline.config import DEFAULT_DEDUP, DedupConfig
from pipeline.errors import PipelineError
from pipeline.export_files import read_lines, sniff
from pipeline.importer import Splitter, has_footer_label, resource_records, units
from pipeline.process import IMPORT_PART_PREFIX, Processor, check_monitors, log, run_metadata

REPORT_WARNINGS = 1000  # warnings kept in the report (all are counted)
# Characters of a file name kept in its part's name (others become "-").
PART_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def import_part(path: Path) -> str:
    """The part of each table that holds one export file's resources."""
    return f"{IMPORT_PART_PREFIX}-{PART_NAME_UNSAFE.sub('-', path.name)}.parquet"


def crawled_rows(out: Path) -> pa.Table | None:
    """The crawl's part of the published resources table (what imports join), if any."""
    return publish.read_table(out / "resources" / publish.PART_NAME)


def with_sources(
    table: pa.Table, added: dict[str, list[str]], replaced_files: set[str]
) -> list[dict[str, Any]]:
    """The crawl's rows with this import's `file:` sources: earlier ones of the same files
    dropped, this run's added."""
    rows = table.to_pylist()
    for row in rows:
        kept = [
            s
            for s in row["source_urls"]
            if not any(imports.is_source_of(s, f) for f in replaced_files)
        ]
        row["source_urls"] = sorted(set(kept) | set(added.get(row["resource_id"], [])))
    return rows


def online_elsewhere(out: Path, replaced_parts: set[str], crawl: pa.Table | None) -> int:
    """Online resources of the parts this import keeps as they are (the crawl's, other files')."""
    tables = [crawl] + [
        publish.read_table(part)
        for part in (out / "resources").glob(f"{IMPORT_PART_PREFIX}*.parquet")
        if part.name not in replaced_parts
    ]
    return sum(table["removed_at"].null_count for table in tables if table is not None)


@dataclass
class ImportResult:
    """What an import run did, for the summary line and the run report."""

    run_id: str
    out: Path
    files: list[dict[str, Any]] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def check_files(paths: list[Path]) -> tuple[dict[Path, str], list[str]]:
    """Each file's encoding, and warnings; any file that is not a text export → PipelineError."""
    if not paths:
        raise PipelineError("import-text needs at least one export file")
    encodings: dict[Path, str] = {}
    warnings: list[str] = []
    for path in paths:
        if not path.is_file():
            raise PipelineError(f"{path}: no such file; nothing was imported")
        encoding, problem = sniff(path)
        if encoding is None:
            raise PipelineError(f"{path} is not a text export: {problem}; nothing was imported")
        if encoding != "utf-8":
            warnings.append(f"{path.name}: not valid UTF-8, read as {encoding}")
        if not has_footer_label(read_lines(path, encoding)):
            raise PipelineError(
                f"{path} is not a legacy text export: no footer label (Type de ressource, "
                "Ressource privée, Résumé, Documents, Catégorie) anywhere; nothing was imported"
            )
        encodings[path] = encoding
    return encodings, warnings


def run_import(
    paths: list[Path],
    out: Path,
    config: DedupConfig = DEFAULT_DEDUP,
    now: datetime | None = None,
    accept_drop: bool = False,
    checked: tuple[dict[Path, str], list[str]] | None = None,
) -> ImportResult:
    """Import the exports into OUT's resources/ and removed_blocks/ (one part per file) and runs/.

    `checked`: check_files' answer when the caller already checked the files."""
    started = time.monotonic()
    encodings, warnings = checked or check_files(paths)
    publish.ensure_writable(out)
    now = now or datetime.now(UTC)
    run_id = "import-" + now.strftime("%Y%m%dT%H%M%S%fZ")
    result = ImportResult(run_id, out, warnings=warnings)
    for message in warnings:
        log(f"warning: {message}")
    crawl = crawled_rows(out)
    with publish.Publisher(out, run_id) as publisher:  # commit, or abort on any error
        session = ImportSession(
            processor=Processor(config, "", run_id),  # the crawl path's record builder, cleaner
            now=now,
            publisher=publisher,
            run=run_metadata(run_id, run_id, config),
            result=result,
            crawl_light=crawl.select(imports.JOIN_COLUMNS).to_pylist() if crawl is not None else [],
        )
        for path in paths:
            written = session.import_file(path, encodings[path])
            result.files.append(
                {
                    "file": str(path),
                    "encoding": encodings[path],
                    "resources": written,
                    "warnings": sum(w.startswith(f"{path.name}:") for w in result.warnings),
                }
            )
        session.stage_joined(crawl, {p.name for p in paths})
        result.seconds = time.monotonic() - started
        report = import_report(result)
        report["resources_online"] = (
            online_elsewhere(out, {import_part(p) for p in paths}, crawl)
            + result.counts["resources_written"]
        )
        check_monitors(out, report, accept_drop)
        publisher.stage_report(report, run_files.report_markdown(report))
    return result


@dataclass
class ImportSession:
    """One import run's shared state: the record builder, the publisher, what was seen."""

    processor: Processor
    now: datetime
    publisher: publish.Publisher
    run: dict[str, str]
    result: ImportResult
    crawl_light: list[dict[str, Any]]
    seen: dict[str, str] = field(default_factory=dict)  # resource id -> where it was first read
    joined: dict[str, list[str]] = field(default_factory=dict)  # crawled id -> these sources

    def import_file(self, path: Path, encoding: str) -> int:
        """Split, clean and stage one export file into its own part; the resources written."""
        resources = self.publisher.stream("resources", self.run, import_part(path))
        removed = self.publisher.stream("removed_blocks", self.run, import_part(path))
        splitter = Splitter(self.processor.cleaner, path.name)
        written = 0
        try:
            for resource in splitter.split(units(read_lines(path, encoding))):
                written += self._take(resource, splitter, resources, removed)
        finally:
            resources.close()
            removed.close()
        for message in splitter.warnings:
            log(f"warning: {message}")
        self.result.warnings += splitter.warnings
        joined = self.result.counts["resources_joined_with_crawl"]
        log(
            f"  {path.name}: {written} resources, {joined} joined with the "
            f"crawl so far, {len(splitter.warnings)} warnings"
        )
        return written

    def _take(self, resource, splitter: Splitter, resources, removed) -> bool:
        """One resource of an export: skipped as a repeat, joined with the crawl, or written."""
        counts = self.result.counts
        record, rows = resource_records(resource, self.processor, self.now)
        if record["resource_id"] in self.seen:
            splitter.warn(
                resource.line,
                f"same title and first paragraph as {self.seen[record['resource_id']]}: "
                "imported once",
            )
            counts["resources_skipped_duplicate"] += 1
            return False
        self.seen[record["resource_id"]] = resource.source_url
        match = imports.join([record], self.crawl_light, self.processor.config.import_join_jaccard)
        if match:  # the crawl holds it: one record, with this file as one more source
            self.joined.setdefault(match[record["resource_id"]], []).extend(record["source_urls"])
            counts["resources_joined_with_crawl"] += 1
            return False
        resources.write([record])
        removed.write(rows)
        counts["resources_written"] += 1
        counts["private_resources"] += bool(record["is_private"])
        counts.update(f"removed_{row['reason']}" for row in rows)
        return True

    def stage_joined(self, crawl, files: set[str]) -> None:
        """The crawled rows with this import's file sources, when any were joined or held."""
        if crawl is not None and (
            self.joined or any(imports.file_sources(r["source_urls"]) for r in self.crawl_light)
        ):
            self.publisher.stage("resources", with_sources(crawl, self.joined, files), self.run)


def import_report(result: ImportResult) -> dict[str, Any]:
    """The machine-readable summary of an import run."""
    c = result.counts
    duplicates = sum(
        c[f"removed_{k}"] for k in ("exact_duplicate", "near_duplicate", "summary_copy")
    )
    return {
        "run_id": result.run_id,
        "crawl_id": result.run_id,
        "kind": "import-text",
        "status": "ok_with_warnings" if result.warnings else "ok",
        "finished_at": datetime.now(UTC).isoformat(),
        "processing_seconds": round(result.seconds, 2),
        "files": result.files,
        "resources_written": c["resources_written"],
        "resources_joined_with_crawl": c["resources_joined_with_crawl"],
        "private_resources": c["private_resources"],
        "duplicates_removed": duplicates,
        "removed_blocks_by_reason": {
            k[len("removed_") :]: v for k, v in sorted(c.items()) if k.startswith("removed_")
        },
        "counts": dict(sorted(c.items())),
        "warning_count": len(result.warnings),
        "warnings": result.warnings[:REPORT_WARNINGS],
    }


def summary_line(result: ImportResult) -> str:
    """The line printed at the end of an import."""
    c = result.counts
    parts = ", ".join(import_part(Path(f["file"])) for f in result.files)
    return (
        f"Imported {c['resources_written']} resources from {len(result.files)} file(s) in "
        f"{result.seconds:.1f}s ({c['resources_joined_with_crawl']} already crawled: joined with their "
        f"records), {len(result.warnings)} warnings -> {result.out / 'resources'} ({parts})"
    )
