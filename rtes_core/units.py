"""Units shared by the crawl's console lines and the run reports (one format everywhere)."""

from __future__ import annotations

BYTES_PER_MB = 1_000_000


def format_mb(size_bytes: int | float | None) -> str:
    """Bytes as megabytes, the one format of every console line and report ("6.29 MB")."""
    return f"{(size_bytes or 0) / BYTES_PER_MB:.2f} MB"
