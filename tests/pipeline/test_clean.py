"""pipeline.clean: every removal reason of Cleaner.clean, with both sides asserted.

Each test checks that the body text is kept AND that the footer / duplicate / residue is gone.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean import Cleaner, is_boilerplate, is_file_name_residue
from pipeline.config import DedupConfig
from rtes_core.extract import Block

CLEANER = Cleaner(DedupConfig())

# A 40+ word body paragraph.
LONG = (
    "Ce guide présente les leviers dont disposent les collectivités territoriales pour intégrer des "
    "clauses sociales et environnementales dans leurs marchés publics, en s'appuyant sur les retours "
    "d'expérience de plusieurs villes, départements et régions qui ont associé les structures "
    "d'insertion par l'activité économique à la rédaction de leurs cahiers des charges."
)
OTHER = (
    "La seconde partie décrit le suivi des heures d'insertion réalisées par les entreprises attributaires "
    "et propose des indicateurs simples pour mesurer l'effet des clauses sur l'emploi local."
)
SHORT = "Téléchargez la version pour impression."


def body(*texts):
    return [Block(t, "body") for t in texts]


def reasons(result):
    return {r.position: r.reason for r in result.removed}


def test_long_fixture_has_forty_words():
    assert len(LONG.split()) >= 40


# --- structural reasons -----------------------------------------------------------------------


def test_footer_field_blocks_are_removed():
    blocks = body(LONG) + [
        Block("Type de ressource", "field"),
        Block("Guide méthodologique", "field"),
    ]
    result = CLEANER.clean(blocks)
    assert result.paragraphs == [LONG]
    assert reasons(result) == {1: "footer_field", 2: "footer_field"}


def test_summary_contained_in_body_is_a_summary_copy():
    summary = "Ce guide présente les leviers dont disposent les collectivités territoriales."
    blocks = body(LONG) + [Block("Résumé", "field"), Block(summary, "summary")]
    result = CLEANER.clean(blocks, summary)
    assert result.paragraphs == [LONG]
    assert reasons(result) == {1: "footer_field", 2: "summary_copy"}
    assert result.removed[1].similarity >= 0.8


def test_truncated_first_sentence_summary_is_a_summary_copy():
    summary = "Ce guide présente les leviers dont disposent les collectivités territoriales pour intégrer des cla…"
    result = CLEANER.clean(body(LONG, OTHER) + [Block(summary, "summary")], summary)
    assert result.paragraphs == [LONG, OTHER]
    assert reasons(result) == {2: "summary_copy"}
    assert result.summary_containment >= 0.8


def test_independent_summary_is_a_summary_field():
    summary = "Un outil pratique pour une commande publique socialement responsable."
    result = CLEANER.clean(body(LONG) + [Block(summary, "summary")], summary)
    assert result.paragraphs == [LONG]
    assert reasons(result) == {1: "summary_field"}
    assert result.summary_containment < 0.8


def test_no_summary_gives_no_containment():
    result = CLEANER.clean(body(LONG))
    assert result.paragraphs == [LONG]
    assert result.summary_containment is None


@pytest.mark.parametrize("text", ["", "   ", "-", "…", "* * *", "« »"])
def test_blocks_without_letters_or_digits_are_empty(text):
    result = CLEANER.clean(body(LONG, text))
    assert result.paragraphs == [LONG]
    assert reasons(result) == {1: "empty"}


@pytest.mark.parametrize(
    "text",
    [
        "Réseau des collectivités Territoriales pour une Economie Solidaire",
        "Réseau des collectivités Territoriales pour une Economie Sociale et Solidaire",
        "RESEAU DES COLLECTIVITES TERRITORIALES POUR UNE ECONOMIE SOLIDAIRE",
        "Cette ressource est réservée aux adhérents du réseau.",
        "Lire la suite",
        "Publié le 12/05/2016",
    ],
)
def test_boilerplate_is_removed(text):
    result = CLEANER.clean(body(LONG, text))
    assert result.paragraphs == [LONG]
    assert reasons(result) == {1: "boilerplate"}


@pytest.mark.parametrize(
    "text",
    [
        "Lire la suite de ce retour d'expérience sur les clauses sociales.",
        "Le Réseau des collectivités Territoriales pour une Economie Solidaire organise une rencontre.",
    ],
)
def test_sentences_mentioning_boilerplate_words_are_kept(text):
    assert not is_boilerplate(text)
    assert CLEANER.clean(body(text)).paragraphs == [text]


@pytest.mark.parametrize(
    "text", ["Programme journée.png", "document.jpg", "- photo.JPG", "affiche.png, flyer.pdf"]
)
def test_file_name_residue_is_removed(text):
    result = CLEANER.clean(body(LONG, text))
    assert result.paragraphs == [LONG]
    assert reasons(result) == {1: "file_name_residue"}


@pytest.mark.parametrize(
    "text",
    [
        "Le programme détaillé de la journée est disponible dans le fichier programme.pdf",
        "Consultez le document joint programme.pdf.",
    ],
)
def test_sentence_ending_with_a_file_name_is_kept(text):
    result = CLEANER.clean(body(LONG, text))
    assert result.paragraphs == [LONG, text]
    assert result.removed == []


def test_short_sentence_ending_with_a_file_name_is_kept():
    text = "Télécharger le programme : programme.pdf"
    result = CLEANER.clean(body(LONG, text))
    assert result.paragraphs == [LONG, text]
    assert not is_file_name_residue(text)


# --- exact duplicates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "copy",
    [
        LONG.replace("d'insertion", "d\u2019insertion"),  # typographic apostrophe
        LONG.replace("économique", "économique ").replace(" ", "  ", 3),  # extra spaces
        LONG.rstrip("."),  # final period dropped
        LONG.replace(" ", "\u00a0", 5),  # NBSP
        LONG.upper(),  # case
        "- " + LONG,  # list marker
    ],
    ids=["apostrophe", "spaces", "final-period", "nbsp", "case", "dash"],
)
def test_exact_duplicate_after_typographic_edits(copy):
    result = CLEANER.clean(body(LONG, OTHER, copy))
    assert result.paragraphs == [LONG, OTHER]
    [removed] = result.removed
    assert (removed.position, removed.reason) == (2, "exact_duplicate")
    assert (removed.duplicate_of_position, removed.duplicate_of_text, removed.similarity) == (
        0,
        LONG,
        1.0,
    )


def test_exact_duplicate_of_a_short_block():
    result = CLEANER.clean(body(SHORT, LONG, "Téléchargez la version pour impression"))
    assert result.paragraphs == [SHORT, LONG]
    assert reasons(result) == {2: "exact_duplicate"}


def test_trailing_copy_of_the_body_on_a_listing_is_removed():
    blocks = body(LONG) + [Block("Type de ressource", "field"), Block(LONG, "trailing")]
    result = CLEANER.clean(blocks)
    assert result.paragraphs == [LONG]
    assert reasons(result) == {1: "footer_field", 2: "exact_duplicate"}


# --- near duplicates --------------------------------------------------------------------------

TYPOS = LONG.replace("leviers", "levirs").replace("marchés", "marchée").replace("charges", "charge")
CHANGED_WORD = LONG.replace("plusieurs", "nombreuses")
TRUNCATED = LONG[: int(len(LONG) * 0.6)]


@pytest.mark.parametrize("copy", [TYPOS, CHANGED_WORD], ids=["three-typos", "changed-word"])
def test_near_duplicate_with_small_edits(copy):
    result = CLEANER.clean(body(LONG, OTHER, copy))
    assert result.paragraphs == [LONG, OTHER]
    [removed] = result.removed
    assert (removed.position, removed.reason, removed.text) == (2, "near_duplicate", copy)
    assert (removed.duplicate_of_position, removed.duplicate_of_text) == (0, LONG)
    assert 0.7 <= removed.similarity < 1.0


def test_truncated_copy_is_a_near_duplicate_by_containment():
    result = CLEANER.clean(body(LONG, OTHER, TRUNCATED))
    assert result.paragraphs == [LONG, OTHER]
    [removed] = result.removed
    assert (removed.reason, removed.duplicate_of_position) == ("near_duplicate", 0)
    assert removed.similarity >= 0.9


def test_the_earlier_block_is_kept_and_the_later_copy_removed():
    result = CLEANER.clean(body(TYPOS, LONG))
    assert result.paragraphs == [TYPOS]
    assert result.removed[0].duplicate_of_text == TYPOS


def test_short_legit_line_is_kept_in_each_resource():
    first = CLEANER.clean(body(LONG, SHORT))
    second = CLEANER.clean(body(OTHER, SHORT))
    assert first.paragraphs == [LONG, SHORT] and first.removed == []
    assert second.paragraphs == [OTHER, SHORT] and second.removed == []


def test_short_blocks_are_never_near_duplicates():
    similar = "Téléchargez la version pour impression couleur."
    result = CLEANER.clean(body(SHORT, similar))
    assert result.paragraphs == [SHORT, similar]
    assert result.removed == []


def test_distinct_paragraphs_sharing_a_template_sentence_are_both_kept():
    template = "Retrouvez toutes les informations pratiques sur le site du réseau."
    a = (
        f"{template} La ville de Lille lance un appel à projets pour soutenir les épiceries solidaires "
        "installées dans les quartiers prioritaires, avec une enveloppe annuelle dédiée."
    )
    b = (
        f"{template} Le département du Gers accompagne la création d'une coopérative agricole qui "
        "approvisionne les cantines des collèges en produits locaux et biologiques."
    )
    result = CLEANER.clean(body(a, b))
    assert result.paragraphs == [a, b]
    assert result.removed == []


# --- the whole result ----------------------------------------------------------------------

MIXED = body(
    "Réseau des collectivités Territoriales pour une Economie Solidaire",
    LONG,
    SHORT,
    "document.jpg",
    OTHER,
    TYPOS,
    "",
    LONG.rstrip("."),
    TRUNCATED,
) + [
    Block("Résumé", "field"),
    Block("Un résumé indépendant du corps du texte.", "summary"),
    Block("Catégorie", "field"),
    Block(OTHER, "trailing"),
]


def test_counts_add_up():
    result = CLEANER.clean(MIXED, "Un résumé indépendant du corps du texte.")
    assert result.paragraphs == [LONG, SHORT, OTHER]
    assert len(result.paragraphs) + len(result.removed) == len(MIXED)
    assert sum(result.counts.values()) == len(MIXED)
    assert result.counts["kept"] == 3
    assert dict(result.counts) == {
        "kept": 3,
        "boilerplate": 1,
        "file_name_residue": 1,
        "empty": 1,
        "near_duplicate": 2,
        "exact_duplicate": 2,
        "footer_field": 2,
        "summary_field": 1,
    }


def test_removed_rows_are_sorted_by_position_and_cover_the_rest():
    result = CLEANER.clean(MIXED)
    positions = [r.position for r in result.removed]
    assert positions == sorted(positions)
    assert set(positions) == set(range(len(MIXED))) - {1, 2, 4}


def test_removed_rows_keep_the_original_text():
    result = CLEANER.clean(MIXED)
    assert all(r.text == MIXED[r.position].text for r in result.removed)


def test_cleaning_is_idempotent():
    once = CLEANER.clean(MIXED).paragraphs
    twice = CLEANER.clean(body(*once))
    assert twice.paragraphs == once
    assert twice.removed == []


POOL = [
    LONG,
    OTHER,
    SHORT,
    TYPOS,
    CHANGED_WORD,
    TRUNCATED,
    LONG.rstrip("."),
    "document.jpg",
    "Lire la suite",
    "Les coopératives citoyennes d'énergie associent habitants et communes au capital de centrales solaires.",
    "Retrouvez toutes les informations pratiques sur le site du réseau.",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(POOL), max_size=12))
def test_cleaning_any_mix_is_idempotent_and_accounts_for_every_block(texts):
    result = CLEANER.clean(body(*texts))
    assert len(result.paragraphs) + len(result.removed) == len(texts)
    again = CLEANER.clean(body(*result.paragraphs))
    assert again.paragraphs == result.paragraphs
    assert again.removed == []


@pytest.mark.parametrize(
    "later",
    [
        "- Faciliter l’accès des petites structures aux marchés à Rouen.",
        "- Faciliter l’accès des petites structures aux marchés à Orléans ;",
        "- Faciliter l’accès des petites structures aux marchés à Aubagne.",
    ],
)
def test_list_items_naming_another_place_are_not_copies(later):
    first = "- Faciliter l’accès des petites structures aux marchés à Rennes ;"
    result = CLEANER.clean(body(first, OTHER, later))
    assert result.paragraphs == [first, OTHER, later]
    assert result.removed == []


def test_list_item_with_a_typo_is_a_near_duplicate():
    first = "- Faciliter l’accès des petites structures aux marchés publics à Rennes ;"
    result = CLEANER.clean(
        body(first, OTHER, "- Faciliter l’accès des petites structures aux marchés publcs à Rennes")
    )
    assert result.paragraphs == [first, OTHER]
    assert reasons(result) == {2: "near_duplicate"}


def test_long_copy_with_two_words_changed_is_a_near_duplicate():
    copy = LONG.replace("plusieurs villes", "nombreuses villes").replace("rédaction", "préparation")
    result = CLEANER.clean(body(LONG, OTHER, copy))
    assert result.paragraphs == [LONG, OTHER]
    assert reasons(result) == {2: "near_duplicate"}
