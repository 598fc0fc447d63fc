"""Pages written from the real rtes.fr page texts (tests/files/real/), each in two markups: Drupal 8
classes (`_d8`) and a theme never seen (`_x`: other class names, divs, labels inline or above, no
field classes); and each of the two again with no name a rule could know (`_d8u`, `_xu`: every
class and id opaque, no sectioning tag, headings two levels lower: mirror/theme3.py's
unseen_markup). City Scrapers style: a saved page, `file_response(path, url=...)`, one field per
test."""

from datetime import date

import pytest

from mirror.theme3 import unseen_markup
from pipeline.clean import Cleaner
from pipeline.config import DEFAULT_DEDUP
from rtes_core.extract import occurrences_from_html
from tests.pages import FILES, file_response

REAL = FILES / "real"  # pages written from the real site's texts
SITE = "https://www.rtes.fr"
CLEANER = Cleaner(DEFAULT_DEDUP)
THEMES = ("d8", "x", "d8u", "xu")
UNSEEN = "u"  # suffix of a markup turned into one no rule could know


def read(name: str, path: str = "/page", kind: str = "detail"):
    unseen = name.endswith(UNSEEN)
    response = file_response(
        REAL / f"{name.removesuffix(UNSEEN) if unseen else name}.html", url=SITE + path
    )
    html = unseen_markup(response.text) if unseen else response.text
    return occurrences_from_html(html, response.url, kind)


def one(name: str, path: str = "/page"):
    [occ] = read(name, path)
    return occ


def cleaned(occ):
    return CLEANER.clean(occ.blocks, occ.fields.get("summary"))


# --- a resource: field block in the real order, empty Documents and Catégorie, a tag line ----


@pytest.mark.parametrize("theme", THEMES)
def test_resource_kind(theme):
    assert one(f"resource_{theme}").kind == "resource"


@pytest.mark.parametrize("theme", THEMES)
def test_resource_type(theme):
    assert one(f"resource_{theme}").fields["resource_type"] == "Ressources RTES"


@pytest.mark.parametrize("theme", THEMES)
def test_resource_not_private(theme):
    assert one(f"resource_{theme}").fields["is_private"] is False


@pytest.mark.parametrize("theme", THEMES)
def test_empty_documents_and_categories(theme):
    fields = one(f"resource_{theme}").fields
    assert (fields["documents"], fields["categories"]) == ([], [])


@pytest.mark.parametrize("theme", THEMES)
def test_tag_line_is_a_tag_not_a_paragraph(theme):
    occ = one(f"resource_{theme}")
    assert occ.tags == ["PTCE"]
    assert "PTCE" not in cleaned(occ).paragraphs


@pytest.mark.parametrize("theme", THEMES)
def test_summary_copy_recognised_and_body_kept(theme):
    result = cleaned(one(f"resource_{theme}"))
    assert result.paragraphs[0].startswith("Le RTES a organisé le 12 mars 2021")
    assert any(r.reason == "summary_copy" for r in result.removed)


@pytest.mark.parametrize("theme", THEMES)
def test_noise_out(theme):
    body = "\n".join(cleaned(one(f"resource_{theme}")).paragraphs)
    for noise in (
        "pic.twitter.com",
        "@CoopdesCommuns",
        "RTES Club Lodève",
        "Cybulski",
        "Photos par",
        "document.jpg",
        "Documents",
        "Type de ressource",
    ):
        assert noise not in body


@pytest.mark.parametrize("theme", THEMES)
def test_noise_reasons_in_the_audit(theme):
    result = cleaned(one(f"resource_{theme}"))
    reasons = {r.reason for r in result.removed + result.edits}
    assert {"embedded_tweet", "carousel_caption", "photo_credit", "inline_file_name"} <= reasons


@pytest.mark.parametrize("theme", THEMES)
def test_sentence_around_an_inline_file_name_kept(theme):
    paragraphs = cleaned(one(f"resource_{theme}")).paragraphs
    assert (
        "Les élus ont rappelé que la coopération entre acteurs suppose de sortir d’une logique de guichet. "
        "Quelle place pour les collectivités dans la gouvernance des PTCE ?"
    ) in paragraphs


@pytest.mark.parametrize("theme", THEMES)
def test_link_lines_and_footnote_markers_stay(theme):
    paragraphs = cleaned(one(f"resource_{theme}")).paragraphs
    assert "Version mise en page à retrouver ici" in paragraphs
    assert "Téléchargez les Points de RepèrESS n°12 en cliquant ici" in paragraphs
    assert any("[153]" in p for p in paragraphs)


def test_flat_summary_of_two_paragraphs_is_found_whole():
    occ = one("resource_flat_x")
    assert occ.fields["summary"].count("\n\n") == 1
    assert cleaned(occ).paragraphs[:3] == [
        occ.fields["summary"].split("\n\n")[0],
        occ.fields["summary"].split("\n\n")[1],
        "Les PTCE [153] associent des entreprises de l’ESS et des collectivités d’un même territoire.",
    ]


def test_inline_labels_and_newer_site_name():
    occ = one("resource_flat_x")
    assert occ.fields["resource_type"] == "Autres"
    assert occ.fields["categories"] == ["Coopération économique (PTCE, SCIC, communs)"]
    assert not any("Économie Sociale et Solidaire" in p for p in cleaned(occ).paragraphs)


# --- a private resource: Résumé public, member notice, no body --------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_private_flag(theme):
    assert one(f"private_{theme}").fields["is_private"] is True


@pytest.mark.parametrize("theme", THEMES)
def test_private_summary_kept(theme):
    assert (
        one(f"private_{theme}")
        .fields["summary"]
        .startswith("Compte rendu du conseil d’administration du 3")
    )


@pytest.mark.parametrize("theme", THEMES)
def test_private_member_notice_gone(theme):
    result = cleaned(one(f"private_{theme}"))
    assert result.paragraphs == []
    assert any(
        r.reason == "boilerplate" and r.text.startswith("Collectivités adhérentes")
        for r in result.removed
    )


@pytest.mark.parametrize("theme", THEMES)
def test_private_category(theme):
    assert one(f"private_{theme}").fields["categories"] == ["Vie du réseau"]


# --- news articles ---------------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_article_kind(theme):
    assert one(f"article_{theme}").kind == "article"


@pytest.mark.parametrize("theme", THEMES)
def test_article_dates_before_the_title(theme):
    occ = one(f"article_{theme}")
    assert (occ.published_date, occ.updated_date) == (date(2021, 6, 9), date(2021, 6, 14))


@pytest.mark.parametrize("theme", THEMES)
def test_article_title_and_body(theme):
    occ = one(f"article_{theme}")
    assert occ.title == "Lyon adopte son plan ESS"
    paragraphs = cleaned(occ).paragraphs
    assert (
        paragraphs[-1]
        == "Le plan prévoit un fonds de 3 millions d’euros pour les projets coopératifs."
    )
    assert not any(p.startswith("Publié le") or p in {"dfgh", "mahel"} for p in paragraphs)


@pytest.mark.parametrize("theme", THEMES)
def test_old_article_date_after_the_title(theme):
    occ = one(f"old_article_{theme}")
    assert (occ.kind, occ.published_date) == ("article", date(2014, 10, 19))
    assert not any("16:50" in p for p in cleaned(occ).paragraphs)


def test_node_rendering_single_line_breaks_are_paragraphs():
    occ = one("node_x", "/node/3101")
    assert (occ.kind, occ.published_date) == ("article", date(2021, 6, 9))
    assert len(cleaned(occ).paragraphs) == 2


# --- member profiles and region listings -------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_member_kind(theme):
    assert one(f"member_{theme}").kind == "member"


@pytest.mark.parametrize("theme", THEMES)
def test_member_fields(theme):
    fields = one(f"member_{theme}").fields
    assert (
        fields["collectivite_type"],
        fields["population"],
        fields["joined_year"],
        fields["region"],
    ) == ("Intercommunalité", 15000, 2012, "Occitanie")


@pytest.mark.parametrize("theme", THEMES)
def test_member_last_update(theme):
    assert one(f"member_{theme}").updated_date == date(2019, 1, 7)


@pytest.mark.parametrize("theme", THEMES)
def test_member_sections(theme):
    sections = one(f"member_{theme}").fields["sections"]
    assert set(sections) == {"panorama", "budget", "programme", "exemples"}
    assert sections["budget"] == ["450 000 euros par an, dont un appel à projets annuel."]


@pytest.mark.parametrize("theme", THEMES)
def test_region_listing_gives_members_not_records(theme):
    found = read(f"region_{theme}", "/occitanie", "listing")
    assert [(o.kind, o.page_class, o.title) for o in found] == [
        ("member", "listing", "Ville de Toulouse"),
        ("member", "listing", "Communauté de communes du Lodévois et Larzac"),
    ]


def test_region_listing_member_fields_inline():
    toulouse = read("region_x", "/occitanie", "listing")[0]
    assert (toulouse.fields["population"], toulouse.fields["joined_year"], toulouse.path) == (
        493465,
        2004,
        "/ville-de-toulouse",
    )


# --- pages that are not records -------------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_basic_page(theme):
    assert one(f"basic_{theme}").kind == "basic"


@pytest.mark.parametrize("theme", THEMES)
def test_newsletter(theme):
    assert one(f"newsletter_{theme}").kind == "newsletter"


def test_basic_page_of_an_unknown_theme_without_its_chrome():
    paragraphs = cleaned(one("basic_x")).paragraphs
    assert paragraphs == [
        "Le RTES rassemble plus de 160 collectivités territoriales qui s’engagent pour "
        "l’économie sociale et solidaire."
    ]


# --- a category listing of an unknown theme: mixed items, no separator ----------------------------


def test_category_listing_items_split_at_their_titles():
    found = read("category_listing_x", "/cooperation-economique-ptce-scic-communs", "listing")
    assert [(o.kind, o.path) for o in found] == [
        ("resource", "/retours-sur-la-journee-ptce-de-lodeve"),
        ("article", "/lyon-adopte-son-plan-ess"),
    ]


def test_category_listing_term():
    found = read("category_listing_x", "/cooperation-economique-ptce-scic-communs", "listing")
    assert {o.listing_term for o in found} == {"Coopération économique (PTCE, SCIC, communs)"}


def test_listing_item_date_line_before_its_title_goes_to_its_item():
    resource, article = read(
        "category_listing_x", "/cooperation-economique-ptce-scic-communs", "listing"
    )
    assert (resource.published_date, article.published_date) == (None, date(2024, 5, 17))


def test_listing_pager_is_not_text():
    article = read("category_listing_x", "/cooperation-economique-ptce-scic-communs", "listing")[1]
    assert cleaned(article).paragraphs[-1].startswith("Le plan prévoit")
