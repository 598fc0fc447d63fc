"""Theme 3: theme 2's pages in a markup no rule was written for. Every class and id becomes an
opaque token, <article>/<section>/<main>/<aside> become plain <div>s and the <h2>/<h3> headings
(item titles, body sections) two levels lower, so that only what a reader sees is left to go
by: headings, paragraphs, links, labels and the page's repetition.

It stands for the checks run on sites built from real page texts in markup never seen: a rule
that needs one theme's names fails here, not only there. The site model and its truth are the
same as every theme's."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from mirror import theme2

# class="a b" and id="x": renamed token by token (a stable, meaningless name per token).
NAMED_ATTRIBUTE = re.compile(r'\b(class|id)="([^"]*)"')
# The HTML5 sectioning tags, opening and closing: a theme may use none of them.
SECTIONING_TAG = re.compile(r"<(/?)(?:article|section|main|aside)\b")
# <h2> and <h3>, opening and closing: titled two levels lower (<h4>, <h5>).
UPPER_HEADING = re.compile(r"<(/?)h([23])\b")
HEADING_SHIFT = 2


def _opaque(token: str) -> str:
    return "k" + hashlib.blake2s(token.encode(), digest_size=3).hexdigest()


def _rename(match: re.Match) -> str:
    attribute, value = match.groups()
    return f'{attribute}="{" ".join(_opaque(t) for t in value.split())}"'


def unseen_markup(html: str) -> str:
    """The same page with no name a rule could know, no sectioning tag, lower headings."""
    html = SECTIONING_TAG.sub(r"<\1div", NAMED_ATTRIBUTE.sub(_rename, html))
    return UPPER_HEADING.sub(lambda m: f"<{m[1]}h{int(m[2]) + HEADING_SHIFT}", html)


def scrambled(render: Callable[..., str]) -> Callable[..., str]:
    def page(*args, **kwargs) -> str:
        return unseen_markup(render(*args, **kwargs))

    page.__name__ = f"theme3_{render.__name__}"
    return page


home_page = scrambled(theme2.home_page)
listing_page = scrambled(theme2.listing_page)
detail_page = scrambled(theme2.detail_page)
node_page = scrambled(theme2.node_page)
static_page = scrambled(theme2.static_page)
static_page_html = scrambled(theme2.static_page_html)
not_found_page = scrambled(theme2.not_found_page)
