"""pipeline.changes: what is new, changed, unchanged or removed, and the history rows."""

from datetime import UTC, date, datetime

from pipeline.changes import Evidence, reconcile, record_hash

T0 = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)
T1 = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)


def record(rid, body="Un paragraphe.", seen=T1, **extra):
    row = {
        "resource_id": rid,
        "url": f"https://www.rtes.fr/{rid}",
        "source_urls": [],
        "title": f"Titre {rid}",
        "summary": None,
        "body": body,
        "paragraphs": [body],
        "resource_type": "Guide",
        "is_private": False,
        "categories": [],
        "documents": [],
        "published_date": date(2020, 1, 1),
        "content_hash": "h",
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


def test_new_changed_unchanged_are_told_apart():
    before = published(record("a"), record("b"))
    fresh = [record("a"), record("b", body="Un paragraphe réécrit."), record("c")]
    result = reconcile(fresh, before, Evidence(detects_removals=True), now=T1, run_id="r1")
    assert result.changes == {"added": ["/c"], "edited": ["/b"], "removed": [], "unchanged": ["/a"]}
    assert [(v["resource_id"], v["change"]) for v in result.versions] == [
        ("b", "changed"),
        ("c", "new"),
    ]


def test_unchanged_keeps_first_seen_and_last_changed():
    [a] = reconcile(
        [record("a")], published(record("a")), Evidence(True), now=T1, run_id="r"
    ).resources
    assert (a["first_seen_at"], a["last_changed_at"], a["last_seen_at"]) == (T0, T0, T1)


def test_chrome_only_differences_are_not_changes():
    before = published(record("a"))
    fresh = [record("a", source_urls=["https://www.rtes.fr/ressources?page=3"], crawl_id="c2")]
    result = reconcile(fresh, before, Evidence(True), now=T1, run_id="r")
    assert result.changes["edited"] == [] and result.versions == []


def test_a_full_pass_flags_a_missing_resource_and_keeps_its_row():
    result = reconcile(
        [record("a")], published(record("a"), record("gone")), Evidence(True), now=T1, run_id="r"
    )
    gone = next(r for r in result.resources if r["resource_id"] == "gone")
    assert gone["removed_at"] == T1 and gone["body"] == "Un paragraphe."
    assert result.changes["removed"] == ["/gone"]


def test_sitemap_evidence_keeps_unfetched_resources_online():
    evidence = Evidence(detects_removals=True, online_paths={"/b"})
    result = reconcile([], published(record("b")), evidence, now=T1, run_id="r")
    assert result.changes["unchanged"] == ["/b"] and result.resources[0]["removed_at"] is None
    assert result.resources[0]["last_seen_at"] == T1


def test_listing_strategy_cannot_tell_a_removal_but_a_404_can():
    before = published(record("a"), record("b"))
    result = reconcile(
        [], before, Evidence(detects_removals=False, gone_paths={"/b"}), now=T1, run_id="r"
    )
    assert result.changes["removed"] == ["/b"] and result.changes["unchanged"] == ["/a"]


def test_an_already_removed_resource_is_not_removed_twice():
    before = [dict(published(record("x"))[0], removed_at=T0)]
    result = reconcile([], before, Evidence(True), now=T1, run_id="r")
    assert result.changes["removed"] == [] and result.resources[0]["removed_at"] == T0


def test_record_hash_covers_fields_not_urls():
    assert record_hash(record("a")) != record_hash(record("a", categories=["Emploi"]))
    assert record_hash(record("a")) == record_hash(record("a", url="https://www.rtes.fr/node/1"))
