"""One rendered resource (a region of a page) → one occurrence: identity, dates, fields by the
best route that finds any (Drupal markup, then visible labels), blocks, kind."""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass
from datetime import date
from typing import Any

from lxml import etree

from rtes_core.dates import first_date
from rtes_core.extract.bare_fields import (
    menu_terms,
    take_category_list,
    take_copied_lead,
    take_file_block,
)
from rtes_core.extract.blocks import text, text_blocks
from rtes_core.extract.body import loose_blocks, take_bylines, take_rel_tags, take_term_links
from rtes_core.extract.cards import strip_related_cards
from rtes_core.extract.classify import content_kind, node_type_kind
from rtes_core.extract.dom import (
    HEADINGS,
    Element,
    document_copy,
    is_element,
    remove,
    with_class,
)
from rtes_core.extract.field_layouts import (
    drop_field_table_heads,
    pivot_label_tables,
    unfold_tabs,
)
from rtes_core.extract.fields import (
    DrupalFields,
    description_field,
    drupal_fields,
    take_download_blocks,
)
from rtes_core.extract.labels import label_fields
from rtes_core.extract.links import NODE_PATH, url_path
from rtes_core.extract.members import member_fields
from rtes_core.extract.meta import dates_of, head_dates, node_id_of, time_stamps, title_of
from rtes_core.extract.noise import content_root
from rtes_core.extract.records import (
    PRIVACY_BADGES,
    RESOURCE_TYPE_VALUES,
    Block,
    Occurrence,
    parse_bool,
)
from rtes_core.extract.related import strip_related, strip_related_links, strip_title_badges
from rtes_core.extract.teaser import teaser_mark
from rtes_core.text import comparison_key

# Submitted lines and titles a theme renders inside the node: read apart, never body text.
META_CLASSES = ("node__meta", "submitted", "node__submitted", "date")
TITLE_CLASSES = ("node__title", "node-title", "page-title")
TEXT_ORIGINS = frozenset({"body", "trailing"})
# A list of bare field values (take_fact_list): a privacy and a type or the menu's terms, each
# a short line, at least two items (a type badge alone is a card's, on any page that lists
# resources: not evidence enough).
MIN_FACT_ITEMS = 2
MAX_FACT_CHARS = 40
# RDFa types of what is no node: its author, a term, an image (Drupal 7's sioc/foaf/skos marks).
NOT_NODE_TYPES = ("useraccount", "person", "concept", "image")
# A user's page: an author's `about`, never the node's.
USER_PATH = re.compile(r"^(?:https?://[^/]+)?/user/\d+/?$")
# The elements carrying an RDFa `about`, the region itself first (libxml2 finds them in one pass).
ABOUT_HOLDERS = etree.XPath("descendant-or-self::*[@about]")


@dataclass(frozen=True)
class Page:
    """The page a region belongs to, and what its head says of it."""

    root: Element
    url: str
    head_path: str | None = None
    head_nid: int | None = None
    names_authors: bool = True  # its HTML holds an author's mark (body.may_name_authors)
    # The paths its navigation links to (bare_fields.navigation_paths), read once for all its
    # items before any region is read: reading one takes the site's chrome out of the tree.
    menu: frozenset[str] = frozenset()


@dataclass
class Identity:
    title: str | None
    node_id: int | None
    path: str | None


def _node_about(region: Element) -> str | None:
    """The node's RDFa `about` (Drupal 7's `<div class="node" about="/slug">`): the region's
    own, else the first one inside it that names no author, term or image (Drupal 7 writes
    `about="/user/1"` on the submitted line's user name)."""
    for el in ABOUT_HOLDERS(region):
        about = el.get("about")
        kinds = (el.get("typeof") or "").lower()
        if not any(word in kinds for word in NOT_NODE_TYPES) and not USER_PATH.match(about):
            return about
    return None


def _identity(region: Element, page: Page, page_kind: str, single: bool) -> Identity:
    """Title, node id and canonical path: the node's own marks first, the page's head after."""
    title, title_path = title_of(region, page.root, single)
    node_id = node_id_of(region, page.head_nid, single)
    about = _node_about(region)
    path = about or title_path or (page.head_path if single else None)
    # no canonical link: a page showing one item is that item (whatever way the crawl reached it)
    if path is None and single and page_kind != "listing":
        path = url_path(page.url)
    if path and (m := NODE_PATH.match(path)):
        node_id, path = node_id or int(m[1]), (page.head_path if single else None)
    return Identity(title, node_id, path)


def _dates(
    region: Element, page: Page, single: bool, outside: bool, lines: list[str]
) -> tuple[date | None, date | None]:
    published, updated = dates_of(region, lines)
    if single and published is None and updated is None and outside:
        # a date line outside the node: read from the page's content (on a copy, left intact)
        published, updated = dates_of(content_root(document_copy(page.root)))
    if single and published is None and updated is None:
        published, updated = head_dates(page.root)  # a page that shows no date may state it there
    return published, updated


def _fields(region: Element, url: str, menu: frozenset[str]) -> tuple[DrupalFields, str]:
    """The region's fields by the first route that finds any, and that route's name."""
    found = drupal_fields(region, url)
    if found.values:
        if "resource_type" not in found.values and (facts := take_fact_list(region, menu)):
            _add_facts(found, facts)  # the type and privacy as a list of bare values
        return found, "drupal_fields"
    pivot_label_tables(region)  # labels in a header row, values in the row below
    drop_field_table_heads(region)  # a label table's "Champ | Valeur" row
    unfold_tabs(region)  # labels as tabs, values in the panels they open
    # Before the labels: a badge list "Ressources RTES · Ressource privée" would read as the
    # label "Ressource privée" with no value.
    facts = take_fact_list(region, menu)
    found.values, found.footer, found.used = label_fields(region, url)
    if facts:
        _add_facts(found, facts)
    if found.values:  # a description alone makes no field block (the fields may stand beside)
        description_field(region, found, url)
    return found, "labels"


def _add_facts(found: DrupalFields, facts: tuple[dict[str, Any], list[str]]) -> None:
    """A fact list's values where the other routes gave none, and its lines as field blocks."""
    values, shown = facts
    found.values |= {k: v for k, v in values.items() if found.values.get(k) in (None, "", [])}
    found.footer += [Block(t, "field") for t in shown]


def _blocks(
    region: Element, found: DrupalFields, title: str | None, stamps: Set[str] = frozenset()
) -> tuple[list[Block], list[str]]:
    """Body, field, trailing and date blocks in that order, and the tags."""
    blocks: list[Block] = []
    if found.body is not None:
        blocks += [Block(t, "body") for t in text_blocks(found.body, body=True)]
        remove(found.body)
    loose = loose_blocks(region, found.used, title, stamps)
    leading = loose.before
    if found.body is None:
        blocks += [Block(t, "body") for t in leading]
        leading = []
    blocks += (
        found.footer
        + [Block(t, "field") for t in loose.box_titles]
        + [Block(t, "trailing") for t in leading + loose.after]
        + [Block(t, "date" if first_date(t) else "meta") for t in loose.date_lines]
    )
    return blocks, found.tags or loose.tags


def _occurrence(
    page: Page,
    page_kind: str,
    method: str,
    who: Identity,
    kind: str,
    dated: tuple[date | None, date | None],
    values: dict[str, Any] | None = None,
    blocks: list[Block] | None = None,
    tags: list[str] | None = None,
) -> Occurrence:
    published, updated = dated
    return Occurrence(
        source_url=page.url,
        page_kind=page_kind,
        method=method,
        node_id=who.node_id,
        path=who.path,
        title=who.title,
        published_date=published,
        fields=values or {},
        blocks=blocks or [],
        kind=kind,
        page_class=kind,
        tags=tags or [],
        updated_date=updated,
    )


def _is_teaser(region: Element, who: Identity, url: str, lines: list[str]) -> bool:
    targets = {p for p in (who.path, who.node_id and f"/node/{who.node_id}") if p}
    return teaser_mark(region, who.title, targets, url, lines) is not None


def _read_node(
    region: Element, page: Page, title: str | None, stamps: Set[str]
) -> tuple[DrupalFields, str, list[Block], list[str]]:
    """The node's fields (by the first route that finds any), its route, its blocks and tags:
    what its markup marks apart is taken out first (rel="tag" links, bylines), then the fields,
    the download blocks and the tag pills, and the rest is read in order."""
    marked_tags = take_rel_tags(region)  # rel="tag" links: the tags wherever their line stands
    bylines = take_bylines(region) if page.names_authors else []  # neither body nor tag
    found, method = _fields(region, page.url, page.menu)
    if "documents" not in found.values:  # download blocks with no Documents label
        documents, shown = take_download_blocks(region, page.url)
        if not documents:  # nor any class: lines of file links alone
            documents, shown = take_file_block(region, page.url)
        if documents:
            found.values["documents"] = documents
            found.footer += [Block(t, "field") for t in shown]
    if "categories" not in found.values and found.values:  # a bare list of the menu's terms
        terms, shown = take_category_list(region, page.menu)
        if terms:
            found.values["categories"] = terms
            found.footer += [Block(t, "field") for t in shown]
    if "summary" not in found.values and found.values and (lead := take_copied_lead(region)):
        found.values["summary"] = "\n\n".join(lead)  # a box copying the lead: the Résumé
        found.footer += [Block(t, "field") for t in lead]
    term_tags = take_term_links(region, found.used)  # tag pills, before or after the body
    blocks, tags = _blocks(region, found, title, stamps)
    blocks += [Block(t, "meta") for t in bylines]
    if not found.tags:  # rel="tag" links, then the badges before the fields, then tag pills
        tags = marked_tags + [t for t in tags if t not in marked_tags]
    tags = _type_from_tags(found.values, tags + [t for t in term_tags if t not in tags])
    return found, method, blocks, tags


def _strip_other_pages(region: Element, url: str, single: bool, title: str | None) -> None:
    """Teasers of other pages inside the node ("À lire aussi" under headings; on a page's one
    item, related boxes of title-and-date cards too) and the links set before its title: they
    are neither its text nor its dates."""
    strip_related(region)
    strip_related_links(region, url)
    if single:
        strip_related_cards(region, url)
    strip_title_badges(region, title)


def take_fact_list(
    region: Element, menu: frozenset[str]
) -> tuple[dict[str, Any], list[str]] | None:
    """A list of a privacy with a resource type, the menu's category links or both, no label
    (a theme's icon list "📁 Ressources RTES · 🔒 Non · 🏷 terms", its labels in icons or
    aria-labels): the fields and the list's lines, the list taken out; None when no list reads
    so."""
    for facts in region.iter("ul", "ol"):
        items = [li for li in facts if is_element(li)]
        item_terms = [menu_terms(li, menu) for li in items]
        terms = [t for t in item_terms if t]
        values = [text(li) for li, t in zip(items, item_terms) if not t]
        if (
            len(items) < MIN_FACT_ITEMS
            or len(terms) > 1
            or any(len(v) > MAX_FACT_CHARS for v in values)
        ):
            continue
        typed = [v for v in values if comparison_key(v) in RESOURCE_TYPE_VALUES]
        private = [v for v in values if v not in typed and _privacy(v) is not None]
        if (
            len(private) == 1
            and len(typed) <= 1
            and len(values) == len(typed) + 1
            and not _in_a_card(facts, region)
        ):
            remove(facts)
            found: dict[str, Any] = {"is_private": _privacy(private[0])}
            found |= {"resource_type": typed[0]} if typed else {}
            return found | ({"categories": terms[0]} if terms else {}), [text(li) for li in items]
    return None


def _in_a_card(el: Element, region: Element) -> bool:
    """Whether an element below the region holding `el` has a linked heading: a card of
    another page (its badges are that page's)."""
    for holder in el.iterancestors():
        if holder is region:
            return False
        if any(h.find(".//a[@href]") is not None for h in holder.iter(*HEADINGS)):
            return True
    return False


def _privacy(value: str) -> bool | None:
    """A privacy shown bare: "Oui"/"Non" or a badge ("Ressource publique")."""
    badge = PRIVACY_BADGES.get(comparison_key(value))
    return badge if badge is not None else parse_bool(value)


def _type_from_tags(values: dict[str, Any], tags: list[str]) -> list[str]:
    """A resource type or a privacy shown as an unlabelled badge among the tags ("Autres",
    "Ressource publique"): the field, when no labelled field gave it; the tags without it."""
    typed = [t for t in tags if comparison_key(t) in RESOURCE_TYPE_VALUES]
    if values.get("resource_type") is None and len(typed) == 1:
        values["resource_type"] = typed[0]
        tags = [t for t in tags if t != typed[0]]
    privacy = [t for t in tags if comparison_key(t) in PRIVACY_BADGES]
    if values.get("is_private") is None and len(privacy) == 1:
        values["is_private"] = PRIVACY_BADGES[comparison_key(privacy[0])]
        tags = [t for t in tags if t != privacy[0]]
    return tags


def _teaser_occurrence(
    page: Page,
    page_kind: str,
    who: Identity,
    markup_kind: str | None,
    dated: tuple[date | None, date | None],
) -> Occurrence | None:
    """A listing's teaser: the node's identity and dates, the listing's membership; never a
    body, summary or fields (its lead is cut, its link text is the site's). None when it names
    no node."""
    if not who.title or (who.node_id is None and who.path is None):
        return None
    kind = markup_kind or ("article" if any(dated) else "resource")
    return _occurrence(page, page_kind, "teaser", who, kind, dated)


def occurrence_from_region(
    region: Element,
    page: Page,
    page_kind: str,
    single: bool,
    generic: bool = False,
    *,
    dates_outside: bool | None = None,
) -> Occurrence | None:
    """The region's occurrence; None when it shows no field, no body (and, read as a theme
    never seen, `generic`, no title or no text). `dates_outside`: whether a date missing from
    the region is looked for in the page's content (by default, when the region is a node, not
    the content root a theme never seen is read from)."""
    who = _identity(region, page, page_kind, single)
    _strip_other_pages(region, page.url, single, who.title)
    stamps = time_stamps(region)  # a <time> block: the node's date, read apart from its text
    markup_kind = node_type_kind(region)
    lines = text_blocks(region)  # read once for the dates and the teaser test, before any cut
    outside = not generic if dates_outside is None else dates_outside
    published, updated = _dates(region, page, single, outside, lines)
    if not single and markup_kind != "member" and _is_teaser(region, who, page.url, lines):
        return _teaser_occurrence(page, page_kind, who, markup_kind, (published, updated))
    for el in with_class(region, META_CLASSES + TITLE_CLASSES):
        remove(el)
    found, method, blocks, tags = _read_node(region, page, who.title, stamps)
    values: dict[str, Any] = found.values
    if not values and found.body is None:
        if not generic or not who.title or not any(b.origin in TEXT_ORIGINS for b in blocks):
            return None
        method = "fallback"
    kind = markup_kind or content_kind(
        values, [b.text for b in blocks], published, updated, who.title
    )
    if method == "fallback" and (kind == "article" or not single):
        method = "content"  # an article, a listed item: read from its content, as designed
    occ = _occurrence(
        page, page_kind, method, who, kind, (published, updated), values, blocks, tags
    )
    if kind == "member":
        occ.fields, occ.blocks = member_fields(values, blocks), []
    return occ
