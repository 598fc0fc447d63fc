"""Markups that Bootstrap, Joomla, Drupal Olivero, SPIP or Typo3 themes write and that themes
1-6 of the mirror do not (the constructs of mirror/theme7.py, each alone): schema.org
microdata dates, split date badges, a node `<div class="node">` holding no Drupal field."""

from __future__ import annotations

from datetime import date

from rtes_core.extract import occurrences_from_html

BASE = "https://www.rtes.fr"
BODY = (
    "<p>Le premier paragraphe du corps rappelle le contexte de la journée d'échanges.</p>"
    "<p>Le second paragraphe du corps présente les intervenants et les ateliers.</p>"
)


def page(content: str) -> str:
    return (
        "<html><head><title>Une journée | RTES</title></head><body>"
        '<div class="container"><div class="row"><div class="col-md-8">'
        f"{content}</div></div></div></body></html>"
    )


def read(html: str):
    [occ] = occurrences_from_html(html, f"{BASE}/une-journee", "detail")
    return occ


def body_of(occ) -> list[str]:
    return [b.text for b in occ.blocks if b.origin in ("body", "trailing")]


def test_a_nodes_microdata_dates_date_it_without_a_visible_date():
    html = page(
        '<article itemscope itemtype="https://schema.org/NewsArticle">'
        '<meta itemprop="datePublished" content="2021-06-09T16:50:00+02:00">'
        '<meta itemprop="dateModified" content="2021-06-14T10:05:00+02:00">'
        f'<h1 itemprop="headline">Une journée d\'échanges</h1><div itemprop="articleBody">{BODY}'
        "</div></article>"
    )
    occ = read(html)
    assert (occ.published_date, occ.updated_date) == (date(2021, 6, 9), date(2021, 6, 14))
    assert occ.kind == "article"
    assert body_of(occ)[0].startswith("Le premier paragraphe") and len(body_of(occ)) == 2


def test_a_modified_microdata_date_alone_is_no_publication():
    html = page(
        '<article itemscope itemtype="https://schema.org/WebPage">'
        '<meta itemprop="dateModified" content="2021-06-14T10:05:00+02:00">'
        f"<h1>Une journée d'échanges</h1>{BODY}</article>"
    )
    occ = read(html)
    assert occ.published_date is None and occ.kind == "basic"
    assert len(body_of(occ)) == 2


def test_a_split_date_badge_dates_an_article_and_leaves_its_body():
    html = page(
        "<h1>Une journée d'échanges</h1>"
        '<div class="date-badge"><span class="day">09</span><span class="month">juin</span>'
        '<span class="year">2021</span></div>'
        f'<p class="small">Actualisé le 14/06/2021</p><div class="body">{BODY}</div>'
    )
    occ = read(html)
    assert (occ.published_date, occ.updated_date) == (date(2021, 6, 9), date(2021, 6, 14))
    assert occ.kind == "article"
    body = body_of(occ)
    assert len(body) == 2 and not any("juin" in b or "Actualisé" in b for b in body)


def test_a_node_div_without_fields_is_read_anew_with_its_submitted_line():
    """`<div class="node">` is Drupal 7's node class: read as a node first, it holds no field;
    the page is then read as a theme never seen, on a tree where its date line is still there."""
    html = page(
        '<div class="node"><h1>Une journée d\'échanges</h1>'
        f'<p class="submitted">Mercredi, 9 Juin, 2021 - 16:50</p><div class="body">{BODY}</div>'
        "</div>"
    )
    occ = read(html)
    assert occ.published_date == date(2021, 6, 9) and occ.kind == "article"
    body = body_of(occ)
    assert len(body) == 2 and not any("Juin" in b for b in body)
