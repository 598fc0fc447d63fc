"""Every tunable of the cleaning stage, in one frozen object recorded in the dataset metadata."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from importlib.metadata import version


@dataclass(frozen=True)
class DedupConfig:
    """Near-duplicate detection parameters.

    Shingles are character 5-grams of the comparison key (case-folded, punctuation and
    spaces unified): a typo or a changed word touches only ~5-10 shingles of a paragraph's
    hundreds, whereas with word 5-grams a copy with 5% of its words changed falls to a
    Jaccard near 0.6.

    LSH banding, P(candidate | Jaccard s) = 1 - (1 - s**r)**b:
      within a resource, b=32 bands of r=2 rows (64 permutations):
        s=0.30 -> 0.95, s=0.50 -> 0.9999; candidates are then verified on exact shingle sets,
        so a low candidate threshold costs a few set intersections, never a wrong removal.
      across pages (merge), on word 5-grams of whole bodies, b=16 bands of r=4 rows:
        s=0.50 -> 0.64, s=0.70 -> 0.988, s=0.85 -> 0.99997; verified on exact sets too.
        Whole bodies are compared on word 5-grams, not character 5-grams: two unrelated French
        bodies share ~30% of their character 5-grams (common words and endings), which made
        LSH pair nearly everything, but almost none of their word 5-grams.
    """

    shingle_kind: str = "char"  # "char" or "word"
    shingle_size: int = 5
    num_perm: int = 64
    seed: int = 1
    # pipeline/minhash.py's signature scheme (signatures of two schemes never compare)
    scheme: str = "oph-poly32-v1"
    block_bands: int = 32  # LSH bands for blocks inside one resource (rows = num_perm / bands)
    merge_bands: int = 16  # LSH bands for whole resources across pages
    # A block is a near-duplicate of an earlier one when their exact shingle-set Jaccard reaches
    # this (copies with typos and edited words score 0.75-0.98; distinct paragraphs of the same
    # site sharing one template sentence stay below 0.5).
    block_jaccard: float = 0.70
    # ... or when this share of its shingles lies inside one earlier block (truncated copies).
    block_containment: float = 0.90
    # ... and, either way, when its character edit similarity to that block (normalised
    # Levenshtein; for truncated copies, to the best-aligned part of it) reaches this. Shingle
    # overlap alone cannot tell a copy with typos (similarity ~0.95-0.99) from two list items
    # differing by one word ("… marchés à Orléans ;" / "… à Périgueux ;": Jaccard 0.76, edit 0.875).
    block_edit_similarity: float = 0.90
    # ... and at most this share of its words is a different word (typos within a word aside):
    # "a copy with 5% of its words changed" is a copy; a 9-word list item naming another city
    # is not (0 changed words allowed below 20 words).
    max_changed_word_share: float = 0.05
    # The Résumé is a copy of the body when this share of its shingles is found in the body.
    summary_containment: float = 0.80
    # ... counted on word n-grams of this size: against a whole body (thousands of words) most
    # character 5-grams of any French text are found somewhere, so an independent Résumé
    # scored 0.8+ (measured by bench.eval: half of them); word 3-grams of an independent
    # Résumé are rarely in the body, while a copy keeps ~all of them (one typo costs three).
    summary_shingle_words: int = 3
    # Two words this alike (normalised Levenshtein) are one word with a typo, not two different
    # words: a replaced word this close does not count against max_changed_word_share.
    typo_word_similarity: float = 0.6
    # Blocks opening with the same this-many key characters are compared whatever MinHash says: a
    # truncated copy (the first sentences of a long paragraph) has a low Jaccard with the whole
    # paragraph, so LSH on Jaccard misses it (measured by bench.eval: 8 of 64 missed).
    prefix_candidate_chars: int = 40
    # A block of at most this many words, all file names ("Programme journée.png"), is residue.
    max_residue_words: int = 4
    # A photo credit standing alone ("© Mathilde Cybulski") has at most this many words.
    max_credit_words: int = 8
    # A caption repeated without separator (a carousel's slides) is looked for only in blocks up
    # to this many characters: a longer block is text, and the backtracking pattern stays cheap.
    max_caption_chars: int = 400
    # Blocks shorter than this (characters of comparison key) are compared exactly, never by
    # MinHash: a short line has too few shingles for a stable estimate, and short lines such as
    # "Téléchargez la version pour impression." are legitimately repeated across resources.
    short_block_chars: int = 60
    # Two page occurrences with different identities are one resource when their bodies reach
    # this Jaccard (republished under another URL with a small edit) and their titles match.
    merge_jaccard: float = 0.70
    merge_shingle_kind: str = "word"
    merge_shingle_size: int = 5
    merge_min_shingles: int = 50  # bodies with fewer shingles than this are never merged on content
    # Titles of two republished copies must still look alike: character-shingle Jaccard of the
    # titles at least this, whatever their bodies share.
    merge_title_jaccard: float = 0.5
    # An LSH candidate pair is verified on exact shingle sets only when its signatures' estimated
    # Jaccard reaches this. With 64 permutations the estimate's standard deviation is
    # sqrt(J(1-J)/64) <= 0.0625, so a pair at merge_jaccard (0.70) falls below 0.50 with
    # probability < 0.1% (3.2 sigma), while bodies sharing only template passages (J 0.2-0.4) are
    # dismissed without rebuilding their sets. Measured: 11,071 candidates at 10,000 resources, and
    # their number grows with the square of such a template cluster.
    merge_estimate_floor: float = 0.50
    # A resource imported from a legacy text export is the crawled resource of the same title
    # when their paragraphs' comparison keys overlap at least this much (Jaccard of the key sets):
    # an export is an older rendering of the same page, so a few paragraphs may have been edited
    # since, while two different resources that share a title share few paragraphs.
    import_join_jaccard: float = 0.50
    # Attached documents (pipeline/document_dedup.py): near-copies across documents are found by
    # MinHash LSH on word 5-grams of their whole text, b=32 bands of r=2 rows (64 permutations):
    # P(candidate | J=0.5) = 0.9999, P(candidate | J=0.2) = 0.73 (documents are few: thousands,
    # so candidates are cheap), each candidate verified on exact sets. A print version shares
    # ~0.95-1.0 of its screen version's 5-grams (only running headers differ); an edition with
    # 15% of its paragraphs rewritten ~0.7; two documents written from the same templates < 0.05.
    document_shingle_size: int = 5
    document_bands: int = 32
    document_jaccard: float = 0.50
    document_min_shingles: int = 30  # shorter texts (a one-line cover page) are never linked
    # Extraction limits, per file: bigger files are not read, slower ones are stopped.
    document_max_bytes: int = 20 * 1024 * 1024  # = the crawl's DOWNLOAD_MAXSIZE
    document_timeout_seconds: float = 60.0
    document_memory_mb: int = 2048  # address-space limit of an extraction worker
    # Letters needed before the language of a text is identified (py3langid is unreliable below).
    language_min_letters: int = 200

    def __post_init__(self) -> None:
        if self.shingle_kind not in {"char", "word"}:
            raise ValueError(f"shingle_kind must be 'char' or 'word', not {self.shingle_kind!r}")
        for bands in (self.block_bands, self.merge_bands, self.document_bands):
            if bands <= 0 or self.num_perm % bands:
                raise ValueError(f"num_perm={self.num_perm} is not divisible by {bands} bands")

    @property
    def block_rows(self) -> int:
        return self.num_perm // self.block_bands

    @property
    def merge_rows(self) -> int:
        return self.num_perm // self.merge_bands

    def as_metadata(self) -> str:
        """JSON of the parameters and the library versions that make signatures comparable."""
        payload = asdict(self)
        payload["libraries"] = {
            name: version(name)
            for name in ("xxhash", "numpy", "rapidfuzz", "pypdfium2", "py3langid")
        }
        return json.dumps(payload, sort_keys=True)


DEFAULT_DEDUP = DedupConfig()
