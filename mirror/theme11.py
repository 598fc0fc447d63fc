"""Theme 11: other CMS families (Joomla 4 with its Cassiopeia template, SPIP 4 with the
squelettes-dist / Zpip skeletons, Ghost 5 with Casper, an Astro site styled with Tailwind),
written as those tools write their markup, different from themes 1-10. Same site model, URLs,
links and head links (canonical and `/node/N` shortlink on nodes and members,
`/taxonomy/term/N` shortlink on category listings), so mirror/truth.py holds.

- layout, by node (listings: by listing): `joomla` (`div.com-content-article.item-page`,
  `div.page-header > h1`, the body in `div[itemprop=articleBody]`, the `mod-menu` and
  `mod-breadcrumbs` modules, a `#back-top` link), `spip` (`div.page_article`, no `<main>`: the
  content is `div#content`; `h1.surlignable.crayon`, the lead as `div.chapo`, the body in
  `div.texte.surlignable` with `<h3 class="spip">` intertitles, a `div.ps` post-scriptum, a
  `p.arbo` trail, `nav.menu-rubriques`), `ghost` (`article.gh-article.post`,
  `header.gh-article-header`, `h1.gh-article-title`, a `p.gh-article-excerpt` holding the
  Résumé unlabelled, `section.gh-content.gh-canvas` of `kg-card`s, no breadcrumb, the
  category listings in the footer's secondary navigation, an "Abonnez-vous" CTA), `astro`
  (Tailwind utility classes only: `mx-auto max-w-3xl px-4`, `prose prose-slate lg:prose-lg`,
  `data-astro-cid-*` attributes);
- dates, by node: `article_info` (Joomla's `dl.article-info`: `dd.createdby` "Écrit par :",
  `dd.published` "Publication : 9 juin 2021", `dd.modified` "Mise à jour : …", `dd.hits`),
  `info_publi` (SPIP's `p.info-publi` "Publié le 1er juin 2021, mis à jour le …"), `byline`
  (Casper's `time.byline-meta-date` "9 janv. 2021" with moment's short French months and
  the reading time "3 min de lecture"), `weekday` (Astro's `toLocaleDateString('fr-FR')`
  long form "mercredi 9 juin 2021"), `numeric` ("Publié le 09/06/2021 · Mis à jour le …");
- fields, by node (resources): `fields_container` (Joomla custom fields after the title:
  `ul.fields-container > li.field-entry > span.field-label` "Type de ressource : " and
  `span.field-value`), `champs_extras` (SPIP "champs extras" `div.champ` with `div.label` and
  `div.valeur`, after the text), `toggle` (Ghost `kg-toggle-card`s, the label the toggle
  heading), `dl_grid` (a Tailwind `<dl class="grid grid-cols-3 gap-2">` of `dt` / `dd` before
  the body), `strong_lines` (a Ghost HTML card of "<strong>Label :</strong> value" lines); a
  field the model does not show (the Catégorie of many nodes) keeps its label, no value;
- Résumé, by node (SPIP and Ghost resources): in the field block, or as the page's
  unlabelled lead (`div.chapo`; Ghost's custom excerpt when it is one paragraph);
- documents, by node: `attachments` (Joomla Attachments' `div.attachmentsContainer` table,
  "1,2 Mo"), `spip_documents` (`div.documents_joints`, `ul.spip_documents`, `span.spip_doc_titre`,
  "PDF – 1.2 Mio"), `kg_file` (Ghost `kg-file-card`: `div.kg-file-card-title`,
  `div.kg-file-card-filesize` "1.2 MB"), `tw_button` (an `inline-flex items-center rounded`
  download link with an inline `<svg>`);
- tags, by node: under the title or after the content, in the family's markup (Joomla
  `ul.tags.list-inline` `btn-info` links, SPIP `div.mots`, Ghost `a.gh-article-tag`, Tailwind
  `span.rounded-full` pills); the member notice of a private resource, by node: under the
  title or where the body would stand (Joomla `joomla-alert`, SPIP `div.notice`, a Ghost
  `kg-callout-card`, a Tailwind amber box);
- listings, by listing (each family its own in `mixed`): `blog` (Joomla
  `div.com-content-category-blog`, `div.blog-items > div.blog-item`, "Lire la suite : <title>"),
  `liste_items` (SPIP `ul.liste-items > li.item` with `h3.h3 a`, `p.info-publi`,
  `div.introduction`), `post_feed` (Casper `div.post-feed > article.post-card`, the
  `h2.post-card-title` inside the card's link), `divide_y` (a `<ul class="divide-y">` of
  cards); pagers: `joomla` (`nav.pagination__wrapper`, `ul.pagination`, "Page 1 sur 3"),
  `spip` (`p.pagination`, `span.on`, `a.lien_pagination` "Suivant »"), `ghost` ("← Articles
  plus récents" / "Articles plus anciens →"), `astro` (numbered `rounded-md` links);
- chrome: the site name in the header, a cookie banner (Joomla e-Privacy, tarteaucitron on
  SPIP, Osano cookieconsent on Ghost, a Tailwind bar on Astro), breadcrumbs (not on Ghost),
  "Partager :" lines on nodes, a footer with the legal links;
- /node/N: no header, menu nor breadcrumb, a `<br>`-separated body (as the real site's);
- members: profiles and region listings with the member fields in the family's field markup
  (custom fields, champs extras, a `<dl>`, strong lines).

`VARIANT` forces one construct per part (as themes 4 to 10).
"""

from __future__ import annotations

import hashlib
import math
import zlib

from mirror import render, theme4, theme10, variants
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
PHOTO_CREDIT = "Crédit photo : RTES"
HOME_COUNT = 6
WORDS_PER_MINUTE = 275  # Ghost's reading_time helper

LAYOUTS = ("joomla", "spip", "ghost", "astro")
DATE_STYLES = ("article_info", "info_publi", "byline", "weekday", "numeric")
FIELD_STYLES = ("fields_container", "champs_extras", "toggle", "dl_grid", "strong_lines")
SUMMARY_PLACES = ("field", "lead")
DOC_STYLES = ("attachments", "spip_documents", "kg_file", "tw_button")
TAG_PLACES = ("top", "bottom")
NOTICE_PLACES = ("top", "body")
LIST_STYLES = ("blog", "liste_items", "post_feed", "divide_y")
PAGER_STYLES = ("joomla", "spip", "ghost", "astro")
CONSENT_STYLES = ("eprivacy", "tarteaucitron", "cookieconsent", "tailwind")
FIELDS_BEFORE_BODY = ("fields_container", "dl_grid")  # Joomla's "Automatic display: after title"

# layout: mixed | joomla | spip | ghost | astro; dates: mixed | article_info | info_publi |
# byline | weekday | numeric; fields: mixed | fields_container | champs_extras | toggle |
# dl_grid | strong_lines; summary: mixed | field | lead; documents: mixed | attachments |
# spip_documents | kg_file | tw_button; tags: mixed | top | bottom; notice: mixed | top | body;
# list: mixed | blog | liste_items | post_feed | divide_y; pager: mixed | joomla | spip | ghost
# | astro; consent: mixed (by layout) | eprivacy | tarteaucitron | cookieconsent | tailwind | off.
VARIANT = {
    "layout": "mixed",
    "dates": "mixed",
    "fields": "mixed",
    "summary": "mixed",
    "documents": "mixed",
    "tags": "mixed",
    "notice": "mixed",
    "list": "mixed",
    "pager": "mixed",
    "consent": "mixed",
}


def _pick(part: str, key: int, options: tuple[str, ...]) -> str:
    """The part's forced style, or (mixed) one drawn from the key (a hash: parts independent)."""
    style = VARIANT[part]
    if style != "mixed":
        return style
    digest = hashlib.md5(f"t11:{part}:{key}".encode(), usedforsecurity=False).digest()
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


def tag_place(resource: Resource) -> str:
    return _pick("tags", resource.nid, TAG_PLACES)


def notice_place(resource: Resource) -> str:
    return _pick("notice", resource.nid, NOTICE_PLACES)


def list_style(index: int) -> str:
    """The listing's widget: its family's own (mixed), or the forced one."""
    style = VARIANT["list"]
    return LIST_STYLES[LAYOUTS.index(listing_layout(index))] if style == "mixed" else style


def pager_style(index: int) -> str:
    style = VARIANT["pager"]
    return PAGER_STYLES[LAYOUTS.index(listing_layout(index))] if style == "mixed" else style


def consent_style(layout: str) -> str:
    style = VARIANT["consent"]
    return CONSENT_STYLES[LAYOUTS.index(layout)] if style == "mixed" else style


def _summary_paragraphs(resource: Resource) -> list[str]:
    return [render.inline(p) for p in resource.summary if "".join(s.text for s in p).strip()]


def lead_summary(resource: Resource, layout: str) -> bool:
    """Whether the Résumé is the page's unlabelled lead: SPIP's chapo, or Ghost's custom excerpt
    (one paragraph only); else it stands, labelled, in the field block."""
    paragraphs = _summary_paragraphs(resource)
    if resource.kind != "resource" or not paragraphs or layout not in ("spip", "ghost"):
        return False
    if layout == "ghost" and len(paragraphs) > 1:
        return False
    return _pick("summary", resource.nid, SUMMARY_PLACES) == "lead"


def _category_href(name: str) -> str:
    return CATEGORY_BY_TID[CATEGORIES[name]].path


def _tag_href(tag: str) -> str:
    return f"/taxonomy/term/{TAGS.get(tag, 40)}"


def _cid(*parts: object) -> str:
    """An Astro scoped-style id (8 base-36-ish characters, stable)."""
    return f"{zlib.crc32(':'.join(map(str, parts)).encode()):08x}"


# --- Dates -------------------------------------------------------------------------------

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
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def long_date(moment) -> str:
    """'9 juin 2021' (Joomla's DATE_FORMAT_LC3 `j F Y`, no '1er')."""
    return f"{moment.day} {render.MONTHS[moment.month - 1]} {moment.year}"


def date_text(moment, style: str) -> str:
    """A date as the style writes it."""
    if style == "article_info":
        return long_date(moment)
    if style == "info_publi":
        return render.french_date(moment)  # SPIP's affdate: '1er juin 2021'
    if style == "byline":
        return f"{moment.day} {SHORT_MONTHS[moment.month - 1]} {moment.year}"
    if style == "weekday":
        return f"{WEEKDAYS[moment.weekday()]} {long_date(moment)}"
    return f"{moment:%d/%m/%Y}"


def reading_time(resource: Resource) -> str:
    shown = render.summary_paragraphs(resource) if resource.is_private else None  # no body
    texts = shown if shown is not None else [t for b in resource.blocks for t in b.texts()]
    words = sum(len(t.split()) for t in texts)
    return f"{max(1, math.ceil(words / WORDS_PER_MINUTE))} min de lecture"


def _joomla_info(resource: Resource) -> str:
    pub, upd = resource.published, resource.updated
    modified = (
        '<dd class="modified"><span class="icon-calendar icon-fw" aria-hidden="true"></span>'
        f'<time datetime="{render.iso_local(upd)}" itemprop="dateModified">Mise à jour : '
        f"{long_date(upd)}</time></dd>"
        if upd
        else ""
    )
    return (
        '<dl class="article-info text-muted"><dt class="article-info-term">Détails</dt>'
        '<dd class="createdby" itemprop="author" itemscope itemtype="https://schema.org/Person">'
        '<span class="icon-user icon-fw" aria-hidden="true"></span>Écrit par : <span '
        f'itemprop="name">{AUTHOR}</span></dd><dd class="published"><span class="icon-calendar '
        f'icon-fw" aria-hidden="true"></span><time datetime="{render.iso_local(pub)}" '
        f'itemprop="datePublished">Publication : {long_date(pub)}</time></dd>{modified}'
        '<dd class="hits"><span class="icon-eye icon-fw" aria-hidden="true"></span><meta '
        f'itemprop="interactionCount" content="UserPageVisits:{resource.nid % 997 + 12}">'
        f"Affichages : {resource.nid % 997 + 12}</dd></dl>"
    )


def date_html(resource: Resource) -> str:
    """The visible date (and update) in the node's style."""
    style = date_style(resource)
    pub, upd = resource.published, resource.updated
    if style == "article_info":
        return _joomla_info(resource)
    if style == "info_publi":
        maj = (
            f'<span class="sep">, </span><span class="maj">mis à jour le <abbr class="updated" '
            f'title="{render.iso_utc(upd)}">{date_text(upd, style)}</abbr></span>'
            if upd
            else ""
        )
        return (
            f'<p class="info-publi"><span class="published">Publié le <abbr class="published" '
            f'title="{render.iso_utc(pub)}">{date_text(pub, style)}</abbr></span>{maj}'
            f'<span class="sep"> par </span><span class="authors"><span class="author vcard">'
            f"{AUTHOR}</span></span></p>"
        )
    if style == "byline":
        updated = (
            f'<span class="byline-meta-updated">Mis à jour le <time datetime="{upd:%Y-%m-%d}">'
            f"{date_text(upd, style)}</time></span>"
            if upd
            else ""
        )
        return (
            '<div class="byline-meta-content"><time class="byline-meta-date" datetime="'
            f'{pub:%Y-%m-%d}">{date_text(pub, style)}</time>{updated}<span '
            f'class="byline-reading-time"><span class="bull">•</span> {reading_time(resource)}'
            "</span></div>"
        )
    tail = ""
    if upd:
        tail = f' · Mis à jour le <time datetime="{upd:%Y-%m-%d}">{date_text(upd, style)}</time>'
    lead = "" if style == "weekday" else "Publié le "
    return (
        f'<p class="mt-2 text-sm text-gray-500">{lead}<time datetime="{pub:%Y-%m-%d}">'
        f"{date_text(pub, style)}</time>{tail}</p>"
    )


# --- Bodies ------------------------------------------------------------------------------


def _heading_id(block) -> str:
    return slugify(block.plain)[:60] or "section"


def _figure(block, layout: str) -> str:
    src, caption = attr(block.src), render.inline(block.segments)
    if layout == "spip":
        n = zlib.crc32(block.src.encode()) % 9000 + 100
        return (
            f'<div class="spip_document_{n} spip_document spip_documents spip_document_image '
            f'spip_documents_center spip_document_center"><figure class="spip_doc_inner"><img '
            f'src="{src}" width="800" height="450" alt=""><figcaption class="spip_doc_legende">'
            f'<div class="spip_doc_descriptif crayon document-descriptif-{n}">{caption}</div>'
            "</figcaption></figure></div>"
        )
    if layout == "ghost":
        return (
            f'<figure class="kg-card kg-image-card kg-card-hascaption"><img src="{src}" '
            f'class="kg-image" alt="" loading="lazy" width="800" height="450"><figcaption>'
            f"{caption}</figcaption></figure>"
        )
    if layout == "astro":
        return (
            f'<figure><img src="{src}" alt="" class="rounded-lg" loading="lazy" decoding="async">'
            f"<figcaption>{caption}</figcaption></figure>"
        )
    return (
        f'<figure class="image pull-center"><img src="{src}" alt="" width="800" height="450" '
        f'loading="lazy"><figcaption class="caption">{caption}</figcaption></figure>'
    )


def block_html(block, layout: str) -> str:
    """One body block in the family's markup (SPIP, Ghost and Astro drop empty paragraphs)."""
    if block.role == "empty":
        return "<p>&nbsp;</p>" if layout == "joomla" else ""
    if block.kind == "figure":
        return _figure(block, layout)
    if block.kind == "ul":
        ul = '<ul class="spip" role="list">' if layout == "spip" else "<ul>"
        return ul + "".join(f"<li>{esc(i)}</li>" for i in block.items) + "</ul>"
    text = render.inline(block.segments)
    if block.kind == "h3":
        if layout == "spip":
            return f'<h3 class="spip">{text}</h3>'
        if layout == "ghost":
            return f'<h2 id="{_heading_id(block)}">{text}</h2>'
        return f"<h3>{text}</h3>" if layout == "joomla" else f"<h2>{text}</h2>"
    return f"<p>{text}</p>"


def body_html(resource: Resource, layout: str, br: bool = False) -> str:
    """The body's blocks (br: separated by single <br>s, as /node/N shows them)."""
    if br:
        return variants.br_body(resource.blocks)
    return "\n".join(h for h in (block_html(b, layout) for b in resource.blocks) if h)


def lead_image_html(resource: Resource, layout: str) -> str:
    """An article's lead image (SPIP: the article's logo, its credit in the post-scriptum)."""
    if not resource.lead_image:
        return ""
    img = f'src="{attr(resource.lead_image)}" alt="{attr(resource.lead_alt)}"'
    if layout == "joomla":
        return (
            f'<figure class="left item-image"><img {img} itemprop="image" width="800" '
            f'height="450"><figcaption class="caption">{PHOTO_CREDIT}</figcaption></figure>'
        )
    if layout == "spip":
        return f'<img class="spip_logo spip_logo_right" {img} width="300" height="169">'
    if layout == "ghost":
        return (
            f'<figure class="gh-article-image"><img {img} sizes="(max-width: 1200px) 100vw, '
            f'1200px" loading="eager"><figcaption>{PHOTO_CREDIT}</figcaption></figure>'
        )
    return (
        f'<img {img} class="mt-6 aspect-video w-full rounded-xl object-cover" width="1200" '
        f'height="675" loading="eager" decoding="async"><p class="mt-1 text-xs text-gray-400">'
        f"{PHOTO_CREDIT}</p>"
    )


# --- Documents ---------------------------------------------------------------------------


def _kilobytes(path: str) -> int:
    return 40 + zlib.crc32(path.encode()) % 3200


def size_text(path: str, style: str) -> str:
    """The file's size as the style writes it: '1,2 Mo', '1.2 Mio', '1.2 MB', '820 Ko'."""
    kb = _kilobytes(path)
    if style == "spip_documents":
        return f"{kb} kio" if kb < 1024 else f"{kb / 1024:.1f} Mio"
    if style == "kg_file":
        return f"{kb} KB" if kb < 1024 else f"{kb / 1024:.1f} MB"
    return f"{kb} Ko" if kb < 1024 else f"{kb / 1024:.1f} Mo".replace(".", ",")


def _file_name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


DOWNLOAD_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" class="mr-2 h-4 w-4" fill="none" viewBox="0 0 24 24" '
    'stroke="currentColor" stroke-width="2" aria-hidden="true"><path stroke-linecap="round" '
    'stroke-linejoin="round" d="M4 16v1a3 3 0 003 3h10a3 3 0 003-3v-1m-4-4l-4 4m0 0l-4-4m4 4V4"/>'
    "</svg>"
)
FILE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24"><defs>'
    "<style>.a{fill:none;stroke:currentColor;stroke-linecap:round;stroke-linejoin:round;"
    'stroke-width:1.5px;}</style></defs><title>download-circle</title><polyline class="a" '
    'points="8.25 14.25 12 18 15.75 14.25"/><line class="a" x1="12" y1="6.75" x2="12" y2="18"/>'
    '<circle class="a" cx="12" cy="12" r="11.25"/></svg>'
)


def _attachments(resource: Resource) -> str:
    rows = "".join(
        f'<tr class="{"odd" if n % 2 else "even"}"><td class="at_filename"><a class="at_icon" '
        f'href="{attr(d.path)}" title="Télécharger ce fichier (PDF)"><img src="/media/'
        f'com_attachments/images/file_icons/pdf.gif" alt="Télécharger ce fichier"></a><a '
        f'class="at_url" href="{attr(d.path)}" title="Télécharger ce fichier">{esc(d.title)}</a>'
        f'</td><td class="at_file_size">{size_text(d.path, "attachments")}</td></tr>'
        for n, d in enumerate(resource.documents)
    )
    return (
        f'<div class="attachmentsContainer"><div class="attachmentsList" id="attachmentsList_'
        f'com_content_default_{resource.nid}"><table><tbody>{rows}</tbody></table></div></div>'
    )


def _spip_documents(resource: Resource) -> str:
    items = "".join(
        f'<li class="spip_doc_lien"><a href="{attr(d.path)}" class="spip_doc_lien" '
        f'type="application/pdf"><span class="spip_doc_titre"><strong>{esc(d.title)}</strong>'
        f'</span><span class="spip_doc_infos">PDF – {size_text(d.path, "spip_documents")}</span>'
        "</a></li>"
        for d in resource.documents
    )
    return f'<div class="documents_joints"><ul class="spip_documents">{items}</ul></div>'


def _kg_files(resource: Resource) -> str:
    return "".join(
        f'<div class="kg-card kg-file-card"><a class="kg-file-card-container" href="'
        f'{attr(d.path)}" title="Télécharger" download><div class="kg-file-card-contents">'
        f'<div class="kg-file-card-title">{esc(d.title)}</div><div class="kg-file-card-metadata">'
        f'<div class="kg-file-card-filename">{esc(_file_name(d.path))}</div><div '
        f'class="kg-file-card-filesize">{size_text(d.path, "kg_file")}</div></div></div><div '
        f'class="kg-file-card-icon">{FILE_SVG}</div></a></div>'
        for d in resource.documents
    )


def _tw_buttons(resource: Resource) -> str:
    links = "".join(
        f'<li><a href="{attr(d.path)}" class="inline-flex items-center rounded bg-teal-600 px-4 '
        'py-2 text-sm font-medium text-white shadow-sm hover:bg-teal-700" download>'
        f'{DOWNLOAD_SVG}{esc(d.title)}<span class="ml-2 text-xs text-teal-100">PDF · '
        f"{size_text(d.path, 'tw_button')}</span></a></li>"
        for d in resource.documents
    )
    return f'<ul class="flex flex-col items-start gap-2">{links}</ul>'


def documents_html(resource: Resource) -> str:
    style = doc_style(resource)
    if style == "attachments":
        return _attachments(resource)
    if style == "spip_documents":
        return _spip_documents(resource)
    if style == "kg_file":
        return _kg_files(resource)
    return _tw_buttons(resource)


# --- Fields ------------------------------------------------------------------------------

RICH = ("summary", "documents")


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


def _rows(resource: Resource, lead: bool) -> list[tuple[str, str, str]]:
    """(label, value, key) of the shown fields, in the type's order; empty ones left out, except
    the Catégorie label (the model shows it with no value on many nodes)."""
    keys = render.PRIVATE_KEYS if resource.is_private else tuple(render.FIELDS)
    order = render.FIELD_ORDER_BY_TYPE.get(resource.resource_type, render.FIELD_ORDER)
    rows = []
    for key in order:
        if key not in keys or (lead and key == "summary"):
            continue
        value = _value(resource, key)
        if value or key == "categories":
            rows.append((render.FIELDS[key][3], value, key))
    return rows


def fields_container(rows: list[tuple[str, str, str]]) -> str:
    """Joomla custom fields (the rich ones in a div: an editor field, a media list)."""
    items = "".join(
        f'<li class="field-entry {slugify(label)}"><span class="field-label">{label} : </span>'
        + (
            f'<div class="field-value">{value}</div>'
            if key in RICH
            else f'<span class="field-value">{value}</span>'
        )
        + "</li>"
        for label, value, key in rows
    )
    return f'<ul class="fields-container">{items}</ul>'


def champs_extras(rows: list[tuple[str, str, str]]) -> str:
    """SPIP champs extras: a label div and a value each."""
    return "".join(
        f'<div class="champ contenu_{slugify(label).replace("-", "_")}{" vide" * (not value)}">'
        f'<div class="label">{label}</div><div dir="ltr" class="valeur">{value}</div></div>'
        for label, value, _ in rows
    )


def toggles(rows: list[tuple[str, str, str]]) -> str:
    """Ghost toggle cards: the label the heading, the value the content."""
    return "".join(
        '<div class="kg-card kg-toggle-card" data-kg-toggle-state="close"><div '
        f'class="kg-toggle-heading"><h4 class="kg-toggle-heading-text">{label}</h4><button '
        'class="kg-toggle-card-icon" aria-label="Afficher"><svg viewBox="0 0 14 14"><path d="M7 0a.5'
        ".5 0 0 1 .5.5v6h6a.5.5 0 1 1 0 1h-6v6a.5.5 0 1 1-1 0v-6h-6a.5.5 0 0 1 0-1h6v-6A.5.5 0 0 1 "
        f'7 0Z" fill="currentColor"/></svg></button></div><div class="kg-toggle-content">'
        f"{value if key in RICH else f'<p>{value}</p>' if value else ''}</div></div>"
        for label, value, key in rows
    )


def dl_grid(rows: list[tuple[str, str, str]], cid: str = "") -> str:
    """A Tailwind definition grid, the label a dt, the value a dd spanning two columns."""
    data = f" data-astro-cid-{cid}" if cid else ""
    items = "".join(
        f'<dt class="font-semibold text-slate-700"{data}>{label}</dt>'
        f'<dd class="col-span-2 text-slate-600"{data}>{value}</dd>'
        for label, value, _ in rows
    )
    return f'<dl class="my-6 grid grid-cols-3 gap-2 text-sm"{data}>{items}</dl>'


def strong_lines(rows: list[tuple[str, str, str]]) -> str:
    """A Ghost HTML card of bold-labelled lines; the rich values after their line."""
    out = []
    for label, value, key in rows:
        if key in RICH:
            out.append(f"<p><strong>{label} :</strong></p>{value}")
        else:
            out.append(f"<p><strong>{label} :</strong> {value}</p>")
    return f'<div class="kg-card kg-html-card">{"".join(out)}</div>'


def fields_html(resource: Resource, layout: str) -> tuple[str, str]:
    """The field block as (before the body, after it) in the node's style."""
    rows = _rows(resource, lead_summary(resource, layout))
    style = field_style(resource)
    if style == "fields_container":
        return fields_container(rows), ""
    if style == "champs_extras":
        return "", f'<div class="champs_extras">{champs_extras(rows)}</div>'
    if style == "toggle":
        return "", toggles(rows)
    if style == "dl_grid":
        return dl_grid(rows, _cid("fields", layout)[:8]), ""
    return "", strong_lines(rows)


# --- Tags, notice, share -----------------------------------------------------------------


def tags_html(resource: Resource, layout: str) -> str:
    """The free tags in the family's markup (links to their term pages)."""
    tags = resource.tags
    if layout == "joomla":
        items = "".join(
            f'<li class="list-inline-item tag-{TAGS.get(t, 40)} tag-list{n}" itemprop="keywords">'
            f'<a href="{_tag_href(t)}" class="btn btn-sm btn-info">{esc(t)}</a></li>'
            for n, t in enumerate(tags)
        )
        return f'<ul class="tags list-inline">{items}</ul>'
    if layout == "spip":
        items = ", ".join(f'<a href="{_tag_href(t)}" rel="tag">{esc(t)}</a>' for t in tags)
        return f'<div class="mots"><h2>Mots-clés</h2><p>{items}</p></div>'
    if layout == "ghost":
        return " ".join(
            f'<a class="gh-article-tag" href="{_tag_href(t)}">{esc(t)}</a>' for t in tags
        )
    items = "".join(
        f'<li><a href="{_tag_href(t)}"><span class="rounded-full bg-teal-50 px-3 py-1 text-xs '
        f'font-medium text-teal-700 ring-1 ring-inset ring-teal-600/20">{esc(t)}</span></a></li>'
        for t in tags
    )
    return f'<ul class="mt-4 flex flex-wrap gap-2">{items}</ul>'


def notice_html(layout: str) -> str:
    """The member notice of a private resource, as the family shows a message."""
    if layout == "joomla":
        return (
            '<div id="system-message-container" aria-live="polite"><joomla-alert type="info" '
            'close-text="Fermer" dismiss="true" role="alert"><div class="alert-heading"><span '
            'class="info"></span><span class="visually-hidden">Information</span></div><div '
            f'class="alert-wrapper"><div class="alert-message">{MEMBER_NOTICE}</div></div>'
            "</joomla-alert></div>"
        )
    if layout == "spip":
        return f'<div class="notice msg-alert info" role="alert"><p>{MEMBER_NOTICE}</p></div>'
    if layout == "ghost":
        return (
            '<div class="kg-card kg-callout-card kg-callout-card-blue"><div '
            f'class="kg-callout-emoji">🔒</div><div class="kg-callout-text">{MEMBER_NOTICE}</div></div>'
        )
    return (
        '<div class="my-6 rounded-md border-l-4 border-amber-400 bg-amber-50 p-4 text-sm '
        f'text-amber-800" role="note"><p>{MEMBER_NOTICE}</p></div>'
    )


def share_html(layout: str) -> str:
    cls = {
        "joomla": "share-buttons btn-group",
        "spip": "partage",
        "ghost": "gh-article-share",
        "astro": "mt-10 flex gap-4 text-sm text-gray-500",
    }[layout]
    return (
        f'<div class="{cls}"><span>Partager :</span> <a href="https://www.facebook.com/sharer/'
        'sharer.php" target="_blank" rel="noopener">Facebook</a> <a href="https://www.linkedin.com/'
        'sharing/share-offsite/" target="_blank" rel="noopener">LinkedIn</a> <a href="mailto:?'
        'subject=RTES">E-mail</a></div>'
    )


# --- Nodes -------------------------------------------------------------------------------


def _node_parts(resource: Resource, layout: str, br: bool) -> dict[str, str]:
    """The node's pieces: under the title (top), the unlabelled lead, the lead image, before
    the body, the body (or the member notice standing in its place), after it, the end."""
    tags = tags_html(resource, layout) if resource.tags else ""
    at_top = tag_place(resource) == "top"
    parts = {"top": tags if at_top else "", "end": "" if at_top else tags, "lead": ""}
    parts.update(image=lead_image_html(resource, layout), before="", after="")
    if resource.kind == "article":
        parts["body"] = body_html(resource, layout, br)
        return parts
    if resource.is_private:
        notice = notice_html(layout)
        parts["body"] = notice if notice_place(resource) == "body" else ""
        parts["top"] += "" if parts["body"] else notice
    else:
        parts["body"] = body_html(resource, layout, br)
    parts["before"], parts["after"] = fields_html(resource, layout)
    if lead_summary(resource, layout):
        paragraphs = _summary_paragraphs(resource)
        if layout == "spip":
            parts["lead"] = (
                f'<div class="chapo surlignable crayon article-chapo-{resource.nid}">'
                + "".join(f"<p>{p}</p>" for p in paragraphs)
                + "</div>"
            )
        else:
            parts["lead"] = f'<p class="gh-article-excerpt is-body">{paragraphs[0]}</p>'
    return parts


def _joomla_node(resource: Resource, parts: dict[str, str], share: str) -> str:
    body = parts["body"]
    if body and not resource.is_private:
        body = f'<div itemprop="articleBody" class="com-content-article__body">{body}</div>'
    return (
        '<div class="com-content-article item-page" itemscope itemtype="https://schema.org/'
        'Article"><meta itemprop="inLanguage" content="fr-FR"><div class="page-header"><h1 '
        f'itemprop="headline">{esc(resource.title)}</h1></div>{parts["top"]}'
        f"{date_html(resource)}{parts['before']}{parts['image']}{body}{parts['after']}"
        f"{parts['end']}{share}</div>"
    )


def _spip_node(resource: Resource, parts: dict[str, str], share: str) -> str:
    nid, body = resource.nid, parts["body"]
    if body and not resource.is_private:
        body = f'<div class="texte surlignable clearfix crayon article-texte-{nid}">{body}</div>'
    ps = (
        f'<div class="ps surlignable"><h2 class="pskicker">Post-scriptum</h2><div class="crayon '
        f'article-ps-{nid}"><p>{PHOTO_CREDIT}</p></div></div>'
        if resource.lead_image
        else ""
    )
    return (
        f'<div class="cartouche">{parts["image"]}<h1 class="surlignable crayon article-titre-{nid}">'
        f"{esc(resource.title)}</h1>{date_html(resource)}{parts['top']}</div>"
        f'<div class="surlignable">{parts["lead"]}{parts["before"]}{body}</div>'
        f"{parts['after']}{ps}{parts['end']}{share}"
    )


def _ghost_node(resource: Resource, parts: dict[str, str], share: str) -> str:
    length = (
        ""
        if date_style(resource) == "byline"
        else f'<span class="gh-article-meta-length"><span class="bull">—</span> '
        f"{reading_time(resource)}</span>"
    )
    classes = "gh-article post" + (f" tag-{slugify(resource.tags[0])}" if resource.tags else "")
    classes += "" if resource.lead_image else " no-image"
    end = f'<div class="gh-article-tags">{parts["end"]}</div>' if parts["end"] else ""
    return (
        f'<article class="{classes}"><header class="gh-article-header gh-canvas">{parts["top"]}'
        f'<h1 class="gh-article-title is-title">{esc(resource.title)}</h1>{parts["lead"]}'
        '<div class="gh-article-meta"><div class="gh-article-author-image"><a href="/author/'
        'redaction/"><img class="author-profile-image" src="/content/images/2021/06/rtes.png" '
        f'alt="{AUTHOR}"></a></div><div class="gh-article-meta-wrapper"><h4 '
        f'class="gh-article-author-name"><a href="/author/redaction/">{AUTHOR}</a></h4>'
        f"{date_html(resource)}{length}</div></div>{parts['image']}</header>"
        f'<section class="gh-content gh-canvas is-body">{parts["before"]}{parts["body"]}'
        f'{parts["after"]}</section><footer class="gh-article-footer gh-canvas">{end}{share}'
        "</footer></article>"
    )


def _astro_node(resource: Resource, parts: dict[str, str], share: str) -> str:
    cid = _cid("article")
    body = parts["body"]
    if body and not resource.is_private:
        body = (
            f'<div class="prose prose-slate lg:prose-lg mt-8 max-w-none" data-astro-cid-{cid}>'
            f"{body}</div>"
        )
    return (
        f'<article class="mx-auto max-w-3xl px-4 py-10" data-astro-cid-{cid}><header '
        f'data-astro-cid-{cid}><h1 class="text-3xl font-bold tracking-tight text-slate-900 '
        f'sm:text-4xl">{esc(resource.title)}</h1>{date_html(resource)}{parts["top"]}</header>'
        f"{parts['image']}{parts['before']}{body}{parts['after']}{parts['end']}{share}</article>"
    )


NODES = {"joomla": _joomla_node, "spip": _spip_node, "ghost": _ghost_node, "astro": _astro_node}


def node_html(resource: Resource, layout: str, br: bool = False) -> str:
    """The node on its own page in the layout's structure."""
    share = "" if br else share_html(layout)
    return NODES[layout](resource, _node_parts(resource, layout, br), share)


# --- Listings ----------------------------------------------------------------------------


def _full_item(resource: Resource, layout: str) -> str:
    """A full listing item's node parts after its title: the date, fields, body, tags."""
    parts = _node_parts(resource, layout, False)
    order = ("top", "lead", "before", "image", "body", "after", "end")
    return date_html(resource) + "".join(parts[k] for k in order)


def _primary_tag(resource: Resource) -> str:
    return resource.tags[0] if resource.tags else ""


def blog_item(resource: Resource, teaser: bool, layout: str) -> str:
    """A Joomla category blog item: title, article info, intro text, "Lire la suite : …"."""
    title, path = esc(resource.title), resource.path
    if teaser:
        pub = resource.published
        content = (
            '<dl class="article-info text-muted"><dt class="article-info-term">Détails</dt><dd '
            f'class="published"><span class="icon-calendar icon-fw" aria-hidden="true"></span><time '
            f'datetime="{render.iso_local(pub)}">Publication : {long_date(pub)}</time></dd></dl>'
            f"<p>{esc(render.teaser_lead(resource))}</p>"
            f'<p class="readmore"><a class="btn btn-secondary" href="{path}" aria-label="Lire la '
            f'suite : {attr(resource.title)}"><span class="icon-chevron-right" aria-hidden="true">'
            f"</span> Lire la suite : {title}</a></p>"
        )
    else:
        content = _full_item(resource, layout)
    return (
        '<div class="com-content-category-blog__item blog-item" itemprop="blogPost" itemscope '
        'itemtype="https://schema.org/BlogPosting"><div class="item-content"><div class="page-'
        f'header"><h2 itemprop="name"><a href="{path}" itemprop="url">{title}</a></h2></div>'
        f"{content}</div></div>"
    )


def spip_item(resource: Resource, teaser: bool, layout: str) -> str:
    """A SPIP rubrique's article item: h3 link, date line, introduction."""
    pub = resource.published
    if teaser:
        content = (
            f'<p class="info-publi"><abbr class="published" title="{render.iso_utc(pub)}">'
            f'{render.french_date(pub)}</abbr></p><div class="introduction entry-content"><p>'
            f"{esc(render.teaser_lead(resource))}</p></div>"
            f'<p class="suite"><a href="{resource.path}" class="lire-la-suite">Lire la suite</a></p>'
        )
    else:
        content = f'<div class="introduction entry-content">{_full_item(resource, layout)}</div>'
    return (
        f'<li class="item hentry"><h3 class="h3 entry-title"><a href="{resource.path}" '
        f'rel="bookmark">{esc(resource.title)}</a></h3>{content}</li>'
    )


def post_card(resource: Resource, teaser: bool, layout: str) -> str:
    """A Casper post card: the image link, the content link around the header (and the excerpt
    of a teaser), the card's meta."""
    path, tag = resource.path, _primary_tag(resource)
    image = (
        f'<a class="post-card-image-link" href="{path}"><img class="post-card-image" src="'
        f'{attr(resource.lead_image)}" alt="{attr(resource.lead_alt)}" loading="lazy"></a>'
        if resource.lead_image
        else ""
    )
    tags = (
        f'<div class="post-card-tags"><span class="post-card-primary-tag">{esc(tag)}</span></div>'
        if tag
        else ""
    )
    header = (
        f'<header class="post-card-header">{tags}<h2 class="post-card-title">'
        f"{esc(resource.title)}</h2></header>"
    )
    if teaser:
        excerpt = f'<div class="post-card-excerpt">{esc(render.teaser_lead(resource))}</div>'
        link, content = f'<a class="post-card-content-link" href="{path}">{header}{excerpt}</a>', ""
    else:
        link = f'<a class="post-card-content-link" href="{path}">{header}</a>'
        content = f'<div class="post-card-excerpt gh-content">{_full_item(resource, layout)}</div>'
    pub = resource.published
    return (
        f'<article class="post-card post{"" if image else " no-image"}">{image}<div '
        f'class="post-card-content">{link}{content}<footer class="post-card-meta"><time '
        f'class="post-card-meta-date" datetime="{pub:%Y-%m-%d}">{date_text(pub, "byline")}</time>'
        f'<span class="post-card-meta-length">{reading_time(resource)}</span></footer></div>'
        "</article>"
    )


def tw_item(resource: Resource, teaser: bool, layout: str) -> str:
    """An Astro list card: date, title link, excerpt and "Lire la suite →"."""
    pub, path = resource.published, resource.path
    if teaser:
        content = (
            f'<p class="mt-2 line-clamp-3 text-slate-600">{esc(render.teaser_lead(resource))}</p>'
            f'<a href="{path}" class="mt-3 inline-block text-sm font-medium text-teal-700 '
            f'hover:underline" aria-label="Lire la suite de {attr(resource.title)}">Lire la '
            "suite →</a>"
        )
    else:
        content = f'<div class="mt-4">{_full_item(resource, layout)}</div>'
    return (
        f'<li class="py-6"><article class="group relative"><p class="text-sm text-gray-500"><time '
        f'datetime="{pub:%Y-%m-%d}">{date_text(pub, "weekday")}</time></p><h2 class="mt-1 '
        f'text-xl font-semibold text-slate-900"><a href="{path}" class="hover:underline">'
        f"{esc(resource.title)}</a></h2>{content}</article></li>"
    )


ITEMS = {"blog": blog_item, "liste_items": spip_item, "post_feed": post_card, "divide_y": tw_item}


def list_html(style: str, resources, teaser: bool, layout: str) -> str:
    items = "".join(ITEMS[style](r, teaser, layout) for r in resources)
    if style == "blog":
        return f'<div class="com-content-category-blog__items blog-items">{items}</div>'
    if style == "liste_items":
        return f'<div class="liste articles"><ul class="liste-items">{items}</ul></div>'
    if style == "post_feed":
        return f'<div class="post-feed">{items}</div>'
    return f'<ul class="divide-y divide-slate-200" role="list">{items}</ul>'


# --- Pagers ------------------------------------------------------------------------------


def _joomla_link(label: str, target: int | None, icon: str = "", text: str = "") -> str:
    inner = f'<span class="{icon}" aria-hidden="true"></span>' if icon else text
    if target is None:
        return (
            f'<li class="disabled page-item"><span class="page-link" aria-hidden="true">{inner}'
            "</span></li>"
        )
    return (
        f'<li class="page-item"><a aria-label="{label}" href="?page={target}" class="page-link">'
        f"{inner}</a></li>"
    )


def joomla_pager(current: int, total: int) -> str:
    first, last = current > 0, current < total - 1
    items = [
        _joomla_link("Aller à la page début", 0 if first else None, "icon-angle-double-left"),
        _joomla_link(
            "Aller à la page précédente", current - 1 if first else None, "icon-angle-left"
        ),
    ]
    for n in range(total):
        if n == current:
            items.append(
                f'<li class="active page-item"><a aria-current="true" aria-label="Page {n + 1}" '
                f'href="#" class="page-link">{n + 1}</a></li>'
            )
        else:
            items.append(_joomla_link(f"Aller à la page {n + 1}", n, text=str(n + 1)))
    items.append(
        _joomla_link("Aller à la page suivante", current + 1 if last else None, "icon-angle-right")
    )
    items.append(
        _joomla_link("Aller à la page fin", total - 1 if last else None, "icon-angle-double-right")
    )
    return (
        '<div class="com-content-category-blog__navigation w-100"><p class="com-content-category-'
        f'blog__counter counter float-end pt-3 pe-2">Page {current + 1} sur {total}</p><div '
        'class="com-content-category-blog__pagination"><nav class="pagination__wrapper" '
        'aria-label="Pagination"><div class="pagination pagination-toolbar text-center"><ul '
        f'class="pagination ms-0 mb-4">{"".join(items)}</ul></div></nav></div></div>'
    )


def spip_pager(current: int, total: int) -> str:
    pages = '<span class="sep"> | </span>'.join(
        f'<span class="on">{n + 1}</span>'
        if n == current
        else f'<a href="?page={n}" class="lien_pagination" rel="nofollow">{n + 1}</a>'
        for n in range(total)
    )
    prev = (
        f'<a href="?page={current - 1}" class="lien_pagination precedent" rel="prev">« Précédent'
        "</a> "
        if current > 0
        else ""
    )
    nxt = (
        f' <a href="?page={current + 1}" class="lien_pagination suivant" rel="next">Suivant »</a>'
        if current < total - 1
        else ""
    )
    return (
        f'<p class="pagination"><a id="pagination_articles" name="pagination_articles"></a>{prev}'
        f'<span class="pages">{pages}</span>{nxt}</p>'
    )


def ghost_pager(current: int, total: int) -> str:
    newer = (
        f'<a class="newer-posts" href="?page={current - 1}">← Articles plus récents</a>'
        if current > 0
        else ""
    )
    older = (
        f'<a class="older-posts" href="?page={current + 1}">Articles plus anciens →</a>'
        if current < total - 1
        else ""
    )
    return (
        f'<nav class="pagination" role="navigation">{newer}<span class="page-number">Page '
        f"{current + 1} sur {total}</span>{older}</nav>"
    )


def astro_pager(current: int, total: int) -> str:
    link = "rounded-md px-3 py-1 text-slate-700 hover:bg-slate-100"
    numbers = "".join(
        f'<li><span aria-current="page" class="rounded-md bg-teal-600 px-3 py-1 text-white">'
        f"{n + 1}</span></li>"
        if n == current
        else f'<li><a href="?page={n}" class="{link}">{n + 1}</a></li>'
        for n in range(total)
    )
    prev = (
        f'<a href="?page={current - 1}" rel="prev" class="{link}">← Précédent</a>'
        if current > 0
        else '<span class="px-3 py-1 text-slate-300">← Précédent</span>'
    )
    nxt = (
        f'<a href="?page={current + 1}" rel="next" class="{link}">Suivant →</a>'
        if current < total - 1
        else '<span class="px-3 py-1 text-slate-300">Suivant →</span>'
    )
    return (
        '<nav class="mt-10 flex items-center justify-between text-sm" aria-label="Pagination">'
        f'{prev}<ol class="flex gap-1">{numbers}</ol>{nxt}</nav>'
    )


PAGERS = {"joomla": joomla_pager, "spip": spip_pager, "ghost": ghost_pager, "astro": astro_pager}


def pager_html(style: str, current: int, total: int) -> str:
    """The listing's pager (0-based ?page=N), none on a single page."""
    return PAGERS[style](current, total) if total > 1 else ""


# --- Page chrome -------------------------------------------------------------------------

EPRIVACY = (
    '<div class="plg_system_eprivacy_module fixed-bottom"><div class="plg_system_eprivacy_message'
    ' alert alert-dark" role="dialog" aria-live="polite"><h2>Cookies</h2><p>Ce site utilise des '
    "cookies pour mesurer son audience. En poursuivant la navigation, vous acceptez leur "
    'utilisation.</p><button class="plg_system_eprivacy_agreed btn btn-primary">Accepter</button>'
    ' <button class="plg_system_eprivacy_declined btn btn-secondary">Refuser</button> <a '
    'href="/mentions-legales" class="btn btn-link">Politique de confidentialité</a></div></div>'
)
COOKIECONSENT = (
    '<div role="dialog" aria-live="polite" aria-label="cookieconsent" aria-describedby='
    '"cookieconsent:desc" class="cc-window cc-banner cc-type-opt-in cc-theme-block cc-bottom">'
    '<span id="cookieconsent:desc" class="cc-message">Ce site utilise des cookies pour vous '
    'garantir la meilleure expérience. <a aria-label="en savoir plus sur les cookies" '
    'role="button" tabindex="0" class="cc-link" href="/mentions-legales" rel="noopener '
    'noreferrer nofollow" target="_blank">En savoir plus</a></span><div class="cc-compliance '
    'cc-highlight"><a aria-label="refuser les cookies" role="button" tabindex="0" class="cc-btn '
    'cc-deny">Refuser</a><a aria-label="accepter les cookies" role="button" tabindex="0" '
    'class="cc-btn cc-allow">Accepter</a></div></div>'
)
TAILWIND_BANNER = (
    '<div id="cookie-banner" class="fixed inset-x-0 bottom-0 z-50 border-t border-slate-200 '
    'bg-white/95 p-4 shadow-lg backdrop-blur" role="dialog" aria-label="Cookies"><div '
    'class="mx-auto flex max-w-5xl flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">'
    '<p class="text-sm text-slate-600">Nous utilisons des cookies de mesure d’audience (Matomo). '
    '<a href="/mentions-legales" class="underline">En savoir plus</a></p><div class="flex '
    'gap-2"><button type="button" class="rounded border border-slate-300 px-3 py-1.5 text-sm">'
    'Refuser</button><button type="button" class="rounded bg-teal-600 px-3 py-1.5 text-sm '
    'text-white">Accepter</button></div></div></div>'
)
BANNERS = {
    "eprivacy": EPRIVACY,
    "tarteaucitron": theme10.TARTEAUCITRON,
    "cookieconsent": COOKIECONSENT,
    "tailwind": TAILWIND_BANNER,
}


def _joomla_nav(site: Site | None) -> str:
    parts = []
    for n, (path, label, children) in enumerate(theme10._menu_items(site)):
        item = 101 + n * 10
        if children:
            kids = "".join(
                f'<li class="nav-item item-{item + k + 1}"><a href="{p}">{esc(t)}</a></li>'
                for k, (p, t) in enumerate(children)
            )
            parts.append(
                f'<li class="nav-item item-{item} deeper parent"><span class="mod-menu__heading '
                f'nav-header">{esc(label)}</span><ul class="mod-menu__sub list-unstyled small">'
                f"{kids}</ul></li>"
            )
        else:
            default = " default" if path == "/" else ""
            parts.append(
                f'<li class="nav-item item-{item}{default}"><a href="{path}">{esc(label)}</a></li>'
            )
    return (
        '<nav class="navbar navbar-expand-md" aria-label="Menu principal"><button '
        'class="navbar-toggler navbar-toggler-right" type="button" data-bs-toggle="collapse" '
        'data-bs-target="#navbar1" aria-controls="navbar1" aria-expanded="false" aria-label='
        '"Permuter la navigation"><span class="icon-menu" aria-hidden="true"></span></button>'
        '<div class="collapse navbar-collapse" id="navbar1"><ul class="mod-menu mod-list nav ">'
        f"{''.join(parts)}</ul></div></nav>"
    )


def _spip_nav(site: Site | None) -> str:
    parts = []
    for path, label, children in theme10._menu_items(site):
        if children:
            kids = "".join(
                f'<li class="menu-entree item"><a href="{p}" class="menu-item">{esc(t)}</a></li>'
                for p, t in children
            )
            parts.append(
                f'<li class="menu-entree item menu-items__item_parent"><span>{esc(label)}</span>'
                f'<ul class="menu-liste menu-items">{kids}</ul></li>'
            )
        else:
            parts.append(
                f'<li class="menu-entree item"><a href="{path}" class="menu-item">{esc(label)}</a>'
                "</li>"
            )
    return (
        '<div class="nav clearfix" id="nav"><nav class="menu-rubriques menu menu-conteneur"><ul '
        f'class="menu-liste menu-items">{"".join(parts)}</ul></nav></div>'
    )


def _ghost_nav(site: Site | None) -> tuple[str, str]:
    """Casper's primary navigation (top-level items) and the footer's secondary one (the
    category listings and the regions: Ghost menus have no dropdowns)."""
    top, secondary = [], []
    for path, label, children in theme10._menu_items(site):
        if children:
            secondary.extend(children)
        else:
            top.append(
                f'<li class="nav-{slugify(label) or "accueil"}"><a href="{path}">{esc(label)}</a></li>'
            )
    bottom = "".join(
        f'<li class="nav-{slugify(t)}"><a href="{p}">{esc(t)}</a></li>' for p, t in secondary
    )
    return f'<ul class="nav">{"".join(top)}</ul>', f'<ul class="nav">{bottom}</ul>'


def _astro_nav(site: Site | None) -> str:
    parts = []
    for path, label, children in theme10._menu_items(site):
        if children:
            kids = "".join(
                f'<li><a href="{p}" class="block px-4 py-2 hover:bg-slate-50">{esc(t)}</a></li>'
                for p, t in children
            )
            parts.append(
                '<li class="group relative"><button type="button" class="inline-flex '
                f'items-center gap-1 hover:text-teal-700" aria-haspopup="true">{esc(label)}'
                '</button><ul class="absolute left-0 z-10 hidden w-72 rounded-md border bg-white '
                f'py-2 shadow-lg group-hover:block">{kids}</ul></li>'
            )
        else:
            parts.append(f'<li><a href="{path}" class="hover:text-teal-700">{esc(label)}</a></li>')
    return (
        '<nav aria-label="Menu principal"><ul class="flex flex-wrap items-center gap-6 text-sm '
        f'font-medium text-slate-700">{"".join(parts)}</ul></nav>'
    )


def _header(site: Site | None, layout: str) -> str:
    name = esc(render.SITE_NAME)
    if layout == "joomla":
        return (
            '<header class="header container-header full-width"><div class="grid-child"><div '
            f'class="navbar-brand"><a class="brand-logo" href="/"><span title="{render.SITE_SHORT}">'
            f'{name}</span></a><div class="site-description">L’économie solidaire dans les '
            'territoires</div></div></div><div class="grid-child container-nav">'
            f'{_joomla_nav(site)}<div class="container-search"><form class="mod-finder '
            'js-finder-searchform form-search" action="/recherche" method="get" role="search">'
            '<label for="mod-finder-searchword" class="visually-hidden finder">Rechercher</label>'
            '<input type="text" name="q" id="mod-finder-searchword" class="js-finder-search-query '
            'form-control" placeholder="Rechercher..."></form></div></div></header>'
        )
    if layout == "spip":
        return (
            '<div class="header" id="header"><div class="accueil"><a rel="start home" href="/" '
            'title="Accueil"><img class="spip_logo" src="/IMG/logo/siteon0.png" alt="" width="80" '
            f'height="80"><strong id="nom_site_spip">{name}</strong></a><p id="slogan_site_spip">'
            f"L’économie solidaire dans les territoires</p></div></div>{_spip_nav(site)}"
        )
    if layout == "ghost":
        menu, _ = _ghost_nav(site)
        return (
            '<header id="gh-head" class="gh-head outer is-head-left-logo"><div class="gh-head-inner '
            f'inner"><div class="gh-head-brand"><a class="gh-head-logo no-image" href="/">{name}</a>'
            '<button class="gh-search gh-icon-btn" aria-label="Rechercher" data-ghost-search>'
            '</button><button class="gh-burger" aria-label="Menu"></button></div><nav '
            f'class="gh-head-menu">{menu}</nav><div class="gh-head-actions"><a class="gh-head-link" '
            'href="#/portal/signin" data-portal="signin">Connexion</a><a class="gh-head-button" '
            'href="#/portal/signup" data-portal="signup">Abonnez-vous</a></div></div></header>'
        )
    return (
        '<header class="border-b border-slate-200 bg-white"><div class="mx-auto flex max-w-5xl '
        'flex-wrap items-center justify-between gap-4 px-4 py-4"><a href="/" class="text-lg '
        f'font-bold text-teal-800">{name}</a>{_astro_nav(site)}</div></header>'
    )


def _crumbs(trail: list[tuple[str | None, str]], current: str, layout: str) -> str:
    """The breadcrumb trail from Accueil (an item without a path: plain text); none on Ghost."""
    steps = [("/", "Accueil"), *trail]
    if layout == "joomla":
        items = "".join(
            '<li class="mod-breadcrumbs__item breadcrumb-item">'
            + (
                f'<a href="{p}" class="pathway"><span>{esc(t)}</span></a>'
                if p
                else f"<span>{esc(t)}</span>"
            )
            + "</li>"
            for p, t in steps
        )
        return (
            '<nav class="mod-breadcrumbs__wrapper" aria-label="Fil d’Ariane"><ol class="mod-'
            'breadcrumbs breadcrumb px-3 py-2"><li class="mod-breadcrumbs__here float-start">Vous '
            f'êtes ici : &#160;</li>{items}<li class="mod-breadcrumbs__item breadcrumb-item '
            f'active"><span>{esc(current)}</span></li></ol></nav>'
        )
    if layout == "spip":
        links = " &gt; ".join(f'<a href="{p}">{esc(t)}</a>' if p else esc(t) for p, t in steps)
        return f'<p class="arbo">{links} &gt; <strong class="on">{esc(current)}</strong></p>'
    if layout == "ghost":
        return ""
    items = "".join(
        (
            f'<li><a href="{p}" class="hover:underline">{esc(t)}</a></li>'
            if p
            else f"<li><span>{esc(t)}</span></li>"
        )
        + '<li aria-hidden="true">/</li>'
        for p, t in steps
    )
    return (
        '<nav aria-label="Fil d’Ariane" class="mt-6 text-sm text-gray-500"><ol class="flex '
        f'flex-wrap gap-2">{items}<li aria-current="page">{esc(current)}</li></ol></nav>'
    )


FOOTER_LINKS = (
    ("/plan-du-site", "Plan du site"),
    ("/mentions-legales", "Mentions légales"),
    ("/contact", "Contact"),
    ("/newsletter-rtes-mars-2021", "Lettre d’information"),
)
POWERED = {
    "joomla": '<a href="https://www.joomla.org">Joomla!</a>',
    "spip": '<a href="https://www.spip.net/" title="Site réalisé avec SPIP">SPIP</a>',
    "ghost": '<a href="https://ghost.org/" target="_blank" rel="noopener">Ghost</a>',
    "astro": '<a href="https://astro.build">Astro</a>',
}


def _footer(site: Site | None, layout: str) -> str:
    links = " | ".join(f'<a href="{p}">{t}</a>' for p, t in FOOTER_LINKS)
    address = f"{esc(render.SITE_NAME)} – 1 place de l’Hôtel de Ville – 59000 Lille"
    powered = f"Propulsé par {POWERED[layout]}"
    if layout == "joomla":
        return (
            '<footer class="container-footer footer full-width"><div class="grid-child"><div '
            f'class="mod-footer"><div class="footer1">{address}</div><div class="footer2">{links}'
            f" – {powered}</div></div></div></footer>"
        )
    if layout == "spip":
        return (
            f'<div class="footer clearfix" id="footer"><p class="colophon">{address}<br>{links} | '
            f'<a href="/user/login" rel="nofollow">Se connecter</a><br>{powered}</p></div>'
        )
    if layout == "ghost":
        _, secondary = _ghost_nav(site)
        return (
            '<footer class="site-footer outer"><div class="inner"><section class="copyright"><a '
            f'href="/">{esc(render.SITE_NAME)}</a> © 2024</section><nav class="site-footer-nav">'
            f'{secondary}<ul class="nav">'
            + "".join(f'<li><a href="{p}">{t}</a></li>' for p, t in FOOTER_LINKS)
            + f'</ul></nav><div class="gh-powered-by">{powered}</div></div></footer>'
        )
    return (
        '<footer class="mt-16 border-t border-slate-200"><div class="mx-auto max-w-5xl px-4 py-8 '
        f'text-sm text-gray-500"><p>{address}</p><p class="mt-2">{links}</p><p class="mt-2">© 2024 '
        f"{render.SITE_SHORT} · {powered}</p></div></footer>"
    )


GHOST_CTA = (
    '<section class="footer-cta outer"><div class="inner"><h2 class="footer-cta-title">Abonnez-vous '
    f'à {render.SITE_SHORT}</h2><a class="footer-cta-button" href="#/portal/signup" '
    'data-portal="signup"><div class="footer-cta-input">Saisissez votre adresse e-mail</div><span>'
    "S’abonner</span></a></div></section>"
)
HEAD = {
    "joomla": (
        '<meta name="generator" content="Joomla! - Open Source Content Management">\n'
        '<link href="/media/templates/site/cassiopeia/css/template.min.css?4.4.2" rel="stylesheet">'
    ),
    "spip": (
        '<meta name="generator" content="SPIP 4.2.9">\n'
        '<link rel="stylesheet" href="/squelettes-dist/css/spip.css" type="text/css">'
    ),
    "ghost": (
        '<meta name="generator" content="Ghost 5.75">\n'
        '<link rel="stylesheet" type="text/css" href="/assets/built/screen.css?v=6c1f4a2b9d">'
    ),
    "astro": (
        '<meta name="generator" content="Astro v4.5.9">\n'
        '<link rel="stylesheet" href="/_astro/index.Bx3kLq9a.css">'
    ),
}
BODY_CLASS = {
    "joomla": "site com_content wrapper-static view-{view} no-layout no-task",
    "spip": "pas_surlignable page_{view}",
    "ghost": "{view}-template is-head-left-logo",
    "astro": "min-h-screen bg-white text-slate-800 antialiased",
}
VIEWS = {  # the page's kind as each family names its template
    "joomla": {"node": "article", "list": "category", "page": "article"},
    "spip": {"node": "article", "list": "rubrique", "page": "article"},
    "ghost": {"node": "post", "list": "tag", "page": "page"},
    "astro": {"node": "", "list": "", "page": ""},
}


def _body(layout: str, chrome: str, trail: str, content: str, footer: str) -> str:
    if layout == "joomla":
        return (
            f'{chrome}<div class="site-grid"><div class="grid-child container-component">{trail}'
            f'<main>{content}</main></div></div>{footer}<a href="#top" id="back-top" class="back-'
            'to-top-link" aria-label="Haut de page"><span class="icon-arrow-up icon-fw" '
            'aria-hidden="true"></span></a>'
        )
    if layout == "spip":
        return (
            f'<div class="page"><div class="container">{chrome}<div class="main"><div class="'
            f'wrapper hfeed"><div class="content hentry" id="content">{trail}{content}</div></div>'
            '<div class="aside"><div class="formulaire_spip formulaire_recherche" id="formulaire_'
            'recherche"><form action="/recherche" method="get"><label for="recherche">Rechercher :'
            '</label><input type="search" class="search text" size="10" name="recherche" '
            f'id="recherche"></form></div></div></div>{footer}</div></div>'
        )
    if layout == "ghost":
        cta = GHOST_CTA if chrome else ""
        return (
            f'<div class="viewport">{chrome}<div class="site-content"><main id="site-main" '
            f'class="site-main">{content}</main></div>{cta}{footer}</div>'
        )
    return f'{chrome}<main class="mx-auto max-w-5xl px-4">{trail}{content}</main>{footer}'


def page(
    title: str,
    content: str,
    *,
    site: Site | None,
    layout: str,
    view: str = "page",
    head_links: str = "",
    header: bool = True,
    crumbs: list[tuple[str | None, str]] | None = None,
    current: str = "",
    extra_head: str = "",
) -> str:
    """A page around content in the layout's structure (header=False: no header, menu nor
    breadcrumb, as the node's system path renders). SPIP writes no `<main>` element."""
    banner = BANNERS.get(consent_style(layout), "")
    chrome = _header(site, layout) if header else ""
    trail = _crumbs(crumbs or [], current or title, layout) if header and crumbs is not None else ""
    body = _body(layout, chrome, trail, content, _footer(site, layout))
    body_class = BODY_CLASS[layout].format(view=VIEWS[layout][view])
    if layout == "spip" and view == "node":
        body = f'<div class="page_article">{body}</div>'
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="fr-FR" dir="ltr">' if layout != "astro" else '<html lang="fr">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            HEAD[layout],
            head_links,
            extra_head,
            f"<title>{esc(title)} - {render.SITE_SHORT}</title>",
            "</head>",
            f'<body class="{body_class}">',
            body,
            banner,
            "</body>",
            "</html>",
        ]
    )


# --- Pages -------------------------------------------------------------------------------


def _title_block(layout: str, title: str, key: object, kind: str = "page") -> str:
    """A non-node page's title in the layout's markup."""
    text = esc(title)
    if layout == "joomla":
        return f'<div class="page-header"><h1>{text}</h1></div>'
    if layout == "spip":
        n = zlib.crc32(str(key).encode()) % 900 + 1
        what = "rubrique" if kind == "list" else "article"
        return f'<div class="cartouche"><h1 class="surlignable crayon {what}-titre-{n}">{text}</h1></div>'
    if layout == "ghost":
        if kind == "list":
            return (
                '<section class="post-card post-card-large tag-card"><div class="post-card-content">'
                f'<header class="post-card-header"><h1 class="post-card-title">{text}</h1></header>'
                "</div></section>"
            )
        return f'<header class="gh-article-header gh-canvas"><h1 class="gh-article-title is-title">{text}</h1></header>'
    return f'<h1 class="text-3xl font-bold tracking-tight text-slate-900">{text}</h1>'


def _wrap(layout: str, title: str, inner: str, key: object, kind: str = "page") -> str:
    """A non-node page's content (kind "list": a listing; "page": a text) in the layout."""
    head = _title_block(layout, title, key, kind)
    if layout == "joomla":
        if kind == "list":
            return (
                '<div class="com-content-category-blog blog" itemscope itemtype="https://schema.org/'
                f'Blog">{head}{inner}</div>'
            )
        return (
            f'<div class="com-content-article item-page">{head}<div itemprop="articleBody" '
            f'class="com-content-article__body">{inner}</div></div>'
        )
    if layout == "spip":
        return head + (inner if kind == "list" else f'<div class="texte surlignable">{inner}</div>')
    if layout == "ghost":
        if kind == "list":
            return f'<div class="inner posts">{head}{inner}</div>'
        return (
            f'<article class="gh-article page no-image">{head}<section class="gh-content '
            f'gh-canvas is-body">{inner}</section></article>'
        )
    body = (
        inner
        if kind == "list"
        else f'<div class="prose prose-slate lg:prose-lg mt-6">{inner}</div>'
    )
    return f'<section class="mx-auto max-w-3xl px-4 py-10" data-astro-cid-{_cid(kind)}>{head}{body}</section>'


def _node_trail(resource: Resource) -> list[tuple[str | None, str]]:
    return [(None, render.RESOURCES_MENU), *render.category_crumbs(resource)]


def detail_page(site: Site, resource: Resource, header: bool = True, br: bool = False) -> str:
    layout = layout_of(resource.nid)
    og = (
        f'<meta property="og:title" content="{attr(resource.title)}">\n'
        '<meta property="og:type" content="article">\n'
        f'<meta property="article:published_time" content="{render.iso_local(resource.published)}">'
    )
    return page(
        resource.title,
        node_html(resource, layout, br),
        site=site,
        layout=layout,
        view="node",
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


def listing_page(site: Site, listing: Listing, page_number: int) -> str:
    items = site.listed[listing.path]
    index = next(i for i, lst in enumerate(LISTINGS) if lst.path == listing.path)
    layout = listing_layout(index)
    shown = (
        items[page_number * PAGE_SIZE : (page_number + 1) * PAGE_SIZE] if page_number >= 0 else ()
    )
    total = max(1, math.ceil(len(items) / PAGE_SIZE))
    if shown:
        listed = list_html(list_style(index), shown, listing.teasers, layout)
        listed += pager_html(pager_style(index), page_number, total)
    else:
        listed = f'<p class="no-results">{render.EMPTY_VIEW}</p>'
    return page(
        listing.title,
        _wrap(layout, listing.title, listed, listing.path, "list"),
        site=site,
        layout=layout,
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
        "Accueil", _wrap(layout, render.SITE_NAME, inner, "home", "list"), site=site, layout=layout
    )


def static_page(site: Site, path: str) -> str:
    title, body = render.STATIC_PAGES[path]
    return static_page_html(site, title, body)


def static_page_html(site: Site, title: str, body: str) -> str:
    layout = layout_of(zlib.crc32(title.encode()))
    content = _wrap(layout, title, f"<p>{esc(body)}</p>", title)
    return page(title, content, site=site, layout=layout, crumbs=[])


def not_found_page(site: Site) -> str:
    layout = layout_of(404)
    inner = (
        "<p>Désolé, la page que vous cherchez n’existe pas ou a été déplacée (erreur 404).</p>"
        '<p><a href="/">Retour à l’accueil</a></p>'
    )
    return page(
        "Page non trouvée", _wrap(layout, "Page non trouvée", inner, 404), site=site, layout=layout
    )


# --- Members (mirror.kinds.RENDERERS[11]) ------------------------------------------------


def member_fields(member, layout: str) -> str:
    """The member fields in the family's field markup (Joomla custom fields, SPIP champs
    extras, a Ghost card of strong lines, a Tailwind grid)."""
    from mirror import kinds

    rows = [(label, esc(value), "member") for label, value in kinds._field_rows(member)]
    if layout == "joomla":
        return fields_container(rows)
    if layout == "spip":
        return f'<div class="champs_extras">{champs_extras(rows)}</div>'
    if layout == "ghost":
        return strong_lines(rows)
    return dl_grid(rows)


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
        _wrap(layout, member.name, inner, member.nid),
        site=site,
        layout=layout,
        head_links=kinds._head_links(member),
        crumbs=[("/" + kinds.region_slug(member.region), member.region)],
        current=member.name,
    )


def region_page(site: Site, region: str) -> str:
    from mirror import kinds

    key = zlib.crc32(region.encode())
    layout = layout_of(key)
    items = "".join(
        f'<article class="member-entry"><h2><a href="{m.path}">{esc(m.name)}</a></h2>'
        f"{member_fields(m, layout)}</article>"
        for m in kinds.in_region(site, region)
    )
    return page(
        region,
        _wrap(layout, region, f'<div class="members">{items}</div>', key, "list"),
        site=site,
        layout=layout,
        view="list",
        crumbs=[],
        current=region,
    )
