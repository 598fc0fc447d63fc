"""report.html of a run: the report people read (report.json stays the machine's copy).

Summary and verdict, what changed (with links), the crawl (pages by kind, errors by kind with
their URLs, MB, 304s), the cleaning (removed blocks by reason), the monitors, and plots:
resources by category and by year, removed blocks by reason, the last runs. A failed run's
page starts with why, in the failing step's own words. Every crawled string is escaped
(pipeline.html_page); the page runs no script.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from pipeline.html_page import esc, link, page, table
from pipeline.runs import run_reports
from rtes_core.units import format_mb

HISTORY_RUNS = 30  # runs shown in the run-history plot
LISTED_CHANGES = 200  # changed resources listed per kind (the JSON has them all)
LISTED_ERRORS = 100  # error URLs listed (the JSON has the first 100 of each list too)
RESOURCE_COLUMNS = ["categories", "published_date", "removed_at"]
logger = logging.getLogger("rtes.report")


def duration_seconds(report: dict[str, Any]) -> float | None:
    """Seconds from the run's start to its end, when both are known."""
    try:
        return (
            datetime.fromisoformat(report["finished_at"])
            - datetime.fromisoformat(report["started_at"])
        ).total_seconds()
    except (KeyError, TypeError, ValueError):
        return None


def _stat_rows(items: list[tuple[str, object]]) -> str:
    return table(["figure", "value"], [[esc(k), esc(v)] for k, v in items])


def _summary(report: dict[str, Any]) -> str:
    status = report.get("status", "?")
    verdict = (
        f'<p>status: <span class="{"ok" if status == "ok" else "failed"}">{esc(status)}</span></p>'
    )
    why = [esc(m) for m in report.get("monitors") or []]
    if report.get("failure"):
        why.insert(0, esc(report["failure"]))
    if why:
        verdict += "<p>why:</p><ul>" + "".join(f"<li>{w}</li>" for w in why) + "</ul>"
    seconds = duration_seconds(report)
    rows = [
        ("run", report.get("run_id")),
        ("crawl", report.get("crawl_id")),
        ("strategy", report.get("strategy")),
        ("started", report.get("started_at")),
        ("finished", report.get("finished_at")),
        ("duration", f"{seconds:.0f} s" if seconds is not None else None),
        ("resources online", report.get("resources_online")),
        ("resources written (online and removed)", report.get("resources_written")),
        ("private resources", report.get("private_resources")),
        (
            "new / changed / unchanged / removed",
            " / ".join(
                str(report.get(f"resources_{k}", "–"))
                for k in ("new", "changed", "unchanged", "removed")
            ),
        ),
    ]
    return verdict + _stat_rows([(k, v) for k, v in rows if v is not None])


def _changes(report: dict[str, Any]) -> str:
    site = report.get("site_url")
    parts = []
    for kind, paths in (report.get("changes") or {}).items():
        shown = list(paths)[:LISTED_CHANGES]
        items = "".join(
            f"<li>{link(site + p, p) if site and str(p).startswith('/') else esc(p)}</li>"
            for p in shown
        )
        more = (
            f"<li>… {len(paths) - len(shown)} more (report.json)</li>"
            if len(paths) > len(shown)
            else ""
        )
        parts.append(
            f"<h3>{esc(kind)} ({len(paths)})</h3>"
            + (f"<ul>{items}{more}</ul>" if paths else "<p>none</p>")
        )
    return "".join(parts) or "<p>no change recorded</p>"


def _crawl(report: dict[str, Any]) -> str:
    pages = report.get("pages_by_kind") or {}
    rows = [
        ("pages stored", report.get("pages_fetched")),
        ("downloaded", format_mb(report.get("bytes_downloaded"))),
        ("not modified (304)", report.get("not_modified")),
        ("pages read by the processing", report.get("pages_read")),
    ]
    out = _stat_rows([(k, v) for k, v in rows if v is not None])
    if pages:
        out += "<h3>Pages by kind</h3>" + table(
            ["kind", "pages"], [[esc(k), esc(v)] for k, v in pages.items()], {1}
        )
    errors = report.get("errors") or {}
    out += "<h3>Errors by kind</h3>" + (
        table(["kind", "count"], [[esc(k), esc(v)] for k, v in errors.items()], {1})
        if errors
        else "<p>none</p>"
    )
    details = (report.get("crawl_errors") or []) + (report.get("error_details") or [])
    if details:
        rows_ = [
            [esc(d.get("kind")), link(d.get("url")), esc(d.get("detail"))]
            for d in details[:LISTED_ERRORS]
        ]
        out += "<h3>Error URLs</h3>" + table(["kind", "URL", "detail"], rows_)
    return out


def _cleaning(report: dict[str, Any], plots: dict[str, str]) -> str:
    removed = report.get("removed_blocks_by_reason") or {}
    rows = [
        ("duplicate blocks removed", report.get("duplicates_removed")),
        ("page occurrences merged", report.get("occurrences_merged")),
        ("fallback extractions", report.get("fallback_extractions")),
    ]
    out = _stat_rows([(k, v) for k, v in rows if v is not None])
    out += "<h3>Removed blocks by reason</h3>" + (
        table(["reason", "blocks"], [[esc(k), esc(v)] for k, v in removed.items()], {1})
        if removed
        else "<p>none</p>"
    )
    return out + _figures({k: plots[k] for k in ("removed",) if k in plots})


def _figures(plots: dict[str, str]) -> str:
    titles = {
        "category": "Resources by category",
        "year": "Resources by year",
        "removed": "Removed blocks by reason",
        "history": "Run history",
    }
    return (
        '<div class="plots">'
        + "".join(f'<figure aria-label="{titles[k]}">{svg}</figure>' for k, svg in plots.items())
        + "</div>"
        if plots
        else ""
    )


def make_plots(
    report: dict[str, Any], resources: list[dict[str, Any]] | None, history: list[dict[str, Any]]
) -> dict[str, str]:
    """SVG plots for what is known; a plot that fails is left out and logged, never fails the run."""
    from pipeline import plots

    found: dict[str, str] = {}
    wanted = []
    if resources:
        wanted += [
            (
                "category",
                lambda: plots.bar_chart(
                    plots.by_category(resources), "online resources by category"
                ),
            ),
            (
                "year",
                lambda: plots.bar_chart(
                    plots.by_year(resources), "online resources by year", horizontal=False
                ),
            ),
        ]
    if report.get("removed_blocks_by_reason"):
        wanted.append(
            (
                "removed",
                lambda: plots.bar_chart(
                    report["removed_blocks_by_reason"], "removed blocks by reason"
                ),
            )
        )
    if history:
        wanted.append(("history", lambda: plots.run_history(history)))
    for name, draw in wanted:
        try:
            found[name] = draw()
        except Exception:  # noqa: BLE001 - a picture must never cost the run its report
            logger.exception("plot %s failed", name)
    return found


def render(
    report: dict[str, Any],
    resources: list[dict[str, Any]] | None = None,
    history: list[dict[str, Any]] | None = None,
) -> str:
    """The whole report page."""
    history = [*(history or []), report][-HISTORY_RUNS:]
    for r in history:
        r.setdefault("duration_seconds", duration_seconds(r))
    plots = make_plots(report, resources, history)
    monitors = report.get("monitors")
    body = [
        f"<h1>Run {esc(report.get('run_id'))}</h1>",
        "<h2>Summary</h2>",
        _summary(report),
        _figures({k: plots[k] for k in ("category", "year") if k in plots}),
        "<h2>What changed</h2>",
        _changes(report),
        "<h2>Crawl</h2>",
        _crawl(report),
        "<h2>Cleaning</h2>",
        _cleaning(report, plots),
        "<h2>Monitors</h2>",
        (
            "<p>all passed</p>"
            if monitors == []
            else "<ul>" + "".join(f"<li>{esc(m)}</li>" for m in monitors) + "</ul>"
            if monitors
            else "<p>not run</p>"
        ),
        "<h2>Run history</h2>",
        _figures({k: plots[k] for k in ("history",) if k in plots}) or "<p>first run</p>",
        "<p>Machine-readable: <code>report.json</code> beside this page.</p>",
    ]
    return page(
        f"rtes-pipeline run {report.get('run_id')} — {report.get('status')}", "\n".join(body)
    )


def data_dir_of(folder: Path) -> Path | None:
    """DATA_DIR of a report folder staged under DATA_DIR/.staging/ (or already in DATA_DIR/runs/)."""
    for parent in folder.resolve().parents:
        if parent.name in {".staging", "runs"}:
            return parent.parent
    return None


def _resources_for(folder: Path, data_dir: Path | None) -> list[dict[str, Any]] | None:
    """The run's new resources table when staged beside the report, else the published one."""
    # staged inside the new version (version/_run/), or beside it (a failed run's report)
    candidates = [folder.parent / "resources", folder.parent / "version" / "resources"]
    if data_dir is not None:
        candidates.append(data_dir / "resources")
    for path in candidates:
        if path.exists():
            try:
                return pq.read_table(path, columns=RESOURCE_COLUMNS).to_pylist()
            except Exception:  # noqa: BLE001 - an unreadable table means no plot, not no report
                logger.exception("cannot read %s for the report's plots", path)
    return None


def _history(data_dir: Path | None, run_id: str | None) -> list[dict[str, Any]]:
    """Earlier run reports of DATA_DIR, oldest first (by finish time)."""
    if data_dir is None:
        return []
    return [r for r in run_reports(data_dir) if r.get("run_id") != run_id][-(HISTORY_RUNS - 1) :]


def render_for_folder(folder: Path, report: dict[str, Any]) -> str:
    """The page for a report staged in `folder`, with the data it can find around it."""
    data_dir = data_dir_of(folder)
    return render(
        report, _resources_for(folder, data_dir), _history(data_dir, report.get("run_id"))
    )
