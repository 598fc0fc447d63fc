"""Saved pages of a theme the project has never seen (no Drupal classes, cards, h3 titles,
absolute links on both hosts and schemes, tracking, old SPIP URLs): discovery must not care."""

from __future__ import annotations

import pytest
import scrapy
from scrapy.http import HtmlResponse

from spiders.discovery import card_items, listing_items
from spiders.items import RawPage
from tests.pages import file_response

SITE = "https://www.rtes.fr"
LISTING_URL = f"{SITE}/alimentation-circuits-courts"
DETAIL_URL = f"{SITE}/cantines-bio-et-locales"


def parse(spider, name, url, meta=None):
    response = file_response(name, url=url)
    if meta:
        response.request.meta.update(meta)
    return list(spider.parse_page(response))


def requested(results) -> dict[str, scrapy.Request]:
    return {r.url: r for r in results if isinstance(r, scrapy.Request)}


@pytest.fixture
def listing(spider):
    return parse(spider, "unknown_listing.html", LISTING_URL)


@pytest.fixture
def detail(spider):
    return parse(spider, "unknown_detail.html", DETAIL_URL)


def test_unknown_listing_is_read_as_a_listing(listing):
    (row,) = [r for r in listing if isinstance(r, RawPage)]
    assert row.page_kind == "listing"  # three h3 title links to other pages, not a known path


def test_unknown_listing_item_title_links_followed_whatever_their_shape(listing):
    urls = requested(listing)
    assert f"{SITE}/cantines-bio-et-locales" in urls  # http://www. + utm_* -> canonical
    assert f"{SITE}/projets-alimentaires-territoriaux" in urls  # fragment dropped
    assert f"{SITE}/ressources-2024/legumerie-solidaire" in urls  # a title link, two segments


def test_unknown_listing_body_links_to_nodes_followed(listing):
    urls = requested(listing)
    assert f"{SITE}/node/77" in urls  # absolute on the www host
    assert (
        f"{SITE}/Journee-PACA-Corse-L-ESS-vecteur,2783" in urls
    )  # old SPIP URL: the 301 is followed


def test_unknown_listing_pager_followed_but_not_spip_page(listing):
    urls = requested(listing)
    assert f"{LISTING_URL}?page=1" in urls and f"{LISTING_URL}?page=2" in urls
    assert not any("backend" in url or "page=0" in url for url in urls)


def test_unknown_listing_skips_files_and_accounts(listing):
    urls = requested(listing)
    assert not any("/system/files/" in url or "/user/" in url for url in urls)


def test_unknown_listing_navigation_and_terms_followed_as_candidates(listing):
    urls = requested(listing)
    assert urls[f"{SITE}/retours-sur-les-formations"].meta["via"] == "nav"  # http://rtes.fr twin
    assert urls[f"{SITE}/taxonomy/term/25"].meta["via"] == "nav"


def test_unknown_detail_is_a_node_page(detail):
    (row,) = [r for r in detail if isinstance(r, RawPage)]
    assert row.page_kind == "detail"


def test_unknown_detail_links(detail):
    urls = requested(detail)
    assert f"{SITE}/legumerie-solidaire" in urls  # http://rtes.fr + utm_campaign
    assert f"{SITE}/?id_article=2783&page=imprimer_article" in urls  # SPIP print URL: a 301
    assert f"{SITE}/taxonomy/term/25" in urls
    assert not any("node/77?page" in url or "/search" in url for url in urls)


def test_unknown_detail_attachment_on_the_public_host(detail):
    documents = [
        r for r in detail if isinstance(r, scrapy.Request) and r.meta.get("page_kind") == "document"
    ]
    assert [r.url for r in documents] == [f"{SITE}/sites/default/files/2021-06/cantines.pdf"]


def test_menu_page_without_node_signal_is_other_and_refetched_when_content_links_it(spider):
    results = parse(spider, "unknown_detail.html", DETAIL_URL, meta={"via": "nav"})
    (row,) = [r for r in results if isinstance(r, RawPage)]
    assert row.page_kind == "other"  # met in a menu, no node signal, no items
    again = requested(parse(spider, "unknown_listing.html", LISTING_URL))[DETAIL_URL]
    assert again.dont_filter  # a listing's title link leads to it: fetched again, as a node


def test_cards_without_headings_make_a_listing(spider):
    results = parse(
        spider, "unknown_cards.html", f"{SITE}/economie-circulaire-transition-energetique"
    )
    (row,) = [r for r in results if isinstance(r, RawPage)]
    assert row.page_kind == "listing"  # three tiles of one class, each leading with a node link
    urls = requested(results)
    assert {
        f"{SITE}/recycleries-et-collectivites",
        f"{SITE}/reemploi-des-materiaux",
        f"{SITE}/node/412",
        f"{SITE}/economie-circulaire-transition-energetique?page=1",
    } <= set(urls)


def html_response(url: str, body: str) -> HtmlResponse:
    return HtmlResponse(url=url, body=body.encode(), encoding="utf-8")


LIST_ITEM_CARDS = "".join(
    f'<li><p><strong><a href="/ressource-{n}">Ressource {n}</a></strong></p>'
    f"<p>Publié le {n} mai 2024. Une journée d'échanges entre collectivités.</p></li>"
    for n in (1, 2, 3)
)
LINK_LIST = "".join(f'<li><a href="/ressource-{n}">Ressource {n}</a></li>' for n in (1, 2, 3))


def test_list_items_showing_more_than_their_link_are_cards(spider):
    response = html_response(LISTING_URL, f"<html><body><ul>{LIST_ITEM_CARDS}</ul></body></html>")
    assert card_items(response, spider) == tuple(f"{SITE}/ressource-{n}" for n in (1, 2, 3))


def test_a_list_of_bare_links_is_no_listing(spider):
    response = html_response(LISTING_URL, f"<html><body><ul>{LINK_LIST}</ul></body></html>")
    assert card_items(response, spider) == ()


def test_a_listing_page_of_two_cards_leads_to_both(spider):
    cards = "".join(
        f'<div class="item"><a class="title" href="/ressource-{n}"><span>Ressource {n}</span></a>'
        f"<p>Publié le {n} mai 2024. Une journée d'échanges entre collectivités.</p></div>"
        for n in (1, 2)
    )
    url = f"{LISTING_URL}?page=1"  # a pager URL: a listing whatever it shows
    response = html_response(url, f"<html><body><div>{cards}</div></body></html>")
    response = response.replace(request=scrapy.Request(url))
    results = list(spider.parse_page(response))
    assert {f"{SITE}/ressource-1", f"{SITE}/ressource-2"} <= set(requested(results))
    (row,) = [r for r in results if isinstance(r, RawPage)]
    assert row.page_kind == "listing"
    assert url not in spider.listings_without_links  # not counted as an empty listing


def test_two_cards_whose_titles_link_nowhere_give_no_items(spider):
    cards = "".join(
        f'<div class="item"><h3>Ressource {n}</h3><p>Catégorie : <a href="/categorie-{n}">'
        f"Catégorie {n}</a>. Une journée d'échanges entre collectivités.</p></div>"
        for n in (1, 2)
    )
    response = html_response(
        f"{LISTING_URL}?page=1", f"<html><body><div>{cards}</div></body></html>"
    )
    assert listing_items(response, spider, 2) == ()


REGION_URL = f"{SITE}/auvergne-rhone-alpes"
ONE_MEMBER = (
    '<html><body><div id="menu"><a href="/">Accueil</a></div><div class="colonne">'
    '<h1>Auvergne-Rhône-Alpes</h1><div class="element"><h3><a href="/ville-de-lyon">'
    "Ville de Lyon</a></h3><p>Année d'adhésion au RTES : 2021</p>"
    "<p>Type de collectivité : Commune</p></div></div></body></html>"
)


def _page_kind(spider, url: str, body: str, meta: dict | None = None) -> str:
    response = html_response(url, body).replace(request=scrapy.Request(url, meta=meta or {}))
    (row,) = [r for r in spider.parse_page(response) if isinstance(r, RawPage)]
    return row.page_kind


def test_a_page_a_menu_links_is_a_listing_of_one_whatever_request_came_first(spider):
    # the sitemap's request for the region page was made before the home page's menu was read
    home = f'<html><body><nav><a href="{REGION_URL}">Auvergne-Rhône-Alpes</a></nav></body></html>'
    assert _page_kind(spider, f"{SITE}/", home, {"via": "nav"}) == "other"
    assert _page_kind(spider, REGION_URL, ONE_MEMBER) == "listing"


def test_a_page_no_menu_links_with_one_item_link_is_a_node(spider):
    assert _page_kind(spider, REGION_URL, ONE_MEMBER) == "detail"


ONE_MEMBER_CARD = (
    "<html><body><table><tr><td><h1>Centre-Val de Loire</h1><ul><li>"
    '<a class="title" href="/ville-de-tours"><span>Ville de Tours</span></a>'
    "<div><span>Année d'adhésion au RTES :</span> 2008</div>"
    "<div><span>Type de collectivité :</span> Commune</div></li></ul></td></tr></table>"
    "</body></html>"
)


def test_a_menu_page_of_one_card_showing_fields_is_a_listing(spider):
    assert _page_kind(spider, REGION_URL, ONE_MEMBER_CARD, {"via": "nav"}) == "listing"
    bare = ONE_MEMBER_CARD.replace("Année d'adhésion au RTES :", "Depuis").replace(
        "Type de collectivité :", "Une"
    )
    other = f"{SITE}/bretagne"  # (a path read as a listing once stays one)
    assert _page_kind(spider, other, bare, {"via": "nav"}) != "listing"  # no fields shown


LONG_PARAGRAPH = "<p>" + "Les élus ont échangé sur la commande publique responsable. " * 8 + "</p>"
CATEGORY_OF_ONE = (
    "<html><body><div><h1>Autres leviers</h1><ul><li>"
    '<a class="title" href="/marches-publics-a-marseille"><span>Marchés publics</span></a>'
    "<div>Publié le 19/05/2014</div>" + LONG_PARAGRAPH + "</li></ul></div></body></html>"
)


def test_a_menu_page_of_one_dated_card_under_its_title_is_a_listing(spider):
    url = f"{SITE}/autres-leviers"
    assert _page_kind(spider, url, CATEGORY_OF_ONE, {"via": "nav"}) == "listing"


def test_a_dated_card_after_a_pages_own_body_leaves_it_a_node(spider):
    page = CATEGORY_OF_ONE.replace("<ul>", LONG_PARAGRAPH + "<ul>")  # a related item, below
    url = f"{SITE}/une-page-du-menu"
    assert _page_kind(spider, url, page, {"via": "nav"}) != "listing"


def test_a_listing_page_of_one_card_leads_to_it(spider):
    url = f"{LISTING_URL}?page=1"  # a pager URL: a listing whatever it shows
    response = html_response(url, CATEGORY_OF_ONE).replace(request=scrapy.Request(url))
    results = list(spider.parse_page(response))
    assert f"{SITE}/marches-publics-a-marseille" in requested(results)
    assert url not in spider.listings_without_links  # not counted as an empty listing
    empty = CATEGORY_OF_ONE.replace("Publié le 19/05/2014", "").replace(LONG_PARAGRAPH, "")
    page2 = f"{LISTING_URL}?page=2"
    list(spider.parse_page(html_response(page2, empty).replace(request=scrapy.Request(page2))))
    assert page2 in spider.listings_without_links  # a bare link under the title is no item


FLAT_TEASERS = "<hr>".join(
    f"<h2>Ressource {n}</h2><p>Publié le {n} mai 2024</p>"
    f"<p>Une journée d'échanges entre collectivités…</p>"
    f'<p><a href="/ressource-{n}">Lire la suite ›</a></p>'
    for n in (1, 2, 3)
)
COOKIE_BANNER = (
    "<div>Ce site utilise des cookies. <button>Accepter</button> "
    '<a href="/mentions-legales">En savoir plus</a></div>'
)


def test_teasers_titled_in_no_link_lead_to_their_read_more_links(spider):
    body = f"<html><body><main><h1>Thème</h1>{FLAT_TEASERS}</main>{COOKIE_BANNER}</body></html>"
    response = html_response(LISTING_URL, body)
    assert listing_items(response, spider) == tuple(f"{SITE}/ressource-{n}" for n in (1, 2, 3))


def test_read_more_links_after_no_title_make_no_listing(spider):
    body = (
        "<html><body><main><h1>Une journée</h1><p>Le compte rendu de la journée.</p>"
        '<p><a href="/ressource-1">En savoir plus</a> et <a href="/ressource-2">Lire la suite</a>'
        f"</p></main>{COOKIE_BANNER}</body></html>"
    )
    assert listing_items(html_response(DETAIL_URL, body), spider) == ()


RELATED_DIVS = (
    "<div><h2>À lire aussi</h2>"
    + "".join(
        f'<div><h3><a href="/guide-{n}">Guide {n}</a></h3><p>Publié le 3 mai {n}</p></div>'
        for n in (2021, 2022, 2023)
    )
    + "</div>"
)


def test_a_node_page_with_teasers_of_other_pages_is_a_node_that_leads_to_them(spider):
    body = (
        "<html><body><div><h1>Une journée d'échanges</h1><p>Publié le 9 juin 2021</p>"
        "<p>Type de ressource : Autres</p><p>Le compte rendu de la journée des élus.</p>"
        f"{RELATED_DIVS}</div></body></html>"
    )
    response = html_response(DETAIL_URL, body).replace(request=scrapy.Request(DETAIL_URL))
    results = list(spider.parse_page(response))
    (row,) = [r for r in results if isinstance(r, RawPage)]
    assert row.page_kind == "detail"
    assert f"{SITE}/guide-2021" in requested(results)


def test_a_listing_of_title_and_date_teasers_is_still_a_listing(spider):
    teasers = "".join(
        f'<div><h3><a href="/guide-{n}">Guide {n}</a></h3><p>Publié le 3 mai {n}</p></div>'
        for n in (2021, 2022, 2023)
    )
    body = f"<html><body><div><h1>Thème</h1>{teasers}</div></body></html>"
    response = html_response(LISTING_URL, body).replace(request=scrapy.Request(LISTING_URL))
    (row,) = [r for r in spider.parse_page(response) if isinstance(r, RawPage)]
    assert row.page_kind == "listing"


def _document_requests(spider, body: str) -> list[str]:
    response = html_response(DETAIL_URL, f"<html><body>{body}</body></html>")
    return [
        r.url
        for r in spider.follow_documents(response)
        if isinstance(r, scrapy.Request) and r.meta.get("page_kind") == "document"
    ]


def test_attachments_listed_in_a_nav_panel_are_fetched_and_footer_files_are_not(spider):
    # Bulma's panel is a <nav>: a resource's files listed in one are its attachments; a file
    # the footer links on every page (the network's leaflet) is none of them
    urls = _document_requests(
        spider,
        '<main><h1>Guide</h1><nav class="panel"><a href="/sites/default/files/guide.pdf">'
        "Guide</a></nav></main>"
        '<footer><a href="/sites/default/files/plaquette.pdf">Plaquette</a></footer>',
    )
    assert urls == [f"{SITE}/sites/default/files/guide.pdf"]


def test_a_files_download_link_beside_its_plain_link_is_fetched_once(spider):
    urls = _document_requests(
        spider,
        '<main><a href="/system/files/bilan.pdf">Bilan 2024</a>'
        '<a href="/system/files/bilan.pdf?download=true">Télécharger</a>'
        '<a href="/system/files/annexe.pdf?download=1">Annexe</a></main>',
    )
    assert urls == [f"{SITE}/system/files/bilan.pdf", f"{SITE}/system/files/annexe.pdf"]
