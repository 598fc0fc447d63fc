"""run_processing on a raw crawl of the real-like pages (tests/files/real/, unknown theme, and the
same pages with no name a rule could know: mirror/theme3.py's unseen_markup): only resources and
articles become rows, members get their own table, every page is counted by class."""

import hashlib
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mirror.theme3 import unseen_markup
from pipeline.process import run_processing
from rtes_core.schemas import RAW_PAGES
from tests.pages import FILES

REAL = FILES / "real"  # pages written from the real site's texts
SITE = "https://www.rtes.fr"
# saved page → (URL it was fetched at, the spider's page kind)
CRAWL = {
    "resource_x": ("/retours-sur-la-journee-ptce-de-lodeve", "detail"),
    "article_x": ("/lyon-adopte-son-plan-ess", "detail"),
    "category_listing_x": ("/cooperation-economique-ptce-scic-communs", "listing"),
    "member_x": ("/cc-lodevois-larzac", "detail"),
    "region_x": ("/occitanie", "listing"),
    "basic_x": ("/qui-sommes-nous", "detail"),
    "newsletter_x": ("/newsletter-rtes-mars-2021", "detail"),
}


@pytest.fixture(params=["x", "unseen"])
def markup(request) -> str:
    return request.param


def raw_crawl(data_dir: Path, markup: str) -> None:
    rows = []
    for name, (path, kind) in CRAWL.items():
        html = (REAL / f"{name}.html").read_text(encoding="utf-8")
        if markup == "unseen":
            html = unseen_markup(html)
        rows.append(
            {
                "crawl_id": "c1",
                "url": SITE + path,
                "final_url": SITE + path,
                "status": 200,
                "fetched_at": pa.scalar(0, pa.timestamp("us", tz="UTC")).as_py(),
                "page_kind": kind,
                "content_type": "text/html",
                "encoding": "utf-8",
                "etag": None,
                "last_modified": None,
                "body_bytes": len(html.encode()),
                "body_sha256": hashlib.sha256(html.encode()).hexdigest(),
                "html": html,
            }
        )
    folder = data_dir / "raw" / "crawl_id=c1"
    folder.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=RAW_PAGES), folder / "part-00000.parquet")


def run(tmp_path, markup):
    raw_crawl(tmp_path, markup)
    result = run_processing(tmp_path, SITE, "c1")
    resources = {r["url"]: r for r in pq.read_table(tmp_path / "resources").to_pylist()}
    members = pq.read_table(tmp_path / "members").to_pylist()
    return result, resources, members


def test_only_resources_and_articles_are_rows(tmp_path, markup):
    _, resources, _ = run(tmp_path, markup)
    assert {url.removeprefix(SITE): r["kind"] for url, r in resources.items()} == {
        "/retours-sur-la-journee-ptce-de-lodeve": "resource",
        "/lyon-adopte-son-plan-ess": "article",
    }


def test_category_from_the_listing_when_the_field_is_empty(tmp_path, markup):
    _, resources, _ = run(tmp_path, markup)
    resource = resources[SITE + "/retours-sur-la-journee-ptce-de-lodeve"]
    assert resource["categories"] == ["Coopération économique (PTCE, SCIC, communs)"]
    assert resource["tags"] == ["PTCE"]


def test_article_dates_and_privacy(tmp_path, markup):
    _, resources, _ = run(tmp_path, markup)
    article = resources[SITE + "/lyon-adopte-son-plan-ess"]
    assert (
        str(article["published_date"]),
        str(article["updated_date"]),
        article["is_private"],
    ) == ("2021-06-09", "2021-06-14", False)


def test_members_table(tmp_path, markup):
    _, _, members = run(tmp_path, markup)
    by_name = {m["name"]: m for m in members}
    assert set(by_name) == {"Ville de Toulouse", "Communauté de communes du Lodévois et Larzac"}
    lodeve = by_name["Communauté de communes du Lodévois et Larzac"]
    assert (
        lodeve["population"],
        lodeve["joined_year"],
        lodeve["region"],
        str(lodeve["updated_date"]),
    ) == (15000, 2012, "Occitanie", "2019-01-07")
    assert lodeve["budget"] == "450 000 euros par an, dont un appel à projets annuel."
    assert lodeve["public_contact"] == "contact@cc-lodevois-larzac.fr"  # from the region listing


def test_pages_counted_by_class(tmp_path, markup):
    result, _, _ = run(tmp_path, markup)
    counts = result.counts
    assert (
        counts["page_class_listing"],
        counts["page_class_basic"],
        counts["page_class_newsletter"],
        counts["page_class_member"],
    ) == (2, 1, 1, 1)


def test_run_report_counts_each_cleaning_step(tmp_path, markup):
    result, _, _ = run(tmp_path, markup)
    report = json.loads(next((tmp_path / "runs").glob("*/report.json")).read_text())
    steps = report["cleaning_steps"]
    assert list(steps)[0] == "inline_noise" and list(steps)[-1] == "near_duplicates"
    assert steps["field_blocks"]["dropped"] > 0  # the labelled fields left every body
    assert steps["near_duplicates"]["kept"] > 0  # and the bodies are kept
    for name, step in steps.items():  # a step keeps or drops each block it is given
        assert step["kept"] + step["dropped"] == step["blocks"], name
    assert result.report.cleaning_steps == steps
