"""What a record joined on its body takes from the one it absorbs (issue 13: a /node/N page
whose head names no alias is joined to its alias page by the content merge)."""

from pipeline.process.content_merge import joined_fields, page_url

SITE = "https://www.rtes.fr"


def record(**values):
    base = {
        "categories": [],
        "summary": None,
        "resource_type": None,
        "is_private": None,
        "documents": [],
        "tags": [],
        "published_date": None,
        "updated_date": None,
    }
    return base | values


def test_the_joined_record_keeps_the_alias_not_the_system_path():
    assert (
        page_url(f"{SITE}/node/1013", f"{SITE}/sieg-actualites-2012")
        == f"{SITE}/sieg-actualites-2012"
    )
    assert (
        page_url(f"{SITE}/sieg-actualites-2012", f"{SITE}/node/1013")
        == f"{SITE}/sieg-actualites-2012"
    )
    assert page_url(f"{SITE}/a", f"{SITE}/b") == f"{SITE}/a"


def test_the_joined_record_gains_the_listings_and_fields_it_lacked():
    kept = record(categories=["Alimentation"], resource_type="Autres")
    absorbed = record(
        categories=["Alimentation", "Dossiers"], resource_type="Ressources RTES", tags=["PTCE"]
    )
    assert joined_fields(kept, absorbed) == {
        "categories": ["Alimentation", "Dossiers"],
        "tags": ["PTCE"],
    }


def test_nothing_to_add_changes_nothing():
    assert joined_fields(record(categories=["A"]), record(categories=["A"])) == {}
