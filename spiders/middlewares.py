"""Downloader middlewares: back off before retries; stop redirect loops and off-site redirects.

Scrapy 2.19's RetryMiddleware re-schedules a failed request at once (no delay setting), and a
redirect loop A -> B -> A ends silently in the duplicate filter. These two small middlewares
make both visible and polite; the spider's errback records what they raise.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred
from w3lib.url import canonicalize_url, safe_url_string

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class RedirectLoop(IgnoreRequest):
    """A redirect to a URL already visited in the same redirect chain."""


class OffsiteRedirect(IgnoreRequest):
    """A redirect to another host than the crawled site."""


def backoff_delay(retry_times: int, base: float, maximum: float) -> float:
    """Seconds to wait before retry number retry_times (1, 2, …): base, 2×base, 4×base… capped."""
    if retry_times < 1 or base <= 0:
        return 0.0
    return min(base * 2 ** (retry_times - 1), maximum)


class RetryBackoffMiddleware:
    """Wait RETRY_BACKOFF_BASE × 2^(n-1) seconds (at most RETRY_BACKOFF_MAX) before the n-th retry.

    RetryMiddleware marks its copies with meta["retry_times"] = n; the wait happens here, before
    the copy is downloaded, without blocking other requests.
    """

    def __init__(self, base: float, maximum: float, crawler: Any = None) -> None:
        self.base = base
        self.maximum = maximum
        self.crawler = crawler  # stats are read when used: Scrapy sets them when the crawl starts

    @classmethod
    def from_crawler(cls, crawler: Any) -> RetryBackoffMiddleware:
        settings = crawler.settings
        return cls(
            settings.getfloat("RETRY_BACKOFF_BASE", 1.0),
            settings.getfloat("RETRY_BACKOFF_MAX", 60.0),
            crawler,
        )

    async def process_request(self, request: Request) -> None:
        delay = backoff_delay(int(request.meta.get("retry_times", 0)), self.base, self.maximum)
        if delay <= 0:
            return None
        if self.crawler is not None:
            self.crawler.stats.inc_value("rtes/retry/backoff_seconds", delay)
        waited: Deferred[None] = Deferred()
        call_later(delay, waited.callback, None)
        await maybe_deferred_to_future(waited)
        return None


class RedirectGuardMiddleware:
    """Before RedirectMiddleware follows a 3xx: refuse a loop or a jump to another host.

    Sits above RedirectMiddleware (600) in DOWNLOADER_MIDDLEWARES so its process_response
    sees the 3xx first. Raises RedirectLoop / OffsiteRedirect (IgnoreRequest), which reach the
    request's errback with the URL.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedirectGuardMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get(b"Location")
        if response.status not in REDIRECT_STATUSES or not location:
            return response
        target = safe_url_string(urljoin(request.url, location.decode("latin-1")))
        spider = self.crawler.spider
        hosts = getattr(spider, "site_hosts", None)
        host = (urlsplit(target).hostname or "").lower()
        if hosts is not None and host not in hosts:
            raise OffsiteRedirect(f"redirect to another site: {target}")
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if canonicalize_url(target) in {canonicalize_url(u) for u in chain}:
            raise RedirectLoop(f"redirect loop back to {target} after {len(chain)} hop(s)")
        return response
