"""Theme 9: French public-sector and modern-CMS markups (the State design system DSFR, Drupal
Layout Builder with Paragraphs, WordPress Gutenberg, Nuxt/Vue), written as those tools write
their markup, different from themes 1-8. Same site model, URLs, links and head links
(canonical and `/node/N` shortlink on nodes and members, `/taxonomy/term/N` shortlink on
category listings), so mirror/truth.py holds.

Every page wears the DSFR chrome (as the Drupal `ui_suite_dsfr`, WordPress and vue-dsfr themes
write it): a consent banner "Gestion des cookies" (Tout accepter / Tout refuser), the
`fr-skiplinks`, the `fr-header` with "République Française", the operator logo, a search bar
and a `fr-nav` mega-menu of the category listings and the regions, a `fr-breadcrumb`, and the
`fr-footer` with the legifrance.gouv.fr / gouvernement.fr / service-public.fr / data.gouv.fr
links and "Accessibilité : non conforme".

- layout, by node (listings: by listing): `dsfr` (`fr-container`, `fr-grid-row
  fr-grid-row--gutters`, a `fr-sidemenu` of the category listings in a `fr-col-md-4` beside the
  `fr-col-12 fr-col-md-8` content), `layout_builder` (Drupal `layout--twocol-section`, the title,
  date and body in `layout__region--first`, the fields in `layout__region--second`, the body
  split across `paragraph--type--text` / `--image` / `--quote` entities inside
  `block-field-blocknode…body`, no `field--name-body`), `gutenberg` (`wp-site-blocks`,
  `wp-block-post-title`, `wp-block-post-content`, `wp-block-columns`, `wp-block-image` with
  its `<figcaption>`, `wp-block-buttons`), `nuxt` (`<div id="__nuxt"><div id="__layout">`,
  `data-v-3f2a1b` on every element, empty `<client-only>` placeholders (`<!---->`, a
  `client-only-placeholder` where the share widget mounts), a `window.__NUXT__`
  script with the page's state);
- dates, by node: `publie` ("Publié le 9 juin 2021" in a `fr-text--sm` paragraph), `time` (a
  `<time datetime>` in `wp-block-post-date`, "9 juin 2021" as WordPress writes it), `mis_en_ligne`
  ("Mis en ligne le 09/06/2021 – Mis à jour le 14/06/2021"), `chip` ("09 juin 2021" in a
  `fr-tag` chip beside the reading time), `meta` (no visible date, only
  `<meta property="article:published_time">` and `article:modified_time` in the head);
- fields, by node (resources): `components` (the Résumé in a `fr-callout` before the body, then
  labelled DSFR components after it: `fr-download` documents, `fr-tags-group` categories, the
  type as a `fr-badge`, "Ressource privée" as a `fr-notice`), `badges` (unlabelled: the type and
  a "Ressource privée" / "Ressource publique" badge, the categories as `fr-tag` links, the
  Résumé callout, the documents after the body), `dl` (a `<dl>` of `<dt>` labels), `table` (a
  Gutenberg `wp-block-table` of label / value rows, after the body), `wp_group` (a
  `wp-block-group` of "<strong>Label :</strong> value" paragraphs, the categories as
  `wp-block-post-terms` with a "Catégorie : " prefix, the Résumé under an `<h3>`);
- documents, by node: `download` (DSFR `fr-download`: the link text holds the title and a
  `fr-download__detail` "PDF – 1,2 Mo"), or `file` (`wp-block-file`: a title link and a
  "Télécharger" `wp-block-file__button` to the same file); a `table` field shows plain links;
- tags, by node: DSFR `fr-tag` links under the title, or `wp-block-post-terms` `rel="tag"`
  links after the body (both to `/taxonomy/term/N`);
- body, by node: `p`, `quote` (a short paragraph set as a quote: `blockquote.fr-quote`,
  `paragraph--type--quote` or `wp-block-quote`), `highlight` (a paragraph in a `fr-highlight`
  box, an "encadré" paragraph entity, or a coloured `wp-block-group`); headings `<h2 class=
  "fr-h4">` (Gutenberg: `wp-block-heading`); body figures as `fr-content-media` / `wp-block-image`
  with their caption; an article's lead image carries a photo credit as its only caption;
- related: on most detail pages, a "Sur le même thème" section of three DSFR cards (other
  nodes of the first category, their dates) after the node: not a listing;
- listings, by listing: `cards` (DSFR `fr-card fr-enlarge-link` teasers: `fr-card__title` link,
  `fr-card__desc` lead, `fr-card__detail` date; full items as `fr-card--no-arrow` cards holding
  the node's parts), or `query` (Gutenberg `wp-block-query` / `wp-block-post-template` `<li>`s,
  with an excerpt and "Lire la suite", or the post content); pager, by listing: `dsfr`
  (`fr-pagination`: "Première page", "Page précédente", numbered links, "Page suivante",
  "Dernière page"), or `wp` (`wp-block-query-pagination` with `page-numbers`);
- /node/N: no header, menu nor breadcrumb, a `<br>`-separated body (as the real site's);
- members: profiles with a DSFR `fr-table` of the fields, region listings as DSFR cards with a
  `<dl>` of the fields.

`VARIANT` forces one construct per part (as themes 4 to 8).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import zlib

from mirror import render, theme4, variants
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

MEMBER_NOTICE = theme4.MEMBER_NOTICE
THEME_PATH = "/themes/custom/rtes_dsfr"
SCOPE = "data-v-3f2a1b"  # the Vue scoped-style attribute of the Nuxt layout
PHOTO_CREDIT = "© Photo RTES"
READ_WORDS_PER_MINUTE = 200
RELATED_COUNT = 3
HOME_COUNT = 6

LAYOUTS = ("dsfr", "layout_builder", "gutenberg", "nuxt")
DATE_STYLES = ("publie", "time", "mis_en_ligne", "chip", "meta")
FIELD_STYLES = ("components", "badges", "dl", "table", "wp_group")
DOC_STYLES = ("download", "file")
TAG_STYLES = ("fr_tag", "post_terms")
BODY_STYLES = ("p", "quote", "highlight")
LIST_STYLES = ("cards", "query")
PAGER_STYLES = ("dsfr", "wp")
RELATED = ("on", "on", "off")

# layout: mixed | dsfr | layout_builder | gutenberg | nuxt; dates: mixed | publie | time |
# mis_en_ligne | chip | meta; fields: mixed | components | badges | dl | table | wp_group;
# documents: mixed | download | file; tags: mixed | fr_tag | post_terms; body: mixed | p |
# quote | highlight; list: mixed | cards | query; pager: mixed | dsfr | wp; related: mixed |
# on | off; consent: on | off.
VARIANT = {
    "layout": "mixed",
    "dates": "mixed",
    "fields": "mixed",
    "documents": "mixed",
    "tags": "mixed",
    "body": "mixed",
    "list": "mixed",
    "pager": "mixed",
    "related": "mixed",
    "consent": "on",
}


def _pick(part: str, key: int, options: tuple[str, ...]) -> str:
    """The part's forced style, or (mixed) one drawn from the key (a hash: parts independent)."""
    style = VARIANT[part]
    if style != "mixed":
        return style
    digest = hashlib.md5(f"{part}:{key}".encode(), usedforsecurity=False).digest()
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


def body_style(resource: Resource) -> str:
    return _pick("body", resource.nid, BODY_STYLES)


def list_style(index: int) -> str:
    style = VARIANT["list"]
    return LIST_STYLES[(index // 3) % len(LIST_STYLES)] if style == "mixed" else style


def pager_style(index: int) -> str:
    style = VARIANT["pager"]
    return PAGER_STYLES[(index // 2) % len(PAGER_STYLES)] if style == "mixed" else style


def related_on(resource: Resource) -> bool:
    return _pick("related", resource.nid, RELATED) == "on"


def _bundle(resource: Resource) -> str:
    return "article" if resource.kind == "article" else "ressource"


def _category_href(name: str) -> str:
    return CATEGORY_BY_TID[CATEGORIES[name]].path


def _tag_href(tag: str) -> str:
    return f"/taxonomy/term/{TAGS.get(tag, 40)}"


# --- Dates -------------------------------------------------------------------------------


def _wp_date(moment) -> str:
    """'9 juin 2021', '1 juillet 2020' (WordPress's `j F Y`, no '1er')."""
    return f"{moment.day} {render.MONTHS[moment.month - 1]} {moment.year}"


def _chip_date(moment) -> str:
    return f"{moment:%d} {render.MONTHS[moment.month - 1]} {moment.year}"


def reading_minutes(resource: Resource) -> int:
    words = sum(len(t.split()) for b in resource.blocks for t in b.texts())
    return max(1, round(words / READ_WORDS_PER_MINUTE))


def date_html(resource: Resource) -> str:
    """The visible date (and update) in the node's style; empty for `meta`."""
    style = date_style(resource)
    pub, upd = resource.published, resource.updated
    if style == "publie":
        out = f'<p class="fr-text--sm fr-mb-1w">Publié le {render.french_date(pub)}</p>'
        if upd:
            out += f'<p class="fr-text--sm fr-mb-3w">Mis à jour le {render.french_date(upd)}</p>'
        return out
    if style == "time":
        out = (
            f'<div class="wp-block-post-date"><time datetime="{render.iso_local(pub)}">'
            f"{_wp_date(pub)}</time></div>"
        )
        if upd:
            out += (
                '<div class="wp-block-post-date wp-block-post-date__modified-date">Mis à jour le '
                f'<time datetime="{render.iso_local(upd)}">{_wp_date(upd)}</time></div>'
            )
        return out
    if style == "mis_en_ligne":
        line = f"Mis en ligne le {pub:%d/%m/%Y}"
        line += f" – Mis à jour le {upd:%d/%m/%Y}" if upd else ""
        return f'<p class="fr-text--xs fr-mb-2w">{line}</p>'
    if style == "chip":
        chips = [
            f'<li><p class="fr-tag fr-tag--sm fr-icon-calendar-line fr-tag--icon-left">'
            f"{_chip_date(pub)}</p></li>",
            f'<li><p class="fr-tag fr-tag--sm fr-icon-time-line fr-tag--icon-left">'
            f"{reading_minutes(resource)} min de lecture</p></li>",
        ]
        if upd:
            chips.append(
                f'<li><p class="fr-tag fr-tag--sm">Mis à jour le {_chip_date(upd)}</p></li>'
            )
        return f'<ul class="fr-tags-group fr-mb-2w">{"".join(chips)}</ul>'
    return ""


def meta_dates(resource: Resource) -> str:
    """The head's Open Graph article dates (`meta` style only: the page shows no date)."""
    if date_style(resource) != "meta":
        return ""
    out = (
        f'<meta property="article:published_time" content="{render.iso_local(resource.published)}">'
    )
    if resource.updated:
        out += (
            f'\n<meta property="article:modified_time" '
            f'content="{render.iso_local(resource.updated)}">'
        )
    return out


def card_date(resource: Resource) -> str:
    """A card's detail line (the listings' template, whatever the node's date style)."""
    return f'<p class="fr-card__detail fr-icon-calendar-line">{render.french_date(resource.published)}</p>'


# --- Bodies ------------------------------------------------------------------------------


def _special_index(resource: Resource) -> int | None:
    """The block set as a quote or highlight box (`quote` / `highlight` bodies): the first
    plain content paragraph after the first block (a quote: a short one)."""
    style = body_style(resource)
    if style == "p":
        return None
    for n, block in enumerate(resource.blocks):
        if n == 0 or block.kind != "p" or block.role != "content":
            continue
        if any(s.br or s.href for s in block.segments):
            continue
        if style == "quote" and len(block.plain.split()) > 60:
            continue
        return n
    return None


def _dsfr_block(block: Block, special: str) -> str:
    """A body block as a DSFR site writes it (the Nuxt layout too: vue-dsfr components)."""
    if block.role == "empty":
        return "<p>&nbsp;</p>"
    if block.kind == "ul":
        return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in block.items) + "</ul>"
    if block.kind == "figure":
        return (
            f'<figure class="fr-content-media" role="group"><img class="fr-responsive-img '
            f'fr-ratio-16x9" src="{attr(block.src)}" alt="">'
            f'<figcaption class="fr-content-media__caption">{render.inline(block.segments)}'
            "</figcaption></figure>"
        )
    if block.kind == "h3":
        return f'<h2 class="fr-h4">{render.inline(block.segments)}</h2>'
    text = render.inline(block.segments)
    if special == "quote":
        return f'<blockquote class="fr-quote fr-quote--column"><p>{text}</p></blockquote>'
    if special == "highlight":
        return f'<div class="fr-highlight"><p>{text}</p></div>'
    return f"<p>{text}</p>"


def _wp_block(block: Block, special: str, index: int) -> str:
    """A body block as the Gutenberg editor saves it."""
    if block.role == "empty":
        return '<div style="height:32px" aria-hidden="true" class="wp-block-spacer"></div>'
    if block.kind == "ul":
        return (
            '<ul class="wp-block-list">'
            + "".join(f"<li>{esc(i)}</li>" for i in block.items)
            + "</ul>"
        )
    if block.kind == "figure":
        return (
            f'<figure class="wp-block-image size-large"><img decoding="async" loading="lazy" '
            f'src="{attr(block.src)}" alt="" class="wp-image-{2000 + index}">'
            f'<figcaption class="wp-element-caption">{render.inline(block.segments)}'
            "</figcaption></figure>"
        )
    if block.kind == "h3":
        return f'<h2 class="wp-block-heading">{render.inline(block.segments)}</h2>'
    text = render.inline(block.segments)
    if special == "quote":
        return f'<blockquote class="wp-block-quote is-layout-flow"><p>{text}</p></blockquote>'
    if special == "highlight":
        return (
            '<div class="wp-block-group has-pale-cyan-blue-background-color has-background '
            f'is-layout-flow"><p>{text}</p></div>'
        )
    return f"<p>{text}</p>"


def _paragraph_entity(kind: str, inner: str) -> str:
    return (
        f'<div class="paragraph paragraph--type--{kind} paragraph--view-mode--default">'
        f"{inner}</div>"
    )


def _text_entity(parts: list[str]) -> str:
    return _paragraph_entity(
        "text",
        '<div class="clearfix text-formatted field field--name-field-texte field--type-text-long '
        f'field--label-hidden field__item">{"".join(parts)}</div>',
    )


def _lb_body(resource: Resource, special: int | None) -> str:
    """The body split across Paragraphs entities: text runs (a new one at each heading),
    images, and the quote or "encadré" box."""
    entities: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            entities.append(_text_entity(run))
            run.clear()

    for n, block in enumerate(resource.blocks):
        if block.kind == "figure" and block.role != "empty":
            flush()
            entities.append(
                _paragraph_entity(
                    "image",
                    '<div class="field field--name-field-media field--type-entity-reference '
                    f'field--label-hidden field__item"><figure><img src="{attr(block.src)}" '
                    f'alt="" loading="lazy"><figcaption>{render.inline(block.segments)}'
                    "</figcaption></figure></div>",
                )
            )
            continue
        if n == special:
            flush()
            text = render.inline(block.segments)
            if body_style(resource) == "quote":
                entities.append(
                    _paragraph_entity(
                        "quote",
                        '<blockquote class="field field--name-field-citation field--type-text-long '
                        f'field--label-hidden field__item"><p>{text}</p></blockquote>',
                    )
                )
            else:
                entities.append(
                    _paragraph_entity(
                        "encadre",
                        f'<div class="fr-highlight field field--name-field-encadre"><p>{text}</p></div>',
                    )
                )
            continue
        if block.kind == "h3":
            flush()
        run.append(render.block_html(block))
    flush()
    return (
        '<div class="field field--name-field-paragraphes field--type-entity-reference-revisions '
        'field--label-hidden field__items">'
        + "".join(f'<div class="field__item">{e}</div>' for e in entities)
        + "</div>"
    )


def body_html(resource: Resource, layout: str, br: bool = False) -> str:
    """The body in the layout's markup (br: blocks separated by single <br>s, as /node/N shows)."""
    if br:
        return '<div class="fr-mb-6w">' + variants.br_body(resource.blocks) + "</div>"
    special = _special_index(resource)
    style = body_style(resource)

    def role(n: int) -> str:
        return style if n == special else ""

    if layout == "layout_builder":
        return (
            f'<div class="block block-layout-builder block-field-blocknode{_bundle(resource)}body">'
            f"{_lb_body(resource, special)}</div>"
        )
    if layout == "gutenberg":
        blocks = "\n".join(_wp_block(b, role(n), n) for n, b in enumerate(resource.blocks))
        return (
            '<div class="entry-content wp-block-post-content has-global-padding '
            f'is-layout-constrained">{blocks}</div>'
        )
    blocks = "\n".join(_dsfr_block(b, role(n)) for n, b in enumerate(resource.blocks))
    return f'<div class="fr-mb-6w rtes-body">{blocks}</div>'


def lead_image_html(resource: Resource, layout: str) -> str:
    """An article's lead image, its credit the only caption."""
    if not resource.lead_image:
        return ""
    img = f'src="{attr(resource.lead_image)}" alt="{attr(resource.lead_alt)}"'
    if layout == "gutenberg":
        return (
            f'<figure class="wp-block-post-featured-image"><img class="wp-post-image" {img}>'
            f'<figcaption class="wp-element-caption">{PHOTO_CREDIT}</figcaption></figure>'
        )
    if layout == "layout_builder":
        return (
            f'<div class="block block-layout-builder block-field-blocknode{_bundle(resource)}'
            f'field-image"><figure class="fr-content-media"><img class="fr-responsive-img" {img}>'
            f'<figcaption class="fr-content-media__caption">{PHOTO_CREDIT}</figcaption>'
            "</figure></div>"
        )
    return (
        f'<figure class="fr-content-media" role="group"><img class="fr-responsive-img '
        f'fr-ratio-16x9" {img}><figcaption class="fr-content-media__caption">{PHOTO_CREDIT}'
        "</figcaption></figure>"
    )


# --- Fields ------------------------------------------------------------------------------


def _shown_keys(resource: Resource) -> list[str]:
    keys = render.PRIVATE_KEYS if resource.is_private else tuple(render.FIELDS)
    order = render.FIELD_ORDER_BY_TYPE.get(resource.resource_type, render.FIELD_ORDER)
    return [k for k in order if k in keys]


def _summary_paragraphs(resource: Resource) -> list[str]:
    return [render.inline(p) for p in resource.summary if "".join(s.text for s in p).strip()]


def _file_size(path: str) -> str:
    kilobytes = 40 + zlib.crc32(path.encode()) % 3200
    if kilobytes < 1024:
        return f"{kilobytes} Ko"
    return f"{kilobytes / 1024:.1f} Mo".replace(".", ",")


def _download(doc) -> str:
    return (
        f'<div class="fr-download"><p><a href="{attr(doc.path)}" download '
        f'class="fr-download__link">{esc(doc.title)} <span class="fr-download__detail">PDF – '
        f"{_file_size(doc.path)}</span></a></p></div>"
    )


def _wp_file(doc) -> str:
    ident = f"wp-block-file--media-{zlib.crc32(doc.path.encode()) % 100000}"
    return (
        f'<div class="wp-block-file"><a id="{ident}" href="{attr(doc.path)}">{esc(doc.title)}</a>'
        f'<a href="{attr(doc.path)}" class="wp-block-file__button wp-element-button" download '
        f'aria-describedby="{ident}">Télécharger</a></div>'
    )


def documents_html(resource: Resource, style: str | None = None) -> str:
    style = style or doc_style(resource)
    if style == "links":
        return "<br>".join(
            f'<a href="{attr(d.path)}">{esc(d.title)}</a>' for d in resource.documents
        )
    render_doc = _download if style == "download" else _wp_file
    return "".join(render_doc(d) for d in resource.documents)


def _category_tags(resource: Resource) -> str:
    names = render.shown_categories(resource)
    if not names:
        return ""
    items = "".join(
        f'<li><a class="fr-tag" href="{_category_href(c)}">{esc(c)}</a></li>' for c in names
    )
    return f'<ul class="fr-tags-group">{items}</ul>'


def _summary_callout(resource: Resource) -> str:
    paragraphs = _summary_paragraphs(resource)
    if not paragraphs:
        return ""
    if len(paragraphs) == 1:
        text = f'<p class="fr-callout__text">{paragraphs[0]}</p>'
    else:
        text = '<div class="fr-callout__text">' + "".join(f"<p>{p}</p>" for p in paragraphs)
        text += "</div>"
    return f'<div class="fr-callout fr-mb-4w"><h3 class="fr-callout__title">Résumé</h3>{text}</div>'


def _private_word(resource: Resource) -> str:
    return "Oui" if resource.is_private else "Non"


def _value(resource: Resource, key: str, docs: str) -> str:
    """A labelled field's value (empty: the field shows its label only, or is left out)."""
    if key == "type":
        return esc(resource.resource_type or "")
    if key == "private":
        return _private_word(resource)
    if key == "summary":
        return "".join(f"<p>{p}</p>" for p in _summary_paragraphs(resource))
    if key == "documents":
        return documents_html(resource, docs)
    return ", ".join(
        f'<a href="{_category_href(c)}">{esc(c)}</a>' for c in render.shown_categories(resource)
    )


def _rows(resource: Resource, docs: str | None = None) -> list[tuple[str, str, str]]:
    """(label, value, key) of the shown fields; an empty Résumé, type or document list is not
    rendered (Drupal leaves empty fields out), an empty Catégorie keeps its label."""
    rows = []
    for key in _shown_keys(resource):
        value = _value(resource, key, docs or doc_style(resource))
        if not value and key != "categories":
            continue
        rows.append((render.FIELDS[key][3], value, key))
    return rows


def _components(resource: Resource) -> tuple[str, str]:
    before = _summary_callout(resource)
    after = []
    for key in _shown_keys(resource):
        label = render.FIELDS[key][3]
        if key == "documents" and resource.documents:
            after.append(f'<h2 class="fr-h6 fr-mb-1w">{label}</h2>{documents_html(resource)}')
        elif key == "categories":
            after.append(f'<h2 class="fr-h6 fr-mb-1w">{label}</h2>{_category_tags(resource)}')
        elif key == "type" and resource.resource_type:
            after.append(
                f'<p class="fr-text--sm fr-mb-1v">{label}</p><ul class="fr-badges-group">'
                f'<li><p class="fr-badge fr-badge--info fr-badge--no-icon">'
                f"{esc(resource.resource_type)}</p></li></ul>"
            )
        elif key == "private":
            after.append(
                '<div class="fr-notice fr-notice--info fr-my-2w"><div class="fr-container">'
                f'<div class="fr-notice__body"><p><span class="fr-notice__title">{label}&nbsp;:'
                f'</span> <span class="fr-notice__desc">{_private_word(resource)}</span></p>'
                "</div></div></div>"
            )
    return before, '<div class="fr-mt-4w rtes-fields">' + "".join(after) + "</div>"


def _badges(resource: Resource) -> tuple[str, str]:
    badges = []
    if resource.resource_type:
        badges.append(
            f'<li><p class="fr-badge fr-badge--info">{esc(resource.resource_type)}</p></li>'
        )
    if resource.is_private:
        badges.append('<li><p class="fr-badge fr-badge--warning">Ressource privée</p></li>')
    else:
        badges.append('<li><p class="fr-badge fr-badge--success">Ressource publique</p></li>')
    before = (
        f'<ul class="fr-badges-group fr-mb-2w">{"".join(badges)}</ul>'
        + _category_tags(resource)
        + _summary_callout(resource)
    )
    after = documents_html(resource) if not resource.is_private else ""
    return before, (f'<div class="fr-mt-4w">{after}</div>' if after else "")


def _dl(resource: Resource) -> str:
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value, _ in _rows(resource))
    return f'<dl class="fr-mb-4w rtes-fiche">{items}</dl>'


def _wp_table(resource: Resource) -> str:
    rows = "".join(
        f"<tr><td><strong>{label}</strong></td><td>{value}</td></tr>"
        for label, value, _ in _rows(resource, "links")
    )
    return (
        '<figure class="wp-block-table is-style-stripes"><table class="has-fixed-layout">'
        f"<tbody>{rows}</tbody></table></figure>"
    )


def _wp_group(resource: Resource) -> str:
    parts = []
    for label, value, key in _rows(resource, "file"):
        if key == "categories":
            links = '<span class="wp-block-post-terms__separator">, </span>'.join(
                f'<a href="{_category_href(c)}" rel="tag">{esc(c)}</a>'
                for c in render.shown_categories(resource)
            )
            parts.append(
                '<div class="taxonomy-category wp-block-post-terms"><span class="'
                f'wp-block-post-terms__prefix">{label} : </span>{links}</div>'
            )
        elif key == "summary":
            parts.append(f'<h3 class="wp-block-heading">{label}</h3>{value}')
        elif key == "documents":
            parts.append(f'<h3 class="wp-block-heading">{label}</h3>{value}')
        else:
            parts.append(f"<p><strong>{label} :</strong> {value}</p>")
    return (
        '<div class="wp-block-group has-light-gray-background-color has-background '
        f'is-layout-flow">{"".join(parts)}</div>'
    )


def fields_html(resource: Resource) -> tuple[str, str]:
    """The field block as (before the body, after it) in the node's style."""
    style = field_style(resource)
    if style == "components":
        return _components(resource)
    if style == "badges":
        return _badges(resource)
    if style == "dl":
        return _dl(resource), ""
    if style == "table":
        return "", _wp_table(resource)
    return "", _wp_group(resource)


def tags_html(resource: Resource) -> tuple[str, str]:
    """The free tags as (under the title, after the body)."""
    if not resource.tags:
        return "", ""
    if tag_style(resource) == "fr_tag":
        items = "".join(
            f'<li><a class="fr-tag fr-tag--sm" href="{_tag_href(t)}">{esc(t)}</a></li>'
            for t in resource.tags
        )
        return f'<ul class="fr-tags-group fr-mb-2w">{items}</ul>', ""
    links = '<span class="wp-block-post-terms__separator"> </span>'.join(
        f'<a href="{_tag_href(t)}" rel="tag">{esc(t)}</a>' for t in resource.tags
    )
    return "", f'<div class="taxonomy-post_tag wp-block-post-terms">{links}</div>'


# --- Nodes -------------------------------------------------------------------------------


def _private_alert() -> str:
    return (
        '<div class="fr-alert fr-alert--info fr-mb-4w"><h3 class="fr-alert__title">'
        f"Contenu réservé aux adhérents</h3><p>{MEMBER_NOTICE}</p></div>"
    )


def _node_parts(resource: Resource, layout: str, br: bool = False) -> tuple[str, str, str]:
    """The node's parts after its title and date: (under the title, the main column, the
    fields after the body)."""
    tags_top, tags_end = tags_html(resource)
    if resource.kind == "article":
        main = lead_image_html(resource, layout) + body_html(resource, layout, br) + tags_end
        return tags_top, main, ""
    body = _private_alert() if resource.is_private else body_html(resource, layout, br)
    before, after = fields_html(resource)
    return tags_top, before + body + tags_end, after


def title_html(resource: Resource, layout: str, level: str = "h1", link: bool = False) -> str:
    text = esc(resource.title)
    if link:
        text = f'<a href="{resource.path}">{text}</a>'
    if layout == "gutenberg":
        return f'<{level} class="wp-block-post-title">{text}</{level}>'
    if layout == "layout_builder":
        return (
            f'<div class="block block-layout-builder block-field-blocknode{_bundle(resource)}title">'
            f'<{level} class="fr-mb-2w"><span class="field field--name-title">{text}</span>'
            f"</{level}></div>"
        )
    return f'<{level} class="fr-mb-2w">{text}</{level}>'


def share_html(resource: Resource, layout: str) -> str:
    if layout == "nuxt":  # the share widget renders in the browser only
        return '<div class="client-only-placeholder"></div><!---->'
    if layout == "gutenberg":
        first = next((lst for lst in LISTINGS if lst.title in resource.categories), None)
        back = (
            f'<div class="wp-block-button is-style-outline"><a class="wp-block-button__link '
            f'wp-element-button" href="{first.path}">Toutes les ressources</a></div>'
            if first
            else ""
        )
        return (
            '<div class="wp-block-buttons is-layout-flex">'
            f"{back}"
            '<div class="wp-block-button"><a class="wp-block-button__link wp-element-button" '
            'href="https://www.linkedin.com/sharing/share-offsite/">Partager sur LinkedIn</a></div>'
            "</div>"
        )
    return (
        '<div class="fr-share fr-mt-4w"><p class="fr-share__title">Partager la page</p>'
        '<ul class="fr-btns-group"><li><a class="fr-btn--facebook fr-btn" target="_blank" '
        'rel="noopener" href="https://www.facebook.com/sharer.php" title="Partager sur Facebook '
        '- nouvelle fenêtre">Partager sur Facebook</a></li><li><a class="fr-btn--twitter-x '
        'fr-btn" target="_blank" rel="noopener" href="https://x.com/intent/post" title="Partager '
        'sur X - nouvelle fenêtre">Partager sur X</a></li><li><a class="fr-btn--linkedin fr-btn" '
        'target="_blank" rel="noopener" href="https://www.linkedin.com/shareArticle" '
        'title="Partager sur LinkedIn - nouvelle fenêtre">Partager sur LinkedIn</a></li>'
        '<li><button class="fr-btn--mail fr-btn" onclick="window.location=\'mailto:\'">'
        "Partager par email</button></li></ul></div>"
    )


def related_nodes(site: Site, resource: Resource) -> list[Resource]:
    """Other nodes of the node's first category (then the latest ones), newest first."""
    first = next((lst for lst in LISTINGS if lst.title in resource.categories), None)
    pool = list(site.listed[first.path]) if first else []
    pool += [r for r in site.latest(RELATED_COUNT + 1) if r not in pool]
    return [r for r in pool if r.nid != resource.nid][:RELATED_COUNT]


def _small_card(resource: Resource, level: str = "h3") -> str:
    return (
        '<div class="fr-col-12 fr-col-md-4"><div class="fr-card fr-card--sm fr-enlarge-link">'
        f'<div class="fr-card__body"><div class="fr-card__content"><{level} class="fr-card__title">'
        f'<a href="{resource.path}">{esc(resource.title)}</a></{level}>'
        f'<div class="fr-card__end">{card_date(resource)}</div></div></div></div></div>'
    )


def related_html(site: Site, resource: Resource) -> str:
    if not related_on(resource):
        return ""
    cards = "".join(_small_card(r) for r in related_nodes(site, resource))
    return (
        '<section class="fr-mt-8w fr-mb-4w rtes-related" aria-labelledby="meme-theme">'
        '<h2 id="meme-theme" class="fr-h3">Sur le même thème</h2>'
        f'<div class="fr-grid-row fr-grid-row--gutters">{cards}</div></section>'
    )


def node_html(site: Site | None, resource: Resource, layout: str, br: bool = False) -> str:
    """The node on its own page in the layout's structure."""
    top, main, after = _node_parts(resource, layout, br)
    head = title_html(resource, layout) + date_html(resource) + top
    related = related_html(site, resource) if site is not None and not br else ""
    share = "" if br else share_html(resource, layout)
    if layout == "layout_builder":
        return (
            f'<article data-history-node-id="{resource.nid}" class="node node--type-'
            f'{_bundle(resource)} node--view-mode-full"><div class="layout layout--twocol-section '
            'layout--twocol-section--67-33"><div class="layout__region layout__region--first">'
            f'{head}{main}</div><div class="layout__region layout__region--second">{after}</div>'
            f"</div>{share}</article>{related}"
        )
    if layout == "gutenberg":
        columns = (
            '<div class="wp-block-columns is-layout-flex"><div class="wp-block-column" '
            f'style="flex-basis:66.66%">{main}</div><div class="wp-block-column" '
            f'style="flex-basis:33.33%">{after}</div></div>'
            if after
            else main
        )
        return (
            f'<div class="wp-block-group post-{resource.nid} is-layout-constrained">{head}'
            f"{columns}{share}</div>{related}"
        )
    return f'<div class="rtes-node">{head}{main}{after}{share}</div>{related}'


def _node_state(resource: Resource) -> dict:
    return {
        "node": {
            "drupal_internal__nid": resource.nid,
            "title": resource.title,
            "path": {"alias": resource.path},
            "created": render.iso_local(resource.published),
            "changed": render.iso_local(resource.updated) if resource.updated else None,
            "type": _bundle(resource),
        }
    }


# --- Listings ----------------------------------------------------------------------------


def _badges_start(resource: Resource) -> str:
    badges = []
    if resource.kind == "resource" and resource.resource_type:
        badges.append(
            f'<li><p class="fr-badge fr-badge--sm fr-badge--info">{esc(resource.resource_type)}</p></li>'
        )
    if resource.is_private:
        badges.append('<li><p class="fr-badge fr-badge--sm">Réservé aux adhérents</p></li>')
    if not badges:
        return ""
    return f'<div class="fr-card__start"><ul class="fr-badges-group">{"".join(badges)}</ul></div>'


def teaser_card(resource: Resource, level: str = "h2") -> str:
    img = (
        f'<div class="fr-card__header"><div class="fr-card__img"><img class="fr-responsive-img" '
        f'src="{attr(resource.lead_image)}" alt="{attr(resource.lead_alt)}"></div></div>'
        if resource.lead_image
        else ""
    )
    return (
        '<div class="fr-col-12 fr-col-md-6 fr-col-lg-4"><div class="fr-card fr-enlarge-link">'
        f'<div class="fr-card__body"><div class="fr-card__content"><{level} class="fr-card__title">'
        f'<a href="{resource.path}">{esc(resource.title)}</a></{level}>'
        f'<p class="fr-card__desc">{esc(render.teaser_lead(resource))}</p>'
        f'{_badges_start(resource)}<div class="fr-card__end">{card_date(resource)}</div></div>'
        f"</div>{img}</div></div>"
    )


def full_card(resource: Resource, layout: str) -> str:
    top, main, after = _node_parts(resource, layout)
    return (
        '<div class="fr-card fr-card--no-arrow fr-card--no-border fr-mb-6w"><div class="fr-card__body">'
        f'<div class="fr-card__content"><h2 class="fr-card__title"><a href="{resource.path}">'
        f"{esc(resource.title)}</a></h2>{date_html(resource)}"
        f'<div class="fr-card__desc">{top}{main}{after}</div></div></div></div>'
    )


def query_item(resource: Resource, teaser: bool, layout: str) -> str:
    classes = f"wp-block-post post-{resource.nid} {_bundle(resource)} type-post status-publish"
    title = (
        f'<h2 class="wp-block-post-title"><a href="{resource.path}" target="_self">'
        f"{esc(resource.title)}</a></h2>"
    )
    if teaser:
        image = (
            f'<figure class="wp-block-post-featured-image"><a href="{resource.path}"><img '
            f'src="{attr(resource.lead_image)}" alt="{attr(resource.lead_alt)}"></a></figure>'
            if resource.lead_image
            else ""
        )
        pub = resource.published
        return (
            f'<li class="{classes}">{image}{title}<div class="wp-block-post-date"><time '
            f'datetime="{render.iso_local(pub)}">{_wp_date(pub)}</time></div>'
            f'<div class="wp-block-post-excerpt"><p class="wp-block-post-excerpt__excerpt">'
            f"{esc(render.teaser_lead(resource))}</p>"
            '<p class="wp-block-post-excerpt__more-text"><a class="wp-block-post-excerpt__more-link" '
            f'href="{resource.path}">{render.READ_MORE}</a></p></div></li>'
        )
    top, main, after = _node_parts(resource, layout)
    return f'<li class="{classes}">{title}{date_html(resource)}{top}{main}{after}</li>'


def _window(current: int, total: int) -> list[int | None]:
    """Page numbers (0-based) a pager shows, None for an ellipsis."""
    keep = sorted({0, total - 1, current - 1, current, current + 1} & set(range(total)))
    out: list[int | None] = []
    for number in keep:
        if out and number - (out[-1] or 0) > 1:
            out.append(None)
        out.append(number)
    return out


def dsfr_pager(current: int, total: int) -> str:
    if total <= 1:
        return ""

    def edge(cls: str, label: str, target: int, enabled: bool) -> str:
        if not enabled:
            return (
                f'<li><a class="fr-pagination__link fr-pagination__link--{cls}" aria-disabled="true" '
                f'role="link">{label}</a></li>'
            )
        return (
            f'<li><a class="fr-pagination__link fr-pagination__link--{cls}" '
            f'href="?page={target}">{label}</a></li>'
        )

    items = [
        edge("first", "Première page", 0, current > 0),
        edge("prev fr-pagination__link--lg-label", "Page précédente", current - 1, current > 0),
    ]
    for number in _window(current, total):
        if number is None:
            items.append('<li><a class="fr-pagination__link fr-displayed-lg">…</a></li>')
        elif number == current:
            items.append(
                f'<li><a class="fr-pagination__link" aria-current="page" title="Page {number + 1}">'
                f"{number + 1}</a></li>"
            )
        else:
            items.append(
                f'<li><a class="fr-pagination__link" href="?page={number}" '
                f'title="Page {number + 1}">{number + 1}</a></li>'
            )
    items.append(
        edge(
            "next fr-pagination__link--lg-label",
            "Page suivante",
            current + 1,
            current < total - 1,
        )
    )
    items.append(edge("last", "Dernière page", total - 1, current < total - 1))
    return (
        '<nav role="navigation" class="fr-pagination fr-mt-6w" aria-label="Pagination">'
        f'<ul class="fr-pagination__list">{"".join(items)}</ul></nav>'
    )


def wp_pager(current: int, total: int) -> str:
    if total <= 1:
        return ""
    parts = []
    if current > 0:
        parts.append(
            f'<a href="?page={current - 1}" class="wp-block-query-pagination-previous">'
            "Page précédente</a>"
        )
    numbers = []
    for number in _window(current, total):
        if number is None:
            numbers.append('<span class="page-numbers dots">…</span>')
        elif number == current:
            numbers.append(
                f'<span aria-current="page" class="page-numbers current">{number + 1}</span>'
            )
        else:
            numbers.append(f'<a class="page-numbers" href="?page={number}">{number + 1}</a>')
    parts.append(f'<div class="wp-block-query-pagination-numbers">{"".join(numbers)}</div>')
    if current < total - 1:
        parts.append(
            f'<a href="?page={current + 1}" class="wp-block-query-pagination-next">'
            "Page suivante</a>"
        )
    return (
        '<nav class="wp-block-query-pagination is-layout-flex" aria-label="Pagination">'
        f"{''.join(parts)}</nav>"
    )


def listing_page(site: Site, listing: Listing, page_number: int) -> str:
    items = site.listed[listing.path]
    index = next(i for i, lst in enumerate(LISTINGS) if lst.path == listing.path)
    layout = listing_layout(index)
    shown = (
        items[page_number * PAGE_SIZE : (page_number + 1) * PAGE_SIZE] if page_number >= 0 else ()
    )
    total = max(1, math.ceil(len(items) / PAGE_SIZE))
    pager = (dsfr_pager if pager_style(index) == "dsfr" else wp_pager)(page_number, total)
    if not shown:
        listed = (
            f'<div class="fr-alert fr-alert--info fr-alert--sm"><p>{render.EMPTY_VIEW}</p></div>'
        )
    elif list_style(index) == "query":
        lis = "".join(query_item(r, listing.teasers, layout) for r in shown)
        listed = (
            '<div class="wp-block-query is-layout-flow"><ul class="wp-block-post-template '
            f'is-layout-flow">{lis}</ul>{pager}</div>'
        )
    elif listing.teasers:
        cards = "".join(teaser_card(r) for r in shown)
        listed = f'<div class="fr-grid-row fr-grid-row--gutters">{cards}</div>{pager}'
    else:
        listed = "".join(full_card(r, layout) for r in shown) + pager
    if layout == "gutenberg":
        heading = (
            '<h1 class="wp-block-query-title"><span class="archive-prefix">Catégorie : </span>'
            f"{esc(listing.title)}</h1>"
        )
    else:
        heading = f'<h1 class="fr-mb-4w">{esc(listing.title)}</h1>'
    content = heading + listed
    if layout == "layout_builder":
        content = (
            f'<div class="layout layout--onecol"><div class="layout__region layout__region--content">'
            f'<div class="block block-views block-views-blockressources-{listing.display}">'
            f"{content}</div></div></div>"
        )
    return page(
        listing.title,
        content,
        site=site,
        layout=layout,
        head_links=f'<link rel="shortlink" href="/taxonomy/term/{listing.tid}">',
        crumbs=_crumbs([], listing.title),
        current=listing.path,
        state={
            "category": {"name": listing.title, "tid": listing.tid},
            "page": page_number,
            "items": [{"nid": r.nid, "title": r.title, "path": r.path} for r in shown],
        },
    )


# --- Page chrome -------------------------------------------------------------------------

CONSENT = (
    '<div class="fr-consent-banner"><h2 class="fr-h6">Gestion des cookies</h2>'
    '<div class="fr-consent-banner__content"><p class="fr-text--sm">Bienvenue ! Nous utilisons '
    "des cookies pour améliorer votre expérience et mesurer l’audience du site. Vous pouvez, à "
    'tout moment, avoir le contrôle sur les cookies que vous souhaitez activer. <a href="'
    '/mentions-legales">En savoir plus</a></p></div>'
    '<ul class="fr-consent-banner__buttons fr-btns-group fr-btns-group--right '
    'fr-btns-group--inline-reverse fr-btns-group--inline-sm">'
    '<li><button class="fr-btn" title="Autoriser tous les cookies">Tout accepter</button></li>'
    '<li><button class="fr-btn" title="Refuser tous les cookies">Tout refuser</button></li>'
    '<li><button class="fr-btn fr-btn--secondary" data-fr-opened="false" '
    'aria-controls="fr-consent-modal" title="Personnaliser les cookies">Personnaliser</button>'
    "</li></ul></div>"
)

SKIPLINKS = (
    '<div class="fr-skiplinks"><nav class="fr-container" role="navigation" '
    'aria-label="Accès rapide"><ul class="fr-skiplinks__list">'
    '<li><a class="fr-link" href="#contenu">Contenu</a></li>'
    '<li><a class="fr-link" href="#header-navigation">Menu</a></li>'
    '<li><a class="fr-link" href="#header-search">Recherche</a></li>'
    '<li><a class="fr-link" href="#footer">Pied de page</a></li></ul></nav></div>'
)

GOV_LINKS = (
    ("https://www.legifrance.gouv.fr", "legifrance.gouv.fr"),
    ("https://www.gouvernement.fr", "gouvernement.fr"),
    ("https://www.service-public.fr", "service-public.fr"),
    ("https://www.data.gouv.fr", "data.gouv.fr"),
)


def _mega_menu(ident: str, title: str, links, leader: str) -> str:
    items = "".join(
        f'<li><a class="fr-nav__link" href="{p}" target="_self">{esc(t)}</a></li>' for p, t in links
    )
    return (
        f'<li class="fr-nav__item"><button class="fr-nav__btn" aria-expanded="false" '
        f'aria-controls="{ident}">{esc(title)}</button>'
        f'<div class="fr-collapse fr-mega-menu" id="{ident}" tabindex="-1">'
        '<div class="fr-container fr-container--fluid fr-container-lg">'
        f'<button class="fr-btn--close fr-btn" aria-controls="{ident}" title="Fermer">Fermer</button>'
        '<div class="fr-grid-row fr-grid-row-lg--gutters"><div class="fr-col-12 fr-col-lg-8 '
        'fr-col-offset-lg-4--right fr-mb-4v"><div class="fr-mega-menu__leader">'
        f'<h4 class="fr-h4 fr-mb-2v">{esc(title)}</h4><p class="fr-hidden fr-displayed-lg">'
        f"{leader}</p></div></div>"
        '<div class="fr-col-12 fr-col-lg-8"><ul class="fr-mega-menu__list">'
        f"{items}</ul></div></div></div></div></li>"
    )


def _nav(site: Site | None) -> str:
    simple = [(p, t) for p, t in render.MENU if p]
    items = [
        f'<li class="fr-nav__item"><a class="fr-nav__link" href="{p}" target="_self">{esc(t)}</a></li>'
        for p, t in simple[:2]
    ]
    items.append(
        _mega_menu(
            "mega-menu-ressources",
            render.RESOURCES_MENU,
            ((lst.path, lst.title) for lst in LISTINGS),
            "Les ressources du réseau, classées par thématique.",
        )
    )
    regions = render._region_menu(site)
    if regions:
        items.append(
            _mega_menu(
                "mega-menu-regions",
                "Régions",
                regions,
                "Les collectivités adhérentes, région par région.",
            )
        )
    items += [
        f'<li class="fr-nav__item"><a class="fr-nav__link" href="{p}" target="_self">{esc(t)}</a></li>'
        for p, t in simple[2:]
    ]
    return (
        '<nav class="fr-nav" id="header-navigation" role="navigation" aria-label="Menu principal">'
        f'<ul class="fr-nav__list">{"".join(items)}</ul></nav>'
    )


def _header(site: Site | None) -> str:
    return (
        '<header role="banner" class="fr-header"><div class="fr-header__body"><div '
        'class="fr-container"><div class="fr-header__body-row"><div class="fr-header__brand '
        'fr-enlarge-link"><div class="fr-header__brand-top"><div class="fr-header__logo">'
        '<p class="fr-logo">République<br>Française</p></div><div class="fr-header__operator">'
        f'<a href="/" title="Accueil - {render.SITE_SHORT}"><img class="fr-responsive-img" '
        f'style="max-width:9.0625rem;" src="{THEME_PATH}/logo-rtes.svg" alt="{render.SITE_SHORT}">'
        '</a></div><div class="fr-header__navbar"><button class="fr-btn--search fr-btn" '
        'data-fr-opened="false" aria-controls="modal-search" title="Rechercher">Rechercher</button>'
        '<button class="fr-btn--menu fr-btn" data-fr-opened="false" aria-controls="modal-menu" '
        'aria-haspopup="menu" id="button-menu" title="Menu">Menu</button></div></div>'
        '<div class="fr-header__service"><a href="/" title="Accueil - RTES"><p '
        f'class="fr-header__service-title">{render.SITE_SHORT}</p></a><p '
        f'class="fr-header__service-tagline">{esc(render.SITE_NAME)}</p></div></div>'
        '<div class="fr-header__tools"><div class="fr-header__tools-links"><ul class="fr-btns-group">'
        '<li><a class="fr-btn fr-icon-lock-line" href="/user/login">Se connecter</a></li>'
        '<li><a class="fr-btn fr-icon-mail-line" href="/contact">Contact</a></li></ul></div>'
        '<div class="fr-header__search fr-modal" id="modal-search"><div class="fr-container '
        'fr-container-lg--fluid"><button class="fr-btn--close fr-btn" aria-controls="modal-search" '
        'title="Fermer">Fermer</button><form action="/recherche" method="get">'
        '<div class="fr-search-bar" id="header-search" role="search"><label class="fr-label" '
        'for="search-input">Rechercher</label><input class="fr-input" placeholder="Rechercher" '
        'type="search" id="search-input" name="keys"><button class="fr-btn" type="submit" '
        'title="Rechercher">Rechercher</button></div></form></div></div></div></div></div></div>'
        '<div class="fr-header__menu fr-modal" id="modal-menu" aria-labelledby="button-menu">'
        '<div class="fr-container"><button class="fr-btn--close fr-btn" aria-controls="modal-menu" '
        'title="Fermer">Fermer</button><div class="fr-header__menu-links"></div>'
        f"{_nav(site)}</div></div></header>"
    )


def _footer() -> str:
    gov = "".join(
        f'<li class="fr-footer__content-item"><a class="fr-footer__content-link" target="_blank" '
        f'rel="noopener" href="{href}" title="{text} - nouvelle fenêtre">{text}</a></li>'
        for href, text in GOV_LINKS
    )
    bottom = "".join(
        f'<li class="fr-footer__bottom-item"><a class="fr-footer__bottom-link" href="{p}">{t}</a></li>'
        for p, t in (
            ("/plan-du-site", "Plan du site"),
            ("/mentions-legales#accessibilite", "Accessibilité : non conforme"),
            ("/mentions-legales", "Mentions légales"),
            ("/newsletter-rtes-mars-2021", "Dernière lettre d’information"),
        )
    )
    return (
        '<footer class="fr-footer" role="contentinfo" id="footer"><div class="fr-container">'
        '<div class="fr-footer__body"><div class="fr-footer__brand fr-enlarge-link">'
        '<p class="fr-logo">République<br>Française</p><a class="fr-footer__brand-link" href="/" '
        f'title="Retour à l’accueil du site - {render.SITE_SHORT}"><img class="fr-footer__logo" '
        f'style="width:9rem;" src="{THEME_PATH}/logo-rtes.svg" alt="{render.SITE_SHORT}"></a></div>'
        '<div class="fr-footer__content"><p class="fr-footer__content-desc">RTES – 1 place de '
        "l’Hôtel de Ville – 59000 Lille – contact@rtes.fr</p>"
        f'<ul class="fr-footer__content-list">{gov}</ul></div></div>'
        f'<div class="fr-footer__bottom"><ul class="fr-footer__bottom-list">{bottom}'
        '<li class="fr-footer__bottom-item"><button class="fr-footer__bottom-link" '
        'data-fr-opened="false" aria-controls="fr-consent-modal">Gestion des cookies</button></li>'
        '</ul><div class="fr-footer__bottom-copy"><p>Sauf mention explicite de propriété '
        "intellectuelle détenue par des tiers, les contenus de ce site sont proposés sous "
        '<a href="https://github.com/etalab/licence-ouverte/blob/master/LO.md" target="_blank" '
        'rel="noopener">licence etalab-2.0</a></p></div></div></div></footer>'
    )


def _crumbs(trail: list[tuple[str, str]], current: str) -> str:
    links = "".join(
        f'<li><a class="fr-breadcrumb__link" href="{p}">{esc(t)}</a></li>'
        for p, t in [("/", "Accueil"), *trail]
    )
    return (
        '<nav role="navigation" class="fr-breadcrumb" aria-label="vous êtes ici :">'
        '<button class="fr-breadcrumb__button" aria-expanded="false" aria-controls="breadcrumb-1">'
        'Voir le fil d’Ariane</button><div class="fr-collapse" id="breadcrumb-1">'
        f'<ol class="fr-breadcrumb__list">{links}<li><a class="fr-breadcrumb__link" '
        f'aria-current="page">{esc(current)}</a></li></ol></div></nav>'
    )


def _sidemenu(current: str) -> str:
    active = ' aria-current="page"'
    items = "".join(
        f'<li class="fr-sidemenu__item{" fr-sidemenu__item--active" * (lst.path == current)}">'
        f'<a class="fr-sidemenu__link" href="{lst.path}" target="_self"'
        f"{active if lst.path == current else ''}>{esc(lst.title)}</a></li>"
        for lst in LISTINGS
    )
    return (
        '<nav class="fr-sidemenu" role="navigation" aria-labelledby="fr-sidemenu-title">'
        '<div class="fr-sidemenu__inner"><button class="fr-sidemenu__btn" aria-controls='
        '"fr-sidemenu-wrapper" aria-expanded="false">Dans cette rubrique</button>'
        '<div class="fr-collapse" id="fr-sidemenu-wrapper"><div class="fr-sidemenu__title" '
        f'id="fr-sidemenu-title">{render.RESOURCES_MENU}</div><ul class="fr-sidemenu__list">'
        f"{items}</ul></div></div></nav>"
    )


_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s>/])")


def scoped(html: str) -> str:
    """Every element with the Vue scoped-style attribute, as a Nuxt build renders them."""
    return _TAG.sub(lambda m: f"<{m.group(1)} {SCOPE}", html)


def _nuxt_script(state: dict, path: str) -> str:
    data = {
        "layout": "default",
        "data": [state],
        "fetch": {},
        "error": None,
        "serverRendered": True,
        "routePath": path,
        "config": {"_app": {"basePath": "/", "assetsPath": "/_nuxt/", "cdnURL": None}},
    }
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return f"<script>window.__NUXT__={payload};</script>"


LAYOUT_HEAD = {
    "dsfr": "",
    "layout_builder": f'<link rel="stylesheet" href="{THEME_PATH}/css/layout-builder.css">',
    "gutenberg": (
        "<link rel='stylesheet' id='wp-block-library-css' "
        "href='/wp-includes/css/dist/block-library/style.min.css' media='all'>"
    ),
    "nuxt": '<link rel="preload" href="/_nuxt/app.3f2a1b.js" as="script">',
}


def page(
    title: str,
    content: str,
    *,
    site: Site | None,
    layout: str,
    head_links: str = "",
    header: bool = True,
    crumbs: str = "",
    current: str = "",
    state: dict | None = None,
    path: str = "/",
    extra_head: str = "",
) -> str:
    """A DSFR page around content, in the layout's structure (header=False: no header, menu
    nor breadcrumb, as the node's system path renders)."""
    top = (CONSENT if VARIANT["consent"] == "on" else "") + SKIPLINKS
    chrome_head = _header(site) if header else ""
    trail = crumbs if header else ""
    if layout == "dsfr":
        main = (
            f'<main id="contenu" role="main" class="fr-container fr-mb-8w">{trail}'
            '<div class="fr-grid-row fr-grid-row--gutters"><div class="fr-col-12 fr-col-md-4">'
            f'{_sidemenu(current)}</div><div class="fr-col-12 fr-col-md-8">{content}</div></div>'
            "</main>"
        )
        body = top + chrome_head + main + _footer()
    elif layout == "layout_builder":
        main = (
            f'<main id="contenu" role="main" class="fr-container fr-mb-8w">{trail}'
            '<div class="region region-content"><div data-drupal-messages-fallback '
            f'class="hidden"></div>{content}</div></main>'
        )
        body = (
            top + '<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>'
            f"{chrome_head}{main}{_footer()}</div>"
        )
    elif layout == "gutenberg":
        body = (
            f'{top}<div class="wp-site-blocks"><header class="wp-block-template-part">'
            f'{chrome_head}</header><main id="contenu" class="wp-block-group fr-container '
            f'is-layout-constrained">{trail}{content}</main><footer class="wp-block-template-part">'
            f"{_footer()}</footer></div>"
        )
    else:
        app = (
            f'<div id="__nuxt"><!----><div id="__layout"><div class="app">{top}{chrome_head}'
            f'<main id="contenu" role="main" class="fr-container fr-mb-8w">{trail}{content}'
            f"<!----></main>{_footer()}</div></div></div>"
        )
        body = scoped(app) + _nuxt_script(state or {}, path)
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="fr" data-fr-scheme="system">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">',
            '<meta name="format-detection" content="telephone=no,date=no,address=no,email=no,url=no">',
            '<meta name="theme-color" content="#000091">',
            f'<link rel="stylesheet" href="{THEME_PATH}/dsfr/dsfr.min.css">',
            f'<link rel="icon" href="{THEME_PATH}/dsfr/favicon/favicon.svg" type="image/svg+xml">',
            LAYOUT_HEAD[layout],
            head_links,
            extra_head,
            f"<title>{esc(title)} | {render.SITE_SHORT}</title>",
            "</head>",
            "<body>",
            body,
            f'<script type="module" src="{THEME_PATH}/dsfr/dsfr.module.min.js"></script>',
            "</body>",
            "</html>",
        ]
    )


def _node_crumbs(resource: Resource) -> str:
    return _crumbs(list(render.category_crumbs(resource)), resource.title)


def detail_page(site: Site, resource: Resource, header: bool = True, br: bool = False) -> str:
    layout = layout_of(resource.nid)
    first = next((lst.path for lst in LISTINGS if lst.title in resource.categories), "")
    og = (
        f'<meta property="og:title" content="{attr(resource.title)}">\n'
        '<meta property="og:type" content="article">'
    )
    dates = meta_dates(resource)
    return page(
        resource.title,
        node_html(site, resource, layout, br),
        site=site,
        layout=layout,
        head_links=render.node_head_links(resource),
        header=header,
        crumbs=_node_crumbs(resource),
        current=first,
        state=_node_state(resource),
        path=resource.path,
        extra_head=og + ("\n" + dates if dates else ""),
    )


def node_page(site: Site, resource: Resource) -> str:
    """The node at /node/N: no header, menu nor breadcrumb, a <br>-separated body (as the
    real site's)."""
    return detail_page(site, resource, header=False, br=True)


def home_page(site: Site) -> str:
    layout = layout_of(0)
    cards = "".join(teaser_card(r, "h3") for r in site.latest(HOME_COUNT))
    tiles = "".join(
        '<div class="fr-col-12 fr-col-md-4"><div class="fr-tile fr-enlarge-link"><div '
        'class="fr-tile__body"><div class="fr-tile__content"><h3 class="fr-tile__title">'
        f'<a href="{lst.path}">{esc(lst.title)}</a></h3></div></div></div></div>'
        for lst in LISTINGS
    )
    content = (
        f'<h1 class="fr-mb-2w">{esc(render.SITE_NAME)}</h1><p class="fr-text--lead">Le RTES '
        "accompagne les collectivités dans leurs politiques d’économie solidaire.</p>"
        '<h2 class="fr-mt-6w">Dernières publications</h2>'
        f'<div class="fr-grid-row fr-grid-row--gutters">{cards}</div>'
        f'<h2 class="fr-mt-6w">Thématiques</h2><div class="fr-grid-row fr-grid-row--gutters">'
        f"{tiles}</div>"
    )
    return page(
        "Accueil",
        content,
        site=site,
        layout=layout,
        state={"latest": [{"nid": r.nid, "path": r.path} for r in site.latest(HOME_COUNT)]},
    )


def static_page(site: Site, path: str) -> str:
    title, body = render.STATIC_PAGES[path]
    return static_page_html(site, title, body)


def static_page_html(site: Site, title: str, body: str) -> str:
    layout = layout_of(zlib.crc32(title.encode()))
    content = f'<h1 class="fr-mb-4w">{esc(title)}</h1><p>{esc(body)}</p>'
    return page(title, content, site=site, layout=layout, crumbs=_crumbs([], title))


def not_found_page(site: Site) -> str:
    content = (
        '<div class="fr-my-7w fr-mt-md-12w fr-mb-md-10w fr-grid-row fr-grid-row--gutters '
        'fr-grid-row--middle fr-grid-row--center"><div class="fr-py-0 fr-col-12">'
        '<h1>Page non trouvée</h1><p class="fr-text--sm fr-mb-3w">Erreur 404</p>'
        '<p class="fr-text--lead fr-mb-3w">La page que vous cherchez est introuvable. Excusez-nous '
        'pour la gêne occasionnée.</p><p class="fr-text--sm fr-mb-5w">Si vous avez tapé l’adresse '
        "web dans le navigateur, vérifiez qu’elle est correcte. La page n’est peut-être plus "
        'disponible.</p><ul class="fr-btns-group fr-btns-group--inline-md"><li><a class="fr-btn" '
        'href="/">Page d’accueil</a></li><li><a class="fr-btn fr-btn--secondary" href="/contact">'
        "Contactez-nous</a></li></ul></div></div>"
    )
    return page("Page non trouvée", content, site=site, layout=layout_of(404))


# --- Members (mirror.kinds.RENDERERS[9]) -------------------------------------------------


def _member_table(member) -> str:
    from mirror import kinds

    rows = "".join(
        f'<tr><th scope="row">{label}</th><td>{esc(value)}</td></tr>'
        for label, value in kinds._field_rows(member)
    )
    return (
        '<div class="fr-table fr-table--no-caption fr-mb-4w"><table><caption>Fiche de la '
        f"collectivité</caption><tbody>{rows}</tbody></table></div>"
    )


def _member_dl(member) -> str:
    from mirror import kinds

    items = "".join(
        f"<dt>{label}</dt><dd>{esc(value)}</dd>" for label, value in kinds._field_rows(member)
    )
    return f'<dl class="fr-card__desc">{items}</dl>'


def member_page(site: Site, member) -> str:
    from mirror import kinds

    sections = kinds._sections(member, '<h2 class="fr-h4">')
    content = (
        f'<h1 class="fr-mb-4w">{esc(member.name)}</h1>{_member_table(member)}'
        f'<div class="rtes-sections">{sections}</div>'
        f'<p class="fr-text--sm fr-mt-4w">Dernière mise à jour : '
        f"{render.french_date(member.updated)}</p>"
    )
    return page(
        member.name,
        content,
        site=site,
        layout=layout_of(member.nid),
        head_links=kinds._head_links(member),
        crumbs=_crumbs([("/" + kinds.region_slug(member.region), member.region)], member.name),
        state={"adherent": {"nid": member.nid, "name": member.name}},
        path=member.path,
    )


def region_page(site: Site, region: str) -> str:
    from mirror import kinds

    cards = "".join(
        '<div class="fr-col-12 fr-col-md-6"><div class="fr-card fr-card--no-arrow"><div '
        'class="fr-card__body"><div class="fr-card__content"><h2 class="fr-card__title">'
        f'<a href="{m.path}">{esc(m.name)}</a></h2>{_member_dl(m)}</div></div></div></div>'
        for m in kinds.in_region(site, region)
    )
    content = (
        f'<h1 class="fr-mb-4w">{esc(region)}</h1>'
        f'<div class="fr-grid-row fr-grid-row--gutters">{cards}</div>'
    )
    return page(
        region,
        content,
        site=site,
        layout=layout_of(zlib.crc32(region.encode())),
        crumbs=_crumbs([], region),
        state={"region": region},
        path="/" + kinds.region_slug(region),
    )
