"""Extraction of the page renderings issue 13 adds to the mirror: a node at /node/N (no site
header, paragraphs separated by single <br>) and teaser-only listings, in both mirror themes.

A <p>-less body splits at every <br> (rtes_core/extract/blocks.py); a teaser item, title-only
or of a theme without node markup, is a listed occurrence of its node with no text of its own
(rtes_core/extract/teaser.py)."""

from __future__ import annotations

import re

import pytest

from mirror.routes import HttpOptions, route
from mirror.site import LISTINGS, PAGE_SIZE, build_site
from rtes_core.extract import occurrences_from_html

SITE = build_site(11, 60)
BASE = "http://127.0.0.1:8800"
THEMES = (1, 2, 3, 4)  # theme 5 puts a credited lead image in the body: its cleaning removes it
TEASER_LISTING = next(lst for lst in LISTINGS if lst.teasers)
# The teaser body of a D8 teaser item (mirror.render.d8_teaser), to make a title-only teaser.
TEASER_BODY = re.compile(
    r'<div class="clearfix text-formatted field field--name-body[^>]*><p>.*?</p></div>'
)


def page(path: str, theme: int) -> str:
    return route(SITE, path, BASE, options=HttpOptions(theme=theme)).body.decode()


def read(html: str, path: str, page_kind: str):
    return occurrences_from_html(html, BASE + path, page_kind)


def structured_node():
    """A public node whose body has a heading or a list (short lines between paragraphs), and
    only content blocks without inner line breaks (a contact block's lines cannot be told from
    paragraphs once every block is a line)."""
    return next(
        r
        for r in SITE.resources
        if not r.is_private
        and any(b.kind in ("h3", "ul") for b in r.blocks)
        and all(b.kept and not any(s.br for s in b.segments) for b in r.blocks)
    )


@pytest.mark.parametrize("theme", THEMES)
def test_node_page_occurrence_carries_the_node_identity(theme):
    """/node/N joins its alias page's record: same node id, path, kind and title."""
    for resource in SITE.resources[:20]:
        [occ] = read(page(f"/node/{resource.nid}", theme), f"/node/{resource.nid}", "detail")
        assert (occ.node_id, occ.path, occ.kind) == (resource.nid, resource.path, resource.kind)
        assert occ.title == " ".join(resource.title.split())


@pytest.mark.parametrize("theme", THEMES)
def test_node_page_body_splits_at_its_line_breaks(theme):
    resource = structured_node()
    [occ] = read(page(f"/node/{resource.nid}", theme), f"/node/{resource.nid}", "detail")
    body = [b.text for b in occ.blocks if b.origin == "body"]
    assert body == resource.paragraphs  # each line a block, as splitting at every <br> gives


@pytest.mark.parametrize("theme", THEMES)
def test_every_teaser_item_is_an_occurrence_of_its_listing(theme):
    shown = SITE.listed[TEASER_LISTING.path][:PAGE_SIZE]
    found = read(page(TEASER_LISTING.path, theme), TEASER_LISTING.path, "listing")
    assert [o.path for o in found] == [r.path for r in shown]
    assert {o.listing_term for o in found} == {TEASER_LISTING.title}


def test_title_only_teaser_is_still_an_occurrence():
    html = TEASER_BODY.sub("", page(TEASER_LISTING.path, 1))
    found = read(html, TEASER_LISTING.path, "listing")
    assert len(found) == min(PAGE_SIZE, len(SITE.listed[TEASER_LISTING.path]))
    assert {o.listing_term for o in found} == {TEASER_LISTING.title}


def test_theme2_teaser_items_are_not_read_by_the_fallback():
    found = read(page(TEASER_LISTING.path, 2), TEASER_LISTING.path, "listing")
    assert found and all(o.method != "fallback" and o.kind != "basic" for o in found)


# --- paragraphs written as <div>s (a theme with no <p> at all) ------------------------------

DIV_BODY = """<html><head><title>Journée ESS | RTES</title></head><body><div class="page">
<h1>Journée ESS</h1><div class="txt">
<div>Les échanges ont réuni des élus et des techniciens venus de toute la région.</div>
<div>Contact :<br>Isabelle Morel<br>Conseiller régional<br>contact@rtes.fr</div>
<div>La prochaine rencontre aura lieu au printemps, à Montpellier.</div>
</div></div></body></html>"""
WRAPPED_LINES = """<html><head><title>Journée ESS | RTES</title></head><body><div class="page">
<h1>Journée ESS</h1><div class="txt"><div>Les échanges ont réuni des élus et des techniciens.<br>
La prochaine rencontre aura lieu au printemps, à Montpellier.<br>Contact : Isabelle Morel</div>
</div></div></body></html>"""


def body_texts(html: str) -> list[str]:
    [occ] = read(html, "/journee-ess", "detail")
    return [b.text for b in occ.blocks if b.origin in ("body", "trailing")]


def test_a_div_among_div_paragraphs_keeps_its_line_breaks_in_one_block():
    texts = body_texts(DIV_BODY)
    assert "Contact : Isabelle Morel Conseiller régional contact@rtes.fr" in texts
    assert "Isabelle Morel" not in texts
    assert texts[0].startswith("Les échanges ont réuni") and texts[-1].endswith("à Montpellier.")


def test_a_lone_div_wrapping_a_body_still_splits_at_every_line_break():
    assert body_texts(WRAPPED_LINES) == [
        "Les échanges ont réuni des élus et des techniciens.",
        "La prochaine rencontre aura lieu au printemps, à Montpellier.",
        "Contact : Isabelle Morel",
    ]
