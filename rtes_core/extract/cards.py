"""Listings of a theme that titles its items in no heading: repeated sibling blocks (the same
tag and class) that each hold a link to a page of their own, the way the crawl's discovery
reads them (spiders/discovery.py, card_items)."""

from __future__ import annotations

from rtes_core import dates
from rtes_core.extract.blocks import BARE_DATE_BLOCKS, is_opening_date_line, text, text_blocks
from rtes_core.extract.content_marks import holds_content
from rtes_core.extract.dom import (
    SUB_HEADINGS,
    Element,
    detached_copy,
    first,
    is_element,
    new_element,
    remove,
)
from rtes_core.extract.labels import LABEL_TAGS, inline_label, label_column
from rtes_core.extract.links import is_internal, url_path
from rtes_core.extract.teaser import shows_teaser_text
from rtes_core.urls import is_file_path

# The blocks a theme repeats per item (a table row: a views table's title / date / type row).
CARD_TAGS = frozenset({"div", "li", "article", "section", "tr"})
# Blocks whose classes tell rows apart, not kinds (Drupal's odd / even table rows); their
# short cells give no text to tell an item by, so each must carry an item's marks (a date).
UNCLASSED_CARDS = frozenset({"tr"})
# A group of fewer blocks is no listing (two cards side by side are a layout, not a list), unless
# the crawl found the page as a listing (its last page may show two items) and each carries an
# item's marks (a date line, a field label),
CARD_MIN_ITEMS = 3
CARD_MIN_ITEMS_ON_A_LISTING = 2
# ... or unless each of them shows this many labelled fields of its own (a region listing of
# two members): no layout repeats field blocks beside a page's own content.
CARD_FIELD_LABELS = 2
# A list item is a card only when it shows this much text outside its links (a list of links
# alone is a menu or a "see also" block), here and in the crawl's discovery.
CARD_OWN_TEXT_CHARS = 40


def _title_link(card: Element, base_url: str, page_path: str | None) -> Element | None:
    """The card's first link with text to another page of the site (its title; a document's
    link is an attachment, not an item)."""
    for a in card.iter("a"):
        href = a.get("href")
        path = url_path(href, base_url) if href else None
        if (
            path
            and path != page_path
            and not is_file_path(path)
            and "".join(a.itertext()).strip()
            and is_internal(href, base_url)
        ):
            return a
    return None


def _groups(
    parent: Element, base_url: str, page_path: str | None, short_items: bool = False
) -> list[list[Element]]:
    """The parent's children that hold a title link, by tag and first class (the items of a
    listing share it, whatever the classes that tell their kinds apart). `short_items`: list
    items showing little more than their link count too (a related box's title and date)."""
    groups: dict[tuple[str, ...], list[Element]] = {}
    for child in parent:
        if is_element(child) and child.tag in CARD_TAGS:
            if child.tag == "li" and not short_items and not shows_more_than_links(child):
                continue  # a list of links (a sidebar's "À la une", a menu): no cards
            if child.tag in UNCLASSED_CARDS and not carries_item_marks(child, base_url):
                continue  # a table row names an item by its date (a body's table of links: no)
            if _title_link(child, base_url, page_path) is not None:
                first_class = (
                    [] if child.tag in UNCLASSED_CARDS else (child.get("class") or "").split()[:1]
                )
                groups.setdefault((child.tag, *first_class), []).append(child)
    return list(groups.values())


def as_block(copy: Element) -> Element:
    """An item copied out of a list (`<ul><li>…</li></ul>` items) as a plain block: its text is
    the item's, not a bullet line ("- Publié le …" would hide the date line)."""
    if copy.tag == "li":
        copy.tag = "div"
    return copy


def _as_item(card: Element, base_url: str, page_path: str | None) -> Element:
    """A copy of the card whose title link stands in a heading, as a linked-heading item's."""
    item = as_block(detached_copy(card))
    link = _title_link(item, base_url, page_path)
    if link is not None:
        heading = new_element("h2")
        link.addprevious(heading)
        heading.append(link)  # a moved element takes its tail along: give it to the heading
        heading.tail, link.tail = link.tail, None
    return item


def card_items(root: Element, base_url: str, on_a_listing: bool = False) -> list[Element]:
    """The first group of enough cards linking to distinct pages, as items: CARD_MIN_ITEMS, or
    two that each carry an item's marks on a page the crawl found as a listing, or two that
    each show labelled fields on any page."""
    page_path = url_path(base_url)
    for parent in root.iter():
        for cards in _groups(parent, base_url, page_path):
            targets = {
                url_path(_title_link(c, base_url, page_path).get("href"), base_url) for c in cards
            }
            if len(targets) < len(cards) or len(cards) < CARD_MIN_ITEMS_ON_A_LISTING:
                continue
            if len(cards) >= CARD_MIN_ITEMS and (on_a_listing or all(map(leads_with_link, cards))):
                # (off a listing, widgets of a page linking somewhere in their text are no cards)
                return [_as_item(card, base_url, page_path) for card in cards]
            if on_a_listing:
                items = [_as_item(card, base_url, page_path) for card in cards]
                if all(_marked_item(item, base_url) for item in items):
                    return items
            elif all(shows_fields(c) and leads_with_link(c) for c in cards) and not any(
                first(c, "h1") is not None for c in cards
            ):
                # (a column holding the page's <h1> is the page's own text beside its fields;
                # columns opening with a label, a link only inside, are the page's own too)
                return [_as_item(card, base_url, page_path) for card in cards]
    return _lone_card(root, base_url, page_path) if on_a_listing else []


def _lone_card(root: Element, base_url: str, page_path: str | None) -> list[Element]:
    """The one item of a listing page that shows a single card (a category's last page, a
    region of one member): the innermost block that leads with its title link and carries an
    item's marks; [] unless exactly one title link is shown so. A block of the layout that
    leads with a link (a logo, a menu) carries no item's marks, so it is not counted."""
    # title link -> (that link, the innermost item): root.iter() goes downwards. The link is
    # held so that its id() stays its own (lxml makes a new proxy for an element not held).
    found: dict[int, tuple[Element, Element, Element]] = {}
    for parent in root.iter():
        for cards in _groups(parent, base_url, page_path):
            if len(cards) == 1 and leads_with_link(cards[0]):
                item = _as_item(cards[0], base_url, page_path)
                link = _title_link(cards[0], base_url, page_path)
                if link is not None and _marked_item(item, base_url):
                    found[id(link)] = (link, cards[0], item)
    # a block inside a card titled outside it is that card's text (its date and byline links)
    cards = [card for _, card, _ in found.values()]
    lone = [
        item
        for _, card, item in found.values()
        if not any(other is not card and other in card.iterancestors() for other in cards)
    ]
    return lone if len(lone) == 1 else []


def leads_with_link(card: Element) -> bool:
    """Whether the card's first text is a link's, a date at most before it (its title, not a
    field's link inside an item whose title links nowhere). The crawl's discovery asks it too."""
    for piece in card.xpath(".//text()[normalize-space()]"):
        holder = piece.getparent()
        chain = list(holder.iterancestors()) if piece.is_tail else [holder, *holder.iterancestors()]
        if any(el.tag == "a" for el in chain):
            return True
        if not (dates.is_date_line(piece) or dates.is_bare_date(piece)):
            return False
    return False


def carries_item_marks(item: Element, base_url: str) -> bool:
    """A date line (or a bare date among its first blocks, where an item states its date), a
    field label, or a teaser's read-more link or cut lead: what a listed item shows."""
    return (
        holds_content(item)
        or shows_teaser_text(item, base_url)
        or any(
            is_opening_date_line(line, n)
            for n, line in enumerate(text_blocks(item)[:BARE_DATE_BLOCKS])
        )
    )


def _marked_item(item: Element, base_url: str) -> bool:
    """An item that carries an item's marks (carries_item_marks) and not the page's own
    title: two blocks of a page's layout (its content and its footer) are no pair of items."""
    return first(item, "h1") is None and carries_item_marks(item, base_url)


def shows_more_than_links(card: Element) -> bool:
    """Whether the card shows CARD_OWN_TEXT_CHARS of text outside its links (a date, a lead):
    a menu's or a "see also" list's blocks show links only. The crawl's discovery asks it too."""
    own = card.xpath(".//text()[not(ancestor::a)]")
    return len(" ".join(" ".join(own).split())) >= CARD_OWN_TEXT_CHARS


def shows_fields(card: Element) -> bool:
    """Whether the card shows CARD_FIELD_LABELS labelled fields (label elements or "Label :").
    The crawl's discovery asks it too."""
    labels = 0
    for el in card.iterdescendants(*LABEL_TAGS):
        if label_column(el) or inline_label(el):
            labels += 1
            if labels >= CARD_FIELD_LABELS:
                return True
    return False


def is_related_teaser(card: Element, base_url: str) -> bool:
    """A block that shows another page's linked title and its date, nothing else: a teaser of a
    "Articles similaires" / "Sur le même thème" box (a listing's item shows a lead or fields)."""
    link = _title_link(card, base_url, url_path(base_url))
    if link is None:
        return False
    rest = [t for t in text_blocks(card) if t != text(link)]
    return bool(rest) and all(is_opening_date_line(t, 0) for t in rest)


def strip_related_cards(region: Element, base_url: str) -> int:
    """Remove the groups of related teasers (CARD_MIN_ITEMS_ON_A_LISTING or more sibling blocks,
    each another page's title and date: is_related_teaser) inside a page's one item, with the
    box that holds them and its heading ("Articles similaires"): they are no part of its text,
    nor a listing. How many groups it removed."""
    page_path = url_path(base_url)
    removed = 0
    for parent in list(region.iter()):
        if sum(1 for child in parent if child.tag in CARD_TAGS) < CARD_MIN_ITEMS_ON_A_LISTING:
            continue  # too few blocks to hold a group (most elements: read no further)
        if parent is not region and region not in parent.iterancestors():
            continue  # inside a group removed already
        for cards in _groups(parent, base_url, page_path, short_items=True):
            if len(cards) < CARD_MIN_ITEMS_ON_A_LISTING:
                continue
            if not all(is_related_teaser(card, base_url) for card in cards):
                continue
            for card in cards:
                remove(card)
            removed += 1
            box = parent
            while box.getparent() is not None and box.getparent() is not region:
                if not _shows_only_headings(box.getparent()):
                    break
                box = box.getparent()
            if box is not region and _shows_only_headings(box):
                remove(box)
    return removed


def _shows_only_headings(el: Element) -> bool:
    """Whether the element's text is headings only (or none): a box's title left alone."""
    headings = {text(h) for h in el.iterdescendants(*SUB_HEADINGS)}
    return all(t in headings for t in text_blocks(el))
