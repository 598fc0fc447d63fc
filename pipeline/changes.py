"""Change tracking: this run's records against the published state → a decision per resource.

Pure: light rows in, decisions out; the processing stage's State (pipeline/process/state.py)
applies them while it streams the next table and its history rows. A change is a change of a
content column (`CONTENT_COLUMNS`: cleaned text and fields), never of page chrome, URLs or
fetch times, so a page that was only re-rendered (listing reordered, footer timestamp) is
unchanged. A resource missing from the site is kept and flagged (`removed_at`), never
deleted, so notebooks can still join on it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rtes_core.schemas import CONTENT_COLUMNS
from rtes_core.urls import site_relative, url_path


def record_hash(record: dict[str, Any]) -> str:
    """Hash of a record's content columns: equal hashes, same content.

    Links inside the content (the documents' URLs) count by their site-relative form: the same
    site served at another address (http→https, www→bare host, another port) is no change."""
    values = [record.get(c) for c in CONTENT_COLUMNS]
    if "documents" in CONTENT_COLUMNS and values[CONTENT_COLUMNS.index("documents")]:
        values[CONTENT_COLUMNS.index("documents")] = [
            {**d, "url": site_relative(d.get("url"))}
            for d in values[CONTENT_COLUMNS.index("documents")]
        ]
    payload = json.dumps(values, default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


@dataclass
class Evidence:
    """What this run's crawl says about resources it did not re-process."""

    detects_removals: bool  # full pass or sitemap: a resource absent from it is gone
    online_paths: set[str] = field(
        default_factory=set
    )  # confirmed online without re-fetch (sitemap, listings)
    gone_paths: set[str] = field(default_factory=set)  # answered 404/410
    sitemap_seen: bool = False


# The columns change tracking reads: a light view of a resources table (no text).
LIGHT_COLUMNS = (
    "resource_id",
    "url",
    "record_hash",
    "first_seen_at",
    "last_seen_at",
    "last_changed_at",
    "removed_at",
    "is_private",
)


@dataclass
class Decision:
    """What this run does to one resource's row: its change, and the columns it sets."""

    change: str  # added | edited | unchanged | removed | already_removed
    fresh: bool  # the row is this run's record (else the published row, carried)
    updates: dict[str, Any]

    @property
    def new_version(self) -> bool:
        return self.change in ("added", "edited")


def fresh_decision(record: dict[str, Any], old: dict[str, Any] | None) -> Decision:
    """What this run does to a resource it re-read: added, edited (or back online), unchanged."""
    if (
        old is None
        or old.get("removed_at") is not None
        and old["record_hash"] != record["record_hash"]
    ):
        kind, changed_at = ("added" if old is None else "edited"), record["last_seen_at"]
    elif old["record_hash"] != record["record_hash"]:
        kind, changed_at = "edited", record["last_seen_at"]
    else:
        kind, changed_at = "unchanged", old["last_changed_at"]
    updates = {"last_changed_at": changed_at, "removed_at": None}
    if old is not None:
        updates["first_seen_at"] = min(record["first_seen_at"], old["first_seen_at"])
    return Decision(kind, True, updates)


def carried_decision(old: dict[str, Any], evidence: Evidence, now: datetime) -> Decision:
    """What this run does to a published resource it did not re-read, from the crawl's evidence."""
    path = url_path(old["url"])
    if (
        old.get("removed_at") is not None
        and path in evidence.online_paths
        and evidence.sitemap_seen
    ):
        # the sitemap lists it: flagged by mistake (a crawl that did not look), online again
        return Decision("unchanged", False, {"removed_at": None, "last_seen_at": now})
    if old.get("removed_at") is not None:
        return Decision("already_removed", False, {})  # flagged in an earlier run
    if path in evidence.gone_paths or (
        evidence.detects_removals and path not in evidence.online_paths
    ):
        return Decision("removed", False, {"removed_at": now})
    return Decision(
        "unchanged", False, {"last_seen_at": now} if path in evidence.online_paths else {}
    )


def plan_changes(
    fresh: Iterable[dict[str, Any]],
    previous: Iterable[dict[str, Any]],
    evidence: Evidence,
    now: datetime,
) -> tuple[dict[str, Decision], dict[str, list[str]]]:
    """Decisions per resource id, and the changed paths, from light rows (LIGHT_COLUMNS) only.

    Applied by the processing stage's State (pipeline/process/state.py) while it streams."""
    before = {r["resource_id"]: r for r in previous}
    changes: dict[str, list[str]] = {"added": [], "edited": [], "removed": [], "unchanged": []}
    plan: dict[str, Decision] = {}
    for record in fresh:
        plan[record["resource_id"]] = decision = fresh_decision(
            record, before.get(record["resource_id"])
        )
        changes[decision.change].append(url_path(record["url"]))
    for rid, old in before.items():
        if rid not in plan:
            plan[rid] = decision = carried_decision(old, evidence, now)
            if decision.change != "already_removed":
                changes[decision.change].append(url_path(old["url"]))
    for values in changes.values():
        values.sort(key=lambda p: p or "")
    return plan, changes


def version_row(record: dict[str, Any], decision: Decision, run_id: str) -> dict[str, Any]:
    """The history row of a new or changed record (its decision applied)."""
    row = {c: record.get(c) for c in CONTENT_COLUMNS}  # a test or v2 record may lack the v3 columns
    row.update(
        resource_id=record["resource_id"],
        url=record["url"],
        change="new" if decision.change == "added" else "changed",
        valid_from=record["last_changed_at"],
        run_id=run_id,
        crawl_id=record["crawl_id"],
        content_hash=record["content_hash"],
        record_hash=record["record_hash"],
    )
    return row
