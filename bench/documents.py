"""Speed of the documents stage, measured on a real crawl of the mirror (real PDFs over HTTP).

`make bench` calls `document_figures()`; `python -m bench.documents` prints them alone.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH_SEED, BENCH_RESOURCES = 7, 150  # the demo's mirror: 176 distinct files, 845 pages


def document_figures(seed: int = BENCH_SEED, resources: int = BENCH_RESOURCES) -> dict[str, Any]:
    """Crawl the mirror, process the crawl, and read the documents stage's own timings."""
    from mirror.documents import document_truth
    from mirror.server import start_in_thread
    from mirror.site import build_site
    from pipeline.demo import crawl_in_subprocess
    from pipeline.lock import RunLock
    from pipeline.process import run_processing

    site = build_site(seed, resources)
    started = time.monotonic()
    document_truth(site)  # generate (or read from the cache) every PDF before timing anything
    generation = time.monotonic() - started
    server, url = start_in_thread(site)
    try:
        with tempfile.TemporaryDirectory(prefix="rtes-bench-documents-") as folder:
            data_dir = Path(folder)
            with RunLock(data_dir, "bench") as lock:  # the crawl child works under this lock
                crawl_in_subprocess(url, data_dir, lock)
                result = run_processing(data_dir, url)
    finally:
        server.shutdown()
        server.server_close()
    counts, stage_seconds = result.documents.counts, result.documents.seconds
    extract_seconds = counts["document_extraction_seconds"] or 1e-9
    megabytes = counts["document_bytes_extracted"] / 1e6
    return {
        "mirror": {"seed": seed, "resources": resources},
        "documents_written": len(result.documents.rows),
        "documents_extracted": counts["documents_extracted"],
        "megabytes_extracted": round(megabytes, 2),
        "extraction_seconds": round(extract_seconds, 2),
        "documents_per_second": round(counts["documents_extracted"] / extract_seconds, 1),
        "megabytes_per_second": round(megabytes / extract_seconds, 2),
        "stage_seconds": round(stage_seconds, 2),
        "processing_seconds": round(result.seconds, 2),
        "share_of_processing": round(stage_seconds / result.seconds, 3),
        "mirror_generation_seconds": round(generation, 2),
    }


if __name__ == "__main__":
    print(json.dumps(document_figures(), indent=2))
    sys.exit(0)
