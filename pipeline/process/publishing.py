"""Stage 7, publish: the monitors' verdict, then every table and the report in one switch.

The tables of a run are staged aside and published together by pipeline.publish.Publisher
(all or nothing); a run the monitors fail writes its report to DATA_DIR/runs/ and publishes
nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline import document_stage, monitors, publish, run_files
from pipeline.config import DedupConfig
from pipeline.errors import PipelineError
from pipeline.process.report import run_report
from pipeline.process.result import ProcessResult
from pipeline.runs import good_reports
from rtes_core.schemas import TABLES


def run_metadata(run_id: str, crawl_id: str, config: DedupConfig) -> dict[str, str]:
    """The file metadata of every table a run publishes (see datasets/README.md)."""
    return {
        "run_id": run_id,
        "crawl_id": crawl_id,
        "dedup_config": config.as_metadata(),
        "schema_versions": ",".join(f"{n}/v{v}" for n, (_, v) in TABLES.items()),
    }


def stage_tables(publisher: publish.Publisher, result: ProcessResult, run: dict[str, str]) -> None:
    """Every table of the run into the new version, the documents' ids linked in."""
    publisher.stage("removed_blocks", result.removed_blocks, run)
    publisher.stage("merged_occurrences", result.merged, run)
    publisher.stage("resources", document_stage.linked(result.resources, result.documents), run)
    for table, parts in result.import_parts.items():  # imports this crawl absorbed, without them
        for part_name, rows in parts.items():
            publisher.stage(table, rows.to_pylist(), run, part_name=part_name)
    if result.members is not None:
        publisher.stage("members", result.members, run)
    if result.versions:  # history: append this run's new and changed versions
        run_date = result.started_at.date().isoformat()
        publisher.stage(
            "resource_versions",
            document_stage.linked(result.versions, result.documents),
            run,
            part_name=f"run_date={run_date}/part-{result.run_id}.parquet",
        )
    document_stage.stage(publisher, result.documents, run, result.started_at, result.run_id)


def publish_result(
    data_dir: Path, result: ProcessResult, config: DedupConfig, report: dict[str, Any] | None = None
) -> None:
    """Stage the tables and the run report, then move them into place together."""
    run = run_metadata(result.run_id, result.crawl_id, config)
    with publish.Publisher(data_dir, result.run_id) as publisher:  # commit, or abort on any error
        stage_tables(publisher, result, run)
        report = report or run_report(result)
        publisher.stage_report(report, run_files.report_markdown(report))


def write_failed_report(data_dir: Path, run_id: str, report: dict[str, Any]) -> None:
    """The report of a run that was not published, in DATA_DIR/runs/<run_id>/."""
    folder = data_dir / ".staging" / f"{run_id}-report"
    run_files.write_report_files(folder, report, run_files.report_markdown(report))
    run_files.write_report_dir(data_dir, run_id, folder)


def check_monitors(data_dir: Path, report: dict[str, Any], accept_drop: bool) -> None:
    """Fail the run (its report written, nothing published) when a monitor objects, unless
    the user accepted the drop; the reasons are recorded either way."""
    report["monitors"] = monitors.failures(report, good_reports(data_dir))
    if report["monitors"] and accept_drop:
        report["monitors_accepted"], report["monitors"] = report["monitors"], []
    if report["monitors"]:
        report["status"] = "failed"
        write_failed_report(data_dir, report["run_id"], report)
        raise PipelineError(
            "monitors failed, the previous dataset is kept: "
            + "; ".join(report["monitors"])
            + " (--accept-drop publishes anyway)"
        )


def publish_guarded(
    data_dir: Path, result: ProcessResult, config: DedupConfig, accept_drop: bool = False
) -> None:
    """Publish a processing run when the monitors pass; then prune raw crawls past their keep."""
    report = run_report(result)
    check_monitors(data_dir, report, accept_drop)
    publish.checkpoint("process:before-publish")
    publish_result(data_dir, result, config, report=report)
    publish.prune_raw(data_dir, keep={result.crawl_id})
