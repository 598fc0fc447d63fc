"""One lock per data directory, taken by every command that publishes (or writes raw crawls).

`nightly`, `process`, `import-text` and `crawl` each hold it for their whole run, so no two of
them ever interleave their writes on one DATA_DIR. A nightly's crawl runs in a child process
while the parent holds the lock: the parent says so in `LOCK_HELD_ENV` and the child does not
try to take it again. The OS releases the lock when its holder dies, even by SIGKILL.
"""

from __future__ import annotations

import fcntl
import os
from datetime import UTC, datetime
from pathlib import Path

from pipeline.errors import PipelineError

LOCK_FILE = ".nightly.lock"
# Set by a lock holder for its children: the data directory (resolved) whose lock it holds.
LOCK_HELD_ENV = "RTES_LOCK_HELD"


class RunLock:
    """An exclusive, non-blocking lock on DATA_DIR; released by the OS if the process dies."""

    def __init__(self, data_dir: Path, command: str = "run") -> None:
        self.path = data_dir / LOCK_FILE
        self.command = command
        self.handle = None

    def held_by_parent(self) -> bool:
        return os.environ.get(LOCK_HELD_ENV) == str(self.path.parent.resolve())

    def __enter__(self) -> RunLock:
        if self.held_by_parent():
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "a+")  # noqa: SIM115 - held for the whole run
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.seek(0)
            holder = self.handle.read().strip() or "another process"
            self.handle.close()
            self.handle = None
            raise PipelineError(
                f"another run is in progress on {self.path.parent} ({holder}); "
                f"this {self.command} did nothing"
            ) from None
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(
            f"{self.command}, pid {os.getpid()} since {datetime.now(UTC):%Y-%m-%d %H:%M:%SZ}"
        )
        self.handle.flush()
        return self

    def child_env(self) -> dict[str, str]:
        """Environment for a child process that works under this lock."""
        return {**os.environ, LOCK_HELD_ENV: str(self.path.parent.resolve())}

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()  # closing the descriptor releases the lock
            self.handle = None
