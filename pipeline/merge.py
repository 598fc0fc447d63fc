"""Page occurrences of the same resource → one record.

Two passes: occurrences that name the same node (Drupal node id, canonical path, title link)
are grouped exactly; then whole resources whose bodies are near-duplicates (republished under
another URL) are joined with MinHash LSH across pages, each candidate verified on exact shingle
sets. No all-pairs comparison: LSH buckets bound the work to near-linear.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from pipeline.config import DedupConfig
from pipeline.minhash import earlier_band_mates, jaccard
from rtes_core.extract import RECORD_KINDS, Occurrence
from rtes_core.text import comparison_key

FIELD_COLUMNS = ("resource_type", "is_private", "summary", "documents", "categories")
# What a page shows beside its field block (the dates and tag line around the title).
META_COLUMNS = ("tags", "published_date", "updated_date")
# Page kinds and extraction methods, best first: the detail page's own markup wins.
KIND_RANK = {"detail": 0, "listing": 1}
# A teaser (rtes_core/extract/teaser.py) has no text of its own: any other reading comes first.
METHOD_RANK = {"drupal_fields": 0, "labels": 0, "content": 0, "fallback": 2, "teaser": 4}


class UnionFind:
    """Disjoint sets over hashable items."""

    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def find(self, x: Any) -> Any:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def identity_keys(occ: Occurrence) -> list[str]:
    """What names the resource an occurrence shows: its node id and canonical path."""
    keys = [f"node:{occ.node_id}"] if occ.node_id is not None else []
    if occ.path:
        keys.append(f"path:{occ.path.rstrip('/') or '/'}")
    return keys or [f"page:{occ.source_url}#{occ.title}"]


def group_by_identity(occurrences: Sequence[Occurrence]) -> list[list[int]]:
    """Indices of occurrences grouped by shared identity keys, in first-seen order."""
    uf = UnionFind()
    for i, occ in enumerate(occurrences):
        for key in identity_keys(occ):
            uf.union(("occ", i), ("key", key))
    groups: dict[Any, list[int]] = {}
    for i in range(len(occurrences)):
        groups.setdefault(uf.find(("occ", i)), []).append(i)
    return list(groups.values())


def preference(occ: Occurrence) -> tuple:
    """Sort key, best occurrence first: detail page at its own path, good markup, then URL."""
    at_own_path = occ.path is not None and urlsplit(occ.source_url).path.rstrip(
        "/"
    ) == occ.path.rstrip("/")
    return (
        METHOD_RANK.get(occ.method, 3),
        KIND_RANK.get(occ.page_kind, 2),
        not at_own_path,
        occ.source_url,
    )


def combine_fields(ordered: Sequence[Occurrence]) -> dict[str, Any]:
    """Each field from the best occurrence that shows it (private detail pages hide some)."""
    combined: dict[str, Any] = {}
    for column in FIELD_COLUMNS:
        for occ in ordered:
            if column in occ.fields:
                combined[column] = occ.fields[column]
                break
    return combined


def combine_categories(
    ordered: Sequence[Occurrence],
    shown: Sequence[str] | None,
    listed_before: Sequence[str] | None = None,
) -> list[str]:
    """A resource's categories are the terms it is filed under: the Catégorie field's values in
    page order, then the category listings it appears on that the field did not show, sorted
    by name (Unicode order) (when the field shows no value, the listings are the only evidence).
    `listed_before`: the published categories, when an incremental crawl re-read no page that
    shows the field (they count like listing terms: the listings this crawl did not re-read)."""
    categories = list(shown or [])
    known = {comparison_key(c) for c in categories}
    listed = {}
    terms = [occ.listing_term for occ in ordered if occ.listing_term] + list(listed_before or [])
    for term in terms:
        if comparison_key(term) not in known:
            listed.setdefault(comparison_key(term), term)
    return categories + sorted(listed.values())


def categories_among_tags(
    ordered: Sequence[Occurrence], shown: Sequence[str] | None, tags: list[str]
) -> tuple[list[str] | None, list[str]]:
    """(the categories shown, the tags): when the Catégorie field showed none, the unlabelled
    terms that name a category listing the resource appears on are its categories, shown as
    chips (in page order), not tags; a tag naming a category shown is that category (a
    listing's chips, where the page showed them as the field)."""
    if shown:
        known = {comparison_key(c) for c in shown}
        return list(shown), [t for t in tags if comparison_key(t) not in known]
    listed = {comparison_key(o.listing_term) for o in ordered if o.listing_term}
    named = [t for t in tags if comparison_key(t) in listed]
    if not named:
        return None, tags
    return named, [t for t in tags if comparison_key(t) not in listed]


def record_kind(ordered: Sequence[Occurrence]) -> str:
    """What the record is, from its best occurrence that says (a page that lost its markup does not)."""
    return next((o.kind for o in ordered if o.kind in RECORD_KINDS), "resource")


def first_list(ordered: Sequence[Occurrence], attr: str) -> list:
    """The first non-empty list attribute among occurrences, best first."""
    return next((list(getattr(o, attr)) for o in ordered if getattr(o, attr)), [])


def first_value(ordered: Sequence[Occurrence], attr: str) -> Any:
    """The first non-null attribute among occurrences, best first."""
    return next((getattr(o, attr) for o in ordered if getattr(o, attr) is not None), None)


def content_candidates(
    signatures: np.ndarray,
    eligible: Sequence[bool],
    config: DedupConfig,
    counts: Counter,
) -> Iterator[tuple[int, list[int]]]:
    """(j, [i, …]) per eligible resource j, in order: the earlier resources i < j that MinHash
    LSH pairs with it and whose estimated Jaccard reaches the floor, in index order.

    Counts the LSH candidates (`content_merge_candidates`), before the estimate floor. The
    caller verifies them on exact sets (pipeline/process/content_merge.py)."""
    mates = earlier_band_mates(signatures, eligible, config.merge_bands)
    for j, (sig, ok) in enumerate(zip(signatures, eligible)):
        if not ok:
            continue
        candidates = mates.get(j, [])
        counts["content_merge_candidates"] += len(candidates)
        if candidates:  # estimated Jaccard of every candidate at once (share of equal hash values)
            estimates = (signatures[candidates] == sig).mean(axis=1)
            candidates = [
                i for i, e in zip(candidates, estimates) if e >= config.merge_estimate_floor
            ]
        yield j, candidates


def body_jaccard(
    a: set[str], b: set[str], title_a: set[str], title_b: set[str], config: DedupConfig
) -> float | None:
    """Body Jaccard when the two bodies (and titles) are close enough to be one resource."""
    if jaccard(title_a, title_b) < config.merge_title_jaccard:
        return None
    score = jaccard(a, b)
    return score if score >= config.merge_jaccard else None
