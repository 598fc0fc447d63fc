"""MinHash signatures alone, on the same paragraph shingle sets, best of N interleaved repeats.

Systems (64 permutations, char 5-grams of each paragraph's comparison key):
- `ours_from_keys`: `SignatureMaker.key_signatures(keys)`, shingling included (numpy over code
  points), all paragraphs in one call;
- `ours_from_sets`: `SignatureMaker.signatures(sets)`, from the same shingle strings as the peers;
- `datasketch_bulk`: `MinHash.bulk(sets, hashfunc=xxh32)`; `datasketch_update_batch`: one
  `MinHash(hashfunc=xxh32)` per set, `update_batch(set)` (datasketch's batch APIs, never one
  `update()` per shingle);
- `rensa_rminhash`: one `RMinHash(64, 1)` per set, `update(set)`, `digest()`;
  `rensa_digest_matrix`: `RMinHash.digest_matrix_from_token_sets(sets)`, rows read back;
- `xxh32_loop`: a plain Python loop hashing every shingle with xxh32 (no permutations at all);
- `python_shingling`: building the shingle sets in Python, which every system but ours-from-keys
  needs first and which their timings leave out.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

MINHASH_PARAGRAPHS = 20000  # paragraphs of the bench corpus whose shingle sets are timed
CORPUS_RESOURCES = 1000  # the bench corpus these paragraphs are taken from
SEED = 7  # as bench.perf.SEED


def paragraph_keys() -> list[str]:
    from bench.corpus import sharded_resources
    from rtes_core.text import comparison_key

    resources, _ = sharded_resources(CORPUS_RESOURCES, SEED)
    paragraphs = [t for r in resources for b in r.blocks for t in b.texts()][:MINHASH_PARAGRAPHS]
    return [comparison_key(p) for p in paragraphs]


def systems(keys: list[str]) -> tuple[dict[str, Callable[[], Any]], dict[str, Any]]:
    import xxhash
    from datasketch import MinHash
    from rensa import RMinHash

    from pipeline.config import DEFAULT_DEDUP as cfg
    from pipeline.minhash import SignatureMaker
    from rtes_core.text import shingles

    def shingle_sets() -> list[list[str]]:
        return [list(set(shingles(k, cfg.shingle_kind, cfg.shingle_size))) for k in keys]

    sets = shingle_sets()
    encoded = [[s.encode() for s in group] for group in sets]  # datasketch hashes bytes
    maker, k = SignatureMaker(cfg), cfg.num_perm
    hash32 = xxhash.xxh32_intdigest

    def update_batch() -> None:
        for group in encoded:
            m = MinHash(num_perm=k, seed=cfg.seed, hashfunc=hash32)
            m.update_batch(group)

    def rminhash() -> None:
        for group in sets:
            m = RMinHash(num_perm=k, seed=cfg.seed)
            m.update(group)
            m.digest()

    def xxh32_loop() -> None:
        for group in sets:
            [hash32(s.encode()) for s in group]

    timed = {
        "ours_from_keys": lambda: maker.key_signatures(keys),
        "ours_from_sets": lambda: maker.signatures(sets),
        "datasketch_bulk": lambda: MinHash.bulk(
            encoded, num_perm=k, seed=cfg.seed, hashfunc=hash32
        ),
        "datasketch_update_batch": update_batch,
        "rensa_rminhash": rminhash,
        "rensa_digest_matrix": lambda: RMinHash.digest_matrix_from_token_sets(
            sets, k, cfg.seed
        ).to_rows(),
        "xxh32_loop": xxh32_loop,
        "python_shingling": shingle_sets,
    }
    info = {"sets": len(sets), "shingles": sum(map(len, sets)), "num_perm": k, "scheme": cfg.scheme}
    return timed, info


def signature_figures(repeats: int) -> dict[str, Any]:
    """ms per set of each system (best of `repeats`, interleaved) and ratios to rensa's RMinHash."""
    keys = paragraph_keys()
    timed, info = systems(keys)
    best = dict.fromkeys(timed, float("inf"))
    for _ in range(repeats):  # interleaved: a noisy moment slows every system, not one
        for name, function in timed.items():
            started = time.process_time()
            function()
            best[name] = min(best[name], time.process_time() - started)
    ms = {name: round(seconds / len(keys) * 1e3, 5) for name, seconds in best.items()}
    rensa = ms["rensa_rminhash"]
    return {
        **info,
        "timing": f"CPU time (process_time), best of {repeats} interleaved repeats, one process",
        "ms_per_set": ms,
        "ratio_to_rensa_rminhash": {name: round(v / rensa, 3) for name, v in ms.items()},
        "datatrove": "not timed: not installed here (its signatures are a pipeline step writing files)",
    }
