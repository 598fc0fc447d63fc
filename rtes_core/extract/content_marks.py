"""What marks an element that looks like page furniture as holding the page's own content:
its title, a field label, a date line, an item's linked heading, a section's heading. Read by
the chrome stripping of a theme never seen (rtes_core/extract/noise.py) and by the cards and
related-teaser rules."""

from __future__ import annotations

import re
from itertools import chain

from rtes_core.dates import is_bare_date
from rtes_core.extract.blocks import is_date_line, text, text_blocks
from rtes_core.extract.dom import CHROME_TAGS, SUB_HEADINGS, Element, first, is_element, tokens
from rtes_core.extract.labels import LABEL_TAGS, inline_label, label_column
from rtes_core.extract.links import url_path

# A class naming a block a header ("card-header", "entry-header", "site-header").
HEADER_TOKEN = re.compile(r"(?:^|[-_])header(?:[-_]|$)", re.IGNORECASE)
# Furniture whose first elements show no label is furniture: labels are searched this far.
MAX_LABEL_CANDIDATES = 400
# A date line stands among the first blocks of the content it dates.
MAX_DATE_LINE_BLOCKS = 20


def holds_content(el: Element) -> bool:
    """Whether a chrome-looking element holds the page's own content (title, fields, date line,
    an item's linked title, a section's heading)."""
    if el.tag == "h1" or first(el, "h1") is not None:
        return True
    return (
        _heads_an_item(el)
        or _heads_a_section(el)
        or _dates_the_title(el)
        or shows_fields_or_date(el)
    )


def _dates_the_title(el: Element) -> bool:
    """A block just after the page's <h1> showing a bare date and nothing else (Blogger's
    `post-header` under the post's title: "22 juillet 2013", in a `post-header-line-1`),
    or the only text of such a block: the post's date, not a header."""
    shown = text(el)
    if not is_bare_date(shown):
        return False
    block = el
    while (parent := block.getparent()) is not None and text(parent) == shown:
        block = parent
    before = next((s for s in block.itersiblings(preceding=True) if is_element(s)), None)
    return before is not None and before.tag == "h1"


def _heads_a_section(el: Element) -> bool:
    """A `<header>` holding one sub-heading and nothing else, no link (TYPO3's
    `<header><h2>Contexte</h2></header>` over a text element): a section's title, not the
    site's header (a logo, a menu, links)."""
    if el.tag != "header" or first(el, "a") is not None:
        return False
    headings = list(el.iterdescendants(*SUB_HEADINGS))
    return len(headings) == 1 and text(headings[0]) == text(el) != ""


def _heads_an_item(el: Element) -> bool:
    """A block whose class names it a header (a card's `card-header`), not a `<header>`, that
    holds a heading linking to a page other than the home page: an item's title, where a
    site's header heading links home."""
    if el.tag in CHROME_TAGS or not any(HEADER_TOKEN.search(t) for t in tokens(el)):
        return False
    return any(
        url_path(a.get("href") or "") not in (None, "", "/")
        for heading in el.iterdescendants(*SUB_HEADINGS)
        for a in heading.iter("a")
    )


def shows_fields_or_date(el: Element) -> bool:
    """Whether the element shows a field label or, among its first blocks, a date line (a
    card's `card-header` may be the label itself)."""
    if field_labels_shown(el, 1):
        return True
    if el.tag in SUB_HEADINGS and is_bare_date(text(el)):
        return True  # a date set as a heading (Blogger's date-header): the post's date
    return any(is_date_line(t) for t in text_blocks(el)[:MAX_DATE_LINE_BLOCKS])


def field_labels_shown(el: Element, enough: int) -> bool:
    """Whether the element shows `enough` distinct field labels (within its first
    MAX_LABEL_CANDIDATES label-like elements)."""
    columns: set[str] = set()
    for n, candidate in enumerate(chain((el,), el.iterdescendants(*LABEL_TAGS))):
        if n >= MAX_LABEL_CANDIDATES:
            break
        column = label_column(candidate) or ((inline_label(candidate) or (None,))[0])
        if column:
            columns.add(column)
            if len(columns) >= enough:
                return True
    return False
