"""Imported resources joined with crawled ones: one record per resource, whatever its sources.

Pure functions over light rows (resource_id, title, summary, paragraphs, is_private,
source_urls). A resource of a legacy text export that the crawl also holds is not a second
row: the crawled record gains the export's `file:` source, and the import keeps only the
resources the crawl does not hold. Each import file owns its `file:<name>#L…` sources, so
importing that file again replaces exactly what it brought.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rtes_core.text import comparison_key

FILE_SOURCE_PREFIX = "file:"
# What `join` compares (a crawled row needs no more), and with the sources an imported row carries.
MATCH_COLUMNS = ["resource_id", "title", "summary", "paragraphs", "is_private", "removed_at"]
JOIN_COLUMNS = [*MATCH_COLUMNS, "source_urls"]

Row = dict[str, Any]


def file_source(file_name: str, line: int | None = None) -> str:
    """`file:<name>#L<line>` (or `file:<name>`): where an imported resource came from."""
    return f"{FILE_SOURCE_PREFIX}{file_name}" + (f"#L{line}" if line is not None else "")


def is_source_of(source: str, file_name: str) -> bool:
    """True when `source` was brought by the import of `file_name`."""
    return source == file_source(file_name) or source.startswith(file_source(file_name) + "#")


def file_sources(sources: Iterable[str]) -> list[str]:
    return [s for s in sources if s.startswith(FILE_SOURCE_PREFIX)]


def _paragraph_keys(row: Row) -> frozenset[str]:
    return frozenset(k for k in (comparison_key(p) for p in row.get("paragraphs") or []) if k)


def same_resource(imported: Row, crawled: Row, min_jaccard: float) -> bool:
    """Same title (comparison key) and the same body: paragraph keys overlapping at least
    `min_jaccard`, or, for bodies with no text (private resources), the same summary."""
    mine, theirs = _paragraph_keys(imported), _paragraph_keys(crawled)
    if not mine or not theirs:
        return (
            not mine
            and not theirs
            and comparison_key(imported.get("summary") or "")
            == comparison_key(crawled.get("summary") or "")
        )
    return len(mine & theirs) / len(mine | theirs) >= min_jaccard


def join(imported: Iterable[Row], crawled: Iterable[Row], min_jaccard: float) -> dict[str, str]:
    """Imported resource id → the crawled resource id it is (online crawled rows only)."""
    by_title: dict[str, list[Row]] = {}
    for row in crawled:
        if row.get("removed_at") is None:
            by_title.setdefault(comparison_key(row["title"] or ""), []).append(row)
    matches = {}
    for row in imported:
        candidates = by_title.get(comparison_key(row["title"] or ""), [])
        found = next((c for c in candidates if same_resource(row, c, min_jaccard)), None)
        if found is not None:
            matches[row["resource_id"]] = found["resource_id"]
    return matches
