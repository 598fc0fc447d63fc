"""The site day by day: determinism, daily changes, `changes` against the truth, sitemap lastmod."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

import pytest

from mirror import cli, feeds
from mirror.changes import changes_between, site_changes
from mirror.days import ADDED_PER_DAY, EDIT_WEIGHTS, EDITED_PER_DAY, REMOVED_PER_DAY
from mirror.render import detail_page, iso_local, listing_page
from mirror.routes import route
from mirror.site import LISTINGS, Site, build_site, day_date
from mirror.truth import content, truth_records
from tests.mirror.conftest import DAYS_LAST, DAYS_RESOURCES, DAYS_SEED

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "http://mirror.test"
# The footer line with the generation time, and the sidebar of latest resources (chrome).
GENERATED = re.compile(r'<p class="generated">Page générée le (\d\d/\d\d/\d{4} à \d\d:\d\d)</p>')
SIDEBAR = re.compile(r'<aside class="layout-sidebar-first".*?</aside>', re.S)


def fresh(day: int, seed: int = DAYS_SEED) -> Site:
    """A site built without the cache."""
    return build_site.__wrapped__(seed, DAYS_RESOURCES, day)


def by_url(site: Site) -> dict[str, dict]:
    """Truth records keyed by canonical path."""
    return {r["url"]: r for r in truth_records(site)}


def truth_diff(early: Site, late: Site) -> dict[str, list[str]]:
    """Added / edited / removed computed from the two days' truth alone."""
    a, b = by_url(early), by_url(late)
    return {
        "added": sorted(b.keys() - a.keys()),
        "edited": sorted(u for u in a.keys() & b.keys() if content(a[u]) != content(b[u])),
        "removed": sorted(a.keys() - b.keys()),
    }


def chrome_free(html: str) -> str:
    """A page without its generation time and sidebar."""
    return SIDEBAR.sub("", GENERATED.sub("", html))


def test_same_seed_and_day_same_site(days_site: Site) -> None:
    a, b = fresh(5), fresh(5)
    assert json.dumps(truth_records(a)) == json.dumps(truth_records(b))
    assert [a.at(d).log for d in range(6)] == [b.at(d).log for d in range(6)]
    assert a.files.keys() == b.files.keys()
    assert all(a.files[p].content == b.files[p].content for p in a.files)
    for ra, rb in zip(a.resources, b.resources):
        assert detail_page(a, ra) == detail_page(b, rb)
    for listing in LISTINGS:
        assert listing_page(a, listing, 0) == listing_page(b, listing, 0)
    assert truth_records(a) == truth_records(days_site.at(5))  # the cached chain agrees
    assert truth_records(fresh(5, seed=DAYS_SEED + 1)) != truth_records(a)


def test_day_zero_is_unchanged_by_later_days(days_site: Site) -> None:
    day0 = build_site(DAYS_SEED, DAYS_RESOURCES, 0)
    assert days_site.at(0).day == 0 and days_site.at(0).previous is None
    assert truth_records(days_site.at(0)) == truth_records(day0)
    assert detail_page(days_site.at(0), days_site.at(0).resources[3]) == detail_page(
        day0, day0.resources[3]
    )


def test_negative_day_is_refused() -> None:
    with pytest.raises(ValueError):
        build_site(DAYS_SEED, DAYS_RESOURCES, -1)
    with pytest.raises(ValueError):
        changes_between(DAYS_SEED, DAYS_RESOURCES, 3, 2)


def test_daily_counts_and_cumulative_days(days_site: Site) -> None:
    for day in range(1, DAYS_LAST + 1):
        today, yesterday = days_site.at(day), days_site.at(day - 1)
        log = today.log
        assert today.previous is yesterday and today.generated_at.date() == day_date(day)
        assert ADDED_PER_DAY[0] <= len(log.added) <= ADDED_PER_DAY[1]
        assert EDITED_PER_DAY[0] <= len(log.edited) <= EDITED_PER_DAY[1]
        assert REMOVED_PER_DAY[0] <= len(log.removed) <= REMOVED_PER_DAY[1]
        assert len(log.replaced_files) == 1
        assert len(today.resources) == len(yesterday.resources) - len(log.removed) + len(log.added)
        assert set(log.added).isdisjoint(yesterday.by_nid)
        assert min(log.added) > max(r.nid for r in days_site.at(0).resources)
        assert set(log.removed) <= set(yesterday.by_nid) and set(log.removed).isdisjoint(
            today.by_nid
        )
        for nid, _ in log.edited:
            assert today.by_nid[nid].changed.date() == day_date(day)
        for nid in log.added:
            assert today.by_nid[nid].changed == today.by_nid[nid].published
            assert today.by_nid[nid].published.date() == day_date(day)
    kinds = {kind for d in range(1, DAYS_LAST + 1) for _, kind in days_site.at(d).log.edited}
    assert kinds == set(EDIT_WEIGHTS)


def test_every_edit_changes_the_truth_record(days_site: Site) -> None:
    for day in range(1, DAYS_LAST + 1):
        before, after = by_url(days_site.at(day - 1)), by_url(days_site.at(day))
        for nid, kind in days_site.at(day).log.edited:
            url = days_site.at(day).by_nid[nid].path
            assert content(before[url]) != content(after[url]), (day, kind, url)


@pytest.mark.parametrize("day_a,day_b", [(0, 1), (0, DAYS_LAST), (3, 7), (5, 5), (2, 11), (7, 8)])
def test_changes_match_the_truth_diff(days_site: Site, day_a: int, day_b: int) -> None:
    found = changes_between(DAYS_SEED, DAYS_RESOURCES, day_a, day_b)
    assert found == truth_diff(days_site.at(day_a), days_site.at(day_b))
    if day_a < day_b:
        assert found["added"] and found["edited"] and found["removed"]
    else:
        assert found == {"added": [], "edited": [], "removed": []}


def test_changes_window_rules(days_site: Site) -> None:
    """Added then edited: added. Added then removed: nothing. Edited then removed: removed."""
    added_on = {n: d for d in range(1, DAYS_LAST + 1) for n in days_site.at(d).log.added}
    edited_on = {}
    for d in range(1, DAYS_LAST + 1):
        for n, _ in days_site.at(d).log.edited:
            edited_on.setdefault(n, []).append(d)
    removed_on = {n: d for d in range(1, DAYS_LAST + 1) for n in days_site.at(d).log.removed}
    found = changes_between(DAYS_SEED, DAYS_RESOURCES, 0, DAYS_LAST)
    cases = {"added+edited": 0, "added+removed": 0, "edited+removed": 0}
    for nid, day in added_on.items():
        if nid in removed_on:
            path = days_site.at(day).by_nid[nid].path
            assert all(path not in paths for paths in found.values())
            cases["added+removed"] += 1
        elif nid in edited_on:
            path = days_site.by_nid[nid].path
            assert path in found["added"] and path not in found["edited"]
            cases["added+edited"] += 1
    for nid, day in removed_on.items():
        if nid in edited_on and nid not in added_on:
            path = days_site.at(day - 1).by_nid[nid].path
            assert path in found["removed"] and path not in found["edited"]
            cases["edited+removed"] += 1
    assert all(cases.values()), cases


def test_removed_pages_answer_404(days_site: Site) -> None:
    for day in range(1, DAYS_LAST + 1):
        today, yesterday = days_site.at(day), days_site.at(day - 1)
        for nid in today.log.removed:
            resource = yesterday.by_nid[nid]
            assert route(yesterday, resource.path, BASE).status == 200
            assert route(today, resource.path, BASE).status == 404
            assert route(today, f"/node/{nid}", BASE).status == 404
            assert all(resource not in rows for rows in today.listed.values())
            for document in resource.documents:  # attachments are deleted with the node
                assert route(today, document.path, BASE).status == 404


def test_footer_changes_daily_while_untouched_resources_stay(days_site: Site) -> None:
    day = 6
    today, yesterday = days_site.at(day), days_site.at(day - 1)
    touched = set(today.log.added) | {n for n, _ in today.log.edited} | set(today.log.removed)
    untouched = [r for r in yesterday.resources if r.nid not in touched]
    before, after = by_url(yesterday), by_url(today)
    for resource in untouched:
        old = route(yesterday, resource.path, BASE).body.decode()
        new = route(today, resource.path, BASE).body.decode()
        assert GENERATED.search(old).group(1) != GENERATED.search(new).group(1)
        assert old != new and chrome_free(old) == chrome_free(new)
        assert content(before[resource.path]) == content(after[resource.path])
    stamps = {
        GENERATED.search(route(days_site.at(d), "/", BASE).body.decode()).group(1)
        for d in range(DAYS_LAST + 1)
    }
    assert len(stamps) == DAYS_LAST + 1


def test_new_resources_lead_the_listing_and_ties_reorder(days_site: Site) -> None:
    reordered = 0
    for day in range(1, DAYS_LAST + 1):
        today, yesterday = days_site.at(day), days_site.at(day - 1)
        newest = today.newest
        assert {r.nid for r in newest[: len(today.log.added)]} == set(today.log.added)
        dates = [r.published.date() for r in newest]
        assert dates == sorted(dates, reverse=True)
        old_order = [r.nid for r in yesterday.newest if r.nid in today.by_nid]
        new_order = [r.nid for r in newest if r.nid in yesterday.by_nid]
        reordered += old_order != new_order
    assert reordered  # equal dates come back in another order on some day


def sitemap_lastmods(site: Site) -> dict[str, str]:
    """Resource loc -> lastmod from the sitemap."""
    root = ElementTree.fromstring(feeds.sitemap_xml(site, BASE))
    rows = {
        u.find(f"{SITEMAP_NS}loc").text[len(BASE) :]: u.find(f"{SITEMAP_NS}lastmod").text
        for u in root.iter(f"{SITEMAP_NS}url")
    }
    return {path: stamp for path, stamp in rows.items() if path[1:] in site.by_slug}


@pytest.mark.parametrize("day_a,day_b", [(4, 5), (0, DAYS_LAST)])
def test_sitemap_lastmod_changes_exactly_for_added_and_edited(
    days_site: Site, day_a: int, day_b: int
) -> None:
    early, late = days_site.at(day_a), days_site.at(day_b)
    before, after = sitemap_lastmods(early), sitemap_lastmods(late)
    assert set(after) == {r.path for r in late.resources}
    moved = {path for path, stamp in after.items() if before.get(path) != stamp}
    found = site_changes(early, late)
    assert moved == set(found["added"]) | set(found["edited"])
    for resource in late.resources:
        assert after[resource.path] == iso_local(resource.changed)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00", after[resource.path])


def test_changes_command_prints_json(capsys) -> None:
    assert (
        cli.main(
            [
                "changes",
                "--from-day",
                "2",
                "--to-day",
                "5",
                "--seed",
                str(DAYS_SEED),
                "--resources",
                str(DAYS_RESOURCES),
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out) == changes_between(DAYS_SEED, DAYS_RESOURCES, 2, 5)


def test_truth_command_for_a_day(tmp_path, days_site: Site, capsys) -> None:
    out = tmp_path / "truth.jsonl"
    assert (
        cli.main(
            [
                "truth",
                "--day",
                "7",
                "--out",
                str(out),
                "--seed",
                str(DAYS_SEED),
                "--resources",
                str(DAYS_RESOURCES),
            ]
        )
        == 0
    )
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records == truth_records(days_site.at(7)) and "day 7" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["changes", "--from-day", "3", "--to-day", "1"],
        ["truth", "--day", "-2", "--out", "never.jsonl"],
    ],
)
def test_bad_days_are_one_line_errors(argv, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(argv) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and ": error: " in err[0]
    assert list(tmp_path.iterdir()) == []
