"""MinHash signatures at native speed: numpy over code points, one permutation per set.

Scheme "oph-poly32-v1" (recorded as DedupConfig.scheme in every dataset's metadata):

1. A shingle (a substring of a comparison key: a character n-gram or a run of words) hashes to
   fmix32(sum(c_i * B**i) + len * LENGTH_SALT) mod 2**32 over its Unicode code points c_i. The sum
   is a polynomial, so it is computed for every window of a text at once (Horner over shifted
   arrays, or prefix sums for variable-length segments), with no Python call per shingle.
2. One-permutation hashing (Li, Owen & Zhang 2012): the top log2(num_perm) bits of a shingle's
   hash pick its bin, the remaining bits are its value, and each bin keeps its minimum
   (np.minimum.at over all sets of a batch at once): O(shingles), not O(shingles x permutations).
3. Optimal densification (Shrivastava 2017): an empty bin takes the value of the first non-empty
   bin in its own fixed random probe order, so two sets' signatures agree on a bin with
   probability = their Jaccard, as with num_perm independent permutations.

An empty set gets the all-max row (no real value reaches it: values have < 32 bits). Signatures
are compared only with signatures of the same scheme, seed and num_perm.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from itertools import chain

import numpy as np
import xxhash

from pipeline.config import DedupConfig

SCHEME = "oph-poly32-v1"
U32 = np.uint32
# Polynomial base (odd, so invertible mod 2**32: a segment's hash is recovered from prefix sums).
POLY_BASE = 0x9E3779B1
POLY_BASE_INVERSE = pow(POLY_BASE, -1, 2**32)
# Added per code point of the shingle: "ab" and "ab" + U+0000 hash apart.
LENGTH_SALT = U32(0x85EBCA77)
# MurmurHash3 32-bit finalizer: avalanches the polynomial (every input bit moves every output bit).
FMIX32 = (U32(16), U32(0x85EBCA6B), U32(13), U32(0xC2B2AE35), U32(16))
MAX_HASH32 = U32(0xFFFFFFFF)
# Code points per numpy batch: a few arrays of this many uint32 stay in the CPU's L2 cache.
CHUNK_CODEPOINTS = 1 << 15
# Code points assumed per shingle string when batching sets (5 for char 5-grams, more for words).
SHINGLE_WEIGHT = 8
SPACE = 32  # comparison keys separate words with exactly one space


def xxh32(shingle: str) -> int:
    """32-bit xxhash of a text's UTF-8 bytes (exact block keys; not part of the MinHash scheme)."""
    return xxhash.xxh32_intdigest(shingle.encode())


def codepoints(text: str) -> np.ndarray:
    """The text's Unicode code points as uint32 (a lone surrogate kept as its own value)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=U32)


def fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer, in place on a fresh uint32 array."""
    s1, m1, s2, m2, s3 = FMIX32
    hv ^= hv >> s1
    hv *= m1
    hv ^= hv >> s2
    hv *= m2
    hv ^= hv >> s3
    return hv


def window_hashes(cps: np.ndarray, size: int) -> np.ndarray:
    """Hash of every run of `size` consecutive code points (len(cps) - size + 1 of them)."""
    count = len(cps) - size + 1
    h = cps[size - 1 : size - 1 + count].copy()
    base = U32(POLY_BASE)
    for j in range(size - 2, -1, -1):  # Horner: c_0 + B*(c_1 + B*(c_2 + ...))
        h *= base
        h += cps[j : j + count]
    h += U32(size * int(LENGTH_SALT) & 0xFFFFFFFF)
    return fmix32(h)


def _powers(base: int, count: int) -> np.ndarray:
    powers = np.full(max(count, 1), base, dtype=U32)
    powers[0] = 1
    return np.cumprod(powers, dtype=U32)[:count]  # wraps mod 2**32


def segment_hashes(cps: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Hash of each segment cps[start:end]; equals window_hashes for equal-length segments."""
    n = len(cps)
    prefix = np.zeros(n + 1, dtype=U32)
    np.cumsum(cps * _powers(POLY_BASE, n), dtype=U32, out=prefix[1:])
    h = (prefix[ends] - prefix[starts]) * _powers(POLY_BASE_INVERSE, n + 1)[starts]
    h += (ends - starts).astype(U32) * LENGTH_SALT
    return fmix32(h)


def hash_shingles(shingles: Sequence[str]) -> np.ndarray:
    """The scheme's 32-bit hash of every shingle string, all at once."""
    if not shingles:
        return np.empty(0, dtype=U32)
    lengths = np.fromiter(map(len, shingles), dtype=np.int64, count=len(shingles))
    ends = np.cumsum(lengths)
    return segment_hashes(codepoints("".join(shingles)), ends - lengths, ends)


def char_windows(keys: Sequence[str], size: int) -> tuple[np.ndarray, np.ndarray]:
    """(hashes, owner) of the character `size`-grams of each key; a shorter key is one shingle."""
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    cps = codepoints("".join(keys))
    ends = np.cumsum(lengths)
    owner_of_char = np.repeat(np.arange(len(keys)), lengths)
    hashes, owner = np.empty(0, dtype=U32), np.empty(0, dtype=np.int64)
    if len(cps) >= size:  # a window is a shingle when its first and last characters share a key
        valid = owner_of_char[: len(cps) - size + 1] == owner_of_char[size - 1 :]
        hashes, owner = window_hashes(cps, size)[valid], owner_of_char[: len(valid)][valid]
    short = np.flatnonzero((lengths < size) & (lengths > 0))
    if short.size:  # whole key as its only shingle, like rtes_core.text.shingles
        extra = segment_hashes(cps, ends[short] - lengths[short], ends[short])
        hashes, owner = np.concatenate([hashes, extra]), np.concatenate([owner, short])
    return hashes, owner


def word_windows(keys: Sequence[str], size: int) -> tuple[np.ndarray, np.ndarray]:
    """(hashes, owner) of the word `size`-grams of each key (words joined by one space)."""
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    cps = codepoints(" ".join(keys))  # the joining space ends each key's last word
    key_starts = np.r_[0, np.cumsum(lengths + 1)[:-1]]
    spaces = np.flatnonzero(cps == SPACE)
    word_ends = np.r_[spaces, len(cps)]
    word_starts = np.r_[0, spaces + 1]
    keep = word_ends > word_starts  # an empty key leaves an empty "word"
    word_starts, word_ends = word_starts[keep], word_ends[keep]
    owner_of_word = np.searchsorted(key_starts, word_starts, side="right") - 1
    words = np.bincount(owner_of_word, minlength=len(keys))
    first = np.r_[0, np.cumsum(words)[:-1]]
    count = np.where(words >= size, words - size + 1, (words > 0).astype(np.int64))
    owner = np.repeat(np.arange(len(keys)), count)
    start_word = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count - first, count)
    last_word = np.minimum(start_word + size - 1, (first + words - 1)[owner])
    return segment_hashes(cps, word_starts[start_word], word_ends[last_word]), owner


class SignatureMaker:
    """Computes MinHash signatures (scheme SCHEME) for many sets at once."""

    def __init__(self, config: DedupConfig) -> None:
        k = config.num_perm
        if config.scheme != SCHEME:
            raise ValueError(f"only the {SCHEME!r} scheme is implemented, not {config.scheme!r}")
        if k < 2 or k & (k - 1) or k > 1 << 16:
            raise ValueError(f"num_perm must be a power of two in [2, 65536], not {k}")
        self.config = config
        self.bin_shift = U32(32 - (k.bit_length() - 1))  # top bits pick the bin
        self.value_mask = U32((1 << int(self.bin_shift)) - 1)
        rng = np.random.default_rng(config.seed)
        self.probes = np.stack([rng.permutation(k) for _ in range(k)])  # bin -> probe order

    def signatures(self, shingle_sets: Sequence[Sequence[str]]) -> np.ndarray:
        """One signature row per set of shingle strings (the historical entry point)."""
        out = self._empty(len(shingle_sets))
        for lo, hi in _batches([len(s) * SHINGLE_WEIGHT for s in shingle_sets]):
            flat = list(chain.from_iterable(shingle_sets[lo:hi]))
            sizes = np.fromiter(map(len, shingle_sets[lo:hi]), dtype=np.int64, count=hi - lo)
            owner = np.repeat(np.arange(hi - lo), sizes)
            self._fill(out[lo:hi], hash_shingles(flat), owner)
        return self._densify(out)

    def key_signatures(
        self, keys: Sequence[str], kind: str | None = None, size: int | None = None
    ) -> np.ndarray:
        """One row per comparison key, shingled inside numpy; equals
        signatures([set(shingles(key, kind, size)) for key in keys]) (a test pins it)."""
        return self._key_signatures(keys, kind, size)

    def key_signatures_sized(
        self, keys: Sequence[str], kind: str | None = None, size: int | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """key_signatures, and per key its number of distinct shingle hashes: a lower bound of
        its distinct shingles (two shingles may share a 32-bit hash), exact but for that."""
        distinct = np.zeros(len(keys), dtype=np.int64)

        def count(lo: int, hi: int, hashes: np.ndarray, owner: np.ndarray) -> None:
            distinct[lo:hi] = distinct_per_owner(hashes, owner, hi - lo)

        return self._key_signatures(keys, kind, size, count), distinct

    def key_signatures_shared(
        self, keys: Sequence[str], kind: str | None = None, size: int | None = None
    ) -> tuple[np.ndarray, list[int], list[list[int]]]:
        """key_signatures; per key its number of distinct shingle hashes; and for every two
        keys the number of shingle hashes they share: exact shingle-set counts but for two
        shingles sharing a 32-bit hash (about n**2 / 2**33 of them in a pair of n-shingle sets,
        each moving a count by one), from the signatures' own pass (no string per shingle)."""
        found: list[tuple[np.ndarray, np.ndarray]] = []

        def collect(lo: int, hi: int, hashes: np.ndarray, owner: np.ndarray) -> None:
            found.append((hashes, owner + lo))

        signatures = self._key_signatures(keys, kind, size, collect)
        hashes = np.concatenate([h for h, _ in found]) if found else np.empty(0, dtype=U32)
        owner = np.concatenate([o for _, o in found]) if found else np.empty(0, dtype=np.int64)
        sizes, shared = shared_counts(hashes, owner, len(keys))
        return signatures, sizes.tolist(), shared.tolist()

    def _key_signatures(
        self,
        keys: Sequence[str],
        kind: str | None,
        size: int | None,
        per_batch: Callable[[int, int, np.ndarray, np.ndarray], None] | None = None,
    ) -> np.ndarray:
        kind = kind or self.config.shingle_kind
        size = size or self.config.shingle_size
        windows = char_windows if kind == "char" else word_windows
        out = self._empty(len(keys))
        for lo, hi in _batches([len(k) + 1 for k in keys]):
            hashes, owner = windows(keys[lo:hi], size)
            self._fill(out[lo:hi], hashes, owner)
            if per_batch is not None:
                per_batch(lo, hi, hashes, owner)
        return self._densify(out)

    def _empty(self, rows: int) -> np.ndarray:
        return np.full((rows, self.config.num_perm), MAX_HASH32, dtype=U32)

    def _fill(self, out: np.ndarray, hashes: np.ndarray, owner: np.ndarray) -> None:
        """Each bin of each row keeps the minimum value of the shingles that fall into it."""
        cells = owner * self.config.num_perm + (hashes >> self.bin_shift)
        np.minimum.at(out.reshape(-1), cells, hashes & self.value_mask)

    def _densify(self, sig: np.ndarray) -> np.ndarray:
        """Empty bins of non-empty rows borrow the first non-empty bin of their probe order."""
        empty = sig == MAX_HASH32
        todo_rows, todo_bins = np.nonzero(empty & ~empty.all(axis=1, keepdims=True))
        filled = sig.copy()
        for step in range(self.config.num_perm):  # a probe order visits every bin: terminates
            if not todo_rows.size:
                break
            values = sig[todo_rows, self.probes[todo_bins, step]]
            hit = values != MAX_HASH32
            filled[todo_rows[hit], todo_bins[hit]] = values[hit]
            todo_rows, todo_bins = todo_rows[~hit], todo_bins[~hit]
        return filled


def _owner_hash_pairs(hashes: np.ndarray, owner: np.ndarray) -> np.ndarray:
    """(owner << 32 | hash), sorted, each pair once (a sort and a mask: np.unique's hash table
    is several times slower on these arrays)."""
    pairs = np.sort((owner.astype(np.uint64) << np.uint64(32)) | hashes.astype(np.uint64))
    first = np.ones(len(pairs), dtype=bool)
    first[1:] = pairs[1:] != pairs[:-1]
    return pairs[first]


def distinct_per_owner(hashes: np.ndarray, owner: np.ndarray, owners: int) -> np.ndarray:
    """How many distinct hashes each owner has."""
    pairs = _owner_hash_pairs(hashes, owner)
    return np.bincount((pairs >> np.uint64(32)).astype(np.int64), minlength=owners)


# Hash columns per matrix product in shared_counts: owners x columns float32 stays a few MB.
SHARED_COLUMNS = 1 << 14


def shared_counts(
    hashes: np.ndarray, owner: np.ndarray, owners: int
) -> tuple[np.ndarray, np.ndarray]:
    """(sizes, shared): each owner's number of distinct hashes, and the owners x owners matrix
    of hashes two owners share, as products of the owner x hash incidence matrix with itself
    (float32 counts are exact below 2**24)."""
    pairs = np.sort((hashes.astype(np.uint64) << np.uint64(32)) | owner.astype(np.uint64))
    distinct = np.r_[True, pairs[1:] != pairs[:-1]]  # one (hash, owner) pair each
    pairs = pairs[distinct]
    value = pairs >> np.uint64(32)
    column = np.cumsum(np.r_[True, value[1:] != value[:-1]]) - 1  # a distinct hash's column
    who = (pairs & np.uint64(0xFFFFFFFF)).astype(np.intp)
    shared = np.zeros((owners, owners), dtype=np.float64)
    columns = int(column[-1]) + 1 if column.size else 0
    for lo in range(0, columns, SHARED_COLUMNS):
        start, end = np.searchsorted(column, [lo, lo + SHARED_COLUMNS])
        incidence = np.zeros((owners, min(SHARED_COLUMNS, columns - lo)), dtype=np.float32)
        incidence[who[start:end], column[start:end] - lo] = 1.0
        shared += incidence @ incidence.T
    return np.bincount(who, minlength=owners), shared.astype(np.int64)


def _batches(weights: Sequence[int]) -> Iterator[tuple[int, int]]:
    """(lo, hi) runs of items whose weights add up to about CHUNK_CODEPOINTS (at least one item)."""
    lo, total = 0, 0
    for i, w in enumerate(weights):
        if total and total + w > CHUNK_CODEPOINTS:
            yield lo, i
            lo, total = i, 0
        total += w
    if lo < len(weights):
        yield lo, len(weights)


# Rows up to this many are paired by one comparison of every row with every row (n*n*num_perm
# booleans: 4 MB at 256 rows of 64); more rows go through a table of band values.
DENSE_BAND_ROWS = 256


def band_candidates(signatures: np.ndarray, bands: int) -> list[tuple[int, int]]:
    """Pairs (earlier, later) of rows sharing at least one LSH band, each pair once, sorted by
    (later, earlier)."""
    n, rows = len(signatures), signatures.shape[1] // bands
    if n < 2:
        return []
    if n > DENSE_BAND_ROWS:
        return _tabled_band_candidates(signatures, bands)
    split = signatures.reshape(n, bands, rows)
    shares = (split[:, None] == split[None, :]).all(axis=3).any(axis=2)
    later, earlier = np.nonzero(np.tril(shares, -1))  # row-major: sorted by (later, earlier)
    return list(zip(earlier.tolist(), later.tolist()))


def _tabled_band_candidates(signatures: np.ndarray, bands: int) -> list[tuple[int, int]]:
    rows = signatures.shape[1] // bands
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    found: set[tuple[int, int]] = set()
    for j, signature in enumerate(signatures):
        for band in range(bands):
            key = (band, signature[band * rows : (band + 1) * rows].tobytes())
            found.update((i, j) for i in buckets[key])
            buckets[key].append(j)
    return sorted(found, key=lambda pair: (pair[1], pair[0]))


def earlier_band_mates(
    signatures: np.ndarray, members: Sequence[bool], bands: int
) -> dict[int, list[int]]:
    """For each member row j that has any, the earlier member rows sharing at least one LSH
    band with it, in index order: what an LSH index (datasketch's MinHashLSH) returns when
    queried with each row before it is inserted, found with one exact sort per band instead
    of a Python table of every row's band hashes (about 3 KB a row at 16 bands)."""
    rows = signatures.shape[1] // bands
    index = np.flatnonzero(np.asarray(members, dtype=bool))
    found: list[np.ndarray] = []
    for band in range(bands):
        values = signatures[index, band * rows : (band + 1) * rows]
        _, label = np.unique(values, axis=0, return_inverse=True)
        order = np.argsort(label.ravel(), kind="stable")  # rows of one value, in index order
        ranked = label.ravel()[order]
        starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
        sizes = np.diff(np.r_[starts, len(ranked)])
        for start, size in zip(starts[sizes > 1], sizes[sizes > 1]):
            group = index[order[start : start + size]]
            earlier, later = np.triu_indices(size, 1)
            found.append(np.stack([group[later], group[earlier]], axis=1))
    mates: dict[int, list[int]] = {}
    if found:
        for j, i in np.unique(np.concatenate(found), axis=0).tolist():  # sorted by (j, i)
            mates.setdefault(j, []).append(i)
    return mates


def word_containment(part: str, wholes: Sequence[str], size: int) -> float:
    """Share of the word `size`-grams of comparison key `part` found in any of `wholes`, on
    the scheme's 32-bit shingle hashes (containment(set(shingles(part)), union of theirs) but
    for two shingles sharing a hash); 0.0 when `part` has none."""
    hashes, owner = word_windows([part, *wholes], size)
    mine = np.sort(hashes[owner == 0])  # sorts and searches: np.unique and np.isin cost 2x more
    others = np.sort(hashes[owner != 0])
    if not mine.size or not others.size:
        return 0.0
    at = np.searchsorted(others, mine)
    at[at == others.size] = 0  # past the end: compared with any value, a miss unless equal
    first = np.r_[True, mine[1:] != mine[:-1]]  # each distinct hash of `part` once
    return float(np.count_nonzero((others[at] == mine) & first)) / np.count_nonzero(first)


def jaccard(a: set[str], b: set[str]) -> float:
    """Exact Jaccard similarity of two shingle sets."""
    return jaccard_of(len(a & b), len(a), len(b))


def jaccard_of(shared: int, size_a: int, size_b: int) -> float:
    """Jaccard similarity from the size of the intersection and of each set (two empty sets: 1)."""
    return shared / (size_a + size_b - shared) if size_a or size_b else 1.0


def containment(part: set[str], whole: set[str]) -> float:
    """Share of `part`'s shingles found in `whole`."""
    return len(part & whole) / len(part) if part else 0.0
