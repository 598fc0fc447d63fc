"""pipeline.monitors (publish or not) and rtes_core.incremental (what nightly runs remember)."""

from pipeline import monitors
from rtes_core import incremental
from tests.pages import FILES


def report(online=100, errors=None, pages=200, fallback=0, extractions=100):
    return {
        "run_id": "r",
        "resources_online": online,
        "errors": errors or {},
        "pages_fetched": pages,
        "fallback_extractions": fallback,
        "counts": {
            "extraction_drupal_fields": extractions - fallback,
            "extraction_fallback": fallback,
        },
    }


def test_a_healthy_run_passes_every_monitor():
    assert monitors.failures(report(), [report()]) == []


def test_losing_a_fifth_of_the_resources_fails():
    [reason] = monitors.failures(report(online=70), [report(online=100)])
    assert reason.startswith("too few resources: 70 online")


def test_the_baseline_is_the_best_recent_good_run_not_the_last():
    # a run that slipped through with nothing online must not lower the bar for the next one
    [reason] = monitors.failures(report(online=3), [report(online=150), report(online=0)])
    assert "150" in reason


def test_only_the_recent_good_runs_count():
    old = [report(online=1000)] + [report(online=100)] * monitors.RECENT_GOOD_RUNS
    assert monitors.failures(report(online=95), old) == []


def test_a_few_removals_pass():
    assert monitors.failures(report(online=97), [report(online=100)]) == []


def test_too_many_errors_fail_and_are_named():
    [reason] = monitors.failures(report(errors={"http_503": 30}), [report()])
    assert "too many errors" in reason and "http_503 30" in reason


def test_a_fallback_spike_fails_but_a_steady_share_does_not():
    assert (
        "fallback extraction spike"
        in monitors.failures(report(fallback=40), [report(fallback=0)])[0]
    )
    assert monitors.failures(report(fallback=40), [report(fallback=38)]) == []


SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://www.rtes.fr/guide-achats</loc><lastmod>2026-11-02T10:00:00+01:00</lastmod></url>
  <url><loc>https://www.rtes.fr/ressources</loc></url>
</urlset>"""


def test_sitemap_entries_are_paths_with_their_lastmod():
    assert incremental.sitemap_entries(SITEMAP) == {
        "/guide-achats": "2026-11-02T10:00:00+01:00",
        "/ressources": None,
    }


def test_listing_fingerprints_name_every_resource_and_ignore_chrome():
    html = (FILES / "listing_ressources_p0.html").read_text(encoding="utf-8")
    prints = incremental.listing_fingerprints(html, "https://www.rtes.fr/ressources")
    assert len(prints) == 10
    rechromed = html.replace("Page générée le", "Page générée, une autre fois, le")
    assert incremental.listing_fingerprints(rechromed, "https://www.rtes.fr/ressources") == prints


def test_listing_fingerprint_changes_with_a_paragraph():
    html = (FILES / "listing_ressources_p0.html").read_text(encoding="utf-8")
    before = incremental.listing_fingerprints(html, "https://www.rtes.fr/ressources")
    first_paragraph = html.split("field--name-body")[1].split("<p>")[1].split("</p>")[0]
    edited = html.replace(first_paragraph, first_paragraph + " Une phrase ajoutée.", 1)
    after = incremental.listing_fingerprints(edited, "https://www.rtes.fr/ressources")
    assert sum(before[p] != after[p] for p in before) == 1


def test_state_round_trips_and_a_foreign_state_is_ignored(tmp_path):
    state = {"version": incremental.STATE_VERSION, "lastmod": {"/a": "x"}, "listing": {"/a": "f"}}
    incremental.save_state(tmp_path, state)
    assert incremental.load_state(tmp_path) == state
    (tmp_path / incremental.STATE_FILE).write_text('{"version": 999}')
    assert incremental.load_state(tmp_path)["lastmod"] == {}
