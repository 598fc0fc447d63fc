"""Listings of a theme without node markup: items split at their linked headings; the term a
category listing lists."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rtes_core.extract.blocks import BLOCK_TAGS, is_opening_date_line, text
from rtes_core.extract.cards import as_block, card_items, carries_item_marks
from rtes_core.extract.dom import (
    SUB_HEADINGS,
    Element,
    append_text,
    detached_copy,
    first,
    first_link,
    first_with_attribute,
    in_hidden_text,
    is_element,
    new_element,
)
from rtes_core.extract.links import TERM_PATH, is_internal, url_path
from rtes_core.extract.noise import page_title_heading
from rtes_core.extract.records import GENERIC_LISTING_TITLES, fold_label
from rtes_core.extract.teaser import is_read_more
from rtes_core.text import comparison_key
from rtes_core.urls import is_file_path

# Linked headings that start listing items, in a theme whose items have no node markup (any
# level below the page title: a theme may title its items <h4>).
ITEM_HEADINGS = SUB_HEADINGS
MIN_LISTING_ITEMS = 2
# What a CMS puts before a term page's name in its title (WordPress: "Catégorie : Alimentation",
# "Archives : …", "Étiquette : PTCE"; "Category: …" untranslated).
ARCHIVE_PREFIX = re.compile(
    r"^\s*(?:cat[ée]gor(?:ie|y)|archives?|[ée]tiquette|tag|th[ée]matique|rubrique)\s*:\s*",
    re.IGNORECASE,
)
# A word of each opening teaser.READ_MORE_TEXT knows ("savoir" holds "voir"): a link's text
# without any of them is no read-more link, whatever its markup.
READ_MORE_WORDS = ("lire", "voir", "read", "continue")


@dataclass
class TextNode:
    """A text between elements: its container's own text, or the text after an element."""

    value: str
    owner: Element
    is_tail: bool


Node = Element | TextNode


def _children(container: Element) -> list[Node]:
    out: list[Node] = [TextNode(container.text, container, False)] if container.text else []
    for child in container:
        out.append(child)
        if child.tail:
            out.append(TextNode(child.tail, child, True))
    return out


def _is_lead(node: Node) -> bool:
    """What stands before an item's title: its lead image (no text) or its date line."""
    if isinstance(node, TextNode):
        return not node.value.strip()
    if not is_element(node):  # a comment
        return not (node.text or "").strip()
    shown = text(node)
    if not shown:
        return first(node, "img") is not None
    return is_opening_date_line(shown, 0)  # before the item's title: where its date stands


def _lowest_common_ancestor(tags: list[Element]) -> Element | None:
    chains = [[tag, *tag.iterancestors()] for tag in tags]
    common = set(map(id, chains[0]))
    for chain in chains[1:]:
        common &= set(map(id, chain))
    return next((el for el in chains[0] if id(el) in common), None)


def _top(head: Element, container: Element) -> Element:
    """The child of `container` that holds the heading."""
    if head.getparent() is container:
        return head
    return next(p for p in head.iterancestors() if p.getparent() is container)


def _linked_headings(root: Element, base_url: str, least: int) -> list[Element]:
    """Headings linking to another page of the site, of the heading level most used (an <h1>
    too when it links to another page: Squarespace titles a blog list's items so; a page's own
    title links nowhere or to itself)."""
    own = url_path(base_url)
    heads = [
        h
        for h in root.iterdescendants(*ITEM_HEADINGS, "h1")
        if (a := first_with_attribute(h, "href", "a")) is not None
        and is_internal(a.get("href"), base_url)
        and not is_file_path(url_path(a.get("href"), base_url) or "")  # an attachment's link
        and (h.tag != "h1" or url_path(a.get("href"), base_url) not in (own, "/"))
    ]
    if len(heads) < least:
        return []
    name = Counter(h.tag for h in heads).most_common(1)[0][0]
    return [h for h in heads if h.tag == name]


def _segments(container: Element, tops: list[Element]) -> list[list[Node]]:
    """The container's children cut into items: each from its title (with the lead image and
    date line just before it) to the next one; what precedes the first lead is the listing's."""
    top_ids = {id(t) for t in tops}
    segments: list[list[Node]] = []
    pending: list[Node] = []
    for child in _children(container):
        if not isinstance(child, TextNode) and id(child) in top_ids:
            while (
                segments and segments[-1] and _is_lead(segments[-1][-1]) and len(segments[-1]) > 1
            ):
                pending.insert(0, segments[-1].pop())  # the next item's lead image and date line
            segments.append(pending + [child])
            pending = []
        elif segments:
            segments[-1].append(child)
        elif _is_lead(child):
            pending.append(child)
        else:
            pending = []  # the listing's own title and introduction
    return segments


def _item_copies(segments: list[list[Node]], hidden: bool) -> list[Element]:
    """Each segment copied into an item element of its own (a <template> when it comes from
    hidden text, so that its text stays hidden). The page itself is left whole: a page that
    turns out not to be a listing keeps its sections under linked headings."""
    item_tag = "template" if hidden else "div"
    items = []
    for segment in segments:
        item = new_element(item_tag)
        for node in segment:
            if isinstance(node, TextNode):
                append_text(item, node.value)
            else:
                item.append(as_block(detached_copy(node)))
        items.append(item)
    return items


def listing_items(root: Element, base_url: str, on_a_listing: bool = False) -> list[Element]:
    """A listing of a theme without node markup, split into items at its linked headings (else
    its repeated cards: rtes_core/extract/cards.py).

    Items render one after another with no separator, so an item runs from its heading (with the
    lead image and date line just before it) to the next one; [] when there are fewer than two."""
    heads = _linked_headings(root, base_url, 1 if on_a_listing else MIN_LISTING_ITEMS)
    if len(heads) == 1:  # a listing's last page may show one item
        return _lone_item(heads[0], root, base_url)
    container = _lowest_common_ancestor(heads) if heads else None
    if container is None:
        return card_items(root, base_url, on_a_listing)  # items titled in no heading
    tops = [_top(head, container) for head in heads]
    if len({id(t) for t in tops}) < len(tops):
        tops = _repeated_blocks(tops)
        if not tops:
            return []  # two titles in one block that is no repeated item: not a listing
    return _item_copies(_segments(container, tops), in_hidden_text(container))


def _repeated_blocks(tops: list[Element]) -> list[Element]:
    """The distinct blocks holding the linked headings, when they are one repeated item block
    (one tag and first class: a news list's items, some with a linked heading in their text
    too); [] otherwise."""
    distinct = list({id(t): t for t in tops}.values())
    shapes = {(t.tag, *(t.get("class") or "").split()[:1]) for t in distinct}
    return distinct if len(distinct) >= MIN_LISTING_ITEMS and len(shapes) == 1 else []


def _lone_item(head: Element, root: Element, base_url: str) -> list[Element]:
    """The one item of a listing page titled by `head`: from its lead to the end of the
    smallest element holding more than the heading; [] unless it carries what marks an item
    (a date line, a field label, a teaser's mark), so a linked heading in a sidebar is none."""
    title = text(head)
    box = next((el for el in head.iterancestors() if len(text(el)) > len(title)), None)
    if box is None or (box is not root and root not in box.iterancestors()):
        return card_items(root, base_url, True)
    items = _item_copies(_segments(box, [_top(head, box)]), in_hidden_text(box))
    return items if items and carries_item_marks(items[0], base_url) else []


def looks_like_listing(items: list[Element], base_url: str) -> bool:
    """Items that each carry a date line, a field label or a teaser's read-more link or cut lead:
    a listing, not linked headings in a body."""
    return sum(1 for item in items if carries_item_marks(item, base_url)) >= MIN_LISTING_ITEMS


def listing_term(root: Element, url: str, page_kind: str) -> str | None:
    """The term a category listing lists: its <h1>, when the page is a taxonomy term page
    (shortlink or canonical /taxonomy/term/N, or a listing the crawl found at a term's slug)."""
    links = [first_link(root, rel) for rel in ("shortlink", "canonical")]
    term_page = any(
        link is not None and TERM_PATH.match(url_path(link.get("href"), url) or "")
        for link in links
    )
    if not term_page and page_kind != "listing" and not TERM_PATH.match(url_path(url) or ""):
        return None
    h1 = page_title_heading(root)
    title = ARCHIVE_PREFIX.sub("", text(h1)) if h1 is not None else None
    if not title or comparison_key(fold_label(title)) in GENERIC_LISTING_TITLES:
        return None
    return title


def _read_more_links(root: Element, base_url: str) -> list[Element]:
    """Links to a page of the site whose text says "read more". Cheapest test first: reading
    and resolving every link of every page cost a tenth of the process stage."""
    return [
        a
        for a in root.iter("a")
        if _may_read_more(a) and is_read_more(text(a)) and is_internal(a.get("href"), base_url)
    ]


def _may_read_more(link: Element) -> bool:
    """Whether the link's raw text holds a word every READ_MORE_TEXT opening holds."""
    raw = "".join(link.itertext()).casefold()
    return any(word in raw for word in READ_MORE_WORDS)


def title_before_read_more(link: Element) -> Element | None:
    """The unlinked heading (below h1) a read-more link follows, when no other link (but in a
    date line) or heading stands between them (its item's title); None otherwise."""
    for el in reversed(link.xpath("preceding::*")):
        if el.tag in ITEM_HEADINGS:
            return el if first(el, "a") is None else None
        if el.tag == "h1" or (el.tag == "a" and _another_link(el, link)):
            return None
    return None


def _another_link(el: Element, link: Element) -> bool:
    """A link between a title and its read-more link that is not theirs: it goes elsewhere and
    stands in no date line (a date linked to its node, the author's byline)."""
    if el.get("href") is None or el.get("href") == link.get("href"):
        return False
    line = el.getparent()
    while line is not None and line.tag not in BLOCK_TAGS:
        line = line.getparent()
    return line is None or not is_opening_date_line(text(line), 0)


def link_titles_to_read_more(root: Element, base_url: str, on_a_listing: bool) -> None:
    """Teasers whose titles link nowhere, their read-more link being the item's only link: each
    title gets that link (the tree is ours), so the listing splits at its linked headings as
    any other. Only where `MIN_LISTING_ITEMS` such teasers stand (one on a listing page): a
    body's "En savoir plus" after an intertitle is left alone."""
    pairs = [
        (h, a)
        for a in _read_more_links(root, base_url)
        if (h := title_before_read_more(a)) is not None
    ]
    if len({a.get("href") for _, a in pairs}) < (1 if on_a_listing else MIN_LISTING_ITEMS):
        return
    for heading, link in pairs:
        wrapper = new_element("a", heading.text)
        wrapper.set("href", link.get("href"))
        heading.text = None
        for child in list(heading):
            wrapper.append(child)  # (its tail goes along)
        heading.append(wrapper)
