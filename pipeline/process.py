"""The processing stage: raw pages → occurrences → clean resources → published tables.

I/O stays at the two ends (reading raw Parquet, publishing); everything between is pure
functions over occurrences and blocks, counted step by step into the run report.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import logging
import pickle
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipeline import document_stage, imports, monitors, parallel, progress, publish
from pipeline.changes import (
    LIGHT_COLUMNS,
    Decision,
    Evidence,
    plan_changes,
    record_hash,
    url_path,
    version_row,
)
from pipeline.clean import Cleaner, Removed
from pipeline.config import DEFAULT_DEDUP, DedupConfig
from pipeline.errors import PipelineError
from pipeline.extract import RECORD_KINDS, Block, Occurrence
from pipeline.incremental import sitemap_entries
from pipeline.merge import (
    FIELD_COLUMNS,
    body_jaccard,
    combine_categories,
    combine_fields,
    content_duplicates,
    first_list,
    first_value,
    group_by_identity,
    identity_keys,
    preference,
    record_kind,
)
from pipeline.minhash import xxh32
from pipeline.rows import RowBuffer
from pipeline.runs import good_reports
from pipeline.schemas import (
    MEMBER_SECTION_COLUMNS,
    MERGED_OCCURRENCES,
    REMOVED_BLOCKS,
    RESOURCES,
    TABLES,
)
from pipeline.text import comparison_key, shingles

# What a crawl covered (from its manifest): "full" read every listing (a resource absent is gone),
# "sitemap" re-read what changed and lists what is online, "listings" re-read what changed
# newest-first, "partial" is a full crawl some of whose listings failed. Only the first two
# may flag a resource removed without a 404/410 answer.
CRAWL_MODES = ("full", "sitemap", "listings", "partial")
REMOVAL_DETECTING_MODES = ("full", "sitemap")
REPORT_LISTED_URLS = 100  # fallback URLs and error details kept in the run report
GONE_STATUSES = {404, 410}  # a detail page answering these: the resource was removed
PROGRESS_EVERY = 200  # pages between progress lines
MERGE_CHUNK = 128  # resources whose body shingle sets exist at once during the cross-page merge
MERGE_VERIFY_CACHE = (
    256  # shingle sets of LSH candidates kept while verifying (a resource meets many)
)
REPORT_LISTED_CHANGES = 20  # report.md lists the changed URLs when there are at most this many
CLEANED_COMPRESSION = 1  # zlib level of cleaned pages held in memory: fastest, most of the gain
STATE_TAKE_ROWS = 512  # carried published rows read back at a time while publishing
EMPTY_BODY_HASH = "e3b0c44298fc1c149afbf4c8996fb924"  # content_hash of no body before resources v3
IMPORT_PART_PREFIX = (
    "part-legacy-text"  # parts of the tables written by `import-text`, one per file
)


@dataclass
class Page:
    """What the processing stage keeps of a raw page besides its occurrences."""

    url: str
    kind: str
    fetched_at: datetime


@dataclass
class ProcessResult:
    """What a processing run produced, for the summary line and the run report."""

    run_id: str
    crawl_id: str
    resources: Iterable[dict[str, Any]]  # the next resources table: a State (streamed) or a list
    removed_blocks: Iterable[dict[str, Any]]
    merged: Iterable[dict[str, Any]]
    counts: Counter = field(default_factory=Counter)
    errors: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    mode: str = "full"
    started_at: datetime | None = None
    changes: dict[str, list[str]] = field(
        default_factory=dict
    )  # added / edited / removed / unchanged
    versions: Iterable[dict[str, Any]] = field(default_factory=list)  # history rows of this run
    crawl: dict[str, Any] = field(default_factory=dict)  # the crawl's stats and error report
    fallback_urls: list[str] = field(
        default_factory=list
    )  # pages read by the generic fallback or not read at all
    site_url: str = ""  # the site crawled (report.html links the changed pages to it)
    import_parts: dict[str, dict[str, Any]] = field(
        default_factory=dict
    )  # table → part → rows to restage
    documents: document_stage.DocumentsResult | None = (
        None  # the attachments (pipeline/document_stage.py)
    )
    members: list[dict[str, Any]] | None = (
        None  # the members table of a full pass (None: keep the published one)
    )


def body_key_array(occ: Occurrence) -> np.ndarray:
    """Hashes of an occurrence's normalised body blocks (kept by compaction, else computed)."""
    if occ.compacted:
        return np.frombuffer(occ.body_keys, dtype=np.uint32)
    return np.array(sorted({xxh32(comparison_key(t)) for t in occ.body_blocks}), dtype=np.uint32)


def resource_id_for(occ: Occurrence) -> str:
    """Stable id: the Drupal node id where the site gives one, else a hash of the canonical path."""
    if occ.node_id is not None:
        return f"node-{occ.node_id}"
    basis = occ.path or occ.source_url
    return "url-" + hashlib.sha1(basis.encode()).hexdigest()[:16]


def group_resource_id(ordered: list[Occurrence]) -> str:
    """The resource id of a group of occurrences (best first): its node's, else its best page's."""
    return resource_id_for(next((o for o in ordered if o.node_id is not None), ordered[0]))


def body_of(record: dict[str, Any]) -> str | None:
    """The `body` column: the paragraphs joined by blank lines (derived, so never stored twice)."""
    return "\n\n".join(record["paragraphs"]) or None


def content_hash(paragraphs: list[str]) -> str | None:
    """Hash of the normalised body: unchanged text → unchanged hash, whatever the page chrome;
    None without a body (a private resource: the hash of nothing would join them all)."""
    if not paragraphs:
        return None
    key = "\n".join(comparison_key(p) for p in paragraphs)
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def log(message: str) -> None:
    """To the run's log file (pipeline.runlog), not the terminal: the terminal has the progress display."""
    logging.getLogger("rtes.process").info(message)


def extract_pages(
    rows,
    counts: Counter,
    errors: list[dict[str, str]],
    evidence: Evidence | None = None,
    prepare=None,
    fallback_urls: list[str] | None = None,
    members: list[Occurrence] | None = None,
) -> tuple[list[Occurrence], dict[str, Page]]:
    """Occurrences of every HTML page of the crawl; a page that fails is reported, not fatal.

    Also collects into `evidence` what the crawl says beyond pages: sitemap entries and
    pages that answered 404/410 (resources gone)."""
    occurrences: list[Occurrence] = []
    pages: dict[str, Page] = {}
    for n, (row, extracted) in enumerate(
        parallel.extract_rows(rows, prepare=prepare), 1
    ):  # both cores, in order
        counts["pages_read"] += 1
        progress.advance()
        if (
            evidence is not None
            and row["page_kind"] == "sitemap"
            and row["status"] == 200
            and row["html"]
        ):
            evidence.online_paths |= set(
                sitemap_entries(row["html"])
            )  # what the site says is online
            evidence.sitemap_seen = True
        if evidence is not None and row["status"] in GONE_STATUSES:
            evidence.gone_paths.add(url_path(row["url"]))
        if extracted is None:  # not a 200 HTML detail or listing page
            counts[
                f"pages_skipped_{'status_' + str(row['status']) if row['status'] != 200 else 'not_html'}"
            ] += 1
            continue
        url = row["final_url"] or row["url"]
        found, failure = extracted
        if failure is not None:
            errors.append({"url": url, "kind": "extract_error", "detail": failure})
            continue
        pages[url] = Page(url, row["page_kind"], row["fetched_at"])
        counts[f"pages_{row['page_kind']}"] += 1
        counts[f"page_class_{found[0].page_class if found else 'other'}"] += 1
        if not any(o.kind in RECORD_KINDS for o in found):
            counts[f"pages_without_resource_{row['page_kind']}"] += 1
            if (
                row["page_kind"] == "detail"
                and (not found or found[0].page_class == "other")
                and fallback_urls is not None
            ):  # not read as any kind of page: its markup is unknown
                fallback_urls.append(url)
        for occ in found:
            if occ.kind in RECORD_KINDS:
                counts[f"extraction_{occ.method}"] += 1
                if occ.method == "fallback" and fallback_urls is not None:
                    fallback_urls.append(url)
            if occ.kind == "member" and members is not None:
                members.append(occ)
            elif occ.kind != "other":  # basic pages and newsletters join a record only by identity
                occurrences.append(occ)
        if n % PROGRESS_EVERY == 0:
            log(f"  processed {n} pages, {len(occurrences)} resource occurrences so far")
    return occurrences, pages


class Processor:
    """Turns one crawl's occurrences into resource records and the audit rows."""

    def __init__(
        self,
        config: DedupConfig,
        site_url: str,
        crawl_id: str,
        shown_before: Callable[[str], dict[str, Any] | None] | None = None,
    ) -> None:
        self.config = config
        self.cleaner = Cleaner(config)
        self.site_url = site_url
        self.crawl_id = crawl_id
        self.listing_only: set[str] = set()  # resources seen on listing pages only in this crawl
        # A crawl that re-read only some pages of a resource (incremental) may miss a field that
        # only another page shows (a private detail page hides its Résumé and categories): such a
        # field keeps the published value, never becomes a false change to empty.
        self.shown_before = shown_before
        self.fallback_urls: list[
            str
        ] = []  # pages of a record that showed no kind (their markup was lost)

    def compact(self, occ: Occurrence) -> None:
        """Bound memory: a detail page is cleaned where it is parsed, a listing keeps its fields.

        The summary is applied later (it may come from another page of the resource); a
        listing's blocks are read again only for a resource without a detail page."""
        keys = {xxh32(comparison_key(text)) for text in occ.body_blocks}
        occ.body_keys = np.array(sorted(keys), dtype=np.uint32).tobytes()
        if (
            occ.page_kind == "detail"
        ):  # held until every page is read: compressed (about 4× smaller)
            occ.cleaned = zlib.compress(
                pickle.dumps(self.cleaner.clean(occ.blocks)), CLEANED_COMPRESSION
            )
        occ.blocks, occ.compacted = [], True

    def restore_listing_only(
        self,
        occurrences: list[Occurrence],
        groups: list[list[int]],
        reread: Callable[[set[str]], dict[str, list[Occurrence]]],
    ) -> None:
        """Read again, in full, the listing pages of resources that have no detail page."""
        wanted = {}
        for group in groups:
            best = min((occurrences[i] for i in group), key=preference)
            if best.compacted and best.cleaned is None:
                wanted[id(best)] = best
        if not wanted:
            return
        full = reread({occ.source_url for occ in wanted.values()})
        for i, occ in enumerate(occurrences):
            if id(occ) in wanted:
                twin = next(
                    (
                        f
                        for f in full.get(occ.source_url, [])
                        if identity_keys(f) == identity_keys(occ)
                    ),
                    None,
                )
                if twin is not None:
                    twin.body_keys = occ.body_keys
                    occurrences[i] = twin

    def build(
        self,
        occurrences: list[Occurrence],
        pages: dict[str, Page],
        counts: Counter,
        errors: list[dict[str, str]],
        reread=None,
    ) -> tuple[RowBuffer, RowBuffer, RowBuffer]:
        """Records in resource id order (the published order), removed blocks, merged occurrences.

        Consumes the occurrences: each one's text and fields are released once its record is built."""
        resources = RowBuffer(RESOURCES, derived={"body": body_of})
        removed_rows, merged_rows = RowBuffer(REMOVED_BLOCKS), RowBuffer(MERGED_OCCURRENCES)
        groups = group_by_identity(occurrences)
        if reread is not None:
            self.restore_listing_only(occurrences, groups, reread)
        ordered_groups = [
            sorted((occurrences[i] for i in group), key=preference) for group in groups
        ]
        for ordered in ordered_groups:
            if not any(o.kind in RECORD_KINDS for o in ordered):
                counts["pages_not_records"] += len(
                    ordered
                )  # basic pages, newsletters: counted only
            # a page of a record that showed no kind: its markup was lost, the generic route read it
            else:
                lost = [o.source_url for o in ordered if o.kind not in RECORD_KINDS]
                counts["extraction_fallback"] += len(lost)
                self.fallback_urls += lost
        ordered_groups = [g for g in ordered_groups if any(o.kind in RECORD_KINDS for o in g)]
        ordered_groups.sort(key=group_resource_id)
        del groups

        def clean(ordered: list[Occurrence]) -> tuple[dict, list[dict]]:
            return self.resource_from(ordered, pages)

        # pages cleaned where they were parsed leave only light work: no second pool (a fork
        # of this now large process would copy its memory)
        workers = 1 if any(o.compacted for o in occurrences) else parallel.WORKERS
        for ordered, (built, failure) in zip(
            ordered_groups, parallel.map_in_order(clean, ordered_groups, workers)
        ):
            if failure is not None:  # one bad resource must not stop the others
                errors.append(
                    {"url": ordered[0].source_url, "kind": "clean_error", "detail": failure}
                )
                continue
            record, removed = built
            if not any(o.page_kind == "detail" for o in ordered):
                self.listing_only.add(record["resource_id"])
            resources.append(record)
            removed_rows.extend(removed)
            merged_rows.extend(
                self.merged_row(record["resource_id"], occ, ordered[0]) for occ in ordered[1:]
            )
            counts["occurrences_merged_by_identity"] += len(ordered) - 1
            for occ in ordered:  # built: its pages' text is in the record now, free it as we go
                occ.cleaned, occ.blocks, occ.fields = None, [], {}
        for j in self.merge_on_content(resources, merged_rows, counts):
            resources.drop(j)
        return resources, removed_rows, merged_rows

    def merged_row(self, resource_id: str, occ: Occurrence, into: Occurrence) -> dict[str, Any]:
        match = "node_id" if occ.node_id is not None and occ.node_id == into.node_id else "url"
        mine, theirs = body_key_array(occ), body_key_array(into)
        union = len(np.union1d(mine, theirs))
        similarity = len(np.intersect1d(mine, theirs)) / union if union else None
        return {
            "resource_id": resource_id,
            "source_url": occ.source_url,
            "page_kind": occ.page_kind,
            "match": match,
            "similarity": similarity,
            "crawl_id": self.crawl_id,
        }

    def resource_from(
        self, ordered: list[Occurrence], pages: dict[str, Page]
    ) -> tuple[dict, list[dict]]:
        """One record from a resource's occurrences, best first, and its removed blocks."""
        best = ordered[0]
        fields = combine_fields(ordered)
        resource_id = group_resource_id(ordered)
        if self.shown_before is not None and not set(FIELD_COLUMNS) <= fields.keys():
            before = self.shown_before(resource_id) or {}
            carried = {c: before[c] for c in FIELD_COLUMNS if c not in fields and c in before}
            # published categories are the field's values and the listings' terms together: with
            # no page showing the field, they are evidence of term membership like a listing's
            listed_before = carried.pop("categories", None)
            fields.update(carried)
        else:
            listed_before = None
        summary = fields.get("summary")
        kind = record_kind(ordered)
        is_private = fields.get("is_private")
        if kind == "article" and is_private is None:
            is_private = False  # a news article has no privacy field: it is public
        if best.cleaned is not None:  # cleaned where the page was parsed: apply the summary now
            cleaned = self.cleaner.apply_summary(
                pickle.loads(zlib.decompress(best.cleaned)), summary
            )
        else:
            cleaned = self.cleaner.clean(best.blocks, summary)
        paragraphs = [] if is_private else cleaned.paragraphs
        path = first_value(ordered, "path")
        urls = sorted({o.source_url for o in ordered})
        record = {
            "resource_id": resource_id,
            "url": urljoin(self.site_url, path) if path else best.source_url,
            "source_urls": urls,
            "title": first_value(ordered, "title") or "",
            "summary": summary,
            "body": "\n\n".join(paragraphs) or None,
            "paragraphs": paragraphs,
            "kind": kind,
            "resource_type": fields.get("resource_type"),
            "is_private": is_private,
            "categories": combine_categories(ordered, fields.get("categories"), listed_before),
            "documents": fields.get("documents") or [],
            "tags": first_list(ordered, "tags"),
            "published_date": first_value(ordered, "published_date"),
            "updated_date": first_value(ordered, "updated_date"),
            "content_hash": content_hash(paragraphs),
            "extraction_method": best.method,
            "first_seen_at": min(pages[u].fetched_at for u in urls),
            "last_seen_at": max(pages[u].fetched_at for u in urls),
            "crawl_id": self.crawl_id,
        }
        record.update(
            record_hash=record_hash(record), last_changed_at=record["last_seen_at"], removed_at=None
        )
        removed = [
            self.removed_row(resource_id, best.source_url, r)
            for r in cleaned.removed + cleaned.edits
        ]
        if is_private and cleaned.paragraphs:
            removed += [
                self.removed_row(resource_id, best.source_url, Removed(-1, p, "private_content"))
                for p in cleaned.paragraphs
            ]
        return record, removed

    def member_rows(self, members: list[Occurrence]) -> list[dict[str, Any]]:
        """One row per member collectivité: its profile page and the region listings showing it,
        each field from the best page that shows it (the profile first), sections cleaned."""
        rows = []
        for group in group_by_identity(members):
            ordered = sorted((members[i] for i in group), key=preference)
            fields: dict[str, Any] = {}
            for occ in ordered:
                for column, value in occ.fields.items():
                    if value not in (None, "", {}, []):
                        fields.setdefault(column, value)
            sections = fields.pop("sections", {})
            path = first_value(ordered, "path")
            row = {
                "member_id": group_resource_id(ordered),
                "url": urljoin(self.site_url, path) if path else ordered[0].source_url,
                "source_urls": sorted({o.source_url for o in ordered}),
                "name": first_value(ordered, "title") or "",
                "updated_date": first_value(ordered, "updated_date"),
                "crawl_id": self.crawl_id,
            }
            row.update(
                {
                    c: fields.get(c)
                    for c in (
                        "collectivite_type",
                        "population",
                        "joined_year",
                        "region",
                        "address",
                        "public_contact",
                    )
                }
            )
            for column in MEMBER_SECTION_COLUMNS:
                texts = sections.get(column) or []
                kept = (
                    self.cleaner.clean([Block(t, "body") for t in texts]).paragraphs
                    if texts
                    else []
                )
                row[column] = "\n\n".join(kept) or None
            rows.append(row)
        return sorted(rows, key=lambda r: r["member_id"])

    def removed_row(self, resource_id: str, source_url: str, r: Removed) -> dict[str, Any]:
        return {
            "resource_id": resource_id,
            "source_url": source_url,
            "position": r.position,
            "text": r.text,
            "reason": r.reason,
            "duplicate_of_position": r.duplicate_of_position,
            "duplicate_of_text": r.duplicate_of_text,
            "similarity": r.similarity,
            "crawl_id": self.crawl_id,
        }

    def body_shingles(self, record: dict[str, Any]) -> set[str]:
        """Exact shingle set of a record's body (built when needed, never kept for all records)."""
        cfg = self.config
        return set(
            shingles(
                comparison_key(record["body"] or ""), cfg.merge_shingle_kind, cfg.merge_shingle_size
            )
        )

    def merge_on_content(
        self, resources: RowBuffer, merged_rows: RowBuffer, counts: Counter
    ) -> set[int]:
        """Join resources republished under another identity: the surviving record is patched
        (URLs, seen times); returns the indices absorbed into others (for the caller to drop)."""
        cfg = self.config
        signatures = np.empty((len(resources), cfg.num_perm), dtype=np.uint32)
        eligible: list[bool] = []
        index_of: list[int] = []  # signature row -> the buffer's row index (dropped rows have none)
        rows = resources.items()
        while chunk := list(islice(rows, MERGE_CHUNK)):  # shingle sets of a chunk at a time
            sets = [self.body_shingles(r) for _, r in chunk]
            index_of += [index for index, _ in chunk]
            start = len(eligible)
            eligible += [len(s) >= cfg.merge_min_shingles for s in sets]
            signatures[start : start + len(sets)] = self.cleaner.signatures.signatures(
                [list(s) for s in sets]
            )

        @lru_cache(maxsize=MERGE_VERIFY_CACHE)
        def sets_of(
            row: int,
        ) -> tuple[set[str], set[str]]:  # body and title shingles, rebuilt on demand
            record = resources[index_of[row]]
            return self.body_shingles(record), self.cleaner.shingle_set(
                comparison_key(record["title"])
            )

        def verify(i: int, j: int) -> float | None:
            (body_i, title_i), (body_j, title_j) = sets_of(i), sets_of(j)
            return body_jaccard(body_i, body_j, title_i, title_j, cfg)

        absorbed: dict[int, int] = {}
        for row_i, row_j, score in content_duplicates(
            signatures, eligible, self.cleaner.signatures, cfg, verify, counts
        ):
            i, j = index_of[row_i], index_of[row_j]
            root = i
            while root in absorbed:
                root = absorbed[root]
            if j in absorbed or root == j:
                continue
            absorbed[j] = root
            into, gone = resources[root], resources[j]
            resources.patch(
                root,
                source_urls=sorted(set(into["source_urls"]) | set(gone["source_urls"])),
                first_seen_at=min(into["first_seen_at"], gone["first_seen_at"]),
                last_seen_at=max(into["last_seen_at"], gone["last_seen_at"]),
            )
            merged_rows.append(
                {
                    "resource_id": into["resource_id"],
                    "source_url": gone["url"],
                    "page_kind": "resource",
                    "match": "content",
                    "similarity": round(score, 4),
                    "crawl_id": self.crawl_id,
                }
            )
            counts["resources_merged_by_content"] += 1
        return set(absorbed)


def upgrade_row(row: dict[str, Any]) -> dict[str, Any]:
    """A published row with the current change columns (a v1 table has none: derive them)."""
    if row.get("record_hash") is None:
        row["record_hash"] = record_hash(row)
    if row.get("last_changed_at") is None:
        row["last_changed_at"] = row["first_seen_at"]
    if row.get("content_hash") == EMPTY_BODY_HASH:  # written before v3: the hash of no body
        row["content_hash"] = None
    row.setdefault("removed_at", None)
    if row.get("kind") is None:  # v2: every record was a resource, with no tags or update date
        row.update(
            kind="resource", tags=row.get("tags") or [], updated_date=row.get("updated_date")
        )
    return row


def previous_light(table: pa.Table | None) -> list[dict[str, Any]]:
    """The published resources table reduced to what change tracking reads (LIGHT_COLUMNS)."""
    if table is None:
        return []
    if not set(LIGHT_COLUMNS) <= set(table.column_names):  # v1: derive from whole rows (old, small)
        return [{c: upgrade_row(r)[c] for c in LIGHT_COLUMNS} for r in table.to_pylist()]
    return table.select(list(LIGHT_COLUMNS)).to_pylist()


def state_totals(rows: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Rows written, online (not flagged removed) and private among the online ones."""
    totals = Counter()
    for row in rows:
        totals["written"] += 1
        if row.get("removed_at") is None:
            totals["online"] += 1
            totals["private"] += bool(row.get("is_private"))
    return {k: totals[k] for k in ("written", "online", "private")}


class State:
    """The next resources table, read on demand: this run's records and the published rows it
    carries, merged in resource id order, each with its change decision applied.

    Nothing is copied: publishing streams it into the staged file batch by batch."""

    def __init__(
        self,
        fresh: RowBuffer,
        previous: pa.Table | None,
        plan: dict[str, Decision],
        run_id: str,
        light: list[dict[str, Any]],
        extra_sources: dict[str, list[str]] | None = None,
    ) -> None:
        self.fresh, self.previous, self.plan, self.run_id = fresh, previous, plan, run_id
        self.extra_sources = extra_sources or {}  # `file:` sources of imports joined with a record
        self.totals = state_totals({**row, **plan[row["resource_id"]].updates} for row in light)

    def __len__(self) -> int:
        return len(self.plan)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return heapq.merge(self._fresh(), self._carried(), key=lambda r: r["resource_id"])

    def _fresh(self) -> Iterator[dict[str, Any]]:
        for row in self.fresh:  # built in resource id order
            row.update(self.plan[row["resource_id"]].updates)
            if extra := self.extra_sources.get(row["resource_id"]):
                row["source_urls"] = sorted(set(row["source_urls"]) | set(extra))
            yield row

    def _carried(self) -> Iterator[dict[str, Any]]:
        if self.previous is None:
            return
        ids = self.previous.column("resource_id").to_pylist()
        wanted = sorted((rid, i) for i, rid in enumerate(ids) if not self.plan[rid].fresh)
        for start in range(0, len(wanted), STATE_TAKE_ROWS):
            taken = self.previous.take([i for _, i in wanted[start : start + STATE_TAKE_ROWS]])
            for row in taken.to_pylist():
                yield upgrade_row(row) | self.plan[row["resource_id"]].updates

    def versions(self) -> Iterator[dict[str, Any]]:
        """History rows of this run: one per new or changed record."""
        for row in self._fresh():
            decision = self.plan[row["resource_id"]]
            if decision.new_version:
                yield version_row(row, decision, self.run_id)


@dataclass
class NewVersions:
    """The history rows of a State, iterable as often as needed; false when there are none."""

    state: State

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self.state.versions()

    def __bool__(self) -> bool:
        return any(d.fresh and d.new_version for d in self.state.plan.values())


def previous_audit(data_dir: Path, table: str, keep_ids: set[str], into: RowBuffer) -> None:
    """Add the published version's audit rows of resources this run did not re-process."""
    found = publish.read_table(data_dir / table / publish.PART_NAME)
    if found is not None and keep_ids:
        into.extend_table(
            found.filter(pc.is_in(found["resource_id"], value_set=pa.array(sorted(keep_ids))))
        )


def crawl_mode(crawl_dir: Path) -> str:
    """What the crawl covered, from its manifest: one of CRAWL_MODES."""
    manifest = publish.crawl_manifest(crawl_dir)
    if manifest.get("kind") == "incremental":
        return (
            manifest.get("strategy")
            if manifest.get("strategy") in {"sitemap", "listings"}
            else "listings"
        )
    return "partial" if manifest.get("kind") == "partial" else "full"


def shown_lookup(table: pa.Table | None) -> Callable[[str], dict[str, Any] | None]:
    """resource id → the published values of its fields (FIELD_COLUMNS), read on demand."""
    if table is None:
        return lambda _rid: None
    index = {rid: i for i, rid in enumerate(table.column("resource_id").to_pylist())}
    fields = table.select(list(FIELD_COLUMNS))

    def lookup(resource_id: str) -> dict[str, Any] | None:
        i = index.get(resource_id)
        return None if i is None else fields.slice(i, 1).to_pylist()[0]

    return lookup


def run_processing(
    data_dir: Path,
    site_url: str,
    crawl_id: str | None = None,
    config: DedupConfig = DEFAULT_DEDUP,
    run_id: str | None = None,
    mode: str | None = None,
    publish_now: bool = True,
    accept_drop: bool = False,
) -> ProcessResult:
    """Process one crawl of the raw layer into the next state of the dataset and publish it
    (when the monitors pass, or `accept_drop`).

    `mode` says what the crawl covered (CRAWL_MODES); by default the crawl's own manifest says.
    Only a crawl that looked at every resource (full, or the sitemap's list) may flag one removed;
    an incremental crawl is merged into the published state, never taken for the whole site.
    The earlier dataset stays as it was whenever this fails.
    """
    started = time.monotonic()
    started_at = datetime.now(UTC)
    publish.ensure_writable(data_dir)
    crawl_dir = publish.find_crawl(data_dir, crawl_id)
    crawl_id = crawl_dir.name.split("=", 1)[1]
    mode = mode or crawl_mode(crawl_dir)
    if mode not in CRAWL_MODES:
        raise PipelineError(f"unknown processing mode {mode!r} (one of {', '.join(CRAWL_MODES)})")
    run_id = run_id or started_at.strftime("%Y%m%dT%H%M%S%fZ")
    previous_table = publish.read_table(data_dir / "resources" / publish.PART_NAME)
    previous = previous_light(previous_table)
    counts: Counter = Counter()
    errors: list[dict[str, str]] = []
    fallback_urls: list[str] = []
    evidence = Evidence(detects_removals=mode in REMOVAL_DETECTING_MODES)
    log(f"Processing crawl {crawl_id} from {crawl_dir} ({mode})")
    processor = Processor(
        config,
        site_url,
        crawl_id,
        shown_before=None if mode == "full" else shown_lookup(previous_table),
    )
    member_pages: list[Occurrence] = []
    progress.begin("processing pages", publish.raw_row_count(crawl_dir))
    occurrences, pages = extract_pages(
        publish.iter_raw_pages(crawl_dir),
        counts,
        errors,
        evidence,
        prepare=processor.compact,
        fallback_urls=fallback_urls,
        members=member_pages,
    )
    progress.end()
    if mode == "full":
        evidence.online_paths = set()  # a full pass re-reads every resource: absent means gone
    if (
        not any(o.kind in RECORD_KINDS for o in occurrences) and not previous
    ):  # the monitors judge it otherwise
        raise PipelineError(
            f"crawl {crawl_id} holds no resource page: nothing to publish "
            f"({counts['pages_read']} pages read); the published dataset is unchanged"
        )
    if mode == "sitemap" and not evidence.sitemap_seen:
        raise PipelineError(
            f"crawl {crawl_id} was made from the sitemap but holds none; "
            "the published dataset is unchanged"
        )
    log(f"  {len(occurrences)} occurrences on {len(pages)} pages; cleaning and merging")
    fresh, removed, merged = processor.build(
        occurrences, pages, counts, errors, reread=lambda urls: reread_pages(crawl_dir, urls)
    )
    del occurrences, pages  # from here on, memory holds the records (as Arrow) and light views
    light = fresh.select(list(LIGHT_COLUMNS))
    if mode != "full":  # a known resource seen only on a listing is confirmed online, not re-read
        known = {r["resource_id"] for r in previous if r.get("removed_at") is None}
        seen_only = {rid for rid in processor.listing_only if rid in known}
        evidence.online_paths |= {
            url_path(r["url"]) for r in light if r["resource_id"] in seen_only
        }
        light = [r for r in light if r["resource_id"] not in seen_only]
        for rows in (fresh, removed, merged):
            rows.drop_where("resource_id", seen_only)
    plan, changes = plan_changes(light, previous, evidence, now=started_at)
    carried = {rid for rid, decision in plan.items() if not decision.fresh}
    previous_audit(data_dir, "removed_blocks", carried, removed)
    previous_audit(data_dir, "merged_occurrences", carried, merged)
    counts.update(
        Counter(
            f"removed_{r['reason']}"
            for r in removed.select(["reason", "crawl_id"])
            if r["crawl_id"] == crawl_id
        )
    )
    extra_sources, import_parts = join_imported(data_dir, fresh, previous_table, config, counts)
    state = State(
        fresh,
        previous_table,
        plan,
        run_id,
        light + [r for r in previous if r["resource_id"] in carried],
        extra_sources,
    )
    result = ProcessResult(run_id, crawl_id, state, removed, merged, counts, errors)
    result.mode, result.started_at, result.changes, result.versions = (
        mode,
        started_at,
        changes,
        NewVersions(state),
    )
    result.crawl = read_crawl_files(crawl_dir)
    result.fallback_urls = list(dict.fromkeys(fallback_urls + processor.fallback_urls))
    result.import_parts = import_parts
    result.site_url = site_url
    result.documents = document_stage.build(
        data_dir, crawl_dir, state, result.crawl, config, crawl_id, run_id, mode, started_at
    )
    if (
        mode == "full" and member_pages
    ):  # an incremental crawl sees some members only: keep the table
        result.members = processor.member_rows(member_pages)
        counts["members_written"] = len(result.members)
    result.seconds = time.monotonic() - started
    if publish_now:
        publish_guarded(data_dir, result, config, run_report(result), accept_drop)
    return result


def join_imported(
    data_dir: Path,
    fresh: RowBuffer,
    previous: pa.Table | None,
    config: DedupConfig,
    counts: Counter,
) -> tuple[dict[str, list[str]], dict[str, dict[str, Any]]]:
    """Resources of earlier legacy imports that this crawl holds become its records' sources.

    Returns the `file:` sources each crawled record carries (kept from its published row, plus
    those of imported rows it absorbs now) and the import parts to restage without those rows."""
    extra: dict[str, list[str]] = {}
    if previous is not None and "source_urls" in previous.column_names:
        for rid, sources in zip(
            previous.column("resource_id").to_pylist(), previous.column("source_urls").to_pylist()
        ):
            if kept := imports.file_sources(sources or []):
                extra[rid] = kept
    parts: dict[str, dict[str, Any]] = {}
    for path in sorted((data_dir / "resources").glob(f"{IMPORT_PART_PREFIX}*.parquet")):
        table = publish.read_table(path)
        rows = table.select(imports.JOIN_COLUMNS).to_pylist()
        matches = imports.join(
            rows, fresh.select(imports.MATCH_COLUMNS), config.import_join_jaccard
        )
        counts["imported_resources_online"] += sum(
            r["resource_id"] not in matches and r["removed_at"] is None for r in rows
        )
        if not matches:
            continue
        for row in rows:
            if row["resource_id"] in matches:
                extra.setdefault(matches[row["resource_id"]], []).extend(
                    imports.file_sources(row["source_urls"])
                )
        gone = pa.array(sorted(matches))
        parts.setdefault("resources", {})[path.name] = table.filter(
            pc.invert(pc.is_in(table["resource_id"], gone))
        )
        audit = publish.read_table(data_dir / "removed_blocks" / path.name)
        if audit is not None:
            parts.setdefault("removed_blocks", {})[path.name] = audit.filter(
                pc.invert(pc.is_in(audit["resource_id"], gone))
            )
        counts["imported_resources_joined"] += len(matches)
    return extra, parts


def reread_pages(crawl_dir: Path, urls: set[str]) -> dict[str, list[Occurrence]]:
    """Full occurrences of some pages of a crawl, read again from the raw layer."""
    found: dict[str, list[Occurrence]] = {}
    for row in publish.iter_raw_pages(crawl_dir):
        url = row["final_url"] or row["url"]
        if url in urls and parallel.wants_extraction(row):
            occurrences, _ = parallel.extract_one(row["html"], url, row["page_kind"])
            found[url] = occurrences or []
    return found


def read_crawl_files(crawl_dir: Path) -> dict[str, Any]:
    """The crawl's own account, when it left one: stats (_crawl_stats.json) and errors (_crawl_report.json)."""
    found: dict[str, Any] = {}
    for name in ("_crawl_stats.json", "_crawl_report.json"):
        path = crawl_dir / name
        name = name.lstrip("_")  # "_" hides them from Parquet dataset readers
        if path.is_file():
            try:
                found[name.removesuffix(".json")] = json.loads(path.read_text())
            except (OSError, ValueError):
                found[name.removesuffix(".json")] = {"unreadable": str(path)}
    return found


def run_metadata(run_id: str, crawl_id: str, config: DedupConfig) -> dict[str, str]:
    """The file metadata of every table a run publishes (see datasets/README.md)."""
    return {
        "run_id": run_id,
        "crawl_id": crawl_id,
        "dedup_config": config.as_metadata(),
        "schema_versions": ",".join(f"{n}/v{v}" for n, (_, v) in TABLES.items()),
    }


def publish_result(
    data_dir: Path, result: ProcessResult, config: DedupConfig, report: dict[str, Any] | None = None
) -> None:
    """Stage the tables and the run report, then move them into place together."""
    run = run_metadata(result.run_id, result.crawl_id, config)
    with publish.Publisher(data_dir, result.run_id) as publisher:  # commit, or abort on any error
        publisher.stage("removed_blocks", result.removed_blocks, run)
        publisher.stage("merged_occurrences", result.merged, run)
        publisher.stage("resources", document_stage.linked(result.resources, result.documents), run)
        for (
            table,
            parts,
        ) in result.import_parts.items():  # imports this crawl absorbed, restaged without them
            for part_name, rows in parts.items():
                publisher.stage(table, rows.to_pylist(), run, part_name=part_name)
        if result.members is not None:
            publisher.stage("members", result.members, run)
        if result.versions:  # history: append this run's new and changed versions
            run_date = result.started_at.date().isoformat()
            publisher.stage(
                "resource_versions",
                document_stage.linked(result.versions, result.documents),
                run,
                part_name=f"run_date={run_date}/part-{result.run_id}.parquet",
            )
        document_stage.stage(publisher, result.documents, run, result.started_at, result.run_id)
        report = report or run_report(result)
        publisher.stage_report(report, report_markdown(report))


def write_failed_report(data_dir: Path, run_id: str, report: dict[str, Any]) -> None:
    """The report of a run that was not published, in DATA_DIR/runs/<run_id>/."""
    folder = data_dir / ".staging" / f"{run_id}-report"
    publish.write_report_files(folder, report, report_markdown(report))
    publish.write_report_dir(data_dir, run_id, folder)


def check_monitors(data_dir: Path, report: dict[str, Any], accept_drop: bool) -> None:
    """Fail the run (its report written, nothing published) when a monitor objects, unless
    the user accepted the drop; the reasons are recorded either way."""
    report["monitors"] = monitors.failures(report, good_reports(data_dir))
    if report["monitors"] and accept_drop:
        report["monitors_accepted"], report["monitors"] = report["monitors"], []
    if report["monitors"]:
        report["status"] = "failed"
        write_failed_report(data_dir, report["run_id"], report)
        raise PipelineError(
            "monitors failed, the previous dataset is kept: "
            + "; ".join(report["monitors"])
            + " (--accept-drop publishes anyway)"
        )


def publish_guarded(
    data_dir: Path,
    result: ProcessResult,
    config: DedupConfig,
    report: dict[str, Any],
    accept_drop: bool = False,
) -> None:
    """Publish a processing run when the monitors pass; then prune raw crawls past their keep."""
    check_monitors(data_dir, report, accept_drop)
    publish.checkpoint("process:before-publish")
    publish_result(data_dir, result, config, report=report)
    publish.prune_raw(data_dir, keep={result.crawl_id})


def run_report(result: ProcessResult) -> dict[str, Any]:
    """The machine-readable summary of a processing run."""
    c = result.counts
    duplicates = sum(
        v
        for k, v in c.items()
        if k in {"removed_exact_duplicate", "removed_near_duplicate", "removed_summary_copy"}
    )
    stats = result.crawl.get("crawl_stats", {})
    crawl_errors = result.crawl.get("crawl_report", {}).get("error_counts", {})
    errors = Counter(e["kind"] for e in result.errors)
    errors.update(crawl_errors)
    totals = (
        result.resources.totals
        if isinstance(result.resources, State)
        else state_totals(result.resources)
    )
    return {
        "run_id": result.run_id,
        "crawl_id": result.crawl_id,
        "mode": result.mode,
        "started_at": result.started_at.isoformat() if result.started_at else None,
        "status": "ok",
        "finished_at": datetime.now(UTC).isoformat(),
        "processing_seconds": round(result.seconds, 2),
        "pages_read": c["pages_read"],
        # pages the crawl stored (robots.txt is fetched but not a page): the count of the crawl's
        # summary
        "pages_fetched": sum(int(v) for k, v in stats.items() if k.startswith("rtes/pages/"))
        or c["pages_read"],
        # Scrapy's downloader stats count what its HTTP cache hands back (a 304 becomes the cached
        # 200), so the spider counts network bytes itself and the cache counts the 304s.
        "bytes_downloaded": int(
            stats.get("rtes/bytes/network", stats.get("downloader/response_bytes", 0))
        ),
        "not_modified": int(stats.get("httpcache/revalidate", 0))
        + int(stats.get("downloader/response_status_count/304", 0)),
        **{
            f"resources_{k}": len(result.changes.get(v, []))
            for k, v in (
                ("new", "added"),
                ("changed", "edited"),
                ("unchanged", "unchanged"),
                ("removed", "removed"),
            )
        },
        "changes": {k: v for k, v in result.changes.items() if k != "unchanged"},
        "resources_written": totals["written"],
        # every part of the table: the crawl's and the legacy imports' resources not joined with it
        "resources_online": totals["online"] + c["imported_resources_online"],
        "private_resources": totals["private"],
        "occurrences_merged": c["occurrences_merged_by_identity"]
        + c["resources_merged_by_content"],
        "duplicates_removed": duplicates,
        "fallback_extractions": c["extraction_fallback"],
        "fallback_urls": result.fallback_urls[:REPORT_LISTED_URLS],
        "pages_by_class": {
            k[len("page_class_") :]: v for k, v in sorted(c.items()) if k.startswith("page_class_")
        },
        "members_written": c["members_written"],
        "removed_blocks_by_reason": {
            k[len("removed_") :]: v for k, v in sorted(c.items()) if k.startswith("removed_")
        },
        "counts": dict(sorted(c.items())),
        "errors": dict(sorted(errors.items())),
        "error_details": result.errors[:REPORT_LISTED_URLS],
        # for report.html: links to the changed pages, pages by kind, the crawl's failed URLs
        "site_url": result.site_url or None,
        "pages_by_kind": {
            k.removeprefix("rtes/pages/"): int(v)
            for k, v in sorted(stats.items())
            if k.startswith("rtes/pages/")
        },
        "crawl_errors": result.crawl.get("crawl_report", {}).get("errors", [])[:REPORT_LISTED_URLS],
        **document_stage.report(result.documents),
    }


def report_markdown(report: dict[str, Any]) -> str:
    """A short human-readable version of the report."""
    lines = [f"# Run {report['run_id']}", "", f"- status: **{report['status']}**"]
    lines += [f"- why: {reason}" for reason in report.get("monitors") or []]
    if report.get("failure"):
        lines.append(f"- failure: {report['failure']}")
    for key in (
        "crawl_id",
        "strategy",
        "started_at",
        "finished_at",
        "pages_fetched",
        "bytes_downloaded",
        "not_modified",
        "resources_new",
        "resources_changed",
        "resources_unchanged",
        "resources_removed",
        "resources_online",
        "private_resources",
        "occurrences_merged",
        "duplicates_removed",
        "fallback_extractions",
        "documents_written",
        "documents_extracted",
        "documents_reused",
        "documents_by_extraction",
        "document_near_duplicates",
        "processing_seconds",
    ):
        if key in report:
            lines.append(f"- {key.replace('_', ' ')}: {report[key]}")
    for kind, paths in (report.get("changes") or {}).items():
        if paths and len(paths) <= REPORT_LISTED_CHANGES:
            lines.append(f"- {kind}: {', '.join(paths)}")
    if report.get("fallback_urls"):
        lines += ["", "## Pages read by the generic fallback (their markup was not recognised)", ""]
        lines += [f"- {url}" for url in report["fallback_urls"]]
    removed = report.get("removed_blocks_by_reason") or {}
    lines += ["", "## Removed blocks by reason", ""] + (
        [f"- {k}: {v}" for k, v in removed.items()] or ["- none"]
    )
    errors = report.get("errors") or {}
    lines += ["", "## Errors", ""] + ([f"- {k}: {v}" for k, v in errors.items()] or ["- none"])
    return "\n".join(lines) + "\n"


def summary_line(result: ProcessResult, data_dir: Path) -> str:
    """The one-paragraph summary printed at the end of a run."""
    r = run_report(result)
    return (
        f"Published {r['resources_written']} resources ({r['private_resources']} private) from "
        f"{r['pages_read']} pages of crawl {result.crawl_id}: {r['duplicates_removed']} duplicate blocks "
        f"removed, {r['occurrences_merged']} page occurrences merged, {r['fallback_extractions']} fallback "
        f"extractions, {sum(r['errors'].values())} errors -> {data_dir / 'resources'}"
    )
