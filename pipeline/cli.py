"""`rtes-pipeline`: the command line. Every failure ends with one clear line and a non-zero exit:
2 for a bad argument (argparse's own errors included, never a traceback), 1 for a failed run."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from pipeline.argtypes import positive_float
from pipeline.checkout import need_beside
from pipeline.cli_args import (
    PREFIX,
    USAGE_EXIT,
    add_crawl,
    add_demo,
    add_explain,
    add_import_text,
    add_nightly,
    add_probe,
    add_process,
    add_report,
    base_parser,
    demo_data_dir,
    tag_parsers,
)
from pipeline.errors import PipelineError, UsageError
from pipeline.lastdir import remember
from pipeline.lock import RunLock


def build_parser(with_mirror: bool = False) -> argparse.ArgumentParser:
    """The command line; the `mirror` tool's parser is loaded only when it is the command run
    (the mirror sits beside the product: a production run never imports it)."""
    parser, sub = base_parser()
    for add, command in (
        (add_crawl, cmd_crawl),
        (add_process, cmd_process),
        (add_demo, cmd_demo),
        (add_import_text, cmd_import_text),
        (add_nightly, cmd_nightly),
        (add_report, cmd_report),
        (add_probe, cmd_probe),
        (add_explain, cmd_explain),
    ):
        add(sub, command)
    if with_mirror:
        need_beside("mirror")
        from mirror.cli import register  # the mirror is a tool beside the pipeline, not part of it

        register(sub)
    else:  # listed in --help; `rtes-pipeline mirror …` rebuilds the parser with the real one
        sub.add_parser("mirror", help="offline mirror of rtes.fr (serve, truth, changes)")
    tag_parsers(parser)
    return parser


def _record(data_dir: Path) -> None:
    """Remember where this command wrote, for `make report` / `make explain`."""
    remember(data_dir)


def cmd_crawl(args: argparse.Namespace) -> int:
    from pipeline.publish import ensure_writable

    ensure_writable(args.data_dir)  # one clear line now, not a traceback from inside Scrapy
    with RunLock(args.data_dir, "crawl"):
        return _crawl_locked(args)


def _crawl_locked(args: argparse.Namespace) -> int:
    from spiders.runner import format_summary, run_crawl

    overrides: dict = {"CRAWL_MODE": args.mode}
    if args.mode == "incremental":
        if args.state is None or not args.state.is_file():
            raise UsageError(
                "--mode incremental needs --state FILE (the crawl state of earlier runs)"
            )
        overrides["CRAWL_STATE"] = str(args.state.resolve())
    if args.http_cache:
        from spiders.settings import DEFAULT_REQUEST_HEADERS

        # max-age=0 on every request: a cached copy is never trusted as fresh, always revalidated
        # (If-None-Match / If-Modified-Since → 304), so an attachment replaced in place is seen.
        overrides.update(
            HTTPCACHE_ENABLED=True,
            HTTPCACHE_POLICY="scrapy.extensions.httpcache.RFC2616Policy",
            HTTPCACHE_DIR=str((args.data_dir / ".httpcache").resolve()),
            DEFAULT_REQUEST_HEADERS={**DEFAULT_REQUEST_HEADERS, "Cache-Control": "max-age=0"},
        )
    try:
        outcome = run_crawl(
            args.site_url,
            args.data_dir,
            crawl_id=args.crawl_id,
            verbose=args.verbose,
            settings_overrides=overrides,
        )
    except ValueError as exc:  # a bad URL or crawl id, said in one sentence by the runner
        raise UsageError(str(exc)) from exc
    _record(args.data_dir)
    if outcome.raw_dir is not None:  # the crawl's own figures, read by the processing report
        from pipeline.publish import record_crawl_verdict

        (outcome.raw_dir / "_crawl_stats.json").write_text(
            json.dumps(outcome.stats, default=str, sort_keys=True)
        )
        record_crawl_verdict(outcome.raw_dir, outcome.failure)
    if not outcome.ok:
        raise PipelineError(f"crawl failed: {outcome.failure}")
    print(format_summary(outcome))
    return 0


def cmd_process(args: argparse.Namespace) -> int:
    from pipeline.process import run_processing, summary_line
    from pipeline.publish import clear_leftovers, ensure_writable
    from pipeline.runlog import stage_log

    ensure_writable(args.data_dir)  # its one clear line before the log file needs the folder
    with (
        RunLock(args.data_dir, "process"),
        stage_log(args.data_dir, "process", verbose=args.verbose),
    ):
        clear_leftovers(args.data_dir)
        result = run_processing(
            args.data_dir, args.site_url, crawl_id=args.crawl_id, accept_drop=args.accept_drop
        )
    _record(args.data_dir)
    print(summary_line(result, args.data_dir))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from pipeline.demo import run_demo

    data_dir = args.data_dir or demo_data_dir(args.theme, args.seed, args.resources)
    _record(data_dir)  # before the run: a failed demo's report is what `make report` should show
    return run_demo(
        data_dir,
        resources=args.resources,
        seed=args.seed,
        theme=args.theme,
        verbose=args.verbose,
    )


def cmd_import_text(args: argparse.Namespace) -> int:
    from pipeline.import_run import check_files, run_import, summary_line
    from pipeline.publish import clear_leftovers, ensure_writable

    for path in args.files:
        if path.is_dir():
            raise UsageError(
                f"{path} is a directory: give the export files themselves (e.g. {path}/*.txt)"
            )
        if not path.exists():
            raise UsageError(f"no such file: {path}")
    checked = check_files(args.files)  # a bad file stops the import before anything is created
    ensure_writable(args.out)
    with RunLock(args.out, "import-text"):
        clear_leftovers(args.out)
        print(
            summary_line(
                run_import(args.files, args.out, accept_drop=args.accept_drop, checked=checked)
            )
        )
    _record(args.out)
    return 0


def cmd_nightly(args: argparse.Namespace) -> int:
    from pipeline.nightly import FULL_PASS_EVERY_DAYS, run_nightly, summary
    from pipeline.publish import ensure_writable
    from pipeline.runlog import stage_log

    every = FULL_PASS_EVERY_DAYS if args.full_every_days is None else args.full_every_days
    ensure_writable(args.data_dir)  # its one clear line before the log file needs the folder
    _record(args.data_dir)
    with stage_log(args.data_dir, "nightly", verbose=args.verbose):
        report = run_nightly(
            args.site_url,
            args.data_dir,
            full=args.full,
            full_every_days=every,
            accept_drop=args.accept_drop,
        )
    print(summary(report, args.data_dir))
    return 0


def cmd_probe(args: argparse.Namespace) -> int:
    from pipeline.probe import probe

    if not args.mirror:
        report = probe(args.site_url, args.pages)
        return 0 if not report.problems else 1
    need_beside("mirror")
    from mirror.server import start_in_thread  # the mirror is a tool beside the pipeline
    from mirror.site import build_site

    server, url = start_in_thread(build_site())
    try:
        report = probe(url, args.pages)
    finally:
        server.shutdown()
        server.server_close()
    return 0 if not report.problems else 1


def cmd_report(args: argparse.Namespace) -> int:
    from pipeline.runs import latest_report_dir

    folder = latest_report_dir(args.data_dir)
    if folder is None:
        raise PipelineError(f"no run report under {args.data_dir / 'runs'}")
    print((folder / "report.md").read_text(), end="")
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from pipeline.explain import explain, write_html

    if args.out is not None and not args.html:
        raise UsageError("--out goes with --html (the terminal view prints to standard output)")
    if args.html:
        out = args.out or args.data_dir / "explain" / f"{args.resource_id}.html"
        print(f"wrote {write_html(args.data_dir, args.resource_id, out)}")
        return 0
    print(explain(args.data_dir, args.resource_id, full=args.full))
    return 0


def _env_errors() -> str | None:
    """A bad numeric environment default, said before any work (the parser would show a traceback)."""
    value = os.environ.get("NIGHTLY_FULL_EVERY_DAYS")
    if value:
        try:
            positive_float(value)
        except argparse.ArgumentTypeError as exc:
            return f"NIGHTLY_FULL_EVERY_DAYS {exc}"
    return None


def _fail(message: str, code: int) -> int:
    """Say the error in one line (to the parent command when this is a child of one)."""
    from pipeline.runlog import report_failure

    if not report_failure(message):
        print(f"{PREFIX} {message}", file=sys.stderr)
    return code


def _runs_mirror(argv: list[str]) -> bool:
    """Whether the command is `mirror` (the first argument that is not an option)."""
    command = next((a for a in argv if not a.startswith("-")), None)
    return command == "mirror"


def main(argv: list[str] | None = None) -> int:
    bad_env = _env_errors()
    if bad_env:
        print(f"{PREFIX} {bad_env}", file=sys.stderr)
        return USAGE_EXIT
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(with_mirror=_runs_mirror(argv))
    args, extras = parser.parse_known_args(argv)
    if extras:  # argparse would blame the top-level parser: say it with the sub-command's usage
        getattr(args, "_parser", parser).error(f"unrecognized arguments: {' '.join(extras)}")
    try:
        return args.func(args)
    except UsageError as exc:
        return _fail(str(exc), USAGE_EXIT)
    except PipelineError as exc:
        return _fail(str(exc), 1)
    except KeyboardInterrupt:
        print("rtes-pipeline: interrupted; the published dataset is unchanged", file=sys.stderr)
        return 130
    except OSError as exc:
        return _fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), 1)


if __name__ == "__main__":
    sys.exit(main())
