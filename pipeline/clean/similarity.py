"""When a block is a copy of an earlier one: the verification behind the near-duplicate step.

A candidate pair (from MinHash LSH or a shared opening) is a copy when its shingle sets
overlap enough (Jaccard, or containment for a truncated copy) and its character edit
similarity is high with few whole words changed (typos inside a word aside).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from pipeline.config import DedupConfig
from pipeline.minhash import jaccard_of


class Keyed(Protocol):
    key: str  # the comparison key of a block


def whole_words(text: str, start: int, end: int) -> str:
    """text[start:end] widened to word boundaries, so an alignment never cuts a word in two."""
    while start > 0 and text[start - 1] != " ":
        start -= 1
    while end < len(text) and text[end] != " ":
        end += 1
    return text[start:end]


def prefix_candidates(blocks: Sequence[Keyed], chars: int) -> set[tuple[int, int]]:
    """Pairs (earlier, later) of blocks whose keys open with the same `chars` characters
    (DedupConfig.prefix_candidate_chars)."""
    first: dict[str, int] = {}
    pairs = set()
    for j, c in enumerate(blocks):
        if len(c.key) >= chars:
            i = first.setdefault(c.key[:chars], j)
            if i != j:
                pairs.add((i, j))
    return pairs


def few_words_changed(later: str, earlier: str, config: DedupConfig) -> bool:
    """At most max_changed_word_share of the words replaced, inserted or deleted (typos aside)."""
    a, b = later.split(), earlier.split()
    allowed = int(config.max_changed_word_share * max(len(a), len(b)))
    changed = 0
    for op in Levenshtein.editops(a, b):
        if op.tag == "replace" and (
            Levenshtein.normalized_similarity(a[op.src_pos], b[op.dest_pos])
            >= config.typo_word_similarity
        ):
            continue  # a typo inside a word, not a different word
        changed += 1
        if changed > allowed:
            return False
    return True


def duplicate_score(
    later: str, earlier: str, later_set: set[str], earlier_set: set[str], config: DedupConfig
) -> tuple[float, bool]:
    """(edit similarity, is a copy) of a candidate pair, from its exact shingle sets."""
    shared = len(later_set & earlier_set)  # one intersection for both tests
    return counted_duplicate_score(later, earlier, shared, len(later_set), len(earlier_set), config)


def counted_duplicate_score(
    later: str, earlier: str, shared: int, later_size: int, earlier_size: int, config: DedupConfig
) -> tuple[float, bool]:
    """(edit similarity, is a copy) of a candidate pair whose shingle sets share `shared`
    shingles: an edited copy, or a truncated one."""
    if jaccard_of(shared, later_size, earlier_size) >= config.block_jaccard:
        score = Levenshtein.normalized_similarity(later, earlier)
        if score >= config.block_edit_similarity and few_words_changed(later, earlier, config):
            return score, True
    if later_size and shared / later_size >= config.block_containment:
        aligned = fuzz.partial_ratio_alignment(later, earlier)  # best-aligned part of the earlier
        part = whole_words(earlier, aligned.dest_start, aligned.dest_end)
        score = aligned.score / 100
        if score >= config.block_edit_similarity and few_words_changed(later, part, config):
            return score, True
    return 0.0, False
