"""The RTES spider: listings, pagination, resource pages and the sitemap, one raw row per response.

It does no extraction: every response it receives (2xx and the final non-2xx after retries)
becomes one `RawPage`; cleaning happens later, in `pipeline/`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

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
from w3lib.url import canonicalize_url

from pipeline import document_store
from pipeline.incremental import listing_fingerprints, sitemap_entries
from pipeline.pages import is_truncated_html
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
# In-content links followed from detail pages: Drupal node paths and single-segment aliases.
NODE_PATH = re.compile(r"^/node/\d+$")
SLUG_PATH = re.compile(r"^/[a-z0-9-]+$")
# Pager blocks of Drupal 7 (ul.pager) and Drupal 8+ (nav.pager, .pager__item).
PAGER_LINKS_CSS = "nav.pager a::attr(href), ul.pager a::attr(href), .pager__item a::attr(href)"
# Resource title links on listing pages (Drupal 8+ and Drupal 7 themes).
TITLE_LINKS_CSS = ", ".join(
    f"{selector}::attr(href)"
    for selector in (
        "article h2 a",
        "a[rel=bookmark]",
        ".node__title a",
        ".views-field-title a",
        "h2.node-title a",
        ".node h2 a",
    )
)
# Where in-content links of a detail page live.
CONTENT_LINKS_CSS = "article a::attr(href), .node a::attr(href), main a::attr(href)"
DEFAULT_PORTS = {"http": 80, "https": 443}
# Attachments worth keeping in the raw layer (documents, not theme images).
DOCUMENT_PATH = re.compile(r"^/(?:sites/[^/]+/files|system/files)/.+\.(?:pdf|docx?|odt|xlsx?|ods|pptx?|odp|zip)$",
                           re.IGNORECASE)
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
    ((ResponseDataLossError, ResponseFailed, ResponseNeverReceived, net_error.ConnectionLost,
      net_error.ConnectionDone, DownloadFailedError), "connection_lost"),
    ((DownloadCancelledError, CancelledError), "cancelled"),
    (IgnoreRequest, "ignored"),
)


def host_twins(hostname: str) -> set[str]:
    """The host and its www./bare twin ("www.rtes.fr" -> {"www.rtes.fr", "rtes.fr"})."""
    hostname = hostname.lower()
    if hostname.startswith("www."):
        return {hostname, hostname[4:]}
    if hostname.replace(".", "").isdigit() or hostname in {"localhost"} or ":" in hostname:
        return {hostname}  # IP addresses and localhost have no www twin
    return {hostname, f"www.{hostname}"}


def drop_first_page(query: str) -> str:
    """Query string without Drupal's first page (`page=0`, or `page=0,0` for several pagers)."""
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not (k == "page" and set(v.split(",")) <= {"0"})]
    return urlencode(kept)


def page_number(url: str) -> int | None:
    """Drupal pager index (0-based) of a URL, None when it has no usable `page` parameter."""
    for key, value in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        if key == "page":
            numbers = [int(part) for part in value.split(",") if part.strip().isdigit()]
            return max(numbers) if numbers else None
    return None


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
    """Crawl the RTES listings (with bounded pagination), their resources and the sitemap."""

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
        main_listing_path: str = "/ressources",
        fetch_documents: bool | str = True,
        **kwargs: Any,
    ):
        """Scope of the crawl; `scrapy crawl rtes -a name=value` passes strings (lists as "a,b")."""
        super().__init__(**kwargs)
        listing_paths, site_aliases = _as_list(listing_paths), _as_list(site_aliases)
        parts = urlsplit(site_url)
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise ValueError(f"SITE_URL must be an http(s) URL with a host, got {site_url!r}")
        self.site_scheme = parts.scheme
        self.site_netloc = parts.netloc.lower()
        self.site_port = parts.port or DEFAULT_PORTS[parts.scheme]
        self.site_url = f"{self.site_scheme}://{self.site_netloc}"
        self.site_hosts = host_twins(parts.hostname) | {h.lower() for h in site_aliases}
        self.allowed_domains = sorted(host_twins(parts.hostname))
        self.listing_paths = {normalise_path(p) for p in listing_paths}
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
        self.main_listing_path = normalise_path(main_listing_path)
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
        kwargs.setdefault("main_listing_path", settings.get("MAIN_LISTING_PATH", "/ressources"))
        kwargs.setdefault("fetch_documents", settings.getbool("FETCH_DOCUMENTS", True))
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.record_strategy, signal=scrapy.signals.spider_opened)
        return spider

    def record_strategy(self) -> None:
        """Stats exist from spider_opened on: say which strategy this crawl starts with."""
        self.crawler.stats.set_value("rtes/incremental/strategy", "pending" if self.incremental else "full")

    # --- requests ---------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        """Listing pages first, then the sitemap (incremental: the sitemap decides)."""
        if self.incremental:
            yield self._request(self.site_url + "/sitemap.xml", self.parse_sitemap,
                                meta={"page_kind": "sitemap"})
            return
        for path in sorted(self.listing_paths):
            yield self._request(self.site_url + path, self.parse_page)
        yield self._request(
            self.site_url + "/sitemap.xml", self.parse_sitemap, meta={"page_kind": "sitemap"}
        )

    def _request(
        self, url: str, callback: Any, meta: dict[str, Any] | None = None
    ) -> scrapy.Request:
        """A request whose non-2xx final responses and download failures reach `on_error`."""
        return scrapy.Request(url, callback=callback, errback=self.on_error, meta=meta or {})

    # --- callbacks --------------------------------------------------------------------------

    def parse_page(self, response: Response) -> Iterator[Any]:
        """Store the page; follow pager and title links on listings, content links on details."""
        response = with_page_encoding(response)
        kind = self.page_kind(response.url)
        yield self.raw_page(response, kind)
        if not 200 <= response.status < 300:
            self.record_error(response.url, f"http_{response.status}",
                              f"HTTP {response.status} after {response.meta.get('retry_times', 0)} retries")
            return
        problem = page_problem(response)
        if problem is not None:  # not followed either: a truncated page's links are a lottery
            self.record_error(response.url, *problem)
            return
        if kind == "listing" and self.incremental:
            yield from self.follow_changed_listing_items(response)
        elif kind == "listing":
            yield from self.follow_listing_links(response)
        else:
            if not self.incremental:
                yield from self.follow_detail_links(response)
            yield from self.follow_documents(response)

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
                yield from self.start_listing_strategy("the sitemap answered HTTP %d" % response.status)
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
        if "cached" in response.flags:  # served from the HTTP cache (fresh, or revalidated by a 304)
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
            fetched_at=datetime.now(timezone.utc),
            page_kind=page_kind,
            content_type=_header(response, b"Content-Type"),
            encoding=response.encoding if isinstance(response, TextResponse) else None,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            body_bytes=len(response.body),
            body_sha256=hashlib.sha256(response.body).hexdigest(),
            html=response.text if is_html or (page_kind == "sitemap" and isinstance(response, TextResponse)) else None,
        )

    def page_kind(self, url: str) -> str:
        """Kind of a page URL: "listing" on a listing path (any page of it), else "detail"."""
        return "listing" if normalise_path(urlsplit(url).path) in self.listing_paths else "detail"

    # --- link selection ---------------------------------------------------------------------

    def follow_listing_links(self, response: HtmlResponse) -> Iterator[scrapy.Request]:
        """Pager links of this listing (bounded) and the resource title links."""
        here = normalise_path(urlsplit(response.url).path)
        base = get_base_url(response)
        items = listing_items(response)
        # A page showing the same items as the page whose pager led here (Drupal clamps ?page=
        # past the end; a pager that never ends would be followed forever): stop this pager.
        repeated = not items or items == response.meta.get("listing_items")
        if items and repeated:
            self.record_error(response.url, "pagination_capped",
                              "page repeats the previous page's items; its pager is not followed")
        pager_hrefs = response.css(PAGER_LINKS_CSS).getall()
        pager_hrefs += response.css('a[href*="page="]::attr(href)').getall()
        for href in _unique(pager_hrefs):
            url = self.site_link(href, base=base)
            if url is None:
                continue
            parts = urlsplit(url)
            if normalise_path(parts.path) != here or url == self.canonical_url(response.url):
                continue  # another path's "page=" link, or this very page
            if any(key != "page" for key, _ in parse_qsl(parts.query, keep_blank_values=True)):
                continue  # exposed filters or sorts: not part of the plain listing
            number = page_number(url)
            if number is not None and number >= self.max_listing_pages:
                if url not in self._capped_urls:
                    self._capped_urls.add(url)
                    self._inc("rtes/pagination/capped")
                    self.record_error(url, "pagination_capped",
                                      f"page {number} is past MAX_LISTING_PAGES={self.max_listing_pages}")
                continue
            if repeated:
                continue
            request = self._request(url, self.parse_page)
            request.meta["listing_items"] = items
            yield request
        followed = 0
        for href in _unique(response.css(TITLE_LINKS_CSS).getall()):
            url = self.site_link(href, base=base)
            if url is None:
                continue
            if self.is_crawlable(urlsplit(url).path) and not self._is_paged_detail(url):
                followed += 1
                yield self._request(url, self.parse_page)
        if not followed:  # the runner fails a full crawl whose listings all hold no resource link
            self.listings_without_links.append(response.url)

    def follow_detail_links(self, response: HtmlResponse) -> Iterator[scrapy.Request]:
        """In-content links to other nodes: `/node/<id>` or a one-segment alias."""
        base = get_base_url(response)
        for href in _unique(response.css(CONTENT_LINKS_CSS).getall()):
            url = self.site_link(href, base=base)
            if url is None:
                continue
            path = urlsplit(url).path
            if not (NODE_PATH.match(path) or SLUG_PATH.match(path)):
                continue
            if not self.is_crawlable(path) or self._is_paged_detail(url):
                continue
            yield self._request(url, self.parse_page)

    def follow_documents(self, response: HtmlResponse) -> Iterator[scrapy.Request]:
        """Attachments linked from a resource page, once each (revalidated with 304s later)."""
        if not self.fetch_documents:
            return
        base = get_base_url(response)
        for href in _unique(response.css(CONTENT_LINKS_CSS).getall()):
            if not DOCUMENT_PATH.match(urlsplit(urljoin(base, href.strip())).path):
                continue  # not an attachment (other links were already judged by follow_detail_links)
            url = self.site_link(href, base=base)
            if url is None or url in self._documents_seen:
                continue
            self._documents_seen.add(url)
            yield self._request(url, self.parse_document, meta={"page_kind": "document"})

    def parse_document(self, response: Response) -> Iterator[Any]:
        """Store an attachment's row (validators, size, hash; no text) and its bytes, once per content."""
        crawler = getattr(self, "crawler", None)
        if crawler is not None and crawler.settings.getbool("STORE_DOCUMENTS", True) and response.status == 200:
            document_store.put(Path(crawler.settings.get("DATA_DIR", "datasets")), response.body)
        yield self.raw_page(response, "document")

    # --- incremental crawling ---------------------------------------------------------------

    def follow_changed_sitemap_entries(self, response: Response) -> Iterator[Any]:
        """Sitemap strategy: request only the pages whose <lastmod> differs from the last run's."""
        entries = sitemap_entries(response.text) if 200 <= response.status < 300 and isinstance(
            response, TextResponse) else {}
        if not entries or not any(entries.values()):
            yield from self.start_listing_strategy("the sitemap has no usable <lastmod>")
            return
        self.crawler.stats.set_value("rtes/incremental/strategy", "sitemap")
        known = self.state.get("lastmod", {})
        for path, lastmod in sorted(entries.items()):
            if path in self.listing_paths:
                continue
            if path in known and known[path] == lastmod:
                self._inc("rtes/incremental/unchanged")
                continue
            self._inc("rtes/incremental/changed_or_new")
            url = self.site_link(path, base=self.site_url)
            if url is not None and self.is_crawlable(urlsplit(url).path):
                yield self._request(url, self.parse_page)

    def start_listing_strategy(self, why: str) -> Iterator[scrapy.Request]:
        """Listing strategy: walk the main listing newest-first (when the sitemap cannot help)."""
        self.logger.info("Incremental crawl from the listings: %s", why)
        self.crawler.stats.set_value("rtes/incremental/strategy", "listings")
        yield self._request(self.site_url + self.main_listing_path, self.parse_page)

    def follow_changed_listing_items(self, response: HtmlResponse) -> Iterator[scrapy.Request]:
        """Follow new or changed resources of this page; the next page only if this one had any."""
        if normalise_path(urlsplit(response.url).path) != self.main_listing_path:
            return
        known = self.state.get("listing", {})
        changed = 0
        for path, fingerprint in listing_fingerprints(response.text, response.url).items():
            if known.get(path) == fingerprint:
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
            yield self._request(f"{self.site_url}{self.main_listing_path}?{query}", self.parse_page)

    def site_link(self, href: str | None, base: str) -> str | None:
        """The canonical absolute URL of a link to this site, None for anything else.

        Skips empty, fragment-only, mailto:/tel:/javascript: links and links to other hosts
        (counted as `rtes/links/offsite_skipped`). Links to the host's www./bare twin or to a
        SITE_ALIASES host are rewritten onto SITE_URL.
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
        port = _port(parts)
        same_site = parts.hostname.lower() in self.site_hosts and port in (None, self.site_port)
        if not same_site:
            self._inc("rtes/links/offsite_skipped")
            return None
        rebased = urlunsplit(
            (self.site_scheme, self.site_netloc, parts.path or "/", parts.query, "")
        )
        return self.canonical_url(rebased)

    @staticmethod
    def canonical_url(url: str) -> str:
        """Sorted query, no fragment, no Drupal `page=0` (page 0 is the bare listing)."""
        parts = urlsplit(canonicalize_url(url, keep_fragments=False))
        return urlunsplit(parts._replace(query=drop_first_page(parts.query), fragment=""))

    def is_crawlable(self, path: str) -> bool:
        """True unless the path is a file, an asset or an account/vocabulary/search/admin page."""
        return not is_file_path(path) and not is_excluded_path(path)

    def _is_paged_detail(self, url: str) -> bool:
        """`?page=` on a path that is not a listing (e.g. comment pages of a node)."""
        parts = urlsplit(url)
        has_page = any(key == "page" for key, _ in parse_qsl(parts.query, keep_blank_values=True))
        return has_page and normalise_path(parts.path) not in self.listing_paths

    def coverage(self, stats: dict[str, Any]) -> dict[str, Any]:
        """What this crawl vouches for (the raw crawl's manifest): a full crawl read every
        listing and so every resource (one absent is gone); an incremental one only what
        changed; a full crawl whose listings failed somewhere is partial (removals are not
        inferred from it, only from 404/410 answers)."""
        strategy = stats.get("rtes/incremental/strategy", "full")
        if strategy not in {"full", "sitemap", "listings"}:
            strategy = "listings"  # a strategy that never got going vouches for nothing beyond its pages
        listing_errors = sorted({e["url"] for e in self.crawl_errors if self.page_kind(e["url"]) == "listing"
                                 and e["kind"] != "pagination_capped"})
        kind = "incremental" if self.incremental else "partial" if listing_errors else "full"
        return {"crawl_id": self.crawl_id, "kind": kind, "strategy": "full" if kind != "incremental" else strategy,
                "site_url": self.site_url, "failed_listings": listing_errors,
                "listings_without_resource_links": list(self.listings_without_links)}

    def record_error(self, url: str, kind: str, detail: str) -> None:
        """Remember a failed or unusable page (for the crawl report) and count it by kind."""
        self.crawl_errors.append({"url": url, "kind": kind, "detail": detail})
        self._inc(f"rtes/errors/{kind}")
        self.logger.warning("%s: %s (%s)", kind, url, detail)

    def _inc(self, key: str) -> None:
        """Increment one of the spider's stats counters."""
        self.crawler.stats.inc_value(key)


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
    if (http_content_type_encoding(content_type) or read_bom(response.body)[0]
            or html_body_declared_encoding(response.body)):
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


def listing_items(response: HtmlResponse) -> tuple[str, ...]:
    """The resource links a listing page shows, in order (what "the same page" means)."""
    return tuple(_unique(response.css(TITLE_LINKS_CSS).getall()))


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


def _port(parts: Any) -> int | None:
    """Explicit port of a split URL, None when absent or malformed."""
    try:
        return parts.port
    except ValueError:
        return None
