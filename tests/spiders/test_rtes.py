"""Offline tests of the RTES spider on saved pages (one behaviour per test)."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import UTC

import pytest
import scrapy

from rtes_core.schemas import RAW_PAGES
from spiders.items import RawPage
from spiders.spiders.rtes import RtesSpider
from tests.pages import file_response

LISTING_URL = "https://www.rtes.fr/ressources"
DETAIL_URL = "https://www.rtes.fr/node/34"
SITEMAP_URL = "https://www.rtes.fr/sitemap.xml"


def requested_urls(results) -> list[str]:
    """URLs of the requests among a callback's results."""
    return [r.url for r in results if isinstance(r, scrapy.Request)]


def items(results) -> list[RawPage]:
    """The RawPage items among a callback's results."""
    return [r for r in results if isinstance(r, RawPage)]


@pytest.fixture
def listing_results(spider):
    return list(spider.parse_page(file_response("listing_links.html", url=LISTING_URL)))


@pytest.fixture
def detail_results(spider):
    return list(spider.parse_page(file_response("detail.html", url=DETAIL_URL)))


@pytest.fixture
def sitemap_results(spider):
    return list(spider.parse_sitemap(file_response("sitemap.xml", url=SITEMAP_URL)))


# --- listing pages ------------------------------------------------------------------------------


def test_pager_links_followed(listing_results):
    urls = requested_urls(listing_results)
    assert f"{LISTING_URL}?page=1" in urls
    assert f"{LISTING_URL}?page=2" in urls


def test_page_zero_is_the_bare_listing(listing_results):
    urls = requested_urls(listing_results)
    assert not any("page=0" in url for url in urls)
    assert LISTING_URL not in urls  # ?page=0 is this very page


def test_pager_cap_respected(crawler, listing_results):
    urls = requested_urls(listing_results)
    assert not any("page=250" in url for url in urls)
    assert crawler.stats.get_value("rtes/pagination/capped") == 1


def test_lower_cap_stops_earlier(crawler):
    spider = RtesSpider.from_crawler(crawler, max_listing_pages=2)
    urls = requested_urls(spider.parse_page(file_response("listing_links.html", url=LISTING_URL)))
    assert f"{LISTING_URL}?page=1" in urls
    assert f"{LISTING_URL}?page=2" not in urls
    assert crawler.stats.get_value("rtes/pagination/capped") == 2


def test_title_links_followed(listing_results):
    urls = requested_urls(listing_results)
    assert "https://www.rtes.fr/node/34" in urls
    assert "https://www.rtes.fr/guide-achats-responsables" in urls  # fragment dropped
    assert "https://www.rtes.fr/ressources/fiche-sieg" in urls


def test_listing_follows_node_links_of_its_items(listing_results):
    # listings render items in full: a body link to another node leads to a node page too
    urls = requested_urls(listing_results)
    assert "https://www.rtes.fr/node/12" in urls


def test_listing_follows_no_account_or_paged_menu_links(listing_results):
    urls = requested_urls(listing_results)
    assert not any("agenda?page" in url or "user" in url for url in urls)
    assert len(urls) == len(set(urls))


def test_listing_skips_offsite_mailto_javascript_and_files(listing_results):
    urls = requested_urls(listing_results)
    assert all(url.startswith("https://www.rtes.fr/") for url in urls)
    assert not any(url.endswith(".pdf") for url in urls)


# --- detail pages -------------------------------------------------------------------------------


def test_detail_node_and_slug_links_followed(detail_results):
    urls = requested_urls(detail_results)
    assert "https://www.rtes.fr/node/12" in urls
    assert "https://www.rtes.fr/points-de-reperess" in urls


def test_detail_bare_domain_link_rewritten_to_site_host(detail_results):
    assert "https://www.rtes.fr/economie-circulaire" in requested_urls(detail_results)


@pytest.mark.parametrize(
    "fragment",
    [
        "monnaie-locale.fr",
        "mailto:",
        "javascript:",
        "#commentaires",
        "/user/",
        "/search/",
        "/comment/",
        "?page=",
        "/ressources/sous-page",  # two segments: not an in-content node link
    ],
)
def test_detail_links_not_followed(detail_results, fragment):
    assert not any(fragment in url for url in requested_urls(detail_results))


def test_detail_header_links_are_navigation_candidates(detail_results):
    # the menu leads to listings: its links are requested, and the page then says what it is
    (adhesion,) = [
        r for r in detail_results if isinstance(r, scrapy.Request) and r.url.endswith("/adhesion")
    ]
    assert adhesion.meta["via"] == "nav"


def test_attachments_requested_as_documents_not_pages(detail_results):
    documents = [
        r
        for r in detail_results
        if isinstance(r, scrapy.Request) and r.meta.get("page_kind") == "document"
    ]
    pages = [r.url for r in detail_results if isinstance(r, scrapy.Request) and r not in documents]
    assert documents and all(r.url.endswith((".pdf", ".docx")) for r in documents)
    assert not any(url.endswith((".pdf", ".docx")) for url in pages)


def test_detail_term_links_followed_as_listing_candidates(detail_results):
    requests = [r for r in detail_results if isinstance(r, scrapy.Request)]
    term = next(r for r in requests if r.url == "https://www.rtes.fr/taxonomy/term/7")
    assert term.meta["via"] == "nav"  # its own content decides whether it is a listing


def test_offsite_links_counted(crawler, detail_results):
    assert crawler.stats.get_value("rtes/links/offsite_skipped") == 1


def test_error_page_stored_but_not_followed(spider, crawler):
    response = file_response("detail.html", url="https://www.rtes.fr/node/99", status=404)
    results = list(spider.parse_page(response))
    assert requested_urls(results) == []
    assert items(results)[0].status == 404
    assert crawler.stats.get_value("rtes/pages/http_error") == 1


# --- sitemap ------------------------------------------------------------------------------------


def test_sitemap_in_domain_locs_followed(sitemap_results):
    assert requested_urls(sitemap_results) == [
        "https://www.rtes.fr/node/34",
        "https://www.rtes.fr/ressources/fiche-sieg",
    ]


def test_sitemap_row(sitemap_results):
    (row,) = items(sitemap_results)
    assert row.page_kind == "sitemap"
    assert row.html.lstrip().startswith("<?xml")  # kept: nightly runs read its <lastmod> entries


def test_missing_sitemap_is_recorded(spider):
    response = file_response("detail.html", url=SITEMAP_URL, status=404)
    results = list(spider.parse_sitemap(response))
    assert requested_urls(results) == []
    assert items(results)[0].status == 404


def test_unparsable_sitemap_is_recorded_not_fatal(spider, crawler):
    request = scrapy.Request(SITEMAP_URL)
    response = scrapy.http.XmlResponse(url=SITEMAP_URL, request=request, body=b"not xml at all")
    results = list(spider.parse_sitemap(response))
    assert len(items(results)) == 1 and requested_urls(results) == []
    assert crawler.stats.get_value("rtes/sitemap/unparsable") == 1


def test_html_served_as_sitemap_is_not_followed(spider, crawler):
    results = list(spider.parse_sitemap(file_response("listing_links.html", url=SITEMAP_URL)))
    assert requested_urls(results) == []
    assert crawler.stats.get_value("rtes/sitemap/unparsable") == 1


# --- items --------------------------------------------------------------------------------------


def test_item_fields_match_raw_schema():
    assert [f.name for f in dataclasses.fields(RawPage)] == RAW_PAGES.names


def test_listing_item(listing_results):
    (row,) = items(listing_results)
    assert row.page_kind == "listing"
    assert row.crawl_id == "20260101T000000Z"
    assert row.url == row.final_url == LISTING_URL
    assert row.status == 200
    assert row.fetched_at.tzinfo == UTC
    assert row.encoding == "utf-8"
    assert row.body_bytes == len(row.html.encode("utf-8"))
    assert len(row.body_sha256) == 64
    assert "Les monnaies locales" in row.html


def test_detail_item_kind_and_headers(spider):
    headers = {
        "Content-Type": "text/html; charset=UTF-8",
        "ETag": '"abc"',
        "Last-Modified": "Wed, 01 May 2024 10:00:00 GMT",
    }
    (row,) = items(spider.parse_page(file_response("detail.html", url=DETAIL_URL, headers=headers)))
    assert row.page_kind == "detail"
    assert row.content_type == "text/html; charset=UTF-8"
    assert row.etag == '"abc"'
    assert row.last_modified == "Wed, 01 May 2024 10:00:00 GMT"


def test_listing_later_page_is_listing(spider):
    (row,) = items(
        spider.parse_page(file_response("listing_links.html", url=f"{LISTING_URL}?page=3"))
    )
    assert row.page_kind == "listing"


def test_requested_url_kept_after_redirect(spider):
    response = file_response(
        "detail.html",
        url="https://www.rtes.fr/monnaies-locales",
        meta={"redirect_urls": ["https://www.rtes.fr/node/34"]},
    )
    (row,) = items(spider.parse_page(response))
    assert row.url == "https://www.rtes.fr/node/34"
    assert row.final_url == "https://www.rtes.fr/monnaies-locales"


def test_non_html_response_stored_without_html(spider, crawler):
    request = scrapy.Request("https://www.rtes.fr/node/77")
    response = scrapy.http.Response(
        url=request.url,
        request=request,
        body=b"%PDF-1.4",
        headers={"Content-Type": "application/pdf"},
    )
    results = list(spider.parse_page(response))
    (row,) = items(results)
    assert row.html is None and row.encoding is None
    assert row.content_type == "application/pdf"
    assert requested_urls(results) == []
    assert crawler.stats.get_value("rtes/pages/non_html") == 1


# --- URL helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.rtes.fr/ressources?page=0", "https://www.rtes.fr/ressources"),
        ("https://www.rtes.fr/ressources?page=0,0", "https://www.rtes.fr/ressources"),
        (
            "https://www.rtes.fr/ressources?type=2&page=1#x",
            "https://www.rtes.fr/ressources?page=1&type=2",
        ),
    ],
)
def test_canonical_url(url, expected):
    assert RtesSpider.canonical_url(url) == expected


def test_start_requests(spider):
    async def collect():
        return [request async for request in spider.start()]

    urls = [request.url for request in asyncio.run(collect())]
    assert urls[0] == "https://www.rtes.fr/"  # the home page: its navigation leads to the listings
    assert "https://www.rtes.fr/ressources" in urls  # a hint
    assert "https://www.rtes.fr/points-de-reperess" in urls
    assert urls[-1] == SITEMAP_URL
    assert len(urls) == 6  # home, 4 hints, sitemap


def test_spider_arguments_as_strings(crawler):
    spider = RtesSpider.from_crawler(
        crawler, listing_paths="/ressources,/points-de-reperess/", max_listing_pages="5"
    )
    assert spider.listing_paths == {"/ressources", "/points-de-reperess"}
    assert spider.max_listing_pages == 5
