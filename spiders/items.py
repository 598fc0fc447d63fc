"""Items the RTES spider yields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass
class RawPage:
    """One HTTP response, as received: a row of the raw table (`rtes_core.schemas.RAW_PAGES`).

    Field names and order follow RAW_PAGES; a test keeps them in step.
    """

    crawl_id: str
    url: str  # URL as requested (before redirects)
    final_url: str  # response.url, after redirects
    status: int
    fetched_at: datetime  # UTC
    page_kind: str  # listing | detail | sitemap
    content_type: str | None
    encoding: str | None  # encoding Scrapy decoded the body with (text responses only)
    etag: str | None
    last_modified: str | None
    body_bytes: int
    body_sha256: str
    html: str | None  # decoded body of HTML responses, else None
