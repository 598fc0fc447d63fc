"""Cleaning cases found by bench.eval: truncated copies of long paragraphs, independent Résumés."""

from pipeline.clean import Candidate, Cleaner, prefix_candidates
from pipeline.config import DedupConfig
from rtes_core.extract import Block
from rtes_core.text import comparison_key
from tests.pipeline.test_clean import LONG, OTHER, body, reasons

CLEANER = Cleaner(DedupConfig())
FIRST = (
    "Lors des Rencontres du RTES de Montreuil, trente-deux élus et techniciens ont échangé sur les "
    "monnaies locales complémentaires et leurs effets sur le commerce de proximité."
)
LONG_PARAGRAPH = (
    FIRST + " " + " ".join([LONG, LONG.replace("guide", "document").replace("Ce ", "Le ")])
)


def test_first_sentence_of_a_long_paragraph_repeated_later_is_a_copy():
    result = CLEANER.clean(body(LONG_PARAGRAPH, OTHER, FIRST))
    assert result.paragraphs == [LONG_PARAGRAPH, OTHER]
    assert reasons(result) == {2: "near_duplicate"}
    assert result.removed[0].duplicate_of_position == 0


def test_prefix_candidates_pair_only_blocks_opening_alike():
    texts = [LONG_PARAGRAPH, OTHER, FIRST, "Lors des Rencontres"]
    cands = [Candidate(i, t, "body", comparison_key(t)) for i, t in enumerate(texts)]
    chars = CLEANER.config.prefix_candidate_chars
    assert prefix_candidates(cands, chars) == {(0, 2)}
    assert len(comparison_key(texts[3])) < chars


def test_independent_summary_with_the_body_vocabulary_is_not_a_copy():
    summary = (
        "Les collectivités territoriales et les élus locaux trouveront ici des leviers pour la "
        "commande publique responsable et les clauses sociales des marchés."
    )
    result = CLEANER.clean(body(LONG, OTHER) + [Block(summary, "summary")], summary)
    assert reasons(result) == {2: "summary_field"}
    assert result.summary_containment < 0.8
