"""Route 1: fields recognised by Drupal's field markup.

Drupal 8+ writes `field--name-…`, `field__label`, `field__item`; Drupal 7 `field-name-…`,
`field-label`, `field-item`. A field's column comes from its visible label first, its machine
name otherwise; a term field without a label (links to /taxonomy/term/N) gives the tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rtes_core.extract.blocks import is_date_line, strings, text, text_blocks
from rtes_core.extract.dom import (
    HEADINGS,
    Element,
    ancestors_below,
    classes,
    contains_same,
    elements,
    first,
    first_with_class,
    new_element,
    remove,
    with_class,
)
from rtes_core.extract.label_lines import LABEL_MAX_CHARS
from rtes_core.extract.links import ACTION_LINKS, TERM_PATH, absolute, url_path
from rtes_core.extract.records import ALL_LABELS, MACHINE_NAMES, Block, fold_label, parse_bool
from rtes_core.text import ENDS_AS_FILE_NAME, comparison_key
from rtes_core.urls import file_url, is_file_path

# Field machine-name classes: Drupal 8+ `field--name-field-resume`, Drupal 7
# `field-name-field-resume`.
FIELD_CLASS = re.compile(r"^field-{1,2}name-(.+)$")
LABEL_CLASSES = ("field__label", "field-label")
ITEM_CLASSES = ("field__item", "field-item")
# What a document link shows besides the document's name: the file's size ("1,2 Mo", "(PDF,
# 350 Ko)", "2.4 MB") and format ("(PDF)", "[DOCX]", "PDF -"), and the action it offers
# ("Télécharger", "Download", "Voir le document"), alone or at one end of the name.
FILE_KINDS = r"pdf|docx?|xlsx?|pptx?|odt|ods|odp|csv|zip|jpe?g|png"
SIZE = r"\d+(?:[.,]\d+)?\s*(?:[kmg]i?[ob]|octets|bytes)\b"
FILE_SIZE = re.compile(
    rf"[(\[]\s*(?:(?:{FILE_KINDS})\s*[-,–]?\s*)?{SIZE}\s*[)\]]|^{SIZE}\s*|\s*(?<!\w){SIZE}$",
    re.IGNORECASE,
)
FILE_FORMAT = re.compile(
    rf"[(\[]\s*(?:{FILE_KINDS})\s*[)\]]|^(?:{FILE_KINDS})\s+[-–:·|]\s+", re.IGNORECASE
)
# A format's name alone ("PDF" left of "PDF · 2,3 Mo"): it names no document.
FORMAT_ALONE = re.compile(rf"^(?:{FILE_KINDS})$", re.IGNORECASE)
ACTION = (
    r"(?:t[ée]l[ée]charger|download|voir|ouvrir|consulter|lire)"
    r"(?:\s+(?:le|la|les|ce|cette|ces|du|de\s+la)?\s*(?:documents?|fichiers?|pdf|ressources?"
    r"|pi[èe]ces?\s+jointes?|guides?|rapports?))?"
)
LINK_ACTION = re.compile(rf"^{ACTION}$", re.IGNORECASE)
LINK_ACTION_EDGE = re.compile(rf"^{ACTION}\s*:\s*|\s+[-–|·]?\s*{ACTION}$", re.IGNORECASE)
EDGE_PUNCTUATION = " -–|·:,"
EDGE_STRIPS = 2  # a size and an action, one on each end or both on one
# A block a theme names as a download (class tokens), found holding a link to a file.
DOWNLOAD_TOKEN = re.compile(
    r"(?:^|[\s_-])(?:downloads?|telechargements?|attachments?|file-link|wp-block-file)(?:[\s_]|$)",
    re.IGNORECASE,
)
# A file's note beside its link in a list of attachments: its size and format, at most.
FILE_NOTE_CHARS = 30
# The classes marking a page's description, its summary shown unlabelled: Plone's
# description, SPIP's chapeau, Ghost's custom excerpt.
DESCRIPTION_CLASSES = ("documentDescription", "chapo", "gh-article-excerpt")
# A text block standing after the title in the <header> that holds it, long enough to be a
# sentence or more: a page's standfirst (a description) where no class names it; shorter
# blocks there are a date, a byline or a tag line.
HEADER_LEAD_MIN_CHARS = 80
# A private resource's member notice, which a theme may set there too ("Cette ressource est
# réservée aux collectivités adhérentes. Connectez-vous…"): its words or its link to the login.
MEMBER_NOTICE = re.compile(r"\bconnectez[-\s]vous\b|\bespace\s+adh[ée]rents?\b", re.IGNORECASE)
# The longest member notice: "Cette ressource est réservée aux collectivités adhérentes…" is ~120.
MAX_MEMBER_NOTICE_CHARS = 300
LOGIN_PATH = re.compile(r"^/(?:user/(?:login|register)|connexion|login)\b")


def document_title(shown: str) -> str | None:
    """A document link's text without its file's size and format and the action it offers
    ("Rapport 2021 (PDF, 1,2 Mo)" → "Rapport 2021"); None when nothing else is left (a
    "Télécharger (PDF)" button names no document)."""
    title = " ".join(FILE_FORMAT.sub(" ", shown).split())
    for _ in range(EDGE_STRIPS):  # "x.pdf 1,2 Mo Télécharger": the action, then the size
        title = FILE_SIZE.sub(" ", LINK_ACTION_EDGE.sub("", title)).strip(EDGE_PUNCTUATION)
    return None if not title or LINK_ACTION.match(title) or FORMAT_ALONE.match(title) else title


def _link_title(link: Element) -> str | None:
    """The document a link names: a download card's parts (its title, the file's name, size and
    a button, in elements that touch: "Guide 2021guide.pdf1,4 MoTélécharger" as one text) read
    apart, the file's name and what names no document left out; else the link's text."""
    parts = [p for p in (" ".join(s.split()) for s in strings(link)) if p]
    if len(parts) > 1:
        named = [p for p in parts if document_title(p) and not ENDS_AS_FILE_NAME.search(p)]
        if named and len(named) < len(parts):
            return document_title(" ".join(named))
    return document_title(text(link))


def documents_of(items: Element, base_url: str) -> list[dict[str, str]]:
    """One document per file the field links to (a card's title link and its download button
    are one document), titled by the first link that names it, else by the file's name."""
    titles: dict[str, str | None] = {}
    for a in items.iterdescendants("a"):
        href = a.get("href")
        if href is None or href.startswith(ACTION_LINKS):
            continue
        url = file_url(absolute(href, base_url))  # the file, however fetched
        if titles.get(url) is None:
            titles[url] = _link_title(a)
    return [
        {"title": title or url.rstrip("/").rsplit("/", 1)[-1], "url": url}
        for url, title in titles.items()
    ]


def term_items(items: Element) -> list[str]:
    """The terms of a term field: its items, else its links (Drupal 7's `ul.links` of term
    links), else its whole text."""
    shown = with_class(items, ITEM_CLASSES) or list(items.iterdescendants("a")) or [items]
    return [t for t in (text(i) for i in shown) if t]


def field_value(column: str, items: Element, base_url: str, blocks: list[str]) -> Any:
    """The typed value of a field from the element holding its items (and their text blocks)."""
    if column == "documents":
        return documents_of(items, base_url)
    if column == "categories":
        return term_items(items)
    if column == "summary":
        return "\n\n".join(blocks) or None
    joined = " ".join(b.removeprefix("- ") for b in blocks)  # a value set as a list's item
    if column == "is_private":
        return parse_bool(joined) if joined else None
    return joined or None


def field_blocks(label: str, column: str, blocks: list[str]) -> list[Block]:
    """The blocks a plain-text extraction would show for a field: its label, then its value lines."""
    origin = "summary" if column == "summary" else "field"
    return ([Block(label, "field")] if label else []) + [Block(t, origin) for t in blocks]


def read_field(column: str, items: Element, base_url: str, label: str) -> tuple[Any, list[Block]]:
    """A field's value and its blocks (its text read once)."""
    blocks = text_blocks(items)
    return field_value(column, items, base_url, blocks), field_blocks(label, column, blocks)


@dataclass
class DrupalFields:
    """What the field markup of one region gave."""

    values: dict[str, Any] = field(default_factory=dict)
    footer: list[Block] = field(default_factory=list)  # the fields' blocks, label first
    body: Element | None = None  # the body field's element
    used: list[Element] = field(default_factory=list)  # elements read as fields
    tags: list[str] = field(default_factory=list)


def _machine_name(el: Element) -> str | None:
    return next((m[1] for c in classes(el) if (m := FIELD_CLASS.match(c))), None)


def _term_links(el: Element, base_url: str) -> list[str] | None:
    """The link texts of an unlabelled field whose links all go to taxonomy terms, else None."""
    links = [a for a in el.iterdescendants("a") if a.get("href") is not None]
    if not links or not all(
        TERM_PATH.match(url_path(a.get("href"), base_url) or "") for a in links
    ):
        return None
    return [t for t in (text(a) for a in links) if t]


def drupal_fields(region: Element, base_url: str) -> DrupalFields:
    """Fields recognised by Drupal field markup, in page order (a field inside a field is part
    of it)."""
    found = DrupalFields()
    for el in [
        d for d in elements(region) if "name-" in (d.get("class") or "") and _machine_name(d)
    ]:
        if any(contains_same(found.used, p) for p in ancestors_below(el, region)):
            continue
        label_el = first_with_class(el, LABEL_CLASSES)
        label_text = text(label_el) if label_el is not None else ""
        column = ALL_LABELS.get(fold_label(label_text)) or MACHINE_NAMES.get(
            _machine_name(el) or ""
        )
        if column is None:
            terms = _term_links(el, base_url) if label_el is None else None
            if terms is not None:
                found.tags += terms
                found.used.append(el)
            continue
        found.used.append(el)
        if column == "body":
            found.body = found.body if found.body is not None else el
        elif column == "tags":
            if label_el is not None:
                remove(label_el)  # "Mots-clés:" over its term links
            found.tags += term_items(el)
        else:
            if label_el is not None:
                remove(label_el)
            found.values[column], blocks = read_field(column, el, base_url, label_text)
            found.footer.extend(blocks)
    return found


def description_field(region: Element, found: DrupalFields, base_url: str) -> None:
    """A page's description as its CMS marks it (Plone's `documentDescription`, SPIP's
    `chapo`, Ghost's `gh-article-excerpt`, shown above the text with no label) is the Résumé,
    where no labelled Résumé was found: a field, not the body's first paragraph (the body's
    own lead follows it, copied)."""
    if "summary" in found.values:
        return
    description = first_with_class(region, DESCRIPTION_CLASSES)
    if description is None:
        description = header_lead(region)
    if description is None or not text(description):
        return
    found.values["summary"], blocks = read_field("summary", description, base_url, "")
    found.footer += blocks
    found.used.append(description)


# What a standfirst never holds: blocks of its own, and a byline's list or heading ("<h4>Name</h4>
# <dl><dt>Détails</dt><dd>Écrit par …</dd></dl>", Joomla's article info).
NOT_IN_A_STANDFIRST = ("p", "div", "ul", "ol", "table", "dl", "h2", "h3", "h4", "h5", "h6")


def header_lead(region: Element) -> Element | None:
    """The first long text block after the page's <h1> inside the <header> holding it (a
    standfirst, as Plone, Ghost and WordPress themes show it; a member notice is none), or None."""
    heading = first(region, "h1")
    around = [] if heading is None else ancestors_below(heading, region)
    header = next((a for a in around if a.tag == "header"), None)
    if header is None:
        return None
    after = False  # (document order: a <div> wrapping the heading comes before it)
    for el in header.iterdescendants("h1", "p", "div"):
        after = after or el is heading
        if after and el is not heading and first(el, *NOT_IN_A_STANDFIRST) is None:
            lead = text(el)
            if len(lead) >= HEADER_LEAD_MIN_CHARS and not is_date_line(lead):
                if not is_member_notice(el, lead):
                    return el
    return None


def is_member_notice(el: Element, shown: str) -> bool:
    """Whether the element is the notice of a private page ("… connectez-vous …", a login link):
    short text only, a paragraph that mentions the members' area is no notice."""
    if len(shown) > MAX_MEMBER_NOTICE_CHARS:
        return False
    return MEMBER_NOTICE.search(shown) is not None or any(
        LOGIN_PATH.match(url_path(a.get("href") or "") or "") for a in el.iter("a")
    )


def take_download_blocks(region: Element, base_url: str) -> tuple[list[dict[str, str]], list[str]]:
    """Attachments shown with no Documents label, as download blocks a theme's class names
    (DSFR's `fr-download`, WordPress's `wp-block-file`, `download-card`, `attachment`): their
    documents and their text, the blocks taken out of the region (outermost first)."""
    found: list[Element] = []
    for el in region.iterdescendants():
        if not isinstance(el.tag, str) or not DOWNLOAD_TOKEN.search(el.get("class") or ""):
            continue
        if any(f in el.iterancestors() for f in found) or not links_a_file(el, base_url):
            continue
        found.append(el)
    holder = new_element("div")
    shown: list[str] = []
    for el in found:
        shown += text_blocks(el)
        remove(el)
        holder.append(el)
    return documents_of(holder, base_url), shown


def links_a_file(el: Element, base_url: str | None = None) -> bool:
    """Whether the element holds a link to a file (an attachment, not a page)."""
    return any(is_file_path(url_path(a.get("href") or "", base_url) or "") for a in el.iter("a"))


def shows_only_file_links(el: Element) -> bool:
    """Whether every word the element shows stands in a link to a file (a download button, a
    file's linked title), none in text around them."""
    shown = comparison_key(text(el))
    linked = " ".join(comparison_key(text(a)) for a in el.iter("a") if links_a_file(a))
    return shown != "" and shown == " ".join(linked.split())


def _beyond_files(el: Element) -> int | None:
    """How much text the element shows besides its file links and a short size or format note
    per file; None when it links no file."""
    files = [a for a in el.iter("a") if links_a_file(a)]
    if not files:
        return None
    return len(text(el)) - sum(len(text(a)) for a in files) - FILE_NOTE_CHARS * len(files)


def shows_file_list(el: Element) -> bool:
    """Whether the element shows file links and, per file, at most a short size or format note
    (an attachments table: "Annexe statistique 2013 | 2,1 Mo")."""
    room = _beyond_files(el)
    return room is not None and room <= 0


def shows_files_alone(el: Element) -> bool:
    """Whether the element shows one Documents label and its files and nothing else (a column
    of attachments beside the text): besides the label, no more text than the files' links
    and, per file, a short size or format note ("— Document PDF, 1090 Ko")."""
    room = _beyond_files(el)
    if room is None or room > LABEL_MAX_CHARS:
        return False
    shown = (fold_label(text(c)) for c in el.iterdescendants(*HEADINGS, "strong", "span", "dt"))
    return any(ALL_LABELS.get(label) == "documents" and len(label) >= room for label in shown)
