"""Both cores for the per-page and per-resource work: extraction and cleaning in process pools.

HTML extraction (one page at a time) and cleaning (one resource at a time) are pure and take
nearly all of the processing time, so each runs in a pool of WORKERS processes. Results come
back in input order, so a run is as deterministic as the serial one; raw pages are streamed,
with at most MAX_IN_FLIGHT chunks of HTML held at once. With one worker (or one core)
everything runs in-process, which is also what tests of small inputs get.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any, Protocol

from rtes_core.extract import Occurrence, occurrences_from_html
from rtes_core.pages import is_truncated_html

# Worker processes: RTES_WORKERS overrides; default one per core.
WORKERS = int(os.environ.get("RTES_WORKERS", "0")) or os.cpu_count() or 1
# Pages (or resources) per task: amortises inter-process pickling without starving a worker.
CHUNK_PAGES = 16
CHUNK_RESOURCES = 32
# Chunks queued per worker: bounds the raw HTML held in memory while workers are busy.
IN_FLIGHT_PER_WORKER = 4
# Below this many items a pool costs more than it saves.
MIN_PARALLEL_ITEMS = 64
# Raw page kinds the extraction reads: nodes, listings, and the crawl's "other" pages (home,
# menu and term pages without node marks), read so that basic pages and newsletters are
# classified and counted in the report (pages_by_class); they never become records.
HTML_KINDS = frozenset({"detail", "listing", "other"})

ExtractResult = tuple[list[Occurrence] | None, str | None]


class Prepare(Protocol):
    """What each occurrence goes through where its page is parsed (e.g. cleaned and compacted).

    It is pickled with each chunk of pages sent to a worker: the worker's copy says what it
    measured (`measured()`), which comes back with the chunk's results (`add_measured`)."""

    def __call__(self, occ: Occurrence) -> None: ...

    def measured(self) -> Any: ...

    def add_measured(self, measured: Any) -> None: ...


def wants_extraction(row: dict[str, Any]) -> bool:
    """Whether a raw row is an HTML page the extraction reads (status 200, detail, listing or
    other, not cut before </html>: a truncated page would give half a body and no fields)."""
    return (
        row["status"] == 200
        and row["page_kind"] in HTML_KINDS
        and bool(row["html"])
        and not is_truncated_html(row["html"])
    )


def extract_one(html: str, url: str, kind: str, prepare: Prepare | None = None) -> ExtractResult:
    """(occurrences, None), or (None, error) when the page cannot be parsed; each occurrence
    goes through `prepare` where it was parsed (e.g. cleaned and compacted)."""
    try:
        found = occurrences_from_html(html, url, kind)
        if prepare is not None:
            for occ in found:
                prepare(occ)
        return found, None
    except Exception as exc:  # noqa: BLE001 - no input page may stop the run
        return None, f"{type(exc).__name__}: {exc}"


def _extract_chunk(
    tasks: list[tuple[str, str, str]], prepare: Prepare | None
) -> tuple[list[ExtractResult], Any]:
    """A chunk's results in a worker, and what its copy of `prepare` measured."""
    results = [extract_one(*task, prepare=prepare) for task in tasks]
    return results, (prepare.measured() if prepare is not None else None)


def _pool(workers: int, function: Callable[[Any], Any] | None = None) -> multiprocessing.pool.Pool:
    # fork: workers start in milliseconds and inherit map_in_order's function
    return multiprocessing.get_context("fork").Pool(
        workers,
        initializer=_install if function else None,
        initargs=(function,) if function else (),
    )


def extract_rows(
    rows: Iterable[dict[str, Any]],
    workers: int = WORKERS,
    prepare: Prepare | None = None,
) -> Iterator[tuple[dict[str, Any], ExtractResult | None]]:
    """(row, (occurrences, error)) per row in order; an extracted row loses its html (memory),
    a row not extracted (sitemap, error status…) keeps it and comes with None.
    `prepare(occurrence)` runs in the worker that parsed the page (it is pickled with each
    chunk of pages: it must be small)."""

    def task(row: dict[str, Any]) -> tuple[str, str, str] | None:
        return (
            (row["html"], row["final_url"] or row["url"], row["page_kind"])
            if wants_extraction(row)
            else None
        )

    def light(row: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in row.items() if k != "html"} if wants_extraction(row) else row

    rows = iter(rows)
    if workers <= 1:
        for row in rows:
            t = task(row)
            yield light(row), (extract_one(*t, prepare=prepare) if t else None)
        return
    with _pool(workers) as pool:
        pending: deque = deque()
        while chunk := list(islice(rows, CHUNK_PAGES)):
            tasks = [task(row) for row in chunk]
            todo = [t for t in tasks if t is not None]
            pending.append(
                (
                    [light(r) for r in chunk],
                    tasks,
                    pool.apply_async(_extract_chunk, (todo, prepare)),
                )
            )
            while len(pending) > IN_FLIGHT_PER_WORKER * workers:
                yield from _finished(pending.popleft(), prepare)
        while pending:
            yield from _finished(pending.popleft(), prepare)


def _finished(
    entry, prepare: Prepare | None
) -> Iterator[tuple[dict[str, Any], ExtractResult | None]]:
    metas, tasks, result = entry
    chunk_results, measured = result.get()
    if prepare is not None:
        prepare.add_measured(measured)  # what the worker's copy counted
    results = iter(chunk_results)
    for meta, t in zip(metas, tasks):
        yield meta, (next(results) if t is not None else None)


# map_in_order's function inside a worker: set by the pool's initializer in each forked worker
# (inherited with the fork, never pickled); the parent process never holds it.
_worker_function: Callable[[Any], Any] | None = None


def _install(function: Callable[[Any], Any]) -> None:
    global _worker_function
    _worker_function = function


def _call_chunk(items: list[Any]) -> list[tuple[Any, str | None]]:
    assert _worker_function is not None, "a worker of map_in_order without its function"
    return _call_each(_worker_function, items)


def _call_each(function: Callable[[Any], Any], items: list[Any]) -> list[tuple[Any, str | None]]:
    out = []
    for item in items:
        try:
            out.append((function(item), None))
        except Exception as exc:  # noqa: BLE001 - one bad item must not stop the others
            out.append((None, f"{type(exc).__name__}: {exc}"))
    return out


def map_in_order(
    function: Callable[[Any], Any], items: Sequence[Any], workers: int = WORKERS
) -> Iterator[tuple[Any, str | None]]:
    """(function(item), None) or (None, error) per item, in order, on `workers` processes.

    `function` and what it refers to are inherited by the forked workers, not pickled: only
    the items and the results cross process boundaries.
    """
    if workers <= 1 or len(items) < MIN_PARALLEL_ITEMS:
        for item in items:
            yield from _call_each(function, [item])
        return
    with _pool(workers, function) as pool:
        chunks = [items[i : i + CHUNK_RESOURCES] for i in range(0, len(items), CHUNK_RESOURCES)]
        for results in pool.imap(_call_chunk, chunks):
            yield from results
