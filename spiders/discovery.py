"""What the spider reads links and listings with: link patterns, path tests, listing items.

Pure functions of a page and its URLs (theme-independent: no class names); the spider's
`site_link`, `is_item_link` and `is_node_link` judge each link (spiders/link_following.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Protocol

from scrapy.http import HtmlResponse
from scrapy.utils.response import get_base_url

from rtes_core.extract.cards import (
    CARD_TAGS,
    UNCLASSED_CARDS,
    carries_item_marks,
    leads_with_link,
    shows_fields,
    shows_more_than_links,
)
from rtes_core.extract.listing import title_before_read_more
from rtes_core.extract.related import node_with_related
from rtes_core.extract.teaser import is_read_more
from rtes_core.urls import clean_query, pager_number

# Link schemes that never lead to a page of the site.
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "ftp:", "sms:")
# First path segments that are never resources (accounts, vocabularies, search, admin, comments).
EXCLUDED_FIRST_SEGMENTS = frozenset({"user", "taxonomy", "search", "admin", "comment"})
# Links to node pages: Drupal's system path, single-segment aliases, old SPIP article URLs.
NODE_PATH = re.compile(r"^/node/\d+$")
SLUG_PATH = re.compile(r"^/[a-z0-9-]+$")
# A term page's system path (the redirect module sends it to the term's alias).
TERM_PATH = re.compile(r"^/taxonomy/term/\d+$")
# Navigation chrome (menus, header, footer): where a theme puts links to listings and pages.
CHROME = "ancestor::nav or ancestor::header or ancestor::footer or ancestor::*[@role='navigation']"
# Every link of a page outside the navigation chrome (theme-independent: no class names).
CONTENT_LINKS_XPATH = f"//body//a[not({CHROME})]/@href"
# Every link of a page outside its header and footer: where attachments are looked for (a
# theme may list a resource's files in a <nav>, as Bulma's panel does).
ATTACHMENT_LINKS_XPATH = "//body//a[not(ancestor::header or ancestor::footer)]/@href"
# Links of the navigation chrome.
NAV_LINKS_XPATH = f"//body//a[{CHROME}]/@href"
# Title links of listed items: links inside a heading below h1, links wrapping one (a card
# made one block link: Ghost's post cards), or marked rel=bookmark, outside the chrome and side
# blocks (whatever the theme calls them).
SUB_HEADING = "self::h2 or self::h3 or self::h4 or self::h5"
ITEM_LINKS_XPATH = (
    f"//body//*[{SUB_HEADING}]//a[not({CHROME}) and not(ancestor::aside)]/@href"
    f" | //body//a[descendant::*[{SUB_HEADING}] and not({CHROME}) and not(ancestor::aside)]/@href"
    f" | //body//a[contains(concat(' ', @rel, ' '), ' bookmark ') and not({CHROME})"
    " and not(ancestor::aside)]/@href"
)
# Links outside the chrome and side blocks, with their texts (read-more links among them).
CONTENT_ANCHORS_XPATH = f"//body//a[not({CHROME}) and not(ancestor::aside)]"
# Drupal's head link naming the page's entity (node or term) whatever the theme.
SHORTLINK_XPATH = "//head/link[@rel='shortlink']/@href"
# Body classes Drupal themes give node pages (D8+ "path-node", "page-node-…"; D7 "node-type-…").
NODE_BODY_CLASS = re.compile(r"\b(?:path-node|page-node|node-type-)")
# A page with this many distinct item title links to other nodes is a listing.
LISTING_MIN_ITEMS = 2
# Cards of a theme that puts item titles in no heading: this many sibling blocks of one tag and
# class, outside the chrome, each leading with a link to a node page, are the items of a listing.
CARD_MIN_ITEMS = 3
# The elements a theme wraps listed items in, and those whose classes tell rows apart (Drupal's
# odd / even table rows): CARD_TAGS and UNCLASSED_CARDS, the extraction's own (cards.py).
IS_CARD_TAG = " or ".join(f"self::{tag}" for tag in sorted(CARD_TAGS))  # XPath: one of them
# A page the navigation leads to, or one known to be a listing, may list fewer (a category's
# last page): two cards are enough when each shows more than its links.
NAV_CARD_MIN_ITEMS = 2
# Text a listing may show between its title and its first item (an introduction to the term).
INTRO_CHARS = 300


def card_parents_xpath(least: int) -> str:
    """Elements outside the chrome holding `least` or more blocks that may be cards."""
    return f"//body//*[not({CHROME}) and not(ancestor::aside)][count(*[{IS_CARD_TAG}]) >= {least}]"


# Attachments worth keeping in the raw layer (documents, not theme images).
DOCUMENT_PATH = re.compile(
    r"^/(?:sites/[^/]+/files|system/files)/.+\.(?:pdf|docx?|odt|xlsx?|ods|pptx?|odp|zip)$",
    re.IGNORECASE,
)


class LinkJudge(Protocol):
    """What listing_items needs of the spider: its link tests."""

    def site_link(self, href: str | None, base: str) -> str | None: ...

    def is_item_link(self, url: str) -> bool: ...

    def is_node_link(self, url: str) -> bool: ...


def drop_first_page(query: str) -> str:
    """Query string without tracking keys and Drupal's first page (`page=0`, `page=0,0`)."""
    return clean_query(query)


def page_number(url: str) -> int | None:
    """Drupal pager index (0-based) of a URL, None when it has no numeric `page` parameter."""
    return pager_number(url)


def normalise_path(path: str) -> str:
    """Path without its trailing slash ("/ressources/" -> "/ressources"), "/" for the root."""
    return path.rstrip("/") or "/"


def is_excluded_path(path: str) -> bool:
    """True for account, vocabulary, search, admin and comment paths."""
    first_segment = path.lstrip("/").split("/", 1)[0].lower()
    return first_segment in EXCLUDED_FIRST_SEGMENTS


def listing_items(
    response: HtmlResponse, spider: LinkJudge, least_cards: int = CARD_MIN_ITEMS
) -> tuple[str, ...]:
    """The item title links to node pages a listing page shows, in order (what "the same
    page" means): links in headings or marked rel=bookmark, whatever the theme's classes;
    else the links of `least_cards` or more cards."""
    base = get_base_url(response)
    urls = (spider.site_link(href, base=base) for href in response.xpath(ITEM_LINKS_XPATH).getall())
    found = tuple(dict.fromkeys(u for u in urls if u is not None and spider.is_item_link(u)))
    if len(found) >= LISTING_MIN_ITEMS:
        return found
    return card_items(response, spider, least_cards) or read_more_items(response, spider) or found


def read_more_items(response: HtmlResponse, spider: LinkJudge) -> tuple[str, ...]:
    """The read-more links ("Lire la suite ›") of a listing whose teasers title their items in
    no link, each after its item's unlinked heading (as the extraction's
    rtes_core.extract.listing.link_titles_to_read_more): `LISTING_MIN_ITEMS` or more distinct
    ones, else none (a body's one "En savoir plus" makes no listing)."""
    base = get_base_url(response)
    urls = (
        spider.site_link(a.attrib.get("href"), base=base)
        for a in response.xpath(CONTENT_ANCHORS_XPATH)
        if is_read_more(" ".join(a.xpath(".//text()").getall()))
        and title_before_read_more(a.root) is not None
    )
    found = tuple(dict.fromkeys(u for u in urls if u is not None and spider.is_item_link(u)))
    return found if len(found) >= LISTING_MIN_ITEMS else ()


def shows_related_only(response: HtmlResponse) -> bool:
    """Whether the page's title links all stand in blocks of teasers of other pages inside a
    node that shows its own fields or date line (rtes_core.extract.noise.node_with_related):
    a node page with its "À lire aussi", not a listing."""
    body = response.xpath("//body")
    return bool(body) and node_with_related(body[0].root)


def card_items(
    response: HtmlResponse, spider: LinkJudge, least: int = CARD_MIN_ITEMS
) -> tuple[str, ...]:
    """The first links of repeated sibling blocks (same tag and class) that each lead with a
    link to a node page: the items of a listing whose theme puts titles in no heading."""
    base = get_base_url(response)
    for parent in response.xpath(card_parents_xpath(least)):
        groups: dict[tuple[str, str], list[str]] = {}
        for child in parent.xpath("./*"):
            tag = child.xpath("name()").get()
            if tag not in CARD_TAGS:
                continue
            # a list item, or one of only two cards, must show more than a link (menus do not);
            # one of two must lead with its link (after a date at most): its title, not a
            # field's link inside an item whose title links nowhere; a table row's text is in
            # short cells (a date, a type): its date marks it as an item, however many rows
            if tag in UNCLASSED_CARDS:
                if not carries_item_marks(child.root, base):
                    continue
            elif (tag == "li" or least < CARD_MIN_ITEMS) and not shows_more_than_links(child.root):
                continue
            if least < CARD_MIN_ITEMS and not leads_with_link(child.root):
                continue
            first = spider.site_link(child.xpath(".//a/@href").get(), base)
            if first is not None and spider.is_node_link(first):
                kind = "" if tag in UNCLASSED_CARDS else child.xpath("@class").get() or ""
                groups.setdefault((tag, kind), []).append(first)
        for links in groups.values():
            unique = tuple(dict.fromkeys(links))
            if len(unique) >= least:
                return unique
    return ()


def lone_card_item(response: HtmlResponse, spider: LinkJudge) -> str | None:
    """The title link of the one card a page shows outside its chrome, when that card leads
    with its link to a node page and shows labelled fields of its own (a region listing of one
    member), or carries an item's marks right under the page's title (a category of one item);
    None for any other page. Asked only of pages a menu links."""
    base = get_base_url(response)
    found = set()
    for parent in response.xpath(card_parents_xpath(1)):
        for child in parent.xpath("./*"):
            card = child.root
            if child.xpath("name()").get() not in CARD_TAGS or not leads_with_link(card):
                continue
            if not (
                shows_fields(card) or (follows_page_title(card) and carries_item_marks(card, base))
            ):
                continue
            first = spider.site_link(child.xpath(".//a/@href").get(), base)
            if first is not None and spider.is_node_link(first):
                found.add(first)
    return found.pop() if len(found) == 1 else None


def follows_page_title(card: Any) -> bool:
    """Whether the card stands under the page's title, with at most INTRO_CHARS of text between
    them (a listing's introduction): a node's own body would stand there."""
    title = card.xpath("preceding::h1[normalize-space()][1]")
    if not title:
        return False
    between = 0
    for piece in title[0].xpath("following::text()[normalize-space()]"):
        holder = piece.getparent()
        if holder is card or card in holder.iterancestors():
            return True
        between += len(piece.strip())
        if between > INTRO_CHARS:
            return False
    return False


def unique_links(hrefs: Iterable[str]) -> list[str]:
    """Links in page order without repeats (pager blocks list "next" and "2" alike)."""
    return list(dict.fromkeys(href.strip() for href in hrefs))
