"""pipeline.process and pipeline.explain: occurrences of the fixture pages → records → explanation."""

from collections import Counter
from datetime import UTC, datetime

import pytest

from pipeline.config import DEFAULT_DEDUP
from pipeline.errors import PipelineError
from pipeline.explain import explain
from pipeline.process import Page, Processor, ProcessResult, publish_result
from rtes_core.extract import occurrences_from_html
from tests.pages import FILES

SITE = "https://www.rtes.fr"
FETCHED = datetime(2024, 3, 1, tzinfo=UTC)


def build(*pages):
    occurrences, seen = [], {}
    for name, kind, url in pages:
        occurrences += occurrences_from_html(
            (FILES / f"{name}.html").read_text(encoding="utf-8"), url, kind
        )
        seen[url] = Page(url, kind, FETCHED)
    counts, errors = Counter(), []
    resources, removed, merged = Processor(DEFAULT_DEDUP, SITE, "crawl-1").build(
        occurrences, seen, counts, errors
    )
    assert errors == []
    return {r["resource_id"]: r for r in resources}, list(removed), list(merged)


def test_detail_record_keeps_body_and_fields_and_drops_footer():
    resources, removed, _ = build(
        ("d8_detail", "detail", f"{SITE}/guide-des-achats-publics-responsables")
    )
    record = resources["node-1234"]
    assert record["paragraphs"][0].startswith("Ce guide présente les leviers")
    assert "- Identifier les marchés concernés" in record["paragraphs"]
    assert "Guide méthodologique" not in record["paragraphs"]
    assert record["resource_type"] == "Guide méthodologique"
    assert {r["reason"] for r in removed} == {"footer_field", "summary_field"}


def test_listing_rows_are_own_records_without_their_trailing_copy():
    resources, _, merged = build(
        ("listing", "listing", f"{SITE}/ressources"),
        ("d8_detail", "detail", f"{SITE}/guide-des-achats-publics-responsables"),
    )
    assert set(resources) == {"node-10", "node-11", "node-1234"}
    assert resources["node-10"]["paragraphs"] == [
        "Retour sur les budgets participatifs consacrés à l'économie solidaire."
    ]
    assert merged == []


def test_private_record_has_no_paragraphs_and_audits_the_hidden_text():
    resources, removed, _ = build(("private_detail", "detail", f"{SITE}/compte-rendu-ca"))
    record = resources["node-900"]
    assert (record["is_private"], record["paragraphs"], record["body"]) == (True, [], None)
    assert [r["reason"] for r in removed if r["resource_id"] == "node-900"] == [
        "boilerplate",
        "footer_field",
        "footer_field",
    ]


def test_explain_shows_kept_and_removed_blocks_with_reasons(tmp_path):
    resources, removed, merged = build(
        ("d8_detail", "detail", f"{SITE}/guide-des-achats-publics-responsables")
    )
    result = ProcessResult("run-1", "crawl-1", list(resources.values()), removed, merged)
    publish_result(tmp_path, result, DEFAULT_DEDUP)
    text = explain(tmp_path, "node-1234")
    assert "Guide des achats publics responsables" in text
    assert "PAGE (5 blocks kept" in text  # kept and removed blocks in one numbering since issue 16
    assert "footer_field" in text and "Guide méthodologique" in text


def test_explain_numbers_kept_and_removed_blocks_one_way_and_full_shows_whole_blocks(tmp_path):
    import re

    resources, removed, merged = build(
        ("d8_detail", "detail", f"{SITE}/guide-des-achats-publics-responsables")
    )
    publish_result(
        tmp_path,
        ProcessResult("run-1", "crawl-1", list(resources.values()), removed, merged),
        DEFAULT_DEDUP,
    )
    text = explain(tmp_path, "node-1234", full=True)
    numbers = [int(n) for n in re.findall(r"^  \[(\d+)\]", text, flags=re.M)]
    assert numbers == list(range(len(numbers)))  # one sequence, kept and removed together
    assert "#" not in "".join(re.findall(r"^  .*REMOVED.*$", text, flags=re.M))
    record = resources["node-1234"]
    longest = max(record["paragraphs"], key=len)
    assert longest.split()[-1] in text and "…" not in text.split("PAGE", 1)[1].split("MERGED")[0]
    assert "…" in explain(tmp_path, "node-1234") or len(longest) <= 110


def test_explain_of_an_unknown_resource_raises_pipeline_error(tmp_path):
    with pytest.raises(PipelineError, match="no resource"):
        explain(tmp_path, "node-0")
