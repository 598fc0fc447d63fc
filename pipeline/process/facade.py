"""`Processor`: the record stages of one crawl behind one object, for callers outside a run.

The legacy-text importer builds its records with the crawl's record builder and cleaner,
bench.eval measures the record assembly and the content merge on generated pages, and tests
build records from saved pages. They hold no crawl directory, so nothing here is compacted or
read again: the stages are run on whole occurrences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from pipeline.clean import Cleaner
from pipeline.config import DedupConfig
from pipeline.process.assemble import RecordAssembler, ShownBefore
from pipeline.process.content_merge import merge_on_content
from pipeline.process.identity import group_identities
from pipeline.process.members import member_rows
from pipeline.process.read import Page
from pipeline.rows import RowBuffer
from rtes_core.extract import Occurrence


class Processor:
    """The record builder, content merge and members table of one crawl, with one cleaner."""

    def __init__(
        self,
        config: DedupConfig,
        site_url: str,
        crawl_id: str,
        shown_before: ShownBefore | None = None,
    ) -> None:
        self.config = config
        self.cleaner = Cleaner(config)
        self.site_url = site_url
        self.crawl_id = crawl_id
        self.assembler = RecordAssembler(self.cleaner, site_url, crawl_id, shown_before)

    def resource_from(
        self, ordered: Sequence[Occurrence], pages: dict[str, Page]
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """One record from a resource's occurrences, best first, and its removed blocks."""
        return self.assembler.resource_from(ordered, pages)

    def merge_on_content(
        self, resources: RowBuffer, merged_rows: RowBuffer, counts: Counter
    ) -> set[int]:
        """Join resources republished under another identity; the indices absorbed (to drop)."""
        merged = merge_on_content(resources, merged_rows, self.cleaner, self.crawl_id)
        counts.update(merged.counts)
        return merged.absorbed

    def build(
        self,
        occurrences: list[Occurrence],
        pages: dict[str, Page],
        counts: Counter,
        errors: list[dict[str, str]],
    ) -> tuple[RowBuffer, RowBuffer, RowBuffer]:
        """Records in resource id order, removed blocks, merged occurrences (stages 2-4)."""
        groups = group_identities(occurrences)
        built = self.assembler.assemble(groups, pages)
        for j in self.merge_on_content(built.resources, built.merged, counts):
            built.resources.drop(j)
        counts.update(groups.counts)
        counts.update(built.counts)
        errors += built.errors
        return built.resources, built.removed, built.merged

    def member_rows(self, members: list[Occurrence]) -> list[dict[str, Any]]:
        """One row per member collectivité (pipeline/process/members.py)."""
        return member_rows(members, self.cleaner, self.site_url, self.crawl_id)
