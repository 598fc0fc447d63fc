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


def detail(fields: str, body: str = BODY) -> str:
    return page(f"<h1>Une journée d'échanges</h1>{fields}<div>{body}</div>")


def test_a_one_line_strip_of_fields_is_cut_at_its_separators():
    occ = read(
        detail(
            '<p class="small">Documents : <a href="/sites/default/files/a.pdf">Programme</a> | '
            'Catégorie : <a href="/alimentation">Alimentation, circuits courts</a> | Type de '
            "ressource : Autres | Ressource privée : Non</p>"
        )
    )
    assert occ.fields["resource_type"] == "Autres" and occ.fields["is_private"] is False
    assert occ.fields["categories"] == ["Alimentation, circuits courts"]
    assert [d["title"] for d in occ.fields["documents"]] == ["Programme"]
    body = body_of(occ)
    assert len(body) == 2 and body[0].startswith("Le premier paragraphe")


def test_a_bar_inside_a_sentence_or_a_title_cuts_nothing():
    strip = "<p>Type de ressource : Autres</p><p>Ressource privée : Non</p>"
    line = "<p>Programme : accueil | ateliers | restitution, à Lille le matin même.</p>"
    occ = read(detail(strip, BODY + line))
    assert occ.fields["resource_type"] == "Autres" and occ.fields["is_private"] is False
    assert (
        body_of(occ)[-1] == "Programme : accueil | ateliers | restitution, à Lille le matin même."
    )


def test_a_card_whose_header_is_a_label_is_that_field_not_page_furniture():
    occ = read(
        detail(
            "<p>Type de ressource : Autres</p>"
            '<div class="card"><div class="card-header">Résumé</div>'
            '<div class="card-body"><p>Un résumé de la journée.</p></div></div>'
        )
    )
    assert occ.fields["summary"] == "Un résumé de la journée."
    assert "Un résumé de la journée." not in body_of(occ) and len(body_of(occ)) == 2


def test_a_card_header_that_is_no_label_stays_furniture():
    sidebar = (
        '<div class="card"><div class="card-header">Lettre d’information</div>'
        '<div class="card-body"><p>Recevez chaque mois l’actualité du réseau.</p></div></div>'
    )
    occ = read(detail("<p>Type de ressource : Autres</p><p>Ressource privée : Non</p>" + sidebar))
    assert occ.fields["resource_type"] == "Autres"
    assert "Lettre d’information" not in body_of(occ)  # (the card's text is another matter)
    assert body_of(occ)[-1].startswith("Le second paragraphe")


def read_listing(content: str) -> list:
    html = page(f"<h1>Alimentation</h1>{content}")
    return occurrences_from_html(html, f"{BASE}/alimentation", "listing")


def test_the_rows_of_a_views_table_are_the_listings_items():
    rows = "".join(
        f'<tr class="{"odd" if n % 2 else "even"}"><td><a href="/ressource-{n}">Ressource {n}</a>'
        f"</td><td>0{n}/06/2021</td><td>Autres</td></tr>"
        for n in (1, 2, 3)
    )
    occs = read_listing(
        '<table class="views-table"><thead><tr><th>Titre</th><th>Date</th><th>Type</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )
    assert [o.path for o in occs] == ["/ressource-1", "/ressource-2", "/ressource-3"]
    assert [o.title for o in occs] == ["Ressource 1", "Ressource 2", "Ressource 3"]
    assert occs[1].published_date == date(2021, 6, 2)


def full_cards(header_class: str) -> str:
    return "".join(
        f'<div class="card mb-4"><div class="{header_class}"><h2 class="card-title">'
        f'<a href="/ressource-{n}">Ressource {n}</a></h2>'
        f'<div class="date-badge"><span>0{n}</span><span>juin</span><span>2021</span></div></div>'
        f'<div class="card-body"><p>Type de ressource : Autres</p><p>Le texte de la ressource {n}'
        " présente la journée d'échanges.</p></div></div>"
        for n in (1, 2, 3)
    )


def test_a_cards_header_holding_its_linked_title_is_the_item_not_page_furniture():
    occs = read_listing(full_cards("card-header"))
    assert [o.path for o in occs] == ["/ressource-1", "/ressource-2", "/ressource-3"]
    assert occs[0].fields["resource_type"] == "Autres"
    assert occs[2].published_date == date(2021, 6, 3)


def test_a_header_whose_heading_links_home_stays_furniture():
    header = (
        '<div class="site-header"><h2><a href="/">RTES</a></h2><p>Le réseau des villes</p></div>'
    )
    html = (
        f"<html><body>{header}<div><h1>Une journée d'échanges</h1>"
        f"<p>Type de ressource : Autres</p><p>Ressource privée : Non</p>{BODY}</div></body></html>"
    )
    occ = read(html)
    assert "Le réseau des villes" not in body_of(occ) and len(body_of(occ)) == 2
