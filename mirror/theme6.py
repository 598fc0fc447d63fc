"""Theme 6: HTML5 / WordPress-like and utility-class markups that differ from themes 1-5 in
structure. Same site model, URLs, links and head links, so mirror/truth.py holds.

- layout, by node (listings: by listing): HTML5 (<header> with the site name and a <details>
  menu, <main><article><header><h1>, <aside>, <footer>), or utility-class <div>s (`mx-auto
  text-sm`) whose only navigation is in the last <div> of the page (a footer without the tag),
  with a <select> jump menu of the themes at the top;
- dates, by nid % 4: "Publié le lundi 9 juin 2021" (a weekday), a bare <time> with no
  datetime, "09/06/2021 à 16h50", "Publié le 9 juin 2021 par Rédaction RTES" (an author),
  WordPress's posted-on (the <time> inside a rel=bookmark link to the node, a byline link);
  updates "Mis à jour le mardi 14 juin 2021", "Mis à jour : <time>14 juin 2021</time>",
  "Modifié le 14/06/2021 à 10h05";
- fields, by nid % 5: a <table> whose row headers are <th scope="row"> in capitals
  ("TYPE DE RESSOURCE"); <p><em>Label&nbsp;:</em> value</p>; <label> then a <div>; two
  sibling classless <div>s ("Label&nbsp;:" / value); a <ul> of "<strong>Label :</strong> v"
  items with the Résumé after the body under an <h2>Résumé</h2>; "<strong>Label</strong><br>value"
  in one paragraph; <details open><summary>Label</summary><div>value</div></details>;
- tags: after the body, never before the fields: "Étiquettes&nbsp;: <a rel=tag>", or an
  unlabelled <ul> of rel=tag links in the node's <footer>;
- body, by nid % 4: Gutenberg blocks (wp-block-* classes, <h2> headings, spacer <div>s);
  paragraphs as classless <div>s with <div>&nbsp;</div> spacers; <font>/<span style> cutting
  words; plain <p>s;
- related: on a third of the nodes, an "À lire aussi" <section> of <article> teasers (linked
  <h3>, date line) inside the node's <article>, after its parts; a cookie banner after the page;
- nodes in <article><header> or in classless <div>s (by nid), some with their first category as
  a link above the title (a category badge), in listings too;
- listings, by listing: flat (h2, the node's parts, <hr>, h2 …: no wrapper per item), or one
  <article> per item; some teaser listings title their items in an unlinked <h2>, the only
  link being "Lire la suite ›"; pager "‹ Page précédente" / "Page suivante ›" (rel) links only, or
  numbered links only (by listing).

`VARIANT` forces one construct per part (as theme 4's and 5's).
"""

from __future__ import annotations

import math

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
SIDEBAR_COUNT = 4
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
AUTHOR = "Rédaction RTES"

# layout: mixed | html5 | utility; dates: mixed | weekday | time | hour | author;
# fields: mixed | th_upper | em | label | divs | ul_after; body: mixed | wp | divs | font | p;
# list: mixed | flat | article; pager: mixed | next | numbers; related: mixed | on | off;
# cookie: on | off; teaser_title: mixed | linked | plain; node_tag: mixed | article | div;
# kicker: mixed | on | off; tags: mixed | label | rel_list; nav (utility layout): lists |
# select (the listings and regions only in <select> jump menus); date_at: top | end (an
# article's date line after its body, as a theme's entry footer shows it).
VARIANT = {
    "node_tag": "mixed",
    "kicker": "mixed",
    "tags": "mixed",
    "nav": "lists",
    "date_at": "top",
    "layout": "mixed",
    "dates": "mixed",
    "fields": "mixed",
    "body": "mixed",
    "list": "mixed",
    "pager": "mixed",
    "related": "mixed",
    "cookie": "on",
    "teaser_title": "mixed",
}
RELATED_COUNT = 3
COOKIE_BANNER = (
    '<div class="fixed bottom-0 inset-x-0 p-4 bg-white">Ce site utilise des cookies pour '
    "mesurer son audience et améliorer votre navigation. <button>Accepter</button> "
    '<button>Refuser</button> <a href="/mentions-legales">En savoir plus</a></div>'
)


def _pick(part: str, key: int, options: tuple[str, ...]) -> str:
    style = VARIANT[part]
    return options[key % len(options)] if style == "mixed" else style


def _category_href(name: str) -> str:
    return CATEGORY_BY_TID[CATEGORIES[name]].path


# --- Dates -------------------------------------------------------------------------------

DATE_STYLES = ("weekday", "time", "hour", "author", "wp")


def _weekday_date(moment) -> str:
    return f"{WEEKDAYS[moment.weekday()]} {render.french_date(moment)}"


def date_html(resource: Resource) -> str:
    style = _pick("dates", resource.nid, DATE_STYLES)
    pub, upd = resource.published, resource.updated
    if style == "weekday":
        line = f"Publié le {_weekday_date(pub)}"
        extra = f"Mis à jour le {_weekday_date(upd)}" if upd else ""
    elif style == "time":
        line = f"<time>{render.french_date(pub)}</time>"
        extra = f"Mis à jour : <time>{render.french_date(upd)}</time>" if upd else ""
    elif style == "hour":
        line = f"{pub:%d/%m/%Y} à {pub:%H}h{pub:%M}"
        extra = f"Modifié le {upd:%d/%m/%Y} à {upd:%H}h{upd:%M}" if upd else ""
    elif style == "wp":  # WordPress's posted-on: the date a link to the node itself
        line = (
            f'<span class="posted-on">Publié le <a href="{resource.path}" rel="bookmark">'
            f"<time>{render.french_date(pub)}</time></a></span>"
            f' <span class="byline">par <a href="/auteur/redaction">{AUTHOR}</a></span>'
        )
        extra = f"Mis à jour le <time>{render.french_date(upd)}</time>" if upd else ""
    else:
        line = f"Publié le {render.french_date(pub)} par {AUTHOR}"
        extra = f"Mis à jour le {render.french_date(upd)}" if upd else ""
    out = f'<p class="text-sm text-gray-500">{line}</p>'
    if extra:
        out += f'<p class="text-xs">{extra}</p>'
    return out


# --- Bodies ------------------------------------------------------------------------------


def _split_words(text: str, key: int) -> str:
    """Escaped text where one long word is cut by a <span style> (no space added)."""
    words = text.split(" ")
    for n, word in enumerate(words):
        if len(word) >= 8 and (n + key) % 5 == 0:
            half = len(word) // 2
            words[n] = f'{esc(word[:half])}<span style="color:#222222">{esc(word[half:])}</span>'
        else:
            words[n] = esc(word)
    return " ".join(words)


def _font_inline(block: Block, key: int) -> str:
    out = []
    for s in block.segments:
        if s.br:
            out.append("<br>\n")
        elif s.href:
            out.append(f'<a href="{attr(s.href)}">{esc(s.text)}</a>')
        else:
            out.append(_split_words(s.text, key))
    return '<font face="Arial" size="2">' + "".join(out) + "</font>"


def _wp_block(block: Block) -> str:
    if block.role == "empty":
        return '<div style="height:24px" aria-hidden="true" class="wp-block-spacer"></div>'
    if block.kind == "ul":
        return (
            '<ul class="wp-block-list">'
            + "".join(f"<li>{esc(i)}</li>" for i in block.items)
            + "</ul>"
        )
    if block.kind == "figure":
        return (
            f'<figure class="wp-block-image size-large"><img decoding="async" src="{attr(block.src)}"'
            f' alt=""><figcaption class="wp-element-caption">{render.inline(block.segments)}'
            "</figcaption></figure>"
        )
    if block.kind == "h3":
        return f'<h2 class="wp-block-heading">{render.inline(block.segments)}</h2>'
    return f'<p class="has-text-align-justify">{render.inline(block.segments)}</p>'


def _div_block(block: Block, key: int, font: bool) -> str:
    if block.role == "empty":
        return "<div>&nbsp;</div>"
    if block.kind == "ul":
        return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in block.items) + "</ul>"
    if block.kind == "figure":
        return (
            f'<div><img src="{attr(block.src)}" alt=""></div>'
            f"<div><i>{render.inline(block.segments)}</i></div>"
        )
    text = _font_inline(block, key) if font else render.inline(block.segments)
    if block.kind == "h3":
        return f"<div><b>{text}</b></div>"
    return f"<div>{text}</div>"


def body_html(resource: Resource, br: bool = False) -> str:
    """The body in the node's style (br: blocks separated by single <br>s, as /node/N shows)."""
    style = _pick("body", resource.nid // 2, ("wp", "divs", "font", "p"))
    blocks = resource.blocks
    if br:
        return "<div>" + variants.br_body(blocks) + "</div>"
    if style == "wp":
        return '<div class="entry-content">' + "\n".join(_wp_block(b) for b in blocks) + "</div>"
    if style in ("divs", "font"):
        parts = []
        for i, b in enumerate(blocks):
            if parts:
                parts.append("<div>&nbsp;</div>")
            parts.append(_div_block(b, resource.nid + i, style == "font"))
        return "<div>" + "\n".join(parts) + "</div>"
    return '<div class="prose">' + render.blocks_html(blocks) + "</div>"


# --- Fields ------------------------------------------------------------------------------

FIELD_STYLES = ("th_upper", "em", "label", "divs", "ul_after", "br", "details")


def _shown(resource: Resource) -> list[str]:
    keys = render.PRIVATE_KEYS if resource.is_private else tuple(render.FIELDS)
    order = render.FIELD_ORDER_BY_TYPE.get(resource.resource_type, render.FIELD_ORDER)
    return [k for k in order if k in keys]


def _value(resource: Resource, key: str) -> str:
    if key == "type":
        return esc(resource.resource_type) if resource.resource_type else ""
    if key == "private":
        return "Oui" if resource.is_private else "Non"
    if key == "summary":
        return render.summary_html(resource)
    if key == "documents":
        return "<br>".join(
            f'<a href="{attr(d.path)}">{esc(d.title)}</a>' for d in resource.documents
        )
    return ", ".join(
        f'<a href="{_category_href(c)}">{esc(c)}</a>' for c in render.shown_categories(resource)
    )


def field_style(resource: Resource) -> str:
    return _pick("fields", resource.nid, FIELD_STYLES)


def fields_html(resource: Resource) -> str:
    """The field block (ul_after: without the Résumé, which summary_after shows)."""
    style = field_style(resource)
    shown = [(render.FIELDS[k][3], _value(resource, k), k) for k in _shown(resource)]
    if style == "th_upper":
        rows = "".join(
            f'<tr><th scope="row">{label.upper()}</th><td>{value}</td></tr>'
            for label, value, _ in shown
        )
        return f'<table class="w-full text-sm"><tbody>{rows}</tbody></table>'
    if style == "em":
        return "".join(
            f"<div><em>{label}&nbsp;:</em>{value}</div>"
            if value.startswith("<p>")
            else f"<p><em>{label}&nbsp;:</em> {value}</p>"
            for label, value, _ in shown
        )
    if style == "label":
        return "".join(
            f'<div class="mb-2"><label>{label}</label><div>{value}</div></div>'
            for label, value, _ in shown
        )
    if style == "divs":
        return (
            "<div>"
            + "".join(
                f"<div><div>{label}&nbsp;:</div><div>{value}</div></div>"
                for label, value, _ in shown
            )
            + "</div>"
        )
    if style == "details":  # each field a disclosure widget, its label the <summary>
        return "".join(
            f"<details open><summary>{label}</summary><div>{value}</div></details>"
            for label, value, _ in shown
        )
    if style == "br":  # the label in bold, a line break, the value (in one paragraph)
        return "".join(
            f"<div><strong>{label}</strong><br>{value}</div>"
            if value.startswith("<p>")
            else f"<p><strong>{label}</strong><br>{value}</p>"
            for label, value, _ in shown
        )
    items = "".join(
        f"<li><strong>{label} :</strong> {value}</li>"
        for label, value, key in shown
        if key != "summary"
    )
    return f'<ul class="list-none">{items}</ul>'


def summary_after(resource: Resource) -> str:
    """ul_after: the Résumé after the body (or the member notice), under its own heading."""
    if field_style(resource) != "ul_after" or not resource.summary:
        return ""
    return f"<h2>Résumé</h2>{render.summary_html(resource)}"


def tags_html(resource: Resource) -> str:
    if not resource.tags:
        return ""
    links = ", ".join(
        f'<a href="/taxonomy/term/{TAGS.get(t, 40)}" rel="tag">{esc(t)}</a>' for t in resource.tags
    )
    if _pick("tags", resource.nid // 2, ("label", "rel_list")) == "rel_list":
        items = "".join(
            f'<li><a href="/taxonomy/term/{TAGS.get(t, 40)}" rel="tag">{esc(t)}</a></li>'
            for t in resource.tags
        )
        if _pick("node_tag", resource.nid // 5, ("article", "div")) == "div":
            return f"<div><ul>{items}</ul></div>"  # (a <footer> outside an <article> is the page's)
        return f'<footer class="entry-footer"><ul class="flex gap-2">{items}</ul></footer>'
    return f'<p class="tags">Étiquettes&nbsp;: {links}</p>'


# --- Nodes -------------------------------------------------------------------------------


def _lead_image(resource: Resource) -> str:
    if not resource.lead_image:
        return ""
    return (
        f'<figure class="wp-block-post-featured-image"><img src="{attr(resource.lead_image)}" '
        f'alt="{attr(resource.lead_alt)}"></figure>'
    )


def _parts(resource: Resource, br: bool = False) -> list[str]:
    """The node's parts after its title and date line."""
    if resource.kind == "article":
        return [_lead_image(resource), body_html(resource, br), tags_html(resource)]
    body = f"<div><p>{MEMBER_NOTICE}</p></div>" if resource.is_private else body_html(resource, br)
    return [fields_html(resource), body, summary_after(resource), tags_html(resource)]


def related_html(site: Site, resource: Resource) -> str:
    """'À lire aussi': other nodes as <article> teasers inside the node, after its parts."""
    if _pick("related", resource.nid, ("on", "off", "off")) != "on":
        return ""
    others = [r for r in site.latest(RELATED_COUNT + 1) if r.path != resource.path]
    items = "".join(
        f'<article><h3><a href="{r.path}">{esc(r.title)}</a></h3>{date_html(r)}</article>'
        for r in others[:RELATED_COUNT]
    )
    if _pick("node_tag", resource.nid // 5, ("article", "div")) == "div":
        items = items.replace("<article>", "<div>").replace("</article>", "</div>")
        return f"<div><h2>À lire aussi</h2>{items}</div>"
    return f"<section><h2>À lire aussi</h2>{items}</section>"


def kicker_html(resource: Resource) -> str:
    """The first category as a link above the title (a WordPress theme's category badge)."""
    if not resource.categories or _pick("kicker", resource.nid // 3, ("on", "off")) != "on":
        return ""
    name = resource.categories[0]
    return f'<p class="uppercase text-xs"><a href="{_category_href(name)}" rel="category">{esc(name)}</a></p>'


def node_html(resource: Resource, related: str = "", br: bool = False) -> str:
    """The node on its own page: <article><header><h1>, date …</header> then its parts (or
    the same in classless <div>s)."""
    bottom = VARIANT["date_at"] == "end" and resource.kind == "article"
    dated = f"<p>{date_html(resource)}</p>" if bottom else ""
    parts = "\n".join(p for p in [*_parts(resource, br), dated, related] if p)
    title = f"{kicker_html(resource)}<h1>{esc(resource.title)}</h1>"
    title += "" if bottom else date_html(resource)
    if _pick("node_tag", resource.nid // 5, ("article", "div")) == "div":
        return f'<div class="post"><div class="mb-6">{title}</div>\n{parts}</div>'
    return f"<article><header>{title}</header>\n{parts}</article>"


def _item_title(resource: Resource) -> str:
    return f'<h2><a href="{resource.path}">{esc(resource.title)}</a></h2>'


def item_html(resource: Resource, teaser: bool, linked: bool = True) -> str:
    """A listing item's HTML, without a wrapper (a teaser's title unlinked unless `linked`)."""
    if teaser:
        private = " <small>(réservé aux adhérents)</small>" if resource.is_private else ""
        title = _item_title(resource) if linked else f"<h2>{esc(resource.title)}</h2>"
        title = kicker_html(resource) + title
        return (
            f"{title}{private}\n{date_html(resource)}\n"
            f"<p>{esc(render.teaser_lead(resource))}</p>\n"
            f'<p><a href="{resource.path}">{render.READ_MORE} ›</a></p>'
        )
    return f"{kicker_html(resource)}{_item_title(resource)}\n{date_html(resource)}\n" + "\n".join(
        p for p in _parts(resource) if p
    )


# --- Page chrome ---------------------------------------------------------------------------


def _menu_links() -> list[tuple[str, str]]:
    return [
        ("/", "Accueil"),
        ("/le-reseau", "Le réseau"),
        ("/agenda", "Agenda"),
        ("/adherer", "Adhérer"),
        ("/contact", "Contact"),
    ]


def _li(links) -> str:
    return "".join(f'<li><a href="{p}">{esc(t)}</a></li>' for p, t in links)


def _nav_lists(site: Site | None) -> tuple[str, str, str]:
    return (
        _li(_menu_links()),
        _li((lst.path, lst.title) for lst in LISTINGS),
        _li(render._region_menu(site)),
    )


def _side(site: Site | None) -> str:
    latest = site.latest(SIDEBAR_COUNT) if site else ()
    return "<h2>À la une</h2><ul>" + _li((r.path, r.title) for r in latest) + "</ul>"


FOOT_TEXT = "RTES – 1 place de l’Hôtel de Ville – 59000 Lille"


def _foot_links() -> str:
    return _li(
        (
            ("/mentions-legales", "Mentions légales"),
            ("/plan-du-site", "Plan du site"),
            ("/newsletter-rtes-mars-2021", "Dernière lettre d’information"),
        )
    )


def _html5_layout(content: str, site: Site | None, header: bool) -> str:
    menu, themes, regions = _nav_lists(site)
    head = (
        f'<header><p><a href="/" rel="home">{esc(render.SITE_NAME)}</a></p>'
        f"<details><summary>Menu</summary><ul>{menu}</ul>"
        f"<p>{render.RESOURCES_MENU}</p><ul>{themes}</ul><p>Régions</p><ul>{regions}</ul>"
        "</details></header>"
        if header
        else ""
    )
    return (
        f'{head}<main class="wp-site-blocks">{content}</main>'
        f"<aside>{_side(site)}</aside>"
        f"<footer><p>{FOOT_TEXT}</p><ul>{_foot_links()}</ul></footer>"
    )


def _utility_layout(content: str, site: Site | None, header: bool) -> str:
    menu, themes, regions = _nav_lists(site)
    options = "".join(f'<option value="{lst.path}">{esc(lst.title)}</option>' for lst in LISTINGS)
    head = (
        '<div class="flex items-center justify-between px-4 py-2 bg-white shadow">'
        f'<a class="text-xl font-bold" href="/">{esc(render.SITE_SHORT)}</a>'
        '<select onchange="location=this.value" aria-label="Thématiques">'
        f'<option value="">Thématiques…</option>{options}</select></div>'
        if header
        else ""
    )
    nav = (
        '<div class="grid grid-cols-3 gap-4 text-sm">'
        f"<div><p>Le site</p><ul>{menu}</ul></div>"
        f"<div><p>{render.RESOURCES_MENU}</p><ul>{themes}</ul></div>"
        f"<div><p>Régions</p><ul>{regions}</ul></div></div>"
        if header
        else ""
    )
    if VARIANT["nav"] == "select":  # the listings and regions only as a jump menu's options
        places = "".join(
            f'<option value="{p}">{esc(t)}</option>' for p, t in render._region_menu(site)
        )
        head = head.replace(
            "</select></div>",
            f'</select><select onchange="location=this.value" aria-label="Régions">'
            f'<option value="">Régions…</option>{places}</select></div>',
        )
        nav = f'<div class="text-sm"><ul>{menu}</ul></div>' if header else ""
    return (
        f'<div class="min-h-screen flex flex-col">{head}'
        f'<div class="mx-auto max-w-3xl px-4 mt-8">{content}</div>'
        f'<div class="mx-auto max-w-3xl px-4 mt-8 text-sm">{_side(site)}</div>'
        f'<div class="bg-gray-100 mt-12 px-4 py-8">{nav}<p class="text-xs mt-4">{FOOT_TEXT}</p>'
        f"<ul>{_foot_links()}</ul></div></div>"
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
    layout = _pick("layout", key, ("html5", "utility"))
    body = (_html5_layout if layout == "html5" else _utility_layout)(content, site, header)
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="fr-FR">',
            "<head>",
            '<meta charset="UTF-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            head_links,
            f"<title>{esc(title)} – {render.SITE_SHORT}</title>",
            "</head>",
            '<body class="antialiased">',
            body,
            COOKIE_BANNER if VARIANT["cookie"] == "on" else "",
            "</body>",
            "</html>",
        ]
    )


def detail_page(site: Site, resource: Resource, header: bool = True, br: bool = False) -> str:
    return page(
        resource.title,
        node_html(resource, related_html(site, resource), br),
        site=site,
        key=resource.nid,
        head_links=render.node_head_links(resource),
        header=header,
    )


def node_page(site: Site, resource: Resource) -> str:
    """The node at /node/N: no site header, a <br>-separated body (as the real site's)."""
    return detail_page(site, resource, header=False, br=True)


def _pager(current: int, total: int, style: str) -> str:
    if total <= 1:
        return ""
    links = []
    if style == "numbers":
        for number in range(total):
            links.append(
                f'<span aria-current="page">{number + 1}</span>'
                if number == current
                else f'<a href="?page={number}">{number + 1}</a>'
            )
        return f'<div class="mt-6 flex gap-2">{" ".join(links)}</div>'
    if current > 0:
        links.append(f'<a href="?page={current - 1}" rel="prev">‹ Page précédente</a>')
    if current < total - 1:
        links.append(f'<a href="?page={current + 1}" rel="next">Page suivante ›</a>')
    return f'<div class="mt-6 flex justify-between">{" ".join(links)}</div>'


def listing_page(site: Site, listing: Listing, page_number: int) -> str:
    items = site.listed[listing.path]
    index = next(i for i, lst in enumerate(LISTINGS) if lst.path == listing.path)
    style = _pick("list", index, ("flat", "article"))
    shown = (
        items[page_number * PAGE_SIZE : (page_number + 1) * PAGE_SIZE] if page_number >= 0 else ()
    )
    total = max(1, math.ceil(len(items) / PAGE_SIZE))
    if shown:
        linked = _pick("teaser_title", index // 4, ("linked", "plain")) == "linked"
        rows = [item_html(r, listing.teasers, linked) for r in shown]
        if style == "flat":
            listed = "\n<hr>\n".join(rows)
        else:
            listed = "\n".join(f"<article>{r}</article>" for r in rows)
        listed += _pager(page_number, total, _pick("pager", index // 2, ("next", "numbers")))
    else:
        listed = f"<p>{render.EMPTY_VIEW}</p>"
    content = f"<h1>{esc(listing.title)}</h1>\n{listed}"
    return page(listing.title, content, site=site, key=index)


def home_page(site: Site) -> str:
    latest, themes = render.home_links(site)
    content = (
        "<h1>Accueil</h1>"
        "<p>Le RTES accompagne les collectivités dans leurs politiques d’économie solidaire.</p>"
        f"<h2>Dernières publications</h2><ul>{latest}</ul><h2>Thématiques</h2><ul>{themes}</ul>"
    )
    return page("Accueil", content, site=site)


def static_page(site: Site, path: str) -> str:
    title, body = render.STATIC_PAGES[path]
    return static_page_html(site, title, body)


def static_page_html(site: Site, title: str, body: str) -> str:
    return page(title, f"<article><h1>{esc(title)}</h1><p>{esc(body)}</p></article>", site=site)


def not_found_page(site: Site) -> str:
    content = "<h1>Erreur 404</h1><p>Cette page n’existe pas ou plus.</p>"
    return page("Erreur 404", content, site=site)


# --- Members (mirror.kinds.RENDERERS[6]) ---------------------------------------------------


def _member_fields(member) -> str:
    from mirror import kinds

    return "".join(
        f"<p><em>{label}&nbsp;:</em> {esc(value)}</p>" for label, value in kinds._field_rows(member)
    )


def member_page(site: Site, member) -> str:
    from mirror import kinds

    body = kinds._sections(member, "<h2>")
    content = (
        f"<article><header><h1>{esc(member.name)}</h1></header>{_member_fields(member)}"
        f"<div>{body}</div>"
        f"<p><small>Dernière mise à jour : {member.updated:%d/%m/%Y}</small></p></article>"
    )
    return page(
        member.name, content, site=site, key=member.nid, head_links=kinds._head_links(member)
    )


def region_page(site: Site, region: str) -> str:
    from mirror import kinds

    items = "\n<hr>\n".join(
        f'<h2><a href="{m.path}">{esc(m.name)}</a></h2>{_member_fields(m)}'
        for m in kinds.in_region(site, region)
    )
    content = f"<h1>{esc(region)}</h1>\n{items}"
    return page(region, content, site=site)
