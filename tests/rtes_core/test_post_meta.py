"""What blogs and site builders show around a post and the product must not take for its text:
the meta line ("9 juin 2021 · 3 min de lecture"), the byline ("Par Rédaction RTES", an author
element beside an avatar) and a document card's download button."""

from __future__ import annotations

from datetime import date

import pytest

from rtes_core.dates import is_date_line, is_post_meta, line_dates
from rtes_core.extract.fields import document_title
from tests.rtes_core.test_bootstrap_markup import BODY, read, texts

BASE = "https://www.rtes.fr"


def page(content: str) -> str:
    return (
        "<html><head><title>Une journée | RTES</title></head><body>"
        f'<div class="page"><main class="content">{content}</main></div></body></html>'
    )


# --- the meta line -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, expected",
    [
        ("9 juin 2021 · 3 min de lecture", (date(2021, 6, 9), None)),
        ("24 mars 2012 • 6 min", (date(2012, 3, 24), None)),
        ("Par Rédaction RTES · 9 juin 2021 · 3 min", (date(2021, 6, 9), None)),
        ("Rédaction RTES | 9 juin 2021", (date(2021, 6, 9), None)),
        ("9 juin 2021 - 3 min read", (date(2021, 6, 9), None)),
        ("Publié le 9 juin 2021 | Lecture : 3 min", (date(2021, 6, 9), None)),
        ("9 juin 2021 · 3 min · mis à jour le 14 juin 2021", (date(2021, 6, 9), date(2021, 6, 14))),
        ("09/06/2021 · 2 commentaires", (date(2021, 6, 9), None)),
    ],
)
def test_a_posts_meta_line_is_a_date_line_and_gives_its_dates(line, expected):
    assert is_date_line(line)
    assert line_dates(line) == expected


@pytest.mark.parametrize(
    "line", ["Par Rédaction RTES", "3 min de lecture", "Auteur : Marie de La Tour", "Par X · 3 min"]
)
def test_a_byline_or_a_reading_time_alone_is_post_meta_without_a_date(line):
    assert is_post_meta(line) and not is_date_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Par ailleurs, la commune a voté son plan.",
        "Par ailleurs la commune a voté",  # lower-case words: a sentence, no name
        "Lyon · Marseille",  # names without a date or a reading time
        "PTCE | SCIC",
        "9 juin 2021",  # a bare date, read only where a page's date stands
        "12 vues",
        "Les 3 minutes qui comptent · un atelier",
    ],
)
def test_a_sentence_a_tag_line_or_a_lone_date_is_no_post_meta(line):
    assert not is_post_meta(line)


def test_the_meta_line_dates_the_post_and_leaves_its_body():
    occ = read(
        page(
            "<h1>Une journée d'échanges</h1>"
            '<div class="post-info"><span>9 juin 2021</span> <span>·</span> '
            "<span>3 min de lecture</span></div>"
            f'<div class="rich-text">{BODY}</div>'
        )
    )
    assert occ.published_date == date(2021, 6, 9)
    body = texts(occ, "body", "trailing")
    assert body[0].startswith("Le premier paragraphe") and len(body) == 2
    assert texts(occ, "date") == ["9 juin 2021 · 3 min de lecture"]


def test_a_byline_line_under_the_title_is_meta_not_body_nor_tag():
    occ = read(
        page(f"<h1>Une journée d'échanges</h1><p>Par Rédaction RTES</p><p>09/06/2021</p>{BODY}")
    )
    assert texts(occ, "meta") == ["Par Rédaction RTES"]
    assert len(texts(occ, "body", "trailing")) == 2 and occ.tags == []
    assert occ.published_date == date(2021, 6, 9)


def test_a_signature_at_the_end_of_a_body_stays():
    occ = read(
        page(f"<h1>Une journée d'échanges</h1><p>09/06/2021</p>{BODY}<p>Par Anne Martin</p>")
    )
    assert texts(occ, "body", "trailing")[-1] == "Par Anne Martin"


@pytest.mark.parametrize(
    "mark",
    ['class="post-author"', 'class="blog-author-name"', 'rel="author"', 'itemprop="author"'],
)
def test_an_author_element_beside_an_avatar_is_meta_not_body_nor_tag(mark):
    occ = read(
        page(
            "<h1>Une journée d'échanges</h1>"
            f'<div class="meta"><img src="/a.png" alt="Rédaction RTES"><a href="/equipe" {mark}>'
            "Rédaction RTES</a></div><p>09/06/2021</p>"
            f"{BODY}"
        )
    )
    assert texts(occ, "meta") == ["Rédaction RTES"]
    body = texts(occ, "body", "trailing")
    assert "Rédaction RTES" not in body and len(body) == 2
    assert occ.tags == []


@pytest.mark.parametrize(
    "href", ["/author/redaction", "/auteurs/anne-martin/", "/user/12", "/blog/authors/anne"]
)
def test_a_link_to_an_authors_page_is_a_byline_with_no_mark_on_it(href):
    # a theme stripped of its classes still links its author's page: the link is who wrote it
    occ = read(
        page(
            "<h1>Une journée d'échanges</h1>"
            f'<ul><li><a href="/2021/06/09/">9 juin 2021</a></li><li><a href="{href}">'
            f"Rédaction RTES</a></li></ul>{BODY}"
        )
    )
    assert texts(occ, "meta") == ["Rédaction RTES"]
    body = texts(occ, "body", "trailing")
    assert len(body) == 2 and not any("Rédaction RTES" in line for line in body)


def test_a_link_to_an_account_page_is_no_byline():
    occ = read(
        page(
            f"<h1>Une journée d'échanges</h1><p>09/06/2021</p>{BODY}"
            '<p><a href="/user/login">Espace adhérent</a></p>'
        )
    )
    assert texts(occ, "meta") == []


def test_an_author_class_on_a_long_element_takes_no_body():
    long_body = "<p>" + "Un long paragraphe sur la coopération entre collectivités. " * 4 + "</p>"
    occ = read(
        page(
            f"<h1>Une journée d'échanges</h1><p>09/06/2021</p>"
            f'<div class="author-content">{long_body}</div>{BODY}'
        )
    )
    assert len(texts(occ, "body", "trailing")) == 3 and texts(occ, "meta") == []


# --- document links ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shown, expected",
    [
        ("Télécharger (PDF)", None),
        ("Voir le document", None),
        ("Rapport 2021 (PDF, 1,2 Mo)", "Rapport 2021"),
        ("Programme (pdf - 350 Ko)", "Programme"),
        ("Bilan 2020 [PDF]", "Bilan 2020"),
        ("programme.pdf 1,2 Mo Télécharger (PDF)", "programme.pdf"),
        ("Compte rendu - Télécharger", "Compte rendu"),
        ("Les 10 Mo de données ouvertes", "Les 10 Mo de données ouvertes"),
        ("Guide des PTCE", "Guide des PTCE"),
    ],
)
def test_a_document_links_title_loses_its_size_format_and_action(shown, expected):
    assert document_title(shown) == expected


def test_a_download_button_beside_a_documents_title_link_is_the_same_document():
    occ = read(
        page(
            "<h1>Une journée d'échanges</h1>"
            f'<div class="field field--name-body">{BODY}</div>'
            '<div class="field field--name-field-documents"><div class="field__label">Documents</div>'
            '<div class="field__item"><a href="/sites/default/files/guide.pdf">Guide des PTCE</a> '
            '<a class="button" href="/sites/default/files/guide.pdf">Télécharger (PDF)</a></div>'
            '<div class="field__item"><a href="/sites/default/files/annexe.pdf">'
            "Télécharger (PDF, 200 Ko)</a></div></div>"
        )
    )
    assert occ.fields["documents"] == [
        {"title": "Guide des PTCE", "url": f"{BASE}/sites/default/files/guide.pdf"},
        {"title": "annexe.pdf", "url": f"{BASE}/sites/default/files/annexe.pdf"},
    ]
