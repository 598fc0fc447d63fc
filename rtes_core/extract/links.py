"""Links as the extraction reads them: resolved against the page, never raising on a bad one."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

# A node path as Drupal writes it in shortlinks and `about` attributes.
NODE_PATH = re.compile(r"^/node/(\d+)/?$")
# A taxonomy term's system path (category listings, term links in fields).
TERM_PATH = re.compile(r"^/taxonomy/term/(\d+)/?$")
# Links that lead to no page: an anchor, a mail address, a phone number, a script (print, share).
ACTION_LINKS = ("#", "mailto:", "javascript:", "tel:")


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


def only_action_links(el) -> bool:
    """Whether the element shows nothing but links that lead to no page (a "Imprimer / Envoyer
    à un ami" tool bar): a field's value links to pages and files, or shows text of its own (a
    Résumé naming a contact's mail address)."""
    links = list(el.iter("a"))
    if not links or not all(
        (a.get("href") or "#").strip().lower().startswith(ACTION_LINKS) for a in links
    ):
        return False
    return not any(ch.isalnum() for ch in text_beside_links(el, links))


def text_beside_links(el, links: list) -> str:
    """What the element shows besides these links' texts (spaces collapsed)."""
    rest = "".join(el.itertext())
    for a in links:
        rest = rest.replace("".join(a.itertext()), " ", 1)
    return " ".join(rest.split())
