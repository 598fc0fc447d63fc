"""`rtes-pipeline import-text`: legacy flat-text exports → the dataset, published atomically.

Every file is checked first (text, UTF-8 or cp1252, holds footer labels): a bad file stops the
run before anything is written. Then each file is streamed line by line through
`pipeline.importer.Splitter`, each resource cleaned and written to staging as it comes, and the
tables and the run report are moved into place together (`pipeline.publish.Publisher`). The
import has its own part of each table (`part-legacy-text.parquet`), so it never overwrites the
crawled `part-00000.parquet` when both go to the same DATA_DIR; re-importing replaces it.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pipeline import publish
from pipeline.config import DEFAULT_DEDUP, DedupConfig
from pipeline.errors import PipelineError
from pipeline.importer import Splitter, has_footer_label, read_lines, resource_records, sniff, units
from pipeline.process import Processor, log, run_metadata

IMPORT_PART = "part-legacy-text.parquet"
REPORT_WARNINGS = 1000  # warnings kept in the report (all are counted)


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
            raise PipelineError(f"{path} is not a legacy text export: no footer label (Type de ressource, "
                                "Ressource privée, Résumé, Documents, Catégorie) anywhere; nothing was imported")
        encodings[path] = encoding
    return encodings, warnings


def run_import(paths: list[Path], out: Path, config: DedupConfig = DEFAULT_DEDUP,
               now: datetime | None = None) -> ImportResult:
    """Import the exports into OUT's resources/ and removed_blocks/ (import part) and runs/."""
    started = time.monotonic()
    encodings, warnings = check_files(paths)
    publish.ensure_writable(out)
    now = now or datetime.now(timezone.utc)
    run_id = "import-" + now.strftime("%Y%m%dT%H%M%S%fZ")
    result = ImportResult(run_id, out, warnings=warnings)
    for message in warnings:
        log(f"warning: {message}")
    processor = Processor(config, "", run_id)  # the crawl path's record builder and cleaner
    run = run_metadata(run_id, run_id, config)
    seen: dict[str, str] = {}
    with publish.Publisher(out, run_id, IMPORT_PART) as publisher:  # commit, or abort on any error
        resources = publisher.stream("resources", run)
        removed = publisher.stream("removed_blocks", run)
        for path in paths:
            splitter = Splitter(processor.cleaner, path.name)
            written = 0
            for resource in splitter.split(units(read_lines(path, encodings[path]))):
                record, rows = resource_records(resource, processor, now)
                if record["resource_id"] in seen:
                    splitter.warn(resource.line, f"same title and first paragraph as {seen[record['resource_id']]}: "
                                                 "imported once")
                    result.counts["resources_skipped_duplicate"] += 1
                    continue
                seen[record["resource_id"]] = resource.source_url
                resources.write([record])
                removed.write(rows)
                written += 1
                result.counts["resources_written"] += 1
                result.counts["private_resources"] += bool(record["is_private"])
                result.counts.update(f"removed_{row['reason']}" for row in rows)
            for message in splitter.warnings:
                log(f"warning: {message}")
            result.warnings += splitter.warnings
            result.files.append({"file": str(path), "encoding": encodings[path], "resources": written,
                                 "warnings": len(splitter.warnings)})
            log(f"  {path.name}: {written} resources, {len(splitter.warnings)} warnings")
        resources.close()
        removed.close()
        result.seconds = time.monotonic() - started
        report = import_report(result)
        publisher.stage_report(report, report_markdown(report))
    return result


def import_report(result: ImportResult) -> dict[str, Any]:
    """The machine-readable summary of an import run."""
    c = result.counts
    duplicates = sum(c[f"removed_{k}"] for k in ("exact_duplicate", "near_duplicate", "summary_copy"))
    return {
        "run_id": result.run_id,
        "crawl_id": result.run_id,
        "kind": "import-text",
        "status": "ok_with_warnings" if result.warnings else "ok",
        "finished_at": datetime.now(timezone.utc).isoformat(),
        "processing_seconds": round(result.seconds, 2),
        "files": result.files,
        "resources_written": c["resources_written"],
        "private_resources": c["private_resources"],
        "duplicates_removed": duplicates,
        "removed_blocks_by_reason": {k[len("removed_"):]: v for k, v in sorted(c.items()) if k.startswith("removed_")},
        "counts": dict(sorted(c.items())),
        "warning_count": len(result.warnings),
        "warnings": result.warnings[:REPORT_WARNINGS],
    }


def report_markdown(report: dict[str, Any]) -> str:
    """A short human-readable version of the import report."""
    lines = [f"# Import {report['run_id']}", "", f"- status: {report['status']}",
             f"- resources written: {report['resources_written']}",
             f"- private resources: {report['private_resources']}",
             f"- duplicate blocks removed: {report['duplicates_removed']}",
             f"- processing seconds: {report['processing_seconds']}", "", "## Files", ""]
    lines += [f"- {f['file']} ({f['encoding']}): {f['resources']} resources, {f['warnings']} warnings"
              for f in report["files"]]
    lines += ["", "## Removed blocks by reason", ""]
    lines += [f"- {k}: {v}" for k, v in report["removed_blocks_by_reason"].items()] or ["- none"]
    lines += ["", "## Warnings", ""] + ([f"- {w}" for w in report["warnings"]] or ["- none"])
    return "\n".join(lines) + "\n"


def summary_line(result: ImportResult) -> str:
    """The line printed at the end of an import."""
    c = result.counts
    return (f"Imported {c['resources_written']} resources from {len(result.files)} file(s) in "
            f"{result.seconds:.1f}s, {len(result.warnings)} warnings -> {result.out / 'resources' / IMPORT_PART}")
