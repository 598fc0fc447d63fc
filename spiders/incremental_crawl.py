"""Incremental crawling: the sitemap strategy (<lastmod> changed) and the listing strategy
(newest-first listings, stopped at the first page with nothing new); a mixin of RtesSpider."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode, urlsplit

import scrapy
from scrapy.http import HtmlResponse, Response, TextResponse

from rtes_core.incremental import listing_fingerprints, listing_key, sitemap_entries
from spiders.discovery import normalise_path, page_number


class IncrementalCrawl:
    """RtesSpider's incremental strategies; they rely on the spider's `state`, `listing_paths`,
    `listing_hints`, `entry_requests`, `_request`, `parse_page`, `site_link` and `_inc`."""

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


def load_state(path: str) -> dict[str, Any]:
    """The crawl state file of earlier runs (rtes_core/incremental.py); empty when absent."""
    if not path:
        return {}
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)
