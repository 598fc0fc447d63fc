"""The raw writer: Parquet parts with the RAW_PAGES schema, published only on a finished crawl."""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow.parquet as pq
import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from rtes_core.schemas import RAW_PAGES, SCHEMA_METADATA_KEY
from spiders.items import RawPage
from spiders.pipelines import RawPageWriter, raw_dir, staging_dir
from spiders.spiders.rtes import RtesSpider

CRAWL_ID = "20260101T000000Z"


def make_page(n: int, html: str | None = "<html><body>ok</body></html>") -> RawPage:
    """A plausible raw row."""
    return RawPage(
        crawl_id=CRAWL_ID,
        url=f"https://www.rtes.fr/node/{n}",
        final_url=f"https://www.rtes.fr/node/{n}",
        status=200,
        fetched_at=datetime(2026, 1, 1, 12, 0, tzinfo=UTC),
        page_kind="detail",
        content_type="text/html; charset=UTF-8",
        encoding="utf-8",
        etag=None,
        last_modified=None,
        body_bytes=28,
        body_sha256="0" * 64,
        html=html,
    )


@pytest.fixture
def crawler(tmp_path):
    return get_crawler(
        RtesSpider,
        {
            "DATA_DIR": str(tmp_path),
            "CRAWL_ID": CRAWL_ID,
            "RAW_BATCH_ROWS": 2,
            "SITE_URL": "https://www.rtes.fr",
        },
    )


@pytest.fixture
def writer(crawler):
    writer = RawPageWriter.from_crawler(crawler)
    writer.open_spider()
    return writer


def run(writer, pages, reason):
    """Feed pages, then close the way Scrapy does: close_spider, then spider_closed(reason)."""
    for page in pages:
        writer.process_item(page)
    writer.close_spider()
    writer.spider_closed(spider=None, reason=reason)


def test_parts_written_in_batches_and_published(tmp_path, writer, crawler):
    run(writer, [make_page(n) for n in range(5)], "finished")
    target = raw_dir(tmp_path, CRAWL_ID)
    assert target == tmp_path / "raw" / f"crawl_id={CRAWL_ID}"
    assert sorted(p.name for p in target.iterdir()) == [
        "_crawl_report.json",  # errors by kind (spiders.pipelines.crawl_report)
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
    ]
    assert not staging_dir(tmp_path, CRAWL_ID).exists()
    assert crawler.stats.get_value("rtes/raw/rows") == 5
    assert crawler.stats.get_value("rtes/raw/published") == 1


def test_parquet_has_raw_schema_and_metadata(tmp_path, writer):
    run(writer, [make_page(1), make_page(2, html=None)], "finished")
    table = pq.read_table(raw_dir(tmp_path, CRAWL_ID) / "part-00000.parquet")
    assert table.schema.remove_metadata().equals(RAW_PAGES)
    assert table.schema.metadata[SCHEMA_METADATA_KEY] == b"raw/v1"
    assert table.schema.metadata[b"rtes.crawl_id"] == CRAWL_ID.encode()
    assert table.column("url").to_pylist() == [
        "https://www.rtes.fr/node/1",
        "https://www.rtes.fr/node/2",
    ]
    assert table.column("html").to_pylist()[1] is None


def test_parquet_is_zstd(tmp_path, writer):
    run(writer, [make_page(1)], "finished")
    metadata = pq.ParquetFile(raw_dir(tmp_path, CRAWL_ID) / "part-00000.parquet").metadata
    assert metadata.row_group(0).column(0).compression == "ZSTD"


@pytest.mark.parametrize("reason", ["shutdown", "closespider_errorcount", "cancelled"])
def test_not_published_unless_finished(tmp_path, writer, crawler, reason):
    run(writer, [make_page(1)], reason)
    assert not (tmp_path / "raw").exists()
    assert (staging_dir(tmp_path, CRAWL_ID) / "part-00000.parquet").exists()
    assert crawler.stats.get_value("rtes/raw/published") == 0
    assert crawler.stats.get_value("rtes/raw/not_published_reason") == f"finish_reason={reason}"


def test_nothing_published_without_rows(tmp_path, writer, crawler):
    run(writer, [], "finished")
    assert not (tmp_path / "raw").exists()
    assert crawler.stats.get_value("rtes/raw/not_published_reason") == "no rows were written"
    assert not staging_dir(tmp_path, CRAWL_ID).exists()  # an empty staging folder is not kept


def test_refuses_to_overwrite_a_published_crawl(tmp_path, crawler):
    raw_dir(tmp_path, CRAWL_ID).mkdir(parents=True)
    writer = RawPageWriter.from_crawler(crawler)
    with pytest.raises(FileExistsError):
        writer.open_spider()


def test_disabled_writer_raises_not_configured(tmp_path):
    crawler = get_crawler(
        RtesSpider, {"DATA_DIR": str(tmp_path), "CRAWL_ID": CRAWL_ID, "RAW_WRITER_ENABLED": False}
    )
    with pytest.raises(NotConfigured):
        RawPageWriter.from_crawler(crawler)


def test_unsafe_crawl_id_rejected(tmp_path):
    with pytest.raises(ValueError, match="CRAWL_ID"):
        RawPageWriter(tmp_path, "../escape")
