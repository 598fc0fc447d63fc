"""Stage 3, assemble records: each resource's occurrences (best first) → one record.

Fields come from the best occurrence that shows each (pipeline.merge), the body from the best
occurrence's cleaning (pipeline.clean), applied with the resource's Résumé; every block the
cleaning dropped becomes a `removed_blocks` row, every other occurrence a `merged_occurrences`
row. A resource that fails is reported (`clean_error`) and the others go on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import numpy as np

from pipeline.clean import Cleaner, Removed
from pipeline.merge import (
    FIELD_COLUMNS,
    META_COLUMNS,
    categories_among_tags,
    combine_categories,
    combine_fields,
    first_list,
    first_value,
    record_kind,
)
from pipeline.process import compaction
from pipeline.process.identity import ResourceGroups
from pipeline.process.read import Page
from pipeline.process.record import ResourceRecord, body_of, content_hash, group_resource_id
from pipeline.rows import RowBuffer
from rtes_core.extract import Occurrence
from rtes_core.schemas import MERGED_OCCURRENCES, REMOVED_BLOCKS, RESOURCES

# resource id → its published fields and dates, or None: what a crawl that missed them carries
ShownBefore = Callable[[str], dict[str, Any] | None]


@dataclass
class Assembled:
    """This crawl's records (resource id order) and audit rows, held as Arrow batches."""

    resources: RowBuffer = field(
        default_factory=lambda: RowBuffer(RESOURCES, derived={"body": body_of})
    )
    removed: RowBuffer = field(default_factory=lambda: RowBuffer(REMOVED_BLOCKS))
    merged: RowBuffer = field(default_factory=lambda: RowBuffer(MERGED_OCCURRENCES))
    listing_only: set[str] = field(default_factory=set)  # seen on listing pages only
    counts: Counter = field(default_factory=Counter)
    errors: list[dict[str, str]] = field(default_factory=list)


def details_fell_back(ordered: Sequence[Occurrence]) -> bool:
    """The resource's detail pages were all read by the generic fallback (at least one)."""
    details = [o for o in ordered if o.page_kind == "detail"]
    return bool(details) and all(o.method == "fallback" for o in details)


def removed_row(resource_id: str, source_url: str, r: Removed, crawl_id: str) -> dict[str, Any]:
    """The audit row of one removed block (or piece cut out of a kept block)."""
    return {
        "resource_id": resource_id,
        "source_url": source_url,
        "position": r.position,
        "text": r.text,
        "reason": r.reason,
        "duplicate_of_position": r.duplicate_of_position,
        "duplicate_of_text": r.duplicate_of_text,
        "similarity": r.similarity,
        "crawl_id": crawl_id,
    }


def merged_row(
    resource_id: str, occ: Occurrence, into: Occurrence, crawl_id: str
) -> dict[str, Any]:
    """The row of an occurrence merged by identity into the record of its best occurrence."""
    match = "node_id" if occ.node_id is not None and occ.node_id == into.node_id else "url"
    mine, theirs = compaction.body_key_array(occ), compaction.body_key_array(into)
    union = len(np.union1d(mine, theirs))
    # a teaser has no body of its own (rtes_core/extract/teaser.py): nothing to compare
    compared = union and occ.method != "teaser"
    similarity = len(np.intersect1d(mine, theirs)) / union if compared else None
    return {
        "resource_id": resource_id,
        "source_url": occ.source_url,
        "page_kind": occ.page_kind,
        "match": match,
        "similarity": similarity,
        "crawl_id": crawl_id,
    }


class RecordAssembler:
    """Builds the records of one crawl with one cleaner."""

    def __init__(
        self,
        cleaner: Cleaner,
        site_url: str,
        crawl_id: str,
        shown_before: ShownBefore | None = None,
        partial_crawl: bool = True,
    ) -> None:
        self.cleaner = cleaner
        self.site_url = site_url
        self.crawl_id = crawl_id
        # A crawl that re-read only some pages of a resource (incremental) may miss a field that
        # only another page shows (a private detail page hides its Résumé and categories): such a
        # field keeps the published value, never becomes a false change to empty. A full crawl
        # does the same for a resource whose every detail page was read by the fallback (its
        # markup was not recognised: what it shows of the fields is unknown, not empty).
        self.shown_before = shown_before
        self.partial_crawl = partial_crawl

    def assemble(self, groups: ResourceGroups, pages: dict[str, Page]) -> Assembled:
        """Records of every group, in order; consumes the occurrences' text as it goes."""
        out = Assembled()
        for ordered in groups.groups:
            try:
                record, removed = self.resource_from(ordered, pages)
            except Exception as exc:  # noqa: BLE001 - one bad resource must not stop the others
                detail = f"{type(exc).__name__}: {exc}"
                out.errors.append(
                    {"url": ordered[0].source_url, "kind": "clean_error", "detail": detail}
                )
                continue
            if not any(o.page_kind == "detail" for o in ordered):
                out.listing_only.add(record["resource_id"])
            out.resources.append(record)
            out.removed.extend(removed)
            rid = record["resource_id"]
            out.merged.extend(
                merged_row(rid, occ, ordered[0], self.crawl_id) for occ in ordered[1:]
            )
            out.counts["occurrences_merged_by_identity"] += len(ordered) - 1
            compaction.release(ordered)  # its pages' text is in the record now
        return out

    def carried_fields(
        self, fields: dict[str, Any], resource_id: str, fell_back: bool
    ) -> tuple[dict[str, Any], list[str] | None]:
        """The fields no page of this crawl showed, from the published record; and its published
        categories, which count as listing evidence (they are the field's and listings' terms)."""
        if self.shown_before is None or set(FIELD_COLUMNS) <= fields.keys():
            return fields, None
        if not self.partial_crawl and not fell_back:
            return fields, None  # a full crawl read the resource's page: what it lacks is gone
        before = self.shown_before(resource_id) or {}
        carried = {c: before[c] for c in FIELD_COLUMNS if c not in fields and c in before}
        listed_before = carried.pop("categories", None)
        return {**fields, **carried}, listed_before

    def page_meta(
        self, ordered: Sequence[Occurrence], resource_id: str, fell_back: bool
    ) -> dict[str, Any]:
        """Tags and dates of the resource's pages; those a fallback-read detail page could not
        show are the published ones (as its fields are, in `carried_fields`)."""
        meta = {
            "tags": first_list(ordered, "tags"),
            "published_date": first_value(ordered, "published_date"),
            "updated_date": first_value(ordered, "updated_date"),
        }
        if self.shown_before is None or not fell_back:
            return meta
        before = self.shown_before(resource_id) or {}
        return {c: meta[c] or before.get(c) or meta[c] for c in META_COLUMNS}  # [] stays []

    def resource_from(
        self, ordered: Sequence[Occurrence], pages: dict[str, Page]
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """One record from a resource's occurrences, best first, and its removed blocks."""
        best = ordered[0]
        resource_id = group_resource_id(list(ordered))
        fell_back = details_fell_back(ordered)  # once: fields and dates both depend on it
        fields, listed_before = self.carried_fields(combine_fields(ordered), resource_id, fell_back)
        summary = fields.get("summary")
        kind = record_kind(ordered)
        is_private = fields.get("is_private")
        if kind == "article" and is_private is None:
            is_private = False  # a news article has no privacy field: it is public
        cleaned = compaction.cleaned_of(best, self.cleaner, summary)
        paragraphs = [] if is_private else cleaned.paragraphs
        path = first_value(ordered, "path")
        urls = sorted({o.source_url for o in ordered})
        meta = self.page_meta(ordered, resource_id, fell_back)
        shown, meta["tags"] = categories_among_tags(ordered, fields.get("categories"), meta["tags"])
        record = ResourceRecord(
            resource_id=resource_id,
            url=urljoin(self.site_url, path) if path else best.source_url,
            source_urls=urls,
            title=first_value(ordered, "title") or "",
            summary=summary,
            body="\n\n".join(paragraphs) or None,
            paragraphs=paragraphs,
            kind=kind,
            resource_type=fields.get("resource_type"),
            is_private=is_private,
            categories=combine_categories(ordered, shown, listed_before),
            documents=fields.get("documents") or [],
            **meta,
            content_hash=content_hash(paragraphs),
            extraction_method=best.method,
            first_seen_at=min(pages[u].fetched_at for u in urls),
            last_seen_at=max(pages[u].fetched_at for u in urls),
            crawl_id=self.crawl_id,
        )
        audit = cleaned.removed + cleaned.edits
        if is_private:  # the text a member-only resource showed anyway is audited, not published
            audit = audit + [Removed(-1, p, "private_content") for p in cleaned.paragraphs]
        removed = [removed_row(resource_id, best.source_url, r, self.crawl_id) for r in audit]
        return record.as_row(), removed
