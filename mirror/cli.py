"""Command line: `mirror serve` and `mirror truth` (also as `python -m mirror …`)."""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from mirror import faults
from mirror.server import serve_forever
from mirror.site import DEFAULT_RESOURCES, DEFAULT_SEED, build_site
from mirror.truth import truth_records
from pipeline.errors import PipelineError

FILE_MODE = 0o644


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `mirror` command (with `serve` and `truth`) to a parent CLI."""
    parser = subparsers.add_parser("mirror", help="offline mirror of rtes.fr")
    add_commands(parser.add_subparsers(dest="mirror_command", required=True))
    return parser


def add_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add `serve` and `truth`; each sets args.func(args) -> exit code."""
    serve = subparsers.add_parser("serve", help="serve the generated site over HTTP")
    serve.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (0: any free)")
    _site_options(serve)
    _fault_options(serve, serving=True)
    serve.set_defaults(func=cmd_serve)
    truth = subparsers.add_parser("truth", help="write the ground truth as JSON lines")
    truth.add_argument("--out", type=Path, required=True, help="output .jsonl file")
    _site_options(truth)
    _fault_options(truth, serving=False)
    truth.set_defaults(func=cmd_truth)


def _site_options(parser: argparse.ArgumentParser) -> None:
    """Options choosing which site is generated."""
    parser.add_argument("--resources", type=int, default=DEFAULT_RESOURCES,
                        help=f"number of resources (default {DEFAULT_RESOURCES})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"random seed (default {DEFAULT_SEED})")


def _fault_options(parser: argparse.ArgumentParser, serving: bool) -> None:
    """--faults (and, to serve, --slow-seconds): see mirror/faults.py."""
    parser.add_argument("--faults", type=_fault_spec, default=(), metavar="SPEC",
                        help="comma list of fault names, or 'all' (see mirror/faults.py)")
    if serving:
        parser.add_argument("--slow-seconds", type=float, default=faults.SLOW_SECONDS,
                            help=f"delay of the 'slow' fault (default {faults.SLOW_SECONDS:g})")


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
        return faults.plan_faults(site, args.faults, getattr(args, "slow_seconds", faults.SLOW_SECONDS))
    except ValueError as exc:
        raise PipelineError(str(exc)) from exc


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    site = build_site(args.seed, args.resources)
    plan = _fault_plan(site, args)
    if plan is None:
        serve_forever(site, args.port)
        return 0
    for line in plan.describe(site):
        print(f"fault {line}", flush=True)
    serve_forever(site, args.port, router=faults.faulty_router(site, plan))
    return 0


def cmd_truth(args: argparse.Namespace) -> int:
    """Write the truth atomically and print a one-line summary."""
    site = build_site(args.seed, args.resources)
    plan = _fault_plan(site, args)
    records = truth_records(site) if plan is None else faults.fault_truth_records(site, plan)
    write_jsonl(records, args.out)
    if plan is not None:
        print(f"Faults: {', '.join(plan.faults)}; {len(site.resources) - len(records)} "
              "resource(s) cannot be recovered")
    private = sum(r["is_private"] for r in records)
    print(f"Wrote {len(records)} truth records ({private} private) to {args.out} "
          f"(seed {args.seed})")
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
    return args.func(args)
