"""Run one RTES crawl from Python and judge it (Scrapy itself exits 0 on most failures).

`run_crawl` starts Twisted's reactor, which cannot be restarted: call it **once per process**.
Callers that need several crawls (tests, orchestrators) run each in a subprocess, e.g.
``python -c "from spiders.runner import run_crawl; ..."`` or ``python -m spiders.runner URL DIR``.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rtes_core.units import format_mb
from spiders.pipelines import CRAWL_ID_PATTERN, raw_dir, staging_dir
from spiders.progress import BYTES_STAT

# Host names that always mean "this machine" (crawled without politeness delays).
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})
# Settings applied when the target is on this machine (the offline mirror, test servers).
LOOPBACK_OVERRIDES: dict[str, Any] = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
}
# Stats keys counted by the spider, one per kind of stored response.
PAGE_KINDS = ("listing", "detail", "other", "sitemap", "document", "non_html", "http_error")
# Where the crawl's full Scrapy log goes: DATA_DIR/logs/<crawl_id>-crawl.log (see
# pipeline/runlog.py).
LOGS_DIR = "logs"
# Listing pages named in the failure of a crawl whose listings held no resource link.
LISTED_EMPTY_LISTINGS = 5
# A full crawl fails when more than this share of its listing pages held no resource link: a
# real category page is rarely empty (Drupal clamps ?page= past the end to the last page), so
# many empty ones mean the listing markup changed and the crawl cannot vouch for the site.
MAX_EMPTY_LISTING_SHARE = 0.25
# Set once a crawl has run in this process (Twisted's reactor cannot run twice).
_REACTOR_USED = False


@dataclass
class CrawlOutcome:
    """What a crawl produced and whether it can be trusted."""

    crawl_id: str
    raw_dir: Path | None  # the published raw partition, None when nothing was published
    stats: dict[str, Any] = field(default_factory=dict)
    ok: bool = False
    failure: str | None = None  # why the crawl is not ok, in one sentence


def validate_site_url(site_url: str) -> str:
    """The site URL without trailing slash; ValueError with a clear message when unusable."""
    parts = urlsplit(site_url or "")
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(
            f"site_url must be an http:// or https:// URL with a host name, got {site_url!r}"
            " (example: https://www.rtes.fr or http://127.0.0.1:8000)"
        )
    if parts.path not in {"", "/"} or parts.query or parts.fragment:
        raise ValueError(f"site_url must be the site root (scheme and host only), got {site_url!r}")
    try:
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as exc:
        raise ValueError(f"site_url has an invalid port: {site_url!r}") from exc
    return f"{parts.scheme}://{parts.netloc}"


def is_loopback(site_url: str) -> bool:
    """True when the site is served from this machine (127.0.0.0/8, ::1, localhost)."""
    host = (urlsplit(site_url).hostname or "").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def new_crawl_id(now: datetime | None = None) -> str:
    """A crawl id from the UTC time, like "20261127T143000Z"."""
    return (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")


def crawl_settings(
    site_url: str,
    data_dir: Path,
    crawl_id: str,
    settings_overrides: dict[str, Any] | None = None,
) -> Any:
    """Project settings plus this crawl's target, output and (for loopback) speed overrides."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "spiders.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    overrides: dict[str, Any] = {
        "SITE_URL": site_url,
        "DATA_DIR": str(data_dir),
        "CRAWL_ID": crawl_id,
    }
    if is_loopback(site_url):
        overrides.update(LOOPBACK_OVERRIDES)
    overrides.update(settings_overrides or {})
    settings.setdict(overrides, priority="cmdline")
    return settings


def crawl_log_path(data_dir: Path, crawl_id: str) -> Path:
    """DATA_DIR/logs/<crawl_id>-crawl.log, the crawl's whole Scrapy log."""
    return Path(data_dir) / LOGS_DIR / f"{crawl_id}-crawl.log"


def _log_settings(data_dir: Path, crawl_id: str, verbose: bool) -> dict[str, Any]:
    """Scrapy's log to the crawl's log file; the progress display on the terminal unless verbose."""
    path = crawl_log_path(data_dir, crawl_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    return {"LOG_FILE": str(path), "LOG_FILE_APPEND": False, "RTES_PROGRESS": not verbose}


def _echo_log_to_terminal(settings: Any) -> None:
    """-v: the whole log on stderr too, formatted as in the file (beside Scrapy's file handler)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        logging.Formatter(settings.get("LOG_FORMAT"), settings.get("LOG_DATEFORMAT"))
    )
    handler.setLevel(settings.get("LOG_LEVEL"))
    logging.root.addHandler(handler)


def run_crawl(
    site_url: str,
    data_dir: Path,
    crawl_id: str | None = None,
    settings_overrides: dict[str, Any] | None = None,
    verbose: bool = False,
) -> CrawlOutcome:
    """Crawl `site_url` into `data_dir/raw/crawl_id=<id>/` and say whether the crawl is usable.

    Once per process, from the main thread (Twisted's reactor is not restartable and Scrapy
    installs signal handlers): run further crawls in subprocesses. ValueError for a bad
    `site_url` or `crawl_id`, or when that crawl was already published.
    """
    site_url = validate_site_url(site_url)
    crawl_id = crawl_id or new_crawl_id()
    data_dir = Path(data_dir)
    target = _new_target(data_dir, crawl_id)
    _claim_reactor()
    from scrapy.crawler import CrawlerProcess

    from spiders.spiders.rtes import RtesSpider

    settings = crawl_settings(
        site_url,
        data_dir,
        crawl_id,
        {**_log_settings(data_dir, crawl_id, verbose), **(settings_overrides or {})},
    )
    process = CrawlerProcess(settings)
    if verbose:
        _echo_log_to_terminal(settings)
    crawler = process.create_crawler(RtesSpider)
    process.crawl(crawler)
    process.start()

    stats = dict(crawler.stats.get_stats()) if _has_stats(crawler) else {}
    failure = judge(stats, site_url, settings.getlist("LISTING_PATHS"))
    if failure is None and getattr(process, "bootstrap_failed", False):
        failure = f"the crawl failed to start (see {crawl_log_path(data_dir, crawl_id)})"
    published = target if stats.get("rtes/raw/published") == 1 and target.is_dir() else None
    if failure is None and published is None:
        reason = stats.get("rtes/raw/not_published_reason", "unknown reason")
        failure = (
            f"raw layer not published ({reason}); staging kept at {staging_dir(data_dir, crawl_id)}"
        )
    return CrawlOutcome(
        crawl_id=crawl_id, raw_dir=published, stats=stats, ok=failure is None, failure=failure
    )


def _new_target(data_dir: Path, crawl_id: str) -> Path:
    """The raw partition this crawl will publish; ValueError for a bad or already used id."""
    if not CRAWL_ID_PATTERN.match(crawl_id):
        raise ValueError(f"crawl_id must match {CRAWL_ID_PATTERN.pattern}, got {crawl_id!r}")
    target = raw_dir(data_dir, crawl_id)
    if target.exists():
        raise ValueError(f"crawl {crawl_id!r} already has a raw partition: {target}")
    return target


def _claim_reactor() -> None:
    """Twisted's reactor runs once per process: a second crawl here is a programming error."""
    global _REACTOR_USED
    if _REACTOR_USED:
        raise RuntimeError(
            "run_crawl() already ran in this process and Twisted's reactor cannot restart:"
            " run each crawl in its own subprocess"
        )
    _REACTOR_USED = True


def judge(stats: dict[str, Any], site_url: str, listing_paths: list[str]) -> str | None:
    """The reason a finished crawl is not usable, None when it is."""
    if not stats:
        return "the crawl failed to start (no stats; see the log above)"
    reason = stats.get("finish_reason")
    pages = sum(int(stats.get(f"rtes/pages/{kind}", 0)) for kind in PAGE_KINDS)
    if pages == 0 or reason == "site_unreachable":
        error = stats.get("rtes/errors/first_download_error")
        if error:
            return f"could not reach {site_url}: {error}"
        if stats.get("robotstxt/forbidden"):
            return f"robots.txt of {site_url} forbids every page the crawl tried"
        return f"no pages were stored from {site_url}"
    if reason != "finished":
        return f"the crawl stopped early (finish_reason={reason})"
    if stats.get("rtes/incremental/strategy") == "sitemap":
        # an incremental crawl from the sitemap reads no listing: the sitemap is its entry point
        return (
            None if stats.get("rtes/pages/sitemap") else f"the sitemap of {site_url} did not answer"
        )
    if not stats.get("rtes/pages/listing"):
        return f"no listing page answered 200 (tried {', '.join(listing_paths)} on {site_url})"
    # The listings are the crawl's map of the site: when none of them held a resource link, the
    # pages found through other links cannot stand for the whole site (removals would be inferred).
    empty = sorted(set(stats.get("rtes/coverage/listings_without_resource_links") or []))
    too_many = len(empty) > MAX_EMPTY_LISTING_SHARE * int(stats.get("rtes/pages/listing", 0))
    if (
        stats.get("rtes/incremental/strategy") == "full"
        and empty
        and (too_many or not stats.get("rtes/pages/detail"))
    ):
        shown = ", ".join(empty[:LISTED_EMPTY_LISTINGS]) + (
            " …" if len(empty) > LISTED_EMPTY_LISTINGS else ""
        )
        return (
            f"the listings answered but held no resource link ({len(empty)} listing pages: {shown}); "
            "the site's listing markup may have changed"
        )
    return None


def format_summary(outcome: CrawlOutcome) -> str:
    """One line for humans: pages by kind, errors, bytes, where the raw layer is."""
    stats = outcome.stats
    kinds = ", ".join(f"{kind} {int(stats.get(f'rtes/pages/{kind}', 0))}" for kind in PAGE_KINDS)
    failed = int(stats.get("rtes/requests/failed", 0))
    where = str(outcome.raw_dir) if outcome.raw_dir else "not published"
    verdict = "OK" if outcome.ok else f"FAILED: {outcome.failure}"
    return (
        f"crawl {outcome.crawl_id} {verdict} | pages: {kinds} | download failures {failed}"
        f" | {format_mb(network_bytes(stats))} received | raw: {where}"
    )


def network_bytes(stats: dict[str, Any]) -> int:
    """Body bytes received from the network: the spider's own count, the one every report uses
    (Scrapy's downloader/response_bytes also counts what its HTTP cache hands back)."""
    return int(stats.get(BYTES_STAT, stats.get("downloader/response_bytes", 0)) or 0)


def _has_stats(crawler: Any) -> bool:
    """True when the crawler got far enough to create its stats collector."""
    try:
        return crawler.stats is not None
    except AttributeError:
        return False


def main(argv: list[str] | None = None) -> int:
    """`python -m spiders.runner SITE_URL DATA_DIR [CRAWL_ID]`: crawl, print the summary."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in {2, 3}:
        print("usage: python -m spiders.runner SITE_URL DATA_DIR [CRAWL_ID]", file=sys.stderr)
        return 2
    outcome = run_crawl(args[0], Path(args[1]), args[2] if len(args) == 3 else None)
    print(format_summary(outcome))
    return 0 if outcome.ok else 1


if __name__ == "__main__":
    sys.exit(main())
