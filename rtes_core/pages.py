"""Checks on a raw page before extraction. Pure."""

from __future__ import annotations

import re

# The closing </html> tag (any case, optional spaces); a complete page has one near its end.
HTML_END = re.compile(r"</html\s*>", re.IGNORECASE)
# Characters at the end of a page searched for </html> (comments or whitespace may follow it).
HTML_END_WINDOW = 4096
# Pages shorter than this without </html> are fragments, not cut pages (tests, snippets).
MIN_DOCUMENT_CHARS = 512


def is_truncated_html(text: str | None) -> bool:
    """True for an HTML document cut before its end: it opens <html> but never closes it.

    A 200 whose body stops halfway (a proxy or PHP process dying mid-page) would otherwise be
    read as a resource with half its body and no fields.
    """
    if not text or len(text) < MIN_DOCUMENT_CHARS or "<html" not in text[:2048].lower():
        return False
    return HTML_END.search(text[-HTML_END_WINDOW:]) is None
