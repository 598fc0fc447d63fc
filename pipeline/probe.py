"""`rtes-pipeline probe`: a first, polite look at a site before the first real crawl.

It fetches robots.txt, the sitemap, the home page, a few listings and N detail pages (robots.txt
obeyed, DOWNLOAD_DELAY between requests), reads each page the way the crawl and the processing
would (the spider's page classification, `rtes_core.extract`'s extraction route) and prints, per
page, the kind found, the extraction route (Drupal fields, labels, fallback) and the record as it
would be published (short); then a verdict: "looks right", or what looks wrong. It publishes
nothing and writes nothing.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.errors import PipelineError

DEFAULT_PAGES = 5  # detail pages read
LISTINGS_WANTED = 3  # listing pages read
MAX_MENU_PAGES = 15  # navigation candidates tried while looking for listings
LISTING_ITEMS_SHOWN = 2  # records printed per listing page (the rest are counted)
PREVIEW_CHARS = 90  # characters of a text shown per record line
MAX_BODY_BYTES = 5 * 1024 * 1024  # a page larger than this is not read further
VERDICT_OK = "looks right"
RECORD_KINDS = ("resource", "article")  # the items that become rows of the resources table
# Record fields a resource page is expected to show (Drupal fields or labels).
RESOURCE_FIELDS = ("resource_type", "is_private")


@dataclass
class Fetched:
    """One page as the probe received it."""

    url: str  # final URL (after redirects)
    status: int
    content_type: str
    body: bytes


@dataclass
class Finding:
    """What the probe read on one page."""

    url: str
    kind: str  # the crawl's page kind: listing | detail | other
    lines: list[str] = field(default_factory=list)


@dataclass
class ProbeReport:
    """Everything the probe saw, and what looks wrong."""

    site_url: str
    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    requests: int = 0

    @property
    def verdict(self) -> str:
        """ "looks right", or the problems in one line."""
        return VERDICT_OK if not self.problems else "; ".join(self.problems)


class Client:
    """Polite GETs: robots.txt obeyed, a delay between requests, an honest user agent."""

    def __init__(self, site_url: str, delay: float, user_agent: str, timeout: float) -> None:
        self.site_url, self.delay, self.user_agent, self.timeout = (
            site_url,
            delay,
            user_agent,
            timeout,
        )
        self.robots = urllib.robotparser.RobotFileParser()
        self.requests = 0
        self._last = 0.0

    def get(self, url: str, obey: bool = True) -> Fetched | None:
        """The page at url, None when robots.txt forbids it; PipelineError when unreachable."""
        if obey and not self.robots.can_fetch(self.user_agent, url):
            return None
        wait = self._last + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self.requests += 1
        request = urllib.request.Request(
            url, headers={"User-Agent": self.user_agent, "Accept-Language": "fr"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                fetched = Fetched(
                    response.geturl(),
                    response.status,
                    response.headers.get("Content-Type", ""),
                    response.read(MAX_BODY_BYTES),
                )
        except urllib.error.HTTPError as exc:
            fetched = Fetched(
                exc.geturl() or url,
                exc.code,
                exc.headers.get("Content-Type", ""),
                exc.read(MAX_BODY_BYTES) if exc.fp else b"",
            )
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise PipelineError(f"could not reach {url}: {reason}") from exc
        finally:
            self._last = time.monotonic()
        return fetched


def _short(text: str | None) -> str:
    """A text cut for one line."""
    text = " ".join((text or "").split())
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"


def record_lines(occurrences: list) -> list[str]:
    """The records a page gives, as they would be published (short), one block per item: the
    body as the cleaning stage leaves it, with the reasons of what it removes."""
    from pipeline.clean import Cleaner  # the process stage's own cleaning, default settings
    from pipeline.config import DEFAULT_DEDUP

    cleaner = Cleaner(DEFAULT_DEDUP)
    lines = []
    for occ in occurrences:
        fields = occ.fields
        cleaned = cleaner.clean(occ.blocks, fields.get("summary"))
        body = cleaned.paragraphs
        removed = Counter(r.reason for r in cleaned.removed)
        lines.append(f"  - {occ.kind} via {occ.method}: {_short(occ.title)!r}")
        lines.append(
            f"      published {occ.published_date or 'UNPARSED'}"
            + (f", updated {occ.updated_date}" if getattr(occ, "updated_date", None) else "")
            + f" | type {fields.get('resource_type')!r} | private {fields.get('is_private')!r}"
            + f" | categories {fields.get('categories') or []}"
            + (f" | tags {occ.tags}" if getattr(occ, "tags", None) else "")
        )
        lines.append(
            f"      summary {_short(fields.get('summary'))!r} | documents "
            f"{len(fields.get('documents') or [])} | body {len(body)} paragraphs: "
            f"{_short(body[0] if body else '')!r}"
        )
        if removed:
            lines.append(
                "      removed: "
                + ", ".join(f"{n} {reason}" for reason, n in sorted(removed.items()))
            )
    return lines


def _response(fetched: Fetched, via_nav: bool):  # noqa: ANN202 (a Scrapy HtmlResponse)
    """The page as a Scrapy response, for the spider's own reading of it."""
    import scrapy
    from scrapy.http import HtmlResponse

    request = scrapy.Request(fetched.url, meta={"via": "nav"} if via_nav else {})
    return HtmlResponse(
        fetched.url,
        status=fetched.status,
        body=fetched.body,
        headers={"Content-Type": fetched.content_type or "text/html"},
        request=request,
    )


def probe(
    site_url: str,
    pages: int = DEFAULT_PAGES,
    *,
    delay: float | None = None,
    out: Callable[[str], None] = print,
) -> ProbeReport:
    """Probe the site and print what it finds; the report holds the verdict."""
    from spiders.runner import validate_site_url

    try:
        site_url = validate_site_url(site_url)
    except ValueError as exc:
        raise PipelineError(str(exc)) from exc
    if pages < 1:
        raise PipelineError(f"--pages must be 1 or more, got {pages}")
    prober = Prober(site_url, delay, out)
    sitemap_paths = prober.sitemap_paths()
    home = prober.read(site_url + "/", via_nav=True)
    if home is None:
        prober.report.problems.append("the home page did not answer 200 HTML")
    detail_urls = prober.listing_items(prober.nav_candidates(home))
    listing_set = set(prober.spider.listing_paths)
    detail_urls += [site_url + p for p in sitemap_paths if p not in listing_set and p != "/"]
    details = [
        seen
        for url in list(dict.fromkeys(detail_urls))[:pages]
        if (seen := prober.read(url, via_nav=False)) is not None
    ]
    if not details:
        prober.report.problems.append("no detail page could be read")
    judge(details, prober.report)
    prober.report.requests = prober.client.requests
    out(f"{prober.client.requests} requests. Verdict: {prober.report.verdict}")
    return prober.report


class Prober:
    """One probe's polite client, the spider's rules (classification, links) and its findings."""

    def __init__(self, site_url: str, delay: float | None, out: Callable[[str], None]) -> None:
        from spiders import settings
        from spiders.runner import is_loopback
        from spiders.spiders.rtes import RtesSpider

        pause = (
            (0.0 if is_loopback(site_url) else settings.DOWNLOAD_DELAY) if delay is None else delay
        )
        self.site_url, self.out = site_url, out
        self.client = Client(site_url, pause, settings.USER_AGENT, settings.DOWNLOAD_TIMEOUT)
        self.spider = RtesSpider(
            site_url=site_url,
            listing_paths=settings.LISTING_PATHS,
            site_aliases=settings.SITE_ALIASES,
        )
        self.report = ProbeReport(site_url)

    def sitemap_paths(self) -> list[str]:
        """robots.txt read (and obeyed from now on), then the paths its sitemaps list."""
        from rtes_core.incremental import sitemap_entries

        robots = self.client.get(self.site_url + "/robots.txt", obey=False)
        robots_text = (
            robots.body.decode("utf-8", "replace") if robots and robots.status == 200 else ""
        )
        self.client.robots.parse(robots_text.splitlines())
        sitemaps = self.client.robots.site_maps() or [self.site_url + "/sitemap.xml"]
        status = robots.status if robots else "-"
        self.out(f"robots.txt: HTTP {status}; sitemaps: {', '.join(sitemaps)}")
        paths: list[str] = []
        for url in sitemaps[:2]:
            fetched = self.client.get(self.spider.site_link(url, self.site_url) or url)
            if fetched is not None and fetched.status == 200:
                paths += list(sitemap_entries(fetched.body.decode("utf-8", "replace")))
        self.out(f"sitemap: {len(paths)} URLs" if paths else "sitemap: none usable")
        return paths

    def read(self, url: str, via_nav: bool) -> tuple[str, list, object] | None:
        """Fetch one page, say what it is and what it gives."""
        from rtes_core.extract import occurrences_from_html

        fetched = self.client.get(url)
        if fetched is None:
            self.out(f"[skipped] {url}: robots.txt forbids it")
            return None
        if fetched.status != 200 or "html" not in fetched.content_type:
            self.out(f"[HTTP {fetched.status}] {url} ({fetched.content_type or 'no type'})")
            return None
        response = _response(fetched, via_nav)
        kind = self.spider.classify(response)
        occurrences = (
            occurrences_from_html(response.text, fetched.url, kind) if kind != "other" else []
        )
        shown = occurrences[:LISTING_ITEMS_SHOWN] if kind == "listing" else occurrences
        finding = Finding(fetched.url, kind, record_lines(shown))
        self.report.findings.append(finding)
        moved = f" (from {url})" if fetched.url != url else ""
        self.out(f"[{kind}] {fetched.url}{moved}: {len(occurrences)} item(s)")
        for line in finding.lines:
            self.out(line)
        return kind, occurrences, response

    def nav_candidates(self, home: tuple[str, list, object] | None) -> list[str]:
        """Node and term links of the home page, then the LISTING_PATHS hints."""
        candidates: list[str] = []
        if home is not None:
            response = home[2]
            for href in response.xpath("//body//a/@href").getall():
                url = self.spider.site_link(href, response.url)
                if (
                    url
                    and url not in candidates
                    and url.rstrip("/") != self.site_url
                    and (self.spider.is_node_link(url) or "/taxonomy/term/" in url)
                ):
                    candidates.append(url)
        hints = [self.site_url + p for p in sorted(self.spider.listing_hints)]
        return candidates + [url for url in hints if url not in candidates]

    def listing_items(self, candidates: list[str]) -> list[str]:
        """Detail URLs of the first listings of resources or articles among the candidates."""
        from spiders.spiders.rtes import listing_items

        listings, detail_urls = 0, []
        for url in candidates[:MAX_MENU_PAGES]:
            if listings >= LISTINGS_WANTED:
                break
            seen = self.read(url, via_nav=True)
            if seen is None or seen[0] != "listing":
                continue
            if not any(occ.kind in RECORD_KINDS for occ in seen[1]):
                continue  # a listing of member collectivités, not of the resource library
            listings += 1
            detail_urls += [u for u in listing_items(seen[2], self.spider) if u not in detail_urls]
        if listings == 0:
            self.report.problems.append(
                "no listing of resources or articles found (home navigation, LISTING_PATHS hints)"
            )
        return detail_urls


def judge(details: list, report: ProbeReport) -> None:
    """What looks wrong on the detail pages: fallback extraction, fields missing, dates unparsed."""
    items = [occ for _, occurrences, _ in details for occ in occurrences]
    fallback = sum(1 for occ in items if occ.method == "fallback")
    if fallback:
        report.problems.append(
            f"fallback extraction used on {fallback} of {len(details)} detail "
            "pages (the template was not recognised)"
        )
    resources = [occ for occ in items if occ.kind == "resource"]
    missing = sum(1 for occ in resources if not all(f in occ.fields for f in RESOURCE_FIELDS))
    if missing:
        report.problems.append(
            f"fields missing on {missing} of {len(resources)} resources "
            f"(expected {', '.join(RESOURCE_FIELDS)})"
        )
    records = [occ for occ in items if occ.kind in RECORD_KINDS]
    if details and not records:
        report.problems.append("no resource or article read on the detail pages")
    undated = sum(1 for occ in records if occ.published_date is None)
    if undated:
        report.problems.append(f"dates unparsed on {undated} of {len(records)} records")
