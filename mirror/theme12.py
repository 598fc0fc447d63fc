"""Theme 12: institutional and legacy CMSs (eZ Platform / Ibexa, Liferay 7 portlets, Blogger,
an ASP.NET WebForms intranet CMS, Wagtail StreamField), written as those tools write their
markup, different from themes 1-11. Same site model, URLs, links and head links (canonical and
`/node/N` shortlink on nodes and members, `/taxonomy/term/N` shortlink on category listings),
so mirror/truth.py holds.

- layout, by node (listings: by listing): `ez` (`div.content-view-full > div.class-article`,
  `div.attribute-header > h1`, `div.attribute-<identifier>` fields, `div.ezrichtext-field` or
  legacy `div.ezxmltext-field` bodies, a "Voir aussi" related list, "Vous êtes ici :" path),
  `liferay` (`section.portlet` of the `JournalContentPortlet`, `h2.portlet-title-text`,
  `div.journal-content-article`, quick-access skip links, `section#content`), `blogger`
  (`div.post.hentry` in `div.date-outer`, `h2.date-header > span`, `div.post-body.entry-content`
  of `<div>`s or `<br />`-separated text, `span.post-labels` "Libellés :", `div.post-footer`
  "Publié par … à 16:05", Label and LinkList sidebar widgets, no breadcrumb), `aspnet` (a form
  with `__VIEWSTATE` wrapping a layout table, `span#ctl00_ContentPlaceHolder1_lblTitre`, the
  body `<br /><br />`-separated in `div#ctl00_ContentPlaceHolder1_pnlContenu`), `wagtail`
  (StreamField blocks: `div.block-heading`, `div.block-paragraph > div.rich-text`,
  `div.block-image`, `div.block-document`, `div.block-quote`);
- dates, by node: `ez_byline` ("Publié le 09/06/2021"), `liferay` ("09 juin 2021", Liferay's
  `dd MMMM yyyy`), `date_header` (Blogger's "mercredi 9 juin 2021"), `aspnet` (DateTime's fr-FR
  "09/06/2021 16:05:00"), `django` (`date:"j F Y"`: "1 juin 2021", no "1er");
- fields, by node (resources): `ez_attribute` (`div.attribute-type_ressource` with
  `span.attribute-label`), `liferay_categories` (`div.taglib-asset-categories-summary` with
  `span.asset-vocabulary` for the vocabularies, structure fields for the others), `fiche_table`
  (`table.fiche`, `td.libelle` / `td.valeur`), `page_meta` (Wagtail `dl.page-meta`),
  `bold_lines` (Blogger "<b>Label :</b> value<br />" lines); a field the model does not show
  (the Catégorie of many nodes) keeps its label, no value;
- documents, by node: `ez_list` (`ul.attribute-documents-list`, "(PDF, 1,2 Mo)"), `lnk_document`
  (ASP.NET repeater links `a#…lnkDocument`), `block_document` (Wagtail `a.document-link`),
  `liferay_dm` (Documents and Media `div.lfr-asset-item` "Télécharger (1,2 Mo)"), `plain_link`
  (a Blogger "» title" link list);
- tags and the member notice, by node: under the title (top) or after the content / where the
  body would stand, in the family's markup;
- listings, by listing (each family its own in `mixed`): `ez_line`, `asset_publisher`
  (`div.asset-abstract`, `h3.asset-title a`, `div.asset-summary`, `div.asset-more`),
  `blog_posts` (Blogger `div.blog-posts.hfeed`), `gridview` (an ASP.NET `GridView` table),
  `index_list` (`ul.index-list > li.index-item`); pagers: `ez` (`div.pagenavigator`), `liferay`
  (`ul.lfr-pagination-buttons` "Précédent/Suivant"), `blogger` (`a.blog-pager-newer-link` /
  `a.blog-pager-older-link`), `gridview` (a `tr.pager` numeric row), `django` (`nav.pagination`);
- chrome: the site name in the header, skip links, cookie banners, breadcrumbs "Vous êtes
  ici :" (not on Blogger), "Imprimer / Envoyer à un ami" tools, "Partager :" lines, footers
  with the legal links;
- /node/N: no header, menu nor breadcrumb, a `<br>`-separated body (as the real site's);
- members: profiles and region listings with the member fields in the family's field markup.

`VARIANT` forces one construct per part (as themes 4 to 11).
"""

from __future__ import annotations

import base64
import hashlib
import math
import zlib

from mirror import render, theme4, theme10, theme11, variants
from mirror.render import attr, esc
from mirror.site import LISTINGS, PAGE_SIZE, Listing, Resource, Site
from mirror.text import slugify

MEMBER_NOTICE = theme4.MEMBER_NOTICE
AUTHOR = "Rédaction RTES"
HOME_COUNT = 6

LAYOUTS = ("ez", "liferay", "blogger", "aspnet", "wagtail")
DATE_STYLES = ("ez_byline", "liferay", "date_header", "aspnet", "django")
FIELD_STYLES = ("ez_attribute", "liferay_categories", "fiche_table", "page_meta", "bold_lines")
DOC_STYLES = ("ez_list", "lnk_document", "block_document", "liferay_dm", "plain_link")
TAG_PLACES = ("top", "bottom")
NOTICE_PLACES = ("top", "body")
LIST_STYLES = ("ez_line", "asset_publisher", "blog_posts", "gridview", "index_list")
PAGER_STYLES = ("ez", "liferay", "blogger", "gridview", "django")
CONSENT_STYLES = ("tarteaucitron", "liferay", "cookiechoices", "pnl_cookies", "cookie_consent")
FIELDS_AFTER_BODY = ("liferay_categories", "bold_lines")  # asset summaries, post footers

# layout: mixed | ez | liferay | blogger | aspnet | wagtail; dates: mixed | ez_byline | liferay
# | date_header | aspnet | django; fields: mixed | ez_attribute | liferay_categories |
# fiche_table | page_meta | bold_lines; documents: mixed | ez_list | lnk_document |
# block_document | liferay_dm | plain_link; tags: mixed | top | bottom; notice: mixed | top |
# body; list: mixed | ez_line | asset_publisher | blog_posts | gridview | index_list; pager:
# mixed | ez | liferay | blogger | gridview | django; consent: mixed (by layout) | tarteaucitron
# | liferay | cookiechoices | pnl_cookies | cookie_consent | off.
VARIANT = {
    "layout": "mixed",
    "dates": "mixed",
    "fields": "mixed",
    "documents": "mixed",
    "tags": "mixed",
    "notice": "mixed",
    "list": "mixed",
    "pager": "mixed",
    "consent": "mixed",
}


def _hash(*parts: object) -> int:
    digest = hashlib.md5(":".join(map(str, parts)).encode(), usedforsecurity=False).digest()
    return int.from_bytes(digest[:4], "big")


def _pick(part: str, key: int, options: tuple[str, ...]) -> str:
    """The part's forced style, or (mixed) one drawn from the key (a hash: parts independent)."""
    style = VARIANT[part]
    return style if style != "mixed" else options[_hash("t12", part, key) % len(options)]


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


def tag_place(resource: Resource) -> str:
    return _pick("tags", resource.nid, TAG_PLACES)


def notice_place(resource: Resource) -> str:
    return _pick("notice", resource.nid, NOTICE_PLACES)


def list_style(index: int) -> str:
    style = VARIANT["list"]
    return LIST_STYLES[LAYOUTS.index(listing_layout(index))] if style == "mixed" else style


def pager_style(index: int) -> str:
    style = VARIANT["pager"]
    return PAGER_STYLES[LAYOUTS.index(listing_layout(index))] if style == "mixed" else style


def consent_style(layout: str) -> str:
    style = VARIANT["consent"]
    return CONSENT_STYLES[LAYOUTS.index(layout)] if style == "mixed" else style


def blogger_divs(resource: Resource) -> bool:
    """Whether a Blogger post body is written in <div>s (the compose editor) rather than as
    <br />-separated text (a post pasted in the HTML view)."""
    return _hash("t12:divs", resource.nid) % 2 == 0


_tag_href = theme11._tag_href
_category_href = theme11._category_href
_summary_paragraphs = theme11._summary_paragraphs
size_text = theme11.size_text  # "1,2 Mo", "820 Ko"


# --- Dates -------------------------------------------------------------------------------

WEEKDAYS = theme11.WEEKDAYS


def date_text(moment, style: str) -> str:
    """A date as the style writes it."""
    month = render.MONTHS[moment.month - 1]
    if style == "ez_byline":
        return f"{moment:%d/%m/%Y}"
    if style == "liferay":
        return f"{moment:%d} {month} {moment.year}"
    if style == "date_header":
        return f"{WEEKDAYS[moment.weekday()]} {moment.day} {month} {moment.year}"
    if style == "aspnet":
        return f"{moment:%d/%m/%Y %H:%M:%S}"
    return f"{moment.day} {month} {moment.year}"


def date_html(resource: Resource) -> str:
    """The node's publication (and update) line in its date style."""
    style, pub, upd = date_style(resource), resource.published, resource.updated
    if style == "ez_byline":
        maj = (
            f' <span class="ezdate-modified">Modifié le {date_text(upd, style)}</span>'
            if upd
            else ""
        )
        return (
            f'<div class="attribute-byline"><span class="ezdate">Publié le {date_text(pub, style)}'
            f"</span>{maj}</div>"
        )
    if style == "liferay":
        maj = (
            f'<span class="metadata-entry metadata-modified-date">Modifié le '
            f"{date_text(upd, style)}</span>"
            if upd
            else ""
        )
        return (
            '<div class="asset-metadata"><span class="metadata-entry metadata-publish-date">'
            f"{date_text(pub, style)}</span>{maj}</div>"
        )
    if style == "date_header":
        maj = (
            f'<span class="post-timestamp-updated">Mis à jour le <abbr class="updated" title="'
            f'{render.iso_local(upd)}">{date_text(upd, style)}</abbr></span>'
            if upd
            else ""
        )
        return f'<h2 class="date-header"><span>{date_text(pub, style)}</span></h2>{maj}'
    if style == "aspnet":
        maj = (
            f'<br /><span id="ctl00_ContentPlaceHolder1_lblModif">Dernière modification : '
            f"{date_text(upd, style)}</span>"
            if upd
            else ""
        )
        return (
            '<div class="dates"><span id="ctl00_ContentPlaceHolder1_lblDate">Date de publication '
            f": {date_text(pub, style)}</span>{maj}</div>"
        )
    return _django_dates(pub, upd)


def _django_dates(pub, upd) -> str:
    """Wagtail's date list (Django's `date:"j F Y"`)."""
    style = "django"
    maj = (
        f'<dt>Dernière mise à jour</dt><dd><time datetime="{upd:%Y-%m-%d}">'
        f"{date_text(upd, style)}</time></dd>"
        if upd
        else ""
    )
    return (
        f'<dl class="page-dates"><dt>Publié le</dt><dd><time datetime="{pub:%Y-%m-%d}">'
        f"{date_text(pub, style)}</time></dd>{maj}</dl>"
    )


# --- Bodies ------------------------------------------------------------------------------


def _figure(block, layout: str) -> str:
    src, caption = attr(block.src), render.inline(block.segments)
    if layout == "blogger":
        return (
            '<table align="center" cellpadding="0" cellspacing="0" class="tr-caption-container" '
            'style="margin-left: auto; margin-right: auto;"><tbody><tr><td style="text-align: '
            f'center;"><a href="{src}" style="margin-left: auto; margin-right: auto;"><img '
            f'border="0" data-original-height="450" data-original-width="800" src="{src}" '
            'width="400" /></a></td></tr><tr><td class="tr-caption" style="text-align: center;">'
            f"{caption}</td></tr></tbody></table>"
        )
    if layout == "aspnet":
        return f'<img src="{src}" alt="" border="0" /><br /><i>{caption}</i>'
    if layout == "wagtail":
        return (
            f'<div class="block-image"><figure><img alt="" height="450" src="{src}" width="800">'
            f"<figcaption>{caption}</figcaption></figure></div>"
        )
    if layout == "ez":
        return (
            f'<figure class="ezimage-field"><img src="{src}" alt="" /><figcaption>{caption}'
            "</figcaption></figure>"
        )
    return f'<figure><img src="{src}" alt="" /><figcaption>{caption}</figcaption></figure>'


def _ul(block) -> str:
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in block.items) + "</ul>"


def block_html(block, layout: str) -> str:
    """One body block as a rich-text editor writes it (ez, liferay: <p>s)."""
    if block.role == "empty":
        return "<p>&nbsp;</p>" if layout == "liferay" else ""
    if block.kind == "figure":
        return _figure(block, layout)
    if block.kind == "ul":
        return _ul(block)
    text = render.inline(block.segments)
    return f"<h3>{text}</h3>" if block.kind == "h3" else f"<p>{text}</p>"


def blogger_body(resource: Resource) -> str:
    """A Blogger post body: <div> lines with <div><br /></div> spacers, or <br />-separated text."""
    divs = blogger_divs(resource)
    out = []
    for block in resource.blocks:
        if block.role == "empty" or block.kind in ("figure", "ul"):
            out.append("" if block.role == "empty" else block_html(block, "blogger"))
            continue
        text = render.inline(block.segments)
        if block.kind == "h3":
            out.append(f'<h3 style="text-align: left;">{text}</h3>' if divs else f"<b>{text}</b>")
        else:
            out.append(f"<div>{text}</div>" if divs else text)
    parts = [h for h in out if h]
    return ("<div><br /></div>" if divs else "<br /><br />\n").join(parts)


def aspnet_body(resource: Resource) -> str:
    """A WYSIWYG field pasted as text: lines separated by <br /><br />, headings in <strong>."""
    out = []
    for block in resource.blocks:
        if block.role == "empty":
            continue
        if block.kind in ("figure", "ul"):
            out.append(_figure(block, "aspnet") if block.kind == "figure" else _ul(block))
        elif block.kind == "h3":
            out.append(f"<strong>{render.inline(block.segments)}</strong>")
        else:
            out.append(render.inline(block.segments))
    return "<br /><br />\n".join(out)


def wagtail_body(resource: Resource) -> str:
    """StreamField blocks: headings, rich-text paragraphs (runs of <p>s and lists), images."""
    out, run = [], []

    def flush() -> None:
        if run:
            out.append(
                f'<div class="block-paragraph"><div class="rich-text">{"".join(run)}</div></div>'
            )
            run.clear()

    for block in resource.blocks:
        if block.role == "empty":
            continue
        if block.kind == "h3":
            flush()
            out.append(f'<div class="block-heading"><h2>{render.inline(block.segments)}</h2></div>')
        elif block.kind == "figure":
            flush()
            out.append(_figure(block, "wagtail"))
        else:
            run.append(block_html(block, "wagtail"))
    flush()
    return "\n".join(out)


def body_html(resource: Resource, layout: str, br: bool = False) -> str:
    """The body in the family's markup (br: separated by single <br>s, as /node/N shows it)."""
    if br:
        return variants.br_body(resource.blocks)
    if layout == "blogger":
        return blogger_body(resource)
    if layout == "aspnet":
        return aspnet_body(resource)
    if layout == "wagtail":
        return wagtail_body(resource)
    return "\n".join(h for h in (block_html(b, layout) for b in resource.blocks) if h)


def wrap_body(resource: Resource, layout: str, body: str) -> str:
    """The body in its family's container."""
    if layout == "ez":
        field = "ezrichtext-field" if resource.nid % 2 else "ezxmltext-field"
        return f'<div class="attribute-body"><div class="{field}">{body}</div></div>'
    if layout == "liferay":
        return f'<div class="journal-content-article" data-analytics-asset-type="web-content">{body}</div>'
    if layout == "blogger":
        return (
            f'<div class="post-body entry-content" id="post-body-{resource.nid}" itemprop="'
            f'description articleBody">{body}<div style="clear: both;"></div></div>'
        )
    if layout == "aspnet":
        return f'<div id="ctl00_ContentPlaceHolder1_pnlContenu" class="contenu">{body}</div>'
    return f'<div class="page-body streamfield">{body}</div>'


def lead_image_html(resource: Resource, layout: str) -> str:
    if not resource.lead_image:
        return ""
    img = f'src="{attr(resource.lead_image)}" alt="{attr(resource.lead_alt)}"'
    if layout == "ez":
        return f'<div class="attribute-image"><figure class="ezimage-field"><img {img} /></figure></div>'
    if layout == "aspnet":
        return f'<img id="ctl00_ContentPlaceHolder1_imgVisuel" {img} border="0" />'
    if layout == "blogger":
        return (
            '<div class="separator" style="clear: both; text-align: center;"><a href="'
            f'{attr(resource.lead_image)}" style="margin-left: 1em; margin-right: 1em;"><img '
            f'border="0" {img} width="400" /></a></div>'
        )
    return f'<div class="lead-image"><img {img} /></div>'


# --- Documents ---------------------------------------------------------------------------


def _size(path: str) -> str:
    return f"(PDF, {size_text(path, 'attachments')})"


def documents_html(resource: Resource) -> str:
    """The node's files in its document style (each link's text starts with the title)."""
    style, docs = doc_style(resource), resource.documents
    if style == "ez_list":
        items = "".join(
            f'<li><a href="{attr(d.path)}" class="ezbinaryfile-field">{esc(d.title)}</a> '
            f'<span class="file-size">{_size(d.path)}</span></li>'
            for d in docs
        )
        return f'<ul class="attribute-documents-list">{items}</ul>'
    if style == "lnk_document":
        return "<br />".join(
            f'<img src="/images/pdf.gif" alt="" border="0" /> <a id="ctl00_ContentPlaceHolder1_'
            f'rptDocuments_ctl{n:02d}_lnkDocument" href="{attr(d.path)}" target="_blank">'
            f"{esc(d.title)}</a>"
            for n, d in enumerate(docs)
        )
    if style == "block_document":
        return "".join(
            f'<div class="block-document"><a class="document-link" href="{attr(d.path)}">'
            f'{esc(d.title)} <span class="document-meta">{_size(d.path)}</span></a></div>'
            for d in docs
        )
    if style == "liferay_dm":
        return "".join(
            f'<div class="lfr-asset-item"><a class="taglib-icon" href="{attr(d.path)}?download='
            f'true" hidden></a><a href="{attr(d.path)}" class="lfr-asset-title">{esc(d.title)}</a>'
            f' <span class="lfr-asset-size">Télécharger ({size_text(d.path, "attachments")})'
            "</span></div>"
            for d in docs
        )
    items = "".join(f'<li><a href="{attr(d.path)}">{esc(d.title)}</a> »</li>' for d in docs)
    return f'<ul class="liens-documents">{items}</ul>'


# --- Fields ------------------------------------------------------------------------------

RICH = ("summary", "documents")
EZ_IDS = {
    "type": "type_ressource",
    "private": "prive",
    "summary": "resume",
    "documents": "documents",
    "categories": "categorie",
}


def _value(resource: Resource, key: str) -> str:
    if key == "type":
        return esc(resource.resource_type or "")
    if key == "private":
        return "Oui" if resource.is_private else "Non"
    if key == "summary":
        return "".join(f"<p>{p}</p>" for p in _summary_paragraphs(resource))
    if key == "documents":
        return documents_html(resource) if resource.documents else ""
    return ", ".join(
        f'<a href="{_category_href(c)}">{esc(c)}</a>' for c in render.shown_categories(resource)
    )


def field_rows(resource: Resource) -> list[tuple[str, str, str]]:
    """(label, value, key) of the shown fields, in the type's order; empty ones left out, except
    the Catégorie label (the model shows it with no value on many nodes)."""
    keys = render.PRIVATE_KEYS if resource.is_private else tuple(render.FIELDS)
    order = render.FIELD_ORDER_BY_TYPE.get(resource.resource_type, render.FIELD_ORDER)
    rows = []
    for key in order:
        if key in keys:
            value = _value(resource, key)
            if value or key == "categories":
                rows.append((render.FIELDS[key][3], value, key))
    return rows


def ez_attributes(rows: list[tuple[str, str, str]]) -> str:
    """eZ attributes: one div.attribute-<identifier> each, its label a span."""
    return "".join(
        f'<div class="attribute-{EZ_IDS.get(key, slugify(label).replace("-", "_"))}">'
        f'<span class="attribute-label">{label}</span> '
        + (
            f"<div>{value}</div>"
            if key in RICH
            else f'<span class="attribute-value">{value}</span>'
        )
        + "</div>"
        for label, value, key in rows
    )


def liferay_fields(rows: list[tuple[str, str, str]]) -> str:
    """The vocabularies (Type de ressource, Catégorie) in the categories summary, the other
    structure fields as labelled blocks."""
    vocab, others = [], []
    for label, value, key in rows:
        if key in ("type", "categories"):
            shown = (
                value
                if key == "categories"
                else (f'<span class="asset-category">{value}</span>' if value else "")
            )
            vocab.append(
                f'<span class="asset-vocabulary-entry"><span class="asset-vocabulary">{label} :'
                f"</span> {shown}</span>"
            )
        else:
            inner = value if key in RICH else f"<p>{value}</p>"
            others.append(
                f'<div class="journal-field field-{slugify(label)}"><h4 class="field-label">'
                f"{label}</h4>{inner}</div>"
            )
    return (
        f'<div class="journal-fields">{"".join(others)}</div>'
        f'<div class="taglib-asset-categories-summary">{"".join(vocab)}</div>'
    )


def fiche_table(rows: list[tuple[str, str, str]]) -> str:
    """An ASP.NET record table: a libelle cell and a valeur cell per row."""
    trs = "".join(
        f'<tr><td class="libelle">{label}</td><td class="valeur">{value}</td></tr>'
        for label, value, _ in rows
    )
    return f'<table class="fiche" cellpadding="3" cellspacing="0" border="0">{trs}</table>'


def page_meta(rows: list[tuple[str, str, str]]) -> str:
    """Wagtail page fields as a definition list."""
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value, _ in rows)
    return f'<dl class="page-meta">{items}</dl>'


def bold_lines(rows: list[tuple[str, str, str]]) -> str:
    """Blogger-style "<b>Label :</b> value" lines, the rich values after their line."""
    out = []
    for label, value, key in rows:
        if key in RICH:
            out.append(f"<b>{label} :</b><br />{value}")
        else:
            out.append(f"<b>{label} :</b> {value}<br />")
    return f'<div class="post-fields">{"".join(out)}</div>'


FIELD_RENDERERS = {
    "ez_attribute": ez_attributes,
    "liferay_categories": liferay_fields,
    "fiche_table": fiche_table,
    "page_meta": page_meta,
    "bold_lines": bold_lines,
}


def fields_html(resource: Resource) -> tuple[str, str]:
    """The field block as (before the body, after it) in the node's style."""
    style = field_style(resource)
    html = FIELD_RENDERERS[style](field_rows(resource))
    return ("", html) if style in FIELDS_AFTER_BODY else (html, "")


# --- Tags, notice, share, tools ----------------------------------------------------------


def tags_html(resource: Resource, layout: str) -> str:
    """The free tags in the family's markup (links to their term pages)."""
    tags = resource.tags
    if layout == "ez":
        links = ", ".join(f'<a href="{_tag_href(t)}">{esc(t)}</a>' for t in tags)
        return f'<div class="attribute-tags"><span class="attribute-label">Mots-clés :</span> {links}</div>'
    if layout == "liferay":
        links = "".join(
            f'<a class="label label-default tag" href="{_tag_href(t)}">{esc(t)}</a>' for t in tags
        )
        return f'<span class="taglib-asset-tags-summary">{links}</span>'
    if layout == "blogger":
        links = ", ".join(f'<a href="{_tag_href(t)}" rel="tag">{esc(t)}</a>' for t in tags)
        return f'<span class="post-labels">Libellés : {links}</span>'
    if layout == "aspnet":
        links = " - ".join(
            f'<a id="ctl00_ContentPlaceHolder1_rptMotsCles_ctl{n:02d}_lnkMotCle" href="'
            f'{_tag_href(t)}">{esc(t)}</a>'
            for n, t in enumerate(tags)
        )
        return f'<div id="ctl00_ContentPlaceHolder1_pnlMotsCles">Mots-clés : {links}</div>'
    items = "".join(f'<li><a class="tag" href="{_tag_href(t)}">{esc(t)}</a></li>' for t in tags)
    return f'<ul class="tags" aria-label="Étiquettes">{items}</ul>'


def notice_html(layout: str) -> str:
    """The member notice of a private resource, as the family shows a message."""
    if layout == "ez":
        return f'<div class="message-warning"><p>{MEMBER_NOTICE}</p></div>'
    if layout == "liferay":
        return (
            '<div class="alert alert-info" role="alert"><span class="alert-indicator"><svg '
            'class="lexicon-icon lexicon-icon-info-circle" role="presentation"></svg></span> '
            f'<strong class="lead">Info :</strong> {MEMBER_NOTICE}</div>'
        )
    if layout == "blogger":
        return f'<div class="post-notice" style="border: 1px solid #ccc; padding: 8px;"><i>{MEMBER_NOTICE}</i></div>'
    if layout == "aspnet":
        return f'<span id="ctl00_ContentPlaceHolder1_lblMessage" class="message">{MEMBER_NOTICE}</span>'
    return f'<div class="block-quote"><blockquote><p>{MEMBER_NOTICE}</p></blockquote></div>'


def share_html(layout: str) -> str:
    cls = {
        "ez": "share-links",
        "liferay": "social-bookmarks",
        "blogger": "post-share-buttons goog-inline-block",
        "aspnet": "partage",
        "wagtail": "share",
    }[layout]
    return (
        f'<div class="{cls}"><span>Partager :</span> <a href="https://www.facebook.com/sharer/'
        'sharer.php" target="_blank" rel="noopener">Facebook</a> <a href="https://www.linkedin.com/'
        'sharing/share-offsite/" target="_blank" rel="noopener">LinkedIn</a> <a href="mailto:?'
        'subject=RTES">E-mail</a></div>'
    )


def tools_html(layout: str) -> str:
    """The "Imprimer / Envoyer à un ami" page tools of institutional sites."""
    if layout == "aspnet":
        return (
            '<div class="outils"><a id="ctl00_ContentPlaceHolder1_lnkImprimer" href="javascript:'
            'window.print();">Imprimer</a> | <a id="ctl00_ContentPlaceHolder1_lnkEnvoyer" href="'
            'mailto:?subject=RTES">Envoyer à un ami</a></div>'
        )
    return (
        '<ul class="page-tools"><li class="print"><a href="javascript:window.print()">Imprimer'
        '</a></li><li class="send"><a href="mailto:?subject=RTES">Envoyer à un ami</a></li></ul>'
    )


RELATED = (("/le-reseau", "Le réseau"), ("/adherer", "Adhérer au RTES"), ("/agenda", "Agenda"))


def related_html() -> str:
    """eZ's related objects as a "Voir aussi" list."""
    items = "".join(f'<li><a href="{p}">{t}</a></li>' for p, t in RELATED)
    return f'<div class="attribute-relations"><h2>Voir aussi</h2><ul>{items}</ul></div>'


# --- Nodes -------------------------------------------------------------------------------


def node_parts(resource: Resource, layout: str, br: bool) -> dict[str, str]:
    """The node's pieces: under the title (top), the lead image, before the body, the body (or
    the member notice standing in its place), after it, the end."""
    tags = tags_html(resource, layout) if resource.tags else ""
    at_top = tag_place(resource) == "top"
    parts = {"top": tags if at_top else "", "end": "" if at_top else tags}
    parts.update(image=lead_image_html(resource, layout), before="", after="")
    if resource.is_private and resource.kind != "article":
        notice = notice_html(layout)
        parts["body"] = notice if notice_place(resource) == "body" else ""
        parts["top"] += "" if parts["body"] else notice
    else:
        parts["body"] = wrap_body(resource, layout, body_html(resource, layout, br))
    if resource.kind != "article":
        parts["before"], parts["after"] = fields_html(resource)
    return parts


def _ez_node(resource: Resource, parts: dict[str, str], extra: str) -> str:
    return (
        '<div class="content-view-full"><div class="class-article"><div class="attribute-header">'
        f"<h1>{esc(resource.title)}</h1></div>{date_html(resource)}{parts['top']}"
        f"{parts['image']}{parts['before']}{parts['body']}{parts['after']}{parts['end']}"
        f"{related_html() if extra else ''}{extra}</div></div>"
    )


def _liferay_node(resource: Resource, parts: dict[str, str], extra: str) -> str:
    portlet = "com_liferay_journal_content_web_portlet_JournalContentPortlet_INSTANCE_"
    instance = f"{zlib.crc32(str(resource.nid).encode()):08x}"[:12]
    return (
        f'<div class="portlet-boundary portlet-boundary_{portlet} portlet-static portlet-'
        f'journal-content" id="p_p_id_{portlet}{instance}_"><section class="portlet" id="portlet_'
        f'{portlet}{instance}"><div class="portlet-content"><div class="autofit-float autofit-row '
        f'portlet-header"><div class="autofit-col autofit-col-expand"><h2 class="portlet-title-'
        f'text">{render.RESOURCES_MENU}</h2></div></div><div class="portlet-content-container">'
        f'<div class="portlet-body"><div class="journal-content-article-wrapper"><h1 class="'
        f'article-title">{esc(resource.title)}</h1>{date_html(resource)}{parts["top"]}'
        f"{parts['image']}{parts['before']}{parts['body']}{parts['after']}{parts['end']}{extra}"
        "</div></div></div></div></section></div>"
    )


def _blogger_node(resource: Resource, parts: dict[str, str], extra: str) -> str:
    style = date_style(resource)
    header_date = date_html(resource) if style == "date_header" else ""
    post_date = "" if header_date else date_html(resource)
    footer = (
        f'<div class="post-footer"><div class="post-footer-line post-footer-line-1"><span '
        f'class="post-author vcard">Publié par <span class="fn">{AUTHOR}</span></span> <span '
        f'class="post-timestamp">à <a class="timestamp-link" href="{resource.path}" '
        f'rel="bookmark"><abbr class="published" title="{render.iso_local(resource.published)}">'
        f'{resource.published:%H:%M}</abbr></a></span> <span class="post-comment-link">Aucun '
        f'commentaire</span></div><div class="post-footer-line post-footer-line-2">{parts["end"]}'
        f"</div>{extra}</div>"
    )
    return (
        f'<div class="blog-posts hfeed"><div class="date-outer">{header_date}<div class="date-'
        f'posts"><div class="post-outer"><div class="post hentry uncustomized-post-template" '
        f'itemprop="blogPost" itemscope itemtype="http://schema.org/BlogPosting"><a name="'
        f'{resource.nid}"></a><h1 class="post-title entry-title" itemprop="name">'
        f'{esc(resource.title)}</h1><div class="post-header"><div class="post-header-line-1">'
        f"{post_date}{parts['top']}</div></div>{parts['image']}{parts['before']}{parts['body']}"
        f"{parts['after']}{footer}</div></div></div></div></div>"
    )


def _aspnet_node(resource: Resource, parts: dict[str, str], extra: str) -> str:
    return (
        '<table width="100%" cellpadding="0" cellspacing="0" border="0" class="page-contenu"><tr>'
        '<td class="titre"><h1><span id="ctl00_ContentPlaceHolder1_lblTitre" class="titre">'
        f"{esc(resource.title)}</span></h1></td></tr><tr><td>{date_html(resource)}{parts['top']}"
        f"</td></tr><tr><td>{parts['image']}{parts['before']}{parts['body']}{parts['after']}"
        f"{parts['end']}</td></tr><tr><td>{extra}</td></tr></table>"
    )


def _wagtail_node(resource: Resource, parts: dict[str, str], extra: str) -> str:
    kind = "article" if resource.kind == "article" else "resource"
    return (
        f'<article class="page page--{kind}"><header class="page-header"><h1 class="page-header'
        f'__title">{esc(resource.title)}</h1>{date_html(resource)}{parts["top"]}</header>'
        f"{parts['image']}{parts['before']}{parts['body']}{parts['after']}"
        f'<footer class="page-footer">{parts["end"]}{extra}</footer></article>'
    )


NODES = {
    "ez": _ez_node,
    "liferay": _liferay_node,
    "blogger": _blogger_node,
    "aspnet": _aspnet_node,
    "wagtail": _wagtail_node,
}


def node_html(resource: Resource, layout: str, br: bool = False) -> str:
    """The node on its own page in the layout's structure (br: /node/N, no share nor tools)."""
    extra = "" if br else share_html(layout) + (tools_html(layout) if layout != "blogger" else "")
    return NODES[layout](resource, node_parts(resource, layout, br), extra)


# --- Listings ----------------------------------------------------------------------------


def _full_item(resource: Resource, layout: str) -> str:
    """A full listing item's node parts after its title: the date, fields, body, tags."""
    parts = node_parts(resource, layout, False)
    order = ("top", "image", "before", "body", "after", "end")
    return date_html(resource) + "".join(parts[k] for k in order)


def _lead(resource: Resource) -> str:
    return esc(render.teaser_lead(resource))


def ez_line(resource: Resource, teaser: bool, layout: str) -> str:
    path, title = resource.path, esc(resource.title)
    if teaser:
        content = (
            f'<div class="attribute-byline"><span class="ezdate">'
            f'{date_text(resource.published, "ez_byline")}</span></div><div class="attribute-'
            f'short"><p>{_lead(resource)}</p></div><div class="attribute-link"><p><a href="'
            f'{path}">Lire la suite</a></p></div>'
        )
    else:
        content = f'<div class="attribute-long">{_full_item(resource, layout)}</div>'
    return (
        '<div class="content-view-line"><div class="class-article float-break"><h2><a href="'
        f'{path}">{title}</a></h2>{content}</div></div>'
    )


def asset_abstract(resource: Resource, teaser: bool, layout: str) -> str:
    path, title = resource.path, esc(resource.title)
    if teaser:
        content = (
            '<div class="asset-metadata"><span class="metadata-entry metadata-publish-date">'
            f'{date_text(resource.published, "liferay")}</span></div><div class="asset-summary">'
            f'{_lead(resource)}</div><div class="asset-more"><a href="{path}">Lire la suite'
            f'<span class="hide-accessible"> à propos de {title}</span> »</a></div>'
        )
        cls = "asset-abstract"
    else:
        content = f'<div class="asset-full-content">{_full_item(resource, layout)}</div>'
        cls = "asset-full-content-wrapper asset-abstract"
    return (
        f'<div class="{cls}"><div class="asset-content"><h3 class="asset-title"><a href="{path}">'
        f"{title}</a></h3>{content}</div></div>"
    )


def blog_post(resource: Resource, teaser: bool, layout: str) -> str:
    path, title, pub = resource.path, esc(resource.title), resource.published
    if teaser:
        content = (
            f'<div class="post-body entry-content">{_lead(resource)}</div><div class="jump-link">'
            f'<a href="{path}#more" title="{attr(resource.title)}">Lire la suite »</a></div>'
        )
    else:
        content = f'<div class="post-body entry-content">{_full_item(resource, layout)}</div>'
    return (
        f'<div class="date-outer"><h2 class="date-header"><span>{date_text(pub, "date_header")}'
        '</span></h2><div class="date-posts"><div class="post-outer"><div class="post hentry">'
        f'<h3 class="post-title entry-title"><a href="{path}">{title}</a></h3><div class="post-'
        f'header"><div class="post-header-line-1"></div></div>{content}<div class="post-footer">'
        f'<span class="post-author vcard">Publié par <span class="fn">{AUTHOR}</span></span> '
        f'<span class="post-timestamp">à {pub:%H:%M}</span></div></div></div></div></div>'
    )


def grid_row(resource: Resource, teaser: bool, layout: str, n: int = 0) -> str:
    path, title = resource.path, esc(resource.title)
    cell = (
        f'{_lead(resource)}<br /><a href="{path}">Lire la suite</a>'
        if teaser
        else _full_item(resource, layout)
    )
    link = (
        f'<a id="ctl00_ContentPlaceHolder1_gvRessources_ctl{n + 2:02d}_hlTitre" href="{path}">'
        f"{title}</a>"
    )
    alt = ' class="alt"' if n % 2 else ""
    return (
        f"<tr{alt}><td>{link}<br />{cell}</td><td>{date_text(resource.published, 'ez_byline')}"
        "</td></tr>"
    )


def index_item(resource: Resource, teaser: bool, layout: str) -> str:
    path, title, pub = resource.path, esc(resource.title), resource.published
    if teaser:
        content = (
            f'<p class="index-item__intro">{_lead(resource)}</p><a class="index-item__link" '
            f'href="{path}">Lire la suite</a>'
        )
    else:
        content = f'<div class="index-item__body">{_full_item(resource, layout)}</div>'
    return (
        f'<li class="index-item"><h2 class="index-item__title"><a href="{path}">{title}</a></h2>'
        f'<p class="index-item__date"><time datetime="{pub:%Y-%m-%d}">{date_text(pub, "django")}'
        f"</time></p>{content}</li>"
    )


def list_html(style: str, resources, teaser: bool, layout: str, pager_row: str = "") -> str:
    """The listing widget (a GridView takes its pager row inside its table)."""
    if style == "gridview":
        rows = "".join(grid_row(r, teaser, layout, n) for n, r in enumerate(resources))
        return (
            '<div><table class="grille" cellspacing="0" rules="all" border="1" id="ctl00_Content'
            'PlaceHolder1_gvRessources" style="border-collapse:collapse;"><tr><th scope="col">'
            f'Titre</th><th scope="col">Date</th></tr>{rows}{pager_row}</table></div>'
        )
    if style == "ez_line":
        items = "".join(ez_line(r, teaser, layout) for r in resources)
        return f'<div class="content-view-children">{items}</div>'
    if style == "asset_publisher":
        items = "".join(asset_abstract(r, teaser, layout) for r in resources)
        return (
            '<div class="portlet-boundary portlet-boundary_com_liferay_asset_publisher_web_portlet_'
            'AssetPublisherPortlet_"><section class="portlet"><div class="portlet-header"><h2 '
            'class="portlet-title-text">Publications</h2></div><div class="portlet-content-'
            f'container"><div class="asset-publisher">{items}</div></div></section></div>'
        )
    if style == "blog_posts":
        items = "".join(blog_post(r, teaser, layout) for r in resources)
        return f'<div class="blog-posts hfeed">{items}</div>'
    items = "".join(index_item(r, teaser, layout) for r in resources)
    return f'<ul class="index-list">{items}</ul>'


# --- Pagers ------------------------------------------------------------------------------


def ez_pager(current: int, total: int) -> str:
    prev = (
        f'<span class="previous"><a href="?page={current - 1}"><span class="text">« Précédent'
        "</span></a></span>"
        if current > 0
        else ""
    )
    nxt = (
        f'<span class="next"><a href="?page={current + 1}"><span class="text">Suivant »</span>'
        "</a></span>"
        if current < total - 1
        else ""
    )
    pages = "".join(
        f'<span class="current">{n + 1}</span>'
        if n == current
        else f'<span class="other"><a href="?page={n}">{n + 1}</a></span>'
        for n in range(total)
    )
    return f'<div class="pagenavigator"><p>{prev}<span class="pages">{pages}</span>{nxt}</p></div>'


def liferay_pager(current: int, total: int) -> str:
    first, last = current * PAGE_SIZE + 1, (current + 1) * PAGE_SIZE
    prev = (
        f'<li class="page-item"><a class="page-link" href="?page={current - 1}">Précédent</a></li>'
        if current > 0
        else '<li class="page-item disabled"><a class="page-link" href="javascript:void(0);">'
        "Précédent</a></li>"
    )
    nxt = (
        f'<li class="page-item"><a class="page-link" href="?page={current + 1}">Suivant</a></li>'
        if current < total - 1
        else '<li class="page-item disabled"><a class="page-link" href="javascript:void(0);">'
        "Suivant</a></li>"
    )
    return (
        f'<div class="taglib-page-iterator"><div class="lfr-pagination"><div class="lfr-pagination'
        f'-config"><small class="search-results">Affichage de l’élément {first} à {last}.</small>'
        f'</div><ul class="lfr-pagination-buttons pager">{prev}{nxt}</ul></div></div>'
    )


def blogger_pager(current: int, total: int) -> str:
    newer = (
        f'<span id="blog-pager-newer-link"><a class="blog-pager-newer-link" href="?page='
        f'{current - 1}" title="Articles plus récents">Articles plus récents</a></span>'
        if current > 0
        else ""
    )
    older = (
        f'<span id="blog-pager-older-link"><a class="blog-pager-older-link" href="?page='
        f'{current + 1}" title="Articles plus anciens">Articles plus anciens</a></span>'
        if current < total - 1
        else ""
    )
    return (
        f'<div class="blog-pager" id="blog-pager">{newer}{older}<a class="home-link" href="/">'
        "Accueil</a></div>"
    )


def gridview_pager_row(current: int, total: int) -> str:
    cells = "".join(
        f"<td><span>{n + 1}</span></td>"
        if n == current
        else f'<td><a href="?page={n}">{n + 1}</a></td>'
        for n in range(total)
    )
    return f'<tr class="pager"><td colspan="2"><table border="0"><tr>{cells}</tr></table></td></tr>'


def django_pager(current: int, total: int) -> str:
    prev = (
        f'<li class="pagination__prev"><a href="?page={current - 1}">‹ précédente</a></li>'
        if current > 0
        else ""
    )
    nxt = (
        f'<li class="pagination__next"><a href="?page={current + 1}">suivante ›</a></li>'
        if current < total - 1
        else ""
    )
    return (
        f'<nav class="pagination" aria-label="Pagination"><ul>{prev}<li class="pagination__'
        f'current">Page {current + 1} sur {total}</li>{nxt}</ul></nav>'
    )


PAGERS = {
    "ez": ez_pager,
    "liferay": liferay_pager,
    "blogger": blogger_pager,
    "django": django_pager,
}


def pager_html(style: str, current: int, total: int) -> str:
    """The listing's pager (0-based ?page=N), none on a single page; a GridView pager row
    standing alone is wrapped in its own table."""
    if total <= 1:
        return ""
    if style == "gridview":
        return f'<table class="grille-pager">{gridview_pager_row(current, total)}</table>'
    return PAGERS[style](current, total)


# --- Page chrome -------------------------------------------------------------------------

LIFERAY_COOKIES = (
    '<div class="cookies-banner cookies-banner-bottom" id="_com_liferay_cookies_banner_web_portlet'
    '_CookiesBannerPortlet_"><div class="cookies-banner-body"><p>Ce site utilise des cookies '
    'pour améliorer votre expérience.</p><a href="/mentions-legales">Politique de cookies</a>'
    '</div><div class="cookies-banner-buttons"><button class="btn btn-primary btn-sm" type="'
    'button">Tout accepter</button> <button class="btn btn-secondary btn-sm" type="button">Refuser'
    ' tout</button> <button class="btn btn-link btn-sm" type="button">Configuration</button></div>'
    "</div>"
)
COOKIE_CHOICES = (
    '<div id="cookieChoiceInfo" class="cookie-choices-info" style="position: fixed; bottom: 0;">'
    '<div class="cookie-choices-inner"><span class="cookie-choices-text">Ce site utilise des '
    "cookies provenant de Google pour fournir ses services et analyser le trafic.</span><span "
    'class="cookie-choices-buttons"><a class="cookie-choices-button" href="/mentions-legales">En '
    'savoir plus</a><a id="cookieChoiceDismiss" class="cookie-choices-button" href="#">OK</a>'
    "</span></div></div>"
)
PNL_COOKIES = (
    '<div id="ctl00_pnlCookies" class="bandeau-cookies">En poursuivant votre navigation sur ce '
    'site, vous acceptez l’utilisation de cookies. <a id="ctl00_lnkCookies" href="/mentions-'
    'legales">En savoir plus</a> <input type="submit" name="ctl00$btnCookies" value="OK" id="'
    'ctl00_btnCookies" /></div>'
)
COOKIE_CONSENT = (
    '<div class="cookie-bar" id="cookie-consent" role="dialog" aria-label="Cookies"><p>Nous '
    'utilisons des cookies de mesure d’audience.</p><form action="/cookies/accept/" method="post'
    '"><button type="submit" class="button">Accepter</button></form><form action="/cookies/'
    'decline/" method="post"><button type="submit" class="button button--secondary">Refuser'
    "</button></form></div>"
)
BANNERS = {
    "tarteaucitron": theme10.TARTEAUCITRON,
    "liferay": LIFERAY_COOKIES,
    "cookiechoices": COOKIE_CHOICES,
    "pnl_cookies": PNL_COOKIES,
    "cookie_consent": COOKIE_CONSENT,
}


def _nav_list(site: Site | None, ul: str, li: str, sub: str) -> str:
    """The site menu as nested lists (an item with children: a heading and its sublist)."""
    parts = []
    for path, label, children in theme10._menu_items(site):
        if children:
            kids = "".join(f'<li class="{li}"><a href="{p}">{esc(t)}</a></li>' for p, t in children)
            parts.append(
                f'<li class="{li} has-children"><span>{esc(label)}</span><ul class="{sub}">{kids}'
                "</ul></li>"
            )
        else:
            parts.append(f'<li class="{li}"><a href="{path}">{esc(label)}</a></li>')
    return f'<ul class="{ul}">{"".join(parts)}</ul>'


def _blogger_sidebar(site: Site | None) -> str:
    """Blogger's sidebar widgets: the labels (category listings), the pages (regions)."""
    labels = "".join(
        f'<li><a dir="ltr" href="{lst.path}">{esc(lst.title)}</a></li>' for lst in LISTINGS
    )
    regions = "".join(f'<li><a href="{p}">{esc(t)}</a></li>' for p, t in render._region_menu(site))
    pages = "".join(f'<li><a href="{p}">{esc(t)}</a></li>' for p, t in render.MENU if p)
    return (
        '<div class="column-right-outer"><aside class="sidebar section" id="sidebar-right-1"><div '
        'class="widget PageList" id="PageList1"><h2>Pages</h2><div class="widget-content"><ul>'
        f'{pages}</ul></div></div><div class="widget Label" id="Label1"><h2>Libellés</h2><div '
        f'class="widget-content list-label-widget-content"><ul>{labels}</ul></div></div><div '
        'class="widget LinkList" id="LinkList1"><h2>Régions</h2><div class="widget-content"><ul>'
        f"{regions}</ul></div></div></aside></div>"
    )


def _header(site: Site | None, layout: str) -> str:
    name = esc(render.SITE_NAME)
    if layout == "ez":
        return (
            '<header id="header"><div id="logo"><a href="/" title="Accueil"><span class="site-'
            f'name">{name}</span></a></div><nav id="topmenu" aria-label="Menu principal">'
            f"{_nav_list(site, 'menu', 'menu-item', 'sous-menu')}</nav></header>"
        )
    if layout == "liferay":
        return (
            '<header class="container-fluid" id="banner" role="banner"><div id="heading"><div '
            'aria-level="1" class="site-title" role="heading"><a class="logo default-logo" href="/"'
            f' title="Aller à {render.SITE_SHORT}"><span class="site-name">{name}</span></a></div>'
            '</div><nav class="sort-pages modify-pages" id="navigation" role="navigation">'
            f"{_nav_list(site, 'nav nav-pills', 'lfr-nav-item', 'child-menu dropdown-menu')}"
            "</nav></header>"
        )
    if layout == "blogger":
        return (
            '<header><div class="header-outer"><div class="Header widget" id="Header1"><div '
            f'id="header-inner"><div class="titlewrapper"><p class="title"><a href="/">{name}</a>'
            '</p></div><div class="descriptionwrapper"><p class="description"><span>L’économie '
            "solidaire dans les territoires</span></p></div></div></div></div></header>"
        )
    if layout == "aspnet":
        return (
            '<tr><td colspan="2" class="bandeau"><a id="ctl00_lnkAccueil" href="/"><span id="'
            f'ctl00_lblNomSite">{name}</span></a></td></tr><tr><td class="menu" valign="top" '
            f'width="200"><div id="ctl00_menuGauche">{_nav_list(site, "menu", "item", "sous")}'
            "</div></td>"
        )
    return (
        '<header class="header"><a class="header__logo" href="/">'
        f'{name}</a><nav class="nav-primary" aria-label="Menu principal">'
        f"{_nav_list(site, 'nav-primary__list', 'nav-primary__item', 'nav-primary__sub')}</nav>"
        "</header>"
    )


def _crumbs(trail: list[tuple[str | None, str]], current: str, layout: str) -> str:
    """The breadcrumb from Accueil (an item without a path: plain text); none on Blogger."""
    steps = [("/", "Accueil"), *trail]
    links = [f'<a href="{p}">{esc(t)}</a>' if p else f"<span>{esc(t)}</span>" for p, t in steps]
    if layout == "ez":
        sep = ' <span class="path-separator">/</span> '
        return (
            f'<nav id="path" aria-label="Fil d’Ariane"><p>Vous êtes ici : {sep.join(links)}{sep}'
            f'<span class="path-current">{esc(current)}</span></p></nav>'
        )
    if layout == "liferay":
        items = "".join(f'<li class="breadcrumb-item">{link}</li>' for link in links)
        return (
            '<nav aria-label="Fil d’Ariane" id="breadcrumbs"><ol class="breadcrumb"><li class="'
            f'breadcrumb-label">Vous êtes ici :</li>{items}<li class="active breadcrumb-item">'
            f'<span class="breadcrumb-text-truncate">{esc(current)}</span></li></ol></nav>'
        )
    if layout == "blogger":
        return ""
    if layout == "aspnet":
        return (
            f'<div id="ctl00_pnlFilAriane" class="filariane">Vous êtes ici : {" &gt; ".join(links)}'
            f' &gt; <span id="ctl00_lblPageCourante">{esc(current)}</span></div>'
        )
    items = "".join(f'<li class="breadcrumb__item">{link}</li>' for link in links)
    return (
        '<nav class="breadcrumb" aria-label="Fil d’Ariane"><span class="breadcrumb__label">Vous '
        f'êtes ici :</span><ol class="breadcrumb__list">{items}<li class="breadcrumb__item" aria-'
        f'current="page">{esc(current)}</li></ol></nav>'
    )


FOOTER_LINKS = theme11.FOOTER_LINKS
POWERED = {
    "ez": 'Propulsé par <a href="https://www.ibexa.co">Ibexa DXP</a>',
    "liferay": 'Fourni par <a href="http://www.liferay.com" rel="external">Liferay</a>',
    "blogger": 'Thème Simple. Fourni par <a href="https://www.blogger.com">Blogger</a>.',
    "aspnet": "© RTES – Intranet v2.3",
    "wagtail": 'Réalisé avec <a href="https://wagtail.org">Wagtail</a>',
}


def _footer(layout: str) -> str:
    links = " | ".join(f'<a href="{p}">{t}</a>' for p, t in FOOTER_LINKS)
    address = f"{esc(render.SITE_NAME)} – 1 place de l’Hôtel de Ville – 59000 Lille"
    if layout == "ez":
        return f'<footer id="footer"><p class="address">{address}</p><p>{links}</p><p>{POWERED[layout]}</p></footer>'
    if layout == "liferay":
        return (
            f'<footer class="container-fluid" id="footer" role="contentinfo"><p>{address}</p><p>'
            f'{links}</p><p class="powered-by">{POWERED[layout]}</p></footer>'
        )
    if layout == "blogger":
        return (
            '<footer><div class="footer-outer"><div class="Attribution widget" id="Attribution1">'
            f'<div class="widget-content">{address}<br />{links}<br />{POWERED[layout]}</div>'
            "</div></div></footer>"
        )
    if layout == "aspnet":
        return f'<tr><td colspan="2" class="pied">{address}<br />{links}<br />{POWERED[layout]}</td></tr>'
    return (
        f'<footer class="footer"><p class="footer__address">{address}</p><p class="footer__links">'
        f"{links}</p><p>{POWERED[layout]}</p></footer>"
    )


HEAD = {
    "ez": '<link rel="stylesheet" href="/assets/build/app.css">',
    "liferay": (
        '<link class="lfr-css-file" data-senna-track="temporary" href="/o/classic-theme/css/'
        'main.css?browserId=other&amp;themeId=classic_WAR_classictheme" rel="stylesheet">'
    ),
    "blogger": (
        "<meta content='blogger' name='generator'/>\n"
        '<link rel="stylesheet" href="https://www.blogger.com/static/v1/widgets/css/bundle.css">'
    ),
    "aspnet": '<link href="/App_Themes/Defaut/style.css" type="text/css" rel="stylesheet" />',
    "wagtail": '<link rel="stylesheet" type="text/css" href="/static/css/main.css">',
}
SKIP = {
    "ez": '<a class="skip-link" href="#main-content">Aller au contenu</a>',
    "liferay": (
        '<nav aria-label="Liens rapides" class="quick-access-nav" id="quickAccessNav"><ul><li><a '
        'href="#main-content">Aller au contenu principal</a></li></ul></nav>'
    ),
    "blogger": "",
    "aspnet": '<a href="#contenu" class="evitement">Aller au contenu</a>',
    "wagtail": '<a class="skip-link" href="#main">Aller au contenu</a>',
}


def _viewstate(key: object) -> str:
    raw = hashlib.sha256(f"viewstate:{key}".encode()).digest() * 3
    return base64.b64encode(raw).decode()


def _aspnet_body(chrome: str, trail: str, content: str, action: str, key: object) -> str:
    return (
        f'<form name="aspnetForm" method="post" action="{attr(action)}" id="aspnetForm"><div>'
        '<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" /><input '
        'type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" /><input type="hidden"'
        f' name="__VIEWSTATE" id="__VIEWSTATE" value="{_viewstate(key)}" /></div><div><input '
        'type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="CA0B0334" />'
        f'</div>{SKIP["aspnet"]}<table id="tblPage" width="980" align="center" cellpadding="0"'
        f' cellspacing="0" border="0">{chrome or "<tr>"}<td id="contenu" class="contenu" valign='
        f'"top">{trail}{content}</td></tr>{_footer("aspnet")}</table></form>'
    )


def _body(layout: str, chrome: str, trail: str, content: str, site: Site | None) -> str:
    if layout == "ez":
        return (
            f'{SKIP[layout]}<div id="page">{chrome}{trail}<main id="main-content" class="main">'
            f"{content}</main>{_footer(layout)}</div>"
        )
    if layout == "liferay":
        return (
            f'{SKIP[layout]}<div class="container-fluid" id="wrapper">{chrome}<section id="content">'
            f'{trail}<div class="columns-1" id="main-content" role="main"><div class="portlet-'
            f'layout row"><div class="col-md-12 portlet-column" id="column-1">{content}</div></div>'
            f"</div></section>{_footer(layout)}</div>"
        )
    if layout == "blogger":
        return (
            f'<div class="content"><div class="content-outer">{chrome}<div class="main-outer"><div '
            'class="columns"><div class="column-center-outer"><div class="main section" id="main">'
            f'<div class="widget Blog" id="Blog1">{content}</div></div></div>'
            f"{_blogger_sidebar(site) if chrome else ''}</div></div>{_footer(layout)}</div></div>"
        )
    return (
        f'{SKIP[layout]}{chrome}{trail}<main id="main" class="main">{content}</main>'
        f"{_footer(layout)}"
    )


BODY_CLASS = {
    "ez": "ezpage {view}",
    "liferay": "controls-visible signed-out public-page site",
    "blogger": "variant-simple {view}",
    "aspnet": "",
    "wagtail": "template-{view}",
}
VIEWS = {"node": "article", "list": "folder", "page": "page"}


def page(
    title: str,
    content: str,
    *,
    site: Site | None,
    layout: str,
    key: object,
    action: str = "/",
    view: str = "page",
    head_links: str = "",
    header: bool = True,
    crumbs: list[tuple[str | None, str]] | None = None,
    current: str = "",
) -> str:
    """A page around content in the layout's structure (header=False: no header, menu nor
    breadcrumb, as the node's system path renders). ASP.NET: a form around a layout table."""
    banner = BANNERS.get(consent_style(layout), "")
    chrome = _header(site, layout) if header else ""
    trail = _crumbs(crumbs or [], current or title, layout) if header and crumbs is not None else ""
    if layout == "aspnet":
        body = _aspnet_body(chrome, trail, content, action, key)
    else:
        body = _body(layout, chrome, trail, content, site)
    body_class = BODY_CLASS[layout].format(view=VIEWS[view])
    doctype = (
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/'
        'xhtml1/DTD/xhtml1-transitional.dtd">'
        if layout == "aspnet"
        else "<!DOCTYPE html>"
    )
    return "\n".join(
        [
            doctype,
            '<html lang="fr" xmlns="http://www.w3.org/1999/xhtml">'
            if layout == "aspnet"
            else '<html lang="fr-FR">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            HEAD[layout],
            head_links,
            f"<title>{esc(title)} - {render.SITE_SHORT}</title>",
            "</head>",
            f'<body class="{body_class}">' if body_class else "<body>",
            body,
            banner,
            "</body>",
            "</html>",
        ]
    )


# --- Pages -------------------------------------------------------------------------------


def _wrap(layout: str, title: str, inner: str, kind: str = "page") -> str:
    """A non-node page's content (kind "list": a listing; "page": a text) in the layout."""
    text = esc(title)
    if layout == "ez":
        cls = "class-folder" if kind == "list" else "class-page"
        body = (
            inner
            if kind == "list"
            else f'<div class="attribute-body"><div class="ezrichtext-field">{inner}</div></div>'
        )
        return (
            f'<div class="content-view-full"><div class="{cls}"><div class="attribute-header">'
            f"<h1>{text}</h1></div>{body}</div></div>"
        )
    if layout == "liferay":
        body = inner if kind == "list" else f'<div class="journal-content-article">{inner}</div>'
        return f'<h1 class="page-title">{text}</h1>{body}'
    if layout == "blogger":
        status = (
            '<div class="status-msg-wrapper"><div class="status-msg-body">Affichage des articles '
            f'dont le libellé est <b>{text}</b>. <a href="/">Afficher tous les articles</a></div>'
            "</div>"
            if kind == "list"
            else ""
        )
        return f'{status}<h1 class="page-title">{text}</h1><div class="post-body">{inner}</div>'
    if layout == "aspnet":
        return (
            f'<h1><span id="ctl00_ContentPlaceHolder1_lblTitre" class="titre">{text}</span></h1>'
            f'<div id="ctl00_ContentPlaceHolder1_pnlContenu" class="contenu">{inner}</div>'
        )
    intro = "index-header" if kind == "list" else "page-header"
    return f'<header class="{intro}"><h1 class="{intro}__title">{text}</h1></header>{inner}'


def _node_trail(resource: Resource) -> list[tuple[str | None, str]]:
    return [(None, render.RESOURCES_MENU), *render.category_crumbs(resource)]


def detail_page(site: Site, resource: Resource, header: bool = True, br: bool = False) -> str:
    layout = layout_of(resource.nid)
    return page(
        resource.title,
        node_html(resource, layout, br),
        site=site,
        layout=layout,
        key=resource.nid,
        action=f"/node/{resource.nid}" if br else resource.path,
        view="node",
        head_links=render.node_head_links(resource),
        header=header,
        crumbs=_node_trail(resource),
        current=resource.title,
    )


def node_page(site: Site, resource: Resource) -> str:
    """The node at /node/N: no header, menu nor breadcrumb, a <br>-separated body (as the
    real site's)."""
    return detail_page(site, resource, header=False, br=True)


def listing_page(site: Site, listing: Listing, page_number: int) -> str:
    items = site.listed[listing.path]
    index = next(i for i, lst in enumerate(LISTINGS) if lst.path == listing.path)
    layout, style, pager = listing_layout(index), list_style(index), pager_style(index)
    shown = (
        items[page_number * PAGE_SIZE : (page_number + 1) * PAGE_SIZE] if page_number >= 0 else ()
    )
    total = max(1, math.ceil(len(items) / PAGE_SIZE))
    if not shown:
        listed = f'<p class="no-results">{render.EMPTY_VIEW}</p>'
    elif style == "gridview" and pager == "gridview":
        row = gridview_pager_row(page_number, total) if total > 1 else ""
        listed = list_html(style, shown, listing.teasers, layout, row)
    else:
        listed = list_html(style, shown, listing.teasers, layout)
        listed += pager_html(pager, page_number, total)
    return page(
        listing.title,
        _wrap(layout, listing.title, listed, "list"),
        site=site,
        layout=layout,
        key=listing.path,
        action=listing.path,
        view="list",
        head_links=f'<link rel="shortlink" href="/taxonomy/term/{listing.tid}">',
        crumbs=[(None, render.RESOURCES_MENU)],
        current=listing.title,
    )


def home_page(site: Site) -> str:
    layout = layout_of(0)
    style = LIST_STYLES[LAYOUTS.index(layout)] if VARIANT["list"] == "mixed" else VARIANT["list"]
    latest = list_html(style, site.latest(HOME_COUNT), True, layout)
    themes = "".join(f'<li><a href="{lst.path}">{esc(lst.title)}</a></li>' for lst in LISTINGS)
    inner = (
        "<p>Le RTES accompagne les collectivités dans leurs politiques d’économie solidaire.</p>"
        f"<h2>Dernières publications</h2>{latest}<h2>Thématiques</h2><ul>{themes}</ul>"
    )
    return page(
        "Accueil",
        _wrap(layout, render.SITE_NAME, inner, "list"),
        site=site,
        layout=layout,
        key="home",
    )


def static_page(site: Site, path: str) -> str:
    title, body = render.STATIC_PAGES[path]
    return static_page_html(site, title, body)


def static_page_html(site: Site, title: str, body: str) -> str:
    layout = layout_of(zlib.crc32(title.encode()))
    content = _wrap(layout, title, f"<p>{esc(body)}</p>")
    return page(title, content, site=site, layout=layout, key=title, crumbs=[])


def not_found_page(site: Site) -> str:
    layout = layout_of(404)
    inner = (
        "<p>Désolé, la page que vous cherchez n’existe pas ou a été déplacée (erreur 404).</p>"
        '<p><a href="/">Retour à l’accueil</a></p>'
    )
    return page(
        "Page non trouvée",
        _wrap(layout, "Page non trouvée", inner),
        site=site,
        layout=layout,
        key=404,
    )


# --- Members (mirror.kinds.RENDERERS[12]) ------------------------------------------------

MEMBER_FIELDS = {
    "ez": ez_attributes,
    "liferay": page_meta,
    "blogger": bold_lines,
    "aspnet": fiche_table,
    "wagtail": page_meta,
}


def member_fields(member, layout: str) -> str:
    """The member fields in the family's field markup."""
    from mirror import kinds

    rows = [(label, esc(value), "member") for label, value in kinds._field_rows(member)]
    return MEMBER_FIELDS[layout](rows)


def member_page(site: Site, member) -> str:
    from mirror import kinds

    layout = layout_of(member.nid)
    inner = (
        member_fields(member, layout)
        + kinds._sections(member, "<h2>")
        + f'<p class="date-maj">Dernière mise à jour : {render.french_date(member.updated)}</p>'
    )
    return page(
        member.name,
        _wrap(layout, member.name, inner),
        site=site,
        layout=layout,
        key=member.nid,
        action=member.path,
        head_links=kinds._head_links(member),
        crumbs=[("/" + kinds.region_slug(member.region), member.region)],
        current=member.name,
    )


def region_page(site: Site, region: str) -> str:
    from mirror import kinds

    layout = layout_of(zlib.crc32(region.encode()))
    items = "".join(
        f'<div class="member-entry"><h2><a href="{m.path}">{esc(m.name)}</a></h2>'
        f"{member_fields(m, layout)}</div>"
        for m in kinds.in_region(site, region)
    )
    return page(
        region,
        _wrap(layout, region, f'<div class="members">{items}</div>', "list"),
        site=site,
        layout=layout,
        key=region,
        action="/" + kinds.region_slug(region),
        view="list",
        crumbs=[],
        current=region,
    )
