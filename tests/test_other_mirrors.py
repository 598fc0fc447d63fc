"""Mirrors of other seeds and sizes, in the themes where each once departed from its truth:
`rtes-pipeline demo --theme T --seed S --resources N` must pass its truth check (resources,
documents and members field by field). Each case names the construct it found."""

from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.e2e

CASES = {
    # a region listing of one member, its own request made before the menu was read
    "region of one member (theme 2)": (2, 23, 90),
    # a category page of two heading-less cards, one dated by a bare date; a region of one card
    "lone and bare-dated cards (theme 5)": (5, 37, 90),
    # a contact block's last line, an e-mail address, standing just before the fields
    "contact line before the fields (theme 3)": (3, 53, 90),
    # a category of one item in full, a menu page with one card under its title
    "category of one item (theme 5)": (5, 59, 30),
    # ten resources: every category page shows one heading-less card (the crawl had failed)
    "listings of one card (theme 5)": (5, 101, 10),
    # a private resource's Résumé section after the member notice, a tag list standing last
    "Résumé section before a tag list (theme 6)": (6, 109, 120),
    # a category's last page of one card, beside a logo, a menu and its own Catégorie value,
    # which all lead with links
    "lone card beside blocks leading with links (theme 5)": (5, 173, 60),
    # a category's last page of one card whose header (a long linked title, a bare date) stood
    # beside its body like a sidebar, and whose body opens with a tag badge
    "card header beside its body (theme 7)": (7, 419, 120),
    # member profiles titled in a hero band, beside a sidebar of short-titled link cards and a
    # newsletter card (more text than links): their last section took the sidebar in
    "sidebar of titled boxes beside a member profile (theme 7)": (7, 647, 150),
    # a Squarespace blog list titling its items in <h1>, a Wix private page of a long title and
    # little text, glued category chips, tag pills after the body (all three failed before)
    "blog list of h1 titles, private page of little text (theme 8)": (8, 101, 90),
    # one category chip alone (no type chip beside it), its long name read as body text
    "one category chip (theme 8)": (8, 308, 120),
    # badges for the type and privacy, tag links of long category names, rel=tag links after
    # the body, a private resource's two-paragraph Résumé under a heading in a side box
    "badges, tag links, private Résumé section (theme 9)": (9, 310, 90),
}


@pytest.mark.parametrize("case", CASES)
def test_other_mirror_equals_its_truth(case, tmp_path):
    theme, seed, resources = CASES[case]
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "demo", "--theme", str(theme), "--seed", str(seed)]
        + ["--resources", str(resources), "--data-dir", str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "Ground truth check passed" in done.stdout
