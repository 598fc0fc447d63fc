"""What a page or an item is: resource, article, member profile, basic page, newsletter, other.

Drupal's node-type classes decide where the markup has them (`node--type-article`,
`node-ressource`); otherwise the content does: a field block → resource; a "Publié le …" date
line → article; the member fields, or the profile sections with "Dernière mise à jour" →
member profile; "Pas d'images ? Version web" → newsletter; none of these → basic page.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import islice
from typing import Any

from rtes_core.extract.dom import Element, classes
from rtes_core.extract.records import (
    MEMBER_COLUMNS,
    MEMBER_SECTIONS,
    NEWSLETTER_MARKERS,
    NODE_TYPES,
    RECORD_KINDS,
    RESOURCE_COLUMNS,
    Occurrence,
    fold_label,
    label_key,
)
from rtes_core.text import comparison_key

# Drupal node-type classes: D8 `node--type-X`, D7 `node-X` (X the machine name).
NODE_TYPE_CLASS = re.compile(r"^node-{1,2}(?:type-)?([a-z0-9_]+)$")
# The title an e-mail newsletter's web copy carries.
NEWSLETTER_TITLE = re.compile(r"^(newsletter|lettre d.information) rtes\b", re.IGNORECASE)
# Titles of search, account and error pages (folded, without punctuation): never records.
OTHER_TITLES = re.compile(
    r"^(recherche|resultats? de (la )?recherche|se connecter|connexion|mon compte|"
    r"creer un compte|mot de passe|page non trouvee|acces refuse)\b"
)
# Newsletter markers stand near the top of the message: this many blocks are searched.
NEWSLETTER_MARKER_BLOCKS = 12
# A resource shows two of its fields, or one of those only a resource has.
MIN_RESOURCE_FIELDS = 2
RESOURCE_ONLY_FIELDS = frozenset({"resource_type", "is_private"})
MIN_MEMBER_FIELDS = 2


def is_node(el: Element) -> bool:
    """A rendered node: Drupal 8 `<article>`, Drupal 7 `<div class="node …">`."""
    return el.tag == "article" or (el.tag == "div" and "node" in classes(el))


def node_type_kind(region: Element) -> str | None:
    """The page class Drupal's node-type class names (node--type-article, node-ressource), if any."""
    nodes = islice((n for n in region.iterdescendants("article", "div") if is_node(n)), 2)
    for el in [region, *nodes]:
        for c in classes(el):
            if (m := NODE_TYPE_CLASS.match(c)) and m[1] in NODE_TYPES:
                return NODE_TYPES[m[1]]
    return None


def content_kind(
    values: dict[str, Any],
    texts: list[str],
    published: date | None,
    updated: date | None,
    title: str | None,
) -> str:
    """What an item is, from what it shows (a theme without node-type classes)."""
    resource_fields = set(values) & RESOURCE_COLUMNS
    if len(resource_fields) >= MIN_RESOURCE_FIELDS or resource_fields & RESOURCE_ONLY_FIELDS:
        return "resource"
    sections = any(label_key(t) in MEMBER_SECTIONS for t in texts)
    if len(set(values) & MEMBER_COLUMNS) >= MIN_MEMBER_FIELDS or (sections and updated is not None):
        return "member"
    first_keys = [comparison_key(fold_label(t)) for t in texts[:NEWSLETTER_MARKER_BLOCKS]]
    if NEWSLETTER_TITLE.match(title or "") or any(
        m in k for k in first_keys for m in NEWSLETTER_MARKERS
    ):
        return "newsletter"
    if published is not None or updated is not None:
        return "article"
    return "resource" if resource_fields else "basic"


def is_other_page(root: Element, occ: Occurrence) -> bool:
    """A search, account or error page (never a record)."""
    if occ.kind in RECORD_KINDS | {"member"}:
        return False
    title = comparison_key(fold_label(occ.title or ""))
    return bool(OTHER_TITLES.match(title)) or any(
        el.get("type") == "password" for el in root.iter("input")
    )
