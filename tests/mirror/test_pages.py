"""Parsing the served pages by the documented rules gives back the truth."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

from bs4 import Tag

from mirror.render import detail_page, listing_page
from mirror.routes import route
from mirror.site import LISTINGS, PUBLIC_HOSTS, Resource, Site
from mirror.text import normalise
from mirror.truth import truth_records
from tests.mirror.conftest import blocks, soup

# In-body links to a node's system path.
NODE_LINK = re.compile(r"^/node/\d+$")


def assert_categories(shown: list[str], resource: Resource, record: dict) -> None:
    """The Catégorie field shows the node's terms in order, or none of them when hidden (the
    truth's categories are the term membership either way)."""
    if resource.categories_shown:
        assert shown == record["categories"]
    else:
        assert set(shown) <= set(record["categories"])  # the field: label, no value


def all_block_texts(resource: Resource) -> list[str]:
    """Every block text of the body as written, residue and repeats included."""
    return [t for b in resource.blocks for t in b.texts()]


def body_container(page, variant: str) -> Tag:
    """The element holding the body blocks of a detail page."""
    selector = {
        "d8": ".field--name-body",
        "d7": ".field-name-body .field-item",
        "bare": "article.ressource > div.content",
    }[variant]
    return page.select_one(selector)


def bare_field(page, label: str) -> Tag | None:
    """The element holding a bare-theme field's value: `<div><strong>Label :</strong> value</div>`
    or a label div followed by its value div (None when the field shows no value)."""
    for strong in page.select("article.ressource > div > strong"):
        if normalise(strong.get_text()) == f"{label} :":
            holder = strong.parent
            strong.extract()  # the value without its label
            return holder
    for name in page.select("article.ressource > div.intitule"):
        if normalise(name.get_text()) == label:
            value = name.find_next_sibling("div")
            return value if value is not None and "valeur" in value.get("class", []) else None
    return None


def fields(page, variant: str) -> dict:
    """Summary, type, categories and documents read off a public detail page."""
    if variant == "bare":

        def links(label: str) -> list[Tag]:
            value = bare_field(page, label)
            return value.find_all("a") if value is not None else []

        summary, rtype = bare_field(page, "Résumé"), bare_field(page, "Type de ressource")
        return {
            "summary": [normalise(p.get_text()) for p in summary.find_all("p")] if summary else [],
            "type": normalise(rtype.get_text()) or None if rtype else None,
            "categories": [a.get_text() for a in links("Catégorie")],
            "documents": [
                {"title": normalise(a.get_text()), "url": a["href"]} for a in links("Documents")
            ],
        }
    prefix, item = (
        ("field--name-field-", ".field__item")
        if variant == "d8"
        else ("field-name-field-", ".field-item")
    )

    def select(name: str) -> list[Tag]:
        return page.select(f".{prefix}{name} {item}")

    return {
        "summary": [normalise(p.get_text()) for i in select("resume") for p in i("p")],
        "type": next((normalise(i.get_text()) for i in select("type-de-ressource")), None),
        "categories": [normalise(i.get_text()) for i in select("categorie")],
        "documents": [
            {"title": normalise(a.get_text()), "url": a["href"]}
            for i in select("documents")
            for a in i("a")
        ],
    }


def test_detail_pages_parse_to_truth(site: Site) -> None:
    for resource, record in zip(site.resources, truth_records(site)):
        if resource.is_private or resource.kind != "resource":  # news articles: no field block
            continue
        page = soup(detail_page(site, resource))
        container = body_container(page, resource.variant)
        assert blocks(container) == all_block_texts(resource), resource.slug
        got = fields(page, resource.variant)
        assert ("\n\n".join(got["summary"]) or None) == record["summary"]
        assert got["type"] == record["resource_type"]
        assert_categories(got["categories"], resource, record)
        assert got["documents"] == record["documents"]
        assert resource.published.strftime("%d/%m/%Y") in page.get_text()


def test_listing_rows_parse_to_truth(site: Site) -> None:
    records = {r["resource_id"]: r for r in truth_records(site)}
    for page_number in range(3):
        page = soup(listing_page(site, LISTINGS[0], page_number))
        for row in page.select(".views-row"):
            article = row.find("article")
            resource = site.by_nid[int(article["data-history-node-id"])]
            record = records[f"node-{resource.nid}"]
            title = normalise(article.select_one("h2.node__title").get_text())
            assert title == record["title"]
            got = fields(article, "d8")
            assert ("\n\n".join(got["summary"]) or None) == record["summary"]
            assert_categories(got["categories"], resource, record)
            if resource.is_private:
                assert article.select_one(".field--name-body") is None
                continue
            assert blocks(article.select_one(".field--name-body")) == all_block_texts(resource)
            assert got["documents"] == record["documents"]
            repeat = blocks(row.select_one(".views-field-body"))
            assert repeat and len(repeat) <= len(all_block_texts(resource))


def crawl(site: Site) -> dict[int, set[str]]:
    """Where each node is met from the listings via pagination, titles and /node links."""
    base = "http://mirror.test"
    queue = deque(lst.path for lst in LISTINGS)
    seen, found = set(queue), {}
    while queue:
        url = queue.popleft()
        response = route(site, url, base)
        assert response.status == 200, url
        page = soup(response.body)
        if page.select(".view-ressources"):
            rows = page.select(".views-row > article")
            nids = [int(a["data-history-node-id"]) for a in rows]
            links = [a["href"] for a in page.select(".pager a, h2.node__title a")]
            links += [a["href"] for a in page.select(".field--name-body a")]
        else:
            nids = [int(page.select_one('link[rel="shortlink"]')["href"].rsplit("/", 1)[1])]
            links = [a["href"] for a in page.select("main a[href]")]
        for nid in nids:
            found.setdefault(nid, set()).add(url)
        for href in links:
            target = urlsplit(urljoin(base + urlsplit(url).path, href))
            if target.netloc in PUBLIC_HOSTS:  # absolute links to the public site: this site
                target = target._replace(netloc="mirror.test")
            moved = route(site, target.path + (f"?{target.query}" if target.query else ""), base)
            if moved.status == 301:  # old SPIP URLs: followed once
                target = urlsplit(moved.headers["Location"])
            query = "&".join(q for q in target.query.split("&") if q and not q.startswith("utm_"))
            path = target.path + (f"?{query}" if query else "")
            if target.netloc != "mirror.test" or path in seen:
                continue
            is_node = NODE_LINK.match(target.path)
            if is_node or site.by_slug.get(target.path[1:]) or site.listing(target.path):
                seen.add(path)
                queue.append(path)
    return found


def test_source_urls_match_a_crawl(site: Site) -> None:
    def canonical(url: str) -> str:  # the truth writes page 0 without a query
        return url[: -len("?page=0")] if url.endswith("?page=0") else url

    found = crawl(site)
    for record in truth_records(site):
        nid = int(record["resource_id"][5:])
        assert sorted({canonical(u) for u in found[nid]}) == record["source_urls"], nid
