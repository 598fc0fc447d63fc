"""A Résumé's own paragraphs, told from the body that copies them: a theme writing every
paragraph as a sibling gives no end to a one-block Résumé (used by the label route,
rtes_core/extract/labels.py)."""

from __future__ import annotations

from rapidfuzz import fuzz

from rtes_core.extract.blocks import TAG_LABEL, text_blocks
from rtes_core.extract.dom import SUB_HEADINGS, Element, later_elements, new_element, remove
from rtes_core.text import ENDS_AS_FILE_NAME, comparison_key

# Two Résumé/body blocks this alike (rapidfuzz ratio) are one paragraph copied.
COPY_RATIO = 90
# A mark set where a Résumé starts, to read the region's text before it.
RESUME_HERE = "[[rtes:resume-here]]"
# A block of at most this many words ending as a file's name is an image's name standing between
# two paragraphs ("logo RTES.png"): a Résumé copying both paragraphs skips it.
MAX_FILE_NAME_WORDS = 4


def is_copy(a: str, b: str) -> bool:
    """Two comparison keys of one paragraph (a copy with small edits)."""
    return a == b or (bool(a) and bool(b) and fuzz.ratio(a, b) >= COPY_RATIO)


def summary_continuation(
    holder: Element,
    labels: set[int],  # id() of the label elements: no continuation of the Résumé
    region: Element | None = None,
    section: bool = False,
) -> list[Element]:
    """Siblings after a flat one-block Résumé that still belong to it (`section`: its label is
    a heading set after the body, which opens the region's last section).

    A theme that writes every paragraph as a sibling gives no end to the Résumé. It copies the
    body's first k paragraphs and the body follows, so the value and its siblings read
    X[0:k] == X[k:2k] for the Résumé's k: the smallest such k is taken (1: only the value)."""
    own = text_blocks(holder)
    if len(own) != 1:
        return []
    siblings: list[tuple[Element, str]] = []
    for sib in later_elements(holder):
        blocks = text_blocks(sib) if id(sib) not in labels else []
        if len(blocks) != 1:
            break
        siblings.append((sib, blocks[0]))
    keys = [comparison_key(t) for t in own + [t for _, t in siblings]]
    for k in range(1, len(keys) // 2 + 1):
        if all(is_copy(keys[i], keys[k + i]) for i in range(k)):
            return [sib for sib, _ in siblings[: k - 1]]
    if region is None or not siblings:
        return []
    copied = _copied_run(holder, keys, region)
    if copied == 1 and section and _ends_its_parent(holder, siblings):
        return [sib for sib, _ in siblings]  # the last section: "Résumé" and its paragraphs
    return [sib for sib, _ in siblings[: copied - 1]]


def _ends_its_parent(holder: Element, siblings: list[tuple[Element, str]]) -> bool:
    """Whether the paragraphs after a Résumé heading's value run to the end of their parent,
    with no heading or tag line among them (a section set last, after the body); elements left
    without text (a tag list already taken) end nothing."""
    shown = [el for el in later_elements(holder) if text_blocks(el)]
    return len(siblings) == len(shown) and not any(
        sib.tag in SUB_HEADINGS or TAG_LABEL.match(line) for sib, line in siblings
    )


def _copied_run(holder: Element, keys: list[str], region: Element) -> int:
    """How many of the keys (a Résumé's first paragraph and its siblings) copy, in order, the
    region's paragraphs before the Résumé from the one its first paragraph copies: a Résumé set
    after the body copies its opening. 1 (the value alone) when no paragraph before it does."""
    before = _keys_before(holder, region)
    start = next((i for i, key in enumerate(before) if is_copy(key, keys[0])), None)
    if start is None:
        return 1
    run = 1
    while run < len(keys) and start + run < len(before) and is_copy(before[start + run], keys[run]):
        run += 1
    return run


def _keys_before(holder: Element, region: Element) -> list[str]:
    """The comparison keys of the region's blocks before the holder (file names left out)."""
    mark = new_element("p", RESUME_HERE)
    holder.addprevious(mark)
    shown = text_blocks(region, body=True)
    remove(mark)
    at = shown.index(RESUME_HERE) if RESUME_HERE in shown else 0
    return [comparison_key(t) for t in shown[:at] if not _is_file_name(t)]


def _is_file_name(block: str) -> bool:
    return len(block.split()) <= MAX_FILE_NAME_WORDS and ENDS_AS_FILE_NAME.search(block) is not None


def copies_text_before(holder: Element, region: Element) -> bool:
    """Whether the holder's first block copies a block of the region before it (a Résumé set
    after the body, copying its lead)."""
    own = text_blocks(holder)
    if not own:
        return False
    key = comparison_key(own[0])
    return any(is_copy(key, earlier) for earlier in _keys_before(holder, region))
