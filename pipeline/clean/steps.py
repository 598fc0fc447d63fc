"""The cleaning steps, datatrove-style: one small class each, one contract, run in STEPS order.

Contract: a step has a `name` and `run(blocks)` → `StepResult`: the blocks it keeps (in order)
and those it drops, each with its reason (`Removed`, an audit row), plus the pieces it cut out
of blocks it kept (`edits`). A step sees only the blocks still kept. Adding a step is writing
one class and listing it in STEPS; the Cleaner counts kept and dropped blocks and time per step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.clean.furniture import (
    is_boilerplate,
    is_file_name_residue,
    noise_reason,
    strip_inline_noise,
)
from pipeline.clean.similarity import counted_duplicate_score, prefix_candidates
from pipeline.config import DedupConfig
from pipeline.minhash import SignatureMaker, band_candidates
from rtes_core.extract.blocks import SENTENCE_END
from rtes_core.text import comparison_key

# A box's title has at most this many words ("Post-scriptum", "Crédits photos").
MAX_BOX_TITLE_WORDS = 4
# A block cut short with an ellipsis ("…", "...", "[…]"): a teaser's lead, which the whole
# paragraph after it on the page replaces (the earlier copy goes, not the later).
TRUNCATED_END = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*$")


@dataclass
class Removed:
    """One block the cleaning stage dropped, and why."""

    position: int
    text: str
    reason: str
    duplicate_of_position: int | None = None
    duplicate_of_text: str | None = None
    similarity: float | None = None


@dataclass
class Candidate:
    """A block under consideration: its position in the occurrence and its comparison key."""

    position: int
    text: str
    origin: str
    key: str
    original: str | None = None  # the block's text as extracted, before any cut (audit rows)


@dataclass
class StepResult:
    """What one step did to the blocks it was given."""

    kept: list[Candidate]
    dropped: list[Removed] = field(default_factory=list)
    edits: list[Removed] = field(default_factory=list)  # pieces cut out of kept blocks


class CleaningStep:
    """One cleaning step; `config` is the run's DedupConfig (thresholds)."""

    name = "step"

    def __init__(self, config: DedupConfig) -> None:
        self.config = config

    def run(self, blocks: list[Candidate]) -> StepResult:
        raise NotImplementedError


class BlockFilter(CleaningStep):
    """A step that judges each block on its own: `reason(block)` drops it, None keeps it."""

    def reason(self, block: Candidate) -> str | None:
        raise NotImplementedError

    def run(self, blocks: list[Candidate]) -> StepResult:
        out = StepResult([])
        for block in blocks:
            reason = self.reason(block)
            if reason is None:
                out.kept.append(block)
            else:
                out.dropped.append(Removed(block.position, block.original or block.text, reason))
        return out


class InlineNoise(CleaningStep):
    """Cuts file names between a body's sentences and a caption's closing photo credit."""

    name = "inline_noise"

    def run(self, blocks: list[Candidate]) -> StepResult:
        out = StepResult([])
        for block in blocks:
            if block.origin not in {"body", "trailing"}:
                out.kept.append(block)
                continue
            text, cut = strip_inline_noise(block.text, self.config)
            out.edits += [Removed(block.position, piece, reason) for piece, reason in cut]
            key = block.key if text == block.text else comparison_key(text)
            out.kept.append(Candidate(block.position, text, block.origin, key, block.original))
        return out


class FieldBlocks(BlockFilter):
    """Labelled fields, the Résumé and the date line: they are columns, not body text."""

    name = "field_blocks"
    # origin → reason; a summary_field becomes summary_copy when the Résumé copies the body
    REASONS = {
        "field": "footer_field",
        "summary": "summary_field",
        "date": "date_line",
        "meta": "post_meta",  # a byline or reading time ("Par Rédaction RTES", "3 min de lecture")
    }

    def reason(self, block: Candidate) -> str | None:
        return self.REASONS.get(block.origin)


class EmptyBlocks(BlockFilter):
    """Blocks with no word left (punctuation, spaces)."""

    name = "empty"

    def reason(self, block: Candidate) -> str | None:
        return None if block.key else "empty"


class Boilerplate(BlockFilter):
    """Site chrome inside the content: header, member notice, 'Lire la suite', …"""

    name = "boilerplate"

    def reason(self, block: Candidate) -> str | None:
        return "boilerplate" if is_boilerplate(block.text) else None


class FileNameResidue(BlockFilter):
    """Blocks that are only file names (captions, attachment links pasted as text)."""

    name = "file_name_residue"

    def reason(self, block: Candidate) -> str | None:
        return "file_name_residue" if is_file_name_residue(block.text, self.config) else None


class PageFurniture(BlockFilter):
    """Embedded tweets, photo credits standing alone, carousel captions repeated; and the
    title of a box that held only such furniture, closing the text ("Post-scriptum" over a
    photo credit)."""

    name = "page_furniture"

    def reason(self, block: Candidate) -> str | None:
        return noise_reason(block.text, self.config)

    def run(self, blocks: list[Candidate]) -> StepResult:
        out = super().run(blocks)
        gone = {r.position for r in out.dropped}
        text = [c for c in out.kept if c.origin in {"body", "trailing"}]
        if text and text[-1].position + 1 in gone and _is_box_title(text[-1].text):
            last = text[-1]
            out.kept.remove(last)
            out.dropped.append(
                Removed(last.position, last.original or last.text, "furniture_title")
            )
            out.dropped.sort(key=lambda r: r.position)
        return out


def _is_box_title(text: str) -> bool:
    """A few words with no sentence's end: a box's title, not a closing sentence (nor a
    number alone, which is a figure of the text)."""
    return (
        len(text.split()) <= MAX_BOX_TITLE_WORDS
        and any(ch.isalpha() for ch in text)
        and not SENTENCE_END.search(text)
    )


class ExactDuplicates(CleaningStep):
    """A block whose comparison key equals an earlier kept block's (dash, space, period edits)."""

    name = "exact_duplicates"

    def run(self, blocks: list[Candidate]) -> StepResult:
        first: dict[str, Candidate] = {}
        out = StepResult([])
        for c in blocks:
            original = first.setdefault(c.key, c)
            if original is c:
                out.kept.append(c)
            else:
                out.dropped.append(
                    Removed(
                        c.position, c.text, "exact_duplicate", original.position, original.text, 1.0
                    )
                )
        return out


class NearDuplicates(CleaningStep):
    """A long block that MinHash LSH (or a shared opening) pairs with an earlier one, verified
    on the two blocks' shingle sets (as 32-bit hashes, from the signatures' own pass) and edit
    similarity (pipeline/clean/similarity.py)."""

    name = "near_duplicates"

    def __init__(self, config: DedupConfig) -> None:
        super().__init__(config)
        self.signatures = SignatureMaker(config)

    def run(self, blocks: list[Candidate]) -> StepResult:
        cfg = self.config
        long_blocks = [c for c in blocks if len(c.key) >= cfg.short_block_chars]
        if len(long_blocks) < 2:
            return StepResult(blocks)
        sigs, sizes, shared = self.signatures.key_signatures_shared([c.key for c in long_blocks])
        dropped: dict[int, Removed] = {}
        pairs = set(band_candidates(sigs, cfg.block_bands)) | prefix_candidates(
            long_blocks, cfg.prefix_candidate_chars
        )
        for i, j in sorted(pairs, key=lambda p: (p[1], p[0])):
            if i in dropped or j in dropped:
                continue  # compare only with blocks that are themselves kept
            a, b = long_blocks[i], long_blocks[j]
            score, ok = counted_duplicate_score(b.key, a.key, shared[j][i], sizes[j], sizes[i], cfg)
            if ok:
                dropped[j] = Removed(
                    b.position, b.text, "near_duplicate", a.position, a.text, round(score, 4)
                )
            elif TRUNCATED_END.search(a.text) or b.key.startswith(a.key):
                # a teaser's cut lead, or a standfirst copying the opening sentences, before
                # the whole paragraph: the earlier copy goes
                score, ok = counted_duplicate_score(
                    a.key, b.key, shared[j][i], sizes[i], sizes[j], cfg
                )
                if ok:
                    dropped[i] = Removed(
                        a.position, a.text, "near_duplicate", b.position, b.text, round(score, 4)
                    )
        gone = {long_blocks[j].position for j in dropped}
        return StepResult([c for c in blocks if c.position not in gone], list(dropped.values()))


# The steps, in the order they run. A block dropped by a step is never seen by the next ones.
STEPS: tuple[type[CleaningStep], ...] = (
    InlineNoise,
    FieldBlocks,
    EmptyBlocks,
    Boilerplate,
    FileNameResidue,
    PageFurniture,
    ExactDuplicates,
    NearDuplicates,
)
