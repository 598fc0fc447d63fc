"""report.html and the explain page as a person sees them: opened in headless Chromium.

Checks their content (plots included) and that a hostile crawled page (mirror fault
`hostile_page`: <script> in a 1 MB title, onerror attributes, javascript: and data: links)
never runs script in our pages. Each test leaves a screenshot in its tmp folder (printed).
Skipped only when Chromium is absent outside CI; in CI (CI=true) a missing Chromium fails.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from mirror import faults
from mirror.server import start_in_thread
from mirror.site import build_site

CHROMIUM = (
    shutil.which("chromium")
    or shutil.which("chromium-browser")
    or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
)
IN_CI = os.environ.get("CI", "").lower() == "true"
ROOT = Path(__file__).resolve().parents[1]
SCRIPT_RAN = (
    f"<title>{faults.HOSTILE_MARKER}</title>",
    'data-pwned="',
)  # what a script that ran leaves
VIRTUAL_TIME_MS = "3000"  # lets any script (onerror, timers) run before the DOM is dumped

if CHROMIUM is None and not IN_CI:
    pytest.skip(
        "Chromium not installed (apt-get install chromium); .ci/run installs it",
        allow_module_level=True,
    )


def browse(page: Path, out: Path) -> str:
    """The DOM of `page` after Chromium loaded it (screenshot beside it); fails in CI without Chromium."""
    assert CHROMIUM, "CI must have Chromium: .ci/run installs it"
    common = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={out / 'chromium-profile'}",
        f"--virtual-time-budget={VIRTUAL_TIME_MS}",
    ]
    shot = out / f"{page.stem}.png"
    subprocess.run(
        [*common, "--window-size=1200,3000", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 0
    print(f"screenshot: {shot}")
    dom = subprocess.run(
        [*common, "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "</html>" in dom
    return dom


def assert_no_script_ran(dom: str) -> None:
    for trace in SCRIPT_RAN:
        assert trace not in dom
    assert "<script" not in dom.lower()
    hrefs = re.findall(r'href="([^"]*)"', dom)
    assert hrefs and all(h.startswith(("http://", "https://", "#")) for h in hrefs), hrefs
    assert all('rel="noopener nofollow"' in a for a in re.findall(r'<a href="http[^>]*>', dom))


def cli(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        check=True,
        capture_output=True,
        timeout=600,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> tuple[Path, str]:
    """A crawl of a 30-resource mirror with the hostile page, processed; (DATA_DIR, hostile id)."""
    site = build_site(seed=11, resources=30)
    plan = faults.plan_faults(site, ("hostile_page",))
    server, url = start_in_thread(site, router=faults.faulty_router(site, plan))
    data = tmp_path_factory.mktemp("hostile") / "data"
    try:
        cli("crawl", "--site-url", url, "--data-dir", str(data))
        cli("process", "--site-url", url, "--data-dir", str(data))
    finally:
        server.shutdown()
        server.server_close()
    rows = pq.read_table(data / "resources", columns=["resource_id", "title"]).to_pylist()
    hostile = [r["resource_id"] for r in rows if faults.HOSTILE_MARKER in r["title"]]
    assert len(hostile) == 1  # the dataset keeps the hostile title as text
    return data, hostile[0]


def test_report_html_renders_with_its_plots(hostile_data, tmp_path):
    data, _ = hostile_data
    (report,) = list((data / "runs").glob("*/report.html"))
    assert (report.parent / "report.md").is_file() and (report.parent / "report.json").is_file()
    dom = browse(report, tmp_path)
    for heading in (
        "Summary",
        "What changed",
        "Crawl",
        "Pages by kind",
        "Cleaning",
        "Removed blocks by reason",
        "Monitors",
        "Run history",
    ):
        assert f">{heading}<" in dom
    assert dom.count("<svg") >= 3  # by category, by year, removed by reason (history: first run)
    assert "online resources by category" in dom and 'class="ok"' in dom
    assert_no_script_ran(dom)


def test_explain_page_shows_the_hostile_page_as_text_and_runs_nothing(hostile_data, tmp_path):
    from pipeline.explain import write_html

    data, resource_id = hostile_data
    page = write_html(data, resource_id, tmp_path / f"{resource_id}.html")
    dom = browse(page, tmp_path)
    assert_no_script_ran(dom)
    assert "&lt;script&gt;document.title=" in dom  # the crawled markup is shown, as text
    assert "more characters]" in dom  # the 1 MB title is cut for display
    assert "Page text as crawled" in dom and 'class="block removed"' in dom and "<del" in dom


def test_explain_page_links_a_copy_to_the_block_it_copies(hostile_data, tmp_path):
    from pipeline.explain import write_html

    data, _ = hostile_data
    removed = pq.read_table(data / "removed_blocks").to_pylist()
    copy = next(r for r in removed if r["duplicate_of_position"] is not None)
    dom = browse(write_html(data, copy["resource_id"], tmp_path / "copy.html"), tmp_path)
    target = copy["duplicate_of_position"]
    assert f'copy of <a href="#block-{target}">[{target}]</a>' in dom
    assert f'id="block-{target}"' in dom  # the anchor it points at exists: one numbering
    assert_no_script_ran(dom)


def test_a_report_full_of_hostile_strings_runs_nothing(tmp_path):
    from pipeline.report_html import render

    evil = f'<script>{faults.HOSTILE_SCRIPT}</script><img src=x onerror="{faults.HOSTILE_SCRIPT}">'
    report = {
        "run_id": "r1",
        "status": "failed",
        "failure": f"crawl failed: {evil}",
        "site_url": "javascript:",
        "started_at": "2026-12-01T10:00:00+00:00",
        "finished_at": "2026-12-01T10:00:05+00:00",
        "changes": {"added": [f"/{evil}"], "edited": [], "removed": []},
        "crawl_errors": [
            {"kind": "http_503", "url": f"javascript:{faults.HOSTILE_SCRIPT}", "detail": evil},
            {"kind": "dns", "url": "data:text/html,<script>alert(1)</script>", "detail": evil},
            {"kind": "http_500", "url": "https://www.rtes.fr/a?<b>", "detail": "HTTP 500"},
        ],
        "errors": {evil: 1},
        "monitors": [evil],
        "removed_blocks_by_reason": {evil: 2},
    }
    page = tmp_path / "report.html"
    page.write_text(
        render(
            report, resources=[{"categories": [evil], "published_date": None, "removed_at": None}]
        )
    )
    dom = browse(page, tmp_path)
    assert_no_script_ran(dom)
    assert (
        'class="failed"' in dom and "crawl failed: &lt;script&gt;" in dom
    )  # why, in the step's own words
    assert (
        'href="https://www.rtes.fr/a?%3Cb%3E"' in dom
        or 'href="https://www.rtes.fr/a?&lt;b&gt;"' in dom
    )
