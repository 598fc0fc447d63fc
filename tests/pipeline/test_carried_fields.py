"""What a record takes from the published one when this crawl's pages do not show it (issue 11:
a partial re-fetch never loses fields; a page whose markup was lost is no evidence either)."""

from datetime import date

from pipeline.clean import Cleaner
from pipeline.config import DedupConfig
from pipeline.process.assemble import RecordAssembler, details_fell_back
from rtes_core.extract import Occurrence

PUBLISHED = {
    "node-7": {
        "resource_type": "Ressources RTES",
        "is_private": False,
        "summary": "Le résumé publié.",
        "documents": [],
        "categories": ["Alimentation"],
        "tags": ["PTCE"],
        "published_date": date(2021, 6, 9),
        "updated_date": None,
    }
}
URL = "https://www.rtes.fr/journee-ptce"


def assembler(partial: bool) -> RecordAssembler:
    return RecordAssembler(
        Cleaner(DedupConfig()), "https://www.rtes.fr", "c1", PUBLISHED.get, partial
    )


def detail(method: str, **fields) -> Occurrence:
    return Occurrence(URL, "detail", method, node_id=7, fields=fields)


def test_fell_back_means_every_detail_page_read_by_the_fallback():
    assert details_fell_back([detail("fallback")])
    assert not details_fell_back([detail("fallback"), detail("drupal_fields")])
    assert not details_fell_back([Occurrence(URL, "listing", "teaser", node_id=7)])


def test_a_full_crawl_carries_what_a_fallback_read_page_could_not_show():
    ordered = [detail("fallback")]
    fields, _ = assembler(partial=False).carried_fields({}, "node-7", details_fell_back(ordered))
    assert fields["summary"] == "Le résumé publié." and fields["resource_type"] == "Ressources RTES"
    meta = assembler(partial=False).page_meta(ordered, "node-7", details_fell_back(ordered))
    assert meta == {"tags": ["PTCE"], "published_date": date(2021, 6, 9), "updated_date": None}


def test_a_full_crawl_that_read_the_page_takes_its_missing_fields_as_gone():
    ordered = [detail("drupal_fields", resource_type="Autres")]
    fields, listed = assembler(partial=False).carried_fields(
        {"resource_type": "Autres"}, "node-7", details_fell_back(ordered)
    )
    assert fields == {"resource_type": "Autres"} and listed is None  # the Résumé was removed
    assert (
        assembler(partial=False).page_meta(ordered, "node-7", details_fell_back(ordered))["tags"]
        == []
    )


def test_an_incremental_crawl_carries_any_field_its_pages_did_not_show():
    ordered = [detail("drupal_fields", is_private=True)]
    fields, listed = assembler(partial=True).carried_fields(
        {"is_private": True}, "node-7", details_fell_back(ordered)
    )
    assert fields["is_private"] is True and fields["summary"] == "Le résumé publié."
    assert listed == ["Alimentation"]  # the published categories count as listing evidence
