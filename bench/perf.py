"""`make bench`: the process stage and its peers side by side, and MinHash signatures alone.

For each size N, a raw layer is built as a crawl stores it (the mirror's detail and listing pages
rendered directly, no HTTP) under datasets/bench/raw-N/ (kept: re-runs reuse it). Then, in
`--repeats` interleaved rounds, every system of `bench.peers` (the project's process stage through
`pipeline.process.run_processing`, trafilatura + datasketch, selectolax + rensa, the parse-only
floors, reading the Parquet) runs on it in its own child process, one process each: the best CPU
time per page, wall time, peak RSS and peak PSS of the process tree. In the same run,
`bench.signatures` times MinHash signatures alone on the same paragraph sets (ours, datasketch's
batch APIs, rensa, a plain xxh32 loop).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

DEFAULT_SIZES = (1000, 10000, 100000)
BENCH_DIR = Path("datasets/bench")
SEED = 7
CRAWL_ID = "20261101T000000Z"
FETCHED_AT = datetime(2026, 11, 1, tzinfo=UTC)
WRITE_BATCH_PAGES = 512  # raw pages per Parquet row group while writing (memory stays flat)
REPEATS = 3  # each system's figure is the best of this many interleaved runs (noise only adds time)
MINHASH_REPEATS = 3  # as REPEATS: each signature timing is the best of 3 interleaved runs


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def raw_row(page, url: str) -> dict[str, Any]:
    """A rendered page as the crawl's raw writer stores it."""
    return {
        "crawl_id": CRAWL_ID,
        "url": url,
        "final_url": url,
        "status": 200,
        "fetched_at": FETCHED_AT,
        "page_kind": page.kind,
        "content_type": "text/html; charset=utf-8",
        "encoding": "utf-8",
        "etag": None,
        "last_modified": None,
        "body_bytes": len(page.html.encode()),
        "body_sha256": "",
        "html": page.html,
    }


def write_shard(task: tuple[int, int, Path]) -> tuple[int, int]:
    """Render one shard's pages into its own Parquet part; (pages, HTML bytes)."""
    from bench.corpus import LISTING_PAGE_STRIDE, iter_pages, shard_site
    from rtes_core.schemas import with_version

    shard, size, part = task
    site = shard_site(shard, size, SEED)
    schema = with_version("raw")
    pages = html_bytes = 0
    with pq.ParquetWriter(part, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for page in iter_pages(site, first_page=shard * LISTING_PAGE_STRIDE):
            batch.append(raw_row(page, "https://www.rtes.fr" + page.url))
            pages += 1
            html_bytes += batch[-1]["body_bytes"]
            if len(batch) >= WRITE_BATCH_PAGES:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch.clear()
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return pages, html_bytes


def build_raw_layer(size: int, data_dir: Path) -> dict[str, Any]:
    """Render N resources' pages into DATA_DIR/raw/crawl_id=…/ (skipped when already there).

    One mirror shard at a time (memory stays flat whatever N), one Parquet part per shard,
    shards rendered on every core; the crawl folder appears only when complete."""
    from bench.corpus import shard_sizes

    crawl = data_dir / "raw" / f"crawl_id={CRAWL_ID}"
    done = crawl / "_DONE.json"
    if done.exists():
        return json.loads(done.read_text())
    shutil.rmtree(data_dir, ignore_errors=True)
    started = time.monotonic()
    staging = data_dir / "raw" / ".staging"
    staging.mkdir(parents=True)
    sizes = shard_sizes(size)
    tasks = [(k, n, staging / f"part-{k:05d}.parquet") for k, n in enumerate(sizes)]
    pages = html_bytes = 0
    with multiprocessing.get_context("fork").Pool(os.cpu_count() or 1) as pool:
        for done_shards, (shard_pages, shard_bytes) in enumerate(
            pool.imap_unordered(write_shard, tasks), 1
        ):
            pages, html_bytes = pages + shard_pages, html_bytes + shard_bytes
            if done_shards % 10 == 0 or done_shards == len(tasks):
                log(f"[bench]   raw layer: {done_shards}/{len(tasks)} shards, {pages} pages")
    info = {
        "resources": size,
        "pages": pages,
        "html_mb": round(html_bytes / 2**20, 1),
        "build_seconds": round(time.monotonic() - started, 1),
    }
    (staging / "_DONE.json").write_text(json.dumps(info))
    staging.rename(crawl)
    return info


def clear_outputs(data_dir: Path) -> None:
    """Remove what an earlier run published there: every process-stage run is a first run."""
    for entry in data_dir.iterdir():
        if entry.name == "raw" or entry.name.endswith(".log"):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def time_systems(
    size: int, data_dir: Path, repeats: int, only: Sequence[str] | None = None
) -> dict[str, Any]:
    """Every system of bench.peers (or those named in `only`) on this raw layer, best CPU of
    `repeats` interleaved rounds."""
    from bench.peers import LABELS, SYSTEMS, time_system

    runs: dict[str, list[dict[str, Any]]] = {
        name: [] for name in SYSTEMS if not only or name in only
    }
    for round_ in range(1, repeats + 1):
        for name in runs:  # interleaved: a noisy moment slows every system, not one
            if name == "process_stage":
                clear_outputs(data_dir)
            log_path = data_dir.with_name(f"{data_dir.name}-{name}.log")
            runs[name].append(time_system(name, data_dir, log_path))
            log(f"[bench]   {size}: round {round_} {name}: {runs[name][-1]}")
    figures = {}
    for name, done in runs.items():
        pages = done[0]["pages"]
        cpu = min(r["cpu_seconds"] for r in done)
        figures[name] = {
            "label": LABELS[name],
            "pages": pages,
            "ms_cpu_per_page": round(cpu / pages * 1e3, 3),
            "cpu_seconds_best": round(cpu, 2),
            "cpu_seconds_all": [round(r["cpu_seconds"], 2) for r in done],
            "wall_seconds_best": round(min(r["wall_seconds"] for r in done), 2),
            "peak_rss_mb": round(max(r["peak_rss_mb"] for r in done), 1),
            "peak_total_pss_mb": max(r["peak_total_pss_mb"] for r in done),
        }
    if "process_stage" in figures:
        ours = figures["process_stage"]["ms_cpu_per_page"]
        for f in figures.values():  # > 1: the process stage is that many times slower than this
            f["process_stage_over_this"] = round(ours / f["ms_cpu_per_page"], 2)
    return figures


def parse_args(argv: list[str] | None) -> argparse.Namespace | None:
    parser = argparse.ArgumentParser(
        prog="python -m bench.perf", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument(
        "--repeats", type=int, default=int(os.environ.get("BENCH_REPEATS", REPEATS))
    )
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "report.json")
    parser.add_argument(
        "--sizes-only", action="store_true", help="skip the signature and documents figures"
    )
    parser.add_argument(
        "--systems",
        default="",
        help="comma-separated systems of bench.peers to time (default: all of them)",
    )
    args = parser.parse_args(argv)
    try:
        args.sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
        if not args.sizes or min(args.sizes) < 10 or args.repeats < 1:
            raise ValueError
    except ValueError:
        print(
            f"rtes-pipeline: error: SIZES must be comma-separated integers >= 10 and REPEATS >= 1,"
            f" not {args.sizes!r} and {args.repeats!r}",
            file=sys.stderr,
        )
        return None
    from bench.peers import SYSTEMS

    args.systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    if unknown := [s for s in args.systems if s not in SYSTEMS]:
        print(
            f"rtes-pipeline: error: unknown system {unknown[0]!r} (known: {', '.join(SYSTEMS)})",
            file=sys.stderr,
        )
        return None
    return args


def scaling(sizes: dict[str, Any]) -> dict[str, float]:
    """time(larger)/time(smaller) of the process stage's CPU for each pair of consecutive sizes."""
    keys = sorted((k for k in sizes if "process_stage" in sizes[k]["systems"]), key=int)
    return {
        f"{b}/{a}": round(
            sizes[b]["systems"]["process_stage"]["cpu_seconds_best"]
            / sizes[a]["systems"]["process_stage"]["cpu_seconds_best"],
            2,
        )
        for a, b in zip(keys, keys[1:])
    }


def side_figures(report: dict[str, Any]) -> None:
    """The signature micro-bench and the documents stage's figures, into the report."""
    from bench.documents import document_figures
    from bench.signatures import signature_figures

    log("[bench] MinHash signatures alone: ours, datasketch, rensa, xxh32 on the same sets")
    report["signatures"] = signature_figures(MINHASH_REPEATS)
    log(f"[bench]   {report['signatures']['ms_per_set']}")
    log("[bench] documents: a crawl of the mirror's real PDFs, extracted and deduplicated")
    report["documents"] = document_figures()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args is None:
        return 2
    report: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(),
        "machine": {"cpus": os.cpu_count()},
        "repeats": args.repeats,
        "sizes": {},
    }
    if not args.sizes_only:
        side_figures(report)
        write_report(report, args.output)
    for size in args.sizes:
        data_dir = BENCH_DIR / f"raw-{size}"
        log(f"[bench] {size} resources: building the raw layer in {data_dir} (reused when present)")
        raw = build_raw_layer(size, data_dir)
        log(f"[bench] {size} resources: {raw['pages']} pages, {raw['html_mb']} MB of HTML")
        report["sizes"][str(size)] = {
            **raw,
            "systems": time_systems(size, data_dir, args.repeats, args.systems),
        }
        report["process_stage_cpu_scaling"] = scaling(report["sizes"])
        write_report(report, args.output)  # after each size: a stopped run keeps the sizes done
    return 0


def write_report(report: dict[str, Any], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(report, indent=2))
    tmp.replace(output)
    log(f"[bench] wrote {output}")


if __name__ == "__main__":
    sys.exit(main())
