"""Markups that differ from the mirror's first three themes in structure, not only in names
(the constructs of mirror/theme4.py, each alone): labels in table cells and definition terms
wrapped in bold, the colon set after a bold label, list-item listings, <br><br> bodies, a
listing page showing one item, a file name before the field block, fields written one line each
in one paragraph."""

from __future__ import annotations

import pytest

from rtes_core.extract import occurrences_from_html
from rtes_core.extract.body import looks_like_tag_line

BASE = "https://www.rtes.fr"
BODY = (
    "<p>Le premier paragraphe du corps rappelle le contexte de la journée d'échanges.</p>"
    "<p>Le second paragraphe du corps présente les intervenants et les ateliers.</p>"
)


def detail(fields: str, body: str = BODY) -> str:
    return (
        "<html><head><title>Une journée | RTES</title></head><body><div>"
        f"<h1>Une journée d'échanges</h1>{fields}{body}</div></body></html>"
    )


def read_detail(html: str):
    [occ] = occurrences_from_html(html, f"{BASE}/une-journee", "detail")
    return occ


def body_of(occ) -> list[str]:
    return [b.text for b in occ.blocks if b.origin in ("body", "trailing")]


FIELD_MARKUPS = {
    "bold label in a table cell": (
        "<table><tr><td><b>Documents</b></td><td></td></tr>"
        "<tr><td><b>Type de ressource</b></td><td>Autres</td></tr>"
        "<tr><td><b>Ressource privée</b></td><td>Non</td></tr>"
        "<tr><td><b>Résumé</b></td><td><p>Un résumé de la journée.</p></td></tr></table>"
    ),
    "strong label in a dt": (
        "<dl><dt><strong>Documents</strong></dt><dd></dd>"
        "<dt><strong>Type de ressource</strong></dt><dd>Autres</dd>"
        "<dt><strong>Ressource privée</strong></dt><dd>Non</dd>"
        "<dt><strong>Résumé</strong></dt><dd>Un résumé de la journée.</dd></dl>"
    ),
    "bold label alone in its paragraph": (
        "<p><strong>Type de ressource</strong></p><p>Autres</p>"
        "<p><strong>Ressource privée</strong></p><p>Non</p>"
        "<p><strong>Résumé</strong></p><p>Un résumé de la journée.</p>"
    ),
}


@pytest.mark.parametrize("markup", FIELD_MARKUPS)
def test_a_label_wrapped_in_bold_inside_its_cell_reads_the_next_cell(markup):
    occ = read_detail(detail(FIELD_MARKUPS[markup]))
    assert occ.fields["resource_type"] == "Autres"
    assert occ.fields["is_private"] is False
    assert occ.fields["summary"] == "Un résumé de la journée."
    body = body_of(occ)
    assert body[0].startswith("Le premier paragraphe") and len(body) == 2
    assert not {"Autres", "Non", "Un résumé de la journée."} & set(body)


def test_a_colon_after_the_bold_label_is_not_part_of_the_value():
    fields = (
        "<div><div><strong>Catégorie</strong> : </div>"
        "<div><strong>Type de ressource</strong> : Autres</div>"
        "<div><strong>Ressource privée</strong>&nbsp;: Oui</div>"
        "<div><strong>Résumé</strong> : Un résumé de la journée.</div></div>"
    )
    occ = read_detail(detail(fields))
    assert occ.fields["resource_type"] == "Autres"
    assert occ.fields["is_private"] is True
    assert occ.fields["summary"] == "Un résumé de la journée."
    assert occ.fields["categories"] == []  # the lone colon of an empty field is no category


LIST_ITEM_LISTING = """<html><head><title>Alimentation | RTES</title></head><body><div>
<h1>Alimentation, circuits courts</h1><ul>
<li><img src="/system/files/inline-images/a.jpg" alt="dfgh">
<div>Publié le 9 juin 2021 - mis à jour le 14 juin 2021</div>
<h3><a href="/cantines-bio">Des cantines bio et locales</a></h3>
<div><p>La commune a ouvert une légumerie solidaire pour ses cantines scolaires.</p></div></li>
<li><div>Publié le 17 mai 2024</div>
<h3><a href="/legumerie">Une légumerie solidaire</a></h3>
<div><p>Le département soutient une légumerie portée par une entreprise d'insertion.</p></div></li>
</ul></div></body></html>"""


def test_list_item_listing_items_keep_their_date_lines():
    found = occurrences_from_html(
        LIST_ITEM_LISTING, f"{BASE}/alimentation-circuits-courts", "listing"
    )
    assert [(o.path, o.kind) for o in found] == [
        ("/cantines-bio", "article"),
        ("/legumerie", "article"),
    ]
    first = found[0]
    assert (str(first.published_date), str(first.updated_date)) == ("2021-06-09", "2021-06-14")
    assert all(o.method != "fallback" for o in found)
    assert not any(b.text.startswith("- ") for o in found for b in o.blocks)


CONTACT = "Contact :<br>Isabelle Morel<br>contact@rtes.fr"


def test_double_breaks_end_paragraphs_and_single_ones_break_lines():
    body = (
        "<div>Le premier paragraphe du corps rappelle le contexte de la journée.<br><br>"
        f"{CONTACT}<br>&nbsp;<br>Le dernier paragraphe conclut la journée d'échanges.</div>"
    )
    assert body_of(read_detail(detail("", body))) == [
        "Le premier paragraphe du corps rappelle le contexte de la journée.",
        "Contact : Isabelle Morel contact@rtes.fr",
        "Le dernier paragraphe conclut la journée d'échanges.",
    ]


def test_single_breaks_alone_still_end_paragraphs():
    body = f"<div>Le premier paragraphe du corps rappelle le contexte.<br>{CONTACT}</div>"
    assert body_of(read_detail(detail("", body))) == [
        "Le premier paragraphe du corps rappelle le contexte.",
        "Contact :",
        "Isabelle Morel",
        "contact@rtes.fr",
    ]


def one_item_listing(item: str) -> str:
    return (
        "<html><head><title>Alimentation | RTES</title></head><body><div>"
        f"<h1>Alimentation, circuits courts</h1><div>{item}</div>"
        '<div>Pages : <a href="?page=0">1</a> 2</div></div></body></html>'
    )


def test_a_listing_page_showing_one_item_yields_it():
    item = (
        "<div>Publié le 17 mai 2024</div>"
        '<h3><a href="/legumerie">Une légumerie solidaire</a></h3>'
        "<p>Le département soutient une légumerie portée par une entreprise d'insertion.</p>"
    )
    url = f"{BASE}/alimentation-circuits-courts?page=1"
    [occ] = occurrences_from_html(one_item_listing(item), url, "listing")
    assert (occ.path, occ.kind, str(occ.published_date)) == ("/legumerie", "article", "2024-05-17")
    assert body_of(occ) == [
        "Le département soutient une légumerie portée par une entreprise d'insertion."
    ]


def test_a_lone_linked_heading_without_an_items_marks_is_no_item():
    item = (
        '<h3><a href="/agenda">Agenda du réseau</a></h3>'
        "<p>Les prochains rendez-vous du réseau, à retrouver chaque mois.</p>"
    )
    url = f"{BASE}/alimentation-circuits-courts?page=1"
    assert not [
        o
        for o in occurrences_from_html(one_item_listing(item), url, "listing")
        if o.path == "/agenda"
    ]


def test_a_file_name_before_the_fields_is_no_tag():
    assert not looks_like_tag_line("Programme journée.png")
    assert looks_like_tag_line("PTCE")
    body = (
        BODY
        + '<p><a href="/system/files/inline-images/programme.png">Programme journée.png</a></p>'
    )
    fields = "<table><tr><th>Type de ressource</th><td>Autres</td></tr></table>"
    occ = read_detail(detail("", body + fields))
    assert occ.tags == [] and occ.fields["resource_type"] == "Autres"


@pytest.mark.parametrize(
    "line", ["formation@rtes.fr", "www.rtes.fr", "https://www.rtes.fr/adherer", "03 20 00 00 00"]
)
def test_a_contact_line_before_the_fields_is_no_tag(line):
    assert not looks_like_tag_line(line)
    contact = f"<p>Contact :<br>Nathalie Blanchard<br>Chargée de mission<br>{line}</p>"
    fields = "<table><tr><th>Type de ressource</th><td>Autres</td></tr></table>"
    occ = read_detail(detail("", BODY + contact + fields))
    assert occ.tags == [] and occ.fields["resource_type"] == "Autres"
    assert line in " ".join(body_of(occ))  # the contact stays in the body


LABEL_LINES = {
    "bold label and colon, one line each": (
        "<p><strong>Type de ressource :</strong> Autres<br>"
        "<strong>Ressource privée :</strong> Non<br><strong>Résumé :</strong> Un résumé.</p>"
    ),
    "bold label above its value": (
        "<p><b>Type de ressource</b><br>Autres<br><b>Ressource privée</b><br>Non<br>"
        "<b>Résumé</b><br>Un résumé.</p>"
    ),
    "plain text lines": "<p>Type de ressource : Autres<br>Ressource privée : Non<br>Résumé : Un résumé.</p>",
}


@pytest.mark.parametrize("markup", LABEL_LINES)
def test_fields_written_one_line_each_in_one_paragraph(markup):
    occ = read_detail(detail(LABEL_LINES[markup]))
    assert (occ.fields["resource_type"], occ.fields["is_private"]) == ("Autres", False)
    assert occ.fields["summary"] == "Un résumé."
    body = body_of(occ)
    assert len(body) == 2 and body[0].startswith("Le premier paragraphe")


def test_a_paragraph_with_one_label_line_is_left_as_written():
    body = "<p>Contact : Isabelle Morel<br>Téléphone : 01 02 03 04 05</p>" + BODY
    occ = read_detail(detail("", body))
    assert "Contact : Isabelle Morel Téléphone : 01 02 03 04 05" in body_of(occ)


def page_under_header(header_h1: str, head_title: str) -> str:
    return (
        f"<html><head><title>{head_title}</title></head><body><div>{header_h1}</div><div>"
        "<h2>Une journée d'échanges</h2><table><tr><th>Type de ressource</th><td>Autres</td>"
        f"</tr></table>{BODY}</div></body></html>"
    )


@pytest.mark.parametrize(
    "header_h1, head_title",
    [
        ("<h1>Réseau des collectivités</h1>", "Une journée d'échanges | Réseau des collectivités"),
        ('<h1><a href="/">Le réseau</a></h1>', "Une journée d'échanges"),
    ],
    ids=["shortened site name", "home link"],
)
def test_a_header_h1_naming_the_site_is_not_the_title(header_h1, head_title):
    occ = read_detail(page_under_header(header_h1, head_title))
    assert (occ.title, occ.path) == ("Une journée d'échanges", "/une-journee")
    assert occ.fields["resource_type"] == "Autres"
    assert body_of(occ)[0].startswith("Le premier paragraphe")


def test_a_title_naming_the_site_first_keeps_the_listing_term():
    html = LIST_ITEM_LISTING.replace(
        "<title>Alimentation | RTES</title>", "<title>RTES | Alimentation, circuits courts</title>"
    )
    found = occurrences_from_html(html, f"{BASE}/alimentation-circuits-courts", "listing")
    assert [o.listing_term for o in found] == ["Alimentation, circuits courts"] * 2


def test_a_bare_date_where_the_page_dates_itself_is_its_publication_date():
    html = (
        "<html><head><title>Une journée | RTES</title></head><body><div>"
        "<h1>Une journée d'échanges</h1><div>09.06.2021</div>"
        f"{BODY}<p>12.03.2021</p></div></body></html>"
    )
    occ = read_detail(html)
    assert str(occ.published_date) == "2021-06-09" and occ.kind == "article"
    assert body_of(occ)[-1] == "12.03.2021"  # a bare date inside the text stays text
    assert "09.06.2021" not in body_of(occ)


def test_each_dd_of_a_dt_is_one_value():
    fields = (
        "<dl><dt>Documents</dt>"
        '<dd><a href="/sites/default/files/a.pdf">Doc A</a></dd>'
        '<dd><a href="/sites/default/files/b.pdf">Doc B</a></dd>'
        '<dt>Catégorie</dt><dd><a href="/alimentation-circuits-courts">Alimentation</a></dd>'
        '<dd><a href="/economie-circulaire">Économie circulaire</a></dd>'
        "<dt>Type de ressource</dt><dd>Autres</dd></dl>"
    )
    occ = read_detail(detail(fields))
    assert [d["title"] for d in occ.fields["documents"]] == ["Doc A", "Doc B"]
    assert occ.fields["categories"] == ["Alimentation", "Économie circulaire"]
    assert occ.fields["resource_type"] == "Autres"
    assert not {"Doc B", "Économie circulaire"} & set(body_of(occ))


@pytest.mark.parametrize(
    "line, tags",
    [
        ("Mots-clés : Commande publique", ["Commande publique"]),
        ("Mots clés : PTCE, SCIC", ["PTCE", "SCIC"]),
        ("PTCE | SCIC", ["PTCE", "SCIC"]),
        ("Alimentation, circuits courts", ["Alimentation, circuits courts"]),  # one term
    ],
)
def test_a_tag_line_loses_its_label(line, tags):
    fields = "<table><tr><th>Type de ressource</th><td>Autres</td></tr></table>"
    occ = read_detail(detail(f"<p>{line}</p>{fields}"))
    assert occ.tags == tags


REGION_OF_TWO = """<html><head><title>Occitanie | RTES</title></head><body><div>
<h1>Occitanie</h1><ul>
<li><a href="/ville-de-lodeve"><span>Ville de Lodève</span></a>
<div>Année d'adhésion au RTES : 2016</div><div>Type de collectivité : Commune</div></li>
<li><a href="/metropole-de-montpellier"><span>Métropole de Montpellier</span></a>
<div>Année d'adhésion au RTES : 2012</div><div>Type de collectivité : Métropole</div></li>
</ul></div></body></html>"""


def test_two_cards_each_showing_fields_are_a_listing_of_two():
    found = occurrences_from_html(REGION_OF_TWO, f"{BASE}/occitanie", "detail")
    assert [(o.path, o.kind) for o in found] == [
        ("/ville-de-lodeve", "member"),
        ("/metropole-de-montpellier", "member"),
    ]


EMPTY_TERM_PAGE = """<html><head><title>PTCE | RTES</title></head><body><div>
<div><div><h1>PTCE</h1><p>Aucun contenu n'est classé ici.</p></div>
<div><p><b>À la une</b></p><ul>
<li><a href="/guide-cooperation-2026">Guide coopération 2026</a></li>
<li><a href="/innovation-sociale-2026">Innovation sociale : actualités 2026</a></li>
<li><a href="/formation-des-elus-2026">Formation des élus 2026</a></li></ul></div></div>
<div>RTES – 1 place de l'Hôtel de Ville – 59000 Lille <a href="/mentions-legales">Mentions
légales</a></div></div></body></html>"""


def test_an_empty_listing_gives_no_item_from_its_layout_or_a_list_of_links():
    found = occurrences_from_html(EMPTY_TERM_PAGE, f"{BASE}/taxonomy/term/41", "listing")
    assert [o for o in found if o.kind in ("resource", "article")] == []
    assert not {o.path for o in found} & {"/guide-cooperation-2026", "/mentions-legales"}


def test_a_page_showing_no_date_gives_the_one_its_head_states():
    head = (
        '<meta property="article:published_time" content="2021-06-09T10:00:00+02:00">'
        '<meta property="article:modified_time" content="2021-06-14T08:00:00+02:00">'
    )
    html = detail("<table><tr><th>Type de ressource</th><td>Autres</td></tr></table>")
    occ = read_detail(html.replace("<head>", f"<head>{head}"))
    assert (str(occ.published_date), str(occ.updated_date)) == ("2021-06-09", "2021-06-14")
    shown = html.replace("<head>", f"<head>{head}").replace(
        "<h1>", "<p>Publié le 1 mars 2020</p><h1>"
    )
    assert str(read_detail(shown).published_date) == "2020-03-01"  # the page's own line first


def test_a_page_that_shows_no_date_is_dated_by_its_json_ld_article():
    graph = (
        '{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebPage", "datePublished": "2020-01-01T09:00:00+01:00"},'
        '{"@type": ["Article"], "datePublished": "2021-06-09T10:00:00+02:00",'
        ' "dateModified": "2021-06-14T08:00:00+02:00"}]}'
    )
    script = f'<script type="application/ld+json">{graph}</script>'
    html = detail("<table><tr><th>Type de ressource</th><td>Autres</td></tr></table>")
    occ = read_detail(html.replace("<head>", f"<head>{script}"))
    assert (str(occ.published_date), str(occ.updated_date)) == ("2021-06-09", "2021-06-14")
    broken = html.replace("<head>", '<head><script type="application/ld+json">{"@type": </script>')
    assert read_detail(broken).published_date is None  # unreadable JSON states no date
    shown = html.replace("<head>", f"<head>{script}").replace(
        "<h1>", "<p>Publié le 1 mars 2020</p><h1>"
    )
    assert str(read_detail(shown).published_date) == "2020-03-01"  # the page's own line first


LEAD = "<p>La métropole expérimente une monnaie locale complémentaire avec ses partenaires.</p>"


def card(slug: str, title: str, shown: str) -> str:
    return (
        f'<div class="item"><a class="title" href="/{slug}"><span>{title}</span></a>{shown}</div>'
    )


def test_a_listing_page_showing_one_card_titled_in_no_heading_yields_it():
    item = card("monnaie-locale", "Une monnaie locale", f"<div>24.04.2014</div>{LEAD}")
    url = f"{BASE}/alimentation-circuits-courts?page=1"
    [occ] = occurrences_from_html(one_item_listing(item), url, "listing")
    assert (occ.path, occ.title, str(occ.published_date)) == (
        "/monnaie-locale",
        "Une monnaie locale",
        "2014-04-24",
    )
    assert body_of(occ) == [LEAD[3:-4]]  # the pager stays out
    unmarked = card("agenda", "Agenda du réseau", LEAD)  # no date, no field, no teaser mark
    assert not [
        o
        for o in occurrences_from_html(one_item_listing(unmarked), url, "listing")
        if o.path == "/agenda"
    ]


def test_a_lone_card_is_found_beside_blocks_that_lead_with_links_but_carry_no_marks():
    # the page's layout (a logo, a menu) and the card's own Catégorie value lead with links
    header = (
        '<div id="entete"><div class="logo"><a href="/">Réseau des collectivités</a></div>'
        '<div id="menu"><a href="/">Accueil</a> <a href="/le-reseau">Le réseau</a></div></div>'
    )
    fields = (
        '<div><h4>Catégorie</h4><div><a href="/autres-leviers">Autres leviers</a>, '
        '<a href="/alimentation">Alimentation</a></div><h4>Type de ressource</h4><div>Autres</div>'
        "<h4>Ressource privée</h4><div>Non</div></div>"
    )
    item = f'<ul class="liste"><li><a class="title" href="/guide"><span>Guide</span></a>{fields}{LEAD}</li></ul>'
    url = f"{BASE}/alimentation-circuits-courts?page=1"
    page = one_item_listing(item).replace("<body><div>", f"<body><div>{header}")
    [occ] = occurrences_from_html(page, url, "listing")
    assert (occ.path, occ.title, occ.fields.get("resource_type")) == ("/guide", "Guide", "Autres")
    assert body_of(occ) == [LEAD[3:-4]]  # the logo and the menu stay out
    alone = one_item_listing(f"<div>{LEAD}</div>").replace("<body><div>", f"<body><div>{header}")
    assert occurrences_from_html(alone, url, "listing") == []  # the layout's links are no item


def test_two_cards_of_a_listing_page_one_dated_by_a_bare_date_are_both_items():
    fields = "<div><span>Type de ressource</span> <span>Autres</span></div>"
    items = card("monnaie-locale", "Une monnaie locale", f"<div>24.04.2014</div>{LEAD}") + card(
        "guide-cooperation", "Guide coopération", f"{fields}{LEAD}"
    )
    url = f"{BASE}/alimentation-circuits-courts?page=1"
    found = occurrences_from_html(one_item_listing(items), url, "listing")
    assert [o.path for o in found] == ["/monnaie-locale", "/guide-cooperation"]


# --- Theme 6 constructs (mirror/theme6.py), each alone ---------------------------------------

TYPE_ROW = "<table><tr><th>Type de ressource</th><td>Autres</td></tr></table>"


def test_a_date_line_with_its_time_of_day_is_the_date_not_a_tag():
    occ = read_detail(detail(f"<p>18/10/2024 à 14h40</p>{TYPE_ROW}"))
    assert str(occ.published_date) == "2024-10-18"
    assert occ.tags == [] and "18/10/2024 à 14h40" not in body_of(occ)


def test_a_label_in_italics_with_a_nbsp_colon_reads_the_rest_of_its_line():
    fields = (
        "<p><em>Type de ressource&nbsp;:</em> Autres</p>"
        "<p><em>Ressource privée&nbsp;:</em> Non</p>"
        "<div><em>Résumé&nbsp;:</em><p>Un résumé de la journée.</p></div>"
    )
    occ = read_detail(detail(fields))
    assert occ.fields["resource_type"] == "Autres" and occ.fields["is_private"] is False
    assert occ.fields["summary"] == "Un résumé de la journée."
    assert not any("Type de ressource" in t or "Résumé" in t for t in body_of(occ))


def test_a_label_word_in_bold_or_italics_inside_a_sentence_is_body_text():
    body = (
        "<p>Le premier paragraphe rappelle les <em>Documents</em> de la journée d'échanges.</p>"
        "<p>Le second paragraphe présente la <b>Catégorie</b> retenue par les intervenants.</p>"
    )
    occ = read_detail(detail(TYPE_ROW, body))
    assert set(occ.fields) == {"resource_type"}
    assert body_of(occ) == [
        "Le premier paragraphe rappelle les Documents de la journée d'échanges.",
        "Le second paragraphe présente la Catégorie retenue par les intervenants.",
    ]


def test_an_empty_label_among_label_value_lines_takes_no_value_from_the_body():
    fields = (
        "<p><em>Documents&nbsp;:</em> </p><p><em>Type de ressource&nbsp;:</em> Autres</p>"
        "<p><em>Ressource privée&nbsp;:</em> Non</p><p><em>Résumé&nbsp;:</em> </p>"
    )
    body = (
        "<div><div>Le premier paragraphe du corps rappelle le contexte de la journée.</div>"
        "<div>Le second paragraphe du corps présente les intervenants.</div></div>"
    )
    occ = read_detail(detail(fields, body))
    assert occ.fields["summary"] is None and occ.fields["resource_type"] == "Autres"
    assert body_of(occ) == [
        "Le premier paragraphe du corps rappelle le contexte de la journée.",
        "Le second paragraphe du corps présente les intervenants.",
    ]


FIELD_LIST = (
    "<ul><li><strong>Type de ressource :</strong> Autres</li>"
    "<li><strong>Ressource privée :</strong> {private}</li></ul>"
)
FIRST = "Le premier paragraphe du corps rappelle le contexte de la journée."
SECOND = "Le second paragraphe du corps présente les intervenants."


def test_a_resume_after_the_body_copying_its_opening_is_the_summary():
    body = (
        f"<div><p>{FIRST}</p><p>{SECOND}</p><p>Le troisième paragraphe conclut la journée.</p>"
        f"</div><h2>Résumé</h2><p>{FIRST}</p><p>{SECOND}</p>"
    )
    occ = read_detail(detail(FIELD_LIST.format(private="Non"), body))
    assert occ.fields["summary"] == f"{FIRST}\n\n{SECOND}"
    assert body_of(occ) == [FIRST, SECOND, "Le troisième paragraphe conclut la journée."]


def test_a_resume_section_after_a_member_notice_runs_to_the_end():
    body = (
        "<div><p>Cette ressource est réservée aux collectivités adhérentes.</p></div>"
        "<h2>Résumé</h2><p>Un résumé propre, premier paragraphe.</p>"
        "<p>Un résumé propre, second paragraphe.</p>"
    )
    occ = read_detail(detail(FIELD_LIST.format(private="Oui"), body))
    assert occ.fields["summary"] == (
        "Un résumé propre, premier paragraphe.\n\nUn résumé propre, second paragraphe."
    )


def test_a_resume_heading_right_after_the_fields_keeps_one_paragraph_from_a_flat_body():
    fields = "<h4>Type de ressource</h4><div>Autres</div><h4>Résumé</h4><p>Un résumé propre.</p>"
    occ = read_detail(detail(fields, f"<p>{FIRST}</p><p>{SECOND}</p>"))
    assert occ.fields["summary"] == "Un résumé propre."
    assert body_of(occ) == [FIRST, SECOND]


def test_a_labelled_tag_line_after_the_body_gives_the_tags():
    body = (
        BODY
        + '<p>Étiquettes&nbsp;: <a href="/taxonomy/term/4">PTCE</a>, <a href="/taxonomy/term/5">SCIC</a></p>'
    )
    occ = read_detail(detail(TYPE_ROW, body))
    assert occ.tags == ["PTCE", "SCIC"]
    assert not any("Étiquettes" in t for t in body_of(occ))


def test_an_unlabelled_short_last_line_stays_in_the_body():
    occ = read_detail(detail(TYPE_ROW, BODY + "<p>Bonne lecture</p>"))
    assert occ.tags == [] and body_of(occ)[-1] == "Bonne lecture"


def _article_item(path: str, title: str, extra: str) -> str:
    return f'<article><h2><a href="{path}">{title}</a></h2>{extra}</article>'


NEWS_ITEM = (
    "<p>Publié le 9 juin 2021</p><p>Les collectivités du réseau se sont réunies à Lille pour "
    "partager leurs expériences de commande publique responsable.</p>"
)
RESOURCE_ITEM = TYPE_ROW + "<p>Le guide présente les démarches engagées par les collectivités.</p>"


def test_a_listing_of_plain_article_items_keeps_its_news_items_without_fields():
    items = (
        _article_item("/guide-2021", "Guide 2021", RESOURCE_ITEM)
        + _article_item("/actualites-2021", "Actualités 2021", NEWS_ITEM)
        + _article_item("/guide-2022", "Guide 2022", RESOURCE_ITEM)
    )
    html = f"<html><head><title>Thème | RTES</title></head><body><main><h1>Thème</h1>{items}</main></body></html>"
    found = occurrences_from_html(html, f"{BASE}/theme", "listing")
    assert [(o.path, o.kind) for o in found] == [
        ("/guide-2021", "resource"),
        ("/actualites-2021", "article"),
        ("/guide-2022", "resource"),
    ]


def test_a_plain_article_item_without_fields_nor_date_is_no_news_item():
    aside = (
        "<p>Le réseau rassemble plus de cent collectivités engagées pour l'économie solidaire.</p>"
    )
    items = (
        _article_item("/guide-2021", "Guide 2021", RESOURCE_ITEM)
        + _article_item("/le-reseau", "Le réseau", aside)
        + _article_item("/guide-2022", "Guide 2022", RESOURCE_ITEM)
    )
    html = f"<html><head><title>Thème | RTES</title></head><body><main><h1>Thème</h1>{items}</main></body></html>"
    found = occurrences_from_html(html, f"{BASE}/theme", "listing")
    assert ("/le-reseau", "article") not in [(o.path, o.kind) for o in found]


def test_teasers_titled_in_no_link_take_their_read_more_link():
    teasers = "<hr>".join(
        f"<h2>Ressource {n}</h2><p>Publié le {n} mai 2024</p>"
        f"<p>Une journée d'échanges entre collectivités…</p>"
        f'<p><a href="/ressource-{n}">Lire la suite ›</a></p>'
        for n in (1, 2, 3)
    )
    html = f"<html><head><title>Thème | RTES</title></head><body><main><h1>Thème</h1>{teasers}</main></body></html>"
    found = occurrences_from_html(html, f"{BASE}/theme", "listing")
    assert [(o.path, o.title, o.method) for o in found] == [
        (f"/ressource-{n}", f"Ressource {n}", "teaser") for n in (1, 2, 3)
    ]


def test_an_intertitle_before_a_body_link_to_read_more_stays_unlinked():
    body = (
        "<h3>Pour aller plus loin</h3><p>Le guide complète la journée d'échanges des élus.</p>"
        '<p><a href="/guide-2024">En savoir plus</a></p>'
    )
    occ = read_detail(detail(TYPE_ROW, BODY + body))
    assert "Pour aller plus loin" in body_of(occ) and occ.path == "/une-journee"


RELATED = (
    "<section><h2>À lire aussi</h2>"
    + "".join(
        f'<article><h3><a href="/guide-{n}">Guide {n}</a></h3><p>Publié le 3 mai {n}</p></article>'
        for n in (2021, 2022, 2023)
    )
    + "</section>"
)


def test_teasers_of_other_pages_inside_a_node_are_no_body_nor_date():
    html = detail(TYPE_ROW, BODY + RELATED).replace("<div><h1>", "<article><h1>")
    html = html.replace("</div></body>", "</article></body>")
    occ = read_detail(html)
    assert body_of(occ) == [
        "Le premier paragraphe du corps rappelle le contexte de la journée d'échanges.",
        "Le second paragraphe du corps présente les intervenants et les ateliers.",
    ]
    assert occ.published_date is None  # the related items' dates are not the page's


def test_linked_intertitles_each_followed_by_text_stay_in_the_body():
    sections = "".join(
        f'<h3><a href="/guide-{n}">Guide {n}</a></h3><p>Le guide {n} détaille les démarches '
        "engagées par les collectivités du réseau.</p>"
        for n in (2021, 2022)
    )
    occ = read_detail(detail(TYPE_ROW, BODY + f"<div>{sections}</div>"))
    assert "Guide 2021" in body_of(occ) and "Guide 2022" in body_of(occ)


BADGE = '<p><a href="/alimentation-circuits-courts">Alimentation, circuits courts</a></p>'


def test_a_category_badge_above_the_title_is_neither_a_tag_nor_body():
    html = detail(TYPE_ROW).replace("<div><h1>", f"<div>{BADGE}<h1>")
    occ = read_detail(html)
    assert occ.tags == [] and "Alimentation, circuits courts" not in body_of(occ)
    assert occ.title == "Une journée d'échanges"


def test_a_date_line_and_lead_image_above_the_title_stay_and_a_term_line_after_it_is_a_tag():
    lead = (
        '<p><img src="/system/files/inline-images/une.jpg" alt=""></p><p>Publié le 9 juin 2021</p>'
    )
    tag_line = '<p><a href="/taxonomy/term/4">PTCE</a></p>'
    html = detail(tag_line + TYPE_ROW).replace("<div><h1>", f"<div>{lead}<h1>")
    occ = read_detail(html)
    assert str(occ.published_date) == "2021-06-09" and occ.tags == ["PTCE"]


def test_a_field_in_a_disclosure_widget_reads_its_summary_as_the_label():
    fields = (
        "<details open><summary>Type de ressource</summary><div>Autres</div></details>"
        "<details open><summary>Résumé</summary><div><p>Un résumé de la journée.</p></div></details>"
    )
    occ = read_detail(detail(fields))
    assert occ.fields["resource_type"] == "Autres"
    assert occ.fields["summary"] == "Un résumé de la journée."
    assert not any(t in ("Type de ressource", "Résumé") for t in body_of(occ))


def test_a_details_widget_in_a_body_stays_body_text():
    body = (
        BODY
        + "<details><summary>Voir le programme</summary><p>Matin : accueil des élus.</p></details>"
    )
    occ = read_detail(detail(TYPE_ROW, body))
    assert body_of(occ)[-2:] == ["Voir le programme", "Matin : accueil des élus."]


def test_read_more_teasers_with_linked_dates_bylines_and_badges():
    teasers = "<hr>".join(
        f'<p><a href="/categorie-{n}">Catégorie {n}</a></p><h2>Ressource {n}</h2>'
        f'<p>Publié le <a href="/ressource-{n}" rel="bookmark"><time>{n} mai 2024</time></a>'
        f' par <a href="/auteur/redaction">Rédaction</a></p>'
        f"<p>Une journée d'échanges entre collectivités…</p>"
        f'<p><a href="/ressource-{n}">Lire la suite ›</a></p>'
        for n in (1, 2, 3)
    )
    html = f"<html><head><title>Thème | RTES</title></head><body><main><h1>Thème</h1>{teasers}</main></body></html>"
    found = occurrences_from_html(html, f"{BASE}/theme", "listing")
    assert [(o.path, str(o.published_date), o.tags) for o in found] == [
        (f"/ressource-{n}", f"2024-05-0{n}", []) for n in (1, 2, 3)
    ]


def test_an_article_dated_by_a_bare_date_with_related_teasers_is_one_node():
    related = RELATED.replace("article", "div").replace("section", "div")
    html = detail("<p>27/08/2019 à 16h20</p>", BODY + related)
    [occ] = occurrences_from_html(html, f"{BASE}/une-journee", "detail")
    assert (occ.path, occ.kind, str(occ.published_date)) == (
        "/une-journee",
        "article",
        "2019-08-27",
    )
    assert not any(t.startswith("Guide 20") for t in body_of(occ))


REL_TAGS = (
    '<ul><li><a href="/taxonomy/term/4" rel="tag">PTCE</a></li>'
    '<li><a href="/taxonomy/term/5" rel="tag">SCIC</a></li></ul>'
)


def test_links_marked_rel_tag_are_the_tags_wherever_their_line_stands():
    occ = read_detail(detail(TYPE_ROW, BODY + REL_TAGS))
    assert occ.tags == ["PTCE", "SCIC"]
    assert not any(t in ("- PTCE", "- SCIC", "PTCE", "SCIC") for t in body_of(occ))


def test_a_rel_tag_link_inside_a_sentence_stays_in_it():
    body = BODY + (
        '<p>Le réseau suit les <a href="/taxonomy/term/4" rel="tag">PTCE</a> depuis 2014 avec '
        "les collectivités.</p>"
    )
    occ = read_detail(detail(TYPE_ROW, body))
    assert occ.tags == []
    assert body_of(occ)[-1] == "Le réseau suit les PTCE depuis 2014 avec les collectivités."


def test_an_articles_date_stamp_after_its_body_dates_it_and_leaves_the_body():
    paragraphs = "".join(
        f"<p>Le paragraphe {n} du corps rapporte les échanges des élus sur les territoires.</p>"
        for n in range(8)
    )
    occ = read_detail(detail("", paragraphs + "<p>10/11/2017 à 09h35</p>"))
    assert (occ.kind, str(occ.published_date)) == ("article", "2017-11-10")
    assert "10/11/2017 à 09h35" not in body_of(occ)


LONG_BODY = "".join(
    f"<p>Le paragraphe {n} du corps rapporte les échanges des élus sur les territoires.</p>"
    for n in range(8)
)


def test_a_time_element_alone_in_its_block_dates_the_node_wherever_it_stands():
    occ = read_detail(detail("", LONG_BODY + "<p><time>24 mars 2012</time></p>"))
    assert (occ.kind, str(occ.published_date)) == ("article", "2012-03-24")
    assert "24 mars 2012" not in body_of(occ)


def test_a_time_element_inside_a_sentence_stays_in_it():
    sentence = "<p>La prochaine rencontre aura lieu le <time>24 mars 2012</time> à Lille.</p>"
    occ = read_detail(detail(TYPE_ROW, LONG_BODY + sentence))
    assert occ.published_date is None
    assert body_of(occ)[-1] == "La prochaine rencontre aura lieu le 24 mars 2012 à Lille."


def test_a_resume_section_after_a_member_notice_ends_at_the_tags_taken_after_it():
    body = (
        "<div><p>Cette ressource est réservée aux collectivités adhérentes.</p></div>"
        "<h2>Résumé</h2><p>Un résumé propre, premier paragraphe.</p>"
        f"<p>Un résumé propre, second paragraphe.</p><div>{REL_TAGS}</div>"
    )
    occ = read_detail(detail(FIELD_LIST.format(private="Oui"), body))
    assert occ.fields["summary"] == (
        "Un résumé propre, premier paragraphe.\n\nUn résumé propre, second paragraphe."
    )
    assert occ.tags == ["PTCE", "SCIC"]  # the tags stay tags, out of the summary
