"""Where a run's full log goes, and what the terminal shows.

Every stage writes its whole log to `DATA_DIR/logs/<UTC time>-<stage>.log` (the crawl's
Scrapy log too: `spiders.runner`). The terminal gets the one-line summaries and a progress
display (`pipeline.progress`); `-v` copies the full log to the terminal as well.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

LOGS_DIR = "logs"
LOG_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"
# The logger of the processing and nightly stages (pipeline.process.log writes to it).
PIPELINE_LOGGER = "rtes"
_verbose: list[bool] = []  # one entry per open stage_log: True when it copies to the terminal


def log_path(data_dir: Path, stage: str, stamp: str | None = None) -> Path:
    """DATA_DIR/logs/<stamp>-<stage>.log (stamp: the UTC time by default), folder created."""
    stamp = stamp or datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = Path(data_dir) / LOGS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{stamp}-{stage}.log"


def is_verbose() -> bool:
    """True inside a stage_log that copies the log to the terminal (children get -v then)."""
    return bool(_verbose and _verbose[-1])


@contextmanager
def stage_log(data_dir: Path, stage: str, verbose: bool = False) -> Iterator[Path]:
    """Send the `rtes` logger to this stage's log file (and to stderr when verbose)."""
    path = log_path(data_dir, stage)
    logger = logging.getLogger(PIPELINE_LOGGER)
    handlers: list[logging.Handler] = [
        logging.FileHandler(path, encoding="utf-8", delay=True)
    ]  # no empty file
    if verbose:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        logger.addHandler(handler)
    previous_level = logger.level
    logger.setLevel(logging.INFO)
    _verbose.append(verbose)
    try:
        yield path
    finally:
        _verbose.pop()
        for handler in handlers:
            logger.removeHandler(handler)
            handler.close()
        logger.setLevel(previous_level)


# A child `rtes-pipeline` command writes its one error line here instead of the terminal, so the
# parent (nightly, demo) says it once, in its own words, and its report quotes the child's message.
FAILURE_FILE_ENV = "RTES_FAILURE_FILE"


def report_failure(message: str) -> bool:
    """Hand the error line to the parent command when there is one; True when handed over."""
    target = os.environ.get(FAILURE_FILE_ENV)
    if not target:
        return False
    try:
        Path(target).write_text(message, encoding="utf-8")
    except OSError:
        return False
    return True


def run_child(command: list[str], **kwargs: Any) -> tuple[int, str | None]:
    """Run a child command; (exit code, its own error message or None)."""
    with tempfile.TemporaryDirectory(prefix="rtes-child-") as folder:
        failure = Path(folder) / "failure.txt"
        env = {**(kwargs.pop("env", None) or os.environ), FAILURE_FILE_ENV: str(failure)}
        completed = subprocess.run(command, check=False, env=env, **kwargs)
        message = failure.read_text(encoding="utf-8").strip() if failure.is_file() else None
    return completed.returncode, message or None


def crawl_command(site_url: str, data_dir: Path) -> list[str]:
    """`rtes-pipeline crawl` of this site into this data directory, as a child process runs it."""
    command = [sys.executable, "-m", "pipeline", "crawl", "--site-url", site_url]
    return command + ["--data-dir", str(data_dir)]
