"""Pages of the real site that are not resources: member collectivités (profile pages and the
region listings that show their fields), and an e-mail newsletter. Their content, their HTML
(in the site's Drupal 8 markup) and the members' truth. Deterministic for a seed.

Routing is one call: `page_at(site, path)` gives the HTML served at a path, or None.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from mirror import (
    render,
    text,
    theme2,
    theme3,
    theme4,
    theme5,
    theme6,
    theme7,
    theme8,
    theme9,
    theme10,
    theme11,
    theme12,
    theme13,
)
from mirror.site import Site

MEMBER_COUNT = 12
FIRST_MEMBER_NID = 90000  # far above the resources' node ids
MEMBER_TYPES = ("Commune", "Intercommunalité", "Département", "Région", "Métropole")
# The profile sections as the real pages title them → truth column.
SECTIONS = (
    ("panorama", "Panorama de l’ESS sur le territoire"),
    ("budget", "Budget consacré à l’ESS"),
    ("programme", "Programme d’intervention dans le champ de l’ESS"),
    ("exemples", "Exemples d’actions soutenues par la collectivité"),
)
NEWSLETTER_PATH = "/newsletter-rtes-mars-2021"
NEWSLETTER_TITLE = "Newsletter RTES - Mars 2021"


@dataclass(frozen=True)
class Member:
    """A member collectivité of the network."""

    nid: int
    slug: str
    name: str
    collectivite_type: str
    population: int
    joined_year: int
    region: str
    updated: date
    sections: tuple[tuple[str, str], ...]  # (column, text)

    @property
    def path(self) -> str:
        return "/" + self.slug


def members(site: Site) -> tuple[Member, ...]:
    """The site's member collectivités (a few per region drawn)."""
    rng = random.Random(f"{site.seed}:members")
    writer = text.Writer()
    found = []
    for i in range(MEMBER_COUNT):
        kind = rng.choice(MEMBER_TYPES)
        city = text.CITIES[(i * 7 + site.seed) % len(text.CITIES)]
        name = f"{'Ville' if kind == 'Commune' else kind} de {city}"
        sections = tuple(
            (column, " ".join(writer.sentences(rng, 20, 60))) for column, _ in SECTIONS
        )
        found.append(
            Member(
                FIRST_MEMBER_NID + i,
                text.slugify(name),
                name,
                kind,
                rng.randint(2, 900) * 1000 + rng.randint(0, 999),
                rng.randint(2002, 2023),
                rng.choice(text.REGIONS[:4]),
                date(2019, 1, 7) + timedelta(days=rng.randint(0, 1500)),
                sections,
            )
        )
    return tuple(found)


def region_slug(region: str) -> str:
    return text.slugify(region)


def _field_rows(member: Member) -> tuple[tuple[str, str], ...]:
    """(label, value) of the member fields the profiles and region listings show."""
    return (
        ("Année d’adhésion au RTES", str(member.joined_year)),
        ("Type de collectivité", member.collectivite_type),
        ("Nombre d’habitants sur le territoire", f"{member.population:,}".replace(",", "\u00a0")),
        ("Région", member.region),
    )


def _fields(member: Member) -> str:
    """The member fields, labels above their values, as the real region listings show them."""
    rows = _field_rows(member)
    return "".join(
        f'<div class="field field--label-above"><div class="field__label">{label}</div>'
        f'<div class="field__item">{render.esc(value)}</div></div>'
        for label, value in rows
    )


def _sections(member: Member, heading: str) -> str:
    """The profile's four sections, each a heading (opened by `heading`) and its paragraph."""
    close = f"</{heading[1:3]}>"
    return "".join(
        f"{heading}{render.esc(title)}{close}<p>{render.esc(dict(member.sections)[column])}</p>"
        for column, title in SECTIONS
    )


def _head_links(member: Member) -> str:
    return f'<link rel="canonical" href="{member.path}">\n<link rel="shortlink" href="/node/{member.nid}">'


def member_page(site: Site, member: Member) -> str:
    """A member's profile: its fields, its last update, its four sections."""
    body = _sections(member, "<h3>")
    content = (
        f'<article data-history-node-id="{member.nid}" class="node node--type-adherent node--view-mode-full">'
        f'<h1 class="page-title">{render.esc(member.name)}</h1>{_fields(member)}'
        f'<div class="field field--name-body field--label-hidden">{body}</div>'
        f"<p>Dernière mise à jour : {member.updated:%d/%m/%Y}</p></article>"
    )
    return render.page(
        member.name,
        content,
        head_links=_head_links(member),
        body_class="path-node page-node-type-adherent",
        site=site,
    )


def in_region(site: Site, region: str) -> list[Member]:
    """The members of a region, in the site's order."""
    return [m for m in members(site) if m.region == region]


def region_page(site: Site, region: str) -> str:
    """A region listing: its members one after another, with their fields."""
    items = "".join(
        f'<div class="views-row"><article class="node node--type-adherent">'
        f'<h2 class="node__title"><a href="{m.path}">{render.esc(m.name)}</a></h2>{_fields(m)}</article></div>'
        for m in in_region(site, region)
    )
    content = f'<h1 class="page-title">{render.esc(region)}</h1><div class="view view-adherents">{items}</div>'
    return render.page(region, content, body_class="path-taxonomy", site=site)


def newsletter_page(site: Site) -> str:
    """The web version of an e-mail newsletter (a table layout, 'Pas d'images ? Version web')."""
    latest = "".join(
        f'<tr><td><a href="{r.path}">{render.esc(r.title)}</a></td></tr>' for r in site.latest(3)
    )
    return (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        f'<title>{NEWSLETTER_TITLE}</title></head><body><table width="600">'
        f'<tr><td>Pas d’images ? <a href="{NEWSLETTER_PATH}">Version web</a></td></tr>'
        f"<tr><td><h1>{NEWSLETTER_TITLE}</h1></td></tr><tr><td><p>Au sommaire ce mois-ci :</p></td></tr>"
        f"{latest}</table></body></html>"
    )


def _fields2(member: Member) -> str:
    """The member fields in the second theme: "Label : value" lines."""
    return "".join(
        f'<p class="info">{label} : {render.esc(value)}</p>' for label, value in _field_rows(member)
    )


def member_page2(site: Site, member: Member) -> str:
    """A member's profile in the second theme (mirror.theme2)."""
    body = _sections(member, '<h2 class="intertitre">')
    content = (
        f'<div class="fiche fiche-adherent"><h1 class="titre-page">{render.esc(member.name)}</h1>'
        f'<div class="infos-adherent">{_fields2(member)}</div><div class="texte">{body}</div>'
        f'<p class="maj">Dernière mise à jour : {member.updated:%d/%m/%Y}</p></div>'
    )
    return theme2.page(member.name, content, site=site, head_links=_head_links(member))


def region_page2(site: Site, region: str) -> str:
    """A region listing in the second theme: each member's name and fields."""
    items = "".join(
        f'<div class="element"><h3 class="titre-element"><a href="{m.path}">{render.esc(m.name)}</a></h3>'
        f"{_fields2(m)}</div>"
        for m in in_region(site, region)
    )
    content = f'<h1 class="titre-page">{render.esc(region)}</h1><div class="liste">{items}</div>'
    return theme2.page(region, content, site=site)


# Per theme number: how a member profile and a region listing are rendered.
RENDERERS = {
    1: (member_page, region_page),
    2: (member_page2, region_page2),
    3: (theme3.scrambled(member_page2), theme3.scrambled(region_page2)),
    4: (theme4.member_page, theme4.region_page),
    5: (theme5.member_page, theme5.region_page),
    6: (theme6.member_page, theme6.region_page),
    7: (theme7.member_page, theme7.region_page),
    8: (theme8.member_page, theme8.region_page),
    9: (theme9.member_page, theme9.region_page),
    10: (theme10.member_page, theme10.region_page),
    11: (theme11.member_page, theme11.region_page),
    12: (theme12.member_page, theme12.region_page),
    13: (theme13.member_page, theme13.region_page),
}


def page_at(site: Site, path: str, theme: int = 1) -> str | None:
    """The HTML of a member profile, a region listing or the newsletter at path, else None
    (the newsletter is an e-mail's web version: the same in every theme)."""
    if path == NEWSLETTER_PATH:
        return newsletter_page(site)
    profile, listing = RENDERERS[theme]
    by_slug = {m.slug: m for m in members(site)}
    if (member := by_slug.get(path.lstrip("/"))) is not None:
        return profile(site, member)
    regions = {region_slug(m.region): m.region for m in members(site)}
    if (region := regions.get(path.lstrip("/"))) is not None:
        return listing(site, region)
    return None


def members_truth(site: Site) -> list[dict[str, Any]]:
    """The members table a crawl of the profiles and region listings must give, by member_id."""
    return [
        {
            "member_id": f"node-{m.nid}",
            "url": m.path,
            "name": m.name,
            "collectivite_type": m.collectivite_type,
            "population": m.population,
            "joined_year": m.joined_year,
            "region": m.region,
            "updated_date": m.updated.isoformat(),
            **{c: text.normalise(t) for c, t in m.sections},
        }
        for m in members(site)
    ]
