"""Nightly runs against the mirror as it changes day by day: incremental, tracked, atomic, monitored."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from mirror.changes import changes_between
from mirror.routes import HttpOptions, render, route
from mirror.server import start_in_thread
from mirror.site import LISTINGS, build_site
from mirror.truth import truth_records
from pipeline.nightly import RunLock
from pipeline.truthcheck import COMPARED_FIELDS, comparable

pytestmark = pytest.mark.e2e

SEED, RESOURCES = 5, 60


class ChangingSite:
    """A mirror whose day (and HTTP options) a test can change between two runs, on one URL."""

    def __init__(self, sitemap: bool = True, page_cache: bool = False) -> None:
        self.site = build_site(SEED, RESOURCES, 0)
        self.options = HttpOptions(sitemap=sitemap, page_cache=page_cache)
        self.empty_listings = False
        self.server, self.url = start_in_thread(self.site, router=self.route)

    def route(self, _site, target: str, base: str):
        if self.empty_listings and target.split("?")[0] in {"/"} | {lst.path for lst in LISTINGS}:
            response = route(self.site, target, base, options=self.options)
            return type(response)(
                200,
                response.content_type,
                render.page("Ressources", "<p>Aucune ressource</p>").encode(),
                response.headers,
            )
        return route(self.site, target, base, options=self.options)

    def day(self, day: int) -> None:
        self.site = build_site(SEED, RESOURCES, day)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def nightly(
    site: ChangingSite, data_dir: Path, *extra: str, env: dict | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "nightly",
            "--site-url",
            site.url,
            "--data-dir",
            str(data_dir),
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


def last_report(data_dir: Path) -> dict:
    found = [json.loads(p.read_text()) for p in (data_dir / "runs").glob("*/report.json")]
    return max(found, key=lambda r: r["finished_at"])


def published_fingerprint(data_dir: Path) -> tuple[str, str]:
    """Which version is published, and a digest of every published file's bytes."""
    digest = hashlib.sha256()
    current = (data_dir / "current").resolve()
    for path in sorted(current.rglob("*.parquet")):
        digest.update(path.relative_to(current).as_posix().encode() + path.read_bytes())
    return current.name, digest.hexdigest()


@pytest.fixture(scope="module")
def with_sitemap(tmp_path_factory):
    """Day 0 twice, then day 1, with the sitemap: the reports of the three runs."""
    site, data_dir = ChangingSite(), tmp_path_factory.mktemp("nightly") / "data"
    runs = []
    for day in (0, 0, 1):
        site.day(day)
        done = nightly(site, data_dir)
        assert done.returncode == 0, done.stderr[-2000:]
        runs.append(last_report(data_dir))
    site.close()
    return data_dir, runs


def test_first_run_is_a_full_pass_publishing_everything(with_sitemap):
    _, (first, _, _) = with_sitemap
    assert first["status"] == "ok" and first["mode"] == "full"
    assert first["resources_new"] == RESOURCES and first["resources_removed"] == 0


def test_unchanged_rerun_finds_nothing_and_downloads_under_a_tenth(with_sitemap):
    _, (first, second, _) = with_sitemap
    assert second["mode"] == "sitemap"
    assert (second["resources_new"], second["resources_changed"], second["resources_removed"]) == (
        0,
        0,
        0,
    )
    assert second["resources_unchanged"] == RESOURCES
    assert second["bytes_downloaded"] <= 0.10 * first["bytes_downloaded"]


def test_day_one_reports_exactly_the_mirrors_changes(with_sitemap):
    _, (_, _, third) = with_sitemap
    assert third["changes"] == changes_between(SEED, RESOURCES, 0, 1)


def test_history_holds_old_and_new_versions_of_every_edited_resource(with_sitemap):
    data_dir, (_, _, third) = with_sitemap
    versions = (
        ds.dataset(data_dir / "resource_versions", partitioning="hive").to_table().to_pylist()
    )
    for path in third["changes"]["edited"]:
        rows = sorted(
            (v for v in versions if v["url"].endswith(path)), key=lambda v: v["valid_from"]
        )
        assert [v["change"] for v in rows] == ["new", "changed"], path
        assert rows[0]["record_hash"] != rows[1]["record_hash"]


def test_day_one_dataset_equals_the_day_one_truth_and_flags_removals(with_sitemap):
    data_dir, (_, _, third) = with_sitemap
    published = {comparable(r)["url"]: r for r in pq.read_table(data_dir / "resources").to_pylist()}
    truth = {t["url"]: comparable(t) for t in truth_records(build_site(SEED, RESOURCES, 1))}
    online = {url: r for url, r in published.items() if r["removed_at"] is None}
    assert set(online) == set(truth)
    fields = [
        f for f in COMPARED_FIELDS if f != "source_urls"
    ]  # listing pages are not re-read nightly
    for url, record in online.items():
        got = comparable(record)
        assert {f: got[f] for f in fields} == {f: truth[url][f] for f in fields}, url
    removed = {url for url, r in published.items() if r["removed_at"] is not None}
    assert removed == set(third["changes"]["removed"])


def test_without_sitemap_listings_then_full_pass(tmp_path):
    site, data_dir = ChangingSite(sitemap=False), tmp_path / "data"
    try:
        assert nightly(site, data_dir).returncode == 0
        first = last_report(data_dir)
        assert nightly(site, data_dir).returncode == 0
        second = last_report(data_dir)
        assert second["mode"] == "listings"
        assert (
            second["resources_new"],
            second["resources_changed"],
            second["resources_removed"],
        ) == (0, 0, 0)
        # every category listing's first page, nothing older: on this 60-resource site the 12
        # first pages render most items in full, so the saving is smaller than with one listing
        assert second["bytes_downloaded"] < 0.75 * first["bytes_downloaded"]
        last_crawl = sorted((data_dir / "raw").glob("crawl_id=*"))[-1]
        rows = (
            ds.dataset(last_crawl, format="parquet")
            .to_table(columns=["url", "page_kind"])
            .to_pylist()
        )
        listed = [r["url"] for r in rows if r["page_kind"] == "listing"]
        assert listed and not any("page=" in url for url in listed)
        assert not [
            r for r in rows if r["page_kind"] == "detail"
        ]  # nothing changed: no node fetched
        site.day(1)
        assert nightly(site, data_dir, "--full").returncode == 0
        assert last_report(data_dir)["changes"] == changes_between(SEED, RESOURCES, 0, 1)
    finally:
        site.close()


def test_conditional_requests_make_a_full_pass_nearly_free_with_validators(tmp_path):
    site, data_dir = ChangingSite(page_cache=True), tmp_path / "data"
    try:
        assert nightly(site, data_dir).returncode == 0
        first = last_report(data_dir)
        assert nightly(site, data_dir, "--full").returncode == 0
        again = last_report(data_dir)
        assert again["mode"] == "full" and again["resources_unchanged"] == RESOURCES
        unanswered = sum(again.get("errors", {}).values())  # 404s carry no validators
        assert (
            again["not_modified"] >= again["pages_fetched"] - 5 - unanswered
        )  # all but robots/sitemap-like pages
        assert again["bytes_downloaded"] <= 0.05 * first["bytes_downloaded"]
    finally:
        site.close()


def test_attachments_are_revalidated_with_304_on_a_full_pass(tmp_path):
    site, data_dir = ChangingSite(), tmp_path / "data"
    try:
        assert nightly(site, data_dir).returncode == 0
        assert nightly(site, data_dir, "--full").returncode == 0
        report = last_report(data_dir)
        # every attachment that was downloaded (the one over the size limit never is) answers 304
        documents = sum(
            len(r["urls"]) for r in pq.read_table(data_dir / "documents").to_pylist() if r["sha256"]
        )
        assert report["not_modified"] >= documents > 0
    finally:
        site.close()


def test_second_concurrent_run_refuses(tmp_path):
    site, data_dir = ChangingSite(), tmp_path / "data"
    try:
        with RunLock(data_dir):
            done = nightly(site, data_dir)
        assert done.returncode == 1
        assert "another run is in progress" in done.stderr.strip().splitlines()[-1]
        assert not (data_dir / "raw").exists()
    finally:
        site.close()


def test_emptied_listings_fail_the_crawl_and_keep_the_dataset(tmp_path):
    site, data_dir = ChangingSite(sitemap=False), tmp_path / "data"
    try:
        assert nightly(site, data_dir).returncode == 0
        before = published_fingerprint(data_dir)
        site.empty_listings = True
        done = nightly(site, data_dir, "--full")
        assert done.returncode == 1
        last = done.stderr.strip().splitlines()[-1]  # the crawl's own reason, relayed in one line
        assert "held no resource link" in last and "the published dataset is unchanged" in last
        assert last_report(data_dir)["status"] == "failed"
        assert published_fingerprint(data_dir) == before
    finally:
        site.close()


def test_failed_monitors_keep_the_dataset_and_say_why_unless_the_drop_is_accepted(tmp_path):
    site, data_dir = ChangingSite(sitemap=False), tmp_path / "data"
    strict = {"MONITOR_MIN_ONLINE_RATIO": "1.01"}  # every run now has "too few" resources online
    try:
        assert nightly(site, data_dir).returncode == 0
        before = published_fingerprint(data_dir)
        done = nightly(site, data_dir, "--full", env=strict)
        assert done.returncode == 1
        assert "monitors failed" in done.stderr.strip().splitlines()[-1]
        report = last_report(data_dir)
        assert report["status"] == "failed" and "too few resources" in report["monitors"][0]
        assert published_fingerprint(data_dir) == before
        accepted = nightly(site, data_dir, "--full", "--accept-drop", env=strict)
        assert accepted.returncode == 0, accepted.stderr
        report = last_report(data_dir)
        assert report["status"] == "ok" and "too few resources" in report["monitors_accepted"][0]
    finally:
        site.close()


@pytest.fixture(scope="module")
def killable(tmp_path_factory):
    """A mirror and a dataset published from its day 0, copied (links kept) for each kill test."""
    site = ChangingSite()
    published = tmp_path_factory.mktemp("published") / "data"
    assert nightly(site, published).returncode == 0
    yield site, published
    site.close()


@pytest.mark.parametrize(
    "point",
    [
        "nightly:after-crawl",
        "nightly:before-publish",
        "publish:before-version-rename",
        "publish:before-switch",
        "random",
    ],
)
def test_killed_run_leaves_the_dataset_as_it_was_and_the_next_run_succeeds(
    killable, tmp_path, point
):
    killable, published = killable
    data_dir = tmp_path / "data"
    shutil.copytree(published, data_dir, symlinks=True)
    before = published_fingerprint(data_dir)
    killable.day(1)  # the killed run has changes to publish
    command = [
        sys.executable,
        "-m",
        "pipeline",
        "nightly",
        "--site-url",
        killable.url,
        "--data-dir",
        str(data_dir),
    ]
    expected_changes = changes_between(SEED, RESOURCES, 0, 1)
    if point == "random":  # SIGKILL to the whole process group at a random moment of the run
        run = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        time.sleep(random.Random(os.getpid()).uniform(0.3, 3.0))
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
    else:
        done = subprocess.run(
            command, capture_output=True, env={**os.environ, "RTES_KILL_AT": point}, timeout=600
        )
        assert done.returncode == -signal.SIGKILL
    if published_fingerprint(data_dir)[0] == before[0]:  # killed before its commit point
        assert published_fingerprint(data_dir) == before
        assert pq.read_table(data_dir / "resources").num_rows == RESOURCES
    else:  # a random kill that landed after the link switch: the new version is complete
        assert point == "random"
        published_now = pq.read_table(data_dir / "resources").to_pylist()
        assert len([r for r in published_now if r["removed_at"] is None]) == len(
            truth_records(build_site(SEED, RESOURCES, 1))
        )
        expected_changes = {"added": [], "edited": [], "removed": []}
    done = nightly(killable, data_dir)
    assert done.returncode == 0, done.stderr[-2000:]
    assert last_report(data_dir)["changes"] == expected_changes
