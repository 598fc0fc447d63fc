"""MinHash signatures, vectorised, bit-identical to datasketch's.

A signature row equals `datasketch.MinHash(num_perm, seed, scheme="affine32",
hashfunc=xxh32)` updated with the same shingles (a test pins this),
but every shingle is hashed once and all permutations of all blocks are applied in one
numpy expression instead of one Python call per shingle.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

import numpy as np
import xxhash
from datasketch import LeanMinHash, MinHash

from pipeline.config import DedupConfig

# MurmurHash3 32-bit finalizer constants, as datasketch's affine32 scheme pre-mixes input hashes.
FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))
# Shingles hashed per numpy chunk: bounds the (shingles x permutations) matrix to ~16 MB.
CHUNK_SHINGLES = 65536
MAX_HASH32 = np.uint32(0xFFFFFFFF)


def xxh32(shingle: str) -> int:
    """32-bit xxhash of a shingle's UTF-8 bytes: the hash function given to datasketch."""
    return xxhash.xxh32_intdigest(shingle.encode())


def hash_shingles(shingles: Sequence[str]) -> np.ndarray:
    """32-bit xxhash of every shingle (the hashing floor of MinHash)."""
    return np.fromiter(map(xxh32, shingles), dtype=np.uint32, count=len(shingles))


def _fmix32(hv: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = FMIX32
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    return hv ^ (hv >> s3)


class SignatureMaker:
    """Computes MinHash signatures for many shingle sets at once."""

    def __init__(self, config: DedupConfig) -> None:
        if config.scheme != "affine32":
            raise ValueError("only datasketch's 'affine32' scheme is vectorised here")
        self.config = config
        template = MinHash(
            num_perm=config.num_perm, seed=config.seed, scheme=config.scheme, hashfunc=xxh32
        )
        self.a, self.b = (np.asarray(p, dtype=np.uint32) for p in template.permutations)

    def signatures(self, shingle_sets: Sequence[Sequence[str]]) -> np.ndarray:
        """One signature row per shingle set; an empty set gets the all-max row, like datasketch."""
        sizes = np.fromiter((len(s) for s in shingle_sets), dtype=np.int64, count=len(shingle_sets))
        out = np.full((len(shingle_sets), self.config.num_perm), MAX_HASH32, dtype=np.uint32)
        flat = [sh for s in shingle_sets for sh in s]
        if not flat:
            return out
        mixed = _fmix32(hash_shingles(flat))
        owner = np.repeat(np.arange(len(shingle_sets)), sizes)
        for start in range(0, len(flat), CHUNK_SHINGLES):
            stop = min(start + CHUNK_SHINGLES, len(flat))
            permuted = mixed[start:stop, None] * self.a + self.b  # uint32 arithmetic wraps mod 2^32
            rows = owner[start:stop]
            # rows are sorted: reduce each run of equal owners to its column-wise minimum
            run_starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
            mins = np.minimum.reduceat(permuted, run_starts, axis=0)
            np.minimum.at(out, rows[run_starts], mins)
        return out

    def lean(self, signature: np.ndarray) -> LeanMinHash:
        """The signature as a datasketch LeanMinHash (for datasketch's LSH index)."""
        return LeanMinHash(seed=self.config.seed, hashvalues=signature, scheme=self.config.scheme)


def band_candidates(signatures: np.ndarray, bands: int) -> Iterator[tuple[int, int]]:
    """Pairs (earlier, later) of rows sharing at least one LSH band, each pair once."""
    rows = signatures.shape[1] // bands
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    for j, signature in enumerate(signatures):
        for band in range(bands):
            key = (band, signature[band * rows : (band + 1) * rows].tobytes())
            for i in buckets[key]:
                if (i, j) not in seen:
                    seen.add((i, j))
                    yield i, j
            buckets[key].append(j)


def jaccard(a: set[str], b: set[str]) -> float:
    """Exact Jaccard similarity of two shingle sets."""
    if not a and not b:
        return 1.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def containment(part: set[str], whole: set[str]) -> float:
    """Share of `part`'s shingles found in `whole`."""
    return len(part & whole) / len(part) if part else 0.0
