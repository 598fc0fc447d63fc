"""Cleaning steps: an occurrence's ordered blocks in, kept paragraphs and removed blocks out.

Each step has one job and a name, sees the blocks still kept, and drops some with a reason;
nothing is dropped silently: every removal becomes a `Removed` row of the audit trail
(`DATA_DIR/removed_blocks/`). Pure functions: no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from pipeline.config import DedupConfig
from pipeline.extract import Block, fold_label
from pipeline.minhash import SignatureMaker, band_candidates, containment, jaccard
from pipeline.text import comparison_key, shingles

# Site chrome and page furniture that can land inside a resource's region (accent-folded keys).
BOILERPLATE = [
    # the site header, current and older name
    re.compile(
        r"^reseau des collectivites territoriales pour une economie (sociale et )?solidaire$"
    ),
    # the member-only notice of private resources
    re.compile(r"^cette ressource est reservee aux adherents"),
    re.compile(r"^collectivites adherentes connectez vous"),
    re.compile(r"^(connectez vous|identifiez vous) (a|sur) (votre|l) espace (adherent|membre)"),
    re.compile(r"^(connectez vous|se connecter|identifiez vous)( pour .*)?$"),
    # teaser and navigation links
    re.compile(
        r"^(lire la suite|en savoir plus|retour a la liste|haut de page|imprimer|partager( sur \w+)?)$"
    ),
    # the submitted line, when a theme puts it among the content
    re.compile(r"^publie le \d{1,2} \d{1,2} \d{4}$"),
    re.compile(r"^aucune ressource( ne correspond.*)?$"),
]
# A block that is only file names (image captions, attachment links pasted as text):
# up to MAX_RESIDUE_WORDS words ending with a file extension, possibly several, possibly a list
# item.
FILE_EXTENSIONS = r"jpe?g|png|gif|webp|svg|bmp|tiff?|pdf|docx?|xlsx?|pptx?|odt|ods|zip"
FILE_NAME = rf"[^\s/\\:]*(?:\s+[^\s/\\:]+){{0,3}}?\.(?:{FILE_EXTENSIONS})"
FILE_NAME_RESIDUE = re.compile(rf"^(?:-\s*)?{FILE_NAME}(?:\s*[,;]?\s+{FILE_NAME})*$", re.IGNORECASE)
MAX_RESIDUE_WORDS = 4
# A file name inside a paragraph ("… de guichet. document.jpg Quelle place …"): one token with a
# file extension (a URL has slashes and stays).
# Only between sentences (at the start, or after a sentence's end, and before a capital or the
# end): "… dans le fichier programme.pdf" names the file as part of the sentence and stays.
INLINE_FILE_NAME = re.compile(
    rf"(?:(?<=[.!?»)…]\s)|^)[^\s/\\:]+\.(?i:{FILE_EXTENSIONS})(?=\s+[A-ZÀ-ÖØ-Þ«\"“]|\s*$)"
)
# An embedded tweet: its text ends with the picture or short link, then an attribution line
# "— La Coop des Communs (@CoopdesCommuns) December 8, 2022".
TWEET_TEXT = re.compile(r"\bpic\.twitter\.com/\w+|\bhttps?://t\.co/\w+", re.IGNORECASE)
TWEET_ATTRIBUTION = re.compile(
    r"^[—–-]\s*.{0,80}\(@\w{1,30}\)\s*(?:[A-Za-zéû]+\.? \d{1,2},? \d{4}|\d{1,2} [a-zéû]+\.? \d{4})?$"
)
# A photo credit standing alone: "© Mathilde Cybulski", "Photos par la CRESS Occitanie", "Crédit
# photo : X".
PHOTO_CREDIT = re.compile(
    r"^(?:©|\(c\)|cr[ée]dits? photos?\b|photos? (?:par|de|:|©)|photographies? (?:par|:))\s*\S",
    re.IGNORECASE,
)
MAX_CREDIT_WORDS = 8
# A credit closing a caption: "Atelier du 12 mai © Mathilde Cybulski" (the caption stays).
TRAILING_CREDIT = re.compile(r"\s+©\s*[^©.!?]{2,60}$")
# A caption repeated with no separator, as a carousel's slides give it: "RTES Club LodèveRTES Club
# Lodève".
REPEATED_CAPTION = re.compile(r"^(.{4,}?)(?:\s*\1)+$", re.DOTALL)
MAX_CAPTION_CHARS = 400  # a longer block is text, and the backtracking pattern stays cheap
# Two words this alike (normalised Levenshtein) are one word with a typo, not two different words.
TYPO_WORD_SIMILARITY = 0.6
# Blocks opening with the same this-many key characters are compared whatever MinHash says: a
# truncated copy (the first sentences of a long paragraph) has a low Jaccard with the whole
# paragraph, so LSH on Jaccard misses it (measured by bench.eval: 8 of 64 missed).
PREFIX_CANDIDATE_CHARS = 40


@dataclass
class Removed:
    """One block the cleaning stage dropped, and why."""

    position: int
    text: str
    reason: str
    duplicate_of_position: int | None = None
    duplicate_of_text: str | None = None
    similarity: float | None = None


def noise_reason(text: str) -> str | None:
    """Why a whole block is page furniture inside a body: a tweet, a credit, a repeated caption."""
    if TWEET_TEXT.search(text):
        return "embedded_tweet"
    if TWEET_ATTRIBUTION.match(text):
        return "embedded_tweet"
    if PHOTO_CREDIT.match(text) and len(text.split()) <= MAX_CREDIT_WORDS:
        return "photo_credit"
    if len(text) <= MAX_CAPTION_CHARS and REPEATED_CAPTION.match(text):
        return "carousel_caption"
    return None


def strip_inline_noise(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The block without the file names inside its sentences and a closing photo credit, and
    (removed text, reason) for each piece cut. Link lines and footnote markers ([153]) stay."""
    cut: list[tuple[str, str]] = []
    if is_file_name_residue(text):
        return text, cut  # the whole block is residue: removed as such, not edited
    kept = text
    while found := INLINE_FILE_NAME.findall(
        kept
    ):  # a cut can bring the next name to a sentence end
        cut += [(name, "inline_file_name") for name in found]
        kept = " ".join(INLINE_FILE_NAME.sub(" ", kept).split())
    if m := TRAILING_CREDIT.search(kept):
        if len(kept[: m.start()].split()) > 0:
            cut.append((m[0].strip(), "photo_credit"))
            kept = kept[: m.start()].rstrip()
    return kept, cut


@dataclass
class Candidate:
    """A block under consideration: its position in the occurrence and its comparison key."""

    position: int
    text: str
    origin: str
    key: str


@dataclass
class Cleaned:
    """The result of cleaning one occurrence."""

    paragraphs: list[str]
    removed: list[Removed]
    summary_containment: float | None = None
    counts: Counter = field(default_factory=Counter)
    # Pieces cut out of kept blocks (a file name inside a sentence): audit rows, the block stays.
    edits: list[Removed] = field(default_factory=list)


def is_boilerplate(text: str) -> bool:
    """Site chrome or page furniture (header, member notice, 'Lire la suite', …)."""
    folded = " ".join(re.sub(r"[\W_]+", " ", fold_label(text)).split())
    return any(p.search(folded) for p in BOILERPLATE)


def is_file_name_residue(text: str) -> bool:
    """Only file names, e.g. 'Programme journée.png' or 'document.jpg'."""
    return len(text.split()) <= MAX_RESIDUE_WORDS and FILE_NAME_RESIDUE.match(text) is not None


def whole_words(text: str, start: int, end: int) -> str:
    """text[start:end] widened to word boundaries, so an alignment never cuts a word in two."""
    while start > 0 and text[start - 1] != " ":
        start -= 1
    while end < len(text) and text[end] != " ":
        end += 1
    return text[start:end]


def prefix_candidates(blocks: list[Candidate]) -> set[tuple[int, int]]:
    """Pairs (earlier, later) of blocks whose keys open with the same PREFIX_CANDIDATE_CHARS."""
    first: dict[str, int] = {}
    pairs = set()
    for j, c in enumerate(blocks):
        if len(c.key) >= PREFIX_CANDIDATE_CHARS:
            i = first.setdefault(c.key[:PREFIX_CANDIDATE_CHARS], j)
            if i != j:
                pairs.add((i, j))
    return pairs


class Cleaner:
    """Runs the cleaning steps on occurrences with one dedup configuration."""

    def __init__(self, config: DedupConfig) -> None:
        self.config = config
        self.signatures = SignatureMaker(config)

    def shingle_set(self, key: str) -> set[str]:
        return set(shingles(key, self.config.shingle_kind, self.config.shingle_size))

    def clean(self, blocks: list[Block], summary: str | None = None) -> Cleaned:
        """Keep each body paragraph once; drop fields, chrome, residue and copies, with reasons."""
        removed: list[Removed] = []
        edits: list[Removed] = []
        kept: list[Candidate] = []
        for position, block in enumerate(blocks):
            text = block.text
            if block.origin in {"body", "trailing"}:
                text, cut = strip_inline_noise(text)
                edits += [Removed(position, piece, reason) for piece, reason in cut]
            candidate = Candidate(position, text, block.origin, comparison_key(text))
            reason = self._structural_reason(candidate)
            if reason:
                removed.append(Removed(position, block.text, reason))
            else:
                kept.append(candidate)
        kept = self._drop_exact_duplicates(kept, removed)
        kept = self._drop_near_duplicates(kept, removed)
        result = Cleaned(
            [c.text for c in kept], sorted(removed, key=lambda r: r.position), edits=edits
        )
        return self.apply_summary(result, summary)

    def apply_summary(self, result: Cleaned, summary: str | None) -> Cleaned:
        """Tell a Résumé copy from an independent one, against the cleaned body; count the reasons.

        Separate from the block steps so that a page can be cleaned where it is parsed and the
        summary (which may come from another page of the resource) applied afterwards."""
        result.summary_containment = self._summary_containment(summary, result.paragraphs)
        copied = (
            result.summary_containment is not None
            and result.summary_containment >= self.config.summary_containment
        )
        for r in result.removed:
            if r.reason in {"summary_field", "summary_copy"}:
                r.reason = "summary_copy" if copied else "summary_field"
                r.similarity = round(result.summary_containment, 4) if copied else None
        result.counts = Counter(
            {
                "kept": len(result.paragraphs),
                **Counter(r.reason for r in result.removed + result.edits),
            }
        )
        return result

    def _structural_reason(self, c: Candidate) -> str | None:
        """Why a block goes regardless of the others: a field, empty, chrome or a file name."""
        if c.origin == "field":
            return "footer_field"
        if c.origin == "summary":
            return "summary_field"  # moved to the summary column; upgraded to summary_copy below
        if c.origin == "date":
            return "date_line"  # "Publié le … - mis à jour le …": the dates are columns
        if not c.key:
            return "empty"
        if is_boilerplate(c.text):
            return "boilerplate"
        if is_file_name_residue(c.text):
            return "file_name_residue"
        return noise_reason(c.text)

    def _drop_exact_duplicates(
        self, kept: list[Candidate], removed: list[Removed]
    ) -> list[Candidate]:
        """A block whose comparison key equals an earlier kept block's (dash, space, period edits)."""
        first: dict[str, Candidate] = {}
        survivors = []
        for c in kept:
            original = first.setdefault(c.key, c)
            if original is c:
                survivors.append(c)
            else:
                removed.append(
                    Removed(
                        c.position, c.text, "exact_duplicate", original.position, original.text, 1.0
                    )
                )
        return survivors

    def _drop_near_duplicates(
        self, kept: list[Candidate], removed: list[Removed]
    ) -> list[Candidate]:
        """A long block that MinHash LSH pairs with an earlier one, verified on exact shingle sets."""
        long_blocks = [c for c in kept if len(c.key) >= self.config.short_block_chars]
        if len(long_blocks) < 2:
            return kept
        sets = [self.shingle_set(c.key) for c in long_blocks]
        sigs = self.signatures.signatures([list(s) for s in sets])
        dropped: dict[int, Removed] = {}
        pairs = set(band_candidates(sigs, self.config.block_bands)) | prefix_candidates(long_blocks)
        for i, j in sorted(pairs, key=lambda p: (p[1], p[0])):
            if i in dropped or j in dropped:
                continue  # compare only with blocks that are themselves kept
            a, b = long_blocks[i], long_blocks[j]
            score, ok = self._duplicate_score(b.key, a.key, sets[j], sets[i])
            if ok:
                dropped[j] = Removed(
                    b.position, b.text, "near_duplicate", a.position, a.text, round(score, 4)
                )
        removed.extend(dropped.values())
        gone = {long_blocks[j].position for j in dropped}
        return [c for c in kept if c.position not in gone]

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
        score, ok = self._duplicate_score(a, b, self.shingle_set(a), self.shingle_set(b))
        return score if ok else None

    def _duplicate_score(
        self, later: str, earlier: str, later_set: set[str], earlier_set: set[str]
    ) -> tuple[float, bool]:
        """(edit similarity, is a copy) of a candidate pair: an edited copy, or a truncated one."""
        cfg = self.config
        if jaccard(later_set, earlier_set) >= cfg.block_jaccard:
            score = Levenshtein.normalized_similarity(later, earlier)
            if score >= cfg.block_edit_similarity and self._few_words_changed(later, earlier):
                return score, True
        if containment(later_set, earlier_set) >= cfg.block_containment:
            aligned = fuzz.partial_ratio_alignment(
                later, earlier
            )  # best-aligned part of the earlier block
            part = whole_words(earlier, aligned.dest_start, aligned.dest_end)
            score = aligned.score / 100
            if score >= cfg.block_edit_similarity and self._few_words_changed(later, part):
                return score, True
        return 0.0, False

    def _few_words_changed(self, later: str, earlier: str) -> bool:
        """At most max_changed_word_share of the words replaced, inserted or deleted (typos aside)."""
        a, b = later.split(), earlier.split()
        allowed = int(self.config.max_changed_word_share * max(len(a), len(b)))
        changed = 0
        for op in Levenshtein.editops(a, b):
            if op.tag == "replace" and (
                Levenshtein.normalized_similarity(a[op.src_pos], b[op.dest_pos])
                >= TYPO_WORD_SIMILARITY
            ):
                continue  # a typo inside a word, not a different word
            changed += 1
            if changed > allowed:
                return False
        return True

    def _summary_containment(self, summary: str | None, paragraphs: list[str]) -> float | None:
        """Share of the summary's shingles found in the kept body: ≥ threshold means a copy."""
        if not summary:
            return None
        # the Résumé may copy the body noise included: compare it without what the body lost
        parts = [strip_inline_noise(p)[0] for p in summary.split("\n\n") if not noise_reason(p)]
        summary = "\n\n".join(parts) or summary
        size = self.config.summary_shingle_words
        body = (
            set().union(*(shingles(comparison_key(p), "word", size) for p in paragraphs))
            if paragraphs
            else set()
        )
        return containment(set(shingles(comparison_key(summary), "word", size)), body)
