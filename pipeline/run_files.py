"""Run report files: written into a version's `_run/`, published to `DATA_DIR/runs/<run_id>/`.

A report is staged inside the version it describes and copied to runs/ after the switch (hard
links, one rename), so a run killed at any moment leaves either no report or a whole one; the
next command repairs a copy cut short (`repair_run_report`).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from rtes_core.layout import RUN_DIR, RUNS_DIR, current_version

REPORT_LISTED_CHANGES = 20  # report.md lists the changed URLs when there are at most this many
# report key → one line of report.md, in this order (a key the report lacks is skipped)
MARKDOWN_KEYS = (
    "crawl_id",
    "strategy",
    "started_at",
    "finished_at",
    "pages_fetched",
    "bytes_downloaded",
    "not_modified",
    "resources_new",
    "resources_changed",
    "resources_unchanged",
    "resources_removed",
    "resources_written",
    "resources_joined_with_crawl",
    "resources_online",
    "private_resources",
    "occurrences_merged",
    "duplicates_removed",
    "fallback_extractions",
    "documents_written",
    "documents_extracted",
    "documents_reused",
    "documents_by_extraction",
    "document_near_duplicates",
    "processing_seconds",
)


def link_tree(source: Path, target: Path) -> None:
    """Hard-link every file of `source` into `target` (same layout), skipping files already there
    and the source's own run report."""
    for file in source.rglob("*"):
        if file.is_file() and file.relative_to(source).parts[0] != RUN_DIR:
            dest = target / file.relative_to(source)
            if not dest.exists():
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.link(file, dest)


def repair_run_report(data_dir: Path) -> None:
    """Copy the published version's report to runs/ when a killed run did not get that far."""
    version = current_version(data_dir)
    if (
        version is not None
        and (version / RUN_DIR).is_dir()
        and not (data_dir / RUNS_DIR / version.name).is_dir()
    ):
        copy_run_report(data_dir, version)


def copy_run_report(data_dir: Path, version: Path) -> None:
    """runs/<run_id>/ from a version's `_run/` (hard links, published by one rename)."""
    temporary = data_dir / ".staging" / f"{version.name}-report"
    if temporary.exists():
        shutil.rmtree(temporary)
    link_tree(version / RUN_DIR, temporary)  # files only: RUN_DIR's own name is below the source
    write_report_dir(data_dir, version.name, temporary)


def write_report_files(folder: Path, report: dict[str, Any], markdown: str) -> None:
    """report.json, report.md and report.html of a run into `folder`."""
    from pipeline.report_html import render_for_folder

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False, default=str)
    )
    (folder / "report.md").write_text(markdown)
    (folder / "report.html").write_text(render_for_folder(folder, report), encoding="utf-8")


def write_report_dir(data_dir: Path, run_id: str, folder: Path) -> None:
    """Move a staged report folder to DATA_DIR/runs/<run_id>/ in one rename."""
    target = data_dir / RUNS_DIR / run_id
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        shutil.rmtree(target)
    os.replace(folder, target)


def report_markdown(report: dict[str, Any]) -> str:
    """report.md: the short human-readable page of a run report (a crawl's processing or an
    import), the sections the report has, in one layout."""
    title = "Import" if report.get("kind") == "import-text" else "Run"
    lines = [f"# {title} {report['run_id']}", "", f"- status: **{report['status']}**"]
    lines += [f"- why: {reason}" for reason in report.get("monitors") or []]
    if report.get("failure"):
        lines.append(f"- failure: {report['failure']}")
    lines += [f"- {key.replace('_', ' ')}: {report[key]}" for key in MARKDOWN_KEYS if key in report]
    for kind, paths in (report.get("changes") or {}).items():
        if paths and len(paths) <= REPORT_LISTED_CHANGES:
            lines.append(f"- {kind}: {', '.join(paths)}")
    if "files" in report:
        lines += _section("Files", [_file_line(f) for f in report["files"]])
    if report.get("fallback_urls"):
        title = "Pages read by the generic fallback (their markup was not recognised)"
        lines += _section(title, [f"- {url}" for url in report["fallback_urls"]])
    removed = report.get("removed_blocks_by_reason") or {}
    lines += _section("Removed blocks by reason", [f"- {k}: {v}" for k, v in removed.items()])
    if "cleaning_steps" in report:
        steps = report["cleaning_steps"] or {}
        lines += _section(
            "Cleaning steps (blocks kept / dropped, seconds)",
            [f"- {k}: {v['kept']} / {v['dropped']}, {v['seconds']} s" for k, v in steps.items()],
        )
    if "errors" in report:
        lines += _section("Errors", [f"- {k}: {v}" for k, v in (report["errors"] or {}).items()])
    if "warnings" in report:
        lines += _section("Warnings", [f"- {w}" for w in report["warnings"]])
    return "\n".join(lines) + "\n"


def _section(title: str, items: list[str]) -> list[str]:
    return ["", f"## {title}", ""] + (items or ["- none"])


def _file_line(file: dict[str, Any]) -> str:
    return f"- {file['file']} ({file['encoding']}): {file['resources']} resources, {file['warnings']} warnings"
