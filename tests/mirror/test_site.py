"""Determinism and invariants of the generated site and its truth."""

from __future__ import annotations

import json
import re

from mirror import render
from mirror.site import IMAGE_NAMES, LISTINGS, Site, build_site
from mirror.text import normalise, slugify
from mirror.truth import truth_records

# Spaces after a dash/hyphen and a final period: what the small edits touch.
LOOSE_DASH = re.compile(r"([–-]) ")
KEYS = {
    "resource_id",
    "url",
    "source_urls",
    "title",
    "summary",
    "body",
    "paragraphs",
    "resource_type",
    "is_private",
    "categories",
    "documents",
    "published_date",
    "kind",
    "updated_date",
    "tags",
}


def loose(text: str) -> str:
    """Text with the small edits undone (dash spaces, final period, whitespace)."""
    return LOOSE_DASH.sub(r"\1", normalise(text)).rstrip(".")


def shingles(text: str) -> set[tuple[str, ...]]:
    """Word 3-shingles."""
    words = text.lower().split()
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def fresh(seed: int, count: int) -> Site:
    """A site built without the cache."""
    return build_site.__wrapped__(seed, count)


def test_same_seed_same_site() -> None:
    a, b = fresh(3, 40), fresh(3, 40)
    assert json.dumps(truth_records(a)) == json.dumps(truth_records(b))
    for ra, rb in zip(a.resources, b.resources):
        assert render.detail_page(a, ra) == render.detail_page(b, rb)
    for listing in LISTINGS:
        assert render.listing_page(a, listing, 0) == render.listing_page(b, listing, 0)


def test_other_seed_other_site() -> None:
    a, b = fresh(3, 40), fresh(4, 40)
    assert [r.title for r in a.resources] != [r.title for r in b.resources]
    assert truth_records(a) != truth_records(b)


def test_resources_shape(site: Site) -> None:
    resources = site.resources
    assert len({r.nid for r in resources}) == len(resources) == 150
    assert len({r.slug for r in resources}) == len(resources)
    assert all(r.slug == slugify(r.slug) and "/" not in r.slug for r in resources)
    dates = [r.published for r in resources]
    assert dates == sorted(dates)
    assert str(dates[0].date()) >= "2012-01-01" and str(dates[-1].date()) <= "2026-10-31"
    variants = {r.variant for r in resources}
    assert variants == {"d7", "d8", "bare"}
    assert any(r.is_private for r in resources)


def test_truth_keys_and_body(site: Site) -> None:
    for record in truth_records(site):
        assert set(record) == KEYS
        assert record["resource_id"].startswith("node-")
        if record["is_private"]:
            assert record["body"] is None and record["paragraphs"] == []
            assert record["documents"] == []
        else:
            assert record["body"] and record["body"] == "\n\n".join(record["paragraphs"])
            words = len(record["body"].split())
            assert 250 <= words <= 3400
        assert all(p == normalise(p) and p for p in record["paragraphs"])
        assert record["url"] in record["source_urls"]
        assert record["source_urls"] == sorted(record["source_urls"])


def test_no_residue_or_repeat_in_truth(site: Site) -> None:
    names = {normalise(n) for n in IMAGE_NAMES}
    for resource, record in zip(site.resources, truth_records(site)):
        assert not names & set(record["paragraphs"])
        long_keys = [loose(p) for p in record["paragraphs"] if len(p.split()) >= 12]
        assert len(long_keys) == len(set(long_keys)), resource.slug
        repeats = [b for b in resource.blocks if b.role == "repeat"] if record["body"] else []
        for block in repeats:  # the copy is near-identical to an earlier kept paragraph
            assert loose(block.plain) in long_keys


def test_paragraphs_never_near_identical(site: Site) -> None:
    for record in truth_records(site):
        long = [shingles(p) for p in record["paragraphs"] if len(p.split()) >= 12]
        for i, a in enumerate(long):
            for b in long[i + 1 :]:
                assert len(a & b) / len(a | b) < 0.5


def test_summary_copies_are_in_body(site: Site) -> None:
    kinds = set()
    for resource, record in zip(site.resources, truth_records(site)):
        kinds.add(resource.summary_kind)
        if resource.is_private:
            continue
        body = [loose(p) for p in record["paragraphs"]]
        summary = record["summary"]
        if resource.summary_kind == "empty":
            assert summary is None
        elif resource.summary_kind == "copy":
            parts = summary.split("\n\n")
            assert [loose(p) for p in parts] == body[: len(parts)]
        elif resource.summary_kind == "truncated":
            assert record["paragraphs"][0].startswith(summary)
            assert summary != record["paragraphs"][0]
        else:
            assert all(loose(summary) not in p for p in body)
    assert kinds == {"copy", "truncated", "independent", "empty"}


def test_feature_rates(site: Site) -> None:
    resources = site.resources

    def share(pred) -> float:
        return sum(map(pred, resources)) / len(resources)

    assert 0.05 < share(lambda r: r.is_private) < 0.2
    assert 0.15 < share(lambda r: not r.documents) < 0.45
    assert 0.1 < share(lambda r: any(b.role == "residue" for b in r.blocks)) < 0.4
    assert 0.05 < share(lambda r: any(b.role == "repeat" for b in r.blocks)) < 0.3
    assert share(lambda r: any(b.kind == "ul" for b in r.blocks)) > 0.2
    assert share(lambda r: any(b.kind == "h3" for b in r.blocks)) > 0.2
    text = " ".join(b.plain for r in resources for b in r.blocks)
    for mark in ("\u00a0:", "«\u00a0", "’", "é", "Téléchargez la version pour impression."):
        assert mark in text


def test_a_node_link_in_a_private_resources_resume_is_a_source_url_of_that_node() -> None:
    # a private resource shows no body but its Résumé, which may copy the body's "Voir aussi"
    # link to /node/<nid>: a crawler meets that node there (seed 307 has one such link)
    site = build_site(307, 180)
    shown = {n: r for r in site.resources if r.is_private for n in r.shown_linked_nids}
    assert shown and all(r.linked_nids for r in shown.values())
    truth = {t["resource_id"]: t for t in truth_records(site)}
    for nid in shown:
        assert f"/node/{nid}" in truth[f"node-{nid}"]["source_urls"]
