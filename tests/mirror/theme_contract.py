"""What every theme of the mirror keeps from theme 1, whatever its markup: the head links and
URLs of nodes, members and category listings, and every node, file and term link of a node
page (a category's term page by its alias). Shared by the themes' own test files."""

from __future__ import annotations

from mirror import kinds
from mirror.routes import HttpOptions, route
from mirror.site import CATEGORY_BY_TID, LISTINGS, Site
from mirror.text import normalise
from tests.mirror.conftest import soup

BASE = "http://127.0.0.1:8800"
# A category's term page by its alias (the category listing's path), as themes 9 to 12 link it.
ALIASES = {f"/taxonomy/term/{tid}": category.path for tid, category in CATEGORY_BY_TID.items()}
# The links of theme 1's node page another theme must show too.
KEPT_LINKS = ("/node/", "/taxonomy/term/", "/sites/", "/system/")


def _page(site: Site, path: str, options: HttpOptions) -> str:
    response = route(site, path, BASE, options=options)
    assert response.status == 200, path
    return response.body.decode()


def _head_links(html: str) -> list[tuple[str, str]]:
    return sorted(
        (" ".join(link["rel"]), link["href"])
        for link in soup(html).head.find_all("link", rel=["canonical", "shortlink"])
    )


def assert_head_links_as_theme1(site: Site, theme: int) -> None:
    """Nodes, /node/N and members carry theme 1's canonical and shortlink; every category
    listing its term's shortlink and the category's exact name as its <h1>."""
    ours, default = HttpOptions(theme=theme), HttpOptions()
    member = kinds.members(site)[0]
    paths = [r.path for r in site.resources[:20]] + [f"/node/{site.resources[0].nid}"]
    for path in [*paths, member.path]:  # (theme 1's listings write no shortlink)
        assert _head_links(_page(site, path, ours)) == _head_links(_page(site, path, default)), path
    for listing in LISTINGS:
        page = soup(_page(site, listing.path, ours))
        assert page.head.find("link", rel="shortlink")["href"] == f"/taxonomy/term/{listing.tid}"
        assert normalise(page.find("h1").get_text()) == listing.title


def assert_node_links_as_theme1(site: Site, theme: int) -> None:
    """Every node, file and term link of theme 1's node page is on this theme's."""
    for resource in site.resources[:30]:
        page = soup(_page(site, resource.path, HttpOptions(theme=theme)))
        ours = {a.get("href") for a in page.find_all("a")}
        default = soup(_page(site, resource.path, HttpOptions()))
        wanted = {
            a.get("href")
            for a in default.find_all("a")
            if (a.get("href") or "").startswith(KEPT_LINKS)
        }
        wanted = {ALIASES.get(h, h) for h in wanted} | {lst.path for lst in LISTINGS}
        assert wanted <= ours, (resource.path, wanted - ours)
