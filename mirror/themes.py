"""The mirror's themes: one site, thirteen markups. A theme is the set of page renderers the routes
call; the site model and its truth do not depend on it (`mirror serve --theme 2`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mirror import (
    render,
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
    variants,
)
from mirror.site import Listing, Resource, Site

DEFAULT_THEME = 1


@dataclass(frozen=True)
class Theme:
    """The renderers of one theme's pages (member pages: mirror.kinds.RENDERERS)."""

    home_page: Callable[[Site], str]
    listing_page: Callable[[Site, Listing, int], str]
    detail_page: Callable[[Site, Resource], str]
    node_page: Callable[[Site, Resource], str]  # the node at /node/N
    static_page: Callable[[Site, str], str]
    static_page_html: Callable[[Site, str, str], str]
    not_found_page: Callable[[Site], str]


THEMES = {
    1: Theme(  # Drupal 9 (and legacy Drupal 7) templates
        render.home_page,
        render.listing_page,
        render.detail_page,
        variants.node_page,
        render.static_page,
        render.static_page_html,
        render.not_found_page,
    ),
    2: Theme(  # a custom theme without Drupal's field classes
        theme2.home_page,
        theme2.listing_page,
        theme2.detail_page,
        theme2.node_page,
        theme2.static_page,
        theme2.static_page_html,
        theme2.not_found_page,
    ),
    3: Theme(  # theme 2 with no class, id or sectioning tag a rule could know (mirror/theme3.py)
        theme3.home_page,
        theme3.listing_page,
        theme3.detail_page,
        theme3.node_page,
        theme3.static_page,
        theme3.static_page_html,
        theme3.not_found_page,
    ),
    4: Theme(  # a hand-made markup, different in structure (tables/dl fields, <br><br> bodies)
        theme4.home_page,
        theme4.listing_page,
        theme4.detail_page,
        theme4.node_page,
        theme4.static_page,
        theme4.static_page_html,
        theme4.not_found_page,
    ),
    5: Theme(  # old-CMS markups: a whole-page table, h4/h5/span/dl fields, other date wordings
        theme5.home_page,
        theme5.listing_page,
        theme5.detail_page,
        theme5.node_page,
        theme5.static_page,
        theme5.static_page_html,
        theme5.not_found_page,
    ),
    6: Theme(  # HTML5 / WordPress-like and utility-class markups: flat listings, em/label fields
        theme6.home_page,
        theme6.listing_page,
        theme6.detail_page,
        theme6.node_page,
        theme6.static_page,
        theme6.static_page_html,
        theme6.not_found_page,
    ),
    7: Theme(  # Bootstrap grids: a hero title, microdata, tabs/accordion/horizontal-table fields
        theme7.home_page,
        theme7.listing_page,
        theme7.detail_page,
        theme7.node_page,
        theme7.static_page,
        theme7.static_page_html,
        theme7.not_found_page,
    ),
    8: Theme(  # site builders and JS generators: Next.js, Gatsby, Wix, Squarespace, Webflow
        theme8.home_page,
        theme8.listing_page,
        theme8.detail_page,
        theme8.node_page,
        theme8.static_page,
        theme8.static_page_html,
        theme8.not_found_page,
    ),
    9: Theme(  # French public-sector and modern CMSs: DSFR, Drupal Layout Builder, Gutenberg, Nuxt
        theme9.home_page,
        theme9.listing_page,
        theme9.detail_page,
        theme9.node_page,
        theme9.static_page,
        theme9.static_page_html,
        theme9.not_found_page,
    ),
    10: Theme(  # page builders and other CMSs: Elementor, Divi, Plone, TYPO3, Hugo
        theme10.home_page,
        theme10.listing_page,
        theme10.detail_page,
        theme10.node_page,
        theme10.static_page,
        theme10.static_page_html,
        theme10.not_found_page,
    ),
    11: Theme(  # other CMS families: Joomla 4 (Cassiopeia), SPIP 4, Ghost 5 (Casper), Astro/Tailwind
        theme11.home_page,
        theme11.listing_page,
        theme11.detail_page,
        theme11.node_page,
        theme11.static_page,
        theme11.static_page_html,
        theme11.not_found_page,
    ),
    12: Theme(  # institutional and legacy CMSs: eZ Platform, Liferay 7, Blogger, ASP.NET, Wagtail
        theme12.home_page,
        theme12.listing_page,
        theme12.detail_page,
        theme12.node_page,
        theme12.static_page,
        theme12.static_page_html,
        theme12.not_found_page,
    ),
    13: Theme(  # Drupal 7 classic, MkDocs Material, Jahia portal, Umbraco/Bulma, AMP pages
        theme13.home_page,
        theme13.listing_page,
        theme13.detail_page,
        theme13.node_page,
        theme13.static_page,
        theme13.static_page_html,
        theme13.not_found_page,
    ),
}
