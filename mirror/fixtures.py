"""Regenerate tests/files/ fixtures from the default mirror: `python -m mirror.fixtures`."""

from __future__ import annotations

import argparse
import gzip
import json
import urllib.request
from pathlib import Path

from mirror.server import start_in_thread
from mirror.site import DEFAULT_RESOURCES, DEFAULT_SEED, LISTINGS, Resource, Site, build_site
from mirror.truth import truth_records

FILES_DIR = Path(__file__).resolve().parent.parent / "tests" / "files"
TRUTH_FILE = (
    f"truth_seed{DEFAULT_SEED}_{DEFAULT_RESOURCES}.jsonl.gz"  # gzip: 2.3 MB of JSON, 0.3 MB stored
)
URL_MAP_FILE = "url_to_local.json"
INDEX_FILE = "mirror_fixtures.json"  # which resource and variant each page holds


def _richness(resource: Resource) -> tuple[int, int]:
    """Prefer resources exercising many features (in-body repeats above all), then oldest."""
    roles = {b.role for b in resource.blocks}
    score = (
        bool(resource.documents)
        + bool(resource.categories)
        + bool(resource.summary)
        + ("residue" in roles)
        + 3 * ("repeat" in roles)
        + ("empty" in roles)
        + any(b.kind == "ul" for b in resource.blocks)
    )
    return (-score, resource.index)


def pick(site: Site) -> dict[str, Resource]:
    """The resource shown by each detail fixture."""
    public = [r for r in site.resources if not r.is_private]
    chosen = {
        "detail_d8.html": min((r for r in public if r.variant == "d8"), key=_richness),
        "detail_d7.html": min((r for r in public if r.variant == "d7"), key=_richness),
        "detail_bare.html": min((r for r in public if r.variant == "bare"), key=_richness),
        "detail_private.html": min(
            (r for r in site.resources if r.is_private and r.variant == "d8"), key=_richness
        ),
    }
    linked = [r for r in public if r.nid in site.linked_nids and r not in chosen.values()]
    chosen["detail_node.html"] = min(linked, key=_richness)
    return chosen


def fetch(base: str, path: str) -> bytes:
    """The body the mirror serves at path."""
    with urllib.request.urlopen(base + path) as response:
        return response.read()


def regenerate(out: Path = FILES_DIR) -> dict[str, str]:
    """Write the fixture pages, the URL map, the index and the truth; return the URL map."""
    site = build_site(DEFAULT_SEED, DEFAULT_RESOURCES)
    listing = LISTINGS[0].path  # a category term page (the site has no /ressources listing)
    pages = {
        listing: "listing_ressources_p0.html",
        f"{listing}?page=3": "listing_ressources_p3.html",
    }
    index: dict[str, dict] = {
        name: {"path": path, "kind": "listing"} for path, name in pages.items()
    }
    for name, resource in pick(site).items():
        path = f"/node/{resource.nid}" if name == "detail_node.html" else resource.path
        pages[path] = name
        index[name] = {
            "path": path,
            "kind": "detail",
            "nid": resource.nid,
            "canonical": resource.path,
            "variant": resource.variant,
            "is_private": resource.is_private,
        }
    out.mkdir(parents=True, exist_ok=True)
    server, base = start_in_thread(site)
    try:
        for path, name in pages.items():
            (out / name).write_bytes(fetch(base, path))
    finally:
        server.shutdown()
        server.server_close()
    _write_json(out / URL_MAP_FILE, pages)
    _write_json(out / INDEX_FILE, index)
    write_truth_gz(truth_records(site), out / TRUTH_FILE)
    return pages


def write_truth_gz(records: list[dict], path: Path) -> None:
    """The truth as gzipped JSON lines, byte-stable (no timestamp in the gzip header)."""
    text = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(text.encode("utf-8"))


def read_truth_gz(path: Path) -> list[dict]:
    """Records written by write_truth_gz."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def _write_json(path: Path, data: dict) -> None:
    """Pretty, stable JSON."""
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Regenerate the fixtures and list them."""
    parser = argparse.ArgumentParser(prog="python -m mirror.fixtures", description=__doc__)
    parser.add_argument("--out", type=Path, default=FILES_DIR, help="fixtures directory")
    args = parser.parse_args(argv)
    for path, name in regenerate(args.out).items():
        print(f"{name:28} {path}")
    print(f"{TRUTH_FILE:28} truth of seed {DEFAULT_SEED}, {DEFAULT_RESOURCES} resources")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
