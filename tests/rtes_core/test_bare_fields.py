"""Fields shown with no label and no class (a theme's markup with its classes gone): a block of
file links is the Documents, a list of the menu's category links is the Catégorie."""

from __future__ import annotations

from rtes_core.extract import occurrences_from_html
from tests.rtes_core.test_bootstrap_markup import BASE, BODY, texts

TITLE = "<h1>Points de RepèrESS n°1 : réemploi</h1>"
FACTS = "<ul><li><p>Autres</p></li><li><p>Ressource publique</p></li></ul>"
MENU = (
    "<nav><ul><li><a href='/retours-sur-les-formations'>Retours sur les formations</a></li>"
    "<li><a href='/alimentation-circuits-courts'>Alimentation, circuits courts</a></li>"
    "<li><a href='/agenda'>Agenda</a></li></ul></nav>"
)
CATEGORIES = (
    "<ul><li><a href='/alimentation-circuits-courts'>Alimentation, circuits courts</a></li>"
    "<li><a href='/retours-sur-les-formations'>Retours sur les formations</a></li></ul>"
)
FILES = (
    "<div><div><a href='/sites/default/files/2018-12/synthese.pdf'>Synthèse des échanges</a>"
    "<a href='/sites/default/files/2018-12/synthese.pdf' download>Télécharger</a></div>"
    "<div><a href='/system/files/2018-12/guide.pdf'>Guide pratique : PTCE</a>"
    "<a href='/system/files/2018-12/guide.pdf' download>Télécharger</a></div></div>"
)


def one(content: str):
    html = (
        "<html><head><title>Points de RepèrESS | RTES</title></head><body>"
        f"<header>{MENU}</header><main><div>{content}</div></main></body></html>"
    )
    [occ] = occurrences_from_html(html, f"{BASE}/points-de-reperess-n-1-reemploi", "detail")
    return occ


def body(occ) -> list[str]:
    return texts(occ, "body", "trailing")


def same_body_as_without(occ) -> bool:
    """Whether the page's text is what it is with no field shown but the facts."""
    return body(occ) == body(one(TITLE + FACTS + BODY))


IN_MENU = ["Retours sur les formations", "Alimentation, circuits courts"]


def test_lines_of_file_links_alone_are_the_documents_not_the_body():
    occ = one(TITLE + FACTS + BODY + FILES)
    assert occ.fields["documents"] == [
        {
            "title": "Synthèse des échanges",
            "url": f"{BASE}/sites/default/files/2018-12/synthese.pdf",
        },
        {"title": "Guide pratique : PTCE", "url": f"{BASE}/system/files/2018-12/guide.pdf"},
    ]
    assert same_body_as_without(occ) and len(body(occ)) == 2


def test_a_paragraph_linking_a_file_and_an_inline_image_stay_the_body():
    lone = "<p><a href='/sites/default/files/programme.pdf'>Le programme de la journée</a></p>"
    image = "<div><div><p><a href='/system/files/inline-images/photo%20atelier.jpeg'>photo</a></p></div></div>"
    inline = "<div>Voir <a href='/sites/default/files/guide.pdf'>le guide</a> et la suite du texte.</div>"
    occ = one(TITLE + FACTS + BODY + lone + image + inline)
    assert "documents" not in occ.fields
    assert "Le programme de la journée" in body(occ)
    assert "Voir le guide et la suite du texte." in body(occ)


def test_a_list_of_the_menus_category_links_is_the_categories_in_page_order():
    occ = one(TITLE + FACTS + CATEGORIES + BODY)
    assert occ.fields["categories"] == IN_MENU[::-1] and same_body_as_without(occ)


def test_a_list_of_other_links_or_on_a_page_with_no_field_is_no_category():
    others = (
        "<ul><li><a href='/une-autre-page'>Une autre page</a></li>"
        "<li><a href='/retours-sur-les-formations'>Retours sur les formations</a></li></ul>"
    )
    occ = one(TITLE + FACTS + BODY + others + "<p>La suite du texte de la journée.</p>")
    assert "categories" not in occ.fields
    assert texts(occ, "body")[2:4] == ["- Une autre page", "- Retours sur les formations"]
    occ = one(TITLE + CATEGORIES + BODY)  # no field shows: nothing says these are its terms
    assert "categories" not in occ.fields


def test_an_icon_list_of_a_type_a_privacy_and_the_menus_terms_is_those_fields():
    terms = (
        "<span><a href='/retours-sur-les-formations'>Retours sur les formations</a>"
        "<a href='/alimentation-circuits-courts'>Alimentation, circuits courts</a></span>"
    )
    facts = (
        f"<ul><li><span>Ressources RTES</span></li><li><span>Non</span></li><li>{terms}</li></ul>"
    )
    occ = one(TITLE + facts + BODY)
    assert occ.kind == "resource" and occ.fields["resource_type"] == "Ressources RTES"
    assert occ.fields["categories"] == IN_MENU and same_body_as_without(occ)


def test_an_avatar_captioned_by_its_name_is_a_byline_a_figure_is_not():
    avatar = (
        "<div><img src='https://www.gravatar.com/avatar/5b1f?s=64' alt='Rédaction RTES'>"
        "<span>Rédaction RTES</span></div>"
    )
    occ = one(avatar + TITLE + BODY)
    assert body(occ) == body(one(TITLE + BODY))
    assert "Rédaction RTES" not in occ.tags
    figure = (
        "<figure><img src='/system/files/inline-images/atelier.jpg' alt='Atelier à Lille'>"
        "<figcaption>Atelier à Lille</figcaption></figure>"
    )
    assert "Atelier à Lille" in body(one(TITLE + BODY + figure))


def test_download_cards_each_one_link_are_the_documents():
    card = (
        "<a href='/system/files/2020-06/annexe.pdf'><span>Annexe statistique 2020</span>"
        "<span>annexe.pdf</span><span>862 Ko</span><span>Télécharger (PDF)</span></a>"
    )
    occ = one(TITLE + FACTS + BODY + f"<section>{card}</section>")
    assert occ.fields["documents"] == [
        {"title": "Annexe statistique 2020", "url": f"{BASE}/system/files/2020-06/annexe.pdf"}
    ]
    assert same_body_as_without(occ)


def test_a_box_copying_the_texts_lead_is_the_summary_a_short_or_other_box_is_not():
    lead = "Le dispositif, co-construit avec les élus locaux, vise à soutenir l'emploi local."
    text = f"<p>{lead}</p>{BODY}"

    def node(box: str):
        return one(f"<article>{TITLE}{FACTS}{text}{box}</article>")

    occ = node(f"<aside><svg></svg><div><p>{lead}</p></div></aside>")
    assert occ.fields["summary"] == lead
    assert body(occ) == body(node("")) and body(occ)[0] == lead and len(body(occ)) == 3
    other = "<aside><p>Une autre boîte qui parle d'autre chose que du texte de la page.</p></aside>"
    assert "summary" not in node(other).fields
    assert "summary" not in node("<aside><p>Le dispositif, co-construit</p></aside>").fields


def test_the_fact_list_reads_the_menu_on_a_page_with_no_main_or_node_markup():
    """The menu is read before any region: reading the page as a theme's content (no <main>,
    no node) takes the navigation out of the tree, and the list's terms were then nobody's."""
    terms = (
        "<span><a href='/retours-sur-les-formations'>Retours sur les formations</a>"
        "<a href='/alimentation-circuits-courts'>Alimentation, circuits courts</a></span>"
    )
    facts = f"<ul><li><span>Autres</span></li><li><span>Non</span></li><li>{terms}</li></ul>"
    date = "<div><time datetime='2019-08-26'>26 août 2019</time> · 10 min de lecture</div>"
    html = (
        "<html><head><title>Une journée | RTES</title></head><body>"
        f"<header>{MENU}</header><div><div>{TITLE}{date}{facts}<div>{BODY}</div></div></div>"
        "</body></html>"
    )
    [occ] = occurrences_from_html(html, f"{BASE}/points-de-reperess-n-1-reemploi", "detail")
    assert occ.kind == "resource" and occ.fields["resource_type"] == "Autres"
    assert occ.fields["categories"] == IN_MENU and "- Non" not in body(occ)


def test_an_icon_list_of_a_privacy_and_the_menus_terms_is_those_fields():
    terms = (
        "<span><a href='/retours-sur-les-formations'>Retours sur les formations</a>"
        "<a href='/alimentation-circuits-courts'>Alimentation, circuits courts</a></span>"
    )
    occ = one(TITLE + f"<ul><li><span>Oui</span></li><li>{terms}</li></ul>" + BODY)
    assert occ.kind == "resource" and occ.fields["is_private"] is True
    assert occ.fields["categories"] == IN_MENU and "- Oui" not in body(occ)
    # a privacy beside a link to another page, or two privacies, are the text's
    other = "<span><a href='/une-autre-page'>Une autre page</a></span>"
    occ = one(TITLE + f"<ul><li><span>Oui</span></li><li>{other}</li></ul>" + BODY)
    assert "is_private" not in occ.fields and "- Oui" in body(occ)
    occ = one(TITLE + "<ul><li>Oui</li><li>Non</li></ul>" + BODY)
    assert "is_private" not in occ.fields and "- Non" in body(occ)
