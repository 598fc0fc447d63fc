"""pipeline.minhash: vectorised signatures equal datasketch's; LSH banding; exact set measures."""

import numpy as np
import pytest
from datasketch import MinHash

from pipeline.config import DedupConfig
from pipeline.minhash import SignatureMaker, band_candidates, containment, jaccard, xxh32
from pipeline.text import comparison_key, shingles

CONFIG = DedupConfig()

PARAGRAPH = (
    "Le réseau des collectivités territoriales pour une économie solidaire accompagne les élus "
    "et les techniciens qui souhaitent développer des politiques publiques locales en faveur de "
    "l'économie sociale et solidaire, en s'appuyant sur des retours d'expérience concrets, des "
    "rencontres régionales et des outils méthodologiques partagés entre les territoires adhérents."
)
NEAR_COPY = PARAGRAPH.replace("accompagne", "acompagne").replace("concrets", "concret")
UNRELATED = [
    "Les monnaies locales complémentaires se développent dans de nombreux territoires ruraux et "
    "urbains, portées par des associations citoyennes qui veulent relocaliser les échanges.",
    "La commune a lancé un appel à projets pour soutenir les tiers-lieux installés dans les "
    "quartiers prioritaires, avec un budget de cinquante mille euros sur trois années.",
    "Les coopératives d'énergie renouvelable associent habitants, entreprises et collectivités "
    "au capital de centrales solaires et de parcs éoliens de petite taille.",
]


def char_shingles(text: str) -> list[str]:
    return sorted(set(shingles(comparison_key(text), "char", 5)))


def datasketch_signature(items: list[str], config: DedupConfig = CONFIG) -> np.ndarray:
    m = MinHash(num_perm=config.num_perm, seed=config.seed, scheme="affine32", hashfunc=xxh32)
    m.update_batch(items)
    return m.hashvalues


SETS = {
    "empty": [],
    "one": ["abcde"],
    "paragraph": char_shingles(PARAGRAPH),
    "unicode": ["économ", "€uros", "\u00a0nbsp", "日本語"],
    "words": shingles(comparison_key(PARAGRAPH), "word", 5),
}


@pytest.mark.parametrize("name", list(SETS))
def test_signature_equals_datasketch(name):
    ours = SignatureMaker(CONFIG).signatures([SETS[name]])[0]
    assert np.array_equal(ours, datasketch_signature(SETS[name]))


def test_signatures_of_many_sets_at_once_equal_datasketch_row_by_row():
    sets = list(SETS.values())
    ours = SignatureMaker(CONFIG).signatures(sets)
    assert ours.shape == (len(sets), CONFIG.num_perm)
    for row, items in zip(ours, sets):
        assert np.array_equal(row, datasketch_signature(items))


def test_signature_equals_datasketch_with_other_parameters():
    config = DedupConfig(num_perm=128, seed=7, block_bands=32, merge_bands=16)
    items = SETS["paragraph"]
    ours = SignatureMaker(config).signatures([items])[0]
    assert np.array_equal(ours, datasketch_signature(items, config))


def test_empty_set_gets_the_all_max_row():
    row = SignatureMaker(CONFIG).signatures([[]])[0]
    assert (row == np.uint32(0xFFFFFFFF)).all()


def test_lean_minhash_keeps_the_signature():
    maker = SignatureMaker(CONFIG)
    row = maker.signatures([SETS["paragraph"]])[0]
    assert np.array_equal(maker.lean(row).hashvalues, row)


def test_signature_jaccard_estimate_is_close_to_exact():
    a, b = set(char_shingles(PARAGRAPH)), set(char_shingles(NEAR_COPY))
    sigs = SignatureMaker(DedupConfig(num_perm=256, block_bands=32, merge_bands=16)).signatures(
        [list(a), list(b)]
    )
    estimate = float(np.mean(sigs[0] == sigs[1]))
    assert abs(estimate - jaccard(a, b)) < 0.1


def test_band_candidates_pairs_a_near_copy():
    sigs = SignatureMaker(CONFIG).signatures(
        [char_shingles(t) for t in [PARAGRAPH, *UNRELATED, NEAR_COPY]]
    )
    pairs = set(band_candidates(sigs, CONFIG.merge_bands))
    assert (0, len(UNRELATED) + 1) in pairs


def test_band_candidates_does_not_pair_unrelated_paragraphs():
    sigs = SignatureMaker(CONFIG).signatures([char_shingles(t) for t in [PARAGRAPH, *UNRELATED]])
    assert list(band_candidates(sigs, CONFIG.merge_bands)) == []


def test_band_candidates_yields_each_pair_once_earlier_first():
    row = SignatureMaker(CONFIG).signatures([SETS["paragraph"]])[0]
    sigs = np.stack([row, row, row])
    pairs = list(band_candidates(sigs, CONFIG.block_bands))
    assert sorted(pairs) == [(0, 1), (0, 2), (1, 2)]


def test_signature_maker_rejects_other_schemes():
    with pytest.raises(ValueError):
        SignatureMaker(DedupConfig(scheme="legacy"))


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (set(), set(), 1.0),
        ({"x"}, set(), 0.0),
        ({"x", "y"}, {"x", "y"}, 1.0),
        ({"x", "y"}, {"y", "z"}, 1 / 3),
        ({"x"}, {"y"}, 0.0),
    ],
)
def test_jaccard(a, b, expected):
    assert jaccard(a, b) == pytest.approx(expected)


@pytest.mark.parametrize(
    "part, whole, expected",
    [
        (set(), {"x"}, 0.0),
        ({"x"}, set(), 0.0),
        ({"x", "y"}, {"x", "y", "z"}, 1.0),
        ({"x", "y"}, {"x"}, 0.5),
    ],
)
def test_containment(part, whole, expected):
    assert containment(part, whole) == pytest.approx(expected)


@pytest.mark.parametrize("bands", [0, 5])
def test_config_rejects_bands_that_do_not_divide_num_perm(bands):
    with pytest.raises(ValueError):
        DedupConfig(block_bands=bands)


def test_config_rejects_unknown_shingle_kind():
    with pytest.raises(ValueError):
        DedupConfig(shingle_kind="sentence")
