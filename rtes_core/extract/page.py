"""HTML page → page occurrences: every item the page renders, with the page's class.

A page is parsed once (lxml) and read by the best route that finds something: Drupal node
regions; else the main content of a theme never seen (a listing split at its linked headings,
or one item); else, for a detail page, a generic main-content extraction (trafilatura).
Pure: HTML text in, occurrences out; no I/O.
"""

from __future__ import annotations

from dataclasses import replace

from rtes_core.extract.bare_fields import navigation_paths
from rtes_core.extract.blocks import text, text_blocks
from rtes_core.extract.body import may_name_authors, take_rel_tag_line
from rtes_core.extract.cards import is_related_teaser
from rtes_core.extract.classify import is_other_page
from rtes_core.extract.dom import (
    Element,
    document_copy,
    first,
    has_class,
    is_element,
    parse_document,
)
from rtes_core.extract.field_layouts import show_aria_labels
from rtes_core.extract.fields import documents_of, shows_files_alone
from rtes_core.extract.links import NODE_PATH
from rtes_core.extract.listing import (
    link_titles_to_read_more,
    listing_items,
    listing_term,
    looks_like_listing,
)
from rtes_core.extract.meta import dates_of, head_links, regions
from rtes_core.extract.noise import (
    MIN_CONTENT_SHARE,
    content_root,
    drop_heading_anchors,
    own_text_chars,
    page_title_heading,
    promote_page_title,
)
from rtes_core.extract.records import RECORD_KINDS, Block, Occurrence
from rtes_core.extract.region import Page, occurrence_from_region
from rtes_core.extract.related import node_with_related
from rtes_core.extract.share_links import drop_share_buttons
from rtes_core.text import normalise_text


def _node_occurrences(
    page: Page, found_regions: list[Element], page_kind: str, single: bool
) -> list[Occurrence]:
    """Each region's occurrence; a listing's plain <article> items are read as a theme never
    seen (a news item there shows no field, only its title, date line and text)."""
    return [
        occ
        for region in found_regions
        if (
            occ := occurrence_from_region(
                region, page, page_kind, single, not single and _is_plain_article(region)
            )
        )
        is not None
    ]


def _is_plain_article(region: Element) -> bool:
    """An <article> element without Drupal's node class: a theme's item, not a Drupal node."""
    return region.tag == "article" and not has_class(region, ("node",))


def _listed_items(page: Page, scope: Element, page_kind: str) -> list[Occurrence] | None:
    """The items of a listing split at its linked headings inside `scope`; None when `scope`
    does not read as a listing."""
    if page_kind != "listing" and node_with_related(scope):
        return None  # a node's "À lire aussi" teasers make no listing of the node's page
    items = listing_items(scope, page.url, page_kind == "listing")
    if not items or not (page_kind == "listing" or looks_like_listing(items, page.url)):
        return None
    if page_kind != "listing" and _titled_with_related(scope, items, page.url):
        return None  # a page's own title and text, with teasers of other pages beside them
    bare = replace(page, head_path=None, head_nid=None)
    found = [occurrence_from_region(item, bare, "listing", False, True) for item in items]
    return [occ for occ in found if occ is not None]


def _titled_with_related(scope: Element, items: list[Element], url: str) -> bool:
    """Whether the items are teasers of other pages (a title and a date each) beside the page's
    own title: an "Articles similaires" box on a detail page, not a listing."""
    return page_title_heading(scope) is not None and all(
        is_related_teaser(item, url) for item in items
    )


def _wrapped_listing(page: Page, found_regions: list[Element], page_kind: str):
    """One plain <article> (no Drupal node class) around a whole listing: its items."""
    if len(found_regions) != 1:
        return None
    region = found_regions[0]
    if not _is_plain_article(region):
        return None
    return _listed_items(page, region, page_kind)


def _node_titled_apart(page: Page, page_kind: str) -> list[Occurrence]:
    """The one node of a page whose title stands outside it (a hero band above the content
    column), when it holds most of the page's own text: read as a theme never seen, its title
    and date from the page; [] for any other page (the sidebar beside it stays out)."""
    found_regions = regions(page.root)
    title = page_title_heading(page.root)
    if len(found_regions) != 1 or title is None:
        return []
    (region,) = found_regions
    if any(a is region for a in title.iterancestors()):
        return []
    content = own_text_chars(content_root(document_copy(page.root)))
    if own_text_chars(region) < MIN_CONTENT_SHARE * content:
        return []
    occ = occurrence_from_region(region, page, page_kind, True, True, dates_outside=True)
    return [occ] if occ is not None else []


def _theme_occurrences(page: Page, page_kind: str) -> tuple[list[Occurrence], bool]:
    """No node markup, or nodes holding nothing: the theme's main content (items, whether a
    listing)."""
    root = content_root(page.root)
    listed = _listed_items(page, root, page_kind)
    if listed is not None:
        return listed, True
    if page_kind != "listing":
        occ = occurrence_from_region(root, page, page_kind, True, True)
        return ([occ] if occ is not None else []), False
    return [], False


def _prepared(html: str, url: str, page_kind: str) -> Element:
    """The page's tree, its title promoted and its read-more links given to their teasers."""
    root = parse_document(html)
    drop_share_buttons(root)
    show_aria_labels(root)
    drop_heading_anchors(root)
    promote_page_title(root)
    link_titles_to_read_more(root, url, page_kind == "listing")
    return root


def occurrences_from_html(html: str, url: str, page_kind: str) -> list[Occurrence]:
    """Every item rendered on the page, with fields, blocks, identity, kind and the page's class.

    Resource and article items become records; a member item feeds the members table; a basic
    page, a newsletter or another page gives one item of that kind (counted, joined to a record
    only when it shares the record's identity: a resource page whose markup was lost)."""
    root = _prepared(html, url, page_kind)
    head_path, head_nid = head_links(root, url)
    page = Page(root, url, head_path, head_nid, may_name_authors(html), navigation_paths(root))
    term = listing_term(root, url, page_kind)
    found_regions = regions(root)
    listing = page_kind == "listing" or len(found_regions) > 1
    wrapped = _wrapped_listing(page, found_regions, page_kind)
    if wrapped is not None:
        found, listing = wrapped, True
    else:
        found = _node_occurrences(
            page, found_regions, page_kind, not listing and len(found_regions) == 1
        )
    if not listing and len(found) == 1 and _summary_alone(found[0]):
        found = _with_fields_beside_node(html, page, page_kind, found)
    elif not listing and len(found) == 1:
        _add_beside(found[0], found_regions[0], url)
    if not found and found_regions:  # the regions read in vain lost their date lines: anew
        root = _prepared(html, url, page_kind)
        page = replace(page, root=root)
        if not listing:
            found = _node_titled_apart(page, page_kind)
    if not found:
        found, listed = _theme_occurrences(page, page_kind)
        listing = listing or listed
    if not found and page_kind == "detail":
        fallback = fallback_occurrence(html, url, root)
        if fallback is not None:
            fallback.kind = fallback.page_class = "basic"
            found.append(fallback)
    if not listing and found and is_other_page(root, found[0]):
        found[0].kind = "other"
    page_class = "listing" if listing else (found[0].kind if found else "other")
    for occ in found:
        occ.page_class = page_class
        if listing:
            occ.page_kind, occ.listing_term = "listing", term
    return found


def _summary_alone(occ: Occurrence) -> bool:
    """Whether a node showed a Résumé and no other field: its other fields may stand in a
    column beside it (a portlet), outside the node's markup."""
    return set(occ.fields) == {"summary"}


def _with_fields_beside_node(
    html: str, page: Page, page_kind: str, found: list[Occurrence]
) -> list[Occurrence]:
    """The page's content read whole (the node and the field column beside it) when that shows
    more fields than the node alone; else the node's occurrence."""
    wider, listed = _theme_occurrences(
        replace(page, root=_prepared(html, page.url, page_kind)), page_kind
    )
    if listed or len(wider) != 1 or len(wider[0].fields) <= len(found[0].fields):
        return found
    return wider


def _add_beside(occ: Occurrence, region: Element, url: str) -> None:
    """What a page's one node shows outside its markup: attachments in a column beside it,
    and a line of tags just after it (a CMS's keywords viewlet below the content)."""
    if occ.kind == "resource" and occ.fields and "documents" not in occ.fields:
        _add_files_beside(occ, region, url)
    if occ.kind in RECORD_KINDS and not occ.tags:
        occ.tags = next(
            (
                tags
                for side in region.itersiblings()
                if is_element(side) and (tags := take_rel_tag_line(side))
            ),
            [],
        )


def _add_files_beside(occ: Occurrence, region: Element, url: str) -> None:
    """A resource node's attachments standing alone in a column beside it (a "Fichiers"
    box): its documents, and their blocks as field blocks."""
    for el in region.iterancestors():
        for side in (*el.itersiblings(), *el.itersiblings(preceding=True)):
            if is_element(side) and shows_files_alone(side):
                occ.fields["documents"] = documents_of(side, url)
                occ.blocks += [Block(t, "field") for t in text_blocks(side)]
                return


def record_occurrences(html: str, url: str, page_kind: str) -> list[Occurrence]:
    """Only the resource and article items of a page."""
    return [o for o in occurrences_from_html(html, url, page_kind) if o.kind in RECORD_KINDS]


def fallback_occurrence(html: str, url: str, root: Element) -> Occurrence | None:
    """Generic main-content extraction (trafilatura) for a detail page without recognisable fields."""
    import trafilatura  # imported lazily: only pages without known markup need it

    extracted = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        deduplicate=False,
    )
    if not extracted:
        return None
    blocks = [normalise_text(line) for line in extracted.split("\n")]
    h1 = first(root, "h1")
    title = text(h1) if h1 is not None else (blocks[0] if blocks else None)
    head_path, head_nid = head_links(root, url)
    if head_path and (m := NODE_PATH.match(head_path)):  # canonical /node/N: that is the node id
        head_nid, head_path = head_nid or int(m[1]), None
    body = [b for b in blocks if b and b != title]
    if not title or not body:
        return None
    return Occurrence(
        source_url=url,
        page_kind="detail",
        method="fallback",
        node_id=head_nid,
        path=head_path,
        title=title,
        published_date=dates_of(root)[0],
        blocks=[Block(t, "body") for t in body],
    )
