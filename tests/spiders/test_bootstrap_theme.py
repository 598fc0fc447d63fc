"""Listings as Bootstrap and Drupal views themes write them (mirror/theme7.py's constructs, each
alone): a views table of title / date / type rows, a grid of cards, a load-more link as the
only pager."""

from __future__ import annotations

import scrapy
from scrapy.http import HtmlResponse

from spiders.discovery import listing_items
from spiders.items import RawPage

SITE = "https://www.rtes.fr"
LISTING_URL = f"{SITE}/alimentation-circuits-courts"


def html_response(url: str, body: str) -> HtmlResponse:
    return HtmlResponse(url=url, body=body.encode(), encoding="utf-8")


def views_table(numbers) -> str:
    rows = "".join(
        f'<tr class="{"odd" if n % 2 else "even"}"><td><a href="/ressource-{n}">Ressource {n}</a>'
        f"</td><td>0{n}/06/2021</td><td>Autres</td></tr>"
        for n in numbers
    )
    return (
        '<table class="views-table"><thead><tr><th>Titre</th><th>Date</th><th>Type</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )


def page(content: str) -> str:
    return f"<html><body><main><h1>Alimentation</h1>{content}</main></body></html>"


def test_the_rows_of_a_views_table_are_the_listings_items(spider):
    response = html_response(LISTING_URL, page(views_table((1, 2, 3))))
    assert listing_items(response, spider) == tuple(f"{SITE}/ressource-{n}" for n in (1, 2, 3))


def test_two_dated_rows_on_a_listings_last_page_are_its_items(spider):
    response = html_response(f"{LISTING_URL}?page=1", page(views_table((4, 5))))
    assert listing_items(response, spider, 2) == (f"{SITE}/ressource-4", f"{SITE}/ressource-5")


def test_a_table_of_links_without_dates_makes_no_listing(spider):
    rows = "".join(
        f'<tr><td><a href="/ville-{n}">Ville {n}</a></td><td>{n}00 000 habitants</td></tr>'
        for n in (1, 2, 3, 4)
    )
    response = html_response(LISTING_URL, page(f"<table><tbody>{rows}</tbody></table>"))
    assert listing_items(response, spider) == () and listing_items(response, spider, 2) == ()


def test_a_load_more_link_is_the_listings_pager(spider):
    more = (
        '<ul class="js-pager__items pager"><li class="pager__item">'
        '<a class="button" href="?page=1" rel="next">Charger plus</a></li></ul>'
    )
    response = html_response(LISTING_URL, page(views_table((1, 2, 3)) + more))
    response = response.replace(request=scrapy.Request(LISTING_URL))
    results = list(spider.parse_page(response))
    (row,) = [r for r in results if isinstance(r, RawPage)]
    assert row.page_kind == "listing"
    urls = {r.url for r in results if isinstance(r, scrapy.Request)}
    assert f"{LISTING_URL}?page=1" in urls and f"{SITE}/ressource-2" in urls


def test_a_see_more_link_without_rel_is_the_listings_pager_too(spider):
    more = '<div class="text-center"><a class="btn" href="?page=1">Voir plus</a></div>'
    response = html_response(LISTING_URL, page(views_table((1, 2, 3)) + more))
    response = response.replace(request=scrapy.Request(LISTING_URL))
    urls = {r.url for r in spider.parse_page(response) if isinstance(r, scrapy.Request)}
    assert f"{LISTING_URL}?page=1" in urls


def block_link_cards(numbers) -> str:
    """Cards each made one link around its heading and excerpt (Ghost's post cards)."""
    return "".join(
        f'<article class="card"><a class="card-link" href="/ressource-{n}"><header>'
        f"<h2>Ressource {n}</h2></header><div>Le premier paragraphe de la ressource {n}…</div>"
        f'</a><footer><time datetime="2021-06-0{n}">0{n} juin 2021</time></footer></article>'
        for n in numbers
    )


def test_cards_made_one_link_around_their_heading_are_the_listings_items(spider):
    response = html_response(LISTING_URL, page(block_link_cards((1, 2))))
    assert listing_items(response, spider) == (f"{SITE}/ressource-1", f"{SITE}/ressource-2")
