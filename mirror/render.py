"""HTML rendering of the site model, in Drupal 9 (and legacy Drupal 7) markup."""

from __future__ import annotations

import html
import math
import random
from collections.abc import Callable
from datetime import datetime, timedelta

from mirror.site import (
    CATEGORIES,
    LISTINGS,
    PAGE_SIZE,
    TAGS,
    Block,
    Listing,
    Resource,
    Segment,
    Site,
    edit_block,
)
from mirror.text import MONTHS

SITE_NAME = "Réseau des collectivités Territoriales pour une Économie Solidaire"
OLD_SITE_NAME = "Réseau des collectivités Territoriales pour une Économie Sociale et Solidaire"
SITE_SHORT = "RTES"
GENERATOR = "Drupal 9 (https://www.drupal.org)"
PRIVATE_MESSAGE = (
    "Cette ressource est réservée aux adhérents du RTES. "
    '<a href="/user/login">Connectez-vous</a> pour y accéder.'
)
EMPTY_VIEW = "Aucune ressource"
FRENCH_DAYS = ("lun", "mar", "mer", "jeu", "ven", "sam", "dim")  # old pages' submitted line
PAGER_QUANTITY = 9  # Drupal's default window of page links
VIEWS_EDIT_RATE = 0.3  # share of paragraphs edited in the listing's body repeat
SIDEBAR_COUNT = 5
TEASER_WORDS = 30  # words of the body a teaser shows before "…"
READ_MORE = "Lire la suite"
TEASER_PRIVATE = "Ressource réservée aux adhérents du RTES."  # a private teaser without Résumé

# Static pages of the menu and footer: path -> (title, text).
STATIC_PAGES = {
    "/le-reseau": (
        "Le réseau",
        "Le RTES rassemble les collectivités territoriales qui "
        "s’engagent pour le développement de l’économie solidaire.",
    ),
    "/agenda": ("Agenda", "Retrouvez ici les prochains rendez-vous du réseau."),
    "/adherer": ("Adhérer", "Les collectivités peuvent adhérer au RTES par délibération."),
    "/contact": ("Contact", "Écrivez-nous à contact@rtes.fr."),
    "/mentions-legales": ("Mentions légales", "Éditeur du site\u00a0: RTES."),
    "/plan-du-site": ("Plan du site", "Accueil, Le réseau, Ressources, Agenda, Adhérer, Contact."),
    "/user/login": ("Se connecter", "Connexion réservée aux adhérents."),
}
# The main menu; "Ressources" is a parent item without a page of its own (the site has no
# /ressources page): its submenu lists the category term pages.
RESOURCES_MENU = "Ressources"
MENU = (
    ("/", "Accueil"),
    ("/le-reseau", "Le réseau"),
    ("", RESOURCES_MENU),
    ("/agenda", "Agenda"),
    ("/adherer", "Adhérer"),
    ("/contact", "Contact"),
)
# Field order on pages, varying a little by resource type.
FIELD_ORDER = ("documents", "categories", "type", "private", "summary")  # the real site's order
# A private resource's page shows its field block with the (public) Résumé, never its documents.
PRIVATE_KEYS = ("categories", "type", "private", "summary")
FIELD_ORDER_BY_TYPE = {
    "Lettre d'information": ("type", "private", "documents", "summary", "categories"),
    "Formation": ("type", "private", "summary", "categories", "documents"),
    "Points de RepèrESS": ("summary", "type", "private", "documents", "categories"),
}
# Drupal machine names and labels of the fields: key -> (name, D8 type, D7 type, label).
FIELDS = {
    "type": (
        "type-de-ressource",
        "entity-reference",
        "taxonomy-term-reference",
        "Type de ressource",
    ),
    "private": ("ressource-privee", "boolean", "list-boolean", "Ressource privée"),
    "summary": ("resume", "text-long", "text-long", "Résumé"),
    "documents": ("documents", "file", "file", "Documents"),
    "categories": ("categorie", "entity-reference", "taxonomy-term-reference", "Catégorie"),
}


def esc(text: str) -> str:
    """Escape text content."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    """Escape an attribute value."""
    return html.escape(text, quote=True)


def inline(segments: tuple[Segment, ...]) -> str:
    """Inline HTML for text segments and links."""
    return "".join(
        "<br>\n"
        if s.br
        else f'<a href="{attr(s.href)}">{esc(s.text)}</a>'
        if s.href
        else esc(s.text)
        for s in segments
    )


def block_html(block: Block) -> str:
    """One body element."""
    if block.role == "empty":
        return "<p>&nbsp;</p>"
    if block.kind == "ul":
        return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in block.items) + "</ul>"
    if block.kind == "figure":
        return (
            f'<figure role="group" class="caption caption-img"><img src="{attr(block.src)}"'
            f' alt="" width="640" height="360" loading="lazy">'
            f"<figcaption>{inline(block.segments)}</figcaption></figure>"
        )
    return f"<{block.kind}>{inline(block.segments)}</{block.kind}>"


def blocks_html(blocks: tuple[Block, ...] | list[Block]) -> str:
    """Body elements, one per line."""
    return "\n".join(block_html(b) for b in blocks)


# How a page writes a body's blocks: <p> elements (blocks_html) or, on the /node/N rendering,
# lines separated by single <br> (mirror.variants.br_body).
BodyRenderer = Callable[[tuple[Block, ...]], str]


def summary_html(resource: Resource) -> str:
    """The Résumé paragraphs."""
    return "".join(f"<p>{inline(p)}</p>" for p in resource.summary)


def paris_offset(moment: datetime) -> timedelta:
    """Europe/Paris UTC offset (CEST from the last Sunday of March to that of October)."""

    def last_sunday(month: int) -> datetime:
        """Midnight of the month's last Sunday (March and October have 31 days)."""
        day = datetime(moment.year, month, 31)
        return day - timedelta(days=(day.weekday() + 1) % 7)

    summer = last_sunday(3) + timedelta(hours=2) <= moment < last_sunday(10) + timedelta(hours=3)
    return timedelta(hours=2 if summer else 1)


def iso_utc(moment: datetime) -> str:
    """Local Paris time as an ISO 8601 UTC timestamp (D8 <time datetime>)."""
    return (moment - paris_offset(moment)).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_local(moment: datetime) -> str:
    """Local Paris time as ISO 8601 with its offset (D7 RDFa, sitemap lastmod)."""
    hours = paris_offset(moment).seconds // 3600
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + f"+{hours:02d}:00"


# --- Drupal 8/9 fields -------------------------------------------------------------------


def _d8_field(key: str, items: list[str], multiple: bool) -> str:
    """A D8 field with its label above; empty fields keep only the label."""
    name, ftype, _, label = FIELDS[key]
    head = (
        f'<div class="field field--name-field-{name} field--type-{ftype} '
        f'field--label-above"><div class="field__label">{label}</div>'
    )
    if not items:
        return head + "</div>"
    if multiple:
        inner = "".join(f'<div class="field__item">{i}</div>' for i in items)
        return head + f'<div class="field__items">{inner}</div></div>'
    return head + f'<div class="field__item">{items[0]}</div></div>'


def _d8_fields(resource: Resource, keys: tuple[str, ...]) -> list[str]:
    """The D8 field divs for the given keys, in the resource type's order."""
    order = FIELD_ORDER_BY_TYPE.get(resource.resource_type, FIELD_ORDER)
    rtype = resource.resource_type
    values = {
        "type": ([esc(rtype)] if rtype else [], False),  # plain: type terms have no page
        "private": (["Oui" if resource.is_private else "Non"], False),
        "summary": ([summary_html(resource)] if resource.summary else [], False),
        "documents": (
            [
                f'<span class="file file--mime-application-pdf file--application-pdf">'
                f'<a href="{attr(d.path)}" type="application/pdf">{esc(d.title)}</a>'
                f"</span>"
                for d in resource.documents
            ],
            True,
        ),
        "categories": (
            [
                f'<a href="/taxonomy/term/{CATEGORIES[c]}" hreflang="fr">{esc(c)}</a>'
                for c in shown_categories(resource)
            ],
            True,
        ),
    }
    return [_d8_field(k, *values[k]) for k in order if k in keys]


def shown_categories(resource: Resource) -> tuple[str, ...]:
    """What the Catégorie field shows: the terms, or nothing (its label only) on many real pages."""
    return resource.categories if resource.categories_shown else ()


def french_date(moment: datetime) -> str:
    """'9 juin 2021', '1er juillet 2020' (as the real pages write it)."""
    day = "1er" if moment.day == 1 else str(moment.day)
    return f"{day} {MONTHS[moment.month - 1]} {moment.year}"


def date_line(resource: Resource) -> str:
    """An article's 'Publié le 9 juin 2021 - mis à jour le 14 juin 2021'."""
    line = f"Publié le {french_date(resource.published)}"
    return line + (f" - mis à jour le {french_date(resource.updated)}" if resource.updated else "")


def old_submitted(moment: datetime) -> str:
    """An old page's 'dim 19/10/2014 - 16:50'."""
    return f"{FRENCH_DAYS[moment.weekday()]} {moment:%d/%m/%Y - %H:%M}"


def d8_tags(resource: Resource) -> str:
    """The unlabelled term line standing just before the field block (free tags)."""
    if not resource.tags:
        return ""
    items = "".join(
        f'<div class="field__item"><a href="/taxonomy/term/{TAGS.get(t, 40)}" hreflang="fr">'
        f"{esc(t)}</a></div>"
        for t in resource.tags
    )
    classes = (
        "field field--name-field-tags field--type-entity-reference field--label-hidden field__items"
    )
    return f'<div class="{classes}">{items}</div>'


def lead_image_html(resource: Resource) -> str:
    """An article's lead image (its alt text is junk on the real site)."""
    if not resource.lead_image:
        return ""
    return (
        f'<div class="field field--name-field-image field--type-image field--label-hidden field__item">'
        f'<img src="{attr(resource.lead_image)}" alt="{attr(resource.lead_alt)}" width="800" height="450"></div>'
    )


def d8_news(resource: Resource, in_listing: bool, body_of: BodyRenderer = blocks_html) -> str:
    """A news article in D8 markup: lead image, date line, then the title, then the body."""
    path = resource.path
    title = (
        f'<h2 class="node__title"><a href="{path}" rel="bookmark"><span class="field field--name-title">'
        f"{esc(resource.title)}</span></a></h2>"
        if in_listing
        else f'<h1 class="page-title"><span class="field field--name-title">{esc(resource.title)}</span></h1>'
    )
    return "\n".join(
        [
            f'<article role="article" about="{path}" data-history-node-id="{resource.nid}" '
            f'class="node node--type-article node--view-mode-{"teaser" if in_listing else "full"}">',
            lead_image_html(resource),
            f'<div class="node__submitted">{date_line(resource)}</div>',
            title,
            '<div class="node__content"><div class="clearfix text-formatted field field--name-body '
            'field--type-text-with-summary field--label-hidden field__item">\n'
            + body_of(resource.blocks)
            + "\n</div>"
            + d8_tags(resource)
            + "</div>",
            "</article>",
        ]
    )


def d7_news(resource: Resource, body_of: BodyRenderer = blocks_html) -> str:
    """An old (Drupal 7) article: the title, then 'dim 19/10/2014 - 16:50', then the body."""
    return "\n".join(
        [
            f'<div id="node-{resource.nid}" class="node node-article node-full clearfix" about="{resource.path}">',
            f'<div class="submitted">{old_submitted(resource.published)}</div>',
            '<div class="content"><div class="field field-name-body field-type-text-with-summary field-label-hidden">'
            '<div class="field-items"><div class="field-item even">\n'
            + body_of(resource.blocks)
            + "\n</div></div></div></div>",
            "</div>",
        ]
    )


def d8_article(resource: Resource, in_listing: bool, body_of: BodyRenderer = blocks_html) -> str:
    """A resource in D8 markup (title as h2 link on listings only); an article as a news node."""
    if resource.kind == "article":
        return d8_news(resource, in_listing, body_of)
    path, shown = resource.path, not resource.is_private
    parts = [
        f'<article role="article" about="{path}" data-history-node-id="{resource.nid}" '
        f'class="node node--type-ressource node--view-mode-full">'
    ]
    if in_listing:
        parts.append(
            f'<h2 class="node__title"><a href="{path}" rel="bookmark"><span class="'
            f'field field--name-title">{esc(resource.title)}</span></a></h2>'
        )
    parts.append(
        f'<footer class="node__meta"><div class="node__submitted">Publié le <span '
        f'class="field field--name-created"><time datetime="{iso_utc(resource.published)}"'
        f">{resource.published:%d/%m/%Y}</time></span></div></footer>"
    )
    parts.append('<div class="node__content">')
    if shown:
        parts.append(
            '<div class="clearfix text-formatted field field--name-body '
            'field--type-text-with-summary field--label-hidden field__item">\n'
            + body_of(resource.blocks)
            + "\n</div>"
        )
    if shown:
        keys = tuple(FIELDS)
    elif in_listing:
        keys = ("type", "private", "summary", "categories")
    else:
        keys = PRIVATE_KEYS
    parts.append(d8_tags(resource))  # just before the field block
    parts.extend(_d8_fields(resource, keys))
    parts.append("</div>\n</article>")
    return "\n".join(parts)


# --- Drupal 7 fields ---------------------------------------------------------------------


def _d7_field(key: str, items: list[str], inline_label: bool) -> str:
    """A D7 field (label with colon and non-breaking space), even/odd items."""
    name, _, ftype, label = FIELDS[key]
    position = "inline" if inline_label else "above"
    inner = "".join(
        f'<div class="field-item {"even" if i % 2 == 0 else "odd"}">{item}</div>'
        for i, item in enumerate(items)
    )
    return (
        f'<div class="field field-name-field-{name} field-type-{ftype} '
        f'field-label-{position} clearfix"><div class="field-label">{label}:&nbsp;</div>'
        f'<div class="field-items">{inner}</div></div>'
    )


def d7_node(resource: Resource, body_of: BodyRenderer = blocks_html) -> str:
    """A resource detail in Drupal 7 markup."""
    rtype = resource.resource_type
    values = {
        "type": ([esc(rtype)] if rtype else [], True),
        "private": (["Oui" if resource.is_private else "Non"], True),
        "summary": ([summary_html(resource)] if resource.summary else [], False),
        "documents": (
            [
                f'<span class="file"><a href="{attr(d.path)}" type="application/pdf; '
                f'length={len(d.title) * 97}">{esc(d.title)}</a></span>'
                for d in resource.documents
            ],
            False,
        ),
        "categories": (
            [
                f'<a href="/taxonomy/term/{CATEGORIES[c]}" typeof="skos:Concept" '
                f'property="rdfs:label skos:prefLabel" datatype="">{esc(c)}</a>'
                for c in shown_categories(resource)
            ],
            False,
        ),
    }
    keys = PRIVATE_KEYS if resource.is_private else tuple(FIELDS)
    order = FIELD_ORDER_BY_TYPE.get(rtype, FIELD_ORDER)
    parts = [
        f'<div id="node-{resource.nid}" class="node node-ressource node-full clearfix" '
        f'about="{resource.path}" typeof="sioc:Item foaf:Document">',
        f'<span property="dc:title" content="{attr(resource.title)}" '
        f'class="rdf-meta element-hidden"></span>',
        f'<div class="submitted"><span property="dc:date dc:created" content="'
        f'{iso_local(resource.published)}" datatype="xsd:dateTime">Publié le '
        f"{resource.published:%d/%m/%Y}</span></div>",
        '<div class="content">',
    ]
    if not resource.is_private:
        parts.append(
            '<div class="field field-name-body field-type-text-with-summary '
            'field-label-hidden"><div class="field-items"><div class="field-item even" '
            'property="content:encoded">\n' + body_of(resource.blocks) + "\n</div></div></div>"
        )
    if resource.tags:  # D7 free tags: a term reference field without a label
        parts.append(
            '<div class="field field-name-field-tags field-type-taxonomy-term-reference field-label-hidden">'
            '<div class="field-items">'
            + "".join(
                f'<div class="field-item even"><a href="/taxonomy/term/{TAGS.get(t, 40)}">{esc(t)}</a></div>'
                for t in resource.tags
            )
            + "</div></div>"
        )
    parts.extend(_d7_field(k, *values[k]) for k in order if k in keys)
    parts.append("</div>\n</div>")
    return "\n".join(parts)


# --- Bare-label theme --------------------------------------------------------------------


def bare_article(resource: Resource, body_of: BodyRenderer = blocks_html) -> str:
    """A resource detail from a theme that lost the field classes: bold labels only."""
    rtype = resource.resource_type
    values = {
        "type": esc(rtype) if rtype else "",
        "private": "Oui" if resource.is_private else "Non",
        "summary": summary_html(resource),
        "documents": " ".join(
            f'<a href="{attr(d.path)}">{esc(d.title)}</a>' for d in resource.documents
        ),
        "categories": " ".join(
            f'<span><a href="/taxonomy/term/{CATEGORIES[c]}">{esc(c)}</a></span>'
            for c in shown_categories(resource)
        ),
    }
    keys = PRIVATE_KEYS if resource.is_private else tuple(FIELDS)
    order = FIELD_ORDER_BY_TYPE.get(rtype, FIELD_ORDER)
    if resource.kind == "article":
        return bare_news(resource, body_of)
    parts = [
        '<article class="ressource">',
        f"<h1>{esc(resource.title)}</h1>",
        f'<p class="date">Publié le {resource.published:%d/%m/%Y}</p>',
    ]
    if resource.is_private:
        parts.append(f'<div class="messages messages--warning">{PRIVATE_MESSAGE}</div>')
    else:
        parts.append('<div class="content">\n' + body_of(resource.blocks) + "\n</div>")
    if resource.tags:
        parts.append(f'<div class="mots">{esc(" | ".join(resource.tags))}</div>')
    above = resource.nid % 2 == 0  # half the pages: the label above its value, no colon, in divs
    for key in order:
        if key in keys:
            label = FIELDS[key][3]
            if above:
                value = f'<div class="valeur">{values[key]}</div>' if values[key] else ""
                parts.append(f'<div class="intitule">{label}</div>{value}')
            else:
                sep = "" if key == "summary" else " "
                parts.append(f"<div><strong>{label}\u00a0:</strong>{sep}{values[key]}</div>")
    parts.append("</article>")
    return "\n".join(parts)


def bare_news(resource: Resource, body_of: BodyRenderer = blocks_html) -> str:
    """A news article of the class-less theme: lead image, date line, title, body in divs."""
    image = (
        f'<div class="visuel"><img src="{attr(resource.lead_image)}" alt="{attr(resource.lead_alt)}"></div>'
        if resource.lead_image
        else ""
    )
    body = body_of(resource.blocks)
    return "\n".join(
        [
            '<div class="actu">',
            image,
            f'<div class="quand">{date_line(resource)}</div>',
            f"<h1>{esc(resource.title)}</h1>",
            f'<div class="texte">\n{body}\n</div>',
            f'<div class="mots">{esc(" | ".join(resource.tags))}</div>' if resource.tags else "",
            "</div>",
        ]
    )


# --- Pages -------------------------------------------------------------------------------


def page(
    title: str,
    content: str,
    *,
    legacy: bool = False,
    head_links: str = "",
    body_class: str = "",
    crumbs: tuple[tuple[str, str], ...] = (),
    site: Site | None = None,
    header: bool = True,
) -> str:
    """A full HTML document with the site chrome around content (header=False: no site
    header, menu nor breadcrumb, as Drupal renders a node's system path on the real site)."""
    name = OLD_SITE_NAME if legacy else SITE_NAME
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="fr" dir="ltr">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta name="Generator" content="{GENERATOR}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
            head_links,
            f"<title>{esc(title)} | {SITE_SHORT}</title>",
            "</head>",
            f'<body class="{body_class}">',
            '<a href="#main-content" class="visually-hidden focusable skip-link">'
            "Aller au contenu principal</a>",
            '<div class="layout-container">',
            _header(name, site) if header else "",
            _breadcrumb(crumbs) if header else "",
            '<main role="main"><a id="main-content" tabindex="-1"></a>',
            '<div class="layout-content"><div class="region region-content">',
            content,
            "</div></div>",
            "</main>",
            _sidebar(site),
            _footer(site),
            "</div>",
            "</body>",
            "</html>",
        ]
    )


def _header(name: str, site: Site | None = None) -> str:
    """Site branding and main menu (categories under "Ressources", regions under "Le réseau")."""
    themes = "".join(
        f'<li class="menu-item"><a href="{lst.path}">{esc(lst.title)}</a></li>' for lst in LISTINGS
    )
    regions = "".join(
        f'<li class="menu-item"><a href="{path}">{esc(region)}</a></li>'
        for path, region in _region_menu(site)
    )
    items = []
    for path, label in MENU:
        if path == "/le-reseau" and regions:
            items.append(
                f'<li class="menu-item menu-item--expanded"><a href="{path}">{label}</a>'
                f'<ul class="menu">{regions}</ul></li>'
            )
            continue
        if not path:  # the parent of the category pages: no link
            items.append(
                f'<li class="menu-item menu-item--expanded"><span>{label}</span>'
                f'<ul class="menu">{themes}</ul></li>'
            )
            continue
        items.append(f'<li class="menu-item"><a href="{path}">{label}</a></li>')
    return (
        '<header role="banner"><div class="region region-header">'
        '<div id="block-sitebranding" class="block block-system block-system-branding-block">'
        f'<div class="site-name"><a href="/" rel="home">{esc(name)}</a></div></div></div>'
        '<nav role="navigation" aria-labelledby="block-main-menu" id="block-rtes-main-menu">'
        '<h2 class="visually-hidden" id="block-main-menu">Navigation principale</h2>'
        f'<ul class="menu">{"".join(items)}</ul></nav></header>'
    )


_REGION_MENUS: dict[int, tuple[tuple[str, str], ...]] = {}  # per seed: members depend on it only


def _region_menu(site: Site | None) -> tuple[tuple[str, str], ...]:
    """(path, region) of the member region listings, for the menu (computed once per seed)."""
    if site is None:
        return ()
    if site.seed not in _REGION_MENUS:
        from mirror import kinds  # kinds renders with this module

        names = sorted({m.region for m in kinds.members(site)})
        _REGION_MENUS[site.seed] = tuple((f"/{kinds.region_slug(r)}", r) for r in names)
    return _REGION_MENUS[site.seed]


def _breadcrumb(crumbs: tuple[tuple[str, str], ...]) -> str:
    """The breadcrumb trail (always starting at Accueil)."""
    links = "".join(f'<li><a href="{p}">{esc(t)}</a></li>' for p, t in (("/", "Accueil"),) + crumbs)
    return (
        '<div class="region region-breadcrumb"><nav class="breadcrumb" role="navigation" '
        'aria-labelledby="system-breadcrumb"><h2 id="system-breadcrumb" '
        f'class="visually-hidden">Fil d’Ariane</h2><ol>{links}</ol></nav></div>'
    )


def _sidebar(site: Site | None) -> str:
    """The "Dernières ressources" block (outside <main>)."""
    latest = site.latest(SIDEBAR_COUNT) if site else ()
    links = "".join(f'<li><a href="{r.path}">{esc(r.title)}</a></li>' for r in latest)
    return (
        '<aside class="layout-sidebar-first" role="complementary"><div class="block '
        'block-views block-views-block-ressources-block-1"><h2>Dernières ressources</h2>'
        f"<ul>{links}</ul></div></aside>"
    )


def _footer(site: Site | None) -> str:
    """Address, legal links, newsletter signup, generation time, copyright."""
    generated = (
        f'<p class="generated">Page générée le {site.generated_at:%d/%m/%Y à %H:%M}</p>'
        if site
        else ""
    )
    return (
        '<footer role="contentinfo"><div class="region region-footer">'
        "<p>RTES – 1 place de l’Hôtel de Ville – 59000 Lille – contact@rtes.fr</p>"
        '<ul class="menu"><li><a href="/mentions-legales">Mentions légales</a></li>'
        '<li><a href="/plan-du-site">Plan du site</a></li>'
        '<li><a href="/newsletter-rtes-mars-2021">Dernière lettre d’information</a></li></ul>'
        '<form class="newsletter" action="/newsletter/subscribe" method="post">'
        '<label for="edit-mail">Recevoir la lettre d’information</label>'
        '<input type="email" id="edit-mail" name="mail">'
        '<input type="submit" value="S’inscrire"></form>'
        f"{generated}<p>© RTES 2026</p></div></footer>"
    )


def detail_page(site: Site, resource: Resource) -> str:
    """A resource's detail page in its variant's markup."""
    return page(
        resource.title,
        detail_content(resource),
        legacy=resource.variant == "d7",
        head_links=node_head_links(resource),
        body_class=f"path-node page-node-type-ressource node-{resource.nid}",
        crumbs=category_crumbs(resource),
        site=site,
    )


def node_head_links(resource: Resource) -> str:
    """A node page's canonical (its alias) and shortlink (its system path)."""
    return (
        f'<link rel="canonical" href="{resource.path}">\n'
        f'<link rel="shortlink" href="/node/{resource.nid}">'
    )


def detail_content(resource: Resource, body_of: BodyRenderer = blocks_html) -> str:
    """The node as its detail page shows it (title, node markup), its body written by body_of."""
    legacy = resource.variant == "d7"
    if resource.variant == "bare":
        return bare_article(resource, body_of)
    if resource.kind == "article":  # the title stands after the lead image and the date line
        if not legacy:
            return d8_news(resource, in_listing=False, body_of=body_of)
        title = f'<h1 class="title" id="page-title">{esc(resource.title)}</h1>'
        return "\n".join([title, d7_news(resource, body_of)])
    title_html = (
        f'<h1 class="title" id="page-title">{esc(resource.title)}</h1>'
        if legacy
        else f'<h1 class="page-title"><span class="field field--name-title">'
        f"{esc(resource.title)}</span></h1>"
    )
    warning = (
        f'<div class="messages messages--warning">{PRIVATE_MESSAGE}</div>'
        if resource.is_private
        else ""
    )
    node = (
        d7_node(resource, body_of)
        if legacy
        else d8_article(resource, in_listing=False, body_of=body_of)
    )
    return "\n".join([title_html, warning, node])


def category_crumbs(resource: Resource) -> tuple[tuple[str, str], ...]:
    """The breadcrumb of a node: its first category's term page."""
    first = next((lst for lst in LISTINGS if lst.title in resource.categories), None)
    return ((first.path, first.title),) if first else ()


def views_body_repeat(site: Site, listing: Listing, resource: Resource) -> str:
    """The views body field repeating part of the body, sometimes lightly edited."""
    rng = random.Random(f"{site.seed}:views:{resource.nid}:{listing.path}")
    blocks = list(resource.blocks)
    if rng.random() < 0.5:
        copied = blocks[rng.randrange(len(blocks)) :]
    else:
        copied = blocks[: rng.randint(1, len(blocks))]
    copied = [
        edit_block(rng, b, force=True)
        if b.kind == "p" and b.role in ("content", "repeat") and rng.random() < VIEWS_EDIT_RATE
        else b
        for b in copied
    ]
    return (
        '<div class="views-field views-field-body"><div class="field-content">\n'
        + blocks_html(copied)
        + "\n</div></div>"
    )


def listing_page(site: Site, listing: Listing, page_number: int) -> str:
    """One page of a listing view, newest first, with its pager."""
    items = site.listed[listing.path]
    shown = (
        items[page_number * PAGE_SIZE : (page_number + 1) * PAGE_SIZE] if page_number >= 0 else ()
    )
    pages = max(1, math.ceil(len(items) / PAGE_SIZE))
    view = (
        f'<div class="view view-ressources view-id-ressources view-display-id-{listing.display}">'
    )
    if shown:
        rows = []
        for resource in shown:
            if listing.teasers:
                rows.append(f'<div class="views-row">\n{d8_teaser(resource)}\n</div>')
                continue
            repeat = "" if resource.is_private else views_body_repeat(site, listing, resource)
            rows.append(
                f'<div class="views-row">\n{d8_article(resource, in_listing=True)}\n'
                f"{repeat}\n</div>"
            )
        view += '<div class="view-content">\n' + "\n".join(rows) + "\n</div>"
        view += pager(page_number, pages)
    else:
        view += f'<div class="view-empty">{EMPTY_VIEW}</div>'
    content = f'<h1 class="page-title">{esc(listing.title)}</h1>\n{view}\n</div>'
    return page(listing.title, content, body_class="path-taxonomy", site=site)


def teaser_lead(resource: Resource) -> str:
    """A teaser's lead: the body's first words cut short with "…"; a private node, whose body is
    not shown, leads with its (public) Résumé, or with the member notice when it has none."""
    first = next((t for b in resource.blocks if b.kept and b.kind == "p" for t in b.texts()), "")
    if resource.is_private:
        first = next(iter(summary_paragraphs(resource)), TEASER_PRIVATE)
    words = first.split()
    return " ".join(words[:TEASER_WORDS]) + (" …" if len(words) > TEASER_WORDS else "")


def summary_paragraphs(resource: Resource) -> list[str]:
    """The Résumé's paragraphs as plain text (empty ones left out)."""
    texts = (" ".join("".join(s.text for s in p).split()) for p in resource.summary)
    return [t for t in texts if t]


def d8_teaser(resource: Resource) -> str:
    """A node in Drupal's teaser view mode: title link, trimmed body, "Lire la suite"."""
    path, title = resource.path, esc(resource.title)
    node_type = "article" if resource.kind == "article" else "ressource"
    body = (
        '<div class="clearfix text-formatted field field--name-body field--type-text-with-summary '
        f'field--label-hidden field__item"><p>{esc(teaser_lead(resource))}</p></div>'
    )
    return (
        f'<article role="article" about="{path}" data-history-node-id="{resource.nid}" '
        f'class="node node--type-{node_type} node--view-mode-teaser">\n'
        f'<h2 class="node__title"><a href="{path}" rel="bookmark"><span class="field '
        f'field--name-title">{title}</span></a></h2>\n<div class="node__content">{body}'
        f'<ul class="links inline"><li class="node-readmore"><a href="{path}" rel="tag" '
        f'title="{attr(resource.title)}" hreflang="fr">{READ_MORE}<span class="visually-hidden">'
        f" de {title}</span></a></li></ul></div>\n</article>"
    )


def pager_window(current: int, total: int) -> tuple[int, int]:
    """Drupal's 1-based window of page links around the current page."""
    middle = math.ceil(PAGER_QUANTITY / 2)
    first = current + 1 - middle + 1
    last = current + 1 + PAGER_QUANTITY - middle
    if last > total:
        first, last = first + (total - last), total
    if first <= 0:
        last, first = min(total, last + (1 - first)), 1
    return first, last


def pager(current: int, total: int) -> str:
    """The Drupal 8 full pager (0-based ?page=), empty when there is one page."""
    if total <= 1:
        return ""
    items = []
    if current > 0:
        items.append(
            '<li class="pager__item pager__item--first"><a href="?page=0" '
            'title="Aller à la première page">« Premier</a></li>'
        )
        items.append(
            f'<li class="pager__item pager__item--previous"><a href="?page='
            f'{current - 1}" title="Aller à la page précédente" rel="prev">‹</a></li>'
        )
    first, last = pager_window(current, total)
    if first > 1:
        items.append('<li class="pager__item pager__item--ellipsis" role="presentation">…</li>')
    for number in range(first, last + 1):
        if number - 1 == current:
            items.append(
                f'<li class="pager__item is-active"><a href="?page={number - 1}" '
                f'title="Page courante">{number}</a></li>'
            )
        else:
            items.append(
                f'<li class="pager__item"><a href="?page={number - 1}" '
                f'title="Aller à la page {number}">{number}</a></li>'
            )
    if last < total:
        items.append('<li class="pager__item pager__item--ellipsis" role="presentation">…</li>')
    if current < total - 1:
        items.append(
            f'<li class="pager__item pager__item--next"><a href="?page={current + 1}" '
            f'title="Aller à la page suivante" rel="next">›</a></li>'
        )
        items.append(
            f'<li class="pager__item pager__item--last"><a href="?page={total - 1}" '
            f'title="Aller à la dernière page">Dernier »</a></li>'
        )
    return (
        '<nav class="pager" role="navigation" aria-labelledby="pagination-heading">'
        '<h4 id="pagination-heading" class="visually-hidden">Pagination</h4>'
        f'<ul class="pager__items js-pager__items">{"".join(items)}</ul></nav>'
    )


def link_items(links: list[tuple[str, str]]) -> str:
    """(path, text) pairs as <li> links."""
    return "".join(f'<li><a href="{path}">{esc(text)}</a></li>' for path, text in links)


def home_links(site: Site) -> tuple[str, str]:
    """The home page's lists: the latest nodes' titles, the category listings."""
    latest = link_items([(r.path, r.title) for r in site.latest(8)])
    return latest, link_items([(lst.path, lst.title) for lst in LISTINGS])


def home_page(site: Site) -> str:
    """The front page: welcome text and the latest titles."""
    latest, themes = home_links(site)
    content = (
        f'<h1 class="page-title">{esc(SITE_NAME)}</h1>'
        "<p>Le RTES accompagne les collectivités dans leurs politiques d’économie "
        "solidaire.</p><h2>À la une</h2>"
        f"<ul>{latest}</ul><h2>Les ressources</h2><ul>{themes}</ul>"
    )
    return page("Accueil", content, body_class="path-frontpage", site=site)


def static_page(site: Site, path: str) -> str:
    """A simple page of the menu or footer."""
    title, body = STATIC_PAGES[path]
    return static_page_html(site, title, body)


def static_page_html(site: Site, title: str, body: str) -> str:
    """A page holding a title and one paragraph (menu pages, a tag's empty term page)."""
    content = f'<h1 class="page-title">{esc(title)}</h1><p>{esc(body)}</p>'
    return page(title, content, body_class="path-page", site=site)


def not_found_page(site: Site) -> str:
    """Drupal's 404 page."""
    content = (
        '<h1 class="page-title">Page non trouvée</h1>'
        "<p>La page demandée n’a pas pu être trouvée.</p>"
    )
    return page("Page non trouvée", content, body_class="path-system", site=site)
