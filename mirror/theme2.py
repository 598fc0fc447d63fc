"""The second theme: the whole site in a markup that owes nothing to Drupal's default templates.

The same site (same nodes, URLs, listings and truth) as a custom theme would render it: French
class names, `<div>` wrappers instead of `<article>`/`<main>`, no `field--name-*` classes, no
`data-history-node-id`, field labels written inline ("Type de ressource : Autres") on half the
nodes and above their value (a heading) on the others, titles of listing items in <h3>, a pager
of plain links. Only Drupal core's head links (canonical, shortlink) stay, as a theme cannot
remove them. Chosen with `mirror serve --theme 2` (routes.HttpOptions.theme).
"""

from __future__ import annotations

import math

from mirror import render, variants
from mirror.render import BodyRenderer, attr, blocks_html, esc
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

MEMBER_NOTICE = (
    "Collectivités adhérentes, connectez-vous à l’espace adhérent pour accéder à cette "
    'ressource. <a href="/user/login">Espace adhérent</a>'
)
SIDEBAR_COUNT = 4
PAGER_SPAN = 2  # page links either side of the current one


def _category_href(name: str) -> str:
    """A category link goes straight to the term's alias in this theme."""
    return CATEGORY_BY_TID[CATEGORIES[name]].path


def _values(resource: Resource) -> dict[str, str]:
    """Each field's value as inline HTML ("" when the field shows its label only)."""
    rtype = resource.resource_type
    return {
        "type": esc(rtype) if rtype else "",
        "private": "Oui" if resource.is_private else "Non",
        "summary": render.summary_html(resource),
        "documents": ", ".join(
            f'<a class="doc" href="{attr(d.path)}">{esc(d.title)}</a>' for d in resource.documents
        ),
        "categories": ", ".join(
            f'<a href="{_category_href(c)}">{esc(c)}</a>' for c in render.shown_categories(resource)
        ),
    }


def _field(key: str, value: str, inline_label: bool) -> str:
    """One field: "Label : value" in one line, or the label as a heading above its value."""
    label = render.FIELDS[key][3]
    if inline_label:
        if key == "summary":  # paragraphs cannot stand inside a line
            return f'<div class="info info-resume">{label} :\n{value}</div>'
        return f'<p class="info">{label} : {value}</p>'
    if not value:
        return f'<div class="info"><h4 class="info-titre">{label}</h4></div>'
    holder = "div" if key == "summary" else "p"
    return f'<div class="info"><h4 class="info-titre">{label}</h4><{holder} class="valeur">{value}</{holder}></div>'


def fields_html(resource: Resource, in_listing: bool = False) -> str:
    """The field block in the real site's order (a private node: no documents)."""
    keys = render.PRIVATE_KEYS if resource.is_private else tuple(render.FIELDS)
    order = render.FIELD_ORDER_BY_TYPE.get(resource.resource_type, render.FIELD_ORDER)
    values = _values(resource)
    inline_label = resource.nid % 2 == 1
    rows = "\n".join(_field(k, values[k], inline_label) for k in order if k in keys)
    return f'<div class="infos-ressource">\n{rows}\n</div>'


def tags_html(resource: Resource) -> str:
    """The free tags: one line of term links separated by bullets."""
    if not resource.tags:
        return ""
    links = " • ".join(
        f'<a href="/taxonomy/term/{TAGS.get(t, 40)}">{esc(t)}</a>' for t in resource.tags
    )
    return f'<div class="etiquettes">{links}</div>'


def _title(resource: Resource, in_listing: bool) -> str:
    if in_listing:
        return f'<h3 class="titre-element"><a href="{resource.path}">{esc(resource.title)}</a></h3>'
    return f'<h1 class="titre-page">{esc(resource.title)}</h1>'


def node_html(resource: Resource, in_listing: bool, body_of: BodyRenderer = blocks_html) -> str:
    """A node: a news article (image, date line, title, body) or a resource (title, date,
    body or member notice, tags, fields)."""
    body = f'<div class="texte">\n{body_of(resource.blocks)}\n</div>'
    if resource.kind == "article":
        image = (
            f'<div class="visuel"><img src="{attr(resource.lead_image)}" alt="{attr(resource.lead_alt)}"></div>'
            if resource.lead_image
            else ""
        )
        parts = [
            image,
            f'<p class="date">{render.date_line(resource)}</p>',
            _title(resource, in_listing),
            body,
        ]
        parts.append(tags_html(resource))
        return (
            '<div class="fiche fiche-actualite">\n' + "\n".join(p for p in parts if p) + "\n</div>"
        )
    parts = [
        _title(resource, in_listing),
        f'<p class="date">Publié le {render.french_date(resource.published)}</p>',
        f'<div class="avertissement">{MEMBER_NOTICE}</div>' if resource.is_private else body,
        tags_html(resource),
        fields_html(resource, in_listing),
    ]
    return '<div class="fiche fiche-ressource">\n' + "\n".join(p for p in parts if p) + "\n</div>"


def teaser_html(resource: Resource) -> str:
    """A listing item as a teaser: title, a short lead, "Lire la suite"."""
    return (
        f'<div class="element element-resume">{_title(resource, True)}'
        f'<p class="chapo">{esc(render.teaser_lead(resource))}</p>'
        f'<a class="lire-suite" href="{resource.path}">{render.READ_MORE}</a></div>'
    )


# --- Pages -------------------------------------------------------------------------------


def page(
    title: str, content: str, *, site: Site | None, head_links: str = "", header: bool = True
) -> str:
    """A full document: top band and menu (header=False: none), content, side column, foot."""
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="fr">',
            "<head>",
            '<meta charset="utf-8">',
            head_links,
            f"<title>{esc(title)} - {render.SITE_SHORT}</title>",
            '<link rel="stylesheet" href="/themes/rtes2/css/style.css">',
            "</head>",
            '<body class="rtes2">',
            '<div id="page">',
            _top(site) if header else "",
            '<div id="contenu" class="conteneur">',
            f'<div class="colonne-principale">\n{content}\n</div>',
            _side(site),
            "</div>",
            _foot(),
            "</div>",
            "</body>",
            "</html>",
        ]
    )


def _top(site: Site | None) -> str:
    """The top band (logo, site name) and the menu, as nested lists in a <div>."""
    themes = "".join(f'<li><a href="{lst.path}">{esc(lst.title)}</a></li>' for lst in LISTINGS)
    regions = "".join(
        f'<li><a href="{path}">{esc(region)}</a></li>' for path, region in render._region_menu(site)
    )
    return (
        '<div id="bandeau"><a class="logo" href="/"><img src="/themes/rtes2/logo.png" alt="RTES"></a>'
        f'<p class="nom-site">{esc(render.SITE_NAME)}</p></div>'
        '<div id="menu-principal"><ul>'
        '<li><a href="/">Accueil</a></li>'
        f'<li><a href="/le-reseau">Le réseau</a><ul>{regions}</ul></li>'
        f"<li><span>{render.RESOURCES_MENU}</span><ul>{themes}</ul></li>"
        '<li><a href="/agenda">Agenda</a></li><li><a href="/adherer">Adhérer</a></li>'
        '<li><a href="/contact">Contact</a></li></ul></div>'
    )


def _side(site: Site | None) -> str:
    """The side column: the latest titles."""
    latest = site.latest(SIDEBAR_COUNT) if site else ()
    links = "".join(f'<li><a href="{r.path}">{esc(r.title)}</a></li>' for r in latest)
    return (
        '<div class="colonne-droite"><div class="encart"><p class="encart-titre">À la une</p>'
        f"<ul>{links}</ul></div></div>"
    )


def _foot() -> str:
    return (
        '<div id="pied"><p>RTES – 1 place de l’Hôtel de Ville – 59000 Lille</p>'
        '<p><a href="/mentions-legales">Mentions légales</a> – <a href="/plan-du-site">Plan du site</a>'
        ' – <a href="/newsletter-rtes-mars-2021">Dernière lettre d’information</a></p></div>'
    )


def detail_page(site: Site, resource: Resource) -> str:
    """A node's page at its alias."""
    return page(
        resource.title,
        node_html(resource, in_listing=False),
        site=site,
        head_links=render.node_head_links(resource),
    )


def node_page(site: Site, resource: Resource) -> str:
    """A node at /node/N: no top band nor menu, paragraphs separated by single <br>."""
    return page(
        resource.title,
        node_html(resource, in_listing=False, body_of=variants.br_body),
        site=site,
        head_links=render.node_head_links(resource),
        header=False,
    )


def _pager(current: int, total: int) -> str:
    """Plain links to the neighbouring pages and "Suivant"/"Précédent" (0-based ?page=)."""
    if total <= 1:
        return ""
    links = []
    if current > 0:
        links.append(f'<a class="precedent" href="?page={current - 1}">Précédent</a>')
    for number in range(max(0, current - PAGER_SPAN), min(total, current + PAGER_SPAN + 1)):
        links.append(
            f"<strong>{number + 1}</strong>"
            if number == current
            else f'<a href="?page={number}">{number + 1}</a>'
        )
    if current < total - 1:
        links.append(f'<a class="suivant" href="?page={current + 1}">Suivant</a>')
    return f'<div class="pages">{" ".join(links)}</div>'


def listing_page(site: Site, listing: Listing, page_number: int) -> str:
    """One page of a category listing: items in full (or teasers), newest first."""
    items = site.listed[listing.path]
    shown = (
        items[page_number * PAGE_SIZE : (page_number + 1) * PAGE_SIZE] if page_number >= 0 else ()
    )
    total = max(1, math.ceil(len(items) / PAGE_SIZE))
    if shown:
        rows = [teaser_html(r) if listing.teasers else node_html(r, in_listing=True) for r in shown]
        listed = '<div class="liste">\n' + "\n".join(rows) + "\n</div>" + _pager(page_number, total)
    else:
        listed = f"<p>{render.EMPTY_VIEW}</p>"
    return page(
        listing.title, f'<h1 class="titre-page">{esc(listing.title)}</h1>\n{listed}', site=site
    )


def home_page(site: Site) -> str:
    latest, themes = render.home_links(site)
    content = (
        f'<h1 class="titre-page">{esc(render.SITE_NAME)}</h1>'
        "<p>Le RTES accompagne les collectivités dans leurs politiques d’économie solidaire.</p>"
        f"<h2>Dernières publications</h2><ul>{latest}</ul><h2>Thématiques</h2><ul>{themes}</ul>"
    )
    return page("Accueil", content, site=site)


def static_page(site: Site, path: str) -> str:
    title, body = render.STATIC_PAGES[path]
    return static_page_html(site, title, body)


def static_page_html(site: Site, title: str, body: str) -> str:
    return page(title, f'<h1 class="titre-page">{esc(title)}</h1><p>{esc(body)}</p>', site=site)


def not_found_page(site: Site) -> str:
    content = '<h1 class="titre-page">Erreur 404</h1><p>Cette page n’existe pas ou plus.</p>'
    return page("Erreur 404", content, site=site)
