"""mirror.kinds: member profiles, region listings and the newsletter, read back by the pipeline."""

from mirror import kinds
from mirror.site import build_site
from rtes_core.extract import occurrences_from_html

SITE = build_site(7, 20)
URL = "http://127.0.0.1:8800"


def read(path, page_kind="detail"):
    return occurrences_from_html(kinds.page_at(SITE, path), URL + path, page_kind)


def test_every_member_profile_reads_as_its_truth():
    for truth in kinds.members_truth(SITE):
        [occ] = read(truth["url"])
        assert occ.kind == "member"
        got = {
            "member_id": f"node-{occ.node_id}",
            "url": occ.path,
            "name": occ.title,
            "updated_date": occ.updated_date.isoformat(),
            **{k: v for k, v in occ.fields.items() if k != "sections"},
            **{k: " ".join(v) for k, v in occ.fields["sections"].items()},
        }
        assert got == truth


def test_region_listing_lists_its_members_and_no_record():
    member = kinds.members(SITE)[0]
    found = read("/" + kinds.region_slug(member.region), "listing")
    assert {o.kind for o in found} == {"member"}
    assert member.path in {o.path for o in found}


def test_newsletter_is_not_a_record():
    [occ] = read(kinds.NEWSLETTER_PATH)
    assert (occ.kind, occ.page_class) == ("newsletter", "newsletter")


def test_unknown_path_is_none():
    assert kinds.page_at(SITE, "/nothing-here") is None
