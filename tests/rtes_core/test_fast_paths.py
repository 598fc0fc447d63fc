"""The fast paths of the process stage equal the plain definitions they replace.

Each helper here was written for speed (issue 15); its test states the plain, slow form and
checks the two agree on ordinary, accented, typographic and pathological texts."""

import re
import unicodedata

import pytest

from rtes_core.extract import fold_head, fold_label
from rtes_core.extract.records import label_key
from rtes_core.text import comparison_key, shingle_set, shingles

TEXTS = [
    "",
    "Lire la suite",
    "  Résumé :  ",
    "Économie sociale et solidaire : les collectivités à l’œuvre, « déjà » présentes – 2021.",
    "e\u0301conomie cre\u0300me bru\u0302le\u0301e",  # decomposed accents
    "Straße ǅ ﬁn ½ Ⅻ",  # casefold and compatibility forms
    "snake_case et tirets‐insécables — fin…",
    "." * 300 + " Lire la suite",
    "x" * 5000,
]


def reference_fold(text: str) -> str:
    """fold_label as first written: one Python step per character."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace(":", " ").split())


QUOTES = str.maketrans({"\u2019": "'", "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-"})


def reference_key(text: str) -> str:
    """comparison_key as first written: quotes mapped, then every non-alphanumeric run a space."""
    folded = unicodedata.normalize("NFC", text).translate(QUOTES).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


@pytest.mark.parametrize("text", TEXTS)
def test_fold_label_equals_the_per_character_fold(text):
    assert fold_label(text) == reference_fold(text)


@pytest.mark.parametrize("text", TEXTS)
def test_comparison_key_equals_the_substitution_form(text):
    assert comparison_key(text) == reference_key(text)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("chars", [8, 64, 400])
def test_fold_head_begins_the_whole_fold(text, chars):
    head, whole = fold_head(text, chars), reference_fold(text)
    assert whole.startswith(head.rstrip())
    assert len(head) >= min(len(whole), chars // 2) or head == whole


def test_fold_head_falls_back_to_the_whole_fold_after_a_run_of_spaces():
    text = " " * 100 + "Lire la suite"
    assert fold_head(text, 64) == "lire la suite"


def test_label_key_reads_labels_and_skips_paragraphs():
    assert label_key("Budget consacré à l'ESS") == "budget consacre a l ess"
    assert label_key("Un long paragraphe. " * 20) is None


@pytest.mark.parametrize("kind", ["char", "word"])
@pytest.mark.parametrize("text", TEXTS)
def test_shingle_set_equals_the_set_of_shingles(kind, text):
    key = comparison_key(text)
    assert shingle_set(key, kind, 5) == set(shingles(key, kind, 5))
