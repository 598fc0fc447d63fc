"""rtes_core.text: storage normalisation, comparison keys, shingles."""

import unicodedata

import pytest

from rtes_core.text import comparison_key, normalise_text, shingles, word_count

# --- normalise_text -------------------------------------------------------------------------


def test_normalise_text_composes_to_nfc():
    decomposed = "e\u0301conomie"  # e + combining acute accent
    assert normalise_text(decomposed) == "économie"
    assert unicodedata.is_normalized("NFC", normalise_text(decomposed))


@pytest.mark.parametrize("space", ["\u00a0", "\u202f"], ids=["nbsp", "narrow-nbsp"])
def test_normalise_text_turns_no_break_spaces_into_spaces(space):
    assert normalise_text(f"Le réseau{space}: une force") == "Le réseau : une force"


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\ufffe"])
def test_normalise_text_removes_control_characters(control):
    assert normalise_text(f"écono{control}mie") == "économie"


def test_normalise_text_collapses_whitespace_runs():
    assert normalise_text("  un \t deux\n\n trois \r\n") == "un deux trois"


def test_normalise_text_of_only_whitespace_is_empty():
    assert normalise_text(" \u00a0\n\t ") == ""


# --- comparison_key ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("l\u2019économie sociale", "l'économie sociale"),  # typographic apostrophe
        ("\u00ab\u00a0Territoires\u00a0\u00bb", '"Territoires"'),  # French guillemets
        ("\u201cTerritoires\u201d", '"Territoires"'),  # English curly quotes
        ("2019 \u2013 2020", "2019 - 2020"),  # en dash
        ("2019 \u2014 2020", "2019-2020"),  # em dash, spaces differ
        ("Un appel à projets.", "Un appel à projets"),  # final period
        ("UN APPEL À PROJETS", "un appel à projets"),  # case
        ("- item", "-item"),  # list marker spacing
        ("Un  appel\u00a0à projets", "Un appel à projets"),  # whitespace
    ],
)
def test_comparison_key_unifies_typography(a, b):
    assert comparison_key(a) == comparison_key(b)


@pytest.mark.parametrize("a, b", [("économie", "economie"), ("côte", "cote"), ("mère", "mere")])
def test_comparison_key_keeps_accents(a, b):
    assert comparison_key(a) != comparison_key(b)


def test_comparison_key_keeps_words_apart():
    assert comparison_key("Appel à projets : 2020") == "appel à projets 2020"


def test_comparison_key_composes_to_nfc():
    assert comparison_key("e\u0301conomie") == comparison_key("économie")


def test_comparison_key_of_punctuation_only_is_empty():
    assert comparison_key(" - … « » . ") == ""


# --- shingles and word counts --------------------------------------------------------------


def test_char_shingles_are_overlapping_ngrams():
    assert shingles("abcdef", "char", 3) == ["abc", "bcd", "cde", "def"]


def test_word_shingles_are_overlapping_word_ngrams():
    assert shingles("un deux trois quatre", "word", 2) == ["un deux", "deux trois", "trois quatre"]


@pytest.mark.parametrize("key", ["abc", "abcde"])
def test_char_shingles_of_short_key_is_the_whole_key(key):
    assert shingles(key, "char", 5) == [key]


@pytest.mark.parametrize("key", ["un", "un deux trois"])
def test_word_shingles_of_short_key_is_the_whole_key(key):
    assert shingles(key, "word", 3) == [key]


@pytest.mark.parametrize("kind", ["char", "word"])
def test_shingles_of_empty_key_is_empty(kind):
    assert shingles("", kind, 5) == []


def test_word_count_counts_word_tokens():
    assert word_count("L'économie, sociale et solidaire !") == 5
