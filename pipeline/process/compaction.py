"""The processing stage's memory tactic: occurrences compacted where their page is parsed.

Every occurrence of a crawl is held until identity grouping has seen them all. Held as parsed
text that is most of a large run's memory, so each one is compacted in the worker that parsed
its page: a detail page is cleaned there and keeps only its cleaning result (compressed),
every page keeps a fingerprint of its body blocks (for the merged_occurrences similarity), and
a listing's blocks are dropped, to be read again only for a resource no detail page shows.

Used by the read stage (`Compactor`) and the assembly (`cleaned_of`, `body_key_array`,
`listing_only_best`, `restore`, `release`); nothing above them knows it happens.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pipeline.clean import Cleaned, Cleaner, CleaningStats
from pipeline.merge import identity_keys, preference
from pipeline.minhash import xxh32
from rtes_core.extract import Occurrence
from rtes_core.text import comparison_key

CLEANED_COMPRESSION = 1  # zlib level of cleaned pages held in memory: fastest, most of the gain


@dataclass
class Compactor:
    """Compacts each occurrence where its page was parsed (picklable: sent to the workers)."""

    cleaner: Cleaner

    def __call__(self, occ: Occurrence) -> None:
        """A detail page is cleaned here, a listing keeps its fields; both keep body keys.

        The summary is applied later (it may come from another page of the resource); a
        listing's blocks are read again only for a resource without a detail page."""
        keys = {xxh32(comparison_key(text)) for text in occ.body_blocks}
        occ.body_keys = np.array(sorted(keys), dtype=np.uint32).tobytes()
        if occ.page_kind == "detail":  # held until every page is read: compressed (about 4×)
            cleaned = self.cleaner.clean(occ.blocks)
            occ.cleaned = zlib.compress(pickle.dumps(cleaned), CLEANED_COMPRESSION)
        occ.blocks, occ.compacted = [], True

    def measured(self) -> CleaningStats:
        """The cleaning steps' counts and time of this copy (a worker's, sent back)."""
        return self.cleaner.stats

    def add_measured(self, measured: CleaningStats) -> None:
        self.cleaner.stats.merge(measured)


def body_key_array(occ: Occurrence) -> np.ndarray:
    """Hashes of an occurrence's normalised body blocks (kept by compaction, else computed)."""
    if occ.compacted:
        return np.frombuffer(occ.body_keys, dtype=np.uint32)
    return np.array(sorted({xxh32(comparison_key(t)) for t in occ.body_blocks}), dtype=np.uint32)


def cleaned_of(occ: Occurrence, cleaner: Cleaner, summary: str | None) -> Cleaned:
    """The occurrence cleaned with the resource's summary: its compacted result, or cleaned now."""
    if occ.cleaned is not None:  # cleaned where the page was parsed: apply the summary now
        return cleaner.apply_summary(pickle.loads(zlib.decompress(occ.cleaned)), summary)
    return cleaner.clean(occ.blocks, summary)


def release(ordered: Sequence[Occurrence]) -> None:
    """Free the text of occurrences whose record is built (it is in the record now)."""
    for occ in ordered:
        occ.cleaned, occ.blocks, occ.fields = None, [], {}


def listing_only_best(
    occurrences: Sequence[Occurrence], groups: list[list[int]]
) -> dict[int, Occurrence]:
    """The best occurrence of each resource that compaction left without text (no detail page),
    by id(): their listing pages are read again in full."""
    wanted = {}
    for group in groups:
        best = min((occurrences[i] for i in group), key=preference)
        if best.compacted and best.cleaned is None:
            wanted[id(best)] = best
    return wanted


def restore(
    occurrences: list[Occurrence],
    wanted: dict[int, Occurrence],
    full: dict[str, list[Occurrence]],
) -> None:
    """Put the full occurrences read again (`full`, by page URL) in place of the wanted ones."""
    for i, occ in enumerate(occurrences):
        if id(occ) in wanted:
            twins = full.get(occ.source_url, [])
            twin = next((f for f in twins if identity_keys(f) == identity_keys(occ)), None)
            if twin is not None:
                twin.body_keys = occ.body_keys
                occurrences[i] = twin
