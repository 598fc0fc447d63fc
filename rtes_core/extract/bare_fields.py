"""Fields a theme shows with no label and no class: a block of attachments, a list of the
categories the node is filed under. Each is read from what it links to (files; the site's own
category listings, as its navigation names them), never from the words around it."""

from __future__ import annotations

import re

from rtes_core.extract.blocks import text, text_blocks
from rtes_core.extract.dom import Element, ancestor, is_element, remove
from rtes_core.extract.fields import documents_of, shows_file_list
from rtes_core.extract.links import text_beside_links, url_path
from rtes_core.text import comparison_key

# The lines of an attachments block: each a file's links (its title, a "Télécharger" button,
# or one link holding a whole download card) and a short note; a paragraph is the body's,
# even one holding a file link alone.
FILE_LINE_TAGS = frozenset({"div", "li", "tr", "dd", "a"})
FILE_BLOCK_TAGS = frozenset({"div", "ul", "ol", "table", "tbody", "dl", "section"})
# A box copying the text's lead is a summary when it holds a sentence or more (a shorter one
# repeating the first words is a pull quote or a teaser line).
MIN_COPIED_LEAD_CHARS = 80
# An image's file (an inline image's link, `/system/files/inline-images/…`): the body's
# picture, never an attachment.
IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|avif)$", re.IGNORECASE)


def take_file_block(region: Element, base_url: str) -> tuple[list[dict[str, str]], list[str]]:
    """An unlabelled attachments block (lines that each show a file's links and nothing else,
    outside any paragraph): its documents and its lines, the block taken out; ([], [])
    when none stands in the region."""
    for el in region.iterdescendants(*FILE_BLOCK_TAGS):
        lines = [c for c in el if is_element(c)]
        if not lines or any(c.tag not in FILE_LINE_TAGS or not shows_file_list(c) for c in lines):
            continue
        between = (el.text or "") + "".join(c.tail or "" for c in lines)
        if any(ch.isalnum() for ch in between):  # text around the links: a paragraph's links
            continue
        if ancestor(el, "p") is not None or ancestor(el, "nav") is not None:
            continue
        documents = documents_of(el, base_url)
        if any(IMAGE_FILE.search(d["url"]) for d in documents):
            continue
        shown = text_blocks(el)
        remove(el)
        return documents, shown
    return [], []


def take_copied_lead(region: Element) -> list[str]:
    """An unlabelled box (`<aside>`) in the node whose text is the lead of the node's
    paragraphs, as the Résumé copies the first paragraph, the first two or the whole body: its
    blocks, the box taken out; [] when no box reads so."""
    for box in region.iter("aside"):
        shown = text_blocks(box)
        if len(" ".join(shown)) < MIN_COPIED_LEAD_CHARS:
            continue
        copied = comparison_key(" ".join(shown))
        paragraphs = [text(p) for p in region.iter("p") if box not in p.iterancestors()]
        if comparison_key(" ".join(paragraphs)).startswith(copied):
            remove(box)
            return shown
    return []


def navigation_paths(root: Element) -> frozenset[str]:
    """The paths the page's navigation menus link to (its category listings among them)."""
    return frozenset(
        path
        for nav in root.iter("nav")
        for a in nav.iter("a")
        if (path := url_path(a.get("href") or "")) not in (None, "", "/")
    )


def take_category_list(region: Element, menu: frozenset[str]) -> tuple[list[str], list[str]]:
    """A bare list whose every item is one link to a page the navigation names (a category
    listing) and shows nothing else, outside the menus: its terms in page order and its lines,
    the list taken out; ([], []) when none stands in the region."""
    for ul in region.iter("ul", "ol"):
        items = [li for li in ul if is_element(li)]
        if not items or ancestor(ul, "nav") is not None:
            continue
        terms = [menu_terms(li, menu) for li in items]
        if all(len(t) == 1 for t in terms):
            shown = text_blocks(ul)
            remove(ul)
            return [t for [t] in terms], shown
    return [], []


def menu_terms(el: Element, menu: frozenset[str]) -> list[str]:
    """The terms of an element showing links to the menu's pages and nothing else (a
    separator at most); [] when it shows anything more."""
    links = list(el.iter("a"))
    if not links or any(url_path(a.get("href") or "") not in menu for a in links):
        return []
    if any(ch.isalnum() for ch in text_beside_links(el, links)):
        return []
    return [t for t in (text(a) for a in links) if t]
