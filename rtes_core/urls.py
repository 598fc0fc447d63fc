"""One URL canonicaliser for the crawl, the incremental state, the probe and the extraction.

The real site's links come in many spellings of the same page: both `rtes.fr` and
`www.rtes.fr`, http and https, newsletter tracking (`utm_*`), fragments, Drupal's `?page=0`,
and old SPIP URLs whose `?page=` names a template (`?page=backend`), not a pager. Everything
here is pure (no I/O) so that every stage names a page the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Path prefixes of Drupal's public/private file areas and assets.
FILE_PREFIXES = ("/sites/default/files/", "/system/files/", "/core/", "/modules/", "/themes/")
# Last path segment ending in something like ".pdf", ".docx", ".jpg" (not ".0" as in "v2.0").
FILE_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{1,4}$")
DEFAULT_PORTS = {"http": 80, "https": 443}
# Query keys that only track a visit (newsletters, ads): never part of a page's identity.
TRACKING_KEYS = frozenset(
    {"fbclid", "gclid", "mc_cid", "mc_eid", "xtor", "at_medium", "at_campaign", "_hsenc", "_hsmi"}
)
TRACKING_PREFIXES = ("utm_",)
# Old SPIP URLs: `/Titre-Coupe,2783` (article id after a comma) and `spip.php`.
SPIP_PATH = re.compile(r"^/[^/]*,\d+(?:\.html)?$|^/spip\.php$")
# A SPIP article path (`/Titre-Coupe,2783`) and SPIP's script query (`article2783`).
SPIP_ARTICLE_PATH = re.compile(r"^/[^/]*,\d+(?:\.html)?$")
SPIP_ARTICLE_QUERY = re.compile(r"^article\d+$")
# SPIP's own query keys (pagination of its lists, print templates): the redirect drops them.
SPIP_KEYS_PREFIX = ("debut_",)
# A query asking for a file as a download ("?download=true", "&dl=1", Liferay's and Drupal's
# links beside the plain one): the same file as without it.
DOWNLOAD_QUERY = re.compile(r"[?&](?:download|dl|forcedownload|attachment)=[^&#]*$", re.IGNORECASE)
# Drupal's pager value: a number, or comma-separated numbers for several pagers on one page.
PAGER_VALUE = re.compile(r"^\d+(?:,\d+)*$")


def is_tracking_key(key: str) -> bool:
    """True for utm_* and the other visit-tracking keys."""
    lowered = key.lower()
    return lowered in TRACKING_KEYS or lowered.startswith(TRACKING_PREFIXES)


def host_twins(hostname: str) -> set[str]:
    """The host and its www./bare twin ("www.rtes.fr" -> {"www.rtes.fr", "rtes.fr"})."""
    hostname = hostname.lower()
    if hostname.startswith("www."):
        return {hostname, hostname[4:]}
    if hostname.replace(".", "").isdigit() or hostname in {"localhost"} or ":" in hostname:
        return {hostname}  # IP addresses and localhost have no www twin
    return {hostname, f"www.{hostname}"}


def pager_number(url: str) -> int | None:
    """Drupal's 0-based pager index of a URL; None without one or when `page` is not a number
    (SPIP's `?page=backend`, `?page=imprimer_article` name templates)."""
    for key, value in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        if key == "page":
            return max(int(p) for p in value.split(",")) if PAGER_VALUE.match(value) else None
    return None


def is_spip_url(url: str) -> bool:
    """An old SPIP-era URL (article path with `,id`, spip.php, or a `?page=<template>`)."""
    parts = urlsplit(url)
    if SPIP_PATH.match(parts.path):
        return True
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    return any(k == "page" and not PAGER_VALUE.match(v) for k, v in pairs) or any(
        k.startswith(SPIP_KEYS_PREFIX) for k, _ in pairs
    )


def is_spip_article(url: str) -> bool:
    """An old SPIP URL naming an article (`/Titre,2783`, `spip.php?article2783`,
    `?page=imprimer_article&id_article=2783`): the site may redirect it to the node."""
    parts = urlsplit(url)
    if SPIP_ARTICLE_PATH.match(parts.path) or SPIP_ARTICLE_QUERY.match(parts.query):
        return True
    return any(k == "id_article" and v.isdigit() for k, v in parse_qsl(parts.query))


def clean_query(query: str) -> str:
    """The query without tracking keys and without Drupal's first page (`page=0`, `page=0,0`)."""
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [
        (k, v)
        for k, v in pairs
        if not is_tracking_key(k)
        and not (k == "page" and PAGER_VALUE.match(v) and set(v.split(",")) == {"0"})
    ]
    return urlencode(kept)


def canonical_url(url: str) -> str:
    """Sorted query, no fragment, no tracking keys, no `page=0`; scheme and host lower case."""
    parts = urlsplit(canonicalize_url(url, keep_fragments=False))
    return urlunsplit(parts._replace(query=clean_query(parts.query), fragment=""))


def file_url(url: str) -> str:
    """A file's URL without the query asking for it as a download: one name per file."""
    return DOWNLOAD_QUERY.sub("", url)


def url_path(url: str | None) -> str | None:
    """Path of a URL without trailing slash ("/" for the root): how pages are named by path."""
    return (urlsplit(url).path.rstrip("/") or "/") if url else None


def _port(parts) -> int | None:  # noqa: ANN001 (urllib's SplitResult)
    """Explicit port of a split URL, None when absent or malformed."""
    try:
        return parts.port
    except ValueError:
        return None


@dataclass(frozen=True)
class SiteHosts:
    """Which absolute URLs belong to the crawled site, and how to write them on its base URL.

    The site's host, its www./bare twin and any alias (SITE_ALIASES: e.g. the public host
    "www.rtes.fr" when the crawl targets a local copy whose pages link to it absolutely), over
    http or https, are one site: a link to any of them is rebased onto `base`.
    """

    scheme: str
    netloc: str
    port: int
    hosts: frozenset[str]
    aliases: frozenset[str] = frozenset()

    @classmethod
    def of(cls, site_url: str, aliases: tuple[str, ...] | list[str] = ()) -> SiteHosts:
        """The site at site_url (scheme://host[:port]) with its alias host names."""
        parts = urlsplit(site_url)
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise ValueError(f"SITE_URL must be an http(s) URL with a host, got {site_url!r}")
        alias_hosts = frozenset(h for a in aliases for h in host_twins(a.strip()) if a.strip())
        return cls(
            parts.scheme,
            parts.netloc.lower(),
            parts.port or DEFAULT_PORTS[parts.scheme],
            frozenset(host_twins(parts.hostname)) | alias_hosts,
            alias_hosts,
        )

    @property
    def base(self) -> str:
        """scheme://netloc of the site."""
        return f"{self.scheme}://{self.netloc}"

    def owns(self, url: str) -> bool:
        """Whether an absolute http(s) URL is on this site (a twin or alias host, any scheme)."""
        parts = urlsplit(url)
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            return False
        host = parts.hostname.lower()
        if host in self.aliases:  # the public host: any port of its own (80/443)
            return True
        return host in self.hosts and _port(parts) in (None, self.port)

    def rebase(self, href: str, base: str) -> str | None:
        """The canonical URL on this site of a link (relative to base), None when off-site."""
        absolute = urljoin(base, href.strip())
        if not self.owns(absolute):
            return None
        parts = urlsplit(absolute)
        return canonical_url(
            urlunsplit((self.scheme, self.netloc, parts.path or "/", parts.query, ""))
        )


def site_relative(url: str | None) -> str | None:
    """A URL without scheme and host (path, query): its identity on the site, wherever it is served."""
    if not url:
        return url
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def is_file_path(path: str) -> bool:
    """True for Drupal file areas and anything whose last segment has a file extension."""
    return path.startswith(FILE_PREFIXES) or bool(FILE_EXTENSION.search(path.rsplit("/", 1)[-1]))
