"""Theme 10 (mirror.theme10): Elementor, Divi, Plone, TYPO3 and Hugo markups, one truth."""

from __future__ import annotations

import pytest

from mirror import kinds, render, theme10
from mirror.routes import HttpOptions, route
from mirror.site import CATEGORIES, CATEGORY_BY_TID, LISTINGS, PAGE_SIZE, TAGS, Resource, Site
from mirror.text import normalise
from mirror.truth import truth_records
from tests.mirror.conftest import blocks, soup

OPTIONS = HttpOptions(theme=10)
BASE = "http://127.0.0.1:8800"


def fetch(site: Site, path: str, status: int = 200) -> str:
    response = route(site, path, BASE, options=OPTIONS)
    assert response.status == status, path
    return response.body.decode()


def text_of(node) -> str:
    return normalise(node.get_text(" "))


def content_root(page):
    """The page's content: its <main>, or Divi's #main-content (Divi writes no <main>)."""
    return page.find("main") or page.find(id="main-content")


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


def fetch_default(site: Site, path: str) -> str:
    return route(site, path, BASE, options=HttpOptions()).body.decode()


def test_every_route_kind_renders_in_theme10(site):
    for path in route_paths(site):
        html = fetch(site, path)
        page = soup(html)
        assert content_root(page) is not None and page.find("h1") is not None, path
        assert "Mentions légales" in html, path
        assert html != fetch_default(site, path), path
        if not path.startswith("/node/"):
            hrefs = {a.get("href") for a in page.find_all("a")}
            assert {lst.path for lst in LISTINGS} <= hrefs, path
    missing = fetch(site, "/cette-page-n-existe-pas", 404)
    assert "Page non trouvée" in missing


def test_header_lists_the_listings_and_regions(site):
    for layout in theme10.LAYOUTS:
        html = theme10._nav(site, layout)
        hrefs = {a["href"] for a in soup(html).find_all("a")}
        assert {lst.path for lst in LISTINGS} <= hrefs
        assert {p for p, _ in render._region_menu(site)} <= hrefs


def test_node_system_path_has_no_header_and_br_paragraphs(site):
    resource = next(
        r
        for r in site.resources
        if not r.is_private and len(r.paragraphs) > 2 and r.kind == "resource"
    )
    node = soup(fetch(site, f"/node/{resource.nid}"))
    assert "Vous êtes ici" not in node.get_text()
    root = content_root(node)
    assert normalise(root.find("h1").get_text()) == normalise(resource.title)
    assert all(p in normalise(root.get_text()) for p in resource.paragraphs)


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
    forms = (render.french_date(moment), theme10.wp_date(moment), f"{moment:%d/%m/%Y}")
    return any(f in main_text for f in forms) or f'datetime="{render.iso_local(moment)}"' in html


def check_truth(site: Site, resource: Resource, truth: dict) -> None:
    """The node's page shows every text and value its truth record holds."""
    html = fetch(site, resource.path)
    page = soup(html)
    main = content_root(page)
    for anchor in main.select("a.anchor"):  # Hugo's heading anchors ("#")
        anchor.decompose()
    found = blocks(main)
    where = resource.path
    assert normalise(main.find("h1").get_text()) == truth["title"], where
    assert all(p in found for p in truth["paragraphs"]), where
    if truth["summary"]:
        description = main.select_one(".documentDescription")
        shown = found + ([text_of(description)] if description else [])
        assert all(p in shown for p in truth["summary"].split("\n\n")), where
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


def test_theme10_detail_pages_show_every_truth_text(site):
    for resource, truth in zip(site.resources, truth_records(site), strict=True):
        check_truth(site, resource, truth)


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


def test_full_listing_items_show_their_paragraphs(site):
    listing = next(lst for lst in LISTINGS if not lst.teasers)
    main = content_root(soup(fetch(site, listing.path)))
    for anchor in main.select("a.anchor"):
        anchor.decompose()
    found = blocks(main)
    for resource in site.listed[listing.path][:PAGE_SIZE]:
        if not resource.is_private:
            assert all(p in found for p in resource.paragraphs), resource.path


def test_member_and_region_pages_show_the_member_fields(site):
    member = kinds.members(site)[0]
    main = content_root(soup(fetch(site, member.path)))
    text = text_of(main)
    for label, value in kinds._field_rows(member):
        assert normalise(label) in text and normalise(value) in text
    for column, title in kinds.SECTIONS:
        assert normalise(title) in blocks(main)
        assert normalise(dict(member.sections)[column]) in blocks(main)
    assert render.french_date(member.updated) in text
    region = content_root(soup(fetch(site, "/" + kinds.region_slug(member.region))))
    for other in kinds.in_region(site, member.region):
        assert region.find("a", href=other.path) is not None


def test_hugo_headings_carry_anchors_and_lead_images_footnotes(site):
    hugo = [r for r in site.resources if theme10.layout_of(r.nid) == "hugo"]
    headed = next(r for r in hugo if any(b.kind == "h3" for b in r.blocks) and not r.is_private)
    assert '<a class="anchor" aria-hidden="true" href="#' in fetch(site, headed.path)
    pictured = next((r for r in hugo if r.lead_image), None)
    if pictured is not None:
        assert '<section class="footnotes"' in fetch(site, pictured.path)


# --- Every VARIANT value on the default seed -----------------------------------------------

# (part, value) -> a mark of that construct in the HTML.
MARKS = {
    ("layout", "elementor"): "elementor-section elementor-top-section",
    ("layout", "divi"): '<div class="et_pb_section et_pb_section_',
    ("layout", "plone"): '<div id="portal-column-content"',
    ("layout", "typo3"): "<!--TYPO3SEARCH_begin-->",
    ("layout", "hugo"): '<main class="main">',
    ("dates", "byline"): '<div class="documentByLine" id="plone-document-byline">',
    ("dates", "mis_en_ligne"): '<p class="date-publication">Mis en ligne le ',
    ("dates", "time"): '<time class="post-date" datetime=',
    ("dates", "span_date"): '<span class="date">',
    ("dates", "post_info"): "Pas de commentaires",
    ("fields", "icon_list"): 'class="elementor-icon-list-text">Type de ressource : ',
    ("fields", "blurbs"): '<h4 class="et_pb_module_header">',
    ("fields", "portlet"): "portletInformations",
    ("fields", "contenttable"): '<table class="contenttable"><tbody><tr><th scope="row">',
    ("fields", "post_meta"): '<ul class="post-meta"><li><strong>',
    ("documents", "uploads"): '<ul class="ce-uploads">',
    ("documents", "button"): "Télécharger le document",
    ("documents", "et_button"): 'class="et_pb_button et_pb_button_',
    ("documents", "attachments"): "<h3>Pièces jointes</h3>",
    ("tags", "keywords"): "<span>Catégories :</span>",
    ("tags", "post_tags"): '<div class="post-tags">',
    ("list", "elementor_posts"): '<div class="elementor-posts-container',
    ("list", "divi_blog"): '<article id="post-',
    ("list", "plone_tiles"): '<article class="entry tileItem',
    ("list", "typo3_news"): '<div class="news-list-item',
    ("list", "hugo_list"): '<ul class="post-list">',
    ("pager", "elementor"): '<nav class="elementor-pagination"',
    ("pager", "divi"): '<div class="pagination clearfix">',
    ("pager", "plone"): '<nav class="pagination" aria-label="Pagination"><ul>',
    ("pager", "typo3"): '<ul class="f3-widget-paginator">',
    ("pager", "hugo"): '<span class="page-number">Page ',
    ("consent", "complianz"): 'id="cmplz-cookiebanner-container"',
    ("consent", "tarteaucitron"): 'id="tarteaucitronRoot"',
}
NODE_STYLE = {
    "layout": (lambda r: theme10.layout_of(r.nid), lambda r: True),
    "dates": (theme10.date_style, lambda r: True),
    "fields": (theme10.field_style, lambda r: r.kind == "resource"),
    "documents": (
        theme10.doc_style,
        lambda r: r.kind == "resource" and bool(r.documents) and not r.is_private,
    ),
    "tags": (theme10.tag_style, lambda r: bool(r.tags)),
}
LISTING_STYLE = {"list": theme10.list_style, "pager": theme10.pager_style}
OPTIONS_OF = {
    "layout": theme10.LAYOUTS,
    "dates": theme10.DATE_STYLES,
    "fields": theme10.FIELD_STYLES,
    "documents": theme10.DOC_STYLES,
    "tags": theme10.TAG_STYLES,
    "list": theme10.LIST_STYLES,
    "pager": theme10.PAGER_STYLES,
    "consent": theme10.CONSENT_STYLES,
}


def has_mark(html: str, part: str, value: str) -> bool:
    return MARKS[(part, value)] in html


def test_variant_lists_every_part():
    assert set(theme10.VARIANT) == set(OPTIONS_OF)
    assert all(v == "mixed" for v in theme10.VARIANT.values())


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
        assert any(has_mark(h, part, value) for h in htmls), (part, value)
        if part in ("layout", "dates", "documents"):
            others = [v for v in OPTIONS_OF[part] if v != value]
            for h in htmls:  # the value's pages carry no other value's mark
                assert not any(has_mark(h, part, v) for v in others), (part, value)


@pytest.mark.parametrize("part", sorted(LISTING_STYLE))
def test_every_listing_variant_value_is_rendered_on_the_default_seed(site, part):
    seen = set()
    for index, listing in enumerate(LISTINGS):
        value = LISTING_STYLE[part](index)
        if site.page_count(listing.path) > 1 or part == "list":
            assert has_mark(fetch(site, listing.path), part, value), (part, listing.path)
            seen.add(value)
    assert seen == set(OPTIONS_OF[part])
    assert {theme10.listing_layout(i) for i in range(len(LISTINGS))} == set(theme10.LAYOUTS)


def test_consent_banner_follows_the_layout_and_can_be_turned_off(site, monkeypatch):
    seen = set()
    for resource in site.resources[:40]:
        html = fetch(site, resource.path)
        value = theme10.consent_style(theme10.layout_of(resource.nid))
        assert has_mark(html, "consent", value)
        seen.add(value)
    assert seen == set(theme10.CONSENT_STYLES)
    monkeypatch.setitem(theme10.VARIANT, "consent", "off")
    html = fetch(site, "/")
    assert not any(has_mark(html, "consent", v) for v in theme10.CONSENT_STYLES)


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
def test_forced_variant_keeps_every_truth_text(site, monkeypatch, part, value):
    monkeypatch.setitem(theme10.VARIANT, part, value)
    records = {t["resource_id"]: t for t in truth_records(site)}
    for resource in sample(site):
        check_truth(site, resource, records[f"node-{resource.nid}"])
        fetch(site, f"/node/{resource.nid}")
    for listing in (LISTINGS[0], next(lst for lst in LISTINGS if lst.teasers)):
        for number in range(site.page_count(listing.path)):
            html = fetch(site, listing.path + (f"?page={number}" if number else ""))
            if part in ("list", "pager", "layout"):
                assert has_mark(html, part, value), (part, value, listing.path)
    member = kinds.members(site)[0]
    fetch(site, member.path)
    fetch(site, "/" + kinds.region_slug(member.region))
    fetch(site, "/")
    fetch(site, "/contact")
    fetch(site, "/nope", 404)


def test_pager_wordings():
    assert "« Entrées précédentes" in theme10.pager_html("divi", 1, 3, 5)
    assert "Entrées suivantes »" in theme10.pager_html("divi", 1, 3, 5)
    assert "Suivant 5 éléments »" in theme10.pager_html("plone", 1, 3, 5)
    assert "Page 2 sur 3" in theme10.pager_html("hugo", 1, 3, 5)
    assert "Suivant →" in theme10.pager_html("hugo", 1, 3, 5)
