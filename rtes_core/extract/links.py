"""Links as the extraction reads them: resolved against the page, never raising on a bad one."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

# A node path as Drupal writes it in shortlinks and `about` attributes.
NODE_PATH = re.compile(r"^/node/(\d+)/?$")
# A taxonomy term's system path (category listings, term links in fields).
TERM_PATH = re.compile(r"^/taxonomy/term/(\d+)/?$")


def url_path(href: str, base_url: str = "") -> str | None:
    """Path of a link resolved against the page; None for a malformed link (e.g. "a://[")."""
    try:
        return urlsplit(urljoin(base_url, href)).path
    except ValueError:
        return None


def absolute(href: str, base_url: str) -> str:
    """A link resolved against the page; kept as written when malformed."""
    try:
        return urljoin(base_url, href)
    except ValueError:
        return href


def is_internal(href: str, base_url: str) -> bool:
    """A link to another page of the same site (the home page and a fragment of this page
    excepted: "#contexte" is a heading's anchor, no page)."""
    if href.startswith("#"):
        return False
    try:
        target = urlsplit(urljoin(base_url, href))
    except ValueError:
        return False
    return (
        target.scheme in {"http", "https"}
        and target.netloc.removeprefix("www.") == urlsplit(base_url).netloc.removeprefix("www.")
        and target.path not in {"", "/"}
    )
