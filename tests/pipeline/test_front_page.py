"""The front page's teaser cards (a Bootstrap home page): what the read stage keeps of them."""

from __future__ import annotations

from datetime import datetime

from pipeline.changes import Evidence
from pipeline.process.read import PagesRead
from rtes_core.extract import occurrences_from_html

SITE = "https://www.rtes.fr"
CARDS = "".join(
    f'<div class="col"><div class="card"><div class="card-body"><h5 class="card-title">'
    f'<a href="/ressource-{n}">Ressource {n}</a></h5><p>Publié le {n} mai 2024</p>'
    f"<p>Une journée d'échanges entre collectivités sur les achats responsables…</p>"
    f'<a href="/ressource-{n}">Lire la suite</a></div></div></div>'
    for n in (1, 2, 3)
)
PAGE = f'<html><body><main><h1>Accueil</h1><div class="row">{CARDS}</div></main></body></html>'


def read(url: str, kind: str) -> PagesRead:
    found = PagesRead(Evidence(detects_removals=False))
    row = {"final_url": url, "url": url, "page_kind": kind, "fetched_at": datetime(2024, 6, 1)}
    found.add(row, occurrences_from_html(PAGE, url, kind))
    return found


def test_the_front_pages_teasers_give_their_items_no_source_url():
    found = read(f"{SITE}/", "other")  # the crawl classes the front page "other"
    assert found.occurrences == []
    assert f"{SITE}/" in found.pages  # the page itself is still counted


def test_the_same_cards_on_a_listing_page_are_its_items():
    found = read(f"{SITE}/alimentation-circuits-courts", "listing")
    assert [o.path for o in found.occurrences] == ["/ressource-1", "/ressource-2", "/ressource-3"]
