"""What a nightly downloads, day after day, on the offline mirror (`make bench-nightly`).

Three scenarios, each on a fresh data directory and one fixed port (conditional requests are
keyed by URL): the site with its sitemap; without a sitemap (category listings newest-first);
without a sitemap but with Drupal's page cache on (validators on HTML, so 304s). Each runs
`rtes-pipeline nightly` as the schedule does and reads its report; the day-1 changes are
compared with the mirror's own list of changes. Writes datasets/bench/nightly.json and prints a
Markdown table for the README.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from mirror.changes import changes_between
from mirror.server import start_in_thread
from mirror.site import DEFAULT_RESOURCES, DEFAULT_SEED, build_site

OUT = Path("datasets/bench/nightly.json")
BYTES_PER_MB = 1_000_000
# (label, day, --full) steps of each scenario, in order, on one data directory.
STEPS = (
    ("first run", 0, False),
    ("second run", 0, False),
    ("next day", 1, False),
    ("next day, --full", 1, True),
)
SCENARIOS = {
    "sitemap": {"sitemap": True, "page_cache": False},
    "no sitemap": {"sitemap": False, "page_cache": False},
    "no sitemap, page cache": {"sitemap": False, "page_cache": True},
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def nightly(site_url: str, data_dir: Path, full: bool) -> dict:
    """One scheduled run in its own process, as cron runs it; its report."""
    args = [
        sys.executable,
        "-m",
        "pipeline",
        "nightly",
        "--site-url",
        site_url,
        "--data-dir",
        str(data_dir),
    ]
    done = subprocess.run([*args, *(["--full"] if full else [])], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"bench-nightly: the nightly failed: {done.stderr.strip()[-300:]}")
    reports = sorted((data_dir / "runs").glob("*/report.json"))
    return json.loads(reports[-1].read_text(encoding="utf-8"))


def run_scenario(name: str, options: dict, sites: dict) -> list[dict]:
    port, rows = free_port(), []
    with tempfile.TemporaryDirectory(prefix="rtes-bench-nightly-") as tmp:
        for label, day, full in STEPS:
            server, url = start_in_thread(sites[day], port, **options)
            try:
                report = nightly(url, Path(tmp) / "data", full)
            finally:
                server.shutdown()
                server.server_close()
            rows.append(row_of(name, label, day, full, report))
            print(f"[bench-nightly] {name}: {label}: {rows[-1]['mb']:.2f} MB", file=sys.stderr)
    return rows


def row_of(scenario: str, label: str, day: int, full: bool, report: dict) -> dict:
    strategy = report.get("strategy") or {}
    return {
        "scenario": scenario,
        "run": label,
        "day": day,
        "full": full,
        "strategy": strategy.get("name") if isinstance(strategy, dict) else strategy,
        "pages_fetched": report.get("pages_fetched"),
        "mb": (report.get("bytes_downloaded") or 0) / BYTES_PER_MB,
        "not_modified": report.get("not_modified") or 0,
        "new": report.get("resources_new"),
        "changed": report.get("resources_changed"),
        "removed": report.get("resources_removed"),
    }


def markdown(rows: list[dict], truth: dict) -> str:
    first = {r["scenario"]: r["mb"] for r in rows if r["run"] == "first run"}
    lines = [
        "| scenario | run | strategy | downloaded | 304s | new / changed / removed |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        share = (
            f" ({100 * r['mb'] / first[r['scenario']]:.1f}% of the first)"
            if r["run"] != "first run"
            else ""
        )
        lines.append(
            f"| {r['scenario']} | {r['run']} | {r['strategy']} | {r['mb']:.2f} MB{share} | "
            f"{r['not_modified']} | {r['new']} / {r['changed']} / {r['removed']} |"
        )
    lines.append(f"\nThe mirror's own changes from day 0 to day 1: {truth}")
    return "\n".join(lines)


def main() -> int:
    sites = {day: build_site(DEFAULT_SEED, DEFAULT_RESOURCES, day=day) for day in (0, 1)}
    changes = changes_between(DEFAULT_SEED, DEFAULT_RESOURCES, 0, 1)
    truth = {key: len(value) for key, value in changes.items()}
    rows = [
        row for name, options in SCENARIOS.items() for row in run_scenario(name, options, sites)
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"rows": rows, "truth_day_0_to_1": truth}, indent=2, default=str))
    print(markdown(rows, truth))
    return 0


if __name__ == "__main__":
    sys.exit(main())
