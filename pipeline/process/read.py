"""Stage 1, read and extract: a crawl's raw pages → the occurrences of resources on them.

Pages are extracted on both cores in page order (pipeline.parallel) and each occurrence is
compacted in the worker that parsed it (pipeline/process/compaction.py). A page that fails is
reported, never fatal. Besides occurrences, the crawl says which paths are online (its
sitemap) and which are gone (404/410 answers): that goes into the run's `Evidence`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline import parallel, progress, publish
from pipeline.changes import Evidence
from pipeline.clean import Cleaner
from pipeline.process.compaction import Compactor
from pipeline.process.log import log
from rtes_core.extract import RECORD_KINDS, Occurrence
from rtes_core.incremental import sitemap_entries
from rtes_core.urls import url_path

GONE_STATUSES = {404, 410}  # a detail page answering these: the resource was removed
PROGRESS_EVERY = 200  # pages between progress lines


@dataclass
class Page:
    """What the processing stage keeps of a raw page besides its occurrences."""

    url: str
    kind: str
    fetched_at: datetime


@dataclass
class PagesRead:
    """What the read stage found: occurrences (page order), pages by URL, and its counts."""

    evidence: Evidence
    occurrences: list[Occurrence] = field(default_factory=list)
    pages: dict[str, Page] = field(default_factory=dict)
    members: list[Occurrence] = field(default_factory=list)  # member profiles and region listings
    fallback_urls: list[str] = field(default_factory=list)  # generic route, or no kind recognised
    counts: Counter = field(default_factory=Counter)
    errors: list[dict[str, str]] = field(default_factory=list)

    def add(self, row: dict[str, Any], found: list[Occurrence]) -> None:
        """One extracted page: its occurrences sorted into records, members and others."""
        url = row["final_url"] or row["url"]
        kind = row["page_kind"]
        self.pages[url] = Page(url, kind, row["fetched_at"])
        self.counts[f"pages_{kind}"] += 1
        self.counts[f"page_class_{found[0].page_class if found else 'other'}"] += 1
        if not any(o.kind in RECORD_KINDS for o in found):
            self.counts[f"pages_without_resource_{kind}"] += 1
            if kind == "detail" and (not found or found[0].page_class == "other"):
                self.fallback_urls.append(url)  # not read as any kind of page: markup unknown
        for occ in found:
            if kind == "other" and occ.page_kind == "listing":
                continue  # the front page's teasers (the crawl classes it "other"): a showcase,
                # not a listing its items are filed under, so no source URL of theirs
            if occ.kind in RECORD_KINDS:
                self.counts[f"extraction_{occ.method}"] += 1
                if occ.method == "fallback":
                    self.fallback_urls.append(url)
            if occ.kind == "member":
                self.members.append(occ)
            elif occ.kind != "other":  # basic pages and newsletters join a record only by identity
                self.occurrences.append(occ)


def note_evidence(row: dict[str, Any], evidence: Evidence) -> None:
    """What a raw row says beyond its page: the sitemap's entries, a resource gone."""
    if row["page_kind"] == "sitemap" and row["status"] == 200 and row["html"]:
        evidence.online_paths |= set(sitemap_entries(row["html"]))  # what the site says is online
        evidence.sitemap_seen = True
    if row["status"] in GONE_STATUSES:
        evidence.gone_paths.add(url_path(row["url"]))


def skipped_key(row: dict[str, Any]) -> str:
    """The count of a row that is not a 200 HTML detail or listing page."""
    return f"pages_skipped_{'status_' + str(row['status']) if row['status'] != 200 else 'not_html'}"


def read_pages(crawl_dir: Path, cleaner: Cleaner, evidence: Evidence) -> PagesRead:
    """Occurrences of every HTML page of the crawl, compacted; evidence collected on the way."""
    found = PagesRead(evidence)
    with progress.StageProgress("processing pages", publish.raw_row_count(crawl_dir)) as bar:
        rows = parallel.extract_rows(publish.iter_raw_pages(crawl_dir), prepare=Compactor(cleaner))
        for n, (row, extracted) in enumerate(rows, 1):  # both cores, in order
            found.counts["pages_read"] += 1
            bar.advance()
            note_evidence(row, evidence)
            if extracted is None:
                found.counts[skipped_key(row)] += 1
                continue
            occurrences, failure = extracted
            if failure is not None:
                url = row["final_url"] or row["url"]
                found.errors.append({"url": url, "kind": "extract_error", "detail": failure})
                continue
            found.add(row, occurrences)
            if n % PROGRESS_EVERY == 0:
                log(f"  processed {n} pages, {len(found.occurrences)} resource occurrences so far")
    return found


def reread_pages(crawl_dir: Path, urls: set[str]) -> dict[str, list[Occurrence]]:
    """Full occurrences of some pages of a crawl, read again from the raw layer."""
    found: dict[str, list[Occurrence]] = {}
    for row in publish.iter_raw_pages(crawl_dir):
        url = row["final_url"] or row["url"]
        if url in urls and parallel.wants_extraction(row):
            occurrences, _ = parallel.extract_one(row["html"], url, row["page_kind"])
            found[url] = occurrences or []
    return found
