"""What a nightly crawl remembers between runs, so that it downloads only what changed.

The crawl state (`DATA_DIR/state/crawl_state.json`) holds, per resource path, the sitemap's
`<lastmod>` and a fingerprint of the resource as a listing page renders it. It is rewritten
only after a run has been published, so a failed or killed run never makes the next one skip
a change (a stale state only costs extra downloads).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from html import unescape
from pathlib import Path
from typing import Any

from rtes_core.extract import occurrences_from_html
from rtes_core.text import comparison_key
from rtes_core.urls import url_path

STATE_FILE = Path("state") / "crawl_state.json"
# 2: listing fingerprints keyed by listing and item (listing_key), not by item alone.
STATE_VERSION = 2
# One <url> entry of a sitemap: its <loc> and optional <lastmod> (namespace prefixes tolerated).
SITEMAP_URL = re.compile(r"<(?:\w+:)?url>(.*?)</(?:\w+:)?url>", re.DOTALL)
SITEMAP_LOC = re.compile(r"<(?:\w+:)?loc>\s*([^<]+?)\s*</(?:\w+:)?loc>")
SITEMAP_LASTMOD = re.compile(r"<(?:\w+:)?lastmod>\s*([^<]+?)\s*</(?:\w+:)?lastmod>")


def sitemap_entries(xml: str) -> dict[str, str | None]:
    """Path → lastmod (None when absent) for every <url> of a sitemap."""
    entries: dict[str, str | None] = {}
    for block in SITEMAP_URL.finditer(xml):
        loc = SITEMAP_LOC.search(block[1])
        if loc:
            lastmod = SITEMAP_LASTMOD.search(block[1])
            entries[url_path(unescape(loc[1]))] = lastmod[1] if lastmod else None
    return entries


def listing_fingerprints(html: str, url: str) -> dict[str, str]:
    """Path → fingerprint of each resource a listing page renders (its text and fields).

    A resource edited on the site renders differently; one only moved on the listing or shown
    with another footer does not, so its fingerprint stays.
    """
    found: dict[str, str] = {}
    for occ in occurrences_from_html(html, url, "listing"):
        if occ.path:
            payload = json.dumps(
                [
                    occ.title,
                    [comparison_key(b.text) for b in occ.blocks if b.origin == "body"],
                    occ.fields,
                ],
                sort_keys=True,
                default=str,
                ensure_ascii=False,
            )
            found[url_path(occ.path)] = hashlib.sha256(payload.encode()).hexdigest()[:24]
    return found


def listing_key(listing_url: str, item_path: str) -> str:
    """The state key of an item's fingerprint on one listing: a node shown in full on one
    listing and as a teaser on another renders differently on each, without any edit."""
    return f"{url_path(listing_url)} {item_path}"


def load_state(data_dir: Path) -> dict[str, Any]:
    """The crawl state, or an empty one (first run, or a state from another version)."""
    path = data_dir / STATE_FILE
    try:
        state = json.loads(path.read_text())
    except (OSError, ValueError):
        return {"version": STATE_VERSION, "lastmod": {}, "listing": {}}
    if state.get("version") != STATE_VERSION:
        return {"version": STATE_VERSION, "lastmod": {}, "listing": {}}
    return state


def updated_state(state: dict[str, Any], raw_rows, full_pass: bool) -> dict[str, Any]:
    """The state after a published crawl: its sitemap lastmods and listing fingerprints."""
    lastmod = {} if full_pass else dict(state.get("lastmod", {}))
    listing = {} if full_pass else dict(state.get("listing", {}))
    # the listings the crawls discovered: an incremental crawl walks them again
    listing_paths = set() if full_pass else set(state.get("listing_paths", []))
    for row in raw_rows:
        if row["status"] != 200 or not row["html"]:
            continue
        if row["page_kind"] == "sitemap":
            lastmod.update(sitemap_entries(row["html"]))
        elif row["page_kind"] == "listing":
            page_url = row["final_url"] or row["url"]
            prints = listing_fingerprints(row["html"], page_url)
            listing.update({listing_key(page_url, path): value for path, value in prints.items()})
            listing_paths.add(url_path(page_url))
    return {
        "version": STATE_VERSION,
        "lastmod": lastmod,
        "listing": listing,
        "listing_paths": sorted(listing_paths),
    }


def save_state(data_dir: Path, state: dict[str, Any]) -> None:
    """Write the state atomically (temporary file + rename)."""
    path = data_dir / STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".tmp-{os.getpid()}")
    temporary.write_text(json.dumps(state, sort_keys=True))
    os.replace(temporary, path)
