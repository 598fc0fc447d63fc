"""One live progress display per stage, on a terminal only (rich); nothing otherwise.

The processing stage calls `begin(...)` once and `advance()` per page; a pipe or a cron mail
gets no progress lines at all, only the stage's one-line summary (the log file has the rest).
"""

from __future__ import annotations

import sys
from typing import Any

_current: dict[str, Any] = {}  # the display of the running stage, when there is one


def begin(label: str, total: int | None, stream: Any = None) -> None:
    """Start the display of a stage with `total` steps (None: unknown); no-op off a terminal."""
    end()
    stream = stream or sys.stderr
    if not stream.isatty():
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    live = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(file=stream),
        transient=True,
    )
    _current.update(live=live, task=live.add_task(label, total=total))
    live.start()


def advance(steps: int = 1) -> None:
    """One more step of the running stage."""
    if _current:
        _current["live"].advance(_current["task"], steps)


def end() -> None:
    """Remove the display (transient: the summary line takes its place)."""
    if _current:
        _current.pop("live").stop()
        _current.clear()
