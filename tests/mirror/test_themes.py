"""The mirror's second theme (mirror.theme2): the whole site in another markup, one truth."""

from __future__ import annotations

import argparse
import json
import re

import pytest

from mirror import cli, kinds, render, theme8
from mirror.routes import HttpOptions, route
from mirror.server import start_in_thread
from mirror.site import CATEGORIES, CATEGORY_BY_TID, LISTINGS, TAGS, build_site
from mirror.text import normalise
from mirror.truth import truth_records
from tests.mirror.conftest import blocks, request, soup

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
    assert parser.parse_args(["serve", "--theme", "8"]).theme == 8
    assert parser.parse_args(["serve", "--theme", "9"]).theme == 9
    assert parser.parse_args(["serve", "--theme", "10"]).theme == 10
    assert parser.parse_args(["serve", "--theme", "11"]).theme == 11
    assert parser.parse_args(["serve", "--theme", "12"]).theme == 12
    assert parser.parse_args(["serve", "--theme", "13"]).theme == 13
    with pytest.raises(SystemExit) as refused:
        parser.parse_args(["serve", "--theme", "14"])
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


# --- Theme 8: site builders and JS static-site generators (mirror/theme8.py) ---------------

THEME8 = HttpOptions(theme=8)


def test_theme8_detail_pages_show_every_truth_text():
    """Title (the page's first <h1>), paragraphs, Résumé, dates, fields, documents and tags of
    every node are on its page, as the truth writes them."""
    for truth, resource in zip(truth_records(SITE), SITE.resources):
        html = get(truth["url"], THEME8)
        page = soup(html)
        texts, text = blocks(page), text_of(html)
        assert normalise(page.find("h1").get_text()) == truth["title"], truth["url"]
        assert all(p in texts for p in truth["paragraphs"]), truth["url"]
        assert truth["summary"] is None or truth["summary"].split("\n\n")[0] in texts
        layout = theme8.layout_of(resource.nid)
        assert theme8.date_text(resource.published, layout) in text
        if resource.updated:
            assert f"Mis à jour le {theme8.date_text(resource.updated, layout)}" in text
        links = {(a["href"], normalise(a.get_text(" "))) for a in page.find_all("a", href=True)}
        for document in truth["documents"]:
            assert any(h == document["url"] and document["title"] in t for h, t in links)
        for tag in truth["tags"]:
            assert (f"/taxonomy/term/{TAGS[tag]}", tag) in links
        if resource.kind == "resource":
            if resource.categories_shown:
                for name in truth["categories"]:
                    assert (CATEGORY_BY_TID[CATEGORIES[name]].path, name) in links
            assert truth["resource_type"] is None or truth["resource_type"] in text
            assert ("Oui" if truth["is_private"] else "Non") in text
        if truth["is_private"]:
            assert not any(h.endswith(".pdf") for h, _ in links)


def test_theme8_node_pages_have_no_header_and_a_br_body():
    resource = next(r for r in SITE.resources if not r.is_private and len(r.paragraphs) > 2)
    alias, node = soup(get(resource.path, THEME8)), soup(get(f"/node/{resource.nid}", THEME8))
    assert alias.find(id="menu") is not None and node.find(id="menu") is None
    assert node.find("h1").get_text() == resource.title
    assert resource.paragraphs[1] in text_of(str(node))


def test_theme8_head_links_and_next_data():
    for resource in SITE.resources[:10]:
        head = soup(get(resource.path, THEME8)).head
        assert head.find("link", rel="canonical")["href"] == resource.path
        assert head.find("link", rel="shortlink")["href"] == f"/node/{resource.nid}"
    listing = LISTINGS[0]
    head = soup(get(listing.path, THEME8)).head
    assert head.find("link", rel="shortlink")["href"] == f"/taxonomy/term/{listing.tid}"
    resource = next(r for r in SITE.resources if theme8.layout_of(r.nid) == "next")
    script = soup(get(resource.path, THEME8)).find("script", id="__NEXT_DATA__")
    node = json.loads(script.string)["props"]["pageProps"]["node"]
    assert node["title"] == resource.title and node["drupal_internal__nid"] == resource.nid
    assert node["date"] == theme8.iso_ms(resource.published)


def test_theme8_listing_pagers_reach_every_listed_node():
    """From page 0, the pager links (?page=N) reach every page; the pages list each node of the
    listing, linked by its alias, teasers or full items as the site model says."""
    for listing in LISTINGS:
        seen, todo, found = set(), ["?page=0"], set()
        while todo:
            query = todo.pop()
            if query in seen:
                continue
            seen.add(query)
            page = soup(get(listing.path + query.replace("?page=0", ""), THEME8))
            found |= {a["href"] for a in page.find_all("a", href=True)}
            todo += [a["href"] for a in page.find_all("a", href=re.compile(r"^\?page=\d+$"))]
        assert len(seen) == SITE.page_count(listing.path), listing.path
        assert {r.path for r in SITE.listed[listing.path]} <= found, listing.path
        if listing.teasers:
            assert render.READ_MORE in text_of(get(listing.path, THEME8))


def test_theme8_member_and_region_pages_show_the_member_fields():
    member = kinds.members(SITE)[0]
    text = text_of(get(member.path, THEME8))
    assert member.name in text and member.collectivite_type in text
    assert str(member.joined_year) in text and "Année d’adhésion au RTES" in text
    assert all(normalise(section) in text for _, section in member.sections)
    region = soup(get("/" + kinds.region_slug(member.region), THEME8))
    names = {a.get_text() for a in region.find_all("a", href=member.path)}
    assert member.name in names


def _detail(site, resource):
    return route(site, resource.path, "http://127.0.0.1", options=THEME8).body.decode()


def _listing(site, index):
    listing = LISTINGS[index]
    return route(site, listing.path, "http://127.0.0.1", options=THEME8).body.decode()


def _tags_before_body(html: str, resource) -> bool:
    """Whether the tag pills stand before the body's last block (the member notice)."""
    layout = theme8.layout_of(resource.nid)
    last = theme8.MEMBER_NOTICE
    if not resource.is_private:
        last = theme8.block_in(resource.blocks[-1], layout)
    return html.index('class="tag-pills"') < html.rindex(last)


# Each part's values and what the page showing it holds (tags, body p/spacers: see _has).
MARKS = {
    "layout": {
        "next": 'id="__NEXT_DATA__"',
        "gatsby": 'id="gatsby-focus-wrapper"',
        "wix": 'data-testid="richTextElement"',
        "squarespace": '<div class="col sqs-col-8 span-8">',
        "webflow": 'class="w-layout-grid',
    },
    "meta": {
        "readtime": 'class="blog-post-meta"><time datetime=',
        "spans": '<div class="post-meta"><span>',
        "byline": "Par Rédaction RTES",
        "author": 'class="post-author"',
    },
    "fields": {
        "chips": 'class="meta-row meta-row--access"',
        "rows": 'class="meta-grid"',
        "icons": 'class="post-facts"',
    },
    "documents": {"card": 'class="download-card"', "button": "button--download"},
    "body": {
        "spacers": None,
        "figure": theme8.FIGURE_CAPTION,
        "quote": 'class="pull-quote"',
        "p": None,
    },
    "list": {
        "cards": "PostCard_card__",
        "dyn": "w-dyn-item",
        "sqs": "sqs-blog-item",
        "gallery": "gallery-item-container",
    },
    "pager": {"more": ">Voir plus</a>", "next": "Page suivante ›", "numbers": 'class="page-number'},
}


def _has(part: str, value: str, html: str, resource=None) -> bool:
    if part == "tags":
        return _tags_before_body(html, resource) == (value == "before")
    if part == "body" and value in ("p", "spacers"):  # an empty line after every block
        spacer = theme8.SPACERS[theme8.layout_of(resource.nid)]
        spaced = html.count(spacer) >= len(resource.blocks) - 1
        quoted = MARKS["body"]["quote"] in html or theme8.FIGURE_CAPTION in html
        return not quoted and spaced == (value == "spacers")
    return MARKS[part][value] in html


def _cases(site):
    """(part, value, html[, resource]) of the default seed's pages: each node's detail page for its node
    parts, each listing's first (pager: second to last) page for the listing parts."""
    for resource in site.resources:
        html = _detail(site, resource)
        yield "layout", theme8.layout_of(resource.nid), html
        yield "meta", theme8.meta_style(resource), html
        if resource.kind == "resource":
            yield "fields", theme8.field_style(resource), html
            if resource.documents and not resource.is_private:
                yield "documents", theme8.doc_style(resource), html
        if resource.tags:
            yield "tags", theme8.tag_place(resource), html, resource
        if not resource.is_private and theme8.layout_of(resource.nid) != "wix":
            yield "body", theme8.body_style(resource), html, resource
    for index, listing in enumerate(LISTINGS):
        yield "list", theme8.list_style(index), _listing(site, index)
        if site.page_count(listing.path) > 1:
            yield "pager", theme8.pager_style(index), _listing(site, index)


def test_theme8_renders_every_variant_value_on_the_default_seed(site):
    shown: dict[str, set[str]] = {}
    for part, value, html, *resource in _cases(site):
        assert _has(part, value, html, *resource), (part, value)
        shown.setdefault(part, set()).add(value)
    expected = {
        "layout": set(theme8.LAYOUTS),
        "meta": set(theme8.META_STYLES),
        "fields": set(theme8.FIELD_STYLES),
        "documents": set(theme8.DOC_STYLES),
        "tags": set(theme8.TAG_PLACES),
        "body": set(theme8.BODY_STYLES),
        "list": set(theme8.LIST_STYLES),
        "pager": set(theme8.PAGER_STYLES),
    }
    assert shown == expected
    assert set(theme8.VARIANT) == {*expected, "cookie"}


@pytest.mark.parametrize(
    ("part", "value"),
    [("layout", v) for v in theme8.LAYOUTS]
    + [("meta", v) for v in theme8.META_STYLES]
    + [("fields", v) for v in theme8.FIELD_STYLES]
    + [("documents", v) for v in theme8.DOC_STYLES]
    + [("body", v) for v in ("figure", "quote")]
    + [("list", v) for v in theme8.LIST_STYLES]
    + [("pager", v) for v in theme8.PAGER_STYLES],
)
def test_theme8_variant_forces_one_construct(monkeypatch, part, value):
    monkeypatch.setitem(theme8.VARIANT, part, value)
    if part in ("list", "pager"):
        pages = [_listing(SITE, i) for i in range(len(LISTINGS))]
        pages = [h for h in pages if part == "list" or "?page=1" in h]
    else:
        nodes = [r for r in SITE.resources if r.kind == "resource" and not r.is_private]
        pages = [_detail(SITE, r) for r in nodes if r.documents or part != "documents"]
    assert pages and all(MARKS[part][value] in html for html in pages), (part, value)


def test_theme8_chrome_cookie_banner_badges_and_newsletter(monkeypatch):
    html = get("/", THEME8)
    assert "Ce site utilise des cookies" in html and ">Accepter</button>" in html
    assert 'aria-label="Ouvrir le menu"' in html or 'class="menu-button w-nav-button"' in html
    assert "newsletter" in html or "w-form" in html
    monkeypatch.setitem(theme8.VARIANT, "layout", "wix")
    assert "Créé avec <span>Wix</span>" in get("/", THEME8)
    monkeypatch.setitem(theme8.VARIANT, "layout", "squarespace")
    assert "Powered by Squarespace" in get("/", THEME8)
    monkeypatch.setitem(theme8.VARIANT, "cookie", "off")
    assert "Ce site utilise des cookies" not in get("/", THEME8)


def test_theme8_is_served():
    server, base = start_in_thread(SITE, theme=8)
    try:
        resource = SITE.resources[-1]
        for path in ("/", LISTINGS[0].path, resource.path, f"/node/{resource.nid}", "/le-reseau"):
            status, headers, body = request(base, path)
            assert status == 200 and body.rstrip().endswith(b"</html>"), path
        assert request(base, "/nothing-here")[0] == 404
    finally:
        server.shutdown()
        server.server_close()


def test_theme8_squarespace_detail_pages_list_three_similar_nodes():
    resource = next(r for r in SITE.resources if theme8.layout_of(r.nid) == "squarespace")
    side = soup(get(resource.path, THEME8)).select_one(".sqs-col-4")
    assert "Articles similaires" in side.get_text()
    links = side.select("a.summary-title-link")
    assert len(links) == theme8.RELATED_COUNT
    others = {r.path: r for r in SITE.resources if r.nid != resource.nid}
    for link in links:
        other = others[link["href"]]
        assert link.get_text() == other.title
        assert theme8.date_text(other.published, "squarespace") in side.get_text()
