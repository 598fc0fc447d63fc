"""Small pure text helpers: normalisation for storage and for comparison."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A run of letters and digits: a comparison key is these runs joined by one space, so
# punctuation, symbols, typographic quotes and dashes, spaces and "_" all separate words alike
# ("- item" / "-item", « x » / "x" and a dropped final period compare equal).
ALNUM_RUN = re.compile(r"[^\W_]+", re.UNICODE)
# The extensions of files a page names in its text (image captions, attachment links).
FILE_EXTENSIONS = r"jpe?g|png|gif|webp|svg|bmp|tiff?|pdf|docx?|xlsx?|pptx?|odt|ods|zip"
# One of a page's tools, as its toolbar names it (the words of the accent-folded text).
PAGE_TOOL = (
    r"(?:imprimer(?: cette page)?|envoyer a un ami|envoyer par (?:e ?mail|courriel)"
    r"|version imprimable)"
)
# A text that ends as a file's name does ("Programme journée.png").
ENDS_AS_FILE_NAME = re.compile(rf"\.(?:{FILE_EXTENSIONS})$", re.IGNORECASE)
# Word tokens for word counts and word shingles.
WORD = re.compile(r"\w+", re.UNICODE)
# A character that cannot be part of readable text: C0/C1 controls (except tab/newline) and
# non-characters; such bytes come from broken encodings and would poison Parquet readers.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def without_accents(text: str) -> str:
    """NFKD with the combining marks dropped ("é" → "e", "ﬁ" → "fi"): each distinct mark is
    removed once over the whole text (a French text holds a handful), not a step per character."""
    plain = unicodedata.normalize("NFKD", text)
    if not plain.isascii():
        for char in set(plain):
            if unicodedata.combining(char):
                plain = plain.replace(char, "")
    return plain


def normalise_text(text: str) -> str:
    """Storage form: NFC, control characters removed, every whitespace run (NBSP included) one space."""
    text = CONTROL_CHARS.sub("", unicodedata.normalize("NFC", text))
    return " ".join(text.split())


# Texts up to this length (paragraphs, compared again and again) have their comparison key
# cached; whole bodies are not: 8,192 cached bodies held hundreds of MB at 10,000 resources.
CACHED_KEY_CHARS = 2000


def _comparison_key(text: str) -> str:
    return " ".join(ALNUM_RUN.findall(unicodedata.normalize("NFC", text).casefold()))


_cached_comparison_key = lru_cache(maxsize=8192)(_comparison_key)


def comparison_key(text: str) -> str:
    """Comparison form: case-folded, typography unified, punctuation and spaces removed between words."""
    return _cached_comparison_key(text) if len(text) <= CACHED_KEY_CHARS else _comparison_key(text)


def word_count(text: str) -> int:
    """Number of word tokens in the text."""
    return len(WORD.findall(text))


def shingle_set(key: str, kind: str, size: int) -> set[str]:
    """set(shingles(key, kind, size)), built without the intermediate list."""
    if kind == "char" and len(key) > size:
        return {key[i : i + size] for i in range(len(key) - size + 1)}
    return set(shingles(key, kind, size))


def shingles(key: str, kind: str, size: int) -> list[str]:
    """Shingles of a comparison key: character n-grams ('char') or word n-grams ('word')."""
    if kind == "char":
        if len(key) <= size:
            return [key] if key else []
        return [key[i : i + size] for i in range(len(key) - size + 1)]
    words = key.split()
    if len(words) <= size:
        return [" ".join(words)] if words else []
    return [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]
