"""Markups that Bootstrap, Joomla, Drupal Olivero, SPIP or Typo3 themes write and that themes
1-6 of the mirror do not (the constructs of mirror/theme7.py, each alone): schema.org
microdata dates, split date badges, a node `<div class="node">` holding no Drupal field."""

from __future__ import annotations

from datetime import date

from rtes_core.extract import occurrences_from_html

BASE = "https://www.rtes.fr"
BODY = (
    "<p>Le premier paragraphe du corps rappelle le contexte de la journée d'échanges.</p>"
    "<p>Le second paragraphe du corps présente les intervenants et les ateliers.</p>"
)


def page(content: str) -> str:
    return (
        "<html><head><title>Une journée | RTES</title></head><body>"
        '<div class="container"><div class="row"><div class="col-md-8">'
        f"{content}</div></div></div></body></html>"
    )


def read(html: str):
    [occ] = occurrences_from_html(html, f"{BASE}/une-journee", "detail")
    return occ


def texts(occ, *origins: str) -> list[str]:
    """The occurrence's blocks of these origins, in order (the markup tests' one reading)."""
    return [b.text for b in occ.blocks if b.origin in origins]


def body_of(occ) -> list[str]:
    return [b.text for b in occ.blocks if b.origin in ("body", "trailing")]


def test_a_nodes_microdata_dates_date_it_without_a_visible_date():
    html = page(
        '<article itemscope itemtype="https://schema.org/NewsArticle">'
        '<meta itemprop="datePublished" content="2021-06-09T16:50:00+02:00">'
        '<meta itemprop="dateModified" content="2021-06-14T10:05:00+02:00">'
        f'<h1 itemprop="headline">Une journée d\'échanges</h1><div itemprop="articleBody">{BODY}'
        "</div></article>"
    )
    occ = read(html)
    assert (occ.published_date, occ.updated_date) == (date(2021, 6, 9), date(2021, 6, 14))
    assert occ.kind == "article"
    assert body_of(occ)[0].startswith("Le premier paragraphe") and len(body_of(occ)) == 2


def test_a_modified_microdata_date_alone_is_no_publication():
    html = page(
        '<article itemscope itemtype="https://schema.org/WebPage">'
        '<meta itemprop="dateModified" content="2021-06-14T10:05:00+02:00">'
        f"<h1>Une journée d'échanges</h1>{BODY}</article>"
    )
    occ = read(html)
    assert occ.published_date is None and occ.kind == "basic"
    assert len(body_of(occ)) == 2


def test_a_split_date_badge_dates_an_article_and_leaves_its_body():
    html = page(
        "<h1>Une journée d'échanges</h1>"
        '<div class="date-badge"><span class="day">09</span><span class="month">juin</span>'
        '<span class="year">2021</span></div>'
        f'<p class="small">Actualisé le 14/06/2021</p><div class="body">{BODY}</div>'
    )
    occ = read(html)
    assert (occ.published_date, occ.updated_date) == (date(2021, 6, 9), date(2021, 6, 14))
    assert occ.kind == "article"
    body = body_of(occ)
    assert len(body) == 2 and not any("juin" in b or "Actualisé" in b for b in body)


def test_a_node_div_without_fields_is_read_anew_with_its_submitted_line():
    """`<div class="node">` is Drupal 7's node class: read as a node first, it holds no field;
    the page is then read as a theme never seen, on a tree where its date line is still there."""
    html = page(
        '<div class="node"><h1>Une journée d\'échanges</h1>'
        f'<p class="submitted">Mercredi, 9 Juin, 2021 - 16:50</p><div class="body">{BODY}</div>'
        "</div>"
    )
    occ = read(html)
    assert occ.published_date == date(2021, 6, 9) and occ.kind == "article"
    body = body_of(occ)
    assert len(body) == 2 and not any("Juin" in b for b in body)


def detail(fields: str, body: str = BODY) -> str:
    return page(f"<h1>Une journée d'échanges</h1>{fields}<div>{body}</div>")


def test_a_one_line_strip_of_fields_is_cut_at_its_separators():
    occ = read(
        detail(
            '<p class="small">Documents : <a href="/sites/default/files/a.pdf">Programme</a> | '
            'Catégorie : <a href="/alimentation">Alimentation, circuits courts</a> | Type de '
            "ressource : Autres | Ressource privée : Non</p>"
        )
    )
    assert occ.fields["resource_type"] == "Autres" and occ.fields["is_private"] is False
    assert occ.fields["categories"] == ["Alimentation, circuits courts"]
    assert [d["title"] for d in occ.fields["documents"]] == ["Programme"]
    body = body_of(occ)
    assert len(body) == 2 and body[0].startswith("Le premier paragraphe")


def test_a_bar_inside_a_sentence_or_a_title_cuts_nothing():
    strip = "<p>Type de ressource : Autres</p><p>Ressource privée : Non</p>"
    line = "<p>Programme : accueil | ateliers | restitution, à Lille le matin même.</p>"
    occ = read(detail(strip, BODY + line))
    assert occ.fields["resource_type"] == "Autres" and occ.fields["is_private"] is False
    assert (
        body_of(occ)[-1] == "Programme : accueil | ateliers | restitution, à Lille le matin même."
    )


def test_a_card_whose_header_is_a_label_is_that_field_not_page_furniture():
    occ = read(
        detail(
            "<p>Type de ressource : Autres</p>"
            '<div class="card"><div class="card-header">Résumé</div>'
            '<div class="card-body"><p>Un résumé de la journée.</p></div></div>'
        )
    )
    assert occ.fields["summary"] == "Un résumé de la journée."
    assert "Un résumé de la journée." not in body_of(occ) and len(body_of(occ)) == 2


def test_a_card_header_that_is_no_label_stays_furniture():
    sidebar = (
        '<div class="card"><div class="card-header">Lettre d’information</div>'
        '<div class="card-body"><p>Recevez chaque mois l’actualité du réseau.</p></div></div>'
    )
    occ = read(detail("<p>Type de ressource : Autres</p><p>Ressource privée : Non</p>" + sidebar))
    assert occ.fields["resource_type"] == "Autres"
    assert "Lettre d’information" not in body_of(occ)  # (the card's text is another matter)
    assert body_of(occ)[-1].startswith("Le second paragraphe")


def read_listing(content: str) -> list:
    html = page(f"<h1>Alimentation</h1>{content}")
    return occurrences_from_html(html, f"{BASE}/alimentation", "listing")


def test_the_rows_of_a_views_table_are_the_listings_items():
    rows = "".join(
        f'<tr class="{"odd" if n % 2 else "even"}"><td><a href="/ressource-{n}">Ressource {n}</a>'
        f"</td><td>0{n}/06/2021</td><td>Autres</td></tr>"
        for n in (1, 2, 3)
    )
    occs = read_listing(
        '<table class="views-table"><thead><tr><th>Titre</th><th>Date</th><th>Type</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )
    assert [o.path for o in occs] == ["/ressource-1", "/ressource-2", "/ressource-3"]
    assert [o.title for o in occs] == ["Ressource 1", "Ressource 2", "Ressource 3"]
    assert occs[1].published_date == date(2021, 6, 2)
    # a row's short cells are columns, not the item's text: it is a teaser, no body
    assert all(o.method == "teaser" and not body_of(o) for o in occs)


def test_a_listing_tables_row_holding_the_items_whole_text_is_no_teaser():
    lead = "Le texte de la ressource présente la journée d'échanges et ses ateliers."
    rows = "".join(
        f'<tr><td><a href="/ressource-{n}">Ressource {n}</a><div><p>{lead}</p></div></td>'
        f"<td>0{n}/06/2021</td></tr>"
        for n in (1, 2, 3)
    )
    occs = read_listing(f"<table>{rows}</table>")
    assert [o.method for o in occs] == ["content"] * 3
    assert body_of(occs[0]) == [lead]


def test_a_body_table_of_links_without_dates_leaves_the_page_one_node():
    rows = "".join(
        f'<tr><td><a href="/ville-{n}">Ville {n}</a></td><td>{n}00 000 habitants</td></tr>'
        for n in (1, 2, 3, 4)
    )
    occ = read(detail("<p>Type de ressource : Autres</p>", BODY + f"<table>{rows}</table>"))
    assert occ.fields["resource_type"] == "Autres" and occ.title == "Une journée d'échanges"


def full_cards(header_class: str) -> str:
    return "".join(
        f'<div class="card mb-4"><div class="{header_class}"><h2 class="card-title">'
        f'<a href="/ressource-{n}">Ressource {n}</a></h2>'
        f'<div class="date-badge"><span>0{n}</span><span>juin</span><span>2021</span></div></div>'
        f'<div class="card-body"><p>Type de ressource : Autres</p><p>Le texte de la ressource {n}'
        " présente la journée d'échanges.</p></div></div>"
        for n in (1, 2, 3)
    )


def test_a_cards_header_holding_its_linked_title_is_the_item_not_page_furniture():
    occs = read_listing(full_cards("card-header"))
    assert [o.path for o in occs] == ["/ressource-1", "/ressource-2", "/ressource-3"]
    assert occs[0].fields["resource_type"] == "Autres"
    assert occs[2].published_date == date(2021, 6, 3)


def test_a_header_whose_heading_links_home_stays_furniture():
    header = (
        '<div class="site-header"><h2><a href="/">RTES</a></h2><p>Le réseau des villes</p></div>'
    )
    html = (
        f"<html><body>{header}<div><h1>Une journée d'échanges</h1>"
        f"<p>Type de ressource : Autres</p><p>Ressource privée : Non</p>{BODY}</div></body></html>"
    )
    occ = read(html)
    assert "Le réseau des villes" not in body_of(occ) and len(body_of(occ)) == 2


HORIZONTAL_TABLE = (
    '<table class="table"><thead><tr><th>Documents</th><th>Catégorie</th>'
    "<th>Type de ressource</th><th>Ressource privée</th><th>Résumé</th></tr></thead>"
    '<tbody><tr><td><a href="/sites/default/files/a.pdf">Programme</a></td>'
    '<td><a href="/alimentation">Alimentation</a></td><td>Autres</td><td>Non</td>'
    "<td><p>Un résumé de la journée.</p></td></tr></tbody></table>"
)


def test_a_horizontal_table_reads_each_value_under_its_label():
    occ = read(detail(HORIZONTAL_TABLE))
    assert occ.fields["resource_type"] == "Autres" and occ.fields["is_private"] is False
    assert occ.fields["categories"] == ["Alimentation"]
    assert [d["title"] for d in occ.fields["documents"]] == ["Programme"]
    assert occ.fields["summary"] == "Un résumé de la journée."
    body = body_of(occ)
    assert len(body) == 2 and body[0].startswith("Le premier paragraphe")


def test_a_data_table_in_a_body_stays_body_text():
    table = (
        "<table><tr><th>Commune</th><th>Habitants</th></tr><tr><td>Lille</td><td>236 000</td></tr>"
        "<tr><td>Roubaix</td><td>98 000</td></tr></table>"
    )
    occ = read(
        detail("<p>Type de ressource : Autres</p><p>Ressource privée : Non</p>", BODY + table)
    )
    assert occ.fields["resource_type"] == "Autres"
    assert any("Roubaix" in b for b in body_of(occ))


TABS = (
    '<ul class="nav nav-tabs" role="tablist">'
    '<li class="nav-item" role="presentation"><a class="nav-link active" href="#t-resume" '
    'role="tab">Résumé</a></li><li class="nav-item" role="presentation"><a class="nav-link" '
    'href="#t-docs" role="tab">Documents</a></li></ul><div class="tab-content">'
    '<div class="tab-pane active" id="t-resume" role="tabpanel"><p>Un résumé de la journée.</p>'
    '</div><div class="tab-pane" id="t-docs" role="tabpanel">'
    '<a href="/sites/default/files/a.pdf">Programme</a></div></div>'
    "<p>Type de ressource : Autres | Ressource privée : Non</p>"
)


def test_tab_panels_read_the_label_of_the_tab_that_opens_them():
    occ = read(detail("", BODY + TABS))
    assert occ.fields["summary"] == "Un résumé de la journée."
    assert [d["title"] for d in occ.fields["documents"]] == ["Programme"]
    assert occ.fields["resource_type"] == "Autres"
    body = body_of(occ)
    assert len(body) == 2 and not {"Résumé", "Documents", "Un résumé de la journée."} & set(body)


def test_tabs_that_name_no_field_leave_their_panels_in_the_body():
    tabs = (
        '<ul role="tablist"><li><a href="#p1" role="tab">Contexte</a></li>'
        '<li><a href="#p2" role="tab">Ateliers</a></li></ul>'
        '<div id="p1" role="tabpanel"><p>Le contexte de la journée des élus locaux.</p></div>'
        '<div id="p2" role="tabpanel"><p>Les ateliers de l’après-midi à Lille.</p></div>'
    )
    occ = read(detail("<p>Type de ressource : Autres</p><p>Ressource privée : Non</p>", tabs))
    body = body_of(occ)
    assert "Le contexte de la journée des élus locaux." in body
    assert "Les ateliers de l’après-midi à Lille." in body


BADGES = (
    '<ul class="list-inline"><li class="list-inline-item"><a class="badge" '
    'href="/taxonomy/term/41">PTCE</a></li><li class="list-inline-item"><a class="badge" '
    'href="/taxonomy/term/42">SCIC</a></li></ul>'
)
LINK_LIST = (
    '<ul><li><a href="/guide-des-achats">Guide des achats</a></li>'
    '<li><a href="/etude-cantines">Étude cantines</a></li></ul>'
)


def test_a_list_of_term_links_first_in_the_node_is_its_tags():
    occ = read(
        detail(BADGES + "<p>Type de ressource : Autres</p><p>Ressource privée : Non</p>", BODY)
    )
    assert occ.tags == ["PTCE", "SCIC"]
    assert len(body_of(occ)) == 2 and not any("PTCE" in b for b in body_of(occ))


def test_a_list_of_links_after_the_body_stays_body_text_item_by_item():
    occ = read(
        detail("<p>Type de ressource : Autres</p><p>Ressource privée : Non</p>", BODY + LINK_LIST)
    )
    assert occ.tags == []
    assert body_of(occ)[-2:] == ["- Guide des achats", "- Étude cantines"]


def test_a_helper_text_hidden_until_focused_is_no_body_text():
    html = page(
        "<h1>Une journée d'échanges</h1><p>Type de ressource : Autres</p>"
        '<p>Ressource privée : Non</p><p class="sr-only-focusable">Retour en haut de page</p>'
        f'{BODY}<a class="visually-hidden-focusable" href="#haut">Remonter</a>'
    )
    body = body_of(read(html))
    assert len(body) == 2 and not {"Retour en haut de page", "Remonter"} & set(body)


SIDEBAR = (
    '<div class="col-md-4"><div class="card"><div class="card-body"><h5>À la une</h5><ul>'
    + "".join(
        f'<li><a href="/guide-{n}">Guide de la coopération entre collectivités n° {n}</a></li>'
        for n in range(4)
    )
    + '</ul></div></div><div class="card"><div class="card-body"><h5>Lettre d’information</h5>'
    "<p>Recevez chaque mois l’actualité du réseau et des collectivités adhérentes.</p>"
    "</div></div></div>"
)


def hero_page(node: str) -> str:
    return (
        "<html><head><title>Une journée | RTES</title></head><body>"
        '<div class="hero"><div class="container"><h1>Une journée d\'échanges</h1>'
        "<p>Le 09 juin 2021</p></div></div>"
        f'<div class="container"><div class="row"><div class="col-md-8">{node}</div>{SIDEBAR}'
        "</div></div></body></html>"
    )


def test_a_node_whose_title_stands_in_a_hero_band_keeps_its_sidebar_out():
    occ = read(hero_page(f'<article itemscope><div itemprop="articleBody">{BODY}</div></article>'))
    assert occ.title == "Une journée d'échanges"
    assert occ.published_date == date(2021, 6, 9) and occ.kind == "article"
    body = body_of(occ)
    assert len(body) == 2 and body[0].startswith("Le premier paragraphe")


def test_a_small_node_beside_the_pages_text_is_not_the_page():
    teaser = "<article><p>Un encart de trois mots.</p></article>"
    occ = read(hero_page(f"{teaser}{BODY}"))
    body = body_of(occ)
    assert "Le premier paragraphe du corps rappelle le contexte de la journée d'échanges." in body


def test_a_pages_sidebar_column_beside_a_title_set_apart_is_no_content():
    member = (
        "<table><tr><td>Type de collectivité</td><td>Département</td></tr>"
        "<tr><td>Région</td><td>Occitanie</td></tr></table>"
        "<h2>Panorama de l’ESS sur le territoire</h2><p>Le département soutient les "
        "coopératives et les tiers-lieux de son territoire depuis 2015, avec un budget dédié.</p>"
        "<h2>Budget consacré à l’ESS</h2><p>"
        + "Le budget annuel finance les appels à projets, l’accompagnement des structures et "
        "les rencontres départementales de l’économie sociale et solidaire. " * 3 + "</p>"
    )
    occ = read(hero_page(member))
    assert occ.kind == "member"
    assert occ.fields["region"] == "Occitanie"
    assert occ.fields["sections"]["panorama"] == [
        "Le département soutient les coopératives et les tiers-lieux de son territoire depuis "
        "2015, avec un budget dédié."
    ]
    (budget,) = occ.fields["sections"]["budget"]  # the sidebar's titles and blurb are not in it
    assert budget.startswith("Le budget annuel") and "Lettre" not in budget


# A sidebar of short link titles: its headings and the newsletter card's sentence are more
# text than its links (theme 7, seed 647, 150 resources: six member profiles' last section
# ended with "À la une", its four titles and the newsletter blurb).
SHORT_TITLES_SIDEBAR = (
    '<div class="col-md-4"><div class="card"><div class="card-body"><h5>À la une</h5><ul>'
    + "".join(f'<li><a href="/guide-{n}">Guide réemploi {n}</a></li>' for n in range(4))
    + '</ul></div></div><div class="card"><div class="card-body"><h5>Lettre d’information</h5>'
    "<p>Recevez chaque mois l’actualité du réseau et des collectivités adhérentes.</p>"
    '<form><input type="email"><button>S’inscrire</button></form></div></div></div>'
)
MEMBER_SECTIONS = (
    "<table><tr><td>Type de collectivité</td><td>Ville</td></tr>"
    "<tr><td>Région</td><td>Bretagne</td></tr></table>"
    "<h2>Panorama de l’ESS sur le territoire</h2><p>"
    + "La ville soutient les coopératives, les tiers-lieux et les épiceries solidaires de ses "
    "quartiers, avec un budget dédié et un conseil local de l’ESS. "
    * 4
    + "</p><h2>Exemples d’actions soutenues par la collectivité</h2>"
    "<p>Un fonds doté de 588 000 euros accompagne les entreprises adaptées.</p>"
    '<p class="small">Dernière mise à jour : 09/02/2019</p>'
)


def short_titles_hero_page(column: str, side: str = SHORT_TITLES_SIDEBAR) -> str:
    return hero_page(column).replace(SIDEBAR, side)


def test_a_sidebar_of_titled_boxes_beside_a_title_set_apart_is_no_content():
    occ = read(short_titles_hero_page(MEMBER_SECTIONS))
    assert occ.kind == "member" and occ.fields["region"] == "Bretagne"
    assert occ.fields["sections"]["panorama"][0].startswith("La ville soutient")
    # the last section keeps its paragraph and ends there: no box title, link or blurb
    assert occ.fields["sections"]["exemples"] == [
        "Un fonds doté de 588 000 euros accompagne les entreprises adaptées."
    ]


def test_a_titled_section_under_the_text_in_its_column_stays():
    section = (
        '<div class="module"><h2>Les enjeux pour les collectivités</h2><p>'
        + "À Annecy, les habitants repensent les jardins partagés depuis 2008, avec les "
        "coopératives d’intérêt collectif du territoire. " * 2 + "</p></div>"
    )
    occ = read(short_titles_hero_page(f'<div class="module">{BODY * 8}</div>{section}', ""))
    body = body_of(occ)
    assert body[0].startswith("Le premier paragraphe")
    assert body[-2] == "Les enjeux pour les collectivités" and body[-1].startswith("À Annecy")


def test_a_short_titled_section_between_two_blocks_of_the_text_stays():
    contact = (
        '<div class="module"><h2>Prochaines étapes</h2><p>Contact :<br>Nicolas Dupré<br>'
        "Adjoint au maire délégué à l’économie solidaire<br>"
        '<a href="mailto:contact@rtes.fr">contact@rtes.fr</a></p></div>'
    )
    after = '<div class="module"><ul><li>Développer des achats responsables à Lille ;</li>' + (
        "<li>Favoriser la transition écologique dans les quartiers de la ville ;</li></ul></div>"
    )
    column = f'<div class="module">{BODY * 8}</div>{contact}{after}'
    body = body_of(read(short_titles_hero_page(column, "")))
    at = body.index("Prochaines étapes")
    assert body[at + 1].startswith("Contact : Nicolas Dupré")
    assert body[-1] == "- Favoriser la transition écologique dans les quartiers de la ville ;"


def test_a_text_column_without_a_title_beside_the_body_stays():
    quote = (
        '<div class="col-md-4"><p>« Les collectivités ont un rôle d’ensemblier : elles relient '
        "les acteurs, les financements et les habitants », rappelle la vice-présidente.</p></div>"
    )
    occ = read(short_titles_hero_page(f"<div><div>{BODY * 4}</div></div>", quote))
    body = body_of(occ)
    assert body[0].startswith("Le premier paragraphe")
    assert any(b.startswith("« Les collectivités ont un rôle d’ensemblier") for b in body)


def test_a_list_of_links_beside_the_body_under_the_title_stays():
    links = (
        "<ul>"
        + "".join(
            f'<li><a href="/guide-{n}">Le guide pratique numéro {n} des achats responsables</a></li>'
            for n in range(3)
        )
        + "</ul>"
    )
    html = page(
        "<h1>Une journée d'échanges</h1><p>Type de ressource : Autres</p>"
        f"<p>Ressource privée : Non</p><div>{BODY * 3}</div>{links}"
    )
    body = body_of(read(html))
    assert "- Le guide pratique numéro 2 des achats responsables" in body


def test_a_listing_cards_header_titled_by_a_long_link_is_no_sidebar():
    # a category's last page of one card: the card's header holds its long linked title and a
    # "Le 9 septembre 2012" line (a bare date, no date line); its body opens with a tag badge
    title = (
        "Retours sur la journée d’échanges « monnaies locales » à Vannes : témoignages des élus, "
        "expériences des territoires et perspectives pour les politiques publiques locales (2012)"
    )
    card = (
        '<div class="card"><div class="card-header">'
        f'<h2 class="card-title"><a href="/retours-vannes">{title}</a></h2>'
        '<p class="text-muted">Le 09 septembre 2012</p></div><div class="card-body">'
        '<ul class="list-inline"><li><a class="badge" href="/taxonomy/term/43">Commande publique</a>'
        f"</li></ul><div>{BODY * 3}</div></div></div>"
    )
    html = page(f"<h1>Retours sur les journées d'échanges</h1>{card}")
    url = f"{BASE}/retours-sur-les-journees-d-echanges?page=2"
    [occ] = occurrences_from_html(html, url, "listing")
    assert (occ.path, occ.title) == ("/retours-vannes", " ".join(title.split()))
    assert occ.published_date == date(2012, 9, 9)
    assert not [o for o in occurrences_from_html(html, url, "listing") if "term" in (o.path or "")]
