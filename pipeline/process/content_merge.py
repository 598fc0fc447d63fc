"""Stage 4, content merge: resources republished under another identity → one record.

Whole bodies are compared across resources with MinHash LSH on word shingles
(pipeline.merge.content_candidates); each candidate pair is verified on exact shingle sets of
body and title (pipeline.merge.body_jaccard). The surviving record is patched (URLs, seen
times) and the absorbed one becomes a `merged_occurrences` row (`match = content`).

Shingle sets are never held for all records: signatures are made a chunk of records at a time,
and the sets of candidates are rebuilt on demand (a small LRU cache: a resource meets many).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import Any, Protocol

import numpy as np

from pipeline.changes import record_hash
from pipeline.clean import Cleaner
from pipeline.merge import FIELD_COLUMNS, META_COLUMNS, body_jaccard, content_candidates
from pipeline.rows import RowBuffer
from rtes_core.extract.links import NODE_PATH
from rtes_core.text import comparison_key, shingle_set
from rtes_core.urls import url_path

MERGE_CHUNK = 128  # resources whose body shingle sets exist at once while signatures are made
MERGE_VERIFY_CACHE = 256  # shingle sets of LSH candidates kept while verifying
# Columns a joined record takes from the one it absorbs when its own pages showed no value (the
# categories are joined, not filled: the listings of both count).
FILLED_COLUMNS = tuple(c for c in (*FIELD_COLUMNS, *META_COLUMNS) if c != "categories")


class PairVerifier(Protocol):
    def verify(self, i: int, j: int) -> float | None:
        """The similarity of rows i and j when they are one resource, else None."""


@dataclass
class ContentMerge:
    """What the content merge did: the buffer rows absorbed into others, and its counts."""

    absorbed: set[int] = field(default_factory=set)
    counts: Counter = field(default_factory=Counter)


class ShingleSets:
    """Body and title shingle sets of the resources, rebuilt on demand (signature row order)."""

    def __init__(self, resources: RowBuffer, index_of: list[int], cleaner: Cleaner) -> None:
        self.resources, self.index_of, self.cleaner = resources, index_of, cleaner
        self.sets_of = lru_cache(maxsize=MERGE_VERIFY_CACHE)(self._sets_of)

    def _sets_of(self, row: int) -> tuple[set[str], set[str]]:
        record = self.resources[self.index_of[row]]
        title = self.cleaner.shingle_set(comparison_key(record["title"]))
        return body_shingles(record, self.cleaner), title

    def verify(self, i: int, j: int) -> float | None:
        (body_i, title_i), (body_j, title_j) = self.sets_of(i), self.sets_of(j)
        return body_jaccard(body_i, body_j, title_i, title_j, self.cleaner.config)


def body_shingles(record: dict[str, Any], cleaner: Cleaner) -> set[str]:
    """Exact shingle set of a record's body (built when needed, never kept for all records)."""
    return merge_shingle_set(comparison_key(record["body"] or ""), cleaner)


def merge_shingle_set(key: str, cleaner: Cleaner) -> set[str]:
    """The exact shingle set the content merge compares bodies on."""
    cfg = cleaner.config
    return shingle_set(key, cfg.merge_shingle_kind, cfg.merge_shingle_size)


def signatures_of(
    resources: RowBuffer, cleaner: Cleaner
) -> tuple[np.ndarray, list[bool], list[int]]:
    """MinHash signatures of every body, whether each is long enough to merge, and the buffer
    index of each signature row (dropped rows have none)."""
    cfg = cleaner.config
    signatures = np.empty((len(resources), cfg.num_perm), dtype=np.uint32)
    eligible: list[bool] = []
    index_of: list[int] = []
    rows = resources.items()
    while chunk := list(islice(rows, MERGE_CHUNK)):  # a chunk of bodies at a time
        keys = [comparison_key(r["body"] or "") for _, r in chunk]
        index_of += [index for index, _ in chunk]
        start = len(eligible)
        sigs, hashed = cleaner.signatures.key_signatures_sized(
            keys, cfg.merge_shingle_kind, cfg.merge_shingle_size
        )
        signatures[start : start + len(keys)] = sigs
        eligible += [
            _long_enough(key, int(distinct), cleaner) for key, distinct in zip(keys, hashed)
        ]
    return signatures, eligible, index_of


def _long_enough(key: str, hashed: int, cleaner: Cleaner) -> bool:
    """Whether a body has merge_min_shingles distinct shingles: its distinct hashes are a lower
    bound, its shingle count an upper one; the exact set is built only between the two."""
    cfg = cleaner.config
    if hashed >= cfg.merge_min_shingles:
        return True
    units = len(key) if cfg.merge_shingle_kind == "char" else len(key.split())
    if max(units - cfg.merge_shingle_size + 1, min(units, 1)) < cfg.merge_min_shingles:
        return False  # a text shorter than a shingle is one shingle
    return len(merge_shingle_set(key, cleaner)) >= cfg.merge_min_shingles


def verified_pairs(
    candidates: Iterable[tuple[int, list[int]]], sets: PairVerifier, counts: Counter
) -> list[tuple[int, int, float]]:
    """(i, j, similarity) of verified near-duplicates: j joins its first verified candidate
    (the others would not change it), counted in `content_merge_verified`."""
    pairs = []
    for j, earlier in candidates:
        for i in earlier:
            counts["content_merge_verified"] += 1
            score = sets.verify(i, j)
            if score is not None:
                pairs.append((i, j, score))
                break
    return pairs


def merge_on_content(
    resources: RowBuffer, merged_rows: RowBuffer, cleaner: Cleaner, crawl_id: str
) -> ContentMerge:
    """Join resources republished under another identity: the surviving record is patched
    and a merged row added; returns the buffer indices absorbed (for the caller to drop)."""
    out = ContentMerge()
    signatures, eligible, index_of = signatures_of(resources, cleaner)
    found = content_candidates(signatures, eligible, cleaner.config, out.counts)
    pairs = verified_pairs(found, ShingleSets(resources, index_of, cleaner), out.counts)
    absorbed: dict[int, int] = {}
    for row_i, row_j, score in pairs:
        i, j = index_of[row_i], index_of[row_j]
        root = i
        while root in absorbed:
            root = absorbed[root]
        if j in absorbed or root == j:
            continue
        absorbed[j] = root
        absorb(resources, merged_rows, (root, j), round(score, 4), crawl_id)
        out.counts["resources_merged_by_content"] += 1
    out.absorbed = set(absorbed)
    return out


def joined_fields(kept: dict[str, Any], absorbed: dict[str, Any]) -> dict[str, Any]:
    """What the absorbed record adds: the categories of the listings it was on, and the fields
    and dates its pages showed where the kept record's showed none."""
    joined: dict[str, Any] = {}
    more = [c for c in absorbed["categories"] if c not in kept["categories"]]
    if more:
        joined["categories"] = kept["categories"] + more
    for column in FILLED_COLUMNS:
        if kept[column] in (None, []) and absorbed[column] not in (None, []):
            joined[column] = absorbed[column]
    return joined


def page_url(kept: str, absorbed: str) -> str:
    """The record's URL once joined: its alias rather than Drupal's system path `/node/N` (a
    node page whose head names no alias is joined here, on its body, to its alias page)."""
    if NODE_PATH.match(url_path(kept) or "") and not NODE_PATH.match(url_path(absorbed) or ""):
        return absorbed
    return kept


def absorb(
    resources: RowBuffer,
    merged_rows: RowBuffer,
    pair: tuple[int, int],
    similarity: float,
    crawl_id: str,
) -> None:
    """Record j is a copy of record `root`: root gains its URLs and seen times, j a merged row."""
    root, j = pair
    into, gone = resources[root], resources[j]
    fields = joined_fields(into, gone)
    if fields:  # the content columns changed: so does the hash change tracking compares
        fields["record_hash"] = record_hash({**into, **fields})
    resources.patch(
        root,
        url=page_url(into["url"], gone["url"]),
        source_urls=sorted(set(into["source_urls"]) | set(gone["source_urls"])),
        first_seen_at=min(into["first_seen_at"], gone["first_seen_at"]),
        last_seen_at=max(into["last_seen_at"], gone["last_seen_at"]),
        **fields,
    )
    merged_rows.append(
        {
            "resource_id": into["resource_id"],
            "source_url": gone["url"],
            "page_kind": "resource",
            "match": "content",
            "similarity": similarity,
            "crawl_id": crawl_id,
        }
    )
