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
