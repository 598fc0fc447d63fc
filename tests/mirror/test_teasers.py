"""Teaser-only category listings (mirror.site.TEASER_LISTING_TIDS), in both themes."""

from __future__ import annotations

import pytest

from mirror.render import READ_MORE, TEASER_WORDS
from mirror.routes import HttpOptions, route
from mirror.site import LISTINGS, PAGE_SIZE, build_site
from mirror.text import normalise
from tests.mirror.conftest import soup

SITE = build_site(7, 150)
TEASERS = [lst for lst in LISTINGS if lst.teasers]
FULL = next(lst for lst in LISTINGS if not lst.teasers)
LABELS = ("Type de ressource", "Ressource privée", "Résumé")


def page_text(path: str, theme: int) -> str:
    html = route(SITE, path, "http://127.0.0.1", options=HttpOptions(theme=theme)).body
    return normalise(soup(html).get_text(" "))


def test_some_listings_are_teaser_only():
    assert 0 < len(TEASERS) < len(LISTINGS)


@pytest.mark.parametrize("theme", [1, 2])
def test_teaser_listing_shows_titles_leads_and_read_more_only(theme):
    listing = TEASERS[0]
    shown = SITE.listed[listing.path][:PAGE_SIZE]
    text = page_text(listing.path, theme)
    assert all(normalise(r.title) in text for r in shown)
    assert text.count(READ_MORE) == len(shown)
    assert not any(label in text for label in LABELS)  # no field block
    public = next(
        r for r in shown if not r.is_private and len(r.paragraphs[0].split()) > TEASER_WORDS
    )
    lead = " ".join(public.paragraphs[0].split()[:TEASER_WORDS]) + " …"
    assert lead in text and public.paragraphs[0] not in text  # a lead, never the whole body


@pytest.mark.parametrize("theme", [1, 2])
def test_full_listing_still_shows_items_in_full(theme):
    text = page_text(FULL.path, theme)
    first = next(r for r in SITE.listed[FULL.path] if not r.is_private)
    assert READ_MORE not in text and first.paragraphs[0] in text
    assert "Type de ressource" in text
