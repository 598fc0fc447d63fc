"""URL routing: a pure function from a request target to a response, like Drupal answers."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import parse_qs, unquote, urlsplit

from mirror import feeds, render
from mirror.site import FILES_ROOT, Site

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

# /node/<nid>: Drupal's system path of a node.
_NODE_PATH = re.compile(r"^/node/(\d+)$")
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


def html_response(text: str, status: int = 200) -> Response:
    """An HTML page with Drupal's no-cache headers."""
    return Response(status, HTML_TYPE, text.encode("utf-8"), dict(HTML_HEADERS))


def route(site: Site, target: str, base: str) -> Response:
    """Answer a GET for target (path and query) on the site served at base."""
    parts = urlsplit(target)
    path = unquote(parts.path) or "/"
    query = parse_qs(parts.query)
    found = _resolve(site, path, query, base)
    if found is not None:
        return found
    if path != "/" and path.endswith("/") and _resolve(site, path.rstrip("/"), query, base):
        location = base + parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else "")
        moved = html_response(f'<!DOCTYPE html><p>Redirection vers <a href="{location}">'
                              f"{location}</a></p>", 301)
        return replace(moved, headers={**moved.headers, "Location": location})
    return html_response(render.not_found_page(site), 404)


def _resolve(site: Site, path: str, query: dict[str, list[str]], base: str) -> Response | None:
    """The 200 response for path, or None when nothing lives there."""
    if path == "/":
        return html_response(render.home_page(site))
    if path == "/robots.txt":
        return Response(200, "text/plain; charset=utf-8", feeds.robots_txt(base).encode(),
                        dict(FILE_HEADERS))
    if path == "/sitemap.xml":
        return Response(200, "application/xml; charset=utf-8",
                        feeds.sitemap_xml(site, base).encode(), dict(HTML_HEADERS))
    listing = site.listing(path)
    if listing is not None:
        return html_response(render.listing_page(site, listing, page_number(query)))
    node = _NODE_PATH.match(path)
    resource = site.by_nid.get(int(node.group(1))) if node else site.by_slug.get(path[1:])
    if resource is not None:
        return html_response(render.detail_page(site, resource))
    if path in render.STATIC_PAGES:
        return html_response(render.static_page(site, path))
    if path.startswith(FILES_ROOT + "/") and path in site.files:
        return file_response(site, path)
    return None


def page_number(query: dict[str, list[str]]) -> int:
    """The 0-based ?page= value; Drupal treats junk and negatives as page 0."""
    raw = query.get("page", ["0"])[0].split(",")[0]
    return int(raw) if raw.isdigit() else 0


def file_response(site: Site, path: str) -> Response:
    """A static file with ETag and Last-Modified validators."""
    entry = site.files[path]
    etag = '"' + hashlib.sha1(entry.content).hexdigest()[:20] + '"'
    modified = (entry.modified - render.paris_offset(entry.modified)).replace(tzinfo=timezone.utc)
    headers = {**FILE_HEADERS, "ETag": etag, "Last-Modified": http_date(modified)}
    return Response(200, entry.mime, entry.content, headers, etag, modified)


def http_date(moment: datetime) -> str:
    """RFC 7231 date of a UTC datetime."""
    return format_datetime(moment, usegmt=True)


def not_modified(response: Response, if_none_match: str | None,
                 if_modified_since: str | None) -> bool:
    """Whether a conditional GET/HEAD may be answered 304 (If-None-Match wins)."""
    if response.status != 200 or (response.etag is None and response.last_modified is None):
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
            since = since.replace(tzinfo=timezone.utc)
        return response.last_modified <= since
    return False
