"""HTML page → page occurrences: title, ordered text blocks, labelled fields.

A listing page yields one occurrence per rendered resource, a detail page one. Fields are
recognised three ways, best first: Drupal's field markup (Drupal 8+ `field--name-…`,
`field__label`, `field__item`; Drupal 7 `field-name-…`, `field-label`, `field-item`), then
their visible labels ("Type de ressource", with or without a trailing colon and NBSP), and,
where neither is found on a detail page, a generic main-content extraction (trafilatura).

Every page is also classified (`page_class`): resource, article, member profile, listing, basic
page, newsletter or other — by Drupal's node-type classes where the markup has them, by content
otherwise. A theme never seen before is read from its main content region (<main>, role=main,
else the page without its header, navigation, sidebars and footer), and a listing in such a
theme is split into items at its linked headings.

Each page is parsed once, into one lxml tree that the rules read and rewrite. The modules, in
the order a page goes through them:

- `page`: the page's routes (node regions, a theme never seen, the fallback);
- `region`: one region → one occurrence; `meta`: its identity and dates;
- `fields` (Drupal field markup), `labels` (visible labels), `body` (text outside the fields);
- `noise` (page furniture; `content_marks`: what furniture holding content shows),
  `listing` (items without node markup), `classify`, `members`;
- `blocks` (text as blocks), `dom` (the tree), `links`, `records` (what comes out).
"""

from rtes_core.extract.blocks import FIELD_MARKER, br_paragraphs, field_marker, text_blocks
from rtes_core.extract.body import looks_like_tag_line
from rtes_core.extract.classify import content_kind
from rtes_core.extract.listing import listing_items, listing_term
from rtes_core.extract.members import member_fields
from rtes_core.extract.meta import parse_date
from rtes_core.extract.noise import content_root
from rtes_core.extract.page import fallback_occurrence, occurrences_from_html, record_occurrences
from rtes_core.extract.records import (
    ALL_LABELS,
    LABELS,
    MACHINE_NAMES,
    MEMBER_COLUMNS,
    MEMBER_LABELS,
    MEMBER_SECTIONS,
    PAGE_CLASSES,
    RECORD_KINDS,
    RESOURCE_COLUMNS,
    Block,
    Occurrence,
    fold_head,
    fold_label,
    parse_bool,
)

__all__ = [
    "ALL_LABELS",
    "FIELD_MARKER",
    "LABELS",
    "MACHINE_NAMES",
    "MEMBER_COLUMNS",
    "MEMBER_LABELS",
    "MEMBER_SECTIONS",
    "PAGE_CLASSES",
    "RECORD_KINDS",
    "RESOURCE_COLUMNS",
    "Block",
    "Occurrence",
    "br_paragraphs",
    "content_kind",
    "content_root",
    "fallback_occurrence",
    "field_marker",
    "fold_head",
    "fold_label",
    "listing_items",
    "listing_term",
    "looks_like_tag_line",
    "member_fields",
    "occurrences_from_html",
    "parse_bool",
    "parse_date",
    "record_occurrences",
    "text_blocks",
]
