"""Markups that site builders write (Squarespace, Wix, Webflow, Next.js themes) and that the
product meets nowhere else, each construct alone and in a markup of this file's own: a related
box beside the text, chips run together, labels only as accessible names, tag pills after the
body, download cards, blog lists titling their items in <h1>, a private page of little text."""

from __future__ import annotations

from rtes_core.extract import occurrences_from_html
from tests.rtes_core.test_bootstrap_markup import BASE, BODY, texts

TITLE = "<h1>Une journée d'échanges</h1>"
DATE = "<p>09/06/2021</p>"


def page(content: str, aside: str = "", wrapper: str = "article") -> str:
    """A page whose one <article> wraps the whole content and its side column (as Squarespace
    writes it: an <article> is no node there; Wix wraps it in <div>s)."""
    return (
        "<html><head><title>Une journée | RTES</title>"
        '<link rel="shortlink" href="/node/1018"></head><body>'
        f'<div id="wrapper"><main class="page"><{wrapper} class="sections"><div class="row">'
        f'<div class="col-main">{content}</div><div class="col-side">{aside}</div>'
        f"</div></{wrapper}></main></div></body></html>"
    )


def read(html: str, kind: str = "detail", path: str = "/une-journee"):
    return occurrences_from_html(html, f"{BASE}{path}", kind)


RELATED = (
    "<h3>Articles similaires</h3><div class='list'>"
    + "".join(
        f'<div class="item"><div class="t"><a href="/autre-{n}">Autre page {n}</a></div>'
        f"<div class='m'><time>1{n} mai 2020</time></div></div>"
        for n in range(3)
    )
    + "</div>"
)


def test_a_related_box_beside_a_detail_page_is_no_listing_and_no_text():
    [occ] = read(page(TITLE + DATE + BODY, RELATED))
    assert occ.node_id == 1018 and occ.path == "/une-journee"
    body = texts(occ, "body", "trailing")
    assert body[0].startswith("Le premier paragraphe") and len(body) == 2
    assert not any("Autre page" in t or "similaires" in t for t in body)


def test_the_same_box_on_a_listing_page_stays_its_items():
    listing = page("<h1>Alimentation</h1>" + RELATED)
    found = read(listing, kind="listing", path="/alimentation")
    assert [o.path for o in found] == ["/autre-0", "/autre-1", "/autre-2"]


def test_teasers_with_a_lead_beside_a_page_title_still_read_as_a_listing():
    items = "".join(
        f'<div class="item"><h2><a href="/autre-{n}">Autre page {n}</a></h2><p>1{n}/05/2020</p>'
        f"<p>Le chapeau de l'autre page {n}, coupé avant la fin…</p></div>"
        for n in range(3)
    )
    found = read(page("<h1>Actualités</h1>" + items))
    assert [o.path for o in found] == ["/autre-0", "/autre-1", "/autre-2"]


CHIPS = (
    '<div class="chips"><a class="chip" href="/alimentation-circuits-courts">Alimentation, '
    'circuits courts</a><a class="chip" href="/retours-sur-les-formations">Retours sur les '
    'formations</a><span class="chip chip--type">Autres</span></div>'
)


def test_chips_that_touch_are_terms_apart_and_a_known_type_among_them_is_the_type():
    [occ] = read(page(TITLE + DATE + CHIPS + BODY))
    assert occ.tags == ["Alimentation, circuits courts", "Retours sur les formations"]
    assert occ.fields["resource_type"] == "Autres"
    assert not any("circuits courtsRetours" in t for t in texts(occ, "body", "trailing"))
    assert len(texts(occ, "body", "trailing")) == 2


def test_spans_that_touch_inside_a_paragraph_are_no_chips():
    paragraph = (
        "<p><span>Le réseau accompagne les collectivités </span><span>dans leurs politiques "
        "de l’économie sociale et solidaire.</span></p>"
    )
    [occ] = read(page(TITLE + DATE + paragraph + BODY))
    assert occ.tags == [] and "resource_type" not in occ.fields
    assert texts(occ, "body", "trailing")[0].startswith("Le réseau accompagne")


ICON_FIELDS = (
    '<ul class="facts"><li aria-label="Type de ressource"><svg aria-hidden="true"></svg>'
    '<span>Ressources RTES</span></li><li aria-label="Ressource privée"><svg></svg><span>Non'
    "</span></li></ul>"
)
ICON_SUMMARY = (
    '<aside class="callout" aria-label="Résumé"><svg></svg><div><p>Un résumé court de la '
    "journée.</p></div></aside>"
)


def test_labels_shown_only_as_accessible_names_are_read_as_labels():
    [occ] = read(page(TITLE + DATE + ICON_FIELDS + BODY + ICON_SUMMARY))
    assert occ.fields["resource_type"] == "Ressources RTES"
    assert occ.fields["is_private"] is False
    assert occ.fields["summary"] == "Un résumé court de la journée."
    body = texts(occ, "body", "trailing")
    assert len(body) == 2 and "Ressources RTES" not in body


def test_an_accessible_name_that_is_no_field_label_changes_nothing():
    nav = '<div aria-label="Partager"><span>Facebook</span></div>'
    [occ] = read(page(TITLE + DATE + BODY + nav))
    assert occ.fields == {} and occ.kind == "article"


def test_tag_pills_after_the_body_are_tags_not_text():
    pills = '<div class="pills"><a href="/taxonomy/term/41">PTCE</a><a href="/taxonomy/term/42">SCIC</a></div>'
    [occ] = read(page(TITLE + DATE + BODY + pills))
    assert occ.tags == ["PTCE", "SCIC"]
    assert texts(occ, "body", "trailing")[-1].startswith("Le second paragraphe")


def test_a_term_link_inside_a_sentence_stays_text():
    sentence = (
        '<p>Voir les autres ressources sur les <a href="/taxonomy/term/41">PTCE</a> du réseau.</p>'
    )
    [occ] = read(page(TITLE + DATE + BODY + sentence))
    assert occ.tags == []
    assert (
        texts(occ, "body", "trailing")[-1] == "Voir les autres ressources sur les PTCE du réseau."
    )


def test_a_download_card_is_titled_by_its_title_not_its_parts():
    card = (
        '<div class="field field--name-field-documents"><div class="field__label">Documents</div>'
        '<div class="field__item"><a class="download-card" href="/sites/default/files/guide.pdf">'
        '<span class="t">Guide pratique : économie circulaire</span><span>guide.pdf</span>'
        '<span>1,4 Mo</span><span class="btn">Télécharger (PDF)</span></a></div></div>'
    )
    [occ] = read(page(TITLE + DATE + f'<div class="field field--name-body">{BODY}</div>' + card))
    assert occ.fields["documents"] == [
        {
            "title": "Guide pratique : économie circulaire",
            "url": f"{BASE}/sites/default/files/guide.pdf",
        }
    ]


def test_a_blog_list_titling_its_items_in_h1_is_split_at_them():
    items = "".join(
        f'<article class="blog-item"><span>1{n} mai 2020</span><h1><a href="/autre-{n}">Autre '
        f"page {n}</a></h1><p>Le premier paragraphe de l'autre page {n}, en entier ici.</p>"
        "</article>"
        for n in range(2)
    )
    found = read(
        page(f'<h1>Alimentation</h1><div class="grid">{items}</div>'),
        kind="listing",
        path="/alimentation",
    )
    assert [(o.path, o.title) for o in found] == [
        ("/autre-0", "Autre page 0"),
        ("/autre-1", "Autre page 1"),
    ]


def test_a_private_page_of_a_long_title_and_little_text_keeps_its_fields():
    title = (
        "<h1>" + "Retours sur la journée d’échanges à Lille : témoignages des élus " * 2 + "</h1>"
    )
    content = (
        f'<div class="a">{title}{DATE}</div>'
        '<div class="b"><div><span>Ressource privée</span><span>Oui</span></div></div>'
        '<div class="c"><p>Cette ressource est réservée aux collectivités adhérentes.</p></div>'
    )
    [occ] = read(page(content, wrapper="div"))
    assert occ.fields.get("is_private") is True and occ.node_id == 1018
