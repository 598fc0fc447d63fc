"""Teasers of other pages inside a node ("À lire aussi", "Sur le même thème"), and the links
set before a node's title: neither the node's text nor its dates, nor a listing."""

from __future__ import annotations

import re

from rtes_core.dates import is_bare_date
from rtes_core.extract.blocks import is_date_line, text, text_blocks
from rtes_core.extract.content_marks import MAX_DATE_LINE_BLOCKS, shows_fields_or_date
from rtes_core.extract.dom import (
    SUB_HEADINGS,
    Element,
    ancestors_below,
    detached_copy,
    first,
    is_element,
    next_element,
    remove,
)
from rtes_core.extract.links import TERM_PATH, is_internal, url_path
from rtes_core.extract.noise import attached, own_text_chars
from rtes_core.extract.records import fold_label

# Teasers of other pages inside a node ("À lire aussi", "Sur le même thème"): this many linked
# headings, with nothing but date lines and one heading of the block's own around them.
MIN_RELATED_ITEMS = 2
# A related-pages box's heading (accent-folded): "Voir aussi", "À lire aussi", "Sur le même sujet".
RELATED_HEADING = re.compile(
    r"^(?:voir aussi|a lire aussi|lire aussi|sur le meme (?:sujet|theme)|dans la meme rubrique"
    r"|articles? (?:similaires|lies)|contenus? lies|pages? liees)$"
)
# The separators of a breadcrumb's steps ("Accueil > Ressources > …", "Accueil › …").
CRUMB_SEPARATOR = re.compile(r"\s+[>›»/→|]\s+")
# The separator before a breadcrumb's last step (the page's title).
CRUMB_END = re.compile(r"\s+[>›»/→|]\s*$")
# A breadcrumb's step is a page's name: a title at most this long.
MAX_CRUMB_CHARS = 160


def _is_linked_heading(heading: Element) -> bool:
    """A heading whose whole text is one link's (a teaser's title)."""
    link = first(heading, "a")
    return link is not None and link.get("href") is not None and text(link) == text(heading)


def is_related_list(el: Element) -> bool:
    """Teasers of other pages: linked headings with at most a date line each, and at most one
    unlinked heading of the block's own ("À lire aussi"); no page title, no field label."""
    headings = list(el.iterdescendants(*SUB_HEADINGS))
    titles = {text(h) for h in headings if _is_linked_heading(h)}
    if len(titles) < MIN_RELATED_ITEMS or first(el, "h1") is not None:
        return False
    own = {text(h) for h in headings} - titles
    rest = [
        t
        for t in text_blocks(el)
        if t not in titles and not is_date_line(t) and not is_bare_date(t)
    ]
    return len(rest) <= 1 and set(rest) <= own


def node_with_related(region: Element) -> bool:
    """Whether the region is a node whose linked headings all stand in blocks of teasers of
    other pages ("À lire aussi"), not a listing: without those blocks it has no linked heading
    left, and it still shows its own fields or date line (or bare date)."""
    if len(_linked_headings(region)) < MIN_RELATED_ITEMS:
        return False  # no block of teasers to take out: no copy of the page
    bare = detached_copy(region)
    return (
        strip_related(bare) > 0
        and not any(_is_linked_heading(h) for h in bare.iterdescendants(*SUB_HEADINGS))
        and (
            shows_fields_or_date(bare)
            or any(is_bare_date(t) for t in text_blocks(bare)[:MAX_DATE_LINE_BLOCKS])
        )
    )


def _linked_headings(region: Element) -> list[Element]:
    return [h for h in region.iterdescendants(*SUB_HEADINGS) if _is_linked_heading(h)]


def strip_related(region: Element) -> int:
    """Remove the blocks of teasers of other pages inside the region (outermost first), never
    the region itself: a node's "À lire aussi" is no part of its text. How many it removed."""
    linked = _linked_headings(region)
    if len(linked) < MIN_RELATED_ITEMS:
        return 0
    candidates: dict[int, Element] = {}
    for heading in linked:
        for above in heading.iterancestors():
            if above is region:
                break
            candidates.setdefault(id(above), above)
    removed = 0
    for el in sorted(candidates.values(), key=lambda e: sum(1 for _ in e.iterancestors())):
        if attached(el, region) and is_related_list(el):
            remove(el)
            removed += 1
    return removed


def strip_related_links(region: Element, url: str) -> None:
    """Remove the boxes of links to other pages under a related-pages heading ("Voir aussi"
    over a list whose every item is one link of the site): no part of the node's text."""
    for heading in list(region.iterdescendants(*SUB_HEADINGS)):
        if not RELATED_HEADING.match(fold_label(text(heading))):
            continue
        links = next_element(heading)
        if links is None or links.tag not in ("ul", "ol") or not _each_one_link(links, url):
            continue
        box = heading.getparent()
        if box is not region and [c for c in box if is_element(c)] == [heading, links]:
            remove(box)
        else:
            remove(links)
            remove(heading)


def _each_one_link(items: Element, url: str) -> bool:
    """Whether every item of the list is one link to a page of the site, and nothing else."""
    entries = [li for li in items if is_element(li)]
    return len(entries) >= MIN_RELATED_ITEMS and all(
        (a := first(li, "a")) is not None
        and text(a) == text(li)
        and is_internal(a.get("href") or "", url)
        for li in entries
    )


def strip_title_badges(region: Element, title: str | None) -> None:
    """Remove the blocks of links alone set before the node's title (a category badge, a
    breadcrumb written without its chrome's names): they name other pages, not this one's text.
    Only before the title's heading: a lead image (no text) and a date line (text) stay, and
    so do links to taxonomy term pages alone (MkDocs Material's tags over the title: the node's
    own terms, which body.take_term_links reads)."""
    heading = next(
        (h for h in region.iter("h1", *SUB_HEADINGS) if title and text(h) == title), None
    )
    if heading is None:
        return
    for el in [heading, *ancestors_below(heading, region)]:
        for before in list(el.itersiblings(preceding=True)):
            if (_links_only(before) and not _term_links_only(before)) or _is_breadcrumb(
                before, title
            ):
                remove(before)


def _links_only(el: Element) -> bool:
    """An element showing text, all of it inside links."""
    return (
        is_element(el) and first(el, "a") is not None and bool(text(el)) and own_text_chars(el) == 0
    )


def _term_links_only(el: Element) -> bool:
    """Whether every link of the element leads to a taxonomy term page (`/taxonomy/term/N`)."""
    return all(TERM_PATH.match(url_path(a.get("href") or "") or "") for a in el.iter("a"))


def _is_breadcrumb(el: Element, title: str | None) -> bool:
    """A breadcrumb written in the content before the title: steps set apart by ">" or "›",
    the first a link to the site's home, the last the page's own title."""
    if not title or not is_element(el) or (home := first(el, "a")) is None:
        return False
    shown = text(el)
    if not shown.endswith(title) or not (last := CRUMB_END.search(shown[: -len(title)])):
        return False
    steps = CRUMB_SEPARATOR.split(shown[: last.start()])  # (the title may hold a "»" itself)
    return (
        url_path(home.get("href") or "") in ("", "/")
        and steps[0] == text(home)
        and all(0 < len(step) <= MAX_CRUMB_CHARS for step in steps)
    )
