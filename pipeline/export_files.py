"""Reading a legacy export file: its encoding sniffed, its lines streamed (the importer's edge)."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

READ_CHUNK = 1 << 16  # bytes decoded at a time by the line reader
SNIFF_CONTROL_SHARE = 0.01  # more control characters than this share of the text: not text
# C0 controls other than tab, newline, carriage return, form feed: binary data, not text.
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")


def read_lines(path: Path, encoding: str) -> Iterator[tuple[int, str]]:
    """Numbered lines of a text file, read lazily (the edge: the only I/O of this module)."""
    codec = "utf-8-sig" if encoding == "utf-8" else encoding  # a leading BOM is not text
    with path.open("r", encoding=codec, newline=None) as handle:
        for number, line in enumerate(handle, 1):
            yield number, line.rstrip("\n")


def sniff(path: Path) -> tuple[str | None, str]:
    """(encoding, "") for UTF-8 text, else cp1252 text; (None, why) when the file is not text.

    Streams the bytes once (bounded memory), feeding both decoders incrementally; NUL bytes or
    many other control bytes mean binary data whatever decodes.
    """
    decoders = {name: codecs.getincrementaldecoder(name)() for name in ("utf-8", "cp1252")}
    size = controls = 0
    with path.open("rb") as handle:
        while chunk := handle.read(READ_CHUNK):
            if b"\x00" in chunk:
                return None, "it holds NUL bytes (binary data, not a text export)"
            size += len(chunk)
            controls += len(CONTROL_BYTES.findall(chunk))
            for name, decoder in list(decoders.items()):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    del decoders[name]
    if size == 0:
        return None, "it is empty"
    if controls > SNIFF_CONTROL_SHARE * size:
        return None, "it holds control bytes (binary data, not a text export)"
    for name, decoder in decoders.items():
        try:
            decoder.decode(b"", final=True)
            return name, ""
        except UnicodeDecodeError:
            continue
    return None, "it is neither UTF-8 nor cp1252 text"
