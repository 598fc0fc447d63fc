"""`rtes-pipeline`: the command line. Every failure ends with one clear line and a non-zero exit:
2 for a bad argument (argparse's own errors included, never a traceback), 1 for a failed run."""

from __future__ import annotations

import argparse
import json
import os
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import NoReturn

from pipeline.argtypes import positive_float, positive_int
from pipeline.checkout import need_beside
from pipeline.errors import PipelineError, UsageError
from pipeline.lastdir import reading_default, remember
from pipeline.lock import RunLock

DEFAULT_SITE_URL = "https://www.rtes.fr"
DEFAULT_DATA_DIR = "datasets"
DEMO_DATA_DIR = "datasets/demo"
DESCRIPTION = (
    "Crawl the RTES resource library, clean it, and publish an analysis-ready Parquet dataset."
)
PREFIX = "rtes-pipeline: error:"
USAGE_EXIT = 2  # argparse's exit code for bad arguments, kept for our own argument checks


def package_version() -> str:
    """The installed version of rtes-pipeline ("unknown" when run from an uninstalled tree)."""
    try:
        return version("rtes-pipeline")
    except PackageNotFoundError:
        return "unknown"


class OneLineParser(argparse.ArgumentParser):
    """argparse with one-line errors: `rtes-pipeline: error: MESSAGE (usage: …)`, exit 2.

    The usage named is the parser's own, so `crawl --bogus` shows crawl's options, not the
    top-level list; it is folded to one line so a log or a cron mail shows one line per error."""

    def error(self, message: str) -> NoReturn:
        usage = " ".join(self.format_usage().split()).removeprefix("usage: ")
        self.exit(
            USAGE_EXIT, f"{PREFIX} {message} (usage: {usage}; {self.prog} --help for details)\n"
        )


def _site_and_data(parser: argparse.ArgumentParser, site_help: str) -> None:
    parser.add_argument(
        "--site-url",
        default=os.environ.get("SITE_URL") or DEFAULT_SITE_URL,
        metavar="URL",
        help=f"{site_help} (env SITE_URL; default %(default)s)",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=Path(os.environ.get("DATA_DIR") or DEFAULT_DATA_DIR),
        help="dataset root: raw/, resources/, runs/, logs/ (env DATA_DIR; default %(default)s)",
    )


def _verbose(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="show the full log on the terminal (default: a progress display and a summary;"
        " the full log is always in DATA_DIR/logs/)",
    )


def _accept_drop(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--accept-drop",
        action="store_true",
        help="publish even when the monitors object (a drop of resources online, an error "
        "rate or a fallback spike you know is real); their reasons stay in the report (default: off)",
    )


def build_parser(with_mirror: bool = False) -> argparse.ArgumentParser:
    """The command line; the `mirror` tool's parser is loaded only when it is the command run
    (the mirror sits beside the product: a production run never imports it)."""
    parser = OneLineParser(prog="rtes-pipeline", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"rtes-pipeline {package_version()}")
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=OneLineParser
    )

    crawl = sub.add_parser(
        "crawl",
        help="crawl the site into DATA_DIR/raw/ (one folder per crawl)",
        description="Crawl the site politely into DATA_DIR/raw/crawl_id=ID/.",
    )
    _site_and_data(crawl, "root URL of the site to crawl")
    crawl.add_argument(
        "--crawl-id",
        metavar="ID",
        help="id of this crawl (default: the UTC start time, 20261201T101500Z)",
    )
    _verbose(crawl)
    crawl.add_argument(
        "--mode",
        choices=("full", "incremental"),
        default="full",
        help="full: every listing page and resource; incremental: only what changed, "
        "from the sitemap's lastmod or the listings newest-first, needs --state (default full)",
    )
    crawl.add_argument(
        "--state",
        type=Path,
        metavar="FILE",
        help="crawl state of the previous runs (JSON), for --mode incremental (default: none)",
    )
    crawl.add_argument(
        "--http-cache",
        action="store_true",
        help="revalidate with conditional requests, HTTP cache in DATA_DIR/.httpcache, "
        "RFC 2616 (default: off)",
    )
    crawl.set_defaults(func=cmd_crawl)

    process = sub.add_parser(
        "process",
        help="clean the latest crawl and publish DATA_DIR/resources/",
        description="Clean one crawl of DATA_DIR/raw/ and publish DATA_DIR/resources/.",
    )
    _site_and_data(process, "root URL of the site the crawl came from, to recognise its own links")
    process.add_argument(
        "--crawl-id",
        metavar="ID",
        help="process this crawl (default: the latest usable one; an "
        "incremental crawl is merged into the published state, "
        "as a nightly does)",
    )
    _accept_drop(process)
    _verbose(process)
    process.set_defaults(func=cmd_process)

    demo = sub.add_parser(
        "demo", help="the main job on the offline mirror: serve, crawl, process, check"
    )
    demo.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=Path(os.environ.get("DATA_DIR") or DEMO_DATA_DIR),
        help="dataset root (env DATA_DIR; default %(default)s)",
    )
    demo.add_argument(
        "--resources",
        type=positive_int,
        default=None,
        metavar="N",
        help="resources in the mirror, 1 or more (default: the mirror's, 150)",
    )
    demo.add_argument("--seed", type=int, default=None, help="mirror seed (default: the mirror's)")
    _verbose(demo)
    demo.set_defaults(func=cmd_demo)

    imp = sub.add_parser(
        "import-text", help="import legacy flat-text exports into DIR/resources/ (own part)"
    )
    imp.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="text export file(s), UTF-8 or cp1252"
    )
    imp.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        default=Path(os.environ.get("DATA_DIR") or DEFAULT_DATA_DIR),
        help="dataset root (env DATA_DIR; default %(default)s)",
    )
    _accept_drop(imp)
    imp.set_defaults(func=cmd_import_text)

    nightly = sub.add_parser(
        "nightly", help="the scheduled run: crawl what changed, process, check, publish"
    )
    _site_and_data(nightly, "root URL of the site to crawl")
    nightly.add_argument(
        "--full",
        action="store_true",
        help="a full pass now, whatever the schedule (default: as scheduled by --full-every-days)",
    )
    nightly.add_argument(
        "--full-every-days",
        type=positive_float,
        default=None,
        metavar="DAYS",
        help="days between full passes, more than 0 (env NIGHTLY_FULL_EVERY_DAYS; default 7)",
    )
    _accept_drop(nightly)
    _verbose(nightly)
    nightly.set_defaults(func=cmd_nightly)

    report = sub.add_parser(
        "report", help="print the newest run report (by finish time) of DATA_DIR"
    )
    report.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=reading_default(DEFAULT_DATA_DIR),
        help="dataset root (env DATA_DIR, else the last one a command wrote; default %(default)s)",
    )
    report.set_defaults(func=cmd_report)

    probe = sub.add_parser(
        "probe",
        help="a first polite look at the site: what each page is, how it is read, "
        "a verdict (run it before the first real crawl; writes nothing)",
    )
    probe.add_argument(
        "--site-url",
        default=os.environ.get("SITE_URL") or DEFAULT_SITE_URL,
        metavar="URL",
        help="site to probe (env SITE_URL; default %(default)s)",
    )
    probe.add_argument(
        "--pages",
        type=positive_int,
        default=5,
        metavar="N",
        help="detail pages to read (default %(default)s)",
    )
    probe.add_argument(
        "--mirror",
        action="store_true",
        help="probe the bundled offline mirror instead (default: off)",
    )
    probe.set_defaults(func=cmd_probe)

    explain = sub.add_parser(
        "explain", help="show what was kept and removed, and why, for one resource"
    )
    explain.add_argument("resource_id", metavar="ID", help="a resource_id, e.g. node-1462")
    explain.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=reading_default(DEFAULT_DATA_DIR),
        help="dataset root (env DATA_DIR, else the last one a command wrote; default %(default)s)",
    )
    explain.add_argument(
        "--full", action="store_true", help="print whole blocks (default: cut to one line)"
    )
    explain.add_argument(
        "--html",
        action="store_true",
        help="write an HTML page instead: the page text with removed blocks struck through "
        "(default: the terminal view)",
    )
    explain.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="where --html writes (default DATA_DIR/explain/ID.html)",
    )
    explain.set_defaults(func=cmd_explain)

    if with_mirror:
        need_beside("mirror")
        from mirror.cli import register  # the mirror is a tool beside the pipeline, not part of it

        register(sub)
    else:  # listed in --help; `rtes-pipeline mirror …` rebuilds the parser with the real one
        sub.add_parser("mirror", help="offline mirror of rtes.fr (serve, truth, changes)")
    _tag_parsers(parser)
    return parser


def _tag_parsers(parser: argparse.ArgumentParser) -> None:
    """Each sub-command parser records itself, so errors found after parsing use its usage."""
    for action in parser._actions:  # noqa: SLF001 - argparse has no public walk of sub-parsers
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for child in action.choices.values():
                child.set_defaults(_parser=child)
                _tag_parsers(child)


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

    _record(
        args.data_dir
    )  # before the run: a failed demo's report is what `make report` should show
    return run_demo(args.data_dir, resources=args.resources, seed=args.seed, verbose=args.verbose)


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
