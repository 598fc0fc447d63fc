"""pipeline.minhash: signatures follow the documented scheme on every entry point; LSH banding; set measures."""

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHashLSH

from pipeline import minhash
from pipeline.config import DedupConfig
from pipeline.minhash import (
    LENGTH_SALT,
    POLY_BASE,
    SignatureMaker,
    band_candidates,
    codepoints,
    containment,
    earlier_band_mates,
    hash_shingles,
    jaccard,
    segment_hashes,
    window_hashes,
)
from rtes_core.text import comparison_key, shingles

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


def reference_hash(shingle: str) -> int:
    """The scheme's shingle hash, one code point at a time (the definition the numpy code must meet)."""
    h = 0
    for i, ch in enumerate(shingle):
        h = (h + ord(ch) * pow(POLY_BASE, i, 2**32)) % 2**32
    h = (h + len(shingle) * int(LENGTH_SALT)) % 2**32
    h ^= h >> 16
    h = (h * 0x85EBCA6B) % 2**32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) % 2**32
    return h ^ (h >> 16)


def reference_signature(items: list[str], maker: SignatureMaker) -> list[int]:
    """One-permutation hashing then optimal densification, one shingle and one bin at a time."""
    k = maker.config.num_perm
    bits = k.bit_length() - 1
    bins = [0xFFFFFFFF] * k
    for shingle in items:
        h = reference_hash(shingle)
        b, value = h >> (32 - bits), h & ((1 << (32 - bits)) - 1)
        bins[b] = min(bins[b], value)
    if all(v == 0xFFFFFFFF for v in bins):
        return bins
    return [
        v if v != 0xFFFFFFFF else next(bins[p] for p in maker.probes[j] if bins[p] != 0xFFFFFFFF)
        for j, v in enumerate(bins)
    ]


SETS = {
    "empty": [],
    "one": ["abcde"],
    "paragraph": char_shingles(PARAGRAPH),
    "unicode": ["économ", "€uros", "\u00a0nbsp", "日本語", "😀emoji"],
    "words": shingles(comparison_key(PARAGRAPH), "word", 5),
}
KEYS = [
    comparison_key(PARAGRAPH),
    "",
    "abc",
    "abcde",
    "abcdef",
    "un",
    "un deux trois",
    "un deux trois quatre cinq six sept",
    "économie sociale et solidaire 😀 日本語 à 100 %",
    *map(comparison_key, UNRELATED),
]


@pytest.mark.parametrize("name", list(SETS))
def test_signature_follows_the_scheme_definition(name):
    maker = SignatureMaker(CONFIG)
    ours = maker.signatures([SETS[name]])[0]
    assert ours.tolist() == reference_signature(SETS[name], maker)


def test_signature_follows_the_scheme_with_other_parameters():
    maker = SignatureMaker(DedupConfig(num_perm=128, seed=7, block_bands=32, merge_bands=16))
    ours = maker.signatures([SETS["paragraph"]])[0]
    assert ours.tolist() == reference_signature(SETS["paragraph"], maker)


def test_hashes_of_windows_segments_and_strings_agree():
    key = comparison_key(PARAGRAPH) + " 😀 日本語"
    cps = codepoints(key)
    windows = window_hashes(cps, 5)
    starts = np.arange(len(key) - 4)
    assert np.array_equal(windows, segment_hashes(cps, starts, starts + 5))
    strings = [key[i : i + 5] for i in range(len(key) - 4)]
    assert np.array_equal(windows, hash_shingles(strings))
    assert [reference_hash(s) for s in strings[:50]] == windows[:50].tolist()


@pytest.mark.parametrize("kind", ["char", "word"])
def test_key_signatures_equal_signatures_of_the_shingle_sets(kind):
    maker = SignatureMaker(CONFIG)
    sets = [sorted(set(shingles(k, kind, 5))) for k in KEYS]
    assert np.array_equal(maker.key_signatures(KEYS, kind, 5), maker.signatures(sets))


@pytest.mark.parametrize("kind", ["char", "word"])
def test_a_row_does_not_depend_on_its_batch(kind, monkeypatch):
    maker = SignatureMaker(CONFIG)
    alone = np.stack([maker.key_signatures([k], kind, 5)[0] for k in KEYS])
    monkeypatch.setattr(minhash, "CHUNK_CODEPOINTS", 40)  # many small batches
    assert np.array_equal(maker.key_signatures(KEYS, kind, 5), alone)
    sets = [list(set(shingles(k, kind, 5))) for k in KEYS]
    assert np.array_equal(maker.signatures(sets), alone)


def test_empty_set_gets_the_all_max_row_and_no_other_row_holds_max():
    rows = SignatureMaker(CONFIG).signatures([[], ["abcde"], SETS["paragraph"]])
    assert (rows[0] == np.uint32(0xFFFFFFFF)).all()
    assert (rows[1:] != np.uint32(0xFFFFFFFF)).all()


def test_a_single_shingle_fills_every_bin_with_its_value():
    row = SignatureMaker(CONFIG).signatures([["abcde"]])[0]
    assert len(set(row.tolist())) == 1


def test_earlier_band_mates_are_what_datasketch_lsh_returns():
    """The band join returns, row by row, what datasketch's MinHashLSH index returns when
    queried before each insert: random signatures with planted shared bands and copies."""
    rng = np.random.default_rng(3)
    sigs = rng.integers(0, 8, size=(300, 64), dtype=np.uint32)  # small values: bands collide
    sigs[10] = sigs[3]  # a copy
    members = rng.random(300) > 0.2
    lsh = MinHashLSH(num_perm=64, params=(16, 4))
    expected = {}
    for j in range(len(sigs)):
        if members[j]:
            lean = LeanMinHash(seed=1, hashvalues=sigs[j], scheme="affine32")
            if found := sorted(lsh.query(lean)):
                expected[j] = found
            lsh.insert(j, lean)
    got = earlier_band_mates(sigs, members.tolist(), 16)
    assert got == expected and 10 in got and 3 in got[10]


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


def test_signature_maker_rejects_other_schemes_and_sizes():
    with pytest.raises(ValueError):
        SignatureMaker(DedupConfig(scheme="affine32"))
    with pytest.raises(ValueError):
        SignatureMaker(DedupConfig(num_perm=96, block_bands=32, merge_bands=16, document_bands=32))


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


@pytest.mark.parametrize("kind", ["char", "word"])
def test_key_signatures_sized_counts_the_distinct_shingles(kind):
    maker = SignatureMaker(CONFIG)
    keys = [*KEYS, "", comparison_key("la la la la la la la la la la la la")]
    signatures, distinct = maker.key_signatures_sized(keys, kind, 5)
    assert np.array_equal(signatures, maker.key_signatures(keys, kind, 5))
    # no two shingles of these keys share a 32-bit hash: the count is exact
    assert distinct.tolist() == [len(set(shingles(k, kind, 5))) for k in keys]


@pytest.mark.parametrize("kind", ["char", "word"])
def test_key_signatures_shared_counts_what_every_two_sets_share(kind):
    maker = SignatureMaker(CONFIG)
    keys = [*KEYS, comparison_key(NEAR_COPY), "", comparison_key("la la la la la la la la")]
    signatures, sizes, shared = maker.key_signatures_shared(keys, kind, 5)
    assert np.array_equal(signatures, maker.key_signatures(keys, kind, 5))
    sets = [set(shingles(k, kind, 5)) for k in keys]
    # no two shingles of these keys share a 32-bit hash: the counts are the exact set counts
    assert sizes == [len(s) for s in sets]
    assert shared == [[len(a & b) for b in sets] for a in sets]
    assert shared[0][len(KEYS)] > 0 and shared[len(KEYS) + 1] == [0] * len(keys)


def test_shared_counts_are_the_same_past_one_matrix_of_columns(monkeypatch):
    hashes = np.array([5, 9, 9, 12, 5, 7, 12, 12, 3], dtype=np.uint32)
    owner = np.array([0, 0, 0, 0, 1, 1, 1, 2, 2], dtype=np.int64)
    whole = minhash.shared_counts(hashes, owner, 3)
    monkeypatch.setattr(minhash, "SHARED_COLUMNS", 2)  # 5 distinct hashes: three products
    parts = minhash.shared_counts(hashes, owner, 3)
    assert whole[0].tolist() == parts[0].tolist() == [3, 3, 2]
    assert whole[1].tolist() == parts[1].tolist() == [[3, 2, 1], [2, 3, 1], [1, 1, 2]]


def test_band_candidates_dense_and_tabled_give_the_same_sorted_pairs(monkeypatch):
    sets = [char_shingles(t) for t in [PARAGRAPH, *UNRELATED, NEAR_COPY, PARAGRAPH]]
    sigs = SignatureMaker(CONFIG).signatures(sets)
    dense = band_candidates(sigs, CONFIG.block_bands)
    monkeypatch.setattr(minhash, "DENSE_BAND_ROWS", 1)
    assert band_candidates(sigs, CONFIG.block_bands) == dense
    assert dense == sorted(dense, key=lambda p: (p[1], p[0]))
    assert (0, 5) in dense and (4, 5) in dense and all(i < j for i, j in dense)


def test_word_containment_is_the_containment_of_the_word_shingle_sets():
    summary = comparison_key(PARAGRAPH[:160])
    wholes = [comparison_key(t) for t in [*UNRELATED, PARAGRAPH]]
    union = set().union(*(shingles(k, "word", 3) for k in wholes))
    for part in (summary, comparison_key(UNRELATED[0] + " et encore"), comparison_key("deux")):
        expected = containment(set(shingles(part, "word", 3)), union)
        assert minhash.word_containment(part, wholes, 3) == pytest.approx(expected)
    assert minhash.word_containment(summary, wholes, 3) == 1.0
    assert minhash.word_containment("", wholes, 3) == 0.0
    assert minhash.word_containment(summary, [], 3) == 0.0
