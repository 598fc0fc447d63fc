"""Near-duplicates across documents: MinHash LSH on their text, every candidate verified.

Exact copies (the same bytes) are already one row; this links documents whose *text* is nearly
the same: a print version and its screen version, an older edition and the newer one. Which
one of a group is the original is a convention, stated here and in datasets/README.md: a
version marked for print (title, link text or file name) points to one that is not; otherwise
the older document points to the newer (published date from the file, then first seen).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from pipeline.config import DedupConfig
from pipeline.minhash import SignatureMaker, band_candidates, jaccard
from rtes_core.text import comparison_key, shingles

# A print version by its title, link text or file name ("version pour impression", "imprimable").
PRINT_MARK = re.compile(r"impression|imprim|\bprint|version[\s_-]+papier", re.IGNORECASE)


@dataclass
class Candidate:
    """What the near-duplicate search reads of one document."""

    document_id: str
    text: str
    names: str  # title, link texts and URLs, where a print version says what it is
    published: date | None
    first_seen: datetime | None


def is_print(candidate: Candidate) -> bool:
    return bool(PRINT_MARK.search(candidate.names))


def original_rank(candidate: Candidate) -> tuple:
    """Sort key: the best original first (not print, newest, first seen latest, then id)."""
    newest = candidate.published or date.min
    seen = candidate.first_seen.timestamp() if candidate.first_seen else 0.0
    return (is_print(candidate), -newest.toordinal(), -seen, candidate.document_id)


def near_duplicates(
    candidates: list[Candidate], config: DedupConfig
) -> tuple[dict[str, tuple[str, float]], dict]:
    """document_id -> (the document it nearly copies, exact Jaccard), and counts for the report."""
    sets = [
        set(shingles(comparison_key(c.text), "word", config.document_shingle_size))
        for c in candidates
    ]
    usable = [i for i, s in enumerate(sets) if len(s) >= config.document_min_shingles]
    counts = {"document_lsh_candidates": 0, "document_pairs_verified": 0}
    if len(usable) < 2:
        return {}, counts
    signatures = SignatureMaker(config).signatures([sorted(sets[i]) for i in usable])
    parent = list(range(len(candidates)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in band_candidates(signatures, config.document_bands):
        counts["document_lsh_candidates"] += 1
        i, j = usable[a], usable[b]
        if jaccard(sets[i], sets[j]) >= config.document_jaccard:
            counts["document_pairs_verified"] += 1
            parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in usable:
        groups.setdefault(root(i), []).append(i)
    links: dict[str, tuple[str, float]] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: original_rank(candidates[i]))
        original = members[0]
        for i in members[1:]:
            links[candidates[i].document_id] = (
                candidates[original].document_id,
                round(jaccard(sets[i], sets[original]), 4),
            )
    return links, counts
