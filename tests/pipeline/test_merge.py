"""pipeline.merge: identity grouping, preference order, field combination, content merge."""

from collections import Counter

import numpy as np

from pipeline.clean import Cleaner
from pipeline.config import DedupConfig
from pipeline.merge import (
    body_jaccard,
    combine_fields,
    content_candidates,
    group_by_identity,
    preference,
)
from pipeline.process.content_merge import verified_pairs
from rtes_core.extract import Block, Occurrence, occurrences_from_html
from rtes_core.text import comparison_key
from tests.pages import FILES

SITE = "https://www.rtes.fr"

CONFIG = DedupConfig()
CLEANER = Cleaner(CONFIG)


def occ(
    source_path,
    kind="detail",
    method="drupal_fields",
    node_id=None,
    path=None,
    title="Titre",
    fields=None,
    body=(),
):
    return Occurrence(
        source_url=f"{SITE}{source_path}",
        page_kind=kind,
        method=method,
        node_id=node_id,
        path=path,
        title=title,
        fields=fields or {},
        blocks=[Block(t, "body") for t in body],
    )


# --- group_by_identity ----------------------------------------------------------------------


def test_same_node_id_on_different_pages_is_one_group():
    occs = [occ("/a", node_id=5, path="/a"), occ("/ressources", "listing", node_id=5)]
    assert group_by_identity(occs) == [[0, 1]]


def test_same_path_on_different_pages_is_one_group():
    occs = [occ("/a", path="/a"), occ("/ressources", "listing", path="/a/")]
    assert group_by_identity(occs) == [[0, 1]]


def test_node_id_and_path_join_transitively():
    occs = [
        occ("/ressources", "listing", node_id=5),
        occ("/a", node_id=5, path="/a"),
        occ("/ressources?page=2", "listing", path="/a"),
    ]
    assert group_by_identity(occs) == [[0, 1, 2]]


def test_fallback_page_at_node_path_joins_the_node_id():
    html = (
        (FILES / "fallback.html")
        .read_text(encoding="utf-8")
        .replace('<link rel="shortlink" href="https://www.rtes.fr/node/3141">', "")
        .replace(f"{SITE}/rencontre-nationale-2019", f"{SITE}/node/3141")
    )
    [page] = occurrences_from_html(html, f"{SITE}/node/3141", "detail")
    assert (page.method, page.node_id) == ("fallback", 3141)
    occs = [occ("/ressources", "listing", node_id=3141), page]
    assert group_by_identity(occs) == [[0, 1]]


def test_listing_link_to_node_path_joins_the_detail_page():
    listing = """<html><body><div class="views-row"><article class="node">
      <h2 class="node__title"><a href="/node/1234" rel="bookmark">Guide</a></h2>
      <div class="field field--name-body field__item"><p>Un court extrait.</p></div>
    </article></div></body></html>"""
    occs = occurrences_from_html(listing, f"{SITE}/ressources", "listing")
    occs += occurrences_from_html(
        (FILES / "d8_detail.html").read_text(encoding="utf-8"),
        f"{SITE}/guide-des-achats-publics-responsables",
        "detail",
    )
    assert group_by_identity(occs) == [[0, 1]]


def test_distinct_resources_stay_apart():
    occs = [
        occ("/a", node_id=5, path="/a"),
        occ("/b", node_id=6, path="/b"),
        occ("/ressources", "listing", node_id=6),
        occ("/ressources", "listing", node_id=7),
    ]
    assert group_by_identity(occs) == [[0], [1, 2], [3]]


def test_occurrences_without_identity_stay_apart():
    occs = [occ("/ressources", "listing", title="Un"), occ("/ressources", "listing", title="Deux")]
    assert group_by_identity(occs) == [[0], [1]]


def test_listing_fixture_rows_are_two_resources():
    html = (FILES / "listing.html").read_text(encoding="utf-8")
    assert group_by_identity(occurrences_from_html(html, f"{SITE}/ressources", "listing")) == [
        [0],
        [1],
    ]


# --- preference ---------------------------------------------------------------------------------


def test_detail_page_at_its_own_path_comes_first():
    own = occ("/a", node_id=5, path="/a")
    elsewhere = occ("/ancienne-adresse", node_id=5, path="/a")
    listing = occ("/ressources", "listing", node_id=5, path="/a")
    ordered = sorted([listing, elsewhere, own], key=preference)
    assert ordered == [own, elsewhere, listing]


def test_detail_page_comes_before_listing():
    detail = occ("/zzz", node_id=5)
    listing = occ("/aaa", "listing", node_id=5)
    assert sorted([listing, detail], key=preference) == [detail, listing]


def test_fallback_extraction_comes_after_field_markup():
    fallback = occ("/a", method="fallback", node_id=5, path="/a")
    listing = occ("/ressources", "listing", node_id=5, path="/a")
    assert sorted([fallback, listing], key=preference) == [listing, fallback]


# --- combine_fields -------------------------------------------------------------------------


def test_private_detail_page_takes_missing_fields_from_a_listing():
    private = occ("/cr", node_id=9, path="/cr", fields={"is_private": True})
    listing = occ(
        "/ressources",
        "listing",
        node_id=9,
        fields={
            "is_private": False,
            "resource_type": "Compte rendu",
            "categories": ["Vie du réseau"],
        },
    )
    assert combine_fields([private, listing]) == {
        "is_private": True,
        "resource_type": "Compte rendu",
        "categories": ["Vie du réseau"],
    }


def test_combine_fields_takes_each_field_from_the_best_occurrence_showing_it():
    best = occ("/a", fields={"resource_type": "Guide", "summary": "Résumé de la page."})
    other = occ(
        "/ressources",
        "listing",
        fields={"resource_type": "Étude", "summary": "Autre.", "documents": []},
    )
    assert combine_fields([best, other]) == {
        "resource_type": "Guide",
        "summary": "Résumé de la page.",
        "documents": [],
    }


def test_combine_fields_from_fixture_pages():
    private = occurrences_from_html(
        (FILES / "private_detail.html").read_text(encoding="utf-8"),
        f"{SITE}/compte-rendu-ca",
        "detail",
    )[0]
    listing = occ("/ressources", "listing", node_id=900, fields={"resource_type": "Compte rendu"})
    combined = combine_fields(sorted([listing, private], key=preference))
    assert combined == {"is_private": True, "resource_type": "Compte rendu"}


# --- content merge --------------------------------------------------------------------------

ARTICLE = [
    "Le réseau a publié une étude sur les pôles territoriaux de coopération économique, qui rassemblent "
    "sur un même territoire des entreprises de l'économie sociale, des collectivités et des chercheurs.",
    "L'étude montre que les pôles les plus solides reposent sur un projet commun construit dans la durée, "
    "un financement public pluriannuel et une animation dédiée portée par une structure identifiée.",
    "Elle formule enfin douze recommandations à destination des élus qui souhaitent accompagner la "
    "création d'un pôle, depuis le diagnostic partagé jusqu'à l'évaluation des premières actions.",
]
REPUBLISHED = [ARTICLE[0], ARTICLE[1].replace("les plus solides", "les plus robustes"), ARTICLE[2]]
TEMPLATE_HEAD = "Bienvenue dans la lettre d'information mensuelle du réseau des collectivités."
TEMPLATE_TAIL = (
    "Pour vous désinscrire de cette lettre, écrivez au secrétariat du réseau. "
    "Retrouvez toutes nos actualités sur le site internet."
)
EDITION_12 = [
    TEMPLATE_HEAD,
    "Ce mois-ci, la ville de Nantes présente son schéma de promotion des achats responsables et "
    "le bilan de trois années de clauses sociales dans ses marchés de travaux publics.",
    TEMPLATE_TAIL,
]
EDITION_13 = [
    TEMPLATE_HEAD,
    "Ce mois-ci, le département de l'Ardèche détaille son soutien aux coopératives d'habitants "
    "et aux projets de rénovation énergétique portés par des associations locales.",
    TEMPLATE_TAIL,
]


def content_pairs(resources):
    """(i, j, score) pairs as the processing stage computes them: bodies and titles as shingle sets."""
    bodies = [CLEANER.shingle_set(comparison_key("\n\n".join(body))) for _, body in resources]
    titles = [CLEANER.shingle_set(comparison_key(title)) for title, _ in resources]
    signatures = CLEANER.signatures.signatures([list(s) for s in bodies])
    eligible = [len(s) >= CONFIG.merge_min_shingles for s in bodies]

    class Sets:  # the exact sets the processing stage rebuilds on demand, here all at once
        def verify(self, i, j):
            return body_jaccard(bodies[i], bodies[j], titles[i], titles[j], CONFIG)

    counts = Counter()
    found = content_candidates(signatures, eligible, CONFIG, counts)
    return verified_pairs(found, Sets(), counts)


def test_republished_copy_with_a_small_edit_is_merged():
    pairs = content_pairs([("Étude sur les PTCE", ARTICLE), ("Étude sur les PTCE", REPUBLISHED)])
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)]
    assert pairs[0][2] >= CONFIG.merge_jaccard


def test_unrelated_resource_is_not_merged_with_a_republished_pair():
    pairs = content_pairs(
        [
            ("Étude sur les PTCE", ARTICLE),
            ("Lettre n°12", EDITION_12),
            ("Étude sur les PTCE", REPUBLISHED),
        ]
    )
    assert [(i, j) for i, j, _ in pairs] == [(0, 2)]


def test_newsletter_editions_sharing_a_template_are_not_merged():
    assert (
        content_pairs(
            [("Lettre d'information n°12", EDITION_12), ("Lettre d'information n°13", EDITION_13)]
        )
        == []
    )


def test_newsletter_editions_are_below_the_merge_threshold():
    a = CLEANER.shingle_set(comparison_key(" ".join(EDITION_12)))
    b = CLEANER.shingle_set(comparison_key(" ".join(EDITION_13)))
    t = CLEANER.shingle_set(comparison_key("Lettre d'information"))
    assert body_jaccard(a, b, t, t, CONFIG) is None


def test_same_body_under_a_different_title_is_not_merged():
    a = CLEANER.shingle_set(comparison_key(" ".join(ARTICLE)))
    b = CLEANER.shingle_set(comparison_key(" ".join(REPUBLISHED)))
    assert (
        body_jaccard(
            a,
            b,
            CLEANER.shingle_set("étude sur les ptce"),
            CLEANER.shingle_set("compte rendu du conseil"),
            CONFIG,
        )
        is None
    )


def test_small_bodies_are_never_merged_on_content():
    short = ["Un texte court identique."]
    assert content_pairs([("Brève", short), ("Brève", short)]) == []


def test_lsh_candidates_below_the_estimate_floor_are_dismissed_without_verification():
    rng = np.random.default_rng(0)
    base = rng.integers(1, 2**32 - 1, CONFIG.num_perm, dtype=np.uint32)
    one_band = base.copy()
    one_band[CONFIG.merge_rows :] += 1  # shares one LSH band (a candidate), estimated Jaccard 4/64
    signatures = np.stack([base, one_band, base.copy()])
    verified, counts = [], Counter()

    class Sets:
        def verify(self, i, j):
            verified.append((i, j))
            return 1.0

    found = content_candidates(signatures, [True] * 3, CONFIG, counts)
    pairs = verified_pairs(found, Sets(), counts)
    assert pairs == [(0, 2, 1.0)] and verified == [(0, 2)]  # (0, 1) never reached the exact sets
    assert counts["content_merge_candidates"] == 3 and counts["content_merge_verified"] == 1


# --- categories by term membership (issue 13) ------------------------------------------------


def test_categories_from_the_field_then_the_listings_it_appears_on():
    from pipeline.merge import combine_categories
    from rtes_core.extract import Occurrence

    detail = Occurrence("https://www.rtes.fr/a", "detail", "labels")
    listings = [
        Occurrence(f"https://www.rtes.fr/{p}", "listing", "labels", listing_term=t)
        for p, t in (
            ("b", "Économie circulaire"),
            ("c", "Alimentation, circuits courts"),
            ("d", "PTCE"),
        )
    ]
    assert combine_categories([detail, *listings], []) == [
        "Alimentation, circuits courts",
        "PTCE",
        "Économie circulaire",
    ]
    assert combine_categories([detail, *listings], ["PTCE"]) == [
        "PTCE",
        "Alimentation, circuits courts",
        "Économie circulaire",
    ]


def test_chips_naming_the_category_listings_it_appears_on_are_its_categories_in_page_order():
    from pipeline.merge import categories_among_tags, combine_categories
    from rtes_core.extract import Occurrence

    chips = ["Retours sur les formations", "PTCE", "Alimentation, circuits courts"]
    detail = Occurrence("https://www.rtes.fr/a", "detail", "labels", tags=chips)
    listings = [
        Occurrence(f"https://www.rtes.fr/{p}", "listing", "labels", listing_term=t)
        for p, t in (("b", "Alimentation, circuits courts"), ("c", "Retours sur les formations"))
    ]
    shown, tags = categories_among_tags([detail, *listings], None, chips)
    assert shown == ["Retours sur les formations", "Alimentation, circuits courts"]
    assert tags == ["PTCE"]  # no listing of that name shows the resource: a tag
    assert combine_categories([detail, *listings], shown) == shown  # page order, not sorted
    # a Catégorie field that shows values wins; the other chips stay tags, one naming a
    # category shown is that category (a listing's chips where the page showed the field)
    assert categories_among_tags([detail, *listings], ["PTCE"], chips) == (
        ["PTCE"],
        ["Retours sur les formations", "Alimentation, circuits courts"],
    )
    assert categories_among_tags([detail], None, chips) == (None, chips)


def test_a_listed_item_of_no_kind_joined_to_a_record_is_no_lost_markup_but_a_detail_page_is():
    from pipeline.process.identity import group_identities
    from rtes_core.extract import Occurrence

    def occ(url, page_kind, kind):
        return Occurrence(url, page_kind, "content", node_id=7, path="/a", title="A", kind=kind)

    detail = occ("https://www.rtes.fr/a", "detail", "article")
    listed = occ("https://www.rtes.fr/theme", "listing", "basic")  # in full, no date shown
    found = group_identities([detail, listed])
    assert len(found.groups) == 1 and found.counts["extraction_fallback"] == 0
    lost = occ("https://www.rtes.fr/node/7", "detail", "basic")  # the same node, markup lost
    found = group_identities([detail, listed, lost])
    assert found.counts["extraction_fallback"] == 1
    assert found.fallback_urls == ["https://www.rtes.fr/node/7"]
