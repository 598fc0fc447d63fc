"""The documents stage: the crawl's attachments → the `documents` table and its history.

One step, one contract: every attachment a resource links becomes (part of) one row, keyed by
its bytes (exact copies under several URLs share a row). A file is read again only when its
bytes are new: a 304 (Scrapy's HTTP cache hands back the same body) or the same SHA-256 as the
published row reuses that row, so an unchanged nightly extracts nothing. A file that cannot be
read (no text layer, corrupt, encrypted, too big, not a document, never downloaded) keeps its
row with the reason in `extraction` and is counted by kind; it never stops the run.

Called from the processing stage: `build(...)` in pipeline/process/run.py, `stage(...)` in
pipeline/process/publishing.py.
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
from urllib.parse import urlsplit

import pyarrow.compute as pc
import pyarrow.parquet as pq
from w3lib.url import canonicalize_url

from pipeline import document_store, parallel, publish
from pipeline.config import DedupConfig
from pipeline.document_dedup import Candidate, near_duplicates
from pipeline.documents import (
    PAGE_SEPARATOR,
    Extracted,
    clean_pages,
    extract_files,
    judge_type,
    language_of,
    media_type,
    pdf_date,
)
from pipeline.schemas import DOCUMENT_CONTENT_COLUMNS
from pipeline.text import normalise_text

RAW_DOCUMENT_COLUMNS = [
    "url",
    "final_url",
    "status",
    "fetched_at",
    "page_kind",
    "content_type",
    "body_bytes",
    "body_sha256",
]
SNIFF_BYTES = 1024  # first bytes read to tell a PDF from a web page
# Crawl error kinds → the reason a linked file has no row of its own bytes.
DOWNLOAD_REASONS = {"oversize": "failed:too_big"}


@dataclass
class DocumentsResult:
    """The next documents table, this run's history rows, the URL → document_id links, counts."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    versions: list[dict[str, Any]] = field(default_factory=list)
    ids_by_url: dict[str, str] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0


def url_key(url: str | None) -> str:
    """How a resource's link and the crawl name the same file: the canonical path and query."""
    if not url:
        return ""
    parts = urlsplit(canonicalize_url(url))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def new_document_id(url: str) -> str:
    """A document's id, from the first URL it was seen at (kept when its bytes change)."""
    return "doc-" + hashlib.sha1(url_key(url).encode()).hexdigest()[:16]


def resource_links(online: Iterable[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """(resource_id, link title, url) of every attachment the online resources link, from
    their `resource_id` and `documents` (pipeline/process/state.py: State.online_documents)."""
    return sorted(
        (r["resource_id"], d.get("title") or "", d["url"])
        for r in online
        for d in r["documents"] or []
        if d.get("url")
    )


def raw_documents(crawl_dir: Path) -> dict[str, dict[str, Any]]:
    """The crawl's attachment rows by URL key (the latest fetch of each)."""
    found: dict[str, dict[str, Any]] = {}
    for part in sorted(crawl_dir.glob("*.parquet")):
        table = pq.read_table(part, columns=RAW_DOCUMENT_COLUMNS)
        table = table.filter(pc.equal(table["page_kind"], "document"))
        for row in table.to_pylist():
            found[url_key(row["url"])] = row
    return found


def crawl_error_reasons(crawl: dict[str, Any]) -> dict[str, str]:
    """URL key → reason, for the attachments whose download failed in the crawl."""
    errors = crawl.get("crawl_report", {}).get("errors", []) if isinstance(crawl, dict) else []
    return {
        url_key(e.get("url")): DOWNLOAD_REASONS.get(
            e.get("kind", ""), f"failed:download_{e.get('kind')}"
        )
        for e in errors
        if isinstance(e, dict)
    }


def previous_rows(data_dir: Path) -> list[dict[str, Any]]:
    table = publish.read_table(data_dir / "documents" / publish.PART_NAME)
    return table.to_pylist() if table is not None else []


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
    links = resource_links(online)
    fetched = raw_documents(crawl_dir)
    failed_downloads = crawl_error_reasons(crawl)
    previous = previous_rows(data_dir)
    prev_by_sha = {r["sha256"]: r for r in previous if r.get("sha256")}
    prev_by_url = {url_key(u): r for r in previous for u in r["urls"]}
    linked: dict[str, list[tuple[str, str, str]]] = {}
    for rid, title, url in links:
        linked.setdefault(url_key(url), []).append((rid, title, url))

    # Group every URL met (linked or fetched) by what it holds: its bytes, or its own failure.
    groups: dict[str, list[str]] = {}
    for key in sorted(set(linked) | set(fetched)):
        raw = fetched.get(key)
        if raw is not None and raw["status"] == 200:
            groups.setdefault("sha:" + raw["body_sha256"], []).append(key)
        elif raw is None and key in prev_by_url and failed_downloads.get(key) != "failed:too_big":
            groups.setdefault("carried:" + prev_by_url[key]["document_id"], []).append(key)
        else:
            groups.setdefault("url:" + key, []).append(key)

    rows: dict[str, dict[str, Any]] = {}
    to_extract: list[tuple[str, str]] = []
    for group, keys in groups.items():
        raws = [fetched[k] for k in keys if k in fetched]
        earlier = [prev_by_url[k] for k in keys if k in prev_by_url]
        sha = group[4:] if group.startswith("sha:") else None
        old = prev_by_sha.get(sha) if sha else None
        candidates = sorted(
            earlier + ([old] if old else []),
            key=lambda r: (r["first_seen_at"] is None, r["first_seen_at"], r["document_id"]),
        )
        base = dict(candidates[0]) if candidates else None
        urls = sorted(linked[k][0][2] if k in linked else fetched[k]["url"] for k in keys)
        if group.startswith("carried:") and base is not None:
            urls = sorted(set(base["urls"]) | set(urls))
        row = base or {
            "document_id": new_document_id(urls[0]),
            "first_seen_at": None,
            "last_changed_at": None,
        }
        row.update(
            url=urls[0], urls=urls, crawl_id=row.get("crawl_id") or crawl_id, removed_at=None
        )
        seen = [r["fetched_at"] for r in raws]
        if seen:
            row["last_seen_at"] = max(seen)
            row["first_seen_at"] = min(
                t for t in (row.get("first_seen_at"), min(seen)) if t is not None
            )
            row["crawl_id"] = crawl_id
        row["_link_title"] = next((linked[k][0][1] for k in keys if k in linked), None)
        if group.startswith("carried:"):
            row["_pdf_title"] = _pdf_title_of(base)
            result.counts["documents_carried"] += 1
        elif sha and old is not None:
            row.update({c: old.get(c) for c in (*DOCUMENT_CONTENT_COLUMNS, "extraction_seconds")})
            row["_pdf_title"] = _pdf_title_of(old)
            result.counts["documents_reused"] += 1
        elif sha:
            row.update(
                sha256=sha,
                bytes=raws[0]["body_bytes"],
                media_type=media_type(raws[0]["content_type"]),
            )
            path = document_store.get(data_dir, sha)
            if path is None:
                row.update(_failure(row, "failed:bytes_not_stored"))
            else:
                with open(path, "rb") as handle:
                    wrong = judge_type(raws[0]["content_type"], handle.read(SNIFF_BYTES))
                if wrong:
                    row.update(_failure(row, wrong))
                else:
                    row["media_type"] = "application/pdf"
                    to_extract.append((group, str(path)))
            row["_fresh"] = True
        else:  # a download that failed, an HTTP error, or a link never fetched
            key = keys[0]
            raw = fetched.get(key)
            reason = (
                f"failed:http_{raw['status']}"
                if raw is not None
                else failed_downloads.get(key, "failed:not_downloaded")
            )
            row.update(_failure(row, reason), sha256=None, bytes=None, media_type=None)
            if raw is not None:
                row["last_seen_at"] = raw["fetched_at"]
            row["_fresh"] = True
        rows[group] = row

    extract_started = time.monotonic()
    for group, extracted in extract_files(
        to_extract,
        parallel.WORKERS,
        config.document_timeout_seconds,
        config.document_max_bytes,
        config.document_memory_mb,
    ):
        rows[group].update(extracted_columns(extracted, config))
        result.counts["documents_extracted"] += 1
        result.counts["document_bytes_extracted"] += rows[group]["bytes"] or 0
    result.counts["document_extraction_seconds"] = round(time.monotonic() - extract_started, 3)

    # Published documents this run met nowhere: kept as they were (a full pass flags them removed).
    met = {r["document_id"] for r in rows.values()}
    for old in previous:
        if old["document_id"] not in met:
            kept = dict(old, _pdf_title=_pdf_title_of(old))
            if mode == "full" and kept.get("removed_at") is None:
                kept["removed_at"] = now
            rows["kept:" + old["document_id"]] = kept
            met.add(old["document_id"])
    _merge_duplicate_ids(rows)
    finished = list(rows.values())
    for row in finished:
        keys = [url_key(u) for u in row["urls"]]
        row["resource_ids"] = sorted({rid for k in keys for rid, _, _ in linked.get(k, [])})
        row["link_titles"] = sorted({t for k in keys for _, t, _ in linked.get(k, []) if t})
        link_title = row.pop("_link_title", None) or (
            row["link_titles"][0] if row["link_titles"] else None
        )
        row["title"] = row.get("_pdf_title") or link_title
        result.counts[f"documents_{row['extraction'].split(' ')[0]}"] += 1
    _decide_changes(
        finished, {r["document_id"]: r for r in previous}, now, run_id, crawl_id, result
    )
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
    result.counts.update(dedup_counts)
    for row in finished:
        row["near_duplicate_of"], row["similarity"] = links_found.get(
            row["document_id"], (None, None)
        )
        row.pop("_fresh", None)
        row.pop("_pdf_title", None)
    result.counts["document_near_duplicates"] = len(links_found)
    result.rows = sorted(finished, key=lambda r: r["document_id"])
    result.ids_by_url = {url_key(u): r["document_id"] for r in result.rows for u in r["urls"]}
    result.seconds = time.monotonic() - started
    return result


def _pdf_title_of(old: dict[str, Any]) -> str | None:
    """The PDF title of a published row: its title unless that is one of its link texts."""
    title = old.get("title")
    return None if title in (old.get("link_titles") or []) else title


def _failure(row: dict[str, Any], reason: str) -> dict[str, Any]:
    return {
        "extraction": reason,
        "pages": None,
        "text": None,
        "text_hash": None,
        "language": None,
        "published_date": None,
        "_pdf_title": None,
        "extraction_seconds": None,
    }


def _merge_duplicate_ids(rows: dict[str, dict[str, Any]]) -> None:
    """Two groups that inherited the same document_id (a URL whose bytes became another file's):
    the group holding the id's first URL keeps it, the other gets an id of its own."""
    owners: dict[str, str] = {}
    for group in sorted(rows, key=lambda g: (not rows[g].get("_fresh"), g)):
        row = rows[group]
        if row["document_id"] in owners:
            row["document_id"] = new_document_id(row["url"] + "#" + (row.get("sha256") or group))
            row["first_seen_at"] = row.get("last_seen_at")
        owners[row["document_id"]] = group


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
