"""The documents table's rows before extraction: which URLs hold the same file, and what each
row takes from the crawl and from the published table (pipeline/document_stage.py's first steps).

A URL fetched with a 200 is grouped by its bytes' SHA-256; a URL not fetched this run but
published before carries its published row; anything else (HTTP error, failed or missing
download) is a row of its own with the reason in `extraction`.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyarrow.compute as pc
import pyarrow.parquet as pq
from w3lib.url import canonicalize_url

from pipeline import publish
from pipeline.documents import judge_type, media_type
from rtes_core import document_store
from rtes_core.schemas import DOCUMENT_CONTENT_COLUMNS

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


@dataclass
class Known:
    """What the documents stage starts from: the links, this crawl's fetches and failures,
    and the published rows by SHA-256 and by URL key."""

    data_dir: Path
    linked: dict[str, list[tuple[str, str, str]]]
    fetched: dict[str, dict[str, Any]]
    failed_downloads: dict[str, str]
    previous: list[dict[str, Any]]
    prev_by_sha: dict[str, dict[str, Any]]
    prev_by_url: dict[str, dict[str, Any]]

    @classmethod
    def read(
        cls,
        data_dir: Path,
        crawl_dir: Path,
        online: Iterable[dict[str, Any]],
        crawl: dict[str, Any],
    ) -> Known:
        """Read the links of the online resources, the crawl and the published table."""
        previous = previous_rows(data_dir)
        linked: dict[str, list[tuple[str, str, str]]] = {}
        for rid, title, url in resource_links(online):
            linked.setdefault(url_key(url), []).append((rid, title, url))
        return cls(
            data_dir=data_dir,
            linked=linked,
            fetched=raw_documents(crawl_dir),
            failed_downloads=crawl_error_reasons(crawl),
            previous=previous,
            prev_by_sha={r["sha256"]: r for r in previous if r.get("sha256")},
            prev_by_url={url_key(u): r for r in previous for u in r["urls"]},
        )


def group_urls(known: Known) -> dict[str, list[str]]:
    """Every URL met (linked or fetched) grouped by what it holds: its bytes, or its own failure."""
    groups: dict[str, list[str]] = {}
    for key in sorted(set(known.linked) | set(known.fetched)):
        raw = known.fetched.get(key)
        if raw is not None and raw["status"] == 200:
            groups.setdefault("sha:" + raw["body_sha256"], []).append(key)
        elif (
            raw is None
            and key in known.prev_by_url
            and known.failed_downloads.get(key) != "failed:too_big"
        ):
            groups.setdefault("carried:" + known.prev_by_url[key]["document_id"], []).append(key)
        else:
            groups.setdefault("url:" + key, []).append(key)
    return groups


def group_row(
    group: str, keys: list[str], known: Known, crawl_id: str, counts: Counter
) -> tuple[dict[str, Any], str | None]:
    """The row of one group and the path of its file when it must be read (new bytes)."""
    raws = [known.fetched[k] for k in keys if k in known.fetched]
    sha = group[4:] if group.startswith("sha:") else None
    old = known.prev_by_sha.get(sha) if sha else None
    base = _earliest([known.prev_by_url[k] for k in keys if k in known.prev_by_url], old)
    row = _identity(group, keys, known, base, raws, crawl_id)
    if group.startswith("carried:"):
        row["_pdf_title"] = pdf_title_of(base)
        counts["documents_carried"] += 1
    elif sha and old is not None:
        row.update({c: old.get(c) for c in (*DOCUMENT_CONTENT_COLUMNS, "extraction_seconds")})
        row["_pdf_title"] = pdf_title_of(old)
        counts["documents_reused"] += 1
    elif sha:
        return row, _new_bytes(row, sha, raws[0], known.data_dir)
    else:  # a download that failed, an HTTP error, or a link never fetched
        _failed_download(row, keys[0], known)
    return row, None


def _earliest(earlier: list[dict[str, Any]], old: dict[str, Any] | None) -> dict[str, Any] | None:
    """A copy of the published row first seen earliest among a group's (by URL, by bytes)."""
    candidates = sorted(
        earlier + ([old] if old else []),
        key=lambda r: (r["first_seen_at"] is None, r["first_seen_at"], r["document_id"]),
    )
    return dict(candidates[0]) if candidates else None


def _identity(
    group: str,
    keys: list[str],
    known: Known,
    base: dict[str, Any] | None,
    raws: list[dict[str, Any]],
    crawl_id: str,
) -> dict[str, Any]:
    """A group's id, URLs, crawl and seen times (the published row's when it has one)."""
    linked, fetched = known.linked, known.fetched
    urls = sorted(linked[k][0][2] if k in linked else fetched[k]["url"] for k in keys)
    if group.startswith("carried:") and base is not None:
        urls = sorted(set(base["urls"]) | set(urls))
    row = base or {
        "document_id": new_document_id(urls[0]),
        "first_seen_at": None,
        "last_changed_at": None,
    }
    row.update(url=urls[0], urls=urls, crawl_id=row.get("crawl_id") or crawl_id, removed_at=None)
    seen = [r["fetched_at"] for r in raws]
    if seen:
        row["last_seen_at"] = max(seen)
        row["first_seen_at"] = min(
            t for t in (row.get("first_seen_at"), min(seen)) if t is not None
        )
        row["crawl_id"] = crawl_id
    row["_link_title"] = next((linked[k][0][1] for k in keys if k in linked), None)
    return row


def _new_bytes(row: dict[str, Any], sha: str, raw: dict[str, Any], data_dir: Path) -> str | None:
    """Fill the row of bytes never published; the stored file's path when it is to be read."""
    row.update(sha256=sha, bytes=raw["body_bytes"], media_type=media_type(raw["content_type"]))
    path = document_store.get(data_dir, sha)
    to_read = None
    if path is None:
        row.update(failure("failed:bytes_not_stored"))
    else:
        with open(path, "rb") as handle:
            wrong = judge_type(raw["content_type"], handle.read(SNIFF_BYTES))
        if wrong:
            row.update(failure(wrong))
        else:
            row["media_type"] = "application/pdf"
            to_read = str(path)
    row["_fresh"] = True
    return to_read


def _failed_download(row: dict[str, Any], key: str, known: Known) -> None:
    """Fill the row of a URL with no bytes this run, with the reason in `extraction`."""
    raw = known.fetched.get(key)
    reason = (
        f"failed:http_{raw['status']}"
        if raw is not None
        else known.failed_downloads.get(key, "failed:not_downloaded")
    )
    row.update(failure(reason), sha256=None, bytes=None, media_type=None)
    if raw is not None:
        row["last_seen_at"] = raw["fetched_at"]
    row["_fresh"] = True


def pdf_title_of(old: dict[str, Any]) -> str | None:
    """The PDF title of a published row: its title unless that is one of its link texts."""
    title = old.get("title")
    return None if title in (old.get("link_titles") or []) else title


def failure(reason: str) -> dict[str, Any]:
    """The content columns of a file that could not be read."""
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


def merge_duplicate_ids(rows: dict[str, dict[str, Any]]) -> None:
    """Two groups that inherited the same document_id (a URL whose bytes became another file's):
    the group holding the id's first URL keeps it, the other gets an id of its own."""
    owners: dict[str, str] = {}
    for group in sorted(rows, key=lambda g: (not rows[g].get("_fresh"), g)):
        row = rows[group]
        if row["document_id"] in owners:
            row["document_id"] = new_document_id(row["url"] + "#" + (row.get("sha256") or group))
            row["first_seen_at"] = row.get("last_seen_at")
        owners[row["document_id"]] = group
