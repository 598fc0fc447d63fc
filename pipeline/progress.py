"""One live progress display per stage, on a terminal only (rich); nothing otherwise.

The processing stage opens `with StageProgress(label, total) as bar:` and calls
`bar.advance()` per page; a pipe or a cron mail gets no progress lines at all, only the stage's
one-line summary (the log file has the rest). The display is gone when the block ends, even on
an error (transient: the summary line takes its place).
"""

from __future__ import annotations

import sys
from typing import Any


class StageProgress:
    """The display of one stage with `total` steps (None: unknown); a no-op off a terminal."""

    def __init__(self, label: str, total: int | None, stream: Any = None) -> None:
        self.label = label
        self.total = total
        self.stream = stream or sys.stderr
        self._live: Any = None
        self._task: Any = None

    def __enter__(self) -> StageProgress:
        if self.stream.isatty():
            self._live = _display(self.label, self.stream)
            self._task = self._live.add_task(self.label, total=self.total)
            self._live.start()
        return self

    def advance(self, steps: int = 1) -> None:
        """One more step of the stage."""
        if self._live is not None:
            self._live.advance(self._task, steps)

    def __exit__(self, *exc: object) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None


def _display(label: str, stream: Any) -> Any:
    """rich's bar, imported only on a terminal."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(file=stream),
        transient=True,
    )
