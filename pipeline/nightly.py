"""`rtes-pipeline nightly`: crawl what changed, process, check, publish — or keep yesterday's data.

One run at a time (a lock on DATA_DIR). The crawl runs in a child process (Twisted's reactor
runs once per process; the child dies with its parent). Strategy, best first: the sitemap's
`<lastmod>`; else the listings newest-first until a page whose resources are all known and
unchanged; conditional requests (Scrapy's HTTP cache, RFC 2616 policy) wherever the site sends
validators; and a full pass every FULL_PASS_EVERY_DAYS days or on `--full`, which catches what
the signals miss (removals without a sitemap, edits of old resources). Monitors decide whether
the result is published; a failed or killed run leaves the published dataset as it was, and
the next run clears what it left behind.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pipeline import publish, runlog
from pipeline.config import DEFAULT_DEDUP
from pipeline.errors import PipelineError
from pipeline.lock import RunLock
from pipeline.process import (
    check_monitors,
    publish_result,
    run_processing,
    run_report,
    write_failed_report,
)
from pipeline.runs import good_reports
from rtes_core import incremental

__all__ = ["RunLock", "run_nightly", "summary"]  # RunLock: the one lock of every publishing command

FULL_PASS_EVERY_DAYS = float(os.getenv("NIGHTLY_FULL_EVERY_DAYS", "7"))
HTTP_CACHE_DIR = ".httpcache"
PR_SET_PDEATHSIG = 1  # Linux prctl: signal the child when its parent dies


def needs_full_pass(
    data_dir: Path, ok: list[dict[str, Any]], now: datetime, every_days: float
) -> str | None:
    """Why this run must be a full pass, or None when an incremental one will do."""
    if not ok or publish.current_version(data_dir) is None:
        return "no published dataset yet"
    fulls = [datetime.fromisoformat(r["finished_at"]) for r in ok if r.get("mode") == "full"]
    if not fulls:
        return "no full pass recorded"
    age = now - max(fulls)
    if age >= timedelta(days=every_days):
        return f"last full pass {age.days} days ago (every {every_days:g} days)"
    return None


def _die_with_parent() -> None:
    """In the crawl child: get SIGTERM when the nightly process dies (Linux), never run orphaned."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass


def crawl(
    site_url: str, data_dir: Path, crawl_id: str, full: bool, state_path: Path, lock: RunLock
) -> None:
    """Run the crawl in a child process (under this run's lock); a non-zero exit is this run's failure."""
    command = runlog.crawl_command(site_url, data_dir) + [
        "--crawl-id",
        crawl_id,
        "--http-cache",
        "--mode",
        "full" if full else "incremental",
        "--state",
        str(state_path),
    ]
    code, message = runlog.run_child(
        command + (["-v"] if runlog.is_verbose() else []),
        preexec_fn=_die_with_parent,
        env=lock.child_env(),
    )
    if (
        code != 0
    ):  # the crawl's own message (e.g. "could not reach …: DNS lookup failed"), not just its code
        raise PipelineError(
            f"{message or f'the crawl failed (exit code {code})'}; the published dataset is unchanged"
        )


def run_nightly(
    site_url: str,
    data_dir: Path,
    full: bool = False,
    full_every_days: float = FULL_PASS_EVERY_DAYS,
    accept_drop: bool = False,
) -> dict[str, Any]:
    """One nightly run; returns its report. PipelineError (after writing the report) on failure."""
    publish.ensure_writable(data_dir)
    with RunLock(data_dir, "nightly") as lock:
        now = datetime.now(UTC)
        run_id = now.strftime("%Y%m%dT%H%M%S%fZ")
        try:
            return _run_locked(
                site_url, data_dir, full, full_every_days, now, run_id, lock, accept_drop
            )
        except PipelineError as exc:
            if not (data_dir / "runs" / run_id).exists():  # monitors already wrote theirs
                write_failed_report(
                    data_dir,
                    run_id,
                    {
                        "run_id": run_id,
                        "started_at": now.isoformat(),
                        "status": "failed",
                        "finished_at": datetime.now(UTC).isoformat(),
                        "failure": str(exc),
                    },
                )
            raise


def _run_locked(
    site_url: str,
    data_dir: Path,
    full: bool,
    full_every_days: float,
    now: datetime,
    run_id: str,
    lock: RunLock,
    accept_drop: bool,
) -> dict[str, Any]:
    """The body of a nightly run, under the lock."""
    started = time.monotonic()
    leftovers = publish.clear_leftovers(data_dir)
    crawl_id = now.strftime("%Y%m%dT%H%M%SZ")
    why_full = (
        "asked with --full"
        if full
        else needs_full_pass(data_dir, good_reports(data_dir), now, full_every_days)
    )
    print(
        f"Nightly run {run_id}: {'full pass (' + why_full + ')' if why_full else 'incremental'}"
        f"{f'; cleared {len(leftovers)} leftovers of killed runs' if leftovers else ''}",
        flush=True,
    )
    state = incremental.load_state(data_dir)
    state_path = _stage_state(data_dir, run_id, state)
    crawl(site_url, data_dir, crawl_id, bool(why_full), state_path, lock)
    publish.checkpoint("nightly:after-crawl")
    crawl_dir = data_dir / "raw" / f"crawl_id={crawl_id}"
    result = run_processing(data_dir, site_url, crawl_id=crawl_id, run_id=run_id, publish_now=False)
    mode = result.mode  # what the crawl covered, from its manifest
    report = run_report(result)
    report["started_at"] = now.isoformat()  # the run's start (the crawl's), not the processing's
    report["strategy"] = strategy_name(mode, why_full)
    publish.checkpoint("nightly:before-publish")
    check_monitors(data_dir, report, accept_drop)
    publish_result(data_dir, result, DEFAULT_DEDUP, report=report)
    incremental.save_state(
        data_dir,
        incremental.updated_state(
            state, publish.iter_raw_pages(crawl_dir), full_pass=mode == "full"
        ),
    )
    state_path.unlink(missing_ok=True)
    publish.prune_raw(data_dir, keep={crawl_id})
    report["seconds"] = round(time.monotonic() - started, 1)
    return report


def _stage_state(data_dir: Path, run_id: str, state: dict[str, Any]) -> Path:
    """The crawl state of earlier runs, written where the crawl child reads it."""
    state_path = data_dir / ".staging" / f"{run_id}-crawl-state.json"
    state_path.parent.mkdir(parents=True, exist_ok=True)
    state_path.write_text(json.dumps(state))
    return state_path


def strategy_name(mode: str, why_full: str | None) -> str:
    """How the report names what the crawl covered."""
    return {
        "full": f"full pass: {why_full}",
        "sitemap": "sitemap lastmod",
        "listings": "listings newest-first",
        "partial": "full pass with failed listings (no removal inferred)",
    }[mode]


def summary(report: dict[str, Any], data_dir: Path) -> str:
    """The closing lines of a nightly run."""
    return (
        f"Nightly {report['run_id']} {report['status']} ({report['strategy']}): {report['pages_fetched']} pages, "
        f"{report['bytes_downloaded'] / 1e6:.2f} MB downloaded, {report['not_modified']} not modified (304) | "
        f"resources: {report['resources_new']} new, {report['resources_changed']} changed, "
        f"{report['resources_unchanged']} unchanged, {report['resources_removed']} removed | "
        f"{sum(report['errors'].values())} errors | report: {data_dir / 'runs' / report['run_id'] / 'report.md'}"
    )
