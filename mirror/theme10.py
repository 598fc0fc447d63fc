"""Theme 10: page builders and other CMSs (WordPress Elementor, WordPress Divi, Plone, TYPO3,
a Hugo/Ghost static blog), written as those tools write their markup, different from themes
1-9. Same site model, URLs, links and head links (canonical and `/node/N` shortlink on nodes and
members, `/taxonomy/term/N` shortlink on category listings), so mirror/truth.py holds.

- layout, by node (listings: by listing): `elementor` (`elementor-section elementor-top-section`,
  `elementor-container`, `elementor-column elementor-col-66` / `-33`, `elementor-widget-wrap`,
  every piece of content a widget, the title an `elementor-heading-title`), `divi`
  (`et_pb_section`, `et_pb_row`, `et_pb_column et_pb_column_2_3`, `et_pb_text` modules with
  their `et_pb_text_inner`; no `<main>`: the content is in `#main-content`), `plone`
  (`#portal-column-content`, `h1.documentFirstHeading`, a one-paragraph Résumé shown as the
  unlabelled `div.documentDescription`, `#content-core`, `#viewlet-below-content`, the fields
  in `#portal-column-two`), `typo3` (content elements `div.frame.frame-default.frame-type-text`
  with `header > h2` and `div.ce-bodytext`, images as `frame-type-textpic` / `ce-textpic`),
  `hugo` (`article.post`, `header.post-header > h1.post-title`, `section.post-content` with
  markdown `<p>`s, `<h2 id>` headings holding an `<a class="anchor">#</a>`, a
  `section.footnotes` for the lead image's credit);
- dates, by node: `byline` (Plone's "par Rédaction RTES — publié le 09/06/2021 16:05 — dernière
  modification 14/06/2021 10:12"), `mis_en_ligne` ("Mis en ligne le 9 juin 2021"), `time`
  (`<time datetime>`), `span_date` ("09/06/2021" in a `span.date`), `post_info` (an Elementor
  post-info widget "9 juin 2021 / Rédaction RTES / Pas de commentaires");
- fields, by node (resources): `icon_list` (Elementor icon-list "Type de ressource : Autres"),
  `blurbs` (Divi `et_pb_blurb` modules, an `h4.et_pb_module_header` label each), `portlet`
  (a Plone "Informations" portlet), `contenttable` (TYPO3 `table.contenttable`, `th scope=row`
  labels), `post_meta` (a Hugo front-matter `ul.post-meta` with short labels "Type", "Privée",
  "Catégories", the Résumé under "En bref", the documents under "Fichiers");
- documents, by node: `uploads` (TYPO3 `ul.ce-uploads`, file name and size "1 MB"), `button`
  (an Elementor heading link and a "Télécharger le document" button widget), `et_button`
  (Divi `et_pb_button`s), `attachments` (a Plone "Pièces jointes" list);
- tags, by node: `keywords` (Plone's "Catégories :" keywords line, below the content: the free
  tags, not the Catégorie field), `post_tags` (tag links under the title);
- listings, by listing (each builder its own widget in `mixed`): `elementor_posts`
  (`elementor-posts-container`, `elementor-post__title`, `elementor-post__excerpt`, "Lire la
  suite »"), `divi_blog` (`et_pb_post`, `entry-title`, `post-meta` "par Rédaction RTES | 9 juin
  2021 | Catégorie", `post-content`), `plone_tiles` (`article.tileItem`, `h2.tileHeadline`),
  `typo3_news` (`div.news-list-item`), `hugo_list` (`ul.post-list`); pagers: `elementor`
  (numbered `nav.elementor-pagination`), `divi` ("« Entrées précédentes" to the older page,
  "Entrées suivantes »" to the newer one, as WordPress words them), `plone` (`nav.pagination`
  "Suivant 10 éléments »"), `typo3` (`f3-widget-paginator`), `hugo` ("Page 2 sur 5 — Suivant
  →");
- chrome: a cookie banner (Complianz on the WordPress layouts, tarteaucitron "Autoriser /
  Interdire" on the others), "Vous êtes ici : Accueil › Ressources › …" breadcrumbs, a
  back-to-top link, "Partager : Facebook LinkedIn" on nodes;
- /node/N: no header, menu nor breadcrumb, a `<br>`-separated body (as the real site's);
- members: profiles with a `th scope=row` table of the fields, region listings with a list of
  "Label : value" items per member.

`VARIANT` forces one construct per part (as themes 4 to 9).
"""

from __future__ import annotations

import hashlib
import math
import zlib

from mirror import render, theme4, variants
from mirror.render import attr, esc
from mirror.site import (
    CATEGORIES,
    CATEGORY_BY_TID,
    LISTINGS,
    PAGE_SIZE,
    TAGS,
    Listing,
    Resource,
    Site,
)
from mirror.text import slugify

MEMBER_NOTICE = theme4.MEMBER_NOTICE
AUTHOR = "Rédaction RTES"
PHOTO_CREDIT = "© Photo RTES"
HOME_COUNT = 6

LAYOUTS = ("elementor", "divi", "plone", "typo3", "hugo")
DATE_STYLES = ("byline", "mis_en_ligne", "time", "span_date", "post_info")
FIELD_STYLES = ("icon_list", "blurbs", "portlet", "contenttable", "post_meta")
DOC_STYLES = ("uploads", "button", "et_button", "attachments")
TAG_STYLES = ("keywords", "post_tags")
LIST_STYLES = ("elementor_posts", "divi_blog", "plone_tiles", "typo3_news", "hugo_list")
PAGER_STYLES = ("elementor", "divi", "plone", "typo3", "hugo")
CONSENT_STYLES = ("complianz", "tarteaucitron")
WORDPRESS = ("elementor", "divi")

# layout: mixed | elementor | divi | plone | typo3 | hugo; dates: mixed | byline | mis_en_ligne |
# time | span_date | post_info; fields: mixed | icon_list | blurbs | portlet | contenttable |
# post_meta; documents: mixed | uploads | button | et_button | attachments; tags: mixed |
# keywords | post_tags; list: mixed | elementor_posts | divi_blog | plone_tiles | typo3_news |
# hugo_list; pager: mixed | elementor | divi | plone | typo3 | hugo; consent: mixed (by layout)
# | complianz | tarteaucitron | off.
VARIANT = {
    "layout": "mixed",
    "dates": "mixed",
    "fields": "mixed",
    "documents": "mixed",
    "tags": "mixed",
    "list": "mixed",
    "pager": "mixed",
    "consent": "mixed",
}

# The labels of the fields: the real ones, and the Hugo front matter's short ones.
SHORT_LABELS = {
    "type": "Type",
    "private": "Privée",
    "summary": "En bref",
    "documents": "Fichiers",
    "categories": "Catégories",
}


def _pick(part: str, key: int, options: tuple[str, ...]) -> str:
    """The part's forced style, or (mixed) one drawn from the key (a hash: parts independent)."""
    style = VARIANT[part]
    if style != "mixed":
        return style
    digest = hashlib.md5(f"t10:{part}:{key}".encode(), usedforsecurity=False).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def layout_of(key: int) -> str:
    return _pick("layout", key, LAYOUTS)


def listing_layout(index: int) -> str:
    style = VARIANT["layout"]
    return LAYOUTS[index % len(LAYOUTS)] if style == "mixed" else style


def date_style(resource: Resource) -> str:
    return _pick("dates", resource.nid, DATE_STYLES)


def field_style(resource: Resource) -> str:
    return _pick("fields", resource.nid, FIELD_STYLES)


def doc_style(resource: Resource) -> str:
    return _pick("documents", resource.nid, DOC_STYLES)


def tag_style(resource: Resource) -> str:
    return _pick("tags", resource.nid, TAG_STYLES)


def list_style(index: int) -> str:
    """The listing's widget: its builder's own (mixed), or the forced one."""
    style = VARIANT["list"]
    return LIST_STYLES[LAYOUTS.index(listing_layout(index))] if style == "mixed" else style


def pager_style(index: int) -> str:
    style = VARIANT["pager"]
    return PAGER_STYLES[LAYOUTS.index(listing_layout(index))] if style == "mixed" else style


def consent_style(layout: str) -> str:
    style = VARIANT["consent"]
    if style != "mixed":
        return style
    return "complianz" if layout in WORDPRESS else "tarteaucitron"


def _bundle(resource: Resource) -> str:
    return "article" if resource.kind == "article" else "ressource"


def _category_href(name: str) -> str:
    return CATEGORY_BY_TID[CATEGORIES[name]].path


def _tag_href(tag: str) -> str:
    return f"/taxonomy/term/{TAGS.get(tag, 40)}"


def _hex(*parts: object) -> str:
    """An Elementor / Divi element id (7 hex digits, stable)."""
    return f"{zlib.crc32(':'.join(map(str, parts)).encode()) & 0xFFFFFFF:07x}"


# --- Dates -------------------------------------------------------------------------------


def wp_date(moment) -> str:
    """'9 juin 2021' (WordPress's `j F Y`, no '1er')."""
    return f"{moment.day} {render.MONTHS[moment.month - 1]} {moment.year}"


def date_html(resource: Resource) -> str:
    """The visible date (and update) in the node's style."""
    style = date_style(resource)
    pub, upd = resource.published, resource.updated
    if style == "byline":
        modified = (
            ' — <span class="documentModified"><span>dernière modification</span> '
            f"{upd:%d/%m/%Y %H:%M}</span>"
            if upd
            else ""
        )
        return (
            '<div class="documentByLine" id="plone-document-byline"><span class="documentAuthor">'
            f'par <a href="/author/redaction">{AUTHOR}</a></span> — <span class="documentPublished">'
            f"<span>publié le</span> {pub:%d/%m/%Y %H:%M}</span>{modified}</div>"
        )
    if style == "mis_en_ligne":
        out = f'<p class="date-publication">Mis en ligne le {render.french_date(pub)}</p>'
        if upd:
            out += f'<p class="date-maj">Mis à jour le {render.french_date(upd)}</p>'
        return out
    if style == "time":
        out = f'<time class="post-date" datetime="{render.iso_local(pub)}">{wp_date(pub)}</time>'
        if upd:
            out += (
                f' <span class="post-lastmod">Mis à jour le <time datetime="'
                f'{render.iso_local(upd)}">{wp_date(upd)}</time></span>'
            )
        return f'<div class="post-dates">{out}</div>'
    if style == "span_date":
        out = f'<span class="date">{pub:%d/%m/%Y}</span>'
        if upd:
            out += f' <span class="date-modification">Modifié le {upd:%d/%m/%Y}</span>'
        return f'<div class="infos-date">{out}</div>'
    items = [
        ("date", "fa-calendar", f'<a href="/{pub:%Y/%m/%d}/">{wp_date(pub)}</a>'),
        ("author", "fa-user-circle", f'<a href="/author/redaction">{AUTHOR}</a>'),
        ("comments", "fa-comment-dots", "Pas de commentaires"),
    ]
    if upd:
        items.insert(1, ("custom", "fa-sync", f"Mis à jour le {wp_date(upd)}"))
    lis = "".join(
        f'<li class="elementor-icon-list-item elementor-repeater-item-{_hex(resource.nid, kind)} '
        f'elementor-inline-item"><span class="elementor-icon-list-icon"><i aria-hidden="true" '
        f'class="fas {icon}"></i></span><span class="elementor-icon-list-text '
        f'elementor-post-info__item elementor-post-info__item--type-{kind}">{text}</span></li>'
        for kind, icon, text in items
    )
    return (
        '<ul class="elementor-inline-items elementor-icon-list-items elementor-post-info">'
        f"{lis}</ul>"
    )


# --- Widgets and modules -----------------------------------------------------------------


def el_widget(kind: str, inner: str, key: object = "") -> str:
    """One Elementor widget around its content."""
    ident = _hex(kind, key, len(inner))
    return (
        f'<div class="elementor-element elementor-element-{ident} elementor-widget '
        f'elementor-widget-{kind}" data-id="{ident}" data-element_type="widget" '
        f'data-widget_type="{kind}.default"><div class="elementor-widget-container">{inner}'
        "</div></div>"
    )


def el_section(columns: list[tuple[str, str]], key: object, inner: bool = False) -> str:
    """An Elementor section of columns (col class, widgets)."""
    ident = _hex("section", key)
    level = "inner" if inner else "top"
    cols = "".join(
        f'<div class="elementor-column elementor-{cls} elementor-{level}-column elementor-element '
        f'elementor-element-{_hex("col", key, n)}" data-id="{_hex("col", key, n)}" '
        f'data-element_type="column"><div class="elementor-widget-wrap elementor-element-populated">'
        f"{widgets}</div></div>"
        for n, (cls, widgets) in enumerate(columns)
    )
    return (
        f'<section class="elementor-section elementor-{level}-section elementor-element '
        f'elementor-element-{ident} elementor-section-boxed elementor-section-height-default" '
        f'data-id="{ident}" data-element_type="section"><div class="elementor-container '
        f'elementor-column-gap-default">{cols}</div></section>'
    )


def et_module(kind: str, n: int, inner: str) -> str:
    if kind == "text":
        inner = f'<div class="et_pb_text_inner">{inner}</div>'
    return (
        f'<div class="et_pb_module et_pb_{kind} et_pb_{kind}_{n} et_pb_text_align_left '
        f'et_pb_bg_layout_light">{inner}</div>'
    )


def et_section(n: int, columns: list[tuple[str, str]]) -> str:
    cols = "".join(
        f'<div class="et_pb_column et_pb_column_{size} et_pb_column_{n}_{k} '
        f'et_pb_css_mix_blend_mode_passthrough{" et-last-child" * (k == len(columns) - 1)}">'
        f"{modules}</div>"
        for k, (size, modules) in enumerate(columns)
    )
    return (
        f'<div class="et_pb_section et_pb_section_{n} et_section_regular">'
        f'<div class="et_pb_row et_pb_row_{n}">{cols}</div></div>'
    )


def t3_frame(kind: str, ident: int, inner: str, header: str = "") -> str:
    head = f"<header>{header}</header>" if header else ""
    return (
        f'<div id="c{ident}" class="frame frame-default frame-type-{kind} frame-layout-0">'
        f"{head}{inner}</div>"
    )


# --- Bodies ------------------------------------------------------------------------------


def _runs(resource: Resource) -> list[tuple[str, list]]:
    """The body cut as editors cut it in a builder: ("text", blocks) runs (a new one at each
    heading, the heading first), ("figure", [block]) and ("spacer", [block])."""
    out: list[tuple[str, list]] = []
    for block in resource.blocks:
        if block.kind == "figure" and block.role != "empty":
            out.append(("figure", [block]))
        elif block.role == "empty":
            out.append(("spacer", [block]))
        elif block.kind == "h3" or not out or out[-1][0] != "text":
            out.append(("text", [block]))
        else:
            out[-1][1].append(block)
    return out


def _plain_block(block, heading: str = "h2", hugo: bool = False) -> str:
    if block.role == "empty":
        return "<p>&nbsp;</p>"
    if block.kind == "ul":
        return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in block.items) + "</ul>"
    text = render.inline(block.segments)
    if block.kind == "h3":
        if hugo:
            ident = slugify(block.plain)[:60] or "section"
            return (
                f'<{heading} id="{ident}">{text} <a class="anchor" aria-hidden="true" '
                f'href="#{ident}">#</a></{heading}>'
            )
        return f"<{heading}>{text}</{heading}>"
    return f"<p>{text}</p>"


def _figure(block, layout: str) -> str:
    src, caption = attr(block.src), render.inline(block.segments)
    if layout == "elementor":
        return el_widget(
            "image",
            f'<figure class="wp-caption"><img loading="lazy" decoding="async" width="800" '
            f'height="450" src="{src}" class="attachment-large size-large" alt="">'
            f'<figcaption class="widget-image-caption wp-caption-text">{caption}</figcaption>'
            "</figure>",
            block.src,
        )
    if layout == "typo3":
        return (
            '<div class="ce-textpic ce-center ce-above"><div class="ce-gallery" data-ce-columns="1" '
            'data-ce-images="1"><div class="ce-row"><div class="ce-column"><figure class="image">'
            f'<img class="image-embed-item" src="{src}" width="800" height="450" loading="lazy" '
            f'alt=""><figcaption class="image-caption">{caption}</figcaption></figure></div></div>'
            "</div></div>"
        )
    if layout == "plone":
        return (
            f'<figure class="image-richtext image-inline captioned"><img class="image-richtext" '
            f'src="{src}" alt=""><figcaption class="image-caption">{caption}</figcaption></figure>'
        )
    return f'<figure><img src="{src}" alt=""><figcaption><p>{caption}</p></figcaption></figure>'


def body_html(resource: Resource, layout: str, br: bool = False) -> str:
    """The body in the layout's markup (br: blocks separated by single <br>s, as /node/N shows)."""
    if br:
        return '<div class="node-body">' + variants.br_body(resource.blocks) + "</div>"
    runs = _runs(resource)
    if layout == "elementor":
        parts = []
        for n, (kind, blocks) in enumerate(runs):
            if kind == "figure":
                parts.append(_figure(blocks[0], layout))
            elif kind == "spacer":
                parts.append(
                    el_widget(
                        "spacer",
                        '<div class="elementor-spacer"><div class="elementor-spacer-inner"></div>'
                        "</div>",
                        (resource.nid, n),
                    )
                )
            else:
                if blocks[0].kind == "h3":
                    title = render.inline(blocks[0].segments)
                    parts.append(
                        el_widget(
                            "heading",
                            f'<h2 class="elementor-heading-title elementor-size-default">{title}'
                            "</h2>",
                            (resource.nid, n),
                        )
                    )
                    blocks = blocks[1:]
                if blocks:
                    parts.append(
                        el_widget(
                            "text-editor",
                            "".join(_plain_block(b) for b in blocks),
                            (resource.nid, n, "t"),
                        )
                    )
        return "".join(parts)
    if layout == "divi":
        parts = []
        for n, (kind, blocks) in enumerate(runs):
            if kind == "figure":
                block = blocks[0]
                parts.append(
                    et_module(
                        "image",
                        n,
                        f'<span class="et_pb_image_wrap"><img decoding="async" src="'
                        f'{attr(block.src)}" alt="" title=""></span>',
                    )
                )
                parts.append(
                    et_module(
                        "text",
                        n,
                        f'<p class="legende"><em>{render.inline(block.segments)}</em></p>',
                    )
                )
            elif kind == "spacer":
                parts.append(et_module("divider", n, '<div class="et_pb_divider_internal"></div>'))
            else:
                parts.append(et_module("text", n, "".join(_plain_block(b) for b in blocks)))
        return "".join(parts)
    if layout == "typo3":
        frames = []
        for n, (kind, blocks) in enumerate(runs):
            ident = resource.nid * 10 + n
            if kind == "figure":
                frames.append(t3_frame("textpic", ident, _figure(blocks[0], layout)))
            elif kind == "spacer":
                frames.append(t3_frame("div", ident, '<hr class="ce-div">'))
            else:
                header = ""
                if blocks[0].kind == "h3":
                    header = f"<h2>{render.inline(blocks[0].segments)}</h2>"
                    blocks = blocks[1:]
                text = "".join(_plain_block(b) for b in blocks)
                frames.append(
                    t3_frame("text", ident, f'<div class="ce-bodytext">{text}</div>', header)
                )
        return "".join(frames)
    parts = []
    for kind, blocks in runs:
        if kind == "figure":
            parts.append(_figure(blocks[0], layout))
        else:
            parts.extend(_plain_block(b, hugo=layout == "hugo") for b in blocks)
    if layout == "plone":
        return '<div id="parent-fieldname-text" class="plain">' + "\n".join(parts) + "</div>"
    return "\n".join(parts)


def lead_image_html(resource: Resource, layout: str) -> str:
    """An article's lead image, its credit the only caption (Hugo: a footnote)."""
    if not resource.lead_image:
        return ""
    img = f'src="{attr(resource.lead_image)}" alt="{attr(resource.lead_alt)}"'
    if layout == "hugo":
        return (
            f'<figure class="entry-cover"><img loading="lazy" {img}><figcaption>{PHOTO_CREDIT}'
            '<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a>'
            "</sup></figcaption></figure>"
        )
    if layout == "elementor":
        return el_widget(
            "theme-post-featured-image",
            f'<figure class="wp-caption"><img class="attachment-full size-full" {img}>'
            f'<figcaption class="widget-image-caption wp-caption-text">{PHOTO_CREDIT}'
            "</figcaption></figure>",
            resource.nid,
        )
    if layout == "divi":
        return (
            f'<div class="et_pb_title_featured_container"><span class="et_pb_image_wrap"><img '
            f'{img}></span><p class="et_pb_image_caption">{PHOTO_CREDIT}</p></div>'
        )
    if layout == "plone":
        return (
            f'<figure class="newsImageContainer"><img class="newsImage" {img}>'
            f'<figcaption class="discreet">{PHOTO_CREDIT}</figcaption></figure>'
        )
    return t3_frame(
        "image",
        resource.nid * 10 + 9,
        '<div class="ce-image ce-center ce-above"><div class="ce-gallery"><figure class="image">'
        f'<img class="image-embed-item" {img}><figcaption class="image-caption">{PHOTO_CREDIT}'
        "</figcaption></figure></div></div>",
    )


def footnotes_html(resource: Resource, layout: str) -> str:
    if layout != "hugo" or not resource.lead_image:
        return ""
    return (
        # a credit, no body text: the truth holds none (a footnote of text would be body text)
        '<section class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>Photo : '
        "RTES&#160;"
        '<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a>'
        "</p></li></ol></section>"
    )


# --- Documents ---------------------------------------------------------------------------


def _kilobytes(path: str) -> int:
    return 40 + zlib.crc32(path.encode()) % 3200


def file_size(path: str) -> str:
    """TYPO3's `f:format.bytes`: '820 KB', '1 MB'."""
    kb = _kilobytes(path)
    return f"{kb} KB" if kb < 1024 else f"{round(kb / 1024)} MB"


def _file_name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def documents_html(resource: Resource) -> str:
    style = doc_style(resource)
    docs = resource.documents
    if style == "uploads":
        items = "".join(
            f'<li><a href="{attr(d.path)}" title="{attr(_file_name(d.path))}"><img '
            'class="ce-uploads-icon" src="/typo3/sysext/frontend/Resources/Public/Icons/FileIcons/'
            f'pdf.gif" alt=""></a><div><a href="{attr(d.path)}" title="{attr(d.title)}">'
            f'<span class="ce-uploads-fileName">{esc(d.title)}</span></a>'
            f'<span class="ce-uploads-filesize">{file_size(d.path)}</span></div></li>'
            for d in docs
        )
        return f'<ul class="ce-uploads">{items}</ul>'
    if style == "button":
        return "".join(
            el_widget(
                "heading",
                f'<h3 class="elementor-heading-title elementor-size-small"><a href="'
                f'{attr(d.path)}">{esc(d.title)}</a></h3>',
                d.path,
            )
            + el_widget(
                "button",
                f'<div class="elementor-button-wrapper"><a class="elementor-button '
                f'elementor-button-link elementor-size-sm" href="{attr(d.path)}" target="_blank">'
                '<span class="elementor-button-content-wrapper"><span class="elementor-button-icon">'
                '<i aria-hidden="true" class="fas fa-download"></i></span><span '
                'class="elementor-button-text">Télécharger le document</span></span></a></div>',
                d.path,
            )
            for d in docs
        )
    if style == "et_button":
        return "".join(
            f'<div class="et_pb_button_module_wrapper et_pb_button_{n}_wrapper '
            f'et_pb_button_alignment_left et_pb_module"><a class="et_pb_button et_pb_button_{n} '
            f'et_pb_bg_layout_light" href="{attr(d.path)}" target="_blank">{esc(d.title)}</a></div>'
            for n, d in enumerate(docs)
        )
    items = "".join(
        f'<li><a href="{attr(d.path)}"><img src="/++resource++mimetype.icons/pdf.png" alt="" '
        f'width="16" height="16"> {esc(d.title)}</a> <span class="discreet">— Document PDF, '
        f"{_kilobytes(d.path)} Ko</span></li>"
        for d in docs
    )
    return f'<div class="attachments"><h3>Pièces jointes</h3><ul class="attachmentsList">{items}</ul></div>'


# --- Fields ------------------------------------------------------------------------------


def _shown_keys(resource: Resource, description: bool) -> list[str]:
    keys = render.PRIVATE_KEYS if resource.is_private else tuple(render.FIELDS)
    order = render.FIELD_ORDER_BY_TYPE.get(resource.resource_type, render.FIELD_ORDER)
    return [k for k in order if k in keys and not (description and k == "summary")]


def _summary_paragraphs(resource: Resource) -> list[str]:
    return [render.inline(p) for p in resource.summary if "".join(s.text for s in p).strip()]


def plone_description(resource: Resource, layout: str) -> bool:
    """Whether the Résumé is the page's unlabelled Plone description (one paragraph only)."""
    return (
        layout == "plone"
        and resource.kind == "resource"
        and len(_summary_paragraphs(resource)) == 1
    )


def _private_word(resource: Resource) -> str:
    return "Oui" if resource.is_private else "Non"


def _categories_links(resource: Resource) -> str:
    return ", ".join(
        f'<a href="{_category_href(c)}" rel="category tag">{esc(c)}</a>'
        for c in render.shown_categories(resource)
    )


def _value(resource: Resource, key: str) -> str:
    if key == "type":
        return esc(resource.resource_type or "")
    if key == "private":
        return _private_word(resource)
    if key == "summary":
        return "".join(f"<p>{p}</p>" for p in _summary_paragraphs(resource))
    if key == "documents":
        return documents_html(resource) if resource.documents else ""
    return _categories_links(resource)


def _rows(resource: Resource, description: bool, short: bool = False) -> list[tuple[str, str, str]]:
    """(label, value, key) of the shown fields; empty ones left out, except the Catégorie label."""
    rows = []
    for key in _shown_keys(resource, description):
        value = _value(resource, key)
        if not value and key != "categories":
            continue
        label = SHORT_LABELS[key] if short else render.FIELDS[key][3]
        rows.append((label, value, key))
    return rows


def _icon_list(resource: Resource, description: bool) -> tuple[str, str]:
    before, items, after = [], [], []
    icons = {"type": "fa-tag", "private": "fa-lock", "categories": "fa-folder-open"}
    for label, value, key in _rows(resource, description):
        if key == "summary":
            before.append(
                el_widget(
                    "heading",
                    f'<h3 class="elementor-heading-title elementor-size-default">{label}</h3>',
                    (resource.nid, key),
                )
                + el_widget("text-editor", value, (resource.nid, key))
            )
        elif key == "documents":
            after.append(
                el_widget(
                    "heading",
                    f'<h3 class="elementor-heading-title elementor-size-default">{label}</h3>',
                    (resource.nid, key),
                )
                + value
            )
        else:
            items.append(
                f'<li class="elementor-icon-list-item"><span class="elementor-icon-list-icon">'
                f'<i aria-hidden="true" class="fas {icons[key]}"></i></span><span '
                f'class="elementor-icon-list-text">{label} : {value}</span></li>'
            )
    widget = el_widget(
        "icon-list",
        f'<ul class="elementor-icon-list-items">{"".join(items)}</ul>',
        (resource.nid, "icons"),
    )
    return "".join(before), widget + "".join(after)


def _blurbs(resource: Resource, description: bool) -> str:
    return "".join(
        f'<div class="et_pb_module et_pb_blurb et_pb_blurb_{n} et_pb_bg_layout_light '
        'et_pb_text_align_left et_pb_blurb_position_top"><div class="et_pb_blurb_content">'
        f'<div class="et_pb_blurb_container"><h4 class="et_pb_module_header"><span>{label}</span>'
        f'</h4><div class="et_pb_blurb_description">{value}</div></div></div></div>'
        for n, (label, value, _) in enumerate(_rows(resource, description))
    )


def _portlet(resource: Resource, description: bool) -> str:
    items = "".join(
        f'<li class="portletItem field-{key}"><span class="label">{label}</span> '
        f'{"<div" if key in ("summary", "documents") else "<span"} class="value">{value}'
        f"{'</div>' if key in ('summary', 'documents') else '</span>'}</li>"
        for label, value, key in _rows(resource, description)
    )
    return (
        '<aside class="portlet portletInformations card"><header class="portletHeader '
        'card-header">Informations</header><div class="portletContent card-body">'
        f'<ul class="portletItems">{items}</ul></div></aside>'
    )


def _contenttable(resource: Resource, description: bool) -> str:
    rows = "".join(
        f'<tr><th scope="row">{label}</th><td>{value}</td></tr>'
        for label, value, _ in _rows(resource, description)
    )
    return f'<table class="contenttable"><tbody>{rows}</tbody></table>'


def _post_meta(resource: Resource, description: bool) -> tuple[str, str]:
    before, items, after = "", [], ""
    for label, value, key in _rows(resource, description, short=True):
        if key == "summary":
            before = f'<div class="post-summary"><h2>{label}</h2>{value}</div>'
        elif key == "documents":
            after = f'<h2 id="fichiers">{label}</h2>{value}'
        else:
            items.append(f"<li><strong>{label} :</strong> {value}</li>")
    return f'<ul class="post-meta">{"".join(items)}</ul>{before}', after


def fields_html(resource: Resource, layout: str) -> tuple[str, str]:
    """The field block as (before the body, beside or after it) in the node's style."""
    description = plone_description(resource, layout)
    style = field_style(resource)
    if style == "icon_list":
        return _icon_list(resource, description)
    if style == "blurbs":
        return "", _blurbs(resource, description)
    if style == "portlet":
        return "", _portlet(resource, description)
    if style == "contenttable":
        return "", t3_frame("table", resource.nid * 10 + 8, _contenttable(resource, description))
    return _post_meta(resource, description)


def tags_html(resource: Resource) -> tuple[str, str]:
    """The free tags as (under the title, below the content)."""
    if not resource.tags:
        return "", ""
    links = [f'<a href="{_tag_href(t)}" rel="tag">{esc(t)}</a>' for t in resource.tags]
    if tag_style(resource) == "post_tags":
        return f'<div class="post-tags">{" ".join(links)}</div>', ""
    return "", (
        '<div id="category" class="documentByLine keywords"><span>Catégories :</span> '
        + ", ".join(f'<span class="link-category">{a}</span>' for a in links)
        + "</div>"
    )


# --- Nodes -------------------------------------------------------------------------------


def _private_alert() -> str:
    return f'<div class="alert alert-info portalMessage info" role="alert"><p>{MEMBER_NOTICE}</p></div>'


def share_html() -> str:
    return (
        '<div class="share-buttons"><span class="share-label">Partager :</span> '
        '<a class="share-facebook" href="https://www.facebook.com/sharer/sharer.php" '
        'target="_blank" rel="noopener">Facebook</a> <a class="share-linkedin" '
        'href="https://www.linkedin.com/sharing/share-offsite/" target="_blank" rel="noopener">'
        "LinkedIn</a></div>"
    )


def _node_parts(resource: Resource, layout: str, br: bool) -> tuple[str, str, str, str, str]:
    """(under the title, before the body, the body, beside/after the body, below the content)."""
    tags_top, tags_end = tags_html(resource)
    if resource.kind == "article":
        return (
            tags_top,
            "",
            lead_image_html(resource, layout) + body_html(resource, layout, br),
            "",
            tags_end,
        )
    body = _private_alert() if resource.is_private else body_html(resource, layout, br)
    before, after = fields_html(resource, layout)
    return tags_top, before, body, after, tags_end


def _description(resource: Resource, layout: str) -> str:
    if not plone_description(resource, layout):
        return ""
    return f'<div class="documentDescription description">{_summary_paragraphs(resource)[0]}</div>'


def node_html(resource: Resource, layout: str, br: bool = False) -> str:
    """The node on its own page in the layout's structure."""
    top, before, body, after, end = _node_parts(resource, layout, br)
    title = esc(resource.title)
    share = "" if br else share_html()
    dates = date_html(resource)
    if layout == "elementor":
        head = (
            el_widget(
                "theme-post-title",
                f'<h1 class="elementor-heading-title elementor-size-default">{title}</h1>',
                resource.nid,
            )
            + el_widget("post-info", dates, resource.nid)
            + (el_widget("post-terms", top, resource.nid) if top else "")
        )
        main_col = head + before + body + (el_widget("shortcode", end, resource.nid) if end else "")
        main_col += el_widget("share-buttons", share, resource.nid) if share else ""
        inner = el_section([("col-66", main_col), ("col-33", after)], (resource.nid, "in"), True)
        return (
            f'<div data-elementor-type="single-post" data-elementor-id="{resource.nid}" '
            f'class="elementor elementor-{resource.nid} elementor-location-single post-'
            f'{resource.nid} {_bundle(resource)} type-{_bundle(resource)} status-publish">'
            + el_section([("col-100", inner)], resource.nid)
            + "</div>"
        )
    if layout == "divi":
        title_module = (
            f'<div class="et_pb_module et_pb_post_title et_pb_post_title_0 et_pb_bg_layout_light">'
            f'<div class="et_pb_title_container"><h1 class="entry-title">{title}</h1>'
            f'<div class="et_pb_title_meta_container">{dates}</div>{top}</div></div>'
        )
        main_col = before + body + end + share
        sections = et_section(0, [("4_4", title_module)])
        sections += et_section(
            1, [("2_3", main_col), ("1_3", after)] if after else [("4_4", main_col)]
        )
        return (
            f'<article id="post-{resource.nid}" class="post-{resource.nid} post type-post '
            f'status-publish et_pb_post"><div class="entry-content"><div class="et-l et-l--post">'
            f'<div class="et_builder_inner_content et_pb_gutters3">{sections}</div></div></div>'
            "</article>"
        )
    if layout == "plone":
        return (
            '<div class="row"><div id="portal-column-content" class="col-xs-12 col-md-9">'
            f'<article id="content"><header><div id="viewlet-above-content-title"></div>'
            f'<h1 class="documentFirstHeading">{title}</h1><div id="viewlet-below-content-title">'
            f"{dates}{top}</div>{_description(resource, layout)}</header>"
            f'<div id="viewlet-above-content-body"></div><div id="content-core">{before}{body}'
            f'</div><div id="viewlet-below-content-body"></div></article>'
            f'<div id="viewlet-below-content">{end}{share}</div></div>'
            f'<aside id="portal-column-two" class="col-xs-12 col-md-3">{after}</aside></div>'
        )
    if layout == "typo3":
        header = t3_frame(
            "header",
            resource.nid * 10 + 7,
            "",
            f'<h1 class="element-header">{title}</h1><div class="element-subheader">{dates}</div>'
            f"{top}",
        )
        return (
            f"<!--TYPO3SEARCH_begin-->{header}{before}{body}{after}{end}"
            f"<!--TYPO3SEARCH_end-->{share}"
        )
    return (
        f'<article class="post post-single"><header class="post-header"><h1 class="post-title">'
        f'{title}</h1><div class="post-meta">{dates}</div>{top}</header>{before}'
        f'<section class="post-content">{body}</section>{after}'
        f'<footer class="post-footer">{end}{share}</footer>{footnotes_html(resource, layout)}'
        "</article>"
    )


# --- Listings ----------------------------------------------------------------------------


def _full_item(resource: Resource, layout: str) -> str:
    """A full listing item's node parts after its title and date."""
    top, before, body, after, end = _node_parts(resource, layout, False)
    return f"{top}{before}{body}{after}{end}"


def elementor_post(resource: Resource, teaser: bool, layout: str) -> str:
    thumb = (
        f'<a class="elementor-post__thumbnail__link" href="{resource.path}"><div '
        f'class="elementor-post__thumbnail"><img src="{attr(resource.lead_image)}" alt="'
        f'{attr(resource.lead_alt)}"></div></a>'
        if resource.lead_image and teaser
        else ""
    )
    if teaser:
        text = (
            f'<div class="elementor-post__excerpt"><p>{esc(render.teaser_lead(resource))}</p></div>'
            f'<a class="elementor-post__read-more" href="{resource.path}" aria-label="En savoir '
            f'plus sur {attr(resource.title)}">Lire la suite »</a>'
        )
    else:
        text = f'<div class="elementor-post__content">{_full_item(resource, layout)}</div>'
    return (
        f'<article class="elementor-post elementor-grid-item post-{resource.nid} '
        f'{_bundle(resource)} type-post">{thumb}<div class="elementor-post__text">'
        f'<h3 class="elementor-post__title"><a href="{resource.path}">{esc(resource.title)}</a>'
        f'</h3><div class="elementor-post__meta-data"><span class="elementor-post-date">'
        f"{wp_date(resource.published)}</span></div>{text}</div></article>"
    )


def divi_post(resource: Resource, teaser: bool, layout: str) -> str:
    first = next((c for c in resource.categories if c in CATEGORIES), None)
    cat = (
        f' | <a href="{_category_href(first)}" rel="category tag">{esc(first)}</a>' if first else ""
    )
    if teaser:
        content = (
            f'<div class="post-content"><div class="post-content-inner"><p>'
            f'{esc(render.teaser_lead(resource))}</p></div><a href="{resource.path}" '
            'class="more-link">lire plus</a></div>'
        )
    else:
        content = (
            f'<div class="post-content"><div class="post-content-inner">{date_html(resource)}'
            f"{_full_item(resource, layout)}</div></div>"
        )
    return (
        f'<article id="post-{resource.nid}" class="et_pb_post clearfix et_pb_blog_item_0_'
        f'{resource.nid} post-{resource.nid} post type-post status-publish"><h2 class="entry-title">'
        f'<a href="{resource.path}">{esc(resource.title)}</a></h2><p class="post-meta">par <span '
        f'class="author vcard"><a href="/author/redaction" title="Articles par {AUTHOR}" '
        f'rel="author">{AUTHOR}</a></span> | <span class="published">{wp_date(resource.published)}'
        f"</span>{cat}</p>{content}</article>"
    )


def plone_tile(resource: Resource, teaser: bool, layout: str) -> str:
    if teaser:
        content = (
            f'<p class="tileBody"><span class="description">{esc(render.teaser_lead(resource))}'
            f'</span></p><p class="tileFooter"><a href="{resource.path}">En savoir plus…</a></p>'
        )
    else:
        content = f'<div class="tileBody">{date_html(resource)}{_full_item(resource, layout)}</div>'
    return (
        f'<article class="entry tileItem visualIEFloatFix"><header><h2 class="tileHeadline">'
        f'<a href="{resource.path}" class="summary url">{esc(resource.title)}</a></h2></header>'
        f'<div class="documentByLine"><span class="documentPublished">publié le '
        f"{resource.published:%d/%m/%Y}</span></div>{content}</article>"
    )


def typo3_news(resource: Resource, teaser: bool, layout: str) -> str:
    pub = resource.published
    if teaser:
        content = (
            f'<div class="teaser-text"><div itemprop="description"><p>'
            f'{esc(render.teaser_lead(resource))}</p></div><a class="more" href="{resource.path}">'
            "Lire la suite</a></div>"
        )
    else:
        content = (
            f'<div class="news-text-wrap">{date_html(resource)}{_full_item(resource, layout)}</div>'
        )
    return (
        '<div class="news-list-item article articletype-0" itemscope="itemscope" '
        'itemtype="http://schema.org/Article"><div class="header"><h3><a title="'
        f'{attr(resource.title)}" href="{resource.path}"><span itemprop="headline">'
        f'{esc(resource.title)}</span></a></h3></div><div class="footer"><p><span '
        f'class="news-list-date"><time itemprop="datePublished" datetime="{pub:%Y-%m-%d}">'
        f"{pub:%d/%m/%Y}</time></span></p></div>{content}</div>"
    )


def hugo_entry(resource: Resource, teaser: bool, layout: str) -> str:
    pub = resource.published
    if teaser:
        content = f'<p class="post-entry-summary">{esc(render.teaser_lead(resource))}</p>'
    else:
        content = f'<div class="post-entry-content">{date_html(resource)}{_full_item(resource, layout)}</div>'
    return (
        f'<li class="post-entry"><time datetime="{pub:%Y-%m-%d}">{wp_date(pub)}</time> '
        f'<a class="post-entry-title" href="{resource.path}">{esc(resource.title)}</a>{content}</li>'
    )


ITEMS = {
    "elementor_posts": elementor_post,
    "divi_blog": divi_post,
    "plone_tiles": plone_tile,
    "typo3_news": typo3_news,
    "hugo_list": hugo_entry,
}


def list_html(style: str, resources, teaser: bool, layout: str) -> str:
    items = "".join(ITEMS[style](r, teaser, layout) for r in resources)
    if style == "elementor_posts":
        return (
            '<div class="elementor-posts-container elementor-posts elementor-posts--skin-classic '
            f'elementor-grid elementor-has-item-ratio">{items}</div>'
        )
    if style == "divi_blog":
        return (
            '<div class="et_pb_module et_pb_blog_0 et_pb_posts et_pb_bg_layout_light">'
            f'<div class="et_pb_ajax_pagination_container">{items}</div></div>'
        )
    if style == "plone_tiles":
        return f'<div class="entries">{items}</div>'
    if style == "typo3_news":
        return f'<div class="news"><div class="news-list-view">{items}</div></div>'
    return f'<ul class="post-list">{items}</ul>'


def pager_html(style: str, current: int, total: int, remaining: int) -> str:
    """The listing's pager (0-based ?page=N); remaining: items after the current page."""
    if total <= 1:
        return ""
    prev_ok, next_ok = current > 0, current < total - 1
    if style == "elementor":
        parts = []
        if prev_ok:
            parts.append(
                f'<a class="page-numbers prev" href="?page={current - 1}">&laquo; Précédent</a>'
            )
        for n in range(total):
            if n == current:
                parts.append(
                    '<span aria-current="page" class="page-numbers current"><span '
                    f'class="elementor-screen-only">Page</span>{n + 1}</span>'
                )
            else:
                parts.append(
                    f'<a class="page-numbers" href="?page={n}"><span class="elementor-screen-only">'
                    f"Page</span>{n + 1}</a>"
                )
        if next_ok:
            parts.append(
                f'<a class="page-numbers next" href="?page={current + 1}">Suivant &raquo;</a>'
            )
        return (
            '<nav class="elementor-pagination" aria-label="Pagination">'
            + " ".join(parts)
            + "</nav>"
        )
    if style == "divi":
        older = (
            f'<div class="alignleft"><a href="?page={current + 1}">« Entrées précédentes</a></div>'
            if next_ok
            else ""
        )
        newer = (
            f'<div class="alignright"><a href="?page={current - 1}">Entrées suivantes »</a></div>'
            if prev_ok
            else ""
        )
        return f'<div class="pagination clearfix">{older}{newer}</div>'
    if style == "plone":
        items = []
        if prev_ok:
            items.append(
                f'<li class="previous"><a href="?page={current - 1}">« Précédent {PAGE_SIZE} '
                "éléments</a></li>"
            )
        for n in range(total):
            items.append(
                f'<li class="active"><span>{n + 1}</span></li>'
                if n == current
                else f'<li><a href="?page={n}">{n + 1}</a></li>'
            )
        if next_ok:
            items.append(
                f'<li class="next"><a href="?page={current + 1}">Suivant '
                f"{min(PAGE_SIZE, remaining)} éléments »</a></li>"
            )
        return f'<nav class="pagination" aria-label="Pagination"><ul>{"".join(items)}</ul></nav>'
    if style == "typo3":
        items = []
        if prev_ok:
            items.append(f'<li class="previous"><a href="?page={current - 1}">précédent</a></li>')
        for n in range(total):
            items.append(
                f'<li class="current">{n + 1}</li>'
                if n == current
                else f'<li><a href="?page={n}">{n + 1}</a></li>'
            )
        if next_ok:
            items.append(f'<li class="next last"><a href="?page={current + 1}">suivant</a></li>')
        return (
            f'<div class="page-navigation"><p>Page {current + 1} sur {total}.</p>'
            f'<ul class="f3-widget-paginator">{"".join(items)}</ul></div>'
        )
    prev = f'<a class="prev" href="?page={current - 1}">← Précédent</a> — ' if prev_ok else ""
    nxt = f' — <a class="next" href="?page={current + 1}">Suivant →</a>' if next_ok else ""
    return (
        f'<nav class="pagination">{prev}<span class="page-number">Page {current + 1} sur {total}'
        f"</span>{nxt}</nav>"
    )


def _heading(layout: str, text: str, key: object) -> str:
    """A page title in the layout's markup."""
    if layout == "elementor":
        return el_widget(
            "theme-archive-title",
            f'<h1 class="elementor-heading-title elementor-size-default">{esc(text)}</h1>',
            key,
        )
    if layout == "divi":
        return f'<h1 class="entry-title main_title">{esc(text)}</h1>'
    if layout == "plone":
        return f'<h1 class="documentFirstHeading">{esc(text)}</h1>'
    if layout == "typo3":
        return t3_frame(
            "header",
            zlib.crc32(text.encode()) % 9000,
            "",
            f'<h1 class="element-header">{esc(text)}</h1>',
        )
    return f'<header class="page-header"><h1>{esc(text)}</h1></header>'


def _wrap(layout: str, content: str, key: object) -> str:
    """Page content inside the layout's content structure."""
    if layout == "elementor":
        return (
            f'<div data-elementor-type="archive" data-elementor-id="{zlib.crc32(str(key).encode()) % 9000}" '
            'class="elementor elementor-location-archive">'
            + el_section([("col-100", content)], key)
            + "</div>"
        )
    if layout == "divi":
        return (
            '<div class="et-l et-l--body"><div class="et_builder_inner_content et_pb_gutters3">'
            + et_section(0, [("4_4", content)])
            + "</div></div>"
        )
    if layout == "plone":
        return (
            '<div class="row"><div id="portal-column-content" class="col-xs-12 col-md-12">'
            f'<article id="content">{content}</article></div></div>'
        )
    if layout == "typo3":
        return f"<!--TYPO3SEARCH_begin-->{content}<!--TYPO3SEARCH_end-->"
    return f'<div class="page-body">{content}</div>'


def listing_page(site: Site, listing: Listing, page_number: int) -> str:
    items = site.listed[listing.path]
    index = next(i for i, lst in enumerate(LISTINGS) if lst.path == listing.path)
    layout = listing_layout(index)
    shown = (
        items[page_number * PAGE_SIZE : (page_number + 1) * PAGE_SIZE] if page_number >= 0 else ()
    )
    total = max(1, math.ceil(len(items) / PAGE_SIZE))
    remaining = max(0, len(items) - (page_number + 1) * PAGE_SIZE)
    pager = pager_html(pager_style(index), page_number, total, remaining)
    if shown:
        listed = list_html(list_style(index), shown, listing.teasers, layout)
        if layout == "elementor":
            listed = el_widget("posts", listed, listing.path)
    else:
        listed = f'<p class="no-results">{render.EMPTY_VIEW}</p>'
    content = _heading(layout, listing.title, listing.path) + listed + pager
    if layout == "plone":
        content = (
            _heading(layout, listing.title, "") + f'<div id="content-core">{listed}{pager}</div>'
        )
    return page(
        listing.title,
        _wrap(layout, content, listing.path),
        site=site,
        layout=layout,
        head_links=f'<link rel="shortlink" href="/taxonomy/term/{listing.tid}">',
        crumbs=[(None, render.RESOURCES_MENU)],
        current=listing.title,
    )


# --- Page chrome -------------------------------------------------------------------------

COMPLIANZ = (
    '<div id="cmplz-cookiebanner-container"><div class="cmplz-cookiebanner banner-1 optin '
    'cmplz-bottom-right cmplz-categories-type-view-preferences" aria-modal="true" '
    'data-nosnippet="true" role="dialog" aria-live="polite" aria-labelledby="cmplz-header-1-optin">'
    '<div class="cmplz-header"><div class="cmplz-title" id="cmplz-header-1-optin">Gérer le '
    'consentement aux cookies</div></div><div class="cmplz-body"><div class="cmplz-message" '
    'id="cmplz-message-1-optin">Pour offrir les meilleures expériences, nous utilisons des '
    "technologies telles que les cookies pour stocker et/ou accéder aux informations des "
    'appareils.</div></div><div class="cmplz-buttons"><button class="cmplz-btn cmplz-accept">'
    'Accepter</button><button class="cmplz-btn cmplz-deny">Refuser</button><button '
    'class="cmplz-btn cmplz-view-preferences">Voir les préférences</button></div>'
    '<div class="cmplz-links cmplz-documents"><a href="/mentions-legales" class="cmplz-link '
    'privacy-statement">Politique de confidentialité</a></div></div></div>'
)

TARTEAUCITRON = (
    '<div id="tarteaucitronRoot" class="tarteaucitronBeforeVisible"><div id="tarteaucitronAlertBig" '
    'class="tarteaucitronAlertBigBottom" role="dialog" aria-modal="true"><span '
    'id="tarteaucitronDisclaimerAlert">Ce site utilise des cookies et vous donne le contrôle sur '
    'ceux que vous souhaitez activer</span><button type="button" class="tarteaucitronCTAButton '
    'tarteaucitronAllow" id="tarteaucitronPersonalize2">✓ Autoriser</button><button type="button" '
    'class="tarteaucitronCTAButton tarteaucitronDeny" id="tarteaucitronAllDenied2">✗ Interdire'
    '</button><button type="button" id="tarteaucitronCloseAlert">Personnaliser</button></div></div>'
)


def _menu_items(site: Site | None) -> list[tuple[str, str, list[tuple[str, str]]]]:
    items: list[tuple[str, str, list[tuple[str, str]]]] = []
    for path, label in render.MENU:
        if path:
            items.append((path, label, []))
        else:
            items.append(("", label, [(lst.path, lst.title) for lst in LISTINGS]))
            regions = list(render._region_menu(site))
            if regions:
                items.append(("", "Régions", regions))
    return items


def _nav(site: Site | None, layout: str) -> str:
    ul, li, sub = {
        "elementor": ("elementor-nav-menu", "menu-item", "sub-menu elementor-nav-menu--dropdown"),
        "divi": ("nav", "menu-item", "sub-menu"),
        "plone": ("navbar-nav", "nav-item", "has_subtree dropdown"),
        "typo3": ("navbar-nav", "nav-item", "dropdown-menu"),
        "hugo": ("menu", "menu-item", "submenu"),
    }[layout]
    parts = []
    for path, label, children in _menu_items(site):
        if children:
            kids = "".join(f'<li class="{li}"><a href="{p}">{esc(t)}</a></li>' for p, t in children)
            parts.append(
                f'<li class="{li} menu-item-has-children"><a href="#" aria-haspopup="true">'
                f'{esc(label)}</a><ul class="{sub}">{kids}</ul></li>'
            )
        else:
            parts.append(f'<li class="{li}"><a href="{path}">{esc(label)}</a></li>')
    items = "".join(parts)
    if layout == "elementor":
        return el_widget(
            "nav-menu",
            '<nav class="elementor-nav-menu--main elementor-nav-menu__container" aria-label="Menu">'
            f'<ul id="menu-1-principal" class="{ul}">{items}</ul></nav>',
            "nav",
        )
    if layout == "divi":
        return f'<nav id="top-menu-nav"><ul id="top-menu" class="{ul}">{items}</ul></nav>'
    if layout == "plone":
        return (
            '<nav class="navbar navbar-expand-lg" id="portal-globalnav-wrapper"><ul '
            f'class="{ul}" id="portal-globalnav">{items}</ul></nav>'
        )
    if layout == "typo3":
        return f'<nav class="navbar navbar-mainnavigation"><ul class="{ul}">{items}</ul></nav>'
    return f'<nav class="nav"><ul id="menu" class="{ul}">{items}</ul></nav>'


def _logo() -> str:
    return (
        f'<a href="/" class="site-logo" rel="home"><img src="/medias/logo-rtes.png" alt="'
        f'{render.SITE_SHORT}" width="160" height="60"></a>'
    )


def _header(site: Site | None, layout: str) -> str:
    nav = _nav(site, layout)
    if layout == "elementor":
        return (
            '<header data-elementor-type="header" data-elementor-id="12" class="elementor '
            'elementor-12 elementor-location-header">'
            + el_section(
                [("col-33", el_widget("theme-site-logo", _logo(), "logo")), ("col-66", nav)],
                "header",
            )
            + "</header>"
        )
    if layout == "divi":
        return (
            '<header id="main-header" data-height-onload="66"><div class="container clearfix '
            f'et_menu_container"><div class="logo_container">{_logo()}</div>'
            f'<div id="et-top-navigation">{nav}</div></div></header>'
        )
    if layout == "plone":
        return (
            '<header id="content-header"><div class="container"><div id="portal-top"><div '
            f'id="portal-header"><div id="portal-logo">{_logo()}</div><div id="portal-searchbox">'
            '<form id="searchGadget_form" action="/recherche"><label class="hiddenStructure" '
            'for="searchGadget">Rechercher dans le site</label><input name="SearchableText" '
            'type="text" id="searchGadget" placeholder="Rechercher dans le site"></form></div>'
            f"</div></div></div></header>{nav}"
        )
    if layout == "typo3":
        return (
            '<header id="page-header" class="bp-page-header navbar navbar-mainnavigation">'
            f'<div class="container"><div class="navbar-brand">{_logo()}</div>{nav}</div></header>'
        )
    return (
        f'<header class="header"><nav class="nav-logo"><div class="logo">{_logo()}</div></nav>'
        f"{nav}</header>"
    )


def _crumbs(trail: list[tuple[str | None, str]], current: str, layout: str) -> str:
    """'Vous êtes ici : Accueil › … › current' (a trail item without a path: plain text)."""
    steps = [("/", "Accueil"), *trail]
    if layout in ("plone", "typo3"):
        items = "".join(
            f'<li class="breadcrumb-item"><a href="{p}">{esc(t)}</a></li>'
            if p
            else f'<li class="breadcrumb-item"><span>{esc(t)}</span></li>'
            for p, t in steps
        )
        return (
            '<nav id="portal-breadcrumbs" aria-label="breadcrumb"><span id="breadcrumbs-you-are-here"'
            f'>Vous êtes ici :</span><ol class="breadcrumb">{items}<li class="breadcrumb-item '
            f'active" id="breadcrumbs-current" aria-current="page">{esc(current)}</li></ol></nav>'
        )
    links = " › ".join(
        f'<span><a href="{p}">{esc(t)}</a></span>' if p else f"<span>{esc(t)}</span>"
        for p, t in steps
    )
    return (
        '<nav class="breadcrumbs" aria-label="Fil d’Ariane"><p id="breadcrumbs">Vous êtes ici : '
        f'{links} › <span class="breadcrumb_last" aria-current="page">{esc(current)}</span></p></nav>'
    )


def _footer(layout: str) -> str:
    links = " | ".join(
        f'<a href="{p}">{t}</a>'
        for p, t in (
            ("/plan-du-site", "Plan du site"),
            ("/mentions-legales", "Mentions légales"),
            ("/contact", "Contact"),
            ("/newsletter-rtes-mars-2021", "Lettre d’information"),
        )
    )
    line = (
        f'<p class="footer-address">{esc(render.SITE_NAME)} – 1 place de l’Hôtel de Ville – '
        f'59000 Lille</p><p class="footer-links">{links}</p><p class="copyright">© 2024 '
        f"{render.SITE_SHORT}</p>"
    )
    if layout == "elementor":
        return (
            '<footer data-elementor-type="footer" class="elementor elementor-location-footer">'
            + el_section([("col-100", el_widget("text-editor", line, "footer"))], "footer")
            + "</footer>"
        )
    if layout == "divi":
        return (
            '<footer id="main-footer"><div id="footer-bottom"><div class="container clearfix">'
            f'<div id="footer-info">{line}</div></div></div></footer>'
        )
    if layout == "plone":
        return (
            '<footer id="portal-footer-wrapper"><div class="container" id="portal-footer">'
            f'<div class="row"><div class="col-xs-12">{line}<p class="colophon">Propulsé par '
            '<a href="https://plone.org">Plone</a></p></div></div></div></footer>'
        )
    if layout == "typo3":
        return (
            '<footer id="page-footer" class="bp-page-footer"><section class="section '
            f'footer-section footer-section-meta"><div class="container">{line}</div></section>'
            "</footer>"
        )
    return (
        f'<footer class="footer">{line}<span>Propulsé par <a href="https://gohugo.io/" '
        'rel="noopener noreferrer" target="_blank">Hugo</a></span></footer>'
    )


BACK_TO_TOP = {
    "elementor": '<a href="#top" class="back-to-top" aria-label="Retour en haut">↑ Haut de page</a>',
    "divi": '<span class="et_pb_scroll_top et-pb-icon" aria-label="Retour en haut"></span>',
    "plone": '<a href="#portal-top" class="back-to-top" id="back-to-top">Retour en haut</a>',
    "typo3": '<a class="scroll-top" title="Retour en haut" href="#top"><span class="scroll-top-icon">'
    "</span>Haut de page</a>",
    "hugo": '<a href="#top" aria-label="go to top" title="Haut de page (Alt + G)" class="top-link" '
    'id="top-link" accesskey="g">↑</a>',
}

HEAD = {
    "elementor": (
        '<meta name="generator" content="WordPress 6.4.3">\n'
        '<meta name="generator" content="Elementor 3.18.3; features: e_dom_optimization, '
        'e_optimized_assets_loading; settings: css_print_method-external">\n'
        "<link rel='stylesheet' id='elementor-frontend-css' "
        "href='/wp-content/plugins/elementor/assets/css/frontend.min.css' media='all'>"
    ),
    "divi": (
        '<meta name="generator" content="WordPress 6.4.3">\n'
        '<meta name="generator" content="Divi v.4.23.1">\n'
        "<link rel='stylesheet' id='divi-style-css' href='/wp-content/themes/Divi/style.min.css' "
        "media='all'>"
    ),
    "plone": (
        '<meta name="generator" content="Plone - https://plone.org/">\n'
        '<link rel="stylesheet" href="/++plone++static/plone-compiled.css">'
    ),
    "typo3": (
        "<!--\n\tThis website is powered by TYPO3 - inspiring people to share!\n-->\n"
        '<meta name="generator" content="TYPO3 CMS">\n'
        '<link rel="stylesheet" href="/typo3conf/ext/bootstrap_package/Resources/Public/Css/'
        'bootstrap5-theme.min.css" media="all">'
    ),
    "hugo": (
        '<meta name="generator" content="Hugo 0.121.1">\n'
        '<link crossorigin="anonymous" href="/assets/css/stylesheet.min.css" rel="preload '
        'stylesheet" as="style">'
    ),
}

BODY_CLASS = {
    "elementor": "wp-singular elementor-default elementor-kit-5 elementor-page",
    "divi": (
        "et_pb_button_helper_class et_fixed_nav et_show_nav "
        "et_primary_nav_dropdown_animation_fade et_pb_pagebuilder_layout"
    ),
    "plone": "frontend icons-on portaltype-document site-rtes thumbs-on userrole-anonymous",
    "typo3": "layout-default",
    "hugo": "list dark",
}


def page(
    title: str,
    content: str,
    *,
    site: Site | None,
    layout: str,
    head_links: str = "",
    header: bool = True,
    crumbs: list[tuple[str | None, str]] | None = None,
    current: str = "",
    extra_head: str = "",
) -> str:
    """A page around content in the layout's structure (header=False: no header, menu nor
    breadcrumb, as the node's system path renders). Divi writes no `<main>` element."""
    consent = consent_style(layout)
    banner = {"complianz": COMPLIANZ, "tarteaucitron": TARTEAUCITRON}.get(consent, "")
    chrome = _header(site, layout) if header else ""
    trail = _crumbs(crumbs or [], current or title, layout) if header and crumbs is not None else ""
    if layout == "elementor":
        body = (
            f'{chrome}<main id="content" class="site-main">{trail}{content}</main>'
            f"{_footer(layout)}{BACK_TO_TOP[layout]}{banner}"
        )
    elif layout == "divi":
        body = (
            f'<div id="page-container">{chrome}<div id="et-main-area"><div id="main-content">'
            f'<div class="container">{trail}</div>{content}</div>{_footer(layout)}</div></div>'
            f"{BACK_TO_TOP[layout]}{banner}"
        )
    elif layout == "plone":
        body = (
            f'{banner}<div class="outer-wrapper">{chrome}<div id="above-content-wrapper">'
            f'<div id="viewlet-above-content">{trail}</div></div><div class="container">'
            f'<main id="main-container" class="row">{content}</main></div></div>'
            f"{_footer(layout)}{BACK_TO_TOP[layout]}"
        )
    elif layout == "typo3":
        body = (
            f'{banner}<div id="top"></div><div class="body-bg">{chrome}<div class="breadcrumb-section">'
            f'<div class="container">{trail}</div></div><div id="page-content" class="bp-page-content '
            f'main-section"><main id="page-main" class="container">{content}</main></div>'
            f"{_footer(layout)}</div>{BACK_TO_TOP[layout]}"
        )
    else:
        body = (
            f'{banner}<div id="top"></div>{chrome}<main class="main">{trail}{content}</main>'
            f"{_footer(layout)}{BACK_TO_TOP[layout]}"
        )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="fr-FR">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            HEAD[layout],
            head_links,
            extra_head,
            f"<title>{esc(title)} – {render.SITE_SHORT}</title>",
            "</head>",
            f'<body class="{BODY_CLASS[layout]}">',
            body,
            "</body>",
            "</html>",
        ]
    )


def _node_trail(resource: Resource) -> list[tuple[str | None, str]]:
    return [(None, render.RESOURCES_MENU), *render.category_crumbs(resource)]


def detail_page(site: Site, resource: Resource, header: bool = True, br: bool = False) -> str:
    layout = layout_of(resource.nid)
    og = (
        f'<meta property="og:title" content="{attr(resource.title)}">\n'
        '<meta property="og:type" content="article">'
    )
    return page(
        resource.title,
        node_html(resource, layout, br),
        site=site,
        layout=layout,
        head_links=render.node_head_links(resource),
        header=header,
        crumbs=_node_trail(resource),
        current=resource.title,
        extra_head=og,
    )


def node_page(site: Site, resource: Resource) -> str:
    """The node at /node/N: no header, menu nor breadcrumb, a <br>-separated body (as the
    real site's)."""
    return detail_page(site, resource, header=False, br=True)


def home_page(site: Site) -> str:
    layout = layout_of(0)
    style = LIST_STYLES[LAYOUTS.index(layout)] if VARIANT["list"] == "mixed" else VARIANT["list"]
    latest = list_html(style, site.latest(HOME_COUNT), True, layout)
    themes = "".join(f'<li><a href="{lst.path}">{esc(lst.title)}</a></li>' for lst in LISTINGS)
    content = (
        _heading(layout, render.SITE_NAME, "home")
        + "<p>Le RTES accompagne les collectivités dans leurs politiques d’économie solidaire.</p>"
        + f"<h2>Dernières publications</h2>{latest}<h2>Thématiques</h2><ul>{themes}</ul>"
    )
    return page("Accueil", _wrap(layout, content, "home"), site=site, layout=layout)


def static_page(site: Site, path: str) -> str:
    title, body = render.STATIC_PAGES[path]
    return static_page_html(site, title, body)


def static_page_html(site: Site, title: str, body: str) -> str:
    layout = layout_of(zlib.crc32(title.encode()))
    content = _heading(layout, title, title) + f"<p>{esc(body)}</p>"
    return page(title, _wrap(layout, content, title), site=site, layout=layout, crumbs=[])


def not_found_page(site: Site) -> str:
    layout = layout_of(404)
    content = _heading(layout, "Page non trouvée", 404) + (
        "<p>Désolé, la page que vous cherchez n’existe pas ou a été déplacée (erreur 404).</p>"
        '<p><a href="/">Retour à l’accueil</a></p>'
    )
    return page("Page non trouvée", _wrap(layout, content, 404), site=site, layout=layout)


# --- Members (mirror.kinds.RENDERERS[10]) ------------------------------------------------


def _member_table(member) -> str:
    from mirror import kinds

    rows = "".join(
        f'<tr><th scope="row">{label}</th><td>{esc(value)}</td></tr>'
        for label, value in kinds._field_rows(member)
    )
    return f'<table class="contenttable member-fields"><tbody>{rows}</tbody></table>'


def _member_items(member) -> str:
    from mirror import kinds

    items = "".join(
        f"<li><strong>{label} :</strong> {esc(value)}</li>"
        for label, value in kinds._field_rows(member)
    )
    return f'<ul class="member-meta">{items}</ul>'


def member_page(site: Site, member) -> str:
    from mirror import kinds

    layout = layout_of(member.nid)
    sections = kinds._sections(member, "<h2>")
    content = (
        _heading(layout, member.name, member.nid)
        + _member_table(member)
        + f'<div class="member-sections">{sections}</div>'
        + f'<p class="discreet">Dernière mise à jour : {render.french_date(member.updated)}</p>'
    )
    return page(
        member.name,
        _wrap(layout, content, member.nid),
        site=site,
        layout=layout,
        head_links=kinds._head_links(member),
        crumbs=[("/" + kinds.region_slug(member.region), member.region)],
        current=member.name,
    )


def region_page(site: Site, region: str) -> str:
    from mirror import kinds

    items = "".join(
        f'<article class="member-entry"><h2><a href="{m.path}">{esc(m.name)}</a></h2>'
        f"{_member_items(m)}</article>"
        for m in kinds.in_region(site, region)
    )
    key = zlib.crc32(region.encode())
    content = _heading(layout_of(key), region, key) + f'<div class="members">{items}</div>'
    return page(
        region,
        _wrap(layout_of(key), content, key),
        site=site,
        layout=layout_of(key),
        crumbs=[],
        current=region,
    )
