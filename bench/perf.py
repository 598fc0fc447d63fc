"""`make bench`: time the processing stage at several sizes, and MinHash against its floor.

For each size N, a raw layer is built as a crawl stores it (the mirror's detail and listing pages
rendered directly, no HTTP) under datasets/bench/raw-N/ (kept: re-runs reuse it), then
`pipeline.process.run_processing` runs on it in a fresh child process: peak RSS of its largest
process (parent or pool worker) and the peak total PSS of its process tree. In the same run, on the
shingle sets of one shard's paragraphs: Python shingling, the hashing floor
(`pipeline.minhash.hash_shingles`), our signatures, and naive datasketch (one `MinHash.update` per
shingle, default settings).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.config import DEFAULT_DEDUP

DEFAULT_SIZES = (1000, 10000, 100000)
BENCH_DIR = Path("datasets/bench")
SEED = 7
CRAWL_ID = "20261101T000000Z"
FETCHED_AT = datetime(2026, 11, 1, tzinfo=UTC)
WRITE_BATCH_PAGES = 512  # raw pages per Parquet row group while writing (memory stays flat)
MINHASH_PARAGRAPHS = 20000  # paragraphs whose shingle sets the MinHash comparison uses
NAIVE_SAMPLE = 2000  # datasketch is slow: timed on this many sets, reported per set
MINHASH_REPEATS = (
    3  # every MinHash timing is the best of this many (timeit's rule: noise only adds time)
)
# Targets of issue 5.
TARGET_RSS_MB = 4096
TARGET_SCALING = 12
TARGET_SPEEDUP = 20
TARGET_FLOOR_RATIO = 4


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
    from pipeline.schemas import with_version

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


CHILD = """
import json, resource, sys, time
from pathlib import Path
from pipeline.process import run_processing
started = time.monotonic()
result = run_processing(Path(sys.argv[1]), "https://www.rtes.fr")
seconds = time.monotonic() - started
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "resources": len(result.resources), "parent_hwm_kb": hwm,
                  "workers_maxrss_kb": workers}))
"""
PSS_SAMPLE_SECONDS = 0.5  # how often the process tree's memory is sampled


def tree_pss_kb(pid: int) -> int:
    """Proportional set size of a process and all its descendants (shared pages counted once)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo += [int(c) for c in f.read().split()]
        except (OSError, StopIteration):
            continue  # the process ended meanwhile
    return total


def clear_outputs(data_dir: Path) -> None:
    """Remove what an earlier bench run published there: every size is timed as a first run."""
    for entry in data_dir.iterdir():
        if entry.name == "raw":
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def time_processing(data_dir: Path) -> dict[str, Any]:
    """run_processing in a fresh child process: wall time, and memory measured two ways.

    `peak_rss_mb`: the largest single process (the child's VmHWM, which exec resets, or a pool
    worker's maxrss); `peak_total_pss_mb`: the whole process tree sampled every
    PSS_SAMPLE_SECONDS, shared pages counted once (what the machine must hold)."""
    clear_outputs(data_dir)
    log_path = data_dir.with_name(data_dir.name + "-processing.log")  # the run's progress lines
    with open(log_path, "w") as progress:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(data_dir)],
            stdout=subprocess.PIPE,
            stderr=progress,
            text=True,
        )
        peak_pss = 0
        while child.poll() is None:
            peak_pss = max(peak_pss, tree_pss_kb(child.pid))
            time.sleep(PSS_SAMPLE_SECONDS)
        stdout = child.stdout.read()
    if child.returncode != 0:
        raise RuntimeError(
            f"processing failed, see {log_path}: {log_path.read_text().strip().splitlines()[-1:]}"
        )
    out = json.loads(stdout.strip().splitlines()[-1])
    out["peak_rss_mb"] = round(
        max(out.pop("parent_hwm_kb"), out.pop("workers_maxrss_kb")) / 1024, 1
    )
    out["peak_total_pss_mb"] = round(peak_pss / 1024, 1)
    return out


def minhash_figures() -> dict[str, Any]:
    """Shingling, hashing floor, our signatures and naive datasketch on the same shingle sets."""
    from datasketch import MinHash

    from bench.corpus import sharded_resources
    from pipeline.minhash import SignatureMaker, hash_shingles
    from pipeline.text import comparison_key, shingles

    cfg = DEFAULT_DEDUP
    resources, _ = sharded_resources(1000, SEED)
    paragraphs = [t for r in resources for b in r.blocks for t in b.texts()][:MINHASH_PARAGRAPHS]
    keys = [comparison_key(p) for p in paragraphs]
    sets = [list(set(shingles(k, cfg.shingle_kind, cfg.shingle_size))) for k in keys]
    total = sum(len(s) for s in sets)
    maker = SignatureMaker(cfg)
    sample = sets[:NAIVE_SAMPLE]

    def naive_sketches() -> None:
        for s in sample:
            m = MinHash(
                num_perm=cfg.num_perm, seed=cfg.seed
            )  # same permutations as ours, default sha1 hash
            for sh in s:
                m.update(sh.encode())

    timed = {  # each: (function, how many sets it handles)
        "shingling": (
            lambda: [set(shingles(k, cfg.shingle_kind, cfg.shingle_size)) for k in keys],
            len(sets),
        ),
        "floor_per_set": (lambda: [hash_shingles(s) for s in sets], len(sets)),
        "floor_bulk": (lambda: hash_shingles([sh for s in sets for sh in s]), len(sets)),
        "ours": (lambda: maker.signatures(sets), len(sets)),
        "naive": (naive_sketches, len(sample)),
    }
    best = dict.fromkeys(timed, float("inf"))
    for _ in range(MINHASH_REPEATS):  # interleaved, so a noisy moment does not favour one side
        for name, (function, count) in timed.items():
            t = time.perf_counter()
            function()
            best[name] = min(best[name], (time.perf_counter() - t) / count)
    shingling, ours, naive = best["shingling"], best["ours"], best["naive"]  # seconds per set
    floor = min(best["floor_per_set"], best["floor_bulk"])
    return {
        "sets": len(sets),
        "shingles": total,
        "naive_sample_sets": len(sample),
        "shingling_python_ms_per_set": round(shingling * 1e3, 4),
        "hash_floor_ms_per_set": round(floor * 1e3, 4),
        "ours_ms_per_set": round(ours * 1e3, 4),
        "naive_datasketch_ms_per_set": round(naive * 1e3, 4),
        "minhash_speedup_vs_naive_datasketch": round(naive / ours, 2),
        "minhash_slowdown_vs_hash_floor": round(ours / floor, 2),
        "naive_datasketch": f"MinHash(num_perm={cfg.num_perm}) with its default sha1 hash, one update() per shingle",
        "ours": f"SignatureMaker(num_perm={cfg.num_perm}), all sets in one call",
        "timing": f"best of {MINHASH_REPEATS} interleaved repeats",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.perf", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--output", type=Path, default=BENCH_DIR / "report.json")
    args = parser.parse_args(argv)
    try:
        sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
        if not sizes or min(sizes) < 10:
            raise ValueError
    except ValueError:
        print(
            f"rtes-pipeline: error: SIZES must be comma-separated integers >= 10, not {args.sizes!r}",
            file=sys.stderr,
        )
        return 2
    report: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(),
        "machine": {"cpus": __import__("os").cpu_count()},
        "sizes": {},
    }
    log("[bench] MinHash against its floor and naive datasketch")
    report["minhash"] = minhash_figures()
    log("[bench] documents: a crawl of the mirror's real PDFs, extracted and deduplicated")
    from bench.documents import document_figures

    report["documents"] = document_figures()
    for size in sizes:
        data_dir = BENCH_DIR / f"raw-{size}"
        log(f"[bench] {size} resources: building the raw layer in {data_dir} (reused when present)")
        raw = build_raw_layer(size, data_dir)
        log(
            f"[bench] {size} resources: {raw['pages']} pages, {raw['html_mb']} MB of HTML; processing"
        )
        timed = time_processing(data_dir)
        report["sizes"][str(size)] = {
            "resources": timed["resources"],
            "mirror_resources": size,
            "pages": raw["pages"],
            "html_mb": raw["html_mb"],
            "seconds": round(timed["seconds"], 2),
            "resources_per_second": round(timed["resources"] / timed["seconds"], 1),
            "peak_rss_mb": timed["peak_rss_mb"],
            "peak_total_pss_mb": timed["peak_total_pss_mb"],
            "raw_build_seconds": raw["build_seconds"],
        }
        log(f"[bench]   {report['sizes'][str(size)]}")
    s = report["sizes"]
    if "10000" in s and "100000" in s:
        report["time_100k_over_10k"] = round(s["100000"]["seconds"] / s["10000"]["seconds"], 2)
    report["targets"] = {
        "peak_rss_mb_100k": TARGET_RSS_MB,
        "time_100k_over_10k": TARGET_SCALING,
        "minhash_speedup_vs_naive_datasketch": TARGET_SPEEDUP,
        "minhash_slowdown_vs_hash_floor": TARGET_FLOOR_RATIO,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.output.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(report, indent=2))
    tmp.replace(args.output)
    log(f"[bench] wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
