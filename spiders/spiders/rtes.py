"""The RTES spider: listings, pagination, resource pages and the sitemap, one raw row per response.

It does no extraction: every response it receives (2xx and the final non-2xx after retries)
becomes one `RawPage`; cleaning happens later, in `pipeline/`. Link selection lives in
spiders/link_following.py, the incremental strategies in spiders/incremental_crawl.py, link
patterns and listing items in spiders/discovery.py, response checks in spiders/responses.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
import scrapy
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.sitemap import Sitemap
from twisted.python.failure import Failure

from rtes_core import document_store
from rtes_core.urls import SiteHosts, host_twins
from spiders import settings as project_settings
from spiders.discovery import listing_items, normalise_path
from spiders.incremental_crawl import IncrementalCrawl, load_state
from spiders.items import RawPage
from spiders.link_following import LinkFollowing
from spiders.responses import failure_kind, header, page_problem, with_page_encoding

# What other modules import from here (pipeline/probe.py reads listings as the spider does).
__all__ = ["RtesSpider", "listing_items"]


class RtesSpider(LinkFollowing, IncrementalCrawl, scrapy.Spider):
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
        # every page a menu links to, however its own request was first made (the sitemap or a
        # resource's Catégorie link may come first): a listing of one item is still a listing
        self._nav_linked: set[str] = set()
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
        self.state = load_state(crawl_state) if self.incremental else {}
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
            content_type=header(response, b"Content-Type"),
            encoding=response.encoding if isinstance(response, TextResponse) else None,
            etag=header(response, b"ETag"),
            last_modified=header(response, b"Last-Modified"),
            body_bytes=len(response.body),
            body_sha256=hashlib.sha256(response.body).hexdigest(),
            html=response.text
            if is_html or (page_kind == "sitemap" and isinstance(response, TextResponse))
            else None,
        )

    def page_kind(self, url: str) -> str:
        """Kind of a page URL: "listing" on a listing path (any page of it), else "detail"."""
        return "listing" if normalise_path(urlsplit(url).path) in self.listing_paths else "detail"

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


def _as_list(value: Iterable[str] | str) -> list[str]:
    """A list of strings from a list or a comma-separated string (spider arguments)."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return list(value)
