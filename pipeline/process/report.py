"""Stage 8, report: the run report, built once per run as a `RunReport`, a dict at the edge.

`RunReport.to_dict()` is what report.json holds (and what the monitors and the nightly read);
`summary_line` the line a run prints (report.md: `run_files.report_markdown`).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline import document_stage
from pipeline.process.result import ProcessResult, RunReport
from pipeline.process.state import State, state_totals

REPORT_LISTED_URLS = 100  # fallback URLs and error details kept in the run report
DUPLICATE_REASONS = ("removed_exact_duplicate", "removed_near_duplicate", "removed_summary_copy")
# report key → the change-tracking list it counts
CHANGE_KINDS = (
    ("new", "added"),
    ("changed", "edited"),
    ("unchanged", "unchanged"),
    ("removed", "removed"),
)


def prefixed(counts: Counter, prefix: str) -> dict[str, int]:
    """The counts whose key starts with `prefix`, by the rest of the key, sorted."""
    return {k[len(prefix) :]: v for k, v in sorted(counts.items()) if k.startswith(prefix)}


def crawl_figures(crawl: dict[str, Any], pages_read: int) -> dict[str, int]:
    """What the crawl's stats say: pages stored, bytes from the network, 304 answers."""
    stats = crawl.get("crawl_stats", {})
    pages = sum(int(v) for k, v in stats.items() if k.startswith("rtes/pages/"))
    return {
        "pages_fetched": pages or pages_read,
        "bytes_downloaded": int(
            stats.get("rtes/bytes/network", stats.get("downloader/response_bytes", 0))
        ),
        "not_modified": int(stats.get("httpcache/revalidate", 0))
        + int(stats.get("downloader/response_status_count/304", 0)),
    }


def build_report(result: ProcessResult) -> RunReport:
    """The report of a run from its result (once, at the end of the run)."""
    c = result.counts
    stats = result.crawl.get("crawl_stats", {})
    crawl_report = result.crawl.get("crawl_report", {})
    errors = Counter(e["kind"] for e in result.errors)
    errors.update(crawl_report.get("error_counts", {}))
    totals = (
        result.resources.totals
        if isinstance(result.resources, State)
        else state_totals(result.resources)
    )
    return RunReport(
        run_id=result.run_id,
        crawl_id=result.crawl_id,
        mode=result.mode,
        started_at=result.started_at.isoformat() if result.started_at else None,
        status="ok",
        finished_at=datetime.now(UTC).isoformat(),
        processing_seconds=round(result.seconds, 2),
        pages_read=c["pages_read"],
        **crawl_figures(result.crawl, c["pages_read"]),
        **{f"resources_{k}": len(result.changes.get(v, [])) for k, v in CHANGE_KINDS},
        changes={k: v for k, v in result.changes.items() if k != "unchanged"},
        resources_written=totals["written"],
        resources_online=totals["online"] + c["imported_resources_online"],
        private_resources=totals["private"],
        occurrences_merged=c["occurrences_merged_by_identity"] + c["resources_merged_by_content"],
        duplicates_removed=sum(v for k, v in c.items() if k in DUPLICATE_REASONS),
        fallback_extractions=c["extraction_fallback"],
        fallback_urls=result.fallback_urls[:REPORT_LISTED_URLS],
        pages_by_class=prefixed(c, "page_class_"),
        members_written=c["members_written"],
        removed_blocks_by_reason=prefixed(c, "removed_"),
        cleaning_steps=result.cleaning_steps,
        counts=dict(sorted(c.items())),
        errors=dict(sorted(errors.items())),
        error_details=result.errors[:REPORT_LISTED_URLS],
        site_url=result.site_url or None,
        pages_by_kind={
            k.removeprefix("rtes/pages/"): int(v)
            for k, v in sorted(stats.items())
            if k.startswith("rtes/pages/")
        },
        crawl_errors=crawl_report.get("errors", [])[:REPORT_LISTED_URLS],
        documents=document_stage.report(result.documents),
    )


def run_report(result: ProcessResult) -> dict[str, Any]:
    """The run report as a dict: the one built by the run, else built now (a result made by hand)."""
    return (result.report or build_report(result)).to_dict()


def summary_line(result: ProcessResult, data_dir: Path) -> str:
    """The one-paragraph summary printed at the end of a run."""
    r = run_report(result)
    return (
        f"Published {r['resources_written']} resources ({r['private_resources']} private) from "
        f"{r['pages_read']} pages of crawl {result.crawl_id}: {r['duplicates_removed']} duplicate blocks "
        f"removed, {r['occurrences_merged']} page occurrences merged, {r['fallback_extractions']} fallback "
        f"extractions, {sum(r['errors'].values())} errors -> {data_dir / 'resources'}"
    )
