"""End to end on this machine: a tiny HTTP server serves the fixtures, a subprocess crawls it.

The crawl runs in a subprocess because Twisted's reactor cannot be restarted in one process.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pyarrow.dataset as ds
import pytest

from rtes_core.schemas import RAW_PAGES
from tests.pages import FILES

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Path -> fixture served there (any query string); everything else is a 404.
ROUTES = {
    "/robots.txt": None,
    "/ressources": "listing_links.html",
    "/node/34": "detail.html",
    "/node/12": "detail.html",
    "/guide-achats-responsables": "detail.html",
    "/sitemap.xml": "sitemap.xml",
}
CRAWL_SCRIPT = """
import json, sys
from pathlib import Path
from spiders.runner import run_crawl, format_summary
overrides = json.loads(sys.argv[3])
outcome = run_crawl(sys.argv[1], Path(sys.argv[2]), crawl_id="T1", settings_overrides=overrides)
print(format_summary(outcome), file=sys.stderr)
stats = {k: v for k, v in outcome.stats.items() if isinstance(v, (int, float, str))}
raw_dir = str(outcome.raw_dir) if outcome.raw_dir else None
result = {"ok": outcome.ok, "failure": outcome.failure, "raw_dir": raw_dir, "stats": stats}
try:
    run_crawl(sys.argv[1], Path(sys.argv[2]), crawl_id="T2")
except RuntimeError as exc:
    result["second_call"] = str(exc)
print(json.dumps(result))
"""


class FixtureHandler(BaseHTTPRequestHandler):
    """Serves the fixture pages, with the real site's absolute URLs pointed at this server."""

    def do_GET(self):  # noqa: N802 - http.server's naming
        path = urlsplit(self.path).path
        if path not in ROUTES:
            self._send(
                404, "text/html; charset=utf-8", b"<html><body>Page introuvable</body></html>"
            )
        elif path == "/robots.txt":
            self._send(200, "text/plain", b"User-agent: *\nAllow: /\n")
        else:
            name = ROUTES[path]
            base = f"http://{self.server.server_address[0]}:{self.server.server_address[1]}"
            body = (FILES / name).read_text("utf-8").replace("https://www.rtes.fr", base).encode()
            kind = "application/xml" if name.endswith(".xml") else "text/html; charset=utf-8"
            self._send(200, kind, body)

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def site_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FixtureHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def crawl(site_url: str, data_dir: Path, overrides: dict) -> dict:
    """Run one crawl in a fresh interpreter and return its outcome as a dict."""
    env = {
        **os.environ,
        "PYTHONPATH": f"{PROJECT_ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
    }
    result = subprocess.run(
        [sys.executable, "-c", CRAWL_SCRIPT, site_url, str(data_dir), json.dumps(overrides)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=data_dir,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_crawl_writes_raw_parquet(site_url, tmp_path):
    outcome = crawl(site_url, tmp_path, {"LISTING_PATHS": ["/ressources"], "MAX_LISTING_PAGES": 3})
    assert outcome["ok"], outcome["failure"]
    raw = tmp_path / "raw" / "crawl_id=T1"
    assert outcome["raw_dir"] == str(raw)
    assert not (tmp_path / ".staging" / "raw-T1").exists()

    table = ds.dataset(raw, format="parquet").to_table()
    assert table.schema.remove_metadata().equals(RAW_PAGES)
    rows = {row["url"].removeprefix(site_url): row for row in table.to_pylist()}
    assert {"/ressources", "/ressources?page=1", "/ressources?page=2"} <= set(rows)
    assert "/ressources?page=250" not in rows
    assert {"/node/34", "/node/12", "/guide-achats-responsables", "/sitemap.xml"} <= set(rows)
    assert rows["/ressources/fiche-sieg"]["status"] == 404  # final non-2xx is recorded
    assert rows["/sitemap.xml"]["page_kind"] == "sitemap"
    assert rows["/ressources?page=1"]["page_kind"] == "listing"
    assert rows["/node/34"]["page_kind"] == "detail"
    assert "/robots.txt" not in rows
    assert all(url.startswith(site_url) for url in table.column("url").to_pylist())
    assert table.num_rows == len(rows)  # each URL fetched once

    assert "subprocess" in outcome["second_call"]  # one crawl per process, said clearly

    stats = outcome["stats"]
    assert stats["rtes/pages/listing"] == 3
    assert stats["rtes/pagination/capped"] >= 1
    assert stats["rtes/raw/rows"] == table.num_rows


def test_unreachable_site_is_a_failure(tmp_path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    outcome = crawl(
        f"http://127.0.0.1:{port}", tmp_path, {"RETRY_TIMES": 0, "ROBOTSTXT_OBEY": False}
    )
    assert not outcome["ok"]
    assert outcome["failure"].startswith(f"could not reach http://127.0.0.1:{port}: ")
    assert outcome["raw_dir"] is None
    assert not (tmp_path / "raw").exists()
    assert not (tmp_path / ".staging" / "raw-T1").exists()  # nothing written, nothing kept


def test_interrupted_crawl_is_not_published(site_url, tmp_path):
    outcome = crawl(
        site_url, tmp_path, {"LISTING_PATHS": ["/ressources"], "CLOSESPIDER_PAGECOUNT": 2}
    )
    assert not outcome["ok"]
    assert "finish_reason=closespider_pagecount" in outcome["failure"]
    assert not (tmp_path / "raw").exists()
    assert list((tmp_path / ".staging" / "raw-T1").glob("part-*.parquet"))
    assert (
        outcome["stats"]["rtes/raw/not_published_reason"] == "finish_reason=closespider_pagecount"
    )
