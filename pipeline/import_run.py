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

from pipeline import imports, publish
from pipeline.config import DEFAULT_DEDUP, DedupConfig
from pipeline.errors import PipelineError
from pipeline.importer import Splitter, has_footer_label, read_lines, resource_records, sniff, units
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
    processor = Processor(config, "", run_id)  # the crawl path's record builder and cleaner
    run = run_metadata(run_id, run_id, config)
    crawl = crawled_rows(out)
    crawl_light = crawl.select(imports.JOIN_COLUMNS).to_pylist() if crawl is not None else []
    seen: dict[str, str] = {}
    joined: dict[str, list[str]] = {}  # crawled resource id → this import's sources of it
    with publish.Publisher(out, run_id) as publisher:  # commit, or abort on any error
        for path in paths:
            written = import_file(
                path,
                encodings[path],
                processor,
                now,
                publisher,
                run,
                result,
                seen,
                crawl_light,
                joined,
            )
            result.files.append(
                {
                    "file": str(path),
                    "encoding": encodings[path],
                    "resources": written,
                    "warnings": sum(w.startswith(f"{path.name}:") for w in result.warnings),
                }
            )
        if crawl is not None and (
            joined or any(imports.file_sources(r["source_urls"]) for r in crawl_light)
        ):
            publisher.stage("resources", with_sources(crawl, joined, {p.name for p in paths}), run)
        result.seconds = time.monotonic() - started
        report = import_report(result)
        report["resources_online"] = (
            online_elsewhere(out, {import_part(p) for p in paths}, crawl)
            + result.counts["resources_written"]
        )
        check_monitors(out, report, accept_drop)
        publisher.stage_report(report, report_markdown(report))
    return result


def import_file(
    path: Path,
    encoding: str,
    processor: Processor,
    now: datetime,
    publisher: publish.Publisher,
    run: dict[str, str],
    result: ImportResult,
    seen: dict[str, str],
    crawl_light: list[dict[str, Any]],
    joined: dict[str, list[str]],
) -> int:
    """Split, clean and stage one export file into its own part; returns the resources written."""
    resources = publisher.stream("resources", run, import_part(path))
    removed = publisher.stream("removed_blocks", run, import_part(path))
    splitter = Splitter(processor.cleaner, path.name)
    written = 0
    try:
        for resource in splitter.split(units(read_lines(path, encoding))):
            record, rows = resource_records(resource, processor, now)
            if record["resource_id"] in seen:
                splitter.warn(
                    resource.line,
                    f"same title and first paragraph as {seen[record['resource_id']]}: "
                    "imported once",
                )
                result.counts["resources_skipped_duplicate"] += 1
                continue
            seen[record["resource_id"]] = resource.source_url
            match = imports.join([record], crawl_light, processor.config.import_join_jaccard)
            if match:  # the crawl holds it: one record, with this file as one more source
                joined.setdefault(match[record["resource_id"]], []).extend(record["source_urls"])
                result.counts["resources_joined_with_crawl"] += 1
                continue
            resources.write([record])
            removed.write(rows)
            written += 1
            result.counts["resources_written"] += 1
            result.counts["private_resources"] += bool(record["is_private"])
            result.counts.update(f"removed_{row['reason']}" for row in rows)
    finally:
        resources.close()
        removed.close()
    for message in splitter.warnings:
        log(f"warning: {message}")
    result.warnings += splitter.warnings
    log(
        f"  {path.name}: {written} resources, {result.counts['resources_joined_with_crawl']} joined with the "
        f"crawl so far, {len(splitter.warnings)} warnings"
    )
    return written


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


def report_markdown(report: dict[str, Any]) -> str:
    """A short human-readable version of the import report."""
    lines = [
        f"# Import {report['run_id']}",
        "",
        f"- status: {report['status']}",
        f"- resources written: {report['resources_written']}",
        f"- private resources: {report['private_resources']}",
        f"- duplicate blocks removed: {report['duplicates_removed']}",
        f"- processing seconds: {report['processing_seconds']}",
        "",
        "## Files",
        "",
    ]
    lines += [
        f"- {f['file']} ({f['encoding']}): {f['resources']} resources, {f['warnings']} warnings"
        for f in report["files"]
    ]
    lines += ["", "## Removed blocks by reason", ""]
    lines += [f"- {k}: {v}" for k, v in report["removed_blocks_by_reason"].items()] or ["- none"]
    lines += ["", "## Warnings", ""] + ([f"- {w}" for w in report["warnings"]] or ["- none"])
    return "\n".join(lines) + "\n"


def summary_line(result: ImportResult) -> str:
    """The line printed at the end of an import."""
    c = result.counts
    parts = ", ".join(import_part(Path(f["file"])) for f in result.files)
    return (
        f"Imported {c['resources_written']} resources from {len(result.files)} file(s) in "
        f"{result.seconds:.1f}s ({c['resources_joined_with_crawl']} already crawled: joined with their "
        f"records), {len(result.warnings)} warnings -> {result.out / 'resources'} ({parts})"
    )
