"""Theme 4's constructs one at a time (mirror/theme4.py `VARIANT`), each over a whole site:
crawled and processed, the dataset equals the truth and no page needs the fallback. The mixed
theme is in tests/test_end_to_end.py; here a construct the mix shows on a few nodes only is met
on every node, so one that breaks cannot hide among the others."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from mirror import theme4
from mirror.server import start_in_thread
from mirror.site import build_site
from mirror.truth import truth_records
from pipeline.truthcheck import differences
from tests.test_end_to_end import E2E_RESOURCES, E2E_SEED, cli

pytestmark = pytest.mark.e2e

CONSTRUCTS = {
    "bold labels in table cells": {"fields": "table_b"},
    "strong labels in dt": {"fields": "dl_strong"},
    "colon after the bold label": {"fields": "inline_out"},
    "br-br bodies": {"body": "br2"},
    "list items titled in strong": {"list": "ul", "item": "strong"},
}


@pytest.mark.parametrize("construct", CONSTRUCTS)
def test_one_construct_on_every_node_meets_the_truth(construct, monkeypatch, tmp_path):
    monkeypatch.setattr(theme4, "VARIANT", {**theme4.VARIANT, **CONSTRUCTS[construct]})
    site = build_site(seed=E2E_SEED, resources=E2E_RESOURCES)
    server, url = start_in_thread(site, theme=4)
    try:
        data = tmp_path / "data"
        cli("crawl", "--site-url", url, "--data-dir", str(data), check=True)
        cli("process", "--site-url", url, "--data-dir", str(data), check=True)
    finally:
        server.shutdown()
        server.server_close()
    published = pq.read_table(data / "resources").to_pylist()
    assert differences(published, truth_records(site)) == []
    [report] = (data / "runs").glob("*/report.json")
    assert json.loads(report.read_text())["fallback_extractions"] == 0
