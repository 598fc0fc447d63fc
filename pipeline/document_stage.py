"""The documents stage: the crawl's attachments → the `documents` table and its history.

One step, one contract: every attachment a resource links becomes (part of) one row, keyed by
its bytes (exact copies under several URLs share a row). A file is read again only when its
bytes are new: a 304 (Scrapy's HTTP cache hands back the same body) or the same SHA-256 as the
published row reuses that row, so an unchanged nightly extracts nothing. A file that cannot be
read (no text layer, corrupt, encrypted, too big, not a document, never downloaded) keeps its
row with the reason in `extraction` and is counted by kind; it never stops the run.

Called from the processing stage: `build(...)` in pipeline/process/run.py, `stage(...)` in
pipeline/process/publishing.py. Grouping URLs by their bytes and each group's row before
extraction live in pipeline/document_rows.py.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline import parallel, publish
from pipeline.config import DedupConfig
from pipeline.document_dedup import Candidate, near_duplicates
from pipeline.document_rows import (
    Known,
    group_row,
    group_urls,
    merge_duplicate_ids,
    new_document_id,
    pdf_title_of,
    url_key,
)
from pipeline.documents import (
    PAGE_SEPARATOR,
    Extracted,
    clean_pages,
    extract_files,
    language_of,
    pdf_date,
)
from rtes_core.schemas import DOCUMENT_CONTENT_COLUMNS
from rtes_core.text import normalise_text

# What other modules import from here (the URL key and ids live in pipeline/document_rows.py).
__all__ = [
    "DocumentsResult",
    "build",
    "extracted_columns",
    "linked",
    "new_document_id",
    "report",
    "stage",
    "url_key",
]


@dataclass
class DocumentsResult:
    """The next documents table, this run's history rows, the URL → document_id links, counts."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    versions: list[dict[str, Any]] = field(default_factory=list)
    ids_by_url: dict[str, str] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0


def extracted_columns(result: Extracted, config: DedupConfig) -> dict[str, Any]:
    """The content columns a file's extraction gives (text cleaned, pages kept apart)."""
    columns: dict[str, Any] = {
        "pages": result.pages,
        "extraction": result.extraction,
        "text": None,
        "text_hash": None,
        "language": None,
        "published_date": None,
        "extraction_seconds": round(result.seconds, 4),
    }
    meta = result.metadata
    columns["published_date"] = pdf_date(meta.get("CreationDate")) or pdf_date(meta.get("ModDate"))
    columns["_pdf_title"] = normalise_text(meta.get("Title", "")) or None
    if result.extraction == "text_layer":
        pages, _ = clean_pages(result.page_texts)
        text = PAGE_SEPARATOR.join(pages)
        columns["text"] = text
        columns["text_hash"] = hashlib.sha256(text.encode()).hexdigest()[:32]
        columns["language"] = language_of(text, config.language_min_letters)
    return columns


def build(
    data_dir: Path,
    crawl_dir: Path,
    online: Iterable[dict[str, Any]],
    crawl: dict[str, Any],
    config: DedupConfig,
    crawl_id: str,
    run_id: str,
    mode: str,
    now: datetime,
) -> DocumentsResult:
    """The next documents table from this crawl's attachments and the published one."""
    started = time.monotonic()
    result = DocumentsResult()
    known = Known.read(data_dir, crawl_dir, online, crawl)
    rows: dict[str, dict[str, Any]] = {}
    to_extract: list[tuple[str, str]] = []
    for group, keys in group_urls(known).items():
        rows[group], path = group_row(group, keys, known, crawl_id, result.counts)
        if path is not None:
            to_extract.append((group, path))
    _extract(rows, to_extract, config, result.counts)
    _keep_unmet(rows, known.previous, mode, now)
    merge_duplicate_ids(rows)
    finished = list(rows.values())
    _name_links(finished, known.linked, result.counts)
    _decide_changes(
        finished, {r["document_id"]: r for r in known.previous}, now, run_id, crawl_id, result
    )
    _mark_near_duplicates(finished, config, result.counts)
    result.rows = sorted(finished, key=lambda r: r["document_id"])
    result.ids_by_url = {url_key(u): r["document_id"] for r in result.rows for u in r["urls"]}
    result.seconds = time.monotonic() - started
    return result


def _extract(
    rows: dict[str, dict[str, Any]],
    to_extract: list[tuple[str, str]],
    config: DedupConfig,
    counts: Counter,
) -> None:
    """Read the files whose bytes are new (in parallel, bounded) into their rows."""
    extract_started = time.monotonic()
    for group, extracted in extract_files(
        to_extract,
        parallel.WORKERS,
        config.document_timeout_seconds,
        config.document_max_bytes,
        config.document_memory_mb,
    ):
        rows[group].update(extracted_columns(extracted, config))
        counts["documents_extracted"] += 1
        counts["document_bytes_extracted"] += rows[group]["bytes"] or 0
    counts["document_extraction_seconds"] = round(time.monotonic() - extract_started, 3)


def _keep_unmet(
    rows: dict[str, dict[str, Any]], previous: list[dict[str, Any]], mode: str, now: datetime
) -> None:
    """Published documents this run met nowhere: kept as they were (a full pass flags them removed)."""
    met = {r["document_id"] for r in rows.values()}
    for old in previous:
        if old["document_id"] not in met:
            kept = dict(old, _pdf_title=pdf_title_of(old))
            if mode == "full" and kept.get("removed_at") is None:
                kept["removed_at"] = now
            rows["kept:" + old["document_id"]] = kept
            met.add(old["document_id"])


def _name_links(
    finished: list[dict[str, Any]],
    linked_by_key: dict[str, list[tuple[str, str, str]]],
    counts: Counter,
) -> None:
    """Each row's linking resources, link titles and title; counted by extraction kind."""
    for row in finished:
        keys = [url_key(u) for u in row["urls"]]
        row["resource_ids"] = sorted({rid for k in keys for rid, _, _ in linked_by_key.get(k, [])})
        row["link_titles"] = sorted({t for k in keys for _, t, _ in linked_by_key.get(k, []) if t})
        link_title = row.pop("_link_title", None) or (
            row["link_titles"][0] if row["link_titles"] else None
        )
        row["title"] = row.get("_pdf_title") or link_title
        counts[f"documents_{row['extraction'].split(' ')[0]}"] += 1


def _mark_near_duplicates(
    finished: list[dict[str, Any]], config: DedupConfig, counts: Counter
) -> None:
    """near_duplicate_of / similarity of every row with text (pipeline/document_dedup.py)."""
    links_found, dedup_counts = near_duplicates(
        [
            Candidate(
                r["document_id"],
                r["text"],
                " ".join([r["title"] or "", *r["link_titles"], *r["urls"]]),
                r["published_date"],
                r["first_seen_at"],
            )
            for r in finished
            if r.get("text")
        ],
        config,
    )
    counts.update(dedup_counts)
    for row in finished:
        row["near_duplicate_of"], row["similarity"] = links_found.get(
            row["document_id"], (None, None)
        )
        row.pop("_fresh", None)
        row.pop("_pdf_title", None)
    counts["document_near_duplicates"] = len(links_found)


def _decide_changes(
    rows: list[dict[str, Any]],
    before: dict[str, dict[str, Any]],
    now: datetime,
    run_id: str,
    crawl_id: str,
    result: DocumentsResult,
) -> None:
    """new / changed / unchanged per row, last_changed_at, and the history rows."""
    for row in rows:
        old = before.get(row["document_id"])
        content = [row.get(c) for c in DOCUMENT_CONTENT_COLUMNS]
        if old is not None and [old.get(c) for c in DOCUMENT_CONTENT_COLUMNS] == content:
            row["last_changed_at"] = old.get("last_changed_at")
            result.counts["documents_unchanged"] += 1
            continue
        change = "new" if old is None else "changed"
        row["last_changed_at"] = row.get("last_seen_at") or now
        row["first_seen_at"] = row.get("first_seen_at") or row["last_changed_at"]
        row["last_seen_at"] = row.get("last_seen_at") or row["last_changed_at"]
        result.counts[f"documents_{change}"] += 1
        result.versions.append(
            {
                **{c: row.get(c) for c in DOCUMENT_CONTENT_COLUMNS},
                "document_id": row["document_id"],
                "url": row["url"],
                "change": change,
                "valid_from": row["last_changed_at"],
                "run_id": run_id,
                "crawl_id": crawl_id,
            }
        )


def linked(
    rows: Iterable[dict[str, Any]], documents: DocumentsResult | None
) -> Iterator[dict[str, Any]]:
    """Resource rows with each attachment's document_id filled in from the documents table."""
    for row in rows:
        if documents is not None and row.get("documents"):
            row["documents"] = [
                {**d, "document_id": documents.ids_by_url.get(url_key(d.get("url")))}
                for d in row["documents"]
            ]
        yield row


def stage(
    publisher: publish.Publisher,
    documents: DocumentsResult | None,
    run: dict[str, str],
    started_at: datetime | None,
    run_id: str,
) -> None:
    """Stage the documents table and this run's document history rows (nothing without a stage result)."""
    if documents is None:
        return
    publisher.stage("documents", documents.rows, run)
    if documents.versions and started_at is not None:
        publisher.stage(
            "document_versions",
            documents.versions,
            run,
            part_name=f"run_date={started_at.date().isoformat()}/part-{run_id}.parquet",
        )


def report(documents: DocumentsResult | None) -> dict[str, Any]:
    """The documents part of the run report."""
    if documents is None:
        return {}
    c = documents.counts
    by_kind = {
        k[len("documents_") :]: v
        for k, v in sorted(c.items())
        if k.startswith("documents_failed:") or k in ("documents_text_layer", "documents_none")
    }
    return {
        "documents_written": len(documents.rows),
        "documents_extracted": c["documents_extracted"],
        "documents_reused": c["documents_reused"],
        "documents_new": c["documents_new"],
        "documents_changed": c["documents_changed"],
        "document_near_duplicates": c["document_near_duplicates"],
        "documents_by_extraction": by_kind,
        "document_extraction_seconds": c["document_extraction_seconds"],
        "document_bytes_extracted": c["document_bytes_extracted"],
        "documents_seconds": round(documents.seconds, 3),
    }
