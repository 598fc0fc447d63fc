"""The Cleaner: an occurrence's ordered blocks through every step of STEPS, counted and timed.

Nothing is dropped silently: every removal becomes a `Removed` row of the audit trail
(`DATA_DIR/removed_blocks/`). After the steps, the Résumé is compared with the kept body
(`apply_summary`), apart from them so that a page can be cleaned where it is parsed and the
summary, which may come from another page of the resource, applied later.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pipeline.clean.furniture import noise_reason, strip_inline_noise
from pipeline.clean.similarity import duplicate_score
from pipeline.clean.steps import STEPS, Candidate, Removed, StepResult
from pipeline.config import DedupConfig
from pipeline.minhash import SignatureMaker, word_containment
from rtes_core.extract import Block
from rtes_core.text import comparison_key, shingle_set


@dataclass
class Cleaned:
    """The result of cleaning one occurrence."""

    paragraphs: list[str]
    removed: list[Removed]
    summary_containment: float | None = None
    counts: Counter = field(default_factory=Counter)
    # Pieces cut out of kept blocks (a file name inside a sentence): audit rows, the block stays.
    edits: list[Removed] = field(default_factory=list)


@dataclass
class StepStats:
    """What one step did over every occurrence cleaned: blocks seen, kept, dropped, cut, time."""

    blocks: int = 0
    kept: int = 0
    dropped: int = 0
    cut: int = 0  # pieces cut out of blocks it kept
    seconds: float = 0.0

    def add(self, other: StepStats) -> None:
        self.blocks += other.blocks
        self.kept += other.kept
        self.dropped += other.dropped
        self.cut += other.cut
        self.seconds += other.seconds


class CleaningStats(dict[str, StepStats]):
    """Step name → its StepStats, in STEPS order: what the run report shows."""

    def record(self, name: str, given: int, result: StepResult, seconds: float) -> None:
        stats = self.setdefault(name, StepStats())
        stats.add(
            StepStats(given, len(result.kept), len(result.dropped), len(result.edits), seconds)
        )

    def merge(self, other: CleaningStats) -> None:
        """Add what another cleaner counted (a worker's copy)."""
        for name, stats in other.items():
            self.setdefault(name, StepStats()).add(stats)

    def as_report(self) -> dict[str, dict[str, Any]]:
        return {
            name: {
                "blocks": s.blocks,
                "kept": s.kept,
                "dropped": s.dropped,
                "cut": s.cut,
                "seconds": round(s.seconds, 3),
            }
            for name, s in self.items()
        }


class Cleaner:
    """Runs the cleaning steps on occurrences with one dedup configuration."""

    def __init__(self, config: DedupConfig) -> None:
        self.config = config
        self.signatures = SignatureMaker(config)
        self.steps = [step(config) for step in STEPS]
        self.stats = CleaningStats({step.name: StepStats() for step in self.steps})

    def __getstate__(self) -> dict[str, Any]:
        """A copy sent to a worker process counts afresh (its counts come back with its results)."""
        state = dict(self.__dict__)
        state["stats"] = CleaningStats({step.name: StepStats() for step in self.steps})
        return state

    def shingle_set(self, key: str) -> set[str]:
        return shingle_set(key, self.config.shingle_kind, self.config.shingle_size)

    def clean(self, blocks: list[Block], summary: str | None = None) -> Cleaned:
        """Keep each body paragraph once; drop fields, chrome, residue and copies, with reasons."""
        kept = [
            Candidate(i, b.text, b.origin, comparison_key(b.text), b.text)
            for i, b in enumerate(blocks)
        ]
        removed: list[Removed] = []
        edits: list[Removed] = []
        for step in self.steps:
            started = time.perf_counter()
            result = step.run(kept)
            self.stats.record(step.name, len(kept), result, time.perf_counter() - started)
            kept, removed, edits = result.kept, removed + result.dropped, edits + result.edits
        cleaned = Cleaned(
            [c.text for c in kept], sorted(removed, key=lambda r: r.position), edits=edits
        )
        return self.apply_summary(cleaned, summary)

    def apply_summary(self, result: Cleaned, summary: str | None) -> Cleaned:
        """Tell a Résumé copy from an independent one, against the cleaned body; count the reasons."""
        result.summary_containment = self._summary_containment(summary, result.paragraphs)
        copied = (
            result.summary_containment is not None
            and result.summary_containment >= self.config.summary_containment
        )
        for r in result.removed:
            if r.reason in {"summary_field", "summary_copy"}:
                r.reason = "summary_copy" if copied else "summary_field"
                r.similarity = round(result.summary_containment, 4) if copied else None
        reasons = Counter(r.reason for r in result.removed + result.edits)
        result.counts = Counter({"kept": len(result.paragraphs), **reasons})
        return result

    def copy_similarity(self, later: str, earlier: str) -> float | None:
        """The similarity that makes block `later` a copy of `earlier` under clean()'s rules, else None.

        Same comparison key: 1.0 (exact_duplicate). Both long: the near-duplicate verification
        (shingle Jaccard or containment, then edit similarity and changed words). Short blocks
        are only ever compared exactly, as in clean(). Used to split flat-text exports.
        """
        a, b = comparison_key(later), comparison_key(earlier)
        if not a or not b:
            return None
        if a == b:
            return 1.0
        if min(len(a), len(b)) < self.config.short_block_chars:
            return None
        score, ok = duplicate_score(a, b, self.shingle_set(a), self.shingle_set(b), self.config)
        return score if ok else None

    def _summary_containment(self, summary: str | None, paragraphs: list[str]) -> float | None:
        """Share of the summary's shingles found in the kept body: ≥ threshold means a copy."""
        if not summary:
            return None
        # the Résumé may copy the body noise included: compare it without what the body lost
        parts = [
            strip_inline_noise(p, self.config)[0]
            for p in summary.split("\n\n")
            if not noise_reason(p, self.config)
        ]
        summary = "\n\n".join(parts) or summary
        return word_containment(
            comparison_key(summary),
            [comparison_key(p) for p in paragraphs],
            self.config.summary_shingle_words,
        )
