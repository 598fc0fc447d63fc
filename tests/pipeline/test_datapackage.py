"""datapackage.json beside the published dataset: a valid Frictionless Data Package whose
Table Schemas match the Parquet files; and the dates analysts' tools read as dates."""

from __future__ import annotations

import json

import duckdb
import frictionless
import pandas as pd
import polars as pl

from pipeline.config import DEFAULT_DEDUP
from pipeline.process import ProcessResult, publish_result
from rtes_core.schemas import RESOURCES
from tests.pipeline.test_process import SITE, build


def published(tmp_path):
    resources, removed, merged = build(
        ("d8_detail", "detail", f"{SITE}/guide-des-achats-publics-responsables")
    )
    publish_result(
        tmp_path,
        ProcessResult("run-1", "crawl-1", list(resources.values()), removed, merged),
        DEFAULT_DEDUP,
    )
    return tmp_path


def test_datapackage_is_written_beside_the_dataset_and_validates_with_its_data(tmp_path):
    data = published(tmp_path)
    descriptor = json.loads((data / "datapackage.json").read_text())
    names = {r["name"] for r in descriptor["resources"]}
    assert {"resources", "removed-blocks"} <= names
    report = frictionless.validate(str(data / "datapackage.json"))  # metadata and every row
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    resources = next(r for r in descriptor["resources"] if r["name"] == "resources")
    assert [f["name"] for f in resources["schema"]["fields"]] == RESOURCES.names
    types = {f["name"]: f["type"] for f in resources["schema"]["fields"]}
    assert types["published_date"] == "date" and types["first_seen_at"] == "datetime"
    assert types["is_private"] == "boolean" and types["title"] == "string"
    assert resources["schema"]["primaryKey"] == ["resource_id"]


def test_datapackage_catches_a_wrong_type(tmp_path):
    """The validation is not vacuous: a descriptor that lies about a column fails."""
    data = published(tmp_path)
    path = (data / "current").resolve() / "datapackage.json"
    descriptor = json.loads(path.read_text())
    fields = descriptor["resources"][0]["schema"]["fields"]
    next(f for f in fields if f["name"] == "title")["type"] = "integer"
    path.write_text(json.dumps(descriptor))
    assert not frictionless.validate(str(data / "datapackage.json")).valid


def test_dates_read_as_dates_in_pandas_polars_and_duckdb(tmp_path):
    data = published(tmp_path)
    frame = pd.read_parquet(
        data / "resources", dtype_backend="pyarrow"
    )  # as datasets/README.md says
    assert frame["published_date"].dt.year.tolist() == [d.year for d in frame["published_date"]]
    assert frame["first_seen_at"].dt.tz is not None
    assert (
        str(pl.read_parquet(str(data / "resources" / "*.parquet"))["published_date"].dtype)
        == "Date"
    )
    kind = duckdb.sql(
        f"SELECT typeof(published_date) FROM '{data / 'resources'}/*.parquet' LIMIT 1"
    ).fetchall()
    assert kind == [("DATE",)]
