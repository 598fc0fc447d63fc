"""The demo's truth check compares the online rows only: a row flagged removed is history (a
past run on the same DATA_DIR published it), not a resource the site holds."""

from types import SimpleNamespace

from mirror.site import build_site
from mirror.truth import truth_records
from pipeline.demo import check_against_truth

SITE = build_site(7, 5)


def result(rows):
    return SimpleNamespace(resources=rows, documents=None, members=None)


def test_a_removed_row_is_not_compared_with_the_truth(capsys, monkeypatch):
    monkeypatch.setattr("mirror.documents.document_truth", lambda site: [])
    monkeypatch.setattr("mirror.kinds.members_truth", lambda site: [])
    rows = [dict(t, removed_at=None) for t in truth_records(SITE)]
    past = dict(rows[0], url="https://www.rtes.fr/sites/default/files/a.pdf", resource_id="url-x")
    assert check_against_truth(SITE, result([*rows, dict(past, removed_at="2026-12-01")]), 1.0) == 0
    assert f"all {len(rows)} resources" in capsys.readouterr().out
    assert check_against_truth(SITE, result([*rows, past]), 1.0) == 1  # online: a difference
