"""Field blocks whose labels stand apart from their values, set label-beside-value before the
labels are read: a horizontal table (the labels a header row, the values the one row under it),
tab panels (the labels a list of tab links, each value a panel found by its id), a label
table's header row of column names (dropped) and values
whose label is only their accessible name (`aria-label`, an icon shown instead)."""

from __future__ import annotations

from lxml import etree

from rtes_core.extract.blocks import text
from rtes_core.extract.dom import Element, new_element, remove
from rtes_core.extract.labels import label_column
from rtes_core.extract.records import ALL_LABELS, fold_label
from rtes_core.text import comparison_key

# A header row names a field block when this many of its cells are known labels.
MIN_TABLE_LABELS = 2
# Where a tab names the panel it opens (`<a href="#id">`, Bootstrap's `data-bs-target="#id"`,
# ARIA's `aria-controls="id"`).
TAB_TARGETS = ("href", "data-bs-target", "data-target", "aria-controls")
# The elements that carry an accessible name (libxml2 finds them in one pass).
ARIA_LABELLED = etree.XPath(".//*[@aria-label]")


def _cells(row: Element) -> list[Element]:
    return [c for c in row if c.tag in ("th", "td")]


def _pair(label: Element, value: Element) -> Element:
    """`<div><div>Label</div><div>value…</div></div>`: the label's cell beside the value's."""
    pair, shown, held = new_element("div"), new_element("div", label.text), new_element("div")
    shown.extend(list(label))
    held.text = value.text
    held.extend(list(value))
    pair.extend((shown, held))
    return pair


def pivot_label_tables(region: Element) -> None:
    """Each table of two rows whose first row's cells are labels becomes one pair per column
    (the label, then the value under it), as a theme that writes a block per field."""
    for table in list(region.iter("table")):
        rows = [r for r in table.iter("tr") if _cells(r)]
        if len(rows) != 2 or len(_cells(rows[0])) != len(_cells(rows[1])):
            continue
        labels, values = _cells(rows[0]), _cells(rows[1])
        if sum(label_column(c) is not None for c in labels) < MIN_TABLE_LABELS:
            continue
        block = new_element("div")
        block.extend(_pair(label, value) for label, value in zip(labels, values, strict=True))
        block.tail, table.tail = table.tail, None
        table.getparent().replace(table, block)


def drop_field_table_heads(region: Element) -> None:
    """A table whose rows each open with a field's label ("Type de ressource | Autres") names
    its columns in a header row of <th>s ("Champ | Valeur"): column names, no text."""
    for table in list(region.iter("table")):
        rows = [r for r in table.iter("tr") if _cells(r)]
        labelled = sum(label_column(_cells(r)[0]) is not None for r in rows)
        if labelled < MIN_TABLE_LABELS:
            continue
        for row in rows:
            cells = _cells(row)
            if all(c.tag == "th" for c in cells) and not any(label_column(c) for c in cells):
                remove(row)


def _target_id(tab: Element) -> str | None:
    for name in TAB_TARGETS:
        value = (tab.get(name) or "").strip()
        if value.startswith("#") and len(value) > 1:
            return value[1:]
        if name == "aria-controls" and value:
            return value
    return None


def _in_role(el: Element, role: str) -> Element | None:
    return next((a for a in el.iterancestors() if a.get("role") == role), None)


def _tabs(region: Element) -> list[Element]:
    """The tab controls of the region: ARIA's role="tab", or the links and buttons of a
    role="tablist" (the control itself, not one inside it)."""
    return [
        el
        for el in region.iter()
        if (el.get("role") == "tab" or el.tag in ("a", "button") and _in_role(el, "tablist"))
        and _in_role(el, "tab") is None
    ]


def unfold_tabs(region: Element) -> None:
    """Each tab panel named by a tab whose text is a field label gets that label as its first
    line, and the tab list leaves (its labels would be fields without values)."""
    panels = {el.get("id"): el for el in region.iter() if el.get("id")}
    lists = []
    for tab in _tabs(region):
        panel = panels.get(_target_id(tab) or "")
        if panel is None or label_column(tab) is None or tab in panel.iterancestors():
            continue
        label = new_element("div", " ".join("".join(tab.itertext()).split()))
        label.tail, panel.text = panel.text, None
        panel.insert(0, label)
        holder = _in_role(tab, "tablist")
        if holder is not None and all(holder is not lst for lst in lists):
            lists.append(holder)
    for tab_list in lists:
        remove(tab_list)


def show_aria_labels(region: Element) -> None:
    """A value whose label is only its accessible name (`<li aria-label="Type de ressource">`
    with an icon and "Autres": a screen reader says the label, the eye sees an icon) gets that
    label as a line of its own before its text, when the label is a known field's and the text
    does not show it already. Done on the whole page before its furniture is told apart: an
    `<aside aria-label="Résumé">` is the node's field, not a sidebar."""
    for el in ARIA_LABELLED(region):
        label = " ".join(el.get("aria-label").split())
        if not label or fold_label(label) not in ALL_LABELS:
            continue
        shown = text(el)
        if not shown or comparison_key(shown).startswith(comparison_key(label)):
            continue
        value = new_element("div")
        value.text, el.text = el.text, None
        value.extend(list(el))
        el.extend((new_element("div", label), value))
