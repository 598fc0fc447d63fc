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


def test_a_body_is_long_enough_to_merge_exactly_when_its_shingle_set_is():
    from pipeline.clean import Cleaner
    from pipeline.config import DedupConfig
    from pipeline.process.content_merge import _long_enough
    from rtes_core.text import comparison_key, shingles

    cleaner = Cleaner(DedupConfig())
    cfg = cleaner.config
    words = [f"mot{i}" for i in range(80)]
    bodies = [
        " ".join(words[:n]) for n in (0, 3, cfg.merge_min_shingles + 3, cfg.merge_min_shingles + 4)
    ] + [" ".join(["la ville"] * 60), " ".join(words[:30] * 3)]  # repeated words: few distinct
    keys = [comparison_key(b) for b in bodies]
    _, hashed = cleaner.signatures.key_signatures_sized(
        keys, cfg.merge_shingle_kind, cfg.merge_shingle_size
    )
    for key, count in zip(keys, hashed):
        exact = len(set(shingles(key, cfg.merge_shingle_kind, cfg.merge_shingle_size)))
        assert _long_enough(key, int(count), cleaner) == (exact >= cfg.merge_min_shingles)
        # and when the hashes under-count, the exact set still decides
        assert _long_enough(key, 0, cleaner) == (exact >= cfg.merge_min_shingles)
