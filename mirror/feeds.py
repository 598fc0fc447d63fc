"""robots.txt and sitemap.xml, built for the base URL of the request."""

from __future__ import annotations

from xml.sax.saxutils import escape

from mirror.render import iso_local
from mirror.site import LISTINGS, Site

# Drupal 9's default robots.txt (core/assets/scaffold/files/robots.txt).
DRUPAL_ROBOTS = """#
# robots.txt
#
# This file is to prevent the crawling and indexing of certain parts
# of your site by web crawlers and spiders run by sites like Yahoo!
# and Google. By telling these "robots" where not to go on your site,
# you save bandwidth and server resources.
#
# This file will be ignored unless it is at the root of your host:
# Used:    http://example.com/robots.txt
# Ignored: http://example.com/site/robots.txt
#
# For more information about the robots.txt standard, see:
# http://www.robotstxt.org/robotstxt.html

User-agent: *
# CSS, JS, Images
Allow: /core/*.css$
Allow: /core/*.css?
Allow: /core/*.js$
Allow: /core/*.js?
Allow: /core/*.gif
Allow: /core/*.jpg
Allow: /core/*.jpeg
Allow: /core/*.png
Allow: /core/*.svg
Allow: /profiles/*.css$
Allow: /profiles/*.css?
Allow: /profiles/*.js$
Allow: /profiles/*.js?
Allow: /profiles/*.gif
Allow: /profiles/*.jpg
Allow: /profiles/*.jpeg
Allow: /profiles/*.png
Allow: /profiles/*.svg
# Directories
Disallow: /core/
Disallow: /profiles/
# Files
Disallow: /README.txt
Disallow: /web.config
# Paths (clean URLs)
Disallow: /admin/
Disallow: /comment/reply/
Disallow: /filter/tips
Disallow: /node/add/
Disallow: /search/
Disallow: /user/register
Disallow: /user/password
Disallow: /user/login
Disallow: /user/logout
Disallow: /media/oembed
Disallow: /*/media/oembed
# Paths (no clean URLs)
Disallow: /index.php/admin/
Disallow: /index.php/comment/reply/
Disallow: /index.php/filter/tips
Disallow: /index.php/node/add/
Disallow: /index.php/search/
Disallow: /index.php/user/password
Disallow: /index.php/user/register
Disallow: /index.php/user/login
Disallow: /index.php/user/logout
Disallow: /index.php/media/oembed
Disallow: /index.php/*/media/oembed
"""


def robots_txt(base: str, sitemap: bool = True) -> str:
    """Drupal's default robots.txt plus the sitemap line (when the site has a sitemap)."""
    return f"{DRUPAL_ROBOTS}\nSitemap: {base}/sitemap.xml\n" if sitemap else DRUPAL_ROBOTS


def sitemap_xml(site: Site, base: str) -> str:
    """A simple_sitemap-like urlset: every resource, then each listing's first page."""
    from mirror import kinds  # member profiles are nodes too

    rows = [(r.path, iso_local(r.changed)) for r in site.resources]
    rows += [(m.path, f"{m.updated.isoformat()}T09:00:00+01:00") for m in kinds.members(site)]
    for listing in LISTINGS:
        items = site.listed[listing.path]
        if items:
            rows.append((listing.path, iso_local(max(r.changed for r in items))))
    urls = "\n".join(
        f"<url><loc>{escape(base + path)}</loc><lastmod>{lastmod}</lastmod>"
        f"<changefreq>weekly</changefreq><priority>0.5</priority></url>"
        for path, lastmod in rows
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + urls + "\n</urlset>\n"
    )
