"""`rtes-pipeline explain`: what the cleaning stage kept and removed for one resource, and why."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pyarrow.compute as pc

from pipeline.errors import PipelineError
from pipeline.publish import PART_NAME, read_table

PREVIEW_CHARS = 110  # characters of each block shown


def _preview(text: str) -> str:
    return textwrap.shorten(text, PREVIEW_CHARS, placeholder=" …")


def _rows(data_dir: Path, table: str, resource_id: str) -> list[dict]:
    found = read_table(data_dir / table / PART_NAME)
    if found is None:
        return []
    return found.filter(pc.equal(found["resource_id"], resource_id)).to_pylist()


def document_lines(data_dir: Path, links: list[dict]) -> list[str]:
    """One line per attachment of a resource: its document row's extraction, pages and near-copy."""
    table = read_table(data_dir / "documents" / PART_NAME)
    rows = {r["document_id"]: r for r in table.to_pylist()} if table is not None else {}
    lines = []
    for link in links:
        doc = rows.get(link.get("document_id") or "")
        if doc is None:
            lines.append(f"  {link['title']}  {link['url']}  (no document row)")
            continue
        near = (f", near-copy of {doc['near_duplicate_of']} (similarity {doc['similarity']:.2f})"
                if doc["near_duplicate_of"] else "")
        lines.append(f"  {doc['document_id']}  {link['title']}  [{doc['extraction']}, {doc['pages'] or 0} pages, "
                     f"{doc['language'] or '-'}{near}]  {link['url']}")
    return lines


def explain(data_dir: Path, resource_id: str) -> str:
    """A readable account of one resource: kept paragraphs, removed blocks with reasons, merges."""
    resources = _rows(data_dir, "resources", resource_id)
    if not resources:
        raise PipelineError(f"no resource {resource_id!r} in {data_dir / 'resources'}")
    r = resources[0]
    out = [f"{r['resource_id']}  {r['title']}", f"  url: {r['url']}  (extraction: {r['extraction_method']})",
           f"  type: {r['resource_type']}  private: {r['is_private']}  categories: {', '.join(r['categories'])}",
           f"  summary: {_preview(r['summary']) if r['summary'] else '—'}", "",
           f"KEPT ({len(r['paragraphs'])} paragraphs)"]
    out += [f"  [{i}] {_preview(p)}" for i, p in enumerate(r["paragraphs"])]
    removed = sorted(_rows(data_dir, "removed_blocks", resource_id), key=lambda x: x["position"])
    out += ["", f"REMOVED ({len(removed)} blocks)"]
    for b in removed:
        why = b["reason"]
        if b["similarity"] is not None:
            why += f" (similarity {b['similarity']:.2f}"
            why += f", copy of block {b['duplicate_of_position']})" if b["duplicate_of_position"] is not None else ")"
        out.append(f"  #{b['position']:<3} {why:<44} {_preview(b['text'])}")
    out += ["", f"DOCUMENTS ({len(r['documents'])})"] + document_lines(data_dir, r["documents"])
    merged = _rows(data_dir, "merged_occurrences", resource_id)
    out += ["", f"MERGED OCCURRENCES ({len(merged)})"]
    out += [f"  {m['page_kind']:<8} {m['match']:<8} {m['source_url']}" for m in merged]
    return "\n".join(out)
