"""Change tracking as a run does it: plan_changes's decisions applied by the streamed State
(pipeline/process/state.py): what is new, changed, unchanged or removed, and the history rows."""

from datetime import UTC, date, datetime

import pyarrow as pa

from pipeline.changes import Evidence, record_hash
from pipeline.process.assemble import Assembled
from pipeline.process.state import EMPTY_BODY_HASH, NewVersions, Published, next_state, plan_state
from rtes_core.schemas import RESOURCES

T0 = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)
T1 = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)


def record(rid, body="Un paragraphe.", seen=T1, **extra):
    row = {
        "resource_id": rid,
        "url": f"https://www.rtes.fr/{rid}",
        "source_urls": [],
        "kind": "resource",
        "title": f"Titre {rid}",
        "summary": None,
        "body": body,
        "paragraphs": [body],
        "resource_type": "Guide",
        "is_private": False,
        "categories": [],
        "documents": [],
        "tags": [],
        "published_date": date(2020, 1, 1),
        "updated_date": None,
        "content_hash": "h",
        "extraction_method": "drupal_fields",
        "first_seen_at": seen,
        "last_seen_at": seen,
        "crawl_id": "c",
        "removed_at": None,
    }
    row.update(extra)
    row["record_hash"] = record_hash(row)
    row["last_changed_at"] = seen
    return row


def published(*rows):
    return [dict(r, first_seen_at=T0, last_seen_at=T0, last_changed_at=T0) for r in rows]


def run(fresh, before, evidence, incremental=False, extra_sources=None):
    """The next table, its history rows and the changes, as run_processing computes them."""
    built = Assembled()
    built.resources.extend(fresh)
    table = pa.Table.from_pylist(before, schema=RESOURCES) if before else None
    previous = Published.of(table)
    planned = plan_state(built, previous, evidence, incremental, now=T1)
    state = next_state(built, previous, planned, "r1", extra_sources or {})
    return list(state), list(NewVersions(state)), planned.changes, state


def test_new_changed_unchanged_are_told_apart():
    before = published(record("a"), record("b"))
    fresh = [record("a"), record("b", body="Un paragraphe réécrit."), record("c")]
    rows, versions, changes, _ = run(fresh, before, Evidence(detects_removals=True))
    assert changes == {"added": ["/c"], "edited": ["/b"], "removed": [], "unchanged": ["/a"]}
    assert [(v["resource_id"], v["change"], v["run_id"]) for v in versions] == [
        ("b", "changed", "r1"),
        ("c", "new", "r1"),
    ]
    assert [r["resource_id"] for r in rows] == ["a", "b", "c"]


def test_unchanged_keeps_first_seen_and_last_changed():
    [a], versions, _, _ = run([record("a")], published(record("a")), Evidence(True))
    assert (a["first_seen_at"], a["last_changed_at"], a["last_seen_at"]) == (T0, T0, T1)
    assert versions == []


def test_chrome_only_differences_are_not_changes():
    before = published(record("a"))
    fresh = [record("a", source_urls=["https://www.rtes.fr/ressources?page=3"], crawl_id="c2")]
    [a], versions, changes, _ = run(fresh, before, Evidence(True))
    assert changes["edited"] == [] and versions == []
    assert a["source_urls"] == ["https://www.rtes.fr/ressources?page=3"]  # the new rendering's


def test_a_full_pass_flags_a_missing_resource_and_keeps_its_row():
    rows, _, changes, state = run(
        [record("a")], published(record("a"), record("gone")), Evidence(True)
    )
    gone = next(r for r in rows if r["resource_id"] == "gone")
    assert gone["removed_at"] == T1 and gone["body"] == "Un paragraphe."
    assert changes["removed"] == ["/gone"]
    assert state.totals == {"written": 2, "online": 1, "private": 0}


def test_sitemap_evidence_keeps_unfetched_resources_online():
    evidence = Evidence(detects_removals=True, online_paths={"/b"})
    [b], _, changes, _ = run([], published(record("b")), evidence)
    assert changes["unchanged"] == ["/b"] and b["removed_at"] is None
    assert b["last_seen_at"] == T1


def test_listing_strategy_cannot_tell_a_removal_but_a_404_can():
    before = published(record("a"), record("b"))
    _, _, changes, _ = run([], before, Evidence(detects_removals=False, gone_paths={"/b"}))
    assert changes["removed"] == ["/b"] and changes["unchanged"] == ["/a"]


def test_an_already_removed_resource_is_not_removed_twice():
    before = [dict(published(record("x"))[0], removed_at=T0)]
    [x], _, changes, _ = run([], before, Evidence(True))
    assert changes["removed"] == [] and x["removed_at"] == T0


def test_a_resource_flagged_by_mistake_is_online_again_when_the_sitemap_lists_it():
    before = [dict(published(record("x"))[0], removed_at=T0)]
    evidence = Evidence(detects_removals=True, online_paths={"/x"}, sitemap_seen=True)
    [x], _, changes, _ = run([], before, evidence)
    assert changes["unchanged"] == ["/x"] and (x["removed_at"], x["last_seen_at"]) == (None, T1)


def test_an_incremental_crawl_confirms_a_listing_only_resource_without_replacing_its_row():
    before = published(record("a", body="Le texte complet publié."))
    built_listing_copy = record("a", body="Un extrait de liste.")
    built = Assembled()
    built.resources.append(built_listing_copy)
    built.listing_only.add("a")
    previous = Published.of(pa.Table.from_pylist(before, schema=RESOURCES))
    evidence = Evidence(detects_removals=False)
    planned = plan_state(built, previous, evidence, incremental=True, now=T1)
    [a] = list(next_state(built, previous, planned, "r1", {}))
    assert a["paragraphs"] == ["Le texte complet publié."]  # the published row, not the excerpt
    assert (a["last_seen_at"], planned.changes["unchanged"]) == (T1, ["/a"])


def test_carried_rows_of_an_older_schema_are_upgraded_and_imports_keep_their_sources():
    old = dict(published(record("v2"))[0], kind=None, content_hash=EMPTY_BODY_HASH)
    fresh = [record("a")]
    rows, _, _, _ = run(fresh, [old], Evidence(False), extra_sources={"a": ["file:x.txt#L1"]})
    by_id = {r["resource_id"]: r for r in rows}
    assert (by_id["v2"]["kind"], by_id["v2"]["content_hash"]) == ("resource", None)
    assert by_id["a"]["source_urls"] == ["file:x.txt#L1"]


def test_online_documents_leave_out_removed_resources():
    doc = {"title": "Guide", "url": "https://www.rtes.fr/g.pdf", "document_id": None}
    before = published(record("kept", documents=[doc]), record("gone", documents=[doc]))
    fresh = [record("new", documents=[doc])]
    evidence = Evidence(detects_removals=True, online_paths={"/kept"})
    _, _, _, state = run(fresh, before, evidence)
    assert sorted(r["resource_id"] for r in state.online_documents()) == ["kept", "new"]


def test_record_hash_covers_fields_not_urls():
    assert record_hash(record("a")) != record_hash(record("a", categories=["Emploi"]))
    assert record_hash(record("a")) == record_hash(record("a", url="https://www.rtes.fr/node/1"))
