"""The command line as a user meets it: one line and exit 2 for every bad argument, help texts
that give each option's default, short honest output, a fast verdict on an unreachable site."""

from __future__ import annotations

import argparse
import os
import pty
import select
import socket
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline import lastdir
from pipeline.cli import build_parser

PREFIX = "rtes-pipeline: error:"
MAX_QUIET_LINES = 15  # what a crawl or a nightly of the mirror may print without -v
MAX_FAILURE_LINES = 3  # what an unreachable site may print
ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )


def one_usage_line(done: subprocess.CompletedProcess) -> str:
    """The whole output of a rejected command: one error line on stderr, exit 2, no traceback."""
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(PREFIX)
    assert "Traceback" not in done.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("demo", "--resources", "-5"), "argument --resources: must be 1 or more, not -5"),
        (("demo", "--resources", "many"), "argument --resources: must be an integer"),
        (("demo", "--theme", "99"), "argument --theme: the mirror has themes 1, 2, 3"),
        (
            ("mirror", "serve", "--port", "80000"),
            "argument --port: must be between 0 and 65535, not 80000",
        ),
        (("mirror",), "the following arguments are required: {serve,truth,changes}"),
        (
            ("nightly", "--full-every-days", "-3"),
            "argument --full-every-days: must be more than 0, not -3",
        ),
        (("nightly", "--full-every-days", "0"), "must be more than 0"),
        (("mirror", "truth", "--resources", "0", "--out", "/tmp/never.jsonl"), "must be 1 or more"),
        (("explain", "node-1", "--out", "x.html"), "--out goes with --html"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(args, expected):
    assert expected in one_usage_line(cli(*args))


def test_unknown_option_of_a_sub_command_shows_that_sub_command_usage():
    line = one_usage_line(cli("crawl", "--bogus"))
    assert "unrecognized arguments: --bogus" in line
    assert "usage: rtes-pipeline crawl " in line and "--site-url" in line
    assert "COMMAND" not in line  # not the top-level usage


def test_import_text_of_a_directory_or_a_missing_file(tmp_path):
    line = one_usage_line(cli("import-text", str(tmp_path), "--out", str(tmp_path / "out")))
    assert f"{tmp_path} is a directory" in line and "*.txt" in line
    line = one_usage_line(
        cli("import-text", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out"))
    )
    assert "no such file" in line and "nope.txt" in line
    assert not (tmp_path / "out").exists()


def test_a_bad_environment_default_is_a_usage_error():
    line = one_usage_line(cli("nightly", "--help", env={"NIGHTLY_FULL_EVERY_DAYS": "-1"}))
    assert "NIGHTLY_FULL_EVERY_DAYS must be more than 0" in line


def test_port_in_use_names_the_port():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        line = one_usage_line(cli("mirror", "serve", "--port", str(port)))
    assert f"127.0.0.1:{port}" in line and "in use" in line


def test_version():
    done = cli("--version")
    assert done.returncode == 0
    assert done.stdout.startswith("rtes-pipeline ") and done.stdout.strip().split()[-1][0].isdigit()


def _sub_parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize(
    "command", ["crawl", "process", "demo", "import-text", "nightly", "explain"]
)
def test_every_option_says_its_default(command):
    sub = _sub_parsers(build_parser())[command]
    options = [
        a for a in sub._actions if a.option_strings and not isinstance(a, argparse._HelpAction)
    ]
    assert options
    for action in options:
        assert action.help and "default" in action.help, action.option_strings


def test_process_help_does_not_call_the_site_url_the_site_to_crawl():
    done = cli("process", "--help")
    assert done.returncode == 0
    assert "site to crawl" not in done.stdout
    assert "the site the crawl came from" in " ".join(done.stdout.split())


def test_last_data_dir_is_recorded_and_read(tmp_path, monkeypatch):
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    (checkout / "pyproject.toml").write_text("")
    monkeypatch.setattr(lastdir, "CHECKOUT_ROOT", checkout)
    monkeypatch.delenv("DATA_DIR", raising=False)
    assert lastdir.reading_default("datasets") == Path("datasets")  # nothing recorded yet
    data = tmp_path / "my data"
    data.mkdir()
    lastdir.remember(data)
    assert (checkout / ".last-data-dir").read_text() == f"{data.resolve()}\n"
    assert lastdir.reading_default("datasets") == data.resolve()
    monkeypatch.setenv("DATA_DIR", "/elsewhere")
    assert lastdir.reading_default("datasets") == Path("/elsewhere")  # the environment wins


def test_last_data_dir_is_not_written_outside_a_checkout(tmp_path, monkeypatch):
    monkeypatch.setattr(lastdir, "CHECKOUT_ROOT", tmp_path)  # no pyproject.toml: an installed copy
    lastdir.remember(tmp_path)
    assert not (tmp_path / ".last-data-dir").exists()
    assert lastdir.last_data_dir() is None


# --- what a run prints -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mirror_url():
    from mirror.server import start_in_thread
    from mirror.site import build_site

    server, url = start_in_thread(build_site(seed=7, resources=40))
    yield url
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def in_pty(*args: str) -> tuple[int, str]:
    """Run the CLI on a pseudo-terminal (stdout and stderr a TTY, as in a shell); (exit, output)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: exec the command on the terminal
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, "-m", "pipeline", *args])
    chunks = []
    while True:
        ready, _, _ = select.select([fd], [], [], 300)
        if not ready:
            break
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode("utf-8", "replace")


def test_a_crawl_of_the_mirror_is_quiet_on_a_pipe(mirror_url, tmp_path):
    done = cli("crawl", "--site-url", mirror_url, "--data-dir", str(tmp_path))
    assert done.returncode == 0, done.stderr
    lines = (done.stdout + done.stderr).splitlines()
    assert 1 <= len(lines) <= MAX_QUIET_LINES, lines
    assert lines[-1].startswith("crawl ") and " OK | " in lines[-1]
    assert "Versions:" not in done.stderr and "Crawled " not in done.stderr
    logs = list((tmp_path / "logs").glob("*-crawl.log"))
    assert (
        len(logs) == 1 and "Spider closed (finished)" in logs[0].read_text()
    )  # the full log is kept


def test_a_crawl_of_the_mirror_is_quiet_on_a_terminal(mirror_url, tmp_path):
    code, output = in_pty("crawl", "--site-url", mirror_url, "--data-dir", str(tmp_path))
    assert code == 0, output
    lines = [line for line in output.replace("\r\n", "\n").split("\n") if line.strip()]
    assert 1 <= len(lines) <= MAX_QUIET_LINES, lines
    assert " OK | " in lines[-1]


def test_verbose_shows_the_full_log(mirror_url, tmp_path):
    done = cli("crawl", "--site-url", mirror_url, "--data-dir", str(tmp_path), "-v")
    assert done.returncode == 0
    assert (
        "Spider closed (finished)" in done.stderr
        and len(done.stderr.splitlines()) > MAX_QUIET_LINES
    )


def test_a_nightly_of_the_mirror_is_quiet_on_a_pipe(mirror_url, tmp_path):
    done = cli("nightly", "--site-url", mirror_url, "--data-dir", str(tmp_path))
    assert done.returncode == 0, done.stderr
    lines = (done.stdout + done.stderr).splitlines()
    assert 2 <= len(lines) <= MAX_QUIET_LINES, lines
    assert lines[-1].startswith("Nightly ") and " ok " in lines[-1]
    assert any(p.name.endswith("-nightly.log") for p in (tmp_path / "logs").iterdir())


@pytest.mark.parametrize("site", ["closed_port", "http://nonexistent.invalid"])
def test_an_unreachable_site_is_one_line(site, tmp_path):
    url = f"http://127.0.0.1:{_closed_port()}" if site == "closed_port" else site
    done = cli("crawl", "--site-url", url, "--data-dir", str(tmp_path))
    assert done.returncode == 1
    lines = (done.stdout + done.stderr).splitlines()
    assert 1 <= len(lines) <= MAX_FAILURE_LINES, lines
    assert lines[-1].startswith(f"{PREFIX} crawl failed: could not reach {url}")
    assert "Traceback" not in done.stderr
    log = next((tmp_path / "logs").glob("*-crawl.log")).read_text()
    assert (
        "site_unreachable" in log and "Gave up retrying" not in log
    )  # stopped, not retried 4 times


def test_a_nightly_of_an_unreachable_site_reports_the_crawl_s_own_message(tmp_path):
    import json

    url = f"http://127.0.0.1:{_closed_port()}"
    done = cli("nightly", "--site-url", url, "--data-dir", str(tmp_path))
    assert done.returncode == 1
    lines = (done.stdout + done.stderr).splitlines()
    assert len(lines) <= MAX_FAILURE_LINES, lines
    assert sum(line.startswith(PREFIX) for line in lines) == 1
    assert f"could not reach {url}" in lines[-1] and "Connection" in lines[-1]
    report = json.loads(next((tmp_path / "runs").glob("*/report.json")).read_text())
    assert report["status"] == "failed" and f"could not reach {url}" in report["failure"]


# --- robots.txt Crawl-delay ---------------------------------------------------------------------


class FakeRobots:
    def __init__(self, delay):
        self.delay = delay

    def crawl_delay(self, agent):
        return self.delay


def _crawler(download_delay: float):
    from scrapy.settings import Settings
    from scrapy.statscollectors import MemoryStatsCollector

    slot = SimpleNamespace(delay=download_delay)
    throttle = SimpleNamespace(mindelay=download_delay)
    crawler = SimpleNamespace(
        settings=Settings(
            {
                "ROBOTSTXT_CRAWL_DELAY_OBEY": True,
                "ROBOTSTXT_CRAWL_DELAY_MAX": 60.0,
                "DOWNLOAD_DELAY": download_delay,
                "USER_AGENT": "rtes-pipeline/0.1",
            }
        ),
        engine=SimpleNamespace(
            downloader=SimpleNamespace(_get_slot=lambda request: ("host", slot))
        ),
        extensions=SimpleNamespace(middlewares=[throttle]),
        signals=SimpleNamespace(connect=lambda *a, **k: None),
    )
    crawler.stats = MemoryStatsCollector(crawler)
    return crawler, slot, throttle


def test_robots_crawl_delay_raises_the_download_delay():
    from spiders.progress import CrawlDelay

    crawler, slot, throttle = _crawler(1.0)
    CrawlDelay.from_crawler(crawler).robots_parsed(FakeRobots(5.0), request=None)
    assert slot.delay == 5.0 and throttle.mindelay == 5.0  # AutoThrottle cannot go below it either
    assert crawler.stats.get_value("rtes/robots/crawl_delay") == 5.0


def test_robots_crawl_delay_never_lowers_our_delay_and_is_capped():
    from spiders.progress import CrawlDelay

    crawler, slot, _ = _crawler(2.0)
    CrawlDelay.from_crawler(crawler).robots_parsed(FakeRobots(0.5), request=None)
    assert slot.delay == 2.0
    crawler, slot, _ = _crawler(1.0)
    CrawlDelay.from_crawler(crawler).robots_parsed(FakeRobots(3600), request=None)
    assert slot.delay == 60.0  # ROBOTSTXT_CRAWL_DELAY_MAX


def test_user_agent_names_a_contact_url():
    from spiders import settings

    assert "REPLACE-ME" not in settings.USER_AGENT
    assert f"+{settings.PROJECT_URL}" in settings.USER_AGENT and settings.PROJECT_URL.startswith(
        "https://"
    )


def test_a_failed_nightly_s_html_report_says_why(tmp_path):
    url = f"http://127.0.0.1:{_closed_port()}"
    assert cli("nightly", "--site-url", url, "--data-dir", str(tmp_path)).returncode == 1
    page = next((tmp_path / "runs").glob("*/report.html")).read_text()
    assert 'class="failed"' in page and f"could not reach {url}" in page and "Connection" in page


def test_plain_progress_lines_grow_further_apart(monkeypatch):
    """Off a terminal: a line after 30 s, then 60, 120 … at most every 600 s (a cron mail stays short)."""
    import io

    from spiders import progress

    clock = [0.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(progress, "call_later", lambda delay, fn: None)
    crawler = _crawler(1.0)[0]
    stream = io.StringIO()
    display = progress.CrawlProgress(crawler, stream=stream)
    for second in range(0, 3600, 5):  # an hour of ticks
        clock[0] = float(second)
        display.tick()
    lines = stream.getvalue().splitlines()
    assert 5 <= len(lines) <= 12, lines
    assert lines[0].startswith("crawl: 0 of 0 pages, 0.00 MB, 0 errors")


def _demo_dir_chosen(monkeypatch, tmp_path, *args: str, env_dir: str | None = None) -> Path:
    """The data dir `rtes-pipeline demo ARGS` would run in (the run itself replaced)."""
    from pipeline import cli as cli_module
    from pipeline import demo

    chosen: list[Path] = []
    monkeypatch.setattr(demo, "run_demo", lambda data_dir, **_: chosen.append(data_dir) or 0)
    monkeypatch.setattr(cli_module, "_record", lambda data_dir: None)
    if env_dir is None:
        monkeypatch.delenv("DATA_DIR", raising=False)
    else:
        monkeypatch.setenv("DATA_DIR", env_dir)
    args = build_parser().parse_args(["demo", *args])
    assert args.func(args) == 0
    return chosen[0]


def test_the_default_demo_runs_in_datasets_demo(monkeypatch, tmp_path):
    assert _demo_dir_chosen(monkeypatch, tmp_path) == Path("datasets/demo")


def test_another_mirror_gets_a_demo_folder_of_its_own(monkeypatch, tmp_path):
    """150 resources then 90 of another mirror in one folder read as a 40% loss to the drop
    guard, and the second demo refused to publish: each mirror is its own site."""
    chosen = _demo_dir_chosen(
        monkeypatch, tmp_path, "--theme", "5", "--seed", "37", "--resources", "90"
    )
    assert chosen == Path("datasets/demo-theme5-seed37-r90")
    assert _demo_dir_chosen(monkeypatch, tmp_path, "--seed", "37") == Path("datasets/demo-seed37")


def test_a_named_data_dir_wins_over_the_demo_folders(monkeypatch, tmp_path):
    named = str(tmp_path / "mine")
    assert _demo_dir_chosen(monkeypatch, tmp_path, "--theme", "5", env_dir=named) == Path(named)
    chosen = _demo_dir_chosen(monkeypatch, tmp_path, "--data-dir", named, "--seed", "3")
    assert chosen == Path(named)
