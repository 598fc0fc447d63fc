"""End to end: serve the offline mirror, crawl it, process it, compare with the ground truth."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from mirror.kinds import members_truth
from mirror.server import start_in_thread
from mirror.site import LISTINGS, build_site
from mirror.themes import THEMES as MIRROR_THEMES
from mirror.truth import truth_records
from pipeline.truthcheck import differences, member_differences, path_of

pytestmark = pytest.mark.e2e

E2E_RESOURCES = 60  # enough for several listing pages, every markup variant and private resources
E2E_SEED = 11
# Every test reading the crawl runs on every theme of the mirror (mirror.themes): one truth.
THEMES = tuple(sorted(MIRROR_THEMES))
# Byte sequences that betray UTF-8 text decoded as Latin-1/Windows-1252 ("Ã©" for "é").
MOJIBAKE = ("Ã©", "Ã¨", "Ã ", "Ã§", "Ã´", "â€™", "â€", "Ã‰", "\ufffd")


def cli(*args: str, check: bool = False) -> subprocess.CompletedProcess:
    """Run `rtes-pipeline` in a child process (one Twisted reactor per crawl)."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        check=check,
        timeout=600,
    )


@pytest.fixture(scope="module")
def site():
    return build_site(seed=E2E_SEED, resources=E2E_RESOURCES)


@pytest.fixture(scope="module", params=THEMES, ids=lambda number: f"theme{number}")
def theme(request) -> int:
    return request.param


@pytest.fixture(scope="module")
def mirror_url(site, theme):
    server, base_url = start_in_thread(site, theme=theme)
    yield base_url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory, mirror_url, theme) -> Path:
    out = tmp_path_factory.mktemp(f"e2e-theme{theme}") / "data"
    cli("crawl", "--site-url", mirror_url, "--data-dir", str(out), check=True)
    cli(
        "process",
        "--site-url",
        mirror_url,
        "--data-dir",
        str(out),
        check=True,
    )
    return out


@pytest.fixture(scope="module")
def published(data_dir) -> list[dict]:
    return pq.read_table(data_dir / "resources").to_pylist()


def test_dataset_equals_ground_truth_field_by_field(published, site):
    assert differences(published, truth_records(site)) == []


def test_every_resource_once_private_ones_without_body(published, site):
    truth = truth_records(site)
    assert len(published) == len(truth) == E2E_RESOURCES
    assert len({r["resource_id"] for r in published}) == len(published)
    private = [r for r in published if r["is_private"]]
    assert private, "the mirror always has private resources"
    assert all(r["body"] is None and r["paragraphs"] == [] for r in private)


def test_no_paragraph_twice_and_no_footer_label_in_body(published):
    labels = {"Type de ressource", "Ressource privée", "Résumé", "Documents", "Catégorie"}
    for r in published:
        assert len(set(r["paragraphs"])) == len(r["paragraphs"]), r["url"]
        assert not labels & set(r["paragraphs"]), r["url"]
        assert "Réseau des collectivités Territoriales" not in (r["body"] or "")


@pytest.mark.parametrize("reader", ["pandas", "pyarrow", "duckdb", "polars"])
def test_readable_by_every_notebook_tool(data_dir, published, reader):
    folder = data_dir / "resources"
    if reader == "pandas":
        n = len(pd.read_parquet(folder))
    elif reader == "pyarrow":
        n = ds.dataset(folder).count_rows()
    elif reader == "duckdb":
        n = duckdb.sql(f"SELECT count(*) FROM '{folder}/*.parquet'").fetchall()[0][0]
    else:
        n = pl.read_parquet(f"{folder}/*.parquet").height
    assert n == len(published)


def test_files_carry_schema_version_and_dedup_parameters(data_dir):
    metadata = pq.read_schema(data_dir / "resources" / "part-00000.parquet").metadata
    assert metadata[b"rtes.schema"] == b"resources/v3"
    assert b'"numpy": "2.4.6"' in metadata[b"rtes.dedup_config"]
    assert (
        pq.ParquetFile(data_dir / "resources" / "part-00000.parquet")
        .metadata.row_group(0)
        .column(0)
        .compression
        == "ZSTD"
    )


def test_no_mojibake_in_any_text_column(published):
    for r in published:
        texts = [
            r["title"],
            r["summary"] or "",
            r["body"] or "",
            r["resource_type"] or "",
            *r["categories"],
            *(d["title"] for d in r["documents"]),
        ]
        for text in texts:
            assert not any(m in text for m in MOJIBAKE), (r["url"], text[:80])


def test_raw_layer_keeps_every_page_with_validators_column(data_dir):
    raw = pq.read_table(next((data_dir / "raw").glob("crawl_id=*"))).to_pylist()
    kinds = {row["page_kind"] for row in raw}
    assert {"listing", "detail"} <= kinds
    for row in raw:
        if row["html"] is not None:
            assert (
                hashlib.sha256(row["html"].encode(row["encoding"] or "utf-8")).hexdigest()
                == row["body_sha256"]
            )


def test_explain_shows_summary_copy_and_footer_removed(data_dir, published):
    target = next(
        r for r in published if r["summary"] and not r["is_private"] and r["summary"] in r["body"]
    )
    done = cli("explain", target["resource_id"], "--data-dir", str(data_dir), check=True)
    assert "summary_copy" in done.stdout
    assert "footer_field" in done.stdout
    assert target["title"] in done.stdout


def test_rerun_keeps_first_seen_and_replaces_atomically(data_dir, mirror_url, published, theme):
    before = {r["resource_id"]: r["first_seen_at"] for r in published}
    cli(
        "process",
        "--site-url",
        mirror_url,
        "--data-dir",
        str(data_dir),
        check=True,
    )
    after = pq.read_table(data_dir / "resources").to_pylist()
    assert {r["resource_id"]: r["first_seen_at"] for r in after} == before
    assert not list((data_dir / "resources").glob("*.tmp")), "no staging file left beside the table"
    assert not (data_dir / ".staging").exists() or not any((data_dir / ".staging").iterdir())


def test_unreachable_site_fails_with_one_line_and_keeps_dataset(data_dir):
    before = (data_dir / "resources" / "part-00000.parquet").read_bytes()
    done = cli("crawl", "--site-url", "http://127.0.0.1:9/", "--data-dir", str(data_dir))
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("rtes-pipeline: error:") and "127.0.0.1:9" in last
    assert (data_dir / "resources" / "part-00000.parquet").read_bytes() == before


def test_bad_url_and_unwritable_data_dir_are_one_clear_line(tmp_path):
    done = cli("crawl", "--site-url", "not a url", "--data-dir", str(tmp_path / "d"))
    assert done.returncode != 0 and done.stderr.strip().splitlines()[-1].startswith(
        "rtes-pipeline: error:"
    )
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = cli("process", "--data-dir", str(blocker / "sub"))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [done.stderr.strip().splitlines()[-1]]
    assert "cannot write to data directory" in done.stderr


def test_process_without_crawl_says_so(tmp_path):
    done = cli("process", "--data-dir", str(tmp_path))
    assert done.returncode == 1
    assert "no crawl found" in done.stderr


def test_unknown_option_is_a_usage_error():
    done = cli("crawl", "--no-such-option")
    assert done.returncode == 2
    assert "unrecognized arguments" in done.stderr


def test_empty_site_fails_with_one_line_and_publishes_nothing(tmp_path, site):
    """A site whose listings are empty and that has no sitemap: nothing to publish, said in one line."""
    from mirror.render import page
    from mirror.routes import HttpOptions, html_response, route

    def empty(site_, target, base):  # every page shows no item (the menus still lead everywhere)
        if target.split("?")[0] not in {"/robots.txt", "/sitemap.xml"}:
            return html_response(page("Ressources", "<p>Aucune ressource</p>"))
        return route(site_, target, base, options=HttpOptions(sitemap=False))

    server, url = start_in_thread(site, router=empty)
    try:
        crawled = cli("crawl", "--site-url", url, "--data-dir", str(tmp_path))
        done = cli("process", "--site-url", url, "--data-dir", str(tmp_path))
    finally:
        server.shutdown()
        server.server_close()
    # the crawl itself fails, naming the listing pages that held no resource link
    assert crawled.returncode == 1
    last = crawled.stderr.strip().splitlines()[-1]
    assert last.startswith(
        "rtes-pipeline: error: crawl failed: the listings answered but held no resource link"
    )
    assert f"{url}/retours-sur-les-journees-d-echanges" in last
    assert done.returncode == 1  # and there is no crawl to process
    assert done.stderr.strip().splitlines()[-1].startswith("rtes-pipeline: error: no usable crawl")
    assert not (tmp_path / "resources").exists()


def test_explain_works_on_every_resource(data_dir, published):
    from pipeline.explain import explain

    for record in published:
        text = explain(data_dir, record["resource_id"])
        assert record["title"] in text and f"PAGE ({len(record['paragraphs'])} blocks kept" in text
        if (
            not record["is_private"] and record["kind"] == "resource"
        ):  # a news article has no field block
            assert "footer_field" in text, record["url"]


def test_members_table_equals_member_truth(data_dir, site):
    members = pq.read_table(data_dir / "members").to_pylist()
    assert len(members) == len(members_truth(site)) > 0
    assert member_differences(members, members_truth(site)) == []


def raw_rows(data_dir: Path) -> list[dict]:
    return pq.read_table(next((data_dir / "raw").glob("crawl_id=*"))).to_pylist()


def test_node_pages_rendered_differently_merge_into_their_record(data_dir, published, site):
    """/node/N (no site header, <br>-separated paragraphs) and the alias are one record, whose
    paragraphs are the alias page's."""
    raw = {path_of(row["url"]): row for row in raw_rows(data_dir)}
    node_paths = [p for p in raw if p.startswith("/node/")]
    assert node_paths, "the bodies link some nodes by their system path"
    by_nid = {r["resource_id"]: r for r in published}
    truth = {t["resource_id"]: t for t in truth_records(site)}
    for path in node_paths:
        resource = site.by_nid[int(path.split("/")[2])]
        assert raw[path]["html"] != raw[resource.path]["html"]  # rendered differently
        assert "<br>" in raw[path]["html"]
        record = by_nid[f"node-{resource.nid}"]
        assert path in [path_of(u) for u in record["source_urls"]]
        assert record["paragraphs"] == truth[record["resource_id"]]["paragraphs"]
    assert len(by_nid) == len(published)  # one record per node


def test_teasers_never_become_body_or_summary(published, site):
    teaser_paths = {lst.path for lst in LISTINGS if lst.teasers}
    teased = {r.nid for path in teaser_paths for r in site.listed[path]}
    assert teased
    truth = {t["resource_id"]: t for t in truth_records(site)}
    for record in (r for r in published if int(r["resource_id"][5:]) in teased):
        want = truth[record["resource_id"]]
        assert record["paragraphs"] == want["paragraphs"] and record["summary"] == want["summary"]
        texts = [*record["paragraphs"], record["summary"] or ""]
        assert not any("Lire la suite" in t or t.endswith(" …") for t in texts), record["url"]
        paths = {path_of(u).split("?")[0] for u in record["source_urls"]}
        assert teaser_paths & paths  # the teaser pages are still occurrences


def test_no_page_read_by_the_fallback(data_dir, theme):
    """Every page is read as what it is: teasers included, no extraction needs the fallback."""
    first = sorted((data_dir / "runs").glob("*/report.json"))[0]  # the first processing run
    assert json.loads(first.read_text())["fallback_extractions"] == 0
