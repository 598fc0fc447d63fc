"""rtes_core.extract: hand-written pages in tests/files → occurrences, one field per test."""

import re
from datetime import date

import pytest

from rtes_core.extract import occurrences_from_html
from tests.pages import FILES

SITE = "https://www.rtes.fr"

# fixture file → (page kind, URL the page was fetched at)
PAGES = {
    "d8_detail": ("detail", f"{SITE}/guide-des-achats-publics-responsables"),
    "d8_empty_documents": ("detail", f"{SITE}/note-de-conjoncture"),
    "d7_detail": ("detail", f"{SITE}/fiche-monnaies-locales"),
    "labels_detail": ("detail", f"{SITE}/tiers-lieux-et-collectivites"),
    "listing": ("listing", f"{SITE}/ressources"),
    "private_detail": ("detail", f"{SITE}/compte-rendu-ca"),
    "fallback": ("detail", f"{SITE}/rencontre-nationale-2019"),
}
DETAIL_PAGES = [name for name, (kind, _) in PAGES.items() if kind == "detail"]
# Text of the site chrome around the resource, in the fixtures: never part of an occurrence.
CHROME = [
    "Accueil menu principal",
    "Centre de ressources du réseau",
    "Adhérer au réseau",
    "Agenda des rencontres",
    "Mentions légales du site et plan du site",
    "Contactez le réseau au siège parisien",
    "Réseau des collectivités Territoriales pour une Economie Solidaire",
    "Réseau des collectivités Territoriales pour une Economie Sociale et Solidaire",
]


def extract(name):
    kind, url = PAGES[name]
    return occurrences_from_html((FILES / f"{name}.html").read_text(encoding="utf-8"), url, kind)


def one(name):
    found = extract(name)
    assert len(found) == 1
    return found[0]


def d8_page(body_html: str) -> str:
    """A minimal Drupal 8 detail page whose body field holds the given HTML."""
    return f"""<html><head><link rel="shortlink" href="/node/5"></head><body>
    <h1 class="page-title">Titre</h1>
    <article data-history-node-id="5" class="node">
      <div class="field field--name-body field--label-hidden field__item">{body_html}</div>
      <div class="field field--name-field-type-de-ressource">
        <div class="field__label">Type de ressource</div><div class="field__item">Guide</div>
      </div>
    </article></body></html>"""


# --- identity and metadata -------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, title",
    [
        ("d8_detail", "Guide des achats publics responsables"),
        ("d8_empty_documents", "Note de conjoncture"),
        ("d7_detail", "Fiche monnaies locales"),
        ("labels_detail", "Tiers-lieux et collectivités"),
        ("private_detail", "Compte rendu du conseil d'administration"),
        ("fallback", "Rencontre nationale 2019"),
    ],
)
def test_title(name, title):
    assert one(name).title == title


@pytest.mark.parametrize(
    "name, node_id",
    [
        ("d8_detail", 1234),  # data-history-node-id
        ("d7_detail", 456),  # id="node-456"
        ("private_detail", 900),
        ("fallback", 3141),  # shortlink in the head
        ("labels_detail", None),  # neither: identity by path only
    ],
)
def test_node_id(name, node_id):
    assert one(name).node_id == node_id


@pytest.mark.parametrize(
    "name, path",
    [
        ("d8_detail", "/guide-des-achats-publics-responsables"),  # about attribute
        ("d7_detail", "/fiche-monnaies-locales"),
        ("labels_detail", "/tiers-lieux-et-collectivites"),  # canonical link
        ("fallback", "/rencontre-nationale-2019"),
    ],
)
def test_path(name, path):
    assert one(name).path == path


@pytest.mark.parametrize(
    "name, published",
    [
        ("d8_detail", date(2016, 5, 12)),  # <time datetime>
        ("d7_detail", date(2014, 3, 20)),  # RDFa content attribute
        ("labels_detail", date(2020, 2, 3)),  # visible "Publié le 03/02/2020"
        ("d8_empty_documents", None),
    ],
)
def test_published_date(name, published):
    assert one(name).published_date == published


@pytest.mark.parametrize(
    "name, method",
    [
        ("d8_detail", "drupal_fields"),
        ("d7_detail", "drupal_fields"),
        ("labels_detail", "labels"),
        ("private_detail", "drupal_fields"),
        ("fallback", "fallback"),
    ],
)
def test_method(name, method):
    assert one(name).method == method


@pytest.mark.parametrize("name", DETAIL_PAGES)
def test_detail_page_kind_and_source_url(name):
    occ = one(name)
    assert (occ.page_kind, occ.source_url) == ("detail", PAGES[name][1])


# --- fields -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, resource_type",
    [
        ("d8_detail", "Guide méthodologique"),
        ("d8_empty_documents", "Étude"),
        ("d7_detail", "Fiche pratique"),
        ("labels_detail", "Dossier thématique"),
    ],
)
def test_resource_type(name, resource_type):
    assert one(name).fields["resource_type"] == resource_type


@pytest.mark.parametrize(
    "name, is_private",
    [
        ("d8_detail", False),
        ("d7_detail", False),
        ("labels_detail", False),
        ("private_detail", True),
    ],
)
def test_is_private(name, is_private):
    assert one(name).fields["is_private"] is is_private


def test_summary():
    assert (
        one("d8_detail").fields["summary"]
        == "Un guide pratique pour la commande publique socialement responsable."
    )


def test_documents_have_titles_and_absolute_urls():
    # the link shows "Guide complet (PDF)": the file's format is no part of the title
    assert one("d8_detail").fields["documents"] == [
        {"title": "Guide complet", "url": f"{SITE}/sites/default/files/guide-achats.pdf"},
        {"title": "Fiche de synthèse", "url": f"{SITE}/sites/default/files/fiche-synthese.pdf"},
    ]


def test_empty_documents_field_is_an_empty_list():
    assert one("d8_empty_documents").fields["documents"] == []


def test_empty_documents_label_is_a_field_block_not_body():
    occ = one("d8_empty_documents")
    assert [b.text for b in occ.blocks if b.origin == "field"][-1] == "Documents"
    assert "Documents" not in occ.body_blocks


@pytest.mark.parametrize(
    "name, categories",
    [
        ("d8_detail", ["Commande publique", "Insertion"]),
        ("d7_detail", ["Finances solidaires", "Monnaie"]),
        ("labels_detail", ["Tiers-lieux"]),
    ],
)
def test_categories(name, categories):
    assert one(name).fields["categories"] == categories


@pytest.mark.parametrize(
    "name, absent",
    [
        ("private_detail", {"resource_type", "summary", "documents", "categories"}),
        ("d7_detail", {"summary", "documents"}),
        ("fallback", {"resource_type", "is_private", "summary", "documents", "categories"}),
    ],
)
def test_fields_the_page_does_not_show_are_absent(name, absent):
    assert not absent & set(one(name).fields)


# --- blocks -------------------------------------------------------------------------------------


def test_body_blocks_in_order_with_list_items_prefixed():
    assert one("d8_detail").body_blocks == [
        "Ce guide présente les leviers dont disposent les collectivités pour intégrer des clauses "
        "sociales dans leurs marchés publics.",
        "Les étapes clés",
        "- Identifier les marchés concernés",
        "- Associer les structures d'insertion",
        "Il s'appuie sur les retours d'expérience de plusieurs territoires adhérents du réseau.",
    ]


def test_d7_body_blocks():
    assert one("d7_detail").body_blocks == [
        "Les monnaies locales complémentaires se développent dans de nombreux territoires.",
        "Cette fiche rappelle le cadre juridique et les modalités de soutien des collectivités.",
    ]


def test_labels_page_body_is_the_text_before_the_first_label():
    assert one("labels_detail").body_blocks == [
        "Les tiers-lieux renouvellent la manière dont les habitants se retrouvent et coopèrent.",
        "Ce dossier recense les formes de soutien que les collectivités peuvent leur apporter.",
    ]


def test_fallback_body_blocks():
    body = one("fallback").body_blocks
    assert len(body) == 3
    assert body[0].startswith("La rencontre nationale du réseau a réuni")
    assert body[2].startswith("Les actes de la rencontre seront publiés")


@pytest.mark.parametrize(
    "name, field_texts",
    [
        (
            "d8_detail",
            [
                "Type de ressource",
                "Guide méthodologique",
                "Ressource privée",
                "Non",
                "Résumé",
                "Un guide pratique pour la commande publique socialement responsable.",
                "Documents",
                "Guide complet (PDF)",
                "Catégorie",
                "Commande publique",
            ],
        ),
        ("d7_detail", ["Type de ressource:", "Fiche pratique", "Catégorie:", "Monnaie"]),
        (
            "labels_detail",
            ["Type de ressource :", "Dossier thématique", "Ressource privée :", "Tiers-lieux"],
        ),
    ],
)
def test_field_labels_and_values_are_field_blocks_not_body(name, field_texts):
    occ = one(name)
    non_body = [b.text for b in occ.blocks if b.origin != "body"]
    for text in field_texts:
        assert text in non_body
        assert text not in occ.body_blocks


def test_summary_block_has_its_own_origin():
    occ = one("d8_detail")
    assert [b.text for b in occ.blocks if b.origin == "summary"] == [
        "Un guide pratique pour la commande publique socialement responsable."
    ]


def test_field_blocks_come_after_the_body():
    origins = [b.origin for b in one("d8_detail").blocks]
    assert origins.index("field") > max(i for i, o in enumerate(origins) if o == "body")


@pytest.mark.parametrize("name", list(PAGES))
def test_site_chrome_is_in_no_block(name):
    texts = [b.text for occ in extract(name) for b in occ.blocks]
    assert texts  # the page has content
    for chrome in CHROME:
        assert not any(chrome in t for t in texts), chrome


@pytest.mark.parametrize("name", DETAIL_PAGES)
def test_title_is_not_a_block(name):
    occ = one(name)
    assert occ.title not in [b.text for b in occ.blocks]


@pytest.mark.parametrize("name", ["d8_detail", "d7_detail"])
def test_date_line_is_not_a_block(name):
    assert not any("Publié le" in b.text for b in one(name).blocks)


def test_private_page_keeps_the_member_notice_as_body():
    assert one("private_detail").body_blocks == [
        "Cette ressource est réservée aux adhérents du réseau."
    ]


# --- listing pages --------------------------------------------------------------------------


def test_listing_yields_one_occurrence_per_row():
    assert [(o.node_id, o.title) for o in extract("listing")] == [
        (10, "Budget participatif"),
        (11, "Coopératives d'énergie"),
    ]


def test_listing_occurrence_path_comes_from_the_title_link():
    assert [o.path for o in extract("listing")] == ["/budget-participatif", "/cooperatives-energie"]


def test_listing_occurrences_are_listing_kind():
    assert {(o.page_kind, o.source_url) for o in extract("listing")} == {
        ("listing", f"{SITE}/ressources")
    }


def test_listing_row_body_and_fields():
    first = extract("listing")[0]
    assert first.body_blocks == [
        "Retour sur les budgets participatifs consacrés à l'économie solidaire."
    ]
    assert first.fields == {"resource_type": "Retour d'expérience"}


def test_listing_trailing_copy_is_marked_trailing():
    for occ in extract("listing"):
        trailing = [b.text for b in occ.blocks if b.origin == "trailing"]
        assert trailing == occ.body_blocks  # the views-field-body copy of the body
        assert occ.blocks[-1].origin == "trailing"


def test_listing_rows_do_not_leak_into_each_other():
    first, second = extract("listing")
    assert not any("coopératives" in b.text for b in first.blocks)
    assert not any("budgets participatifs" in b.text for b in second.blocks)


def test_listing_title_link_to_node_path_gives_the_node_id():
    html = """<html><body><div class="views-row"><article class="node">
      <h2 class="node__title"><a href="/node/42" rel="bookmark">Sans alias</a></h2>
      <div class="field field--name-body field__item"><p>Un texte.</p></div>
    </article></div></body></html>"""
    [occ] = occurrences_from_html(html, f"{SITE}/ressources", "listing")
    assert (occ.node_id, occ.path, occ.title) == (42, None, "Sans alias")


def test_listing_without_resources_gives_nothing_and_no_fallback():
    html = "<html><body><h1>Ressources</h1><p>Aucune ressource ne correspond à votre recherche.</p></body></html>"
    assert occurrences_from_html(html, f"{SITE}/ressources", "listing") == []


# --- block splitting rules --------------------------------------------------------------------


@pytest.mark.parametrize(
    "body_html, blocks",
    [
        ("<p>Un</p><p>Deux</p>", ["Un", "Deux"]),
        ("<p>Ligne un<br>ligne deux</p>", ["Ligne un ligne deux"]),
        ("<ol><li>Premier</li><li>Second</li></ol>", ["- Premier", "- Second"]),
        ("<h3>Titre</h3><p>Texte</p>", ["Titre", "Texte"]),
        ("<p>Un <!-- commentaire --> deux<script>alert(1)</script></p>", ["Un deux"]),
        ("<p>&nbsp;</p><p>Texte</p>", ["Texte"]),
        ("Texte libre<p>Paragraphe</p>suite", ["Texte libre", "Paragraphe", "suite"]),
    ],
)
def test_body_block_splitting(body_html, blocks):
    [occ] = occurrences_from_html(d8_page(body_html), f"{SITE}/titre", "detail")
    assert occ.body_blocks == blocks


def test_list_item_wrapping_a_paragraph_keeps_its_marker():
    [occ] = occurrences_from_html(
        d8_page("<ul><li><p>Premier</p></li><li>Second</li></ul>"), f"{SITE}/titre", "detail"
    )
    assert occ.body_blocks == ["- Premier", "- Second"]


def test_list_item_with_nested_list_keeps_its_marker():
    [occ] = occurrences_from_html(
        d8_page("<ul><li>Parent<ul><li>Enfant</li></ul></li></ul>"), f"{SITE}/titre", "detail"
    )
    assert occ.body_blocks == ["- Parent", "- Enfant"]


# --- visible-label layouts (themes without field classes) ------------------------------------


def labels_page(fields_html: str) -> str:
    return f"""<html><body><article class="node"><h1>Titre</h1>
      <p>Corps du texte.</p>{fields_html}</article></body></html>"""


@pytest.mark.parametrize(
    "fields_html, fields",
    [
        ("<p><b>Résumé :</b> Un résumé court.</p>", {"summary": "Un résumé court."}),
        (
            '<p><strong>Documents :</strong> <a href="/sites/default/files/a.pdf">Annexe</a></p>',
            {"documents": [{"title": "Annexe", "url": f"{SITE}/sites/default/files/a.pdf"}]},
        ),
        (
            '<div class="a"><div>Type de ressource</div><div>Guide</div></div>'
            '<div class="b"><div>Ressource privée</div><div>Oui</div></div>',
            {"resource_type": "Guide", "is_private": True},
        ),
        ("<dl><dt>Type de ressource</dt><dd>Guide</dd></dl>", {"resource_type": "Guide"}),
    ],
    ids=["inline-b", "inline-strong-link", "div-pairs", "single-dt-dd"],
)
def test_label_layouts(fields_html, fields):
    [occ] = occurrences_from_html(labels_page(fields_html), f"{SITE}/titre", "detail")
    assert occ.method == "labels"
    assert occ.fields == fields
    assert occ.body_blocks == ["Corps du texte."]


def test_label_layout_definition_list_of_several_fields():
    html = labels_page(
        "<dl><dt>Type de ressource</dt><dd>Guide</dd><dt>Ressource privée</dt><dd>Oui</dd></dl>"
    )
    [occ] = occurrences_from_html(html, f"{SITE}/titre", "detail")
    assert occ.fields == {"resource_type": "Guide", "is_private": True}


MALFORMED_HREF = "http://[broken"  # urlsplit raises "Invalid IPv6 URL" on it (found by hypothesis)


def test_malformed_links_raise_nothing_and_documents_keep_them():
    html = re.sub(
        r'(rel="(?:canonical|shortlink)" href=")[^"]*',
        rf"\g<1>{MALFORMED_HREF}",
        (FILES / "d8_detail.html").read_text(encoding="utf-8"),
    )
    html = html.replace('href="/sites/default/files/guide-achats.pdf"', f'href="{MALFORMED_HREF}"')
    [occ] = occurrences_from_html(html, "https://www.rtes.fr/guide", "detail")
    assert (
        occ.title == "Guide des achats publics responsables"
    )  # identity still comes from the article
    assert occ.fields["documents"][0] == {"title": "Guide complet", "url": MALFORMED_HREF}
