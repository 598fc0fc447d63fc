"""The assembled record of one resource, typed, and the ids and hashes that name it.

A `ResourceRecord` is built once per resource (pipeline/process/assemble.py) and turned into a
row of the `resources` table (`as_row`) at the edge, where it is stored as Arrow
(pipeline/rows.py); every later stage reads rows.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from pipeline.changes import record_hash
from rtes_core.extract import Occurrence
from rtes_core.text import comparison_key


@dataclass
class ResourceRecord:
    """One resource as published: the columns of schemas.RESOURCES."""

    resource_id: str
    url: str
    source_urls: list[str]
    title: str
    summary: str | None
    body: str | None
    paragraphs: list[str]
    kind: str
    resource_type: str | None
    is_private: bool | None
    categories: list[str]
    documents: list[dict[str, Any]]
    tags: list[str]
    published_date: date | None
    updated_date: date | None
    content_hash: str | None
    extraction_method: str
    first_seen_at: datetime
    last_seen_at: datetime
    crawl_id: str
    record_hash: str = ""
    last_changed_at: datetime | None = None
    removed_at: datetime | None = None

    def __post_init__(self) -> None:
        if not self.record_hash:  # of the content columns: what change tracking compares
            self.record_hash = record_hash(self.as_row())
        if self.last_changed_at is None:
            self.last_changed_at = self.last_seen_at

    def as_row(self) -> dict[str, Any]:
        """The row of the resources table (no copy of the lists: the record is not kept)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def resource_id_for(occ: Occurrence) -> str:
    """Stable id: the Drupal node id where the site gives one, else a hash of the canonical path."""
    if occ.node_id is not None:
        return f"node-{occ.node_id}"
    basis = occ.path or occ.source_url
    return "url-" + hashlib.sha1(basis.encode()).hexdigest()[:16]


def group_resource_id(ordered: list[Occurrence]) -> str:
    """The resource id of a group of occurrences (best first): its node's, else its best page's."""
    return resource_id_for(next((o for o in ordered if o.node_id is not None), ordered[0]))


def body_of(record: dict[str, Any]) -> str | None:
    """The `body` column: the paragraphs joined by blank lines (derived, so never stored twice)."""
    return "\n\n".join(record["paragraphs"]) or None


def content_hash(paragraphs: list[str]) -> str | None:
    """Hash of the normalised body: unchanged text → unchanged hash, whatever the page chrome;
    None without a body (a private resource: the hash of nothing would join them all)."""
    if not paragraphs:
        return None
    key = "\n".join(comparison_key(p) for p in paragraphs)
    return hashlib.sha256(key.encode()).hexdigest()[:32]
