"""A region's text outside its fields: the body before the field block, what trails it, the
unlabelled term line (tags) just before the fields, and the date lines."""

from __future__ import annotations

import re
from collections.abc import Set
from dataclasses import dataclass, field

from rtes_core.dates import fold, is_bare_date, is_post_meta
from rtes_core.extract.blocks import (
    BLOCK_STARTS,
    FIELD_MARKER,
    TAG_LABEL,
    TAG_LABEL_WORDS,
    field_marker,
    is_date_line,
    is_opening_date_line,
    text,
    text_blocks,
)
from rtes_core.extract.dom import (
    HEADINGS,
    Element,
    is_badge,
    is_element,
    new_element,
    remove,
    replace,
)
from rtes_core.extract.links import TERM_PATH, url_path
from rtes_core.extract.noise import is_site_name
from rtes_core.extract.tag_links import is_tag_link, links_line
from rtes_core.text import ALNUM_RUN, ENDS_AS_FILE_NAME, PAGE_TOOL

# A tag line: a short term line without sentence punctuation (e.g. "PTCE").
MAX_TAG_CHARS = 60
MAX_TAG_WORDS = 6
# A heading just before the field block, this short, is the title of the box holding the
# fields ("Informations", "En savoir plus"); a longer one heads a last section of text.
MAX_BOX_TITLE_WORDS = 4
# What separates the terms of one tag line ("PTCE | Coopération", "PTCE • SCIC").
TAG_SEPARATORS = re.compile(r"\s*[|•;]\s*")
# A labelled tag line ("Mots-clés : PTCE, SCIC", blocks.TAG_LABEL) splits at commas too (a
# list of terms; an unlabelled line may be one term with a comma).
LABELLED_TAG_SEPARATORS = re.compile(r"\s*[|•;,]\s*")
# An e-mail address, a link or a phone number (the last line of a contact block standing just
# before the fields): never a term.
CONTACT_TEXT = re.compile(r"\S@\S|https?://|\bwww\.|^\+?[\d .()-]{8,}$")
# A line of the page's tools ("Version imprimable", "Imprimer Envoyer à un ami", on the words of
# its fold): never a term.
PAGE_TOOLS_LINE = re.compile(rf"^{PAGE_TOOL}(?: {PAGE_TOOL})*$")
# A box of chips: this many inline elements side by side (rtes_core's _chip_terms), each a
# link or a badge (`<a>`, `<span>` with text only), each name this long at most (the real
# site's longest category name is 88 characters).
MIN_CHIPS = 2
CHIP_TAGS = frozenset({"a", "span"})
MAX_CHIP_CHARS = 100
# What a tag line shows besides its terms (and label): separators and spaces only.
TAG_LINE_REST = re.compile(r"^[\s|•·;,/-]*$")
# A tag box's heading over its line of terms ("<h2>Mots-clés</h2><p>PTCE, SCIC</p>").
TAG_HEADING = re.compile(rf"^{TAG_LABEL_WORDS}\s*:?$", re.IGNORECASE)
# A term line's label in an element around it: a short name and its colon, then separators
# ("Catégories : Tiers-lieux, SCIC" where the terms stand in a span of their own).
LINE_LABEL = re.compile(r"^(?:[^\s:|•·;,/][^:|•·;,/]{0,30}:)?[\s|•·;,/-]*$")
# The last character of a sentence or of a clause: a tag line never ends so.
SENTENCE_PUNCTUATION = ".!?:;,»)"
# A byline's container as themes name it, by class or id token: `author`, `post-author`,
# `byline`, `auteur`, `blog-author-name` (WordPress, Ghost, Wix, Squarespace, Webflow templates).
# (Searched in the class and id values as written: one search an element.)
AUTHOR_TOKEN = re.compile(
    r"(?:^|[\s_-])(?:authors?|byline|auteurs?|autrice)(?:[\s_-]|$)", re.IGNORECASE
)
# A user's own page (Drupal's `/user/12`), not an account page: shared by both patterns below.
USER_PAGE = r"/users?/(?!login|register|password)\w"
# A link to an author's own page, whatever the markup around it: WordPress and Ghost
# `/author/<name>/`, Hugo `/authors/<name>/`, French themes `/auteur(s)/<name>`, Drupal's
# `/user/<N>` ("Soumis par <a href="/user/1">admin</a>"); the account pages are no author.
AUTHOR_PAGE = re.compile(
    rf"/(?:authors?|auteurs?|autrices?)/[^/?#]+/?(?:[?#]|$)|{USER_PAGE}[^/?#]*/?(?:[?#]|$)",
    re.IGNORECASE,
)
# schema.org's properties naming who wrote a page (`itemprop="author"`).
AUTHOR_PROPS = frozenset({"author", "creator"})
# A byline is a name, perhaps a role or a date beside it: a longer element is something else.
MAX_BYLINE_CHARS = 120
# What the markup of a page naming an author holds somewhere ("uthor": rel/itemprop="author",
# class "post-author", "Author"): a page without any is not searched element by element.
AUTHOR_MARKS = ("uthor", "yline", "uteur", "utrice", "creator", "vatar", "/pictures/")
# An author's picture captioned by their name (an avatar chip): small by its width, or from
# an avatar service or Drupal's user pictures; a figure's photo is no author.
AVATAR_SRC = re.compile(r"avatar|/pictures/", re.IGNORECASE)
MAX_AVATAR_PX = 96
# ... or a link to a user's page (Drupal's `/user/12`), which names no author mark.
USER_PAGE_HREF = re.compile(rf"""href=["']?[^"'\s>]*{USER_PAGE}""")


def looks_like_tag_line(line: str) -> bool:
    """A short term line without sentence punctuation ("PTCE"), not a list item, a date, a
    file's name (a caption or an attachment link standing last in the body) or a contact's
    address, link or phone number."""
    return (
        len(line) <= MAX_TAG_CHARS
        and len(line.split()) <= MAX_TAG_WORDS
        and not line.startswith("- ")
        and line[-1] not in SENTENCE_PUNCTUATION
        and (":" not in line or TAG_LABEL.match(line) is not None)  # "Partager : Facebook"
        and not is_date_line(line)
        and not is_bare_date(line)
        and not is_post_meta(line)
        and not is_site_name(line)
        and not ENDS_AS_FILE_NAME.search(line)
        and not CONTACT_TEXT.search(line)
        and not PAGE_TOOLS_LINE.match(" ".join(ALNUM_RUN.findall(fold(line))))
    )


def tag_terms(line: str) -> list[str]:
    """The terms of a tag line, its label ("Mots-clés :") dropped."""
    unlabelled = TAG_LABEL.sub("", line)
    separators = LABELLED_TAG_SEPARATORS if unlabelled != line else TAG_SEPARATORS
    return [t for t in separators.split(unlabelled) if t]


def labelled_tags(line: str) -> list[str] | None:
    """The terms of a line that says it lists tags ("Étiquettes : PTCE, SCIC"), else None: such
    a line is tags wherever it stands (a theme may set it after the body)."""
    if not TAG_LABEL.match(line):
        return None
    terms = tag_terms(line)
    return terms if terms and all(looks_like_tag_line(t) for t in terms) else None


def take_rel_tags(region: Element) -> list[str]:
    """The terms of the links marked rel="tag" (HTML's link type for a page's tags), their line
    taken out of the region, when that line shows nothing else (a label and separators at
    most); [] when there are none, or when they stand inside a sentence."""
    return _take_link_line(region, [a for a in region.iter("a") if is_tag_link(a)])


def take_rel_tag_line(el: Element) -> list[str]:
    """`take_rel_tags` of an element standing apart (a keywords line after a node): the line
    may be the element itself."""
    parent = el.getparent()
    if parent is None:
        return []
    return _take_link_line(parent, [a for a in el.iter("a") if is_tag_link(a)])


def take_term_links(region: Element, fields: list[Element]) -> list[str]:
    """The terms of a line of links to taxonomy term pages (`/taxonomy/term/N`, Drupal's term
    links: a node's tag pills) outside the fields read already, taken out of the region
    wherever the line stands (before or after the body), when it shows nothing else."""
    links = [
        a
        for a in region.iter("a")
        if TERM_PATH.match(url_path(a.get("href") or "") or "")
        and not any(a is f or f in a.iterancestors() for f in fields)
    ]
    return _take_link_line(region, links)


def _take_link_line(region: Element, links: list[Element]) -> list[str]:
    """The links' terms, their smallest common line taken out of the region when it shows
    nothing but them (a label and separators at most); [] otherwise."""
    if not links:
        return []
    if len(links) == 1 and _alone_between_blocks(links[0]):
        remove(links[0])  # a bare link set as a block of its own (Ghost's primary tag)
        return [t for t in [text(links[0])] if t]
    line = links_line(links, region)
    if line is None:
        return []
    terms = [t for t in (text(a) for a in links) if t]
    if not TAG_LINE_REST.match(TAG_LABEL.sub("", _rest(line, terms))):
        return []
    while (parent := line.getparent()) is not None and parent is not region:
        rest = _rest(parent, terms)
        if not (LINE_LABEL.match(rest) or TAG_HEADING.match(rest)):
            break
        line = parent  # the line's own label around it ("Catégories :" of Plone's keywords)
    remove(line)
    return terms


def _alone_between_blocks(link: Element) -> bool:
    """Whether a link stands on a line of its own among block elements: no text beside it,
    a block on one side at least and nothing else on the other."""
    before, after = link.getprevious(), link.getnext()
    parent = link.getparent()
    if parent is None or (link.tail or "").strip():
        return False
    if ((before.tail if before is not None else parent.text) or "").strip():
        return False
    sides = [side for side in (before, after) if side is not None]
    return bool(sides) and all(side.tag in BLOCK_STARTS for side in sides)


def _rest(line: Element, terms: list[str]) -> str:
    """What a line shows besides its terms."""
    rest = text(line)
    for term in terms:
        rest = rest.replace(term, " ", 1)
    return rest.strip()


def _is_byline(el: Element) -> bool:
    """An element a theme marks as the post's author: `rel="author"`, schema.org's
    `itemprop="author"`, a class or id token `author`, `byline`, `auteur` (`post-author`,
    `blog-author-name`), or a link to an author's page (AUTHOR_PAGE), short, holding neither
    a heading nor a field's link."""
    marked = (
        "author" in (el.get("rel") or "").split()
        or (el.get("itemprop") or "") in AUTHOR_PROPS
        or AUTHOR_TOKEN.search(f"{el.get('class') or ''} {el.get('id') or ''}") is not None
        or (el.tag == "a" and AUTHOR_PAGE.search(el.get("href") or "") is not None)
        or _is_avatar_chip(el)
    )
    if not marked or next(el.iterdescendants(*HEADINGS), None) is not None:
        return False
    shown = text(el)
    return 0 < len(shown) <= MAX_BYLINE_CHARS


def _is_avatar_chip(el: Element) -> bool:
    """An element holding an avatar and the name its alt gives, nothing else."""
    img = next((c for c in el if c.tag == "img"), None) if el.tag != "figure" else None
    if img is None or " ".join((img.get("alt") or "").split()) != text(el):
        return False
    width = img.get("width") or ""
    small = width.isdigit() and int(width) <= MAX_AVATAR_PX
    return small or AVATAR_SRC.search(img.get("src") or "") is not None


def may_name_authors(html: str) -> bool:
    """Whether a page's HTML holds an author's mark at all (a substring test in C: most pages
    hold none, and their regions are then not searched)."""
    return any(mark in html for mark in AUTHOR_MARKS) or USER_PAGE_HREF.search(html) is not None


def take_bylines(region: Element) -> list[str]:
    """The texts of the region's bylines ("Rédaction RTES" beside an avatar, "Par …"), taken
    out of it: who wrote a post is no body text and no tag (its date was read before)."""
    found = [el for el in region.iterdescendants() if is_element(el) and _is_byline(el)]
    taken: list[str] = []
    for el in found:
        if el.getparent() is not None and not any(a in found for a in el.iterancestors()):
            taken += text_blocks(el)
            remove(el)
    return taken


@dataclass
class LooseBlocks:
    """Text blocks outside the recognised fields, split at the first field."""

    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # the term line just before the field block
    date_lines: list[str] = field(default_factory=list)
    box_titles: list[str] = field(default_factory=list)  # a heading over the field block


def loose_blocks(
    region: Element, used: list[Element], title: str | None, stamps: Set[str] = frozenset()
) -> LooseBlocks:
    """The region's blocks with each recognised field replaced by a marker, read in order
    (`stamps`: blocks that are a <time> alone, date lines wherever they stand)."""
    for el in used:
        if el.getparent() is not None:  # the body field was already taken out
            replace(el, field_marker())
    term_lists = join_term_lists(region)
    meta_titles = _meta_list_titles(region)
    out = LooseBlocks()
    seen_field = False
    after_date = False  # a meta line right after a date line opens the text as it does
    for position, line in enumerate(text_blocks(region, body=True)):
        opening = 0 if after_date else position
        if line in term_lists and not (out.before or seen_field):
            out.tags += tag_terms(line)  # lists of term links first in the node: its badges
        elif line in (FIELD_MARKER, f"- {FIELD_MARKER}"):  # a field may be a list's item
            if not seen_field and out.before and _titles_the_fields(region, out.before[-1]):
                out.box_titles.append(out.before.pop())
            elif not seen_field and out.before and looks_like_tag_line(out.before[-1]):
                out.tags = tag_terms(out.before.pop())
            seen_field = True
        elif line == title:
            continue
        elif line in stamps or line in meta_titles or is_opening_date_line(line, opening):
            out.date_lines.append(line)
            after_date = True
            continue
        else:
            (out.after if seen_field else out.before).append(line)
        after_date = False
    last = out.after if seen_field else out.before
    if not out.tags and last and (terms := labelled_tags(last[-1])):
        out.tags = terms  # the region's last block: a labelled tag line after the body
        last.pop()
    out.before, out.after = (
        [kept for line in lines for kept in term_lists.get(line, [line])]
        for lines in (out.before, out.after)
    )
    return out


def _meta_list_titles(region: Element) -> set[str]:
    """The terms of a definition list whose definitions all state the post's date, author or
    views (Joomla's "Détails" over its article info): the title of a meta box, no text."""
    titles: set[str] = set()
    for dl in region.iter("dl"):
        shown = [text(dd) for dd in dl if is_element(dd) and dd.tag == "dd"]
        if any(shown) and all(
            not line or is_date_line(line) or is_bare_date(line) or is_post_meta(line)
            for line in shown
        ):
            titles.update(t for dt in dl if is_element(dt) and dt.tag == "dt" and (t := text(dt)))
    return titles


def _titles_the_fields(region: Element, line: str) -> bool:
    """Whether the line just before the field block is a short heading or `<header>`: the
    title of the box holding the fields (a portlet's "Informations"), neither text nor tag."""
    if len(line.split()) > MAX_BOX_TITLE_WORDS:
        return False
    return any(text(h) == line for h in region.iter(*HEADINGS, "header"))


def _term(item: Element) -> str | None:
    """The text of a list item that is one link to another page and nothing else, or one badge
    (an element its class names a badge, chip, pill or tag: DSFR's `fr-badge`, Bootstrap's
    `badge`), when it reads as a term (short, no sentence)."""
    links = list(item.iter("a"))
    shown = text(item)
    if not links and shown and any(is_badge(el) and text(el) == shown for el in item.iter()):
        dated = is_date_line(shown) or is_bare_date(shown) or is_post_meta(shown)
        return shown if _is_chip_name(shown) and not dated else None
    if len(links) != 1 or not shown or text(links[0]) != shown:
        return None
    if (links[0].get("href") or "#").startswith("#"):
        return None
    # a long name is a term too when its link is marked as a tag ("fr-tag": a category's name)
    long_term = is_badge(links[0]) and _is_chip_name(shown)
    return shown if looks_like_tag_line(shown) or long_term else None


def join_term_lists(region: Element) -> dict[str, list[str]]:
    """Lists whose every item is one link to a term-like page (a theme's badges: "<ul><li><a>
    PTCE</a></li>…"), each made one line "PTCE | SCIC": the line, mapped to the list's own
    lines, which it gives back wherever it is not the node's tags."""
    joined: dict[str, list[str]] = {}
    for term_list in list(region.iter("ul", "ol")):
        items = [c for c in term_list if is_element(c)]
        terms = [_term(c) for c in items if c.tag == "li"]
        if not items or len(terms) != len(items) or None in terms:
            continue
        line = " | ".join(t for t in terms if t)
        joined[line] = text_blocks(term_list, body=True)
        replace(term_list, new_element("p", line))
    for chips in list(region.iter("div", "p", "span")):
        if chips.getparent() is not None and (terms := _chip_terms(chips)):
            line = " | ".join(terms)
            joined[line] = text_blocks(chips, body=True)
            replace(chips, new_element("p", line))
    return joined


def _chip_terms(box: Element) -> list[str] | None:
    """The terms of a box of chips: MIN_CHIPS or more inline elements side by side (links to
    other pages, a badge or two without a link), or one its class names a badge, nothing but
    separators between them, each a short name; None for any other box. Chips touch in the
    markup ("<a>Alimentation</a><a>Formations</a>", CSS sets them apart), so their text read
    as a line would run together."""
    chips = [c for c in box if is_element(c)]
    if any(c.tag not in CHIP_TAGS or _holds_block(c) for c in chips) or not chips:
        return None
    if len(chips) < MIN_CHIPS and not all(map(is_badge, chips)):
        return None  # one inline element is a chip only when its class says so
    between = [box.text or "", *(c.tail or "" for c in chips)]
    if not all(TAG_LINE_REST.match(t) for t in between):
        return None
    terms = [text(c) for c in chips]
    links = [c for c in chips if c.tag == "a" and not (c.get("href") or "#").startswith("#")]
    if len(links) * 2 < len(chips) or not all(_is_chip_name(t) for t in terms):
        return None
    return terms


def _holds_block(el: Element) -> bool:
    return next(el.iterdescendants(*BLOCK_STARTS), None) is not None


def _is_chip_name(term: str) -> bool:
    """A term's name: some text, no sentence (a category's name may be long and hold commas)."""
    return 0 < len(term) <= MAX_CHIP_CHARS and term[-1] not in ".!?:;"
