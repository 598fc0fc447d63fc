"""Markups of Drupal 7, documentation sites (MkDocs Material), institutional portals and Bulma
themes that the product meets nowhere else, each construct alone in a markup of this file's
own: RDFa marks of a node's author, a share-button box, a label table's header row, a term
field over its links, page tools beside the text, a tag label the site uses."""

from __future__ import annotations

from rtes_core.extract import occurrences_from_html
from tests.rtes_core.test_bootstrap_markup import BASE, BODY, texts
from tests.rtes_core.test_cms_family_markup import DATE, TITLE, one, page, plain_body


def test_a_drupal7_author_about_attribute_is_not_the_nodes_path():
    submitted = (
        '<div class="submitted">Soumis par <span class="username" about="/user/1"'
        ' typeof="sioc:UserAccount" property="foaf:name">admin</span> le jeu, 23/02/2012 - 17:25'
        "</div>"
    )
    html = page(f'<div class="node">{TITLE}{submitted}{BODY}</div>').replace(
        "<head>", '<head><link rel="canonical" href="/une-journee">'
    )
    [occ] = occurrences_from_html(html, f"{BASE}/une-journee", "detail")
    assert occ.path == "/une-journee"
    # the node's own about still names it
    typed = html.replace('<div class="node">', '<div class="node" about="/une-journee-0">')
    [occ] = occurrences_from_html(typed, f"{BASE}/une-journee", "detail")
    assert occ.path == "/une-journee-0"


def test_a_share_button_box_is_no_text_and_a_link_to_a_network_in_a_sentence_stays():
    share = (
        '<div class="service-links"><h2 class="element-invisible">Partager</h2><ul class="links">'
        '<li><a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a></li>'
        '<li><a href="https://www.linkedin.com/shareArticle?url=x">LinkedIn</a></li>'
        '<li><a href="mailto:?subject=RTES">E-mail</a></li></ul></div>'
    )
    occ = one(page(f"<div>{TITLE}{DATE}{BODY}{share}</div>"))
    assert texts(occ, "body", "trailing") == plain_body()
    sentence = (
        '<p>Suivez le réseau sur <a href="https://www.facebook.com/RTES">sa page Facebook</a>'
        " et sur LinkedIn.</p>"
    )
    occ = one(page(f"<div>{TITLE}{DATE}{BODY}{sentence}</div>"))
    assert texts(occ, "body")[-1] == "Suivez le réseau sur sa page Facebook et sur LinkedIn."


def test_a_label_tables_header_row_of_column_names_is_no_text():
    table = (
        "<table><thead><tr><th>Champ</th><th>Valeur</th></tr></thead><tbody>"
        "<tr><td>Type de ressource</td><td>Autres</td></tr>"
        "<tr><td>Ressource privée</td><td>Non</td></tr></tbody></table>"
    )
    occ = one(page(f"<div>{TITLE}{DATE}{BODY}{table}</div>"))
    assert (occ.fields["resource_type"], occ.fields["is_private"]) == ("Autres", False)
    assert "Champ" not in " ".join(texts(occ, "body", "trailing", "field"))
    assert texts(occ, "body", "trailing") == plain_body()


def test_a_drupal7_term_field_above_its_links_gives_the_terms_without_the_label():
    terms = (
        '<div class="field field-name-field-tags field-type-taxonomy-term-reference'
        ' field-label-above"><h3 class="field-label">Mots-clés: </h3><ul class="links inline">'
        '<li><a href="/taxonomy/term/42">SCIC</a></li><li><a href="/taxonomy/term/43">PTCE</a>'
        "</li></ul></div>"
    )
    occ = one(page(f'<div class="node">{TITLE}{DATE}{terms}{BODY}</div>'))
    assert occ.tags == ["SCIC", "PTCE"]
    assert texts(occ, "body") == plain_body()


def test_the_nodes_print_link_is_no_tag():
    links = (
        '<ul class="links inline"><li class="print_html"><a href="/print/1004" rel="nofollow">'
        "Version imprimable</a></li></ul>"
    )
    fields = "<p><strong>Type de ressource :</strong> Autres</p>"
    occ = one(page(f"<div>{TITLE}{DATE}{BODY}{links}{fields}</div>"))
    assert occ.tags == []
    assert occ.fields["resource_type"] == "Autres"


def test_sujets_labels_a_tag_line():
    line = '<p class="tags">Sujets : <a rel="tag" href="/taxonomy/term/42">SCIC</a></p>'
    occ = one(page(f"<div>{TITLE}{DATE}{line}{BODY}</div>"))
    assert occ.tags == ["SCIC"]
    assert texts(occ, "body") == plain_body()


def test_a_classless_share_list_with_a_print_tool_is_no_text_and_a_contact_mail_stays():
    # no class names a box: its links (share endpoints and a javascript: print tool) do
    share = (
        "<div><p>Partager cette page</p><ul>"
        '<li><a href="https://www.facebook.com/sharer/sharer.php">Facebook</a></li>'
        '<li><a href="https://www.linkedin.com/sharing/share-offsite/">LinkedIn</a></li>'
        '<li><a href="mailto:?subject=RTES">Courriel</a></li>'
        '<li><a href="javascript:window.print()">Imprimer</a></li></ul></div>'
    )
    occ = one(page(f"<div>{TITLE}{DATE}{BODY}{share}</div>"))
    assert texts(occ, "body", "trailing") == plain_body()
    contact = (
        '<div><p><a href="mailto:contact@rtes.fr">contact@rtes.fr</a></p><ul>'
        '<li><a href="https://www.facebook.com/sharer/sharer.php">Facebook</a></li></ul></div>'
    )
    occ = one(page(f"<div>{TITLE}{DATE}{BODY}{contact}</div>"))
    assert texts(occ, "body", "trailing")[-1] == "contact@rtes.fr"


def test_a_classless_submitted_line_and_post_footer_are_no_text():
    # Drupal 7's submitted line and Blogger's post footer, written where the text ends
    for stamp in (
        "<p>Soumis par admin le lun, 22/04/2013 - 08:20</p>",
        "<div>Publié par <span>Rédaction RTES</span> à <a href='/une-journee'>15:05</a>"
        " <span>Aucun commentaire:</span></div>",
    ):
        occ = one(page(f"<div>{TITLE}{DATE}{BODY}{stamp}</div>"))
        assert texts(occ, "body", "trailing") == plain_body(), stamp


def banded_page(top: str = "", column: str = "") -> str:
    """A page whose title stands in a band above the text's column (no class anywhere): the
    content is read from the page itself, so what the page shows around the text is read too."""
    nav = '<nav><ul><li><a href="/">Accueil</a></li><li><a href="/le-reseau">Réseau</a></li></ul></nav>'
    return (
        "<html><head><title>Une journée | RTES</title></head><body>"
        f"{top}{nav}<div><div>{TITLE}{DATE}</div></div>"
        f"<div><div><div>{BODY}</div>{column}</div></div><footer><p>RTES</p></footer></body></html>"
    )


def test_a_classless_share_box_with_a_print_button_is_no_text():
    share = (
        '<div><a href="https://www.facebook.com/sharer/sharer.php">Partager sur Facebook</a>'
        '<a href="https://x.com/intent/tweet">Partager sur X</a>'
        '<button onclick="window.print()">Imprimer cette page</button></div>'
    )
    occ = one(banded_page(column=share))
    assert texts(occ, "body", "trailing") == plain_body()


def test_a_skip_link_without_its_class_is_neither_tag_nor_text():
    occ = one(banded_page(top='<a href="#contenu">Aller au contenu</a>'))
    assert occ.tags == [] and texts(occ, "body", "trailing") == plain_body()
    # an anchor link inside the text is the text's
    inner = '<p>Le programme : <a href="#programme">aller au programme</a> de la journée.</p>'
    occ = one(page(f"<div>{TITLE}{DATE}{BODY}{inner}</div>"))
    assert texts(occ, "body", "trailing")[-1] == "Le programme : aller au programme de la journée."
