"""Unit tests of the data-directory integrity pieces: leftovers, reports inside versions, raw
pruning, crawl manifests and verdicts, run report order, imports joined with the crawl, fields a
partial re-fetch does not show, site-relative identity of links."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline import imports, publish
from pipeline.changes import Evidence, plan_changes, record_hash
from pipeline.config import DEFAULT_DEDUP
from pipeline.errors import PipelineError
from pipeline.lock import LOCK_HELD_ENV, RunLock
from pipeline.process import Page, Processor
from pipeline.runs import latest_report_dir, run_reports
from rtes_core.extract import Block, Occurrence

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def publish_version(data_dir: Path, run_id: str, checkpoint: str | None = None) -> None:
    with publish.Publisher(data_dir, run_id) as publisher:
        publisher.stage("removed_blocks", [], {"run_id": run_id})
        publisher.stage_report(
            {"run_id": run_id, "status": "ok", "finished_at": run_id}, f"# Run {run_id}\n"
        )


def test_leftover_files_and_folders_are_really_removed(tmp_path):
    staging = tmp_path / ".staging"
    (staging / "run-1" / "version").mkdir(parents=True)
    (staging / "run-1-crawl-state.json").write_text("{}")
    removed = publish.clear_leftovers(tmp_path)
    assert len(removed) == 2
    assert list(staging.iterdir()) == []
    assert publish.clear_leftovers(tmp_path) == []  # the next run finds nothing left


def test_the_report_travels_inside_the_published_version(tmp_path):
    publish_version(tmp_path, "20261201T000000000000Z")
    version = publish.current_version(tmp_path)
    assert (
        json.loads((version / publish.RUN_DIR / "report.json").read_text())["run_id"]
        == version.name
    )
    assert (tmp_path / "runs" / version.name / "report.md").read_text() == f"# Run {version.name}\n"


def test_a_later_version_does_not_carry_the_earlier_report(tmp_path):
    publish_version(tmp_path, "20261201T000000000000Z")
    publish_version(tmp_path, "20261202T000000000000Z")
    version = publish.current_version(tmp_path)
    assert (
        json.loads((version / publish.RUN_DIR / "report.json").read_text())["run_id"]
        == "20261202T000000000000Z"
    )
    assert (version / publish.RUN_DIR / "report.md").read_text() == "# Run 20261202T000000000000Z\n"


def test_a_report_lost_after_the_switch_is_repaired_by_the_next_command(tmp_path):
    publish_version(tmp_path, "20261201T000000000000Z")
    report_dir = tmp_path / "runs" / "20261201T000000000000Z"
    for file in report_dir.iterdir():  # as if killed between the switch and the copy
        file.unlink()
    report_dir.rmdir()
    publish.clear_leftovers(tmp_path)
    assert (report_dir / "report.json").is_file()


def write_crawl(
    data_dir: Path, crawl_id: str, kind: str = "full", failure: str | None = None
) -> Path:
    folder = data_dir / "raw" / f"crawl_id={crawl_id}"
    folder.mkdir(parents=True)
    (folder / "part-00000.parquet").write_bytes(b"")
    (folder / "_crawl_manifest.json").write_text(
        json.dumps({"kind": kind, "strategy": "full", "failure": failure})
    )
    return folder


def test_old_raw_crawls_are_pruned_but_the_last_full_one_is_kept(tmp_path):
    write_crawl(tmp_path, "20261001T000000Z")
    write_crawl(tmp_path, "20261002T000000Z")  # the last full crawl: kept, however old
    write_crawl(tmp_path, "20261003T000000Z", kind="incremental")
    write_crawl(tmp_path, "20261130T000000Z", kind="incremental")  # recent
    pruned = publish.prune_raw(tmp_path, keep=set(), now=NOW.timestamp(), keep_days=30)
    assert pruned == ["20261001T000000Z", "20261003T000000Z"]
    assert [p.name for p in publish.crawl_dirs(tmp_path)] == [
        "crawl_id=20261002T000000Z",
        "crawl_id=20261130T000000Z",
    ]


def test_a_failed_crawl_is_never_processed(tmp_path):
    write_crawl(tmp_path, "20261130T000000Z")
    write_crawl(tmp_path, "20261201T000000Z", failure="no listing page answered 200")
    assert publish.find_crawl(tmp_path, None).name == "crawl_id=20261130T000000Z"
    with pytest.raises(PipelineError, match="failed .no listing page"):
        publish.find_crawl(tmp_path, "20261201T000000Z")


def test_the_verdict_is_recorded_in_the_manifest(tmp_path):
    folder = write_crawl(tmp_path, "20261201T000000Z")
    publish.record_crawl_verdict(folder, "the crawl stopped early")
    assert publish.crawl_manifest(folder) == {
        "kind": "full",
        "strategy": "full",
        "failure": "the crawl stopped early",
    }


def test_a_crawl_without_manifest_tells_its_kind_from_its_stats(tmp_path):
    folder = tmp_path / "raw" / "crawl_id=20261201T000000Z"
    folder.mkdir(parents=True)
    (folder / "_crawl_stats.json").write_text(json.dumps({"rtes/incremental/strategy": "sitemap"}))
    assert publish.crawl_manifest(folder) == {"kind": "incremental", "strategy": "sitemap"}


def test_run_reports_are_ordered_by_time_not_by_folder_name(tmp_path):
    for run_id, finished in (
        ("20261201T020000Z", "2026-12-01T02:00:00"),
        ("import-20261130T000000Z", "2026-11-30T00:00:00"),
    ):
        (tmp_path / "runs" / run_id).mkdir(parents=True)
        (tmp_path / "runs" / run_id / "report.json").write_text(
            json.dumps({"finished_at": finished})
        )
    assert [r["run_id"] for r in run_reports(tmp_path)] == [
        "import-20261130T000000Z",
        "20261201T020000Z",
    ]
    assert latest_report_dir(tmp_path).name == "20261201T020000Z"


def test_a_child_of_the_lock_holder_does_not_lock_again(tmp_path, monkeypatch):
    with RunLock(tmp_path, "nightly") as lock:
        with pytest.raises(PipelineError, match="another run is in progress"):
            RunLock(tmp_path, "process").__enter__()
        monkeypatch.setenv(LOCK_HELD_ENV, lock.child_env()[LOCK_HELD_ENV])
        with RunLock(tmp_path, "crawl"):  # the nightly's crawl child
            pass


def row(rid, title, paragraphs, summary=None, sources=(), removed_at=None):
    return {
        "resource_id": rid,
        "title": title,
        "summary": summary,
        "paragraphs": paragraphs,
        "is_private": not paragraphs,
        "source_urls": list(sources),
        "removed_at": removed_at,
    }


BODY = [
    "Le séminaire a réuni 110 participants.",
    "Présentation de l'étude.",
    "Visite de deux pôles.",
]


def test_an_imported_resource_the_crawl_holds_is_joined_with_it():
    crawled = [
        row("node-1", "Retours sur le séminaire PTCE", BODY),
        row("node-2", "Autre", ["Autre texte."]),
    ]
    imported = [
        row("text-a", "Retours sur le séminaire  PTCE", BODY[:2] + ["Visite de deux pôles !"]),
        row("text-b", "Une ressource que le site n'a plus", ["Texte ancien."]),
    ]
    assert imports.join(imported, crawled, 0.5) == {"text-a": "node-1"}


def test_same_title_different_body_is_not_joined():
    crawled = [row("node-1", "Newsletter RTES", ["Numéro de mars : les PTCE."])]
    imported = [row("text-a", "Newsletter RTES", ["Numéro de juin : la commande publique."])]
    assert imports.join(imported, crawled, 0.5) == {}


def test_private_resources_join_on_title_and_summary():
    crawled = [row("node-1", "Kit MunicipalESS", [], summary="Fiche 3 : les achats.")]
    assert imports.join(
        [row("text-a", "Kit MunicipalESS", [], summary="Fiche 3 : les achats")], crawled, 0.5
    )
    assert not imports.join(
        [row("text-a", "Kit MunicipalESS", [], summary="Fiche 4")], crawled, 0.5
    )


def test_a_removed_crawled_resource_is_not_a_join_target():
    crawled = [row("node-1", "Retours", BODY, removed_at=NOW)]
    assert imports.join([row("text-a", "Retours", BODY)], crawled, 0.5) == {}


def test_file_sources_belong_to_their_file():
    source = imports.file_source("export.txt", 12)
    assert source == "file:export.txt#L12"
    assert imports.is_source_of(source, "export.txt") and not imports.is_source_of(
        source, "export.txt.bak"
    )


def record(documents):
    return {
        "title": "T",
        "summary": None,
        "body": "B",
        "paragraphs": ["B"],
        "resource_type": None,
        "is_private": False,
        "categories": [],
        "documents": documents,
        "published_date": None,
    }


def test_the_same_site_at_another_address_is_no_change():
    here = record(
        [{"title": "Programme", "url": "http://127.0.0.1:8800/sites/default/files/p.pdf"}]
    )
    moved = record([{"title": "Programme", "url": "https://www.rtes.fr/sites/default/files/p.pdf"}])
    other = record([{"title": "Programme", "url": "https://www.rtes.fr/sites/default/files/q.pdf"}])
    assert record_hash(here) == record_hash(moved)
    assert record_hash(here) != record_hash(other)


def light(rid, path, removed_at=None):
    return {
        "resource_id": rid,
        "url": f"http://x{path}",
        "record_hash": "h",
        "first_seen_at": NOW,
        "last_seen_at": NOW,
        "last_changed_at": NOW,
        "removed_at": removed_at,
        "is_private": False,
    }


def test_a_resource_wrongly_flagged_removed_is_restored_when_the_sitemap_lists_it():
    evidence = Evidence(detects_removals=True, online_paths={"/a"}, sitemap_seen=True)
    plan, changes = plan_changes(
        [], [light("node-1", "/a", removed_at=NOW), light("node-2", "/b", NOW)], evidence, now=NOW
    )
    assert plan["node-1"].updates["removed_at"] is None
    assert plan["node-2"].change == "already_removed"


def test_an_incremental_crawl_never_flags_an_unseen_resource_removed():
    evidence = Evidence(detects_removals=False)
    plan, changes = plan_changes([], [light("node-1", "/a")], evidence, now=NOW)
    assert plan["node-1"].change == "unchanged" and changes["removed"] == []


@pytest.fixture(autouse=True)
def _no_inherited_lock(monkeypatch):
    monkeypatch.delenv(LOCK_HELD_ENV, raising=False)


def private_detail_page() -> Occurrence:
    """A private resource's detail page as the mirror renders it: no Résumé, no categories."""
    return Occurrence(
        source_url="http://x/ptce-poitiers",
        page_kind="detail",
        method="drupal_fields",
        node_id=7,
        path="/ptce-poitiers",
        title="Retours sur la rencontre PTCE",
        fields={"is_private": True, "resource_type": "Ressources RTES"},
        blocks=[Block("Collectivités adhérentes, connectez-vous.", "body")],
    )


def test_a_field_the_re_fetched_page_does_not_show_keeps_its_published_value():
    published = {
        "summary": "Rencontre des PTCE à Poitiers.",
        "categories": ["PTCE"],
        "is_private": True,
        "resource_type": "Ressources RTES",
        "documents": [],
    }
    processor = Processor(DEFAULT_DEDUP, "http://x", "c1", shown_before={"node-7": published}.get)
    page = private_detail_page()
    record, _ = processor.resource_from(
        [page], {page.source_url: Page(page.source_url, "detail", NOW)}
    )
    assert record["summary"] == "Rencontre des PTCE à Poitiers." and record["categories"] == [
        "PTCE"
    ]
    assert record["is_private"] is True  # shown on the page: the page's value


def test_a_full_pass_takes_the_page_as_it_is():
    processor = Processor(DEFAULT_DEDUP, "http://x", "c1")
    page = private_detail_page()
    record, _ = processor.resource_from(
        [page], {page.source_url: Page(page.source_url, "detail", NOW)}
    )
    assert record["summary"] is None and record["categories"] == []
    assert (
        record["paragraphs"] == [] and record["content_hash"] is None
    )  # no body: no hash to share


def test_published_categories_count_as_listing_terms_when_no_page_shows_the_field():
    from pipeline.merge import combine_categories

    listing = Occurrence(
        source_url="http://x/retours-sur-les-formations",
        page_kind="listing",
        method="labels",
        listing_term="Retours sur les formations",
    )
    published = ["Économie circulaire, transition énergétique"]
    # sorted by name like every listing term (Unicode order), not kept ahead as if the page showed
    # them
    assert combine_categories([listing], None, published) == [
        "Retours sur les formations",
        *published,
    ]
    # a category the field shows keeps its page order, ahead of the listing terms
    assert combine_categories([listing], ["PTCE"], published) == [
        "PTCE",
        "Retours sur les formations",
        *published,
    ]
