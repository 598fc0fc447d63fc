"""Where a region's resource is and who it is: the regions of a page, title and its link,
node id, canonical path, dates."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from itertools import islice

from lxml import etree

from rtes_core import dates
from rtes_core.extract.blocks import (
    BLOCK_STARTS,
    is_opening_date_line,
    label_text,
    text,
    text_blocks,
)
from rtes_core.extract.classify import is_node
from rtes_core.extract.dom import (
    SUB_HEADINGS,
    Element,
    ancestor,
    ancestors_below,
    contains_same,
    elements,
    first,
    first_link,
    first_with_attribute,
    first_with_class,
    has_class,
    next_element,
)
from rtes_core.extract.links import NODE_PATH, url_path

# Drupal 7 node containers carry their id as `id="node-123"`.
D7_NODE_ID = re.compile(r"^node-(\d+)$")
# A visible date "Publié le 12/05/2016" (bare themes show no machine-readable date).
PUBLISHED_TEXT = re.compile(r"publi[ée]e? le\s+(\d{1,2})/(\d{1,2})/(\d{4})", re.IGNORECASE)
# Head <meta> names of a page's dates (Open Graph articles, Dublin Core).
HEAD_DATE_NAMES = {
    "article:published_time": "published",
    "article:modified_time": "updated",
    "dcterms.date": "published",
    "dcterms.created": "published",
    "dcterms.modified": "updated",
}
# schema.org types whose JSON-LD dates are the page's own (Drupal's Metatag, WordPress's Yoast
# and most CMSs write `<script type="application/ld+json">`): articles first, a WebPage's after.
JSON_LD_TYPES = ("Article", "NewsArticle", "BlogPosting", "Report", "CreativeWork", "WebPage")
# schema.org microdata's date properties (`<meta itemprop="datePublished" content="2021-06-09">`).
MICRODATA_PUBLISHED = frozenset({"datePublished", "dateCreated"})
MICRODATA_UPDATED = frozenset({"dateModified"})
# The word a visible publication date starts with (a quick test before the full pattern).
PUBLI = re.compile(r"publi", re.IGNORECASE)
# ISO date at the start of a datetime attribute.
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# The first elements of a region that may carry the node id (the node, its first wrappers).
NODE_ID_CANDIDATES = 3
# An <article> or node <div> holding this share of the page's links, on a page with at least
# WRAPPER_MIN_LINKS of them, holds the site's menus too: a theme's page wrapper, not a node.
WRAPPER_LINK_SHARE = 0.9
WRAPPER_MIN_LINKS = 15


def parse_date(value: str | None) -> date | None:
    """A date from an ISO datetime attribute or a French 'Publié le dd/mm/yyyy' text."""
    if not value:
        return None
    try:
        if m := ISO_DATE.match(value.strip()):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := PUBLISHED_TEXT.search(value):
            return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None
    return None


def _bookmark_link(scope: Element) -> Element | None:
    """`h2 a[rel=bookmark]`: a permalink inside a second-level heading."""
    return next(
        (
            a
            for a in scope.iterdescendants("a")
            if " ".join((a.get("rel") or "").split()) == "bookmark"
            and ancestor(a, "h2") is not None
        ),
        None,
    )


def _title_candidates(region: Element, root: Element, single: bool) -> Iterator[Element | None]:
    """The title's possible elements, best first (the page's own title first on a detail page)."""
    yield first_with_class(region, ("node__title",))
    yield first_with_class(region, ("node-title",), "h2")
    yield first_with_class(region, ("field--name-title",))
    if single:
        yield first_with_class(root, ("page-title",), "h1")
        yield first(region, "h1")
        yield first(root, "h1")
    yield _bookmark_link(region)
    if not single:
        yield _linked_heading(region)  # a listing item's title links to its page, at any level
    for tag in ("h2", "h3", "h1"):
        yield first(region, tag)


def _linked_heading(region: Element) -> Element | None:
    """The first heading of a listed item that holds a link (an <h1> too: a blog list may
    title its items so)."""
    return next(
        (
            h
            for h in region.iterdescendants("h1", *SUB_HEADINGS)
            if first_with_attribute(h, "href", "a") is not None
        ),
        None,
    )


def title_of(region: Element, root: Element, single: bool) -> tuple[str | None, str | None]:
    """Title text and the path its link points to (listing titles link to the detail page)."""
    for el in _title_candidates(region, root, single):
        if el is not None and (title := text(el)):
            link = el if el.tag == "a" else first_with_attribute(el, "href", "a")
            if link is None:  # a card made one block link around its heading and excerpt
                link = _enclosing_link(el, region)
            href = link.get("href") if link is not None else None
            return title, (url_path(href) if href else None)
    return None, None


def _enclosing_link(el: Element, region: Element) -> Element | None:
    """The link with an href around the element, inside the region."""
    return next(
        (a for a in ancestors_below(el, region) if a.tag == "a" and a.get("href") is not None),
        None,
    )


def is_date_element(el: Element) -> bool:
    """An element carrying a machine-readable publication date: <time datetime>, RDFa dc:date,
    xsd:dateTime, schema.org microdata's datePublished / dateCreated."""
    if el.tag == "time" and el.get("datetime") is not None:
        return el.get("itemprop") not in MICRODATA_UPDATED
    if el.get("content") is None:
        return False
    return (
        "dc:date" in (el.get("property") or "")
        or el.get("datatype") is not None
        or el.get("itemprop") in MICRODATA_PUBLISHED
    )


def microdata_updated(region: Element) -> date | None:
    """The update a node's microdata states (`<meta itemprop="dateModified" content=…>`)."""
    for el in elements(region, "meta", "time"):
        if el.get("itemprop") in MICRODATA_UPDATED:
            if found := parse_date(el.get("content") or el.get("datetime")):
                return found
    return None


def time_stamps(region: Element) -> set[str]:
    """The texts of the blocks that are a <time> and nothing else ("<p><time>9 juin
    2021</time></p>"): the node's date stated by its markup, wherever it stands, so never body
    text. One without datetime gets the one it shows, so that dates_of reads it (the tree is
    ours; the attribute stays for a later reading of the same tree)."""
    stamps: set[str] = set()
    for el in region.iter("time"):
        shown = text(el)
        block = next((a for a in el.iterancestors() if a.tag in BLOCK_STARTS), None)
        if block is None or block is region or text(block) != shown:
            continue
        if el.get("datetime") is None:
            found = dates.first_date(shown) if dates.is_bare_date(shown) else None
            if found is None:
                continue
            el.set("datetime", found.isoformat())
        stamps.add(shown)
    return stamps


def _may_state_publication(region: Element) -> bool:
    """Whether "publi…" appears in the region's text at all (libxml2's concatenation, a cheap
    superset of the joined strings the date pattern reads)."""
    return (
        PUBLI.search(etree.tostring(region, method="text", encoding="unicode", with_tail=False))
        is not None
    )


def dates_of(region: Element, lines: list[str] | None = None) -> tuple[date | None, date | None]:
    """(published, updated): machine-readable dates first, then the visible date lines;
    `lines`: the region's text_blocks when the caller has them already."""
    published = updated = None
    for el in elements(region):
        if is_date_element(el) and (found := parse_date(el.get("datetime") or el.get("content"))):
            published = found
            break
    for position, line in enumerate(text_blocks(region) if lines is None else lines):
        if is_opening_date_line(line, position):
            line_published, line_updated = dates.line_dates(line.removeprefix("- "))
            published, updated = published or line_published, updated or line_updated
    for line in _term_date_lines(region):  # "<dt>Dernière mise à jour</dt><dd>19 mai 2021</dd>"
        line_published, line_updated = dates.line_dates(line)
        published, updated = published or line_published, updated or line_updated
    if published is None and _may_state_publication(region):
        if match := PUBLISHED_TEXT.search(label_text(region)):
            published = parse_date(match[0])
    if published is not None and updated is None:
        updated = microdata_updated(region)
    return published, updated


def _term_date_lines(region: Element) -> list[str]:
    """The date lines a definition list writes as a term and its definition ("Publié le" /
    "2 mai 2021"): each pair read as one line."""
    lines = []
    for dt in region.iter("dt"):
        dd = next_element(dt)
        if dd is not None and dd.tag == "dd":
            line = f"{text(dt)} {text(dd)}"
            if dates.is_date_line(line):
                lines.append(line)
    return lines


def head_dates(root: Element) -> tuple[date | None, date | None]:
    """(published, updated) a page states in its head only (Open Graph's
    `<meta property="article:published_time" content="2021-06-09T10:00:00+02:00">`, Dublin
    Core's, else its JSON-LD's)."""
    head = first(root, "head")
    found = {}
    for meta in head.iter("meta") if head is not None else ():
        if (name := meta.get("property") or meta.get("name")) in HEAD_DATE_NAMES:
            found.setdefault(HEAD_DATE_NAMES[name], parse_date(meta.get("content")))
    if not any(found.values()):
        return json_ld_dates(root)
    return found.get("published"), found.get("updated")


def json_ld_dates(root: Element) -> tuple[date | None, date | None]:
    """(datePublished, dateModified) of the page's JSON-LD node of the first JSON_LD_TYPES type
    that has any (an `@graph` is searched; unreadable JSON is no date)."""
    nodes: list[dict] = []
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            try:
                nodes += _json_ld_nodes(json.loads(script.text))
            except ValueError:
                continue
    for wanted in JSON_LD_TYPES:
        for node in nodes:
            kinds = node.get("@type")
            if wanted in (kinds if isinstance(kinds, list) else [kinds]):
                dated = _iso(node.get("datePublished")), _iso(node.get("dateModified"))
                if dated[0] is not None:
                    return dated
    return None, None


def _json_ld_nodes(value: object) -> list[dict]:
    """The objects of a JSON-LD document: itself, its list's items, its @graph's."""
    if isinstance(value, list):
        return [n for item in value for n in _json_ld_nodes(item)]
    if isinstance(value, dict):
        return [value, *_json_ld_nodes(value.get("@graph", []))]
    return []


def _iso(value: object) -> date | None:
    return parse_date(value) if isinstance(value, str) else None


def node_id_of(region: Element, head_nid: int | None, single: bool) -> int | None:
    for el in [region, *islice(region.iterdescendants("article", "div"), NODE_ID_CANDIDATES)]:
        if (el.get("data-history-node-id") or "").isdigit():
            return int(el.get("data-history-node-id"))
        if m := D7_NODE_ID.match(el.get("id") or ""):
            return int(m[1])
    return head_nid if single else None


def regions(root: Element) -> list[Element]:
    """Elements each holding one rendered resource: a views row, or a node, or an article."""
    links = sum(1 for _ in root.iter("a"))
    nodes = [
        el
        for el in root.iter("article", "div")
        if is_node(el)
        and ancestor(el, "article") is None
        and not (el.tag == "div" and any(has_class(a, ("node",)) for a in el.iterancestors("div")))
        and not _is_page_wrapper(el, links)
    ]
    found: list[Element] = []
    for node in nodes:
        row = next((a for a in node.iterancestors() if has_class(a, ("views-row",))), None)
        single_node = (
            row is not None
            and sum(1 for n in row.iterdescendants("article", "div") if is_node(n)) == 1
        )
        region = row if single_node else node
        if not contains_same(found, region):
            found.append(region)
    return found


def _is_page_wrapper(el: Element, page_links: int) -> bool:
    """A node-like element around the whole page (menus included): not one rendered node."""
    if page_links < WRAPPER_MIN_LINKS:
        return False
    return sum(1 for _ in el.iter("a")) >= WRAPPER_LINK_SHARE * page_links


def head_links(root: Element, base_url: str) -> tuple[str | None, int | None]:
    """The canonical path and the shortlink's node id the page's head declares."""
    canonical = first_link(root, "canonical")
    shortlink = first_link(root, "shortlink")
    path = url_path(canonical.get("href"), base_url) if canonical is not None else None
    m = NODE_PATH.match(url_path(shortlink.get("href")) or "") if shortlink is not None else None
    return path, int(m[1]) if m else None
