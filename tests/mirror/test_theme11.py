"""Theme 11 (mirror.theme11): Joomla 4, SPIP 4, Ghost 5 and Astro/Tailwind markups, one truth."""

from __future__ import annotations

import re
import urllib.request

import pytest

from mirror import kinds, render, theme11
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
from tests.mirror.conftest import blocks, soup
from tests.mirror.theme_contract import assert_head_links_as_theme1, assert_node_links_as_theme1

OPTIONS = HttpOptions(theme=11)
BASE = "http://127.0.0.1:8800"
SEED, RESOURCES = 11, 60


@pytest.fixture(scope="module")
def site11() -> Site:
    return build_site(seed=SEED, resources=RESOURCES)


def fetch(site: Site, path: str, status: int = 200, options: HttpOptions = OPTIONS) -> str:
    response = route(site, path, BASE, options=options)
    assert response.status == status, path
    return response.body.decode()


def text_of(node) -> str:
    return normalise(node.get_text(" "))


def content_root(page):
    """The page's content: its <main>, or SPIP's #content (squelettes-dist writes no <main>)."""
    return page.find("main") or page.find(id="content")


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


def test_every_route_kind_renders_in_theme11(site11):
    for path in route_paths(site11):
        html = fetch(site11, path)
        page = soup(html)
        if path == kinds.NEWSLETTER_PATH:  # an e-mail's web version: the same in every theme
            assert html == fetch(site11, path, options=HttpOptions())
            continue
        assert content_root(page) is not None and page.find("h1") is not None, path
        assert "Mentions légales" in html, path
        assert html != fetch(site11, path, options=HttpOptions()), path
        if not path.startswith("/node/"):
            hrefs = {a.get("href") for a in page.find_all("a")}
            assert {lst.path for lst in LISTINGS} <= hrefs, path
            assert {p for p, _ in render._region_menu(site11)} <= hrefs, path
            assert render.SITE_NAME in text_of(page), path
    missing = fetch(site11, "/cette-page-n-existe-pas", 404)
    assert "Page non trouvée" in missing


def test_node_system_path_has_no_header_and_br_paragraphs(site11):
    public = [r for r in site11.resources if not r.is_private and len(r.paragraphs) > 2]
    for layout in theme11.LAYOUTS:
        resource = next(r for r in public if theme11.layout_of(r.nid) == layout)
        html = fetch(site11, f"/node/{resource.nid}")
        node = soup(html)
        assert "Vous êtes ici" not in html and 'class="arbo"' not in html, layout
        assert 'id="gh-head"' not in html and "mod-menu" not in html, layout
        assert "menu-rubriques" not in html, layout
        root = content_root(node)
        assert normalise(root.find("h1").get_text()) == normalise(resource.title)
        assert all(p in normalise(root.get_text()) for p in resource.paragraphs), layout
        assert "<br>\n" in html, layout
        head = node.head
        assert head.find("link", rel="canonical")["href"] == resource.path
        assert head.find("link", rel="shortlink")["href"] == f"/node/{resource.nid}"


def test_head_links_and_urls_as_theme1(site11):
    assert_head_links_as_theme1(site11, 11)


def test_node_links_are_the_default_themes(site11):
    """Every node, file and term link of theme 1's node page is on theme 11's (a category's
    term page by its alias)."""
    assert_node_links_as_theme1(site11, 11)


# --- Truth texts ---------------------------------------------------------------------------


def check_truth(site: Site, resource: Resource, truth: dict) -> None:
    """The node's page shows every text and value its truth record holds."""
    html = fetch(site, resource.path)
    main = content_root(soup(html))
    found = blocks(main)
    where = resource.path
    assert normalise(main.find("h1").get_text()) == truth["title"], where
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
    style = theme11.date_style(resource)
    assert theme11.date_text(resource.published, style) in main_text, where
    if resource.updated:
        assert theme11.date_text(resource.updated, style) in main_text, where


def test_theme11_detail_pages_show_every_truth_text(site11):
    for resource, truth in zip(site11.resources, truth_records(site11), strict=True):
        check_truth(site11, resource, truth)


def test_theme11_detail_pages_of_the_default_site(site):
    for resource, truth in zip(site.resources, truth_records(site), strict=True):
        check_truth(site, resource, truth)


def _title_link(link, title: str) -> bool:
    """A link holding the title: as its text, or as its heading (Casper's card link wraps the
    card's header and excerpt)."""
    heading = link.find(["h2", "h3"])
    return text_of(link) == title or (heading is not None and text_of(heading) == title)


def test_listing_pages_link_their_items_and_page_on(site):
    for listing in LISTINGS:
        items = site.listed[listing.path]
        total = site.page_count(listing.path)
        for number in range(total):
            target = listing.path + (f"?page={number}" if number else "")
            main = content_root(soup(fetch(site, target)))
            for resource in items[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]:
                links = main.find_all("a", href=resource.path)
                assert any(_title_link(a, normalise(resource.title)) for a in links), target
            hrefs = {a.get("href") for a in main.find_all("a")}
            if number < total - 1:
                assert f"?page={number + 1}" in hrefs, target
            if number > 0:
                assert f"?page={number - 1}" in hrefs, target


def test_full_listing_items_show_their_paragraphs(site11):
    for index, listing in enumerate(LISTINGS):
        if listing.teasers:
            continue
        main = content_root(soup(fetch(site11, listing.path)))
        found = blocks(main)
        for resource in site11.listed[listing.path][:PAGE_SIZE]:
            if not resource.is_private:
                assert all(p in found for p in resource.paragraphs), (index, resource.path)


def test_teaser_listings_show_leads_and_read_more(site11):
    for index, listing in enumerate(LISTINGS):
        if not listing.teasers:
            continue
        html = fetch(site11, listing.path)
        text = text_of(soup(html))
        for resource in site11.listed[listing.path][:PAGE_SIZE]:
            assert normalise(render.teaser_lead(resource)) in text, resource.path
            if not resource.is_private:
                assert not any(p in text for p in resource.paragraphs[1:3] if len(p) > 200)
        if theme11.list_style(index) != "post_feed":  # a Casper card is its own link
            assert "Lire la suite" in text, listing.path


def test_member_and_region_pages_show_the_member_fields(site11):
    for member in kinds.members(site11)[:6]:
        main = content_root(soup(fetch(site11, member.path)))
        text = text_of(main)
        for label, value in kinds._field_rows(member):
            assert normalise(label) in text and normalise(value) in text
        for column, title in kinds.SECTIONS:
            assert normalise(title) in blocks(main)
            assert normalise(dict(member.sections)[column]) in blocks(main)
        assert render.french_date(member.updated) in text
        region = content_root(soup(fetch(site11, "/" + kinds.region_slug(member.region))))
        for other in kinds.in_region(site11, member.region):
            assert region.find("a", href=other.path) is not None
            assert normalise(other.collectivite_type) in text_of(region)


# --- Every construct at seed 11 with 60 resources -------------------------------------------

# (part, value) -> a mark of that construct in the HTML.
MARKS = {
    ("layout", "joomla"): '<div class="com-content-article item-page"',
    ("layout", "spip"): '<div class="page_article">',
    ("layout", "ghost"): '<article class="gh-article post',
    ("layout", "astro"): '<main class="mx-auto max-w-5xl px-4">',
    ("dates", "article_info"): '<dt class="article-info-term">Détails</dt><dd class="createdby"',
    ("dates", "info_publi"): '<p class="info-publi"><span class="published">Publié le',
    ("dates", "byline"): '<time class="byline-meta-date"',
    ("dates", "weekday"): '<p class="mt-2 text-sm text-gray-500"><time',
    ("dates", "numeric"): '<p class="mt-2 text-sm text-gray-500">Publié le <time',
    ("fields", "fields_container"): '<ul class="fields-container"><li class="field-entry',
    ("fields", "champs_extras"): '<div class="champs_extras"><div class="champ',
    ("fields", "toggle"): '<h4 class="kg-toggle-heading-text">',
    ("fields", "dl_grid"): '<dl class="my-6 grid grid-cols-3 gap-2 text-sm"',
    ("fields", "strong_lines"): '<div class="kg-card kg-html-card"><p><strong>',
    ("documents", "attachments"): '<div class="attachmentsContainer">',
    ("documents", "spip_documents"): '<ul class="spip_documents">',
    ("documents", "kg_file"): '<div class="kg-file-card-title">',
    ("documents", "tw_button"): 'class="inline-flex items-center rounded',
    ("list", "blog"): '<div class="com-content-category-blog__items blog-items">',
    ("list", "liste_items"): '<ul class="liste-items"><li class="item',
    ("list", "post_feed"): '<div class="post-feed"><article class="post-card',
    ("list", "divide_y"): '<ul class="divide-y',
    ("pager", "joomla"): '<nav class="pagination__wrapper"',
    ("pager", "spip"): '<p class="pagination">',
    ("pager", "ghost"): '<span class="page-number">Page ',
    ("pager", "astro"): '<nav class="mt-10 flex items-center justify-between text-sm"',
    ("consent", "eprivacy"): 'class="plg_system_eprivacy_module',
    ("consent", "tarteaucitron"): 'id="tarteaucitronRoot"',
    ("consent", "cookieconsent"): "cc-window cc-banner",
    ("consent", "tailwind"): 'id="cookie-banner"',
}
NODE_STYLE = {
    "layout": (lambda r: theme11.layout_of(r.nid), lambda r: True),
    "dates": (theme11.date_style, lambda r: True),
    "fields": (theme11.field_style, lambda r: r.kind == "resource"),
    "documents": (
        theme11.doc_style,
        lambda r: r.kind == "resource" and bool(r.documents) and not r.is_private,
    ),
}
LISTING_STYLE = {"list": theme11.list_style, "pager": theme11.pager_style}
OPTIONS_OF = {
    "layout": theme11.LAYOUTS,
    "dates": theme11.DATE_STYLES,
    "fields": theme11.FIELD_STYLES,
    "summary": theme11.SUMMARY_PLACES,
    "documents": theme11.DOC_STYLES,
    "tags": theme11.TAG_PLACES,
    "notice": theme11.NOTICE_PLACES,
    "list": theme11.LIST_STYLES,
    "pager": theme11.PAGER_STYLES,
    "consent": theme11.CONSENT_STYLES,
}


def has_mark(html: str, part: str, value: str) -> bool:
    return MARKS[(part, value)] in html


def test_variant_lists_every_part():
    assert set(theme11.VARIANT) == set(OPTIONS_OF)
    assert all(v == "mixed" for v in theme11.VARIANT.values())


@pytest.mark.parametrize("part", sorted(NODE_STYLE))
def test_every_node_construct_is_rendered_at_seed_11(site11, part):
    style_of, applies = NODE_STYLE[part]
    pages: dict[str, list[str]] = {}
    for resource in site11.resources:
        if applies(resource):
            pages.setdefault(style_of(resource), []).append(resource.path)
    assert set(pages) == set(OPTIONS_OF[part]), part
    for value, paths in pages.items():
        htmls = [fetch(site11, p) for p in paths]
        assert all(has_mark(h, part, value) for h in htmls), (part, value)
        others = [v for v in OPTIONS_OF[part] if v != value]
        for h in htmls:  # the value's pages carry no other value's mark
            assert not any(has_mark(h, part, v) for v in others), (part, value)


def test_tags_notice_and_lead_places_occur_at_seed_11(site11):
    seen: dict[str, set[str]] = {"tags": set(), "notice": set(), "summary": set()}
    for resource in site11.resources:
        layout = theme11.layout_of(resource.nid)
        parts = theme11._node_parts(resource, layout, False)
        html = fetch(site11, resource.path)
        if resource.tags:
            place = theme11.tag_place(resource)
            tags = theme11.tags_html(resource, layout)
            assert tags in parts["top" if place == "top" else "end"] and tags in html
            seen["tags"].add(place)
        if resource.is_private:
            place = theme11.notice_place(resource)
            notice = theme11.notice_html(layout)
            assert (parts["body"] == notice) == (place == "body") and notice in html
            seen["notice"].add(place)
        if layout in ("spip", "ghost") and resource.kind == "resource" and resource.summary:
            lead = theme11.lead_summary(resource, layout)
            mark = "article-chapo-" if layout == "spip" else 'class="gh-article-excerpt'
            assert (mark in html) == lead, resource.path
            labelled = re.search(r">Résumé(\s:)?<|Résumé : ", html) is not None
            assert labelled != lead, resource.path
            seen["summary"].add("lead" if lead else "field")
    assert seen == {k: set(OPTIONS_OF[k]) for k in seen}


@pytest.mark.parametrize("part", sorted(LISTING_STYLE))
def test_every_listing_construct_is_rendered_at_seed_11(site11, part):
    seen = set()
    for index, listing in enumerate(LISTINGS):
        value = LISTING_STYLE[part](index)
        if site11.page_count(listing.path) > 1 or part == "list":
            html = fetch(site11, listing.path)
            assert has_mark(html, part, value), (part, listing.path)
            others = [v for v in OPTIONS_OF[part] if v != value]
            assert not any(has_mark(html, part, v) for v in others), (part, listing.path)
            seen.add(value)
    assert seen == set(OPTIONS_OF[part])
    assert {theme11.listing_layout(i) for i in range(len(LISTINGS))} == set(theme11.LAYOUTS)


def test_consent_banner_follows_the_layout_and_can_be_turned_off(site11, monkeypatch):
    seen = set()
    for resource in site11.resources[:30]:
        html = fetch(site11, resource.path)
        value = theme11.consent_style(theme11.layout_of(resource.nid))
        assert has_mark(html, "consent", value)
        seen.add(value)
    assert seen == set(theme11.CONSENT_STYLES)
    monkeypatch.setitem(theme11.VARIANT, "consent", "off")
    html = fetch(site11, "/")
    assert not any(has_mark(html, "consent", v) for v in theme11.CONSENT_STYLES)


def test_chrome_of_each_family(site11):
    wanted = {
        "joomla": ('<ul class="mod-menu mod-list nav', "mod-breadcrumbs__here", 'id="back-top"'),
        "spip": ('<nav class="menu-rubriques', '<p class="arbo">', 'id="nom_site_spip"'),
        "ghost": ('id="gh-head"', ">Abonnez-vous<", 'class="footer-cta-title"'),
        "astro": ('aria-label="Fil d’Ariane"', "text-lg font-bold", "Propulsé par"),
    }
    for layout, marks in wanted.items():
        resource = next(r for r in site11.resources if theme11.layout_of(r.nid) == layout)
        html = fetch(site11, resource.path)
        assert all(m in html for m in marks), layout
        assert "Partager :" in html, layout
        assert ("Vous êtes ici" in html or layout != "joomla") and ("gh-head" in html) == (
            layout == "ghost"
        )


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
        lambda r: r.kind == "resource" and len(r.summary) == 1,
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
def test_forced_variant_keeps_every_truth_text(site11, monkeypatch, part, value):
    monkeypatch.setitem(theme11.VARIANT, part, value)
    records = {t["resource_id"]: t for t in truth_records(site11)}
    for resource in sample(site11):
        check_truth(site11, resource, records[f"node-{resource.nid}"])
        fetch(site11, f"/node/{resource.nid}")
    for listing in (LISTINGS[0], next(lst for lst in LISTINGS if lst.teasers)):
        for number in range(site11.page_count(listing.path)):
            html = fetch(site11, listing.path + (f"?page={number}" if number else ""))
            if part in ("list", "layout") or (
                part == "pager" and site11.page_count(listing.path) > 1
            ):
                key = "list" if part == "layout" else part
                wanted = (
                    theme11.LIST_STYLES[theme11.LAYOUTS.index(value)] if part == "layout" else value
                )
                assert has_mark(html, key, wanted), (part, value, listing.path)
    for member in kinds.members(site11)[:3]:
        fetch(site11, member.path)
        fetch(site11, "/" + kinds.region_slug(member.region))
    fetch(site11, "/")
    fetch(site11, "/contact")
    fetch(site11, "/nope", 404)


def test_date_and_size_wordings():
    from datetime import datetime

    moment = datetime(2021, 6, 1, 16, 5)
    assert theme11.date_text(moment, "article_info") == "1 juin 2021"
    assert theme11.date_text(moment, "info_publi") == "1er juin 2021"
    assert theme11.date_text(datetime(2021, 1, 9), "byline") == "9 janv. 2021"
    assert theme11.date_text(moment, "weekday") == "mardi 1 juin 2021"
    assert theme11.date_text(moment, "numeric") == "01/06/2021"
    path = next(p for p in (f"/f{n}.pdf" for n in range(100)) if theme11._kilobytes(p) > 1200)
    assert theme11.size_text(path, "spip_documents").endswith(" Mio")
    assert theme11.size_text(path, "kg_file").endswith(" MB")
    assert "," in theme11.size_text(path, "attachments")


def test_pager_wordings():
    assert "Suivant »" in theme11.pager_html("spip", 1, 3)
    assert '<span class="on">2</span>' in theme11.pager_html("spip", 1, 3)
    assert "Articles plus anciens →" in theme11.pager_html("ghost", 1, 3)
    assert "← Articles plus récents" in theme11.pager_html("ghost", 1, 3)
    assert "Page 2 sur 3" in theme11.pager_html("joomla", 1, 3)
    assert theme11.pager_html("astro", 0, 1) == ""


def test_theme11_is_served(site11):
    server, base = start_in_thread(site11, theme=11)
    try:
        resource = site11.resources[4]
        for path in ("/", resource.path, f"/node/{resource.nid}", LISTINGS[1].path):
            with urllib.request.urlopen(base + path) as response:
                assert response.status == 200 and b"</html>" in response.read(), path
    finally:
        server.shutdown()
        server.server_close()
