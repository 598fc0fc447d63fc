"""The bytes of the attachments, stored once per content: DATA_DIR/document_files/<sha256[:2]>/<sha256>.

The raw layer keeps one row per response (size, sha256, validators) but no body; the documents
stage needs the bytes of a file only when its sha256 is new. The spider writes each attachment
body here as it arrives (a 304 revalidated from Scrapy's HTTP cache hands back the same bytes:
the file is already there, nothing is written). Files are content-addressed and written with a
rename, so a killed crawl leaves at most a stray temporary file and never a half-written entry.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

STORE_DIR = "document_files"


def store_dir(data_dir: Path) -> Path:
    """Where a data directory keeps attachment bytes."""
    return Path(data_dir) / STORE_DIR


def path_for(data_dir: Path, sha256: str) -> Path:
    """The file holding the bytes whose SHA-256 is `sha256`."""
    return store_dir(data_dir) / sha256[:2] / sha256


def put(data_dir: Path, body: bytes, sha256: str | None = None) -> Path:
    """Store `body` under its SHA-256 unless it is already there; returns its path."""
    sha256 = sha256 or hashlib.sha256(body).hexdigest()
    target = path_for(data_dir, sha256)
    if target.is_file() and target.stat().st_size == len(body):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".tmp-", delete=False) as handle:
        handle.write(body)
    os.replace(handle.name, target)
    return target


def get(data_dir: Path, sha256: str) -> Path | None:
    """The stored file of a SHA-256, or None when this data directory never received it."""
    target = path_for(data_dir, sha256)
    return target if target.is_file() else None
