"""`rtes-pipeline demo`: the main job, end to end, on the bundled offline mirror.

Starts the mirror on a free loopback port, crawls it in a child process (Twisted's reactor
runs once per process), processes the crawl, checks the dataset against the mirror's
ground truth, and stops the mirror — whatever happens.
"""

from __future__ import annotations

import time
from pathlib import Path

from pipeline import runlog
from pipeline.checkout import need_beside
from pipeline.document_truthcheck import document_differences
from pipeline.errors import PipelineError, UsageError
from pipeline.lock import RunLock
from pipeline.process import run_processing, summary_line
from pipeline.truthcheck import acceptance, differences, member_differences

SHOWN_DIFFERENCES = 10  # first differences printed when the dataset departs from the truth


def crawl_in_subprocess(
    site_url: str, data_dir: Path, lock: RunLock, verbose: bool = False
) -> None:
    """Run `rtes-pipeline crawl` in a child process (under the caller's lock); its exit code decides."""
    command = runlog.crawl_command(site_url, data_dir)
    code, message = runlog.run_child(command + (["-v"] if verbose else []), env=lock.child_env())
    if code != 0:
        raise PipelineError(
            f"{message or f'the crawl of {site_url} failed (exit code {code})'}; "
            f"the published dataset in {data_dir} is unchanged"
        )


def run_demo(
    data_dir: Path,
    resources: int | None = None,
    seed: int | None = None,
    theme: int | None = None,
    verbose: bool = False,
) -> int:
    """Serve the mirror, crawl, process, compare with the truth; 0 when the dataset equals it."""
    need_beside("mirror")
    from mirror.server import start_in_thread  # the demo, not the pipeline, knows the mirror
    from mirror.site import DEFAULT_RESOURCES, DEFAULT_SEED, build_site
    from mirror.themes import DEFAULT_THEME, THEMES

    if theme is not None and theme not in THEMES:
        known = ", ".join(map(str, sorted(THEMES)))
        raise UsageError(f"argument --theme: the mirror has themes {known}, not {theme}")
    started = time.monotonic()
    site = build_site(
        seed=DEFAULT_SEED if seed is None else seed,
        resources=DEFAULT_RESOURCES if resources is None else resources,
    )
    theme = DEFAULT_THEME if theme is None else theme
    server, base_url = start_in_thread(site, theme=theme)
    print(
        f"[1/3] Offline mirror of rtes.fr (theme {theme}) serving {len(site.resources)} "
        f"resources at {base_url}",
        flush=True,
    )
    try:
        with RunLock(data_dir, "demo") as lock:  # the demo's crawl child works under this lock
            print(f"[2/3] Crawling {base_url} into {data_dir / 'raw'}", flush=True)
            crawl_in_subprocess(base_url, data_dir, lock, verbose)
            print(f"[3/3] Processing the crawl into {data_dir / 'resources'}", flush=True)
            with runlog.stage_log(data_dir, "process", verbose=verbose):
                result = run_processing(data_dir, base_url)
    finally:
        server.shutdown()
        server.server_close()
    print()
    print(summary_line(result, data_dir))
    return check_against_truth(site, result, time.monotonic() - started)


def check_against_truth(site, result, seconds: float) -> int:
    """Compare the published tables with the mirror's truth; print the verdict, 0 when equal."""
    from mirror.documents import document_truth
    from mirror.kinds import members_truth
    from mirror.truth import truth_records

    # rows a past run published and this one flagged removed are history, not the site
    online = [r for r in result.resources if r.get("removed_at") is None]
    truth = truth_records(site)
    problems = differences(online, truth)
    problems += document_differences(
        result.documents.rows if result.documents else [], document_truth(site)
    )
    problems += member_differences(result.members or [], members_truth(site))
    if problems:
        print(
            f"Ground truth check FAILED: {len(problems)} differences (first {SHOWN_DIFFERENCES}):"
        )
        for line in problems[:SHOWN_DIFFERENCES]:
            print(f"  {line}")
        print(acceptance(online, truth).line())
        return 1
    documents = len(result.documents.rows) if result.documents else 0
    print(
        f"Ground truth check passed: all {len(online)} resources, {documents} documents "
        f"and {len(result.members or [])} members equal the mirror's truth, field by field "
        f"({seconds:.0f} s in all)."
    )
    return 0
