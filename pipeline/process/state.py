"""Stage 5, change state: this crawl's records against the published table → the next table.

Change tracking decides per resource id from light rows (pipeline.changes.plan_changes:
added, edited, unchanged, removed); `State` is the next resources table, streamed: this
run's records and the published rows it carries, in resource id order, each with its
decision applied, and the history rows (`versions`) of the new and changed ones.
Nothing is copied: publishing reads it batch by batch.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from pipeline import publish
from pipeline.changes import (
    LIGHT_COLUMNS,
    Decision,
    Evidence,
    plan_changes,
    record_hash,
    url_path,
    version_row,
)
from pipeline.merge import FIELD_COLUMNS, META_COLUMNS
from pipeline.process.assemble import Assembled, ShownBefore
from pipeline.rows import RowBuffer

STATE_TAKE_ROWS = 512  # carried published rows read back at a time while publishing
EMPTY_BODY_HASH = "e3b0c44298fc1c149afbf4c8996fb924"  # content_hash of no body before resources v3
DOCUMENT_LINK_COLUMNS = ["resource_id", "documents"]


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


@dataclass
class Published:
    """The published resources table, whole (read lazily by Arrow) and as light rows."""

    table: pa.Table | None
    light: list[dict[str, Any]]  # LIGHT_COLUMNS of every row: what change tracking reads

    @classmethod
    def read(cls, data_dir: Path) -> Published:
        return cls.of(publish.read_table(data_dir / "resources" / publish.PART_NAME))

    @classmethod
    def of(cls, table: pa.Table | None) -> Published:
        """A published table (None: nothing published yet) with its light rows."""
        if table is None:
            return cls(None, [])
        if not set(LIGHT_COLUMNS) <= set(table.column_names):  # v1: from whole rows (old, small)
            light = [{c: upgrade_row(r)[c] for c in LIGHT_COLUMNS} for r in table.to_pylist()]
            return cls(table, light)
        return cls(table, table.select(list(LIGHT_COLUMNS)).to_pylist())

    def shown_lookup(self) -> ShownBefore:
        """resource id → the published values of its fields and dates (FIELD_COLUMNS,
        META_COLUMNS), read on demand."""
        if self.table is None:
            return lambda _rid: None
        index = {rid: i for i, rid in enumerate(self.table.column("resource_id").to_pylist())}
        fields = self.table.select([*FIELD_COLUMNS, *META_COLUMNS])

        def lookup(resource_id: str) -> dict[str, Any] | None:
            i = index.get(resource_id)
            return None if i is None else fields.slice(i, 1).to_pylist()[0]

        return lookup


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
    carries, merged in resource id order, each with its change decision applied."""

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

    def _carried_ids(self) -> list[str]:
        return [rid for rid, decision in self.plan.items() if not decision.fresh]

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

    def online_documents(self) -> list[dict[str, Any]]:
        """resource_id and documents of every resource online in this state (light: no text)."""
        rows = list(self.fresh.select(DOCUMENT_LINK_COLUMNS))
        if self.previous is not None:
            table = self.previous.select(DOCUMENT_LINK_COLUMNS)
            carried = pa.array(sorted(self._carried_ids()), type=pa.string())
            rows += table.filter(pc.is_in(table["resource_id"], value_set=carried)).to_pylist()
        gone = {rid for rid, d in self.plan.items() if d.change in ("removed", "already_removed")}
        return [r for r in rows if r["resource_id"] not in gone]


@dataclass
class NewVersions:
    """The history rows of a State, iterable as often as needed; false when there are none."""

    state: State

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self.state.versions()

    def __bool__(self) -> bool:
        return any(d.fresh and d.new_version for d in self.state.plan.values())


@dataclass
class Planned:
    """The change decisions of a run, on light rows of its records."""

    light: list[dict[str, Any]]  # LIGHT_COLUMNS of this run's records
    plan: dict[str, Decision]
    changes: dict[str, list[str]]  # added / edited / removed / unchanged → paths

    @property
    def carried(self) -> set[str]:
        return {rid for rid, decision in self.plan.items() if not decision.fresh}


def plan_state(
    built: Assembled, published: Published, evidence: Evidence, incremental: bool, now: datetime
) -> Planned:
    """Decide every resource's change. In an incremental crawl a known resource seen only on a
    listing is confirmed online, not re-read: its record is dropped, its published row kept."""
    light = built.resources.select(list(LIGHT_COLUMNS))
    if incremental:
        known = {r["resource_id"] for r in published.light if r.get("removed_at") is None}
        seen_only = {rid for rid in built.listing_only if rid in known}
        evidence.online_paths |= {
            url_path(r["url"]) for r in light if r["resource_id"] in seen_only
        }
        light = [r for r in light if r["resource_id"] not in seen_only]
        for rows in (built.resources, built.removed, built.merged):
            rows.drop_where("resource_id", seen_only)
    plan, changes = plan_changes(light, published.light, evidence, now=now)
    return Planned(light, plan, changes)


def carry_audit(data_dir: Path, table: str, keep_ids: set[str], into: RowBuffer) -> None:
    """Add the published version's audit rows of resources this run did not re-process."""
    found = publish.read_table(data_dir / table / publish.PART_NAME)
    if found is not None and keep_ids:
        into.extend_table(
            found.filter(pc.is_in(found["resource_id"], value_set=pa.array(sorted(keep_ids))))
        )


def next_state(
    built: Assembled,
    published: Published,
    planned: Planned,
    run_id: str,
    extra_sources: dict[str, list[str]],
) -> State:
    """The next resources table: this run's records and the carried published rows."""
    carried = planned.carried
    light = planned.light + [r for r in published.light if r["resource_id"] in carried]
    return State(built.resources, published.table, planned.plan, run_id, light, extra_sources)
