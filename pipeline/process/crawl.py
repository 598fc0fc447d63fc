"""What the crawl says of itself: what it covered (its manifest) and its side files.

A crawl leaves `_crawl_manifest.json` (kind and strategy), `_crawl_stats.json` (Scrapy's and
the spider's stats) and `_crawl_report.json` (its errors) beside its raw pages.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline import publish

# What a crawl covered (from its manifest): "full" read every listing (a resource absent is gone),
# "sitemap" re-read what changed and lists what is online, "listings" re-read what changed
# newest-first, "partial" is a full crawl some of whose listings failed. Only the first two
# may flag a resource removed without a 404/410 answer.
CRAWL_MODES = ("full", "sitemap", "listings", "partial")
REMOVAL_DETECTING_MODES = ("full", "sitemap")
CRAWL_SIDE_FILES = ("_crawl_stats.json", "_crawl_report.json")


def crawl_mode(crawl_dir: Path) -> str:
    """What the crawl covered, from its manifest: one of CRAWL_MODES."""
    manifest = publish.crawl_manifest(crawl_dir)
    if manifest.get("kind") == "incremental":
        strategy = manifest.get("strategy")
        return strategy if strategy in {"sitemap", "listings"} else "listings"
    return "partial" if manifest.get("kind") == "partial" else "full"


def read_crawl_files(crawl_dir: Path) -> dict[str, Any]:
    """The crawl's own account, when it left one: stats (`crawl_stats`) and errors (`crawl_report`)."""
    found: dict[str, Any] = {}
    for name in CRAWL_SIDE_FILES:
        path = crawl_dir / name
        key = name.lstrip("_").removesuffix(".json")  # "_" hides them from Parquet dataset readers
        if path.is_file():
            try:
                found[key] = json.loads(path.read_text())
            except (OSError, ValueError):
                found[key] = {"unreadable": str(path)}
    return found
