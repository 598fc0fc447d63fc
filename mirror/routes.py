"""URL routing: a pure function from a request target to a response, like Drupal answers."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import parse_qs, unquote, urlsplit

from mirror import documents, feeds, kinds, pagecache, render
from mirror.site import FILE_ROOTS, LISTING_BY_TID, TAGS, Site
from mirror.themes import DEFAULT_THEME, THEMES

HTML_TYPE = "text/html; charset=utf-8"
# Drupal's headers for uncacheable pages (page cache max_age 0): no validators at all.
HTML_HEADERS = {
    "Cache-Control": "no-cache, must-revalidate",
    "Expires": "Sun, 19 Nov 1978 05:00:00 GMT",
    "X-Generator": "Drupal 9 (https://www.drupal.org)",
    "Content-Language": "fr",
    "X-Content-Type-Options": "nosniff",
}
# Apache's headers for static files under sites/default/files (Drupal's .htaccess).
FILE_HEADERS = {"Cache-Control": "max-age=1209600", "Accept-Ranges": "bytes"}
# Drupal's headers for a page served from its page cache with max_age > 0 (validators added).
PAGE_CACHE_HEADERS = {
    **HTML_HEADERS,
    "Cache-Control": f"public, max-age={pagecache.PAGE_CACHE_MAX_AGE}",
    "Vary": "Cookie",
}

# /node/<nid>: Drupal's system path of a node.
_NODE_PATH = re.compile(r"^/node/(\d+)$")
TAG_BY_TID = {tid: name for name, tid in TAGS.items()}
# SPIP's page templates (`?page=backend` was its RSS feed): names, never page numbers.
SPIP_TEMPLATES = frozenset(
    {
        "backend",
        "backend-breves",
        "imprimer_article",
        "imprimer_rubrique",
        "article",
        "rubrique",
        "sommaire",
        "plan",
        "recherche",
        "login",
    }
)
# /taxonomy/term/<tid>: Drupal's system path of a term page.
_TERM_PATH = re.compile(r"^/taxonomy/term/(\d+)$")
# An old SPIP article URL: capitalised words of the title cut short, a comma, the article id
# (`/Journee-PACA-Corse-L-ESS-vecteur,2783`).
_SPIP_ARTICLE = re.compile(r"^/[A-Za-z0-9_-]*,(\d+)(?:\.html)?$")
# SPIP's script URL with the article id in the query (`/spip.php?article2783`).
_SPIP_QUERY_ARTICLE = re.compile(r"^article(\d+)$")
# One entity tag in an If-None-Match list (weak prefix allowed).
_ETAG_ITEM = re.compile(r'(?:W/)?("[^"]*"|\*)')


@dataclass(frozen=True)
class Response:
    """What the server sends back."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: datetime | None = None  # UTC
    drop_after: int | None = None  # fault injection: close the connection after N body bytes


@dataclass(frozen=True)
class HttpOptions:
    """How the site is configured: Drupal's page cache (max_age > 0) and the sitemap module."""

    page_cache: bool = False
    sitemap: bool = True
    theme: int = DEFAULT_THEME  # which markup the pages are written in (mirror.themes)


DEFAULT_OPTIONS = HttpOptions()


def html_response(text: str, status: int = 200) -> Response:
    """An HTML page with Drupal's no-cache headers."""
    return Response(status, HTML_TYPE, text.encode("utf-8"), dict(HTML_HEADERS))


def router_for(options: HttpOptions) -> Callable[[Site, str, str], Response]:
    """`route` with these options, as the server calls it: router(site, target, base)."""
    return functools.partial(route, options=options)


def route(site: Site, target: str, base: str, options: HttpOptions = DEFAULT_OPTIONS) -> Response:
    """Answer a GET for target (path and query) on the site served at base."""
    parts = urlsplit(target)
    path = unquote(parts.path) or "/"
    query = parse_qs(parts.query)
    if options.page_cache:
        rendered = pagecache.rendered_day(site, path, page_number(query))
        if rendered is not None:
            page = _resolve(rendered, path, query, base, options)
            assert page is not None  # a page with a cache key resolves
            return cached_page(page, rendered.generated_at)
    moved_to = legacy_target(site, path, parts.query, query)
    if moved_to is not None:
        redirect = moved(base + moved_to)
        # the page cache keeps redirects too (with validators); they never change here
        return cached_page(redirect, site.at(0).generated_at) if options.page_cache else redirect
    if _is_spip_query(path, query):  # an old SPIP page with no node today (?page=backend…)
        return html_response(THEMES[options.theme].not_found_page(site), 404)
    found = _resolve(site, path, query, base, options)
    if found is not None:
        return found
    if (
        path != "/"
        and path.endswith("/")
        and _resolve(site, path.rstrip("/"), query, base, options)
    ):
        return moved(base + parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else ""))
    return html_response(THEMES[options.theme].not_found_page(site), 404)


def moved(location: str) -> Response:
    """A 301 to location (Drupal's redirect module)."""
    page = html_response(
        f'<!DOCTYPE html><p>Redirection vers <a href="{location}">{location}</a></p>', 301
    )
    return replace(page, headers={**page.headers, "Location": location})


def legacy_target(site: Site, path: str, raw_query: str, query: dict[str, list[str]]) -> str | None:
    """Where an old URL moved (path and query), None when it is not one or leads nowhere.

    The redirect module answers 301 for: SPIP article URLs whose node still exists
    (`/Titre-Coupe,2783`, `/spip.php?article2783`, `?page=imprimer_article&id_article=2783`)
    and a category's system path `/taxonomy/term/<tid>` (to its alias).
    """
    spip_id = None
    article = _SPIP_ARTICLE.match(path)
    if article:
        spip_id = int(article.group(1))
    elif path in ("/", "/spip.php") and query.get("id_article", [""])[0].isdigit():
        spip_id = int(query["id_article"][0])
    elif path == "/spip.php" and _SPIP_QUERY_ARTICLE.match(raw_query):
        spip_id = int(_SPIP_QUERY_ARTICLE.match(raw_query).group(1))
    if spip_id is not None:
        node = site.by_spip.get(spip_id)
        return node.path if node is not None else None
    term = _TERM_PATH.match(path)
    if term and int(term.group(1)) in LISTING_BY_TID:
        return LISTING_BY_TID[int(term.group(1))].path + (f"?{raw_query}" if raw_query else "")
    return None


def _is_spip_query(path: str, query: dict[str, list[str]]) -> bool:
    """An old SPIP URL that no redirect covers: `spip.php`, or `?page=<name>` (a SPIP template
    such as `backend` or `imprimer_article`, not a pager: Drupal's pages are numbers)."""
    return path == "/spip.php" or query.get("page", [""])[0] in SPIP_TEMPLATES


def cached_page(page: Response, rendered: datetime) -> Response:
    """A page from Drupal's page cache: Last-Modified = render time, ETag = its timestamp."""
    moment = utc(rendered)
    etag = f'"{int(moment.timestamp())}"'
    headers = {**PAGE_CACHE_HEADERS, "Last-Modified": http_date(moment), "ETag": etag}
    if "Location" in page.headers:  # a cached redirect keeps its target
        headers["Location"] = page.headers["Location"]
    return replace(page, headers=headers, etag=etag, last_modified=moment)


def _resolve(
    site: Site,
    path: str,
    query: dict[str, list[str]],
    base: str,
    options: HttpOptions = DEFAULT_OPTIONS,
) -> Response | None:
    """The 200 response for path, or None when nothing lives there."""
    theme = THEMES[options.theme]
    if path == "/":
        return html_response(theme.home_page(site))
    if path == "/ressources":  # the real site has no page there (its listings are categories)
        return None
    if path == "/robots.txt":
        robots = feeds.robots_txt(base, sitemap=options.sitemap)
        return Response(200, "text/plain; charset=utf-8", robots.encode(), dict(FILE_HEADERS))
    if path == "/sitemap.xml" and options.sitemap:
        return Response(
            200,
            "application/xml; charset=utf-8",
            feeds.sitemap_xml(site, base).encode(),
            dict(HTML_HEADERS),
        )
    listing = site.listing(path)
    if listing is not None:
        return html_response(theme.listing_page(site, listing, page_number(query)))
    node = _NODE_PATH.match(path)
    resource = site.by_nid.get(int(node.group(1))) if node else site.by_slug.get(path[1:])
    if resource is not None:
        # /node/<nid> answers the same node, in the rendering Drupal gives its system path
        return html_response((theme.node_page if node else theme.detail_page)(site, resource))
    if path in render.STATIC_PAGES:
        return html_response(theme.static_page(site, path))
    if path.startswith(tuple(root + "/" for root in FILE_ROOTS)) and path in site.files:
        return file_response(site, path)
    term = _TERM_PATH.match(path)
    if term and int(term.group(1)) in TAG_BY_TID:  # a free tag's term page: no view of its own
        return html_response(
            theme.static_page_html(
                site, TAG_BY_TID[int(term.group(1))], "Aucun contenu n’est classé ici."
            )
        )
    html = kinds.page_at(site, path, options.theme)  # members, region listings, the newsletter
    return html_response(html) if html is not None else None


def page_number(query: dict[str, list[str]]) -> int:
    """The 0-based ?page= value; Drupal treats junk and negatives as page 0."""
    raw = query.get("page", ["0"])[0].split(",")[0]
    return int(raw) if raw.isdigit() else 0


def file_response(site: Site, path: str) -> Response:
    """A static file with ETag and Last-Modified validators."""
    entry = documents.served_entry(site, site.files[path])  # attachments: the real PDF bytes
    etag = '"' + hashlib.sha1(entry.content).hexdigest()[:20] + '"'
    modified = utc(entry.modified)
    headers = {**FILE_HEADERS, "ETag": etag, "Last-Modified": http_date(modified)}
    return Response(200, entry.mime, entry.content, headers, etag, modified)


def utc(local: datetime) -> datetime:
    """A naive Europe/Paris time as an aware UTC datetime."""
    return (local - render.paris_offset(local)).replace(tzinfo=UTC)


def http_date(moment: datetime) -> str:
    """RFC 7231 date of a UTC datetime."""
    return format_datetime(moment, usegmt=True)


def not_modified(
    response: Response, if_none_match: str | None, if_modified_since: str | None
) -> bool:
    """Whether a conditional GET/HEAD may be answered 304 (If-None-Match wins)."""
    if response.status not in (200, 301) or (
        response.etag is None and response.last_modified is None
    ):
        return False
    if if_none_match is not None:
        tags = {t.group(1) for t in _ETAG_ITEM.finditer(if_none_match)}
        return "*" in tags or response.etag in tags
    if if_modified_since is not None and response.last_modified is not None:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        return response.last_modified <= since
    return False
