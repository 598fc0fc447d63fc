"""The one URL canonicaliser (rtes_core/urls.py): every spelling of a page gives one URL."""

from __future__ import annotations

import pytest

from rtes_core.urls import SiteHosts, canonical_url, is_spip_article, is_spip_url, pager_number

MIRROR = SiteHosts.of("http://127.0.0.1:8800", ["www.rtes.fr", "rtes.fr"])


@pytest.mark.parametrize(
    "href",
    [
        "https://www.rtes.fr/cantines",
        "http://www.rtes.fr/cantines",
        "http://rtes.fr/cantines",
        "https://rtes.fr/cantines#haut",
        "/cantines?utm_source=newsletter&utm_medium=email",
        "http://127.0.0.1:8800/cantines?fbclid=x",
    ],
)
def test_every_spelling_of_a_page_is_one_url(href):
    assert MIRROR.rebase(href, "http://127.0.0.1:8800/x") == "http://127.0.0.1:8800/cantines"


def test_other_hosts_and_ports_are_not_the_site():
    assert MIRROR.rebase("https://www.avise.org/cantines", "http://127.0.0.1:8800/") is None
    assert MIRROR.rebase("http://127.0.0.1:1/cantines", "http://127.0.0.1:8800/") is None
    assert MIRROR.rebase("https://rtes.fr.ailleurs.invalid/x", "http://127.0.0.1:8800/") is None


def test_page_zero_dropped_other_pages_kept_and_query_sorted():
    assert canonical_url("https://www.rtes.fr/a?page=0") == "https://www.rtes.fr/a"
    assert canonical_url("https://www.rtes.fr/a?page=2&b=1") == "https://www.rtes.fr/a?b=1&page=2"


def test_spip_page_parameter_is_no_pager():
    assert pager_number("https://www.rtes.fr/a?page=3") == 3
    assert pager_number("https://www.rtes.fr/a?page=0,2") == 2
    assert pager_number("https://www.rtes.fr/?page=backend") is None
    assert pager_number("https://www.rtes.fr/?page=imprimer_article&id_article=2783") is None


def test_spip_urls_recognised():
    assert is_spip_article("http://www.rtes.fr/Journee-PACA-Corse-L-ESS-vecteur,2783")
    assert is_spip_article("https://www.rtes.fr/spip.php?article2783")
    assert is_spip_article("https://www.rtes.fr/?page=imprimer_article&id_article=2783")
    assert not is_spip_article("https://www.rtes.fr/?page=backend")
    assert is_spip_url("https://www.rtes.fr/?page=backend")
    assert is_spip_url("https://www.rtes.fr/x?debut_mmthm_mots_autres_art=45")
    assert not is_spip_url("https://www.rtes.fr/retours-sur-les-formations?page=2")
