"""A theme never seen that shows its page title in no <h1> (issue 13): the element whose text is
the <title>'s own part is the page's title, so the content, the record's title and the
listing's items are found as on any page."""

from rtes_core.extract import occurrences_from_html
from rtes_core.extract.noise import own_title
from tests.rtes_core.test_cards import CARDS, ITEMS
from tests.rtes_core.test_linked_headings import DETAIL, INTRO, SECTION_ONE, SITE

MENU = "".join(f'<li><a href="/rubrique-{n}">Rubrique {n}</a></li>' for n in range(12))


def without_h1(html: str) -> str:
    return html.replace("<h1", '<div class="big"').replace("</h1>", "</div>")


def test_own_title_drops_the_site_name_only():
    assert own_title("Lettre n°1 – juin 2013 | RTES") == "Lettre n°1 – juin 2013"
    assert own_title("Retour sur la journée PTCE - RTES") == "Retour sur la journée PTCE"
    assert own_title("Économie sociale – le réseau") == "Économie sociale – le réseau"


def test_a_detail_page_without_h1_keeps_its_title_and_body_not_its_menu():
    html = without_h1(DETAIL.replace('<div class="top-bar">', f"<ul>{MENU}</ul><div>"))
    html = html.replace(
        "<title>Journée PTCE | RTES</title>", "<title>Retour sur la journée PTCE | RTES</title>"
    )
    [occ] = occurrences_from_html(html, f"{SITE}/retour-sur-la-journee-ptce", "detail")
    texts = [b.text for b in occ.blocks if b.origin == "body"]
    assert occ.title == "Retour sur la journée PTCE"
    assert INTRO in texts and SECTION_ONE in texts
    assert not [t for t in texts if "Rubrique" in t]


def test_a_listing_without_h1_is_split_into_its_items():
    html = (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        "<title>Retours sur les journées d'échanges | RTES</title></head><body>"
        f'<ul>{MENU}</ul><div><div class="big">Retours sur les journées d\'échanges</div>'
        f"<div>{CARDS}</div></div></body></html>"
    )
    found = occurrences_from_html(html, f"{SITE}/retours-sur-les-journees-d-echanges", "listing")
    assert [o.title for o in found] == [t for _, _, t, _ in ITEMS]
