"""The RTES spider: listings, pagination, resource pages and the sitemap, one raw row per response.

It does no extraction: every response it receives (2xx and the final non-2xx after retries)
becomes one `RawPage`; cleaning happens later, in `pipeline/`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import lxml.etree
import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.response import get_base_url
from scrapy.utils.sitemap import Sitemap
from twisted.internet import error as net_error
from twisted.internet.defer import CancelledError
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

from pipeline import document_store
from pipeline.incremental import listing_fingerprints, listing_key, sitemap_entries
from pipeline.pages import is_truncated_html
from pipeline.urls import (
    DEFAULT_PORTS,
    SiteHosts,
    canonical_url,
    clean_query,
    host_twins,
    is_spip_article,
    pager_number,
)
from spiders import settings as project_settings
from spiders.items import RawPage
from spiders.middlewares import OffsiteRedirect, RedirectLoop

# Link schemes that never lead to a page of the site.
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "ftp:", "sms:")
# First path segments that are never resources (accounts, vocabularies, search, admin, comments).
EXCLUDED_FIRST_SEGMENTS = frozenset({"user", "taxonomy", "search", "admin", "comment"})
# Path prefixes of Drupal's public/private file areas and assets.
FILE_PREFIXES = ("/sites/default/files/", "/system/files/", "/core/", "/modules/", "/themes/")
# Last path segment ending in something like ".pdf", ".docx", ".jpg" (not ".0" as in "v2.0").
FILE_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{1,4}$")
# Links to node pages: Drupal's system path, single-segment aliases, old SPIP article URLs.
NODE_PATH = re.compile(r"^/node/\d+$")
SLUG_PATH = re.compile(r"^/[a-z0-9-]+$")
# A term page's system path (the redirect module sends it to the term's alias).
TERM_PATH = re.compile(r"^/taxonomy/term/\d+$")
# Navigation chrome (menus, header, footer): where a theme puts links to listings and pages.
CHROME = "ancestor::nav or ancestor::header or ancestor::footer or ancestor::*[@role='navigation']"
# Every link of a page outside the navigation chrome (theme-independent: no class names).
CONTENT_LINKS_XPATH = f"//body//a[not({CHROME})]/@href"
# Links of the navigation chrome.
NAV_LINKS_XPATH = f"//body//a[{CHROME}]/@href"
# Title links of listed items: links inside a heading below h1, or marked rel=bookmark,
# outside the chrome and side blocks (whatever the theme calls them).
ITEM_LINKS_XPATH = (
    f"//body//*[self::h2 or self::h3 or self::h4 or self::h5]//a[not({CHROME})"
    " and not(ancestor::aside)]/@href | //body//a[contains(concat(' ', @rel, ' '),"
    f" ' bookmark ') and not({CHROME}) and not(ancestor::aside)]/@href"
)
# Drupal's head link naming the page's entity (node or term) whatever the theme.
SHORTLINK_XPATH = "//head/link[@rel='shortlink']/@href"
# Body classes Drupal themes give node pages (D8+ "path-node", "page-node-…"; D7 "node-type-…").
NODE_BODY_CLASS = re.compile(r"\b(?:path-node|page-node|node-type-)")
# A page with this many distinct item title links to other nodes is a listing.
LISTING_MIN_ITEMS = 2
# Cards of a theme that puts item titles in no heading: this many sibling blocks of one tag and
# class, outside the chrome, each leading with a link to a node page, are the items of a listing.
CARD_MIN_ITEMS = 3
# The elements a theme wraps listed items in (list items are left out: "see also" lists).
CARD_TAGS = ("article", "div", "section")
CARD_PARENTS_XPATH = (
    f"//body//*[not({CHROME}) and not(ancestor::aside)]"
    f"[count(*[self::article or self::div or self::section]) >= {CARD_MIN_ITEMS}]"
)
# Attachments worth keeping in the raw layer (documents, not theme images).
DOCUMENT_PATH = re.compile(
    r"^/(?:sites/[^/]+/files|system/files)/.+\.(?:pdf|docx?|odt|xlsx?|ods|pptx?|odp|zip)$",
    re.IGNORECASE,
)
# Encoding of HTML that declares none (no header charset, no BOM, no <meta>) and is not UTF-8:
# WHATWG's legacy default for French pages; charset detection guesses cp1250/cp1257 for
# accented French and turns "è" into "č".
LEGACY_ENCODING = "cp1252"
# Download failures by kind, checked in order (Scrapy 2.19 exceptions and Twisted's).
FAILURE_KINDS = (
    (RedirectLoop, "redirect_loop"),
    (OffsiteRedirect, "offsite_redirect"),
    ((DownloadTimeoutError, net_error.TimeoutError, net_error.TCPTimedOutError), "timeout"),
    ((CannotResolveHostError, net_error.DNSLookupError), "dns"),
    ((DownloadConnectionRefusedError, net_error.ConnectionRefusedError), "connection_refused"),
    (
        (
            ResponseDataLossError,
            ResponseFailed,
            ResponseNeverReceived,
            net_error.ConnectionLost,
            net_error.ConnectionDone,
            DownloadFailedError,
        ),
        "connection_lost",
    ),
    ((DownloadCancelledError, CancelledError), "cancelled"),
    (IgnoreRequest, "ignored"),
)


def drop_first_page(query: str) -> str:
    """Query string without tracking keys and Drupal's first page (`page=0`, `page=0,0`)."""
    return clean_query(query)


def page_number(url: str) -> int | None:
    """Drupal pager index (0-based) of a URL, None when it has no numeric `page` parameter."""
    return pager_number(url)


def normalise_path(path: str) -> str:
    """Path without its trailing slash ("/ressources/" -> "/ressources"), "/" for the root."""
    return path.rstrip("/") or "/"


def is_file_path(path: str) -> bool:
    """True for Drupal file areas and anything whose last segment has a file extension."""
    return path.startswith(FILE_PREFIXES) or bool(FILE_EXTENSION.search(path.rsplit("/", 1)[-1]))


def is_excluded_path(path: str) -> bool:
    """True for account, vocabulary, search, admin and comment paths."""
    first_segment = path.lstrip("/").split("/", 1)[0].lower()
    return first_segment in EXCLUDED_FIRST_SEGMENTS


class RtesSpider(scrapy.Spider):
    """Discover the listings (home navigation, term links, sitemap, LISTING_PATHS hints), walk
    them with bounded pagination, and fetch every node page they, the sitemap and the bodies
    link to. Which page is a listing is read from the page itself, not from its URL."""

    name = "rtes"
    # Final responses with these statuses reach the callbacks and are stored; any other
    # non-2xx arrives in `on_error` (as an HttpError) and is stored too.
    handle_httpstatus_list = [404, 410, 500, 503]

    def __init__(
        self,
        site_url: str = project_settings.SITE_URL,
        listing_paths: Iterable[str] | str = tuple(project_settings.LISTING_PATHS),
        max_listing_pages: int | str = project_settings.MAX_LISTING_PAGES,
        crawl_id: str = project_settings.CRAWL_ID,
        site_aliases: Iterable[str] | str = (),
        crawl_mode: str = "full",
        crawl_state: str = "",
        main_listing_path: str = "",
        fetch_documents: bool | str = True,
        **kwargs: Any,
    ):
        """Scope of the crawl; `scrapy crawl rtes -a name=value` passes strings (lists as "a,b")."""
        super().__init__(**kwargs)
        listing_paths, site_aliases = _as_list(listing_paths), _as_list(site_aliases)
        self.hosts = SiteHosts.of(site_url, site_aliases)
        parts = urlsplit(site_url)
        self.site_scheme, self.site_netloc, self.site_port = (
            self.hosts.scheme,
            self.hosts.netloc,
            self.hosts.port,
        )
        self.site_url = self.hosts.base
        self.site_hosts = set(self.hosts.hosts)
        self.allowed_domains = sorted(host_twins(parts.hostname) | set(self.hosts.aliases))
        # LISTING_PATHS are hints (requested, and read as listings when they answer); the
        # listings themselves are discovered: `listing_paths` grows as pages show they are.
        self.listing_hints = {normalise_path(p) for p in listing_paths}
        self.listing_paths = set(self.listing_hints)
        self._nav_only: set[str] = set()  # pages met only in navigation, stored as "other"
        self.discovering = crawl_mode != "incremental"  # follow navigation (not in sitemap mode)
        self.max_listing_pages = int(max_listing_pages)
        self.crawl_id = crawl_id
        self._capped_urls: set[str] = set()
        self.listings_without_links: list[str] = []  # listing pages with no resource link followed
        # Every failed or unusable page with its kind: written to the crawl report.
        self.crawl_errors: list[dict[str, str]] = []
        if crawl_mode not in {"full", "incremental"}:
            raise ValueError(f"CRAWL_MODE must be 'full' or 'incremental', got {crawl_mode!r}")
        self.incremental = crawl_mode == "incremental"
        self.state = _load_state(crawl_state) if self.incremental else {}
        if main_listing_path:  # an older setting: one more listing hint
            self.listing_hints.add(normalise_path(main_listing_path))
            self.listing_paths.add(normalise_path(main_listing_path))
        self.fetch_documents = str(fetch_documents).lower() not in {"false", "0", "no"}
        self._documents_seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> RtesSpider:
        """Build the spider from the project settings (spider arguments still win)."""
        settings = crawler.settings
        kwargs.setdefault("site_url", settings.get("SITE_URL"))
        kwargs.setdefault("listing_paths", settings.getlist("LISTING_PATHS"))
        kwargs.setdefault("max_listing_pages", settings.getint("MAX_LISTING_PAGES", 200))
        kwargs.setdefault("crawl_id", settings.get("CRAWL_ID"))
        kwargs.setdefault("site_aliases", settings.getlist("SITE_ALIASES"))
        kwargs.setdefault("crawl_mode", settings.get("CRAWL_MODE", "full"))
        kwargs.setdefault("crawl_state", settings.get("CRAWL_STATE", ""))
        kwargs.setdefault("main_listing_path", settings.get("MAIN_LISTING_PATH", ""))
        kwargs.setdefault("fetch_documents", settings.getbool("FETCH_DOCUMENTS", True))
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.record_strategy, signal=scrapy.signals.spider_opened)
        return spider

    def record_strategy(self) -> None:
        """Stats exist from spider_opened on: say which strategy this crawl starts with."""
        self.crawler.stats.set_value(
            "rtes/incremental/strategy", "pending" if self.incremental else "full"
        )

    # --- requests ---------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        """Home page and listing hints, then the sitemap (incremental: the sitemap decides)."""
        if self.incremental:
            yield self._request(
                self.site_url + "/sitemap.xml", self.parse_sitemap, meta={"page_kind": "sitemap"}
            )
            return
        for request in self.entry_requests():
            yield request
        yield self._request(
            self.site_url + "/sitemap.xml", self.parse_sitemap, meta={"page_kind": "sitemap"}
        )

    def entry_requests(self) -> Iterator[scrapy.Request]:
        """The home page (its navigation leads to the listings) and the listing hints."""
        yield self._request(self.site_url + "/", self.parse_page, meta={"via": "nav"})
        for path in sorted(self.listing_hints - {"/"}):
            yield self._request(self.site_url + path, self.parse_page, meta={"via": "nav"})

    def _request(
        self, url: str, callback: Any, meta: dict[str, Any] | None = None
    ) -> scrapy.Request:
        """A request whose non-2xx final responses and download failures reach `on_error`."""
        return scrapy.Request(url, callback=callback, errback=self.on_error, meta=meta or {})

    # --- callbacks --------------------------------------------------------------------------

    def parse_page(self, response: Response) -> Iterator[Any]:
        """Store the page as the kind it shows; follow what that kind leads to."""
        response = with_page_encoding(response)
        usable = 200 <= response.status < 300 and page_problem(response) is None
        kind = self.classify(response) if usable else self.page_kind(response.url)
        yield self.raw_page(response, kind)
        if not 200 <= response.status < 300:
            self.record_error(
                response.url,
                f"http_{response.status}",
                f"HTTP {response.status} after {response.meta.get('retry_times', 0)} retries",
            )
            return
        problem = page_problem(response)
        if problem is not None:  # not followed either: a truncated page's links are a lottery
            self.record_error(response.url, *problem)
            return
        if kind == "other":
            self._nav_only.add(self.canonical_url(response.url))
        if self.discovering:
            # an incremental walk reads the menus only (the listings say what changed)
            yield from self.follow_navigation(
                response, menu_page=kind == "other" and not self.incremental
            )
        if kind == "listing" and response.meta.get("walk_pages"):
            yield from self.follow_listing_links(response, follow_items=False)
        elif kind == "listing" and self.incremental:
            yield from self.follow_changed_listing_items(response)
        elif kind == "listing":
            yield from self.follow_listing_links(response)
        elif not self.incremental:
            yield from self.follow_detail_links(response)
        if kind == "detail":
            yield from self.follow_documents(response)

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
        items = [u for u in listing_items(response, self) if u != self.canonical_url(response.url)]
        via_nav = response.meta.get("via") == "nav"
        # a pager alone is no proof (a node's comments have one): a pager with items is
        paged = bool(items) and bool(self.pager_urls(response))
        if paged or len(items) >= (1 if via_nav else LISTING_MIN_ITEMS):
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
        for href in _unique(response.xpath("//a/@href").getall()):
            if "page=" not in href:
                continue
            url = self.site_link(href, base=base)
            if url is None or url == own or normalise_path(urlsplit(url).path) != here:
                continue
            if page_number(url) is None and urlsplit(url).query:
                continue  # ?page=<SPIP template> or exposed filters: not a pager
            found.append(url)
        return found

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        """Store the sitemap; follow its in-domain <loc> entries (nested sitemaps too)."""
        yield self.raw_page(response, "sitemap")
        if self.incremental:
            yield from self.follow_changed_sitemap_entries(response)
            return
        if not 200 <= response.status < 300 or not response.body:
            return
        try:
            sitemap = Sitemap(response.body)
        except (lxml.etree.XMLSyntaxError, StopIteration):
            sitemap = None
        if sitemap is None or sitemap.type not in {"urlset", "sitemapindex"}:
            self._inc("rtes/sitemap/unparsable")
            self.logger.warning("Not a sitemap (no urlset or sitemapindex): %s", response.url)
            return
        for entry in sitemap:
            url = self.site_link(entry.get("loc", ""), base=response.url)
            if url is None:
                continue
            if sitemap.type == "sitemapindex":
                yield self._request(url, self.parse_sitemap, meta={"page_kind": "sitemap"})
            elif self.is_crawlable(urlsplit(url).path) and not self._is_paged_detail(url):
                yield self._request(url, self.parse_page)

    def on_error(self, failure: Failure) -> Iterator[Any]:
        """Store final non-2xx responses; count download failures (DNS, refused, timeout)."""
        if failure.check(HttpError):
            response = failure.value.response
            kind = response.meta.get("page_kind") or self.page_kind(response.url)
            yield self.raw_page(response, kind)
            self.record_error(response.url, f"http_{response.status}", f"HTTP {response.status}")
            if kind == "sitemap" and self.incremental:
                yield from self.start_listing_strategy(
                    f"the sitemap answered HTTP {response.status}"
                )
            return
        request = getattr(failure, "request", None)
        if self.incremental and request is not None and request.meta.get("page_kind") == "sitemap":
            yield from self.start_listing_strategy("the sitemap could not be downloaded")
        message = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        self.record_error(getattr(request, "url", "?"), failure_kind(failure), message)
        self._inc("rtes/requests/failed")
        if self.crawler.stats.get_value("rtes/errors/first_download_error") is None:
            self.crawler.stats.set_value("rtes/errors/first_download_error", message)
        self.logger.warning("Download failed for %s: %s", getattr(request, "url", "?"), message)

    # --- the raw row ------------------------------------------------------------------------

    def raw_page(self, response: Response, page_kind: str) -> RawPage:
        """One raw row for a response, counted by kind in the stats."""
        request = response.request
        redirect_urls = request.meta.get("redirect_urls") if request is not None else None
        requested_url = (
            redirect_urls[0] if redirect_urls else (request.url if request else response.url)
        )
        is_html = isinstance(response, HtmlResponse)
        if (
            "cached" in response.flags
        ):  # served from the HTTP cache (fresh, or revalidated by a 304)
            self._inc("rtes/responses/from_cache")
        else:  # what the site actually sent over the network
            self.crawler.stats.inc_value("rtes/bytes/network", len(response.body))
        if not 200 <= response.status < 300:
            self._inc("rtes/pages/http_error")
        elif page_kind in {"sitemap", "document"}:
            self._inc(f"rtes/pages/{page_kind}")
        elif not is_html:
            self._inc("rtes/pages/non_html")
        else:
            self._inc(f"rtes/pages/{page_kind}")
        return RawPage(
            crawl_id=self.crawl_id,
            url=requested_url,
            final_url=response.url,
            status=response.status,
            fetched_at=datetime.now(UTC),
            page_kind=page_kind,
            content_type=_header(response, b"Content-Type"),
            encoding=response.encoding if isinstance(response, TextResponse) else None,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            body_bytes=len(response.body),
            body_sha256=hashlib.sha256(response.body).hexdigest(),
            html=response.text
            if is_html or (page_kind == "sitemap" and isinstance(response, TextResponse))
            else None,
        )

    def page_kind(self, url: str) -> str:
        """Kind of a page URL: "listing" on a listing path (any page of it), else "detail"."""
        return "listing" if normalise_path(urlsplit(url).path) in self.listing_paths else "detail"

    # --- link selection ---------------------------------------------------------------------

    def follow_listing_links(
        self, response: HtmlResponse, follow_items: bool = True
    ) -> Iterator[scrapy.Request]:
        """Pager links of this listing (bounded) and every node link of its items (not when
        only its pages are wanted: a sitemap walk fetches changed nodes by their lastmod)."""
        items = listing_items(response, self)
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
        for href in _unique(response.xpath(CONTENT_LINKS_XPATH).getall()):
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
        for href in _unique(hrefs.getall()):
            url = self.site_link(href, base=base)
            if url is None:
                continue
            path = urlsplit(url).path
            if url == own or page_number(url) is not None:
                continue  # this page, or a pager (Drupal puts pagers in <nav>): pagination's job
            if TERM_PATH.match(path) or (
                (SLUG_PATH.match(path) or path == "/") and self.is_crawlable(path)
            ):
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
        for href in _unique(response.xpath(CONTENT_LINKS_XPATH).getall()):
            if not DOCUMENT_PATH.match(urlsplit(urljoin(base, href.strip())).path):
                # not an attachment (other links were already judged by follow_detail_links)
                continue
            url = self.site_link(href, base=base)
            if url is None or url in self._documents_seen:
                continue
            self._documents_seen.add(url)
            yield self._request(url, self.parse_document, meta={"page_kind": "document"})

    def parse_document(self, response: Response) -> Iterator[Any]:
        """Store an attachment's row (validators, size, hash; no text) and its bytes, once per content."""
        crawler = getattr(self, "crawler", None)
        if (
            crawler is not None
            and crawler.settings.getbool("STORE_DOCUMENTS", True)
            and response.status == 200
        ):
            document_store.put(Path(crawler.settings.get("DATA_DIR", "datasets")), response.body)
        yield self.raw_page(response, "document")

    # --- incremental crawling ---------------------------------------------------------------

    def follow_changed_sitemap_entries(self, response: Response) -> Iterator[Any]:
        """Sitemap strategy: request only the pages whose <lastmod> differs from the last run's."""
        entries = (
            sitemap_entries(response.text)
            if 200 <= response.status < 300 and isinstance(response, TextResponse)
            else {}
        )
        if not entries or not any(entries.values()):
            yield from self.start_listing_strategy("the sitemap has no usable <lastmod>")
            return
        self.crawler.stats.set_value("rtes/incremental/strategy", "sitemap")
        known = self.state.get("lastmod", {})
        listings = self.listing_paths | set(self.state.get("listing_paths", []))
        self.listing_paths |= listings  # the listings earlier runs found are listings now
        for path, lastmod in sorted(entries.items()):
            if path in known and known[path] == lastmod:
                self._inc("rtes/incremental/unchanged")
                continue
            self._inc("rtes/incremental/changed_or_new")
            url = self.site_link(path, base=self.site_url)
            if url is not None and self.is_crawlable(urlsplit(url).path):
                # a listing whose lastmod moved shows a changed item somewhere in its pages:
                # read all its pages (the categories of an item are the listings it is on)
                meta = {"walk_pages": True} if path in listings else {}
                yield self._request(url, self.parse_page, meta=meta)

    def start_listing_strategy(self, why: str) -> Iterator[scrapy.Request]:
        """Listing strategy (when the sitemap cannot help): every listing newest-first, found
        again from the home page and the hints, plus the listings of earlier runs."""
        self.logger.info("Incremental crawl from the listings: %s", why)
        self.crawler.stats.set_value("rtes/incremental/strategy", "listings")
        self.discovering = True
        yield from self.entry_requests()
        for path in sorted(set(self.state.get("listing_paths", [])) - self.listing_hints):
            self.listing_paths.add(path)
            yield self._request(self.site_url + path, self.parse_page, meta={"via": "nav"})

    def follow_changed_listing_items(self, response: HtmlResponse) -> Iterator[scrapy.Request]:
        """Follow new or changed resources of this page; the next page only if this one had any."""
        here = normalise_path(urlsplit(response.url).path)
        known = self.state.get("listing", {})
        changed = 0
        for path, fingerprint in listing_fingerprints(response.text, response.url).items():
            if known.get(listing_key(response.url, path)) == fingerprint:
                self._inc("rtes/incremental/unchanged")
                continue
            changed += 1
            self._inc("rtes/incremental/changed_or_new")
            url = self.site_link(path, base=self.site_url)
            if url is not None and self.is_crawlable(urlsplit(url).path):
                yield self._request(url, self.parse_page)
        if changed == 0:
            self._inc("rtes/incremental/listing_stop")
            return  # every resource of this page is known and unchanged: older pages are too
        number = (page_number(response.url) or 0) + 1
        if number < self.max_listing_pages:
            query = urlencode({"page": number})
            yield self._request(f"{self.site_url}{here}?{query}", self.parse_page)

    def site_link(self, href: str | None, base: str) -> str | None:
        """The canonical absolute URL of a link to this site, None for anything else.

        Skips empty, fragment-only, mailto:/tel:/javascript: links and links to other hosts
        (counted as `rtes/links/offsite_skipped`). Links to the host's www./bare twin or to a
        SITE_ALIASES host, over http or https, are rewritten onto SITE_URL (pipeline.urls).
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
        """Sorted query, no fragment, no tracking keys, no Drupal `page=0` (pipeline.urls)."""
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

    def coverage(self, stats: dict[str, Any]) -> dict[str, Any]:
        """What this crawl vouches for (the raw crawl's manifest): a full crawl read every
        listing and so every resource (one absent is gone); an incremental one only what
        changed; a full crawl whose listings failed somewhere is partial (removals are not
        inferred from it, only from 404/410 answers)."""
        strategy = stats.get("rtes/incremental/strategy", "full")
        if strategy not in {"full", "sitemap", "listings"}:
            strategy = (
                "listings"  # a strategy that never got going vouches for nothing beyond its pages
            )
        listing_errors = sorted(
            {
                e["url"]
                for e in self.crawl_errors
                if self.page_kind(e["url"]) == "listing" and e["kind"] != "pagination_capped"
            }
        )
        kind = "incremental" if self.incremental else "partial" if listing_errors else "full"
        return {
            "crawl_id": self.crawl_id,
            "kind": kind,
            "strategy": "full" if kind != "incremental" else strategy,
            "site_url": self.site_url,
            "failed_listings": listing_errors,
            "listings_without_resource_links": list(self.listings_without_links),
        }

    def record_error(self, url: str, kind: str, detail: str) -> None:
        """Remember a failed or unusable page (for the crawl report) and count it by kind."""
        self.crawl_errors.append({"url": url, "kind": kind, "detail": detail})
        self._inc(f"rtes/errors/{kind}")
        self.logger.warning("%s: %s (%s)", kind, url, detail)

    def _inc(self, key: str) -> None:
        """Increment one of the spider's stats counters (none outside a crawl: the probe)."""
        crawler = getattr(self, "crawler", None)
        if crawler is not None:
            crawler.stats.inc_value(key)


def _load_state(path: str) -> dict[str, Any]:
    """The crawl state file of earlier runs (pipeline/incremental.py); empty when absent."""
    if not path:
        return {}
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def with_page_encoding(response: Response) -> Response:
    """The response decoded as LEGACY_ENCODING when it is HTML, declares no encoding anywhere
    and is not valid UTF-8 (declared encodings and UTF-8 are left to Scrapy)."""
    if not isinstance(response, HtmlResponse) or not response.body:
        return response
    content_type = _header(response, b"Content-Type") or ""
    if (
        http_content_type_encoding(content_type)
        or read_bom(response.body)[0]
        or html_body_declared_encoding(response.body)
    ):
        return response
    try:
        response.body.decode("utf-8")
    except UnicodeDecodeError:
        return response.replace(encoding=LEGACY_ENCODING)
    return response


def page_problem(response: Response) -> tuple[str, str] | None:
    """(kind, detail) when a 2xx page cannot be used as HTML: not HTML, empty or truncated."""
    if not isinstance(response, HtmlResponse):
        return "non_html", f"Content-Type {_header(response, b'Content-Type') or 'missing'}"
    if not response.body.strip():
        return "empty_page", "200 with an empty body"
    if is_truncated_html(response.text):
        return "truncated_html", f"HTML ends before </html> ({len(response.body)} bytes)"
    return None


def failure_kind(failure: Failure) -> str:
    """The error kind of a download failure (see FAILURE_KINDS)."""
    for types, kind in FAILURE_KINDS:
        if failure.check(*(types if isinstance(types, tuple) else (types,))):
            message = failure.getErrorMessage()
            if kind == "cancelled" and "max size" in message:
                return "oversize"
            if kind == "ignored" and "max redirections" in message:
                return "redirect_loop"
            if kind == "ignored" and "offsite" in message.lower():
                return "offsite_redirect"
            if kind == "ignored" and "robots.txt" in message:
                return "robots_forbidden"
            return kind
    return "download_error"


def listing_items(response: HtmlResponse, spider: RtesSpider) -> tuple[str, ...]:
    """The item title links to node pages a listing page shows, in order (what "the same
    page" means): links in headings or marked rel=bookmark, whatever the theme's classes."""
    base = get_base_url(response)
    urls = (spider.site_link(href, base=base) for href in response.xpath(ITEM_LINKS_XPATH).getall())
    found = tuple(dict.fromkeys(u for u in urls if u is not None and spider.is_item_link(u)))
    if len(found) >= LISTING_MIN_ITEMS:
        return found
    return card_items(response, spider) or found


def card_items(response: HtmlResponse, spider: RtesSpider) -> tuple[str, ...]:
    """The first links of repeated sibling blocks (same tag and class) that each lead with a
    link to a node page: the items of a listing whose theme puts titles in no heading."""
    base = get_base_url(response)
    for parent in response.xpath(CARD_PARENTS_XPATH):
        groups: dict[tuple[str, str], list[str]] = {}
        for child in parent.xpath("./*"):
            tag = child.xpath("name()").get()
            if tag not in CARD_TAGS:
                continue
            first = spider.site_link(child.xpath(".//a/@href").get(), base)
            if first is not None and spider.is_node_link(first):
                groups.setdefault((tag, child.xpath("@class").get() or ""), []).append(first)
        for links in groups.values():
            unique = tuple(dict.fromkeys(links))
            if len(unique) >= CARD_MIN_ITEMS:
                return unique
    return ()


def _header(response: Response, name: bytes) -> str | None:
    """A response header decoded as Latin-1 (HTTP's header charset), None when absent."""
    value = response.headers.get(name)
    return value.decode("latin-1") if value is not None else None


def _as_list(value: Iterable[str] | str) -> list[str]:
    """A list of strings from a list or a comma-separated string (spider arguments)."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return list(value)


def _unique(hrefs: Iterable[str]) -> list[str]:
    """Links in page order without repeats (pager blocks list "next" and "2" alike)."""
    return list(dict.fromkeys(href.strip() for href in hrefs))
