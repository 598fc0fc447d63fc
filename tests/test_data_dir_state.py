"""Issue 11: random sequences of every command on ONE data directory, checked after every step.

A seeded randomised sequence test (the equivalent of a hypothesis RuleBasedStateMachine, without
shrinking: one step is a real crawl of seconds, and a failure prints its whole sequence instead).
Steps: nightly, nightly --full, process, import-text of an export, the mirror moved to another
port, the mirror's day advanced, a nightly killed with SIGKILL (at a random moment, or at one of
the publication's checkpoints). After every step:

- the online rows of resources/ equal the mirror's truth, field by field, for the day of the last
  crawl that was published (advancing the day alone publishes nothing: the dataset is what the
  site held when it was last looked at) — source_urls aside, since an incremental nightly does
  not re-read listing pages;
- no resource is online twice, by resource_id or by (title, body);
- every resource imported from an export (always of resources the crawl holds) is joined to its
  crawled record: that record's source_urls name the export file, and no other row holds it;
- resource_versions holds exactly one row per distinct truth state a resource has had in the
  published dataset (truth states never come back: mirror edits never revert);
- a killed run leaves the published dataset byte-identical, or (killed after its switch) a
  complete new version with its report.

`make test` runs RTES_STATEFUL_STEPS (default 200) steps in all, in sequences of at most
SEQUENCE_STEPS; raise it by hand: `RTES_STATEFUL_STEPS=2000 .venv/bin/python -m pytest
tests/test_data_dir_state.py`. RTES_STATEFUL_SEED shifts the sequences' seeds.
"""

from __future__ import annotations

import math
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from mirror.site import build_site
from mirror.truth import truth_records
from pipeline.truthcheck import COMPARED_FIELDS, path_of
from tests.datadir_support import (
    Mirror,
    content_key,
    differences,
    duplicates,
    error_line,
    export_of,
    file_sources,
    import_text,
    last_report,
    nightly,
    ok,
    online,
    process,
    published_fingerprint,
    resource_rows,
    version_rows,
)

pytestmark = pytest.mark.e2e

# Seed 37 at 30 resources: over days 1..MAX_DAY no private resource is added and none gets a
# Résumé or category edit. A private resource's detail page shows neither field and an
# incremental nightly reads no listing page, so such an edit is invisible until a full pass (the
# issue's rule: a field a page does not show is kept from the last page that showed it).
SEED, RESOURCES = 37, 30
MAX_DAY = 6
STEPS = int(os.environ.get("RTES_STATEFUL_STEPS", "200"))
SEQUENCE_STEPS = 40
# Draws of exported resources tried before an import step gives up (see import_).
EXPORT_DRAWS = 10
SEQUENCES = max(1, math.ceil(STEPS / SEQUENCE_STEPS))
BASE_SEED = int(os.environ.get("RTES_STATEFUL_SEED", "0"))
# nightly, process and import-text run inside the test process (a nightly's crawl has its own
# child anyway); RTES_STATEFUL_SUBPROCESS=1 runs them as a user does, one process each.
IN_PROCESS = os.environ.get("RTES_STATEFUL_SUBPROCESS", "") != "1"
FIELDS_BUT_SOURCES = tuple(f for f in COMPARED_FIELDS if f != "source_urls")
# Step kinds and their weights in a sequence.
WEIGHTS = {
    "nightly": 4,
    "nightly_full": 2,
    "process": 2,
    "import": 2,
    "move": 1,
    "advance": 3,
    "kill": 2,
}
KILL_POINTS = (
    "nightly:after-crawl",
    "nightly:before-publish",
    "publish:before-version-rename",
    "publish:before-switch",
    "publish:after-switch",
)
KILL_AFTER_SECONDS = (0.2, 6.0)  # a random kill lands somewhere in this window of the run
IMPORTED_PER_EXPORT = 2


class Sequence:
    """One data directory, one mirror, and what the published dataset must be."""

    def __init__(self, rng: random.Random, root: Path) -> None:
        self.rng, self.root = rng, root
        self.data_dir = root / "data"
        self.mirror = Mirror(SEED, RESOURCES)
        self.day = 0
        self.published_day: int | None = None
        self.states: dict[str, set[str]] = {}  # resource_id -> truth states it had while published
        self.crawl_days: dict[str, int] = {}  # raw crawl id -> the mirror's day when it was made
        self.full_crawls: set[str] = set()
        self.imports: list[tuple[str, list[str]]] = []  # export file name, detail paths in it
        self.log: list[str] = []
        self.seconds: Counter = Counter()

    # --- steps ---------------------------------------------------------------------------------

    def step(self, kind: str) -> None:
        started = time.monotonic()
        self.log.append(f"{kind} (day {self.day}, published day {self.published_day})")
        getattr(self, kind)()
        self.seconds[kind] += time.monotonic() - started
        self.check()

    def nightly(self, *extra: str) -> None:
        ok(nightly(self.mirror, self.data_dir, *extra, in_process=IN_PROCESS))
        self.note_crawls(full=last_report(self.data_dir).get("mode") == "full")
        self.published(self.day)

    def nightly_full(self) -> None:
        self.nightly("--full")

    def process(self) -> None:
        latest = max(self.crawl_days)
        before = published_fingerprint(self.data_dir)
        done = process(self.mirror, self.data_dir, in_process=IN_PROCESS)
        if done.returncode == 0:
            self.published(self.crawl_days[latest])
            return
        line = error_line(done)
        assert latest not in self.full_crawls, f"process refused the full crawl {latest}: {line}"
        assert published_fingerprint(self.data_dir) == before, (
            "a refused process changed the dataset"
        )

    def import_(self) -> None:
        site = build_site(SEED, RESOURCES, self.published_day)
        # A legacy export is of the resource library: public resources with their field block.
        # (News articles have none, and the importer ends a record at its field block: an
        # article in an export runs into the next record; found by the 2,000-step run.)
        public = [r for r in site.resources if not r.is_private and r.kind == "resource"]
        for _ in range(EXPORT_DRAWS):
            chosen = self.rng.sample(public, IMPORTED_PER_EXPORT)
            try:
                text, _ = export_of(site, chosen, seed=self.rng.randrange(1000))
                break
            except AssertionError:
                # the export renderer alters some resource of this draw whatever its seed (a title
                # turned into a sentence): it would not be the site's resource; draw again
                # (found by the 2,000-step run, sequence 24)
                continue
        else:
            raise AssertionError(f"no export of {IMPORTED_PER_EXPORT} unchanged resources found")
        name = f"export-{len(self.imports) + 1}.txt"
        path = self.root / name
        path.write_text(text, encoding="utf-8")
        ok(import_text(self.data_dir, path, in_process=IN_PROCESS))
        self.imports.append((name, [r.path for r in chosen]))

    def move(self) -> None:
        self.mirror.move()

    def advance(self) -> None:
        self.day += 1
        self.mirror.day(self.day)

    def kill(self) -> None:
        before = published_fingerprint(self.data_dir)
        command = [
            sys.executable,
            "-m",
            "pipeline",
            "nightly",
            "--site-url",
            self.mirror.url,
            "--data-dir",
            str(self.data_dir),
        ] + (["--full"] if self.rng.random() < 0.3 else [])
        env = dict(os.environ)
        point = self.rng.choice(KILL_POINTS + ("random",) * 3)
        self.log[-1] += f" at {point}"
        if point != "random":
            env["RTES_KILL_AT"] = point
        run = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env=env,
        )
        if point == "random":
            try:
                run.wait(timeout=self.rng.uniform(*KILL_AFTER_SECONDS))
            except subprocess.TimeoutExpired:
                os.killpg(run.pid, signal.SIGKILL)
        run.wait(timeout=600)
        self.note_crawls(full=False)
        after = published_fingerprint(self.data_dir)
        if after[0] == before[0]:
            assert after == before, "a killed run changed the published files"
            return
        version = (
            self.data_dir / ".versions" / after[0]
        )  # killed after its switch: complete, with its report
        assert (self.data_dir / "runs" / after[0] / "report.json").exists() or (
            version / "_run" / "report.json"
        ).exists(), f"published version {after[0]} has no report"
        self.published(self.day)

    # --- bookkeeping ---------------------------------------------------------------------------

    def note_crawls(self, full: bool) -> None:
        """Raw crawls that appeared in this step were made on the current day."""
        raw = self.data_dir / "raw"
        new = (
            [
                p.name.removeprefix("crawl_id=")
                for p in raw.glob("crawl_id=*")
                if p.name.removeprefix("crawl_id=") not in self.crawl_days
            ]
            if raw.is_dir()
            else []
        )
        for crawl_id in new:
            self.crawl_days[crawl_id] = self.day
            if full:
                self.full_crawls.add(crawl_id)

    def published(self, day: int) -> None:
        """The dataset now holds the site of `day`: every resource's state of that day was seen."""
        self.published_day = day
        for record in truth_records(build_site(SEED, RESOURCES, day)):
            self.states.setdefault(record["resource_id"], set()).add(content_key(record))

    # --- the invariant -------------------------------------------------------------------------

    def check(self) -> None:
        rows = resource_rows(self.data_dir)
        site = build_site(SEED, RESOURCES, self.published_day)
        wrong = differences(rows, site, FIELDS_BUT_SOURCES)
        assert not wrong, (
            f"dataset differs from the truth of day {self.published_day}:\n" + "\n".join(wrong[:20])
        )
        assert not duplicates(rows), duplicates(rows)[:10]
        by_path = {path_of(r["url"]): r for r in online(rows)}
        for record in by_path.values():
            pages = [path_of(u) for u in record["source_urls"] if not u.startswith("file:")]
            assert path_of(record["url"]) in pages, f"{record['url']} not among its source_urls"
        for name, paths in self.imports:
            for path in paths:
                if path in by_path:  # still on the site: still joined to its crawled record
                    assert any(u.startswith(f"file:{name}") for u in file_sources(by_path[path])), (
                        f"{path}: the import of {name} is no longer joined: {by_path[path]['source_urls']}"
                    )
        versions = Counter(v["resource_id"] for v in version_rows(self.data_dir))
        expected = {rid: len(states) for rid, states in self.states.items()}
        wrong_versions = {
            rid: (versions.get(rid, 0), want)
            for rid, want in expected.items()
            if versions.get(rid, 0) != want
        }
        wrong_versions.update({rid: (n, 0) for rid, n in versions.items() if rid not in expected})
        assert not wrong_versions, (
            f"(versions, truth states) per resource: {dict(list(wrong_versions.items())[:10])}"
        )

    def close(self) -> None:
        self.mirror.close()


def draw(rng: random.Random, sequence: Sequence) -> str:
    kinds = [k for k in WEIGHTS if k != "advance" or sequence.day < MAX_DAY]
    return rng.choices(kinds, weights=[WEIGHTS[k] for k in kinds])[0]


@pytest.mark.parametrize("number", range(SEQUENCES))
def test_random_sequence_on_one_data_dir(number, tmp_path):
    steps = min(SEQUENCE_STEPS, STEPS - number * SEQUENCE_STEPS)
    rng = random.Random(f"data-dir-state:{BASE_SEED}:{number}")
    sequence = Sequence(rng, tmp_path)
    try:
        sequence.step("nightly")  # the first nightly publishes day 0 in full
        for _ in range(steps - 1):
            kind = draw(rng, sequence)
            sequence.step("import_" if kind == "import" else kind)
    except AssertionError as failure:
        trail = "\n".join(f"  {i + 1}. {s}" for i, s in enumerate(sequence.log))
        raise AssertionError(
            f"{failure}\nsequence {number} (seed {BASE_SEED}), steps so far:\n{trail}"
        ) from None
    finally:
        sequence.close()
        timing = ", ".join(f"{k} {v:.1f}s" for k, v in sorted(sequence.seconds.items()))
        print(f"sequence {number}: {len(sequence.log)} steps; {timing}")
