"""`run_processing`: one crawl of the raw layer → the next state of the dataset, published.

The stages, in order, each in its own module with typed input and output:

1. read pages, extract (both cores)  pipeline/process/read.py       → PagesRead
2. group identities                  pipeline/process/identity.py   → ResourceGroups
3. assemble records                  pipeline/process/assemble.py   → Assembled
4. content merge                     pipeline/process/content_merge.py → ContentMerge
5. change state                      pipeline/process/state.py      → Planned, State
   (imports joined: imports_join.py; attachments: pipeline/document_stage.py; members: members.py)
6. report                            pipeline/process/report.py     → RunReport
7. publish                           pipeline/process/publishing.py
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline import document_stage, publish
from pipeline.changes import Evidence
from pipeline.clean import Cleaner
from pipeline.config import DEFAULT_DEDUP, DedupConfig
from pipeline.document_stage import DocumentsResult
from pipeline.errors import PipelineError
from pipeline.process.assemble import Assembled, RecordAssembler
from pipeline.process.content_merge import merge_on_content
from pipeline.process.crawl import (
    CRAWL_MODES,
    REMOVAL_DETECTING_MODES,
    crawl_mode,
    read_crawl_files,
)
from pipeline.process.identity import group_identities
from pipeline.process.imports_join import ImportsJoined, join_imported
from pipeline.process.log import log
from pipeline.process.members import member_rows
from pipeline.process.publishing import publish_guarded
from pipeline.process.read import PagesRead, read_pages
from pipeline.process.report import build_report
from pipeline.process.result import ProcessResult
from pipeline.process.state import (
    NewVersions,
    Planned,
    Published,
    State,
    carry_audit,
    next_state,
    plan_state,
)
from rtes_core.extract import RECORD_KINDS, Occurrence

RUN_ID_FORMAT = "%Y%m%dT%H%M%S%fZ"  # a processing run's id: its start, UTC, to the microsecond


@dataclass
class RunInput:
    """What one processing run works on: the crawl, what it covered, the published state."""

    data_dir: Path
    site_url: str
    config: DedupConfig
    crawl_dir: Path
    crawl_id: str
    mode: str  # one of CRAWL_MODES
    run_id: str
    started_at: datetime
    published: Published
    evidence: Evidence


@dataclass
class Tally:
    """Counts, errors and fallback URLs of a run, added stage by stage."""

    counts: Counter = field(default_factory=Counter)
    errors: list[dict[str, str]] = field(default_factory=list)
    fallback_urls: list[str] = field(default_factory=list)

    def add(self, stage: object) -> None:
        self.counts.update(getattr(stage, "counts", {}))
        self.errors += getattr(stage, "errors", [])
        self.fallback_urls += getattr(stage, "fallback_urls", [])


def open_run(
    data_dir: Path,
    site_url: str,
    crawl_id: str | None,
    config: DedupConfig,
    run_id: str | None,
    mode: str | None,
) -> RunInput:
    """The crawl to process (the latest usable one by default) and what it covered."""
    started_at = datetime.now(UTC)
    publish.ensure_writable(data_dir)
    crawl_dir = publish.find_crawl(data_dir, crawl_id)
    mode = mode or crawl_mode(crawl_dir)
    if mode not in CRAWL_MODES:
        raise PipelineError(f"unknown processing mode {mode!r} (one of {', '.join(CRAWL_MODES)})")
    return RunInput(
        data_dir,
        site_url,
        config,
        crawl_dir,
        crawl_dir.name.split("=", 1)[1],
        mode,
        run_id or started_at.strftime(RUN_ID_FORMAT),
        started_at,
        Published.read(data_dir),
        Evidence(detects_removals=mode in REMOVAL_DETECTING_MODES),
    )


def check_usable(run: RunInput, pages: PagesRead) -> None:
    """Refuse a crawl that cannot make a dataset; the published one stays as it was."""
    if run.mode == "full":
        run.evidence.online_paths = set()  # a full pass re-reads every resource: absent means gone
    if not any(o.kind in RECORD_KINDS for o in pages.occurrences) and not run.published.light:
        raise PipelineError(
            f"crawl {run.crawl_id} holds no resource page: nothing to publish "
            f"({pages.counts['pages_read']} pages read); the published dataset is unchanged"
        )
    if run.mode == "sitemap" and not run.evidence.sitemap_seen:
        raise PipelineError(
            f"crawl {run.crawl_id} was made from the sitemap but holds none; the published dataset is unchanged"
        )


def build_records(
    run: RunInput, cleaner: Cleaner, tally: Tally
) -> tuple[Assembled, list[Occurrence]]:
    """Stages 1-4: this crawl's records and audit rows, and its member pages. The occurrences
    live only here: from the return on, memory holds the records (as Arrow) and light views."""
    pages = read_pages(run.crawl_dir, cleaner, run.evidence)
    tally.add(pages)
    check_usable(run, pages)
    log(f"  {len(pages.occurrences)} occurrences on {len(pages.pages)} pages; cleaning and merging")
    groups = group_identities(pages.occurrences, run.crawl_dir)
    tally.add(groups)
    assembler = RecordAssembler(
        cleaner, run.site_url, run.crawl_id, run.published.shown_lookup(), run.mode != "full"
    )
    built = assembler.assemble(groups, pages.pages)
    tally.add(built)
    merged = merge_on_content(built.resources, built.merged, cleaner, run.crawl_id)
    tally.add(merged)
    for j in merged.absorbed:
        built.resources.drop(j)
    return built, pages.members


def run_processing(
    data_dir: Path,
    site_url: str,
    crawl_id: str | None = None,
    config: DedupConfig = DEFAULT_DEDUP,
    run_id: str | None = None,
    mode: str | None = None,
    publish_now: bool = True,
    accept_drop: bool = False,
) -> ProcessResult:
    """Process one crawl of the raw layer into the next state of the dataset and publish it
    (when the monitors pass, or `accept_drop`).

    `mode` says what the crawl covered (CRAWL_MODES); by default the crawl's own manifest says.
    Only a crawl that looked at every resource (full, or the sitemap's list) may flag one removed;
    an incremental crawl is merged into the published state, never taken for the whole site.
    The earlier dataset stays as it was whenever this fails.
    """
    started = time.monotonic()
    run = open_run(data_dir, site_url, crawl_id, config, run_id, mode)
    log(f"Processing crawl {run.crawl_id} from {run.crawl_dir} ({run.mode})")
    tally, cleaner = Tally(), Cleaner(config)
    built, member_pages = build_records(run, cleaner, tally)  # stages 1-4
    state, planned, joined = change_state(run, built, tally)  # stage 5
    result = result_of(run, built, state, planned, joined, tally)
    result.documents = attachments(run, state, result.crawl)
    if run.mode == "full" and member_pages:  # an incremental crawl sees some members only
        result.members = member_rows(member_pages, cleaner, site_url, run.crawl_id)
        tally.counts["members_written"] = len(result.members)
    result.cleaning_steps = cleaner.stats.as_report()
    result.seconds = time.monotonic() - started
    result.report = build_report(result)  # stage 6
    if publish_now:
        publish_guarded(data_dir, result, config, accept_drop)  # stage 7
    return result


def change_state(
    run: RunInput, built: Assembled, tally: Tally
) -> tuple[State, Planned, ImportsJoined]:
    """Stage 5: every resource's change decided, the carried audit rows, imports joined, and
    the next resources table."""
    planned = plan_state(built, run.published, run.evidence, run.mode != "full", run.started_at)
    carry_audit(run.data_dir, "removed_blocks", planned.carried, built.removed)
    carry_audit(run.data_dir, "merged_occurrences", planned.carried, built.merged)
    tally.counts.update(removed_reasons(built, run.crawl_id))
    joined = join_imported(run.data_dir, built.resources, run.published.table, run.config)
    tally.add(joined)
    state = next_state(built, run.published, planned, run.run_id, joined.extra_sources)
    return state, planned, joined


def result_of(
    run: RunInput,
    built: Assembled,
    state: State,
    planned: Planned,
    joined: ImportsJoined,
    tally: Tally,
) -> ProcessResult:
    """The run's result: the next tables and what the stages counted."""
    result = ProcessResult(
        run.run_id, run.crawl_id, state, built.removed, built.merged, tally.counts, tally.errors
    )
    result.mode, result.started_at, result.site_url = run.mode, run.started_at, run.site_url
    result.changes, result.versions = planned.changes, NewVersions(state)
    result.import_parts = joined.parts
    result.crawl = read_crawl_files(run.crawl_dir)
    result.fallback_urls = list(dict.fromkeys(tally.fallback_urls))
    return result


def attachments(run: RunInput, state: State, crawl: dict[str, Any]) -> DocumentsResult:
    """The documents table of the next state (pipeline/document_stage.py)."""
    online = state.online_documents()
    return document_stage.build(
        run.data_dir,
        run.crawl_dir,
        online,
        crawl,
        run.config,
        run.crawl_id,
        run.run_id,
        run.mode,
        run.started_at,
    )


def removed_reasons(built: Assembled, crawl_id: str) -> Counter:
    """This crawl's removed blocks by reason (`removed_<reason>`; carried rows are not counted)."""
    rows = built.removed.select(["reason", "crawl_id"])
    return Counter(f"removed_{r['reason']}" for r in rows if r["crawl_id"] == crawl_id)
