"""Theme 12 (mirror.theme12): eZ Platform, Liferay 7, Blogger, ASP.NET WebForms and Wagtail
markups, one truth."""

from __future__ import annotations

import re
import urllib.request

import pytest

from mirror import kinds, render, theme11, theme12
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

OPTIONS = HttpOptions(theme=12)
BASE = "http://127.0.0.1:8800"
SEED, RESOURCES = 11, 60


@pytest.fixture(scope="module")
def site12() -> Site:
    return build_site(seed=SEED, resources=RESOURCES)


def fetch(site: Site, path: str, status: int = 200, options: HttpOptions = OPTIONS) -> str:
    response = route(site, path, BASE, options=options)
    assert response.status == status, path
    return response.body.decode()


def text_of(node) -> str:
    return normalise(node.get_text(" "))


def content_root(page):
    """The page's content: its <main>, Liferay's section#content, Blogger's div#main or the
    ASP.NET layout table's content cell."""
    return page.find("main") or page.find(id=["content", "main", "contenu"])


# Elements that end a line of text (the br-separated bodies of Blogger and ASP.NET pages).
LINE_TAGS = (*BLOCK_TAGS, "div", "td", "th", "tr", "table", "dd", "dt", "ul", "section")


def blocks(container) -> list[str]:
    """The container's lines of text: its block elements' and the lines of its br-separated
    text (a double <br> ends a line, a single one breaks it; li prefixed with "- ", as the
    truth's blocks)."""
    html = re.sub(r"(?:<br\s*/?>\s*){2,}", END, str(container))
    copy = soup(re.sub(r"<br\s*/?>", " ", html))
    for element in copy.find_all(LINE_TAGS):
        if element.name == "li":
            element.insert(0, "- ")
        element.insert_before(END)
        element.insert_after(END)
    lines = (normalise(line) for line in copy.get_text().split(END))
    return [line for line in lines if line and line != "-"]


END = "\u2029"  # a line's end


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


def test_every_route_kind_renders_in_theme12(site12):
    for path in route_paths(site12):
        html = fetch(site12, path)
        page = soup(html)
        if path == kinds.NEWSLETTER_PATH:  # an e-mail's web version: the same in every theme
            assert html == fetch(site12, path, options=HttpOptions())
            continue
        assert content_root(page) is not None and page.find("h1") is not None, path
        assert "Mentions légales" in html, path
        assert html != fetch(site12, path, options=HttpOptions()), path
        if not path.startswith("/node/"):
            hrefs = {a.get("href") for a in page.find_all("a")}
            assert {lst.path for lst in LISTINGS} <= hrefs, path
            assert {p for p, _ in render._region_menu(site12)} <= hrefs, path
            assert render.SITE_NAME in text_of(page), path
    missing = fetch(site12, "/cette-page-n-existe-pas", 404)
    assert "Page non trouvée" in missing


def test_node_system_path_has_no_header_and_br_paragraphs(site12):
    public = [r for r in site12.resources if not r.is_private and len(r.paragraphs) > 2]
    for layout in theme12.LAYOUTS:
        resource = next(r for r in public if theme12.layout_of(r.nid) == layout)
        html = fetch(site12, f"/node/{resource.nid}")
        node = soup(html)
        assert "Vous êtes ici" not in html and 'id="topmenu"' not in html, layout
        assert 'id="banner"' not in html and 'id="Label1"' not in html, layout
        assert 'id="ctl00_menuGauche"' not in html and "nav-primary" not in html, layout
        assert "Partager :" not in html and "Envoyer à un ami" not in html, layout
        root = content_root(node)
        assert normalise(root.find("h1").get_text()) == normalise(resource.title)
        assert all(p in normalise(root.get_text()) for p in resource.paragraphs), layout
        assert "<br>\n" in html, layout
        head = node.head
        assert head.find("link", rel="canonical")["href"] == resource.path
        assert head.find("link", rel="shortlink")["href"] == f"/node/{resource.nid}"


def test_head_links_and_urls_as_theme1(site12):
    assert_head_links_as_theme1(site12, 12)


def test_node_links_are_the_default_themes(site12):
    """Every node, file and term link of theme 1's node page is on theme 12's (a category's
    term page by its alias)."""
    assert_node_links_as_theme1(site12, 12)


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
    style = theme12.date_style(resource)
    assert theme12.date_text(resource.published, style) in main_text, where
    if resource.updated:
        assert theme12.date_text(resource.updated, style) in main_text, where


def test_theme12_detail_pages_show_every_truth_text(site12):
    for resource, truth in zip(site12.resources, truth_records(site12), strict=True):
        check_truth(site12, resource, truth)


def test_theme12_detail_pages_of_the_default_site(site):
    for resource, truth in zip(site.resources, truth_records(site), strict=True):
        check_truth(site, resource, truth)


def _title_link(link, title: str) -> bool:
    return text_of(link) == title


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


def test_full_listing_items_show_their_paragraphs(site12):
    for index, listing in enumerate(LISTINGS):
        if listing.teasers:
            continue
        main = content_root(soup(fetch(site12, listing.path)))
        found = blocks(main)
        for resource in site12.listed[listing.path][:PAGE_SIZE]:
            if not resource.is_private:
                assert all(p in found for p in resource.paragraphs), (index, resource.path)


def test_teaser_listings_show_leads_and_read_more(site12):
    for listing in LISTINGS:
        if not listing.teasers:
            continue
        html = fetch(site12, listing.path)
        text = text_of(soup(html))
        for resource in site12.listed[listing.path][:PAGE_SIZE]:
            assert normalise(render.teaser_lead(resource)) in text, resource.path
            if not resource.is_private:
                assert not any(p in text for p in resource.paragraphs[1:3] if len(p) > 200)
        assert "Lire la suite" in text, listing.path


def test_member_and_region_pages_show_the_member_fields(site12):
    for member in kinds.members(site12)[:6]:
        main = content_root(soup(fetch(site12, member.path)))
        text = text_of(main)
        for label, value in kinds._field_rows(member):
            assert normalise(label) in text and normalise(value) in text
        for column, title in kinds.SECTIONS:
            assert normalise(title) in blocks(main)
            assert normalise(dict(member.sections)[column]) in blocks(main)
        assert render.french_date(member.updated) in text
        region = content_root(soup(fetch(site12, "/" + kinds.region_slug(member.region))))
        for other in kinds.in_region(site12, member.region):
            assert region.find("a", href=other.path) is not None
            assert normalise(other.collectivite_type) in text_of(region)


# --- Every construct at seed 11 with 60 resources -------------------------------------------

# (part, value) -> a mark of that construct in the HTML.
MARKS = {
    ("layout", "ez"): '<div class="content-view-full"><div class="class-article">',
    ("layout", "liferay"): "JournalContentPortlet_INSTANCE_",
    ("layout", "blogger"): '<div class="post hentry uncustomized-post-template"',
    ("layout", "aspnet"): '<span id="ctl00_ContentPlaceHolder1_lblTitre" class="titre">',
    ("layout", "wagtail"): '<article class="page page--',
    ("dates", "ez_byline"): '<div class="attribute-byline"><span class="ezdate">Publié le ',
    ("dates", "liferay"): '<div class="asset-metadata"><span class="metadata-entry',
    ("dates", "date_header"): '<h2 class="date-header"><span>',
    ("dates", "aspnet"): '<span id="ctl00_ContentPlaceHolder1_lblDate">Date de publication : ',
    ("dates", "django"): '<dl class="page-dates"><dt>Publié le</dt>',
    ("fields", "ez_attribute"): '<div class="attribute-prive"><span class="attribute-label">',
    ("fields", "liferay_categories"): '<span class="asset-vocabulary">Catégorie :</span>',
    ("fields", "fiche_table"): '<table class="fiche"',
    ("fields", "page_meta"): '<dl class="page-meta">',
    ("fields", "bold_lines"): '<div class="post-fields"><b>',
    ("documents", "ez_list"): '<ul class="attribute-documents-list">',
    ("documents", "lnk_document"): "_lnkDocument",
    ("documents", "block_document"): '<div class="block-document"><a class="document-link"',
    ("documents", "liferay_dm"): '<div class="lfr-asset-item">',
    ("documents", "plain_link"): '<ul class="liens-documents">',
    ("list", "ez_line"): '<div class="content-view-children"><div class="content-view-line">',
    ("list", "asset_publisher"): '<div class="asset-publisher"><div class="asset-',
    ("list", "blog_posts"): '<div class="blog-posts hfeed"><div class="date-outer">',
    ("list", "gridview"): 'id="ctl00_ContentPlaceHolder1_gvRessources"',
    ("list", "index_list"): '<ul class="index-list"><li class="index-item">',
    ("pager", "ez"): '<div class="pagenavigator">',
    ("pager", "liferay"): '<ul class="lfr-pagination-buttons pager">',
    ("pager", "blogger"): '<div class="blog-pager" id="blog-pager">',
    ("pager", "gridview"): '<tr class="pager">',
    ("pager", "django"): '<nav class="pagination"',
    ("consent", "tarteaucitron"): 'id="tarteaucitronRoot"',
    ("consent", "liferay"): "CookiesBannerPortlet",
    ("consent", "cookiechoices"): 'id="cookieChoiceInfo"',
    ("consent", "pnl_cookies"): 'id="ctl00_pnlCookies"',
    ("consent", "cookie_consent"): 'id="cookie-consent"',
}
NODE_STYLE = {
    "layout": (lambda r: theme12.layout_of(r.nid), lambda r: True),
    "dates": (theme12.date_style, lambda r: True),
    "fields": (theme12.field_style, lambda r: r.kind == "resource"),
    "documents": (
        theme12.doc_style,
        lambda r: r.kind == "resource" and bool(r.documents) and not r.is_private,
    ),
}
LISTING_STYLE = {"list": theme12.list_style, "pager": theme12.pager_style}
OPTIONS_OF = {
    "layout": theme12.LAYOUTS,
    "dates": theme12.DATE_STYLES,
    "fields": theme12.FIELD_STYLES,
    "documents": theme12.DOC_STYLES,
    "tags": theme12.TAG_PLACES,
    "notice": theme12.NOTICE_PLACES,
    "list": theme12.LIST_STYLES,
    "pager": theme12.PAGER_STYLES,
    "consent": theme12.CONSENT_STYLES,
}


def has_mark(html: str, part: str, value: str) -> bool:
    return MARKS[(part, value)] in html


def test_variant_lists_every_part():
    assert set(theme12.VARIANT) == set(OPTIONS_OF)
    assert all(v == "mixed" for v in theme12.VARIANT.values())


@pytest.mark.parametrize("part", sorted(NODE_STYLE))
def test_every_node_construct_is_rendered_at_seed_11(site12, part):
    style_of, applies = NODE_STYLE[part]
    pages: dict[str, list[str]] = {}
    for resource in site12.resources:
        if applies(resource):
            pages.setdefault(style_of(resource), []).append(resource.path)
    assert set(pages) == set(OPTIONS_OF[part]), part
    for value, paths in pages.items():
        htmls = [fetch(site12, p) for p in paths]
        assert all(has_mark(h, part, value) for h in htmls), (part, value)
        others = [v for v in OPTIONS_OF[part] if v != value]
        for h in htmls:  # the value's pages carry no other value's mark
            assert not any(has_mark(h, part, v) for v in others), (part, value)


def test_tags_notice_and_body_forms_occur_at_seed_11(site12):
    seen: dict[str, set] = {"tags": set(), "notice": set(), "divs": set()}
    for resource in site12.resources:
        layout = theme12.layout_of(resource.nid)
        parts = theme12.node_parts(resource, layout, False)
        html = fetch(site12, resource.path)
        if resource.tags:
            place = theme12.tag_place(resource)
            tags = theme12.tags_html(resource, layout)
            assert tags in parts["top" if place == "top" else "end"] and tags in html
            seen["tags"].add(place)
        if resource.is_private and resource.kind == "resource":
            place = theme12.notice_place(resource)
            notice = theme12.notice_html(layout)
            assert (parts["body"] == notice) == (place == "body") and notice in html
            seen["notice"].add(place)
        if layout == "blogger" and not resource.is_private and len(resource.paragraphs) > 1:
            divs = theme12.blogger_divs(resource)
            assert ("<div><br /></div>" if divs else "<br /><br />") in html, resource.path
            seen["divs"].add(divs)
    wanted = {"tags": {"top", "bottom"}, "notice": {"top", "body"}, "divs": {True, False}}
    assert seen == wanted


@pytest.mark.parametrize("part", sorted(LISTING_STYLE))
def test_every_listing_construct_is_rendered_at_seed_11(site12, site, part):
    """Every widget at seed 11; every pager on the default site (seed 11 pages no GridView)."""
    seen, where = set(), site12 if part == "list" else site
    for index, listing in enumerate(LISTINGS):
        value = LISTING_STYLE[part](index)
        if where.page_count(listing.path) > 1 or part == "list":
            html = fetch(where, listing.path)
            assert has_mark(html, part, value), (part, listing.path)
            others = [v for v in OPTIONS_OF[part] if v != value]
            assert not any(has_mark(html, part, v) for v in others), (part, listing.path)
            seen.add(value)
    assert seen == set(OPTIONS_OF[part])
    assert {theme12.listing_layout(i) for i in range(len(LISTINGS))} == set(theme12.LAYOUTS)


def test_consent_banner_follows_the_layout_and_can_be_turned_off(site12, monkeypatch):
    seen = set()
    for resource in site12.resources[:40]:
        html = fetch(site12, resource.path)
        value = theme12.consent_style(theme12.layout_of(resource.nid))
        assert has_mark(html, "consent", value)
        seen.add(value)
    assert seen == set(theme12.CONSENT_STYLES)
    monkeypatch.setitem(theme12.VARIANT, "consent", "off")
    html = fetch(site12, "/")
    assert not any(has_mark(html, "consent", v) for v in theme12.CONSENT_STYLES)


def test_chrome_of_each_family(site12):
    wanted = {
        "ez": ('<nav id="topmenu"', '<nav id="path"', "<h2>Voir aussi</h2>", "Envoyer à un ami"),
        "liferay": ('class="quick-access-nav"', 'id="banner"', 'class="portlet-title-text"'),
        "blogger": ('id="Label1"', '<div class="post-footer">', "Publié par <span"),
        "aspnet": ('name="__VIEWSTATE"', '<form name="aspnetForm"', "ctl00_menuGauche"),
        "wagtail": ('class="skip-link"', 'class="nav-primary"', '<nav class="breadcrumb"'),
    }
    for layout, marks in wanted.items():
        resource = next(r for r in site12.resources if theme12.layout_of(r.nid) == layout)
        html = fetch(site12, resource.path)
        assert all(m in html for m in marks), layout
        assert "Partager :" in html and "Mentions légales" in html, layout
        assert ("Vous êtes ici" in html) == (layout != "blogger"), layout
        assert f'action="{resource.path}"' in html or layout != "aspnet"


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
def test_forced_variant_keeps_every_truth_text(site12, monkeypatch, part, value):
    monkeypatch.setitem(theme12.VARIANT, part, value)
    records = {t["resource_id"]: t for t in truth_records(site12)}
    for resource in sample(site12):
        check_truth(site12, resource, records[f"node-{resource.nid}"])
        fetch(site12, f"/node/{resource.nid}")
    for listing in (LISTINGS[0], next(lst for lst in LISTINGS if lst.teasers)):
        for number in range(site12.page_count(listing.path)):
            html = fetch(site12, listing.path + (f"?page={number}" if number else ""))
            if part in ("list", "layout") or (
                part == "pager" and site12.page_count(listing.path) > 1
            ):
                key = "list" if part == "layout" else part
                wanted = (
                    theme12.LIST_STYLES[theme12.LAYOUTS.index(value)] if part == "layout" else value
                )
                assert has_mark(html, key, wanted), (part, value, listing.path)
    for member in kinds.members(site12)[:3]:
        fetch(site12, member.path)
        fetch(site12, "/" + kinds.region_slug(member.region))
    fetch(site12, "/")
    fetch(site12, "/contact")
    fetch(site12, "/nope", 404)


def test_date_and_size_wordings():
    from datetime import datetime

    moment = datetime(2021, 6, 9, 16, 5)
    assert theme12.date_text(moment, "ez_byline") == "09/06/2021"
    assert theme12.date_text(moment, "liferay") == "09 juin 2021"
    assert theme12.date_text(moment, "date_header") == "mercredi 9 juin 2021"
    assert theme12.date_text(moment, "aspnet") == "09/06/2021 16:05:00"
    assert theme12.date_text(datetime(2021, 6, 1), "django") == "1 juin 2021"
    path = next(p for p in (f"/f{n}.pdf" for n in range(100)) if theme11._kilobytes(p) > 1200)
    assert re.fullmatch(r"\(PDF, \d+,\d Mo\)", theme12._size(path))


def test_pager_wordings():
    assert "Articles plus anciens" in theme12.pager_html("blogger", 1, 3)
    assert "Articles plus récents" in theme12.pager_html("blogger", 1, 3)
    assert "Précédent" in theme12.pager_html("liferay", 1, 3)
    assert "Suivant" in theme12.pager_html("liferay", 1, 3)
    assert "<td><span>2</span></td>" in theme12.pager_html("gridview", 1, 3)
    assert "Page 2 sur 3" in theme12.pager_html("django", 1, 3)
    assert theme12.pager_html("ez", 0, 1) == ""


def test_theme12_is_served(site12):
    server, base = start_in_thread(site12, theme=12)
    try:
        resource = site12.resources[4]
        for path in ("/", resource.path, f"/node/{resource.nid}", LISTINGS[1].path):
            with urllib.request.urlopen(base + path) as response:
                assert response.status == 200 and b"</html>" in response.read(), path
    finally:
        server.shutdown()
        server.server_close()
