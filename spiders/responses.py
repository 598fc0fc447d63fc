"""What a response is worth: its encoding, whether it is usable HTML, why a download failed."""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import HtmlResponse, Response
from twisted.internet import error as net_error
from twisted.internet.defer import CancelledError
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

from rtes_core.pages import is_truncated_html
from spiders.middlewares import OffsiteRedirect, RedirectLoop

# Encoding of HTML that declares none (no header charset, no BOM, no <meta>) and is not UTF-8:
# WHATWG's legacy default for French pages; charset detection guesses cp1250/cp1257 for
# accented French and turns "è" into "č".
LEGACY_ENCODING = "cp1252"
# Download failures by kind, checked in order (Scrapy 2.19 exceptions and Twisted's).
FAILURE_KINDS = (
    (RedirectLoop, "redirect_loop"),
    (OffsiteRedirect, "offsite_redirect"),
    ((DownloadTimeoutError, net_error.TimeoutError, net_error.TCPTimedOutError), "timeout"),
    ((CannotResolveHostError, net_error.DNSLookupError), "dns"),
    ((DownloadConnectionRefusedError, net_error.ConnectionRefusedError), "connection_refused"),
    (
        (
            ResponseDataLossError,
            ResponseFailed,
            ResponseNeverReceived,
            net_error.ConnectionLost,
            net_error.ConnectionDone,
            DownloadFailedError,
        ),
        "connection_lost",
    ),
    ((DownloadCancelledError, CancelledError), "cancelled"),
    (IgnoreRequest, "ignored"),
)


def with_page_encoding(response: Response) -> Response:
    """The response decoded as LEGACY_ENCODING when it is HTML, declares no encoding anywhere
    and is not valid UTF-8 (declared encodings and UTF-8 are left to Scrapy)."""
    if not isinstance(response, HtmlResponse) or not response.body:
        return response
    content_type = header(response, b"Content-Type") or ""
    if (
        http_content_type_encoding(content_type)
        or read_bom(response.body)[0]
        or html_body_declared_encoding(response.body)
    ):
        return response
    try:
        response.body.decode("utf-8")
    except UnicodeDecodeError:
        return response.replace(encoding=LEGACY_ENCODING)
    return response


def page_problem(response: Response) -> tuple[str, str] | None:
    """(kind, detail) when a 2xx page cannot be used as HTML: not HTML, empty or truncated."""
    if not isinstance(response, HtmlResponse):
        return "non_html", f"Content-Type {header(response, b'Content-Type') or 'missing'}"
    if not response.body.strip():
        return "empty_page", "200 with an empty body"
    if is_truncated_html(response.text):
        return "truncated_html", f"HTML ends before </html> ({len(response.body)} bytes)"
    return None


def failure_kind(failure: Failure) -> str:
    """The error kind of a download failure (see FAILURE_KINDS)."""
    for types, kind in FAILURE_KINDS:
        if failure.check(*(types if isinstance(types, tuple) else (types,))):
            message = failure.getErrorMessage()
            if kind == "cancelled" and "max size" in message:
                return "oversize"
            if kind == "ignored" and "max redirections" in message:
                return "redirect_loop"
            if kind == "ignored" and "offsite" in message.lower():
                return "offsite_redirect"
            if kind == "ignored" and "robots.txt" in message:
                return "robots_forbidden"
            return kind
    return "download_error"


def header(response: Response, name: bytes) -> str | None:
    """A response header decoded as Latin-1 (HTTP's header charset), None when absent."""
    value = response.headers.get(name)
    return value.decode("latin-1") if value is not None else None
