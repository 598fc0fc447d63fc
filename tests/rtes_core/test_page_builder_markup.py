"""Markups of page builders and other CMSs (Elementor, Divi, Plone, TYPO3, Hugo) that the product
meets nowhere else, each construct alone in a markup of this file's own."""

from __future__ import annotations

import pytest

from pipeline.clean.furniture import is_boilerplate, noise_reason
from rtes_core.dates import is_post_meta
from rtes_core.extract import occurrences_from_html
from tests.rtes_core.test_bootstrap_markup import BASE, BODY, texts

TITLE = "<h1>Une journée d'échanges</h1>"
DATE = "<p>09/06/2021</p>"


def page(content: str) -> str:
    return (
        "<html><head><title>Une journée | RTES</title></head><body>"
        f'<div id="page"><main class="site-main">{content}</main></div></body></html>'
    )


def one(html: str):
    [occ] = occurrences_from_html(html, f"{BASE}/une-journee", "detail")
    return occ


def test_a_headings_permalink_anchor_and_a_footnotes_back_link_are_no_text():
    body = (
        '<h2 id="contexte">Contexte <a class="anchor" href="#contexte">#</a></h2>'
        f'{BODY}<p>Une note importante.<sup><a href="#fn1">1</a></sup></p>'
        '<ol class="footnotes"><li id="fn1"><p>La source de la note. <a href="#ref1">↩︎</a>'
        "</p></li></ol>"
    )
    body_texts = texts(one(page(TITLE + DATE + body)), "body", "trailing")
    assert body_texts[0] == "Contexte"
    assert body_texts[-1] == "- La source de la note."  # the note stays text, its arrow goes


def test_a_fragment_link_is_no_other_page():
    items = "".join(
        f'<h2><a href="#s{n}">Section {n}</a></h2><p>1{n}/05/2020</p>' for n in range(3)
    )
    occ = one(page(TITLE + DATE + BODY + items))
    assert occ.page_class != "listing" and len(texts(occ, "body", "trailing")) >= 3


@pytest.mark.parametrize(
    "line", ["Pas de commentaires", "9 juin 2021 / Rédaction RTES / Pas de commentaires"]
)
def test_a_comment_count_is_post_meta(line):
    assert is_post_meta(line)


@pytest.mark.parametrize(
    "text", ["Partager : Facebook LinkedIn", "Partager sur Facebook", "Télécharger le document"]
)
def test_share_lines_and_a_bare_download_button_are_boilerplate(text):
    assert is_boilerplate(text)


def test_a_share_line_of_links_is_no_tag():
    share = '<div class="share"><span>Partager :</span> <a href="https://fb.com">Facebook</a></div>'
    assert one(page(TITLE + DATE + BODY + share)).tags == []


def test_short_labels_count_with_their_colon_only():
    fields = (
        '<ul class="post-meta"><li><strong>Type :</strong> Autres</li>'
        "<li><strong>Privée :</strong> Non</li></ul>"
    )
    occ = one(page(TITLE + DATE + fields + BODY))
    assert occ.fields["resource_type"] == "Autres" and occ.fields["is_private"] is False
    table = (
        "<table><tr><th>Type</th><th>Date</th></tr><tr><td>Atelier</td><td>Lundi</td></tr></table>"
    )
    assert "resource_type" not in one(page(TITLE + DATE + BODY + table)).fields


def test_other_names_of_the_fields_are_labels():
    fields = (
        "<h3>En bref</h3><p>Une journée résumée en une phrase.</p>"
        '<h3>Fichiers</h3><p><a href="/sites/default/files/prog.pdf">Programme</a></p>'
    )
    occ = one(page(TITLE + DATE + BODY + fields))
    assert occ.fields["summary"] == "Une journée résumée en une phrase."
    assert occ.fields["documents"][0]["title"] == "Programme"


def test_fields_in_a_portlet_beside_the_text_are_the_items_fields():
    portlet = (
        '<aside class="portlet"><header class="portletHeader">Informations</header><ul>'
        '<li><span class="label">Catégorie</span> <span class="value"><a href="/alim" '
        'rel="category tag">Alimentation</a></span></li>'
        '<li><span class="label">Type de ressource</span> <span class="value">Autres</span></li>'
        "</ul></aside>"
    )
    html = page(
        f'<div class="row"><div class="col-main">{TITLE}{DATE}<div>{BODY}</div></div>'
        f'<div class="col-side">{portlet}</div></div>'
    )
    occ = one(html)
    assert occ.fields["categories"] == ["Alimentation"]  # rel="category tag": a category
    assert occ.fields["resource_type"] == "Autres" and occ.tags == []
    assert len(texts(occ, "body", "trailing")) == 2


def test_a_sidebar_of_links_beside_the_text_stays_out():
    side = '<aside class="sidebar"><h3>À lire</h3><ul><li><a href="/a">A</a></li></ul></aside>'
    html = page(
        f'<div class="row"><div class="col-main">{TITLE}{DATE}<div>{BODY}</div></div>'
        f'<div class="col-side">{side}</div></div>'
    )
    assert len(texts(one(html), "body", "trailing")) == 2


def test_a_section_header_of_one_heading_is_text_not_chrome():
    section = "<div class='frame'><header><h2>Contexte</h2></header><div class='ce-bodytext'>"
    occ = one(page(TITLE + DATE + section + BODY + "</div></div>"))
    assert texts(occ, "body", "trailing")[0] == "Contexte"


def test_a_news_list_whose_items_hold_a_linked_heading_of_their_own_splits_at_the_titles():
    items = "".join(
        f'<div class="news-item"><div class="header"><h3><a href="/autre-{n}">Autre {n}</a></h3>'
        f"</div><p>1{n}/05/2020</p><p>Le texte entier de l'autre page {n}.</p>"
        + (f'<h3><a href="/voir-{n}">Voir aussi {n}</a></h3>' if n == 1 else "")
        + "</div>"
        for n in range(3)
    )
    found = occurrences_from_html(page("<h1>Alimentation</h1>" + items), f"{BASE}/alim", "listing")
    assert [o.path for o in found] == ["/autre-0", "/autre-1", "/autre-2"]


def test_a_heading_linking_a_file_is_no_listed_item():
    items = "".join(
        f'<h2><a href="/autre-{n}">Autre {n}</a></h2><p>1{n}/05/2020</p><p>Le texte de {n}.</p>'
        f'<h3><a href="/sites/default/files/{n}.pdf">Annexe {n}</a></h3>'
        for n in range(2)
    )
    found = occurrences_from_html(page("<h1>Alimentation</h1>" + items), f"{BASE}/alim", "listing")
    assert [o.path for o in found] == ["/autre-0", "/autre-1"]


def test_a_credit_set_as_a_list_item_is_a_photo_credit():
    assert noise_reason("- Photo : RTES") == "photo_credit"


def test_a_box_title_just_before_the_fields_is_no_tag_but_a_term_line_is():
    fields = "<p><strong>Type de ressource :</strong> Autres</p>"
    box = f"<div><header>Informations</header>{fields}</div>"  # inside a node: no chrome pass
    boxed = one(page(f'<article class="node">{TITLE}{DATE}{BODY}{box}</article>'))
    assert boxed.tags == [] and boxed.fields["resource_type"] == "Autres"
    assert "Informations" not in texts(boxed, "body", "trailing") and texts(boxed, "body")
    assert "Informations" in texts(boxed, "field")  # a field block's part, in the audit trail
    tagged = one(page(f'<article class="node">{TITLE}{DATE}{BODY}<p>PTCE</p>{fields}</article>'))
    assert tagged.tags == ["PTCE"]


def test_a_long_heading_just_before_the_fields_stays_text():
    fields = "<p><strong>Type de ressource :</strong> Autres</p>"
    last = "<h2>Les suites données à la journée par les partenaires</h2>"
    occ = one(page(f'<article class="node">{TITLE}{DATE}{BODY}{last}{fields}</article>'))
    assert (
        texts(occ, "body", "trailing")[-1] == "Les suites données à la journée par les partenaires"
    )


# A post's meta list whose "Catégorie" shows no value (the categories shown elsewhere).
EMPTY_CATEGORY = (
    '<ul class="post-meta"><li><strong>Catégorie :</strong> </li>'
    "<li><strong>Type :</strong> Autres</li></ul>"
)


def test_an_empty_label_gives_way_to_the_same_label_showing_a_value():
    table = (
        '<table><tr><th scope="row">Catégorie</th><td><a href="/alim">Alimentation</a></td></tr>'
        '<tr><th scope="row">Ressource privée</th><td>Non</td></tr></table>'
    )
    occ = one(page(TITLE + DATE + EMPTY_CATEGORY + BODY + table))
    assert occ.fields["categories"] == ["Alimentation"] and occ.fields["resource_type"] == "Autres"
    assert texts(occ, "body", "trailing") == texts(one(page(TITLE + DATE + BODY)), "body")


def test_an_empty_label_shown_twice_leaves_no_label_in_the_text():
    box = (
        '<ul><li><span class="label">Catégorie</span> <span class="value"></span></li>'
        '<li><span class="label">Ressource privée</span> <span class="value">Non</span></li></ul>'
    )
    occ = one(page(TITLE + DATE + EMPTY_CATEGORY + BODY + box))
    assert occ.fields["categories"] == []
    assert all("Catégorie" not in t for t in texts(occ, "body", "trailing"))


def test_a_documents_heading_holds_a_title_widget_and_a_button_widget_per_document():
    def widgets(n: int) -> str:
        href = f"/sites/default/files/doc-{n}.pdf"
        return (
            f'<div class="widget widget-heading"><h3><a href="{href}">Document {n}</a></h3></div>'
            f'<div class="widget widget-button"><a class="button" href="{href}">'
            "<span>Télécharger le document</span></a></div>"
        )

    documents = '<div class="widget widget-heading"><h3>Documents</h3></div>'
    occ = one(page(TITLE + DATE + BODY + documents + "".join(widgets(n) for n in range(3))))
    assert [d["title"] for d in occ.fields["documents"]] == [
        "Document 0",
        "Document 1",
        "Document 2",
    ]
    assert all("Document" not in t for t in texts(occ, "body", "trailing"))


def test_text_after_the_files_that_links_a_file_is_no_document():
    documents = (
        '<h3>Documents</h3><p><a href="/sites/default/files/a.pdf">Programme</a></p>'
        '<p>Le compte rendu complet, <a href="/sites/default/files/b.pdf">ici</a>, suivra.</p>'
    )
    occ = one(page(TITLE + DATE + BODY + documents))
    assert [d["title"] for d in occ.fields["documents"]] == ["Programme"]
    assert texts(occ, "body", "trailing")[-1] == "Le compte rendu complet, ici, suivra."


def test_a_tag_line_labelled_in_an_element_around_its_terms_goes_whole():
    keywords = (
        '<div class="keywords"><span>Catégories :</span> <span class="links">'
        '<a href="/taxonomy/term/44" rel="tag">Tiers-lieux</a></span></div>'
        '<div class="share"><span>Partager :</span> <a href="https://fb.com">Facebook</a></div>'
    )
    occ = one(page(TITLE + DATE + BODY + keywords))
    assert occ.tags == ["Tiers-lieux"] and "categories" not in occ.fields
    assert all("Catégories" not in t for t in texts(occ, "body", "trailing", "field"))


def test_a_cms_description_above_the_text_is_the_summary_not_the_body():
    description = '<div class="documentDescription">Le premier paragraphe, en résumé.</div>'
    fields = "<ul><li><strong>Type de ressource :</strong> Autres</li></ul>"
    occ = one(page(TITLE + DATE + description + fields + BODY))
    assert occ.fields["summary"] == "Le premier paragraphe, en résumé."
    assert texts(occ, "body", "trailing") == texts(one(page(TITLE + DATE + BODY)), "body")


def test_a_description_alone_is_the_text_of_a_page_showing_no_field():
    description = '<div class="documentDescription">Le premier paragraphe, en résumé.</div>'
    occ = one(page(TITLE + DATE + description + BODY))
    assert "summary" not in occ.fields
    assert texts(occ, "body", "trailing")[0] == "Le premier paragraphe, en résumé."


LEAD = (
    "Une journée d'échanges entre élus et techniciens sur les achats responsables, "
    "ses ateliers et ce que chacun en retient."
)


def test_a_standfirst_in_the_titles_header_with_no_class_is_the_summary_not_the_body():
    header = (
        f"<header>{TITLE}<div><p>Mis en ligne le 9 juin 2021</p></div><div>{LEAD}</div></header>"
    )
    fields = "<div><h4>Type de ressource</h4><div>Autres</div></div>"
    occ = one(page(f"<article>{header}{BODY}{fields}</article>"))
    assert occ.fields["summary"] == LEAD and occ.published_date.isoformat() == "2021-06-09"
    assert texts(occ, "body", "trailing") == texts(one(page(TITLE + DATE + BODY)), "body")


def test_a_short_line_in_the_titles_header_is_no_standfirst():
    header = f"<header>{TITLE}<div>Une journée à Lyon.</div></header>"
    fields = "<div><h4>Type de ressource</h4><div>Autres</div></div>"
    occ = one(page(f"<article>{header}{BODY}{fields}</article>"))
    assert "summary" not in occ.fields and occ.fields["resource_type"] == "Autres"


def test_a_member_notice_in_the_titles_header_is_no_standfirst():
    notice = (
        "<div><p>Cette ressource est réservée aux collectivités adhérentes. "
        '<a href="/user/login">Connectez-vous</a> pour y accéder.</p></div>'
    )
    fields = "<div><h4>Type de ressource</h4><div>Autres</div></div>"
    occ = one(page(f"<article><header>{TITLE}{notice}</header>{fields}</article>"))
    assert "summary" not in occ.fields and occ.fields["resource_type"] == "Autres"
    # the standfirst after it is still the summary
    header = f"<header>{TITLE}{notice}<div>{LEAD}</div></header>"
    occ = one(page(f"<article>{header}{BODY}{fields}</article>"))
    assert occ.fields["summary"] == LEAD


def test_a_bare_list_of_a_type_and_a_privacy_is_those_fields_not_the_body():
    facts = "<ul><li><svg></svg><span>Ressources RTES</span></li><li><span>Non</span></li></ul>"
    occ = one(page(f"<div>{TITLE}{DATE}{facts}{BODY}</div>"))
    assert occ.fields["resource_type"] == "Ressources RTES" and occ.fields["is_private"] is False
    assert occ.kind == "resource"
    assert texts(occ, "body", "trailing") == texts(one(page(TITLE + DATE + BODY)), "body")
    # a list of two other short lines is the text's
    other = "<ul><li>Autres temps</li><li>Non</li></ul>"
    occ = one(page(f"<div>{TITLE}{DATE}{other}{BODY}</div>"))
    assert "resource_type" not in occ.fields and "- Autres temps" in texts(occ, "body")
    # the same list in a card of another page is that page's
    card = f'<div><h3><a href="/une-autre">Une autre journée</a></h3>{facts}</div>'
    occ = one(page(f"<div>{TITLE}{DATE}{BODY}{card}</div>"))
    assert "resource_type" not in occ.fields


def test_a_long_paragraph_after_the_header_is_the_body_not_the_summary():
    fields = "<div><h4>Type de ressource</h4><div>Autres</div></div>"
    occ = one(page(f"<article><header>{TITLE}</header><p>{LEAD}</p>{BODY}{fields}</article>"))
    assert "summary" not in occ.fields and texts(occ, "body")[0] == LEAD


def test_two_columns_showing_fields_beside_the_pages_title_are_no_listing():
    def widget(html: str) -> str:
        return f'<div class="widget">{html}</div>'

    byline = '<p>par <a href="/author/redaction">Rédaction RTES</a> — publié le 09/06/2021</p>'
    text = "".join(
        map(widget, [TITLE, byline, "<h3>Résumé</h3>", "<p>Une journée en une phrase.</p>", BODY])
    )
    fields = (
        '<ul><li>Catégorie : <a href="/alim" rel="category tag">Alimentation</a></li>'
        "<li>Type de ressource : Autres</li></ul>"
    )
    columns = (
        f'<section><div class="container"><div class="column col-main">{text}</div>'
        f'<div class="column col-side">{fields}</div></div></section>'
    )
    [occ] = occurrences_from_html(page(columns), f"{BASE}/une-journee", "detail")
    assert occ.page_class == "resource" and occ.path == "/une-journee"
    assert occ.fields["categories"] == ["Alimentation"] and occ.fields["summary"]


def test_a_resume_headings_widget_in_the_column_of_the_text_holds_only_its_value():
    def widget(html: str) -> str:
        return f'<div class="widget">{html}</div>'

    body = "".join(f"<p>Le paragraphe {n} du corps, assez long pour compter.</p>" for n in range(8))
    text = widget("<h3>Résumé</h3>") + widget("<p>Une journée en une phrase.</p>")
    fields = "<ul><li>Type de ressource : Autres</li><li>Ressource privée : Non</li></ul>"
    html = page(
        f"<section>{TITLE}{DATE}</section><section><div class='container'>"
        f'<div class="column main">{text}<div class="module">{body}</div></div>'
        f'<div class="column side">{fields}</div></div></section>'
    )
    occ = one(html)
    assert occ.fields["summary"] == "Une journée en une phrase."
    assert texts(occ, "body", "trailing") == [
        f"Le paragraphe {n} du corps, assez long pour compter." for n in range(8)
    ]


def test_a_short_text_copying_the_resume_in_its_column_is_no_part_of_it():
    def widget(html: str) -> str:
        return f'<div class="widget">{html}</div>'

    lead = "<p>Le premier paragraphe du corps rappelle le contexte de la journée d'échanges.</p>"
    text = widget("<h3>Résumé</h3>") + widget(lead)
    fields = "<ul><li>Type de ressource : Autres</li><li>Ressource privée : Non</li></ul>"
    html = page(
        f"<section>{TITLE}{DATE}</section><section><div class='container'>"
        f'<div class="column main">{text}<div class="module">{BODY}</div></div>'
        f'<div class="column side">{fields}</div></div></section>'
    )
    occ = one(html)
    assert occ.fields["summary"] == texts(one(page(TITLE + DATE + BODY)), "body")[0]
    assert texts(occ, "body", "trailing") == texts(one(page(TITLE + DATE + BODY)), "body")


def test_a_node_showing_a_resume_alone_takes_the_field_column_beside_it():
    node = f"<article>{TITLE}{DATE}<h3>Résumé</h3><p>Une journée en une phrase.</p>{BODY}</article>"
    fields = (
        '<ul><li>Catégorie : <a href="/alim" rel="category tag">Alimentation</a></li>'
        "<li>Type de ressource : Autres</li><li>Ressource privée : Non</li></ul>"
    )
    html = page(f'<div class="row"><div class="col-main">{node}</div><aside>{fields}</aside></div>')
    occ = one(html)
    assert occ.fields["summary"] == "Une journée en une phrase."
    assert occ.fields["resource_type"] == "Autres" and occ.fields["categories"] == ["Alimentation"]
    assert texts(occ, "body", "trailing") == texts(one(page(TITLE + DATE + BODY)), "body")


def test_a_lone_listed_item_whose_text_leads_with_date_and_byline_links_is_one_item():
    meta = (
        '<ul class="post-info"><li><a href="/2012/01/15/">15 janvier 2012</a></li>'
        '<li><a href="/author/redaction">Rédaction RTES</a></li></ul>'
    )
    item = (
        '<ul class="post-list"><li class="post-entry"><time datetime="2012-01-15">15 janvier 2012'
        '</time> <a class="post-entry-title" href="/autre-page">Une autre page</a>'
        f'<div class="post-entry-content">{meta}{BODY}</div></li></ul>'
    )
    html = page(f"<header><h1>Alimentation</h1></header>{item}")
    found = occurrences_from_html(html, f"{BASE}/alim?page=2", "listing")
    assert [o.path for o in found] == ["/autre-page"]


def test_widgets_of_a_page_each_linking_in_their_text_are_no_listing():
    def widget(html: str) -> str:
        return f'<div class="widget">{html}</div>'

    widgets = [
        TITLE,
        '<p><a href="/2021/06/09/">9 juin 2021</a> · <a href="/author/redaction">Rédaction</a></p>',
        BODY + '<p>Voir aussi : <a href="/node/1009">Une autre page</a>.</p>',
        '<p>Catégories : <a href="/taxonomy/term/44">PTCE</a></p>',
    ]
    [occ] = occurrences_from_html(
        page("".join(map(widget, widgets))), f"{BASE}/une-journee", "detail"
    )
    assert occ.page_class != "listing" and occ.path == "/une-journee"
    assert texts(occ, "body", "trailing")[:2] == texts(one(page(TITLE + DATE + BODY)), "body")


@pytest.mark.parametrize("node_class", ["node node--type-ressource", "entry"])
def test_a_column_of_files_beside_the_text_gives_the_documents(node_class):
    fields = "<p><strong>Type de ressource</strong> Autres</p><p><strong>Résumé</strong> Une journée.</p>"
    node = f'<article class="{node_class}">{TITLE}{DATE}{BODY}{fields}</article>'
    files = (
        '<div class="box"><h4>Fichiers</h4><ul><li><a href="/system/files/2021-02/synthese.pdf">'
        "Synthèse des échanges</a> — Document PDF, 1090 Ko</li></ul></div>"
    )
    html = page(
        f'<div class="row"><div class="col-8">{node}</div><div class="col-4">{files}</div></div>'
    )
    occ = one(html)
    assert occ.fields["documents"] == [
        {"title": "Synthèse des échanges", "url": f"{BASE}/system/files/2021-02/synthese.pdf"}
    ]
    assert texts(occ, "body", "trailing") == texts(one(page(TITLE + DATE + BODY)), "body")


def test_a_resume_widget_in_a_column_of_widgets_holds_only_its_value_widget():
    def widget(html: str) -> str:
        return f'<div class="widget"><div class="widget-inner">{html}</div></div>'

    notice = (
        '<div class="alert" role="alert"><p>Cette ressource est réservée aux collectivités '
        'adhérentes. <a href="/user/login">Connectez-vous</a> pour y accéder.</p></div>'
    )
    share = '<div class="share-bar"><span>Partager :</span> <a href="#">Facebook</a></div>'
    column = (
        widget("<h3>Résumé</h3>") + widget("<p>Une journée en une phrase.</p>") + notice + share
    )
    fields = "<ul><li>Type de ressource : Autres</li><li>Ressource privée : Oui</li></ul>"
    html = page(
        f'<section>{TITLE}{DATE}</section><div class="row"><div class="col-main">{column}</div>'
        f'<div class="col-side">{fields}</div></div>'
    )
    occ = one(html)
    assert occ.fields["summary"] == "Une journée en une phrase."
    assert occ.fields["is_private"] is True
    assert texts(occ, "trailing")[0].startswith("Cette ressource est réservée")


def test_two_columns_of_a_private_page_opening_with_labels_are_no_cards():
    column = (
        "<div><h3>Résumé</h3></div><div><p>Une journée en une phrase.</p></div>"
        '<div class="alert"><p>Cette ressource est réservée aux collectivités adhérentes. '
        '<a href="/user/login">Connectez-vous</a> pour y accéder.</p></div>'
    )
    fields = (
        '<ul><li>Catégorie : <a href="/alimentation" rel="category tag">Alimentation</a></li>'
        "<li>Type de ressource : Autres</li><li>Ressource privée : Oui</li></ul>"
    )
    html = page(
        f'<section>{TITLE}{DATE}</section><div class="row"><div class="col col-2-3">{column}</div>'
        f'<div class="col col-1-3">{fields}</div></div>'
    )
    [occ] = occurrences_from_html(html, f"{BASE}/une-journee", "detail")
    assert occ.path == "/une-journee" and occ.fields["categories"] == ["Alimentation"]
    assert occ.fields["summary"] == "Une journée en une phrase."


@pytest.mark.parametrize(
    "keywords",
    [
        '<div class="keywords"><span>Catégories :</span> <span class="link-category">'
        '<a href="/taxonomy/term/42" rel="tag">SCIC</a></span></div>',
        '<p class="tags-links">Mots-clés : <a href="/tag/scic" rel="tag">SCIC</a></p>',
    ],
)
def test_a_line_of_tags_just_after_the_node_is_its_tags_a_tag_cloud_beside_it_is_not(keywords):
    fields = "<p><strong>Type de ressource</strong> Autres</p>"
    node = f'<article class="node">{TITLE}{DATE}{BODY}{fields}</article>'
    cloud = '<aside><h3>Mots-clés</h3><a href="/taxonomy/term/7" rel="tag">PTCE</a></aside>'
    occ = one(page(f'<div class="row"><div class="col-8">{node}{keywords}</div>{cloud}</div>'))
    assert occ.tags == ["SCIC"]
    assert texts(occ, "body", "trailing") == texts(one(page(TITLE + DATE + BODY)), "body")
