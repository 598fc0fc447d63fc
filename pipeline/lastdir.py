"""The data directory the last writing command used, so `make report`/`make explain` read it.

Recorded in `.last-data-dir` at the root of the source checkout (git-ignored), one absolute
path and a newline; only when the package runs from a checkout (pyproject.toml beside it), so
an installed copy never writes into site-packages. Reading commands fall back to it after the
DATA_DIR environment variable.
"""

from __future__ import annotations

import os
from pathlib import Path

LAST_DIR_FILE = ".last-data-dir"
CHECKOUT_ROOT = Path(__file__).resolve().parents[1]


def _record_path() -> Path | None:
    """Where the record lives, None outside a source checkout."""
    return CHECKOUT_ROOT / LAST_DIR_FILE if (CHECKOUT_ROOT / "pyproject.toml").is_file() else None


def remember(data_dir: Path) -> None:
    """Record `data_dir` as the last one written (best effort: never fails a run)."""
    path = _record_path()
    if path is None:
        return
    try:
        path.write_text(f"{Path(data_dir).resolve()}\n", encoding="utf-8")
    except OSError:
        pass


def last_data_dir() -> Path | None:
    """The last recorded data directory, None when there is none or it no longer exists."""
    path = _record_path()
    if path is None or not path.is_file():
        return None
    try:
        found = Path(path.read_text(encoding="utf-8").strip())
    except OSError:
        return None
    return found if str(found) and found.is_dir() else None


def reading_default(fallback: str) -> Path:
    """Default data directory of a reading command: DATA_DIR, else the last written, else fallback."""
    return Path(os.environ.get("DATA_DIR") or last_data_dir() or fallback)
