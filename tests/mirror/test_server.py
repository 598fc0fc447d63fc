"""The mirror over HTTP: listings, detail pages, files, robots, sitemap, errors."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from mirror import kinds
from mirror.site import LISTINGS, PAGE_SIZE, Site
from mirror.text import normalise
from tests.mirror.conftest import request, soup

# A category term page (the real site's listings; it has no /ressources page).
MAIN = LISTINGS[0].path

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# A listing row's node id.
ROW_NID = re.compile(r'<div class="views-row">\s*<article[^>]*data-history-node-id="(\d+)"')


def row_nids(html: bytes) -> list[int]:
    """Node ids of a listing page's rows, in order."""
    return [int(n) for n in ROW_NID.findall(html.decode())]


def test_listing_ten_per_page_newest_first(site: Site, base: str) -> None:
    seen = []
    pages = site.page_count(MAIN)
    assert pages >= 3
    for page in range(pages):
        status, _, body = request(base, f"{MAIN}?page={page}")
        assert status == 200
        nids = row_nids(body)
        assert len(nids) == PAGE_SIZE or page == pages - 1
        seen.extend(nids)
    members = [r for r in site.resources if LISTINGS[0].title in r.categories]
    assert seen == [r.nid for r in sorted(members, key=lambda r: r.published, reverse=True)]
    assert {r.kind for r in members} == {"resource", "article"}  # listings mix both
    assert request(base, MAIN)[2] == request(base, f"{MAIN}?page=0")[2]


def test_pager_links(site: Site, base: str) -> None:
    pages = site.page_count(MAIN)
    first = soup(request(base, MAIN)[2])
    assert first.select_one("li.pager__item--next a")["href"] == "?page=1"
    assert first.select_one("li.pager__item--last a")["href"] == f"?page={pages - 1}"
    assert first.select_one("li.pager__item--first") is None
    assert first.select_one("li.is-active a").get_text() == "1"
    assert len(
        first.select(
            "li.pager__item:not(.pager__item--next):not(.pager__item--last)"
            ":not(.pager__item--ellipsis)"
        )
    ) == min(9, pages)
    last = soup(request(base, f"{MAIN}?page={pages - 1}")[2])
    assert last.select_one("li.pager__item--next") is None
    assert last.select_one("li.pager__item--first a")["href"] == "?page=0"
    assert last.select_one("li.is-active a").get_text() == str(pages)


def test_page_beyond_last_is_empty_view(site: Site, base: str) -> None:
    status, _, body = request(base, f"{MAIN}?page={site.page_count(MAIN)}")
    assert status == 200 and "Aucune ressource" in body.decode()
    assert row_nids(body) == []
    assert row_nids(request(base, f"{MAIN}?page=abc")[2]) == row_nids(request(base, MAIN)[2])


def test_thematic_listings(site: Site, base: str) -> None:
    for path, items in site.listed.items():
        assert len(items) > PAGE_SIZE, path
        nids = row_nids(request(base, path)[2])
        assert nids == [r.nid for r in items[:PAGE_SIZE]]


def test_node_path_answers_the_same_node_rendered_differently(site: Site, base: str) -> None:
    """/node/N is the same node as its alias (same head links, title, text) without the site
    header and with its paragraphs separated by single <br> (as public copies of the site show)."""
    resource = next(r for r in site.resources[42:] if r.variant == "d8" and not r.is_private)
    by_slug = request(base, resource.path)
    by_node = request(base, f"/node/{resource.nid}")
    assert by_slug[0] == by_node[0] == 200 and by_slug[2] != by_node[2]
    for page in (soup(by_slug[2]), soup(by_node[2])):
        assert page.select_one('link[rel="canonical"]')["href"] == resource.path
        assert page.select_one('link[rel="shortlink"]')["href"] == f"/node/{resource.nid}"
        assert page.select_one("h1").get_text(strip=True) == resource.title
    full, plain = soup(by_slug[2]), soup(by_node[2])
    assert full.select_one("header") is not None and plain.select_one("header") is None
    body = plain.select_one(".field--name-body")
    assert body.find("p") is None and len(body.find_all("br")) >= len(resource.blocks) - 1
    assert resource.paragraphs[0] in normalise(body.get_text(" "))


def test_private_detail_has_no_body(site: Site, base: str) -> None:
    for resource in (r for r in site.resources if r.is_private):
        html = request(base, resource.path)[2].decode()
        assert "réservée aux adhérents" in html
        assert "field--name-body" not in html and "field-name-body" not in html
        assert (
            "Documents" not in html
        )  # the real site shows a private page's Résumé, never its files
        summary = " ".join(s.text for p in resource.summary for s in p)
        assert all(
            b.plain[:60] not in html
            for b in resource.blocks
            if b.kind == "p" and len(b.plain) >= 60 and b.plain[:60] not in summary
        )


def test_listing_private_row_has_summary_no_body(site: Site, base: str) -> None:
    path, private = next(
        (p, r) for p, rows in site.listed.items() for r in rows if r.is_private and r.summary
    )
    page = site.listed[path].index(private) // PAGE_SIZE
    html = soup(request(base, f"{path}?page={page}")[2])
    row = html.find("article", attrs={"data-history-node-id": str(private.nid)}).parent
    assert row.select_one(".field--name-field-resume") is not None
    assert row.select_one(".field--name-body") is None
    assert row.select_one(".views-field-body") is None
    assert row.select_one(".field--name-field-documents") is None


def test_html_headers_have_no_validators(site: Site, base: str) -> None:
    for path in ("/", MAIN, site.resources[0].path):
        status, headers, _ = request(base, path)
        assert status == 200
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert headers["Cache-Control"] == "no-cache, must-revalidate"
        assert headers["Expires"] == "Sun, 19 Nov 1978 05:00:00 GMT"
        assert headers["X-Generator"].startswith("Drupal 9")
        assert "ETag" not in headers and "Last-Modified" not in headers


def test_head_has_headers_only(base: str) -> None:
    get = request(base, MAIN)
    head = request(base, MAIN, method="HEAD")
    assert head[0] == 200 and head[2] == b""
    assert head[1]["Content-Length"] == get[1]["Content-Length"] == str(len(get[2]))


def test_attachment_revalidation(site: Site, base: str) -> None:
    document = next(r for r in site.resources if r.documents and not r.is_private).documents[0]
    status, headers, body = request(base, document.path)
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    assert body.startswith(b"%PDF-1.4")
    etag, modified = headers["ETag"], headers["Last-Modified"]
    assert request(base, document.path, headers={"If-None-Match": etag})[0] == 304
    assert request(base, document.path, headers={"If-None-Match": f"W/{etag}"})[0] == 304
    assert request(base, document.path, headers={"If-Modified-Since": modified})[0] == 304
    assert request(base, document.path, headers={"If-None-Match": '"other"'})[0] == 200
    old = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert request(base, document.path, headers={"If-Modified-Since": old})[0] == 200
    not_modified = request(base, document.path, headers={"If-None-Match": etag})
    assert not_modified[2] == b"" and not_modified[1]["ETag"] == etag


def test_inline_images_are_served(site: Site, base: str) -> None:
    image = next(
        b.src or b.segments[0].href for r in site.resources for b in r.blocks if b.role == "residue"
    )
    status, headers, body = request(base, image)
    assert status == 200 and headers["Content-Type"].startswith("image/") and "ETag" in headers


def test_robots_txt(base: str) -> None:
    status, headers, body = request(base, "/robots.txt", headers={"Host": "mirror.test:8080"})
    text = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    for line in (
        "User-agent: *",
        "Disallow: /core/",
        "Disallow: /user/login",
        "Disallow: /index.php/admin/",
        "Disallow: /search/",
    ):
        assert line in text.splitlines()
    assert text.splitlines()[-1] == "Sitemap: http://mirror.test:8080/sitemap.xml"


def test_sitemap(site: Site, base: str) -> None:
    status, headers, body = request(base, "/sitemap.xml")
    root = ElementTree.fromstring(body)
    locs = [loc.text for loc in root.iter(f"{SITEMAP_NS}loc")]
    assert status == 200 and "xml" in headers["Content-Type"]
    assert len(locs) == len(site.resources) + len(site.listed) + len(kinds.members(site))
    assert all(loc.startswith(base + "/") for loc in locs)
    assert {base + r.path for r in site.resources} <= set(locs)
    assert {base + path for path in site.listed} <= set(locs)
    lastmods = [m.text for m in root.iter(f"{SITEMAP_NS}lastmod")]
    assert len(lastmods) == len(locs)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00", m) for m in lastmods)


def test_not_found_and_redirect(site: Site, base: str) -> None:
    status, headers, body = request(base, "/nexiste-pas")
    assert status == 404 and "Page non trouvée" in body.decode()
    assert request(base, "/node/1")[0] == 404
    resource = site.resources[10]
    status, headers, _ = request(base, resource.path + "/")
    assert status == 301 and headers["Location"] == base + resource.path
    assert request(base, f"{MAIN}/?page=2")[1]["Location"] == base + f"{MAIN}?page=2"
    assert request(base, "/ressources")[0] == 404  # no page there on the real site


def test_old_spip_urls_answer_301_to_the_node_or_404(site: Site, base: str) -> None:
    old = next(r for r in site.resources if r.spip_id is not None)
    assert old.spip_path.split(",")[0][1].isupper()  # capitalised, cut title words
    for target in (
        old.spip_path,
        old.spip_path + "?debut_mmthm_mots_autres_art=45",
        f"/?page=imprimer_article&id_article={old.spip_id}",
        f"/spip.php?article{old.spip_id}",
    ):
        status, headers, _ = request(base, target)
        assert (status, headers["Location"]) == (301, base + old.path), target
    assert request(base, "/?page=backend")[0] == 404
    assert request(base, "/Article-Disparu,99999")[0] == 404


def test_term_system_path_answers_301_to_the_category_page(site: Site, base: str) -> None:
    status, headers, _ = request(base, f"/taxonomy/term/{LISTINGS[1].tid}?page=1")
    assert (status, headers["Location"]) == (301, base + LISTINGS[1].path + "?page=1")


def test_tracking_parameters_answer_the_same_page(site: Site, base: str) -> None:
    resource = site.resources[3]
    tracked = request(base, resource.path + "?utm_source=newsletter&utm_medium=email")
    assert tracked[0] == 200 and tracked[2] == request(base, resource.path)[2]


def test_home_navigation_links_every_category_page(site: Site, base: str) -> None:
    home = soup(request(base, "/")[2])
    nav = {a["href"] for a in home.select("nav a[href]")}
    assert {lst.path for lst in LISTINGS} <= nav and "/ressources" not in nav


def test_request_counter(served, base: str) -> None:
    server, _ = served
    before = server.request_count
    request(base, "/")
    assert server.request_count == before + 1


def test_listing_render_is_fast(site: Site) -> None:
    import time

    from mirror.render import listing_page
    from mirror.site import LISTINGS

    started = time.perf_counter()
    for page in range(10):
        listing_page(site, LISTINGS[0], page)
    assert (time.perf_counter() - started) / 10 < 0.05
