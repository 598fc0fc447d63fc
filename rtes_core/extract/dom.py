"""One lxml tree per page, and the few ways the extraction rules walk and change it.

The rules were first written on BeautifulSoup's model; these helpers keep their meaning on
lxml's: a text node is an element's `.text` or a child's `.tail`; taking an element out leaves
the text after it in place; two elements are "the same" when their markup is (BeautifulSoup's
equality, which the rules rely on to skip a repeated block). Comments and processing
instructions are nodes without a string tag: never text, never a block.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator

from lxml import etree

# An element of the page's tree (lxml's C class: no Python lookup per node, unlike lxml.html's).
Element = etree._Element

# Text inside these elements is not page text: scripts, styles, templates, ruby annotations.
# (an inline <svg> icon's <title> is a tooltip: "download-circle" is no text)
HIDDEN_TEXT_TAGS = ("script", "style", "template", "rt", "rp", "svg")
# The sectioning elements of a page's chrome (an article's own header and footer aside).
CHROME_TAGS = ("header", "nav", "footer", "aside", "form")
# Headings below a page's title: a theme may title its items or sections at any of these levels.
SUB_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
HEADINGS = ("h1", *SUB_HEADINGS)
# Whitespace-only text inside these keeps its exact form (elsewhere it counts as one space).
PRESERVE_WS_TAGS = frozenset({"pre", "textarea"})
# The whitespace HTML collapses (a text of only these is one space or one newline).
ASCII_SPACES = frozenset(" \n\t\x0c\r")
# Attributes holding a space-separated list, compared as lists ("a  b" is "a b").
LIST_ATTRIBUTES = frozenset({"class", "accesskey", "dropzone"})
LIST_ATTRIBUTES_OF = {"a": {"rel", "rev"}, "link": {"rel", "rev"}, "area": {"rel"}}
# Characters lxml refuses in a tree's strings (C0 controls but tab, newline, carriage return):
# invisible on a page, they are dropped before parsing; a form feed, HTML whitespace, is a space.
XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A class naming a term's badge (is_badge), searched in the class value as written.
BADGE_TOKEN = re.compile(r"(?:^|[\s_-])(?:badges?|chips?|pills?|tags?)(?:[\s_-]|$)", re.IGNORECASE)


def parse_document(html: str) -> Element:
    """The page's tree: lxml's incremental HTML parser (libxml2's push parser, as BeautifulSoup
    used it), so the tree, wrapping and repairs included, is the one the rules were written on.
    It is fed UTF-8 bytes with their encoding named: the same tree (checked on the twelve themes'
    pages) for a third less than feeding the str, which libxml2 re-decodes; a page's own meta
    charset cannot override what the crawl already decoded."""
    parser = etree.HTMLParser(encoding="utf-8")
    if XML_INCOMPATIBLE.search(html):
        html = XML_INCOMPATIBLE.sub(lambda m: " " if m.group() == "\x0c" else "", html)
    parser.feed(html.encode("utf-8", "replace"))
    try:
        root = parser.close()
    except etree.ParserError:
        root = None
    return root if root is not None else etree.Element("html")


def is_element(node: Element) -> bool:
    """An element, not a comment or processing instruction."""
    return isinstance(node.tag, str)


def classes(el: Element) -> list[str]:
    return (el.get("class") or "").split()


def is_badge(el: Element | None) -> bool:
    """An element its class names a term's badge: `badge`, `fr-badge`, `chip`, `pill`,
    `fr-tag`, `tag--sm` (Bootstrap, DSFR, Material, site builders)."""
    return el is not None and BADGE_TOKEN.search(el.get("class") or "") is not None


def has_class(el: Element, names: tuple[str, ...]) -> bool:
    value = el.get("class")
    if not value:
        return False
    if len(names) == 1:  # one name: a substring test first (most elements fail it)
        return names[0] in value and names[0] in value.split()
    return any(token in names for token in value.split())


def tokens(el: Element) -> list[str]:
    """Class names and id: what a theme names its containers by."""
    ident = el.get("id")
    return [*classes(el), *([ident] if ident is not None else [])]


def elements(el: Element, *tags: str) -> Iterator[Element]:
    """Descendant elements in document order (of these tags, when given)."""
    return el.iterdescendants(*tags) if tags else el.iterdescendants(etree.Element)


def first(el: Element, *tags: str) -> Element | None:
    return next(elements(el, *tags), None)


def with_class(el: Element, names: tuple[str, ...], tag: str | None = None) -> list[Element]:
    """Descendants (of the tag) carrying one of the class names, in document order."""
    return [d for d in elements(el, *([tag] if tag else [])) if has_class(d, names)]


def first_with_class(el: Element, names: tuple[str, ...], tag: str | None = None) -> Element | None:
    """The first descendant (of the tag) carrying one of the class names."""
    candidates = elements(el, *([tag] if tag else []))
    return next((d for d in candidates if has_class(d, names)), None)


def first_with_attribute(el: Element, attribute: str, *tags: str) -> Element | None:
    return next((d for d in elements(el, *tags) if d.get(attribute) is not None), None)


def ancestors_below(el: Element, top: Element) -> Iterator[Element]:
    """The element's ancestors up to `top`, `top` excluded."""
    for a in el.iterancestors():
        if a is top:
            return
        yield a


def ancestor(el: Element, tag: str) -> Element | None:
    return next(el.iterancestors(tag), None)


def in_hidden_text(el: Element) -> bool:
    """Whether the element's own text is hidden (it is, or sits in, a script, template…)."""
    return el.tag in HIDDEN_TEXT_TAGS or next(el.iterancestors(*HIDDEN_TEXT_TAGS), None) is not None


def in_preserved_whitespace(el: Element) -> bool:
    return el.tag in PRESERVE_WS_TAGS or next(el.iterancestors(*PRESERVE_WS_TAGS), None) is not None


def next_element(el: Element) -> Element | None:
    """The next sibling element (comments skipped)."""
    return next(el.itersiblings(etree.Element), None)


def later_elements(el: Element) -> list[Element]:
    return list(el.itersiblings(etree.Element))


def first_link(root: Element, rel: str) -> Element | None:
    """The first <link rel=… href=…> of the page with this rel."""
    return next(
        (
            el
            for el in root.iter("link")
            if rel in (el.get("rel") or "").split() and el.get("href") is not None
        ),
        None,
    )


# --- changes -------------------------------------------------------------------------------


def remove(el: Element) -> None:
    """Take the element out of its tree; the text after it stays where it was."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    el.tail = None
    parent.remove(el)


def replace(el: Element, new: Element) -> None:
    """Put `new` where `el` stands; the text after `el` stays where it was."""
    parent = el.getparent()
    if parent is None:
        raise ValueError("cannot replace an element that is not part of a tree")
    new.tail, el.tail = el.tail, None
    parent.replace(el, new)


def new_element(tag: str, text: str | None = None) -> Element:
    el = etree.Element(tag)
    el.text = text
    return el


def detached_copy(el: Element) -> Element:
    """A copy of the element outside any tree (without the text after it)."""
    duplicate = copy.deepcopy(el)
    duplicate.tail = None
    return duplicate


def append_text(el: Element, text: str) -> None:
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


def document_copy(root: Element) -> Element:
    """An independent copy of the whole page (a rule that rewrites the tree reads it)."""
    return copy.deepcopy(root)


# --- equality ------------------------------------------------------------------------------


def collapse(text: str, keep_whitespace: bool) -> str:
    """A whitespace-only text as the parser's model kept it: one newline or one space."""
    if keep_whitespace or any(c not in ASCII_SPACES for c in text):
        return text
    return "\n" if "\n" in text else " "


def same_markup(a: Element, b: Element) -> bool:
    """Whether two elements render the same markup: tag, attributes, and contents in order."""
    if a is b:
        return True
    if a.tag != b.tag or len(a) != len(b) or _attributes(a) != _attributes(b):
        return False
    keep = in_preserved_whitespace(a)
    return _same_contents(_contents(a, keep), _contents(b, keep))


def _same_contents(left: list, right: list) -> bool:
    if len(left) != len(right):
        return False
    for x, y in zip(left, right):
        if isinstance(x, str) or isinstance(y, str):
            if x != y:
                return False
        elif not same_markup(x, y):
            return False
    return True


def _contents(el: Element, keep: bool) -> list:
    """Children as the parser's model lists them: strings and elements (a comment is a string)."""
    out: list = [collapse(el.text, keep)] if el.text else []
    for child in el:
        out.append(child if is_element(child) else child.text or "")
        if child.tail:
            out.append(collapse(child.tail, keep))
    return out


def _attributes(el: Element) -> dict[str, object]:
    listed = LIST_ATTRIBUTES | LIST_ATTRIBUTES_OF.get(el.tag, set())
    return {k: (v.split() if k in listed else v) for k, v in el.attrib.items()}


def contains_same(candidates: list[Element], el: Element) -> bool:
    """`el in candidates`, with markup equality."""
    return any(same_markup(el, c) for c in candidates)
