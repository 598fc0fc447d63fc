"""Safe HTML for the pages we write (run reports, explain pages): every crawled string escaped.

Crawled text (titles, bodies, URLs, removed blocks) only ever reaches a page through `esc`
or `link`: a link is made only for an http(s) URL and carries rel="noopener nofollow"; any
other scheme (javascript:, data:, …) is shown as plain text. Each page also sends a Content
Security Policy that allows no script at all, so even a missed escape could not run one.
"""

from __future__ import annotations

import html
from urllib.parse import urlsplit

SAFE_SCHEMES = frozenset({"http", "https"})
# No script, no remote anything: inline styles and inline (data:) images only.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
MAX_SHOWN_CHARS = (
    2000  # a longer crawled title or URL is cut for display (a 1 MB title stays readable)
)
STYLE = """
body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5rem 0}
td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}.num{text-align:right;font-variant-numeric:tabular-nums}
.ok{color:#17692d;font-weight:bold}.failed{color:#a8071a;font-weight:bold}
.block{margin:.4rem 0;padding:.3rem .5rem;border-left:3px solid #7a7}.removed{border-left-color:#c66;background:#fff5f5}
.removed .text{text-decoration:line-through;color:#777}.why{font-size:.85rem;color:#a8071a}
.n{font-family:monospace;color:#555;margin-right:.5rem}.plots{display:flex;flex-wrap:wrap;gap:1rem}
.plots figure{margin:0;max-width:34rem}.plots svg{max-width:100%;height:auto}
code{background:#f4f4f4;padding:0 .2rem;word-break:break-all}
"""


def esc(value: object, limit: int | None = MAX_SHOWN_CHARS) -> str:
    """Any value as escaped HTML text (quotes too), cut to `limit` characters with a note."""
    text = "" if value is None else str(value)
    if limit is not None and len(text) > limit:
        text = f"{text[:limit]} … [{len(text) - limit:,} more characters]"
    return html.escape(text, quote=True)


def is_safe_url(url: object) -> bool:
    """True for an absolute http(s) URL with a host: the only links we make from crawled data."""
    if not isinstance(url, str):
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in SAFE_SCHEMES and bool(parts.netloc)


def link(url: object, text: object = None) -> str:
    """A link to a crawled URL (http(s) only, rel="noopener nofollow"), else the escaped text."""
    label = esc(url if text is None else text)
    if not is_safe_url(url):
        return label
    return f'<a href="{esc(url, limit=None)}" rel="noopener nofollow">{label}</a>'


def page(title: str, body: str) -> str:
    """A whole HTML document around `body` (already-safe HTML), with the no-script policy."""
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title, limit=200)}</title><style>{STYLE}</style></head>\n"
        f"<body>\n{body}\n</body></html>\n"
    )


def table(headers: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    """A table of already-safe cells; columns in `numeric` right-aligned."""
    numeric = numeric or set()
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
