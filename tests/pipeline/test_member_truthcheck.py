"""pipeline.truthcheck.member_differences: the members table against the mirror's member truth."""

from __future__ import annotations

from datetime import date

from mirror import kinds
from mirror.site import build_site
from pipeline.truthcheck import member_differences

TRUTH = kinds.members_truth(build_site(7, 20))


def published_rows() -> list[dict]:
    """The truth as the members table would hold it (absolute URLs, dates, extra columns)."""
    return [
        {
            **t,
            "url": "http://127.0.0.1:8800" + t["url"],
            "updated_date": date.fromisoformat(t["updated_date"]),
            "source_urls": ["http://127.0.0.1:8800" + t["url"]],
            "address": None,
        }
        for t in TRUTH
    ]


def test_equal_table_has_no_difference():
    assert TRUTH and member_differences(published_rows(), TRUTH) == []


def test_missing_duplicated_and_differing_members_are_named():
    rows = published_rows()
    missing = rows.pop(0)
    rows.append(dict(rows[0]))
    rows[1] = {**rows[1], "population": rows[1]["population"] + 1}
    lines = member_differences(rows, TRUTH)
    assert (
        f"{missing['url'].removeprefix('http://127.0.0.1:8800')}: missing from the members table"
        in lines
    )
    assert f"{TRUTH[1]['url']}: published 2 times in the members table" in lines
    assert any(line.startswith(f"{TRUTH[2]['url']}: population differs") for line in lines)
    assert len(lines) == 3
