"""`rtes-pipeline`: the command line. Every failure ends with one clear line and a non-zero exit."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from pipeline.errors import PipelineError

DEFAULT_SITE_URL = "https://www.rtes.fr"
DEFAULT_DATA_DIR = "datasets"
DEMO_DATA_DIR = "datasets/demo"
DESCRIPTION = "Crawl the RTES resource library, clean it, and publish an analysis-ready Parquet dataset."


def _site_and_data(parser: argparse.ArgumentParser, data_default: str | None = None) -> None:
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL") or DEFAULT_SITE_URL,
                        help="site to crawl (env SITE_URL; default %(default)s)")
    parser.add_argument("--data-dir", type=Path,
                        default=Path(data_default or os.environ.get("DATA_DIR") or DEFAULT_DATA_DIR),
                        help="output root (env DATA_DIR; default %(default)s)")


def _positive(value: str) -> int:
    """An integer of 1 or more (argparse says which argument is wrong, exit 2)."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, got {value!r}")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rtes-pipeline", description=DESCRIPTION)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    crawl = sub.add_parser("crawl", help="crawl the site into DATA_DIR/raw/ (one folder per crawl)")
    _site_and_data(crawl)
    crawl.add_argument("--crawl-id", help="id of this crawl (default: UTC timestamp)")
    crawl.add_argument("-v", "--verbose", action="store_true", help="show Scrapy's full start-up and stats logs")
    crawl.add_argument("--mode", choices=("full", "incremental"), default="full",
                       help="full: every listing page and resource; incremental: only what changed, "
                            "from the sitemap's lastmod or the listings newest-first (needs --state)")
    crawl.add_argument("--state", type=Path, help="crawl state of the previous runs (JSON), for --mode incremental")
    crawl.add_argument("--http-cache", action="store_true",
                       help="revalidate with conditional requests (HTTP cache in DATA_DIR/.httpcache, RFC 2616)")
    crawl.set_defaults(func=cmd_crawl)

    process = sub.add_parser("process", help="clean the latest crawl and publish DATA_DIR/resources/")
    _site_and_data(process)
    process.add_argument("--crawl-id", help="process this crawl instead of the latest one")
    process.set_defaults(func=cmd_process)

    demo = sub.add_parser("demo", help="the main job on the offline mirror: serve, crawl, process, check")
    demo.add_argument("--data-dir", type=Path, default=Path(os.environ.get("DATA_DIR") or DEMO_DATA_DIR),
                      help="output root (env DATA_DIR; default %(default)s)")
    demo.add_argument("--resources", type=int, default=None, help="resources in the mirror (default: mirror's)")
    demo.add_argument("--seed", type=int, default=None, help="mirror seed (default: mirror's)")
    demo.set_defaults(func=cmd_demo)

    imp = sub.add_parser("import-text", help="import legacy flat-text exports into DIR/resources/ (own part)")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE", help="text export(s), UTF-8 or cp1252")
    imp.add_argument("--out", type=Path, default=Path(os.environ.get("DATA_DIR") or DEFAULT_DATA_DIR),
                     help="output root (env DATA_DIR; default %(default)s)")
    imp.set_defaults(func=cmd_import_text)

    nightly = sub.add_parser("nightly", help="the scheduled run: crawl what changed, process, check, publish")
    _site_and_data(nightly)
    nightly.add_argument("--full", action="store_true", help="a full pass now, whatever the schedule")
    nightly.add_argument("--full-every-days", type=float, default=None,
                         help="days between full passes (env NIGHTLY_FULL_EVERY_DAYS; default 7)")
    nightly.set_defaults(func=cmd_nightly)

    probe = sub.add_parser("probe", help="a first polite look at the site: what each page is, how it is read, "
                                         "a verdict (run it before the first real crawl; writes nothing)")
    probe.add_argument("--site-url", default=os.environ.get("SITE_URL") or DEFAULT_SITE_URL,
                       help="site to probe (env SITE_URL; default %(default)s)")
    probe.add_argument("--pages", type=_positive, default=5, help="detail pages to read (default %(default)s)")
    probe.add_argument("--mirror", action="store_true", help="probe the bundled offline mirror instead")
    probe.set_defaults(func=cmd_probe)

    explain = sub.add_parser("explain", help="show what was kept and removed, and why, for one resource")
    explain.add_argument("resource_id")
    explain.add_argument("--data-dir", type=Path, default=Path(os.environ.get("DATA_DIR") or DEFAULT_DATA_DIR))
    explain.set_defaults(func=cmd_explain)

    from mirror.cli import register  # the mirror is a tool beside the pipeline, not part of it

    register(sub)
    return parser


def cmd_crawl(args: argparse.Namespace) -> int:
    from pipeline.publish import ensure_writable
    from spiders.runner import format_summary, run_crawl

    ensure_writable(args.data_dir)  # one clear line now, not a traceback from inside Scrapy
    overrides: dict = {"CRAWL_MODE": args.mode}
    if args.mode == "incremental":
        if args.state is None or not args.state.is_file():
            raise PipelineError("--mode incremental needs --state FILE (the crawl state of earlier runs)")
        overrides["CRAWL_STATE"] = str(args.state.resolve())
    if args.http_cache:
        from spiders.settings import DEFAULT_REQUEST_HEADERS

        # max-age=0 on every request: a cached copy is never trusted as fresh, always revalidated
        # (If-None-Match / If-Modified-Since → 304), so an attachment replaced in place is seen.
        overrides.update(HTTPCACHE_ENABLED=True, HTTPCACHE_POLICY="scrapy.extensions.httpcache.RFC2616Policy",
                         HTTPCACHE_DIR=str((args.data_dir / ".httpcache").resolve()),
                         DEFAULT_REQUEST_HEADERS={**DEFAULT_REQUEST_HEADERS, "Cache-Control": "max-age=0"})
    try:
        outcome = run_crawl(args.site_url, args.data_dir, crawl_id=args.crawl_id, verbose=args.verbose,
                            settings_overrides=overrides)
    except ValueError as exc:  # a bad URL or crawl id, said in one sentence by the runner
        raise PipelineError(str(exc)) from exc
    print(format_summary(outcome))
    if outcome.raw_dir is not None:  # the crawl's own figures, read by the processing report
        (outcome.raw_dir / "_crawl_stats.json").write_text(json.dumps(outcome.stats, default=str, sort_keys=True))
    if not outcome.ok:
        raise PipelineError(f"crawl failed: {outcome.failure}")
    return 0


def cmd_process(args: argparse.Namespace) -> int:
    from pipeline.process import run_processing, summary_line

    result = run_processing(args.data_dir, args.site_url, crawl_id=args.crawl_id)
    print(summary_line(result, args.data_dir))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from pipeline.demo import run_demo

    return run_demo(args.data_dir, resources=args.resources, seed=args.seed)


def cmd_import_text(args: argparse.Namespace) -> int:
    from pipeline.import_run import run_import, summary_line

    print(summary_line(run_import(args.files, args.out)))
    return 0


def cmd_nightly(args: argparse.Namespace) -> int:
    from pipeline.nightly import FULL_PASS_EVERY_DAYS, run_nightly, summary

    every = FULL_PASS_EVERY_DAYS if args.full_every_days is None else args.full_every_days
    report = run_nightly(args.site_url, args.data_dir, full=args.full, full_every_days=every)
    print(summary(report, args.data_dir))
    return 0


def cmd_probe(args: argparse.Namespace) -> int:
    from pipeline.probe import probe

    if not args.mirror:
        report = probe(args.site_url, args.pages)
        return 0 if not report.problems else 1
    from mirror.server import start_in_thread  # the mirror is a tool beside the pipeline
    from mirror.site import build_site

    server, url = start_in_thread(build_site())
    try:
        report = probe(url, args.pages)
    finally:
        server.shutdown()
        server.server_close()
    return 0 if not report.problems else 1


def cmd_explain(args: argparse.Namespace) -> int:
    from pipeline.explain import explain

    print(explain(args.data_dir, args.resource_id))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except PipelineError as exc:
        print(f"rtes-pipeline: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("rtes-pipeline: interrupted; the published dataset is unchanged", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"rtes-pipeline: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
