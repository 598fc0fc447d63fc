"""Compare a published documents table with a ground truth (the mirror's), row by row. Pure.

A truth row names its file by its URL paths (exact copies: several); the published row with the
same paths must have the same resources, extraction, pages, language, published date and
near-duplicate link, and, for a text layer, keep at least MIN_RECALL of the truth's words.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pipeline.truthcheck import path_of

MIN_RECALL = 0.99  # share of the truth's words (with their counts) found in the extracted text
COMPARED = ("resource_ids", "extraction", "pages", "language", "published_date", "title")


def word_recall(extracted: str | None, truth: str | None) -> float:
    """Share of the truth's word occurrences also in the extracted text (layout-blind)."""
    want = Counter((truth or "").split())
    if not want:
        return 1.0
    got = Counter((extracted or "").split())
    return sum(min(n, got[w]) for w, n in want.items()) / sum(want.values())


def document_differences(published: list[dict[str, Any]], truth: list[dict[str, Any]]) -> list[str]:
    """One line per difference between the published documents and the truth."""
    lines: list[str] = []
    published = [
        row for row in published if row.get("removed_at") is None
    ]  # removed ones stay, flagged
    by_paths = {tuple(sorted(path_of(u) for u in row["urls"])): row for row in published}
    path_of_id = {row["document_id"]: min(path_of(u) for u in row["urls"]) for row in published}
    expected = {tuple(sorted(t["urls"])): t for t in truth}
    for paths in sorted(set(by_paths) - set(expected)):
        lines.append(f"{paths[0]}: published {list(paths)} but not in the truth")
    for paths, want in expected.items():
        got = by_paths.get(paths)
        if got is None:
            lines.append(f"{paths[0]}: missing (truth: one row for {list(paths)})")
            continue
        for name in COMPARED:
            value = got.get(name)
            value = str(value) if name == "published_date" and value is not None else value
            if value != want[name]:
                lines.append(f"{paths[0]}: {name} differs: got {value!r} expected {want[name]!r}")
        target = path_of_id.get(got.get("near_duplicate_of"))
        if target != want["near_duplicate_of"]:
            lines.append(
                f"{paths[0]}: near_duplicate_of differs: got {target!r} expected {want['near_duplicate_of']!r}"
            )
        recall = word_recall(got.get("text"), want["text"])
        if recall < MIN_RECALL:
            lines.append(f"{paths[0]}: text recall {recall:.4f} < {MIN_RECALL}")
    return lines
