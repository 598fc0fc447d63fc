"""The two test lanes: `make test-fast` (unit and in-process tests) and `make test` (everything).

A test leaves the fast lane when it starts processes, an HTTP server or a browser: those are
marked `slow` here, by module (or by test when the rest of its module is fast), so that the
fast lane stays under a minute on a 2-core machine. End-to-end tests carry their own `e2e` mark.
"""

from __future__ import annotations

import pytest

# Modules whose tests run the command line, the crawl, the mirror's HTTP server or a browser.
SLOW_MODULES = frozenset(
    {
        "tests/test_cli.py",
        "tests/test_browser.py",
        "tests/faults/test_bad_input.py",
        "tests/spiders/test_crawl_integration.py",
        "tests/mirror/test_http_cache.py",
        "tests/mirror/test_days.py",
    }
)
# Single heavy tests inside otherwise fast modules (each several seconds).
SLOW_TESTS = frozenset(
    {
        "tests/mirror/test_pages.py::test_source_urls_match_a_crawl",
        "tests/mirror/test_pages.py::test_detail_pages_parse_to_truth",
        "tests/mirror/test_cli_fixtures.py::test_fixture_pages_are_current",
        "tests/importer/test_importer.py::test_mirror_generated_exports_split_right",
        "tests/importer/test_importer.py::test_import_publishes_tables_and_report",
        "tests/documents/test_extraction.py::test_text_layer_kept_with_a_separator_between_pages",
    }
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: starts processes, a server or a browser (not in test-fast)"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        test = item.nodeid.split("[", 1)[0]
        if module in SLOW_MODULES or test in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
