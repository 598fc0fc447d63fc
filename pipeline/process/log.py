"""The processing stage's log: to the run's log file (pipeline.runlog), never the terminal."""

from __future__ import annotations

import logging

LOGGER = logging.getLogger("rtes.process")


def log(message: str) -> None:
    """To the run's log file, not the terminal: the terminal has the progress display."""
    LOGGER.info(message)
