"""Teasers: a listing's short rendering of a node (its title link, a lead cut short, a read-more
link). A teaser names its node and says the listing lists it; its text is not the node's text,
so it never gives a record its body, summary or fields.

Decided by what the item shows, never by a theme's class names: a read-more link, or nothing
but a lead cut with an ellipsis, or nothing but the title (or, in a listing table's row, short
cells beside it).
"""

from __future__ import annotations

import re
from enum import Enum

from rtes_core.extract.blocks import is_opening_date_line, text, text_blocks
from rtes_core.extract.dom import SUB_HEADINGS, Element, first_with_attribute
from rtes_core.extract.links import url_path
from rtes_core.extract.records import fold_head

# The text of a read-more link (folded): "Lire la suite (de <titre>)", "En savoir plus", … It
# counts only when it links to the item's own node (a body's "En savoir plus" links elsewhere).
READ_MORE_TEXT = re.compile(
    r"^(lire la suite|lire plus|voir la suite|en savoir plus|read more|continue reading)"
    r"\b"
)
# A lead cut short: it ends with an ellipsis ("…" or "..."), bracketed or not ("[…]", "(...)").
CUT_LEAD = re.compile(r"(…|\.\.\.)\s*[\])]?$")
# A teaser shows one lead (with at most a tag or subtitle line before it): an item with more
# text blocks than this, besides its title and date lines, is rendered in full.
MAX_TEASER_BLOCKS = 2
# ... or one lead and, around it, at most this many short lines (badges, tags) this long.
MAX_BADGE_LINES = 4
MAX_BADGE_CHARS = 60
# READ_MORE_TEXT reads a text's first 17 folded characters: only its beginning is folded.
READ_MORE_SCAN_CHARS = 64


class TeaserMark(Enum):
    """Why an item is a teaser."""

    READ_MORE = "read_more"  # a link whose text says "read more"
    CUT_LEAD = "cut_lead"  # no text but a short lead ending with an ellipsis
    TITLE_ONLY = "title_only"  # no text at all besides its title and date
    TABLE_ROW = "table_row"  # a row of a listing table: its title, date and short cells


def is_read_more(link_text: str) -> bool:
    """A link text that says "read more" ("Lire la suite ›", "En savoir plus")."""
    return bool(READ_MORE_TEXT.match(fold_head(link_text, READ_MORE_SCAN_CHARS)))


def _own_texts(region: Element, title: str | None, lines: list[str] | None) -> list[str]:
    """The item's text blocks besides its title, date lines and read-more links."""
    return [
        t
        for n, t in enumerate(text_blocks(region) if lines is None else lines)
        if t != title and not is_opening_date_line(t, n) and not is_read_more(t)
    ]


def _strip(path: str | None) -> str | None:
    return path.rstrip("/") or "/" if path else None


def teaser_mark(
    region: Element,
    title: str | None,
    targets: set[str],
    base_url: str,
    lines: list[str] | None = None,
) -> TeaserMark | None:
    """What makes a listing item a teaser, if anything (read before its fields are taken out);
    `targets`: the paths of the item's node (its alias, /node/N); `lines`: the region's
    text_blocks when the caller has them already."""
    own = {_strip(t) for t in targets}
    if any(
        a.get("href") and is_read_more(text(a)) and _strip(url_path(a.get("href"), base_url)) in own
        for a in region.iter("a")
    ):
        return TeaserMark.READ_MORE
    own_texts = _own_texts(region, title, lines)
    if not own_texts:
        return TeaserMark.TITLE_ONLY if title else None
    if region.tag == "tr" and all(len(t) <= MAX_BADGE_CHARS for t in own_texts):
        return TeaserMark.TABLE_ROW  # "Titre | Date | Type": its cells are columns, no text
    if len(own_texts) <= MAX_TEASER_BLOCKS and CUT_LEAD.search(own_texts[-1]):
        return TeaserMark.CUT_LEAD
    if _cut_lead_among_badges(own_texts):
        return TeaserMark.CUT_LEAD
    return None


def _cut_lead_among_badges(own_texts: list[str]) -> bool:
    """One lead cut with an ellipsis, the other blocks short lines around it (a card's type and
    privacy badges, its tags: "- Ressources RTES", "- Réservé aux adhérents")."""
    if len(own_texts) > MAX_BADGE_LINES + 1:
        return False  # more blocks than one lead and its badges (a full item: not searched)
    rest = [t for t in own_texts if not CUT_LEAD.search(t)]  # each block searched once
    return len(rest) == len(own_texts) - 1 and all(len(t) <= MAX_BADGE_CHARS for t in rest)


def shows_teaser_text(item: Element, base_url: str) -> bool:
    """An item of a theme without node markup that a listing's teaser would show (a read-more
    link to the heading's page, or a cut lead; a bare linked heading is not evidence of a
    listing)."""
    heading = next(item.iter(*SUB_HEADINGS), None)
    if heading is None:
        return False
    link = first_with_attribute(heading, "href", "a")
    target = url_path(link.get("href"), base_url) if link is not None else None
    mark = teaser_mark(item, text(heading), {target} if target else set(), base_url)
    return mark in (TeaserMark.READ_MORE, TeaserMark.CUT_LEAD)
