"""Themes never seen that wrap a page in one <article> (issue 13): an <article> holding the
site's menus is the page, not a node; one plain <article> around a listing holds its items."""

from rtes_core.extract import occurrences_from_html
from tests.rtes_core.test_linked_headings import DETAIL, SECTION_ONE, SECTION_TWO, SITE

MENU = "".join(f'<li><a href="/rubrique-{n}">Rubrique {n}</a></li>' for n in range(20))
WRAPPED_DETAIL = DETAIL.replace('<div class="top-bar">', f"<article><ul>{MENU}</ul><div>").replace(
    "</body>", "</article></body>"
)
ITEM = """<div><h4><a href="/{path}">{title}</a></h4><p>Publié le 9 juin 2021</p><p>{text}</p>
<div><h5>Type de ressource</h5><p>Autres</p></div></div>"""
LISTING = f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Retours</title>
</head><body><ul>{MENU}</ul><article><h1>Retours sur les journées d'échanges</h1>
{ITEM.format(path="journee-ptce", title="Retour sur la journée PTCE", text=SECTION_ONE)}
{ITEM.format(path="commande-publique", title="Rencontre commande publique", text=SECTION_TWO)}
</article></body></html>"""


def body_texts(occ) -> list[str]:
    return [b.text for b in occ.blocks if b.origin == "body"]


def test_an_article_around_the_whole_page_is_not_a_node_its_menus_stay_out():
    [occ] = occurrences_from_html(WRAPPED_DETAIL, f"{SITE}/retour-sur-la-journee-ptce", "detail")
    assert occ.title == "Retour sur la journée PTCE"
    texts = body_texts(occ)
    assert SECTION_ONE in texts and SECTION_TWO in texts
    assert not [t for t in texts if "Rubrique" in t]


def test_one_article_around_a_listing_holds_its_items():
    found = occurrences_from_html(LISTING, f"{SITE}/retours-sur-les-journees-d-echanges", "listing")
    assert [o.path for o in found] == ["/journee-ptce", "/commande-publique"]
    assert [o.fields.get("resource_type") for o in found] == ["Autres", "Autres"]
    assert SECTION_ONE in body_texts(found[0]) and SECTION_TWO not in body_texts(found[0])


def test_a_page_the_crawl_did_not_class_as_detail_is_still_its_item_at_its_path():
    """No canonical link nor shortlink in the head: the page's own path names its item, however
    the crawl reached it (page kind `other`), so it joins the listings' items of that path."""
    [occ] = occurrences_from_html(DETAIL, f"{SITE}/retour-sur-la-journee-ptce", "other")
    assert occ.path == "/retour-sur-la-journee-ptce"
