"""The mirror's second theme (mirror.theme2): the whole site in another markup, one truth."""

from __future__ import annotations

import argparse
import re

import pytest

from mirror import cli, kinds
from mirror.routes import HttpOptions, route
from mirror.site import LISTINGS, build_site
from mirror.text import normalise
from mirror.truth import truth_records
from tests.mirror.conftest import blocks, soup

SITE = build_site(11, 40)
THEME2 = HttpOptions(theme=2)
# Drupal's default template marks that theme 2 must not write.
DRUPAL_MARKS = re.compile(r"field--name-|field-name-|data-history-node-id|views-row|node--type-")


def get(path: str, options: HttpOptions = THEME2) -> str:
    response = route(SITE, path, "http://127.0.0.1:8800", options=options)
    assert response.status == 200, path
    return response.body.decode()


def text_of(html: str) -> str:
    return normalise(soup(html).get_text(" "))


def every_page_path() -> list[str]:
    member = kinds.members(SITE)[0]
    resource = SITE.resources[-1]
    return [
        "/",
        LISTINGS[0].path,
        next(lst.path for lst in LISTINGS if lst.teasers),
        resource.path,
        f"/node/{resource.nid}",
        member.path,
        "/" + kinds.region_slug(member.region),
        "/le-reseau",
    ]


@pytest.mark.parametrize("path", every_page_path())
def test_theme2_pages_carry_no_drupal_template_marks(path):
    html = get(path)
    assert not DRUPAL_MARKS.search(html) and "<main" not in html and "<article" not in html
    assert get(path, HttpOptions()) != html  # the default theme writes it otherwise


def test_theme2_detail_pages_show_every_truth_text():
    """The theme changes the markup only: each node's title, paragraphs and Résumé are blocks of
    its page's main column, exactly as the truth writes them."""
    for truth in truth_records(SITE):
        main = soup(get(truth["url"])).select_one(".colonne-principale")
        page = blocks(main)
        assert normalise(main.find("h1").get_text()) == truth["title"]
        assert all(p in page for p in truth["paragraphs"]), truth["url"]
        assert truth["summary"] is None or truth["summary"].split("\n\n")[0] in page


def test_theme2_labels_inline_on_odd_nodes_above_on_even_ones():
    resources = [r for r in SITE.resources if r.kind == "resource" and r.resource_type]
    odd = next(r for r in resources if r.nid % 2 == 1)
    even = next(r for r in resources if r.nid % 2 == 0)
    inline = soup(get(odd.path)).find("p", string=re.compile("^Type de ressource : "))
    assert inline.get_text() == f"Type de ressource : {odd.resource_type}"
    label = soup(get(even.path)).find("h4", string="Type de ressource")
    assert label.find_next_sibling().get_text() == even.resource_type


def test_theme2_node_page_has_no_top_band_and_br_paragraphs():
    resource = next(r for r in SITE.resources if not r.is_private and len(r.paragraphs) > 2)
    alias, node = soup(get(resource.path)), soup(get(f"/node/{resource.nid}"))
    assert alias.find(id="bandeau") is not None and node.find(id="bandeau") is None
    body = node.select_one(".texte")
    assert body.find("p") is None and body.find("br") is not None
    assert resource.paragraphs[1] in normalise(body.get_text(" "))


def test_serve_takes_a_theme_and_refuses_an_unknown_one(capsys):
    parser = argparse.ArgumentParser(prog="mirror")
    cli.add_commands(parser.add_subparsers(dest="command"))
    assert parser.parse_args(["serve", "--theme", "2"]).theme == 2
    assert parser.parse_args(["serve"]).theme == 1
    assert parser.parse_args(["serve", "--theme", "5"]).theme == 5
    assert parser.parse_args(["serve", "--theme", "6"]).theme == 6
    assert parser.parse_args(["serve", "--theme", "7"]).theme == 7
    with pytest.raises(SystemExit) as refused:
        parser.parse_args(["serve", "--theme", "8"])
    assert refused.value.code == 2 and "--theme" in capsys.readouterr().err


THEME3 = HttpOptions(theme=3)
# Names theme 2 writes (classes, ids) and tags theme 3 must not leave.
THEME2_NAMES = ("titre-element", "titre-page", "info-titre", "infos-ressource", "avertissement")
SECTIONING = re.compile(r"<(article|section|main|aside)\b|<h[23]\b")


@pytest.mark.parametrize("path", ["/", "/retours-sur-les-journees-d-echanges"])
def test_theme3_pages_carry_no_known_name_nor_sectioning_tag(path):
    html = get(path, THEME3)
    assert not [name for name in THEME2_NAMES if name in html]
    assert SECTIONING.search(html) is None
    assert "<h1" in html and "<p" in html  # what a reader sees is kept


def test_theme3_shows_the_texts_of_theme2():
    strip = re.compile(r"<[^>]+>")
    path = "/retours-sur-les-journees-d-echanges"
    assert strip.sub("", get(path, THEME3)) == strip.sub("", get(path, THEME2))
