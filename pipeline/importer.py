"""Legacy flat-text exports → resources, split with the cleaning stage's own copy detection.

Before the crawler, the site was saved as plain-text extractions: resources one after another,
no separator, each one a title line, body paragraphs (blank-line separated; a line starting
with "-" is a list item), footer labels each followed by its value, a Résumé, and often a
repeat of part or all of the body, then the next title. The repeat looks like body text, so
the split is made by asking the cleaning stage (`Cleaner.copy_similarity`: same comparison key,
or shingle Jaccard/containment verified by edit similarity) whether a block after the footer is
a copy of the current body: copies stay with the resource (the audit trail shows them as
duplicates); the first block that is not a copy is the next resource's title.

Summary rule: the Résumé's extent is ambiguous in flat text, so the summary is the first
paragraph after the `Résumé` label; later paragraphs are part of the repeat section. A Résumé
directly followed by a label is empty.

Pure: the file is read at the edge (`pipeline/export_files.py`, lazily); resources are yielded one
at a time, so memory is bounded by the largest resource, never the file.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pipeline.clean import Cleaner, is_boilerplate
from pipeline.imports import file_source
from pipeline.process import Page, Processor
from rtes_core.extract import LABELS, Block, Occurrence, fold_label, parse_bool
from rtes_core.text import comparison_key, normalise_text

EXTRACTION_METHOD = "legacy_text"
# A line holding only a footer label ("Type de ressource", "Résumé :", "Catégorie") — the
# extraction stage's label table, so both paths know the same labels.
LABEL_MAX_CHARS = 40  # a label line is short; longer lines are text even if they start alike
# A list item line: "-item" or "- item" (the export drops the bullet's space at random).
LIST_ITEM = re.compile(r"^-\s*(?=\S)")
# Fields whose value is one line directly under the label; the others take every line directly
# under it (one category or document title per line). Only the Résumé may follow a blank line.
SINGLE_LINE_FIELDS = {"resource_type", "is_private"}
MULTI_LINE_FIELDS = {"categories", "documents"}


@dataclass
class Paragraph:
    """A run of non-blank, non-label lines; `line` is the file line of its first line."""

    line: int
    lines: list[str]
    blank_before: bool


@dataclass
class Label:
    """A footer label line and the column it names."""

    line: int
    text: str
    column: str


@dataclass
class Piece:
    """One block of a paragraph: a run of text lines, or a list item with its continuation lines."""

    start: int  # index of its first line in the paragraph
    text: str  # storage form ("- item" for list items)


@dataclass
class TextResource:
    """One resource split out of an export, with its blocks in file order."""

    source: str  # file name
    line: int  # line of the title
    title: str
    first_paragraph: str = ""
    blocks: list[Block] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    body_keys: set[str] = field(default_factory=set)
    body_texts: list[str] = field(default_factory=list)
    seen_labels: set[str] = field(default_factory=set)
    in_footer: bool = False
    last_column: str | None = None  # the footer field read last

    @property
    def source_url(self) -> str:
        return file_source(self.source, self.line)

    @property
    def resource_id(self) -> str:
        """Stable id: hash of the title and the first body paragraph (comparison keys)."""
        basis = f"{comparison_key(self.title)}\n{comparison_key(self.first_paragraph)}"
        return "text-" + hashlib.sha1(basis.encode()).hexdigest()[:16]


def label_column(line: str) -> str | None:
    """The column a line names when the whole line is a footer label."""
    stripped = line.strip()
    return (
        LABELS.get(fold_label(stripped)) if stripped and len(stripped) <= LABEL_MAX_CHARS else None
    )


def units(lines: Iterable[tuple[int, str]]) -> Iterator[Paragraph | Label]:
    """Labels and paragraphs of numbered lines; blank (or NBSP-only) lines only separate."""
    current: Paragraph | None = None
    blank = True
    for number, raw in lines:
        text = raw.rstrip("\r\n")
        if not text.strip():
            if current:
                yield current
                current = None
            blank = True
            continue
        column = label_column(text)
        if column:
            if current:
                yield current
                current = None
            yield Label(number, text.strip(), column)
            blank = False
            continue
        if current is None:
            current = Paragraph(number, [], blank)
            blank = False
        current.lines.append(text)
    if current:
        yield current


def pieces(lines: list[str]) -> list[Piece]:
    """A paragraph's blocks: each list item ('- item') starts one; other lines join the current one.

    Lines of one block join with a space, as a <br> does in the crawled pages.
    """
    groups: list[tuple[int, list[str], bool]] = []
    for index, line in enumerate(lines):
        item = LIST_ITEM.match(line.strip()) is not None
        if item or not groups:
            groups.append((index, [line], item))
        else:
            groups[-1][1].append(line)
    result = []
    for start, group, item in groups:
        text = normalise_text(" ".join(group))
        result.append(Piece(start, "- " + LIST_ITEM.sub("", text) if item else text))
    return result


class Splitter:
    """Splits one export's units into resources; collects warnings naming file and line."""

    def __init__(self, cleaner: Cleaner, source: str) -> None:
        self.cleaner = cleaner
        self.source = source
        self.warnings: list[str] = []
        self.labels_seen = 0

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(f"{self.source}:{line}: {message}")

    def split(self, stream: Iterable[Paragraph | Label]) -> Iterator[TextResource]:
        """Resources one at a time, in file order."""
        queue: deque[Paragraph | Label] = deque()
        source = iter(stream)

        def next_unit() -> Paragraph | Label | None:
            return queue.popleft() if queue else next(source, None)

        current: TextResource | None = None
        leading: list[Block] = []  # site header lines before the first title
        orphan_line: int | None = None
        while (unit := next_unit()) is not None:
            if isinstance(unit, Label):
                self.labels_seen += 1
                if current is None:
                    orphan_line = self._orphan_label(unit, orphan_line)
                    continue
                self._field(current, unit, next_unit, queue)
                continue
            if current is None:
                if orphan_line is not None and not unit.blank_before:
                    continue  # the value of a label before any title: skipped with it
                paragraph = self._strip_header(unit, leading)
                if paragraph is None:
                    continue
                current = self._start(paragraph, leading)
                leading, orphan_line = [], None
                continue
            if not current.in_footer:
                self._add_body(current, unit.lines)
                continue
            rest = self._trailing(current, unit)
            if rest is None:
                continue
            following = next_unit()
            if following is not None:
                queue.appendleft(following)
            if isinstance(following, Label) and following.column not in current.seen_labels:
                # More footer of this resource follows: the text is part of its field region (a
                # Résumé's further paragraph), not a title followed straight by a footer.
                origin = "summary" if current.last_column == "summary" else "field"
                current.blocks += [Block(p.text, origin) for p in pieces(rest.lines)]
                continue
            yield self._finish(current)
            current = self._start(rest, [])
        if current is not None:
            yield self._finish(current)

    def _orphan_label(self, unit: Label, orphan_line: int | None) -> int:
        """A footer label before any title: warned once, its text skipped up to the next title."""
        if orphan_line is not None:
            return orphan_line
        self.warn(
            unit.line,
            f"footer label {unit.text!r} before any title: the text up to "
            "the next title cannot be split into a resource and is skipped",
        )
        return unit.line

    def _strip_header(self, unit: Paragraph, leading: list[Block]) -> Paragraph | None:
        """Drop site-header lines at the start of a title paragraph (kept as boilerplate blocks)."""
        lines = list(unit.lines)
        number = unit.line
        while lines and is_boilerplate(normalise_text(lines[0])):
            leading.append(Block(normalise_text(lines.pop(0)), "body"))
            number += 1
        return Paragraph(number, lines, unit.blank_before) if lines else None

    def _start(self, paragraph: Paragraph, leading: list[Block]) -> TextResource:
        """A new resource: the paragraph's first line is the title, further lines are body."""
        resource = TextResource(self.source, paragraph.line, normalise_text(paragraph.lines[0]))
        resource.blocks.extend(leading)  # the site header: removed as boilerplate by the cleaner
        if paragraph.lines[1:]:
            self._add_body(resource, paragraph.lines[1:])
        return resource

    def _add_body(self, resource: TextResource, lines: list[str]) -> None:
        for piece in pieces(lines):
            resource.blocks.append(Block(piece.text, "body"))
            resource.body_keys.add(comparison_key(piece.text))
            resource.body_texts.append(piece.text)
            if not resource.first_paragraph and comparison_key(piece.text):
                resource.first_paragraph = piece.text

    def _field(self, resource: TextResource, label: Label, next_unit, queue: deque) -> None:
        """Read one footer field: its label block, its value blocks, its typed value."""
        resource.in_footer = True
        column = label.column
        resource.blocks.append(Block(normalise_text(label.text), "field"))
        if column in resource.seen_labels:
            self.warn(
                label.line,
                f"label {label.text!r} appears twice after the title at line "
                f"{resource.line}: a resource without title or body may be merged into it",
            )
        resource.seen_labels.add(column)
        resource.last_column = column
        value = next_unit()
        if value is None:
            return
        if isinstance(value, Label) or (column != "summary" and value.blank_before):
            queue.appendleft(value)  # an empty field: the label is directly followed by another
            return
        if column == "summary":
            found = pieces(value.lines)
            resource.blocks += [Block(p.text, "summary") for p in found]
            resource.fields.setdefault("summary", "\n\n".join(p.text for p in found) or None)
            return
        if column in SINGLE_LINE_FIELDS:
            taken, rest = value.lines[:1], value.lines[1:]
        else:
            taken, rest = value.lines, []
        if column == "is_private" and parse_bool(taken[0]) is None:
            self.warn(
                value.line,
                f"'Ressource privée' is followed by {taken[0].strip()!r}, not Oui/Non: "
                "read as empty",
            )
            queue.appendleft(value)
            return
        if rest:
            queue.appendleft(Paragraph(value.line + 1, rest, False))
        texts = [normalise_text(t) for t in taken]
        resource.blocks += [Block(t, "field") for t in texts if t]
        if column == "resource_type":
            resource.fields.setdefault(column, texts[0] or None)
        elif column == "is_private":
            resource.fields.setdefault(column, parse_bool(texts[0]))
        elif column == "categories":
            resource.fields.setdefault(column, [t for t in texts if t])
        elif column == "documents":
            # a text export shows attachment titles only: no URL to keep
            resource.fields.setdefault(column, [{"title": t, "url": None} for t in texts if t])

    def _trailing(self, resource: TextResource, unit: Paragraph) -> Paragraph | None:
        """Keep the paragraph's leading copies with the resource; return what starts the next one."""
        for piece in pieces(unit.lines):
            if not self._is_copy(resource, piece.text):
                return Paragraph(unit.line + piece.start, unit.lines[piece.start :], True)
            resource.blocks.append(Block(piece.text, "trailing"))
        return None

    def _is_copy(self, resource: TextResource, text: str) -> bool:
        """A repeat of the current body (or the site header), by the cleaning stage's rules."""
        key = comparison_key(text)
        if not key or key in resource.body_keys or is_boilerplate(text):
            return True
        if len(key) < self.cleaner.config.short_block_chars:
            return False  # short blocks are only compared exactly, as in cleaning
        return any(
            self.cleaner.copy_similarity(text, body) is not None for body in resource.body_texts
        )

    def _finish(self, resource: TextResource) -> TextResource:
        if not resource.seen_labels:
            self.warn(
                resource.line,
                f"resource {resource.title!r} has no footer label before the "
                "end of the file: kept with empty fields",
            )
        return resource


def has_footer_label(lines: Iterable[tuple[int, str]]) -> bool:
    """Whether any line is a footer label: the mark of this export format."""
    return any(label_column(text) for _, text in lines)


def resource_records(
    resource: TextResource, processor: Processor, imported_at: datetime
) -> tuple[dict, list[dict]]:
    """The dataset row and audit rows of one split resource, built by the crawl path's own code.

    The resource becomes an Occurrence like a detail page's, so `Processor.resource_from` cleans
    it with `Cleaner.clean` (same reasons, same private-content rule, same content hash); only the
    identity differs: no URL, a `text-` id from the title and first paragraph.
    """
    occ = Occurrence(
        source_url=resource.source_url,
        page_kind="detail",
        method=EXTRACTION_METHOD,
        title=resource.title,
        fields=resource.fields,
        blocks=resource.blocks,
    )
    record, removed = processor.resource_from(
        [occ], {occ.source_url: Page(occ.source_url, "detail", imported_at)}
    )
    record.update(resource_id=resource.resource_id, url=None)
    for row in removed:
        row["resource_id"] = resource.resource_id
    return record, removed
