"""Properties of the cleaning functions and the HTML extraction, on generated input (hypothesis)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pipeline.clean import (
    Cleaner,
    furniture,
    is_boilerplate,
    is_file_name_residue,
    noise_reason,
    strip_inline_noise,
)
from pipeline.config import DEFAULT_DEDUP
from rtes_core.extract import Block, occurrences_from_html
from rtes_core.text import comparison_key, normalise_text

CLEANER = Cleaner(DEFAULT_DEDUP)
# `make test-fast` runs fewer examples (RTES_PROPERTY_EXAMPLES=15); `make test` runs 60.
EXAMPLES = int(os.environ.get("RTES_PROPERTY_EXAMPLES", "60"))
PROPERTY = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
LABELS = ["Type de ressource", "Ressource privée\u00a0:", "Résumé", "Documents", "Catégorie :"]
WORDS = [
    "collectivités",
    "économie",
    "solidaire",
    "PTCE",
    "marchés",
    "publics",
    "réseau",
    "élus",
    "coopération",
    "à",
    "Lille",
    "l’emploi",
    "«",
    "»",
    "–",
    "2024",
    "n°12",
    "Programme.png",
]

# Text blocks as pages give them: random Unicode, French words, labels, whitespace, huge paragraphs.
block_text = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join),
    st.sampled_from(LABELS),
    st.text(alphabet=" \t\n\u00a0\u2009", max_size=10),
    st.lists(st.sampled_from(WORDS), min_size=1500, max_size=2000).map(" ".join),
)
blocks = st.lists(
    st.tuples(
        block_text, st.sampled_from(["body", "body", "body", "trailing", "field", "summary"])
    ),
    max_size=25,
)


def as_blocks(items: list[tuple[str, str]]) -> list[Block]:
    """Blocks in storage form, as the extraction hands them over (normalised text)."""
    return [Block(normalise_text(text), origin) for text, origin in items]


def is_subsequence(short: list[str], long: list[str]) -> bool:
    remaining = iter(long)
    return all(any(item == other for other in remaining) for item in short)


@PROPERTY
@given(blocks, st.one_of(st.none(), block_text))
def test_any_text_cleans_without_error_into_a_subsequence(items, summary):
    given_blocks = as_blocks(items)
    cleaned = CLEANER.clean(given_blocks, summary)
    # a kept block may lose the file names inside its sentences (an audited edit, never a whole
    # block)
    edited = [
        strip_inline_noise(b.text)[0] if b.origin in {"body", "trailing"} else b.text
        for b in given_blocks
    ]
    assert is_subsequence(cleaned.paragraphs, edited)
    assert len(cleaned.paragraphs) + len(cleaned.removed) == len(given_blocks)
    assert all(e.reason in {"inline_file_name", "photo_credit"} for e in cleaned.edits)
    assert all(r.reason for r in cleaned.removed)


@PROPERTY
@given(blocks)
def test_cleaning_is_idempotent(items):
    once = CLEANER.clean(as_blocks(items)).paragraphs
    twice = CLEANER.clean([Block(p, "body") for p in once]).paragraphs
    assert twice == once


@PROPERTY
@given(blocks)
# found by a fresh clone's run: the inline file name cut first leaves 4 words ending with one
@example(items=[("0.PNG A 0 0 0.PNG", "body")])
# found by CI: a run of digits before a "carousel" of digits is not that box's title
@example(items=[("00000000000000000", "body"), ("000000000000000000000000", "body")])
# a real box title over furniture goes with it, as the title of that box
@example(items=[("Post-scriptum", "body"), ("© Mathilde Cybulski", "body")])
def test_no_block_that_is_not_a_copy_is_ever_removed(items):
    given_blocks = as_blocks(items)
    texts = [
        strip_inline_noise(b.text)[0] if b.origin in {"body", "trailing"} else b.text
        for b in given_blocks
    ]
    keys = [comparison_key(t) for t in texts]
    cleaned = CLEANER.clean(given_blocks)
    kept_positions = {i for i, t in enumerate(texts) if t in cleaned.paragraphs}
    furniture_positions = {
        r.position for r in cleaned.removed if noise_reason(texts[r.position]) is not None
    }
    for removed in cleaned.removed:
        block = given_blocks[removed.position]
        unique = keys.count(keys[removed.position]) == 1
        stripped = texts[removed.position]
        structural = (
            block.origin in {"field", "summary"}
            or not comparison_key(stripped)
            or is_boilerplate(block.text)
            or is_file_name_residue(block.text)
            or is_file_name_residue(stripped)  # what the inline file names cut leave
            or noise_reason(stripped) is not None
            # the title of a box of furniture, closing the text, goes with its box
            or (
                removed.reason == "furniture_title"
                and removed.position + 1 in furniture_positions
                and any(ch.isalpha() for ch in stripped)
            )
        )
        if unique and not structural:
            # only a verified near-copy of a block that was kept may go
            assert removed.reason == "near_duplicate", removed
            assert removed.duplicate_of_position in kept_positions
            assert removed.similarity >= DEFAULT_DEDUP.block_edit_similarity


TAGS = [
    "p",
    "div",
    "article",
    "li",
    "ul",
    "h1",
    "h2",
    "span",
    "a",
    "br",
    "table",
    "td",
    "main",
    "script",
    "style",
    "time",
    "strong",
]
fragment = st.one_of(
    st.text(max_size=30),
    st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
    st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(
        [
            '<div class="field field--name-field-resume field--label-above">',
            '<div class="field__label">Résumé</div>',
            '<div class="field__item">',
            '<article data-history-node-id="12" about="/node/12">',
            '<div class="views-row">',
            '<link rel="canonical" href="/node/x">',
            '<link rel="shortlink" href="/node/99999999999999999999">',
            '<time datetime="2024-13-45T00:00:00Z">',
            "<strong>Type de ressource :</strong>",
            '<div class="node" id="node-7">',
            "<!--",
            "-->",
            "<![CDATA[",
            "&",
            "&#0;",
            "&#xD800;",
            '<a href="javascript:alert(1)">',
            '<a href="http://[::1">',
            "\x00",
            "Publié le 31/02/2020",
        ]
    ),
)


@PROPERTY
@given(st.lists(fragment, max_size=60).map("".join), st.sampled_from(["detail", "listing"]))
@example("<H1><A HREF=A://[>0", "detail")  # a malformed link as a heading's only content
def test_extraction_never_raises_on_malformed_html(html, kind):
    for occurrence in occurrences_from_html(html, "https://www.rtes.fr/x", kind):
        assert all(isinstance(b.text, str) for b in occurrence.blocks)


NOISY_WORDS = [
    *WORDS,
    *("document.jpg", "Photo.PNG", "- plan.PDF", "©", "© Mathilde Cybulski", ".", "fin."),
    *("pic.twitter.com/Lm1eTV548K", "HTTPS://T.CO/x1", "/", "t.co"),
]


@PROPERTY
@given(
    st.one_of(
        block_text, st.lists(st.sampled_from(NOISY_WORDS), min_size=1, max_size=30).map(" ".join)
    )
)
def test_the_cheap_tests_before_the_noise_patterns_never_skip_a_match(text):
    # strip_inline_noise, noise_reason and is_file_name_residue try their patterns only where
    # these cheap tests pass
    if furniture.INLINE_FILE_NAME.findall(text):
        assert furniture.ANY_FILE_EXTENSION.search(text)
    if furniture.TRAILING_CREDIT.search(text):
        assert "©" in text
    if furniture.BRACKETED_CREDIT.search(text):
        assert ")" in text
    if furniture.TWEET_TEXT.search(text):
        assert "/" in text
    if furniture.FILE_NAME_RESIDUE.match(text):
        assert furniture.ANY_FILE_EXTENSION.search(text)
