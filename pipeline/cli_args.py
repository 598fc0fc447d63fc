"""The command line's arguments: one function per command, its options and their help.

`pipeline/cli.py` builds the parser from these and runs the commands; keeping the argument
definitions here leaves the command functions short to read.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import NoReturn

from pipeline.argtypes import positive_float, positive_int
from pipeline.lastdir import reading_default

Command = Callable[[argparse.Namespace], int]

DEFAULT_SITE_URL = "https://www.rtes.fr"
DEFAULT_DATA_DIR = "datasets"
DEMO_DATA_DIR = "datasets/demo"


def demo_data_dir(theme: int | None, seed: int | None, resources: int | None) -> Path:
    """The demo's dataset root when none is named: datasets/demo for the default mirror, and for
    another mirror (a theme, seed or size given) a folder of its own, datasets/demo-theme5-seed37-
    r90: another mirror is another site, whose dataset the drop guard must not hold against the
    default one's (150 resources, then 90 of another mirror, read as a loss of 40%)."""
    given = (("theme", theme), ("seed", seed), ("r", resources))
    return Path("-".join([DEMO_DATA_DIR, *(f"{n}{v}" for n, v in given if v is not None)]))


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


def _reading_data_dir(parser: argparse.ArgumentParser) -> None:
    """--data-dir of a command that only reads: the last data directory written by default."""
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=reading_default(DEFAULT_DATA_DIR),
        help="dataset root (env DATA_DIR, else the last one a command wrote; default %(default)s)",
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


def base_parser() -> tuple[OneLineParser, argparse._SubParsersAction]:
    """The top-level parser (with --version) and its sub-command list."""
    parser = OneLineParser(prog="rtes-pipeline", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"rtes-pipeline {package_version()}")
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=OneLineParser
    )
    return parser, sub


def add_crawl(sub: argparse._SubParsersAction, func: Command) -> None:
    """The `crawl` command's arguments."""
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
    crawl.set_defaults(func=func)


def add_process(sub: argparse._SubParsersAction, func: Command) -> None:
    """The `process` command's arguments."""
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
    process.set_defaults(func=func)


def add_demo(sub: argparse._SubParsersAction, func: Command) -> None:
    """The `demo` command's arguments."""
    demo = sub.add_parser(
        "demo", help="the main job on the offline mirror: serve, crawl, process, check"
    )
    demo.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        default=Path(os.environ["DATA_DIR"]) if os.environ.get("DATA_DIR") else None,
        help=f"dataset root (env DATA_DIR; default {DEMO_DATA_DIR}, or for another mirror "
        f"{DEMO_DATA_DIR}-theme<N>-seed<S>-r<N> with the options given)",
    )
    demo.add_argument(
        "--resources",
        type=positive_int,
        default=None,
        metavar="N",
        help="resources in the mirror, 1 or more (default: the mirror's, 150)",
    )
    demo.add_argument("--seed", type=int, default=None, help="mirror seed (default: the mirror's)")
    demo.add_argument(
        "--theme",
        type=positive_int,
        default=None,
        metavar="N",
        help="the mirror's markup (mirror/themes.py; default: the mirror's, 1)",
    )
    _verbose(demo)
    demo.set_defaults(func=func)


def add_import_text(sub: argparse._SubParsersAction, func: Command) -> None:
    """The `import-text` command's arguments."""
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
    imp.set_defaults(func=func)


def add_nightly(sub: argparse._SubParsersAction, func: Command) -> None:
    """The `nightly` command's arguments."""
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
    nightly.set_defaults(func=func)


def add_report(sub: argparse._SubParsersAction, func: Command) -> None:
    """The `report` command's arguments."""
    report = sub.add_parser(
        "report", help="print the newest run report (by finish time) of DATA_DIR"
    )
    _reading_data_dir(report)
    report.set_defaults(func=func)


def add_probe(sub: argparse._SubParsersAction, func: Command) -> None:
    """The `probe` command's arguments."""
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
    probe.set_defaults(func=func)


def add_explain(sub: argparse._SubParsersAction, func: Command) -> None:
    """The `explain` command's arguments."""
    explain = sub.add_parser(
        "explain", help="show what was kept and removed, and why, for one resource"
    )
    explain.add_argument("resource_id", metavar="ID", help="a resource_id, e.g. node-1462")
    _reading_data_dir(explain)
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
    explain.set_defaults(func=func)


def tag_parsers(parser: argparse.ArgumentParser) -> None:
    """Each sub-command parser records itself, so errors found after parsing use its usage."""
    for action in parser._actions:  # noqa: SLF001 - argparse has no public walk of sub-parsers
        if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
            for child in action.choices.values():
                child.set_defaults(_parser=child)
                tag_parsers(child)
