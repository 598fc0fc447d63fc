"""Theme 13: a classic Drupal 7 theme (Zen / Omega-like), a MkDocs Material documentation site, a
Jahia / Sitecore-style French institutional portal, an Umbraco site styled with Bulma, and AMP /
reader-mode pages, written as those tools write their markup, different from themes 1-12. Same
site model, URLs, links and head links (canonical and `/node/N` shortlink on nodes and members,
`/taxonomy/term/N` shortlink on category listings), so mirror/truth.py holds.

- layout, by node (listings: by listing): `drupal7` (`div#page-wrapper > div#page`, `div#header`
  with `div#site-name`, `div#navigation`, `div.breadcrumb` "Accueil » …", no `<main>`: the
  content is `div#content.column` beside `div.region-sidebar-first`, `h1#page-title`, the node a
  `div.node.node-ressource.node-full`, `div.field.field-name-body`, "Version imprimable" and
  service-links share lines), `mkdocs` (Material for MkDocs: `header.md-header` repeating the
  page title in its topic, `nav.md-tabs`, the `nav.md-nav--primary` side navigation and the
  table of contents in `main.md-main`, `article.md-content__inner.md-typeset`, headings with an
  `a.headerlink` "¶", admonitions, the page feedback form, a `nav.md-footer__inner` with the
  neighbouring pages' titles), `jahia` (`div.row > div.col-*` grids of `div.component`s, the
  title in `div.page-title > h1 > span`, a `div.rich-text` body, a "Partager cette page" box),
  `bulma` (Umbraco with Bulma: `nav.navbar`, `nav.breadcrumb`, a hero `h1.title` with a
  `p.subtitle` description repeating the body's first words, `div.columns > div.column.is-8`
  content and a `div.column.is-4` "À lire aussi" of other resources' titles and leads), `amp`
  (`<html amp>`, the AMP boilerplate, `amp-sidebar` menu, `amp-img` images, paragraphs of
  inline `<span style>`s, `amp-social-share` buttons, `amp-consent`);
- dates, by node: `submitted` (Drupal 7: "Soumis par admin le mer, 09/06/2021 - 16:05"),
  `git_revision` (Material's git-revision-date-localized plugin: "Création : 9 juin 2021",
  "Dernière mise à jour: 14 juin 2021"), `dotted` ("Date de publication : 09.06.2021"),
  `dotnet` (.NET fr-FR "ddd d MMMM yyyy": "mer. 9 juin 2021" in a `<time>`), `amp_time` (bare
  `<time datetime>` "09/06/21", no label but the update's);
- fields, by node (resources): `d7_fields` (`div.field.field-name-field-xxx.field-type-…`,
  `div.field-label` "Type de ressource:&nbsp;", inline or above, `div.field-items >
  div.field-item.even/odd`), `md_table` (a Markdown table "Champ | Valeur", the Résumé and the
  documents in admonitions), `list_infos` (`ul.list-infos > li > strong.label + span.value`),
  `bulma_level` (a `nav.level` of heading/title items, the rich fields below), `bulma_table`
  (`table.table.is-striped`), `dl_split` (dt/dd pairs split over several `<dl>`s); a field the
  model does not show (the Catégorie of many nodes) keeps its label, no value;
- documents, by node: `d7_file` (`span.file` with its icon and `a type="application/pdf;
  length=…"`), `d7_table` (the "Table of files" formatter: `table.sticky-enabled`, "Pièce
  jointe | Taille"), `md_links` (a Markdown list of icon links "(PDF, 1,2 Mo)"), `download_block`
  (Jahia's `div.download-block`, "Télécharger le document (PDF - 1.2 Mo)"), `bulma_panel` (a
  `nav.panel` of `a.panel-block`s);
- tags and the member notice, by node: under the title (top) or after the content / where the
  body would stand, in the family's markup (D7's `ul.links.inline` term links, Material's
  `nav.md-tags`, Bulma's `span.tag.is-info`, a `div.messages.warning`, an admonition, a Bulma
  `article.message`…);
- listings, by listing (each family its own in `mixed`): `views_rows` (D7 `div.views-row` node
  teasers), `md_posts` (Material blog `article.md-post`), `list_results` (Jahia
  `ul.list-results` of `div.card-news`), `bulma_cards` (`div.columns.is-multiline` of cards),
  `amp_list` (`ol.amp-list`); pagers: `d7_pager` (`ul.pager`, "‹ précédent / suivant ›"),
  `md_pagination` (`div.md-pagination`), `jahia_pager` ("Page 2 / 4"), `bulma_pagination`
  (`nav.pagination` with ellipses), `amp_more` ("Charger plus d’articles");
- chrome: the site name in the header, skip links, cookie banners (EU Cookie Compliance,
  Material's consent form, Orejime, a Bulma notification, amp-consent), breadcrumbs, share lines,
  footers with the legal links;
- /node/N: no header, menu nor breadcrumb, a `<br>`-separated body (as the real site's);
- members: profiles and region listings with the member fields in the family's field markup.

`VARIANT` forces one construct per part (as themes 4 to 12).
"""

from __future__ import annotations

import hashlib
import math
import re
import zlib

from mirror import render, theme4, theme10, theme11, theme12, variants
from mirror.render import attr, esc
from mirror.site import LISTINGS, PAGE_SIZE, Listing, Resource, Site
from mirror.text import slugify

MEMBER_NOTICE = theme4.MEMBER_NOTICE
AUTHOR = "admin"
HOME_COUNT = 6

LAYOUTS = ("drupal7", "mkdocs", "jahia", "bulma", "amp")
DATE_STYLES = ("submitted", "git_revision", "dotted", "dotnet", "amp_time")
FIELD_STYLES = ("d7_fields", "md_table", "list_infos", "bulma_level", "bulma_table", "dl_split")
DOC_STYLES = ("d7_file", "d7_table", "md_links", "download_block", "bulma_panel")
TAG_PLACES = ("top", "bottom")
NOTICE_PLACES = ("top", "body")
LIST_STYLES = ("views_rows", "md_posts", "list_results", "bulma_cards", "amp_list")
PAGER_STYLES = ("d7_pager", "md_pagination", "jahia_pager", "bulma_pagination", "amp_more")
CONSENT_STYLES = ("eu_cookie", "md_consent", "orejime", "bulma_notification", "amp_consent")
FIELDS_AFTER_BODY = ("md_table", "bulma_table", "dl_split")
READ_MORE = {
    "views_rows": "Lire la suite",
    "md_posts": "Continuer la lecture",
    "list_results": "En savoir plus",
    "bulma_cards": "Lire la suite",
    "amp_list": "Lire l’article",
}

# layout: mixed | drupal7 | mkdocs | jahia | bulma | amp; dates: mixed | submitted |
# git_revision | dotted | dotnet | amp_time; fields: mixed | d7_fields | md_table | list_infos |
# bulma_level | bulma_table | dl_split; documents: mixed | d7_file | d7_table | md_links |
# download_block | bulma_panel; tags: mixed | top | bottom; notice: mixed | top | body; list:
# mixed | views_rows | md_posts | list_results | bulma_cards | amp_list; pager: mixed | d7_pager
# | md_pagination | jahia_pager | bulma_pagination | amp_more; consent: mixed (by layout) |
# eu_cookie | md_consent | orejime | bulma_notification | amp_consent | off.
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
    return style if style != "mixed" else options[_hash("t13", part, key) % len(options)]


def layout_of(key: int) -> str:
    return _pick("layout", key, LAYOUTS)


def listing_layout(index: int) -> str:
    style = VARIANT["layout"]
    return LAYOUTS[(index + 2) % len(LAYOUTS)] if style == "mixed" else style


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


def _layout_list_style(layout: str) -> str:
    style = VARIANT["list"]
    return LIST_STYLES[LAYOUTS.index(layout)] if style == "mixed" else style


def list_style(index: int) -> str:
    return _layout_list_style(listing_layout(index))


def pager_style(index: int) -> str:
    style = VARIANT["pager"]
    return PAGER_STYLES[LAYOUTS.index(listing_layout(index))] if style == "mixed" else style


def consent_style(layout: str) -> str:
    style = VARIANT["consent"]
    return CONSENT_STYLES[LAYOUTS.index(layout)] if style == "mixed" else style


def labels_inline(resource_nid: int) -> bool:
    """Whether a Drupal 7 node's short fields have their label inline (odd nodes; else above,
    as the content type's display settings differ between the old and the new types)."""
    return resource_nid % 2 == 1


_tag_href = theme11._tag_href
_category_href = theme11._category_href
_summary_paragraphs = theme11._summary_paragraphs
_kilobytes = theme11._kilobytes


def size_text(path: str, style: str) -> str:
    """The file's size as the style writes it: Drupal's format_size ("1.18 Mo"), Jahia's
    "1.2 Mo", Material's "1,2 Mo" (as theme 11's)."""
    kb = _kilobytes(path)
    if style == "d7":
        return f"{kb} Ko" if kb < 1024 else f"{round(kb / 1024, 2)} Mo"
    if style == "jahia":
        return f"{kb} Ko" if kb < 1024 else f"{kb / 1024:.1f} Mo"
    return theme11.size_text(path, "attachments")


def _slug(text: str) -> str:
    return slugify(text)[:60] or "section"


# --- Dates -------------------------------------------------------------------------------

DOTNET_DAYS = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")


def date_text(moment, style: str) -> str:
    """A date as the style writes it."""
    month = render.MONTHS[moment.month - 1]
    if style == "submitted":
        return render.old_submitted(moment).replace(" ", ", ", 1)  # "mer, 09/06/2021 - 16:05"
    if style == "git_revision":
        return f"{moment.day} {month} {moment.year}"  # babel's "long": no "1er"
    if style == "dotted":
        return f"{moment:%d.%m.%Y}"
    if style == "dotnet":
        return f"{DOTNET_DAYS[moment.weekday()]} {moment.day} {month} {moment.year}"
    return f"{moment:%d/%m/%y}"


def _submitted(pub, upd) -> str:
    maj = (
        f'<div class="changed">Dernière modification le {date_text(upd, "submitted")}</div>'
        if upd
        else ""
    )
    return (
        f'<div class="submitted"><span property="dc:date dc:created" content="'
        f'{render.iso_local(pub)}" datatype="xsd:dateTime" rel="sioc:has_creator">Soumis par '
        f'<span class="username" xml:lang="" about="/user/1" typeof="sioc:UserAccount" property'
        f'="foaf:name" datatype="">{AUTHOR}</span> le {date_text(pub, "submitted")}</span></div>'
        f"{maj}"
    )


def _git_revision(pub, upd) -> str:
    style = "git_revision"
    maj = (
        '<span class="md-source-file__fact"><span class="md-icon" title="Dernière mise à jour">'
        '</span> Dernière mise à jour: <span class="git-revision-date-localized-plugin git-'
        f'revision-date-localized-plugin-date">{date_text(upd, style)}</span></span>'
        if upd
        else ""
    )
    return (
        f'<aside class="md-source-file">{maj}<span class="md-source-file__fact"><span class="md-'
        'icon" title="Création"></span> Création : <span class="git-revision-date-localized-'
        "plugin git-revision-date-localized-plugin-date git-revision-date-localized-plugin-"
        f'created">{date_text(pub, style)}</span></span></aside>'
    )


def date_html(resource: Resource) -> str:
    """The node's publication (and update) line in its date style."""
    style, pub, upd = date_style(resource), resource.published, resource.updated
    if style == "submitted":
        return _submitted(pub, upd)
    if style == "git_revision":
        return _git_revision(pub, upd)
    if style == "dotted":
        maj = f'<p class="date-maj">Mise à jour : {date_text(upd, style)}</p>' if upd else ""
        return (
            f'<div class="component dates"><p class="date-publication">Date de publication : '
            f"{date_text(pub, style)}</p>{maj}</div>"
        )
    if style == "dotnet":
        maj = (
            f' · Mis à jour le <time datetime="{upd:%Y-%m-%d}">{date_text(upd, style)}</time>'
            if upd
            else ""
        )
        return (
            f'<p class="is-size-7 has-text-grey post-date">Publié le <time datetime="'
            f'{pub:%Y-%m-%d}">{date_text(pub, style)}</time>{maj}</p>'
        )
    maj = (
        f' <span class="amp-updated">Mis à jour <time datetime="{render.iso_local(upd)}">'
        f"{date_text(upd, style)}</time></span>"
        if upd
        else ""
    )
    return (
        f'<div class="amp-meta"><time datetime="{render.iso_local(pub)}">{date_text(pub, style)}'
        f"</time>{maj}</div>"
    )


# --- Bodies ------------------------------------------------------------------------------


def _figure(block, layout: str) -> str:
    src, caption = attr(block.src), render.inline(block.segments)
    if layout == "drupal7":
        return (
            f'<div class="caption caption-center"><div class="caption-inner"><img typeof="foaf:'
            f'Image" src="{src}" width="640" height="360" alt="" /><p class="caption-text">'
            f"{caption}</p></div></div>"
        )
    if layout == "jahia":
        return (
            f'<div class="component image"><figure class="media"><img class="img-responsive" '
            f'src="{src}" alt="" /><figcaption class="media__caption">{caption}</figcaption>'
            "</figure></div>"
        )
    if layout == "bulma":
        return (
            f'<figure class="image is-16by9-figure"><img src="{src}" alt="" loading="lazy">'
            f"<figcaption>{caption}</figcaption></figure>"
        )
    if layout == "amp":
        return (
            f'<figure class="amp-figure"><amp-img src="{src}" width="800" height="450" layout="'
            f'responsive" alt=""></amp-img><figcaption>{caption}</figcaption></figure>'
        )
    return f'<figure><img src="{src}" alt="" loading="lazy"><figcaption>{caption}</figcaption></figure>'


def _ul(block) -> str:
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in block.items) + "</ul>"


def _heading(block, layout: str) -> str:
    text = render.inline(block.segments)
    if layout != "mkdocs":
        return f"<h3>{text}</h3>"
    anchor = _slug(block.plain)
    return (
        f'<h3 id="{anchor}">{text}<a class="headerlink" href="#{anchor}" title="Permanent link">'
        "¶</a></h3>"
    )


def _amp_inline(segments) -> str:
    """A paragraph's text as a pasted document writes it: each run in a styled <span>."""
    out = []
    for s in segments:
        if s.br:
            out.append("<br>")
        elif s.href:
            out.append(
                f'<a href="{attr(s.href)}"><span style="font-weight: 400;">{esc(s.text)}</span></a>'
            )
        elif s.text:
            out.append(f'<span style="font-weight: 400;">{esc(s.text)}</span>')
    return "".join(out)


def block_html(block, layout: str) -> str:
    """One body block as the family's editor (or Markdown) writes it."""
    if block.role == "empty":
        return "<p>&nbsp;</p>" if layout in ("drupal7", "jahia") else ""
    if block.kind == "figure":
        return _figure(block, layout)
    if block.kind == "ul":
        return _ul(block)
    if block.kind == "h3":
        return _heading(block, layout)
    if layout == "amp":
        return f"<p>{_amp_inline(block.segments)}</p>"
    return f"<p>{render.inline(block.segments)}</p>"


def jahia_body(resource: Resource) -> str:
    """Jahia components: runs of rich text, images as their own component."""
    out, run = [], []

    def flush() -> None:
        if run:
            out.append(f'<div class="component rich-text">{"".join(run)}</div>')
            run.clear()

    for block in resource.blocks:
        if block.kind == "figure" and block.role != "empty":
            flush()
            out.append(_figure(block, "jahia"))
        elif html := block_html(block, "jahia"):
            run.append(html)
    flush()
    return "\n".join(out)


def body_html(resource: Resource, layout: str, br: bool = False) -> str:
    """The body in the family's markup (br: separated by single <br>s, as /node/N shows it)."""
    if br:
        return variants.br_body(resource.blocks)
    if layout == "jahia":
        return jahia_body(resource)
    return "\n".join(h for h in (block_html(b, layout) for b in resource.blocks) if h)


def wrap_body(resource: Resource, layout: str, body: str) -> str:
    """The body in its family's container."""
    if layout == "drupal7":
        return (
            '<div class="field field-name-body field-type-text-with-summary field-label-hidden">'
            f'<div class="field-items"><div class="field-item even" property="content:encoded">'
            f"{body}</div></div></div>"
        )
    if layout == "mkdocs":
        return f'<div class="md-body">{body}</div>'
    if layout == "jahia":
        return f'<div class="component-list body-components">{body}</div>'
    if layout == "bulma":
        return f'<div class="content is-medium-body">{body}</div>'
    return f'<div class="amp-article-body">{body}</div>'


def lead_image_html(resource: Resource, layout: str) -> str:
    if not resource.lead_image:
        return ""
    src, alt = attr(resource.lead_image), attr(resource.lead_alt)
    if layout == "drupal7":
        return (
            '<div class="field field-name-field-image field-type-image field-label-hidden"><div '
            'class="field-items"><div class="field-item even" rel="og:image rdfs:seeAlso" '
            f'resource="{src}"><img typeof="foaf:Image" src="{src}" width="800" height="450" '
            f'alt="{alt}" /></div></div></div>'
        )
    if layout == "amp":
        return (
            f'<amp-img class="amp-featured" src="{src}" width="800" height="450" layout="'
            f'responsive" alt="{alt}"></amp-img>'
        )
    if layout == "bulma":
        return f'<figure class="image is-3by2"><img src="{src}" alt="{alt}"></figure>'
    if layout == "jahia":
        return f'<div class="component image visuel"><img class="img-responsive" src="{src}" alt="{alt}" /></div>'
    return f'<p><img src="{src}" alt="{alt}" loading="lazy"></p>'


# --- Documents ---------------------------------------------------------------------------

PDF_ICON = (
    '<img class="file-icon" alt="Icône PDF" title="application/pdf" src="/modules/file/icons/'
    'application-pdf.png" />'
)
TWEMOJI = (
    '<span class="twemoji"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path '
    'd="M19 3H5c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h14c1.1 0 2-.9 2-2V5c0-1.1-.9-2-2-2z"/></svg>'
    "</span>"
)


def _d7_file(doc) -> str:
    length = _kilobytes(doc.path) * 1024
    name = doc.path.rsplit("/", 1)[-1]
    return (
        f'<span class="file">{PDF_ICON} <a href="{attr(doc.path)}" type="application/pdf; '
        f'length={length}" title="{attr(name)}">{esc(doc.title)}</a></span>'
    )


def _d7_table(docs) -> str:
    rows = "".join(
        f'<tr class="{"odd" if n % 2 == 0 else "even"}"><td>{_d7_file(d)}</td><td>'
        f"{size_text(d.path, 'd7')}</td></tr>"
        for n, d in enumerate(docs)
    )
    return (
        '<table class="sticky-enabled"><thead><tr><th>Pièce jointe</th><th>Taille</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )


def _download_block(doc) -> str:
    return (
        f'<div class="download-block"><p class="download-block__title"><a href="{attr(doc.path)}">'
        f'{esc(doc.title)}</a></p><a class="btn btn-download" href="{attr(doc.path)}" download>'
        f'Télécharger le document <span class="download-block__meta">(PDF - '
        f"{size_text(doc.path, 'jahia')})</span></a></div>"
    )


def documents_html(resource: Resource) -> str:
    """The node's files in its document style (a link whose text starts with the title each)."""
    style, docs = doc_style(resource), resource.documents
    if style == "d7_file":
        return "".join(
            f'<div class="file-item {"even" if n % 2 == 0 else "odd"}">{_d7_file(d)}</div>'
            for n, d in enumerate(docs)
        )
    if style == "d7_table":
        return _d7_table(docs)
    if style == "md_links":
        items = "".join(
            f'<li><a href="{attr(d.path)}">{esc(d.title)} {TWEMOJI}</a> <small>(PDF, '
            f"{size_text(d.path, 'md')})</small></li>"
            for d in docs
        )
        return f"<ul>{items}</ul>"
    if style == "download_block":
        return "".join(_download_block(d) for d in docs)
    blocks = "".join(
        f'<a class="panel-block" href="{attr(d.path)}">{esc(d.title)}<span class="panel-icon">'
        f'<i class="fas fa-file-pdf" aria-hidden="true"></i></span> <span class="tag is-light">'
        f"PDF · {size_text(d.path, 'md')}</span></a>"
        for d in docs
    )
    return f'<nav class="panel documents-panel"><p class="panel-heading">Fichiers</p>{blocks}</nav>'


# --- Fields ------------------------------------------------------------------------------

RICH = ("summary", "documents")
D7_TYPES = {
    "type": "taxonomy-term-reference",
    "private": "list-boolean",
    "summary": "text-long",
    "documents": "file",
    "categories": "taxonomy-term-reference",
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


def _d7_items(value: str, key: str) -> str:
    """A D7 field's items: one div.field-item each (the categories one per term)."""
    items = re.findall(r"<a [^>]*>.*?</a>", value) if key == "categories" and value else [value]
    return "".join(
        f'<div class="field-item {"even" if n % 2 == 0 else "odd"}">{item}</div>'
        for n, item in enumerate(items)
    )


def d7_fields(rows: list[tuple[str, str, str]], inline: bool = True) -> str:
    """Drupal 7 fields: div.field.field-name-field-<name>, a "Label:&nbsp;" div, the items."""
    out = []
    for label, value, key in rows:
        name = render.FIELDS[key][0] if key in render.FIELDS else slugify(label)
        where = "inline" if inline and key not in RICH else "above"
        kind = D7_TYPES.get(key, "text")
        out.append(
            f'<div class="field field-name-field-{name} field-type-{kind} field-label-{where}'
            f' clearfix"><div class="field-label">{label}:&nbsp;</div><div class="field-items">'
            f"{_d7_items(value, key)}</div></div>"
        )
    return "".join(out)


def _admonition(kind: str, title: str, inner: str) -> str:
    return f'<div class="admonition {kind}"><p class="admonition-title">{title}</p>{inner}</div>'


def md_table(rows: list[tuple[str, str, str]]) -> str:
    """A Markdown table of the short fields; the Résumé and the documents as admonitions."""
    trs = "".join(
        f"<tr><td>{label}</td><td>{value}</td></tr>"
        for label, value, key in rows
        if key not in RICH
    )
    table = (
        '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table><thead><tr>'
        f"<th>Champ</th><th>Valeur</th></tr></thead><tbody>{trs}</tbody></table></div></div>"
    )
    kinds = {"summary": "abstract", "documents": "info"}
    rich = "".join(
        _admonition(kinds[key], label, value) for label, value, key in rows if key in RICH
    )
    return table + rich


def list_infos(rows: list[tuple[str, str, str]]) -> str:
    """Jahia's information list: a strong label and its value per item."""
    items = "".join(
        f'<li class="list-infos__item"><strong class="label">{label} :</strong> '
        + (
            f'<div class="value">{value}</div>'
            if key in RICH
            else f'<span class="value">{value}</span>'
        )
        + "</li>"
        for label, value, key in rows
    )
    return f'<div class="component infos"><ul class="list-infos">{items}</ul></div>'


def bulma_level(rows: list[tuple[str, str, str]]) -> str:
    """A Bulma level of heading/title items for the short fields, the rich ones below."""
    items = "".join(
        f'<div class="level-item has-text-centered"><div><p class="heading">{label}</p><p '
        f'class="title is-6">{value}</p></div></div>'
        for label, value, key in rows
        if key not in RICH
    )
    rich = "".join(
        f'<div class="content field-rich"><h4 class="title is-5">{label}</h4>{value}</div>'
        for label, value, key in rows
        if key in RICH
    )
    return f'<nav class="level box fiche-level">{items}</nav>{rich}'


def bulma_table(rows: list[tuple[str, str, str]]) -> str:
    trs = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value, _ in rows)
    return f'<table class="table is-striped is-fullwidth"><tbody>{trs}</tbody></table>'


def dl_split(rows: list[tuple[str, str, str]]) -> str:
    """dt/dd pairs split over several <dl>s (two pairs each)."""
    chunks = [rows[n : n + 2] for n in range(0, len(rows), 2)]
    return "".join(
        '<dl class="amp-fields">'
        + "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value, _ in chunk)
        + "</dl>"
        for chunk in chunks
    )


FIELD_RENDERERS = {
    "md_table": md_table,
    "list_infos": list_infos,
    "bulma_level": bulma_level,
    "bulma_table": bulma_table,
    "dl_split": dl_split,
}


def fields_html(resource: Resource) -> tuple[str, str]:
    """The field block as (before the body, after it) in the node's style."""
    style, rows = field_style(resource), field_rows(resource)
    if style == "d7_fields":
        html = d7_fields(rows, labels_inline(resource.nid))
    else:
        html = FIELD_RENDERERS[style](rows)
    return ("", html) if style in FIELDS_AFTER_BODY else (html, "")


# --- Tags, notice, share -----------------------------------------------------------------


def tags_html(resource: Resource, layout: str) -> str:
    """The free tags in the family's markup (links to their term pages)."""
    tags = resource.tags
    if layout == "drupal7":
        items = "".join(
            f'<li class="taxonomy-term-reference-{n}{" first" if n == 0 else ""}'
            f'{" last" if n == len(tags) - 1 else ""}"><a href="{_tag_href(t)}" typeof="skos:'
            f'Concept" property="rdfs:label skos:prefLabel" datatype="">{esc(t)}</a></li>'
            for n, t in enumerate(tags)
        )
        return (
            '<div class="field field-name-field-tags field-type-taxonomy-term-reference field-'
            'label-inline clearfix"><h3 class="field-label">Mots-clés: </h3><ul class="links '
            f'inline">{items}</ul></div>'
        )
    if layout == "mkdocs":
        links = "".join(f'<a href="{_tag_href(t)}" class="md-tag">{esc(t)}</a>' for t in tags)
        return f'<nav class="md-tags">{links}</nav>'
    if layout == "jahia":
        items = "".join(f'<li><a class="tag" href="{_tag_href(t)}">{esc(t)}</a></li>' for t in tags)
        return (
            '<div class="component tags-list"><span class="tags-list__label">Mots-clés :</span>'
            f'<ul class="list-tags">{items}</ul></div>'
        )
    if layout == "bulma":
        spans = "".join(
            f'<span class="tag is-info is-light"><a href="{_tag_href(t)}">{esc(t)}</a></span>'
            for t in tags
        )
        return f'<div class="tags">{spans}</div>'
    links = ", ".join(f'<a rel="tag" href="{_tag_href(t)}">{esc(t)}</a>' for t in tags)
    return f'<p class="amp-tags">Sujets : {links}</p>'


def notice_html(layout: str) -> str:
    """The member notice of a private resource, as the family shows a message."""
    if layout == "drupal7":
        return (
            '<div class="messages warning"><h2 class="element-invisible">Message d’avertissement'
            f"</h2>{MEMBER_NOTICE}</div>"
        )
    if layout == "mkdocs":
        return _admonition("warning", "Accès réservé", f"<p>{MEMBER_NOTICE}</p>")
    if layout == "jahia":
        return (
            '<div class="component message-box message-box--warning" role="alert"><p class="'
            f'message-box__text">{MEMBER_NOTICE}</p></div>'
        )
    if layout == "bulma":
        return (
            '<article class="message is-warning"><div class="message-header"><p>Accès réservé</p>'
            f'</div><div class="message-body">{MEMBER_NOTICE}</div></article>'
        )
    return f'<div class="amp-notice" role="note"><p>{MEMBER_NOTICE}</p></div>'


SHARE_URL = "https://www.facebook.com/sharer/sharer.php"


def share_html(layout: str, resource: Resource) -> str:
    """The family's share line (and page tools)."""
    if layout == "drupal7":
        return (
            '<div class="service-links"><h2 class="element-invisible">Partager</h2><ul class="'
            f'links"><li class="service-links-facebook first"><a href="{SHARE_URL}" title="'
            'Partager sur Facebook" rel="nofollow"><img typeof="foaf:Image" src="/sites/all/'
            'modules/service_links/images/facebook.png" alt="Facebook logo" /> Facebook</a></li>'
            '<li class="service-links-linkedin last"><a href="https://www.linkedin.com/shareArticle'
            '" rel="nofollow">LinkedIn</a></li></ul></div><ul class="links inline"><li class="'
            f'print_html first last"><a href="/print/{resource.nid}" title="Afficher une version '
            'imprimable de cette page." class="print-page" rel="nofollow">Version imprimable</a>'
            "</li></ul>"
        )
    if layout == "mkdocs":
        return (
            '<form class="md-feedback" name="feedback"><fieldset><legend class="md-feedback__title">'
            'Cette page vous a-t-elle été utile ?</legend><div class="md-feedback__inner"><div '
            'class="md-feedback__list"><button class="md-feedback__icon md-icon" type="submit" '
            'title="Cette page a été utile" data-md-value="1"></button><button class="md-feedback__'
            'icon md-icon" type="submit" title="Cette page peut être améliorée" data-md-value="0">'
            '</button></div><div class="md-feedback__note"><div data-md-value="1" hidden>Merci pour'
            " votre retour !</div></div></div></fieldset></form>"
        )
    if layout == "jahia":
        return (
            '<div class="component share-tools"><p class="share-tools__title">Partager cette page'
            f'</p><ul><li><a class="share-facebook" href="{SHARE_URL}">Facebook</a></li><li><a '
            'class="share-linkedin" href="https://www.linkedin.com/sharing/share-offsite/">LinkedIn'
            '</a></li><li><a class="share-mail" href="mailto:?subject=RTES">Courriel</a></li><li>'
            '<a class="print" href="javascript:window.print()">Imprimer</a></li></ul></div>'
        )
    if layout == "bulma":
        return (
            f'<div class="buttons are-small share"><a class="button is-link is-light" href="'
            f'{SHARE_URL}">Partager sur Facebook</a><a class="button is-info is-light" href="https:'
            '//www.linkedin.com/sharing/share-offsite/">LinkedIn</a><a class="button" href="'
            'javascript:window.print()">Imprimer</a></div>'
        )
    return (
        '<div class="amp-share"><span>Partager :</span> <amp-social-share type="facebook" '
        'width="32" height="32" data-param-app_id="254325784911610"></amp-social-share> '
        '<amp-social-share type="linkedin" width="32" height="32"></amp-social-share> '
        '<amp-social-share type="email" width="32" height="32"></amp-social-share></div>'
    )


# --- Nodes -------------------------------------------------------------------------------


def node_parts(resource: Resource, layout: str, br: bool) -> dict[str, str]:
    """The node's pieces: under the title (top), the lead image, before the body, the body (or
    the member notice standing in its place), after it, the end."""
    tags = tags_html(resource, layout) if resource.tags else ""
    at_top = tag_place(resource) == "top"
    parts = {"tags_top": tags if at_top else "", "end": "" if at_top else tags}
    parts.update(image=lead_image_html(resource, layout), before="", after="", notice_top="")
    if resource.is_private and resource.kind != "article":
        notice = notice_html(layout)
        parts["body"] = notice if notice_place(resource) == "body" else ""
        parts["notice_top"] = "" if parts["body"] else notice
    else:
        parts["body"] = wrap_body(resource, layout, body_html(resource, layout, br))
    if resource.kind != "article":
        parts["before"], parts["after"] = fields_html(resource)
    parts["top"] = parts["tags_top"] + parts["notice_top"]
    return parts


def _middle(parts: dict[str, str]) -> str:
    return parts["image"] + parts["before"] + parts["body"] + parts["after"]


def _d7_node(resource: Resource, parts: dict[str, str], ctx: dict) -> str:
    kind = "article" if resource.kind == "article" else "ressource"
    return (
        f'<h1 class="title" id="page-title">{esc(resource.title)}</h1><div class="region region-'
        'content"><div id="block-system-main" class="block block-system"><div class="content">'
        f'<div id="node-{resource.nid}" class="node node-{kind} node-full node-promoted '
        f'view-mode-full clearfix" about="{resource.path}" typeof="sioc:Item foaf:Document">'
        f'<span property="dc:title" content="{attr(resource.title)}" class="rdf-meta element-'
        f'hidden"></span><div class="meta">{date_html(resource)}</div>{parts["top"]}<div class="'
        f'content">{_middle(parts)}</div>{parts["end"]}{ctx["extra"]}</div></div></div></div>'
    )


def _headerlink(title: str, level: str = "h1") -> str:
    anchor = _slug(title)
    return (
        f'<{level} id="{anchor}">{esc(title)}<a class="headerlink" href="#{anchor}" title="'
        f'Permanent link">¶</a></{level}>'
    )


def _mkdocs_node(resource: Resource, parts: dict[str, str], ctx: dict) -> str:
    edit = (
        f'<a href="https://github.com/rtes/site/edit/main/docs/{resource.slug}.md" title="Modifier '
        'cette page" class="md-content__button md-icon"></a>'
    )
    return (
        f'<article class="md-content__inner md-typeset">{edit}{parts["tags_top"]}'
        f"{_headerlink(resource.title)}{parts['notice_top']}{_middle(parts)}{parts['end']}"
        f"{date_html(resource)}{ctx['extra']}</article>"
    )


def _jahia_node(resource: Resource, parts: dict[str, str], ctx: dict) -> str:
    return (
        '<div class="container"><div class="row"><div class="col-md-12"><div class="page-title">'
        f"<h1><span>{esc(resource.title)}</span></h1></div>{date_html(resource)}{parts['top']}"
        f'</div></div><div class="row"><div class="col-md-8 col-sm-12">{_middle(parts)}'
        f'{parts["end"]}</div><div class="col-md-4 col-sm-12"><aside class="component sidebar-'
        f'box"><p class="sidebar-box__title">Contact</p><p>RTES – contact@rtes.fr</p></aside>'
        f"{ctx['extra']}</div></div></div>"
    )


def related_cards(site: Site | None, resource: Resource) -> str:
    """The "À lire aussi" cards: other resources of the node's first category (else the
    newest), their titles and leads."""
    if site is None:
        return ""
    first = next(iter(resource.categories), None)
    pool = [r for r in site.resources if r.nid != resource.nid and first in r.categories]
    pool = pool[-3:] or [r for r in site.latest(4) if r.nid != resource.nid][:3]
    cards = "".join(
        f'<div class="card mb-4"><div class="card-content"><p class="title is-6"><a href="'
        f'{r.path}">{esc(r.title)}</a></p><p class="is-size-7">{esc(render.teaser_lead(r))}</p>'
        "</div></div>"
        for r in pool
    )
    return f'<aside class="related"><h2 class="title is-5">À lire aussi</h2>{cards}</aside>'


def _bulma_node(resource: Resource, parts: dict[str, str], ctx: dict) -> str:
    return (
        '<section class="hero is-light"><div class="hero-body"><div class="container"><h1 class='
        f'"title">{esc(resource.title)}</h1><p class="subtitle">{esc(render.teaser_lead(resource))}'
        f'</p>{date_html(resource)}</div></div></section><section class="section"><div class='
        f'"container"><div class="columns"><div class="column is-8">{parts["top"]}'
        f'{_middle(parts)}{parts["end"]}{ctx["extra"]}</div><div class="column is-4">'
        f"{related_cards(ctx['site'], resource)}</div></div></div></section>"
    )


def _amp_node(resource: Resource, parts: dict[str, str], ctx: dict) -> str:
    return (
        '<article class="amp-article"><header class="amp-article-header"><h1 class="amp-title">'
        f"{esc(resource.title)}</h1>{date_html(resource)}{parts['top']}</header>{parts['image']}"
        f'<div class="amp-article-content">{parts["before"]}{parts["body"]}{parts["after"]}</div>'
        f'<footer class="amp-article-footer">{parts["end"]}{ctx["extra"]}</footer></article>'
    )


NODES = {
    "drupal7": _d7_node,
    "mkdocs": _mkdocs_node,
    "jahia": _jahia_node,
    "bulma": _bulma_node,
    "amp": _amp_node,
}


def node_html(resource: Resource, layout: str, site: Site | None = None, br: bool = False) -> str:
    """The node on its own page in the layout's structure (br: /node/N, no share line)."""
    ctx = {"extra": "" if br else share_html(layout, resource), "site": site}
    return NODES[layout](resource, node_parts(resource, layout, br), ctx)


# --- Listings ----------------------------------------------------------------------------


def _full_item(resource: Resource, layout: str) -> str:
    """A full listing item's node parts after its title: the date, fields, body, tags."""
    parts = node_parts(resource, layout, False)
    order = ("top", "image", "before", "body", "after", "end")
    return date_html(resource) + "".join(parts[k] for k in order)


def _lead(resource: Resource) -> str:
    return esc(render.teaser_lead(resource))


def views_row(resource: Resource, teaser: bool, layout: str, n: int, count: int) -> str:
    path, title = resource.path, esc(resource.title)
    kind = "article" if resource.kind == "article" else "ressource"
    if teaser:
        content = (
            f'{_submitted(resource.published, None)}<div class="content"><div class="field '
            'field-name-body field-type-text-with-summary field-label-hidden"><div class="field-'
            f'items"><div class="field-item even"><p>{_lead(resource)}</p></div></div></div></div>'
            f'<ul class="links inline"><li class="node-readmore first last"><a href="{path}" '
            f'rel="tag" title="{attr(resource.title)}">{READ_MORE["views_rows"]}<span class="'
            f'element-invisible"> à propos de {title}</span></a></li></ul>'
        )
    else:
        content = f'<div class="content">{_full_item(resource, layout)}</div>'
    zebra = "odd" if n % 2 == 0 else "even"
    edge = " views-row-first" if n == 0 else (" views-row-last" if n == count - 1 else "")
    return (
        f'<div class="views-row views-row-{n + 1} views-row-{zebra}{edge}"><div id="node-'
        f'{resource.nid}" class="node node-{kind} node-teaser clearfix"><h2 class="node-title">'
        f'<a href="{path}">{title}</a></h2>{content}</div></div>'
    )


def md_post(resource: Resource, teaser: bool, layout: str) -> str:
    path, title, pub = resource.path, esc(resource.title), resource.published
    first = next(iter(resource.categories), None)
    cat = (
        f'<li class="md-meta__item">dans <a href="{_category_href(first)}" class="md-meta__link">'
        f"{esc(first)}</a></li>"
        if first
        else ""
    )
    content = (
        f'<p>{_lead(resource)}</p><nav class="md-post__action"><a href="{path}">'
        f"{READ_MORE['md_posts']}</a></nav>"
        if teaser
        else _full_item(resource, layout)
    )
    return (
        '<article class="md-post md-post--excerpt"><header class="md-post__header"><div class="'
        'md-post__meta md-meta"><ul class="md-meta__list"><li class="md-meta__item"><time '
        f'datetime="{pub:%Y-%m-%d %H:%M:%S}">{date_text(pub, "git_revision")}</time></li>{cat}'
        '</ul></div></header><div class="md-post__content md-typeset"><h2 id="'
        f'{_slug(resource.title)}"><a class="toclink" href="{path}">{title}</a></h2>{content}'
        "</div></article>"
    )


def result_item(resource: Resource, teaser: bool, layout: str) -> str:
    path, title = resource.path, esc(resource.title)
    if teaser:
        content = (
            f'<div class="card-news__text"><p>{_lead(resource)}</p></div><a class="link-more" '
            f'href="{path}">{READ_MORE["list_results"]}<span class="sr-only"> sur {title}</span></a>'
        )
    else:
        content = f'<div class="card-news__full">{_full_item(resource, layout)}</div>'
    return (
        f'<li class="result-item"><div class="card-news"><p class="card-news__date">'
        f'{date_text(resource.published, "dotted")}</p><h3 class="card-news__title"><a href="'
        f'{path}">{title}</a></h3>{content}</div></li>'
    )


def bulma_card(resource: Resource, teaser: bool, layout: str) -> str:
    path, title = resource.path, esc(resource.title)
    width = "is-6" if teaser else "is-12"
    body = (
        f'<div class="content"><p>{_lead(resource)}</p></div>'
        if teaser
        else _full_item(resource, layout)
    )
    foot = (
        f'<footer class="card-footer"><a class="card-footer-item" href="{path}">'
        f"{READ_MORE['bulma_cards']} →</a></footer>"
        if teaser
        else ""
    )
    return (
        f'<div class="column {width}"><div class="card"><div class="card-content"><p class="is-'
        f'size-7 has-text-grey">{date_text(resource.published, "dotnet")}</p><p class="title '
        f'is-5"><a href="{path}">{title}</a></p>{body}</div>{foot}</div></div>'
    )


def amp_card(resource: Resource, teaser: bool, layout: str) -> str:
    path, title, pub = resource.path, esc(resource.title), resource.published
    content = (
        f'<p class="amp-card-lead">{_lead(resource)}</p><a class="amp-card-link" href="{path}">'
        f"{READ_MORE['amp_list']}</a>"
        if teaser
        else f'<div class="amp-card-body">{_full_item(resource, layout)}</div>'
    )
    return (
        f'<li><article class="amp-card"><h2 class="amp-card-title"><a href="{path}">{title}</a>'
        f'</h2><time datetime="{render.iso_local(pub)}">{date_text(pub, "amp_time")}</time>'
        f"{content}</article></li>"
    )


def list_html(style: str, resources, teaser: bool, layout: str) -> str:
    """The listing widget."""
    if style == "views_rows":
        rows = "".join(
            views_row(r, teaser, layout, n, len(resources)) for n, r in enumerate(resources)
        )
        return (
            '<div class="view view-ressources view-id-ressources view-display-id-page"><div '
            f'class="view-content">{rows}</div></div>'
        )
    if style == "md_posts":
        return (
            f'<div class="md-posts">{"".join(md_post(r, teaser, layout) for r in resources)}</div>'
        )
    if style == "list_results":
        items = "".join(result_item(r, teaser, layout) for r in resources)
        return f'<div class="component search-results"><ul class="list-results">{items}</ul></div>'
    if style == "bulma_cards":
        cards = "".join(bulma_card(r, teaser, layout) for r in resources)
        return f'<div class="columns is-multiline">{cards}</div>'
    items = "".join(amp_card(r, teaser, layout) for r in resources)
    return f'<ol class="amp-list">{items}</ol>'


# --- Pagers ------------------------------------------------------------------------------


def d7_pager(current: int, total: int) -> str:
    items = []
    if current > 0:
        items.append(
            '<li class="pager-first first"><a title="Aller à la première page" href="?page=0">'
            "« premier</a></li>"
            f'<li class="pager-previous"><a title="Aller à la page précédente" href="?page='
            f'{current - 1}">‹ précédent</a></li>'
        )
    for n in range(total):
        if n == current:
            items.append(f'<li class="pager-current">{n + 1}</li>')
        else:
            items.append(
                f'<li class="pager-item"><a title="Aller à la page {n + 1}" href="?page={n}">'
                f"{n + 1}</a></li>"
            )
    if current < total - 1:
        items.append(
            f'<li class="pager-next"><a title="Aller à la page suivante" href="?page={current + 1}">'
            f'suivant ›</a></li><li class="pager-last last"><a title="Aller à la dernière page" '
            f'href="?page={total - 1}">dernier »</a></li>'
        )
    return (
        '<h2 class="element-invisible">Pages</h2><div class="item-list"><ul class="pager">'
        f"{''.join(items)}</ul></div>"
    )


def md_pagination(current: int, total: int) -> str:
    """Material's blog pagination ("$link_first $link_previous ~2~ $link_next $link_last")."""
    link = '<a class="md-pagination__link" href="?page={n}">{text}</a>'
    out = []
    if current > 0:
        out += [link.format(n=0, text="«"), link.format(n=current - 1, text="‹")]
    for n in range(max(0, current - 2), min(total, current + 3)):
        out.append(
            f'<span class="md-pagination__current">{n + 1}</span>'
            if n == current
            else link.format(n=n, text=n + 1)
        )
    if current < total - 1:
        out += [link.format(n=current + 1, text="›"), link.format(n=total - 1, text="»")]
    return f'<div class="md-pagination">{" ".join(out)}</div>'


def jahia_pager(current: int, total: int) -> str:
    prev = (
        f'<li class="pagination__prev"><a href="?page={current - 1}" title="Page précédente">'
        '<span class="sr-only">Page précédente</span>«</a></li>'
        if current > 0
        else ""
    )
    nxt = (
        f'<li class="pagination__next"><a href="?page={current + 1}" title="Page suivante">'
        '<span class="sr-only">Page suivante</span>»</a></li>'
        if current < total - 1
        else ""
    )
    pages = "".join(
        f'<li class="active"><span>{n + 1}</span></li>'
        if n == current
        else f'<li><a href="?page={n}">{n + 1}</a></li>'
        for n in range(total)
    )
    return (
        f'<div class="pagination-wrapper"><p class="pagination-count">Page {current + 1} / {total}'
        f'</p><ul class="pagination">{prev}{pages}{nxt}</ul></div>'
    )


def bulma_pagination(current: int, total: int) -> str:
    prev = (
        f'<a class="pagination-previous" href="?page={current - 1}">Précédent</a>'
        if current > 0
        else '<a class="pagination-previous is-disabled" title="Première page">Précédent</a>'
    )
    nxt = (
        f'<a class="pagination-next" href="?page={current + 1}">Page suivante</a>'
        if current < total - 1
        else '<a class="pagination-next is-disabled" title="Dernière page">Page suivante</a>'
    )
    shown = sorted({0, current - 1, current, current + 1, total - 1} & set(range(total)))
    items, last = [], -1
    for n in shown:
        if n > last + 1:
            items.append('<li><span class="pagination-ellipsis">&hellip;</span></li>')
        items.append(
            f'<li><a class="pagination-link is-current" aria-label="Page {n + 1}" aria-current="'
            f'page">{n + 1}</a></li>'
            if n == current
            else f'<li><a class="pagination-link" aria-label="Aller à la page {n + 1}" href="?page='
            f'{n}">{n + 1}</a></li>'
        )
        last = n
    return (
        '<nav class="pagination is-centered" role="navigation" aria-label="pagination">'
        f'{prev}{nxt}<ul class="pagination-list">{"".join(items)}</ul></nav>'
    )


def amp_more(current: int, total: int) -> str:
    prev = (
        f'<a class="amp-pagination__prev" rel="prev" href="?page={current - 1}">Page précédente</a>'
        if current > 0
        else ""
    )
    nxt = (
        f'<a class="amp-pagination__next button" rel="next" href="?page={current + 1}">Charger plus'
        " d’articles</a>"
        if current < total - 1
        else ""
    )
    return f'<nav class="amp-pagination">{prev}{nxt}</nav>'


PAGERS = {
    "d7_pager": d7_pager,
    "md_pagination": md_pagination,
    "jahia_pager": jahia_pager,
    "bulma_pagination": bulma_pagination,
    "amp_more": amp_more,
}


def pager_html(style: str, current: int, total: int) -> str:
    """The listing's pager (0-based ?page=N), none on a single page."""
    return "" if total <= 1 else PAGERS[style](current, total)


# --- Page chrome -------------------------------------------------------------------------

EU_COOKIE = (
    '<div id="sliding-popup" class="sliding-popup-bottom" style="height: auto; width: 100%; '
    'bottom: 0px;"><div><div class="popup-content info"><div id="popup-text"><p>Nous utilisons '
    "des cookies sur ce site pour améliorer votre expérience d’utilisateur.</p><p>En cliquant "
    "sur un lien de cette page, vous nous donnez votre consentement de définir des cookies.</p>"
    '</div><div id="popup-buttons"><button type="button" class="agree-button eu-cookie-'
    'compliance-default-button">OK, j’accepte</button><button type="button" class="find-more-'
    'button eu-cookie-compliance-more-button">Plus d’infos</button></div></div></div></div>'
)
MD_CONSENT = (
    '<div class="md-consent" data-md-component="consent" id="__consent" hidden><div class="md-'
    'consent__overlay"></div><aside class="md-consent__inner"><form class="md-consent__form md-'
    'grid md-typeset" name="consent"><h4>Consentement aux cookies</h4><p>Nous utilisons des '
    "cookies pour mesurer l’efficacité de notre documentation et savoir si vous trouvez ce que "
    'vous cherchez.</p><input class="md-toggle" type="checkbox" id="__settings"><div class="md-'
    'consent__settings"><ul class="task-list"><li class="task-list-item"><label class="task-list'
    '-control"><input type="checkbox" name="analytics" checked><span class="task-list-indicator">'
    '</span>Google Analytics</label></li></ul></div><div class="md-consent__controls"><button '
    'class="md-button md-button--primary">Accepter</button><label class="md-button" for="__'
    'settings">Gérer les paramètres</label></div></form></aside></div>'
)
OREJIME = (
    '<div class="orejime-Env"><div class="orejime-Notice orejime-Notice--mandatory" aria-'
    'describedby="orejime-notice-description"><div class="orejime-Notice-body"><p class="orejime-'
    'Notice-description" id="orejime-notice-description">Ce site utilise des cookies pour '
    "mesurer son audience. Vous pouvez les accepter, les refuser ou les personnaliser.</p><ul "
    'class="orejime-Notice-actions"><li class="orejime-Notice-actionItem"><button class="orejime-'
    'Button orejime-Button--save orejime-Notice-saveButton" type="button">Accepter</button></li>'
    '<li class="orejime-Notice-actionItem"><button class="orejime-Button orejime-Button--decline '
    'orejime-Notice-declineButton" type="button">Refuser</button></li><li class="orejime-Notice-'
    'actionItem"><button class="orejime-Button orejime-Button--info orejime-Notice-learnMore'
    'Button" type="button">Personnaliser</button></li></ul></div></div></div>'
)
BULMA_COOKIES = (
    '<div class="notification is-dark cookie-notice" id="cookie-notice"><button class="delete" '
    'aria-label="Fermer"></button>Ce site utilise des cookies pour améliorer votre expérience. '
    '<a href="/mentions-legales">En savoir plus</a> <button class="button is-small is-primary">'
    "J’accepte</button></div>"
)
AMP_CONSENT = (
    '<amp-consent id="consent" layout="nodisplay"><script type="application/json">{"consent'
    'InstanceId": "rtes-consent", "consentRequired": true, "promptUI": "consent-ui"}</script>'
    '<div id="consent-ui" class="amp-consent-ui"><p>Nous utilisons des cookies de mesure '
    'd’audience.</p><button on="tap:consent.accept">Accepter</button> <button on="tap:consent.'
    'reject">Refuser</button></div></amp-consent>'
)
BANNERS = {
    "eu_cookie": EU_COOKIE,
    "md_consent": MD_CONSENT,
    "orejime": OREJIME,
    "bulma_notification": BULMA_COOKIES,
    "amp_consent": AMP_CONSENT,
}
_nav_list = theme12._nav_list


def _d7_header(site: Site | None, name: str) -> str:
    return (
        '<div id="header"><div class="section clearfix"><a href="/" title="Accueil" rel="home" '
        'id="logo"><img src="/sites/all/themes/rtes/logo.png" alt="Accueil" /></a><div id="name-'
        f'and-slogan"><div id="site-name"><strong><a href="/" title="Accueil" rel="home"><span>'
        f'{name}</span></a></strong></div><div id="site-slogan">L’économie solidaire dans les '
        'territoires</div></div></div></div><div id="navigation"><div class="section"><h2 class='
        f'"element-invisible">Menu principal</h2>{_nav_list(site, "menu", "leaf", "menu")}</div>'
        "</div>"
    )


def _md_tabs(site: Site | None) -> str:
    tabs = "".join(
        f'<li class="md-tabs__item"><a href="{p or LISTINGS[0].path}" class="md-tabs__link">{esc(t)}'
        "</a></li>"
        for p, t in render.MENU
    )
    return (
        '<nav class="md-tabs" aria-label="Onglets"><div class="md-grid"><ul class="md-tabs__list">'
        f"{tabs}</ul></div></nav>"
    )


def _md_header(site: Site | None, name: str, topic: str) -> str:
    return (
        '<header class="md-header md-header--shadow" data-md-component="header"><nav class="md-'
        'header__inner md-grid" aria-label="En-tête"><a href="/" title="'
        f'{attr(render.SITE_NAME)}" class="md-header__button md-logo" aria-label="{attr(name)}">'
        '</a><div class="md-header__title" data-md-component="header-title"><div class="md-header'
        f'__ellipsis"><div class="md-header__topic"><span class="md-ellipsis">{name}</span></div>'
        '<div class="md-header__topic" data-md-component="header-topic"><span class="md-ellipsis">'
        f'{esc(topic)}</span></div></div></div><form class="md-search__form" name="search"><input '
        'type="text" class="md-search__input" name="query" aria-label="Rechercher" placeholder="'
        f'Rechercher"></form></nav>{_md_tabs(site)}</header>'
    )


def _jahia_header(site: Site | None, name: str) -> str:
    return (
        '<header class="header-main" role="banner"><div class="header-top"><div class="container">'
        '<ul class="header-top__links"><li><a href="/contact">Contact</a></li><li><a href="/plan-'
        'du-site">Plan du site</a></li><li><a href="/user/login">Espace adhérents</a></li></ul>'
        '</div></div><div class="container"><div class="row"><div class="col-md-3"><a class="'
        f'header-logo" href="/"><span class="header-logo__name">{name}</span></a></div><div class='
        '"col-md-9"><nav class="main-nav" role="navigation" aria-label="Menu principal">'
        f"{_nav_list(site, 'nav-level-1', 'nav-item', 'nav-level-2')}</nav></div></div></div>"
        "</header>"
    )


def _bulma_navbar(site: Site | None, name: str) -> str:
    items = []
    for path, label, children in theme10._menu_items(site):
        if children:
            kids = "".join(f'<a class="navbar-item" href="{p}">{esc(t)}</a>' for p, t in children)
            items.append(
                f'<div class="navbar-item has-dropdown is-hoverable"><a class="navbar-link">'
                f'{esc(label)}</a><div class="navbar-dropdown">{kids}</div></div>'
            )
        else:
            items.append(f'<a class="navbar-item" href="{path}">{esc(label)}</a>')
    return (
        '<nav class="navbar is-primary" role="navigation" aria-label="main navigation"><div class'
        f'="navbar-brand"><a class="navbar-item" href="/"><strong>{name}</strong></a><a role="'
        'button" class="navbar-burger" aria-label="menu" aria-expanded="false" data-target="'
        'mainNavbar"><span aria-hidden="true"></span><span aria-hidden="true"></span></a></div>'
        f'<div id="mainNavbar" class="navbar-menu"><div class="navbar-start">{"".join(items)}'
        "</div></div></nav>"
    )


def _amp_header(site: Site | None, name: str) -> str:
    return (
        '<header class="amp-header"><button class="amp-menu-btn" on="tap:sidebar.toggle" aria-'
        f'label="Menu">☰</button><a class="amp-site-title" href="/">{name}</a></header><amp-'
        'sidebar id="sidebar" layout="nodisplay" side="left"><nav class="amp-menu" aria-label="'
        f'Menu">{_nav_list(site, "amp-menu__list", "amp-menu__item", "amp-menu__sub")}</nav>'
        "</amp-sidebar>"
    )


def _header(site: Site | None, layout: str, topic: str) -> str:
    name = esc(render.SITE_NAME)
    if layout == "drupal7":
        return _d7_header(site, name)
    if layout == "mkdocs":
        return _md_header(site, name, topic)
    if layout == "jahia":
        return _jahia_header(site, name)
    if layout == "bulma":
        return _bulma_navbar(site, name)
    return _amp_header(site, name)


def _crumbs(trail: list[tuple[str | None, str]], current: str, layout: str) -> str:
    """The breadcrumb from Accueil (an item without a path: plain text)."""
    steps = [("/", "Accueil"), *trail]
    links = [f'<a href="{p}">{esc(t)}</a>' if p else f"<span>{esc(t)}</span>" for p, t in steps]
    if layout == "drupal7":
        return (
            '<div id="breadcrumb"><h2 class="element-invisible">Vous êtes ici</h2><div class="'
            f'breadcrumb">{" » ".join(links)} » {esc(current)}</div></div>'
        )
    if layout == "mkdocs":
        items = "".join(f'<li class="md-path__item">{link}</li>' for link in links)
        return f'<nav class="md-path" aria-label="Navigation"><ol class="md-path__list">{items}</ol></nav>'
    if layout == "jahia":
        items = "".join(f"<li>{link}</li>" for link in links)
        return (
            '<nav class="breadcrumb-wrapper" aria-label="Fil d’Ariane"><div class="container"><ol '
            f'class="breadcrumb"><li class="breadcrumb-label">Vous êtes ici :</li>{items}<li class'
            f'="active" aria-current="page">{esc(current)}</li></ol></div></nav>'
        )
    if layout == "bulma":
        items = "".join(f"<li>{link}</li>" for link in links)
        return (
            '<section class="section py-3"><div class="container"><nav class="breadcrumb" aria-'
            f'label="breadcrumbs"><ul>{items}<li class="is-active"><a href="#" aria-current="page">'
            f"{esc(current)}</a></li></ul></nav></div></section>"
        )
    items = "".join(f"<li>{link}</li>" for link in links)
    return f'<nav class="amp-breadcrumbs" aria-label="Fil d’Ariane"><ol>{items}</ol></nav>'


FOOTER_LINKS = theme11.FOOTER_LINKS
POWERED = {
    "drupal7": 'Propulsé par <a href="https://www.drupal.org">Drupal</a>',
    "mkdocs": (
        'Made with <a href="https://squidfunk.github.io/mkdocs-material/" target="_blank" rel="'
        'noopener">Material for MkDocs</a>'
    ),
    "jahia": "Site réalisé avec Jahia",
    "bulma": 'Propulsé par <a href="https://umbraco.com">Umbraco</a> et <a href="https://bulma.io">Bulma</a>',
    "amp": '<a href="https://amp.dev">AMP</a>',
}


def _footer(layout: str) -> str:
    links = " | ".join(f'<a href="{p}">{t}</a>' for p, t in FOOTER_LINKS)
    address = f"{esc(render.SITE_NAME)} – 1 place de l’Hôtel de Ville – 59000 Lille"
    if layout == "drupal7":
        return (
            '<div id="footer"><div class="section"><div class="region region-footer"><div class="'
            f'block block-block"><p>{address}</p><p>{links}</p><p>{POWERED[layout]}</p></div></div>'
            "</div></div>"
        )
    if layout == "mkdocs":
        return (
            '<div class="md-footer-meta md-typeset"><div class="md-footer-meta__inner md-grid">'
            f'<div class="md-copyright"><div class="md-copyright__highlight">Copyright © 2026 RTES'
            f" – {links}</div>{POWERED[layout]}</div></div></div>"
        )
    if layout == "jahia":
        return (
            '<footer class="footer-main" role="contentinfo"><div class="container"><div class="row">'
            f'<div class="col-md-6"><p>{address}</p></div><div class="col-md-6"><p class="footer-'
            f'links">{links}</p><p>{POWERED[layout]}</p></div></div></div></footer>'
        )
    if layout == "bulma":
        return (
            '<footer class="footer"><div class="content has-text-centered"><p>'
            f"{address}</p><p>{links}</p><p>{POWERED[layout]}</p></div></footer>"
        )
    return f'<footer class="amp-footer"><p>{address}</p><p>{links}</p><p>{POWERED[layout]}</p></footer>'


def _md_nav(site: Site | None) -> str:
    """Material's primary navigation (the left sidebar), repeated on every page."""
    items = []
    for n, (path, label, children) in enumerate(theme10._menu_items(site)):
        if children:
            kids = "".join(
                f'<li class="md-nav__item"><a href="{p}" class="md-nav__link">{esc(t)}</a></li>'
                for p, t in children
            )
            items.append(
                f'<li class="md-nav__item md-nav__item--nested"><input class="md-nav__toggle md-'
                f'toggle" type="checkbox" id="__nav_{n}"><label class="md-nav__link" for="__nav_'
                f'{n}">{esc(label)}</label><nav class="md-nav" aria-label="{attr(label)}"><ul '
                f'class="md-nav__list">{kids}</ul></nav></li>'
            )
        else:
            items.append(
                f'<li class="md-nav__item"><a href="{path}" class="md-nav__link">{esc(label)}</a></li>'
            )
    return (
        '<div class="md-sidebar md-sidebar--primary" data-md-component="sidebar" data-md-type="'
        'navigation"><div class="md-sidebar__scrollwrap"><div class="md-sidebar__inner"><nav '
        'class="md-nav md-nav--primary" aria-label="Navigation"><label class="md-nav__title" for='
        f'"__drawer">{esc(render.SITE_SHORT)}</label><ul class="md-nav__list">{"".join(items)}'
        "</ul></nav></div></div></div>"
    )


def md_toc(resource: Resource | None) -> str:
    """The table of contents (the secondary sidebar): the body's headings."""
    heads = [b for b in resource.blocks if b.kind == "h3" and b.role != "empty"] if resource else []
    if resource is None or resource.is_private or not heads:
        return ""
    items = "".join(
        f'<li class="md-nav__item"><a href="#{_slug(b.plain)}" class="md-nav__link"><span class="'
        f'md-ellipsis">{esc(b.plain)}</span></a></li>'
        for b in heads
    )
    return (
        '<div class="md-sidebar md-sidebar--secondary" data-md-component="sidebar" data-md-type='
        '"toc"><div class="md-sidebar__scrollwrap"><div class="md-sidebar__inner"><nav class="md-'
        'nav md-nav--secondary" aria-label="Table des matières"><label class="md-nav__title" for='
        f'"__toc">Table des matières</label><ul class="md-nav__list">{items}</ul></nav></div>'
        "</div></div>"
    )


def md_footer_nav(neighbours: list[tuple[str, str, str]]) -> str:
    """The footer's previous / next links with the neighbouring pages' titles."""
    links = "".join(
        f'<a href="{path}" class="md-footer__link md-footer__link--{way}" aria-label="'
        f'{"Précédent" if way == "prev" else "Suivant"}: {attr(title)}"><div class="md-footer__'
        f'title"><span class="md-footer__direction">{"Précédent" if way == "prev" else "Suivant"}'
        f'</span><div class="md-ellipsis">{esc(title)}</div></div></a>'
        for way, path, title in neighbours
    )
    return f'<nav class="md-footer__inner md-grid" aria-label="Pied de page">{links}</nav>'


def _d7_sidebar(site: Site | None) -> str:
    latest = "".join(
        f'<li class="views-row"><a href="{r.path}">{esc(r.title)}</a></li>'
        for r in (site.latest(render.SIDEBAR_COUNT) if site else ())
    )
    themes = "".join(
        f'<li class="leaf"><a href="{lst.path}">{esc(lst.title)}</a></li>' for lst in LISTINGS
    )
    return (
        '<div class="region region-sidebar-first column sidebar"><div class="section"><div id="'
        'block-menu-menu-thematiques" class="block block-menu"><h2>Thématiques</h2><div class="'
        f'content"><ul class="menu">{themes}</ul></div></div><div id="block-views-ressources-'
        'block-1" class="block block-views"><h2>Dernières ressources</h2><div class="content">'
        f'<div class="item-list"><ul>{latest}</ul></div></div></div></div></div>'
    )


def _d7_body(chrome: str, trail: str, content: str, ctx: dict) -> str:
    sidebar = _d7_sidebar(ctx["site"]) if chrome else ""
    return (
        '<div id="skip-link"><a href="#main-content" class="element-invisible element-focusable">'
        'Aller au contenu principal</a></div><div id="page-wrapper"><div id="page">'
        f'{chrome}{trail}<div id="main-wrapper"><div id="main" class="clearfix"><div id="content" '
        f'class="column"><div class="section"><a id="main-content"></a>{content}</div></div>'
        f"{sidebar}</div></div>{_footer('drupal7')}</div></div>"
    )


def _md_body(chrome: str, trail: str, content: str, ctx: dict) -> str:
    nav = _md_nav(ctx["site"]) if chrome else ""
    toc = md_toc(ctx["resource"]) if chrome else ""
    return (
        '<a href="#main-content" class="md-skip">Aller au contenu</a>'
        f'{chrome}<div class="md-container" data-md-component="container"><main class="md-main" '
        f'data-md-component="main"><div class="md-main__inner md-grid">{nav}{toc}<div class="md-'
        f'content" data-md-component="content" id="main-content">{trail}{content}</div></div>'
        f'</main><footer class="md-footer">{md_footer_nav(ctx["neighbours"])}'
        f"{_footer('mkdocs')}</footer></div>"
    )


def _body(layout: str, chrome: str, trail: str, content: str, ctx: dict) -> str:
    if layout == "drupal7":
        return _d7_body(chrome, trail, content, ctx)
    if layout == "mkdocs":
        return _md_body(chrome, trail, content, ctx)
    if layout == "jahia":
        return (
            '<a class="skip-link sr-only sr-only-focusable" href="#main-content">Aller au contenu'
            f'</a>{chrome}{trail}<main id="main-content" class="main" role="main">{content}</main>'
            f"{_footer(layout)}"
        )
    if layout == "bulma":
        return f'{chrome}{trail}<main id="main">{content}</main>{_footer(layout)}'
    return f'{chrome}{trail}<main id="content" role="main">{content}</main>{_footer(layout)}'


AMP_HEAD = (
    '<script async src="https://cdn.ampproject.org/v0.js"></script>\n<script async custom-'
    'element="amp-sidebar" src="https://cdn.ampproject.org/v0/amp-sidebar-0.1.js"></script>\n'
    '<script async custom-element="amp-consent" src="https://cdn.ampproject.org/v0/amp-consent-'
    '0.1.js"></script>\n<script async custom-element="amp-social-share" src="https://cdn.amp'
    'project.org/v0/amp-social-share-0.1.js"></script>\n<style amp-boilerplate>body{-webkit-'
    "animation:-amp-start 8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s steps(1,end)"
    " 0s 1 normal both}@keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}"
    "</style><noscript><style amp-boilerplate>body{-webkit-animation:none;animation:none}</style>"
    "</noscript>\n<style amp-custom>.amp-title{font-size:2rem}.amp-meta{color:#666}</style>"
)
HEAD = {
    "drupal7": (
        '<meta name="Generator" content="Drupal 7 (http://drupal.org)" />\n<style type="text/css"'
        ' media="all">@import url("/sites/all/themes/rtes/css/styles.css?q1w2e3");</style>'
    ),
    "mkdocs": (
        '<meta name="generator" content="mkdocs-1.5.3, mkdocs-material-9.5.3">\n<link rel="'
        'stylesheet" href="/assets/stylesheets/main.50c56a3b.min.css">'
    ),
    "jahia": '<link rel="stylesheet" href="/modules/rtes-templates/css/main.css" />',
    "bulma": '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/bulma@0.9.4/css/bulma.min.css">',
    "amp": AMP_HEAD,
}
BODY_CLASS = {
    "drupal7": "html not-front not-logged-in one-sidebar sidebar-first page-{view}",
    "mkdocs": "",
    "jahia": "jahia-template-{view}",
    "bulma": "has-navbar-fixed-top",
    "amp": "amp-{view}",
}
VIEWS = {"node": "node", "list": "taxonomy", "page": "page"}


def _html_open(layout: str) -> str:
    if layout == "amp":
        return '<html amp lang="fr">'
    if layout == "drupal7":
        return (
            '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr" version="XHTML+RDFa 1.0" '
            'dir="ltr" lang="fr">'
        )
    if layout == "mkdocs":
        return '<html lang="fr" class="no-js">'
    return '<html lang="fr">'


def page(title: str, content: str, *, site: Site | None, layout: str, **opts) -> str:
    """A page around content in the layout's structure. opts: view ("node", "list", "page"),
    head_links, header (False: no header, menu nor breadcrumb, as the node's system path
    renders), crumbs, current, resource (its table of contents), neighbours (Material's
    previous / next pages)."""
    header, crumbs = opts.get("header", True), opts.get("crumbs")
    current = opts.get("current") or title
    banner = BANNERS.get(consent_style(layout), "")
    chrome = _header(site, layout, current) if header else ""
    trail = _crumbs(crumbs or [], current, layout) if header and crumbs is not None else ""
    ctx = {
        "site": site,
        "resource": opts.get("resource"),
        "neighbours": opts.get("neighbours", []) if header else [],
    }
    body = _body(layout, chrome, trail, content, ctx)
    body_class = BODY_CLASS[layout].format(view=VIEWS[opts.get("view", "page")])
    return "\n".join(
        [
            "<!DOCTYPE html>",
            _html_open(layout),
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            HEAD[layout],
            opts.get("head_links", ""),
            f"<title>{esc(title)} | {render.SITE_SHORT}</title>",
            "</head>",
            f'<body class="{body_class}">' if body_class else '<body dir="ltr">',
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
    if layout == "drupal7":
        return (
            f'<h1 class="title" id="page-title">{text}</h1><div class="region region-content"><div'
            f' id="block-system-main" class="block block-system"><div class="content">{inner}'
            "</div></div></div>"
        )
    if layout == "mkdocs":
        heading = f"<h1>{text}</h1>" if kind == "list" else _headerlink(title)
        return f'<article class="md-content__inner md-typeset">{heading}{inner}</article>'
    if layout == "jahia":
        return (
            '<div class="container"><div class="row"><div class="col-md-12"><div class="page-title">'
            f'<h1><span>{text}</span></h1></div></div></div><div class="row"><div class="col-md-12">'
            f'<div class="component rich-text">{inner}</div></div></div></div>'
        )
    if layout == "bulma":
        return (
            f'<section class="section"><div class="container"><h1 class="title">{text}</h1><div '
            f'class="content">{inner}</div></div></section>'
        )
    return f'<article class="amp-article"><h1 class="amp-title">{text}</h1>{inner}</article>'


def _node_trail(resource: Resource) -> list[tuple[str | None, str]]:
    return [(None, render.RESOURCES_MENU), *render.category_crumbs(resource)]


def _neighbours(site: Site, resource: Resource) -> list[tuple[str, str, str]]:
    """The previous and next resources in the site's order, as Material's footer links them."""
    at = next(n for n, r in enumerate(site.resources) if r.nid == resource.nid)
    found = []
    if at > 0:
        prev = site.resources[at - 1]
        found.append(("prev", prev.path, prev.title))
    if at < len(site.resources) - 1:
        nxt = site.resources[at + 1]
        found.append(("next", nxt.path, nxt.title))
    return found


def detail_page(site: Site, resource: Resource, header: bool = True, br: bool = False) -> str:
    layout = layout_of(resource.nid)
    return page(
        resource.title,
        node_html(resource, layout, site, br),
        site=site,
        layout=layout,
        view="node",
        head_links=render.node_head_links(resource),
        header=header,
        crumbs=_node_trail(resource),
        current=resource.title,
        resource=resource,
        neighbours=_neighbours(site, resource) if layout == "mkdocs" else [],
    )


def node_page(site: Site, resource: Resource) -> str:
    """The node at /node/N: no header, menu nor breadcrumb, a <br>-separated body (as the
    real site's)."""
    return detail_page(site, resource, header=False, br=True)


def _listing_neighbours(index: int) -> list[tuple[str, str, str]]:
    found = []
    if index > 0:
        found.append(("prev", LISTINGS[index - 1].path, LISTINGS[index - 1].title))
    if index < len(LISTINGS) - 1:
        found.append(("next", LISTINGS[index + 1].path, LISTINGS[index + 1].title))
    return found


def listing_page(site: Site, listing: Listing, page_number: int) -> str:
    items = site.listed[listing.path]
    index = next(i for i, lst in enumerate(LISTINGS) if lst.path == listing.path)
    layout, style, pager = listing_layout(index), list_style(index), pager_style(index)
    shown = (
        items[page_number * PAGE_SIZE : (page_number + 1) * PAGE_SIZE] if page_number >= 0 else ()
    )
    total = max(1, math.ceil(len(items) / PAGE_SIZE))
    if not shown:
        listed = f'<p class="no-results view-empty">{render.EMPTY_VIEW}</p>'
    else:
        listed = list_html(style, shown, listing.teasers, layout)
        listed += pager_html(pager, page_number, total)
    return page(
        listing.title,
        _wrap(layout, listing.title, listed, "list"),
        site=site,
        layout=layout,
        view="list",
        head_links=f'<link rel="shortlink" href="/taxonomy/term/{listing.tid}">',
        crumbs=[(None, render.RESOURCES_MENU)],
        current=listing.title,
        neighbours=_listing_neighbours(index),
    )


def home_page(site: Site) -> str:
    layout = layout_of(0)
    latest = list_html(_layout_list_style(layout), site.latest(HOME_COUNT), True, layout)
    themes = "".join(f'<li><a href="{lst.path}">{esc(lst.title)}</a></li>' for lst in LISTINGS)
    inner = (
        "<p>Le RTES accompagne les collectivités dans leurs politiques d’économie solidaire.</p>"
        f"<h2>Dernières publications</h2>{latest}<h2>Thématiques</h2><ul>{themes}</ul>"
    )
    return page("Accueil", _wrap(layout, render.SITE_NAME, inner, "list"), site=site, layout=layout)


def static_page(site: Site, path: str) -> str:
    title, body = render.STATIC_PAGES[path]
    return static_page_html(site, title, body)


def static_page_html(site: Site, title: str, body: str) -> str:
    layout = layout_of(zlib.crc32(title.encode()))
    content = _wrap(layout, title, f"<p>{esc(body)}</p>")
    return page(title, content, site=site, layout=layout, crumbs=[])


def not_found_page(site: Site) -> str:
    layout = layout_of(404)
    inner = (
        "<p>Désolé, la page que vous cherchez n’existe pas ou a été déplacée (erreur 404).</p>"
        '<p><a href="/">Retour à l’accueil</a></p>'
    )
    return page(
        "Page non trouvée", _wrap(layout, "Page non trouvée", inner), site=site, layout=layout
    )


# --- Members (mirror.kinds.RENDERERS[13]) ------------------------------------------------

MEMBER_FIELDS = {
    "drupal7": d7_fields,
    "mkdocs": md_table,
    "jahia": list_infos,
    "bulma": bulma_table,
    "amp": dl_split,
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
        view="list",
        crumbs=[],
        current=region,
    )
