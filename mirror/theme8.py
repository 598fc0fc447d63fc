"""Theme 8: site builders and JS static-site generators (Next.js, Gatsby, Wix, Squarespace,
Webflow), written as those tools write their markup, different from themes 1-7. Same site
model, URLs, links and head links (canonical and `/node/N` shortlink on nodes and members,
`/taxonomy/term/N` shortlink on category listings), so mirror/truth.py holds.

- layout, by node (listings: by listing): `next` (`<div id="__next">`, CSS-module class names
  `styles_article__x8Kq2`, `<main>`, a `<script id="__NEXT_DATA__">` holding the page props:
  title, dates, the node id as `drupal_internal__nid`), `gatsby` (`<div id="___gatsby"><div
  id="gatsby-focus-wrapper">`, emotion `css-1x2y3z` classes), `wix` (deeply nested `<div>`s with
  `comp-kx8a2b1` ids, `wixui-rich-text` boxes of `<p class="font_8"><span style>` paragraphs,
  `<h2 class="font_2">` headings, ZWSP `wixGuard` empty lines), `squarespace` (`sqs-layout` /
  `sqs-row` / `sqs-col-8` with the node in several `sqs-block html-block`s and, on detail pages,
  a `sqs-col-4` summary block "Articles similaires" of three other nodes with their dates),
  `webflow` (`w-nav` navbar, `w-layout-grid`, `w-richtext` body, `w-dyn-list` collections);
- meta, by node: "9 juin 2021 · 3 min de lecture" with a `<time datetime="…000Z">`
  (`readtime`), `<span>`-separated "9 juin 2021 · 3 min" without machine date (`spans`), an
  avatar and "Par Rédaction RTES" with a `<time>` (`byline`), or the avatar and name above
  the title and a text-only date (`author`); "Mis à jour le 14 juin 2021" when the node shows an
  update. Dates as JS writes them ("1 juillet 2020", no "1er"); Wix abbreviates months ("juil.");
- fields, by node (resources): `chips` (category links and the type as pills, "Ressource
  privée" as a key/value row, the Résumé in an `<aside class="callout"><h3>Résumé</h3>`,
  the documents under "Documents"), `rows` (a grid of `meta-row` key/value spans, Résumé
  callout before the body), `icons` (icons whose only label is an `aria-label`, the Résumé a
  callout with an `aria-label`, the documents a list with an `aria-label`);
- documents, by node: `card` (`<a class="download-card">` holding the title, the file name, its
  size and "Télécharger (PDF)"), or `button` (a title link plus a "Télécharger" button to the
  same file);
- tags, by node: pills linking `/taxonomy/term/N`, `before` or `after` the body;
- body, by node: `p` (the builder's rich text), `spacers` (an empty line between blocks, as
  builders write it), `figure` (an embedded captioned image after the first block, from the
  builder's CDN), `quote` (a short paragraph set as a `<blockquote>`);
- listings, by listing (default: the layout's own): `cards` (CSS-module cards), `dyn` (Webflow
  `w-dyn-item` collection, teasers as whole-card links), `sqs` (`sqs-blog-item`, titles in
  `<h1>`), `gallery` (Wix `gallery-item`); teasers or full items as the site model says; pager,
  by listing: `more` ("Voir plus"), `next` ("‹ Page précédente" / "Page suivante ›"), `numbers`;
- chrome: a builder header with a hamburger button, a cookie banner, the builder's badge
  ("Créé avec Wix", "Powered by Squarespace", "Made in Webflow") and a newsletter form.

`VARIANT` forces one construct per part (as themes 4 to 7).
"""

from __future__ import annotations

import hashlib
import json
import math
import posixpath
import string
import zlib

from mirror import render, theme6, variants
from mirror.render import attr, esc
from mirror.site import (
    CATEGORIES,
    CATEGORY_BY_TID,
    LISTINGS,
    PAGE_SIZE,
    TAGS,
    Block,
    Listing,
    Resource,
    Site,
)
from mirror.text import MONTHS, word_count

MEMBER_NOTICE = theme6.MEMBER_NOTICE
AUTHOR = "Rédaction RTES"
AVATAR = "https://www.gravatar.com/avatar/5b1f0e3c8a2d4e6f?s=64&d=mp"
WORDS_PER_MINUTE = 200
RELATED_COUNT = 3
SIDE_COUNT = 4
HOME_COUNT = 6
SHORT_MONTHS = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
FIGURE_SRC = {
    "next": "https://images.ctfassets.net/r7e5f1x2/rencontre-reseau.jpg?w=1200&fm=webp",
    "gatsby": "https://images.ctfassets.net/r7e5f1x2/rencontre-reseau.jpg?w=1080&q=80",
    "wix": "https://static.wixstatic.com/media/a1b2c3_d4e5f6~mv2.jpg/v1/fill/w_740,h_416/rencontre.webp",
    "squarespace": "https://images.squarespace-cdn.com/content/v1/5f1a2b3c/rencontre.jpg?format=1000w",
    "webflow": "https://assets-global.website-files.com/5f1a2b3c4d5e6f/rencontre-reseau.jpg",
}
FIGURE_CAPTION = "Crédit photo : RTES"  # a credit, no body text (the truth has none)
WIX_PLACEHOLDER = (
    "https://static.wixstatic.com/media/nsplsh_placeholder~mv2.jpg/v1/fill/w_480,h_270/cover.jpg"
)

LAYOUTS = ("next", "gatsby", "wix", "squarespace", "webflow")
META_STYLES = ("readtime", "spans", "byline", "author")
FIELD_STYLES = ("chips", "rows", "icons")
DOC_STYLES = ("card", "button")
TAG_PLACES = ("before", "after")
BODY_STYLES = ("p", "spacers", "figure", "quote")
LIST_STYLES = ("cards", "dyn", "sqs", "gallery")
PAGER_STYLES = ("more", "next", "numbers")
LIST_OF_LAYOUT = {
    "next": "cards",
    "gatsby": "cards",
    "wix": "gallery",
    "squarespace": "sqs",
    "webflow": "dyn",
}

# layout: mixed | next | gatsby | wix | squarespace | webflow; meta: mixed | readtime | spans |
# byline | author; fields: mixed | chips | rows | icons; documents: mixed | card | button;
# tags: mixed | before | after; body: mixed | p | spacers | figure | quote; list: mixed (the
# layout's own) | cards | dyn | sqs | gallery; pager: mixed | more | next | numbers; cookie: on | off.
VARIANT = {
    "layout": "mixed",
    "meta": "mixed",
    "fields": "mixed",
    "documents": "mixed",
    "tags": "mixed",
    "body": "mixed",
    "list": "mixed",
    "pager": "mixed",
    "cookie": "on",
}


def _pick(part: str, key: int, options: tuple[str, ...]) -> str:
    style = VARIANT[part]
    return options[key % len(options)] if style == "mixed" else style


def layout_of(key: int) -> str:
    return _pick("layout", key, LAYOUTS)


def meta_style(resource: Resource) -> str:
    return _pick("meta", resource.nid // 2, META_STYLES)


def field_style(resource: Resource) -> str:
    return _pick("fields", resource.nid // 3, FIELD_STYLES)


def doc_style(resource: Resource) -> str:
    return _pick("documents", resource.nid // 7, DOC_STYLES)


def tag_place(resource: Resource) -> str:
    return _pick("tags", resource.nid // 5, TAG_PLACES)


def body_style(resource: Resource) -> str:
    return _pick("body", resource.nid // 4, BODY_STYLES)


def list_style(index: int) -> str:
    style = VARIANT["list"]
    return LIST_OF_LAYOUT[layout_of(index)] if style == "mixed" else style


def pager_style(index: int) -> str:
    return _pick("pager", index // 2, PAGER_STYLES)


# --- Generated names (build hashes: stable for a name) ------------------------------------

_B62 = string.digits + string.ascii_letters
_B36 = string.digits + string.ascii_lowercase


def _hash(*parts: object, n: int = 5, alphabet: str = _B62) -> str:
    value = int.from_bytes(hashlib.sha1(":".join(map(str, parts)).encode()).digest(), "big")
    out = []
    for _ in range(n):
        value, rest = divmod(value, len(alphabet))
        out.append(alphabet[rest])
    return "".join(out)


def _mod(module: str, name: str) -> str:
    """A CSS-module class name as Next.js builds it (`styles_article__x8Kq2`)."""
    return f"{module}_{name}__{_hash(module, name)}"


def _css(name: str) -> str:
    """An emotion class name as a Gatsby build writes it (`css-1x2y3z`)."""
    return "css-" + _hash("css", name, n=7, alphabet=_B36)


def _comp(*parts: object) -> str:
    """A Wix component id (`comp-kx8a2b1`)."""
    return "comp-k" + _hash("comp", *parts, n=7, alphabet=_B36)


def _icon(name: str) -> str:
    return (
        f'<svg class="icon icon-{name}" aria-hidden="true" width="16" height="16" '
        f'viewBox="0 0 24 24"><use href="#i-{name}"></use></svg>'
    )


# --- Dates and meta line -------------------------------------------------------------------


def date_text(moment, layout: str) -> str:
    """'9 juin 2021' as toLocaleDateString('fr-FR') writes it ('1 juillet 2020'); Wix's short
    months ('1 juil. 2020')."""
    months = SHORT_MONTHS if layout == "wix" else MONTHS
    return f"{moment.day} {months[moment.month - 1]} {moment.year}"


def iso_ms(moment) -> str:
    """A JS Date's toISOString() of the Paris time (`2021-06-09T08:00:00.000Z`)."""
    return (moment - render.paris_offset(moment)).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def reading_minutes(resource: Resource) -> int:
    words = sum(word_count(t) for b in resource.blocks for t in b.texts())
    return max(1, round(words / WORDS_PER_MINUTE))


def _when(moment, layout: str, machine: bool) -> str:
    text = date_text(moment, layout)
    return f'<time datetime="{iso_ms(moment)}">{text}</time>' if machine else text


def _avatar() -> str:
    return f'<img class="avatar" src="{attr(AVATAR)}" alt="{AUTHOR}" width="32" height="32">'


def meta_html(resource: Resource, layout: str) -> str:
    """The date line (and update) in the node's style, near the title."""
    style = meta_style(resource)
    machine = style in ("readtime", "byline")
    when = _when(resource.published, layout, machine)
    minutes = "" if resource.is_private else f"{reading_minutes(resource)} min"
    read = f" · {minutes} de lecture" if minutes else ""
    if style == "readtime":
        line = f'<div class="blog-post-meta">{when}{read}</div>'
    elif style == "spans":
        more = f" <span>·</span> <span>{minutes}</span>" if minutes else ""
        line = f'<div class="post-meta"><span>{when}</span>{more}</div>'
    elif style == "byline":
        line = (
            f'<div class="byline">{_avatar()}<div class="byline-text"><span class="byline-author">'
            f'Par {AUTHOR}</span> <span aria-hidden="true">·</span> {when}</div></div>'
        )
    else:
        line = (
            f'<div class="post-author">{_avatar()}<span class="post-author-name">{AUTHOR}</span>'
            f'</div><div class="post-date">{when}{read}</div>'
        )
    if resource.updated:
        line += (
            f'<div class="post-updated">Mis à jour le '
            f"{_when(resource.updated, layout, machine)}</div>"
        )
    return line


# --- Body ------------------------------------------------------------------------------------

WIX_SPAN = '<span style="font-size:17px;" class="wixui-rich-text__text">'
WIX_GUARD = (
    '<p class="font_8 wixui-rich-text__text"><span class="wixGuard wixui-rich-text__text">'
    "\u200b</span></p>"
)
SQS_P = '<p class="" style="white-space:pre-wrap;">'
SQS_EMPTY = '<p class="" data-rte-preserve-empty="true" style="white-space:pre-wrap;"></p>'
SPACERS = {
    "wix": WIX_GUARD,
    "squarespace": SQS_EMPTY,
    "webflow": "<p>\u200d</p>",
    "next": "<p><br></p>",
    "gatsby": "<p><br></p>",
}


def _wix_p(inner: str, cls: str = "font_8") -> str:
    return f'<p class="{cls} wixui-rich-text__text">{WIX_SPAN}{inner}</span></p>'


def figure_html(src: str, caption: str, layout: str) -> str:
    img = f'<img src="{attr(src)}" alt="" width="1200" height="675" loading="lazy">'
    if layout == "squarespace":
        return (
            f'<figure class="sqs-block-image-figure intrinsic">{img}<figcaption '
            f'class="image-caption-wrapper"><div class="image-caption"><p>{caption}</p></div>'
            "</figcaption></figure>"
        )
    if layout == "webflow":
        return (
            '<figure class="w-richtext-align-fullwidth w-richtext-figure-type-image">'
            f"<div>{img}</div><figcaption>{caption}</figcaption></figure>"
        )
    cls = "wixui-image" if layout == "wix" else "image-block"
    return f'<figure class="{cls}">{img}<figcaption>{caption}</figcaption></figure>'


def block_in(block: Block, layout: str) -> str:
    """One body block as the builder's rich-text editor writes it."""
    inline = render.inline(block.segments)
    if block.role == "empty":
        return SPACERS[layout] if layout in ("wix", "squarespace", "webflow") else "<p>&nbsp;</p>"
    if block.kind == "figure":
        return figure_html(block.src, inline, layout)
    if layout == "wix":
        if block.kind == "ul":
            items = "".join(
                f'<li class="wixui-rich-text__text">{_wix_p(esc(i))}</li>' for i in block.items
            )
            return f'<ul class="font_8 wixui-rich-text__text">{items}</ul>'
        if block.kind == "h3":
            return f'<h2 class="font_2 wixui-rich-text__text">{WIX_SPAN}{inline}</span></h2>'
        return _wix_p(inline)
    if layout == "squarespace":
        if block.kind == "ul":
            items = "".join(f"<li>{SQS_P}{esc(i)}</p></li>" for i in block.items)
            return f'<ul data-rte-list="default">{items}</ul>'
        if block.kind == "h3":
            return f"<h3>{inline}</h3>"
        return f"{SQS_P}{inline}</p>"
    return render.block_html(block)


def _quote_at(resource: Resource) -> int | None:
    """The short paragraph set as a pull quote (not the first block)."""
    candidates = [
        i
        for i, b in enumerate(resource.blocks)
        if i and b.kind == "p" and b.kept and not any(s.br for s in b.segments)
    ]
    short = [i for i in candidates if word_count(resource.blocks[i].plain) <= 60]
    return (short or candidates or [None])[0]


def body_parts(resource: Resource, layout: str) -> list[str]:
    style = body_style(resource)
    parts = [block_in(b, layout) for b in resource.blocks]
    if style == "quote" and (at := _quote_at(resource)) is not None:
        parts[at] = f'<blockquote class="pull-quote">{parts[at]}</blockquote>'
    elif style == "spacers":
        spaced: list[str] = []
        for part in parts:
            spaced += [SPACERS[layout], part] if spaced else [part]
        parts = spaced
    elif style == "figure" and parts:
        parts.insert(1, figure_html(FIGURE_SRC[layout], FIGURE_CAPTION, layout))
    return parts


def _sqs_block(inner: str, *key: object) -> str:
    return (
        f'<div class="sqs-block html-block sqs-block-html" data-block-type="2" '
        f'id="block-yui_3_17_2_1_{_hash("sqs", *key, n=13, alphabet=string.digits)}">'
        f'<div class="sqs-block-content"><div class="sqs-html-content">{inner}</div></div></div>'
    )


def body_html(resource: Resource, layout: str, br: bool = False) -> str:
    """The body in the builder's rich-text wrapper (br: single <br>s, as /node/N shows); on
    Squarespace one html block per section (a new block at each heading)."""
    parts = [variants.br_body(resource.blocks)] if br else body_parts(resource, layout)
    if layout == "squarespace":
        chunks: list[list[str]] = [[]]
        for part in parts:
            if part.startswith("<h3") and chunks[-1]:
                chunks.append([])
            chunks[-1].append(part)
        return "".join(
            _sqs_block("\n".join(c), resource.nid, "body", n) for n, c in enumerate(chunks)
        )
    inner = "\n".join(parts)
    if layout == "wix":
        comp = _comp(resource.nid, "body")
        return (
            f'<div id="{comp}" class="{comp} wixui-rich-text" data-testid="richTextElement">'
            f"{inner}</div>"
        )
    if layout == "webflow":
        return f'<div class="rich-text-block w-richtext">{inner}</div>'
    cls = _mod("styles", "body") if layout == "next" else _css("body")
    return f'<div class="{cls}">{inner}</div>'


# --- Fields ----------------------------------------------------------------------------------


def _category_href(name: str) -> str:
    return CATEGORY_BY_TID[CATEGORIES[name]].path


def _chips(resource: Resource) -> str:
    return "".join(
        f'<a class="chip" href="{_category_href(c)}">{esc(c)}</a>'
        for c in render.shown_categories(resource)
    )


def _type_chip(resource: Resource) -> str:
    rtype = resource.resource_type
    return f'<span class="chip chip--type">{esc(rtype)}</span>' if rtype else ""


def _row(label: str, value: str, cls: str = "meta-row") -> str:
    return (
        f'<div class="{cls}"><span class="meta-key">{label}</span>'
        f'<span class="meta-val">{value}</span></div>'
    )


def _private(resource: Resource) -> str:
    return "Oui" if resource.is_private else "Non"


def callout_html(resource: Resource, labelled: bool) -> str:
    if not resource.summary:
        return ""
    summary = render.summary_html(resource)
    if labelled:
        return f'<aside class="callout"><h3>Résumé</h3>{summary}</aside>'
    return (
        f'<aside class="callout callout--info" aria-label="Résumé">{_icon("info")}'
        f'<div class="callout-body">{summary}</div></aside>'
    )


def _size(path: str) -> str:
    kilos = 80 + int(_hash("size", path, n=4, alphabet=string.digits)) % 2900
    return f"{kilos} Ko" if kilos < 1000 else f"{kilos / 1024:.1f} Mo".replace(".", ",")


def documents_list(resource: Resource) -> str:
    if resource.is_private or not resource.documents:
        return ""
    if doc_style(resource) == "card":
        return "".join(
            f'<a class="download-card" href="{attr(d.path)}"><span class="file-title">'
            f'{esc(d.title)}</span><span class="file-name">{esc(posixpath.basename(d.path))}'
            f'</span><span class="file-size">{_size(d.path)}</span>'
            '<span class="btn">Télécharger (PDF)</span></a>'
            for d in resource.documents
        )
    return "".join(
        f'<div class="file-row"><a class="file-link" href="{attr(d.path)}">{esc(d.title)}</a>'
        f'<span class="file-meta">PDF · {_size(d.path)}</span>'
        f'<a class="button button--download" href="{attr(d.path)}" download>Télécharger</a></div>'
        for d in resource.documents
    )


def _downloads(resource: Resource, labelled: bool) -> str:
    items = documents_list(resource)
    if not items:
        return ""
    if labelled:
        return f'<section class="downloads"><h3>Documents</h3><div class="downloads-list">{items}</div></section>'
    return f'<section class="downloads" aria-label="Documents">{items}</section>'


def _rows(resource: Resource) -> str:
    values = {
        "type": esc(resource.resource_type or ""),
        "private": _private(resource),
        "categories": _chips(resource),
        "documents": documents_list(resource),
    }
    return "".join(
        _row(render.FIELDS[key][3], values[key])
        for key in theme6._shown(resource)
        if key != "summary" and values[key]
    )


def _facts(resource: Resource) -> str:
    facts = [
        ("Type de ressource", "folder", esc(resource.resource_type or "")),
        ("Ressource privée", "lock", _private(resource)),
        ("Catégorie", "tag", _chips(resource)),
    ]
    return "".join(
        f'<li class="post-fact" aria-label="{label}">{_icon(icon)}<span>{value}</span></li>'
        for label, icon, value in facts
        if value
    )


def fields_parts(resource: Resource) -> tuple[list[str], list[str]]:
    """The field parts before the body and after it, in the node's style."""
    style = field_style(resource)
    if style == "chips":
        chips = _chips(resource) + _type_chip(resource)
        before = [
            f'<div class="chips">{chips}</div>' if chips else "",
            _row("Ressource privée", _private(resource), "meta-row meta-row--access"),
            callout_html(resource, True),
        ]
        return before, [_downloads(resource, True)]
    if style == "rows":
        return [callout_html(resource, True)], [f'<div class="meta-grid">{_rows(resource)}</div>']
    before = [f'<ul class="post-facts">{_facts(resource)}</ul>']
    return before, [callout_html(resource, False), _downloads(resource, False)]


def tags_html(resource: Resource) -> str:
    if not resource.tags:
        return ""
    pills = "".join(
        f'<a class="pill" href="/taxonomy/term/{TAGS.get(t, 40)}">{esc(t)}</a>'
        for t in resource.tags
    )
    return f'<div class="tag-pills">{pills}</div>'


# --- Nodes -----------------------------------------------------------------------------------


def _cover(resource: Resource) -> str:
    if not resource.lead_image:
        return ""
    return (
        f'<div class="post-cover"><img src="{attr(resource.lead_image)}" '
        f'alt="{attr(resource.lead_alt)}" width="1200" height="675"></div>'
    )


def node_parts(resource: Resource, layout: str, br: bool = False) -> list[str]:
    """The node's parts after its title and meta line."""
    tags = tags_html(resource)
    first, last = (tags, "") if tag_place(resource) == "before" else ("", tags)
    if resource.kind == "article":
        parts = [_cover(resource), first, body_html(resource, layout, br), last]
    else:
        body = (
            f'<div class="members-gate">{_icon("lock")}<p>{MEMBER_NOTICE}</p></div>'
            if resource.is_private
            else body_html(resource, layout, br)
        )
        before, after = fields_parts(resource)
        parts = [*before, first, body, *after, last]
    return [p for p in parts if p]


def title_html(title: str, layout: str) -> str:
    if layout == "next":
        return f'<h1 class="{_mod("styles", "title")}">{esc(title)}</h1>'
    if layout == "gatsby":
        return f'<h1 class="{_css("title")}">{esc(title)}</h1>'
    if layout == "wix":
        span = WIX_SPAN.replace("17px", "40px")
        return f'<h1 class="font_0 wixui-rich-text__text">{span}{esc(title)}</span></h1>'
    if layout == "squarespace":
        return f'<h1 class="entry-title entry-title--large" data-content-field="title">{esc(title)}</h1>'
    return f'<h1 class="heading-post">{esc(title)}</h1>'


def wrap(layout: str, inner: str, *key: object) -> str:
    """A part in the builder's block: a Squarespace html block, a Wix rich-text component."""
    if layout == "squarespace" and not inner.startswith('<div class="sqs-block'):
        return _sqs_block(inner, *key)
    if layout == "wix" and 'data-testid="richTextElement"' not in inner[:120]:
        comp = _comp(*key)
        return f'<div id="{comp}" class="{comp} wixui-rich-text" data-testid="richTextElement">{inner}</div>'
    return inner


def heading_html(resource: Resource, layout: str) -> str:
    """The title and the meta line (the author style sets the meta above the title)."""
    meta, title = meta_html(resource, layout), title_html(resource.title, layout)
    return meta + title if meta_style(resource) == "author" else title + meta


def node_html(resource: Resource, layout: str, br: bool = False) -> str:
    parts = [heading_html(resource, layout), *node_parts(resource, layout, br)]
    inner = "\n".join(wrap(layout, p, resource.nid, n) for n, p in enumerate(parts))
    if layout == "next":
        return f'<article class="{_mod("styles", "article")}">{inner}</article>'
    if layout == "gatsby":
        return f'<article class="{_css("article")}">{inner}</article>'
    if layout == "wix":
        return _wix_section(inner, resource.nid)
    if layout == "webflow":
        return f'<div class="post-content">{inner}</div>'
    return inner


def _wix_section(inner: str, *key: object) -> str:
    return (
        f'<section id="{_comp(*key, "section")}" class="wixui-section">'
        f'<div data-testid="columns" class="{_comp(*key, "strip")} wixui-column-strip">'
        f'<div id="{_comp(*key, "column")}" class="wixui-column-strip__column">'
        '<div data-testid="inline-content"><div data-testid="mesh-container-content">'
        f"{inner}</div></div></div></div></section>"
    )


def related_html(site: Site, resource: Resource) -> str:
    """Squarespace's summary block: three other nodes, with their dates."""
    others = [r for r in site.newest if r.nid != resource.nid]
    at = next((i for i, r in enumerate(site.newest) if r.nid == resource.nid), 0)
    picked = [others[(at + n) % len(others)] for n in range(min(RELATED_COUNT, len(others)))]
    return summary_block("Articles similaires", picked)


def summary_block(heading: str, resources) -> str:
    """A Squarespace summary block: linked titles with their dates."""
    items = "".join(
        f'<div class="summary-item"><div class="summary-title"><a href="{r.path}" '
        f'class="summary-title-link">{esc(r.title)}</a></div><div class="summary-metadata">'
        f'<time class="summary-metadata-item--date">{date_text(r.published, "squarespace")}'
        "</time></div></div>"
        for r in resources
    )
    return (
        '<div class="sqs-block summary-v2-block sqs-block-summary-v2"><div class="sqs-block-content">'
        f'<div class="summary-block-header"><h3 class="summary-heading">{heading}</h3>'
        f'</div><div class="summary-item-list">{items}</div></div></div>'
    )


def _node_props(resource: Resource) -> dict:
    node = {
        "drupal_internal__nid": resource.nid,
        "title": resource.title,
        "path": {"alias": resource.path},
        "date": iso_ms(resource.published),
    }
    if resource.updated:
        node["updated"] = iso_ms(resource.updated)
    return {"node": node}


def detail_page(site: Site, resource: Resource, header: bool = True, br: bool = False) -> str:
    layout = layout_of(resource.nid)
    side = related_html(site, resource) if layout == "squarespace" else ""
    return page(
        resource.title,
        node_html(resource, layout, br),
        site=site,
        layout=layout,
        head_links=render.node_head_links(resource),
        header=header,
        side=side,
        props=_node_props(resource),
        path=resource.path,
    )


def node_page(site: Site, resource: Resource) -> str:
    """The node at /node/N: no site header, a <br>-separated body (as the real site's)."""
    return detail_page(site, resource, header=False, br=True)


# --- Listings --------------------------------------------------------------------------------


def _short_date(resource: Resource, layout: str) -> str:
    machine = meta_style(resource) in ("readtime", "byline")
    return _when(resource.published, layout, machine)


def _teaser_img(resource: Resource, cls: str) -> str:
    if not resource.lead_image:
        return ""
    return f'<img class="{cls}" src="{attr(resource.lead_image)}" alt="{attr(resource.lead_alt)}" loading="lazy">'


def _full(resource: Resource, layout: str) -> str:
    return meta_html(resource, layout) + "\n".join(node_parts(resource, layout))


def _card(resource: Resource, teaser: bool, layout: str) -> str:
    link = f'<a href="{resource.path}">{esc(resource.title)}</a>'
    title = f'<h2 class="{_mod("PostCard", "title")}">{link}</h2>'
    if not teaser:
        return f'<article class="{_mod("PostCard", "card")}">{title}{_full(resource, layout)}</article>'
    return (
        f'<article class="{_mod("PostCard", "card")}">{_teaser_img(resource, _mod("PostCard", "image"))}'
        f'{title}<p class="{_mod("PostCard", "date")}">{_short_date(resource, layout)}</p>'
        f'<p class="{_mod("PostCard", "excerpt")}">{esc(render.teaser_lead(resource))}</p>'
        f'<a class="{_mod("PostCard", "more")}" href="{resource.path}">{render.READ_MORE}</a></article>'
    )


def _dyn_item(resource: Resource, teaser: bool, layout: str) -> str:
    """A Webflow collection item; a teaser is one whole-card link."""
    if not teaser:
        return (
            f'<div role="listitem" class="collection-item w-dyn-item"><h3 class="heading-card">'
            f'<a href="{resource.path}">{esc(resource.title)}</a></h3>{_full(resource, layout)}</div>'
        )
    return (
        f'<div role="listitem" class="collection-item w-dyn-item"><a href="{resource.path}" '
        f'class="post-card w-inline-block">{_teaser_img(resource, "post-card-image")}'
        f'<h3 class="heading-card">{esc(resource.title)}</h3><div class="post-card-date">'
        f'{_short_date(resource, layout)}</div><p class="paragraph-card">'
        f'{esc(render.teaser_lead(resource))}</p><div class="link-text">{render.READ_MORE}'
        "</div></a></div>"
    )


def _sqs_item(resource: Resource, teaser: bool, layout: str) -> str:
    """A Squarespace blog item (its title an <h1>, as Squarespace's blog lists write it)."""
    head = (
        f'<article class="sqs-blog-item blog-item" id="article-{_hash("art", resource.nid, n=24, alphabet=_B36)}">'
        f'<div class="blog-basic-grid--text"><div class="blog-meta-section"><span '
        f'class="blog-meta-primary"><span class="blog-date">{_short_date(resource, layout)}</span>'
        f'</span></div><h1 class="blog-title"><a href="{resource.path}">{esc(resource.title)}</a></h1>'
    )
    if not teaser:
        return head + "\n".join(node_parts(resource, layout)) + "</div></article>"
    return (
        f'{head}<div class="blog-excerpt"><div class="blog-excerpt-wrapper"><p>'
        f"{esc(render.teaser_lead(resource))}</p></div></div>"
        f'<a class="blog-more-link" href="{resource.path}">{render.READ_MORE}</a></div></article>'
    )


def _gallery_item(resource: Resource, teaser: bool, layout: str, n: int) -> str:
    """A Wix pro-gallery item: the image link, then the info box."""
    img = _teaser_img(resource, "gallery-item") or (
        f'<img class="gallery-item" src="{WIX_PLACEHOLDER}" alt="" loading="lazy">'
    )
    info = (
        f'<p class="gallery-item-description">{esc(render.teaser_lead(resource))}</p>'
        f'<a class="info-element-custom-button" href="{resource.path}">{render.READ_MORE}</a>'
        if teaser
        else _full(resource, layout)
    )
    return (
        f'<div class="gallery-item-container" data-hook="item-container" data-idx="{n}">'
        f'<div class="gallery-item-wrapper"><a href="{resource.path}" data-hook="item-link-wrapper">'
        f'{img}</a></div><div class="gallery-item-info gallery-item-bottom-info">'
        f'<div class="gallery-item-date">{_short_date(resource, layout)}</div>'
        f'<h3 class="gallery-item-title"><a href="{resource.path}">{esc(resource.title)}</a></h3>'
        f"{info}</div></div>"
    )


def list_html(resources, teaser: bool, style: str, layout: str) -> str:
    if style == "dyn":
        items = "".join(_dyn_item(r, teaser, layout) for r in resources)
        return f'<div class="w-dyn-list"><div role="list" class="collection-list w-dyn-items">{items}</div></div>'
    if style == "sqs":
        items = "".join(_sqs_item(r, teaser, layout) for r in resources)
        return f'<div class="blog-basic-grid collection-content-wrapper">{items}</div>'
    if style == "gallery":
        items = "".join(_gallery_item(r, teaser, layout, n) for n, r in enumerate(resources))
        return f'<div data-hook="gallery" class="pro-gallery">{items}</div>'
    items = "".join(_card(r, teaser, layout) for r in resources)
    return f'<div class="{_mod("PostList", "grid")}">{items}</div>'


def pager_html(current: int, total: int, style: str) -> str:
    if total <= 1:
        return ""
    if style == "more":
        if current >= total - 1:
            return ""
        return f'<div class="load-more"><a class="button" href="?page={current + 1}">Voir plus</a></div>'
    if style == "next":
        links = []
        if current > 0:
            links.append(
                f'<a href="?page={current - 1}" class="pagination-previous">‹ Page précédente</a>'
            )
        if current < total - 1:
            links.append(
                f'<a href="?page={current + 1}" class="pagination-next">Page suivante ›</a>'
            )
        return f'<div role="navigation" aria-label="Liste" class="pagination-wrapper">{"".join(links)}</div>'
    numbers = "".join(
        f'<span class="page-number is-current" aria-current="page">{n + 1}</span>'
        if n == current
        else f'<a class="page-number" href="?page={n}">{n + 1}</a>'
        for n in range(total)
    )
    return f'<nav class="pagination" aria-label="Pagination">{numbers}</nav>'


def listing_page(site: Site, listing: Listing, page_number: int) -> str:
    items = site.listed[listing.path]
    index = next(i for i, lst in enumerate(LISTINGS) if lst.path == listing.path)
    layout = layout_of(index)
    shown = (
        items[page_number * PAGE_SIZE : (page_number + 1) * PAGE_SIZE] if page_number >= 0 else ()
    )
    total = max(1, math.ceil(len(items) / PAGE_SIZE))
    if shown:
        listed = list_html(shown, listing.teasers, list_style(index), layout)
        listed += pager_html(page_number, total, pager_style(index))
    else:
        listed = f'<div class="w-dyn-empty"><p>{render.EMPTY_VIEW}</p></div>'
    props = {
        "category": {"name": listing.title, "tid": listing.tid},
        "page": page_number,
        "posts": [{"title": r.title, "slug": r.slug, "date": iso_ms(r.published)} for r in shown],
    }
    return page(
        listing.title,
        wrap(layout, title_html(listing.title, layout), listing.tid, "title") + listed,
        site=site,
        layout=layout,
        head_links=f'<link rel="shortlink" href="/taxonomy/term/{listing.tid}">',
        props=props,
        path=listing.path,
    )


# --- Page chrome -----------------------------------------------------------------------------


def _li(links) -> str:
    return "".join(f'<li><a href="{p}">{esc(t)}</a></li>' for p, t in links)


def _nav(site: Site | None) -> str:
    """The menu: the site's pages, the category listings and the regions as sub-lists."""
    themes = _li((lst.path, lst.title) for lst in LISTINGS)
    regions = _li(render._region_menu(site))
    return (
        f"<ul>{_li(theme6._menu_links())}"
        f'<li class="has-submenu"><span>{render.RESOURCES_MENU}</span><ul>{themes}</ul></li>'
        f'<li class="has-submenu"><span>Régions</span><ul>{regions}</ul></li></ul>'
    )


BURGER = (
    '<button class="{cls}" type="button" aria-label="Ouvrir le menu" aria-expanded="false" '
    'aria-controls="menu"><span></span><span></span><span></span></button>'
)


def header_html(layout: str, site: Site | None) -> str:
    nav, brand = _nav(site), esc(render.SITE_SHORT)
    if layout == "next":
        return (
            f'<header class="{_mod("Header", "header")}"><a class="{_mod("Header", "logo")}" '
            f'href="/">{brand}</a>{BURGER.format(cls=_mod("Header", "burger"))}'
            f'<nav id="menu" class="{_mod("Header", "nav")}">{nav}</nav></header>'
        )
    if layout == "gatsby":
        return (
            f'<header class="{_css("header")}"><a class="{_css("logo")}" href="/">{brand}</a>'
            f'{BURGER.format(cls=_css("burger"))}<nav id="menu" class="{_css("nav")}">{nav}</nav></header>'
        )
    if layout == "wix":
        return (
            f'<header id="SITE_HEADER" class="wixui-header"><div id="{_comp("logo")}">'
            f'<a href="/">{brand}</a></div><div class="wixui-hamburger-menu">'
            f'{BURGER.format(cls="hamburger-open-button")}</div><nav id="menu" '
            f'aria-label="Site" class="{_comp("menu")} wixui-dropdown-menu">{nav}</nav></header>'
        )
    if layout == "squarespace":
        return (
            '<header id="header" class="header theme-col--primary"><div class="header-inner">'
            f'<div class="header-title"><div class="header-title-text"><a href="/">{brand}</a>'
            '</div></div><div class="header-burger">'
            f"{BURGER.format(cls='header-burger-btn burger')}</div>"
            f'<div class="header-nav"><nav id="menu" class="header-nav-list">{nav}</nav></div>'
            "</div></header>"
        )
    return (
        '<div class="navbar w-nav" data-collapse="medium" role="banner"><div class="container '
        f'w-container"><a href="/" class="brand w-nav-brand">{brand}</a><nav id="menu" '
        f'role="navigation" class="nav-menu w-nav-menu">{nav}</nav><div class="menu-button '
        'w-nav-button" aria-label="menu" role="button" tabindex="0"><div class="w-icon-nav-menu">'
        "</div></div></div></div>"
    )


NEWSLETTER = (
    '<form class="newsletter-form" action="/newsletter/subscribe" method="post">'
    '<label for="nl-email">Recevez notre lettre d’information</label>'
    '<input id="nl-email" type="email" name="email" placeholder="Votre adresse e-mail" required>'
    '<button type="submit">S’abonner</button></form>'
)
WEBFLOW_FORM = (
    '<div class="w-form"><form id="email-form" name="email-form" data-name="Email Form" '
    'method="get"><label for="email">Recevez notre lettre d’information</label>'
    '<input class="w-input" maxlength="256" name="email" placeholder="Votre adresse e-mail" '
    'type="email" id="email" required><input type="submit" value="S’abonner" class="w-button">'
    '</form><div class="w-form-done"><div>Merci ! Votre inscription a bien été prise en compte.'
    '</div></div><div class="w-form-fail"><div>Oups ! Une erreur est survenue.</div></div></div>'
)
BADGES = {
    "wix": '<div id="WIX_ADS" class="wix-ads"><a href="https://www.wix.com/lpviral/enviral" '
    'class="wix-ads-link">Créé avec <span>Wix</span></a></div>',
    "squarespace": '<a class="sqs-badge" href="https://www.squarespace.com">Powered by Squarespace</a>',
    "webflow": '<a class="w-webflow-badge" href="https://webflow.com?utm_campaign=brandjs">'
    "Made in Webflow</a>",
}
COOKIE_TEXT = (
    "Ce site utilise des cookies pour mesurer son audience et améliorer votre expérience. "
    "En poursuivant votre navigation, vous acceptez leur utilisation."
)


def footer_html(layout: str) -> str:
    form = WEBFLOW_FORM if layout == "webflow" else NEWSLETTER
    cls = {
        "next": _mod("Footer", "footer"),
        "gatsby": _css("footer"),
        "wix": "wixui-footer",
        "squarespace": "sections footer-sections",
        "webflow": "footer",
    }[layout]
    ident = ' id="SITE_FOOTER"' if layout == "wix" else ""
    return (
        f'<footer{ident} class="{cls}"><div class="footer-newsletter">{form}</div>'
        f"<p>{theme6.FOOT_TEXT}</p><ul>{theme6._foot_links()}</ul>"
        f"<p>© 2026 RTES</p>{BADGES.get(layout, '')}</footer>"
    )


def cookie_html(layout: str) -> str:
    if VARIANT["cookie"] != "on":
        return ""
    cls = {"squarespace": "sqs-cookie-banner-v2", "wix": "consent-banner"}.get(
        layout, "cookie-banner"
    )
    return (
        f'<div class="{cls}" role="dialog" aria-live="polite" aria-label="Cookies"><p>{COOKIE_TEXT}'
        '</p><button type="button" class="cookie-accept">Accepter</button>'
        '<button type="button" class="cookie-decline">Refuser</button></div>'
    )


def _side_list(site: Site | None) -> str:
    """Webflow's sidebar collection list of the latest nodes."""
    latest = site.latest(SIDE_COUNT) if site else ()
    items = "".join(
        f'<div role="listitem" class="w-dyn-item"><a href="{r.path}" class="side-link">'
        f"{esc(r.title)}</a></div>"
        for r in latest
    )
    return (
        '<h4 class="side-heading">Derniers articles</h4><div class="w-dyn-list">'
        f'<div role="list" class="w-dyn-items">{items}</div></div>'
    )


def _next_data(props: dict, path: str) -> str:
    data = {
        "props": {"pageProps": props, "__N_SSG": True},
        "page": "/[...slug]" if path not in ("", "/") else "/",
        "query": {"slug": [s for s in path.split("/") if s]},
        "buildId": _hash("build", n=21),
        "isFallback": False,
        "gsp": True,
        "locale": "fr",
        "scriptLoader": [],
    }
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script id="__NEXT_DATA__" type="application/json">{raw}</script>'


def _body(layout: str, content: str, top: str, side: str, props: dict, path: str) -> str:
    foot = footer_html(layout)
    if layout == "next":
        main = f'<main class="{_mod("Layout", "main")}">{content}</main>'
        return f'<div id="__next">{top}{main}{foot}</div>{_next_data(props, path)}'
    if layout == "gatsby":
        return (
            '<div id="___gatsby"><div style="outline:none" tabindex="-1" id="gatsby-focus-wrapper">'
            f'{top}<main class="{_css("main")}">{content}</main>{foot}</div>'
            '<div id="gatsby-announcer" aria-live="assertive" aria-atomic="true"></div></div>'
            f'<script id="gatsby-script-loader">/*<![CDATA[*/window.pagePath="{attr(path)}";/*]]>*/</script>'
        )
    if layout == "wix":
        return (
            '<div id="SITE_CONTAINER"><div id="main_MF"><div id="site-root"><div id="masterPage" '
            f'class="mesh-layout">{BADGES["wix"]}{top}<main id="PAGES_CONTAINER" tabindex="-1">'
            f'<div id="SITE_PAGES"><div id="{_comp(path, "page")}" class="wixui-page">{content}'
            f"</div></div></main>{foot}</div></div></div></div>"
        )
    if layout == "squarespace":
        return (
            f'<div id="siteWrapper" class="clearfix site-wrapper">{top}<main id="page" '
            'class="container" role="main"><article class="sections" id="sections"><section '
            'class="page-section"><div class="content-wrapper"><div class="content"><div '
            'class="sqs-layout sqs-grid-12 columns-12" data-type="page"><div class="row sqs-row">'
            f'<div class="col sqs-col-8 span-8">{content}</div><div class="col sqs-col-4 span-4">'
            f"{side}</div></div></div></div></div></section></article></main>{foot}</div>"
        )
    return (
        f'{top}<div class="section"><div class="container w-container"><div class="w-layout-grid '
        f'grid-post"><div id="w-node-{_hash(path, "main", n=12, alphabet=_B36)}" class="post-main">'
        f'{content}</div><div class="post-side">{side}</div></div></div></div>{foot}'
    )


GENERATOR = {
    "next": '<meta name="next-head-count" content="6">',
    "gatsby": '<meta name="generator" content="Gatsby 5.13.3">',
    "wix": '<meta name="generator" content="Wix.com Website Builder">',
    "squarespace": "<!-- This is Squarespace. -->",
    "webflow": '<meta content="Webflow" name="generator">',
}
TITLE_FORMAT = {"squarespace": "{} — RTES", "webflow": "{}"}


def page(
    title: str,
    content: str,
    *,
    site: Site | None,
    layout: str,
    head_links: str = "",
    header: bool = True,
    side: str = "",
    props: dict | None = None,
    path: str = "",
) -> str:
    """A page in the layout's builder markup (header=False: no site header, as /node/N)."""
    if layout == "webflow" and not side:
        side = _side_list(site)
    if layout == "squarespace" and not side and site is not None:
        side = summary_block("Articles récents", site.latest(RELATED_COUNT))
    top = header_html(layout, site) if header else ""
    body = _body(layout, content, top, side, props or {"title": title}, path)
    html_attrs = (
        f' data-wf-page="{_hash(path, "wf", n=24, alphabet=_B36)}" data-wf-site="{_hash("wf", n=24, alphabet=_B36)}"'
        if layout == "webflow"
        else ""
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="fr"{html_attrs}>',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            GENERATOR[layout],
            f'<meta property="og:title" content="{attr(title)}">',
            head_links,
            f"<title>{esc(TITLE_FORMAT.get(layout, '{} | RTES').format(title))}</title>",
            "</head>",
            "<body>",
            body,
            cookie_html(layout),
            "</body>",
            "</html>",
        ]
    )


def _key(text: str) -> int:
    return zlib.crc32(text.encode())


def home_page(site: Site) -> str:
    layout = layout_of(0)
    latest = site.latest(HOME_COUNT)
    themes = _li((lst.path, lst.title) for lst in LISTINGS)
    content = (
        wrap(layout, title_html(render.SITE_NAME, layout), "home", "title")
        + wrap(
            layout,
            "<p>Le RTES accompagne les collectivités dans leurs politiques d’économie "
            "solidaire.</p><h2>Dernières publications</h2>",
            "home",
            "intro",
        )
        + list_html(latest, True, list_style(0), layout)
        + wrap(layout, f"<h2>Thématiques</h2><ul>{themes}</ul>", "home", "themes")
    )
    return page("Accueil", content, site=site, layout=layout, path="/")


def static_page(site: Site, path: str) -> str:
    title, body = render.STATIC_PAGES[path]
    return static_page_html(site, title, body)


def static_page_html(site: Site, title: str, body: str) -> str:
    layout = layout_of(_key(title))
    content = wrap(layout, title_html(title, layout) + f"<p>{esc(body)}</p>", title)
    return page(title, content, site=site, layout=layout)


def not_found_page(site: Site) -> str:
    layout = layout_of(_key("404"))
    content = wrap(
        layout,
        title_html("Page introuvable", layout)
        + "<p>Nous n’avons pas trouvé la page que vous cherchez.</p>"
        '<p><a href="/">Retour à l’accueil</a></p>',
        "404",
    )
    return page("Page introuvable", content, site=site, layout=layout)


# --- Members (mirror.kinds.RENDERERS[8]) ------------------------------------------------------


def _member_rows(member) -> str:
    from mirror import kinds

    rows = "".join(_row(label, esc(value)) for label, value in kinds._field_rows(member))
    return f'<div class="meta-grid">{rows}</div>'


def member_page(site: Site, member) -> str:
    from mirror import kinds

    layout = layout_of(member.nid)
    parts = [
        title_html(member.name, layout),
        _member_rows(member),
        kinds._sections(member, "<h2>"),
        f'<p class="post-updated">Dernière mise à jour : {date_text(member.updated, layout)}</p>',
    ]
    content = "".join(wrap(layout, p, member.nid, n) for n, p in enumerate(parts))
    return page(
        member.name,
        content,
        site=site,
        layout=layout,
        head_links=kinds._head_links(member),
        props={"member": {"drupal_internal__nid": member.nid, "title": member.name}},
        path=member.path,
    )


def region_page(site: Site, region: str) -> str:
    from mirror import kinds

    layout = layout_of(_key(region))
    items = "".join(
        f'<div role="listitem" class="collection-item w-dyn-item"><h2 class="heading-card">'
        f'<a href="{m.path}">{esc(m.name)}</a></h2>{_member_rows(m)}</div>'
        for m in kinds.in_region(site, region)
    )
    content = wrap(layout, title_html(region, layout), region) + (
        f'<div class="w-dyn-list"><div role="list" class="collection-list w-dyn-items">{items}</div></div>'
    )
    return page(region, content, site=site, layout=layout, path="/" + kinds.region_slug(region))
