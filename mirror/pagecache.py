"""Drupal's page cache with a max age (`mirror serve --page-cache`): HTML pages with validators.

Drupal caches a rendered page until one of its cache tags is invalidated and then serves the
cached bytes, with `Last-Modified` = the time it was rendered and `ETag` = that Unix timestamp
(core FinishResponseSubscriber::setResponseCacheable). The mirror models a page's cache entry
as invalidated exactly when what the page shows of the resources changes:

- a detail page (/slug or /node/N): when the resource is edited;
- a listing page: when a resource on it is edited, or the rows or the page count shift;
- the home page and the newsletter: when their latest titles change; static pages, tag term
  pages and member pages: never.

So the page served on day D is the page as rendered on the first day of its current run of
unchanged keys (`rendered_day`), chrome included: its footer shows that day's generation time
and its sidebar that day's latest resources (stale, as a cached Drupal page's would be). Same
key, same bytes: a 304 is always honest. Other responses (files, robots.txt, sitemap, 404,
redirects) are not page-cached.
"""

from __future__ import annotations

import re
from collections.abc import Hashable

from mirror.render import STATIC_PAGES
from mirror.site import PAGE_SIZE, TAGS, Site

PAGE_CACHE_MAX_AGE = 3600  # seconds; Drupal's "Browser and proxy cache maximum age" (1 hour)
HOME_LATEST = 8  # titles on the home page (render.home_page); its sidebar shows fewer

# Tag term pages (category terms redirect to their alias; tag terms are static pages).
TAG_PATHS = frozenset(f"/taxonomy/term/{tid}" for tid in TAGS.values())
# /node/<nid>: Drupal's system path of a node.
_NODE_PATH = re.compile(r"^/node/(\d+)$")


def page_key(site: Site, path: str, page: int) -> Hashable | None:
    """What the page at path (listing page number page) renders from; None if not cached."""
    if path == "/":
        return "home", tuple(r.nid for r in site.latest(HOME_LATEST))
    if site.listing(path) is not None:
        rows = site.listed[path][page * PAGE_SIZE : (page + 1) * PAGE_SIZE] if page >= 0 else ()
        return "listing", path, page, site.page_count(path), tuple((r.nid, r.changed) for r in rows)
    node = _NODE_PATH.match(path)
    resource = site.by_nid.get(int(node.group(1))) if node else site.by_slug.get(path[1:])
    if resource is not None:
        return "detail", resource.nid, resource.changed
    if path in STATIC_PAGES or path in TAG_PATHS:
        return "static", path
    from mirror import kinds  # member profiles, region listings, the newsletter

    if path == kinds.NEWSLETTER_PATH:  # it lists the latest titles
        return "newsletter", tuple(r.nid for r in site.latest(3))
    if kinds.page_at(site, path) is not None:  # members do not change from day to day
        return "member", path
    return None


def rendered_day(site: Site, path: str, page: int) -> Site | None:
    """The snapshot whose rendering the cache serves for this page today; None if not cached."""
    key = page_key(site, path, page)
    if key is None:
        return None
    snapshot = site
    while snapshot.previous is not None and page_key(snapshot.previous, path, page) == key:
        snapshot = snapshot.previous
    return snapshot
