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
import fcntl
import json
import os
import signal
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from pipeline import incremental, monitors, publish, runlog
from pipeline.config import DEFAULT_DEDUP
from pipeline.errors import PipelineError
from pipeline.process import publish_result, report_markdown, run_processing, run_report

LOCK_FILE = ".nightly.lock"
FULL_PASS_EVERY_DAYS = float(os.getenv("NIGHTLY_FULL_EVERY_DAYS", "7"))
HTTP_CACHE_DIR = ".httpcache"
PR_SET_PDEATHSIG = 1  # Linux prctl: signal the child when its parent dies


class RunLock:
    """An exclusive, non-blocking lock on DATA_DIR; released by the OS if the process dies."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_FILE
        self.handle = None

    def __enter__(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "a+")  # noqa: SIM115 - held for the whole run
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.seek(0)
            holder = self.handle.read().strip() or "another process"
            self.handle.close()
            raise PipelineError(f"another nightly run is in progress on {self.path.parent} ({holder}); "
                                "this run did nothing") from None
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(f"pid {os.getpid()} since {datetime.now(timezone.utc):%Y-%m-%d %H:%M:%SZ}")
        self.handle.flush()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()  # closing the descriptor releases the lock


def reports(data_dir: Path) -> list[dict[str, Any]]:
    """Every run report, oldest first."""
    found = []
    for path in (data_dir / "runs").glob("*/report.json"):
        try:
            found.append(json.loads(path.read_text()))
        except (OSError, ValueError):
            continue
    return sorted(found, key=lambda r: r.get("finished_at") or "")


def good_reports(data_dir: Path) -> list[dict[str, Any]]:
    """Reports of the runs that were published, oldest first."""
    return [r for r in reports(data_dir) if r.get("status") == "ok"]


def needs_full_pass(data_dir: Path, ok: list[dict[str, Any]], now: datetime, every_days: float) -> str | None:
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


def crawl(site_url: str, data_dir: Path, crawl_id: str, full: bool, state_path: Path) -> None:
    """Run the crawl in a child process; a non-zero exit is this run's failure."""
    command = [sys.executable, "-m", "pipeline", "crawl", "--site-url", site_url, "--data-dir", str(data_dir),
               "--crawl-id", crawl_id, "--http-cache", "--mode", "full" if full else "incremental",
               "--state", str(state_path)]
    code, message = runlog.run_child(command + (["-v"] if runlog.is_verbose() else []), preexec_fn=_die_with_parent)
    if code != 0:  # the crawl's own message (e.g. "could not reach …: DNS lookup failed"), not just its code
        raise PipelineError(f"{message or f'the crawl failed (exit code {code})'}; the published dataset is unchanged")


def write_failed_report(data_dir: Path, run_id: str, report: dict[str, Any]) -> None:
    """The report of a run that was not published, in DATA_DIR/runs/<run_id>/."""
    folder = data_dir / ".staging" / f"{run_id}-report"
    publish.write_report_files(folder, report, report_markdown(report))
    publish.write_report_dir(data_dir, run_id, folder)


def run_nightly(site_url: str, data_dir: Path, full: bool = False,
                full_every_days: float = FULL_PASS_EVERY_DAYS) -> dict[str, Any]:
    """One nightly run; returns its report. PipelineError (after writing the report) on failure."""
    publish.ensure_writable(data_dir)
    with RunLock(data_dir):
        now = datetime.now(timezone.utc)
        run_id = now.strftime("%Y%m%dT%H%M%S%fZ")
        try:
            return _run_locked(site_url, data_dir, full, full_every_days, now, run_id)
        except PipelineError as exc:
            if not (data_dir / "runs" / run_id).exists():  # monitors already wrote theirs
                write_failed_report(data_dir, run_id, {
                    "run_id": run_id, "started_at": now.isoformat(), "status": "failed",
                    "finished_at": datetime.now(timezone.utc).isoformat(), "failure": str(exc)})
            raise


def _run_locked(site_url: str, data_dir: Path, full: bool, full_every_days: float, now: datetime,
                run_id: str) -> dict[str, Any]:
    """The body of a nightly run, under the lock."""
    started = time.monotonic()
    leftovers = publish.clear_leftovers(data_dir)
    crawl_id = now.strftime("%Y%m%dT%H%M%SZ")
    published = good_reports(data_dir)  # read once: the schedule and the monitors both need them
    why_full = "asked with --full" if full else needs_full_pass(data_dir, published, now, full_every_days)
    print(f"Nightly run {run_id}: {'full pass (' + why_full + ')' if why_full else 'incremental'}"
          f"{f'; cleared {len(leftovers)} leftovers of killed runs' if leftovers else ''}", flush=True)
    state = incremental.load_state(data_dir)
    state_path = data_dir / ".staging" / f"{run_id}-crawl-state.json"
    state_path.parent.mkdir(parents=True, exist_ok=True)
    state_path.write_text(json.dumps(state))
    crawl(site_url, data_dir, crawl_id, bool(why_full), state_path)
    publish.checkpoint("nightly:after-crawl")
    crawl_dir = data_dir / "raw" / f"crawl_id={crawl_id}"
    stats = json.loads((crawl_dir / "_crawl_stats.json").read_text())
    used = stats.get("rtes/incremental/strategy")
    mode = "full" if why_full else used if used in {"sitemap", "listings"} else "listings"
    result = run_processing(data_dir, site_url, crawl_id=crawl_id, run_id=run_id, mode=mode,
                            publish_now=False)
    report = run_report(result)
    report["started_at"] = now.isoformat()  # the run's start (the crawl's), not the processing's
    report["strategy"] = {"full": f"full pass: {why_full}", "sitemap": "sitemap lastmod",
                          "listings": "listings newest-first"}[mode]
    report["monitors"] = monitors.failures(report, published[-1] if published else None)
    publish.checkpoint("nightly:before-publish")
    if report["monitors"]:
        report["status"] = "failed"
        write_failed_report(data_dir, run_id, report)
        raise PipelineError("monitors failed, the previous dataset is kept: " + "; ".join(report["monitors"]))
    publish_result(data_dir, result, DEFAULT_DEDUP, report=report)
    incremental.save_state(data_dir, incremental.updated_state(
        state, publish.iter_raw_pages(crawl_dir), full_pass=mode == "full"))
    state_path.unlink(missing_ok=True)
    report["seconds"] = round(time.monotonic() - started, 1)
    return report


def summary(report: dict[str, Any], data_dir: Path) -> str:
    """The closing lines of a nightly run."""
    return (f"Nightly {report['run_id']} {report['status']} ({report['strategy']}): {report['pages_fetched']} pages, "
            f"{report['bytes_downloaded'] / 1e6:.2f} MB downloaded, {report['not_modified']} not modified (304) | "
            f"resources: {report['resources_new']} new, {report['resources_changed']} changed, "
            f"{report['resources_unchanged']} unchanged, {report['resources_removed']} removed | "
            f"{sum(report['errors'].values())} errors | report: {data_dir / 'runs' / report['run_id'] / 'report.md'}")
