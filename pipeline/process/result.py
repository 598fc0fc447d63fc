"""What a processing run produced: the next tables, the audit rows, what happened (`ProcessResult`)
and its machine-readable summary (`RunReport`, built by process/report.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from pipeline import document_stage


@dataclass
class RunReport:
    """The machine-readable summary of a processing run (report.json, in this order)."""

    run_id: str
    crawl_id: str
    mode: str
    started_at: str | None
    status: str
    finished_at: str
    processing_seconds: float
    pages_read: int
    pages_fetched: int  # pages the crawl stored (robots.txt is fetched but is not a page)
    # Scrapy's downloader stats count what its HTTP cache hands back (a 304 becomes the cached
    # 200), so the spider counts network bytes itself and the cache counts the 304s.
    bytes_downloaded: int
    not_modified: int
    resources_new: int
    resources_changed: int
    resources_unchanged: int
    resources_removed: int
    changes: dict[str, list[str]]
    resources_written: int
    # every part of the table: the crawl's and the legacy imports' resources not joined with it
    resources_online: int
    private_resources: int
    occurrences_merged: int
    duplicates_removed: int
    fallback_extractions: int
    fallback_urls: list[str]
    pages_by_class: dict[str, int]
    members_written: int
    removed_blocks_by_reason: dict[str, int]
    # per cleaning step (pipeline/clean/steps.py, in order), summed over every occurrence the
    # run cleaned: blocks it saw, kept, dropped, pieces cut out of kept blocks, seconds
    cleaning_steps: dict[str, dict[str, Any]]
    counts: dict[str, int]
    errors: dict[str, int]
    error_details: list[dict[str, str]]
    # for report.html: links to the changed pages, pages by kind, the crawl's failed URLs
    site_url: str | None
    pages_by_kind: dict[str, int]
    crawl_errors: list[dict[str, Any]]
    documents: dict[str, Any] = field(default_factory=dict)  # the documents stage's keys, flat

    def to_dict(self) -> dict[str, Any]:
        """The report as report.json holds it (the documents stage's keys at the top level)."""
        report = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "documents"}
        return report | self.documents


@dataclass
class ProcessResult:
    """What a processing run produced, for the summary line and the run report."""

    run_id: str
    crawl_id: str
    resources: Iterable[dict[str, Any]]  # the next resources table: a State (streamed) or a list
    removed_blocks: Iterable[dict[str, Any]]
    merged: Iterable[dict[str, Any]]
    counts: Counter = field(default_factory=Counter)
    errors: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    mode: str = "full"
    started_at: datetime | None = None
    changes: dict[str, list[str]] = field(
        default_factory=dict
    )  # added / edited / removed / unchanged
    versions: Iterable[dict[str, Any]] = field(default_factory=list)  # history rows of this run
    crawl: dict[str, Any] = field(default_factory=dict)  # the crawl's stats and error report
    fallback_urls: list[str] = field(
        default_factory=list
    )  # read by the generic fallback, or not read
    site_url: str = ""  # the site crawled (report.html links the changed pages to it)
    import_parts: dict[str, dict[str, Any]] = field(default_factory=dict)  # table → part → rows
    documents: document_stage.DocumentsResult | None = None  # the attachments
    members: list[dict[str, Any]] | None = None  # members table of a full pass (None: keep it)
    # step name → blocks, kept, dropped, cut, seconds over every occurrence the run cleaned
    cleaning_steps: dict[str, dict[str, Any]] = field(default_factory=dict)
    report: RunReport | None = None  # built once, at the end of the run
