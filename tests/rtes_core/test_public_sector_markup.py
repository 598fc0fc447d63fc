"""Markups of French public-sector and modern-CMS sites (the State design system's badges,
tags, downloads and share box; WordPress block themes; Drupal Layout Builder) that the product
meets nowhere else, each construct alone in a markup of this file's own."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.clean.furniture import is_boilerplate
from rtes_core.extract import occurrences_from_html
from tests.rtes_core.test_bootstrap_markup import BASE, BODY, texts

TITLE = "<h1>Une journée d'échanges</h1>"


def page(content: str, head: str = "") -> str:
    return (
        f"<html><head><title>Une journée | RTES</title>{head}</head><body>"
        f'<div class="fr-container"><div class="node">{content}</div></div></body></html>'
    )


def one(html: str, path: str = "/une-journee"):
    [occ] = occurrences_from_html(html, f"{BASE}{path}", "detail")
    return occ


FACTS = (
    '<ul class="tags-group"><li><p class="tag tag--sm">06 décembre 2012</p></li>'
    '<li><p class="tag tag--sm">14 min de lecture</p></li></ul>'
)
BADGES = (
    '<ul class="badges-group"><li><p class="badge badge--info">Ressources RTES</p></li>'
    '<li><p class="badge badge--warning">{privacy}</p></li></ul>'
)
CATEGORY_TAGS = (
    '<ul class="tags-group"><li><a class="tag" href="/coconstruction">Coconstruction, modes de '
    "contractualisation (subventions, marchés publics,SIEG)</a></li></ul>"
)


def test_a_list_of_the_posts_facts_dates_it_and_leaves_its_body():
    occ = one(page(TITLE + FACTS + BODY))
    assert occ.published_date == date(2012, 12, 6)
    body = texts(occ, "body", "trailing")
    assert len(body) == 2 and body[0].startswith("Le premier paragraphe")


@pytest.mark.parametrize(
    "privacy, private", [("Ressource publique", False), ("Ressource privée", True)]
)
def test_type_and_privacy_badges_are_the_fields_and_no_label(privacy, private):
    occ = one(page(TITLE + FACTS + BADGES.format(privacy=privacy) + CATEGORY_TAGS + BODY))
    assert occ.fields["resource_type"] == "Ressources RTES"
    assert occ.fields["is_private"] is private
    assert occ.tags == [
        "Coconstruction, modes de contractualisation (subventions, marchés publics,SIEG)"
    ]
    assert len(texts(occ, "body", "trailing")) == 2


def test_a_plain_list_of_short_items_is_body_not_badges():
    items = "<ul><li>Lyon</li><li>Lille</li></ul>"
    occ = one(page(TITLE + "<p>09/06/2021</p>" + items + BODY))
    assert occ.tags == [] and texts(occ, "body", "trailing")[:2] == ["- Lyon", "- Lille"]


def test_rel_tag_links_after_the_body_join_the_badges_before_it():
    post_terms = (
        '<div class="post-terms"><a rel="tag" href="/tag/tiers-lieux">Tiers-lieux</a></div>'
    )
    occ = one(page(TITLE + FACTS + CATEGORY_TAGS + BODY + post_terms))
    assert occ.tags == [
        "Tiers-lieux",
        "Coconstruction, modes de contractualisation (subventions, marchés publics,SIEG)",
    ]


def test_download_blocks_without_a_label_are_the_documents():
    downloads = "".join(
        f'<div class="download"><p><a href="/sites/default/files/{n}.pdf" download>Guide {n} '
        '<span class="download__detail">PDF – 1,2 Mo</span></a></p></div>'
        for n in ("a", "b")
    )
    occ = one(page(TITLE + "<p>09/06/2021</p>" + BODY + downloads))
    assert occ.fields["documents"] == [
        {"title": f"Guide {n}", "url": f"{BASE}/sites/default/files/{n}.pdf"} for n in ("a", "b")
    ]
    assert len(texts(occ, "body", "trailing")) == 2


def test_a_body_link_to_a_file_is_no_download_block():
    linked = (
        '<p>Le programme est <a href="/sites/default/files/p.pdf">en ligne</a> depuis hier.</p>'
    )
    occ = one(page(TITLE + "<p>09/06/2021</p>" + BODY + linked))
    assert "documents" not in occ.fields
    assert texts(occ, "body", "trailing")[-1] == "Le programme est en ligne depuis hier."


def test_a_documents_heading_holds_every_file_block_after_it():
    files = "".join(
        f'<div class="wp-block-file"><a href="/sites/default/files/{n}.pdf">Fiche {n}</a>'
        f'<a class="wp-block-file__button" href="/sites/default/files/{n}.pdf">Télécharger</a></div>'
        for n in ("a", "b", "c")
    )
    fields = f"<h3>Documents</h3>{files}<p><strong>Type de ressource :</strong> Autres</p>"
    occ = one(page(TITLE + "<p>09/06/2021</p>" + BODY + f'<div class="group">{fields}</div>'))
    assert [d["title"] for d in occ.fields["documents"]] == ["Fiche a", "Fiche b", "Fiche c"]
    assert occ.fields["resource_type"] == "Autres"


def test_a_private_resources_resume_heading_holds_all_its_paragraphs():
    resume = (
        "<p>Le premier paragraphe du résumé, sur les achats responsables.</p>"
        "<p>Le second paragraphe du résumé, sur la commande publique.</p>"
    )
    box = (
        '<div class="group"><p><strong>Type de ressource :</strong> Autres</p>'
        "<p><strong>Ressource privée :</strong> Oui</p>"
        f"<h3>Résumé</h3>{resume}</div>"
    )
    notice = "<p>Cette ressource est réservée aux collectivités adhérentes.</p>"
    occ = one(page(TITLE + "<p>09/06/2021</p>" + notice + box))
    assert occ.fields["summary"] == (
        "Le premier paragraphe du résumé, sur les achats responsables.\n\n"
        "Le second paragraphe du résumé, sur la commande publique."
    )


def test_a_field_value_set_as_a_list_item_loses_its_bullet():
    fields = "<dl><dt>Type de ressource</dt><dd><ul><li>Ressources RTES</li></ul></dd></dl>"
    occ = one(page(TITLE + "<p>09/06/2021</p>" + fields + BODY))
    assert occ.fields["resource_type"] == "Ressources RTES"


@pytest.mark.parametrize(
    "text",
    [
        "Partager la page",
        "Partager par email",
        "Partager sur LinkedIn",
        "Toutes les ressources",
        "Voir toutes les actualités",
    ],
)
def test_share_and_back_links_are_boilerplate(text):
    assert is_boilerplate(text)


@pytest.mark.parametrize(
    "text",
    [
        "Partager la page d’accueil avec les élus du réseau",
        "Toutes les ressources du RTES sont en ligne",
    ],
)
def test_a_sentence_opening_like_them_is_no_boilerplate(text):
    assert not is_boilerplate(text)


def test_a_wordpress_archive_title_names_the_category_without_its_prefix():
    html = page(
        "<h1>Catégorie : Alimentation, circuits courts</h1>"
        '<article><h2><a href="/a">A</a></h2><p>09/06/2021</p><p>Le texte de A.</p></article>'
        '<article><h2><a href="/b">B</a></h2><p>10/06/2021</p><p>Le texte de B.</p></article>',
        head='<link rel="shortlink" href="/taxonomy/term/12">',
    )
    found = occurrences_from_html(html, f"{BASE}/alimentation-circuits-courts", "listing")
    assert {o.listing_term for o in found} == {"Alimentation, circuits courts"}


def _card(n: int, extra: str) -> str:
    return (
        f'<div class="card"><h2 class="card__title"><a href="/autre-{n}">Autre page {n}</a></h2>'
        f"<p class='card__desc'>Le chapeau de l'autre page {n}, coupé avant la fin de sa …</p>"
        f"{extra}<p class='card__detail'>1{n} mai 2020</p></div>"
    )


def test_a_card_of_a_cut_lead_and_its_badges_is_a_teaser():
    badges = (
        '<ul class="badges-group"><li><p class="badge">Ressources RTES</p></li>'
        '<li><p class="badge">Réservé aux adhérents</p></li></ul>'
    )
    html = page("<h1>Alimentation</h1>" + "".join(_card(n, badges) for n in range(3)))
    found = occurrences_from_html(html, f"{BASE}/alimentation", "listing")
    assert [(o.path, o.method) for o in found] == [(f"/autre-{n}", "teaser") for n in range(3)]


def test_an_item_in_full_with_a_cut_sentence_is_no_teaser():
    full = "".join(
        f"<p>{'Un paragraphe entier du corps de la page, en entier. ' * 3}</p>" for _ in range(3)
    )
    html = page("<h1>Alimentation</h1>" + "".join(_card(n, full) for n in range(3)))
    found = occurrences_from_html(html, f"{BASE}/alimentation", "listing")
    assert all(o.method != "teaser" for o in found) and len(found) == 3


def test_a_listed_item_in_full_with_no_date_nor_field_is_read_from_its_content():
    items = "".join(
        f'<div class="card"><h2><a href="/autre-{n}">Autre page {n}</a></h2>{BODY}</div>'
        for n in range(3)
    )
    found = occurrences_from_html(page("<h1>Alimentation</h1>" + items), f"{BASE}/alim", "listing")
    assert [o.method for o in found] == ["content"] * 3  # a listing's item, no page fallback
