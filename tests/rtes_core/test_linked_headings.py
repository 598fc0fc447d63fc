"""A detail page of a markup never seen whose body has sections under linked headings: the
headings look like listing items (issue 13), but a page that is not a listing keeps them, and
their sections, in its body; a real listing of that markup still splits into its items."""

from rtes_core.extract import occurrences_from_html

SITE = "https://www.rtes.fr"
INTRO = (
    "Le RTES a réuni les collectivités adhérentes pour une journée d'échanges consacrée aux "
    "pôles territoriaux de coopération économique et à leur accompagnement."
)
SECTION_ONE = (
    "La matinée a présenté les démarches engagées par trois métropoles, leurs outils de "
    "financement et les partenariats noués avec les acteurs locaux de l'ESS."
)
SECTION_TWO = (
    "L'après-midi, les ateliers ont porté sur la commande publique responsable et sur les "
    "clauses sociales dans les marchés des collectivités."
)
DETAIL = f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Journée PTCE | RTES</title></head><body>
<div class="top-bar"><a href="/">Accueil</a> <a href="/agenda">Agenda</a></div>
<article class="page-entry">
<h1 class="entry-heading">Retour sur la journée PTCE</h1>
<p>{INTRO}</p>
<h3><a href="/metropoles-et-ess">Les métropoles engagées</a></h3>
<p>{SECTION_ONE}</p>
<h3><a href="/commande-publique-responsable">La commande publique</a></h3>
<p>{SECTION_TWO}</p>
</article>
<div class="bottom-bar">RTES - mentions légales</div>
</body></html>"""

LISTING = f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Retours sur les journées | RTES</title></head><body>
<article class="page-entry">
<h1 class="entry-heading">Retours sur les journées d'échanges</h1>
<h3><a href="/journee-ptce">Retour sur la journée PTCE</a></h3>
<p>Publié le 9 juin 2021</p>
<p>{SECTION_ONE}</p>
<h3><a href="/commande-publique">Rencontre commande publique</a></h3>
<p>Publié le 17 mai 2024</p>
<p>{SECTION_TWO}</p>
</article></body></html>"""


def detail():
    [occ] = occurrences_from_html(DETAIL, f"{SITE}/retour-sur-la-journee-ptce", "detail")
    return occ


def body_texts(occ) -> list[str]:
    return [b.text for b in occ.blocks if b.origin == "body"]


def test_the_detail_page_is_one_record():
    assert detail().title == "Retour sur la journée PTCE"


def test_the_sections_under_linked_headings_stay_in_the_body():
    texts = body_texts(detail())
    assert INTRO in texts
    assert SECTION_ONE in texts and SECTION_TWO in texts
    assert "Les métropoles engagées" in texts and "La commande publique" in texts


def test_the_page_chrome_is_not_in_the_body():
    texts = " ".join(body_texts(detail()))
    assert "mentions légales" not in texts and "Agenda" not in texts


def test_a_listing_of_that_markup_still_splits_into_its_items():
    found = occurrences_from_html(LISTING, f"{SITE}/retours-sur-les-journees-d-echanges", "listing")
    assert [o.title for o in found] == ["Retour sur la journée PTCE", "Rencontre commande publique"]
    assert SECTION_ONE in body_texts(found[0]) and SECTION_TWO not in body_texts(found[0])


def test_items_titled_at_a_lower_level_keep_their_titles_not_their_labels():
    """Item titles in <h4> and, in each item, a field label in an <h5> heading (a theme never
    seen): each item is titled by its linked heading, not by the label."""
    listing = LISTING.replace("<h3>", "<h4>").replace("</h3>", "</h4>")
    listing = listing.replace("<article", "<div").replace("</article>", "</div>")
    for section in (SECTION_ONE, SECTION_TWO):
        listing = listing.replace(
            f"<p>{section}</p>", f"<div><h5>Catégorie</h5></div><p>{section}</p>"
        )
    found = occurrences_from_html(listing, f"{SITE}/retours-sur-les-journees-d-echanges", "listing")
    assert [o.title for o in found] == ["Retour sur la journée PTCE", "Rencontre commande publique"]
    assert [o.path for o in found] == ["/journee-ptce", "/commande-publique"]
