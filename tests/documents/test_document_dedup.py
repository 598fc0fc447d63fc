"""Near-duplicates across documents: print/screen and edition pairs linked the right way, no false link."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

from mirror.documents import rewrite
from mirror.text import Writer
from pipeline.config import DEFAULT_DEDUP
from pipeline.document_dedup import Candidate, near_duplicates

SEEN = datetime(2024, 1, 1, tzinfo=UTC)


def text(seed: int, paragraphs: int = 12) -> list[str]:
    rng, writer = random.Random(seed), Writer()
    return [" ".join(writer.sentences(rng, 60, 120)) for _ in range(paragraphs)]


def doc(
    doc_id: str, paragraphs: list[str], names: str = "", published: date | None = None
) -> Candidate:
    return Candidate(doc_id, "\n".join(paragraphs), names, published, SEEN)


def test_print_points_to_screen_and_old_edition_to_new_and_nothing_else():
    guide, study = text(1), text(2)
    newer = rewrite(study, random.Random(3))
    assert newer != study
    candidates = [
        doc("screen", guide, "Guide pratique"),
        doc(
            "print", ["Guide pratique"] + guide + ["Page 1 / 3"], "Guide – version pour impression"
        ),
        doc("old", study, "Étude 2016", date(2016, 5, 1)),
        doc("new", newer, "Étude 2019", date(2019, 7, 1)),
        *(doc(f"other-{n}", text(10 + n)) for n in range(8)),  # same templates, other sentences
    ]
    links, counts = near_duplicates(candidates, DEFAULT_DEDUP)
    assert set(links) == {"print", "old"}
    assert links["print"][0] == "screen" and links["print"][1] > 0.9
    assert links["old"][0] == "new" and DEFAULT_DEDUP.document_jaccard <= links["old"][1] < 1.0
    assert counts["document_pairs_verified"] == 2


def test_short_texts_are_never_linked():
    links, _ = near_duplicates(
        [doc("a", ["Programme de la journée"]), doc("b", ["Programme de la journée"])],
        DEFAULT_DEDUP,
    )
    assert links == {}
