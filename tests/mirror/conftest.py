"""Shared fixtures: the default site, a served mirror, and HTML block extraction."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from mirror.server import MirrorServer, start_in_thread
from mirror.site import Site, build_site
from mirror.text import normalise

BLOCK_TAGS = ("p", "li", "h2", "h3", "h4", "h5", "h6", "figcaption")


@pytest.fixture(scope="session")
def site() -> Site:
    """The default mirror (seed 7, 150 resources)."""
    return build_site()


# A small changing site: 12 days of additions, edits and removals.
DAYS_SEED, DAYS_RESOURCES, DAYS_LAST = 11, 40, 12


@pytest.fixture(scope="session")
def days_site() -> Site:
    """Day 12 of a 40-resource site; earlier days through days_site.at(d)."""
    return build_site(DAYS_SEED, DAYS_RESOURCES, DAYS_LAST)


@pytest.fixture(scope="session")
def served(site: Site) -> Iterator[tuple[MirrorServer, str]]:
    """The default mirror served from a thread."""
    server, base = start_in_thread(site)
    yield server, base
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def base(served: tuple[MirrorServer, str]) -> str:
    """Base URL of the served mirror."""
    return served[1]


def request(
    base: str, path: str, method: str = "GET", headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """One raw HTTP request (no redirect following): status, headers, body."""
    netloc = urlsplit(base).netloc
    conn = http.client.HTTPConnection(netloc, timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def blocks(container: Tag) -> list[str]:
    """Block texts of a container per the truth's rules (li prefixed with "- ")."""
    out = []
    for element in container.find_all(BLOCK_TAGS):
        text = normalise(element.get_text())
        if element.name == "li":
            text = normalise("- " + text)
        if text and text != "-":
            out.append(text)
    return out


def soup(html: bytes | str) -> BeautifulSoup:
    """Parse HTML."""
    return BeautifulSoup(html, "html.parser")
