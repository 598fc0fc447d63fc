"""How the spider chooses what to follow: what a page is, its listing, content, navigation and
attachment links, and which links belong to the site (a mixin of RtesSpider)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qsl, urljoin, urlsplit

import scrapy
from scrapy.http import HtmlResponse
from scrapy.utils.response import get_base_url

from rtes_core.urls import DEFAULT_PORTS, canonical_url, file_url, is_file_path, is_spip_article
from spiders.discovery import (
    ATTACHMENT_LINKS_XPATH,
    CARD_MIN_ITEMS,
    CONTENT_LINKS_XPATH,
    DOCUMENT_PATH,
    LISTING_MIN_ITEMS,
    NAV_CARD_MIN_ITEMS,
    NAV_LINKS_XPATH,
    NODE_BODY_CLASS,
    NODE_PATH,
    SHORTLINK_XPATH,
    SKIPPED_SCHEMES,
    SLUG_PATH,
    TERM_PATH,
    is_excluded_path,
    listing_items,
    lone_card_item,
    normalise_path,
    page_number,
    shows_related_only,
    unique_links,
)


class LinkFollowing:
    """RtesSpider's link selection; it relies on the spider's `_request`, `parse_page`,
    `parse_document`, `record_error`, `_inc` and crawl scope attributes."""

    # --- what a page is -------------------------------------------------------------------

    def classify(self, response: HtmlResponse) -> str:
        """ "listing", "detail" or "other" (home, a menu page that is no node), from the page.

        Signals, strongest first: Drupal's shortlink (a node or a term); a known listing path
        or a numeric pager in the URL; item title links to other nodes with pager links to this
        very path, or several item title links. A page met in the navigation with none of these and no node signal is
        "other"; any other page is a node ("detail").
        """
        path = normalise_path(urlsplit(response.url).path)
        if path == "/":
            return "other"
        shortlink = self.site_link(response.xpath(SHORTLINK_XPATH).get(), get_base_url(response))
        short_path = urlsplit(shortlink).path if shortlink else ""
        if NODE_PATH.match(short_path):
            return "detail"
        if (
            TERM_PATH.match(short_path)
            or path in self.listing_paths
            or page_number(response.url) is not None
        ):
            self.listing_paths.add(path)
            return "listing"
        via_nav = response.meta.get("via") == "nav"
        nav_linked = via_nav or self.canonical_url(response.url) in self._nav_linked
        least_cards = NAV_CARD_MIN_ITEMS if nav_linked else CARD_MIN_ITEMS
        items = [
            u
            for u in listing_items(response, self, least_cards)
            if u != self.canonical_url(response.url)
        ]
        if items and shows_related_only(response):
            items = []  # a node's "À lire aussi" teasers: its links are followed as content
        if not items and nav_linked and (lone := lone_card_item(response, self)) is not None:
            items = [lone]  # a region listing of one member, in a theme of heading-less cards
        # a pager alone is no proof (a node's comments have one): a pager with items is
        paged = bool(items) and bool(self.pager_urls(response))
        if paged or len(items) >= (1 if nav_linked else LISTING_MIN_ITEMS):
            self.listing_paths.add(path)
            return "listing"
        if via_nav and not self.has_node_signal(response):
            return "other"
        return "detail"

    @staticmethod
    def has_node_signal(response: HtmlResponse) -> bool:
        """Drupal's marks of a node page: a node body class or a node id on the main article."""
        body_class = response.xpath("//body/@class").get() or ""
        return bool(NODE_BODY_CLASS.search(body_class)) or bool(
            response.xpath("//*[@data-history-node-id]")
        )

    def is_item_link(self, url: str) -> bool:
        """An item's title link on a listing: any page of the site that is not a file, an
        account/search page, a term page or another page of a pager (whatever its path shape)."""
        path = urlsplit(url).path
        return self.is_crawlable(path) and not self._is_paged_detail(url) and path != "/"

    def is_node_link(self, url: str) -> bool:
        """A link whose target may be a node page: same site (already checked), one-segment
        alias, /node/<id> or an old SPIP article URL; never a file, account, search or pager."""
        path = urlsplit(url).path
        if not (NODE_PATH.match(path) or SLUG_PATH.match(path) or is_spip_article(url)):
            return False
        return self.is_crawlable(path) and not self._is_paged_detail(url)

    def pager_urls(self, response: HtmlResponse) -> list[str]:
        """Links to another numbered page of this very path (Drupal's ?page=N, any theme)."""
        here = normalise_path(urlsplit(response.url).path)
        base, own = get_base_url(response), self.canonical_url(response.url)
        found = []
        for href in unique_links(response.xpath("//a/@href").getall()):
            if "page=" not in href:
                continue
            url = self.site_link(href, base=base)
            if url is None or url == own or normalise_path(urlsplit(url).path) != here:
                continue
            if page_number(url) is None and urlsplit(url).query:
                continue  # ?page=<SPIP template> or exposed filters: not a pager
            found.append(url)
        return found

    # --- link selection ---------------------------------------------------------------------

    def follow_listing_links(
        self, response: HtmlResponse, follow_items: bool = True
    ) -> Iterator[scrapy.Request]:
        """Pager links of this listing (bounded) and every node link of its items (not when
        only its pages are wanted: a sitemap walk fetches changed nodes by their lastmod)."""
        items = listing_items(response, self, NAV_CARD_MIN_ITEMS)  # a listing: two cards are items
        if not items and (lone := lone_card_item(response, self)) is not None:
            items = (lone,)  # a listing showing one item, titled in no heading
        # A page showing the same items as the page whose pager led here (Drupal clamps ?page=
        # past the end; a pager that never ends would be followed forever): stop this pager.
        repeated = not items or items == response.meta.get("listing_items")
        if items and repeated:
            self.record_error(
                response.url,
                "pagination_capped",
                "page repeats the previous page's items; its pager is not followed",
            )
        for url in self.pager_urls(response):
            if any(
                key != "page" for key, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True)
            ):
                continue  # exposed filters or sorts: not part of the plain listing
            number = page_number(url)
            if number is not None and number >= self.max_listing_pages:
                if url not in self._capped_urls:
                    self._capped_urls.add(url)
                    self._inc("rtes/pagination/capped")
                    self.record_error(
                        url,
                        "pagination_capped",
                        f"page {number} is past MAX_LISTING_PAGES={self.max_listing_pages}",
                    )
                continue
            if repeated:
                continue
            request = self._request(url, self.parse_page)
            request.meta["listing_items"] = items
            request.meta["walk_pages"] = response.meta.get("walk_pages", False)
            yield request
        if not items:  # the runner fails a full crawl whose listings all hold no resource link
            self.listings_without_links.append(response.url)
        if not follow_items:
            return
        for url in items:  # title links, whatever their path shape
            yield self._content_request(url)
        yield from self.follow_detail_links(response, already=set(items))

    def follow_detail_links(
        self, response: HtmlResponse, already: set[str] | frozenset[str] = frozenset()
    ) -> Iterator[scrapy.Request]:
        """Links outside the navigation chrome to node pages (aliases, /node/<id>, old SPIP
        URLs, absolute links on either host) and to term pages (listings)."""
        base, own = get_base_url(response), self.canonical_url(response.url)
        for href in unique_links(response.xpath(CONTENT_LINKS_XPATH).getall()):
            url = self.site_link(href, base=base)
            if url is None or url in already or url == own:
                continue  # a page linking to itself (a newsletter's "Version web") is no new node
            if TERM_PATH.match(urlsplit(url).path):
                yield self._request(url, self.parse_page, meta={"via": "nav"})
            elif self.is_node_link(url):
                yield self._content_request(url)

    def follow_navigation(
        self, response: HtmlResponse, menu_page: bool
    ) -> Iterator[scrapy.Request]:
        """Menu, header and footer links (where a theme links its listings) and, on the home
        page and other menu pages, every link: each page then says what it is."""
        on_menu_page = menu_page
        base, own = get_base_url(response), self.canonical_url(response.url)
        hrefs = response.xpath(NAV_LINKS_XPATH if not on_menu_page else "//body//a/@href")
        for href in unique_links(hrefs.getall()):
            url = self.site_link(href, base=base)
            if url is None:
                continue
            path = urlsplit(url).path
            if url == own or page_number(url) is not None:
                continue  # this page, or a pager (Drupal puts pagers in <nav>): pagination's job
            if TERM_PATH.match(path) or (
                (SLUG_PATH.match(path) or path == "/") and self.is_crawlable(path)
            ):
                self._nav_linked.add(url)
                yield self._request(url, self.parse_page, meta={"via": "nav"})

    def _content_request(self, url: str) -> scrapy.Request:
        """A request for a node link; a page stored as "other" when only the menu led to it
        is fetched once more as a node, now that content links to it."""
        request = self._request(url, self.parse_page)
        if url in self._nav_only:
            self._nav_only.discard(url)
            request = request.replace(dont_filter=True)
        return request

    def follow_documents(self, response: HtmlResponse) -> Iterator[scrapy.Request]:
        """Attachments linked from a resource page, once each (revalidated with 304s later)."""
        if not self.fetch_documents:
            return
        base = get_base_url(response)
        for href in unique_links(response.xpath(ATTACHMENT_LINKS_XPATH).getall()):
            if not DOCUMENT_PATH.match(urlsplit(urljoin(base, href.strip())).path):
                # not an attachment (other links were already judged by follow_detail_links)
                continue
            url = self.site_link(href, base=base)
            if url is None or (url := file_url(url)) in self._documents_seen:
                continue  # ("x.pdf?download=true" beside "x.pdf" is the same file)
            self._documents_seen.add(url)
            yield self._request(url, self.parse_document, meta={"page_kind": "document"})

    def site_link(self, href: str | None, base: str) -> str | None:
        """The canonical absolute URL of a link to this site, None for anything else.

        Skips empty, fragment-only, mailto:/tel:/javascript: links and links to other hosts
        (counted as `rtes/links/offsite_skipped`). Links to the host's www./bare twin or to a
        SITE_ALIASES host, over http or https, are rewritten onto SITE_URL (rtes_core.urls).
        """
        href = (href or "").strip()
        if not href or href.startswith("#"):
            return None
        if href.lower().startswith(SKIPPED_SCHEMES):
            self._inc("rtes/links/non_http_skipped")
            return None
        parts = urlsplit(urljoin(base, href))
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            self._inc("rtes/links/non_http_skipped")
            return None
        url = self.hosts.rebase(href, base)
        if url is None:
            self._inc("rtes/links/offsite_skipped")
        return url

    @staticmethod
    def canonical_url(url: str) -> str:
        """Sorted query, no fragment, no tracking keys, no Drupal `page=0` (rtes_core.urls)."""
        return canonical_url(url)

    def is_crawlable(self, path: str) -> bool:
        """True unless the path is a file, an asset or an account/vocabulary/search/admin page."""
        return not is_file_path(path) and not is_excluded_path(path)

    def _is_paged_detail(self, url: str) -> bool:
        """A numeric `?page=` on a path that is not a listing (e.g. comment pages of a node;
        SPIP's `?page=<template>` is no pager)."""
        return (
            page_number(url) is not None
            and normalise_path(urlsplit(url).path) not in self.listing_paths
        )
