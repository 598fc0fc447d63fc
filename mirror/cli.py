"""Command line: `mirror serve`, `mirror truth`, `mirror changes` (also `python -m mirror …`)."""

from __future__ import annotations

import argparse
import errno
import json
import os
import socket
import sys
import tempfile
from pathlib import Path

from mirror import faults
from mirror.changes import changes_between
from mirror.routes import HttpOptions, router_for
from mirror.server import serve_forever
from mirror.site import DEFAULT_RESOURCES, DEFAULT_SEED, Site, build_site
from mirror.themes import DEFAULT_THEME, THEMES
from mirror.truth import truth_records
from pipeline.argtypes import port_number, positive_int
from pipeline.errors import PipelineError, UsageError

FILE_MODE = 0o644


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `mirror` command (with `serve` and `truth`) to a parent CLI."""
    parser = subparsers.add_parser(
        "mirror",
        help="offline mirror of rtes.fr",
        description="Serve the offline mirror, or write its truth or changes.",
    )
    add_commands(
        parser.add_subparsers(dest="mirror_command", required=True, metavar="{serve,truth,changes}")
    )
    return parser


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add `serve` and `truth`; each sets args.func(args) -> exit code."""
    serve = subparsers.add_parser("serve", help="serve the generated site over HTTP")
    serve.add_argument(
        "--port",
        type=port_number,
        default=0,
        help="port on 127.0.0.1, 0 to 65535 (default 0: any free)",
    )
    _site_options(serve)
    _day_option(serve)
    serve.add_argument(
        "--page-cache",
        action="store_true",
        help="Drupal's page cache with a max age: ETag/Last-Modified and 304 on "
        "HTML pages (default: no validators, as Drupal's default max_age 0)",
    )
    serve.add_argument(
        "--no-sitemap",
        dest="sitemap",
        action="store_false",
        help="no /sitemap.xml (404) and no Sitemap line in robots.txt",
    )
    serve.add_argument(
        "--theme",
        type=int,
        choices=sorted(THEMES),
        default=DEFAULT_THEME,
        help=f"markup of the pages: 1 Drupal's default templates, 2 a custom theme without "
        f"Drupal's field classes, 3 theme 2 with no class, id or sectioning tag a rule could know "
        f"(default {DEFAULT_THEME}; the truth is the same)",
    )
    _fault_options(serve, serving=True)
    serve.set_defaults(func=cmd_serve)
    truth = subparsers.add_parser("truth", help="write the ground truth as JSON lines")
    truth.add_argument("--out", type=Path, required=True, help="output .jsonl file")
    truth.add_argument(
        "--documents-out",
        type=Path,
        default=None,
        help="also write the attached documents' truth (one row per distinct file) as .jsonl",
    )
    _site_options(truth)
    _day_option(truth)
    _fault_options(truth, serving=False)
    truth.set_defaults(func=cmd_truth)
    changes = subparsers.add_parser(
        "changes", help="print as JSON the detail paths added, edited and removed between days"
    )
    changes.add_argument("--from-day", type=int, required=True, help="earlier day (0 or more)")
    changes.add_argument("--to-day", type=int, required=True, help="later day (>= --from-day)")
    _site_options(changes)
    changes.set_defaults(func=cmd_changes)


def _day_option(parser: argparse.ArgumentParser) -> None:
    """--day: which day of the changing site (see mirror/days.py)."""
    parser.add_argument(
        "--day",
        type=int,
        default=0,
        help="day of the site: day 0 plus the changes of days 1..DAY (default 0)",
    )


def _site(args: argparse.Namespace) -> Site:
    """The site asked on the command line; PipelineError on a bad size or day."""
    if args.resources < 1:
        raise PipelineError(f"--resources must be 1 or more, not {args.resources}")
    if args.day < 0:
        raise PipelineError(f"--day must be 0 or more, not {args.day}")
    return build_site(args.seed, args.resources, args.day)


def _site_options(parser: argparse.ArgumentParser) -> None:
    """Options choosing which site is generated."""
    parser.add_argument(
        "--resources",
        type=positive_int,
        default=DEFAULT_RESOURCES,
        help=f"number of resources (default {DEFAULT_RESOURCES})",
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )


def _fault_options(parser: argparse.ArgumentParser, serving: bool) -> None:
    """--faults (and, to serve, --slow-seconds): see mirror/faults.py."""
    parser.add_argument(
        "--faults",
        type=_fault_spec,
        default=(),
        metavar="SPEC",
        help="comma list of fault names, or 'all' (see mirror/faults.py)",
    )
    if serving:
        parser.add_argument(
            "--slow-seconds",
            type=float,
            default=faults.SLOW_SECONDS,
            help=f"delay of the 'slow' fault (default {faults.SLOW_SECONDS:g})",
        )


def _serve(site: Site, port: int, router) -> None:
    """serve_forever, with a port already taken said as a bad argument (exit 2), naming the port."""
    try:
        serve_forever(site, port, router=router)
    except OSError as exc:
        if exc.errno in {errno.EADDRINUSE, errno.EACCES}:
            raise UsageError(
                f"cannot listen on 127.0.0.1:{port}: {exc.strerror.lower()}; "
                "choose another --port (0: any free one)"
            ) from exc
        raise


def _fault_spec(spec: str) -> tuple[str, ...]:
    """argparse type of --faults: a clear usage error on unknown names."""
    try:
        return faults.parse_spec(spec)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _fault_plan(site, args: argparse.Namespace) -> faults.FaultPlan | None:
    """The fault plan asked on the command line, None without --faults."""
    if not args.faults:
        return None
    try:
        return faults.plan_faults(
            site, args.faults, getattr(args, "slow_seconds", faults.SLOW_SECONDS)
        )
    except ValueError as exc:
        raise PipelineError(str(exc)) from exc


def _check_port_free(port: int) -> None:
    """Say a taken port before printing anything (the server binds it only later)."""
    if port == 0:
        return
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as http.server binds
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            raise UsageError(
                f"cannot listen on 127.0.0.1:{port}: {exc.strerror.lower()}; "
                "choose another --port (0: any free one)"
            ) from exc


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    _check_port_free(args.port)
    site = _site(args)
    router = router_for(
        HttpOptions(page_cache=args.page_cache, sitemap=args.sitemap, theme=args.theme)
    )
    print(
        f"Day {site.day} ({site.generated_at:%Y-%m-%d}): {len(site.resources)} resources online"
        f"{', page cache' if args.page_cache else ''}{', no sitemap' if not args.sitemap else ''}"
        f"{f', theme {args.theme}' if args.theme != DEFAULT_THEME else ''}",
        flush=True,
    )
    plan = _fault_plan(site, args)
    if plan is None:
        _serve(site, args.port, router)
        return 0
    for line in plan.describe(site):
        print(f"fault {line}", flush=True)
    _serve(site, args.port, faults.faulty_router(site, plan, base=router))
    return 0


def cmd_truth(args: argparse.Namespace) -> int:
    """Write the truth atomically and print a one-line summary."""
    site = _site(args)
    plan = _fault_plan(site, args)
    records = truth_records(site) if plan is None else faults.fault_truth_records(site, plan)
    write_jsonl(records, args.out)
    if plan is not None:
        print(
            f"Faults: {', '.join(plan.faults)}; {len(site.resources) - len(records)} "
            "resource(s) cannot be recovered"
        )
    private = sum(r["is_private"] for r in records)
    print(
        f"Wrote {len(records)} truth records ({private} private) to {args.out} "
        f"(seed {args.seed}, day {args.day})"
    )
    if args.documents_out is not None:
        from mirror.documents import document_truth  # generates (or reads from its cache) every PDF

        documents = document_truth(site)
        write_jsonl(documents, args.documents_out)
        print(f"Wrote {len(documents)} document truth rows to {args.documents_out}")
    return 0


def cmd_changes(args: argparse.Namespace) -> int:
    """Print {"added", "edited", "removed"} between the two days as JSON."""
    if args.resources < 1:
        raise PipelineError(f"--resources must be 1 or more, not {args.resources}")
    if not 0 <= args.from_day <= args.to_day:
        raise PipelineError(
            f"need 0 <= --from-day <= --to-day, got {args.from_day} and {args.to_day}"
        )
    found = changes_between(args.seed, args.resources, args.from_day, args.to_day)
    print(json.dumps(found, ensure_ascii=False, indent=2))
    return 0


def write_jsonl(records: list[dict], out: Path) -> None:
    """Write one JSON object per line via a temporary file and os.replace."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
        os.chmod(tmp, FILE_MODE)  # mkstemp creates 0600; outputs are shared files
        os.replace(tmp, out)
    except BaseException:
        os.unlink(tmp)
        raise


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m mirror`."""
    parser = argparse.ArgumentParser(prog="python -m mirror", description=__doc__)
    add_commands(parser.add_subparsers(dest="mirror_command", required=True))
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except PipelineError as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, UsageError) else 1
