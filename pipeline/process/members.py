"""The members table: one row per member collectivité, from its profile and region listings.

Only a full pass writes it (an incremental crawl sees some members only: the published table
is kept). Each field comes from the best page that shows it (the profile first); the text
sections go through the cleaning steps like a body.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from pipeline.clean import Cleaner
from pipeline.merge import first_value, group_by_identity, preference
from pipeline.process.record import group_resource_id
from rtes_core.extract import Block, Occurrence
from rtes_core.schemas import MEMBER_SECTION_COLUMNS

# The members table's columns read as they are from the pages' fields.
MEMBER_FIELDS = (
    "collectivite_type",
    "population",
    "joined_year",
    "region",
    "address",
    "public_contact",
)


def member_fields(ordered: list[Occurrence]) -> dict[str, Any]:
    """Each field from the best occurrence showing a value (empty values do not count)."""
    fields: dict[str, Any] = {}
    for occ in ordered:
        for column, value in occ.fields.items():
            if value not in (None, "", {}, []):
                fields.setdefault(column, value)
    return fields


def member_row(
    ordered: list[Occurrence], cleaner: Cleaner, site_url: str, crawl_id: str
) -> dict[str, Any]:
    """The row of one member from its occurrences, best first."""
    fields = member_fields(ordered)
    sections = fields.pop("sections", {})
    path = first_value(ordered, "path")
    row = {
        "member_id": group_resource_id(ordered),
        "url": urljoin(site_url, path) if path else ordered[0].source_url,
        "source_urls": sorted({o.source_url for o in ordered}),
        "name": first_value(ordered, "title") or "",
        "updated_date": first_value(ordered, "updated_date"),
        "crawl_id": crawl_id,
    }
    row.update({c: fields.get(c) for c in MEMBER_FIELDS})
    for column in MEMBER_SECTION_COLUMNS:
        texts = sections.get(column) or []
        kept = cleaner.clean([Block(t, "body") for t in texts]).paragraphs if texts else []
        row[column] = "\n\n".join(kept) or None
    return row


def member_rows(
    members: list[Occurrence], cleaner: Cleaner, site_url: str, crawl_id: str
) -> list[dict[str, Any]]:
    """One row per member, in member id order."""
    rows = []
    for group in group_by_identity(members):
        ordered = sorted((members[i] for i in group), key=preference)
        rows.append(member_row(ordered, cleaner, site_url, crawl_id))
    return sorted(rows, key=lambda r: r["member_id"])
