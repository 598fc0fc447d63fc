"""`rtes-pipeline explain`: what the cleaning stage kept and removed for one resource, and why.

One numbering for every block: the block's position in the page it was cleaned from (the
resource's own page when it has one), so "[5] removed: copy of [2]" points at block [2]
whether that one was kept or removed. The terminal view cuts blocks to one line (`--full`
prints them whole); `--html` writes the page text as crawled with each removed block struck
through, its reason and similarity, and a link to the block it copies.
"""

from __future__ import annotations

import os
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.compute as pc

from pipeline.errors import PipelineError
from pipeline.html_page import esc, link, page, table
from pipeline.publish import read_table

PREVIEW_CHARS = 110  # characters of each block shown without --full
WRAP_COLUMNS = 100  # width of whole blocks with --full


@dataclass
class Block:
    """One block of the page, kept or removed, at its one position."""

    position: int
    text: str
    removed: dict[str, Any] | None = None  # the removed_blocks row, None when kept


def _rows(data_dir: Path, table_name: str, resource_id: str) -> list[dict]:
    """Rows of one resource in every part of a table (the crawl's and each import's)."""
    found = read_table(data_dir / table_name)
    if found is None:
        return []
    return found.filter(pc.equal(found["resource_id"], resource_id)).to_pylist()


def document_lines(data_dir: Path, links: list[dict]) -> list[str]:
    """One line per attachment of a resource: its document row's extraction, pages and near-copy."""
    table = read_table(data_dir / "documents")
    rows = {r["document_id"]: r for r in table.to_pylist()} if table is not None else {}
    lines = []
    for attachment in links:
        doc = rows.get(attachment.get("document_id") or "")
        if doc is None:
            lines.append(f"  {attachment['title']}  {attachment['url']}  (no document row)")
            continue
        near = (
            f", near-copy of {doc['near_duplicate_of']} (similarity {doc['similarity']:.2f})"
            if doc["near_duplicate_of"]
            else ""
        )
        lines.append(
            f"  {doc['document_id']}  {attachment['title']}  [{doc['extraction']}, {doc['pages'] or 0} pages, "
            f"{doc['language'] or '-'}{near}]  {attachment['url']}"
        )
    return lines


def _resource(data_dir: Path, resource_id: str) -> dict[str, Any]:
    resources = _rows(data_dir, "resources", resource_id)
    if not resources:
        raise PipelineError(f"no resource {resource_id!r} in {data_dir / 'resources'}")
    return resources[0]


def page_blocks(
    resource: dict[str, Any], removed: list[dict[str, Any]]
) -> tuple[list[Block], list[dict]]:
    """The page the body was cleaned from, block by block (kept paragraphs fill the positions the
    removed ones leave free, in order), and the removed blocks of the resource's other pages."""
    sources = {b["source_url"] for b in removed}
    primary = (
        resource["url"]
        if resource["url"] in sources or not sources
        else max(sources, key=lambda s: sum(b["source_url"] == s for b in removed))
    )
    here = sorted((b for b in removed if b["source_url"] == primary), key=lambda b: b["position"])
    elsewhere = [b for b in removed if b["source_url"] != primary]
    taken = {b["position"]: b for b in here}
    blocks: list[Block] = []
    kept = iter(resource["paragraphs"])
    position = 0
    remaining = len(resource["paragraphs"])
    while remaining or position <= max(taken, default=-1):
        if position in taken:
            blocks.append(Block(position, taken[position]["text"], taken[position]))
        elif remaining:
            blocks.append(Block(position, next(kept)))
            remaining -= 1
        position += 1
    return blocks, sorted(elsewhere, key=lambda b: (b["source_url"] or "", b["position"]))


def _why(b: dict[str, Any]) -> str:
    why = b["reason"]
    if b["similarity"] is not None:
        why += f", similarity {b['similarity']:.2f}"
    if b["duplicate_of_position"] is not None:
        why += f", copy of [{b['duplicate_of_position']}]"
    return why


def _shown(text: str, full: bool, indent: str) -> str:
    if not full:
        return textwrap.shorten(text, PREVIEW_CHARS, placeholder=" …")
    return (
        textwrap.fill(text, WRAP_COLUMNS, initial_indent="", subsequent_indent=indent) or "(empty)"
    )


def explain(data_dir: Path, resource_id: str, full: bool = False) -> str:
    """A readable account of one resource: its page block by block, kept or removed and why, merges."""
    r = _resource(data_dir, resource_id)
    removed = _rows(data_dir, "removed_blocks", resource_id)
    blocks, elsewhere = page_blocks(r, removed)
    out = [
        f"{r['resource_id']}  {r['title']}",
        f"  url: {r['url']}  (extraction: {r['extraction_method']})",
        f"  type: {r['resource_type']}  private: {r['is_private']}  categories: {', '.join(r['categories'])}",
        f"  summary: {_shown(r['summary'], full, '           ') if r['summary'] else '—'}",
        "",
        f"PAGE ({len(r['paragraphs'])} blocks kept, {len(blocks) - len(r['paragraphs'])} removed;"
        f" one numbering)",
    ]
    for b in blocks:
        mark = f"  [{b.position}] " + (
            "" if b.removed is None else f"REMOVED ({_why(b.removed)}): "
        )
        out.append(mark + _shown(b.text, full, " " * len(mark)))
    if elsewhere:
        out += ["", f"REMOVED ON OTHER PAGES ({len(elsewhere)} blocks, numbered within their page)"]
        out += [
            f"  {b['source_url']} [{b['position']}] ({_why(b)}): {_shown(b['text'], full, '      ')}"
            for b in elsewhere
        ]
    out += ["", f"DOCUMENTS ({len(r['documents'])})"] + document_lines(data_dir, r["documents"])
    merged = _rows(data_dir, "merged_occurrences", resource_id)
    out += ["", f"MERGED OCCURRENCES ({len(merged)})"]
    out += [f"  {m['page_kind']:<8} {m['match']:<8} {m['source_url']}" for m in merged]
    return "\n".join(out)


def _html_block(b: Block) -> str:
    anchor = f'id="block-{b.position}"'
    number = f'<span class="n">[{b.position}]</span>'
    if b.removed is None:
        return f'<div class="block" {anchor}>{number}<span class="text">{esc(b.text, limit=None)}</span></div>'
    r = b.removed
    copies = ""
    if r["duplicate_of_position"] is not None:
        copies = f', copy of <a href="#block-{int(r["duplicate_of_position"])}">[{int(r["duplicate_of_position"])}]</a>'
    similarity = f", similarity {r['similarity']:.2f}" if r["similarity"] is not None else ""
    return (
        f'<div class="block removed" {anchor}>{number}<del class="text">{esc(b.text, limit=None)}</del>'
        f'<div class="why">removed: {esc(r["reason"])}{similarity}{copies}</div></div>'
    )


def explain_html(data_dir: Path, resource_id: str) -> str:
    """The explain page as a whole HTML document (every crawled string escaped)."""
    r = _resource(data_dir, resource_id)
    blocks, elsewhere = page_blocks(r, _rows(data_dir, "removed_blocks", resource_id))
    merged = _rows(data_dir, "merged_occurrences", resource_id)
    fields = [
        ["resource_id", esc(r["resource_id"])],
        ["title", esc(r["title"])],
        ["url", link(r["url"])],
        ["resource_type", esc(r["resource_type"])],
        ["is_private", esc(r["is_private"])],
        ["categories", esc(", ".join(r["categories"]))],
        ["published_date", esc(r["published_date"])],
        ["summary", esc(r["summary"])],
        ["extraction_method", esc(r["extraction_method"])],
        ["documents", "<br>".join(link(d["url"], d["title"] or d["url"]) for d in r["documents"])],
        ["source_urls", "<br>".join(link(u) for u in r["source_urls"])],
    ]
    other = "".join(
        f'<div class="block removed"><span class="n">{link(b["source_url"])} [{b["position"]}]</span>'
        f'<del class="text">{esc(b["text"], limit=None)}</del>'
        f'<div class="why">removed: {esc(_why(b))}</div></div>'
        for b in elsewhere
    )
    body = [
        f"<h1>{esc(r['title'])}</h1>",
        f"<p><code>{esc(r['resource_id'])}</code> · {link(r['url'])}</p>",
        "<h2>Fields</h2>",
        table(["field", "value"], fields),
        f"<h2>Page text as crawled ({len(r['paragraphs'])} blocks kept, "
        f"{len(blocks) - len(r['paragraphs'])} removed)</h2>",
        "<p>One numbering for kept and removed blocks: a removed block links to the block it copies.</p>",
        "".join(_html_block(b) for b in blocks),
    ]
    if elsewhere:
        body += [f"<h2>Removed on the resource's other pages ({len(elsewhere)})</h2>", other]
    body += [
        f"<h2>Merged pages ({len(merged)})</h2>",
        table(
            ["page kind", "match", "page"],
            [[esc(m["page_kind"]), esc(m["match"]), link(m["source_url"])] for m in merged],
        )
        if merged
        else "<p>none</p>",
    ]
    return page(f"explain {r['resource_id']}", "\n".join(body))


def write_html(data_dir: Path, resource_id: str, out: Path) -> Path:
    """Write the explain page to `out` atomically; returns the path written."""
    document = explain_html(data_dir, resource_id)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(document)
    os.chmod(tmp, 0o644)
    os.replace(tmp, out)
    return out
