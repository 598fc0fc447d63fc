"""Listings whose items are titled in no heading (issue 13, a theme never seen): repeated
sibling blocks that each lead with a link are the items; the same blocks on a detail page that
carry no date, label nor teaser mark stay its content."""

from rtes_core.extract import occurrences_from_html
from tests.rtes_core.test_linked_headings import SECTION_ONE, SECTION_TWO, SITE

INTRO = (
    "Le réseau publie chaque mois les retours des rencontres régionales de ses collectivités "
    "adhérentes, avec les présentations des intervenants et les ressources partagées."
)
CARD = """<div class="row {kind}"><div class="row-title"><a href="/{path}">{title}</a></div>
<p>Publié le 9 juin 2021</p><p>{text}</p></div>"""
ITEMS = [
    ("resource", "journee-ptce", "Retour sur la journée PTCE", SECTION_ONE),
    ("article", "commande-publique", "Rencontre commande publique", SECTION_TWO),
    ("resource", "seminaire-mobilite", "Séminaire mobilité solidaire", INTRO),
]
CARDS = "".join(CARD.format(kind=k, path=p, title=t, text=x) for k, p, t, x in ITEMS)


def page(title: str, content: str) -> str:
    return (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>RTES</title></head>'
        f"<body><div><h1>{title}</h1>{content}</div></body></html>"
    )


def test_cards_of_a_listing_are_its_items_with_their_titles():
    html = page("Retours sur les journées d'échanges", f"<div>{CARDS}</div>")
    found = occurrences_from_html(html, f"{SITE}/retours-sur-les-journees-d-echanges", "listing")
    assert [o.path for o in found] == ["/journee-ptce", "/commande-publique", "/seminaire-mobilite"]
    assert [o.title for o in found] == [t for _, _, t, _ in ITEMS]
    assert SECTION_ONE in [b.text for b in found[0].blocks]
    assert SECTION_TWO not in [b.text for b in found[0].blocks]


def test_two_cards_are_items_only_on_a_page_the_crawl_found_as_a_listing():
    two = "".join(CARD.format(kind=k, path=p, title=t, text=x) for k, p, t, x in ITEMS[:2])
    html = page("Retours sur les journées d'échanges", f"<div>{two}</div>")
    listed = occurrences_from_html(html, f"{SITE}/retours?page=1", "listing")
    assert [o.path for o in listed] == ["/journee-ptce", "/commande-publique"]


def test_link_blocks_without_dates_in_a_detail_page_stay_its_body():
    related = "".join(f'<div class="related"><a href="/{p}">{t}</a></div>' for _, p, t, _ in ITEMS)
    html = page("Retour sur la journée PTCE", f"<p>{INTRO}</p><div>{related}</div>")
    [occ] = occurrences_from_html(html, f"{SITE}/retour-sur-la-journee-ptce", "detail")
    assert occ.title == "Retour sur la journée PTCE" and INTRO in [b.text for b in occ.blocks]


def test_a_list_of_attachments_is_no_listing():
    """Documents are attachments of an item, never items (the demo's truth caught it once)."""
    from rtes_core.extract.cards import card_items
    from rtes_core.extract.dom import parse_document

    files = "".join(
        f'<div class="field__item"><a href="/sites/default/files/2012-01/{n}.pdf">Fiche {n}</a></div>'
        for n in ("a", "b", "c")
    )
    root = parse_document(page("Points de RepèrESS n°41", f"<div>{files}</div>"))
    assert card_items(root, f"{SITE}/points-de-reperess-n-41", on_a_listing=True) == []
