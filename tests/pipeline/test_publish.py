"""pipeline.publish: staged, atomic publishing; schema metadata; round trips; clear errors."""

from datetime import UTC, date, datetime

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest

from pipeline.errors import PipelineError
from pipeline.publish import (
    PART_NAME,
    Publisher,
    ensure_writable,
    find_crawl,
    iter_raw_pages,
    read_table,
)
from rtes_core.schemas import SCHEMA_METADATA_KEY

RUN = {"run_id": "run-1", "crawl_id": "crawl-1"}
SEEN = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)


def resource(resource_id, title, paragraphs=("Un paragraphe.",), **extra):
    row = {
        "resource_id": resource_id,
        "url": f"https://www.rtes.fr/{resource_id}",
        "source_urls": [f"https://www.rtes.fr/{resource_id}"],
        "title": title,
        "summary": None,
        "body": "\n\n".join(paragraphs),
        "paragraphs": list(paragraphs),
        "resource_type": "Guide",
        "is_private": False,
        "categories": ["Emploi"],
        "documents": [
            {
                "title": "Annexe",
                "url": "https://www.rtes.fr/sites/default/files/a.pdf",
                "document_id": "doc-0123456789abcdef",
            }
        ],
        "published_date": date(2016, 5, 12),
        "content_hash": "0" * 32,
        "extraction_method": "drupal_fields",
        "first_seen_at": SEEN,
        "last_seen_at": SEEN,
        "crawl_id": "crawl-1",
        "record_hash": "1" * 32,
        "last_changed_at": SEEN,
        "removed_at": None,
        "kind": "resource",
        "tags": [],
        "updated_date": None,
    }
    row.update(extra)
    return row


ROWS = [
    resource("node-1", "Guide des achats"),
    resource(
        "node-2", "Fiche « monnaies »", ("Un.", "Deux."), is_private=None, published_date=None
    ),
]


def published(data_dir, table="resources"):
    return data_dir / table / PART_NAME


def publish(data_dir, run_id, rows):
    publisher = Publisher(data_dir, run_id)
    publisher.stage("resources", rows, {**RUN, "run_id": run_id})
    publisher.commit()


# --- staging and commit ------------------------------------------------------------------------


def test_staged_table_is_not_visible_before_commit(tmp_path):
    publisher = Publisher(tmp_path, "run-1")
    assert publisher.stage("resources", ROWS, RUN) == 2
    assert not published(tmp_path).exists()
    # staged files live only in the hidden staging folder, outside every table folder
    assert [p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*.parquet")] == [".staging"]


def test_commit_switches_every_table_at_once_through_one_link(tmp_path):
    publish(tmp_path, "run-1", ROWS)
    assert (tmp_path / "current").is_symlink()
    assert (tmp_path / "resources").resolve() == (tmp_path / ".versions" / "run-1" / "resources")
    publish(tmp_path, "run-2", [resource("node-3", "Autre")])
    assert (tmp_path / "resources").resolve() == (tmp_path / ".versions" / "run-2" / "resources")


def test_a_table_a_run_does_not_write_is_carried_into_the_new_version(tmp_path):
    publisher = Publisher(tmp_path, "run-1")
    publisher.stage("resources", ROWS, RUN)
    publisher.stage("removed_blocks", [], RUN)
    publisher.commit()
    publish(tmp_path, "run-2", [resource("node-3", "Autre")])
    assert published(tmp_path, "removed_blocks").is_file()


def test_killed_run_leftovers_do_not_touch_the_published_version(tmp_path):
    publish(tmp_path, "run-1", ROWS)
    before = published(tmp_path).read_bytes()
    Publisher(tmp_path, "run-2").stage(
        "resources", [resource("node-3", "Autre")], RUN
    )  # never committed
    assert published(tmp_path).read_bytes() == before
    publish(tmp_path, "run-3", [resource("node-4", "Encore")])
    assert pq.read_table(published(tmp_path)).column("resource_id").to_pylist() == ["node-4"]


def test_commit_moves_staged_tables_into_place(tmp_path):
    publisher = Publisher(tmp_path, "run-1")
    publisher.stage("resources", ROWS, RUN)
    publisher.stage("removed_blocks", [], RUN)
    publisher.commit()
    assert published(tmp_path).is_file()
    assert published(tmp_path, "removed_blocks").is_file()
    assert not (tmp_path / ".staging" / "run-1").exists()


def test_commit_publishes_the_run_report(tmp_path):
    publisher = Publisher(tmp_path, "run-1")
    publisher.stage("resources", ROWS, RUN)
    publisher.stage_report({"run_id": "run-1", "status": "ok"}, "# Run run-1\n")
    assert not (tmp_path / "runs").exists()
    publisher.commit()
    assert (tmp_path / "runs" / "run-1" / "report.md").read_text() == "# Run run-1\n"
    assert '"status": "ok"' in (tmp_path / "runs" / "run-1" / "report.json").read_text()


def test_abort_leaves_the_earlier_published_file_byte_identical(tmp_path):
    publish(tmp_path, "run-1", ROWS)
    before = published(tmp_path).read_bytes()
    publisher = Publisher(tmp_path, "run-2")
    publisher.stage("resources", [resource("node-3", "Autre")], {**RUN, "run_id": "run-2"})
    publisher.abort()
    assert published(tmp_path).read_bytes() == before
    assert not (tmp_path / ".staging" / "run-2").exists()


def test_a_second_commit_replaces_the_table(tmp_path):
    publish(tmp_path, "run-1", ROWS)
    publish(tmp_path, "run-2", [resource("node-3", "Autre")])
    assert pq.read_table(published(tmp_path)).column("resource_id").to_pylist() == ["node-3"]


# --- metadata and round trips ---------------------------------------------------------------


def test_published_file_names_its_schema_and_run(tmp_path):
    publish(tmp_path, "run-1", ROWS)
    metadata = pq.read_schema(published(tmp_path)).metadata
    assert metadata[SCHEMA_METADATA_KEY] == b"resources/v3"
    assert metadata[b"rtes.run_id"] == b"run-1"
    assert metadata[b"rtes.crawl_id"] == b"crawl-1"


def test_empty_table_keeps_its_columns_and_types(tmp_path):
    publisher = Publisher(tmp_path, "run-1")
    publisher.stage("removed_blocks", [], RUN)
    publisher.commit()
    table = pq.read_table(published(tmp_path, "removed_blocks"))
    assert table.num_rows == 0
    assert "similarity" in table.column_names
    assert str(table.schema.field("position").type) == "int32"


def test_round_trip_with_pyarrow(tmp_path):
    publish(tmp_path, "run-1", ROWS)
    assert pq.read_table(published(tmp_path)).to_pylist() == ROWS


def test_round_trip_with_pandas(tmp_path):
    publish(tmp_path, "run-1", ROWS)
    frame = pd.read_parquet(published(tmp_path))
    assert frame["resource_id"].tolist() == ["node-1", "node-2"]
    assert frame["title"].tolist() == ["Guide des achats", "Fiche « monnaies »"]
    assert [list(p) for p in frame["paragraphs"]] == [["Un paragraphe."], ["Un.", "Deux."]]


def test_round_trip_with_duckdb(tmp_path):
    publish(tmp_path, "run-1", ROWS)
    rows = duckdb.sql(
        f"SELECT resource_id, title, paragraphs, published_date, documents[1].url "
        f"FROM '{published(tmp_path)}' ORDER BY resource_id"
    ).fetchall()
    assert rows == [
        (
            "node-1",
            "Guide des achats",
            ["Un paragraphe."],
            date(2016, 5, 12),
            "https://www.rtes.fr/sites/default/files/a.pdf",
        ),
        (
            "node-2",
            "Fiche « monnaies »",
            ["Un.", "Deux."],
            None,
            "https://www.rtes.fr/sites/default/files/a.pdf",
        ),
    ]


def test_round_trip_with_polars(tmp_path):
    publish(tmp_path, "run-1", ROWS)
    frame = pl.read_parquet(published(tmp_path))
    assert frame.select("resource_id", "title", "is_private", "categories").to_dicts() == [
        {
            "resource_id": "node-1",
            "title": "Guide des achats",
            "is_private": False,
            "categories": ["Emploi"],
        },
        {
            "resource_id": "node-2",
            "title": "Fiche « monnaies »",
            "is_private": None,
            "categories": ["Emploi"],
        },
    ]


# --- errors ---------------------------------------------------------------------------------------


def test_ensure_writable_creates_the_folder(tmp_path):
    ensure_writable(tmp_path / "data" / "sub")
    assert (tmp_path / "data" / "sub").is_dir()
    assert (
        list((tmp_path / "data" / "sub").iterdir()) == []
    )  # the write check leaves nothing behind


def test_ensure_writable_raises_one_line_error_on_unwritable_path(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(PipelineError) as excinfo:
        ensure_writable(tmp_path / "file" / "sub")
    message = str(excinfo.value)
    assert "\n" not in message
    assert str(tmp_path / "file" / "sub") in message


def test_read_table_of_a_missing_file_is_none(tmp_path):
    assert read_table(tmp_path / "resources" / PART_NAME) is None


def test_read_table_of_a_corrupted_file_raises_pipeline_error(tmp_path):
    publish(tmp_path, "run-1", ROWS)
    path = published(tmp_path)
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    with pytest.raises(PipelineError, match="unreadable") as excinfo:
        read_table(path)
    assert str(path) in str(excinfo.value)


def test_read_table_of_a_non_parquet_file_raises_pipeline_error(tmp_path):
    path = tmp_path / PART_NAME
    path.write_text("<html>not parquet</html>")
    with pytest.raises(PipelineError):
        read_table(path)


def test_corrupted_raw_part_raises_pipeline_error(tmp_path):
    crawl = tmp_path / "raw" / "crawl_id=20240301T120000Z"
    crawl.mkdir(parents=True)
    (crawl / "part-0.parquet").write_bytes(b"PAR1 garbage")
    with pytest.raises(PipelineError, match="unreadable"):
        list(iter_raw_pages(crawl))


def test_find_crawl_without_any_crawl_raises_pipeline_error(tmp_path):
    with pytest.raises(PipelineError, match="no crawl"):
        find_crawl(tmp_path, None)


def test_find_crawl_picks_the_latest(tmp_path):
    for crawl_id in ("20240101T000000Z", "20240301T000000Z", "20240201T000000Z"):
        (tmp_path / "raw" / f"crawl_id={crawl_id}").mkdir(parents=True)
    assert find_crawl(tmp_path, None).name == "crawl_id=20240301T000000Z"
    with pytest.raises(PipelineError):
        find_crawl(tmp_path, "19990101T000000Z")
