"""Listing fingerprints are kept per listing: a node shown in full on one listing and as a teaser
on another renders differently on each without any edit, and must not look changed."""

from __future__ import annotations

from mirror.routes import route
from mirror.site import LISTINGS, PAGE_SIZE, build_site
from rtes_core import incremental

SITE = build_site(7, 150)
BASE = "http://127.0.0.1:8800"


def raw_row(path: str) -> dict:
    html = route(SITE, path, BASE).body.decode()
    return {
        "status": 200,
        "html": html,
        "page_kind": "listing",
        "url": BASE + path,
        "final_url": None,
    }


def test_a_node_on_a_full_and_a_teaser_listing_keeps_both_fingerprints():
    teaser, node, full = next(
        (teaser, node, full)
        for teaser in LISTINGS
        if teaser.teasers
        for node in SITE.listed[teaser.path][:PAGE_SIZE]
        for full in LISTINGS
        if not full.teasers and node in SITE.listed[full.path][:PAGE_SIZE]
    )
    rows = [raw_row(full.path), raw_row(teaser.path)]
    state = incremental.updated_state({}, rows, full_pass=True)["listing"]
    on_full = state[incremental.listing_key(BASE + full.path, node.path)]
    on_teaser = state[incremental.listing_key(BASE + teaser.path + "?page=0", node.path)]
    assert on_full != on_teaser  # two renderings, two fingerprints, none overwriting the other
    prints = incremental.listing_fingerprints(rows[0]["html"], rows[0]["url"])
    assert prints[node.path] == on_full  # the fingerprint of the page read again is unchanged
