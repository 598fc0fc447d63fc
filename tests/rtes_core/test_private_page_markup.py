"""A private resource shown in markups with no class (its fields as badges, its notice under an
empty Résumé, a byline's list in the title's header): the fields are read, the notice is no text."""

from __future__ import annotations

import pytest

from pipeline.clean.furniture import is_boilerplate
from tests.rtes_core.test_bootstrap_markup import BODY, texts
from tests.rtes_core.test_page_builder_markup import DATE, LEAD, TITLE, one, page

NOTICE = (
    "<div><p>Cette ressource est réservée aux collectivités adhérentes. "
    '<a href="/user/login">Connectez-vous</a> pour y accéder.</p></div>'
)


def test_a_badge_list_of_a_type_and_ressource_privee_is_a_private_resource():
    badges = "<ul><li><p>Ressources RTES</p></li><li><p>Ressource privée</p></li></ul>"
    occ = one(page(f"<article>{TITLE}{DATE}{badges}{NOTICE}</article>"))
    assert occ.fields["resource_type"] == "Ressources RTES" and occ.fields["is_private"] is True
    assert "Ressource privée" not in texts(occ, "body", "trailing")
    # a label "Ressource privée" showing its value is still read as a label
    labelled = "<ul><li><p>Ressources RTES</p></li><li><p>Ressource privée : Non</p></li></ul>"
    occ = one(page(f"<article>{TITLE}{DATE}{labelled}{BODY}</article>"))
    assert occ.fields["is_private"] is False


def test_an_empty_resume_label_takes_no_member_notice_for_its_value():
    fields = (
        "<p><em>Type de ressource :</em> Autres</p><p><em>Ressource privée :</em> Oui</p>"
        "<p><em>Résumé :</em> </p>"
    )
    occ = one(page(f"<article><header>{TITLE}</header>{fields}{NOTICE}</article>"))
    assert occ.fields["is_private"] is True and occ.fields.get("summary") is None
    # a Résumé that is a paragraph standing there is still read
    occ = one(page(f"<article><header>{TITLE}</header>{fields}<div><p>{LEAD}</p></div></article>"))
    assert occ.fields["summary"] == LEAD


@pytest.mark.parametrize(
    "line",
    [
        "Cette ressource est réservée aux collectivités adhérentes. Connectez-vous pour y accéder.",
        "Contenu réservé aux adhérents",
    ],
)
def test_the_member_notice_in_its_wordings_is_boilerplate(line):
    assert is_boilerplate(line)
    assert not is_boilerplate("Cette ressource présente les adhérents du réseau et leurs actions.")


def test_a_bylines_list_in_the_titles_header_is_no_standfirst():
    byline = (
        "<div><h4><a href='/author/redaction/'>Rédaction RTES</a></h4><dl><dt>Détails</dt>"
        "<dd>Écrit par : <span>Rédaction RTES</span></dd>"
        "<dd><time datetime='2024-02-15'>Publication : 15 février 2024</time></dd>"
        "<dd>Affichages : 239</dd></dl></div>"
    )
    fields = "<div><h4>Type de ressource</h4><div>Autres</div></div>"
    occ = one(page(f"<article><header>{TITLE}{byline}</header>{BODY}{fields}</article>"))
    assert "summary" not in occ.fields and occ.published_date.isoformat() == "2024-02-15"
    assert texts(occ, "body") == texts(one(page(TITLE + BODY)), "body")
