"""What extraction produces (Block, Occurrence) and the vocabularies it recognises.

Pure data: the labels and machine names that map a page's fields to columns, the page classes,
the member fields and sections. Nothing here reads HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from rtes_core.text import comparison_key, without_accents

# Visible labels (accent-folded, lower case, without colon) → column.
LABELS = {
    "type de ressource": "resource_type",
    "ressource privee": "is_private",
    "resume": "summary",
    "documents": "documents",
    "document": "documents",
    "categorie": "categories",
    "categories": "categories",
    # what other themes call the same fields
    "fichiers": "documents",
    "pieces jointes": "documents",
    "telechargements": "documents",
    "en bref": "summary",
}
# Short labels read only as "Label : value" (a lone "Type" heads a table's column, too):
# "Type : Autres", "Privée : Non".
INLINE_ONLY_LABELS = {"type": "resource_type", "privee": "is_private", "prive": "is_private"}
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
TRUE_VALUES = {"oui", "yes", "true", "1", "vrai"}
FALSE_VALUES = {"non", "no", "false", "0", "faux"}

# What a page can be; only resources and articles become rows of the resources table.
PAGE_CLASSES = ("resource", "article", "member", "listing", "basic", "newsletter", "other")
RECORD_KINDS = frozenset({"resource", "article"})
RESOURCE_COLUMNS = frozenset({"resource_type", "is_private", "summary", "documents", "categories"})
# The values of "Type de ressource" the real site shows (public copies of its pages): a theme
# that shows the type as an unlabelled chip or badge is read by them (comparison keys).
RESOURCE_TYPE_VALUES = frozenset({"ressources rtes", "autres"})
# A privacy badge instead of the "Ressource privée" field (comparison keys → the flag).
PRIVACY_BADGES = {
    "ressource privée": True,
    "ressource publique": False,
    "réservé aux adhérents": True,
}
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


def inline_label_column(folded: str) -> str | None:
    """The column a folded label names when it opens a "Label : value" line (the short labels
    count there too)."""
    return ALL_LABELS.get(folded) or INLINE_ONLY_LABELS.get(folded)


# Headings of a member profile's sections (comparison keys, accents folded) → section name.
MEMBER_SECTIONS = {
    "panorama de l ess sur le territoire": "panorama",
    "budget consacre a l ess": "budget",
    "moyens affectes a l ess": "budget",
    "programme d intervention dans le champ de l ess": "programme",
    "exemples d actions soutenues par la collectivite": "exemples",
}
# Drupal node-type machine names (D8 `node--type-X`, D7 `node-X`) → page class: markup first.
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
# Listing titles that name no term (the whole library, the news): their items get no category.
GENERIC_LISTING_TITLES = frozenset(
    {"ressources", "actualites", "toutes les ressources", "accueil", "centre de ressources"}
)

# Label candidates, titles and tag lines are short and asked again and again: folded once
# (texts up to this length, this many of them).
CACHED_LABEL_CHARS = 200
FOLD_CACHE = 8192


@dataclass
class Block:
    """One text block of an occurrence, with where it came from on the page."""

    text: str
    origin: str  # body | field | summary | trailing | date | meta (byline, reading time) | tag


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
    return _cached_fold(text) if len(text) <= CACHED_LABEL_CHARS else _fold(text)


def _fold(text: str) -> str:
    return " ".join(without_accents(text).casefold().replace(":", " ").split())


def fold_head(text: str, chars: int) -> str:
    """The beginning of a long text's fold, for patterns anchored at its start: the fold of its
    first `chars` characters (folding goes character by character, so that is the whole fold's
    beginning), or the whole fold when that comes out under half as long (a run of spaces or
    punctuation). A pattern of under chars // 2 characters reads the same on both."""
    if len(text) <= chars:
        return fold_label(text)
    head = fold_label(text[:chars])
    return head if len(head) >= chars // 2 else fold_label(text)


def label_key(text: str) -> str | None:
    """The comparison key of a label-sized text (a section heading, a marker line), None for a
    longer one: no label is that long, and folding whole paragraphs only to miss is costly."""
    return comparison_key(fold_label(text)) if len(text) <= CACHED_LABEL_CHARS else None


_cached_fold = lru_cache(maxsize=FOLD_CACHE)(_fold)


def parse_bool(value: str) -> bool | None:
    """'Oui'/'Non' (and friends) → bool; anything else → None."""
    folded = fold_label(value)
    return True if folded in TRUE_VALUES else False if folded in FALSE_VALUES else None
