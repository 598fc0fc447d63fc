"""HTML page → page occurrences: title, ordered text blocks, labelled fields.

A listing page yields one occurrence per rendered resource, a detail page one. Fields are
recognised three ways, best first: Drupal's field markup (Drupal 8+ `field--name-…`,
`field__label`, `field__item`; Drupal 7 `field-name-…`, `field-label`, `field-item`), then
their visible labels ("Type de ressource", with or without a trailing colon and NBSP), and,
where neither is found on a detail page, a generic main-content extraction (trafilatura).

Every page is also classified (`page_class`): resource, article, member profile, listing, basic
page, newsletter or other — by Drupal's node-type classes where the markup has them, by content
otherwise (a field block → resource; a "Publié le …" date line → article; "Dernière mise à jour"
and the profile sections or the member fields → member profile; "Pas d'images ? Version web" →
newsletter; none of these → basic page). A theme never seen before is read from its main content
region (<main>, role=main, else the page without its header, navigation, sidebars and footer),
and a listing in such a theme is split into items at its linked headings.
Pure: HTML text in, occurrences out; no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from rapidfuzz import fuzz

from pipeline import dates
from pipeline.text import comparison_key, normalise_text

# Field machine-name classes: Drupal 8+ `field--name-field-resume`, Drupal 7
# `field-name-field-resume`.
FIELD_CLASS = re.compile(r"^field-{1,2}name-(.+)$")
# Drupal 7 node containers carry their id as `id="node-123"`.
D7_NODE_ID = re.compile(r"^node-(\d+)$")
# A node path as Drupal writes it in shortlinks and `about` attributes.
NODE_PATH = re.compile(r"^/node/(\d+)/?$")
# A taxonomy term's system path (category listings, term links in fields).
TERM_PATH = re.compile(r"^/taxonomy/term/(\d+)/?$")
# Listing titles that name no term (the whole library, the news): their items get no category.
GENERIC_LISTING_TITLES = frozenset(
    {"ressources", "actualites", "toutes les ressources", "accueil", "centre de ressources"}
)
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
    "field-tags": "tags",
    "field-mots-cles": "tags",
    "field-etiquettes": "tags",
}
BLOCK_TAGS = {
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figcaption",
    "pre",
    "dt",
    "dd",
    "td",
    "th",
}
SKIPPED_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "form",
    "button",
    "select",
    "img",
    "svg",
    "iframe",
}
BLOCK_CONTAINERS = {
    "div",
    "section",
    "ul",
    "ol",
    "dl",
    "blockquote",
    "figure",
    "table",
    "tbody",
    "thead",
    "tr",
    "article",
    "aside",
    "header",
    "footer",
    "main",
    "nav",
    "details",
    "summary",
}
TRUE_VALUES = {"oui", "yes", "true", "1", "vrai"}
FALSE_VALUES = {"non", "no", "false", "0", "faux"}

# What a page can be; only resources and articles become rows of the resources table.
PAGE_CLASSES = ("resource", "article", "member", "listing", "basic", "newsletter", "other")
RECORD_KINDS = frozenset({"resource", "article"})
RESOURCE_COLUMNS = frozenset({"resource_type", "is_private", "summary", "documents", "categories"})
# Fields of a member collectivité (profile pages and region listings) → column.
MEMBER_LABELS = {
    "annee d'adhesion au rtes": "joined_year",
    "annee d’adhesion au rtes": "joined_year",
    "annee d'adhesion": "joined_year",
    "annee d’adhesion": "joined_year",
    "type de collectivite": "collectivite_type",
    "nombre d'habitants sur le territoire": "population",
    "nombre d’habitants sur le territoire": "population",
    "nombre d'habitants": "population",
    "nombre d’habitants": "population",
    "adresse": "address",
    "region": "region",
    "contact public": "public_contact",
}
MEMBER_COLUMNS = frozenset(MEMBER_LABELS.values())
ALL_LABELS = {**LABELS, **MEMBER_LABELS}
# Headings of a member profile's sections (comparison keys, accents folded) → section name.
MEMBER_SECTIONS = {
    "panorama de l ess sur le territoire": "panorama",
    "budget consacre a l ess": "budget",
    "moyens affectes a l ess": "budget",
    "programme d intervention dans le champ de l ess": "programme",
    "exemples d actions soutenues par la collectivite": "exemples",
}
# Drupal node-type machine names (D8 `node--type-X`, D7 `node-X`) → page class: markup first.
NODE_TYPE_CLASS = re.compile(r"^node-{1,2}(?:type-)?([a-z0-9_]+)$")
NODE_TYPES = {
    "ressource": "resource",
    "resource": "resource",
    "article": "article",
    "actualite": "article",
    "actualites": "article",
    "actu": "article",
    "news": "article",
    "page": "basic",
    "adherent": "member",
    "membre": "member",
    "collectivite": "member",
    "newsletter": "newsletter",
    "simplenews": "newsletter",
    "simplenews_issue": "newsletter",
}
# Texts that only an e-mail newsletter shows (comparison keys, accents folded).
NEWSLETTER_MARKERS = (
    "pas d images version web",
    "voir la version web",
    "version en ligne de cette lettre",
)
NEWSLETTER_TITLE = re.compile(r"^(newsletter|lettre d.information) rtes\b", re.IGNORECASE)
# Titles of search, account and error pages (folded, without punctuation): never records.
OTHER_TITLES = re.compile(
    r"^(recherche|resultats? de (la )?recherche|se connecter|connexion|mon compte|"
    r"creer un compte|mot de passe|page non trouvee|acces refuse)\b"
)
# A tag line: a short term line without sentence punctuation (e.g. "PTCE").
MAX_TAG_CHARS = 60
MAX_TAG_WORDS = 6
TAG_SEPARATORS = re.compile(r"\s*[|•;]\s*")
# Chrome containers of a theme never seen: class or id tokens (header, footer, menus, sidebars).
CHROME_TOKEN = re.compile(
    r"(?:^|[-_])(header|footer|nav|navbar|navigation|menu|breadcrumbs?|sidebar|"
    r"banner|skip|toolbar|social|share|cookies?|pager|pagination)(?:[-_]|$)",
    re.IGNORECASE,
)
HIDDEN_TOKEN = re.compile(r"^(visually-hidden|sr-only|element-invisible|element-hidden|hidden)$")
CHROME_TAGS = ("header", "nav", "footer", "aside", "form")
CHROME_ROLES = {"banner", "navigation", "contentinfo", "complementary", "search"}
# Linked headings that start listing items, in a theme whose items have no node markup.
ITEM_HEADINGS = ("h2", "h3")
MIN_LISTING_ITEMS = 2
# Two Résumé/body blocks this alike (rapidfuzz ratio) are one paragraph copied.
COPY_RATIO = 90


@dataclass
class Block:
    """One text block of an occurrence, with where it came from on the page."""

    text: str
    origin: str  # body | field | summary | trailing | date | tag


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
    kind: str = "resource"  # what the item is: one of PAGE_CLASSES except listing
    page_class: str = "resource"  # what the whole page is (listing for a listing's items)
    tags: list[str] = field(default_factory=list)  # the unlabelled term line before the field block
    updated_date: date | None = None
    listing_term: str | None = None  # on a category listing: the term it lists (its <h1>)
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
        elif isinstance(el, Tag) and el.name == "br":
            parts.append(LINE_BREAK)
        elif isinstance(el, Tag) and (el.name in BLOCK_TAGS or el.name in BLOCK_CONTAINERS):
            parts.append(" ")
    return "".join(parts)


LINE_BREAK = "\u2028"  # a <br> while a block's text is gathered (whitespace to normalise_text)
# A <br>-separated part this long that ends a sentence is a paragraph: some renderings (the
# /node/N view) separate paragraphs by single line breaks; a contact block's short lines stay one
# block.
BR_PARAGRAPH_MIN_CHARS = 60
SENTENCE_END = re.compile(r"[.!?…»:)]$")


def br_paragraphs(raw: str) -> list[str]:
    """A block's text, split at its line breaks when every part is a sentence-ending paragraph."""
    parts = [normalise_text(p) for p in raw.split(LINE_BREAK)]
    parts = [p for p in parts if p]
    if len(parts) >= 2 and all(
        len(p) >= BR_PARAGRAPH_MIN_CHARS and SENTENCE_END.search(p) for p in parts
    ):
        return parts
    text = normalise_text(raw)
    return [text] if text else []


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
        blocks.extend(br_paragraphs("".join(inline)))
        inline.clear()

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # skip comments, CDATA, doctype
                    inline.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in SKIPPED_TAGS:
                continue
            if child.name == "br":
                inline.append(LINE_BREAK)
            elif child.name in BLOCK_TAGS and not _holds_blocks(child):
                flush()
                texts = br_paragraphs(_raw_text(child))
                blocks.extend(f"- {t}" if child.name == "li" else t for t in texts)
            elif child.name in BLOCK_TAGS or child.name in BLOCK_CONTAINERS:
                flush()
                start = len(blocks)
                walk(child)
                flush()
                if (
                    child.name == "li"
                    and len(blocks) > start
                    and not blocks[start].startswith("- ")
                ):
                    blocks[start] = (
                        f"- {blocks[start]}"  # a list item holding paragraphs or a sub-list
                    )
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
        return [
            {
                "title": _text(a) or a["href"].rsplit("/", 1)[-1],
                "url": _absolute(a["href"], base_url),
            }
            for a in items.find_all("a", href=True)
        ]
    if column == "categories":
        item_tags = (
            items.find_all(class_=["field__item", "field-item"]) or items.find_all("a") or [items]
        )
        return [t for t in (_text(i) for i in item_tags) if t]
    blocks = text_blocks(items)
    if column == "summary":
        return "\n\n".join(blocks) or None
    text = " ".join(blocks)
    if column == "is_private":
        return parse_bool(text) if text else None
    return text or None


def _drupal_fields(
    region: Tag, base_url: str
) -> tuple[dict[str, Any], list[Block], Tag | None, list[Tag], list[str]]:
    """Fields recognised by Drupal field markup: values, their text blocks, the body element,
    the elements used, and the tags (a term field without a label: links to /taxonomy/term/N)."""
    values: dict[str, Any] = {}
    footer: list[Block] = []
    body: Tag | None = None
    used: list[Tag] = []
    tags: list[str] = []
    for el in region.find_all(class_=FIELD_CLASS):
        if any(p in used for p in el.parents):
            continue
        name = next(FIELD_CLASS.match(c)[1] for c in _classes(el) if FIELD_CLASS.match(c))
        label_el = el.find(class_=["field__label", "field-label"])
        label = fold_label(_text(label_el)) if label_el else ""
        column = ALL_LABELS.get(label) or MACHINE_NAMES.get(name)
        if column is None:
            links = el.find_all("a", href=True)
            if (
                label_el is None
                and links
                and all(TERM_PATH.match(_url_path(a["href"], base_url) or "") for a in links)
            ):
                tags += [t for t in (_text(a) for a in links) if t]
                used.append(el)
            continue
        used.append(el)
        if column == "body":
            body = body or el
            continue
        if column == "tags":
            tags += [
                t
                for t in (
                    _text(i) for i in el.find_all(class_=["field__item", "field-item"]) or [el]
                )
                if t
            ]
            continue
        if label_el:
            label_el.extract()
        values[column] = _field_value(column, el, base_url)
        footer.extend(_field_blocks(label_el, el, column))
    return values, footer, body, used, tags


def _field_blocks(label_el: Tag | None, items: Tag, column: str) -> list[Block]:
    """The blocks a plain-text extraction would show for a field: its label, then its value lines."""
    origin = "summary" if column == "summary" else "field"
    blocks = [Block(_text(label_el), "field")] if label_el and _text(label_el) else []
    return blocks + [Block(t, origin) for t in text_blocks(items)]


LABEL_TAGS = ["strong", "b", "dt", "label", "span", "div", "p", "h3", "h4", "h5", "th", "td", "li"]
# "Label : value" written in one text node ("Type de ressource : Autres"); the value may be empty.
INLINE_LABEL = re.compile(r"^\s*([^:\n]{3,40}?)\s*:\s*(.*)$", re.S)
# Longest text a label element can have (a label, not a sentence that starts like one).
LABEL_MAX_CHARS = 40


def _label_column(el: Tag) -> str | None:
    """The column a visible label element names, if its whole text is a known label."""
    text = el.get_text(" ")
    return ALL_LABELS.get(fold_label(text)) if len(text) < LABEL_MAX_CHARS else None


def _inline_label(el: Tag) -> tuple[str, NavigableString, str, str] | None:
    """(column, text node, label, rest) when the element's own text opens with "Label :"."""
    first = next(
        (c for c in el.children if not (type(c) is NavigableString and not c.strip())), None
    )
    if type(first) is not NavigableString or _label_column(el):
        return None
    m = INLINE_LABEL.match(str(first))
    column = ALL_LABELS.get(fold_label(m[1])) if m else None
    return (column, first, normalise_text(m[1]), m[2]) if column else None


@dataclass
class LabelHit:
    """One visible label: the element showing it, its column, and the element holding its value."""

    label_el: (
        Tag | None
    )  # an element holding only the label (None: the label opens the holder's text)
    column: str
    holder: Tag | None
    label_text: str
    opening: NavigableString | None = None  # inline label: the text node that starts with it
    rest: str = ""  # inline label: what that text node holds after the colon

    @property
    def element(self) -> Tag:
        return self.label_el if self.label_el is not None else self.holder


def _label_holders(region: Tag) -> list[LabelHit]:
    """Every visible label of the region in page order, with its value's element, read before any change."""
    hits: list[LabelHit] = []
    for el in region.find_all(LABEL_TAGS):
        if column := _label_column(el):
            if not any(_label_column(c) for c in el.find_all(LABEL_TAGS)):
                hits.append(LabelHit(el, column, None, _text(el)))
        elif inline := _inline_label(el):
            column, node, label, rest = inline
            hits.append(LabelHit(None, column, el, label, node, rest))
    hits = [h for i, h in enumerate(hits) if not (i and _is_value_of(hits[i - 1], h))]
    elements = {id(h.element) for h in hits}
    for hit in hits:
        if hit.label_el is None:
            continue
        parent = hit.label_el.parent
        labels_in_parent = sum(1 for other in hits if parent in other.element.parents)
        if hit.label_el.name != "dt" and parent is not region and labels_in_parent == 1:
            hit.holder = parent  # <div><strong>Label :</strong> value</div>
        else:  # <dt>Label</dt><dd>value</dd>, <div>Label</div><div>value</div>, or a label alone
            sibling = hit.label_el.find_next_sibling()
            holds_label = sibling is not None and (
                id(sibling) in elements
                or any(id(d) in elements for d in sibling.find_all(LABEL_TAGS))
            )
            hit.holder = sibling if sibling is not None and not holds_label else None
    return hits


# A label's text that is also a value of the label before it ("Type de collectivité" → "Région").
LABEL_AS_VALUE = {"collectivite_type": {"region"}}


def _is_value_of(previous: LabelHit, hit: LabelHit) -> bool:
    """Whether a label-looking element is in fact the value shown under the label before it."""
    return (
        previous.label_el is not None
        and hit.label_el is not None
        and hit.column in LABEL_AS_VALUE.get(previous.column, set())
        and previous.label_el.find_next_sibling() is hit.label_el
    )


def _alike(a: str, b: str) -> bool:
    """Two comparison keys of one paragraph (a copy with small edits)."""
    return a == b or (bool(a) and bool(b) and fuzz.ratio(a, b) >= COPY_RATIO)


def _summary_continuation(holder: Tag, hits: list[LabelHit]) -> list[Tag]:
    """Siblings after a flat one-block Résumé that still belong to it.

    A theme that writes every paragraph as a sibling gives no end to the Résumé. It copies the
    body's first k paragraphs and the body follows, so the value and its siblings read
    X[0:k] == X[k:2k] for the Résumé's k: the smallest such k is taken (1: only the value)."""
    own = text_blocks(holder)
    if len(own) != 1:
        return []
    labels = {id(h.element) for h in hits}
    siblings: list[tuple[Tag, str]] = []
    for sib in holder.find_next_siblings():
        blocks = text_blocks(sib) if id(sib) not in labels else []
        if len(blocks) != 1:
            break
        siblings.append((sib, blocks[0]))
    keys = [comparison_key(t) for t in own + [t for _, t in siblings]]
    for k in range(1, len(keys) // 2 + 1):
        if all(_alike(keys[i], keys[k + i]) for i in range(k)):
            return [sib for sib, _ in siblings[: k - 1]]
    return []


def _label_fields(region: Tag, base_url: str) -> tuple[dict[str, Any], list[Block], list[Tag]]:
    """Fields recognised by visible labels only (a theme without field classes)."""
    values: dict[str, Any] = {}
    footer: list[Block] = []
    used: list[Tag] = []
    hits = _label_holders(region)
    for hit in hits:
        if hit.column in values:
            continue  # the first occurrence of a label wins
        if hit.opening is not None:  # "Label : value" in one text: keep the value only
            hit.opening.replace_with(NavigableString(hit.rest))
        holder = hit.holder if hit.holder is not None else Tag(name="div")
        extra = (
            _summary_continuation(holder, hits)
            if hit.column == "summary" and hit.holder is not None
            else []
        )
        if extra:
            merged = Tag(name="div")
            for el in [holder, *extra]:
                merged.append(el.extract() if el is not holder else _copy(el))
            holder.replace_with(field_marker())
            holder = merged
        if hit.label_el is not None:
            if hit.holder is None:
                hit.label_el.replace_with(field_marker())  # an empty field still marks the block
            else:
                hit.label_el.extract()
        values[hit.column] = _field_value(hit.column, holder, base_url)
        footer += [Block(hit.label_text, "field"), *_field_blocks(None, holder, hit.column)]
        if holder.parent is not None:
            used.append(holder)
    return values, footer, used


def _copy(el: Tag) -> Tag:
    """A detached copy of an element (its original is replaced by a field marker)."""
    return BeautifulSoup(str(el), "lxml").find(el.name) or Tag(name="div")


def _title_of(region: Tag, soup: BeautifulSoup, single: bool) -> tuple[str | None, str | None]:
    """Title text and the path its link points to (listing titles link to the detail page)."""
    selectors = [
        (region, ".node__title"),
        (region, "h2.node-title"),
        (region, ".field--name-title"),
    ]
    if single:
        selectors += [(soup, "h1.page-title"), (region, "h1"), (soup, "h1")]
    selectors += [(region, "h2 a[rel=bookmark]"), (region, "h2"), (region, "h3"), (region, "h1")]
    for scope, sel in selectors:
        el = scope.select_one(sel)
        if el and _text(el):
            link = el if el.name == "a" else el.find("a", href=True)
            return _text(el), (_url_path(link["href"]) if link and link.get("href") else None)
    return None, None


def _date_of(region: Tag) -> date | None:
    return _dates_of(region)[0]


def _dates_of(region: Tag) -> tuple[date | None, date | None]:
    """(published, updated): machine-readable dates first, then the visible date lines."""
    published = updated = None
    for el in region.find_all(_is_date_element):
        if found := parse_date(el.get("datetime") or el.get("content")):
            published = found
            break
    for text in text_blocks(region):
        if dates.is_date_line(text):
            line_published, line_updated = dates.line_dates(text)
            published, updated = published or line_published, updated or line_updated
    if published is None and (match := PUBLISHED_TEXT.search(region.get_text(" "))):
        published = parse_date(match[0])
    return published, updated


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


def _node_type_kind(region: Tag) -> str | None:
    """The page class Drupal's node-type class names (node--type-article, node-ressource), if any."""
    for el in [region, *region.find_all(_is_node, limit=2)]:
        for c in _classes(el):
            if (m := NODE_TYPE_CLASS.match(c)) and m[1] in NODE_TYPES:
                return NODE_TYPES[m[1]]
    return None


def _is_date_element(tag: Tag) -> bool:
    """An element carrying a machine-readable date: <time datetime>, RDFa dc:date, xsd:dateTime."""
    if tag.name == "time" and tag.has_attr("datetime"):
        return True
    return tag.has_attr("content") and (
        "dc:date" in (tag.get("property") or "") or tag.has_attr("datatype")
    )


def _regions(soup: BeautifulSoup) -> list[Tag]:
    """Elements each holding one rendered resource: a views row, or a node, or an article."""
    nodes = [
        el
        for el in soup.find_all(_is_node)
        if not el.find_parent(["article"])
        and not (el.name == "div" and el.find_parent("div", class_="node"))
    ]
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


# --- a theme never seen: its main content, its listing items ---------------------------------


def _tokens(tag: Tag) -> list[str]:
    return [*_classes(tag), *([tag["id"]] if isinstance(tag.get("id"), str) else [])]


def _is_chrome(tag: Tag) -> bool:
    """Page furniture: header, navigation, sidebar, footer, search form, hidden helper text."""
    if tag.find_parent("article") is not None and tag.name in CHROME_TAGS[:4]:
        return False  # an article's own <header>/<footer> holds its title and date
    if tag.name in CHROME_TAGS or tag.get("role") in CHROME_ROLES:
        return True
    return any(CHROME_TOKEN.search(t) or HIDDEN_TOKEN.match(t) for t in _tokens(tag))


def _holds_content(tag: Tag) -> bool:
    """Whether a chrome-looking element holds the page's own content (title, fields, date line)."""
    if tag.find("h1") is not None or tag.name == "h1":
        return True
    if any(_label_column(el) or _inline_label(el) for el in tag.find_all(LABEL_TAGS, limit=400)):
        return True
    return any(dates.is_date_line(t) for t in text_blocks(tag)[:20])


def _is_site_name(text: str) -> bool:
    key = comparison_key(fold_label(text))
    return key.startswith("reseau des collectivites territoriales") or key in {"rtes", "accueil"}


# A content root holds at least this share of the main region's text (else climb further).
MIN_CONTENT_SHARE = 0.5


def content_root(soup: BeautifulSoup) -> Tag:
    """The element holding the page's own content in any theme: the h1's smallest ancestor
    holding most of the main region's text, chrome (header, menus, sidebars, footer) removed."""
    base = soup.find("main") or soup.find(attrs={"role": "main"}) or soup.body or soup
    for el in base.find_all(_is_chrome):
        if el.parent is not None and not el.decomposed and not _holds_content(el):
            el.decompose()
    h1 = next((h for h in base.find_all("h1") if _text(h) and not _is_site_name(_text(h))), None)
    if h1 is None:
        return base
    total = _own_text_chars(base) or 1
    node = h1.parent
    while (
        node is not None and node is not base and _own_text_chars(node) < MIN_CONTENT_SHARE * total
    ):
        node = node.parent
    return node if node is not None else base


def _own_text_chars(node: Tag) -> int:
    """Characters of text outside links and site names: what menus and sidebars lack."""
    return sum(
        len(t.strip())
        for t in node.find_all(string=True)
        if type(t) is NavigableString
        and t.find_parent("a") is None
        and not _is_site_name(t)
        and t.parent.name not in SKIPPED_TAGS
    )


def _is_internal(href: str, base_url: str) -> bool:
    try:
        target = urlsplit(urljoin(base_url, href))
    except ValueError:
        return False
    return (
        target.scheme in {"http", "https"}
        and target.netloc.removeprefix("www.") == urlsplit(base_url).netloc.removeprefix("www.")
        and target.path not in {"", "/"}
    )


def _lowest_common_ancestor(tags: list[Tag]) -> Tag | None:
    chains = [[tag, *tag.parents] for tag in tags]
    common = set(map(id, chains[0]))
    for chain in chains[1:]:
        common &= set(map(id, chain))
    return next((el for el in chains[0] if id(el) in common), None)


def _is_lead(tag: Tag | NavigableString) -> bool:
    """What stands before an item's title: its lead image (no text) or its date line."""
    if not isinstance(tag, Tag):
        return not str(tag).strip()
    text = _text(tag)
    return (not text and tag.find("img") is not None) or (bool(text) and dates.is_date_line(text))


def listing_items(root: Tag, base_url: str) -> list[Tag]:
    """A listing of a theme without node markup, split into items at its linked headings.

    Items render one after another with no separator, so an item runs from its heading (with the
    lead image and date line just before it) to the next one; [] when there are fewer than two."""
    heads = [
        h
        for h in root.find_all(ITEM_HEADINGS)
        if (a := h.find("a", href=True)) and _is_internal(a["href"], base_url)
    ]
    if len(heads) < MIN_LISTING_ITEMS:
        return []
    name = Counter(h.name for h in heads).most_common(1)[0][0]
    heads = [h for h in heads if h.name == name]
    container = _lowest_common_ancestor(heads)
    if container is None or len(heads) < MIN_LISTING_ITEMS:
        return []
    tops = []
    for head in heads:
        top = (
            head
            if head.parent is container
            else next(p for p in head.parents if p.parent is container)
        )
        tops.append(top)
    if len({id(t) for t in tops}) < len(tops):
        return []  # two titles in one block: not one item per title
    segments: list[list[Any]] = []
    pending: list[Any] = []
    top_ids = {id(t) for t in tops}
    for child in list(container.children):
        if id(child) in top_ids:
            while (
                segments and segments[-1] and _is_lead(segments[-1][-1]) and len(segments[-1]) > 1
            ):
                pending.insert(0, segments[-1].pop())  # the next item's lead image and date line
            segments.append(pending + [child])
            pending = []
        elif segments:
            segments[-1].append(child)
        elif _is_lead(child):
            pending.append(child)
        else:
            pending = []  # the listing's own title and introduction
    items = []
    for segment in segments:
        item = Tag(name="div")
        for el in segment:
            item.append(el.extract())
        items.append(item)
    return items


def _looks_like_listing(items: list[Tag]) -> bool:
    """Items that each carry a date line or a field label: a listing, not linked headings in a body."""
    marked = sum(1 for item in items if _holds_content(item))
    return marked >= MIN_LISTING_ITEMS


def listing_term(soup: BeautifulSoup, url: str, page_kind: str) -> str | None:
    """The term a category listing lists: its <h1>, when the page is a taxonomy term page
    (shortlink or canonical /taxonomy/term/N, or a listing the crawl found at a term's slug)."""
    links = [soup.find("link", rel=rel, href=True) for rel in ("shortlink", "canonical")]
    term_page = any(link and TERM_PATH.match(_url_path(link["href"], url) or "") for link in links)
    if not term_page and page_kind != "listing" and not TERM_PATH.match(_url_path(url) or ""):
        return None
    h1 = next((h for h in soup.find_all("h1") if _text(h) and not _is_site_name(_text(h))), None)
    title = _text(h1) if h1 else None
    if not title or comparison_key(fold_label(title)) in GENERIC_LISTING_TITLES:
        return None
    return title


# --- pages → occurrences -----------------------------------------------------------------------


def occurrences_from_html(html: str, url: str, page_kind: str) -> list[Occurrence]:
    """Every item rendered on the page, with fields, blocks, identity, kind and the page's class.

    Resource and article items become records; a member item feeds the members table; a basic
    page, a newsletter or another page gives one item of that kind (counted, joined to a record
    only when it shares the record's identity: a resource page whose markup was lost)."""
    soup = BeautifulSoup(html, "lxml")
    head_path, head_nid = _head_links(soup, url)
    term = listing_term(soup, url, page_kind)
    regions = _regions(soup)
    listing = page_kind == "listing" or len(regions) > 1
    single = not listing and len(regions) == 1
    found = [
        occ
        for region in regions
        if (
            occ := _occurrence_from_region(
                region, soup, url, page_kind, single, head_path, head_nid
            )
        )
    ]
    if not found:  # no node markup, or nodes holding nothing: read the theme's main content
        root = content_root(soup)
        items = listing_items(root, url)
        if items and (page_kind == "listing" or _looks_like_listing(items)):
            listing = True
            found = [
                occ
                for item in items
                if (
                    occ := _occurrence_from_region(
                        item, soup, url, "listing", False, None, None, True
                    )
                )
            ]
        elif page_kind != "listing":
            occ = _occurrence_from_region(
                root, soup, url, page_kind, True, head_path, head_nid, True
            )
            found = [occ] if occ is not None else []
    if not found and page_kind == "detail":
        fallback = fallback_occurrence(html, url, soup)
        if fallback is not None:
            fallback.kind = fallback.page_class = "basic"
            found.append(fallback)
    if not listing and found and _is_other_page(soup, found[0]):
        found[0].kind = "other"
    page_class = "listing" if listing else (found[0].kind if found else "other")
    for occ in found:
        occ.page_class = page_class
        if listing:
            occ.page_kind, occ.listing_term = "listing", term
    return found


def record_occurrences(html: str, url: str, page_kind: str) -> list[Occurrence]:
    """Only the resource and article items of a page."""
    return [o for o in occurrences_from_html(html, url, page_kind) if o.kind in RECORD_KINDS]


def _is_other_page(soup: BeautifulSoup, occ: Occurrence) -> bool:
    """A search, account or error page (never a record)."""
    if occ.kind in RECORD_KINDS | {"member"}:
        return False
    title = comparison_key(fold_label(occ.title or ""))
    return (
        bool(OTHER_TITLES.match(title))
        or soup.find("input", attrs={"type": "password"}) is not None
    )


def _occurrence_from_region(
    region: Tag,
    soup: BeautifulSoup,
    url: str,
    page_kind: str,
    single: bool,
    head_path: str | None,
    head_nid: int | None,
    generic: bool = False,
) -> Occurrence | None:
    title, title_path = _title_of(region, soup, single)
    node_id = _node_id_of(region, head_nid, single)
    about = region.get("about") or (region.find(attrs={"about": True}) or {}).get("about")
    path = about or title_path or (head_path if single else None)
    if path is None and single and page_kind == "detail":  # no canonical link: the page is the item
        path = _url_path(url)
    if path and (m := NODE_PATH.match(path)):
        node_id, path = node_id or int(m[1]), (head_path if single else None)
    markup_kind = _node_type_kind(region)
    published, updated = _dates_of(region)
    if (
        single and published is None and updated is None and not generic
    ):  # a date line outside the node
        published, updated = _dates_of(content_root(BeautifulSoup(str(soup), "lxml")))
    for meta in region.find_all(class_=["node__meta", "submitted", "node__submitted", "date"]):
        meta.decompose()
    for heading in region.find_all(class_=["node__title", "node-title", "page-title"]):
        heading.decompose()
    values, footer, body_el, used, tags = _drupal_fields(region, url)
    method = "drupal_fields"
    if not values:
        values, footer, used = _label_fields(region, url)
        method = "labels"
    blocks: list[Block] = []
    if body_el is not None:
        blocks += [Block(t, "body") for t in text_blocks(body_el)]
        body_el.decompose()
    leading, trailing, line_tags, date_lines = _loose_blocks(region, used, title)
    tags = tags or line_tags
    if body_el is None:
        blocks += [Block(t, "body") for t in leading]
        leading = []
    blocks += (
        footer
        + [Block(t, "trailing") for t in leading + trailing]
        + [Block(t, "date") for t in date_lines]
    )
    if not values and body_el is None:
        if not generic or not title or not any(b.origin in {"body", "trailing"} for b in blocks):
            return None
        method = "fallback"
    kind = markup_kind or content_kind(values, [b.text for b in blocks], published, updated, title)
    if method == "fallback" and kind == "article":
        method = "content"  # an article has no field block: read from its content, as designed
    occ = Occurrence(
        source_url=url,
        page_kind=page_kind,
        method=method,
        node_id=node_id,
        path=path,
        title=title,
        published_date=published,
        fields=values,
        blocks=blocks,
        kind=kind,
        page_class=kind,
        tags=tags,
        updated_date=updated,
    )
    if kind == "member":
        occ.fields, occ.blocks = member_fields(values, blocks), []
    return occ


def content_kind(
    values: dict[str, Any],
    texts: list[str],
    published: date | None,
    updated: date | None,
    title: str | None,
) -> str:
    """What an item is, from what it shows (a theme without node-type classes)."""
    resource_fields = set(values) & RESOURCE_COLUMNS
    if len(resource_fields) >= 2 or resource_fields & {"resource_type", "is_private"}:
        return "resource"
    keys = [comparison_key(fold_label(t)) for t in texts]
    sections = any(k in MEMBER_SECTIONS for k in keys)
    if len(set(values) & MEMBER_COLUMNS) >= 2 or (sections and updated is not None):
        return "member"
    if NEWSLETTER_TITLE.match(title or "") or any(
        m in k for k in keys[:12] for m in NEWSLETTER_MARKERS
    ):
        return "newsletter"
    if published is not None or updated is not None:
        return "article"
    return "resource" if resource_fields else "basic"


# A number in a member field ("12 500 habitants", "1 234 567"): digits with thousands spaces or
# dots.
NUMBER = re.compile(r"\d{1,3}(?:[ .\u00a0\u202f]\d{3})+|\d+")
YEAR = re.compile(r"\b(19|20)\d{2}\b")


def member_fields(values: dict[str, Any], blocks: list[Block]) -> dict[str, Any]:
    """A member collectivité's columns: its fields typed, and its body cut at the profile's sections."""
    out: dict[str, Any] = {k: v for k, v in values.items() if k in MEMBER_COLUMNS}
    if isinstance(out.get("population"), str):
        m = NUMBER.search(out["population"])
        out["population"] = int(re.sub(r"\D", "", m[0])) if m else None
    if isinstance(out.get("joined_year"), str):
        m = YEAR.search(out["joined_year"])
        out["joined_year"] = int(m[0]) if m else None
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for block in blocks:
        if block.origin not in {"body", "trailing"}:
            continue
        name = MEMBER_SECTIONS.get(comparison_key(fold_label(block.text)))
        if name is not None:
            current = name
            sections.setdefault(name, [])
        elif current is not None:
            sections[current].append(block.text)
    out["sections"] = sections
    return out


def looks_like_tag_line(text: str) -> bool:
    """A short term line without sentence punctuation ("PTCE"), not a list item or a date."""
    return (
        len(text) <= MAX_TAG_CHARS
        and len(text.split()) <= MAX_TAG_WORDS
        and not text.startswith("- ")
        and text[-1] not in ".!?:;,»)"
        and not dates.is_date_line(text)
        and not _is_site_name(text)
    )


def _loose_blocks(
    region: Tag, used: list[Tag], title: str | None
) -> tuple[list[str], list[str], list[str], list[str]]:
    """Text blocks outside the recognised fields, split at the first field: before / after; the
    unlabelled term line just before the field block (tags); the date lines."""
    for el in used:
        if el.parent is not None:  # the body field was already taken out
            el.replace_with(field_marker())
    before: list[str] = []
    after: list[str] = []
    date_lines: list[str] = []
    tags: list[str] = []
    seen_field = False
    for text in text_blocks(region):
        if text == FIELD_MARKER:
            if not seen_field and before and looks_like_tag_line(before[-1]):
                tags = [t for t in TAG_SEPARATORS.split(before.pop()) if t]
            seen_field = True
        elif text == title:
            continue
        elif dates.is_date_line(text):
            date_lines.append(text)
        else:
            (after if seen_field else before).append(text)
    return before, after, tags, date_lines


FIELD_MARKER = "\u2063field\u2063"  # invisible separator: cannot occur in normalised page text


def field_marker() -> Tag:
    """A placeholder paragraph that marks where a recognised field stood."""
    marker = Tag(name="p")
    marker.string = FIELD_MARKER
    return marker


def fallback_occurrence(html: str, url: str, soup: BeautifulSoup) -> Occurrence | None:
    """Generic main-content extraction (trafilatura) for a detail page without recognisable fields."""
    import trafilatura  # imported lazily: only pages without known markup need it

    text = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,
    )
    if not text:
        return None
    blocks = [normalise_text(line) for line in text.split("\n")]
    h1 = soup.find("h1")
    title = _text(h1) if h1 else (blocks[0] if blocks else None)
    head_path, head_nid = _head_links(soup, url)
    if head_path and (
        m := NODE_PATH.match(head_path)
    ):  # canonical link to /node/N: that is the node id
        head_nid, head_path = head_nid or int(m[1]), None
    body = [b for b in blocks if b and b != title]
    if not title or not body:
        return None
    return Occurrence(
        source_url=url,
        page_kind="detail",
        method="fallback",
        node_id=head_nid,
        path=head_path,
        title=title,
        published_date=_date_of(soup),
        blocks=[Block(t, "body") for t in body],
    )
