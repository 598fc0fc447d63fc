"""Route 2: fields recognised by their visible labels only (a theme without field classes).

A label is an element whose whole text is a known label ("Type de ressource", with or
without colon and NBSP), or a text that opens with "Label :". Its value is the rest of its
parent (<div><strong>Label :</strong> value</div>), or its next sibling (<dt>/<dd>,
<div>Label</div><div>value</div>), or nothing (an empty field still marks the block).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import takewhile
from typing import Any

from rtes_core.extract.blocks import (
    field_marker,
    label_text_within,
    text,
    text_blocks,
)
from rtes_core.extract.dom import (
    SUB_HEADINGS,
    Element,
    ancestors_below,
    detached_copy,
    in_hidden_text,
    is_badge,
    later_elements,
    new_element,
    next_element,
    remove,
    replace,
    same_markup,
)
from rtes_core.extract.fields import (
    is_member_notice,
    links_a_file,
    read_field,
    shows_file_list,
    shows_only_file_links,
)
from rtes_core.extract.label_lines import INLINE_LABEL, LABEL_MAX_CHARS, split_label_lines
from rtes_core.extract.label_values import label_and_controls, value_after
from rtes_core.extract.records import (
    ALL_LABELS,
    Block,
    fold_label,
    inline_label_column,
    parse_bool,
)
from rtes_core.extract.resume_copy import copies_text_before, is_copy, summary_continuation
from rtes_core.text import comparison_key, normalise_text

LABEL_TAGS = (
    "strong",
    "b",
    "em",
    "i",
    "u",
    "dt",
    "label",
    "span",
    "div",
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "th",
    "td",
    "li",
    "summary",
)
# Inline elements a theme sets a label in; one that opens no line is emphasis, not a label.
INLINE_LABEL_TAGS = frozenset({"strong", "b", "em", "i", "u", "span", "label"})
# A label's text that is also a value of the label before it ("Type de collectivité" → "Région").
LABEL_AS_VALUE = {"collectivite_type": {"region"}}
# A label's box holds at most this many blocks, label included (a Résumé of a few paragraphs);
# a block label's parent holding more is the column of the text it stands in.
MAX_FIELD_BOX_BLOCKS = 8
# A label set as a widget of its own shares its box with its value's widget alone: a parent
# of more children is a column of widgets (the value, then a notice, a share bar).
WIDGET_BOX_CHILDREN = 2
# The colon French typography puts after a bold label, outside it ("<b>Label</b> : value").
COLON_AFTER_LABEL = re.compile(r"^\s*[:：]\s*")


def label_column(el: Element) -> str | None:
    """The column a visible label element names, if its whole text is a known label."""
    label = label_text_within(el, LABEL_MAX_CHARS)
    if label is None:
        return None
    # a short label counts when it shows its colon ("<strong>Type :</strong> Autres")
    if label.rstrip().endswith(":"):
        return inline_label_column(fold_label(label))
    return ALL_LABELS.get(fold_label(label))


def inline_label(el: Element) -> tuple[str, str, str] | None:
    """(column, label, rest) when the element's own text opens with "Label :"."""
    opening = el.text
    if not opening or not opening.strip() or in_hidden_text(el):
        return None  # its first node is an element, or there is no text
    m = INLINE_LABEL.match(opening)
    folded = fold_label(m[1]) if m else ""
    column = inline_label_column(folded) if m else None
    return (column, normalise_text(m[1]), m[2]) if column else None


@dataclass
class LabelHit:
    """One visible label: the element showing it, its column, and the element holding its value."""

    label_el: Element | None  # an element holding only the label (None: inline label)
    column: str
    holder: Element | None
    label_text: str
    opening: str | None = None  # inline label: the holder's text that starts with it
    rest: str = ""  # inline label: what that text holds after the colon
    more: list[Element] = field(default_factory=list)  # a <dt>'s further <dd>s (one per value)
    last_section: bool = False  # a heading after the body: its value runs to the region's end

    @property
    def element(self) -> Element:
        return self.label_el if self.label_el is not None else self.holder


def _outermost_label(el: Element, column: str, region: Element) -> Element:
    """The label element as its layout places it: the cell, term or line that shows only this
    label (`<td><b>Label</b></td>`, `<dt><strong>Label</strong></dt>`), whose value is the next
    element, not the bold text inside it (whose parent holds nothing more)."""
    parent = el.getparent()
    while (
        parent is not None
        and parent is not region
        and len(parent) == 1
        and label_column(parent) == column
    ):
        el, parent = parent, parent.getparent()
    return el


def _hits(region: Element) -> list[LabelHit]:
    """Every visible label of the region in page order (a label holding a label is not one)."""
    hits: list[LabelHit] = []
    for el in region.iterdescendants(*LABEL_TAGS):
        if el.tag in INLINE_LABEL_TAGS and _text_before_in_line(el):
            continue  # a word in bold or italics inside a sentence: "les <em>Documents</em> de"
        if is_badge(el) or is_badge(el.getparent()):
            continue  # a "Ressource privée" badge is the field's value, not its label
        if column := label_column(el):
            if not any(label_column(c) for c in el.iterdescendants(*LABEL_TAGS)):
                hits.append(LabelHit(_outermost_label(el, column, region), column, None, text(el)))
        elif inline := inline_label(el):
            column, label, rest = inline
            hits.append(LabelHit(None, column, el, label, el.text, rest))
    return [h for i, h in enumerate(hits) if not (i and _is_value_of(hits[i - 1], h))]


def _text_before_in_line(el: Element) -> bool:
    """Whether text stands before the element on its line (since its parent's start or the
    last <br>): a label opens its line."""
    for sib in el.itersiblings(preceding=True):
        if sib.tag == "br":
            return False
        if (sib.tail or "").strip() or (sib.tag.__class__ is str and text(sib)):
            return True
    parent = el.getparent()
    return parent is not None and bool((parent.text or "").strip())


def label_holders(region: Element) -> list[LabelHit]:
    """Every visible label with its value's element, read before any change."""
    hits = _hits(region)
    columns = {id(h.element): h.column for h in hits}
    inline_lines: set[tuple[str, str]] = set()  # (line, label) tags of "Label : value" lines
    for hit in hits:
        if hit.label_el is None:
            continue
        parent = hit.label_el.getparent()
        labels_in_parent = sum(  # (an ancestor of the region holds more than `parent`)
            1
            for other in hits
            if any(same_markup(parent, p) for p in _ancestors_to(other.element, region))
        )
        if (
            hit.label_el.tag != "dt"
            and parent is not region
            and labels_in_parent == 1
            and not _holds_other_blocks(parent, hit.label_el)
            and not label_and_controls(parent, hit.label_el)
        ):
            hit.holder = parent  # <div><strong>Label :</strong> value</div>
            inline_lines.add((parent.tag, hit.label_el.tag))
        else:  # <dt>Label</dt><dd>value</dd>, <div>Label</div><div>value</div>, or a label alone
            sibling = value_after(hit.label_el, region)
            # another field's label ends the value; one of its own ("Documents", then
            # "Pièces jointes" over the list) heads a part of it
            holds_label = sibling is not None and any(
                columns.get(id(d), hit.column) != hit.column
                for d in (sibling, *sibling.iterdescendants(*LABEL_TAGS))
            )
            hit.holder = sibling if sibling is not None and not holds_label else None
            if hit.column == "summary" and hit.holder is not None:  # an empty Résumé, then the
                if is_member_notice(hit.holder, text(hit.holder)):  # private page's notice
                    hit.holder = None
            if hit.holder is not None and hit.holder.tag == "dd":
                hit.more = list(takewhile(lambda el: el.tag == "dd", later_elements(hit.holder)))
            elif hit.holder is not None and hit.column == "documents":
                hit.more = _more_files(hit.holder)
    private = _shows_private(hits)
    for hit in hits:
        if (
            hit.holder is not None
            and _line_shape(hit) in inline_lines
            and not _value_below(hit, region, private)
        ):
            hit.holder, hit.more = None, []  # <p><em>Résumé :</em></p> among "Label : v" lines
    if hits:
        hits[-1].last_section = _after_the_fields(hits[-1], hits)
    return hits


def _value_below(hit: LabelHit, region: Element, private: bool) -> bool:
    """Whether a label alone in its line among "Label : value" lines still heads the element
    after it: a Documents label over its files, a Résumé over the copy of the body's lead or
    over the paragraphs that end the box (then its `more`)."""
    if hit.column == "documents":
        return shows_only_file_links(hit.holder) or shows_file_list(hit.holder)
    if hit.column != "summary":
        return False
    # the box's last paragraph is its Résumé, and on a private page (no body) the paragraphs
    # ending the box; the body after the box is not
    rest = later_elements(hit.holder)
    if not rest and len(text_blocks(hit.holder)) == 1:
        return True
    if private and len(rest) < MAX_FIELD_BOX_BLOCKS and all(el.tag == "p" for el in rest):
        hit.more = rest
        return True
    return copies_text_before(hit.holder, region)


def _shows_private(hits: list[LabelHit]) -> bool:
    """Whether a "Ressource privée" line among the hits says yes."""
    return any(
        parse_bool(COLON_AFTER_LABEL.sub("", text(h.holder).replace(h.label_text, "", 1))) is True
        for h in hits
        if h.column == "is_private" and h.holder is not None
    )


def _private_resume_heading(hit: LabelHit, values: dict[str, Any]) -> bool:
    """A private resource shows no body: a Résumé heading's paragraphs (<p>s to the end of its
    box, summary_continuation checks) are all its Résumé; a notice in another block is not."""
    if values.get("is_private") is not True or hit.label_el is None:
        return False
    return hit.label_el.tag in SUB_HEADINGS and all(
        el.tag == "p" for el in later_elements(hit.label_el)
    )


def _holds_other_blocks(parent: Element, label: Element) -> bool:
    """Whether the label's parent is a column of the page's widgets (its title, date, the
    Résumé's heading, the text), not a field's box: it holds the page's title, or, under a
    label set as a block of its own (a heading's widget), more blocks than a field's box or
    its first block again (the body copying the Résumé's lead)."""
    if label.tag != "h1" and next(parent.iterdescendants("h1"), None) is not None:
        return True
    if label.tag in INLINE_LABEL_TAGS:
        return False
    if _is_widget(label) and len(parent) > WIDGET_BOX_CHILDREN:
        return True  # a heading's widget, its value's widget, then other widgets: a column
    shown = text_blocks(parent)
    if len(shown) > MAX_FIELD_BOX_BLOCKS:
        return True
    # a value never repeats its own first block: the body after a Résumé copying its lead does
    keys = [comparison_key(t) for t in shown[1:]]
    return len(keys) > 1 and any(is_copy(keys[0], key) for key in keys[1:])


def _is_widget(label: Element) -> bool:
    """Whether the label is a page builder's widget: a <div> wrapping the label's heading."""
    return label.tag == "div" and next(label.iterdescendants(*SUB_HEADINGS), None) is not None


def _more_files(first: Element) -> list[Element]:
    """The blocks after a Documents label's first file that are files too, each linking a file:
    siblings of its tag and class, or blocks that show nothing but file links (a page
    builder's title widget and download-button widget per document, under a heading label)."""
    if not links_a_file(first):
        return []

    def is_file(el: Element) -> bool:  # (a paragraph around a file's link is a sentence)
        alike = el.tag == first.tag and el.get("class") == first.get("class") and el.tag != "p"
        return links_a_file(el) and (alike or shows_only_file_links(el))

    return list(takewhile(is_file, later_elements(first)))


def _after_the_fields(hit: LabelHit, hits: list[LabelHit]) -> bool:
    """Whether the region's last label is a heading set apart from the field block: content
    (the body, a member notice) stands between it and the fields, so its section runs to the
    end (<ul>fields</ul><div>body</div><h2>Résumé</h2><p>…</p><p>…</p>)."""
    el = hit.label_el
    if el is None or el.tag not in SUB_HEADINGS or len(hits) < 2:
        return False
    before = el.getprevious()
    if before is None or not text(before):
        return False
    shown = {id(e) for h in hits for e in (h.element, h.holder) if e is not None}
    return id(before) not in shown and not any(id(d) in shown for d in before.iterdescendants())


def _line_shape(hit: LabelHit) -> tuple[str, str] | None:
    """(line, label) tags of a label alone in its line (<p><em>Label :</em></p>), whose value
    would be the next element; None for any other label."""
    el = hit.label_el
    if el is None or hit.holder is not next_element(el) or len(el) != 1:
        return None
    return el.tag, el[0].tag


def _ancestors_to(el: Element, region: Element) -> Iterator[Element]:
    """The element's ancestors up to the region, the region included."""
    yield from ancestors_below(el, region)
    yield region


def _is_value_of(previous: LabelHit, hit: LabelHit) -> bool:
    """Whether a label-looking element is in fact the value shown under the label before it."""
    return (
        previous.label_el is not None
        and hit.label_el is not None
        and hit.column in LABEL_AS_VALUE.get(previous.column, set())
        and next_element(previous.label_el) is hit.label_el
    )


def _open_inline(hit: LabelHit) -> None:
    """ "Label : value" in one text: keep the value only."""
    current = hit.holder.text or ""
    if hit.opening is not None and current.startswith(hit.opening):
        hit.holder.text = hit.rest + current[len(hit.opening) :]


def _merged(holder: Element, extra: list[Element]) -> Element:
    """A value and the siblings that continue it (a flat Résumé's paragraphs, a <dt>'s further
    <dd>s), taken out as one element."""
    merged = new_element("div")
    merged.append(detached_copy(holder))
    for el in extra:
        remove(el)
        merged.append(el)
    replace(holder, field_marker())
    return merged


def label_fields(
    region: Element, base_url: str
) -> tuple[dict[str, Any], list[Block], list[Element]]:
    """Fields recognised by visible labels: values, their blocks, the value elements used."""
    values: dict[str, Any] = {}
    footer: list[Block] = []
    used: list[Element] = []
    split_label_lines(region)
    hits = label_holders(region)
    for hit in hits:
        if values.get(hit.column) not in (None, "", []):
            continue  # the first occurrence of a label that shows a value wins
        if hit.opening is not None:
            _open_inline(hit)
        holder = hit.holder if hit.holder is not None else new_element("div")
        if hit.more:
            holder = _merged(holder, hit.more)
        elif hit.column == "summary" and hit.holder is not None:
            section = hit.last_section or _private_resume_heading(hit, values)
            if extra := summary_continuation(
                holder, {id(h.element) for h in hits}, region, section
            ):
                holder = _merged(holder, extra)
        if hit.label_el is not None:
            if hit.holder is None:
                replace(hit.label_el, field_marker())  # an empty field still marks the block
            else:
                if hit.label_el.tail:  # the value starts after the colon set outside the label
                    hit.label_el.tail = COLON_AFTER_LABEL.sub("", hit.label_el.tail)
                remove(hit.label_el)
        values[hit.column], blocks = read_field(hit.column, holder, base_url, "")
        footer += [Block(hit.label_text, "field"), *blocks]
        if holder.getparent() is not None:
            used.append(holder)
    return values, footer, used
