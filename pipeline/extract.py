"""HTML page → page occurrences: title, ordered text blocks, labelled fields.

A listing page yields one occurrence per rendered resource, a detail page one. Fields are
recognised three ways, best first: Drupal's field markup (Drupal 8+ `field--name-…`,
`field__label`, `field__item`; Drupal 7 `field-name-…`, `field-label`, `field-item`), then
their visible labels ("Type de ressource", with or without a trailing colon and NBSP), and,
where neither is found on a detail page, a generic main-content extraction (trafilatura).
Pure: HTML text in, occurrences out; no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from pipeline.text import normalise_text

# Field machine-name classes: Drupal 8+ `field--name-field-resume`, Drupal 7 `field-name-field-resume`.
FIELD_CLASS = re.compile(r"^field-{1,2}name-(.+)$")
# Drupal 7 node containers carry their id as `id="node-123"`.
D7_NODE_ID = re.compile(r"^node-(\d+)$")
# A node path as Drupal writes it in shortlinks and `about` attributes.
NODE_PATH = re.compile(r"^/node/(\d+)/?$")
# A visible date "Publié le 12/05/2016" (bare themes show no machine-readable date).
PUBLISHED_TEXT = re.compile(r"publi[ée]e? le\s+(\d{1,2})/(\d{1,2})/(\d{4})", re.IGNORECASE)
# ISO date at the start of a datetime attribute.
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")

# Visible labels (accent-folded, lower case, without colon) → column.
LABELS = {
    "type de ressource": "resource_type",
    "ressource privee": "is_private",
    "resume": "summary",
    "documents": "documents",
    "document": "documents",
    "categorie": "categories",
    "categories": "categories",
}
# Machine names → column, used when a field's label is hidden or unknown.
MACHINE_NAMES = {
    "body": "body",
    "field-type-de-ressource": "resource_type",
    "field-ressource-privee": "is_private",
    "field-resume": "summary",
    "field-documents": "documents",
    "field-categorie": "categories",
}
BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "pre", "dt", "dd", "td", "th"}
SKIPPED_TAGS = {"script", "style", "noscript", "template", "form", "button", "select", "img", "svg", "iframe"}
BLOCK_CONTAINERS = {"div", "section", "ul", "ol", "dl", "blockquote", "figure", "table", "tbody", "thead",
                    "tr", "article", "aside", "header", "footer", "main", "nav", "details", "summary"}
TRUE_VALUES = {"oui", "yes", "true", "1", "vrai"}
FALSE_VALUES = {"non", "no", "false", "0", "faux"}


@dataclass
class Block:
    """One text block of an occurrence, with where it came from on the page."""

    text: str
    origin: str  # body | field | summary | trailing


@dataclass
class Occurrence:
    """One rendering of one resource on one page."""

    source_url: str
    page_kind: str  # detail | listing
    method: str  # drupal_fields | labels | fallback
    node_id: int | None = None
    path: str | None = None  # canonical path of the resource, when the page says it
    title: str | None = None
    published_date: date | None = None
    fields: dict[str, Any] = field(default_factory=dict)  # only the fields the page shows
    blocks: list[Block] = field(default_factory=list)
    # Set by compaction (pipeline.process.Processor.compact) to bound memory on large crawls:
    # the blocks are then dropped, a detail page keeps its cleaning result, every page a
    # fingerprint of its body blocks (sorted uint32 hashes of their comparison keys).
    compacted: bool = False
    cleaned: Any = None
    body_keys: bytes = b""

    @property
    def body_blocks(self) -> list[str]:
        return [b.text for b in self.blocks if b.origin == "body"]


def fold_label(text: str) -> str:
    """Label form: accents and case folded, colon and spaces trimmed."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace(":", " ").split())


def _classes(tag: Tag) -> list[str]:
    return tag.get("class") or []


def _raw_text(node: Tag) -> str:
    """Text as a browser lays it out: inline elements joined as they are, <br> and blocks as spaces."""
    parts: list[str] = []
    for el in node.descendants:
        if type(el) is NavigableString:
            parts.append(str(el))
        elif isinstance(el, Tag) and (el.name == "br" or el.name in BLOCK_TAGS or el.name in BLOCK_CONTAINERS):
            parts.append(" ")
    return "".join(parts)


def _text(node: Tag | NavigableString) -> str:
    return normalise_text(_raw_text(node) if isinstance(node, Tag) else str(node))


NESTED_BLOCK_TAGS = BLOCK_TAGS - {"td", "th"}  # block elements that split an enclosing block


def _holds_blocks(tag: Tag) -> bool:
    """Whether a block element holds other blocks (a list item with paragraphs, a nested list)."""
    return any(isinstance(d, Tag) and d.name in NESTED_BLOCK_TAGS for d in tag.descendants)


def text_blocks(container: Tag) -> list[str]:
    """The container's text as ordered blocks: one per paragraph, list item ('- ' + text), heading."""
    blocks: list[str] = []
    inline: list[str] = []

    def flush() -> None:
        text = normalise_text("".join(inline))
        inline.clear()
        if text:
            blocks.append(text)

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # skip comments, CDATA, doctype
                    inline.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in SKIPPED_TAGS:
                continue
            if child.name == "br":
                inline.append(" ")
            elif child.name in BLOCK_TAGS and not _holds_blocks(child):
                flush()
                text = _text(child)
                if text:
                    blocks.append(f"- {text}" if child.name == "li" else text)
            elif child.name in BLOCK_TAGS or child.name in BLOCK_CONTAINERS:
                flush()
                start = len(blocks)
                walk(child)
                flush()
                if child.name == "li" and len(blocks) > start and not blocks[start].startswith("- "):
                    blocks[start] = f"- {blocks[start]}"  # a list item holding paragraphs or a sub-list
            else:
                walk(child)

    walk(container)
    flush()
    return blocks


def parse_date(value: str | None) -> date | None:
    """A date from an ISO datetime attribute or a French 'Publié le dd/mm/yyyy' text."""
    if not value:
        return None
    try:
        if m := ISO_DATE.match(value.strip()):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := PUBLISHED_TEXT.search(value):
            return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None
    return None


def parse_bool(value: str) -> bool | None:
    """'Oui'/'Non' (and friends) → bool; anything else → None."""
    folded = fold_label(value)
    return True if folded in TRUE_VALUES else False if folded in FALSE_VALUES else None


def _url_path(href: str, base_url: str = "") -> str | None:
    """Path of a link resolved against the page; None for a malformed link (e.g. "a://[")."""
    try:
        return urlsplit(urljoin(base_url, href)).path
    except ValueError:
        return None


def _absolute(href: str, base_url: str) -> str:
    """A link resolved against the page; kept as written when malformed."""
    try:
        return urljoin(base_url, href)
    except ValueError:
        return href


def _field_value(column: str, items: Tag, base_url: str) -> Any:
    """The typed value of a field from the element holding its items."""
    if column == "documents":
        return [{"title": _text(a) or a["href"].rsplit("/", 1)[-1], "url": _absolute(a["href"], base_url)}
                for a in items.find_all("a", href=True)]
    if column == "categories":
        item_tags = items.find_all(class_=["field__item", "field-item"]) or items.find_all("a") or [items]
        return [t for t in (_text(i) for i in item_tags) if t]
    blocks = text_blocks(items)
    if column == "summary":
        return "\n\n".join(blocks) or None
    text = " ".join(blocks)
    if column == "is_private":
        return parse_bool(text) if text else None
    return text or None


def _drupal_fields(region: Tag, base_url: str) -> tuple[dict[str, Any], list[Block], Tag | None, list[Tag]]:
    """Fields recognised by Drupal field markup: values, their text blocks, the body element."""
    values: dict[str, Any] = {}
    footer: list[Block] = []
    body: Tag | None = None
    used: list[Tag] = []
    for el in region.find_all(class_=FIELD_CLASS):
        if any(p in used for p in el.parents):
            continue
        name = next(FIELD_CLASS.match(c)[1] for c in _classes(el) if FIELD_CLASS.match(c))
        label_el = el.find(class_=["field__label", "field-label"])
        label = fold_label(_text(label_el)) if label_el else ""
        column = LABELS.get(label) or MACHINE_NAMES.get(name)
        if column is None:
            continue
        used.append(el)
        if column == "body":
            body = body or el
            continue
        if label_el:
            label_el.extract()
        values[column] = _field_value(column, el, base_url)
        footer.extend(_field_blocks(label_el, el, column))
    return values, footer, body, used


def _field_blocks(label_el: Tag | None, items: Tag, column: str) -> list[Block]:
    """The blocks a plain-text extraction would show for a field: its label, then its value lines."""
    origin = "summary" if column == "summary" else "field"
    blocks = [Block(_text(label_el), "field")] if label_el and _text(label_el) else []
    return blocks + [Block(t, origin) for t in text_blocks(items)]


LABEL_TAGS = ["strong", "b", "dt", "label", "span", "div", "p", "h3", "h4", "h5", "th", "td"]


def _label_column(el: Tag) -> str | None:
    """The column a visible label element names, if its whole text is a known label."""
    text = el.get_text(" ")
    return LABELS.get(fold_label(text)) if len(text) < 40 else None


def _label_holders(region: Tag) -> list[tuple[Tag, str, Tag | None]]:
    """(label element, column, element holding its value) for each visible label, read before any change."""
    labels = [(el, col) for el in region.find_all(LABEL_TAGS)
              if (col := _label_column(el)) and not any(_label_column(c) for c in el.find_all(LABEL_TAGS))]
    label_els = [el for el, _ in labels]
    found: list[tuple[Tag, str, Tag | None]] = []
    for label_el, column in labels:
        parent = label_el.parent
        labels_in_parent = sum(1 for other in label_els if parent in other.parents)
        if label_el.name != "dt" and parent is not region and labels_in_parent == 1:
            holder = parent  # <div><strong>Label :</strong> value</div>
        else:  # <dt>Label</dt><dd>value</dd>, <div>Label</div><div>value</div>, or a label alone
            sibling = label_el.find_next_sibling()
            holder = sibling if sibling is not None and sibling not in label_els else None
        found.append((label_el, column, holder))
    return found


def _label_fields(region: Tag, base_url: str) -> tuple[dict[str, Any], list[Block], list[Tag]]:
    """Fields recognised by visible labels only (a theme without field classes)."""
    values: dict[str, Any] = {}
    footer: list[Block] = []
    used: list[Tag] = []
    for label_el, column, holder in _label_holders(region):
        if column in values:
            continue  # the first occurrence of a label wins
        label_text = _text(label_el)
        label_el.extract()
        holder = holder if holder is not None else Tag(name="div")
        values[column] = _field_value(column, holder, base_url)
        footer += [Block(label_text, "field"), *_field_blocks(None, holder, column)]
        used.append(holder if holder.parent is not None else label_el)
    return values, footer, [u for u in used if u.parent is not None]


def _title_of(region: Tag, soup: BeautifulSoup, single: bool) -> tuple[str | None, str | None]:
    """Title text and the path its link points to (listing titles link to the detail page)."""
    selectors = [(region, ".node__title"), (region, "h2.node-title"), (region, ".field--name-title")]
    if single:
        selectors += [(soup, "h1.page-title"), (region, "h1"), (soup, "h1")]
    selectors += [(region, "h2 a[rel=bookmark]"), (region, "h2"), (region, "h1")]
    for scope, sel in selectors:
        el = scope.select_one(sel)
        if el and _text(el):
            link = el if el.name == "a" else el.find("a", href=True)
            return _text(el), (_url_path(link["href"]) if link and link.get("href") else None)
    return None, None


def _date_of(region: Tag) -> date | None:
    for el in region.find_all(_is_date_element):
        if found := parse_date(el.get("datetime") or el.get("content")):
            return found
    match = PUBLISHED_TEXT.search(region.get_text(" "))
    return parse_date(match[0]) if match else None


def _node_id_of(region: Tag, head_nid: int | None, single: bool) -> int | None:
    for el in [region, *region.find_all(["article", "div"], limit=3)]:
        if el.get("data-history-node-id", "").isdigit():
            return int(el["data-history-node-id"])
        if m := D7_NODE_ID.match(el.get("id", "")):
            return int(m[1])
    return head_nid if single else None


def _is_node(tag: Tag) -> bool:
    """A rendered node: Drupal 8 `<article>`, Drupal 7 `<div class="node …">`."""
    return tag.name == "article" or (tag.name == "div" and "node" in _classes(tag))


def _is_date_element(tag: Tag) -> bool:
    """An element carrying a machine-readable date: <time datetime>, RDFa dc:date, xsd:dateTime."""
    if tag.name == "time" and tag.has_attr("datetime"):
        return True
    return tag.has_attr("content") and ("dc:date" in (tag.get("property") or "") or tag.has_attr("datatype"))


def _regions(soup: BeautifulSoup) -> list[Tag]:
    """Elements each holding one rendered resource: a views row, or a node, or an article."""
    nodes = [el for el in soup.find_all(_is_node) if not el.find_parent(["article"])
             and not (el.name == "div" and el.find_parent("div", class_="node"))]
    regions: list[Tag] = []
    for node in nodes:
        row = node.find_parent(class_="views-row")
        region = row if row is not None and len(row.find_all(_is_node)) == 1 else node
        if region not in regions:
            regions.append(region)
    return regions


def _head_links(soup: BeautifulSoup, base_url: str) -> tuple[str | None, int | None]:
    canonical = soup.find("link", rel="canonical", href=True)
    shortlink = soup.find("link", rel="shortlink", href=True)
    path = _url_path(canonical["href"], base_url) if canonical else None
    m = NODE_PATH.match(_url_path(shortlink["href"]) or "") if shortlink else None
    return path, int(m[1]) if m else None


def occurrences_from_html(html: str, url: str, page_kind: str) -> list[Occurrence]:
    """Every resource rendering on the page, with fields, blocks and identity."""
    soup = BeautifulSoup(html, "lxml")
    head_path, head_nid = _head_links(soup, url)
    regions = _regions(soup)
    single = page_kind == "detail" and len(regions) == 1
    found: list[Occurrence] = []
    for region in regions:
        occ = _occurrence_from_region(region, soup, url, page_kind, single, head_path, head_nid)
        if occ is not None:
            found.append(occ)
    if not found and page_kind == "detail":
        fallback = fallback_occurrence(html, url, soup)
        if fallback is not None:
            found.append(fallback)
    return found


def _occurrence_from_region(region: Tag, soup: BeautifulSoup, url: str, page_kind: str, single: bool,
                            head_path: str | None, head_nid: int | None) -> Occurrence | None:
    title, title_path = _title_of(region, soup, single)
    node_id = _node_id_of(region, head_nid, single)
    about = region.get("about") or (region.find(attrs={"about": True}) or {}).get("about")
    path = about or title_path or (head_path if single else None)
    if path and (m := NODE_PATH.match(path)):
        node_id, path = node_id or int(m[1]), (head_path if single else None)
    published = _date_of(region)
    for meta in region.find_all(class_=["node__meta", "submitted", "node__submitted", "date"]):
        meta.decompose()
    for heading in region.find_all(class_=["node__title", "node-title", "page-title"]):
        heading.decompose()
    values, footer, body_el, used = _drupal_fields(region, url)
    method = "drupal_fields"
    if not values:
        values, footer, used = _label_fields(region, url)
        method = "labels"
    if not values and body_el is None:
        return None
    blocks: list[Block] = []
    if body_el is not None:
        blocks += [Block(t, "body") for t in text_blocks(body_el)]
        body_el.decompose()
    leading, trailing = _loose_blocks(region, used, title)
    if body_el is None:
        blocks += [Block(t, "body") for t in leading]
        leading = []
    blocks += footer + [Block(t, "trailing") for t in leading + trailing]
    return Occurrence(source_url=url, page_kind=page_kind, method=method, node_id=node_id,
                      path=path, title=title, published_date=published, fields=values, blocks=blocks)


def _loose_blocks(region: Tag, used: list[Tag], title: str | None) -> tuple[list[str], list[str]]:
    """Text blocks outside the recognised fields, split at the first field: before / after."""
    for el in used:
        if el.parent is not None:  # the body field was already taken out
            el.replace_with(field_marker())
    before: list[str] = []
    after: list[str] = []
    seen_field = False
    for text in text_blocks(region):
        if text == FIELD_MARKER:
            seen_field = True
        elif text != title:
            (after if seen_field else before).append(text)
    return before, after


FIELD_MARKER = "\u2063field\u2063"  # invisible separator: cannot occur in normalised page text


def field_marker() -> Tag:
    """A placeholder paragraph that marks where a recognised field stood."""
    marker = Tag(name="p")
    marker.string = FIELD_MARKER
    return marker


def fallback_occurrence(html: str, url: str, soup: BeautifulSoup) -> Occurrence | None:
    """Generic main-content extraction (trafilatura) for a detail page without recognisable fields."""
    import trafilatura  # imported lazily: only pages without known markup need it

    text = trafilatura.extract(html, url=url, include_comments=False, include_tables=False,
                               favor_precision=True, deduplicate=False)
    if not text:
        return None
    blocks = [normalise_text(line) for line in text.split("\n")]
    h1 = soup.find("h1")
    title = _text(h1) if h1 else (blocks[0] if blocks else None)
    head_path, head_nid = _head_links(soup, url)
    if head_path and (m := NODE_PATH.match(head_path)):  # canonical link to /node/N: that is the node id
        head_nid, head_path = head_nid or int(m[1]), None
    body = [b for b in blocks if b and b != title]
    if not title or not body:
        return None
    return Occurrence(source_url=url, page_kind="detail", method="fallback", node_id=head_nid,
                      path=head_path, title=title, published_date=_date_of(soup),
                      blocks=[Block(t, "body") for t in body])
