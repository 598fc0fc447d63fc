"""Documents end to end on the mirror: the table equals the truth, an unchanged nightly extracts
nothing, a re-uploaded file is extracted again and versioned, resources link their documents."""

from __future__ import annotations

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from mirror.documents import document_truth
from mirror.site import build_site
from pipeline.document_stage import url_key
from pipeline.document_truthcheck import document_differences
from pipeline.explain import explain
from tests.test_nightly import RESOURCES, SEED, ChangingSite, last_report, nightly

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Day 0, day 0 again, day 0 with a full pass (304s), then day 1 with a full pass."""
    site, data_dir = ChangingSite(), tmp_path_factory.mktemp("documents") / "data"
    reports, tables = [], []
    try:
        for day, extra in ((0, ()), (0, ()), (0, ("--full",)), (1, ("--full",))):
            site.day(day)
            done = nightly(site, data_dir, *extra)
            assert done.returncode == 0, done.stderr[-2000:]
            reports.append(last_report(data_dir))
            tables.append(pq.read_table(data_dir / "documents").to_pylist())
    finally:
        site.close()
    return data_dir, reports, tables


def test_first_run_documents_equal_the_truth(runs):
    _, reports, tables = runs
    assert document_differences(tables[0], document_truth(build_site(SEED, RESOURCES, 0))) == []
    assert reports[0]["documents_extracted"] > 0
    failed = reports[0]["documents_by_extraction"]
    assert (
        failed["failed:too_big"] == 1
        and failed["failed:wrong_content_type"] == 1
        and failed["none"] == 1
    )


def test_unchanged_nightly_extracts_no_document(runs):
    _, reports, tables = runs
    for report in reports[1:3]:
        assert report["documents_extracted"] == 0
        assert report["documents_new"] == 0 and report["documents_changed"] == 0
    downloaded = [r for r in tables[0] if r["sha256"] is not None]
    assert reports[2]["documents_reused"] == len(
        downloaded
    )  # every file revalidated (304), none read again
    assert tables[2] == [
        {**r, "last_seen_at": t["last_seen_at"], "crawl_id": t["crawl_id"]}
        for r, t in zip(tables[0], tables[2])
    ]


def test_reuploaded_file_is_extracted_again_and_versioned(runs):
    data_dir, reports, tables = runs
    replaced = build_site(SEED, RESOURCES, 1).log.replaced_files
    assert replaced
    before = {url_key(u): r for r in tables[2] for u in r["urls"]}
    after = {url_key(u): r for r in tables[3] for u in r["urls"]}
    for path in replaced:
        old, new = before[path], after[path]
        assert new["document_id"] == old["document_id"] and new["sha256"] != old["sha256"]
        assert new["text"] != old["text"] and new["last_changed_at"] > old["last_changed_at"]
    assert reports[3]["documents_extracted"] >= len(replaced)
    assert (
        reports[3]["documents_extracted"] < reports[0]["documents_extracted"] / 4
    )  # the others reused
    versions = (
        ds.dataset(data_dir / "document_versions", format="parquet", partitioning="hive")
        .to_table()
        .to_pylist()
    )
    changed = {v["document_id"] for v in versions if v["change"] == "changed"}
    assert {after[p]["document_id"] for p in replaced} <= changed
    assert document_differences(tables[3], document_truth(build_site(SEED, RESOURCES, 1))) == []


def test_resources_link_their_documents_and_explain_shows_them(runs):
    data_dir, _, tables = runs
    resources = pq.read_table(data_dir / "resources").to_pylist()
    ids = {r["document_id"] for r in tables[3]}
    linked = [d for r in resources if r["removed_at"] is None for d in r["documents"]]
    assert linked and all(d["document_id"] in ids for d in linked)
    with_docs = next(r for r in resources if r["documents"] and r["removed_at"] is None)
    shown = explain(data_dir, with_docs["resource_id"])
    assert "DOCUMENTS" in shown and with_docs["documents"][0]["document_id"] in shown
