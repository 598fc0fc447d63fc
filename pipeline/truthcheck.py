"""Compare a published dataset with a ground truth (the mirror's), field by field. Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from rtes_core.schemas import CONTENT_COLUMNS
from rtes_core.text import WORD

# Identity and provenance, then every content column (what a change of a resource means).
COMPARED_FIELDS = ("resource_id", "url", "source_urls", *CONTENT_COLUMNS)
# Fields a truth may leave out (an older truth file): compared only when the truth has them.
OPTIONAL_FIELDS = frozenset({"kind", "tags", "updated_date"})
DATE_FIELDS = ("published_date", "updated_date")
# The members table's fields that the mirror's member truth (mirror.kinds.members_truth) gives.
MEMBER_FIELDS = (
    "member_id",
    "url",
    "name",
    "collectivite_type",
    "population",
    "joined_year",
    "region",
    "updated_date",
    "panorama",
    "budget",
    "programme",
    "exemples",
)


def path_of(url: str | None) -> str | None:
    """The path (and query) of a URL: truth records name pages by path, whatever the host."""
    if url is None:
        return None
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    """A record reduced to the compared fields, URLs as paths, dates as ISO strings."""
    out = {k: record.get(k) for k in COMPARED_FIELDS}
    out["url"] = path_of(out["url"])
    out["source_urls"] = sorted(path_of(u) for u in out["source_urls"] or [])
    out["documents"] = [
        {"title": d["title"], "url": path_of(d["url"])} for d in out["documents"] or []
    ]
    out["categories"] = list(out["categories"] or [])
    out["paragraphs"] = list(out["paragraphs"] or [])
    out["tags"] = list(out["tags"] or []) if "tags" in record else None
    for name in DATE_FIELDS:
        if out[name] is not None:
            out[name] = str(out[name])
    return out


def _compared_in(truth: list[dict[str, Any]]) -> Callable[[str, str], bool]:
    """Whether a field of a truth item is compared: always, unless the truth leaves it out."""
    present = {t["url"]: set(t) for t in truth}
    return lambda url, name: name not in OPTIONAL_FIELDS or name in present[url]


def _by_url(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Comparable rows grouped by their URL path (a URL published twice has two)."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row["url"], []).append(row)
    return grouped


def differences(published: list[dict[str, Any]], truth: list[dict[str, Any]]) -> list[str]:
    """One line per difference: missing, unexpected or duplicated resources, and differing fields."""
    return _table_differences(
        [comparable(r) for r in published],
        [comparable(t) for t in truth],
        "",
        COMPARED_FIELDS,
        _compared_in(truth),
    )


def member_comparable(record: dict[str, Any]) -> dict[str, Any]:
    """A members row reduced to the fields of the mirror's member truth, URL as a path."""
    out = {k: record.get(k) for k in MEMBER_FIELDS}
    out["url"] = path_of(out["url"])
    if out["updated_date"] is not None:
        out["updated_date"] = str(out["updated_date"])
    return out


def member_differences(published: list[dict[str, Any]], truth: list[dict[str, Any]]) -> list[str]:
    """The members table against its truth: missing, unexpected or duplicated members (by URL),
    and differing fields."""
    return _table_differences(
        [member_comparable(r) for r in published],
        [member_comparable(t) for t in truth],
        "members table",
        MEMBER_FIELDS,
    )


def _table_differences(
    published: list[dict[str, Any]],
    truth: list[dict[str, Any]],
    table: str,
    fields: tuple[str, ...],
    compared: Callable[[str, str], bool] = lambda url, name: True,
) -> list[str]:
    """Rows (already comparable, keyed by their URL path) against the truth's, field by field
    (table: the table's name in the lines, "" for the resources, "the dataset")."""
    where = f" in the {table}" if table else ""
    lines: list[str] = []
    by_url = _by_url(published)
    expected = {t["url"]: t for t in truth}
    for url, recs in by_url.items():
        if url not in expected:
            lines.append(f"{url}: published{where} but not in the truth")
        elif len(recs) > 1:
            lines.append(f"{url}: published {len(recs)} times{where}")
    for url, want in expected.items():
        got = by_url.get(url)
        if not got:
            lines.append(f"{url}: missing from the {table or 'dataset'}")
            continue
        for name in fields:
            if compared(url, name) and got[0][name] != want[name]:
                lines.append(
                    f"{url}: {name} differs: got {_short(got[0][name])} expected {_short(want[name])}"
                )
    return lines


def _short(value: Any, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


# Issue 13's bar for a site met for the first time: body words recovered and kept clean at this
# rate or better, and each item field right on at least this share of the items.
BODY_WORDS_BAR = 0.99
FIELD_BAR = 0.95
# The item fields that bar names (categories, types, private flags, summaries, dates).
ACCEPTANCE_FIELDS = (
    "title",
    "resource_type",
    "is_private",
    "summary",
    "categories",
    "tags",
    "documents",
    "published_date",
    "updated_date",
)


@dataclass(frozen=True)
class Acceptance:
    """How close a dataset comes to its truth in the bar's terms (rates, not a difference list)."""

    items: int  # items of the truth
    found_once: int  # truth items published exactly once
    duplicated: int  # truth items published more than once
    unexpected: int  # published records no truth item has (member profiles, basic pages, …)
    body_precision: float  # published body words that the truth's body has
    body_recall: float  # truth body words that the published body has
    field_rates: dict[str, float]  # per field: share of the found items where it equals the truth

    def meets_bar(self) -> bool:
        return (
            self.found_once == self.items
            and self.unexpected == 0
            and min(self.body_precision, self.body_recall) >= BODY_WORDS_BAR
            and all(rate >= FIELD_BAR for rate in self.field_rates.values())
        )

    def line(self) -> str:
        """One line for the demo's summary: the figures, then the worst fields."""
        fields = sorted(self.field_rates.items(), key=lambda kv: kv[1])
        worst = ", ".join(f"{name} {rate:.0%}" for name, rate in fields[:3])
        verdict = "meets" if self.meets_bar() else "misses"
        return (
            f"Acceptance ({verdict} the first-contact bar): {self.found_once}/{self.items} items "
            f"found once, {self.duplicated} duplicated, {self.unexpected} unexpected; body words "
            f"P {self.body_precision:.4f} R {self.body_recall:.4f}; lowest fields: {worst}"
        )


def _body_words(record: dict[str, Any]) -> Counter[str]:
    return Counter(WORD.findall(" ".join(record["paragraphs"]).casefold()))


def acceptance(published: list[dict[str, Any]], truth: list[dict[str, Any]]) -> Acceptance:
    """Rates of a published resources table against its truth (found once, body words, fields).

    Body words are counted as multisets over every found item (micro-averaged), so a dropped
    paragraph lowers recall and a kept footer lowers precision by their length."""
    by_url = _by_url([comparable(r) for r in published])
    wanted = [comparable(t) for t in truth]
    known = {t["url"] for t in wanted}
    is_compared = _compared_in(truth)
    kept = expected = shared = 0
    right: Counter[str] = Counter()
    compared: Counter[str] = Counter()
    for want in wanted:
        got = by_url.get(want["url"])
        if not got:
            continue
        got_words, want_words = _body_words(got[0]), _body_words(want)
        kept += sum(got_words.values())
        expected += sum(want_words.values())
        shared += sum((got_words & want_words).values())
        for name in ACCEPTANCE_FIELDS:
            if not is_compared(want["url"], name):
                continue
            compared[name] += 1
            right[name] += got[0][name] == want[name]
    return Acceptance(
        items=len(wanted),
        found_once=sum(len(by_url.get(t["url"], [])) == 1 for t in wanted),
        duplicated=sum(len(by_url.get(t["url"], [])) > 1 for t in wanted),
        unexpected=sum(len(recs) for url, recs in by_url.items() if url not in known),
        body_precision=shared / kept if kept else 1.0,
        body_recall=shared / expected if expected else 1.0,
        field_rates={name: right[name] / n for name, n in compared.items()},
    )
