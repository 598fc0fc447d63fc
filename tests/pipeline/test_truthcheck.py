"""pipeline.truthcheck: differences between a published dataset and the ground truth."""

from datetime import date

from pipeline.truthcheck import acceptance, comparable, differences, path_of


def record(path, **extra):
    rec = {
        "resource_id": f"id{path}",
        "url": f"https://www.rtes.fr{path}",
        "source_urls": [f"https://www.rtes.fr{path}"],
        "title": "Titre",
        "summary": None,
        "body": "Un.",
        "paragraphs": ["Un."],
        "resource_type": "Guide",
        "is_private": False,
        "categories": ["Emploi"],
        "documents": [],
        "published_date": date(2016, 5, 12),
    }
    rec.update(extra)
    return rec


def truth(path, **extra):
    """Truth records name pages by path, and dates as ISO strings."""
    rec = record(path, **extra)
    rec["url"] = path
    rec["source_urls"] = [path]
    if rec["published_date"] is not None:
        rec["published_date"] = str(rec["published_date"])
    return rec


def test_identical_datasets_have_no_difference():
    assert differences([record("/a"), record("/b")], [truth("/a"), truth("/b")]) == []


def test_host_of_published_urls_is_ignored():
    published = record("/a", url="http://127.0.0.1:8000/a", source_urls=["http://127.0.0.1:8000/a"])
    assert differences([published], [truth("/a")]) == []


def test_missing_resource_is_reported():
    assert differences([record("/a")], [truth("/a"), truth("/b")]) == [
        "/b: missing from the dataset"
    ]


def test_unexpected_resource_is_reported():
    assert differences([record("/a"), record("/z")], [truth("/a")]) == [
        "/z: published but not in the truth"
    ]


def test_duplicated_resource_is_reported():
    assert differences([record("/a"), record("/a", resource_id="autre")], [truth("/a")]) == [
        "/a: published 2 times"
    ]


def test_differing_field_is_reported_with_both_values():
    lines = differences([record("/a", resource_type="Étude")], [truth("/a")])
    assert lines == ["/a: resource_type differs: got 'Étude' expected 'Guide'"]


def test_each_differing_field_is_one_line():
    lines = differences([record("/a", title="Autre", paragraphs=["Deux."])], [truth("/a")])
    assert [line.split(":")[1].strip().split()[0] for line in lines] == ["title", "paragraphs"]


def test_long_values_are_shortened():
    [line] = differences([record("/a", body="x" * 1000)], [truth("/a", body="y" * 1000)])
    assert len(line) < 400
    assert "…" in line


def test_comparable_sorts_source_urls_and_turns_urls_into_paths():
    rec = comparable(
        record(
            "/a",
            source_urls=["https://www.rtes.fr/z", "https://www.rtes.fr/b?page=2"],
            documents=[{"title": "A", "url": "https://www.rtes.fr/sites/default/files/a.pdf"}],
        )
    )
    assert rec["url"] == "/a"
    assert rec["source_urls"] == ["/b?page=2", "/z"]
    assert rec["documents"] == [{"title": "A", "url": "/sites/default/files/a.pdf"}]
    assert rec["published_date"] == "2016-05-12"


def test_path_of_keeps_the_query():
    assert path_of("https://www.rtes.fr/ressources?page=3") == "/ressources?page=3"
    assert path_of(None) is None


def test_acceptance_of_an_identical_dataset_meets_the_bar():
    scores = acceptance([record("/a"), record("/b")], [truth("/a"), truth("/b")])
    assert (scores.items, scores.found_once, scores.unexpected) == (2, 2, 0)
    assert (scores.body_precision, scores.body_recall) == (1.0, 1.0)
    assert set(scores.field_rates.values()) == {1.0}
    assert scores.meets_bar()


def test_acceptance_counts_a_kept_footer_against_precision_and_a_lost_paragraph_against_recall():
    body = ["Le séminaire a réuni trente collectivités.", "Les ateliers ont suivi."]
    footer = record("/a", paragraphs=[*body, "Mentions légales contact plan du site"])
    lost = record("/b", paragraphs=body[:1])
    scores = acceptance(
        [footer, lost], [truth("/a", paragraphs=body), truth("/b", paragraphs=body)]
    )
    # /a: 10 words kept of 16 published; /b: 6 of the 10 expected recovered
    assert scores.body_precision == (10 + 6) / (16 + 6)
    assert scores.body_recall == (10 + 6) / (10 + 10)
    assert not scores.meets_bar()


def test_acceptance_rates_each_field_over_the_found_items():
    published = [record("/a"), record("/b", resource_type="Autres"), record("/c")]
    wanted = [truth("/a"), truth("/b"), truth("/c"), truth("/d")]
    scores = acceptance(published, wanted)
    assert scores.field_rates["resource_type"] == 2 / 3
    assert scores.field_rates["categories"] == 1.0
    assert (scores.items, scores.found_once) == (4, 3)
    assert not scores.meets_bar()


def test_acceptance_counts_duplicated_and_unexpected_records():
    published = [record("/a"), record("/a", resource_id="autre"), record("/membre")]
    scores = acceptance(published, [truth("/a")])
    assert (scores.found_once, scores.duplicated, scores.unexpected) == (0, 1, 1)
    assert "0/1 items found once, 1 duplicated, 1 unexpected" in scores.line()
