"""The site from one day to the next: resources added, edited and removed, files re-uploaded.

Day D is day D-1 plus day D's changes, drawn from random.Random(f"{seed}:day:{D}") (and
per-item generators under that key), so any day is reproducible from (seed, resources, day).
Every edit changes what the truth shows of the resource (body paragraphs or fields) and sets
its `changed` to the edit time; chrome-only changes (footer timestamp, listing order among
equal dates, a re-uploaded attachment) never touch `changed`.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, time

from mirror import text
from mirror.site import (
    CATEGORIES,
    MIN_REPEAT_WORDS,
    PARAGRAPH_WORDS,
    RESOURCE_TYPES,
    Block,
    DayLog,
    FileEntry,
    Resource,
    Segment,
    Site,
    _Builder,
    _pdf_bytes,
    day_date,
)
from mirror.text import normalise

# Per-day counts, each drawn uniformly in the inclusive range.
ADDED_PER_DAY = (2, 4)
EDITED_PER_DAY = (3, 5)
REMOVED_PER_DAY = (1, 2)
REPLACED_FILES_PER_DAY = 1  # an attachment re-uploaded in place: new bytes, node not saved
WORK_HOURS = (8, 18)  # editors work 08:00-18:59, Paris time; pages are generated at night
# Edit kinds and their weights. Private resources only get field edits: their truth has no body
# and no documents, and an edit must change what the truth shows.
EDIT_WEIGHTS = {"paragraph": 4, "summary": 2, "type": 1, "categories": 2, "document": 2}
PUBLIC_ONLY_EDITS = frozenset({"paragraph", "document"})
ARTICLE_EDITS = frozenset({"paragraph", "categories"})  # a news article has no field block
SUMMARY_SPAN = 2  # a copied Résumé covers at most the first 2 kept blocks: never rewritten
SUMMARY_WORDS = (15, 60)  # a rewritten Résumé (independent of the body)
REPEAT_OVERLAP = 0.5  # a paragraph sharing this share of 3-shingles with a repeat is its source


def advance(site: Site, builder: _Builder, day: int) -> Site:
    """Day `day` from the previous day's site (builder holds the site-wide generator state)."""
    key = f"{site.seed}:day:{day}"
    rng = random.Random(key)
    online = {r.nid: r for r in site.resources}

    # Removals first: at least one resource stays online.
    count = min(rng.randint(*REMOVED_PER_DAY), len(online) - 1)
    removed = sorted(rng.sample(sorted(online), max(0, count)))
    for nid in removed:
        _remove(builder, online.pop(nid))

    edited: list[tuple[int, str]] = []
    for nid in sorted(rng.sample(sorted(online), min(rng.randint(*EDITED_PER_DAY), len(online)))):
        edit_rng = random.Random(f"{key}:edit:{nid}")
        online[nid], kind = edit(builder, edit_rng, online[nid], _moment(edit_rng, day))
        edited.append((nid, kind))

    moments = sorted(_moment(rng, day) for _ in range(rng.randint(*ADDED_PER_DAY)))
    added = [
        builder.new_resource(random.Random(f"{key}:new:{number}"), moment)
        for number, moment in enumerate(moments)
    ]

    edited_nids = {nid for nid, _ in edited}
    untouched = [
        r
        for nid, r in sorted(online.items())
        if r.documents and not r.is_private and nid not in edited_nids
    ]
    replaced = []
    for resource in rng.sample(untouched, min(REPLACED_FILES_PER_DAY, len(untouched))):
        replaced.append(_reupload(builder, rng, resource, _moment(rng, day), day))

    resources = tuple(sorted(online.values(), key=lambda r: r.index)) + tuple(added)
    log = DayLog(tuple(r.nid for r in added), tuple(edited), tuple(removed), tuple(replaced))
    return Site(
        site.seed, site.resource_count, day, resources, dict(builder.files), previous=site, log=log
    )


def _moment(rng: random.Random, day: int) -> datetime:
    """A working-hours time on day's date, on a 5-minute grid."""
    return datetime.combine(day_date(day), time(rng.randint(*WORK_HOURS), rng.randrange(0, 60, 5)))


def _remove(builder: _Builder, resource: Resource) -> None:
    """Delete a node: its attachments go too (file usage drops to 0); its slug stays taken."""
    builder.public = [entry for entry in builder.public if entry[0] != resource.nid]
    for document in resource.documents:
        builder.files.pop(document.path, None)


def _reupload(
    builder: _Builder, rng: random.Random, resource: Resource, moment: datetime, day: int
) -> str:
    """Replace one attachment's bytes in place (same path, new validators); returns its path."""
    document = rng.choice(resource.documents)
    old = builder.files[document.path]
    builder.files[document.path] = FileEntry(
        old.path, old.mime, _pdf_bytes(document.title, revision=day), moment
    )
    return document.path


def edit(
    builder: _Builder, rng: random.Random, resource: Resource, moment: datetime
) -> tuple[Resource, str]:
    """One edit that changes the resource's truth record; returns the new version and its kind."""
    kinds = [
        k
        for k in EDIT_WEIGHTS
        if not (resource.is_private and k in PUBLIC_ONLY_EDITS)
        and (resource.kind == "resource" or k in ARTICLE_EDITS)
    ]
    while kinds:  # weighted draw without replacement until a kind applies
        kind = rng.choices(kinds, weights=[EDIT_WEIGHTS[k] for k in kinds])[0]
        edited = _EDITS[kind](builder, rng, resource, moment)
        if edited is not None:
            return replace(edited, changed=moment), kind
        kinds.remove(kind)
    raise AssertionError("a summary (resource) or category (article) edit always applies")


def _rewrite_paragraph(
    builder: _Builder, rng: random.Random, resource: Resource, moment: datetime
) -> Resource | None:
    """Replace one plain content paragraph by new sentences."""
    spots = rewritable_paragraphs(resource)
    if not spots:
        return None
    at = rng.choice(spots)
    sentences = builder.writer.sentences(rng, *PARAGRAPH_WORDS)
    blocks = list(resource.blocks)
    blocks[at] = Block("p", (Segment(" ".join(sentences)),))
    return replace(resource, blocks=tuple(blocks))


def rewritable_paragraphs(resource: Resource) -> list[int]:
    """Block indexes a rewrite may replace.

    Long plain content paragraphs only (no link, no line break), outside the Résumé's copy
    span, and never the source of an in-body repeat (the repeat would stop being a copy).
    """
    kept = [i for i, b in enumerate(resource.blocks) if b.kept]
    repeats = [_shingles(b.plain) for b in resource.blocks if b.role == "repeat"]
    spots = []
    for i in kept[SUMMARY_SPAN:]:
        block = resource.blocks[i]
        if block.kind != "p" or any(s.href or s.br for s in block.segments):
            continue
        if text.word_count(block.plain) < MIN_REPEAT_WORDS:
            continue
        own = _shingles(block.plain)
        if any(len(own & r) / max(1, len(own | r)) >= REPEAT_OVERLAP for r in repeats):
            continue
        spots.append(i)
    return spots


def _shingles(raw: str) -> set[tuple[str, ...]]:
    """Word 3-shingles of normalised lower-case text."""
    words = normalise(raw).lower().split()
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def _rewrite_summary(
    builder: _Builder, rng: random.Random, resource: Resource, moment: datetime
) -> Resource:
    """A new Résumé written for itself (new sentences, so never a past value)."""
    sentences = builder.writer.sentences(rng, *SUMMARY_WORDS)
    return replace(resource, summary=((Segment(" ".join(sentences)),),), summary_kind="independent")


def _field_state(resource: Resource) -> tuple[str | None, frozenset[str]]:
    """The (type, categories) pair a field edit must not bring back."""
    return resource.resource_type, frozenset(resource.categories)


def _novel(builder: _Builder, resource: Resource, candidates: list[Resource]) -> list[Resource]:
    """The candidates whose (type, categories) the resource never had."""
    seen = builder.field_states.setdefault(resource.nid, {_field_state(resource)})
    return [c for c in candidates if _field_state(c) not in seen]


def _remember(builder: _Builder, resource: Resource) -> Resource:
    """Record a new field state and return the resource."""
    builder.field_states[resource.nid].add(_field_state(resource))
    return resource


def _change_type(
    builder: _Builder, rng: random.Random, resource: Resource, moment: datetime
) -> Resource | None:
    """Another resource type (it may move the resource in or out of thematic listings)."""
    options = _novel(
        builder,
        resource,
        [replace(resource, resource_type=t) for t in RESOURCE_TYPES if t != resource.resource_type],
    )
    return _remember(builder, rng.choice(options)) if options else None


def _change_categories(
    builder: _Builder, rng: random.Random, resource: Resource, moment: datetime
) -> Resource | None:
    """One category added (at the end) or removed."""
    current = resource.categories
    options = [current + (c,) for c in CATEGORIES if c not in current]
    if len(current) > 1:  # a node stays filed under at least one term (its listings)
        options += [current[:i] + current[i + 1 :] for i in range(len(current))]
    options = _novel(builder, resource, [replace(resource, categories=c) for c in options])
    return _remember(builder, rng.choice(options)) if options else None


def _attach_document(
    builder: _Builder, rng: random.Random, resource: Resource, moment: datetime
) -> Resource | None:
    """A new PDF attached after the existing ones (uploaded at the edit time)."""
    titles = {d.title for d in resource.documents}
    for _ in range(20):
        title = builder.document_title(rng, moment.year)
        if title not in titles:
            document = builder.attach(title, moment, moment)
            return replace(resource, documents=resource.documents + (document,))
    return None


_EDITS = {
    "paragraph": _rewrite_paragraph,
    "summary": _rewrite_summary,
    "type": _change_type,
    "categories": _change_categories,
    "document": _attach_document,
}
