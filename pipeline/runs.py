"""The run reports of a data directory (`DATA_DIR/runs/<run_id>/report.json`), read in time order.

Run ids of different commands do not sort together (`import-…` after `2026…`), so every
reader orders reports by when the run finished, never by folder name.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rtes_core.layout import RUNS_DIR

Report = dict[str, Any]
PUBLISHED_STATUSES = ("ok", "ok_with_warnings")  # a run with one of these published its version


def run_reports(data_dir: Path) -> list[Report]:
    """Every readable run report, oldest first (by finish time)."""
    found = []
    for path in (data_dir / RUNS_DIR).glob("*/report.json"):
        try:
            report = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        report.setdefault("run_id", path.parent.name)
        found.append(report)
    return sorted(found, key=lambda r: (r.get("finished_at") or "", r["run_id"]))


def good_reports(data_dir: Path) -> list[Report]:
    """Reports of the runs that published, oldest first."""
    return [r for r in run_reports(data_dir) if r.get("status") in PUBLISHED_STATUSES]


def latest_report_dir(data_dir: Path) -> Path | None:
    """The folder of the newest run report (by finish time), or None."""
    reports = run_reports(data_dir)
    return data_dir / RUNS_DIR / reports[-1]["run_id"] if reports else None
