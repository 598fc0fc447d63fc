"""Theme 9 (mirror.theme9): DSFR, Drupal Layout Builder, Gutenberg and Nuxt markups, one truth."""

from __future__ import annotations

import re

import pytest

from mirror import kinds, render, theme9
from mirror.routes import HttpOptions, route
from mirror.site import CATEGORIES, CATEGORY_BY_TID, LISTINGS, PAGE_SIZE, TAGS, Resource, Site
from mirror.text import normalise
from mirror.truth import truth_records
from tests.mirror.conftest import blocks, soup

OPTIONS = HttpOptions(theme=9)
BASE = "http://127.0.0.1:8800"


def fetch(site: Site, path: str, status: int = 200) -> str:
    response = route(site, path, BASE, options=OPTIONS)
    assert response.status == status, path
    return response.body.decode()


def text_of(node) -> str:
    return normalise(node.get_text(" "))


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
    ]


def test_every_route_kind_renders_in_theme9(site):
    for path in route_paths(site):
        html = fetch(site, path)
        page = soup(html)
        assert page.find("main") is not None and page.find("h1") is not None, path
        assert "fr-footer" in html and "legifrance.gouv.fr" in html, path
        assert "Accessibilité : non conforme" in html, path
        assert html != fetch_default(site, path), path
        if not path.startswith("/node/"):
            logo = page.select_one(".fr-header .fr-logo")
            assert text_of(logo) == "République Française", path
            assert page.select_one(".fr-header nav.fr-nav") is not None, path
    missing = fetch(site, "/cette-page-n-existe-pas", 404)
    assert "Page non trouvée" in missing and "fr-header" in missing


def fetch_default(site: Site, path: str) -> str:
    return route(site, path, BASE, options=HttpOptions()).body.decode()


def test_header_lists_the_listings_and_regions_and_consent_banner(site):
    html = fetch(site, "/")
    nav = soup(html).select_one("nav.fr-nav")
    hrefs = {a["href"] for a in nav.find_all("a")}
    assert {lst.path for lst in LISTINGS} <= hrefs
    assert {p for p, _ in render._region_menu(site)} <= hrefs
    banner = soup(html).select_one(".fr-consent-banner")
    assert "Gestion des cookies" in banner.get_text()
    assert "Tout accepter" in banner.get_text() and "Tout refuser" in banner.get_text()


def test_node_system_path_has_no_header_and_br_paragraphs(site):
    resource = next(
        r
        for r in site.resources
        if not r.is_private and len(r.paragraphs) > 2 and r.kind == "resource"
    )
    node = soup(fetch(site, f"/node/{resource.nid}"))
    assert node.select_one(".fr-header") is None and node.select_one(".fr-breadcrumb") is None
    main = node.find("main")
    assert normalise(main.find("h1").get_text()) == normalise(resource.title)
    assert all(p in normalise(main.get_text()) for p in resource.paragraphs)


# --- Head links ----------------------------------------------------------------------------


def test_head_links_as_the_other_themes(site):
    resource = site.resources[5]
    head = soup(fetch(site, resource.path)).head
    assert head.find("link", rel="canonical")["href"] == resource.path
    assert head.find("link", rel="shortlink")["href"] == f"/node/{resource.nid}"
    for listing in LISTINGS:
        head = soup(fetch(site, listing.path)).head
        assert head.find("link", rel="shortlink")["href"] == f"/taxonomy/term/{listing.tid}"
    member = kinds.members(site)[0]
    head = soup(fetch(site, member.path)).head
    assert head.find("link", rel="canonical")["href"] == member.path
    assert head.find("link", rel="shortlink")["href"] == f"/node/{member.nid}"


# --- Truth texts ---------------------------------------------------------------------------


def date_shown(html: str, main_text: str, moment) -> bool:
    forms = (
        render.french_date(moment),
        theme9._wp_date(moment),
        theme9._chip_date(moment),
        f"{moment:%d/%m/%Y}",
    )
    return any(f in main_text for f in forms) or f'content="{render.iso_local(moment)}"' in html


def check_truth(site: Site, resource: Resource, truth: dict) -> None:
    """The node's page shows every text and value its truth record holds."""
    html = fetch(site, resource.path)
    page = soup(html)
    main = page.find("main")
    found = blocks(main)
    where = resource.path
    assert normalise(main.find("h1").get_text()) == truth["title"], where
    assert all(p in found for p in truth["paragraphs"]), where
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
    if truth["resource_type"]:
        assert truth["resource_type"] in main_text, where
    if resource.is_private:
        assert "réservée aux collectivités adhérentes" in main_text, where
    assert date_shown(html, main_text, resource.published), where
    if resource.updated:
        assert date_shown(html, main_text, resource.updated), where


def test_theme9_detail_pages_show_every_truth_text(site):
    for resource, truth in zip(site.resources, truth_records(site), strict=True):
        check_truth(site, resource, truth)


def test_listing_pages_link_their_items_and_page_on(site):
    for listing in LISTINGS:
        items = site.listed[listing.path]
        total = site.page_count(listing.path)
        for number in range(total):
            target = listing.path + (f"?page={number}" if number else "")
            main = soup(fetch(site, target)).find("main")
            for resource in items[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]:
                links = main.find_all("a", href=resource.path)
                assert any(text_of(a) == normalise(resource.title) for a in links), target
            hrefs = {a.get("href") for a in main.find_all("a")}
            if number < total - 1:
                assert f"?page={number + 1}" in hrefs, target
            if number > 0:
                assert f"?page={number - 1}" in hrefs, target


def test_full_listing_items_show_their_paragraphs(site):
    listing = next(lst for lst in LISTINGS if not lst.teasers)
    main = soup(fetch(site, listing.path)).find("main")
    found = blocks(main)
    for resource in site.listed[listing.path][:PAGE_SIZE]:
        if not resource.is_private:
            assert all(p in found for p in resource.paragraphs), resource.path


def test_related_cards_link_other_detail_pages(site):
    resource = next(r for r in site.resources if theme9.related_on(r))
    section = soup(fetch(site, resource.path)).select_one("section.rtes-related")
    assert "Sur le même thème" in section.get_text()
    links = [a["href"] for a in section.select(".fr-card__title a")]
    assert len(links) == theme9.RELATED_COUNT and resource.path not in links
    assert all(href[1:] in site.by_slug for href in links)
    off = next(r for r in site.resources if not theme9.related_on(r))
    assert "Sur le même thème" not in fetch(site, off.path)


def test_nuxt_pages_scope_every_element(site):
    resource = next(r for r in site.resources if theme9.layout_of(r.nid) == "nuxt")
    html = fetch(site, resource.path)
    app = soup(html).find(id="__nuxt")
    assert app.find(id="__layout") is not None
    assert all(theme9.SCOPE in element.attrs for element in app.find_all(True))
    assert "window.__NUXT__=" in html and f'"drupal_internal__nid": {resource.nid}' in html


def test_member_and_region_pages_show_the_member_fields(site):
    member = kinds.members(site)[0]
    main = soup(fetch(site, member.path)).find("main")
    text = text_of(main)
    for label, value in kinds._field_rows(member):
        assert normalise(label) in text and normalise(value) in text
    for column, title in kinds.SECTIONS:
        assert normalise(title) in blocks(main)
        assert normalise(dict(member.sections)[column]) in blocks(main)
    assert render.french_date(member.updated) in text
    region = soup(fetch(site, "/" + kinds.region_slug(member.region))).find("main")
    for other in kinds.in_region(site, member.region):
        assert region.find("a", href=other.path) is not None


# --- Every VARIANT value on the default seed -----------------------------------------------

# (part, value) -> a mark of that construct in the HTML.
MARKS = {
    ("layout", "dsfr"): 'class="fr-sidemenu"',
    ("layout", "layout_builder"): re.compile(r"layout layout--(twocol-section|onecol)"),
    ("layout", "gutenberg"): 'class="wp-site-blocks"',
    ("layout", "nuxt"): 'id="__nuxt"',
    ("dates", "publie"): '<p class="fr-text--sm fr-mb-1w">Publié le ',
    ("dates", "time"): '<div class="wp-block-post-date"><time datetime=',
    ("dates", "mis_en_ligne"): "Mis en ligne le ",
    ("dates", "chip"): "min de lecture</p>",
    ("dates", "meta"): '<meta property="article:published_time"',
    ("fields", "components"): 'class="fr-notice__title">Ressource privée',
    ("fields", "badges"): "fr-badges-group fr-mb-2w",
    ("fields", "dl"): '<dl class="fr-mb-4w rtes-fiche">',
    ("fields", "table"): '<figure class="wp-block-table',
    ("fields", "wp_group"): 'wp-block-post-terms__prefix">Catégorie : ',
    ("documents", "download"): 'class="fr-download__link"',
    ("documents", "file"): "wp-block-file__button",
    ("tags", "fr_tag"): 'class="fr-tag fr-tag--sm" href="/taxonomy/term/',
    ("tags", "post_terms"): '<div class="taxonomy-post_tag wp-block-post-terms">',
    ("body", "quote"): re.compile(r"fr-quote|paragraph--type--quote|wp-block-quote"),
    ("body", "highlight"): re.compile(
        r"fr-highlight|paragraph--type--encadre|has-pale-cyan-blue-background-color"
    ),
    ("related", "on"): "Sur le même thème",
    ("list", "cards"): '<div class="fr-card fr-',
    ("list", "query"): '<ul class="wp-block-post-template',
    ("pager", "dsfr"): '<ul class="fr-pagination__list">',
    ("pager", "wp"): '<nav class="wp-block-query-pagination',
    ("consent", "on"): 'class="fr-consent-banner"',
}
# Part -> the node (or listing index) it applies to -> its style, and which nodes can show it.
NODE_STYLE = {
    "layout": (lambda r: theme9.layout_of(r.nid), lambda r: True),
    "dates": (theme9.date_style, lambda r: True),
    "fields": (theme9.field_style, lambda r: r.kind == "resource"),
    "documents": (
        theme9.doc_style,
        lambda r: (
            r.kind == "resource"
            and bool(r.documents)
            and not r.is_private
            and theme9.field_style(r) in ("components", "badges", "dl")
        ),
    ),
    "tags": (theme9.tag_style, lambda r: bool(r.tags)),
    "body": (theme9.body_style, lambda r: not r.is_private),
    "related": (lambda r: "on" if theme9.related_on(r) else "off", lambda r: True),
}
LISTING_STYLE = {"list": theme9.list_style, "pager": theme9.pager_style}
OPTIONS_OF = {
    "layout": theme9.LAYOUTS,
    "dates": theme9.DATE_STYLES,
    "fields": theme9.FIELD_STYLES,
    "documents": theme9.DOC_STYLES,
    "tags": theme9.TAG_STYLES,
    "body": theme9.BODY_STYLES,
    "related": ("on", "off"),
    "list": theme9.LIST_STYLES,
    "pager": theme9.PAGER_STYLES,
    "consent": ("on", "off"),
}


def has_mark(html: str, part: str, value: str) -> bool:
    """Whether the construct's mark is in the page (the Nuxt scope attribute left out)."""
    html = html.replace(" " + theme9.SCOPE, "")
    mark = MARKS[(part, value)]
    return bool(mark.search(html)) if isinstance(mark, re.Pattern) else mark in html


def test_variant_lists_every_part():
    assert set(theme9.VARIANT) == set(OPTIONS_OF)
    assert all(v == "mixed" for k, v in theme9.VARIANT.items() if k != "consent")


@pytest.mark.parametrize("part", sorted(NODE_STYLE))
def test_every_node_variant_value_is_rendered_on_the_default_seed(site, part):
    style_of, applies = NODE_STYLE[part]
    pages: dict[str, list[str]] = {}
    for resource in site.resources:
        if applies(resource):
            pages.setdefault(style_of(resource), []).append(resource.path)
    assert set(pages) == set(OPTIONS_OF[part]), part
    for value, paths in pages.items():
        htmls = [fetch(site, p) for p in paths]
        if (part, value) in MARKS:
            assert any(has_mark(h, part, value) for h in htmls), (part, value)
            others = [v for v in OPTIONS_OF[part] if v != value and (part, v) in MARKS]
            if part in ("layout", "dates", "tags", "documents", "related"):
                for h in htmls:  # the value's pages carry no other value's mark
                    assert not any(has_mark(h, part, v) for v in others), (part, value)
        else:  # the plain value: none of the others' marks
            others = [v for v in OPTIONS_OF[part] if v != value]
            assert any(not any(has_mark(h, part, v) for v in others) for h in htmls), part


@pytest.mark.parametrize("part", sorted(LISTING_STYLE))
def test_every_listing_variant_value_is_rendered_on_the_default_seed(site, part):
    seen = set()
    for index, listing in enumerate(LISTINGS):
        value = LISTING_STYLE[part](index)
        html = fetch(site, listing.path)
        assert has_mark(html, part, value), (part, listing.path)
        seen.add(value)
    assert seen == set(OPTIONS_OF[part])
    layouts = {theme9.listing_layout(i) for i in range(len(LISTINGS))}
    assert layouts == set(theme9.LAYOUTS)
    kinds_seen = {(theme9.list_style(i), lst.teasers) for i, lst in enumerate(LISTINGS)}
    assert kinds_seen == {(s, t) for s in theme9.LIST_STYLES for t in (True, False)}


def test_consent_banner_is_on_by_default_and_can_be_turned_off(site, monkeypatch):
    assert has_mark(fetch(site, "/"), "consent", "on")
    monkeypatch.setitem(theme9.VARIANT, "consent", "off")
    assert not has_mark(fetch(site, "/"), "consent", "on")


# --- Each part forced to each value --------------------------------------------------------


def sample(site: Site) -> list[Resource]:
    """A few nodes covering the cases: an article with a lead image, an updated one, a private
    resource, resources with documents, tags, figures, hidden categories, no type."""
    picks = [
        lambda r: r.kind == "article" and bool(r.lead_image),
        lambda r: r.updated is not None,
        lambda r: r.is_private,
        lambda r: r.is_private and bool(r.summary),
        lambda r: r.kind == "resource" and len(r.documents) > 1,
        lambda r: bool(r.tags) and r.kind == "resource",
        lambda r: any(b.kind == "figure" for b in r.blocks),
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
    (part, value)
    for part in sorted(OPTIONS_OF)
    for value in OPTIONS_OF[part]
    if part not in ("consent", "related")
]


@pytest.mark.parametrize(("part", "value"), FORCED)
def test_forced_variant_keeps_every_truth_text(site, monkeypatch, part, value):
    monkeypatch.setitem(theme9.VARIANT, part, value)
    records = {t["resource_id"]: t for t in truth_records(site)}
    for resource in sample(site):
        check_truth(site, resource, records[f"node-{resource.nid}"])
        fetch(site, f"/node/{resource.nid}")
    for listing in (LISTINGS[0], next(lst for lst in LISTINGS if lst.teasers)):
        for number in range(site.page_count(listing.path)):
            html = fetch(site, listing.path + (f"?page={number}" if number else ""))
            if part in ("list", "pager", "layout") and (part, value) in MARKS:
                assert has_mark(html, part, value), (part, value, listing.path)
    member = kinds.members(site)[0]
    fetch(site, member.path)
    fetch(site, "/" + kinds.region_slug(member.region))
    fetch(site, "/")
    fetch(site, "/contact")
    fetch(site, "/nope", 404)
