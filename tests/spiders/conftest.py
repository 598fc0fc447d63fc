"""Shared fixtures for the spider tests."""

from __future__ import annotations

import pytest
from scrapy.utils.test import get_crawler

from spiders.spiders.rtes import RtesSpider

SITE_URL = "https://www.rtes.fr"
LISTING_PATHS = [
    "/ressources",
    "/retours-sur-les-journees-d-echanges",
    "/coconstruction-modes-de-contractualisation-subventions-marches-publicssieg",
    "/points-de-reperess",
]


@pytest.fixture
def crawler():
    """A configured (not started) crawler for the RTES spider, with stats."""
    return get_crawler(
        RtesSpider,
        {
            "SITE_URL": SITE_URL,
            "LISTING_PATHS": LISTING_PATHS,
            "MAX_LISTING_PAGES": 200,
            "CRAWL_ID": "20260101T000000Z",
        },
    )


@pytest.fixture
def spider(crawler):
    """The RTES spider built from the crawler's settings."""
    return RtesSpider.from_crawler(crawler)
