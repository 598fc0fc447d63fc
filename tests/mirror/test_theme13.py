"""Theme 13 (mirror.theme13): Drupal 7 classic, MkDocs Material, a Jahia portal, Umbraco with
Bulma and AMP pages, one truth."""

from __future__ import annotations

import copy
import re
import urllib.request
from datetime import datetime

import pytest

from mirror import kinds, render, theme11, theme13
from mirror.routes import HttpOptions, route
from mirror.server import start_in_thread
from mirror.site import (
    CATEGORIES,
    CATEGORY_BY_TID,
    LISTINGS,
    PAGE_SIZE,
    TAGS,
    Resource,
    Site,
    build_site,
)
from mirror.text import normalise
from mirror.truth import truth_records
from tests.mirror.conftest import BLOCK_TAGS, soup
from tests.mirror.theme_contract import assert_head_links_as_theme1, assert_node_links_as_theme1

OPTIONS = HttpOptions(theme=13)
BASE = "http://127.0.0.1:8800"
SEED, RESOURCES = 11, 60


@pytest.fixture(scope="module")
def site13() -> Site:
    return build_site(seed=SEED, resources=RESOURCES)


def fetch(site: Site, path: str, status: int = 200, options: HttpOptions = OPTIONS) -> str:
    response = route(site, path, BASE, options=options)
    assert response.status == status, path
    return response.body.decode()


def without_headerlinks(node):
    """A copy of the node without Material's "¶" permalinks."""
    node = copy.copy(node)
    for link in node.find_all("a", class_="headerlink"):
        link.decompose()
    return node


def text_of(node) -> str:
    return normalise(without_headerlinks(node).get_text(" "))


def content_root(page):
    """The page's content: its <main>, or Drupal 7's div#content (no <main> there)."""
    return page.find("main") or page.find(id="content")


# Elements that end a line of text (the br-separated bodies of /node/N pages).
LINE_TAGS = (*BLOCK_TAGS, "div", "td", "th", "tr", "table", "dd", "dt", "ul", "section")
END = "\u2029"  # a line's end


def blocks(container) -> list[str]:
    """The container's lines of text: its block elements' and the lines of its br-separated
    text (a double <br> ends a line, a single one breaks it; li prefixed with "- ", as the
    truth's blocks), Material's permalinks left out."""
    html = re.sub(r"(?:<br\s*/?>\s*){2,}", END, str(without_headerlinks(container)))
    parsed = soup(re.sub(r"<br\s*/?>", " ", html))
    for element in parsed.find_all(LINE_TAGS):
        if element.name == "li":
            element.insert(0, "- ")
        element.insert_before(END)
        element.insert_after(END)
    lines = (normalise(line) for line in parsed.get_text().split(END))
    return [line for line in lines if line and line != "-"]


# --- Every route kind ----------------------------------------------------------------------


def route_paths(site: Site) -> list[str]:
    member = kinds.members(site)[0]
    resource = site.resources[-1]
    return [
        "/",
        LISTINGS[0].path,
        LISTINGS[0].path + "?page=1",
        next(lst.path for lst in LISTINGS if lst.teasers),
        LISTINGS[0].path + "?page=99",  # past the last page: the empty view
        resource.path,
        f"/node/{resource.nid}",
        "/le-reseau",
        "/mentions-legales",
        f"/taxonomy/term/{TAGS['PTCE']}",  # a free tag's term page
        member.path,
        "/" + kinds.region_slug(member.region),
        kinds.NEWSLETTER_PATH,
    ]


def test_every_route_kind_renders_in_theme13(site13):
    for path in route_paths(site13):
        html = fetch(site13, path)
        page = soup(html)
        if path == kinds.NEWSLETTER_PATH:  # an e-mail's web version: the same in every theme
            assert html == fetch(site13, path, options=HttpOptions())
            continue
        assert content_root(page) is not None and page.find("h1") is not None, path
        assert "Mentions légales" in html, path
        assert html != fetch(site13, path, options=HttpOptions()), path
        if not path.startswith("/node/"):
            hrefs = {a.get("href") for a in page.find_all("a")}
            assert {lst.path for lst in LISTINGS} <= hrefs, path
            assert {p for p, _ in render._region_menu(site13)} <= hrefs, path
            assert render.SITE_NAME in text_of(page), path
    missing = fetch(site13, "/cette-page-n-existe-pas", 404)
    assert "Page non trouvée" in missing


# Marks of the header, menus and breadcrumbs a /node/N page must not carry.
CHROME_MARKS = (
    'id="navigation"',
    'id="site-name"',
    "md-nav--primary",
    'class="md-tabs"',
    "md-header",
    'class="main-nav"',
    "navbar-menu",
    "<amp-sidebar",
    "breadcrumb",
    "md-path",
    "Vous êtes ici",
    'class="service-links"',
    "Partager cette page",
    "Partager sur Facebook",
    "<amp-social-share",
    "md-feedback",
    "Version imprimable",
)


def test_node_system_path_has_no_header_and_br_paragraphs(site13):
    public = [r for r in site13.resources if not r.is_private and len(r.paragraphs) > 2]
    for layout in theme13.LAYOUTS:
        resource = next(r for r in public if theme13.layout_of(r.nid) == layout)
        html = fetch(site13, f"/node/{resource.nid}")
        node = soup(html)
        assert not [m for m in CHROME_MARKS if m in html], layout
        root = content_root(node)
        assert text_of(root.find("h1")) == normalise(resource.title)
        assert all(p in normalise(root.get_text()) for p in resource.paragraphs), layout
        assert "<br>\n" in html, layout
        head = node.head
        assert head.find("link", rel="canonical")["href"] == resource.path
        assert head.find("link", rel="shortlink")["href"] == f"/node/{resource.nid}"


def test_head_links_and_urls_as_theme1(site13):
    assert_head_links_as_theme1(site13, 13)


def test_node_links_are_the_default_themes(site13):
    """Every node, file and term link of theme 1's node page is on theme 13's (a category's
    term page by its alias)."""
    assert_node_links_as_theme1(site13, 13)


# --- Truth texts ---------------------------------------------------------------------------


def check_texts(main, resource: Resource, truth: dict, br: bool = False) -> None:
    """The title, paragraphs, Résumé, documents, categories and tags of the truth are shown
    (br: the paragraphs in the text of a body of single <br>s, as /node/N writes it)."""
    found, where = blocks(main), resource.path
    assert text_of(main.find("h1")) == truth["title"], where
    if br:
        text = normalise(without_headerlinks(main).get_text())
        assert all(p in text for p in truth["paragraphs"]), where
    else:
        assert all(p in found for p in truth["paragraphs"]), where
    if resource.is_private:  # no body (a Résumé may copy some of it)
        summary = truth["summary"] or ""
        hidden = [p for p in resource.paragraphs if len(p) > 40 and p not in summary]
        assert not any(p in found for p in hidden), where
    if truth["summary"]:
        assert all(p in found for p in truth["summary"].split("\n\n")), where
    for doc in truth["documents"]:
        links = main.find_all("a", href=doc["url"])
        assert any(text_of(a).startswith(doc["title"]) for a in links), (where, doc)
    if resource.categories_shown:
        for name in resource.categories:
            path = CATEGORY_BY_TID[CATEGORIES[name]].path
            assert any(text_of(a) == normalise(name) for a in main.find_all("a", href=path)), where
    for tag in truth["tags"]:
        href = f"/taxonomy/term/{TAGS[tag]}"
        assert any(text_of(a) == tag for a in main.find_all("a", href=href)), where


def check_truth(site: Site, resource: Resource, truth: dict) -> None:
    """The node's page shows every text and value its truth record holds."""
    main = content_root(soup(fetch(site, resource.path)))
    where = resource.path
    check_texts(main, resource, truth)
    main_text = text_of(main)
    if resource.kind == "resource":
        labels = ["Ressource privée", "Catégorie"] + (
            ["Type de ressource"] * bool(truth["resource_type"])
        )
        assert all(label in main_text for label in labels), where
    if truth["resource_type"]:
        assert truth["resource_type"] in main_text, where
    if resource.is_private:
        assert "réservée aux collectivités adhérentes" in main_text, where
    style = theme13.date_style(resource)
    assert theme13.date_text(resource.published, style) in main_text, where
    if resource.updated:
        assert theme13.date_text(resource.updated, style) in main_text, where


def test_theme13_detail_pages_show_every_truth_text(site13):
    for resource, truth in zip(site13.resources, truth_records(site13), strict=True):
        check_truth(site13, resource, truth)


def test_theme13_detail_pages_of_the_default_site(site):
    for resource, truth in zip(site.resources, truth_records(site), strict=True):
        check_truth(site, resource, truth)


def test_theme13_node_system_paths_show_every_truth_text(site13):
    for resource, truth in zip(site13.resources, truth_records(site13), strict=True):
        main = content_root(soup(fetch(site13, f"/node/{resource.nid}")))
        check_texts(main, resource, truth, br=True)


def test_listing_pages_link_their_items_and_page_on(site):
    for listing in LISTINGS:
        items = site.listed[listing.path]
        total = site.page_count(listing.path)
        for number in range(total):
            target = listing.path + (f"?page={number}" if number else "")
            main = content_root(soup(fetch(site, target)))
            for resource in items[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]:
                links = main.find_all("a", href=resource.path)
                assert any(text_of(a) == normalise(resource.title) for a in links), target
            hrefs = {a.get("href") for a in main.find_all("a")}
            if number < total - 1:
                assert f"?page={number + 1}" in hrefs, target
            if number > 0:
                assert f"?page={number - 1}" in hrefs, target


def test_full_listing_items_show_their_paragraphs(site13):
    for index, listing in enumerate(LISTINGS):
        if listing.teasers:
            continue
        main = content_root(soup(fetch(site13, listing.path)))
        found = blocks(main)
        for resource in site13.listed[listing.path][:PAGE_SIZE]:
            if not resource.is_private:
                assert all(p in found for p in resource.paragraphs), (index, resource.path)


def test_teaser_listings_show_leads_and_read_more(site13):
    for index, listing in enumerate(LISTINGS):
        if not listing.teasers:
            continue
        main = content_root(soup(fetch(site13, listing.path)))
        text = text_of(main)
        for resource in site13.listed[listing.path][:PAGE_SIZE]:
            assert normalise(render.teaser_lead(resource)) in text, resource.path
            if not resource.is_private:
                assert not any(p in text for p in resource.paragraphs[1:3] if len(p) > 200)
            more = [a for a in main.find_all("a", href=resource.path) if a.get_text() != ""]
            wording = theme13.READ_MORE[theme13.list_style(index)]
            assert any(text_of(a).startswith(wording) for a in more), resource.path


def test_member_and_region_pages_show_the_member_fields(site13):
    for member in kinds.members(site13)[:6]:
        main = content_root(soup(fetch(site13, member.path)))
        text = text_of(main)
        assert text_of(main.find("h1")) == normalise(member.name)
        for label, value in kinds._field_rows(member):
            assert normalise(label) in text and normalise(value) in text
        for column, title in kinds.SECTIONS:
            assert normalise(title) in blocks(main)
            assert normalise(dict(member.sections)[column]) in blocks(main)
        assert render.french_date(member.updated) in text
        region = content_root(soup(fetch(site13, "/" + kinds.region_slug(member.region))))
        for other in kinds.in_region(site13, member.region):
            assert region.find("a", href=other.path) is not None
            assert normalise(other.collectivite_type) in text_of(region)


# --- Every construct at seed 11 with 60 resources -------------------------------------------

# (part, value) -> a mark of that construct in the HTML.
MARKS = {
    ("layout", "drupal7"): '<div id="page-wrapper"><div id="page">',
    ("layout", "mkdocs"): '<article class="md-content__inner md-typeset">',
    ("layout", "jahia"): '<div class="page-title"><h1><span>',
    ("layout", "bulma"): '<section class="hero is-light">',
    ("layout", "amp"): '<html amp lang="fr">',
    ("dates", "submitted"): '<div class="submitted"><span property="dc:date dc:created"',
    ("dates", "git_revision"): '<aside class="md-source-file">',
    ("dates", "dotted"): '<p class="date-publication">Date de publication : ',
    ("dates", "dotnet"): '<p class="is-size-7 has-text-grey post-date">Publié le <time',
    ("dates", "amp_time"): '<div class="amp-meta"><time datetime=',
    ("fields", "d7_fields"): "field-name-field-ressource-privee field-type-list-boolean",
    ("fields", "md_table"): "<th>Champ</th><th>Valeur</th>",
    ("fields", "list_infos"): '<ul class="list-infos">',
    ("fields", "bulma_level"): '<nav class="level box fiche-level">',
    ("fields", "bulma_table"): '<table class="table is-striped is-fullwidth">',
    ("fields", "dl_split"): '<dl class="amp-fields">',
    ("documents", "d7_file"): '<div class="file-item ',
    ("documents", "d7_table"): '<table class="sticky-enabled">',
    ("documents", "md_links"): '<span class="twemoji">',
    ("documents", "download_block"): '<div class="download-block">',
    ("documents", "bulma_panel"): '<nav class="panel documents-panel">',
    ("list", "views_rows"): '<div class="view-content"><div class="views-row',
    ("list", "md_posts"): '<article class="md-post md-post--excerpt">',
    ("list", "list_results"): '<ul class="list-results">',
    ("list", "bulma_cards"): '<div class="columns is-multiline">',
    ("list", "amp_list"): '<ol class="amp-list">',
    ("pager", "d7_pager"): '<ul class="pager">',
    ("pager", "md_pagination"): '<div class="md-pagination">',
    ("pager", "jahia_pager"): '<p class="pagination-count">',
    ("pager", "bulma_pagination"): '<nav class="pagination is-centered"',
    ("pager", "amp_more"): '<nav class="amp-pagination">',
    ("consent", "eu_cookie"): 'id="sliding-popup"',
    ("consent", "md_consent"): 'data-md-component="consent"',
    ("consent", "orejime"): 'class="orejime-Env"',
    ("consent", "bulma_notification"): 'id="cookie-notice"',
    ("consent", "amp_consent"): '<amp-consent id="consent"',
}
NODE_STYLE = {
    "layout": (lambda r: theme13.layout_of(r.nid), lambda r: True),
    "dates": (theme13.date_style, lambda r: True),
    "fields": (theme13.field_style, lambda r: r.kind == "resource"),
    "documents": (
        theme13.doc_style,
        lambda r: r.kind == "resource" and bool(r.documents) and not r.is_private,
    ),
}
LISTING_STYLE = {"list": theme13.list_style, "pager": theme13.pager_style}
OPTIONS_OF = {
    "layout": theme13.LAYOUTS,
    "dates": theme13.DATE_STYLES,
    "fields": theme13.FIELD_STYLES,
    "documents": theme13.DOC_STYLES,
    "tags": theme13.TAG_PLACES,
    "notice": theme13.NOTICE_PLACES,
    "list": theme13.LIST_STYLES,
    "pager": theme13.PAGER_STYLES,
    "consent": theme13.CONSENT_STYLES,
}


def has_mark(html: str, part: str, value: str) -> bool:
    return MARKS[(part, value)] in html


def test_variant_lists_every_part():
    assert set(theme13.VARIANT) == set(OPTIONS_OF)
    assert all(v == "mixed" for v in theme13.VARIANT.values())


@pytest.mark.parametrize("part", sorted(NODE_STYLE))
def test_every_node_construct_is_rendered_at_seed_11(site13, part):
    style_of, applies = NODE_STYLE[part]
    pages: dict[str, list[str]] = {}
    for resource in site13.resources:
        if applies(resource):
            pages.setdefault(style_of(resource), []).append(resource.path)
    assert set(pages) == set(OPTIONS_OF[part]), part
    for value, paths in pages.items():
        htmls = [fetch(site13, p) for p in paths]
        assert all(has_mark(h, part, value) for h in htmls), (part, value)
        others = [v for v in OPTIONS_OF[part] if v != value]
        for h in htmls:  # the value's pages carry no other value's mark
            assert not any(has_mark(h, part, v) for v in others), (part, value)


def test_tags_notice_and_label_forms_occur_at_seed_11(site13):
    seen: dict[str, set] = {"tags": set(), "notice": set(), "inline": set()}
    for resource in site13.resources:
        layout = theme13.layout_of(resource.nid)
        parts = theme13.node_parts(resource, layout, False)
        html = fetch(site13, resource.path)
        if resource.tags:
            place = theme13.tag_place(resource)
            tags = theme13.tags_html(resource, layout)
            assert tags in parts["tags_top" if place == "top" else "end"] and tags in html
            seen["tags"].add(place)
        if resource.is_private and resource.kind == "resource":
            place = theme13.notice_place(resource)
            notice = theme13.notice_html(layout)
            assert (parts["body"] == notice) == (place == "body") and notice in html
            seen["notice"].add(place)
        if resource.kind == "resource" and theme13.field_style(resource) == "d7_fields":
            inline = theme13.labels_inline(resource.nid)
            mark = "field-type-list-boolean field-label-" + ("inline" if inline else "above")
            assert mark in html and "Ressource privée:&nbsp;</div>" in html, resource.path
            seen["inline"].add(inline)
    wanted = {"tags": {"top", "bottom"}, "notice": {"top", "body"}, "inline": {True, False}}
    assert seen == wanted


@pytest.mark.parametrize("part", sorted(LISTING_STYLE))
def test_every_listing_construct_is_rendered(site13, site, part):
    """Every widget at seed 11; every pager on the default site (more pages)."""
    seen, where = set(), site13 if part == "list" else site
    for index, listing in enumerate(LISTINGS):
        value = LISTING_STYLE[part](index)
        if where.page_count(listing.path) > 1 or part == "list":
            html = fetch(where, listing.path)
            assert has_mark(html, part, value), (part, listing.path)
            others = [v for v in OPTIONS_OF[part] if v != value]
            assert not any(has_mark(html, part, v) for v in others), (part, listing.path)
            seen.add(value)
    assert seen == set(OPTIONS_OF[part])
    assert {theme13.listing_layout(i) for i in range(len(LISTINGS))} == set(theme13.LAYOUTS)


def test_consent_banner_follows_the_layout_and_can_be_turned_off(site13, monkeypatch):
    seen = set()
    for resource in site13.resources[:40]:
        html = fetch(site13, resource.path)
        value = theme13.consent_style(theme13.layout_of(resource.nid))
        assert has_mark(html, "consent", value)
        seen.add(value)
    assert seen == set(theme13.CONSENT_STYLES)
    monkeypatch.setitem(theme13.VARIANT, "consent", "off")
    html = fetch(site13, "/")
    assert not any(has_mark(html, "consent", v) for v in theme13.CONSENT_STYLES)


def test_chrome_of_each_family(site13):
    wanted = {
        "drupal7": (
            '<div id="site-name">',
            '<div class="breadcrumb">',
            'id="block-views-ressources-block-1"',
            "Version imprimable",
            '<h1 class="title" id="page-title">',
        ),
        "mkdocs": (
            'class="md-nav md-nav--primary"',
            '<nav class="md-tabs"',
            '<nav class="md-path"',
            'class="headerlink"',
            'class="md-feedback"',
        ),
        "jahia": ('class="header-logo__name"', 'class="breadcrumb-wrapper"', "Partager cette page"),
        "bulma": ('<nav class="navbar is-primary"', '<nav class="breadcrumb"', "À lire aussi"),
        "amp": ('<amp-sidebar id="sidebar"', "<amp-social-share", "cdn.ampproject.org/v0.js"),
    }
    for layout, marks in wanted.items():
        resource = next(r for r in site13.resources if theme13.layout_of(r.nid) == layout)
        html = fetch(site13, resource.path)
        assert all(m in html for m in marks), layout
        assert "Mentions légales" in html and render.SITE_NAME in html, layout
        assert "Accueil" in text_of(soup(html).find("nav", class_="md-path") or soup(html))


def test_mkdocs_pages_link_their_neighbours_and_repeat_the_title(site13):
    for at, resource in enumerate(site13.resources):
        if theme13.layout_of(resource.nid) != "mkdocs":
            continue
        page = soup(fetch(site13, resource.path))
        footer = page.find("nav", class_="md-footer__inner")
        for other in (site13.resources[at - 1] if at else None, site13.resources[at + 1 : at + 2]):
            for neighbour in [other] if isinstance(other, Resource) else other or []:
                link = footer.find("a", href=neighbour.path)
                assert normalise(neighbour.title) in text_of(link), resource.path
        topic = page.find("div", attrs={"data-md-component": "header-topic"})
        assert text_of(topic) == normalise(resource.title)
        assert page.find("h1").find("a", class_="headerlink").get_text() == "¶"


def test_bulma_pages_show_other_resources_in_their_sidebar(site13):
    for resource in site13.resources:
        if theme13.layout_of(resource.nid) != "bulma":
            continue
        page = soup(fetch(site13, resource.path))
        aside = page.find("div", class_="column is-4")
        titles = [text_of(a) for a in aside.find_all("a")]
        assert titles and normalise(resource.title) not in titles, resource.path
        assert page.find("p", class_="subtitle") is not None


def test_amp_bodies_are_spans_and_images_amp_img(site13):
    amp = [
        r
        for r in site13.resources
        if theme13.layout_of(r.nid) == "amp" and not r.is_private and r.paragraphs
    ]
    assert amp
    for resource in amp:
        html = fetch(site13, resource.path)
        assert '<p><span style="font-weight: 400;">' in html, resource.path
        assert "<img" not in html.split("<main", 1)[1] or not resource.lead_image


# --- Each part forced to each value --------------------------------------------------------


def sample(site: Site) -> list[Resource]:
    """A few nodes covering the cases: an article with a lead image, an updated one, a private
    resource, resources with documents, tags, figures, hidden categories, no type."""
    picks = [
        lambda r: r.kind == "article" and bool(r.lead_image),
        lambda r: r.updated is not None,
        lambda r: r.is_private,
        lambda r: r.is_private and bool(r.summary),
        lambda r: r.kind == "resource" and len(r.documents) > 1 and not r.is_private,
        lambda r: bool(r.tags) and r.kind == "resource",
        lambda r: any(b.kind == "figure" for b in r.blocks),
        lambda r: any(b.kind == "h3" for b in r.blocks),
        lambda r: any(b.kind == "ul" for b in r.blocks),
        lambda r: not r.categories_shown and r.kind == "resource",
        lambda r: r.kind == "resource" and r.resource_type is None,
        lambda r: r.kind == "resource" and len(r.summary) > 1,
    ]
    chosen: list[Resource] = []
    for pick in picks:
        found = next((r for r in site.resources if pick(r) and r not in chosen), None)
        if found is not None:
            chosen.append(found)
    return chosen


FORCED = [
    (part, value) for part in sorted(OPTIONS_OF) for value in OPTIONS_OF[part] if part != "consent"
]


@pytest.mark.parametrize(("part", "value"), FORCED)
def test_forced_variant_keeps_every_truth_text(site13, monkeypatch, part, value):
    monkeypatch.setitem(theme13.VARIANT, part, value)
    records = {t["resource_id"]: t for t in truth_records(site13)}
    for resource in sample(site13):
        check_truth(site13, resource, records[f"node-{resource.nid}"])
        main = content_root(soup(fetch(site13, f"/node/{resource.nid}")))
        check_texts(main, resource, records[f"node-{resource.nid}"], br=True)
    for listing in (LISTINGS[0], next(lst for lst in LISTINGS if lst.teasers)):
        for number in range(site13.page_count(listing.path)):
            html = fetch(site13, listing.path + (f"?page={number}" if number else ""))
            if part in ("list", "layout") or (
                part == "pager" and site13.page_count(listing.path) > 1
            ):
                key = "list" if part == "layout" else part
                wanted = (
                    theme13.LIST_STYLES[theme13.LAYOUTS.index(value)] if part == "layout" else value
                )
                assert has_mark(html, key, wanted), (part, value, listing.path)
    for member in kinds.members(site13)[:3]:
        fetch(site13, member.path)
        fetch(site13, "/" + kinds.region_slug(member.region))
    fetch(site13, "/")
    fetch(site13, "/contact")
    fetch(site13, "/nope", 404)


def test_date_and_size_wordings():
    moment = datetime(2021, 6, 9, 16, 5)
    assert theme13.date_text(moment, "submitted") == "mer, 09/06/2021 - 16:05"
    assert theme13.date_text(moment, "git_revision") == "9 juin 2021"
    assert theme13.date_text(moment, "dotted") == "09.06.2021"
    assert theme13.date_text(moment, "dotnet") == "mer. 9 juin 2021"
    assert theme13.date_text(moment, "amp_time") == "09/06/21"
    assert theme13.date_text(datetime(2021, 6, 1), "git_revision") == "1 juin 2021"
    path = next(p for p in (f"/f{n}.pdf" for n in range(100)) if theme11._kilobytes(p) > 1200)
    assert re.fullmatch(r"\d+\.\d Mo", theme13.size_text(path, "jahia"))
    assert re.fullmatch(r"\d+(\.\d{1,2})? Mo", theme13.size_text(path, "d7"))
    assert re.fullmatch(r"\d+,\d Mo", theme13.size_text(path, "md"))


def test_pager_wordings():
    assert "‹ précédent" in theme13.pager_html("d7_pager", 1, 3)
    assert "suivant ›" in theme13.pager_html("d7_pager", 1, 3)
    assert '<span class="md-pagination__current">2</span>' in theme13.pager_html(
        "md_pagination", 1, 3
    )
    assert "Page 2 / 3" in theme13.pager_html("jahia_pager", 1, 3)
    assert "pagination-ellipsis" in theme13.pager_html("bulma_pagination", 5, 12)
    assert "Charger plus d’articles" in theme13.pager_html("amp_more", 0, 3)
    assert theme13.pager_html("d7_pager", 0, 1) == ""


def test_drupal7_files_carry_their_type_and_length(site13, monkeypatch):
    monkeypatch.setitem(theme13.VARIANT, "documents", "d7_file")
    resource = next(r for r in site13.resources if r.documents and not r.is_private)
    html = fetch(site13, resource.path)
    assert re.search(
        r'<span class="file"><img class="file-icon"[^>]*> <a href="[^"]+" '
        r'type="application/pdf; length=\d+"',
        html,
    )


def test_theme13_is_served(site13):
    server, base = start_in_thread(site13, theme=13)
    try:
        resource = site13.resources[4]
        for path in ("/", resource.path, f"/node/{resource.nid}", LISTINGS[1].path):
            with urllib.request.urlopen(base + path) as response:
                assert response.status == 200 and b"</html>" in response.read(), path
    finally:
        server.shutdown()
        server.server_close()
