"""Share buttons: a box of links to the social networks' share endpoints (Drupal's
service_links, AddToAny, a theme's own "Partager" list), whatever its markup. It is no text of
the page: taken out of the tree before anything is read (used by rtes_core/extract/page.py)."""

from __future__ import annotations

import re

from rtes_core.dates import fold
from rtes_core.extract.dom import Element, remove
from rtes_core.extract.links import text_beside_links
from rtes_core.text import PAGE_TOOL

# A network's share endpoint, or a mail link that prefills only a subject ("mailto:?subject=…").
SHARE_ENDPOINT = re.compile(
    r"^(?:(?:https?:)?//(?:www\.|m\.|api\.|web\.)?(?:"
    r"facebook\.com/(?:sharer|share|dialog/share)|linkedin\.com/(?:share|sharing|cws/share)"
    r"|(?:twitter|x)\.com/(?:intent|share)|wa\.me/|whatsapp\.com/send|pinterest\.[a-z.]+/pin/create"
    r"|reddit\.com/submit|bsky\.app/intent|t\.me/share|telegram\.me/share|tumblr\.com/share"
    r"|addtoany\.com/(?:share|add_to)|viadeo\.com/shareit|mastodonshare\.com|toot\.kytta\.dev)"
    r"|mailto:\?)",
    re.IGNORECASE,
)
# What a share box shows besides its links: its title at most ("Partager", "Partager sur :").
SHARE_TITLE = re.compile(
    r"^(?:partager|partagez|share)(?:\s+(?:sur|cette page|l.article))?\s*:?$", re.IGNORECASE
)
# A page tool a share list may hold beside its networks ("Imprimer", "Envoyer à un ami").
PAGE_TOOL_TEXT = re.compile(rf"^{PAGE_TOOL}$", re.IGNORECASE)
# The boxes a share list is written in.
SHARE_BOX_TAGS = ("ul", "ol", "div", "p", "span", "section", "nav", "aside")


def drop_share_buttons(root: Element) -> None:
    """Remove every box showing only share links (and its title): from each share link, its
    outermost such box."""
    for link in [a for a in root.iter("a") if SHARE_ENDPOINT.match((a.get("href") or "").strip())]:
        if not any(p is root for p in link.iterancestors()):
            continue  # in a box already taken out
        box = None
        for el in link.iterancestors(*SHARE_BOX_TAGS):
            if not _is_share_box(el):
                break
            box = el
        if box is not None:
            remove(box)


def _is_share_box(el: Element) -> bool:
    links = list(el.iter("a"))
    if not links or not all(_is_share_link(a) for a in links):
        return False
    tools = [b for b in el.iter("button") if PAGE_TOOL_TEXT.match(fold(_shown(b)))]
    rest = text_beside_links(el, links + tools)  # a print button is a tool too
    return not rest or SHARE_TITLE.match(rest) is not None


def _shown(el: Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _is_share_link(link: Element) -> bool:
    """A link to a share endpoint, or a page tool beside them (a javascript: action, a link
    reading "Imprimer"): the box is seen without its markup. (A mail address is no tool.)"""
    href = (link.get("href") or "").strip()
    if SHARE_ENDPOINT.match(href):
        return True
    return href.lower().startswith("javascript:") or bool(PAGE_TOOL_TEXT.match(fold(_shown(link))))
