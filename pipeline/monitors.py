"""Monitors, in the spirit of Spidermon: they decide whether a run may be published.

Every publishing command (`nightly`, `process`, `import-text`) asks them before it publishes.
Each monitor looks at the run's report and the recent good runs' reports and returns a reason
to fail, or None. A failed monitor keeps the previous dataset and makes the exit code 1
(`--accept-drop` publishes anyway, for a drop the user knows is real). The baseline of the
online count is the highest of the last RECENT_GOOD_RUNS good runs, not the last one: a run
that slipped through with too few resources must not lower the bar for the next.
Thresholds can be tuned from the environment (`MONITOR_…`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

Report = dict[str, Any]

# The site may lose a few resources a night; losing this share at once is a broken crawl
# (an emptied listing, a template change), not editorial work.
MIN_ONLINE_RATIO = float(os.getenv("MONITOR_MIN_ONLINE_RATIO", "0.8"))
# Errors (HTTP errors after retries, extraction and cleaning failures) per page fetched.
MAX_ERROR_RATE = float(os.getenv("MONITOR_MAX_ERROR_RATE", "0.10"))
# Share of this run's extractions that needed the generic fallback, and how much above the
# last good run's share it may climb: a jump means the site's markup changed.
MAX_FALLBACK_SHARE = float(os.getenv("MONITOR_MAX_FALLBACK_SHARE", "0.10"))
FALLBACK_SPIKE_MARGIN = float(os.getenv("MONITOR_FALLBACK_SPIKE_MARGIN", "0.05"))
# Good runs whose highest online count is the baseline of `too_few_resources`.
RECENT_GOOD_RUNS = int(os.getenv("MONITOR_RECENT_GOOD_RUNS", "7"))


def online_count(report: Report) -> int:
    return int(report.get("resources_online", report.get("resources_written", 0)))


def too_few_resources(report: Report, recent: list[Report]) -> str | None:
    """Fewer resources online than MIN_ONLINE_RATIO of the best of the recent good runs."""
    best = max(recent, key=online_count, default=None)
    if best is None or online_count(best) == 0:
        return None if online_count(report) > 0 else "no resource online"
    floor = MIN_ONLINE_RATIO * online_count(best)
    if online_count(report) < floor:
        return (
            f"too few resources: {online_count(report)} online, the good run {best.get('run_id')} "
            f"had {online_count(best)} (minimum {floor:.0f}, {MIN_ONLINE_RATIO:.0%})"
        )
    return None


def too_many_errors(report: Report, recent: list[Report]) -> str | None:
    """More errors than MAX_ERROR_RATE of the pages fetched."""
    errors = sum(report.get("errors", {}).values())
    pages = max(int(report.get("pages_fetched", 0)), 1)
    if errors / pages > MAX_ERROR_RATE:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(report["errors"].items()))
        return f"too many errors: {errors} for {pages} pages ({kinds})"
    return None


def fallback_spike(report: Report, recent: list[Report]) -> str | None:
    """The generic fallback extraction suddenly used for many pages (the markup changed)."""
    last_good = recent[-1] if recent else None
    extractions = sum(v for k, v in report.get("counts", {}).items() if k.startswith("extraction_"))
    if not extractions:
        return None
    share = report.get("fallback_extractions", 0) / extractions
    before = 0.0
    if last_good:
        previous = sum(
            v for k, v in last_good.get("counts", {}).items() if k.startswith("extraction_")
        )
        before = last_good.get("fallback_extractions", 0) / previous if previous else 0.0
    if share > MAX_FALLBACK_SHARE and share > before + FALLBACK_SPIKE_MARGIN:
        return (
            f"fallback extraction spike: {share:.0%} of {extractions} extractions "
            f"(last good run {before:.0%}): the site's markup may have changed"
        )
    return None


MONITORS: tuple[Callable[[Report, list[Report]], str | None], ...] = (
    too_few_resources,
    too_many_errors,
    fallback_spike,
)


def failures(report: Report, good: list[Report]) -> list[str]:
    """The reasons the run must not be published (empty: publish); `good` oldest first."""
    recent = good[-RECENT_GOOD_RUNS:]
    return [reason for monitor in MONITORS if (reason := monitor(report, recent))]
