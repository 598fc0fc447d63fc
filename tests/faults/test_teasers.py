"""A node whose detail page fails, met on teaser-only listings: the teaser's lead and its
"Lire la suite" link must never become the record's body or summary.

One crawl of a 40-resource site with two chosen nodes: one, also shown in full on another
listing, has a detail page whose markup changed (no field classes, no labels: its record comes
from the full item); the other, shown only as teasers, answers 503 at its alias and /node/N (its
record has a title and categories, no body)."""

from __future__ import annotations

import os
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from mirror.faults import changed_markup_page
from mirror.render import READ_MORE, teaser_lead
from mirror.routes import html_response, route
from mirror.server import start_in_thread
from mirror.site import LISTINGS, build_site
from mirror.text import normalise
from mirror.truth import truth_records

pytestmark = pytest.mark.e2e

SITE = build_site(11, 40)
CRAWL_ENV = {"RETRY_BACKOFF_BASE": "0.2"}
TEASED = {r.nid for lst in LISTINGS if lst.teasers for r in SITE.listed[lst.path]}
IN_FULL = {r.nid for lst in LISTINGS if not lst.teasers for r in SITE.listed[lst.path]}
PUBLIC = [r for r in SITE.resources if not r.is_private and r.kind == "resource"]


def teaser_share(resource) -> int:
    """How many more teaser listings than full ones show the node."""
    return sum((1 if lst.teasers else -1) for lst in LISTINGS if resource in SITE.listed[lst.path])


# The node met on teasers most often, also shown in full somewhere.
BOTH = max((r for r in PUBLIC if r.nid in TEASED and r.nid in IN_FULL), key=teaser_share)
TEASER_ONLY = next((r for r in PUBLIC if r.nid in TEASED and r.nid not in IN_FULL), None)
FAILING = {r.nid for r in (BOTH, TEASER_ONLY) if r is not None}
GONE_PATHS = {TEASER_ONLY.path, f"/node/{TEASER_ONLY.nid}"} if TEASER_ONLY else set()


def router(site, target, base):
    path = target.split("?")[0]
    if path in GONE_PATHS:
        return html_response("<!DOCTYPE html><p>Service indisponible</p>", 503)
    if path in (BOTH.path, f"/node/{BOTH.nid}"):
        return html_response(changed_markup_page(site, BOTH))
    return route(site, target, base)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> dict[str, dict]:
    server, url = start_in_thread(SITE, router=router)
    out = tmp_path_factory.mktemp("teasers") / "data"
    env = {**os.environ, **CRAWL_ENV}
    try:
        for command in (["crawl"], ["process", "--accept-drop"]):
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pipeline",
                    *command,
                    "--site-url",
                    url,
                    "--data-dir",
                    str(out),
                ],
                capture_output=True,
                text=True,
                timeout=300,
                env=env,
                check=True,
            )
    finally:
        server.shutdown()
        server.server_close()
    return {r["resource_id"]: r for r in pq.read_table(out / "resources").to_pylist()}


def teaser_texts(record: dict) -> list[str]:
    return [
        t
        for t in [*record["paragraphs"], record["summary"] or ""]
        if READ_MORE in t or t.endswith(" …")
    ]


def test_node_also_shown_in_full_takes_its_body_from_the_full_item(published):
    record = published[f"node-{BOTH.nid}"]
    truth = next(t for t in truth_records(SITE) if t["resource_id"] == record["resource_id"])
    assert not teaser_texts(record)
    assert record["paragraphs"] == truth["paragraphs"] and record["summary"] == truth["summary"]


def test_node_met_only_as_teasers_has_no_body_nor_summary(published):
    if TEASER_ONLY is None:
        pytest.skip("every teased node of this site is also shown in full somewhere")
    record = published[f"node-{TEASER_ONLY.nid}"]
    assert record["title"] == normalise(TEASER_ONLY.title)
    assert normalise(teaser_lead(TEASER_ONLY)) not in record["paragraphs"]
    assert record["paragraphs"] == [] and record["summary"] is None


def test_every_other_record_is_untouched_by_teasers(published):
    """The nodes whose detail page answers keep the detail page's body, teasers or not."""
    truth = {t["resource_id"]: t for t in truth_records(SITE)}
    others = [r for rid, r in published.items() if int(rid[5:]) not in FAILING]
    assert len(others) == len(SITE.resources) - len(FAILING)
    assert any(int(r["resource_id"][5:]) in TEASED for r in others)
    for record in others:
        assert not teaser_texts(record), record["url"]
        assert record["paragraphs"] == truth[record["resource_id"]]["paragraphs"]
