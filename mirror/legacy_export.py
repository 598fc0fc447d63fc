"""Legacy flat-text exports of the generated site, with their truth, and the importer's evaluation.

`render_export(site, seed)` writes the resources the way the pre-crawler exports did (see
/work/shared/samples/legacy-export-sample.txt): an optional site header line, then per resource
a title line, body paragraphs separated by runs of blank lines (list items as "-item" or
"- item" lines, <br> lines as line breaks, NBSP-only and file-name paragraphs left in), footer
labels each followed by its value in a random order, empty fields sometimes shown as a bare
label, a Résumé, and often a repeat of all or part of the body with small edits; no separator
before the next title. Some titles are made to look like sentences.

`export_truth` gives, per resource, what a correct importer must produce under the documented
summary rule (the summary is the Résumé's first paragraph). `python -m mirror.legacy_export eval`
measures the importer (`make import-eval`).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mirror import text
from mirror.site import Resource, Site, build_site
from mirror.text import NBSP, normalise

HEADERS = (
    "Réseau des collectivités Territoriales pour une Économie Sociale et Solidaire",
    "Réseau des collectivités Territoriales pour une Économie Solidaire",
)
LABELS = {
    "documents": "Documents",
    "categories": "Catégorie",
    "resource_type": "Type de ressource",
    "is_private": "Ressource privée",
    "summary": "Résumé",
}
P_HEADER = 0.5  # the file starts with the site header line
P_REPEAT = 0.7  # the body is repeated after the Résumé
P_PARTIAL_REPEAT = 0.4  # ... only part of it
P_EDIT = 0.5  # a repeated block carries a small edit
P_TYPO = 0.15  # ... or, for a long paragraph, a one-letter typo
P_EMPTY_LABEL = 0.5  # an empty field is shown as a bare label
P_SENTENCE_TITLE = 0.1  # the title is turned into a sentence
P_ATTACHED_LIST = 0.5  # a list follows the block before it with no blank line
P_PRIVATE_NOTICE = 0.5  # a private resource shows the member notice instead of its body
MEMBER_NOTICE = "Cette ressource est réservée aux adhérents du RTES."
LONG_BLOCK = 80  # characters: a paragraph this long may get a typo in its repeat


@dataclass
class ExportedResource:
    """Where a resource starts in the export, and what the importer must produce for it."""

    line: int
    truth: dict[str, Any]


def _blank(rng: random.Random) -> list[str]:
    """A run of blank lines (runs are meaningless in the format; some hold an NBSP)."""
    return [rng.choice(("", "", "", NBSP))] * rng.choice((1, 1, 1, 2, 3))


def _paragraph_lines(block, rng: random.Random) -> list[str]:
    """The lines a body element shows in a text extraction."""
    if block.kind == "ul":
        dash = rng.choice(("-", "- "))
        return [dash + item for item in block.items]
    lines, current = [], ""
    for segment in block.segments:
        if segment.br:
            lines.append(current)
            current = ""
        else:
            current += segment.text
    return lines + [current]


def _typo(rng: random.Random, line: str) -> str:
    """Swap two adjacent letters inside a word (a copy with a typo is still a copy)."""
    spots = [
        i
        for i in range(1, len(line) - 2)
        if line[i].isalpha() and line[i + 1].isalpha() and line[i - 1].isalpha()
    ]
    if not spots:
        return line
    at = rng.choice(spots)
    return line[:at] + line[at + 1] + line[at] + line[at + 2 :]


def _edited(rng: random.Random, lines: list[str]) -> list[str]:
    roll = rng.random()
    if roll < P_EDIT:
        at = rng.randrange(len(lines))
        return lines[:at] + [text.small_edit(rng, lines[at])] + lines[at + 1 :]
    if roll < P_EDIT + P_TYPO and len(lines) == 1 and len(lines[0]) >= LONG_BLOCK:
        return [_typo(rng, lines[0])]
    return lines


def _title(resource: Resource, rng: random.Random) -> str:
    if rng.random() < P_SENTENCE_TITLE:
        return f"{resource.title}{NBSP}: ce que les collectivités en retiennent, et pourquoi cela compte."
    return resource.title


def _resource_lines(resource: Resource, rng: random.Random) -> tuple[list[str], dict[str, Any]]:
    """The export lines of one resource and its expected record."""
    title = _title(resource, rng)
    out = [title] + _blank(rng)
    paragraphs: list[list[str]] = []
    if resource.is_private and rng.random() < P_PRIVATE_NOTICE:
        paragraphs.append([MEMBER_NOTICE])
    else:
        for block in resource.blocks:
            lines = _paragraph_lines(block, rng)
            if block.kind == "ul" and paragraphs and rng.random() < P_ATTACHED_LIST:
                paragraphs[-1] = paragraphs[-1] + lines  # "Heading\n-item" as in the sample
            else:
                paragraphs.append(lines)
    for lines in paragraphs:
        out += lines + _blank(rng)
    summary = [normalise("".join(s.text for s in p)) for p in resource.summary]
    summary = [p for p in summary if p]
    values = {
        "resource_type": [resource.resource_type] if resource.resource_type else [],
        "is_private": ["Oui" if resource.is_private else "Non"],
        "categories": list(resource.categories),
        "documents": [] if resource.is_private else [d.title for d in resource.documents],
        "summary": summary,
    }
    order = list(LABELS)
    rng.shuffle(order)
    for column in order:
        if not values[column]:
            if rng.random() < P_EMPTY_LABEL:
                out.append(LABELS[column])  # a bare label: the field is empty
            continue
        out.append(LABELS[column])
        if column == "summary":
            out += [""]
            for p in values[column]:
                out += [p, ""]
        else:
            out += values[column]
    out += _blank(rng)
    if paragraphs and rng.random() < P_REPEAT:
        start, end = 0, len(paragraphs)
        if rng.random() < P_PARTIAL_REPEAT:
            start = rng.randrange(len(paragraphs))
            end = rng.randint(start + 1, len(paragraphs))
        for lines in paragraphs[start:end]:
            out += _edited(rng, lines) + _blank(rng)
    truth = {
        "title": normalise(title),
        "summary": summary[0] if summary else None,  # the documented rule: the first paragraph
        "summary_paragraphs": len(summary),
        "paragraphs": [] if resource.is_private else resource.paragraphs,
        "resource_type": resource.resource_type,
        "is_private": resource.is_private,
        "categories": [normalise(c) for c in resource.categories],
        "documents": [
            {"title": normalise(t), "url": None, "document_id": None} for t in values["documents"]
        ],
    }
    truth["body"] = "\n\n".join(truth["paragraphs"]) or None
    return out, truth


def render_export_with_truth(site: Site, seed: int = 0) -> tuple[str, list[ExportedResource]]:
    """The export text (newest resource first, like the site's listing) and each resource's truth."""
    rng = random.Random(f"{site.seed}:legacy-export:{seed}")
    lines: list[str] = []
    if rng.random() < P_HEADER:
        lines += [rng.choice(HEADERS)] + _blank(rng)
    found = []
    for resource in sorted(site.resources, key=lambda r: (r.published, r.nid), reverse=True):
        block, truth = _resource_lines(resource, rng)
        found.append(ExportedResource(len(lines) + 1, truth))
        lines += block
    return "\n".join(lines) + "\n", found


def render_export(site: Site, seed: int = 0) -> str:
    """The export text of the site."""
    return render_export_with_truth(site, seed)[0]


def export_truth(site: Site, seed: int = 0) -> list[ExportedResource]:
    """Per resource of `render_export(site, seed)`: its title line and expected record."""
    return render_export_with_truth(site, seed)[1]


EVAL_FIELDS = (
    "title",
    "summary",
    "paragraphs",
    "resource_type",
    "is_private",
    "categories",
    "documents",
)


def compare(
    records: list[dict[str, Any]], expected: list[ExportedResource], name: str
) -> dict[str, Any]:
    """Exact-split share and per-field accuracy, resources matched by the line they start on."""
    by_line = {
        int(r["source_urls"][0].rsplit("#L", 1)[1]): r
        for r in records
        if r["source_urls"][0].startswith(f"file:{name}#L")
    }
    fields = {f: 0 for f in EVAL_FIELDS}
    exact, failures = 0, []
    for e in expected:
        got = by_line.get(e.line)
        wrong = [f for f in EVAL_FIELDS if got is None or got[f] != e.truth[f]]
        for f in EVAL_FIELDS:
            fields[f] += f not in wrong
        exact += not wrong
        if wrong:
            failures.append(
                {"line": e.line, "title": e.truth["title"], "wrong": wrong if got else ["missing"]}
            )
    n = len(expected)
    return {
        "resources": n,
        "imported": len(records),
        "split_exactly_right": exact,
        "exact_share": round(exact / n, 4) if n else None,
        "field_accuracy": {f: round(v / n, 4) for f, v in fields.items()} if n else {},
        "failures": failures,
    }


def evaluate(seeds: list[int], resources: int, out: Path) -> dict[str, Any]:
    """Render one export per seed, import them all with `rtes-pipeline import-text`'s code, compare."""
    import pyarrow.parquet as pq

    from pipeline.import_run import run_import

    files, truths = [], {}
    for seed in seeds:
        site = build_site(seed, resources)
        export, expected = render_export_with_truth(site, seed)
        path = out / f"export-seed{seed}.txt"
        path.write_text(export, encoding="utf-8")
        files.append(path)
        truths[path.name] = expected
    result = run_import(files, out / "data")
    records = pq.read_table(out / "data" / "resources").to_pylist()
    per_file = {name: compare(records, expected, name) for name, expected in truths.items()}
    total = sum(r["resources"] for r in per_file.values())
    exact = sum(r["split_exactly_right"] for r in per_file.values())
    accuracy = {
        f: round(sum(r["field_accuracy"][f] * r["resources"] for r in per_file.values()) / total, 4)
        for f in EVAL_FIELDS
    }
    multi = sum(e.truth["summary_paragraphs"] > 1 for expected in truths.values() for e in expected)
    return {
        "seeds": seeds,
        "resources_per_seed": resources,
        "resources": total,
        "imported": len(records),
        "split_exactly_right": exact,
        "exact_share": round(exact / total, 4),
        "field_accuracy": accuracy,
        "warnings": len(result.warnings),
        "multi_paragraph_resume": multi,
        "seconds": round(result.seconds, 2),
        "failures": [dict(f, file=name) for name, r in per_file.items() for f in r["failures"]],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mirror.legacy_export")
    sub = parser.add_subparsers(dest="command", required=True)
    render = sub.add_parser("render", help="print a generated export")
    render.add_argument("--seed", type=int, default=7)
    render.add_argument("--resources", type=int, default=20)
    ev = sub.add_parser("eval", help="measure the importer on generated exports")
    ev.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ev.add_argument("--resources", type=int, default=150)
    ev.add_argument("--show", type=int, default=10, help="failures to list")
    args = parser.parse_args(argv)
    if args.command == "render":
        sys.stdout.write(render_export(build_site(args.seed, args.resources), args.seed))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        report = evaluate(args.seeds, args.resources, Path(tmp))
    print(
        f"seeds {report['seeds']} x {report['resources_per_seed']} resources: {report['resources']} "
        f"in the exports, {report['imported']} imported in {report['seconds']}s, {report['warnings']} warnings"
    )
    print(
        f"split exactly right (every field equal): {report['split_exactly_right']}/{report['resources']} "
        f"= {report['exact_share']:.1%}"
    )
    for name, value in report["field_accuracy"].items():
        print(f"  {name:<14} {value:.1%}")
    print(
        f"Résumés of several paragraphs (summary = first paragraph by rule): {report['multi_paragraph_resume']}"
    )
    for failure in report["failures"][: args.show]:
        print(
            f"  wrong: {failure['file']}:{failure['line']} {failure['wrong']} {failure['title'][:60]!r}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
