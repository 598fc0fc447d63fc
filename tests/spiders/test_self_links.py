"""A page linking to itself (an e-mail newsletter's "Version web") is not fetched again."""

from __future__ import annotations

import scrapy

from tests.pages import file_response

NEWSLETTER_URL = "https://www.rtes.fr/newsletter-rtes-mars-2021"


def test_newsletter_self_link_not_requested_but_its_articles_are(spider):
    response = file_response("newsletter_web_version.html", url=NEWSLETTER_URL, meta={"via": "nav"})
    urls = [r.url for r in spider.parse_page(response) if isinstance(r, scrapy.Request)]
    assert NEWSLETTER_URL not in urls
    assert "https://www.rtes.fr/retours-sur-la-journee-d-echanges-alimentation" in urls
