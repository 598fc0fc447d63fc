"""What a crawl shows while it runs, and how fast it gives up on a site it cannot reach.

- `CrawlProgress` (extension): one live progress display on a terminal (rich: pages done of
  pages known, MB, errors, rate, ETA), a short plain line every PLAIN_EVERY_SECONDS otherwise;
  the full Scrapy log goes to the log file (spiders.runner), so the terminal stays short.
- `UnreachableSiteGuard` (downloader middleware): before the site has answered once, a
  connection-level failure (DNS, refused, no route) is not retried, and the second one (robots.txt
  and the first listing) closes the crawl as `site_unreachable`: decided in seconds, not after
  4 DNS retries per URL.
- `CrawlDelay` (extension): robots.txt's Crawl-delay for our user agent raises the download
  delay (Scrapy parses it with Protego but does not apply it).
"""

from __future__ import annotations

import sys
import time
from typing import Any

from scrapy import signals
from scrapy.exceptions import CannotResolveHostError, DownloadConnectionRefusedError, NotConfigured
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import _schedule_coro  # what Scrapy's own CloseSpider uses
from twisted.internet.error import (
    ConnectError,
    ConnectionRefusedError,
    DNSLookupError,
    NoRouteError,
)

from rtes_core.units import format_mb

# Failures that mean "nothing is listening there" rather than "this page is broken" (Scrapy 2.19
# wraps Twisted's in its own exceptions; both are listed for other download handlers).
UNREACHABLE_ERRORS = (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DNSLookupError,
    ConnectionRefusedError,
    NoRouteError,
    ConnectError,
)
# Connection failures, before any answer from the site, that end the crawl (robots.txt + first
# listing).
UNREACHABLE_FAILURES_TO_STOP = 2
# Off a terminal (a pipe, a cron mail): a plain progress line after 30 s, then twice as far apart
# each time up to every 10 min, so an hour-long crawl of the real site writes about 9 lines.
PLAIN_EVERY_SECONDS = 30.0
PLAIN_EVERY_MAX_SECONDS = 600.0
REFRESH_SECONDS = 0.5  # redraw interval of the terminal display
BYTES_STAT = "rtes/bytes/network"  # the spider's own count of body bytes received from the network


class CrawlProgress:
    """Counts requests known and done, bytes and errors, and shows them while the crawl runs."""

    def __init__(self, crawler: Any, stream: Any = None) -> None:
        self.crawler = crawler
        self.stream = stream or sys.stderr
        self.known = 0
        self.responses = 0
        self.started = time.monotonic()
        self.last_plain = self.started
        self.plain_every = PLAIN_EVERY_SECONDS
        self.live = None  # rich Progress on a terminal
        self.task = None
        self.timer = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlProgress:
        if not crawler.settings.getbool("RTES_PROGRESS"):
            raise NotConfigured
        ext = cls(crawler)
        crawler.signals.connect(ext.on_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(ext.on_dropped, signal=signals.request_dropped)
        crawler.signals.connect(ext.on_response, signal=signals.response_received)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def _stat(self, key: str) -> int:
        return int(self.crawler.stats.get_value(key, 0) or 0)

    def counts(self) -> tuple[int, int, int, int]:
        """(done, known, bytes, errors): a request is done when answered, failed for good or retried."""
        failed = self._stat("rtes/requests/failed")
        done = self.responses + failed + self._stat("retry/count")
        errors = failed + sum(
            v
            for k, v in self.crawler.stats.get_stats().items()
            if k.startswith("rtes/errors/") and isinstance(v, int)
        )
        return min(done, self.known), max(self.known, done), self._stat(BYTES_STAT), errors

    def on_scheduled(self, request: Any, **_: Any) -> None:
        self.known += 1

    def on_dropped(self, request: Any, **_: Any) -> None:
        self.known -= 1

    def on_response(self, response: Any, request: Any, **_: Any) -> None:
        if request.meta.get("dont_obey_robotstxt"):  # robots.txt is never scheduled: not a page
            return
        self.responses += 1

    def opened(self, spider: Any) -> None:
        if self.stream.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.live = Progress(
                TextColumn("crawl"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(
                    "pages  {task.fields[mb]}  {task.fields[errors]} errors  {task.fields[rate]}/s"
                ),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            self.task = self.live.add_task(
                "crawl", total=None, mb=format_mb(0), errors=0, rate="0.0"
            )
            self.live.start()
        self._schedule()

    def _schedule(self) -> None:
        self.timer = call_later(REFRESH_SECONDS, self.tick)

    def tick(self) -> None:
        done, known, size, errors = self.counts()
        elapsed = max(time.monotonic() - self.started, 1e-6)
        if self.live is not None:
            self.live.update(
                self.task,
                completed=done,
                total=known,
                mb=format_mb(size),
                errors=errors,
                rate=f"{done / elapsed:.1f}",
            )
        elif time.monotonic() - self.last_plain >= self.plain_every:
            self.last_plain = time.monotonic()
            self.plain_every = min(self.plain_every * 2, PLAIN_EVERY_MAX_SECONDS)
            print(
                f"crawl: {done} of {known} pages, {format_mb(size)}, {errors} errors, "
                f"{elapsed:.0f} s",
                file=self.stream,
                flush=True,
            )
        self._schedule()

    def closed(self, spider: Any, reason: str) -> None:
        if self.timer is not None and hasattr(self.timer, "cancel"):
            try:
                self.timer.cancel()
            except Exception:  # noqa: BLE001 - already fired
                pass
        if self.live is not None:
            self.live.stop()


class UnreachableSiteGuard:
    """Stop early, without retries, when the site does not answer at all."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.answered = False
        self.failures = 0

    @classmethod
    def from_crawler(cls, crawler: Any) -> UnreachableSiteGuard:
        return cls(crawler)

    def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:
        self.answered = True  # any answer, even a 404, means the site is there
        return response

    def process_exception(self, request: Any, exception: Exception, spider: Any = None) -> None:
        if self.answered or not isinstance(exception, UNREACHABLE_ERRORS):
            return None
        request.meta["dont_retry"] = True  # RetryMiddleware (550) runs after us (580) on exceptions
        self.failures += 1
        stats = self.crawler.stats
        if stats.get_value("rtes/errors/first_download_error") is None:
            stats.set_value(
                "rtes/errors/first_download_error",
                f"{type(exception).__name__}: {exception}".strip(),
            )
        if self.failures == UNREACHABLE_FAILURES_TO_STOP:
            _schedule_coro(self.crawler.engine.close_spider_async(reason="site_unreachable"))
        return None


class CrawlDelay:
    """Apply robots.txt's Crawl-delay (for our user agent) as the minimum delay between requests."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlDelay:
        if not crawler.settings.getbool("ROBOTSTXT_CRAWL_DELAY_OBEY"):
            raise NotConfigured
        ext = cls(crawler)
        crawler.signals.connect(ext.robots_parsed, signal=signals.robots_parsed)
        return ext

    def robots_parsed(self, robotparser: Any, request: Any, **_: Any) -> None:
        agent = self.crawler.settings.get("ROBOTSTXT_USER_AGENT") or self.crawler.settings.get(
            "USER_AGENT"
        )
        delay = robotparser.crawl_delay(agent)
        if not delay or delay <= self.crawler.settings.getfloat("DOWNLOAD_DELAY"):
            return
        delay = min(float(delay), self.crawler.settings.getfloat("ROBOTSTXT_CRAWL_DELAY_MAX"))
        self.crawler.stats.set_value("rtes/robots/crawl_delay", delay)
        _, slot = self.crawler.engine.downloader._get_slot(request)  # noqa: SLF001 - no public setter
        slot.delay = max(slot.delay, delay)
        for ext in self.crawler.extensions.middlewares:  # AutoThrottle must not go below it either
            if hasattr(ext, "mindelay"):
                ext.mindelay = max(ext.mindelay, delay)
