"""Extraction of generated PDFs: text kept with page separators, every bad kind with its reason."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mirror import documents as mirror_docs
from mirror.text import Writer
from pipeline.config import DEFAULT_DEDUP
from pipeline.document_stage import extracted_columns
from pipeline.document_truthcheck import word_recall
from pipeline.documents import PAGE_SEPARATOR, clean_pages, extract_files, judge_type, pdf_date

LIMIT = 1024 * 1024  # the size limit of these tests: every file is under it but "huge"
MOMENT = datetime(2019, 7, 1, 9, 30, tzinfo=UTC)


def paragraphs(count: int, seed: int = 1) -> list[str]:
    rng, writer = random.Random(seed), Writer()
    return ["Guide pratique : les tiers-lieux"] + [
        " ".join(writer.sentences(rng, 60, 120)) for _ in range(count)
    ]


def extract(tmp_path: Path, files: dict[str, bytes], max_bytes: int = 10 * 1024 * 1024) -> dict:
    tasks = []
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
        tasks.append((name, str(tmp_path / name)))
    return dict(extract_files(tasks, workers=2, timeout=60, max_bytes=max_bytes, memory_mb=2048))


@pytest.fixture(scope="module")
def texts():
    return paragraphs(30)


@pytest.fixture(scope="module")
def results(tmp_path_factory, texts):
    screen, _ = mirror_docs.text_pdf(texts, "Guide pratique", MOMENT, mirror_docs.SCREEN)
    printed, _ = mirror_docs.text_pdf(
        texts, "Guide pratique – version pour impression", MOMENT, mirror_docs.PRINT
    )
    encrypted, _ = mirror_docs.text_pdf(
        texts[:5], "Secret", MOMENT, mirror_docs.SCREEN, password="motdepasse"
    )
    scanned, _ = mirror_docs.scanned_pdf(texts[:6], "Scan", MOMENT)
    files = {
        "screen": screen,
        "print": printed,
        "encrypted": encrypted,
        "scanned": scanned,
        "corrupt": screen[: len(screen) // 2] + b"\x00garbage",
        "huge": screen + b"%" + b"0" * LIMIT,
    }
    return extract(tmp_path_factory.mktemp("pdfs"), files, max_bytes=LIMIT), files


def test_text_layer_kept_with_a_separator_between_pages(results, texts):
    found, _ = results
    screen = found["screen"]
    assert screen.extraction == "text_layer" and screen.pages > 2
    columns = extracted_columns(screen, DEFAULT_DEDUP)
    assert columns["text"].count(PAGE_SEPARATOR) == screen.pages - 1
    assert word_recall(columns["text"], "\n".join(texts)) >= 0.999
    assert columns["language"] == "fr"
    assert columns["published_date"].isoformat() == "2019-07-01"
    assert columns["_pdf_title"] == "Guide pratique"


def test_print_layout_loses_running_header_and_page_numbers_but_keeps_text(results, texts):
    found, _ = results
    pages, dropped = clean_pages(found["print"].page_texts)
    text = PAGE_SEPARATOR.join(pages)
    assert dropped >= 2 * len(pages)  # a header and a footer on every page
    assert "Page 1 /" not in text and "version pour impression" not in text
    assert word_recall(text, "\n".join(texts)) >= 0.999


def test_sentences_of_one_template_closing_pages_are_text_but_a_numbered_header_goes():
    sentence = "{} structures ont répondu à l’appel à projets, pour un montant total de {} euros."
    own = ("Les élus de Lille ouvrent la journée.", "Un atelier suit.", "La synthèse clôt.")
    pages = [
        f"Étude insertion 2018 – {n}\n{own[n - 1]}\n" + sentence.format(10 * n, 100 * n)
        for n in (1, 2, 3)
    ]
    cleaned, dropped = clean_pages(pages)
    assert dropped == 3  # the running header, digits aside
    assert all(sentence.format(10 * n, 100 * n) in cleaned[n - 1] for n in (1, 2, 3))
    assert not any("Étude insertion 2018" in page for page in cleaned)


@pytest.mark.parametrize(
    "name, reason",
    [
        ("encrypted", "failed:encrypted"),
        ("corrupt", "failed:corrupt"),
        ("huge", "failed:too_big"),
        ("scanned", "none"),
    ],
)
def test_bad_files_get_their_reason(results, name, reason):
    found, _ = results
    assert found[name].extraction == reason
    assert found[name].page_texts == [] or not any(t.strip() for t in found[name].page_texts)


def test_scanned_pdf_counts_its_pages_without_text(results):
    found, _ = results
    assert (
        found["scanned"].pages == 1
        and extracted_columns(found["scanned"], DEFAULT_DEDUP)["text"] is None
    )


def test_content_type_and_magic_decide_what_is_read():
    assert judge_type("application/pdf", b"%PDF-1.7\n...") is None
    assert judge_type("application/octet-stream", b"%PDF-1.4") is None
    assert judge_type("text/html; charset=utf-8", b"<!DOCTYPE html>") == "failed:wrong_content_type"
    assert judge_type("application/pdf", b"PK\x03\x04") == "failed:corrupt"
    assert (
        judge_type("application/vnd.oasis.opendocument.text", b"PK\x03\x04")
        == "failed:unsupported_format"
    )


def test_a_missing_file_is_that_files_failure_and_the_others_go_on(tmp_path, results):
    _, files = results
    (tmp_path / "ok.pdf").write_bytes(files["screen"])
    found = dict(
        extract_files(
            [("gone", str(tmp_path / "nope.pdf")), ("ok", str(tmp_path / "ok.pdf"))],
            workers=1,
            timeout=60,
            max_bytes=10**8,
            memory_mb=2048,
        )
    )
    assert found["gone"].extraction.startswith("failed:error")
    assert found["ok"].extraction == "text_layer"


def test_pdf_dates():
    assert pdf_date("D:20190701093000+02'00'").isoformat() == "2019-07-01"
    assert pdf_date("D:2019").isoformat() == "2019-01-01"
    assert pdf_date("hier") is None and pdf_date(None) is None
