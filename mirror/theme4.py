"""Theme 4: the site as a hand-made (or non-Drupal CMS) theme would render it, different in
STRUCTURE from themes 1-3, not only in names.

- the one <h1> of every page holds the site name (in the header); the page title is an <h2>;
  the <title> is "Title | RTES";
- navigation: plain <div>s of links separated by " | " (no lists), a side column with an <h4>;
- labelled fields, by nid % 6: a <table> (th label / td value), a <dl> (dt/dd),
  "<strong>Label :</strong> value" lines in <p>s, "<strong>Label</strong> : value" in <div>s
  (French typography: the colon outside the bold label), a table with the label in bold in a
  plain <td>, a <dl> whose <dt> holds a <strong>;
  empty fields keep their label (empty td / dd, a bare strong);
- body: on even nodes, text lines separated by <br><br> in one <div> (headings in <strong>,
  lists stay <ul>); on odd nodes, every block wrapped in two page-builder divs;
- resources: title, date, tags, fields, then the body (or, private: the member notice);
- articles: lead image, "Publié le … - mis à jour le …", title, body; old (d7) articles: title,
  then "dim 19/10/2014 - 16:50";
- listings: a <ul> of <li> items in full (title as a linked <h3>), or teasers; a pager <div>;
- no <main>, <article>, <section>, <aside>, <header>, <footer>, <nav>.

Same site model, URLs and links as theme 2 (so mirror/truth.py holds). `VARIANT` names one
construct per part; a test sets one of them (monkeypatch) to meet that construct everywhere.
"""

from __future__ import annotations

import math

from mirror import render
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

MEMBER_NOTICE = (
    "Cette ressource est réservée aux collectivités adhérentes. "
    '<a href="/user/login">Connectez-vous</a> pour y accéder.'
)
SIDEBAR_COUNT = 4


# The construct each part is rendered with; "mixed": by node, so that one site shows them all.
# fields: mixed | table | dl | inline | inline_out | table_b | dl_strong | table_td;
# body: mixed | br2 | wrap | p; title: h2 | h1 | div; item: h3 | strong; list: ul | table | div.
VARIANT = {"fields": "mixed", "body": "mixed", "title": "h2", "item": "h3", "list": "ul"}


def _category_href(name: str) -> str:
    return CATEGORY_BY_TID[CATEGORIES[name]].path


# --- Bodies ------------------------------------------------------------------------------


def _br2_line(block: Block) -> str:
    if block.role == "empty":
        return "&nbsp;"
    if block.kind == "ul":
        return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in block.items) + "</ul>"
    if block.kind == "h3":
        return f"<strong>{render.inline(block.segments)}</strong>"
    if block.kind == "figure":
        return f'<img src="{attr(block.src)}" alt=""><br>{render.inline(block.segments)}'
    return render.inline(block.segments)


def br2_body(blocks: tuple[Block, ...]) -> str:
    """Text lines separated by <br><br> inside one <div> (a WYSIWYG field pasted as text)."""
    out = []
    for block in blocks:
        line = _br2_line(block)
        if out and not out[-1].endswith("</ul>") and not line.startswith("<ul>"):
            out.append("<br><br>\n")
        elif out:
            out.append("\n")
        out.append(line)
    return '<div class="texte">' + "".join(out) + "</div>"


def wrapped_body(blocks: tuple[Block, ...]) -> str:
    """Every block in two page-builder wrappers."""
    return (
        '<div class="pb-row"><div class="pb-col">'
        + "\n".join(
            f'<div class="pb-module pb-text"><div class="pb-inner">{render.block_html(b)}</div></div>'
            for b in blocks
        )
        + "</div></div>"
    )


def plain_body(blocks: tuple[Block, ...]) -> str:
    return '<div class="texte">' + render.blocks_html(blocks) + "</div>"


def body_html(resource: Resource) -> str:
    style = VARIANT["body"]
    if style == "mixed":
        style = "br2" if resource.nid % 2 == 0 else "wrap"
    return {"br2": br2_body, "wrap": wrapped_body, "p": plain_body}[style](resource.blocks)


# --- Fields ------------------------------------------------------------------------------


def _values(resource: Resource) -> dict[str, str]:
    rtype = resource.resource_type
    return {
        "type": esc(rtype) if rtype else "",
        "private": "Oui" if resource.is_private else "Non",
        "summary": render.summary_html(resource),
        "documents": "<br>".join(
            f'<a href="{attr(d.path)}">{esc(d.title)}</a>' for d in resource.documents
        ),
        "categories": ", ".join(
            f'<a href="{_category_href(c)}">{esc(c)}</a>' for c in render.shown_categories(resource)
        ),
    }


def field_style(resource: Resource) -> str:
    style = VARIANT["fields"]
    if style == "mixed":
        style = ("table", "dl", "inline", "inline_out", "table_b", "dl_strong")[resource.nid % 6]
    return style


def fields_html(resource: Resource) -> str:
    keys = render.PRIVATE_KEYS if resource.is_private else tuple(render.FIELDS)
    order = render.FIELD_ORDER_BY_TYPE.get(resource.resource_type, render.FIELD_ORDER)
    values = _values(resource)
    shown = [(render.FIELDS[k][3], values[k]) for k in order if k in keys]
    style = field_style(resource)
    if style == "table":
        rows = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in shown)
        return f'<table class="infos"><tbody>{rows}</tbody></table>'
    if style == "table_td":
        rows = "".join(
            f'<tr><td class="label">{label}</td><td>{value}</td></tr>' for label, value in shown
        )
        return f'<table class="infos"><tbody>{rows}</tbody></table>'
    if style == "table_b":  # a bold label in a plain cell
        rows = "".join(
            f"<tr><td><b>{label}</b></td><td>{value}</td></tr>" for label, value in shown
        )
        return f'<table class="infos"><tbody>{rows}</tbody></table>'
    if style == "dl_strong":
        rows = "".join(
            f"<dt><strong>{label}</strong></dt><dd>{value}</dd>" for label, value in shown
        )
        return f'<dl class="infos">{rows}</dl>'
    if style == "inline_out":
        return (
            '<div class="infos">'
            + "".join(f"<div><strong>{label}</strong> : {value}</div>" for label, value in shown)
            + "</div>"
        )
    if style == "dl":
        rows = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in shown)
        return f'<dl class="infos">{rows}</dl>'
    lines = "".join(
        f'<div class="champ"><strong>{label} :</strong>{value}</div>'
        if value.startswith("<p>")
        else f"<p><strong>{label} :</strong> {value}</p>"
        for label, value in shown
    )
    return f'<div class="infos">{lines}</div>'


def tags_html(resource: Resource) -> str:
    if not resource.tags:
        return ""
    links = " / ".join(
        f'<a href="/taxonomy/term/{TAGS.get(t, 40)}">{esc(t)}</a>' for t in resource.tags
    )
    return f'<p class="mots-cles">{links}</p>'


# --- Nodes -------------------------------------------------------------------------------


def _title(resource: Resource, in_listing: bool) -> str:
    if in_listing:
        if VARIANT["item"] == "strong":
            return f'<p><strong><a href="{resource.path}">{esc(resource.title)}</a></strong></p>'
        return f'<h3><a href="{resource.path}">{esc(resource.title)}</a></h3>'
    return _page_title(resource.title)


def node_html(resource: Resource, in_listing: bool) -> str:
    if resource.kind == "article":
        if resource.variant == "d7" and resource.updated is None:  # an old page
            parts = [
                _title(resource, in_listing),
                f'<div class="date">{render.old_submitted(resource.published)}</div>',
                body_html(resource),
            ]
        else:
            image = (
                f'<img class="une" src="{attr(resource.lead_image)}" alt="{attr(resource.lead_alt)}">'
                if resource.lead_image
                else ""
            )
            parts = [
                image,
                f'<div class="date">{render.date_line(resource)}</div>',
                _title(resource, in_listing),
                body_html(resource),
            ]
        parts.append(tags_html(resource))
        return "\n".join(p for p in parts if p)
    parts = [
        _title(resource, in_listing),
        f'<div class="date">Publié le {render.french_date(resource.published)}</div>',
        tags_html(resource),
        fields_html(resource),
        f'<p class="notice">{MEMBER_NOTICE}</p>' if resource.is_private else body_html(resource),
    ]
    return "\n".join(p for p in parts if p)


def teaser_html(resource: Resource) -> str:
    return (
        f"{_title(resource, True)}<p>{esc(render.teaser_lead(resource))}</p>"
        f'<p><a href="{resource.path}">{render.READ_MORE}</a></p>'
    )


# --- Pages -------------------------------------------------------------------------------


def page(
    title: str, content: str, *, site: Site | None, head_links: str = "", header: bool = True
) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="fr">',
            "<head>",
            '<meta charset="utf-8">',
            head_links,
            f"<title>{esc(title)} | {render.SITE_SHORT}</title>",
            '<link rel="stylesheet" href="/style.css">',
            "</head>",
            "<body>",
            '<div class="wrap">',
            _top(site) if header else "",
            '<div class="cols">',
            f'<div class="left">\n{content}\n</div>',
            _side(site),
            "</div>",
            _foot(),
            "</div>",
            "</body>",
            "</html>",
        ]
    )


def _top(site: Site | None) -> str:
    themes = " | ".join(f'<a href="{lst.path}">{esc(lst.title)}</a>' for lst in LISTINGS)
    regions = " | ".join(
        f'<a href="{path}">{esc(region)}</a>' for path, region in render._region_menu(site)
    )
    return (
        f'<div class="top"><h1><a href="/">{esc(render.SITE_NAME)}</a></h1></div>'
        '<div class="menu"><a href="/">Accueil</a> | <a href="/le-reseau">Le réseau</a> | '
        '<a href="/agenda">Agenda</a> | <a href="/adherer">Adhérer</a> | '
        '<a href="/contact">Contact</a></div>'
        f'<div class="menu2">{render.RESOURCES_MENU} : {themes}</div>'
        f'<div class="menu2">Régions : {regions}</div>'
    )


def _side(site: Site | None) -> str:
    latest = site.latest(SIDEBAR_COUNT) if site else ()
    links = "".join(f'<p><a href="{r.path}">{esc(r.title)}</a></p>' for r in latest)
    return f'<div class="right"><h4>À la une</h4>{links}</div>'


def _foot() -> str:
    return (
        '<div class="bas">RTES – 1 place de l’Hôtel de Ville – 59000 Lille<br>'
        '<a href="/mentions-legales">Mentions légales</a> | <a href="/plan-du-site">Plan du site</a>'
        ' | <a href="/newsletter-rtes-mars-2021">Dernière lettre d’information</a></div>'
    )


def detail_page(site: Site, resource: Resource, header: bool = True) -> str:
    return page(
        resource.title,
        node_html(resource, in_listing=False),
        site=site,
        head_links=render.node_head_links(resource),
        header=header,
    )


def node_page(site: Site, resource: Resource) -> str:
    """The node at /node/N: no top band nor menu."""
    return detail_page(site, resource, header=False)


def _pager(current: int, total: int) -> str:
    if total <= 1:
        return ""
    links = []
    if current > 0:
        links.append(f'<a href="?page={current - 1}">&laquo; Précédent</a>')
    for number in range(total):
        links.append(
            f"<b>{number + 1}</b>"
            if number == current
            else f'<a href="?page={number}">{number + 1}</a>'
        )
    if current < total - 1:
        links.append(f'<a href="?page={current + 1}">Suivant &raquo;</a>')
    return f'<div class="pagination">Pages : {" ".join(links)}</div>'


def _page_title(title: str) -> str:
    tag = VARIANT["title"]
    if tag == "div":
        return f'<div class="titre-page">{esc(title)}</div>'
    return f'<{tag} class="titre">{esc(title)}</{tag}>'


def listing_page(site: Site, listing: Listing, page_number: int) -> str:
    items = site.listed[listing.path]
    shown = (
        items[page_number * PAGE_SIZE : (page_number + 1) * PAGE_SIZE] if page_number >= 0 else ()
    )
    total = max(1, math.ceil(len(items) / PAGE_SIZE))
    if shown:
        rows = [
            f"<li>{teaser_html(r) if listing.teasers else node_html(r, in_listing=True)}</li>"
            for r in shown
        ]
        listed = '<ul class="liste">\n' + "\n".join(rows) + "\n</ul>" + _pager(page_number, total)
        if VARIANT["list"] == "table":
            rows = [f"<tr><td>{r[4:-5]}</td></tr>" for r in rows]
            listed = (
                '<table class="liste">' + "".join(rows) + "</table>" + _pager(page_number, total)
            )
        elif VARIANT["list"] == "div":
            rows = [f'<div class="item">{r[4:-5]}</div>' for r in rows]
            listed = '<div class="liste">' + "".join(rows) + "</div>" + _pager(page_number, total)
    else:
        listed = f"<p>{render.EMPTY_VIEW}</p>"
    return page(listing.title, f"{_page_title(listing.title)}\n{listed}", site=site)


def home_page(site: Site) -> str:
    latest, themes = render.home_links(site)
    content = (
        f"{_page_title('Accueil')}"
        "<p>Le RTES accompagne les collectivités dans leurs politiques d’économie solidaire.</p>"
        f"<h3>Dernières publications</h3><ul>{latest}</ul><h3>Thématiques</h3><ul>{themes}</ul>"
    )
    return page("Accueil", content, site=site)


def static_page(site: Site, path: str) -> str:
    title, body = render.STATIC_PAGES[path]
    return static_page_html(site, title, body)


def static_page_html(site: Site, title: str, body: str) -> str:
    return page(title, f"{_page_title(title)}<p>{esc(body)}</p>", site=site)


def not_found_page(site: Site) -> str:
    content = f"{_page_title('Erreur 404')}<p>Cette page n’existe pas ou plus.</p>"
    return page("Erreur 404", content, site=site)


# --- Members (mirror.kinds.RENDERERS[4]) ---------------------------------------------------


def _member_fields(member) -> str:
    from mirror import kinds

    rows = "".join(
        f"<tr><th>{label}</th><td>{esc(value)}</td></tr>"
        for label, value in kinds._field_rows(member)
    )
    return f'<table class="infos"><tbody>{rows}</tbody></table>'


def member_page(site: Site, member) -> str:
    from mirror import kinds

    body = kinds._sections(member, "<h3>")
    content = (
        f'{_page_title(member.name)}{_member_fields(member)}<div class="texte">{body}</div>'
        f'<p class="maj">Dernière mise à jour : {member.updated:%d/%m/%Y}</p>'
    )
    return page(member.name, content, site=site, head_links=kinds._head_links(member))


def region_page(site: Site, region: str) -> str:
    from mirror import kinds

    items = "".join(
        f'<li><h3><a href="{m.path}">{esc(m.name)}</a></h3>{_member_fields(m)}</li>'
        for m in kinds.in_region(site, region)
    )
    return page(region, f'{_page_title(region)}<ul class="liste">{items}</ul>', site=site)
