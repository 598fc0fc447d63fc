"""Shared helpers of the one-data-directory tests (issue 11): a mirror that changes day, port and
markup between runs, the CLI run as a subprocess, and checks of a data directory against the truth."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pyarrow.parquet as pq

from mirror.faults import changed_markup_page
from mirror.legacy_export import render_export_with_truth
from mirror.routes import HttpOptions, html_response, route
from mirror.server import start_in_thread
from mirror.site import LISTINGS, Resource, Site, build_site
from mirror.text import normalise
from mirror.truth import content, truth_records
from pipeline.truthcheck import COMPARED_FIELDS, comparable, path_of

ERROR_PREFIX = "rtes-pipeline: error:"
REPO = Path(__file__).resolve().parents[1]
# The title link of a resource on a listing page (d8_article, in_listing=True).
TITLE_LINK = re.compile(
    r'<h2 class="node__title"><a href="[^"]*" rel="bookmark">(.*?)</a></h2>', re.DOTALL
)
# The RDFa `about` attribute naming a listed resource's path.
ABOUT_ATTRIBUTE = re.compile(r' about="[^"]*"')


class Mirror:
    """The mirror of one (seed, resources) whose day, port and markup a test changes between runs.

    mode: "normal"; "no_title_links" (listing items keep their title, as text, but link nowhere);
    "changed_markup" (every public detail page after a redesign: no field classes, no labels).
    theme: the markup of every page (mirror.themes; 2: the custom theme), the truth unchanged.
    """

    def __init__(self, seed: int, resources: int, sitemap: bool = True, theme: int = 1) -> None:
        self.seed, self.resources = seed, resources
        self.site = build_site(seed, resources, 0)
        self.options = HttpOptions(sitemap=sitemap, theme=theme)
        self.mode = "normal"
        self.servers: list = []
        self.url = self.serve()

    def serve(self) -> str:
        """One more server of this same site, on a new port; returns its URL."""
        server, url = start_in_thread(self.site, router=self.route)
        self.servers.append(server)
        return url

    def move(self) -> str:
        """The site moves to another port: the old address stops answering."""
        old = self.servers.pop(0)
        old.shutdown()
        old.server_close()
        self.url = self.serve()
        return self.url

    def route(self, _site: Site, target: str, base: str):
        response = route(self.site, target, base, options=self.options)
        path = target.split("?")[0]
        if self.mode == "no_title_links" and path in {listing.path for listing in LISTINGS}:
            html = response.body.decode("utf-8")
            html = ABOUT_ATTRIBUTE.sub("", TITLE_LINK.sub(r'<h3 class="node__title">\1</h3>', html))
            return type(response)(
                response.status, response.content_type, html.encode(), response.headers
            )
        if self.mode == "changed_markup":
            resource = self.site.by_slug.get(path[1:])
            if resource is not None and not resource.is_private:
                return html_response(changed_markup_page(self.site, resource))
        return response

    def day(self, day: int) -> None:
        self.site = build_site(self.seed, self.resources, day)

    def close(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()
        self.servers = []


def cli(
    *args: str, env: dict | None = None, timeout: int = 600, in_process: bool = False
) -> subprocess.CompletedProcess:
    """`rtes-pipeline ARGS` in a child process (as a user runs it), or in this process (saves the
    interpreter start and imports; a nightly still crawls in its own child process)."""
    if in_process and not env:
        return _in_process(list(args))
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def _in_process(args: list[str]) -> subprocess.CompletedProcess:
    from pipeline.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(args)
        except SystemExit as exit_:  # argparse
            code = exit_.code if isinstance(exit_.code, int) else 2
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def nightly(
    mirror: Mirror,
    data_dir: Path,
    *extra: str,
    url: str | None = None,
    env: dict | None = None,
    in_process: bool = False,
) -> subprocess.CompletedProcess:
    return cli(
        "nightly",
        "--site-url",
        url or mirror.url,
        "--data-dir",
        str(data_dir),
        *extra,
        env=env,
        in_process=in_process,
    )


def process(
    mirror: Mirror, data_dir: Path, *extra: str, in_process: bool = False
) -> subprocess.CompletedProcess:
    return cli(
        "process",
        "--site-url",
        mirror.url,
        "--data-dir",
        str(data_dir),
        *extra,
        in_process=in_process,
    )


def import_text(
    data_dir: Path, *files: Path, in_process: bool = False
) -> subprocess.CompletedProcess:
    return cli("import-text", *map(str, files), "--out", str(data_dir), in_process=in_process)


def ok(done: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    """The command succeeded (its error output in the failure message otherwise)."""
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr[-2500:]}"
    return done


def error_line(done: subprocess.CompletedProcess) -> str:
    """A failed command's one error line: last on stderr, the only one, no traceback."""
    assert done.returncode != 0, done.stdout[-1500:]
    lines = done.stderr.strip().splitlines()
    assert lines and lines[-1].startswith(ERROR_PREFIX), done.stderr[-2500:]
    assert sum(line.startswith(ERROR_PREFIX) for line in lines) == 1, done.stderr[-2500:]
    assert "Traceback" not in done.stderr, done.stderr[-2500:]
    return lines[-1]


def reports(data_dir: Path) -> list[dict[str, Any]]:
    """Every run report, by finish time."""
    found = [json.loads(p.read_text()) for p in (data_dir / "runs").glob("*/report.json")]
    return sorted(found, key=lambda r: r.get("finished_at") or "")


def last_report(data_dir: Path) -> dict[str, Any]:
    return reports(data_dir)[-1]


def published_fingerprint(data_dir: Path) -> tuple[str | None, str]:
    """Which version is published, and a digest of every published Parquet file's bytes."""
    digest = hashlib.sha256()
    link = data_dir / "current"
    if not link.exists():
        return None, digest.hexdigest()
    current = link.resolve()
    for path in sorted(current.rglob("*.parquet")):
        digest.update(path.relative_to(current).as_posix().encode() + path.read_bytes())
    return current.name, digest.hexdigest()


def resource_rows(data_dir: Path) -> list[dict[str, Any]]:
    """Every row of resources/ (every part: crawl and imports)."""
    return pq.read_table(data_dir / "resources").to_pylist()


def online(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in rows if r["removed_at"] is None]


def version_rows(data_dir: Path) -> list[dict[str, Any]]:
    folder = data_dir / "resource_versions"
    if not folder.exists() or not any(folder.rglob("*.parquet")):
        return []
    return ds.dataset(folder, partitioning="hive").to_table().to_pylist()


def file_sources(record: dict[str, Any]) -> list[str]:
    """The `file:` entries of a record's source_urls (legacy imports joined to it)."""
    return [u for u in record["source_urls"] or [] if u.startswith("file:")]


def site_comparable(record: dict[str, Any]) -> dict[str, Any]:
    """comparable(record) with the import sources left out (the truth names site pages only)."""
    return comparable(
        {
            **record,
            "source_urls": [u for u in record["source_urls"] or [] if not u.startswith("file:")],
        }
    )


def truth_by_url(site: Site) -> dict[str, dict[str, Any]]:
    return {t["url"]: comparable(t) for t in truth_records(site)}


def differences(rows: list[dict[str, Any]], site: Site, fields=COMPARED_FIELDS) -> list[str]:
    """Online rows against the site's truth, field by field: one line per difference."""
    truth = truth_by_url(site)
    lines: list[str] = []
    by_url: dict[str | None, list[dict[str, Any]]] = {}
    for row in online(rows):
        by_url.setdefault(path_of(row["url"]), []).append(site_comparable(row))
    for url, found in by_url.items():
        if url not in truth:
            lines += [
                f"{url}: online but not on the site ({r['resource_id']}, {r['title'][:60]!r})"
                for r in found
            ]
        elif len(found) > 1:
            lines.append(f"{url}: online {len(found)} times")
    for url, want in truth.items():
        if url not in by_url:
            lines.append(f"{url}: missing from the online rows")
            continue
        got = by_url[url][0]
        lines += [
            f"{url}: {f} differs: got {_short(got[f])} expected {_short(want[f])}"
            for f in fields
            if got[f] != want[f]
        ]
    return lines


def duplicates(rows: list[dict[str, Any]]) -> list[str]:
    """Online rows sharing a resource_id, or a (title, body)."""
    seen_ids: dict[str, int] = {}
    seen_text: dict[tuple, int] = {}
    for row in online(rows):
        seen_ids[row["resource_id"]] = seen_ids.get(row["resource_id"], 0) + 1
        key = (row["title"], row["body"])
        seen_text[key] = seen_text.get(key, 0) + 1
    return [f"resource_id {k} online {n} times" for k, n in seen_ids.items() if n > 1] + [
        f"(title, body) {k[0][:60]!r} online {n} times" for k, n in seen_text.items() if n > 1
    ]


def content_key(truth_record: dict[str, Any]) -> str:
    """What an edit changes of a truth record (not where a crawler meets it), as one string."""
    return json.dumps(content(comparable(truth_record)), sort_keys=True, ensure_ascii=False)


def _short(value: Any, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def joinable(
    site: Site, count: int, skip: set[int] = frozenset(), start: int = 0
) -> list[Resource]:
    """Public resources whose export renders exactly as the site does (same title, same text)."""
    found = [r for r in site.resources if not r.is_private and r.nid not in skip]
    return found[start : start + count]


def export_of(
    site: Site, chosen: list[Resource], seed: int = 0
) -> tuple[str, list[dict[str, Any]]]:
    """A legacy text export of exactly these resources, and per resource its expected record.

    Export seeds are tried in turn until every exported title and paragraph is the site's own
    (the renderer sometimes turns a title into a sentence: that resource would not be the same).
    """
    sub = Site(site.seed, site.resource_count, site.day, tuple(chosen), site.files)
    for attempt in range(seed, seed + 50):
        text, expected = render_export_with_truth(sub, attempt)
        truths = [e.truth for e in expected]
        by_title = {normalise(r.title): r for r in chosen}
        if all(
            t["title"] in by_title and t["paragraphs"] == by_title[t["title"]].paragraphs
            for t in truths
        ):
            return text, truths
    raise AssertionError("no export seed renders these resources unchanged")
