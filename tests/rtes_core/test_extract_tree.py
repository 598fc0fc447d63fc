"""rtes_core.extract on lxml's tree: the text model the rules rely on, kept from the old parser.

Text inside scripts, styles, templates and ruby annotations is no page text; the text after an
element taken out (a date line, a label) stays in place; a run of indentation counts as one
space when a label's length is judged; a repeated identical rendering of a node is one item;
pages that are empty or open with an XML declaration parse without error.
"""

from rtes_core.extract import occurrences_from_html

SITE = "https://www.rtes.fr"


def d8_page(body_html: str) -> str:
    return f"""<html><head><link rel="shortlink" href="/node/5"></head><body>
    <h1 class="page-title">Titre</h1>
    <article data-history-node-id="5" class="node">
      <div class="field field--name-body field__item">{body_html}</div>
      <div class="field field--name-field-type-de-ressource">
        <div class="field__label">Type de ressource</div><div class="field__item">Guide</div>
      </div>
    </article></body></html>"""


def body(body_html: str) -> list[str]:
    [occ] = occurrences_from_html(d8_page(body_html), f"{SITE}/titre", "detail")
    return occ.body_blocks


def test_template_text_is_no_page_text_but_the_text_after_it_is():
    assert body("<div>Avant <template><p>Modèle caché</p></template>après</div>") == ["Avant après"]


def test_ruby_annotation_is_no_page_text():
    assert body("<p>Écrit en <ruby>漢字<rt>kanji</rt></ruby> ici</p>") == ["Écrit en 漢字 ici"]


def test_style_inside_the_body_is_no_page_text():
    assert body("<p>Texte</p><style>p { color: red }</style><p>Suite</p>") == ["Texte", "Suite"]


def test_text_after_a_removed_date_element_stays_in_its_paragraph():
    assert body('<p>Un <span class="date">12/05/2016</span>deux</p>') == ["Un deux"]


def test_comment_between_words_is_nothing():
    assert body("<p>Un<!-- note -->deux</p><p>trois</p>") == ["Undeux", "trois"]


INDENT = " " * 40


def labels_page(fields_html: str) -> str:
    return f"""<html><body><article class="node"><h1>Titre</h1>
      <p>Corps du texte.</p>{fields_html}</article></body></html>"""


def test_a_label_split_by_indentation_is_still_a_label():
    html = labels_page(
        f"<div><div><span>Type de</span>{INDENT}\n{INDENT}<span>ressource</span></div>"
        "<div>Guide</div></div>"
    )
    [occ] = occurrences_from_html(html, f"{SITE}/titre", "detail")
    assert occ.method == "labels"
    assert occ.fields == {"resource_type": "Guide"}
    assert occ.body_blocks == ["Corps du texte."]


def test_a_label_element_holding_a_sentence_is_no_label():
    html = labels_page(
        "<div><div>Type de ressource de ce document très utile</div><div>Guide</div></div>"
    )
    [occ] = occurrences_from_html(html, f"{SITE}/titre", "detail")
    assert "resource_type" not in occ.fields
    assert "Type de ressource de ce document très utile" in occ.body_blocks


def row(n: int, title: str) -> str:
    return f"""<div class="views-row"><article class="node" data-history-node-id="{n}">
      <h2 class="node__title"><a href="/r{n}">{title}</a></h2>
      <div class="field field--name-body"><p>Corps de {title}.</p></div>
      <div class="field field--name-field-type-de-ressource">
        <div class="field__label">Type de ressource</div><div class="field__item">Guide</div>
      </div></article></div>"""


def listing(rows: str) -> str:
    return f"<html><body><h1>Ressources</h1><div class='view-content'>{rows}</div></body></html>"


def test_a_node_rendered_twice_identically_is_one_listing_item():
    found = occurrences_from_html(
        listing(row(1, "Un") + "\n" + row(1, "Un")), f"{SITE}/ressources", "listing"
    )
    assert [o.title for o in found] == ["Un"]


def test_two_different_nodes_are_two_listing_items():
    found = occurrences_from_html(
        listing(row(1, "Un") + row(2, "Deux")), f"{SITE}/ressources", "listing"
    )
    assert [o.title for o in found] == ["Un", "Deux"]
    assert [o.body_blocks for o in found] == [["Corps de Un."], ["Corps de Deux."]]


def test_a_page_opening_with_an_xml_declaration_is_read():
    html = '<?xml version="1.0" encoding="utf-8"?>' + d8_page("<p>Texte</p>")
    [occ] = occurrences_from_html(html, f"{SITE}/titre", "detail")
    assert occ.title == "Titre"
    assert occ.body_blocks == ["Texte"]


def test_empty_and_comment_only_pages_give_nothing_and_raise_nothing():
    for html in ("", "   ", "<!-- rien -->"):
        assert occurrences_from_html(html, f"{SITE}/vide", "detail") == []
        assert occurrences_from_html(html, f"{SITE}/vide", "listing") == []


def test_control_characters_are_dropped_and_the_text_kept() -> None:
    """lxml refuses C0 controls in a tree's strings (found by test_properties: a label followed
    by a backspace raised ValueError): they go before parsing, the text around them stays."""
    html = (
        "<html><body><article><h1>Titre\x08</h1><p>avant\x0capr\x00ès \x1fla fin</p>"
        "</article></body></html>"
    )
    (occ,) = occurrences_from_html(html, "https://www.rtes.fr/x", "detail")
    assert occ.title == "Titre"
    assert [b.text for b in occ.blocks if b.origin == "body"] == ["avant après la fin"]
    label_then_backspace = '<div class="field__label">Résumé</div>\x08'
    assert occurrences_from_html(label_then_backspace, "https://www.rtes.fr/x", "detail")


def test_a_pages_own_charset_declaration_does_not_redecode_the_text_already_decoded():
    # the crawl decoded the page; a stale meta charset must not turn "é’" into mojibake
    html = d8_page("<p>Été 2021 : l’économie solidaire</p>").replace(
        "<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    )
    [occ] = occurrences_from_html(html, f"{SITE}/titre", "detail")
    assert occ.body_blocks == ["Été 2021 : l’économie solidaire"]


def test_a_lone_surrogate_in_the_text_parses_without_error():
    assert body("<p>Texte \ud800 suite</p>") == ["Texte ? suite"]
