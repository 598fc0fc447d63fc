"""Teaser items and <br>-separated bodies in markup the mirror never renders (no node classes,
no teaser view-mode class): the rules decide by structure and text."""

from __future__ import annotations

from rtes_core.extract import occurrences_from_html

SITE = "http://example.org"
LEAD = "La métropole lance un appel à projets pour soutenir les structures de l'ESS du territoire …"
FULL = [
    "La région adopte son schéma de développement de l'économie sociale et solidaire.",
    "Il prévoit trois axes de travail et un budget de deux millions d'euros sur cinq ans.",
]


def listing(items: str) -> str:
    return (
        "<html><body><div id='contenu'><h1>Alimentation, circuits courts</h1>"
        f"<div class='liste'>{items}</div></div></body></html>"
    )


def cut_item(path: str, title: str) -> str:
    return f"<div class='bloc'><h3><a href='{path}'>{title}</a></h3><p>{LEAD}</p></div>"


def read_more_item(path: str, title: str) -> str:
    return (
        f"<div class='bloc'><h3><a href='{path}'>{title}</a></h3><p>Un texte court.</p>"
        f"<a href='{path}'>En savoir plus</a></div>"
    )


def full_item(path: str, title: str) -> str:
    body = "".join(f"<p>{t}</p>" for t in FULL)
    return (
        f"<div class='bloc'><h3><a href='{path}'>{title}</a></h3>"
        f"<p>Publié le 9 juin 2021</p>{body}</div>"
    )


def test_cut_lead_items_are_listed_occurrences_without_text():
    html = listing(cut_item("/appel-a-projets", "Appel à projets") + cut_item("/autre", "Autre"))
    found = occurrences_from_html(html, f"{SITE}/alimentation-circuits-courts", "listing")
    assert [o.path for o in found] == ["/appel-a-projets", "/autre"]
    assert all(o.method == "teaser" and o.kind == "resource" for o in found)
    assert all(o.blocks == [] and o.fields == {} for o in found)
    assert {o.listing_term for o in found} == {"Alimentation, circuits courts"}


def test_read_more_items_make_a_listing_even_on_a_page_crawled_as_detail():
    html = listing(read_more_item("/a", "Premier") + read_more_item("/b", "Second"))
    found = occurrences_from_html(html, f"{SITE}/une-page", "detail")
    assert [o.path for o in found] == ["/a", "/b"]
    assert all(o.method == "teaser" and o.page_kind == "listing" for o in found)
    assert not any("savoir plus" in b.text or "court" in b.text for o in found for b in o.blocks)


def test_a_full_item_beside_teasers_keeps_its_body():
    html = listing(full_item("/schema", "Le schéma régional") + cut_item("/appel", "Appel"))
    full, teaser = occurrences_from_html(html, f"{SITE}/alimentation-circuits-courts", "listing")
    assert full.method != "teaser" and full.body_blocks == FULL
    assert teaser.method == "teaser" and teaser.blocks == []


def test_a_detail_page_is_never_a_teaser():
    html = (
        "<html><body><main><h1>Appel à projets</h1>"
        f"<p>{LEAD}</p><a href='/suite'>Lire la suite</a></main></body></html>"
    )
    [occ] = occurrences_from_html(html, f"{SITE}/appel-a-projets", "detail")
    assert occ.method != "teaser" and LEAD in occ.body_blocks


def body_blocks(body_html: str) -> list[str]:
    html = (
        "<html><body><main><h1>Titre</h1><div class='texte'>"
        f"{body_html}</div><p>Publié le 9 juin 2021</p></main></body></html>"
    )
    [occ] = occurrences_from_html(html, f"{SITE}/titre", "detail")
    return [b.text for b in occ.blocks if b.origin in ("body", "trailing")]


def test_a_body_without_paragraphs_splits_at_every_line_break():
    blocks = body_blocks("Un court chapeau<br>Sous-titre<br>- un point<br>Texte final.")
    assert blocks == ["Un court chapeau", "Sous-titre", "- un point", "Texte final."]


def test_a_line_break_inside_a_paragraph_keeps_the_sentence_rule():
    blocks = body_blocks("<p>Contact : Mme Dupont<br>Tél. 01 02 03 04 05</p><p>Texte.</p>")
    assert blocks == ["Contact : Mme Dupont Tél. 01 02 03 04 05", "Texte."]


def test_a_read_more_link_to_another_page_does_not_make_a_teaser():
    link = "<p><a href='https://cress.example.org/appel'>En savoir plus</a></p>"
    item = full_item("/schema", "Le schéma régional").replace("</div>", f"{link}</div>")
    html = listing(item + cut_item("/appel", "Appel"))
    full, _ = occurrences_from_html(html, f"{SITE}/alimentation-circuits-courts", "listing")
    assert full.method != "teaser" and full.body_blocks[: len(FULL)] == FULL


def test_every_read_more_opening_holds_a_word_the_cheap_link_test_looks_for():
    import re

    from rtes_core.extract.listing import READ_MORE_WORDS
    from rtes_core.extract.teaser import READ_MORE_TEXT

    openings = re.match(r"\^\((.*)\)", READ_MORE_TEXT.pattern)[1].split("|")
    assert len(openings) >= 5
    assert all(any(word in opening for word in READ_MORE_WORDS) for opening in openings)
