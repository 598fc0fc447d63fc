"""Theme 7: Bootstrap-grid markups (as Bootstrap, Joomla, Drupal Olivero, SPIP or Typo3 themes
write them) that differ from themes 1-6. Same site model, URLs, links and head links, so
mirror/truth.py holds.

- layout, by node (listings: by listing): a Bootstrap grid (`container` / `row` / `col-md-8` +
  `col-md-4`) under a navbar whose listings and regions are `<ul class="dropdown-menu">`
  sub-menus, with a skip link and a search form; an `<ol class="breadcrumb">`; a sidebar with a
  newsletter sign-up card; a footer of three columns with the address. `hero`: the `<h1>` and
  the date stand in a hero band OUTSIDE the content column (the title apart from the body);
- nodes, by nid: schema.org microdata (`itemscope`, `itemprop="headline"`, `itemprop=
  "articleBody"`, `<meta itemprop="datePublished" content=…>`) or plain Bootstrap `<div>`s;
- dates, by nid: a split date badge (`<span class="day">09</span><span class="month">juin`…),
  "Le 09 juin 2021", Drupal's long format "Mercredi, 9 Juin, 2021 - 16:50", an ISO
  "2021-06-09" in text, or (microdata nodes only) no visible date, the `<meta>` alone;
- fields, by nid: a horizontal table (the labels a `<thead>` row, the values the `<tbody>` row
  below), tab panels (a `<ul role="tablist">` of tab links, the `role="tabpanel"` panels after
  it) with the short fields in a one-line strip, Bootstrap accordions (`<button
  class="accordion-button">Label</button>` + the collapse body), or a one-line "Type de
  ressource : Autres | Ressource privée : Non | …" strip with the Résumé in a card whose
  `card-header` is the label;
- tags: Bootstrap badges (`<a class="badge">`) in an unlabelled inline list before the fields;
- body, by nid: `<p>`s, or the same with a video `<iframe>` (its fallback text inside) after the
  first paragraph; share buttons ("Partager sur Facebook / X / LinkedIn", "Imprimer cette
  page") after every node;
- listings, by listing: a grid of Bootstrap cards (`card` / `card-body` / `card-title`), or a
  `<table class="views-table">` of title / date / type columns; the only pager a "Charger plus"
  (rel=next, Drupal's infinite scroll) or "Voir plus" (no rel) link to `?page=N+1`;
- members: profile and region fields as `<td>`-label tables, region members as cards.

`VARIANT` forces one construct per part (as theme 4's to 6's).
"""

from __future__ import annotations

import math

from mirror import render, theme6, variants
from mirror.render import attr, esc
from mirror.site import LISTINGS, PAGE_SIZE, TAGS, Listing, Resource, Site

MEMBER_NOTICE = theme6.MEMBER_NOTICE
SIDEBAR_COUNT = 4
WEEKDAYS = ("Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche")
VIDEO = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
VIDEO_FALLBACK = "Votre navigateur ne permet pas d’afficher cette vidéo."

# layout: mixed | grid | hero; node: mixed | microdata | plain; dates: mixed | badge | le |
# long | iso | meta (microdata nodes only); fields: mixed | htable | tabs | accordion | strip;
# body: mixed | p | video; list: mixed | cards | table; pager: mixed | more | voir.
VARIANT = {
    "layout": "mixed",
    "node": "mixed",
    "dates": "mixed",
    "fields": "mixed",
    "body": "mixed",
    "list": "mixed",
    "pager": "mixed",
}


def _pick(part: str, key: int, options: tuple[str, ...]) -> str:
    style = VARIANT[part]
    return options[key % len(options)] if style == "mixed" else style


def _microdata(resource: Resource) -> bool:
    return _pick("node", resource.nid // 3, ("microdata", "plain")) == "microdata"


# --- Dates -------------------------------------------------------------------------------

DATE_STYLES = ("badge", "le", "long", "iso", "meta")


def date_style(resource: Resource) -> str:
    style = _pick("dates", resource.nid, DATE_STYLES)
    return "iso" if style == "meta" and not _microdata(resource) else style


def _long(moment) -> str:
    month = render.MONTHS[moment.month - 1].capitalize()
    return f"{WEEKDAYS[moment.weekday()]}, {moment.day} {month}, {moment.year} - {moment:%H:%M}"


def date_html(resource: Resource) -> str:
    """The visible date (and update) in the node's style; empty for `meta`."""
    style = date_style(resource)
    pub, upd = resource.published, resource.updated
    if style == "badge":
        month = render.MONTHS[pub.month - 1]
        line = (
            f'<div class="date-badge"><span class="day">{pub:%d}</span>'
            f'<span class="month">{month}</span><span class="year">{pub.year}</span></div>'
        )
        extra = f"Actualisé le {upd:%d/%m/%Y}" if upd else ""
    elif style == "le":
        line = f'<p class="text-muted">Le {pub:%d} {render.MONTHS[pub.month - 1]} {pub.year}</p>'
        extra = f"Mis à jour le {render.french_date(upd)}" if upd else ""
    elif style == "long":
        line = f'<p class="submitted">{_long(pub)}</p>'
        extra = f"Modifié le {_long(upd)}" if upd else ""
    elif style == "iso":
        line = f'<p><span class="date">{pub:%Y-%m-%d}</span></p>'
        extra = f"Mise à jour : {upd:%Y-%m-%d}" if upd else ""
    else:
        return ""
    return line + (f'<p class="small text-muted">{extra}</p>' if extra else "")


def _meta_dates(resource: Resource) -> str:
    out = f'<meta itemprop="datePublished" content="{render.iso_local(resource.published)}">'
    if resource.updated:
        out += f'<meta itemprop="dateModified" content="{render.iso_local(resource.updated)}">'
    return out


# --- Bodies ------------------------------------------------------------------------------


def _video() -> str:
    return (
        f'<div class="ratio ratio-16x9"><iframe src="{VIDEO}" title="Vidéo YouTube" '
        f'allowfullscreen loading="lazy">{VIDEO_FALLBACK}</iframe></div>'
    )


def body_html(resource: Resource, br: bool = False) -> str:
    """The body in the node's style (br: single <br>s, as /node/N shows)."""
    prop = ' itemprop="articleBody"' if _microdata(resource) else ""
    if br:
        return f'<div class="body"{prop}>' + variants.br_body(resource.blocks) + "</div>"
    parts = [render.block_html(b) for b in resource.blocks]
    if _pick("body", resource.nid // 2, ("p", "video")) == "video" and parts:
        parts.insert(1, _video())
    return f'<div class="body"{prop}>' + "\n".join(parts) + "</div>"


SHARE = (
    '<div class="share d-flex gap-2 my-4">'
    '<a class="btn btn-sm btn-outline-secondary" href="https://www.facebook.com/sharer/sharer.php">'
    "Partager sur Facebook</a>"
    '<a class="btn btn-sm btn-outline-secondary" href="https://x.com/intent/tweet">Partager sur X</a>'
    '<a class="btn btn-sm btn-outline-secondary" href="https://www.linkedin.com/sharing/share-offsite/">'
    "Partager sur LinkedIn</a>"
    '<button class="btn btn-sm btn-link" onclick="window.print()">Imprimer cette page</button></div>'
)


# --- Fields ------------------------------------------------------------------------------

FIELD_STYLES = ("htable", "tabs", "accordion", "strip")
SHORT_KEYS = ("categories", "type", "private")  # the fields a strip line shows


def field_style(resource: Resource) -> str:
    return _pick("fields", resource.nid // 4, FIELD_STYLES)


def _shown(resource: Resource) -> list[tuple[str, str, str]]:
    return [(render.FIELDS[k][3], theme6._value(resource, k), k) for k in theme6._shown(resource)]


def _strip(shown: list[tuple[str, str, str]]) -> str:
    line = " | ".join(f"{label} : {value}" for label, value, _ in shown)
    return f'<p class="small text-muted border-top pt-2">{line}</p>' if line else ""


def _tabs(resource: Resource, shown: list[tuple[str, str, str]]) -> str:
    tabbed = [s for s in shown if s[2] not in SHORT_KEYS]
    ids = [f"tab-{resource.nid}-{key}" for _, _, key in tabbed]
    tabs = "".join(
        f'<li class="nav-item" role="presentation"><a class="nav-link{" active" * (n == 0)}" '
        f'href="#{ids[n]}" data-bs-toggle="tab" role="tab" aria-controls="{ids[n]}">{label}</a></li>'
        for n, (label, _, _) in enumerate(tabbed)
    )
    panes = "".join(
        f'<div class="tab-pane fade{" show active" * (n == 0)}" id="{ids[n]}" role="tabpanel">'
        f"{value}</div>"
        for n, (_, value, _) in enumerate(tabbed)
    )
    short = _strip([s for s in shown if s[2] in SHORT_KEYS])
    if not tabbed:
        return short
    return (
        f'<ul class="nav nav-tabs mt-4" role="tablist">{tabs}</ul>'
        f'<div class="tab-content border border-top-0 p-3">{panes}</div>{short}'
    )


def _accordion(resource: Resource, shown: list[tuple[str, str, str]]) -> str:
    items = []
    for n, (label, value, _) in enumerate(shown):
        ident = f"collapse-{resource.nid}-{n}"
        items.append(
            '<div class="accordion-item"><h2 class="accordion-header">'
            f'<button class="accordion-button collapsed" type="button" data-bs-toggle="collapse" '
            f'data-bs-target="#{ident}" aria-expanded="false">{label}</button></h2>'
            f'<div id="{ident}" class="accordion-collapse collapse"><div class="accordion-body">'
            f"{value}</div></div></div>"
        )
    return f'<div class="accordion mt-4" id="fields-{resource.nid}">{"".join(items)}</div>'


def fields_html(resource: Resource) -> str:
    style = field_style(resource)
    shown = _shown(resource)
    if style == "htable":
        head = "".join(f'<th scope="col">{label}</th>' for label, _, _ in shown)
        cells = "".join(f"<td>{value}</td>" for _, value, _ in shown)
        return (
            '<table class="table table-bordered table-sm"><thead><tr>'
            f"{head}</tr></thead><tbody><tr>{cells}</tr></tbody></table>"
        )
    if style == "tabs":
        return _tabs(resource, shown)
    if style == "accordion":
        return _accordion(resource, shown)
    summary = [s for s in shown if s[2] == "summary"]
    card = (
        f'<div class="card my-3"><div class="card-header">{summary[0][0]}</div>'
        f'<div class="card-body">{summary[0][1]}</div></div>'
        if summary
        else ""
    )
    return _strip([s for s in shown if s[2] != "summary"]) + card


def tags_html(resource: Resource) -> str:
    if not resource.tags:
        return ""
    items = "".join(
        f'<li class="list-inline-item"><a class="badge bg-secondary text-decoration-none" '
        f'href="/taxonomy/term/{TAGS.get(t, 40)}">{esc(t)}</a></li>'
        for t in resource.tags
    )
    return f'<ul class="list-inline mb-2">{items}</ul>'


# --- Nodes -------------------------------------------------------------------------------


def _parts(resource: Resource, br: bool = False) -> list[str]:
    """The node's parts after its title and date."""
    if resource.kind == "article":
        return [theme6._lead_image(resource), tags_html(resource), body_html(resource, br)]
    if resource.is_private:
        body = f'<div class="alert alert-info">{MEMBER_NOTICE}</div>'
    else:
        body = body_html(resource, br)
    fields = fields_html(resource)
    if field_style(resource) in ("tabs", "accordion"):  # field groups set after the body
        return [tags_html(resource), body, fields]
    return [tags_html(resource), fields, body]


def title_html(resource: Resource) -> str:
    prop = ' itemprop="headline"' if _microdata(resource) else ""
    return f'<h1 class="display-6"{prop}>{esc(resource.title)}</h1>{date_html(resource)}'


def node_html(resource: Resource, br: bool = False, titled: bool = True) -> str:
    """The node: its title and date (unless `titled` is False: a hero band shows them) and
    its parts, in microdata or plain <div>s."""
    parts = "\n".join(p for p in _parts(resource, br) if p)
    head = title_html(resource) if titled else ""
    if _microdata(resource):
        kind = "NewsArticle" if resource.kind == "article" else "CreativeWork"
        name = "" if titled else f'<meta itemprop="headline" content="{attr(resource.title)}">'
        return (
            f'<article itemscope itemtype="https://schema.org/{kind}">{name}{_meta_dates(resource)}'
            f"{head}\n{parts}</article>"
        )
    return f'<div class="node mb-5">{head}\n{parts}</div>'


def _crumbs(trail: list[tuple[str, str]], current: str) -> str:
    items = "".join(
        f'<li class="breadcrumb-item"><a href="{p}">{esc(t)}</a></li>' for p, t in trail
    )
    return (
        '<nav aria-label="breadcrumb"><ol class="breadcrumb">'
        f'<li class="breadcrumb-item"><a href="/">Accueil</a></li>{items}'
        f'<li class="breadcrumb-item active" aria-current="page">{esc(current)}</li></ol></nav>'
    )


def _node_crumbs(resource: Resource) -> str:
    trail = [(p, t) for p, t in render.category_crumbs(resource)]
    return _crumbs(trail, resource.title)


# --- Listings ----------------------------------------------------------------------------


def _item_scope(resource: Resource) -> tuple[str, str]:
    """A listed microdata node's scope attributes and its date <meta>s (none for a plain node)."""
    if not _microdata(resource):
        return "", ""
    kind = "NewsArticle" if resource.kind == "article" else "CreativeWork"
    return f' itemscope itemtype="https://schema.org/{kind}"', _meta_dates(resource)


def card_html(resource: Resource, teaser: bool) -> str:
    link = f'<a href="{resource.path}" class="stretched-link">{esc(resource.title)}</a>'
    scope, metas = _item_scope(resource)
    if teaser:
        img = (
            f'<img class="card-img-top" src="{attr(resource.lead_image)}" alt="{attr(resource.lead_alt)}">'
            if resource.lead_image
            else ""
        )
        return (
            f'<div class="col"><div class="card h-100"{scope}>{metas}{img}<div class="card-body">'
            f'<h5 class="card-title">{link}</h5>{date_html(resource)}'
            f'<p class="card-text">{esc(render.teaser_lead(resource))}</p></div>'
            f'<div class="card-footer"><a href="{resource.path}" class="btn btn-primary btn-sm">'
            f"{render.READ_MORE}</a></div></div></div>"
        )
    parts = "\n".join(p for p in _parts(resource) if p)
    return (
        f'<div class="card mb-4"{scope}>{metas}<div class="card-header"><h2 class="card-title h4">'
        f'<a href="{resource.path}">{esc(resource.title)}</a></h2>{date_html(resource)}</div>'
        f'<div class="card-body">{parts}</div></div>'
    )


def _row(resource: Resource) -> str:
    kind = resource.resource_type or "" if resource.kind == "resource" else "Actualité"
    return (
        f'<tr><td class="views-field views-field-title"><a href="{resource.path}">'
        f"{esc(resource.title)}</a></td>"
        f'<td class="views-field views-field-created">{resource.published:%d/%m/%Y}</td>'
        f'<td class="views-field views-field-type">{esc(kind)}</td></tr>'
    )


def _pager(current: int, total: int, style: str) -> str:
    """The only pager: a load-more link to the next page (rel=next as Drupal's infinite scroll
    writes it, or none)."""
    if current >= total - 1:
        return ""
    if style == "more":
        return (
            '<ul class="js-pager__items pager" data-drupal-views-infinite-scroll-pager>'
            f'<li class="pager__item"><a class="button" href="?page={current + 1}" '
            f'title="Charger plus d’éléments" rel="next">Charger plus</a></li></ul>'
        )
    return (
        f'<div class="text-center my-4"><a class="btn btn-outline-primary" '
        f'href="?page={current + 1}">Voir plus</a></div>'
    )


def listing_page(site: Site, listing: Listing, page_number: int) -> str:
    items = site.listed[listing.path]
    index = next(i for i, lst in enumerate(LISTINGS) if lst.path == listing.path)
    shown = (
        items[page_number * PAGE_SIZE : (page_number + 1) * PAGE_SIZE] if page_number >= 0 else ()
    )
    total = max(1, math.ceil(len(items) / PAGE_SIZE))
    if not shown:
        listed = f'<div class="alert alert-light">{render.EMPTY_VIEW}</div>'
    elif _pick("list", index, ("cards", "table")) == "table":
        rows = "".join(_row(r) for r in shown)
        listed = (
            '<table class="views-table views-view-table cols-3 table table-striped"><thead><tr>'
            '<th scope="col">Titre</th><th scope="col">Date</th><th scope="col">Type</th>'
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
    elif listing.teasers:
        listed = (
            '<div class="row row-cols-1 row-cols-md-3 g-4">'
            + "".join(card_html(r, True) for r in shown)
            + "</div>"
        )
    else:
        listed = "".join(card_html(r, False) for r in shown)
    listed += _pager(page_number, total, _pick("pager", index // 2, ("more", "voir")))
    return page(listing.title, listed, site=site, key=index, crumbs=_crumbs([], listing.title))


# --- Page chrome ---------------------------------------------------------------------------


def _dropdown(title: str, links) -> str:
    items = "".join(f'<li><a class="dropdown-item" href="{p}">{esc(t)}</a></li>' for p, t in links)
    return (
        '<li class="nav-item dropdown"><a class="nav-link dropdown-toggle" href="#" role="button" '
        f'data-bs-toggle="dropdown" aria-expanded="false">{esc(title)}</a>'
        f'<ul class="dropdown-menu">{items}</ul></li>'
    )


def _navbar(site: Site | None) -> str:
    plain = "".join(
        f'<li class="nav-item"><a class="nav-link" href="{p}">{esc(t)}</a></li>'
        for p, t in theme6._menu_links()
    )
    themes = _dropdown(render.RESOURCES_MENU, ((lst.path, lst.title) for lst in LISTINGS))
    regions = _dropdown("Régions", render._region_menu(site))
    return (
        '<a class="visually-hidden-focusable" href="#contenu">Aller au contenu</a>'
        '<nav class="navbar navbar-expand-lg navbar-light bg-light"><div class="container">'
        f'<a class="navbar-brand" href="/">{esc(render.SITE_SHORT)}</a>'
        '<button class="navbar-toggler" type="button" data-bs-toggle="collapse" '
        'data-bs-target="#nav" aria-label="Menu"><span class="navbar-toggler-icon"></span></button>'
        f'<div class="collapse navbar-collapse" id="nav"><ul class="navbar-nav me-auto">{plain}'
        f"{themes}{regions}</ul>"
        '<form class="d-flex" role="search" action="/recherche"><input class="form-control me-2" '
        'type="search" name="keys" placeholder="Rechercher" aria-label="Rechercher">'
        '<button class="btn btn-outline-success" type="submit">Rechercher</button></form>'
        "</div></div></nav>"
    )


def _sidebar(site: Site | None) -> str:
    latest = site.latest(SIDEBAR_COUNT) if site else ()
    links = "".join(
        f'<li class="list-group-item"><a href="{r.path}">{esc(r.title)}</a></li>' for r in latest
    )
    return (
        f'<div class="card mb-4"><div class="card-body"><h5 class="card-title">À la une</h5>'
        f'<ul class="list-group list-group-flush">{links}</ul></div></div>'
        '<div class="card mb-4 bg-light"><div class="card-body"><h5 class="card-title">'
        'Lettre d’information</h5><p class="card-text">Recevez chaque mois l’actualité du '
        'réseau et des collectivités adhérentes.</p><form action="/newsletter/subscribe" '
        'method="post"><input type="email" class="form-control mb-2" name="mail" '
        'placeholder="Votre adresse e-mail"><button class="btn btn-primary" type="submit">'
        "S’inscrire</button></form></div></div>"
    )


def _footer() -> str:
    menu = "".join(f'<li><a href="{p}">{esc(t)}</a></li>' for p, t in theme6._menu_links())
    return (
        '<footer class="bg-dark text-light mt-5 py-4"><div class="container"><div class="row">'
        f'<div class="col-md-4"><h4>{esc(render.SITE_SHORT)}</h4><address>1 place de l’Hôtel de '
        "Ville<br>59000 Lille<br>Tél. 03 20 97 17 95</address></div>"
        f'<div class="col-md-4"><h4>Le réseau</h4><ul class="list-unstyled">{menu}</ul></div>'
        f'<div class="col-md-4"><h4>Informations</h4><ul class="list-unstyled">'
        f"{theme6._foot_links()}</ul></div></div>"
        '<p class="small mt-3">© 2026 RTES – Tous droits réservés</p></div></footer>'
    )


def page(
    title: str,
    content: str,
    *,
    site: Site | None,
    key: int = 0,
    head_links: str = "",
    header: bool = True,
    crumbs: str = "",
    band: str = "",
) -> str:
    """A Bootstrap page. `band`: the title (and date) set in a hero band above the grid, the
    content column then lacking them; else an `<h1>` of `title` opens the column unless the
    content brings its own (band == "own")."""
    hero = _pick("layout", key, ("grid", "hero")) == "hero"
    heading = band or f'<h1 class="display-6">{esc(title)}</h1>'
    if band == "own":
        heading = ""
    top = f'<div class="bg-primary-subtle py-5 mb-4"><div class="container">{heading}</div></div>'
    column = (crumbs if header else "") + ("" if hero else heading) + content
    body = (
        (_navbar(site) if header else "")
        + (top if hero and heading else "")
        + '<div class="container" id="contenu"><div class="row">'
        f'<div class="col-md-8">{column}</div><div class="col-md-4">{_sidebar(site)}</div>'
        "</div></div>" + _footer()
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="fr">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<link href="/themes/custom/rtes/css/bootstrap.min.css" rel="stylesheet">',
            head_links,
            f"<title>{esc(title)} | {render.SITE_SHORT}</title>",
            "</head>",
            "<body>",
            body,
            '<script src="/themes/custom/rtes/js/bootstrap.bundle.min.js"></script>',
            "</body>",
            "</html>",
        ]
    )


def detail_page(site: Site, resource: Resource, header: bool = True, br: bool = False) -> str:
    hero = _pick("layout", resource.nid, ("grid", "hero")) == "hero"
    content = node_html(resource, br, titled=not hero) + SHARE
    return page(
        resource.title,
        content,
        site=site,
        key=resource.nid,
        head_links=render.node_head_links(resource),
        header=header,
        crumbs=_node_crumbs(resource),
        band=title_html(resource) if hero else "own",
    )


def node_page(site: Site, resource: Resource) -> str:
    """The node at /node/N: no navbar, a <br>-separated body (as the real site's)."""
    return detail_page(site, resource, header=False, br=True)


def home_page(site: Site) -> str:
    latest = site.latest(6)
    cards = "".join(card_html(r, True) for r in latest)
    content = (
        '<p class="lead">Le RTES accompagne les collectivités dans leurs politiques d’économie '
        "solidaire.</p><h2>Dernières publications</h2>"
        f'<div class="row row-cols-1 row-cols-md-3 g-4">{cards}</div>'
    )
    return page("Accueil", content, site=site)


def static_page(site: Site, path: str) -> str:
    title, body = render.STATIC_PAGES[path]
    return static_page_html(site, title, body)


def static_page_html(site: Site, title: str, body: str) -> str:
    return page(title, f"<p>{esc(body)}</p>", site=site, crumbs=_crumbs([], title))


def not_found_page(site: Site) -> str:
    return page("Erreur 404", "<p>Cette page n’existe pas ou plus.</p>", site=site)


# --- Members (mirror.kinds.RENDERERS[7]) ---------------------------------------------------


def _member_table(member) -> str:
    from mirror import kinds

    rows = "".join(
        f'<tr><td class="fw-bold">{label}</td><td>{esc(value)}</td></tr>'
        for label, value in kinds._field_rows(member)
    )
    return f'<table class="table table-sm"><tbody>{rows}</tbody></table>'


def member_page(site: Site, member) -> str:
    from mirror import kinds

    content = (
        f"{_member_table(member)}<div>{kinds._sections(member, '<h2>')}</div>"
        f'<p class="small text-muted">Dernière mise à jour : {member.updated:%d/%m/%Y}</p>'
    )
    return page(
        member.name, content, site=site, key=member.nid, head_links=kinds._head_links(member)
    )


def region_page(site: Site, region: str) -> str:
    from mirror import kinds

    cards = "".join(
        f'<div class="card mb-3"><div class="card-body"><h2 class="card-title h5">'
        f'<a href="{m.path}">{esc(m.name)}</a></h2>{_member_table(m)}</div></div>'
        for m in kinds.in_region(site, region)
    )
    return page(region, cards, site=site, crumbs=_crumbs([], region))
