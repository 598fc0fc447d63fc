"""Fields written several in one element, cut into one element per field before the labels are
read: one line per field (`<p><b>Type :</b> Autres<br><b>Privée :</b> Non</p>`), or a strip of
fields set apart by a separator ("Type de ressource : Autres | Ressource privée : Non")."""

from __future__ import annotations

import re

from lxml import etree

from rtes_core.extract.dom import Element, new_element
from rtes_core.extract.records import ALL_LABELS, fold_label, inline_label_column

# "Label : value" written in one text node ("Type de ressource : Autres"); the value may be empty.
INLINE_LABEL = re.compile(r"^\s*([^:\n]{3,40}?)\s*:\s*(.*)$", re.S)
# Longest text a label element can have (a label, not a sentence that starts like one).
LABEL_MAX_CHARS = 40
# An element whose <br>-separated lines (or separated parts) open with this many known labels
# is a field block written one line per field ("<p><b>Type :</b> Autres<br><b>Privée :</b> Non</p>").
MIN_LABEL_LINES = 2
# What sets the fields of a one-line strip apart: a vertical bar, a middle dot or a bullet
# between spaces ("Type de ressource : Autres | Ressource privée : Non").
FIELD_SEPARATOR = re.compile(r"\s+[|·•]\s+")


def _runs_in(child: Element) -> bool:
    """A bold label run into the line before it, right after an element with no break
    between ("…<a>Étude 2021</a><b>Catégorie :</b> …"): it opens a line of its own."""
    before = child.getprevious()
    return (
        child.tag in ("b", "strong")
        and before is not None
        and before.tag != "br"
        and not (before.tail or "").strip()
        and _opens_with_label("".join(child.itertext()) + (child.tail or ""))
    )


def _line_texts(el: Element) -> list[str]:
    """The element's text cut at its own <br>s (and before a label run into its line)."""
    lines = [el.text or ""]
    for child in el:
        if child.tag == "br":
            lines.append(child.tail or "")
        elif _runs_in(child):
            lines.append("".join(child.itertext()) + (child.tail or ""))
        else:
            if child.tag.__class__ is str:
                lines[-1] += "".join(child.itertext())
            lines[-1] += child.tail or ""
    return lines


def _opens_with_label(line: str) -> bool:
    """A line that is a known label, or opens with one and a colon."""
    line = line.strip()
    if len(line) <= LABEL_MAX_CHARS and fold_label(line) in ALL_LABELS:
        return True
    m = INLINE_LABEL.match(line)
    return m is not None and inline_label_column(fold_label(m[1])) is not None


def _split_lines(el: Element) -> None:
    divs = [new_element("div", el.text)]
    run_in = [child for child in el if _runs_in(child)]  # (read before the children move)
    for child in list(el):
        if child.tag == "br":
            divs.append(new_element("div", child.tail))
            el.remove(child)
        else:
            if any(child is label for label in run_in):
                divs.append(new_element("div"))
            divs[-1].append(child)  # (its tail goes along)
    _hold(el, divs)


def _hold(el: Element, divs: list[Element]) -> None:
    el.text = None
    el.extend(divs)
    if el.tag == "p":
        el.tag = "div"  # a paragraph holds no blocks


def _own_parts(el: Element) -> list[str]:
    """The element's text cut at the separators of its own text nodes (a link's text is whole)."""
    parts = [""]
    for piece, child in [(el.text, None), *((c.tail, c) for c in el)]:
        if child is not None and child.tag.__class__ is str:
            parts[-1] += "".join(child.itertext())
        first, *rest = FIELD_SEPARATOR.split(piece or "")
        parts[-1] += first
        parts += rest
    return parts


def _split_parts(el: Element) -> None:
    first, *rest = FIELD_SEPARATOR.split(el.text or "")
    divs = [new_element("div", first)] + [new_element("div", r) for r in rest]
    for child in list(el):
        tail, child.tail = child.tail, None
        divs[-1].append(child)
        first, *rest = FIELD_SEPARATOR.split(tail or "")
        child.tail = first
        divs += [new_element("div", r) for r in rest]
    _hold(el, divs)


def split_label_lines(region: Element) -> None:
    """Each element whose <br>-separated lines, or separated parts, are fields becomes one
    <div> per field, so that each label holds its own line, as in a theme that writes a block
    per field."""
    parents = {id(br.getparent()): br.getparent() for br in region.iter("br")}
    for el in parents.values():
        if sum(_opens_with_label(line) for line in _line_texts(el)) >= MIN_LABEL_LINES:
            _split_lines(el)
    strips = [
        el
        for el in region.iter(etree.Element)
        if any(FIELD_SEPARATOR.search(t or "") for t in (el.text, *(c.tail for c in el)))
    ]
    for el in strips:
        if sum(_opens_with_label(part) for part in _own_parts(el)) >= MIN_LABEL_LINES:
            _split_parts(el)
