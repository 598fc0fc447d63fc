"""Imports joined: resources of earlier legacy imports that this crawl holds become its own.

An imported resource whose title and paragraphs match a crawled record (pipeline.imports.join,
`DedupConfig.import_join_jaccard`) is one resource: the crawled record gains its `file:`
sources, and the import's part of each table is restaged without it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from pipeline import imports, publish
from pipeline.config import DedupConfig
from pipeline.rows import RowBuffer

IMPORT_PART_PREFIX = (
    "part-legacy-text"  # parts of the tables written by `import-text`, one per file
)


@dataclass
class ImportsJoined:
    """The `file:` sources each crawled record carries, and the import parts to restage."""

    extra_sources: dict[str, list[str]] = field(default_factory=dict)
    parts: dict[str, dict[str, pa.Table]] = field(default_factory=dict)  # table → part → rows
    counts: Counter = field(default_factory=Counter)


def kept_file_sources(previous: pa.Table | None) -> dict[str, list[str]]:
    """The `file:` sources of published records (imports joined in earlier runs)."""
    extra: dict[str, list[str]] = {}
    if previous is not None and "source_urls" in previous.column_names:
        ids = previous.column("resource_id").to_pylist()
        for rid, sources in zip(ids, previous.column("source_urls").to_pylist()):
            if kept := imports.file_sources(sources or []):
                extra[rid] = kept
    return extra


def without(table: pa.Table, gone: pa.Array) -> pa.Table:
    """The rows of a table whose resource is not one of `gone`."""
    return table.filter(pc.invert(pc.is_in(table["resource_id"], gone)))


def join_imported(
    data_dir: Path, fresh: RowBuffer, previous: pa.Table | None, config: DedupConfig
) -> ImportsJoined:
    """Join every import part's resources with this crawl's records (kept sources included)."""
    out = ImportsJoined(kept_file_sources(previous))
    for path in sorted((data_dir / "resources").glob(f"{IMPORT_PART_PREFIX}*.parquet")):
        table = publish.read_table(path)
        rows = table.select(imports.JOIN_COLUMNS).to_pylist()
        matches = imports.join(
            rows, fresh.select(imports.MATCH_COLUMNS), config.import_join_jaccard
        )
        out.counts["imported_resources_online"] += sum(
            r["resource_id"] not in matches and r["removed_at"] is None for r in rows
        )
        if not matches:
            continue
        for row in rows:
            if row["resource_id"] in matches:
                sources = imports.file_sources(row["source_urls"])
                out.extra_sources.setdefault(matches[row["resource_id"]], []).extend(sources)
        gone = pa.array(sorted(matches))
        out.parts.setdefault("resources", {})[path.name] = without(table, gone)
        audit = publish.read_table(data_dir / "removed_blocks" / path.name)
        if audit is not None:
            out.parts.setdefault("removed_blocks", {})[path.name] = without(audit, gone)
        out.counts["imported_resources_joined"] += len(matches)
    return out
