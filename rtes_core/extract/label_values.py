"""Where a visible label's value stands when it is not the label's next sibling: past the
controls beside the label (a toggle's button, an icon), after a toggle's heading (used by
rtes_core/extract/labels.py)."""

from __future__ import annotations

from rtes_core.extract.blocks import text
from rtes_core.extract.dom import CHROME_TAGS, Element, is_element, next_element
from rtes_core.extract.links import only_action_links

# Elements beside a label that show no text of their own: controls and icons, no value.
CONTROL_TAGS = frozenset({"button", "svg", "i", "img", "span"})


def label_and_controls(parent: Element, label: Element) -> bool:
    """Whether the label's parent holds only the label and controls showing no text (a
    toggle's heading and its button): no value, which stands after it."""
    return len(parent) > 1 and all(
        child is label or (child.tag in CONTROL_TAGS and not text(child))
        for child in parent
        if is_element(child)
    )


def value_after(label: Element, region: Element) -> Element | None:
    """The element after a label: past the controls beside it that show no text (a toggle's
    button, an icon); after the label's parent when the parent shows only the label and such
    controls (a toggle's heading over its content)."""
    el = label
    while True:
        sibling = next_element(el)
        while sibling is not None and sibling.tag in CONTROL_TAGS and not text(sibling):
            sibling = next_element(sibling)
        parent = el.getparent()
        if sibling is not None and (sibling.tag in CHROME_TAGS or only_action_links(sibling)):
            return None  # an empty field's label before the article's footer (share, tools)
        if sibling is not None or el is not label or parent is None or parent is region:
            return sibling
        if not label_and_controls(parent, label):
            return None
        el = parent
