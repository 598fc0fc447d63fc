"""Markups of other CMS families (Joomla, SPIP, Ghost, utility-class static sites) that the
product meets nowhere else, each construct alone in a markup of this file's own: a breadcrumb
written in the content, a view counter, an article-info definition list, a label alone among
"Label : value" lines, a toggle card's heading, a file link's format badge."""

from __future__ import annotations

from datetime import date

import pytest

from rtes_core.dates import is_post_meta
from rtes_core.extract import occurrences_from_html
from rtes_core.extract.fields import document_title
from tests.rtes_core.test_bootstrap_markup import BASE, BODY, texts

TITLE = "<h1>Une journée d'échanges</h1>"
DATE = "<p>09/06/2021</p>"
LEAD = "Le premier paragraphe du corps rappelle le contexte de la journée d'échanges."


def page(content: str) -> str:
    return (
        "<html><head><title>Une journée | RTES</title></head><body>"
        f'<div id="page"><main class="site-main">{content}</main></div></body></html>'
    )


def one(html: str):
    [occ] = occurrences_from_html(html, f"{BASE}/une-journee", "detail")
    return occ


def plain_body() -> list[str]:
    return texts(one(page(TITLE + DATE + BODY)), "body")


def test_a_breadcrumb_written_before_the_title_is_no_text():
    crumb = (
        '<p class="pathway"><a href="/">Accueil</a> &gt; <a href="/ressources">Ressources</a>'
        ' &gt; <a href="/ressources/alim">Alimentation</a> &gt; Une journée d\'échanges</p>'
    )
    occ = one(page(crumb + TITLE + DATE + BODY))
    assert occ.title == "Une journée d'échanges"
    assert texts(occ, "body", "trailing") == plain_body()
    assert all("Accueil" not in t for t in texts(occ, "body", "trailing", "field"))


@pytest.mark.parametrize(
    "line", ["Affichages : 41", "Vues : 1 200", "Lu 41 fois", "— 4 min de lecture"]
)
def test_a_view_counter_and_a_meta_line_opened_by_a_dash_are_post_meta(line):
    assert is_post_meta(line)
    assert not is_post_meta("Affichages : 41 personnes sont venues")


def test_a_view_counter_below_the_date_is_no_text():
    occ = one(page(TITLE + DATE + "<p>Affichages : 41</p>" + BODY))
    assert occ.published_date == date(2021, 6, 9)
    assert texts(occ, "body", "trailing") == plain_body()


def test_the_term_over_an_article_info_list_is_no_text():
    info = (
        '<dl class="article-info"><dt class="article-info-term">Détails</dt>'
        '<dd class="createdby">Écrit par : Rédaction RTES</dd>'
        '<dd class="published"><time datetime="2012-12-06">Publication : 6 décembre 2012</time>'
        '</dd><dd class="hits">Affichages : 41</dd></dl>'
    )
    occ = one(page(TITLE + info + BODY))
    assert occ.published_date == date(2012, 12, 6) and "Détails" in texts(occ, "meta")
    body = texts(occ, "body", "trailing")
    assert body == plain_body()  # no "Détails", no "Affichages : 41"


# "Label : value" lines, each a paragraph opened by its bold label.
LINES = (
    '<p><strong>Catégorie :</strong> <a href="/ressources/alim">Alimentation</a></p>'
    "<p><strong>Type de ressource :</strong> Autres</p>"
)


def test_a_documents_label_alone_in_its_line_heads_the_files_below_it():
    files = (
        "<p><strong>Documents :</strong></p>"
        '<p><a href="/images/docs/programme.pdf">Programme</a> '
        '<a href="/images/docs/synthese.pdf">Synthèse</a></p>'
    )
    occ = one(page(TITLE + DATE + BODY + LINES + files))
    assert occ.fields["resource_type"] == "Autres"
    assert [d["title"] for d in occ.fields["documents"]] == ["Programme", "Synthèse"]
    assert texts(occ, "body", "trailing") == plain_body()


def test_a_resume_label_alone_in_its_line_heads_the_copy_of_the_lead_below_it():
    resume = f"<p><strong>Résumé :</strong></p><p>{LEAD}</p>"
    occ = one(page(TITLE + DATE + BODY + LINES + resume))
    assert occ.fields["summary"] == LEAD
    assert texts(occ, "body", "trailing") == plain_body()


def test_an_empty_resume_line_over_the_body_gives_no_summary():
    resume = "<p><strong>Résumé :</strong></p>"
    occ = one(page(TITLE + DATE + LINES + resume + BODY))
    assert occ.fields["resource_type"] == "Autres" and occ.fields.get("summary") is None
    assert texts(occ, "body", "trailing") == plain_body()


def test_a_toggle_cards_heading_beside_its_button_takes_the_content_below_it():
    toggle = (
        '<div class="kg-card kg-toggle-card" data-kg-toggle-state="close">'
        '<div class="kg-toggle-heading"><h4 class="kg-toggle-heading-text">Type de ressource</h4>'
        '<button class="kg-toggle-card-icon" aria-label="Afficher"><svg viewBox="0 0 24 24">'
        '<path d="M23.25 7.31 12 18.56.75 7.31"></path></svg></button></div>'
        '<div class="kg-toggle-content"><p>Autres</p></div></div>'
    )
    occ = one(page(TITLE + DATE + BODY + toggle))
    assert occ.fields["resource_type"] == "Autres"
    assert texts(occ, "body", "trailing") == plain_body()


def test_an_empty_resume_line_in_a_box_of_lines_leaves_the_body_after_it():
    infos = (
        '<div class="infos"><div><strong>Type de ressource</strong> : Autres</div>'
        "<div><strong>Ressource privée</strong> : Non</div>"
        "<div><strong>Résumé</strong> : </div></div>"
    )
    occ = one(page(TITLE + DATE + infos + BODY))
    assert occ.fields["resource_type"] == "Autres" and occ.fields.get("summary") is None
    assert texts(occ, "body", "trailing") == plain_body()


def test_a_file_links_format_badge_is_no_part_of_the_documents_title():
    files = (
        "<h3>Documents</h3><ul><li>"
        '<a class="file" href="/images/docs/programme.pdf">Programme de la journée'
        '<span class="badge">PDF · 2,3 Mo</span></a></li></ul>'
    )
    occ = one(page(TITLE + DATE + BODY + files))
    assert [d["title"] for d in occ.fields["documents"]] == ["Programme de la journée"]
    assert texts(occ, "body", "trailing") == plain_body()


def test_a_format_and_size_alone_name_no_document():
    assert document_title("PDF · 2,3 Mo") is None and document_title("PDF – 741 kio") is None
    assert document_title("Rapport PDF") == "Rapport PDF"  # a title naming a format stays


def test_an_icons_svg_title_is_no_part_of_a_file_cards_title():
    icon = '<svg viewBox="0 0 24 24"><title>download-circle</title><circle r="11"/></svg>'
    card = (
        '<div class="file-card"><a href="/files/programme.pdf" download>'
        f'<div class="file-card-title">Programme de la journée</div>{icon}</a></div>'
    )
    occ = one(page(TITLE + DATE + BODY + "<p><strong>Documents :</strong></p>" + card))
    assert [d["title"] for d in occ.fields["documents"]] == ["Programme de la journée"]
    assert texts(occ, "body", "trailing") == plain_body()


def test_an_attachments_table_with_sizes_is_the_documents_and_a_last_paragraph_the_resume():
    table = (
        '<table><tr><td><a href="/files/annexe.pdf">Annexe statistique 2013</a></td>'
        "<td>2,1 Mo</td></tr></table>"
    )
    box = (
        f"<div><p><strong>Documents :</strong></p><div>{table}</div>{LINES}"
        "<p><strong>Résumé :</strong></p><p>Une journée en une phrase.</p></div>"
    )
    occ = one(page(TITLE + DATE + BODY + box))
    assert [d["title"] for d in occ.fields["documents"]] == ["Annexe statistique 2013"]
    assert occ.fields["summary"] == "Une journée en une phrase."
    assert texts(occ, "body", "trailing") == plain_body()


def test_a_reading_time_after_the_date_lines_is_meta_a_signature_at_the_end_stays():
    meta = "<p>Publié le 9 juin 2021</p><p>Par Rédaction RTES</p><p>— 4 min de lecture</p>"
    occ = one(page(TITLE + meta + BODY + "<p>Par Anne Martin</p>"))
    assert "— 4 min de lecture" in texts(occ, "meta")
    assert texts(occ, "body", "trailing") == [*plain_body(), "Par Anne Martin"]


def test_a_listed_card_made_one_link_around_its_heading_is_that_pages_item():
    cards = "".join(
        f'<article class="card"><a href="/ressource-{n}"><h2>Ressource {n}</h2>'
        f"<div>Le premier paragraphe de la ressource {n}…</div></a>"
        f'<time datetime="2021-06-0{n}">0{n} juin 2021</time></article>'
        for n in (1, 2, 3)
    )
    found = occurrences_from_html(page(f"<h1>Alimentation</h1>{cards}"), f"{BASE}/alim", "listing")
    assert [o.path for o in found] == ["/ressource-1", "/ressource-2", "/ressource-3"]
    assert [o.title for o in found] == ["Ressource 1", "Ressource 2", "Ressource 3"]


LONG_TITLE = "Retours sur la journée « transition écologique » à Lyon : témoignages des élus"


def test_a_breadcrumb_ending_with_a_long_title_holding_a_guillemet_is_no_text():
    crumbs = (
        '<p class="crumbs"><a href="/">Accueil</a> &gt; Ressources &gt; '
        f'<a href="/alim">Alimentation</a> &gt; <strong>{LONG_TITLE}</strong></p>'
    )
    occ = one(page(crumbs + f"<h1>{LONG_TITLE}</h1>" + DATE + BODY))
    assert occ.title == LONG_TITLE and texts(occ, "body") == plain_body()


def test_a_spip_chapeau_is_the_resume_where_fields_are_shown():
    lead = '<div class="chapo"><p>Une journée en une phrase.</p></div>'
    fields = "<p><strong>Type de ressource :</strong> Autres</p>"
    occ = one(page(TITLE + DATE + lead + f'<div class="texte">{BODY}</div>' + fields))
    assert occ.fields["summary"] == "Une journée en une phrase."
    assert texts(occ, "body", "trailing") == plain_body()


def test_a_keywords_heading_over_its_tag_links_is_no_text():
    keywords = (
        '<div class="mots"><h2>Mots-clés</h2><p><a href="/mot/scic" rel="tag">SCIC</a></p></div>'
    )
    occ = one(page(TITLE + DATE + keywords + BODY))
    assert occ.tags == ["SCIC"]
    assert texts(occ, "body", "trailing") == plain_body()


@pytest.mark.parametrize("before", ["", "<p>Une ligne avant.</p>"])
def test_a_bare_tag_link_set_as_a_block_of_its_own_is_a_tag_not_text(before):
    header = (
        f'<header>{before}<a href="/tag/tiers-lieux" rel="tag">Tiers-lieux</a>'
        "<h1>Une journée d'échanges</h1></header>"
    )
    occ = one(page(header + DATE + BODY))
    assert occ.tags == ["Tiers-lieux"]
    assert "Tiers-lieux" not in texts(occ, "body", "trailing")


def test_a_private_pages_resume_line_heads_the_paragraphs_ending_its_box():
    box = (
        "<div><p><strong>Ressource privée :</strong> Oui</p><p><strong>Résumé :</strong></p>"
        "<p>Une journée en une phrase.</p><p>Et une seconde phrase.</p></div>"
    )
    occ = one(page(TITLE + DATE + box))
    assert occ.fields["is_private"] is True
    assert occ.fields["summary"] == "Une journée en une phrase.\n\nEt une seconde phrase."
    assert texts(occ, "body", "trailing") == []


def test_a_layout_tables_cell_holding_a_br_separated_body_gives_its_paragraphs():
    first = "Le premier paragraphe du corps rappelle le contexte de la journée d'échanges."
    second = "Le second paragraphe du corps présente les intervenants et les ateliers"
    cell = f'<table><tr><td><img src="/a.png"><div class="contenu">{first}<br /><br />{second}</div></td></tr></table>'
    occ = one(page(TITLE + DATE + cell))
    assert texts(occ, "body") == [first, second]


def test_a_dates_term_over_a_bare_date_is_meta():
    dates = '<dl><dt>Publié le</dt><dd><time datetime="2021-06-09">9 juin 2021</time></dd></dl>'
    occ = one(page(TITLE + dates + BODY))
    assert occ.published_date == date(2021, 6, 9) and "Publié le" in texts(occ, "meta")
    assert texts(occ, "body") == plain_body()


def test_a_see_also_list_of_the_sites_pages_goes_a_list_of_links_in_the_text_stays():
    see_also = (
        '<div class="relations"><h2>Voir aussi</h2><ul><li><a href="/le-reseau">Le réseau</a></li>'
        '<li><a href="/adherer">Adhérer au RTES</a></li></ul></div>'
    )
    further = (
        '<h2>Pour aller plus loin</h2><ul><li><a href="/guide-achats">Le guide des achats</a></li>'
        '<li><a href="/fiche-ptce">La fiche PTCE</a></li></ul>'
    )
    occ = one(page(TITLE + DATE + BODY + further + see_also))
    assert texts(occ, "body") == [
        *plain_body(),
        "Pour aller plus loin",
        "- Le guide des achats",
        "- La fiche PTCE",
    ]


def test_a_date_set_as_a_heading_classed_a_header_is_the_posts_date():
    heading = '<h2 class="date-header"><span>samedi 24 mars 2012</span></h2>'
    occ = one(page(TITLE + heading + BODY))
    assert occ.published_date == date(2012, 3, 24) and occ.kind == "article"
    assert texts(occ, "body") == plain_body()


def test_a_bare_date_in_a_block_classed_a_header_under_the_title_is_the_posts_date():
    header = (
        '<div class="post-header"><div class="post-header-line-1">'
        "<span>22 juillet 2013</span></div></div>"
    )
    occ = one(page(TITLE + header + BODY))
    assert occ.published_date == date(2013, 7, 22) and occ.kind == "article"
    assert texts(occ, "body") == plain_body()


def test_a_date_in_the_sites_header_above_the_title_dates_nothing():
    header = '<div class="site-header"><span>samedi 6 décembre 2026</span></div>'
    occ = one(page(header + TITLE + BODY))
    assert occ.published_date is None
    assert texts(occ, "body") == plain_body()


def test_term_links_over_the_title_are_the_tags_and_a_category_badge_is_no_text():
    tags = '<nav class="md-tags"><a href="/taxonomy/term/42" class="md-tag">SCIC</a></nav>'
    badge = '<p><a href="/alimentation-circuits-courts">Alimentation</a></p>'
    occ = one(page(f"<article>{tags}{TITLE}{DATE}{BODY}</article>"))
    assert occ.tags == ["SCIC"]
    assert texts(occ, "body", "trailing") == plain_body()
    badged = one(page(f"<article>{badge}{TITLE}{DATE}{BODY}</article>"))
    assert badged.tags == [] and texts(badged, "body", "trailing") == plain_body()


def test_a_blogger_labels_line_is_the_tags():
    labels = (
        '<span class="post-labels">Libellés : <a href="/tag/ptce" rel="tag">PTCE</a>, '
        '<a href="/tag/scic" rel="tag">SCIC</a></span>'
    )
    occ = one(page(TITLE + DATE + BODY + f"<div>{labels}</div>"))
    assert occ.tags == ["PTCE", "SCIC"]
    assert texts(occ, "body", "trailing") == plain_body()


def test_a_files_download_link_and_its_title_link_are_one_document():
    files = (
        '<ul><li><a href="/files/guide.pdf">Guide pratique</a> '
        '<a href="/files/guide.pdf?download=true">Télécharger (1,2 Mo)</a></li></ul>'
    )
    occ = one(page(TITLE + DATE + BODY + "<p><strong>Documents :</strong></p>" + files))
    assert occ.fields["documents"] == [
        {"title": "Guide pratique", "url": f"{BASE}/files/guide.pdf"}
    ]


def test_an_empty_category_label_before_the_articles_footer_takes_nothing_from_it():
    fields = (
        "<div><p><strong>Type de ressource :</strong> Autres</p></div>"
        '<div class="categories"><span><span class="label">Catégorie :</span> </span></div>'
    )
    footer = '<footer><div class="share"><a href="https://www.facebook.com/x">Facebook</a></div></footer>'
    occ = one(page(f"<article>{TITLE}{DATE}{BODY}{fields}{footer}</article>"))
    assert occ.fields["resource_type"] == "Autres"
    assert occ.fields.get("categories") in (None, [])


def test_a_dates_list_of_terms_gives_publication_and_update():
    dates = (
        '<dl><dt>Publié le</dt><dd><time datetime="2021-05-02">2 mai 2021</time></dd>'
        '<dt>Dernière mise à jour</dt><dd><time datetime="2021-05-19">19 mai 2021</time></dd></dl>'
    )
    occ = one(page(TITLE + dates + BODY))
    assert (occ.published_date, occ.updated_date) == (date(2021, 5, 2), date(2021, 5, 19))
    assert texts(occ, "body") == plain_body()


def test_a_bold_label_run_into_the_line_after_a_document_link_opens_its_own_line():
    fields = (
        '<div><b>Documents :</b><br /><a href="/files/etude.pdf">Étude emploi 2021</a>'
        '<b>Catégorie :</b> <a href="/alim">Alimentation</a><br /><b>Type de ressource :</b> Autres</div>'
    )
    occ = one(page(TITLE + DATE + BODY + fields))
    assert [d["title"] for d in occ.fields["documents"]] == ["Étude emploi 2021"]
    assert occ.fields["categories"] == ["Alimentation"] and occ.fields["resource_type"] == "Autres"
    assert texts(occ, "body", "trailing") == plain_body()


def test_an_empty_category_label_before_a_print_and_send_tool_bar_takes_nothing_from_it():
    fields = (
        "<p><strong>Type de ressource :</strong> Autres</p>"
        '<div class="categories-summary">Catégorie :</div>'
        '<ul class="tools"><li><a href="javascript:window.print()">Imprimer</a></li>'
        '<li><a href="mailto:?subject=RTES">Envoyer à un ami</a></li></ul>'
    )
    occ = one(page(f"<div>{TITLE}{DATE}{BODY}{fields}</div>"))
    assert occ.fields["resource_type"] == "Autres"
    assert occ.fields.get("categories") in (None, [])
    # a value of links to pages is still read
    linked = fields.replace("javascript:window.print()", "/alim").replace(
        "mailto:?subject=RTES", "/ptce"
    )
    assert one(page(f"<div>{TITLE}{DATE}{BODY}{linked}</div>")).fields["categories"] == [
        "Imprimer",
        "Envoyer à un ami",
    ]
    # a value with text of its own and a mail address is a value
    resume = (
        '<div><div class="libelle">Résumé</div><div class="valeur"><p>La journée a réuni les'
        ' élus du réseau. Contact : <a href="mailto:contact@rtes.fr">contact@rtes.fr</a></p>'
        "</div></div>"
    )
    summary = one(page(f"<div>{TITLE}{DATE}{BODY}{resume}</div>")).fields["summary"]
    assert summary == "La journée a réuni les élus du réseau. Contact : contact@rtes.fr"


def test_a_labelled_tag_line_in_a_posts_footer_gives_the_tags_and_the_footer_goes():
    post_footer = (
        '<div class="post-footer"><span class="post-author">Publié par Rédaction RTES</span>'
        ' <span class="post-comment-link">Aucun commentaire</span>'
        '<div class="post-footer-line"><span class="post-labels">Libellés : '
        '<a href="/search/label/PTCE" rel="tag">PTCE</a>, '
        '<a href="/search/label/SCIC" rel="tag">SCIC</a></span></div></div>'
    )
    occ = one(page(f'<div class="post">{TITLE}{DATE}{BODY}{post_footer}</div>'))
    assert occ.tags == ["PTCE", "SCIC"]
    assert texts(occ, "body", "trailing") == plain_body()
    # a footer of the site, outside the post, gives no tags
    site_footer = f'<div class="footer">{post_footer}</div>'
    html = f'<div class="post">{TITLE}{DATE}{BODY}</div>'
    assert one(page(html + site_footer.replace("post-footer", "links"))).tags == []


def test_a_resume_copying_two_paragraphs_around_an_image_name_holds_both():
    body = (
        f"<p>{LEAD}</p><p><a href='/system/files/inline-images/logo.png'>logo RTES.png</a></p>"
        "<p>Le second paragraphe du corps présente les intervenants et les ateliers.</p>"
        "<p>Un troisième paragraphe du corps conclut la journée d'échanges par un calendrier.</p>"
    )
    box = (
        "<div><p><strong>Type de ressource :</strong> Autres</p><h3>Résumé</h3>"
        f"<p>{LEAD}</p><p>Le second paragraphe du corps présente les intervenants et les ateliers.</p>"
        "</div>"
    )
    occ = one(page(f"<div>{TITLE}{DATE}<div>{body}</div>{box}</div>"))
    assert occ.fields["summary"] == (
        f"{LEAD}\n\nLe second paragraphe du corps présente les intervenants et les ateliers."
    )
    assert "Un troisième paragraphe" in " ".join(texts(occ, "body"))


def test_a_contact_between_two_lists_of_a_br_separated_body_is_one_paragraph():
    body = (
        "<div class='texte'>Le premier paragraphe du corps rappelle le contexte.<br><br>"
        "<ul><li>Les recycleries ;</li></ul>Contact :<br>Mathieu Rousseau<br>"
        "Vice-présidente chargée de l’ESS<br><a href='mailto:contact@rtes.fr'>contact@rtes.fr</a>"
        "<ul><li>Relocaliser la production.</li></ul>Le dernier paragraphe du corps.<br><br></div>"
    )
    occ = one(page(TITLE + DATE + body))
    assert texts(occ, "body") == [
        "Le premier paragraphe du corps rappelle le contexte.",
        "- Les recycleries ;",
        "Contact : Mathieu Rousseau Vice-présidente chargée de l’ESS contact@rtes.fr",
        "- Relocaliser la production.",
        "Le dernier paragraphe du corps.",
    ]
    # a body of single <br>s only (the /node/N rendering) still splits at each of them
    single = body.replace("<br><br>", "<br>")
    assert "Mathieu Rousseau" in texts(one(page(TITLE + DATE + single)), "body")
