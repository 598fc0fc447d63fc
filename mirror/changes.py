"""What changed on the mirror between two days, as a nightly crawl should find it.

Lists hold canonical detail paths (e.g. "/retours-sur-le-seminaire-ptce"), sorted:
- added: online on day B, not on day A (added then edited inside the window: added);
- removed: online on day A, not on day B (edited then removed: removed; added then removed
  inside the window: in no list);
- edited: online on both days with a different `changed`, which only edits bump, and every
  edit changes the truth record's content (all fields but source_urls, see truth.content).
"""

from __future__ import annotations

from mirror.site import Site, build_site


def changes_between(seed: int, resources: int, day_a: int, day_b: int) -> dict[str, list[str]]:
    """{"added", "edited", "removed"} from day_a to day_b (0 <= day_a <= day_b)."""
    if not 0 <= day_a <= day_b:
        raise ValueError(f"need 0 <= from-day <= to-day, got {day_a} and {day_b}")
    late = build_site(seed, resources, day_b)
    return site_changes(late.at(day_a), late)


def site_changes(early: Site, late: Site) -> dict[str, list[str]]:
    """The changes between two snapshots of one site."""
    before = {r.nid: r for r in early.resources}
    after = {r.nid: r for r in late.resources}
    return {
        "added": sorted(after[n].path for n in after.keys() - before.keys()),
        "edited": sorted(
            after[n].path
            for n in after.keys() & before.keys()
            if after[n].changed != before[n].changed
        ),
        "removed": sorted(before[n].path for n in before.keys() - after.keys()),
    }
