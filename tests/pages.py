"""The saved pages of the tests (tests/files/) and offline responses built from them (City
Scrapers' `file_response`)."""

from __future__ import annotations

from pathlib import Path

from scrapy.http import HtmlResponse, Request, Response, XmlResponse

# Every saved page of the tests (City Scrapers keep theirs beside the tests, in one folder).
FILES = Path(__file__).parent / "files"


def file_response(
    path: str | Path,
    url: str,
    status: int = 200,
    headers: dict[str, str] | None = None,
    meta: dict | None = None,
) -> Response:
    """A response built from a saved file, as if `url` had returned it.

    `.xml` files give an `XmlResponse`, anything else an `HtmlResponse` (UTF-8).
    A relative `path` is looked up in tests/files/.
    """
    path = Path(path)
    if not path.is_absolute():
        path = FILES / path
    request = Request(url=url, meta=meta or {})
    response_class = XmlResponse if path.suffix == ".xml" else HtmlResponse
    return response_class(
        url=url,
        request=request,
        body=path.read_bytes(),
        status=status,
        headers=headers or {},
        encoding="utf-8",
    )
