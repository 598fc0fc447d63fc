"""The ground truth: the records the pipeline must reproduce from a crawl of the mirror."""

from __future__ import annotations

from typing import Any

from mirror.site import LISTINGS, PAGE_SIZE, Resource, Site
from mirror.text import normalise


def listing_url(path: str, page: int) -> str:
    """A listing page's URL as the truth writes it (page 0 without a query)."""
    return path if page == 0 else f"{path}?page={page}"


def source_urls(site: Site) -> dict[int, list[str]]:
    """Per nid, the sorted paths where a crawler from the listings meets the resource."""
    found: dict[int, set[str]] = {r.nid: {r.path} for r in site.resources}
    for nid in site.linked_nids:  # /node/<nid> links of public bodies and of every Résumé
        found[nid].add(f"/node/{nid}")
    for listing in LISTINGS:
        for position, resource in enumerate(site.listed[listing.path]):
            found[resource.nid].add(listing_url(listing.path, position // PAGE_SIZE))
    return {nid: sorted(urls) for nid, urls in found.items()}


def summary_text(resource: Resource) -> str | None:
    """The Résumé as written, normalised, paragraphs joined by a blank line; None if empty."""
    paragraphs = [normalise("".join(s.text for s in p)) for p in resource.summary]
    paragraphs = [p for p in paragraphs if p]
    return "\n\n".join(paragraphs) if paragraphs else None


def categories(resource: Resource) -> list[str]:
    """The terms a node is filed under (term membership): in the Catégorie field's order when
    the field shows them, else sorted by name (the category listings are the only evidence)."""
    names = [normalise(c) for c in resource.categories]
    return names if resource.categories_shown else sorted(names)


def truth_record(resource: Resource, urls: list[str]) -> dict[str, Any]:
    """One resource as a dataset row (JSON-serialisable)."""
    public = not resource.is_private
    paragraphs = resource.paragraphs if public else []
    return {
        "resource_id": f"node-{resource.nid}",
        "url": resource.path,
        "source_urls": urls,
        "title": normalise(resource.title),
        "summary": summary_text(resource),
        "body": "\n\n".join(paragraphs) if public else None,
        "paragraphs": paragraphs,
        "resource_type": resource.resource_type,
        "is_private": resource.is_private,
        "categories": categories(resource),
        "documents": [{"title": normalise(d.title), "url": d.path} for d in resource.documents]
        if public
        else [],
        "published_date": resource.published.date().isoformat(),
        "kind": resource.kind,
        "updated_date": resource.updated.date().isoformat() if resource.updated else None,
        "tags": list(resource.tags),
    }


# Where a crawler meets a resource, not what it is: listing pages shift every day as resources
# are added, so these fields change without any edit (see days.py).
PROVENANCE_FIELDS = ("source_urls",)


def content(record: dict[str, Any]) -> dict[str, Any]:
    """A truth record without its provenance: what an edit changes and nothing else does."""
    return {k: v for k, v in record.items() if k not in PROVENANCE_FIELDS}


def truth_records(site: Site) -> list[dict[str, Any]]:
    """One record per resource (private ones included), oldest first."""
    urls = source_urls(site)
    return [truth_record(r, urls[r.nid]) for r in site.resources]
