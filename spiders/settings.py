"""Scrapy settings for the RTES crawl: polite defaults for the real site.

Every tunable reads the environment first (``os.getenv(KEY, default)``), so a one-off change is
``SITE_URL=http://127.0.0.1:8000 scrapy crawl rtes`` or ``scrapy crawl rtes -s KEY=value``;
there are no per-environment copies of this file. ``spiders.runner.run_crawl`` layers its own
overrides on top (and crawls loopback targets without delays).

See https://docs.scrapy.org/en/latest/topics/settings.html
"""

from __future__ import annotations

import os
from datetime import UTC, datetime


def _env_str(key: str, default: str) -> str:
    """String setting from the environment, else the default."""
    return os.getenv(key, default)


def _env_int(key: str, default: int) -> int:
    """Integer setting from the environment, else the default."""
    return int(os.getenv(key, str(default)))


def _env_float(key: str, default: float) -> float:
    """Float setting from the environment, else the default."""
    return float(os.getenv(key, str(default)))


def _env_bool(key: str, default: bool) -> bool:
    """Boolean setting from the environment ("1", "true", "yes", "on"), else the default."""
    value = os.getenv(key)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(key: str, default: list[str]) -> list[str]:
    """Comma-separated list setting from the environment, else the default."""
    value = os.getenv(key)
    if value is None:
        return list(default)
    return [part.strip() for part in value.split(",") if part.strip()]


BOT_NAME = "rtes"

SPIDER_MODULES = ["spiders.spiders"]
NEWSPIDER_MODULE = "spiders.spiders"

# --- What to crawl (project settings) -------------------------------------------------------

# Root of the site; the crawl never leaves this host (nor its www./bare twin).
SITE_URL = _env_str("SITE_URL", "https://www.rtes.fr")
# Extra host names whose absolute links are treated as SITE_URL and rewritten onto it, over
# http or https: the public site's hosts, so that a copy of the site served elsewhere (the
# offline mirror, a staging host) whose pages link to https://www.rtes.fr/… or
# http://rtes.fr/… is crawled as one site.
SITE_ALIASES = _env_list("SITE_ALIASES", ["www.rtes.fr", "rtes.fr"])
# Listing hints: requested at the start and read as listings when they answer. They are not
# the map: the crawl discovers the category listings from the home page's navigation, term
# links (/taxonomy/term/N) and the sitemap, and reads from each page whether it is a listing
# (a pager, item title links, Drupal's term shortlink). Category term pages of the real site
# seen in its public copies; paginated with ?page=N, 0-based.
LISTING_PATHS = _env_list(
    "LISTING_PATHS",
    [
        "/retours-sur-les-journees-d-echanges",
        "/retours-sur-les-formations",
        "/cooperation-economique-ptce-scic-communs",
        "/coconstruction-modes-de-contractualisation-subventions-marches-publicssieg",
    ],
)
# Pagination bound per listing: pages ?page=0 .. ?page=MAX_LISTING_PAGES-1 are fetched.
MAX_LISTING_PAGES = _env_int("MAX_LISTING_PAGES", 200)

# --- Where the raw layer goes ---------------------------------------------------------------

# "full": every listing page, resource and attachment; "incremental": only what changed since
# the runs recorded in CRAWL_STATE (sitemap lastmod first, else every listing newest-first).
CRAWL_MODE = _env_str("CRAWL_MODE", "full")
# JSON crawl state of earlier runs (rtes_core/incremental.py writes it after each published run).
CRAWL_STATE = _env_str("CRAWL_STATE", "")
# One more listing hint (older setting; the listing strategy of an incremental crawl walks
# every listing it finds newest-first, not one main listing).
MAIN_LISTING_PATH = _env_str("MAIN_LISTING_PATH", "")
# Download the attachments of each resource page (PDFs under /sites/default/files/): they carry
# HTTP validators, so later runs revalidate them with conditional requests (304) for free.
FETCH_DOCUMENTS = _env_bool("FETCH_DOCUMENTS", True)
# Keep each attachment's bytes, once per content, in DATA_DIR/document_files/
# (rtes_core/document_store.py):
# the documents stage extracts their text.
STORE_DOCUMENTS = _env_bool("STORE_DOCUMENTS", True)

# The site is French; ask for French pages.
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "fr",
}

# Dataset root; the raw layer lands in DATA_DIR/raw/crawl_id=<CRAWL_ID>/.
DATA_DIR = _env_str("DATA_DIR", "datasets")
# One id per crawl (UTC start time by default); it names the raw partition.
CRAWL_ID = _env_str("CRAWL_ID", datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"))
# Rows buffered before a Parquet part file is written.
RAW_BATCH_ROWS = _env_int("RAW_BATCH_ROWS", 200)
# Set to false to crawl without writing anything (the writer raises NotConfigured).
RAW_WRITER_ENABLED = _env_bool("RAW_WRITER_ENABLED", True)

ITEM_PIPELINES = {
    "spiders.pipelines.RawPageWriter": 300,
}

# --- Politeness -----------------------------------------------------------------------------

# Crawl responsibly by identifying yourself (and the project) on the user-agent: the URL is where
# the site's administrators find who crawls and how to reach them. Set USER_AGENT to your own
# contact (a page or a mailto: address) when you run the crawl for your organisation.
PROJECT_URL = _env_str("PROJECT_URL", "https://github.com/rtes-pipeline/rtes-pipeline")
USER_AGENT = _env_str(
    "USER_AGENT", f"rtes-pipeline/0.1 (+{PROJECT_URL}; dataset of the RTES resource library)"
)
# Obey robots.txt rules (robots.txt itself is never stored in the raw layer).
ROBOTSTXT_OBEY = _env_bool("ROBOTSTXT_OBEY", True)
# Obey robots.txt's Crawl-delay for our user agent (Protego parses it; Scrapy does not apply it:
# spiders.progress.CrawlDelay raises the download delay to it), capped so a typo cannot stall a run.
ROBOTSTXT_CRAWL_DELAY_OBEY = _env_bool("ROBOTSTXT_CRAWL_DELAY_OBEY", True)
ROBOTSTXT_CRAWL_DELAY_MAX = _env_float("ROBOTSTXT_CRAWL_DELAY_MAX", 60.0)

# One request at a time on average, adapting to the server's latency.
# See https://docs.scrapy.org/en/latest/topics/autothrottle.html
AUTOTHROTTLE_ENABLED = _env_bool("AUTOTHROTTLE_ENABLED", True)
AUTOTHROTTLE_START_DELAY = _env_float("AUTOTHROTTLE_START_DELAY", 1.0)
AUTOTHROTTLE_MAX_DELAY = _env_float("AUTOTHROTTLE_MAX_DELAY", 30.0)
AUTOTHROTTLE_TARGET_CONCURRENCY = _env_float("AUTOTHROTTLE_TARGET_CONCURRENCY", 1.0)

CONCURRENT_REQUESTS_PER_DOMAIN = _env_int("CONCURRENT_REQUESTS_PER_DOMAIN", 2)
# Seconds between requests to the site (AutoThrottle never goes below it).
DOWNLOAD_DELAY = _env_float("DOWNLOAD_DELAY", 1.0)
DOWNLOAD_TIMEOUT = _env_float("DOWNLOAD_TIMEOUT", 30)
# Refuse bodies over 20 MB (we only fetch HTML pages; documents are not downloaded).
DOWNLOAD_MAXSIZE = _env_int("DOWNLOAD_MAXSIZE", 20 * 1024 * 1024)
# Log a warning for bodies over 5 MB (a Drupal page is ~50 kB: something odd is being served).
DOWNLOAD_WARNSIZE = _env_int("DOWNLOAD_WARNSIZE", 5 * 1024 * 1024)

# --- Robustness -----------------------------------------------------------------------------

RETRY_ENABLED = _env_bool("RETRY_ENABLED", True)
RETRY_TIMES = _env_int("RETRY_TIMES", 3)
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Exponential backoff before each retry: BASE, 2×BASE, 4×BASE… seconds, at most MAX
# (spiders.middlewares.RetryBackoffMiddleware; Scrapy 2.19 retries at once).
RETRY_BACKOFF_BASE = _env_float("RETRY_BACKOFF_BASE", 2.0)
RETRY_BACKOFF_MAX = _env_float("RETRY_BACKOFF_MAX", 60.0)
# Stop redirect loops (A -> B -> A would end silently in the duplicate filter) and redirects
# to other sites before RedirectMiddleware (600) follows them; back off before retries.
# UnreachableSiteGuard (580) sees a connection failure before RetryMiddleware (550) retries it.
DOWNLOADER_MIDDLEWARES = {
    "spiders.progress.UnreachableSiteGuard": 580,
    "spiders.middlewares.RetryBackoffMiddleware": 560,
    "spiders.middlewares.RedirectGuardMiddleware": 650,
}
# Stop a broken spider (exceptions in callbacks) instead of limping on all night.
CLOSESPIDER_ERRORCOUNT = _env_int("CLOSESPIDER_ERRORCOUNT", 20)

# Scrapy 2.19 has no REQUEST_FINGERPRINTER_IMPLEMENTATION any more: its default
# fingerprinter (REQUEST_FINGERPRINTER_CLASS) is the current one, so nothing to set.

# --- Operations -----------------------------------------------------------------------------

# No control ports: neither the telnet console nor Scrapy 2.19's remote-control HTTP server
# (on by default, it listens on a local port for the whole crawl).
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = _env_bool("REMOTE_CONTROL_ENABLED", False)
LOG_LEVEL = _env_str("LOG_LEVEL", "INFO")
# Scrapy's "Crawled N pages" line, in the log file only (the terminal has spiders.progress).
LOGSTATS_INTERVAL = _env_float("LOGSTATS_INTERVAL", 60.0)
# The terminal progress display (spiders.runner turns it on unless -v shows the full log).
RTES_PROGRESS = _env_bool("RTES_PROGRESS", False)
EXTENSIONS = {
    "spiders.progress.CrawlProgress": 500,
    "spiders.progress.CrawlDelay": 500,
}
# Future-proof value for a setting whose default is deprecated.
FEED_EXPORT_ENCODING = "utf-8"
