"""Change tracking: this run's records against the published state → new state and history rows.

Pure: records in, records out. A change is a change of a content column (`CONTENT_COLUMNS`:
cleaned text and fields), never of page chrome, URLs or fetch times, so a page that was only
re-rendered (listing reordered, footer timestamp) is unchanged. A resource missing from the
site is kept and flagged (`removed_at`), never deleted, so notebooks can still join on it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from pipeline.schemas import CONTENT_COLUMNS


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


def url_path(url: str | None) -> str | None:
    """Path of a URL, without trailing slash: how the sitemap and the dataset name the same page."""
    return (urlsplit(url).path.rstrip("/") or "/") if url else None


def site_relative(url: str | None) -> str | None:
    """A URL without scheme and host (path, query): its identity on the site, wherever it is served."""
    if not url:
        return url
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@dataclass
class Evidence:
    """What this run's crawl says about resources it did not re-process."""

    detects_removals: bool  # full pass or sitemap: a resource absent from it is gone
    online_paths: set[str] = field(
        default_factory=set
    )  # confirmed online without re-fetch (sitemap, listings)
    gone_paths: set[str] = field(default_factory=set)  # answered 404/410
    sitemap_seen: bool = False


@dataclass
class Reconciled:
    """The new state of the resources table, the history rows, and what changed."""

    resources: list[dict[str, Any]]
    versions: list[dict[str, Any]]
    changes: dict[str, list[str]]  # added / edited / removed / unchanged → resource URLs (paths)


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


def plan_changes(
    fresh: Iterable[dict[str, Any]],
    previous: Iterable[dict[str, Any]],
    evidence: Evidence,
    now: datetime,
) -> tuple[dict[str, Decision], dict[str, list[str]]]:
    """Decisions per resource id, and the changed paths, from light rows (LIGHT_COLUMNS) only."""
    before = {r["resource_id"]: r for r in previous}
    changes: dict[str, list[str]] = {"added": [], "edited": [], "removed": [], "unchanged": []}
    plan: dict[str, Decision] = {}
    for record in fresh:
        old = before.get(record["resource_id"])
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
        changes[kind].append(url_path(record["url"]))
        plan[record["resource_id"]] = Decision(kind, True, updates)
    for rid, old in before.items():
        if rid in plan:
            continue
        path = url_path(old["url"])
        if (
            old.get("removed_at") is not None
            and path in evidence.online_paths
            and evidence.sitemap_seen
        ):
            # the sitemap lists it: flagged by mistake (a crawl that did not look), online again
            decision = Decision("unchanged", False, {"removed_at": None, "last_seen_at": now})
            changes["unchanged"].append(path)
        elif old.get("removed_at") is not None:
            decision = Decision("already_removed", False, {})  # flagged in an earlier run
        elif path in evidence.gone_paths or (
            evidence.detects_removals and path not in evidence.online_paths
        ):
            decision = Decision("removed", False, {"removed_at": now})
            changes["removed"].append(path)
        else:
            decision = Decision(
                "unchanged", False, {"last_seen_at": now} if path in evidence.online_paths else {}
            )
            changes["unchanged"].append(path)
        plan[rid] = decision
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


def reconcile(
    fresh: list[dict[str, Any]],
    previous: list[dict[str, Any]],
    evidence: Evidence,
    now: datetime,
    run_id: str,
) -> Reconciled:
    """Merge this run's records into the published state; history rows for new and changed ones.

    The in-memory form of plan_changes (a processing run applies the same plan while streaming)."""
    for record in fresh:
        record["record_hash"] = record_hash(record)
    plan, changes = plan_changes(fresh, previous, evidence, now)
    state = {r["resource_id"]: dict(r) for r in previous}
    versions = []
    for record in fresh:
        decision = plan[record["resource_id"]]
        record.update(decision.updates)
        state[record["resource_id"]] = record
        if decision.new_version:
            versions.append(version_row(record, decision, run_id))
    for rid, decision in plan.items():
        if not decision.fresh:
            state[rid].update(decision.updates)
    return Reconciled(sorted(state.values(), key=lambda r: r["resource_id"]), versions, changes)
