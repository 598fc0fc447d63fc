"""`rtes-pipeline probe`: a verdict on the mirror as it is, and on a mirror whose field markup is gone."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mirror import faults
from mirror.routes import html_response, route
from mirror.server import start_in_thread
from mirror.site import build_site
from pipeline.probe import VERDICT_OK, probe

SEED, RESOURCES = 3, 40


@pytest.fixture(scope="module")
def site():
    return build_site(SEED, RESOURCES)


def serve(site, router=route):
    server, url = start_in_thread(site, router=router)
    return server, url


def run_probe(site, router=route, pages=4):
    server, url = serve(site, router)
    lines: list[str] = []
    try:
        report = probe(url, pages, out=lines.append)
    finally:
        server.shutdown()
        server.server_close()
    return report, lines


def test_probe_on_the_mirror_looks_right(site):
    report, lines = run_probe(site)
    assert report.verdict == VERDICT_OK and lines[-1].endswith("Verdict: looks right")
    kinds = [f.kind for f in report.findings]
    assert kinds.count("listing") >= 3 and kinds.count("detail") == 4
    assert any(" via drupal_fields: " in line for line in lines)  # the extraction route is shown
    assert any(line.startswith("robots.txt: HTTP 200") for line in lines)


def test_probe_names_the_problem_when_field_markup_is_gone(site):
    def no_field_markup(site_, target, base):  # every detail page after a redesign
        resource = site_.by_slug.get(target.split("?")[0][1:])
        if resource is not None:
            return html_response(faults.changed_markup_page(site_, resource))
        return route(site_, target, base)

    report, lines = run_probe(site, no_field_markup)
    assert report.verdict != VERDICT_OK
    assert any("fallback" in p or "fields missing" in p for p in report.problems), report.problems
    assert "looks right" not in lines[-1]


def test_probe_without_listings_says_so(site):
    def no_listing(site_, target, base):  # every page but the home page and the nodes is gone
        path = target.split("?")[0]
        if path == "/" or path == "/robots.txt" or path in {r.path for r in site_.resources}:
            return route(site_, target, base)
        return html_response("<!DOCTYPE html><html><body><p>Introuvable</p></body></html>", 404)

    report, _ = run_probe(site, no_listing)
    assert any(p.startswith("no listing of resources or articles found") for p in report.problems)


def test_probe_writes_nothing(site, tmp_path):
    server, url = serve(site)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pipeline", "probe", "--site-url", url, "--pages", "2"],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=tmp_path,
        )
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Verdict: looks right" in done.stdout
    assert list(tmp_path.iterdir()) == []


def test_probe_bad_pages_argument_exits_2():
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "probe", "--pages", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "--pages" in done.stderr


def test_probe_unreachable_site_is_one_line(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "probe", "--site-url", "http://127.0.0.1:9"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith("rtes-pipeline: error: could not reach")
    assert "Traceback" not in done.stderr


def test_probe_shows_the_body_as_cleaning_leaves_it():
    from pipeline.probe import record_lines
    from rtes_core.extract import occurrences_from_html

    html = (
        "<html><body><article><h1>Une journée d'échanges</h1><p>Publié le 9 juin 2021</p>"
        "<p>© Mathilde Cybulski</p><p>Les élus ont échangé sur les circuits courts et la "
        "commande publique responsable.</p></article></body></html>"
    )
    lines = record_lines(occurrences_from_html(html, "https://www.rtes.fr/une-journee", "detail"))
    shown = "\n".join(lines)
    assert "body 1 paragraphs: 'Les élus ont échangé" in shown  # the paragraph is kept
    assert (
        "Cybulski" not in shown and "1 photo_credit" in shown
    )  # the credit is gone, with its reason
