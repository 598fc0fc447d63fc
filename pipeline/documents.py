"""Text of the attached documents: PDFs read with pypdfium2 in worker processes.

pypdfium2 binds PDFium, the PDF engine of Chromium: a maintained C++ parser that reads a page's
text layer in milliseconds and survives damaged files (it rebuilds broken cross-reference
tables), where pdfminer.six, pure Python, is about 20-50x slower on the same pages and gains us
nothing we use (we keep reading order and lines, not layout boxes).

Every file is read in a worker process under a time limit (a file that hangs PDFium is killed
with its worker, which is replaced) and a memory limit (RLIMIT_AS), after a size check: a hung,
huge or malicious file costs its own row (`failed:timeout`, `failed:too_big`, `failed:crashed`),
never the run. What the workers return is cleaned here, in the parent: pure functions.
"""

from __future__ import annotations

import json
import math
import os
import re
import select
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from rtes_core.text import CONTROL_CHARS, comparison_key

PAGE_SEPARATOR = "\f"  # between the pages of `text` (form feed, as pdftotext writes it)
PDF_MAGIC = b"%PDF-"
# Content types read as PDF; anything else with a PDF body is read too (servers send octet-stream).
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
# Content types that are a web page, not a document: a login page or an interstitial at a file URL.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
# PDF date strings ("D:20190701093000+02'00'"): the calendar date part.
PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")
# A line that is only a page number ("3", "- 3 -", "Page 3 / 12", "p. 3 sur 12").
PAGE_NUMBER_LINE = re.compile(
    r"^[-–\s]*(?:page|p\.)?\s*\d{1,4}\s*(?:(?:/|sur|of)\s*\d{1,4})?[-–\s]*$", re.IGNORECASE
)
# Digits, compared as one symbol when looking for running headers ("Page 3" ~ "Page 4").
DIGITS = re.compile(r"\d+")
# Spaces and tabs inside a line (line breaks are kept: they are the layout's lines).
INLINE_SPACE = re.compile(r"[^\S\n]+")
RUNNING_LINES = 2  # lines at the top and at the bottom of a page looked at for running headers
# A running header this short is compared digits aside ("Page 3" ~ "Page 4", "RTES 2018 – 3");
# a longer line only as written: two sentences of one template ("43 structures ont répondu …,
# pour un montant total de 676 000 euros.") closing two pages are text, not a footer.
RUNNING_MASKED_CHARS = 40
RUNNING_SHARE = (
    0.6  # ... dropped when the same line (digits aside) opens or closes this share of the pages
)
LANGUAGE_SAMPLE_CHARS = (
    1500  # characters given to the language identifier (a page is plenty; it costs ~linear time)
)
POLL_SECONDS = 0.5  # how often the parent looks for a worker past its deadline


@dataclass
class Extracted:
    """What reading one file gave: the per-page text layer, its metadata, or why there is none."""

    extraction: str  # text_layer | none | failed:<reason>
    pages: int | None = None
    page_texts: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.extraction.startswith("failed:")


def media_type(content_type: str | None) -> str | None:
    """The media type of a Content-Type header, lower-cased, without parameters."""
    return content_type.split(";", 1)[0].strip().lower() or None if content_type else None


def judge_type(content_type: str | None, head: bytes) -> str | None:
    """Why a body cannot be read as a document (None when it can): its type and its first bytes."""
    if head.lstrip()[:5] == PDF_MAGIC:
        return None
    kind = media_type(content_type)
    if kind in HTML_TYPES or head.lstrip()[:1] == b"<":
        return "failed:wrong_content_type"
    if kind in PDF_TYPES:
        return "failed:corrupt"  # announced as PDF, but not one
    return "failed:unsupported_format"  # office files, archives: no reader here yet


# --- in the worker ----------------------------------------------------------------------------


def read_pdf(path: str, max_bytes: int) -> Extracted:
    """The text layer of every page of a PDF file (runs in a worker process)."""
    import pypdfium2 as pdfium  # in the worker only: the parent never loads PDFium

    started = time.monotonic()
    size = os.path.getsize(path)
    if size > max_bytes:
        return Extracted("failed:too_big", seconds=time.monotonic() - started)
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        reason = "encrypted" if "password" in str(exc).lower() else "corrupt"
        return Extracted(f"failed:{reason}", seconds=time.monotonic() - started)
    try:
        metadata = {
            k: v
            for k, v in document.get_metadata_dict(skip_empty=True).items()
            if isinstance(v, str)
        }
        texts = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        pages = len(document)
    except pdfium.PdfiumError:
        return Extracted("failed:corrupt", seconds=time.monotonic() - started)
    finally:
        document.close()
    kind = "text_layer" if any(t.strip() for t in texts) else "none"
    return Extracted(kind, pages, texts, metadata, time.monotonic() - started)


def _limit_memory(megabytes: int) -> None:
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass  # not on this platform: the time limit still holds


def worker_main(max_bytes: int, memory_mb: int) -> None:
    """A worker's loop (`python -m pipeline.documents MAX_BYTES MEMORY_MB`): one path per stdin
    line in, one JSON line per file out, until stdin closes."""
    _limit_memory(memory_mb)
    for line in sys.stdin:
        try:
            result = read_pdf(line.rstrip("\n"), max_bytes)
        except MemoryError:
            result = Extracted("failed:memory_limit")
        except Exception as exc:  # noqa: BLE001 - any failure of one file is that file's row
            result = Extracted(f"failed:error ({type(exc).__name__})")
        sys.stdout.write(json.dumps(asdict(result)) + "\n")
        sys.stdout.flush()


# --- in the parent ----------------------------------------------------------------------------


class _Slot:
    """One worker process (a fresh interpreter, never a fork of a large parent) and its task."""

    def __init__(self, max_bytes: int, memory_mb: int) -> None:
        command = [sys.executable, "-m", "pipeline.documents", str(max_bytes), str(memory_mb)]
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8"
        )
        self.key: Any = None
        self.deadline = 0.0

    def send(self, key: Any, path: str, timeout: float) -> None:
        self.key, self.deadline = key, time.monotonic() + timeout
        self.process.stdin.write(path + "\n")
        self.process.stdin.flush()

    def receive(self) -> Extracted:
        line = self.process.stdout.readline()
        if not line:  # the worker died (PDFium crashed, or the OS killed it)
            return Extracted("failed:crashed")
        return Extracted(**json.loads(line))

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if not stream.closed:
                stream.close()


def extract_files(
    tasks: Iterable[tuple[Any, str]], workers: int, timeout: float, max_bytes: int, memory_mb: int
) -> Iterator[tuple[Any, Extracted]]:
    """(key, Extracted) for every (key, path), in completion order; never raises for one file.

    A worker past its file's deadline is killed and replaced; so is one that died."""
    pending = list(tasks)
    pending.reverse()
    slots = (
        [_Slot(max_bytes, memory_mb) for _ in range(max(1, min(workers, len(pending))))]
        if pending
        else []
    )
    try:
        while pending or any(s.key is not None for s in slots):
            for slot in slots:
                if slot.key is None and pending:
                    slot.send(*pending.pop(), timeout)
            busy = [s for s in slots if s.key is not None]
            ready, _, _ = select.select([s.process.stdout for s in busy], [], [], POLL_SECONDS)
            now = time.monotonic()
            for i, slot in enumerate(slots):
                if slot.key is None:
                    continue
                if slot.process.stdout in ready:
                    result = slot.receive()
                elif now > slot.deadline:
                    result = Extracted("failed:timeout", seconds=timeout)
                else:
                    continue
                key = slot.key
                if result.extraction in ("failed:crashed", "failed:timeout"):
                    slot.stop(kill=True)
                    slots[i] = _Slot(max_bytes, memory_mb)
                else:
                    slot.key = None
                yield key, result
    finally:
        for slot in slots:
            slot.stop(kill=slot.key is not None)


# --- cleaning (pure) --------------------------------------------------------------------------


def _lines(page: str) -> list[str]:
    """A page's lines: NFC, control characters gone, spaces collapsed, empty lines dropped."""
    page = unicodedata.normalize("NFC", page.replace("\r\n", "\n").replace("\r", "\n"))
    page = CONTROL_CHARS.sub("", page)
    return [
        line for line in (INLINE_SPACE.sub(" ", raw).strip() for raw in page.split("\n")) if line
    ]


def running_keys(pages: list[list[str]]) -> set[str]:
    """Keys of lines that open or close most pages (running headers and footers)."""
    if len(pages) < 2:
        return set()
    seen: Counter = Counter()
    for lines in pages:
        edge = lines[:RUNNING_LINES] + lines[-RUNNING_LINES:]
        seen.update({_running_key(line) for line in edge})
    needed = max(2, math.ceil(RUNNING_SHARE * len(pages)))
    return {key for key, count in seen.items() if count >= needed and key}


def _running_key(line: str) -> str:
    key = comparison_key(line)
    return DIGITS.sub("#", key) if len(key) <= RUNNING_MASKED_CHARS else key


def clean_pages(page_texts: list[str]) -> tuple[list[str], int]:
    """Each page's text without page numbers and running headers; and how many lines went."""
    pages = [_lines(p) for p in page_texts]
    running = running_keys(pages)
    cleaned, dropped = [], 0
    for lines in pages:
        edges = set(range(min(RUNNING_LINES, len(lines)))) | set(
            range(max(0, len(lines) - RUNNING_LINES), len(lines))
        )
        kept = [
            line
            for i, line in enumerate(lines)
            if not PAGE_NUMBER_LINE.match(line)
            and not (i in edges and _running_key(line) in running)
        ]
        dropped += len(lines) - len(kept)
        cleaned.append("\n".join(kept))
    return cleaned, dropped


def pdf_date(value: str | None) -> date | None:
    """The date of a PDF date string, None when absent or not a date."""
    found = PDF_DATE.match(value or "")
    if not found:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2) or 1), int(found.group(3) or 1))
    except ValueError:
        return None


def language_of(text: str, min_chars: int) -> str | None:
    """ISO 639-1 code of the text's language (py3langid), None for too little text."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < min_chars:
        return None
    import py3langid  # loads its model on first use (about 0.3 s)

    return py3langid.classify(sample)[0]


if __name__ == "__main__":
    worker_main(int(sys.argv[1]), int(sys.argv[2]))
