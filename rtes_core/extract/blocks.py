"""An element's text as a reader sees it: ordered blocks (paragraphs, list items, headings).

`text_blocks` is what every route stores; `raw_text`/`text` lay out one element's text as a
browser does (inline elements joined as they are, <br> and block starts as spaces);
`label_text` is the element's strings joined by spaces, as the label rules compare them.
Text inside scripts, styles, templates and ruby annotations is never page text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from rtes_core import dates
from rtes_core.extract.dom import (
    HIDDEN_TEXT_TAGS,
    PRESERVE_WS_TAGS,
    Element,
    collapse,
    in_hidden_text,
    in_preserved_whitespace,
    new_element,
)
from rtes_core.text import normalise_text

BLOCK_TAGS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "pre", "dt", "dd", "td", "th"}
)
SKIPPED_TAGS = frozenset(
    {"script", "style", "noscript", "template", "form", "button", "select", "img", "svg", "iframe"}
)
BLOCK_CONTAINERS = frozenset(
    {
        *("div", "section", "ul", "ol", "dl", "blockquote", "figure", "table", "tbody", "thead"),
        *("tr", "article", "aside", "header", "footer", "main", "nav", "details", "summary"),
    }
)
# A tag line's own label ("Mots-clés : PTCE, SCIC", "Étiquettes : …", Blogger's "Libellés : …"):
# dropped from its terms.
TAG_LABEL_WORDS = (
    r"(?:mots[-\s]?cl[ée]s|tags?|[ée]tiquettes?|libell[ée]s?|th[ée]matiques?|th[èe]mes?|sujets?)"
)
TAG_LABEL = re.compile(rf"^\s*{TAG_LABEL_WORDS}\s*:\s*", re.IGNORECASE)
# Elements a browser starts on a new line (their text never runs into the text before them).
BLOCK_STARTS = BLOCK_TAGS | BLOCK_CONTAINERS
NESTED_BLOCK_TAGS = tuple(BLOCK_TAGS - {"td", "th"})  # block elements that split an enclosing block
CELL_HOLDS = (*NESTED_BLOCK_TAGS, *BLOCK_CONTAINERS)  # what makes a table cell a container
# How far into a content a bare date is its date line (lead image caption, title, date…).
BARE_DATE_BLOCKS = 4
LINE_BREAK = "\u2028"  # a <br> while a block's text is gathered (whitespace to normalise_text)
# Two <br>s with only spaces between (<br><br>, <br>&nbsp;<br>): a paragraph break in loose text.
DOUBLE_BREAK = re.compile(f"{LINE_BREAK}[^\\S{LINE_BREAK}]*{LINE_BREAK}")
# Inside a <p>, a <br>-separated part this long that ends a sentence is a paragraph; a contact
# block's short lines stay one block. (A body text in no <p> at all, as the /node/N rendering
# shows it, is split at every <br>: there a line break is the only paragraph mark.)
BR_PARAGRAPH_MIN_CHARS = 60
# Text-only containers a container must stand among (itself included) to be read as a paragraph
# written as a <div>: two could be a date line and a body's wrapper.
MIN_PARAGRAPH_DIVS = 3
# The end of a sentence: final punctuation, a closing quote or bracket.
SENTENCE_END = re.compile(r"[.!?…»:)]$")
# Raw paragraph texts up to this length have their blocks remembered, this many of them (a
# longer text is rarer and would make the cache hold whole bodies).
CACHED_RAW_CHARS = 2000
PARAGRAPH_CACHE = 4096
# Short blocks whose date-line verdict is remembered (menus and date lines repeat on every page).
DATE_LINE_CACHE = 8192


def raw_text(node: Element) -> str:
    """Text as a browser lays it out: inline elements joined as they are, <br> and blocks as spaces."""
    parts: list[str] = []
    _raw_parts(node, parts, in_hidden_text(node))
    return "".join(parts)


def _raw_parts(node: Element, parts: list[str], hidden: bool) -> None:
    if node.text and not hidden:
        parts.append(node.text)
    for child in node:
        tag = child.tag
        if isinstance(tag, str):
            if tag == "br":
                parts.append(LINE_BREAK)
            elif tag in BLOCK_STARTS:
                parts.append(" ")
            _raw_parts(child, parts, hidden or tag in HIDDEN_TEXT_TAGS)
        if child.tail and not hidden:
            parts.append(child.tail)


def text(node: Element) -> str:
    return normalise_text(raw_text(node))


def strings(node: Element) -> list[str]:
    """The element's text nodes in order (hidden ones left out, blank ones as one space)."""
    out: list[str] = []
    _strings(node, out, in_hidden_text(node), in_preserved_whitespace(node))
    return out


def _strings(node: Element, out: list[str], hidden: bool, keep: bool) -> None:
    if node.text and not hidden:
        out.append(collapse(node.text, keep))
    for child in node:
        tag = child.tag
        if isinstance(tag, str):
            _strings(child, out, hidden or tag in HIDDEN_TEXT_TAGS, keep or tag in PRESERVE_WS_TAGS)
        if child.tail and not hidden:
            out.append(collapse(child.tail, keep))


def label_text(node: Element) -> str:
    """The element's text nodes joined by single spaces."""
    return " ".join(strings(node))


def br_paragraphs(raw: str) -> list[str]:
    """A block's text, split at its line breaks when every part is a sentence-ending paragraph."""
    return list(_paragraphs(raw))


def _paragraphs(raw: str) -> tuple[str, ...]:
    if not raw or raw.isspace():
        return ()  # the whitespace between blocks (most of what is gathered)
    if len(raw) <= CACHED_RAW_CHARS:
        return _cached_paragraphs(raw)
    return _split_paragraphs(raw)


def _split_paragraphs(raw: str) -> tuple[str, ...]:
    if LINE_BREAK in raw:
        parts = [p for p in (normalise_text(p) for p in raw.split(LINE_BREAK)) if p]
        if len(parts) >= 2 and all(
            len(p) >= BR_PARAGRAPH_MIN_CHARS and SENTENCE_END.search(p) for p in parts
        ):
            return tuple(parts)
    joined = normalise_text(raw)
    return (joined,) if joined else ()


# One page's paragraphs are read two or three times (dates, fields, the rest): each is
# normalised once.
_cached_paragraphs = lru_cache(maxsize=PARAGRAPH_CACHE)(_split_paragraphs)


@lru_cache(maxsize=DATE_LINE_CACHE)
def _cached_date_line(line: str) -> bool:
    return dates.is_date_line(line)


def is_date_line(line: str) -> bool:
    """`dates.is_date_line`, remembered for short blocks (one page asks it of a block many times)."""
    return len(line) <= dates.MAX_DATE_LINE_CHARS and _cached_date_line(line)


def is_opening_date_line(line: str, position: int) -> bool:
    """A date line, or a bare date ("09.06.2021") or a post's meta line without a date ("Par
    Rédaction RTES", "3 min de lecture") among a content's first BARE_DATE_BLOCKS blocks (where
    a page or an item states its date and author), never further in its text (a signature)."""
    if is_date_line(line):
        return True
    if position >= BARE_DATE_BLOCKS:
        return False
    # a list of the post's facts ("- 06 décembre 2012", "- 14 min de lecture") opens it too
    core = line[2:] if line.startswith("- ") else line
    return _cached_bare_date(core) or (core is not line and is_date_line(core))


@lru_cache(maxsize=DATE_LINE_CACHE)
def _cached_bare_date(line: str) -> bool:
    return dates.is_bare_date(line) or dates.is_post_meta(line)


def holds_blocks(el: Element) -> bool:
    """Whether a block element holds other blocks (a list item with paragraphs, a nested list;
    a layout table's cell holding a container: a whole body in a <div>)."""
    if not len(el):
        return False  # no child at all (most paragraphs)
    inner = CELL_HOLDS if el.tag in ("td", "th") else NESTED_BLOCK_TAGS
    return next(el.iterdescendants(*inner), None) is not None


def _break_paragraphs(raw: str, lines_join: bool = False) -> tuple[str, ...]:
    """Text that stands in no <p>: its paragraphs end at double line breaks when it or its body
    (`lines_join`) has any (a single one then breaks a line inside a paragraph, as in a <p>: a
    contact's lines between two lists), else at every line break (the /node/N rendering's
    single <br>s)."""
    if lines_join or DOUBLE_BREAK.search(raw):
        return tuple(p for chunk in DOUBLE_BREAK.split(raw) for p in _paragraphs(chunk))
    return tuple(p for p in (normalise_text(p) for p in raw.split(LINE_BREAK)) if p)


def _flush(
    blocks: list[str], inline: list[str], split: bool | None = None, lines_join: bool = False
) -> None:
    """The inline text gathered so far becomes blocks (a block boundary was reached); `split`:
    the text's container holds no <p>, so its <br>s separate paragraphs (`_break_paragraphs`)."""
    if inline:
        raw = "".join(inline)
        blocks.extend(_break_paragraphs(raw, lines_join) if split else _paragraphs(raw))
        inline.clear()


def _container_split(child: Element, split: bool | None, paragraph_divs: bool) -> bool | None:
    """Whether a block container's loose text splits at every <br>: None when the caller did not
    ask, True once a container without any <p> is reached, False again for a text-only container
    among its parent's `paragraph_divs` (`_paragraph_divs`)."""
    if split is None:
        return None
    if split:
        return not (paragraph_divs and _is_text_leaf(child))
    return next(child.iterdescendants("p"), None) is None


def _paragraph_divs(node: Element) -> bool:
    """Whether the node holds at least MIN_PARAGRAPH_DIVS text-only containers: a theme's
    paragraphs written as <div>s, whose <br>s break lines (a contact block's) as a <p>'s do. A
    body's text in one wrapper, beside an image or a date line (the /node/N rendering), is not."""
    leaves = 0
    for child in node:
        if child.tag in BLOCK_CONTAINERS and _is_text_leaf(child):
            leaves += 1
            if leaves >= MIN_PARAGRAPH_DIVS:
                return True
    return False


def _is_text_leaf(el: Element) -> bool:
    """A container with some text and no block element inside."""
    if next(el.iterdescendants(*BLOCK_STARTS), None) is not None:
        return False
    return bool("".join(el.itertext()).strip())


def _leaf_block(child: Element, hidden: bool) -> tuple[str, ...]:
    """A block element holding no other block: its text as laid out, split at paragraph breaks."""
    if not len(child):  # text only: the common paragraph
        return () if hidden else _paragraphs(child.text or "")
    parts: list[str] = []
    _raw_parts(child, parts, hidden)
    return _paragraphs("".join(parts))


def _walk(
    node: Element,
    hidden: bool,
    blocks: list[str],
    inline: list[str],
    split: bool | None,
    lines_join: bool = False,
) -> None:
    """Gather the node's children: text inline, a block's text as its own blocks."""
    if node.text and not hidden:
        inline.append(node.text)
    paragraph_divs = bool(split) and _paragraph_divs(node)  # only a <p>-less body asks
    for child in node:
        tag = child.tag
        if tag.__class__ is str and tag not in SKIPPED_TAGS:
            if tag == "br":
                inline.append(LINE_BREAK)
            elif tag in BLOCK_TAGS and not holds_blocks(child):
                _flush(blocks, inline, split, lines_join)
                texts = _leaf_block(child, hidden)
                blocks.extend([f"- {t}" for t in texts] if tag == "li" else texts)
            elif tag in BLOCK_STARTS:
                _flush(blocks, inline, split, lines_join)
                start = len(blocks)
                inner = (  # (a layout table's cell holding a container is a container)
                    _container_split(child, split, paragraph_divs)
                    if tag not in BLOCK_TAGS or tag in ("td", "th")
                    else None
                )
                # a container that starts the <br>-split text: do its own <br>s come in pairs?
                joins = lines_join if split else bool(inner) and _has_double_break(child)
                _walk(child, hidden, blocks, inline, inner, joins)
                _flush(blocks, inline, inner, joins)
                if tag == "li" and len(blocks) > start and not blocks[start].startswith("- "):
                    blocks[start] = f"- {blocks[start]}"  # an item holding paragraphs
            else:
                _walk(child, hidden or tag in HIDDEN_TEXT_TAGS, blocks, inline, split, lines_join)
        if child.tail and not hidden:
            inline.append(child.tail)


def text_blocks(container: Element, body: bool = False) -> list[str]:
    """The container's text as ordered blocks: one per paragraph, list item ('- ' + text), heading.

    `body`: a body text, whose loose text in a container holding no <p> at all is split at every
    <br> (elsewhere a <br> splits only sentence-long lines: a field's or an address's lines)."""
    blocks: list[str] = []
    inline: list[str] = []
    split = _container_split(container, False, False) if body else None
    lines_join = bool(split) and _has_double_break(container)
    _walk(container, in_hidden_text(container), blocks, inline, split, lines_join)
    _flush(blocks, inline, split, lines_join)
    return blocks


def _has_double_break(container: Element) -> bool:
    """Whether two <br>s follow each other anywhere in the container (with only spaces between):
    its paragraphs are written <br><br>-apart, so a single <br> only breaks a line."""
    for br in container.iter("br"):
        after = br.getnext()
        if after is not None and after.tag == "br" and not (br.tail or "").strip():
            return True
    return False


def label_text_within(node: Element, limit: int) -> str | None:
    """`label_text`, or None as soon as it reaches `limit` characters (a label is short)."""
    parts: list[str] = []
    length = -1
    for s in _iter_strings(node, in_hidden_text(node), in_preserved_whitespace(node)):
        length += len(s) + 1
        if length >= limit:
            return None
        parts.append(s)
    return " ".join(parts)


def _iter_strings(node: Element, hidden: bool, keep: bool) -> Iterator[str]:
    if node.text and not hidden:
        yield collapse(node.text, keep)
    for child in node:
        tag = child.tag
        if isinstance(tag, str):
            yield from _iter_strings(
                child, hidden or tag in HIDDEN_TEXT_TAGS, keep or tag in PRESERVE_WS_TAGS
            )
        if child.tail and not hidden:
            yield collapse(child.tail, keep)


FIELD_MARKER = "\u2063field\u2063"  # invisible separator: cannot occur in normalised page text


def field_marker() -> Element:
    """A placeholder paragraph that marks where a recognised field stood."""
    return new_element("p", FIELD_MARKER)
