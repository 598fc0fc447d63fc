"""A theme never seen: the page's own content, without its header, menus, sidebars and footer.

Page furniture is found by what every theme shares (the <header>/<nav>/<footer>/<aside>/<form>
elements, ARIA landmark roles, class and id tokens such as `menu`, `sidebar`, `breadcrumb`), never
by one site's markup; an element that looks like furniture but holds the page's own title,
fields or date line is kept.
"""

from __future__ import annotations

import re
from itertools import chain

from rtes_core.extract.blocks import BLOCK_TAGS, SKIPPED_TAGS, text
from rtes_core.extract.content_marks import field_labels_shown, holds_content
from rtes_core.extract.dom import (
    CHROME_TAGS,
    HEADINGS,
    HIDDEN_TEXT_TAGS,
    SUB_HEADINGS,
    Element,
    elements,
    first,
    in_hidden_text,
    is_element,
    remove,
    tokens,
)
from rtes_core.extract.fields import shows_files_alone
from rtes_core.extract.links import url_path
from rtes_core.extract.records import fold_label
from rtes_core.extract.tag_links import keep_tag_line
from rtes_core.text import comparison_key

# Chrome containers of a theme never seen: class or id tokens (header, footer, menus, sidebars).
CHROME_TOKEN = re.compile(
    r"(?:^|[-_])(header|footer|nav|navbar|navigation|menu|breadcrumbs?|sidebar|"
    r"banner|skip|toolbar|social|share|cookies?|pager|pagination)(?:[-_]|$)",
    re.IGNORECASE,
)
# Helper text hidden from sight (screen-reader labels, collapsed elements).
HIDDEN_TOKEN = re.compile(
    r"^(visually-hidden|sr-only|element-invisible|element-hidden|hidden)(?:-focusable)?$"
)
ARTICLE_PARTS = CHROME_TAGS[:4]  # an article's own <header>/<footer> holds its title and date
CHROME_ROLES = {"banner", "navigation", "contentinfo", "complementary", "search"}
# A content root holds at least this share of the main region's text (else climb further).
MIN_CONTENT_SHARE = 0.5
# A block holding this share of its parent's text is the text's column (its siblings beside it).
MAIN_COLUMN_SHARE = 0.8
# A sidebar beside it shows at least this much text (a tag line of links is no sidebar).
SIDE_MIN_CHARS = 100
# A paragraph this long under a box's heading is a section of the text (a sidebar card's
# sentence is shorter: "Inscrivez-vous à notre lettre d'information").
SECTION_PROSE_CHARS = 200
# A column beside the text holding this many field labels is the item's field block.
FIELDS_BESIDE = 2
# The site's own name, shown in headers and home links (comparison keys).
SITE_NAME_PREFIX = "reseau des collectivites territoriales"
SITE_NAMES = frozenset({"rtes", "accueil"})
# The signs of a heading's permalink anchor (drop_heading_anchors); "" for an icon-only one.
ANCHOR_SIGNS = frozenset({"", "#", "¶", "§", "🔗", "🔗︎", "⚓", "⚓︎", "link"})
# A footnote's link back to its call ("↩︎"), wherever it stands: a sign, no text.
BACK_SIGNS = frozenset({"↩", "↩︎", "↩️", "↑", "⤴", "^"})
# A skip link's words, to an anchor of the page ("Aller au contenu principal", "Passer
# directement au menu", "Skip to main content"): an accessibility aid, seen or not.
SKIP_LINK = re.compile(
    r"^(?:aller|passer|acc[ée]der|sauter|skip|jump)\s+(?:directement\s+)?"
    r"(?:au|aux|à\s+la|à\s+l['’]|a\s+la|to(?:\s+the)?)\s*"
    r"(?:contenu|navigation|menu|recherche|pied\s+de\s+page|content|main|search)"
    r"(?:\s+(?:principale?|content|navigation|de\s+la\s+page|du\s+site))?\s*$",
    re.IGNORECASE,
)
# Between a page's own title and the site's name in its <title> ("Titre | RTES", "Titre - RTES").
TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")


def is_site_name(value: str) -> bool:
    key = comparison_key(fold_label(value))
    return key.startswith(SITE_NAME_PREFIX) or key in SITE_NAMES


def is_chrome(el: Element) -> bool:
    """Page furniture: header, navigation, sidebar, footer, search form, hidden helper text."""
    if el.tag in ARTICLE_PARTS and next(el.iterancestors("article"), None) is not None:
        return False
    if el.tag in CHROME_TAGS or el.get("role") in CHROME_ROLES:
        return True
    return any(CHROME_TOKEN.search(t) or HIDDEN_TOKEN.match(t) for t in tokens(el))


def page_title_heading(root: Element) -> Element | None:
    """The first <h1> with text that is not the site's name."""
    site_part = _site_part_of_title(root)
    return next(
        (h for h in root.iter("h1") if (t := text(h)) and not _names_the_site(h, t, site_part)),
        None,
    )


def _names_the_site(heading: Element, shown: str, site_part: str | None) -> bool:
    """A header's <h1>: the site's name, the <title>'s part after the page's own ("Titre |
    Réseau …"), or a heading that is only a link to the home page (the logo's)."""
    if is_site_name(shown) or (site_part is not None and comparison_key(shown) == site_part):
        return True
    links = list(heading.iter("a"))
    return (
        len(links) == 1
        and url_path(links[0].get("href") or "") in ("", "/")  # None when malformed
        and links[0].get("href") not in (None, "", "#")
        and comparison_key(text(links[0])) == comparison_key(shown)
    )


def _site_part_of_title(root: Element) -> str | None:
    """The comparison key of what follows the page's own title in its <title> ("Titre |
    Site"), if anything; None for a <title> that names the site first ("RTES | Titre")."""
    head_title = first(root, "title")
    whole = text(head_title) if head_title is not None else ""
    separators = list(TITLE_SEPARATOR.finditer(whole))
    if not separators or is_site_name(whole[: separators[0].start()]):
        return None
    return comparison_key(whole[separators[-1].end() :])


def own_title(head_title: str, site_headings: tuple[str, ...] = ()) -> str:
    """The page's own part of its <title>: before the last separator, when the site's name
    follows it ("Lettre n°1 – juin 2013 | RTES" → "Lettre n°1 – juin 2013"), or what the
    page's header heading shows (`site_headings`, comparison keys)."""
    separators = list(TITLE_SEPARATOR.finditer(head_title))
    last = separators[-1] if separators else None
    if last is not None:
        after = head_title[last.end() :]
        if is_site_name(after) or comparison_key(after) in site_headings:
            return head_title[: last.start()]
    return head_title


def drop_heading_anchors(root: Element) -> None:
    """Remove the permalink anchors a static-site generator or a wiki sets in headings
    (`<h2>Contexte <a class="anchor" href="#contexte">#</a></h2>`, "¶", "🔗") and footnotes'
    links back to their call ("↩︎"), and skip links ("Aller au contenu", whatever hides them):
    signs pointing within the page, no text of it."""
    for link in list(root.iter("a")):
        if not (link.get("href") or "").startswith("#"):
            continue
        shown = text(link)
        if (
            shown in BACK_SIGNS
            or SKIP_LINK.match(shown)
            or (shown in ANCHOR_SIGNS and next(link.iterancestors(*HEADINGS), None) is not None)
        ):
            remove(link)


def promote_page_title(root: Element) -> None:
    """A page without an <h1> shows its title in another element: the one whose text is its
    <title>'s leading part ("Titre | RTES"). That element becomes the page's <h1> (the tree is
    ours), so that every rule anchored on the title holds in such a theme too."""
    if page_title_heading(root) is not None:
        return
    site_headings = [h for h in root.iter("h1") if text(h)]  # each names the site
    head_title = first(root, "title")
    keys = tuple(comparison_key(text(h)) for h in site_headings)
    name = own_title(text(head_title), keys) if head_title is not None else ""
    if not name or is_site_name(name) or comparison_key(name) in keys:
        return
    wanted = comparison_key(name)
    body = first(root, "body")
    for el in elements(body if body is not None else root):
        if el.tag in SKIPPED_TAGS or el.tag == "a" or next(el.iterancestors("a"), None) is not None:
            continue
        if comparison_key(text(el)) == wanted and not any(
            comparison_key(text(child)) == wanted for child in elements(el) if child is not el
        ):
            el.tag = "h1"
            for heading in site_headings:  # the header's name is no longer read as a title
                heading.tag = "div"
            return


def attached(el: Element, base: Element) -> bool:
    return any(a is base for a in el.iterancestors())


def strip_chrome(base: Element) -> None:
    """Remove the furniture inside `base` (the first match wins; what it holds goes with it)."""
    for el in [d for d in elements(base) if is_chrome(d)]:
        if attached(el, base) and not holds_content(el):
            keep_tag_line(el)
            remove(el)


def content_root(root: Element) -> Element:
    """The element holding the page's own content in any theme: the h1's smallest ancestor
    holding most of the main region's text, chrome (header, menus, sidebars, footer) removed."""
    base = _main_region(root)
    strip_chrome(base)
    h1 = next(
        (h for h in base.iterdescendants("h1") if (t := text(h)) and not is_site_name(t)), None
    )
    if h1 is None:
        return base
    # the share is of the text besides the title: a page showing little more than a long
    # title (a private resource: its fields and the member notice) is more than its title's box
    title = own_text_chars(h1)
    total = own_text_chars(base) - title or 1
    node = h1.getparent()
    while (
        node is not None
        and node is not base
        and own_text_chars(node) - title < MIN_CONTENT_SHARE * total
    ):
        node = node.getparent()
    node = node if node is not None else base
    node = _with_fields_beside(node, base)
    drop_side_columns(node, h1)
    return node


def _with_fields_beside(node: Element, base: Element) -> Element:
    """The content, or the smallest block holding it and the item's field block when that
    stands in a column beside it (the text in one column, a portlet of fields in the next)."""
    el = node
    while el is not base and el.getparent() is not None:
        if _fields_beside(el):
            return el.getparent()
        el = el.getparent()
    return node


def _fields_beside(node: Element) -> bool:
    """Whether a sibling of the content shows the item's field block (FIELDS_BESIDE labels:
    a portlet of Catégorie, Type de ressource, Résumé in the column beside the text), or its
    attachments alone (a "Fichiers" column)."""
    return any(
        is_element(sibling)
        and (field_labels_shown(sibling, FIELDS_BESIDE) or shows_files_alone(sibling))
        for sibling in chain(node.itersiblings(), node.itersiblings(preceding=True))
    )


def _band_of(node: Element, h1: Element) -> Element:
    """The child of `node` that holds the page's title (or the title itself)."""
    band = h1
    while band.getparent() is not None and band.getparent() is not node:
        band = band.getparent()
    return band


def _mostly_links(el: Element) -> bool:
    """Whether most of the block's text is link text (a sidebar's lists of titles)."""
    return own_text_chars(el) * 2 <= len(text(el))


def _titled_boxes(el: Element) -> bool:
    """Whether a block is a column of titled boxes (a sidebar's "À la une" and newsletter
    cards, each under its own sub-heading), not a text block: a container holding a heading
    and no paragraph of prose (a section of the text under its heading has one)."""
    return (
        el.tag not in BLOCK_TAGS
        and next(el.iterdescendants(*SUB_HEADINGS), None) is not None
        and not any(own_text_chars(p) >= SECTION_PROSE_CHARS for p in el.iterdescendants("p"))
    )


def drop_side_columns(node: Element, h1: Element) -> None:
    """A title set apart from its text (a hero band above the grid): on the way down from
    `node` to the text, at the first level below it where several blocks hold text, the
    blocks beside the text's column, holding much less text than it and made mostly of links
    or of titled boxes (a newsletter card's sentence is more text than its links), are a
    sidebar, not the page's content."""
    band = _band_of(node, h1)
    if own_text_chars(band) >= MIN_CONTENT_SHARE * own_text_chars(node):
        return  # the title stands with its text
    current = node
    while True:
        kids = [
            (k, n) for k in current if is_element(k) and k is not band and (n := own_text_chars(k))
        ]
        if len(kids) == 1:
            current = kids[0][0]
            continue
        if current is node or not kids:
            return  # the text spreads beside the title itself: no column apart
        main, most = max(kids, key=lambda kid: kid[1])
        if most < MAIN_COLUMN_SHARE * sum(chars for _, chars in kids):
            return
        side = [kid is not main and _side_box(kid) for kid, _ in kids]
        text_at = [  # the blocks of text: the main one and the others of enough text
            i
            for i, (kid, _) in enumerate(kids)
            if not side[i] and (kid is main or len(text(kid)) >= SIDE_MIN_CHARS)
        ]
        for i, (kid, _) in enumerate(kids):
            # (a box between two blocks of the text stands in its column: a section of it)
            if side[i] and not (text_at and text_at[0] < i < text_at[-1]):
                remove(kid)
        return


def _side_box(kid: Element) -> bool:
    """Whether a block beside the text's column is a sidebar's: enough text, made mostly of
    links or of titled boxes, and no fields, date line or item's linked title."""
    return (
        len(text(kid)) >= SIDE_MIN_CHARS
        and (_mostly_links(kid) or _titled_boxes(kid))
        and not holds_content(kid)
    )


def _main_region(root: Element) -> Element:
    for candidate in (
        first(root, "main"),
        next((el for el in elements(root) if el.get("role") == "main"), None),
        first(root, "body"),
    ):
        if candidate is not None:
            return candidate
    return root


def own_text_chars(node: Element) -> int:
    """Characters of text outside links and site names: what menus and sidebars lack."""
    in_link = node.tag == "a" or next(node.iterancestors("a"), None) is not None
    return _own_chars(node, in_hidden_text(node), in_link)


def _own_chars(node: Element, hidden: bool, in_link: bool) -> int:
    counted = not hidden and not in_link and node.tag not in SKIPPED_TAGS
    total = _chars(node.text) if counted else 0
    for child in node:
        tag = child.tag
        if isinstance(tag, str):
            total += _own_chars(child, hidden or tag in HIDDEN_TEXT_TAGS, in_link or tag == "a")
        if counted:
            total += _chars(child.tail)
    return total


def _chars(value: str | None) -> int:
    if not value:
        return 0
    stripped = value.strip()
    return len(stripped) if stripped and not is_site_name(value) else 0
