"""A node at its system path `/node/N`: the same node, rendered differently.

Public copies of the real site show nodes at `/node/N` without the site header and with their
paragraphs separated by single line breaks (`<br>`) instead of `<p>` elements. The canonical
alias keeps the full rendering (mirror.render.detail_page); both answer 200.
"""

from __future__ import annotations

from mirror import render
from mirror.site import Block, Resource, Site

BR = "<br>\n"


def br_line(block: Block) -> str:
    """One body block as a line of text (a list: one line per item, a heading in bold)."""
    if block.role == "empty":
        return "&nbsp;"
    if block.kind == "ul":
        return BR.join(f"- {render.esc(item)}" for item in block.items)
    if block.kind == "h3":
        return f"<strong>{render.inline(block.segments)}</strong>"
    if block.kind == "figure":
        return f'<img src="{render.attr(block.src)}" alt=""> {render.inline(block.segments)}'
    return render.inline(block.segments)


def br_body(blocks: tuple[Block, ...]) -> str:
    """A body whose blocks are separated by single line breaks, in no <p> element."""
    return BR.join(br_line(block) for block in blocks)


def node_page(site: Site, resource: Resource) -> str:
    """The default theme's /node/N page: no header, menu nor breadcrumb; a <br>-separated body."""
    return render.page(
        resource.title,
        render.detail_content(resource, br_body),
        legacy=resource.variant == "d7",
        head_links=render.node_head_links(resource),
        body_class=f"path-node page-node-type-ressource node-{resource.nid}",
        site=site,
        header=False,
    )
