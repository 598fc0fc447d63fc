"""Fault modes of the mirror: chosen pages misbehave, deterministically (`mirror serve --faults`).

`faulty_router(plan)` wraps `routes.route`; `plan_faults(site, names)` decides which pages fail,
and `fault_truth_records(site, plan)` says what a correct crawler can still recover.

Which pages: the targets are drawn with `random.Random(f"{seed}:faults:{resources}")` among the
public resources that no other body links to as `/node/<nid>` (so each faulty page has exactly
one URL), one distinct resource per resource fault, none of them on the listing page that
`http_503_permanent` breaks. Every target stays linked from the listings and the sitemap, so a
crawler meets it.

| fault                   | what the mirror does                                                   |
|-------------------------|------------------------------------------------------------------------|
| http_500_transient      | detail page answers 500 to its first 2 requests, then 200              |
| http_503_permanent      | 2 detail pages and 1 category listing page always answer 503; the     |
|                         | second resource appears on no other listing page, so it is lost        |
| slow                    | detail page answers after `slow_seconds` (default 35 s > 30 s timeout) |
| dropped_connection      | detail page: headers and half the body, then the connection closes     |
| truncated_html          | detail page: a complete 200 whose HTML stops halfway (no </html>)      |
| malformed_html          | detail page without </p> and </li>, unquoted attributes, stray end tags|
| cp1252_declared         | detail page in Windows-1252, declared in the header and a meta tag     |
| latin1_meta             | detail page in ISO-8859-1, declared only in a meta http-equiv          |
| cp1252_undeclared       | detail page in Windows-1252, declared nowhere                          |
| oversize                | detail page of `OVERSIZE_BYTES` (over the crawler's 20 MB limit)       |
| non_html                | detail page (an HTML-looking URL) served as application/pdf            |
| redirect_loop           | /slug -> 302 /slug?boucle=1 -> 302 /slug                               |
| offsite_redirect        | detail page -> 301 to another domain                                   |
| offsite_links           | links to other hosts (and this host on another port) in <main> of     |
|                         | every listing page and of one detail page                              |
| mailto_javascript_links | mailto:, javascript:, tel:, ftp:, data: links, same places             |
| infinite_pagination     | one theme listing gets a mini pager whose "next" never ends; pages     |
|                         | past the last repeat the last page (Drupal clamps ?page=)              |
| empty_200               | detail page: 200 with an empty body                                    |
| changed_markup          | detail page: only an <h1> and the body paragraphs in generic divs (no  |
|                         | field classes, no labels); head links (canonical, shortlink) kept      |
| hostile_page (opt-in,   | detail page whose title (1 MB) and body carry <script>, onerror=,      |
| not in "all")           | javascript: and data: links: our HTML pages must never run them        |

What is recoverable (the fault truth): every resource listed on a page that answers, because
listing pages render resources in full (title, body, fields; private ones without body and
documents). A detail page that fails (503, timeout, dropped, truncated, oversize, non-HTML,
redirect loop or off-site, empty) is simply not a source; the record is then built from the
listings and is identical. Changed markup is a source (generic extraction gives title and
body), its fields come from the listings, so its record is identical too. Only a resource whose
detail page and every listing page fail is lost. A private resource's detail page shows its
field block with the Résumé (as on the real site), so it loses nothing when its listings fail.
Pages past the end of the infinite listing repeat its last page: a crawler that stops when a page
repeats the previous one fetches exactly one of them, so it is a source of the last page's items.
"""

from __future__ import annotations

import html
import random
import re
import threading
import time
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from mirror import documents, render
from mirror.routes import HTML_HEADERS, Response, html_response, page_number, route
from mirror.server import Router
from mirror.site import LISTINGS, PAGE_SIZE, Resource, Site
from mirror.text import normalise
from mirror.truth import listing_url, source_urls, truth_record

# Faults on one resource's detail page, in the order targets are drawn.
RESOURCE_FAULTS = (
    "http_500_transient",
    "http_503_permanent",
    "slow",
    "dropped_connection",
    "truncated_html",
    "malformed_html",
    "cp1252_declared",
    "latin1_meta",
    "cp1252_undeclared",
    "oversize",
    "non_html",
    "redirect_loop",
    "offsite_redirect",
    "empty_200",
    "changed_markup",
    "offsite_links",
    "mailto_javascript_links",
)
PAGE_FAULTS = ("infinite_pagination",)
FAULTS = RESOURCE_FAULTS + PAGE_FAULTS
# Faults named explicitly only (not in "all"; their truth is not modelled): a hostile detail page
# whose title and body carry markup and script, to prove our HTML pages never run crawled script.
OPT_IN_FAULTS = ("hostile_page",)
# What the hostile page's script would do if it ever ran in a page of ours: the browser test
# asserts neither marker appears in the rendered DOM.
HOSTILE_MARKER = "PWNED-BY-CRAWLED-SCRIPT"
HOSTILE_SCRIPT = (
    f"document.title='{HOSTILE_MARKER}';document.body.setAttribute('data-pwned','{HOSTILE_MARKER}')"
)
HOSTILE_TITLE_BYTES = 1_000_000  # a title of 1 MB: reports must stay readable
HOSTILE_TITLE = (
    f'Titre <script>{HOSTILE_SCRIPT}</script> <img src=x onerror="{HOSTILE_SCRIPT}"> '
    + "long " * (HOSTILE_TITLE_BYTES // 5)
)
HOSTILE_BODY_HTML = (
    '<div class="field field--name-body"><p>Paragraphe hostile : '
    + "&lt;script&gt;"
    + HOSTILE_SCRIPT
    + "&lt;/script&gt; et &lt;img src=x onerror=&quot;"
    + HOSTILE_SCRIPT
    + "&quot;&gt;</p>"
    f'<p><a href="javascript:{HOSTILE_SCRIPT}">lien javascript</a> '
    f'<a href="data:text/html,&lt;script&gt;{HOSTILE_SCRIPT}&lt;/script&gt;">lien data</a> '
    f'<img src="x" onerror="{HOSTILE_SCRIPT}"></p></div>'
)
# Detail pages that never give a usable page (the record must come from the listings).
UNUSABLE_DETAIL = frozenset(
    {
        "http_503_permanent",
        "slow",
        "dropped_connection",
        "truncated_html",
        "oversize",
        "non_html",
        "redirect_loop",
        "offsite_redirect",
        "empty_200",
    }
)
TRANSIENT_FAILURES = 2  # http_500_transient: requests answered 500 before the page recovers
SLOW_SECONDS = 35.0  # over Scrapy's DOWNLOAD_TIMEOUT of 30 s in spiders/settings.py
OVERSIZE_BYTES = 21 * 1024 * 1024  # over DOWNLOAD_MAXSIZE (20 MB) in spiders/settings.py
OFFSITE_HOST = "ailleurs.invalid"  # .invalid never resolves (RFC 2606)

# The spot in every page where <main> starts: injected link blocks go right after it.
MAIN_START = '<main role="main"><a id="main-content" tabindex="-1"></a>'
# The end of a listing's view, right after its pager (empty on one-page listings).
VIEW_END = "\n</div>\n</div></div>\n</main>"
# Drupal's full pager block (replaced by a mini pager on the infinite listing).
FULL_PAGER = re.compile(r'<nav class="pager".*?</nav>', re.DOTALL)
# Closing tags that HTML lets a parser imply (removed by malformed_html).
OPTIONAL_END_TAGS = re.compile(r"</(?:p|li)>")
# A quoted attribute value without spaces or quotes (unquoted by malformed_html).
SIMPLE_ATTRIBUTE = re.compile(r'(\s[a-z-]+)="([A-Za-z0-9_-]+)"')

OFFSITE_LINKS_HTML = (
    '<div class="block-partenaires"><h2>Partenaires</h2><ul>'
    f'<li><a href="https://www.{OFFSITE_HOST}/ressources">Le réseau ESS</a></li>'
    f'<li><a href="//cdn.{OFFSITE_HOST}/guide-ess" rel="bookmark">Guide des partenaires</a></li>'
    '<li><a href="http://127.0.0.1:1/ressources?page=1">Ancien site</a></li>'
    f'<li><a href="https://rtes.fr.{OFFSITE_HOST}/node/1">Copie du site</a></li>'
    "</ul></div>"
)
NON_HTTP_LINKS_HTML = (
    '<div class="block-contact"><ul>'
    '<li><a href="mailto:contact@rtes.fr">Écrire au RTES</a></li>'
    '<li><a href="javascript:void(0)">Imprimer</a></li>'
    '<li><a href=" JavaScript:window.print()">Imprimer la page</a></li>'
    '<li><a href="tel:+33320000000">Téléphoner</a></li>'
    '<li><a href="ftp://ftp.rtes.fr/archives/">Archives</a></li>'
    '<li><a href="data:text/html,bonjour">Aperçu</a></li>'
    "</ul></div>"
)


def parse_spec(spec: str) -> tuple[str, ...]:
    """Fault names from "all" or a comma list; ValueError naming the unknown ones."""
    names = [n.strip() for n in (spec or "").split(",") if n.strip()]
    if names == ["all"]:
        return FAULTS
    known = FAULTS + OPT_IN_FAULTS
    unknown = [n for n in names if n not in known]
    if unknown or not names:
        raise ValueError(
            f"unknown fault(s) {', '.join(unknown) or repr(spec)}; "
            f"choose from: all, {', '.join(known)}"
        )
    return tuple(n for n in known if n in names)


@dataclass(frozen=True)
class FaultPlan:
    """Which pages misbehave, and how."""

    faults: tuple[str, ...]
    targets: dict[str, int] = field(default_factory=dict)  # resource fault -> nid
    lost_nid: int | None = None  # second 503 resource: detail and its only listing page fail
    failed_listing: str | None = None  # path?page=k of a category listing answering 503
    infinite_listing: str | None = None
    slow_seconds: float = SLOW_SECONDS

    @property
    def by_nid(self) -> dict[int, str]:
        """nid -> fault of its detail page."""
        found = {nid: name for name, nid in self.targets.items()}
        if self.lost_nid is not None:
            found[self.lost_nid] = "http_503_permanent"
        return found

    def describe(self, site: Site) -> list[str]:
        """One line per faulty page, for people."""
        lines = [f"{name}: {site.by_nid[nid].path}" for name, nid in self.targets.items()]
        if self.lost_nid is not None:
            lines.append(
                f"http_503_permanent: {site.by_nid[self.lost_nid].path} and "
                f"{self.failed_listing} (resource lost)"
            )
        if self.infinite_listing:
            lines.append(f"infinite_pagination: {self.infinite_listing}")
        return lines


def _listing_pages(site: Site) -> dict[int, list[str]]:
    """Per nid, the listing page URLs (path?page=k) that render it."""
    pages: dict[int, list[str]] = {r.nid: [] for r in site.resources}
    for listing in LISTINGS:
        for position, resource in enumerate(site.listed[listing.path]):
            pages[resource.nid].append(listing_url(listing.path, position // PAGE_SIZE))
    return pages


def plan_faults(
    site: Site, faults: tuple[str, ...], slow_seconds: float = SLOW_SECONDS
) -> FaultPlan:
    """Draw the faulty pages; ValueError when the site is too small for the faults asked."""
    rng = random.Random(f"{site.seed}:faults:{site.resource_count}")
    pages = _listing_pages(site)
    candidates = [r for r in site.resources if not r.is_private and r.nid not in site.linked_nids]
    rng.shuffle(candidates)
    lost_nid = failed_listing = None
    if "http_503_permanent" in faults:
        # A resource listed on one listing page only, and that page fails too.
        alone = [r for r in candidates if len(pages[r.nid]) == 1]
        if alone:
            lost_nid, failed_listing = alone[0].nid, pages[alone[0].nid][0]
    usable = [r for r in candidates if r.nid != lost_nid and failed_listing not in pages[r.nid]]
    # Nodes shown in full on their listings first: a node whose detail page fails is recovered
    # from a listing item, which a teaser is not (teaser recovery: tests/faults/test_teasers.py);
    # and nodes without an attachment fault (mirror.documents), whose detail page must answer
    # for the attachment to be met.
    teased = {r.nid for lst in LISTINGS if lst.teasers for r in site.listed[lst.path]}
    special = {p for p, spec in documents.plan(site).items() if spec.kind != "text"}
    usable.sort(key=lambda r: (r.nid in teased, any(d.path in special for d in r.documents)))
    wanted = [f for f in RESOURCE_FAULTS + OPT_IN_FAULTS if f in faults]
    if len(usable) < len(wanted):
        raise ValueError(
            f"{len(wanted)} resource faults need at least {len(wanted)} public "
            f"resources off the failing listing page; the site has {len(usable)} "
            f"(use more --resources)"
        )
    targets = {name: usable[i].nid for i, name in enumerate(wanted)}
    infinite = None
    if "infinite_pagination" in faults:
        # the smallest non-empty category listing (its pages past the end repeat the last)
        infinite = min(
            (lst.path for lst in LISTINGS if site.listed[lst.path]),
            key=lambda p: (len(site.listed[p]), p),
        )
    return FaultPlan(tuple(faults), targets, lost_nid, failed_listing, infinite, slow_seconds)


# --- serving ------------------------------------------------------------------------------


def faulty_router(site: Site, plan: FaultPlan, base: Router = route) -> Router:
    """A router answering like `base` except on the plan's faulty pages."""
    counts: dict[str, int] = {}
    lock = threading.Lock()
    by_nid = plan.by_nid
    inject = "".join(
        html
        for name, html in (
            ("offsite_links", OFFSITE_LINKS_HTML),
            ("mailto_javascript_links", NON_HTTP_LINKS_HTML),
        )
        if name in plan.faults
    )
    oversize_cache: dict[int, bytes] = {}

    def count(target: str) -> int:
        with lock:
            counts[target] = counts.get(target, 0) + 1
            return counts[target]

    def answer(served: Site, target: str, root: str) -> Response:
        parts = urlsplit(target)
        path = unquote(parts.path) or "/"
        query = parse_qs(parts.query)
        listing = served.listing(path)
        if listing is not None:
            number = page_number(query)
            if plan.failed_listing == listing_url(path, number):
                return _status_page(served, 503)
            if path == plan.infinite_listing:
                response = html_response(infinite_listing_page(served, listing, number))
            else:
                response = base(served, target, root)
            return _inject(response, inject) if inject and response.status == 200 else response
        resource = _detail_resource(served, path)
        fault = by_nid.get(resource.nid) if resource is not None else None
        if fault is None:
            return base(served, target, root)
        return _faulty_detail(
            served, resource, fault, target, root, base, count, oversize_cache, plan
        )

    return answer


def _detail_resource(site: Site, path: str) -> Resource | None:
    """The resource whose detail page lives at path (alias or /node/<nid>)."""
    if path.startswith("/node/") and path[6:].isdigit():
        return site.by_nid.get(int(path[6:]))
    return site.by_slug.get(path[1:])


def _faulty_detail(
    site: Site,
    resource: Resource,
    fault: str,
    target: str,
    root: str,
    base: Router,
    count: Any,
    oversize_cache: dict[int, bytes],
    plan: FaultPlan,
) -> Response:
    """The misbehaving answer of one resource's detail page."""
    if fault == "http_500_transient":
        return (
            _status_page(site, 500)
            if count(target) <= TRANSIENT_FAILURES
            else base(site, target, root)
        )
    if fault == "http_503_permanent":
        page = _status_page(site, 503)
        return replace(page, headers={**page.headers, "Retry-After": "3600"})
    if fault == "redirect_loop":
        there = resource.path if "boucle" in target else resource.path + "?boucle=1"
        return _redirect(root + there, 302)
    if fault == "offsite_redirect":
        return _redirect(f"https://www.{OFFSITE_HOST}{resource.path}", 301)
    if fault == "empty_200":
        return Response(200, "text/html; charset=utf-8", b"", dict(HTML_HEADERS))
    if fault == "non_html":
        pdf = f"%PDF-1.4\n% {resource.slug}\n%%EOF\n".encode()
        return Response(200, "application/pdf", pdf, dict(HTML_HEADERS))
    if fault == "changed_markup":
        return html_response(changed_markup_page(site, resource))
    page = base(site, target, root)
    text = page.body.decode("utf-8")
    if fault == "slow":
        time.sleep(plan.slow_seconds)  # the handler thread waits; other requests go on
        return page
    if fault == "dropped_connection":
        return replace(page, drop_after=len(page.body) // 2)
    if fault == "truncated_html":
        return replace(page, body=text[: len(text) * 11 // 20].encode("utf-8"))
    if fault == "malformed_html":
        return replace(page, body=malformed(text).encode("utf-8"))
    if fault in ("cp1252_declared", "latin1_meta", "cp1252_undeclared"):
        return _legacy_encoded(page, text, fault)
    if fault == "oversize":
        if resource.nid not in oversize_cache:
            filler = OVERSIZE_BYTES - len(page.body)
            padded = text.replace("</body>", "<!-- " + "x" * filler + " -->\n</body>")
            oversize_cache[resource.nid] = padded.encode("utf-8")
        return replace(page, body=oversize_cache[resource.nid])
    if fault == "hostile_page":
        hostile = text.replace(
            html.escape(resource.title, quote=False), html.escape(HOSTILE_TITLE, quote=False)
        )
        return _inject(replace(page, body=hostile.encode("utf-8")), HOSTILE_BODY_HTML)
    if fault == "offsite_links":
        return _inject(page, OFFSITE_LINKS_HTML)
    if fault == "mailto_javascript_links":
        return _inject(page, NON_HTTP_LINKS_HTML)
    raise ValueError(f"unknown fault {fault!r}")


def _status_page(site: Site, status: int) -> Response:
    """Drupal's error page with the given status."""
    title = {500: "Erreur du serveur", 503: "Service indisponible"}.get(status, "Erreur")
    content = (
        f'<h1 class="page-title">{title}</h1><p>Le site rencontre une difficulté. '
        "Merci de réessayer plus tard.</p>"
    )
    return html_response(render.page(title, content, body_class="path-system", site=site), status)


def _redirect(location: str, status: int) -> Response:
    """A redirect answer with a short HTML body."""
    page = html_response(
        f'<!DOCTYPE html><p>Redirection vers <a href="{location}">{location}</a></p>', status
    )
    return replace(page, headers={**page.headers, "Location": location})


def _inject(page: Response, block: str) -> Response:
    """A page with a block of links at the top of <main>."""
    text = page.body.decode("utf-8")
    if MAIN_START not in text:
        return page
    return replace(page, body=text.replace(MAIN_START, MAIN_START + block, 1).encode("utf-8"))


def _legacy_encoded(page: Response, text: str, fault: str) -> Response:
    """The page in Windows-1252 or ISO-8859-1, declared as the fault says (unencodable
    characters as numeric references, as a legacy CMS would write them)."""
    meta = '<meta charset="utf-8">'
    if fault == "cp1252_declared":
        text, codec = text.replace(meta, '<meta charset="windows-1252">'), "cp1252"
        content_type = "text/html; charset=windows-1252"
    elif fault == "latin1_meta":
        text = text.replace(
            meta, '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        )
        codec, content_type = "latin-1", "text/html"
    else:
        text, codec, content_type = text.replace(meta, ""), "cp1252", "text/html"
    return replace(
        page, content_type=content_type, body=text.encode(codec, errors="xmlcharrefreplace")
    )


def malformed(text: str) -> str:
    """Tag soup a lenient parser still reads the same: implied end tags left out, attribute
    values unquoted, end tags that close nothing, upper-case tag names."""
    text = OPTIONAL_END_TAGS.sub("", text)
    text = SIMPLE_ATTRIBUTE.sub(r"\1=\2", text)
    text = text.replace("</h1>", "</h1></span></font></td>", 1)
    return text.replace("<h3>", "<H3>").replace("</h3>", "</H3 >")


def changed_markup_page(site: Site, resource: Resource) -> str:
    """A detail page after a redesign: title and body paragraphs in generic divs, nothing else."""
    links = (
        f'<link rel="canonical" href="{resource.path}">\n'
        f'<link rel="shortlink" href="/node/{resource.nid}">'
    )
    content = (
        f'<div class="page-header"><h1>{render.esc(resource.title)}</h1></div>\n'
        f'<div class="content-area"><div class="text">\n{render.blocks_html(resource.blocks)}'
        "\n</div></div>"
    )
    return render.page(
        resource.title,
        content,
        head_links=links,
        body_class="path-node",
        crumbs=render.category_crumbs(resource),
        site=site,
    )


def mini_pager(current: int) -> str:
    """Drupal's views mini pager with a "next" link that never runs out."""
    previous = (
        f'<li class="pager__item pager__item--previous"><a href="?page={current - 1}" '
        'title="Aller à la page précédente" rel="prev">‹‹</a></li>'
        if current > 0
        else ""
    )
    return (
        '<nav class="pager" role="navigation" aria-labelledby="pagination-heading">'
        '<h4 id="pagination-heading" class="visually-hidden">Pagination</h4>'
        f'<ul class="js-pager__items pager__items pager--mini">{previous}'
        f'<li class="pager__item is-active">Page {current + 1}</li>'
        f'<li class="pager__item pager__item--next"><a href="?page={current + 1}" '
        'title="Aller à la page suivante" rel="next">››</a></li></ul></nav>'
    )


def infinite_listing_page(site: Site, listing: Any, number: int) -> str:
    """A listing page whose pager never ends; pages past the last show the last one."""
    last = site.page_count(listing.path) - 1
    text = FULL_PAGER.sub("", render.listing_page(site, listing, min(max(number, 0), last)))
    if VIEW_END not in text:
        raise RuntimeError("listing markup changed: cannot place the mini pager")
    return text.replace(VIEW_END, mini_pager(number) + VIEW_END, 1)


# --- truth --------------------------------------------------------------------------------


def fault_truth_records(site: Site, plan: FaultPlan) -> list[dict[str, Any]]:
    """The records a correct crawler recovers from the faulty site, as the dataset holds them."""
    urls = source_urls(site)
    listed = _listing_pages(site)
    by_nid = plan.by_nid
    extra: dict[int, list[str]] = {}
    if plan.infinite_listing:  # the one page past the end repeats the last page
        items = site.listed[plan.infinite_listing]
        last = site.page_count(plan.infinite_listing) - 1
        for resource in items[last * PAGE_SIZE :]:
            extra.setdefault(resource.nid, []).append(f"{plan.infinite_listing}?page={last + 1}")
    # /node/<nid> links are followed from detail pages only: those that answer.
    linked = {
        n
        for r in site.resources
        if not r.is_private and by_nid.get(r.nid) not in UNUSABLE_DETAIL
        for n in r.linked_nids
    }
    records = []
    for resource in site.resources:
        detail_ok = by_nid.get(resource.nid) not in UNUSABLE_DETAIL
        urls[resource.nid] = [
            u for u in urls[resource.nid] if u != f"/node/{resource.nid}" or resource.nid in linked
        ]
        listing_ok = [u for u in listed[resource.nid] if u != plan.failed_listing]
        listing_ok += extra.get(resource.nid, [])
        kept = [
            u
            for u in urls[resource.nid]
            if (u in listed[resource.nid] and u in listing_ok)
            or (u not in listed[resource.nid] and detail_ok)
        ]
        kept = sorted(set(kept) | set(listing_ok))
        if not kept:
            continue  # detail page and every listing page failed: lost
        record = truth_record(resource, kept)
        if (
            not resource.categories_shown
        ):  # categories by membership: only the listings that answer show it
            titles = {lst.path: lst.title for lst in LISTINGS}
            record["categories"] = sorted(
                {
                    normalise(titles[u.split("?")[0]])
                    for u in listing_ok
                    if u.split("?")[0] in titles
                }
            )
        if not listing_ok:  # only the detail page answers: what it shows
            if by_nid.get(resource.nid) == "changed_markup":
                record.update(
                    summary=None,
                    resource_type=None,
                    is_private=None,
                    categories=[],
                    documents=[],
                    published_date=None,
                )
        records.append(record)
    return records
