"""Stage 2, group identities: occurrences that name the same node → one group per resource.

Occurrences sharing a node id or a canonical path are one resource (pipeline.merge's union-find);
each group is ordered best first (pipeline.merge.preference) and the groups in resource id
order, the order of the published table. Groups without a record kind (basic pages,
newsletters) are counted, not kept.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.merge import group_by_identity, preference
from pipeline.process import compaction
from pipeline.process.read import reread_pages
from pipeline.process.record import group_resource_id
from rtes_core.extract import RECORD_KINDS, Occurrence


@dataclass
class ResourceGroups:
    """The occurrences of each resource, best first, in resource id order."""

    groups: list[list[Occurrence]]
    counts: Counter = field(default_factory=Counter)
    fallback_urls: list[str] = field(default_factory=list)  # pages of a record that showed no kind


def group_identities(
    occurrences: list[Occurrence], crawl_dir: Path | None = None
) -> ResourceGroups:
    """Group by identity; a resource seen on listings only gets its listing read again in full
    from `crawl_dir` (compaction dropped its text); None: nothing was compacted."""
    groups = group_by_identity(occurrences)
    if crawl_dir is not None:
        wanted = compaction.listing_only_best(occurrences, groups)
        if wanted:
            full = reread_pages(crawl_dir, {occ.source_url for occ in wanted.values()})
            compaction.restore(occurrences, wanted, full)
    ordered = [sorted((occurrences[i] for i in group), key=preference) for group in groups]
    found = ResourceGroups([])
    for group in ordered:
        if not any(o.kind in RECORD_KINDS for o in group):
            found.counts["pages_not_records"] += len(group)  # basic pages, newsletters: counted
            continue
        # a page of a record that showed no kind: its markup was lost, the generic route read it
        # (a listing's item in full that shows no date nor field is no such page: a listing
        # renders its items partly, their detail page says what they are)
        lost = [
            o.source_url for o in group if o.kind not in RECORD_KINDS and o.page_kind != "listing"
        ]
        found.counts["extraction_fallback"] += len(lost)
        found.fallback_urls += lost
        found.groups.append(group)
    found.groups.sort(key=group_resource_id)
    return found
