"""HTTP validators by day: Drupal's default (none on HTML), --page-cache, attachments, --no-sitemap."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mirror.pagecache import PAGE_CACHE_MAX_AGE
from mirror.routes import HttpOptions, route
from mirror.server import start_in_thread
from mirror.site import LISTINGS, PAGE_SIZE, Site, day_date
from tests.mirror.conftest import DAYS_LAST, request

MAIN = LISTINGS[0].path  # a category term page

BASE = "http://mirror.test"
CACHED = HttpOptions(page_cache=True)
EDIT_DAY = 8  # compared with day 7


@pytest.fixture(scope="module")
def servers(days_site: Site) -> Iterator[dict[str, str]]:
    """Base URLs: the edit day and the day before with the page cache, the edit day plain,
    the last day without sitemap."""
    started = {
        "before": start_in_thread(days_site.at(EDIT_DAY - 1), page_cache=True),
        "cached": start_in_thread(days_site.at(EDIT_DAY), page_cache=True),
        "plain": start_in_thread(days_site.at(EDIT_DAY)),
        "no_sitemap": start_in_thread(days_site, sitemap=False),
    }
    yield {name: base for name, (_, base) in started.items()}
    for server, _ in started.values():
        server.shutdown()
        server.server_close()


def untouched(site: Site) -> list:
    """Public resources of the site that existed the day before and were not edited today."""
    edited = {nid for nid, _ in site.log.edited}
    return [
        r
        for r in site.resources
        if r.nid in site.previous.by_nid and r.nid not in edited and not r.is_private
    ]


def test_html_pages_have_no_validators_by_default(days_site: Site, servers) -> None:
    site = days_site.at(EDIT_DAY)
    for path in ("/", MAIN, site.resources[-1].path, "/le-reseau"):
        status, headers, _ = request(servers["plain"], path)
        assert status == 200 and headers["Cache-Control"] == "no-cache, must-revalidate"
        assert headers["Expires"] == "Sun, 19 Nov 1978 05:00:00 GMT"
        assert "ETag" not in headers and "Last-Modified" not in headers


def test_page_cache_detail_answers_304_to_its_validators(days_site: Site, servers) -> None:
    base = servers["cached"]
    path = untouched(days_site.at(EDIT_DAY))[0].path
    status, headers, body = request(base, path)
    assert status == 200 and headers["Cache-Control"] == f"public, max-age={PAGE_CACHE_MAX_AGE}"
    assert headers["Vary"] == "Cookie" and headers["ETag"].strip('"').isdigit()
    etag, modified = headers["ETag"], headers["Last-Modified"]
    for conditional in (
        {"If-None-Match": etag},
        {"If-Modified-Since": modified},
        {"If-None-Match": f'"1", {etag}'},
    ):
        status, headers304, body304 = request(base, path, headers=conditional)
        assert status == 304 and body304 == b"" and headers304["ETag"] == etag
        assert headers304["Last-Modified"] == modified
    assert request(base, path, headers={"If-None-Match": '"1"'})[0] == 200
    assert (
        request(base, path, headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})[0]
        == 200
    )
    # Unchanged since yesterday: yesterday's validators still match.
    assert request(servers["before"], path)[1]["ETag"] == etag
    assert request(servers["before"], path)[2] == body


def test_page_cache_new_etag_after_an_edit(days_site: Site, servers) -> None:
    site = days_site.at(EDIT_DAY)
    for nid, kind in site.log.edited:
        path = site.by_nid[nid].path
        old = request(servers["before"], path)[1]
        status, new, _ = request(servers["cached"], path, headers={"If-None-Match": old["ETag"]})
        assert status == 200 and new["ETag"] != old["ETag"], kind
        assert (
            request(servers["cached"], path, headers={"If-Modified-Since": old["Last-Modified"]})[0]
            == 200
        )
        assert request(servers["cached"], path, headers={"If-None-Match": new["ETag"]})[0] == 304


def test_page_cache_listing_changes_when_its_rows_shift(days_site: Site, servers) -> None:
    site = days_site.at(EDIT_DAY)
    path = next(
        lst.path
        for lst in LISTINGS  # a category page led by one of the day's additions
        if any(r.nid in site.log.added for r in site.listed[lst.path][:PAGE_SIZE])
    )
    old = request(servers["before"], path)[1]["ETag"]
    status, headers, body = request(servers["cached"], path, headers={"If-None-Match": old})
    assert status == 200 and headers["ETag"] != old  # today's additions lead the listing
    last = site.page_count(path) - 1
    beyond = f"{path}?page={last + 3}"  # an empty page past the end stays the same
    assert (
        request(servers["before"], beyond)[1]["ETag"]
        == request(servers["cached"], beyond)[1]["ETag"]
    )


def test_page_cache_same_etag_means_same_bytes(days_site: Site) -> None:
    """Over consecutive days, every page keeps its ETag exactly when its bytes stay the same."""
    kept = changed = 0
    for day in range(EDIT_DAY - 2, DAYS_LAST + 1):
        today, yesterday = days_site.at(day), days_site.at(day - 1)
        paths = ["/", "/le-reseau"] + [r.path for r in yesterday.resources if r.nid in today.by_nid]
        for path, rows in today.listed.items():
            paths += [f"{path}?page={n}" for n in range(len(rows) // PAGE_SIZE + 2)]
        for path in paths:
            old, new = route(yesterday, path, BASE, CACHED), route(today, path, BASE, CACHED)
            assert old.status == new.status == 200 and old.etag and new.etag
            assert (old.etag == new.etag) == (old.body == new.body), (day, path)
            assert new.last_modified >= old.last_modified
            kept += old.etag == new.etag
            changed += old.etag != new.etag
    assert kept and changed


def test_page_cache_footer_shows_the_render_day(days_site: Site) -> None:
    site = days_site.at(EDIT_DAY)
    resource = untouched(site)[0]
    page = route(site, resource.path, BASE, CACHED)

    def same_on(day: int) -> bool:
        """Whether the resource was online and as today on that day."""
        then = days_site.at(day).by_nid.get(resource.nid)
        return then is not None and then.changed == resource.changed

    rendered = EDIT_DAY  # the first day of the run of days where the resource is as today
    while rendered > 0 and same_on(rendered - 1):
        rendered -= 1
    assert rendered < EDIT_DAY
    stamp = f"Page générée le {days_site.at(rendered).generated_at:%d/%m/%Y à %H:%M}"
    assert stamp in page.body.decode()
    assert page.body == route(days_site.at(rendered), resource.path, BASE).body


def test_attachments_revalidate_and_change_when_replaced(days_site: Site, servers) -> None:
    site = days_site.at(EDIT_DAY)
    replaced = site.log.replaced_files[0]
    old = request(servers["before"], replaced)[1]
    status, new, body = request(servers["cached"], replaced, headers={"If-None-Match": old["ETag"]})
    assert status == 200 and body.startswith(b"%PDF") and new["ETag"] != old["ETag"]
    assert new["Last-Modified"] != old["Last-Modified"]
    assert (
        request(servers["cached"], replaced, headers={"If-Modified-Since": old["Last-Modified"]})[0]
        == 200
    )
    assert request(servers["plain"], replaced, headers={"If-None-Match": new["ETag"]})[0] == 304
    assert (
        request(servers["plain"], replaced, headers={"If-Modified-Since": new["Last-Modified"]})[0]
        == 304
    )
    # A file nobody touched keeps its validators from one day to the next.
    other = next(
        p for p in site.files if p.endswith(".pdf") and p != replaced and p in site.previous.files
    )
    etag = request(servers["before"], other)[1]["ETag"]
    assert request(servers["plain"], other, headers={"If-None-Match": etag})[0] == 304


def test_attached_document_is_new_on_its_day(days_site: Site) -> None:
    attached = [
        (d, nid)
        for d in range(1, DAYS_LAST + 1)
        for nid, kind in days_site.at(d).log.edited
        if kind == "document"
    ]
    assert attached
    for day, nid in attached:
        document = days_site.at(day).by_nid[nid].documents[-1]
        assert route(days_site.at(day - 1), document.path, BASE).status == 404
        response = route(days_site.at(day), document.path, BASE)
        assert response.status == 200 and response.last_modified.date() == day_date(day)
        # recent uploads go to the private file system (Drupal 8+)
        assert document.path.startswith(f"/system/files/{day_date(day):%Y-%m}/")


def test_no_sitemap(servers) -> None:
    status, _, _ = request(servers["no_sitemap"], "/sitemap.xml")
    assert status == 404
    robots = request(servers["no_sitemap"], "/robots.txt")[2].decode()
    assert "User-agent: *" in robots and "Sitemap" not in robots
    assert request(servers["plain"], "/sitemap.xml")[0] == 200
    assert (
        request(servers["plain"], "/robots.txt")[2]
        .decode()
        .splitlines()[-1]
        .startswith("Sitemap: ")
    )
