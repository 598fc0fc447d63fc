"""The process stage and its peers, each timed in a child process on the same raw layer.

`python -m bench.peers SYSTEM DATA_DIR` runs one system over every page of DATA_DIR's raw
Parquet and prints one JSON line: CPU seconds (user + system, the process and the children it
waited for) spent after the imports, pages handled, and wall seconds. The parent (bench.perf)
starts one child per system and repeat, samples the child's process tree's memory and reads
its peak RSS from wait4.

Peers, each doing per page what a user would assemble from well-known libraries:
- `trafilatura_datasketch`: trafilatura.extract, char 5-grams of each extracted paragraph,
  datasketch `MinHash.bulk` (its batch API, xxh32) and a `MinHashLSH` of the page's paragraphs
  (within-page copies), plus one corpus-wide `MinHashLSH` of page bodies (cross-page copies);
- `selectolax_rensa`: selectolax (lexbor) text of p/li/h1-h6, char 5-grams, rensa `RMinHash`
  per paragraph and per body, `RMinHashLSH` within the page and across pages;
- parse-only floors: BeautifulSoup(html, "lxml"), lxml.html.document_fromstring, selectolax;
- `read_parquet`: reading the raw pages' HTML into Python strings, which every system above does.
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

SITE_URL = "https://www.rtes.fr"
NUM_PERM = 64  # as DedupConfig.num_perm
SHINGLE = 5  # char 5-grams, as DedupConfig.shingle_size
THRESHOLD = 0.7  # LSH threshold of the peers (our block_jaccard / merge_jaccard)
BANDS = 32  # rensa needs bands dividing num_perm: 32 x 2 rows, as our block_bands
READ_BATCH_ROWS = 256  # raw pages per Arrow batch while reading
PSS_SAMPLE_SECONDS = 0.5  # how often a child's process tree's memory is sampled
# Block-level tags whose text the selectolax peer keeps (what a quick extractor selects).
TEXT_SELECTOR = "p, li, h1, h2, h3, h4, h5, h6"


def cpu_seconds() -> float:
    """User + system CPU of this process and of the children it has waited for."""
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def pages(data_dir: Path) -> Iterator[str]:
    """The HTML of every raw page, as Python strings (the part every system pays)."""
    import pyarrow.parquet as pq

    for part in sorted((data_dir / "raw").glob("crawl_id=*/*.parquet")):
        for batch in pq.ParquetFile(part).iter_batches(
            batch_size=READ_BATCH_ROWS, columns=["html"]
        ):
            yield from batch.column(0).to_pylist()


def char_shingles(text: str) -> list[str]:
    """Char 5-grams of a case-folded, whitespace-collapsed paragraph (what the peers compare)."""
    key = " ".join(text.casefold().split())
    if len(key) <= SHINGLE:
        return [key] if key else []
    return list({key[i : i + SHINGLE] for i in range(len(key) - SHINGLE + 1)})


def run_trafilatura_datasketch(data_dir: Path) -> int:
    import trafilatura
    import xxhash
    from datasketch import MinHash, MinHashLSH

    def encoded(s: list[str]) -> list[bytes]:
        return [x.encode() for x in s]

    bodies = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    count = 0
    for count, html in enumerate(pages(data_dir), 1):
        text = trafilatura.extract(html) or ""
        paragraphs = [p for p in text.split("\n") if p.strip()]
        sets = [encoded(char_shingles(p)) for p in paragraphs]
        sketches = MinHash.bulk(sets, num_perm=NUM_PERM, hashfunc=xxhash.xxh32_intdigest)
        page_index = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        for i, m in enumerate(sketches):
            page_index.query(m)  # an earlier paragraph this one copies
            page_index.insert(i, m)
        body = MinHash.bulk(
            [encoded(char_shingles(text))], num_perm=NUM_PERM, hashfunc=xxhash.xxh32_intdigest
        )[0]
        bodies.query(body)
        bodies.insert(count, body)
    return count


def run_selectolax_rensa(data_dir: Path) -> int:
    from rensa import RMinHash, RMinHashLSH
    from selectolax.lexbor import LexborHTMLParser

    def sketch(shingles: list[str]) -> RMinHash:
        m = RMinHash(num_perm=NUM_PERM, seed=1)
        m.update(shingles)
        return m

    bodies = RMinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, num_bands=BANDS)
    count = 0
    for count, html in enumerate(pages(data_dir), 1):
        tree = LexborHTMLParser(html)
        paragraphs = [
            t for n in tree.css(TEXT_SELECTOR) if (t := n.text(separator=" ", strip=True))
        ]
        page_index = RMinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, num_bands=BANDS)
        for i, p in enumerate(paragraphs):
            m = sketch(char_shingles(p))
            page_index.query(m)
            page_index.insert(i, m)
        body = sketch(char_shingles("\n".join(paragraphs)))
        bodies.query(body)
        bodies.insert(count, body)
    return count


def run_each(parse: Callable[[str], Any]) -> Callable[[Path], int]:
    def run(data_dir: Path) -> int:
        count = 0
        for html in pages(data_dir):
            parse(html)
            count += 1
        return count

    return run


def run_bs4(data_dir: Path) -> int:
    from bs4 import BeautifulSoup

    return run_each(lambda html: BeautifulSoup(html, "lxml"))(data_dir)


def run_lxml(data_dir: Path) -> int:
    import lxml.html

    return run_each(lxml.html.document_fromstring)(data_dir)


def run_selectolax(data_dir: Path) -> int:
    from selectolax.lexbor import LexborHTMLParser

    return run_each(LexborHTMLParser)(data_dir)


def run_read_parquet(data_dir: Path) -> int:
    return run_each(len)(data_dir)


def run_process_stage(data_dir: Path) -> int:
    """The project's process stage through its public entry point (it reads the raw layer)."""
    import pyarrow.parquet as pq

    from pipeline.process import run_processing

    run_processing(data_dir, SITE_URL)
    return sum(
        pq.ParquetFile(p).metadata.num_rows for p in (data_dir / "raw").glob("crawl_id=*/*.parquet")
    )


SYSTEMS: dict[str, Callable[[Path], int]] = {
    "process_stage": run_process_stage,
    "trafilatura_datasketch": run_trafilatura_datasketch,
    "selectolax_rensa": run_selectolax_rensa,
    "bs4_lxml_parse": run_bs4,
    "lxml_parse": run_lxml,
    "selectolax_parse": run_selectolax,
    "read_parquet": run_read_parquet,
}
# Imported before the clock starts: start-up is not per-page work.
IMPORTS = {
    "process_stage": ["pipeline.process"],
    "trafilatura_datasketch": ["trafilatura", "xxhash", "datasketch"],
    "selectolax_rensa": ["rensa", "selectolax.lexbor"],
    "bs4_lxml_parse": ["bs4", "lxml.html"],
    "lxml_parse": ["lxml.html"],
    "selectolax_parse": ["selectolax.lexbor"],
    "read_parquet": [],
}
LABELS = {
    "process_stage": "the project's process stage (pipeline.process.run_processing, RTES_WORKERS=1)",
    "trafilatura_datasketch": "trafilatura.extract + datasketch MinHash.bulk(xxh32) + MinHashLSH, per page",
    "selectolax_rensa": "selectolax text of p/li/h1-h6 + rensa RMinHash + RMinHashLSH, per page",
    "bs4_lxml_parse": 'BeautifulSoup(html, "lxml") only',
    "lxml_parse": "lxml.html.document_fromstring only",
    "selectolax_parse": "selectolax (lexbor) parse only",
    "read_parquet": "reading the raw Parquet only",
}


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


def time_system(system: str, data_dir: Path, log_path: Path) -> dict[str, Any]:
    """One child process running `system`: its figures, peak RSS (wait4) and peak tree PSS."""
    env = {**os.environ, "RTES_WORKERS": "1"}  # one process each, as the peers
    with open(log_path, "w") as log:
        child = subprocess.Popen(
            [sys.executable, "-m", "bench.peers", system, str(data_dir)],
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            env=env,
        )
        peak_pss = 0
        while child.poll() is None:
            peak_pss = max(peak_pss, tree_pss_kb(child.pid))
            time.sleep(PSS_SAMPLE_SECONDS)
        stdout = child.stdout.read()
    if child.returncode != 0:
        last = log_path.read_text().strip().splitlines()[-1:]
        raise RuntimeError(f"{system} failed, see {log_path}: {last}")
    out = json.loads(stdout.strip().splitlines()[-1])
    out["peak_total_pss_mb"] = round(peak_pss / 1024, 1)
    return out


def main(argv: list[str]) -> int:
    system, data_dir = argv[0], Path(argv[1])
    run = SYSTEMS[system]
    for module in ["pyarrow.parquet", *IMPORTS[system]]:
        importlib.import_module(module)
    started, cpu = time.monotonic(), cpu_seconds()
    count = run(data_dir)
    cpu, wall = cpu_seconds() - cpu, time.monotonic() - started
    hwm = next(
        int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")
    )
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        json.dumps(
            {
                "cpu_seconds": cpu,
                "wall_seconds": wall,
                "pages": count,
                "peak_rss_mb": max(hwm, kids) / 1024,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
