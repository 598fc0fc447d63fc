"""Links marked as a page's tags (rel="tag", HTML's link type for them), and the line showing
them: read by the body (rtes_core/extract/body.py) and kept out of the chrome removed around
the content (rtes_core/extract/noise.py)."""

from __future__ import annotations

from rtes_core.extract.blocks import TAG_LABEL, text
from rtes_core.extract.dom import Element, first


def is_tag_link(el: Element) -> bool:
    """rel="tag"; WordPress's rel="category tag" marks a category, no tag."""
    rel = (el.get("rel") or "").split()
    return "tag" in rel and "category" not in rel


def labelled_tag_line(el: Element) -> Element | None:
    """The line inside `el` holding all its rel="tag" links, when it says it lists tags
    ("Libellés : PTCE, SCIC", blocks.TAG_LABEL); None otherwise (a tag cloud, no label)."""
    line = links_line([a for a in el.iter("a") if is_tag_link(a)], el)
    return line if line is not None and TAG_LABEL.match(text(line)) else None


def links_line(links: list[Element], within: Element) -> Element | None:
    """The smallest element holding all the links, strictly inside `within`; None when there
    are no links or only `within` holds them all."""
    line = links[0].getparent() if links else None
    while line is not None and line is not within:
        if all(any(p is line for p in a.iterancestors()) for a in links):
            return line
        line = line.getparent()
    return None


def keep_tag_line(chrome: Element) -> None:
    """Chrome about to go, a post's own footer in its title's box, may hold the post's labelled
    tag line (Blogger's "Libellés : …" among the author and share links): the line stays, set
    where the footer was."""
    parent = chrome.getparent()
    if parent is not None and first(parent, "h1") is not None:
        if (line := labelled_tag_line(chrome)) is not None:
            line.tail = None
            chrome.addprevious(line)
