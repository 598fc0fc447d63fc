"""The layout of a DATA_DIR: the names every command reads and writes (published side).

DATA_DIR/current -> .versions/<version>/   the published version (one symlink switch)
DATA_DIR/<table>/                           each published table, through current/
DATA_DIR/runs/<run_id>/                     every run's report (json, md, html)
"""

from __future__ import annotations

from pathlib import Path

# Tables published through `current/` (each reachable as DATA_DIR/<table>/).
PUBLISHED_TABLES = (
    "resources",
    "removed_blocks",
    "merged_occurrences",
    "resource_versions",
    "documents",
    "document_versions",
    "members",
)
VERSIONS_DIR = ".versions"
CURRENT_LINK = "current"
RUN_DIR = "_run"  # inside a version: the report of the run that published it (never carried over)
RUNS_DIR = "runs"


def current_version(data_dir: Path) -> Path | None:
    """The folder of the published version, or None before the first publication."""
    link = data_dir / CURRENT_LINK
    return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None
