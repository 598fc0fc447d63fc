"""What a processing run produced: the next tables, the audit rows, and what happened."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pipeline import document_stage

if TYPE_CHECKING:  # the report is built from a result: typed here, imported there
    from pipeline.process.report import RunReport


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
