"""The runner's checks that need no crawl: URL validation, loopback detection, verdicts."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from spiders.runner import CrawlOutcome, format_summary, is_loopback, judge, new_crawl_id, run_crawl

LISTINGS = ["/ressources"]


@pytest.mark.parametrize(
    "url",
    [
        "www.rtes.fr",
        "ftp://www.rtes.fr",
        "https://",
        "",
        "https://www.rtes.fr/ressources",
        "http://host:port",
    ],
)
def test_run_crawl_refuses_bad_url(tmp_path, url):
    with pytest.raises(ValueError, match="site_url"):
        run_crawl(url, tmp_path)


def test_bad_url_message_is_clear(tmp_path):
    with pytest.raises(
        ValueError, match=r"http:// or https:// URL with a host name, got 'www.rtes.fr'"
    ):
        run_crawl("www.rtes.fr", tmp_path)


def test_run_crawl_refuses_existing_partition(tmp_path):
    (tmp_path / "raw" / "crawl_id=X1").mkdir(parents=True)
    with pytest.raises(ValueError, match="already has a raw partition"):
        run_crawl("http://127.0.0.1:9", tmp_path, crawl_id="X1")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://localhost:8000", True),
        ("http://[::1]:8000", True),
        ("https://www.rtes.fr", False),
        ("http://192.168.1.5", False),
    ],
)
def test_is_loopback(url, expected):
    assert is_loopback(url) is expected


def test_crawl_id_is_utc_timestamp():
    assert new_crawl_id(datetime(2026, 11, 27, 14, 30, tzinfo=UTC)) == "20261127T143000Z"


def test_judge_accepts_good_crawl():
    assert (
        judge({"finish_reason": "finished", "rtes/pages/listing": 3}, "https://x.fr", LISTINGS)
        is None
    )


def test_judge_unreachable_site():
    stats = {
        "finish_reason": "finished",
        "rtes/errors/first_download_error": "DNSLookupError: no such host",
    }
    assert (
        judge(stats, "https://x.fr", LISTINGS)
        == "could not reach https://x.fr: DNSLookupError: no such host"
    )


def test_judge_early_stop():
    stats = {"finish_reason": "closespider_errorcount", "rtes/pages/listing": 3}
    assert "finish_reason=closespider_errorcount" in judge(stats, "https://x.fr", LISTINGS)


def test_judge_no_listing():
    stats = {"finish_reason": "finished", "rtes/pages/detail": 3, "rtes/pages/http_error": 1}
    assert judge(stats, "https://x.fr", LISTINGS).startswith("no listing page answered 200")


def test_summary_is_one_line():
    outcome = CrawlOutcome(
        crawl_id="X1",
        raw_dir=Path("datasets/raw/crawl_id=X1"),
        stats={
            "rtes/pages/listing": 2,
            "rtes/pages/detail": 5,
            "downloader/response_bytes": 2_500_000,
        },
        ok=True,
    )
    line = format_summary(outcome)
    assert "\n" not in line
    assert (
        "listing 2" in line and "detail 5" in line and "2.50 MB" in line
    )  # one MB format everywhere since issue 16
    assert "datasets/raw/crawl_id=X1" in line
