"""Theme 5: markups the first stress round (theme 4) did not cover, as older or non-Drupal CMS
sites write them. Same site model, URLs and links, so mirror/truth.py holds.

- layout, by node (listings: by listing): a whole-page <table> (header row, menu cell, content
  cell, side cell, footer row) or nested <div>s; in the content area a breadcrumb ending with
  the page's title, and after the node a share bar ("Partager : Facebook Twitter LinkedIn"),
  "Imprimer" and "Retour à la liste" links;
- dates, by nid % 5: "Mis en ligne le 9 juin 2021", "Publié le 09/06/2021", "09.06.2021",
  "Date de publication : 9 juin 2021", or the site's "Publié le 9 juin 2021"; an article's
  update as "Mise à jour : 14/06/2021" (or "- mis à jour le …" after the last one);
- fields, by nid % 5: labels above values in <h4> (value in a <div>); in <h5> with <p> values
  (documents as a <ul>), each field in its own <div>; <span class="label">Label</span><span>v</span>
  on one line; a <dl> with one <dd> per document / category and no <dd> for an empty field;
  a <dl> grouping each dt with its dd's in a <div> (HTML5);
- tags: the term line, alone or labelled "Mots-clés :";
- body, by nid % 4: blocks in <section>s (one per <h3>) nested in <div>s; some paragraphs in
  <blockquote>; inline <em>/<strong>/<span> breaking sentences; plain <p>s; figures get a
  photo credit, an article's lead image a <figure> with a credit caption;
- listings, by listing: <ul> of <li> items whose title is <a class="title"><span>…</span></a>,
  <div class="item"> items with that title, or <li> items with an <h3> title; teaser
  listings: title, date, lead, "Lire la suite", private items marked "Réservé aux adhérents".

`VARIANT` forces one construct per part (a test sets it, as theme 4's).
"""

from __future__ import annotations

import math

from mirror import render, theme4
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
    Segment,
    Site,
)

MEMBER_NOTICE = theme4.MEMBER_NOTICE
SIDEBAR_COUNT = 4

# layout: mixed | table | div; dates: mixed | mis_en_ligne | numeric | dotted | label | publie;
# fields: mixed | h4 | h5 | span | dl_multi | dl_div; body: mixed | sections | quote | inline | p;
# list: mixed | li_a | div_a | li_h3; chrome: on | off; tags: mixed | plain | label;
# credit: on | off.
VARIANT = {
    "layout": "mixed",
    "dates": "mixed",
    "fields": "mixed",
    "body": "mixed",
    "list": "mixed",
    "chrome": "on",
    "tags": "mixed",
    "credit": "on",
}

CREDITS = ("© Mathilde Cybulski", "Crédit photo : RTES", "Photo : CRESS Occitanie")


def _pick(part: str, key: int, options: tuple[str, ...]) -> str:
    style = VARIANT[part]
    return options[key % len(options)] if style == "mixed" else style


def _category_href(name: str) -> str:
    return CATEGORY_BY_TID[CATEGORIES[name]].path


# --- Dates -------------------------------------------------------------------------------

DATE_STYLES = ("mis_en_ligne", "numeric", "dotted", "label", "publie")


def date_html(resource: Resource) -> str:
    style = _pick("dates", resource.nid, DATE_STYLES)
    pub, upd = resource.published, resource.updated
    if style == "mis_en_ligne":
        line = f"Mis en ligne le {render.french_date(pub)}"
        extra = f"Mise à jour : {upd:%d/%m/%Y}" if upd else ""
    elif style == "numeric":
        line = f"Publié le {pub:%d/%m/%Y}"
        extra = f"Mise à jour : {upd:%d/%m/%Y}" if upd else ""
    elif style == "dotted":
        line = f"{pub:%d.%m.%Y}"
        extra = f"Mis à jour le {upd:%d.%m.%Y}" if upd else ""
    elif style == "label":
        line = f"Date de publication : {render.french_date(pub)}"
        extra = f"Mise à jour : {render.french_date(upd)}" if upd else ""
    else:
        return f'<p class="date">{render.date_line(resource)}</p>'
    out = f'<span class="date">{line}</span>'
    if extra:
        out += f'<br><span class="maj">{extra}</span>'
    return f'<div class="dates">{out}</div>'


# --- Bodies ------------------------------------------------------------------------------


def _broken(segments: tuple[Segment, ...], key: int) -> str:
    """Inline HTML where a long text run is cut by an <em>, <strong> or <span> (same text)."""
    out = []
    for n, s in enumerate(segments):
        words = s.text.split(" ")
        if s.br or s.href or len(words) < 9:
            out.append(render.inline((s,)))
            continue
        a, b = 2 + (key + n) % 3, 5 + (key + n) % 3
        tag = ("em", 'span class="surligne"', "strong")[(key + n) % 3]
        close = tag.split()[0]
        if (key + n) % 4 == 3:  # the first words bold, as an editor writes a lead-in
            a = 0
        out.append(
            esc(" ".join(words[:a]) + (" " if a else ""))
            + f"<{tag}>{esc(' '.join(words[a:b]))}</{close}>"
            + esc(" " + " ".join(words[b:]))
        )
    return "".join(out)


def _credit(key: int) -> str:
    return CREDITS[key % len(CREDITS)]


def _block(block: Block, key: int, style: str) -> str:
    if block.role == "empty":
        return "<p>&nbsp;</p>"
    if block.kind == "figure":
        credit = f'<p class="credit">{_credit(key)}</p>' if VARIANT["credit"] == "on" else ""
        return (
            f'<figure class="image"><img src="{attr(block.src)}" alt="">'
            f"<figcaption>{render.inline(block.segments)}</figcaption>{credit}</figure>"
        )
    if block.kind == "p" and style == "inline":
        return f"<p>{_broken(block.segments, key)}</p>"
    if block.kind == "p" and style == "quote" and key % 3 == 1:
        return f"<blockquote><p>{render.inline(block.segments)}</p></blockquote>"
    return render.block_html(block)


def body_html(resource: Resource) -> str:
    style = _pick("body", resource.nid, ("sections", "quote", "inline", "p"))
    blocks = [_block(b, resource.nid + i, style) for i, b in enumerate(resource.blocks)]
    if style != "sections":
        return '<div class="texte">' + "\n".join(blocks) + "</div>"
    sections: list[list[str]] = [[]]
    for block, html in zip(resource.blocks, blocks):
        if block.kind == "h3" and sections[-1]:
            sections.append([])
        sections[-1].append(html)
    inner = "".join(
        f'<section class="paragraphe"><div class="paragraphe__inner">{"".join(s)}</div></section>'
        for s in sections
    )
    return f'<div class="contenu"><div class="contenu__texte">{inner}</div></div>'


# --- Fields ------------------------------------------------------------------------------

FIELD_STYLES = ("h4", "h5", "span", "dl_multi", "dl_div")


def _shown(resource: Resource) -> list[str]:
    keys = render.PRIVATE_KEYS if resource.is_private else tuple(render.FIELDS)
    order = render.FIELD_ORDER_BY_TYPE.get(resource.resource_type, render.FIELD_ORDER)
    return [k for k in order if k in keys]


def _items(resource: Resource, key: str) -> list[str]:
    """A field's values as HTML items (empty list: the label alone)."""
    if key == "type":
        return [esc(resource.resource_type)] if resource.resource_type else []
    if key == "private":
        return ["Oui" if resource.is_private else "Non"]
    if key == "summary":
        return [render.summary_html(resource)] if resource.summary else []
    if key == "documents":
        return [f'<a href="{attr(d.path)}">{esc(d.title)}</a>' for d in resource.documents]
    return [
        f'<a href="{_category_href(c)}">{esc(c)}</a>' for c in render.shown_categories(resource)
    ]


def fields_html(resource: Resource) -> str:
    style = _pick("fields", resource.nid, FIELD_STYLES)
    out = []
    for key in _shown(resource):
        label, items = render.FIELDS[key][3], _items(resource, key)
        if style == "h4":
            sep = "<br>" if key == "documents" else ", "
            out.append(f'<h4>{label}</h4><div class="valeur">{sep.join(items)}</div>')
        elif style == "h5":
            if not items:
                value = ""
            elif key == "summary":
                value = items[0]
            elif key == "documents":
                value = "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
            else:
                value = f"<p>{', '.join(items)}</p>"
            out.append(f'<div class="champ"><h5>{label}</h5>{value}</div>')
        elif style == "span":
            tag = "div" if key == "summary" else "span"
            value = ", ".join(items) if key != "summary" else "".join(items)
            out.append(
                f'<div class="champ"><span class="label">{label}</span>'
                f'<{tag} class="valeur">{value}</{tag}></div>'
            )
        elif style in ("dl_multi", "dl_div"):
            dds = "".join(f"<dd>{i}</dd>" for i in items)
            pair = f"<dt>{label}</dt>{dds}"
            out.append(f"<div>{pair}</div>" if style == "dl_div" else pair)
    if style in ("dl_multi", "dl_div"):
        return '<dl class="infos">' + "".join(out) + "</dl>"
    return '<div class="infos">' + "".join(out) + "</div>"


def tags_html(resource: Resource) -> str:
    if not resource.tags:
        return ""
    links = ", ".join(
        f'<a href="/taxonomy/term/{TAGS.get(t, 40)}">{esc(t)}</a>' for t in resource.tags
    )
    if _pick("tags", resource.nid // 2, ("plain", "label")) == "label":
        return f'<p class="mots-cles">Mots-clés : {links}</p>'
    return f'<p class="mots-cles">{links}</p>'


# --- Nodes -------------------------------------------------------------------------------


def _lead_image(resource: Resource) -> str:
    if not resource.lead_image:
        return ""
    caption = (
        f"<figcaption>{_credit(resource.nid)}</figcaption>" if VARIANT["credit"] == "on" else ""
    )
    return (
        f'<figure class="une"><img src="{attr(resource.lead_image)}" '
        f'alt="{attr(resource.lead_alt)}">{caption}</figure>'
    )


def list_style(key: int) -> str:
    return _pick("list", key, ("li_a", "div_a", "li_h3"))


def _item_title(resource: Resource, style: str) -> str:
    if style == "li_h3":
        return f'<h3><a href="{resource.path}">{esc(resource.title)}</a></h3>'
    return f'<a class="title" href="{resource.path}"><span>{esc(resource.title)}</span></a>'


def node_html(resource: Resource, item_style: str | None = None) -> str:
    """The node; item_style: None on its own page, else the listing's item style."""
    title = (
        f'<h1 class="titre">{esc(resource.title)}</h1>'
        if item_style is None
        else _item_title(resource, item_style)
    )
    if resource.kind == "article":
        parts = [
            title,
            date_html(resource),
            _lead_image(resource),
            body_html(resource),
            tags_html(resource),
        ]
    else:
        parts = [
            title,
            date_html(resource),
            tags_html(resource),
            fields_html(resource),
            f'<div class="alerte"><p>{MEMBER_NOTICE}</p></div>'
            if resource.is_private
            else body_html(resource),
        ]
    return "\n".join(p for p in parts if p)


def teaser_html(resource: Resource, style: str) -> str:
    private = ' <span class="prive">Réservé aux adhérents</span>' if resource.is_private else ""
    return (
        f"{_item_title(resource, style)}{private}{date_html(resource)}"
        f"<p>{esc(render.teaser_lead(resource))}</p>"
        f'<p><a class="suite" href="{resource.path}">{render.READ_MORE}</a></p>'
    )


# --- Page chrome ---------------------------------------------------------------------------


def _crumbs(trail: tuple[tuple[str, str], ...], here: str) -> str:
    links = "".join(f'<a href="{p}">{esc(t)}</a> &gt; ' for p, t in trail)
    return f'<div class="ariane">Vous êtes ici : {links}<span>{esc(here)}</span></div>'


def _share(path: str, back: str | None) -> str:
    url = f"https://www.rtes.fr{path}"
    share = (
        '<div class="partage">Partager : '
        f'<a href="https://www.facebook.com/sharer/sharer.php?u={attr(url)}">Facebook</a> '
        f'<a href="https://twitter.com/intent/tweet?url={attr(url)}">Twitter</a> '
        f'<a href="https://www.linkedin.com/shareArticle?mini=true&amp;url={attr(url)}">LinkedIn</a>'
        "</div>"
    )
    tools = '<a href="javascript:window.print()">Imprimer</a>'
    if back:
        tools += f' | <a href="{back}">Retour à la liste</a>'
    return share + f'<p class="outils">{tools}</p>'


def _menu_links() -> list[tuple[str, str]]:
    return [
        ("/", "Accueil"),
        ("/le-reseau", "Le réseau"),
        ("/agenda", "Agenda"),
        ("/adherer", "Adhérer"),
        ("/contact", "Contact"),
    ]


def _side(site: Site | None) -> str:
    latest = site.latest(SIDEBAR_COUNT) if site else ()
    links = "".join(f'<li><a href="{r.path}">{esc(r.title)}</a></li>' for r in latest)
    return f'<p class="titre-bloc"><b>À la une</b></p><ul class="une">{links}</ul>'


def _foot() -> str:
    return (
        "RTES – 1 place de l’Hôtel de Ville – 59000 Lille<br>"
        '<a href="/mentions-legales">Mentions légales</a> | <a href="/plan-du-site">Plan du site</a>'
        ' | <a href="/newsletter-rtes-mars-2021">Dernière lettre d’information</a>'
    )


def _table_layout(content: str, site: Site | None, header: bool) -> str:
    menu = "<br>".join(f'<a href="{p}">{esc(t)}</a>' for p, t in _menu_links())
    themes = "<br>".join(f'<a href="{lst.path}">{esc(lst.title)}</a>' for lst in LISTINGS)
    regions = "<br>".join(
        f'<a href="{path}">{esc(region)}</a>' for path, region in render._region_menu(site)
    )
    head = (
        '<tr><td colspan="3" class="entete" height="90">'
        f'<a href="/"><b>{esc(render.SITE_NAME)}</b></a></td></tr>'
        if header
        else ""
    )
    left = (
        f'<td class="gauche" width="180" valign="top">{menu}<br><br>'
        f"<b>{render.RESOURCES_MENU}</b><br>{themes}<br><br><b>Régions</b><br>{regions}</td>"
        if header
        else ""
    )
    return (
        '<table class="page" width="100%" cellpadding="0" cellspacing="0" border="0">'
        f"{head}<tr>{left}"
        f'<td class="centre" valign="top">{content}</td>'
        f'<td class="droite" width="200" valign="top">{_side(site)}</td></tr>'
        f'<tr><td colspan="3" class="pied">{_foot()}</td></tr></table>'
    )


def _div_layout(content: str, site: Site | None, header: bool) -> str:
    menu = " ".join(f'<a href="{p}">{esc(t)}</a>' for p, t in _menu_links())
    themes = "".join(f'<li><a href="{lst.path}">{esc(lst.title)}</a></li>' for lst in LISTINGS)
    regions = "".join(
        f'<li><a href="{path}">{esc(region)}</a></li>' for path, region in render._region_menu(site)
    )
    head = (
        f'<div id="entete"><div class="logo"><a href="/">{esc(render.SITE_NAME)}</a></div>'
        f'<div id="menu">{menu}</div>'
        f'<div id="sous-menu"><span>{render.RESOURCES_MENU}</span><ul>{themes}</ul>'
        f"<span>Régions</span><ul>{regions}</ul></div></div>"
        if header
        else ""
    )
    return (
        f'<div id="page">{head}<div id="milieu"><div id="colonne-principale">'
        f'<div class="inner">{content}</div></div>'
        f'<div id="colonne-droite">{_side(site)}</div></div>'
        f'<div id="pied">{_foot()}</div></div>'
    )


def page(
    title: str,
    content: str,
    *,
    site: Site | None,
    key: int = 0,
    head_links: str = "",
    header: bool = True,
) -> str:
    layout = _pick("layout", key, ("table", "div"))
    body = (_table_layout if layout == "table" else _div_layout)(content, site, header)
    return "\n".join(
        [
            '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">',
            '<html lang="fr">',
            "<head>",
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
            head_links,
            f"<title>{esc(title)} - {render.SITE_SHORT}</title>",
            "</head>",
            "<body>",
            body,
            "</body>",
            "</html>",
        ]
    )


def _chrome(crumbs: str, content: str, share: str) -> str:
    if VARIANT["chrome"] != "on":
        return content
    return crumbs + content + share


def detail_page(site: Site, resource: Resource, header: bool = True) -> str:
    cats = [c for c in resource.categories]
    back = _category_href(cats[0]) if cats else None
    trail = (("/", "Accueil"),) + (((back, cats[0]),) if back else ())
    content = _chrome(
        _crumbs(trail, resource.title),
        f'<div class="fiche">{node_html(resource)}</div>',
        _share(resource.path, back),
    )
    return page(
        resource.title,
        content,
        site=site,
        key=resource.nid,
        head_links=render.node_head_links(resource),
        header=header,
    )


def node_page(site: Site, resource: Resource) -> str:
    return detail_page(site, resource, header=False)


def _pager(current: int, total: int) -> str:
    if total <= 1:
        return ""
    links = []
    if current > 0:
        links.append(f'<a href="?page={current - 1}">&lt; Précédente</a>')
    links.append(f"Page {current + 1} / {total}")
    if current < total - 1:
        links.append(f'<a href="?page={current + 1}">Suivante &gt;</a>')
    return f'<p class="pager">{" ".join(links)}</p>'


def listing_page(site: Site, listing: Listing, page_number: int) -> str:
    items = site.listed[listing.path]
    index = next(i for i, lst in enumerate(LISTINGS) if lst.path == listing.path)
    style = list_style(index)
    shown = (
        items[page_number * PAGE_SIZE : (page_number + 1) * PAGE_SIZE] if page_number >= 0 else ()
    )
    total = max(1, math.ceil(len(items) / PAGE_SIZE))
    if shown:
        rows = [teaser_html(r, style) if listing.teasers else node_html(r, style) for r in shown]
        if style == "div_a":
            listed = (
                '<div class="liste">'
                + "".join(f'<div class="item">{r}</div>' for r in rows)
                + "</div>"
            )
        else:
            listed = '<ul class="liste">' + "".join(f"<li>{r}</li>" for r in rows) + "</ul>"
        listed += _pager(page_number, total)
    else:
        listed = f"<p>{render.EMPTY_VIEW}</p>"
    content = _chrome(
        _crumbs((("/", "Accueil"),), listing.title),
        f'<h1 class="titre">{esc(listing.title)}</h1>\n{listed}',
        "",
    )
    return page(listing.title, content, site=site, key=index)


def home_page(site: Site) -> str:
    latest, themes = render.home_links(site)
    content = (
        '<h1 class="titre">Accueil</h1>'
        "<p>Le RTES accompagne les collectivités dans leurs politiques d’économie solidaire.</p>"
        f"<h3>Dernières publications</h3><ul>{latest}</ul><h3>Thématiques</h3><ul>{themes}</ul>"
    )
    return page("Accueil", content, site=site)


def static_page(site: Site, path: str) -> str:
    title, body = render.STATIC_PAGES[path]
    return static_page_html(site, title, body)


def static_page_html(site: Site, title: str, body: str) -> str:
    return page(title, f'<h1 class="titre">{esc(title)}</h1><p>{esc(body)}</p>', site=site)


def not_found_page(site: Site) -> str:
    content = '<h1 class="titre">Erreur 404</h1><p>Cette page n’existe pas ou plus.</p>'
    return page("Erreur 404", content, site=site)


# --- Members (mirror.kinds.RENDERERS[5]) ---------------------------------------------------


def _member_fields(member) -> str:
    from mirror import kinds

    rows = "".join(
        f'<div class="champ"><span class="label">{label} :</span> {esc(value)}</div>'
        for label, value in kinds._field_rows(member)
    )
    return f'<div class="infos">{rows}</div>'


def member_page(site: Site, member) -> str:
    from mirror import kinds

    body = kinds._sections(member, "<h3>")
    content = (
        f'<h1 class="titre">{esc(member.name)}</h1>{_member_fields(member)}'
        f'<div class="texte">{body}</div>'
        f'<p class="maj">Dernière mise à jour : {member.updated:%d/%m/%Y}</p>'
    )
    return page(
        member.name, content, site=site, key=member.nid, head_links=kinds._head_links(member)
    )


def region_page(site: Site, region: str) -> str:
    from mirror import kinds

    items = "".join(
        f'<li><a class="title" href="{m.path}"><span>{esc(m.name)}</span></a>'
        f"{_member_fields(m)}</li>"
        for m in kinds.in_region(site, region)
    )
    content = f'<h1 class="titre">{esc(region)}</h1><ul class="liste">{items}</ul>'
    return page(region, content, site=site)
