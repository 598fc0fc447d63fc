"""A member collectivité's profile: its fields typed, its body cut at the profile's sections."""

from __future__ import annotations

import re
from typing import Any

from rtes_core.extract.records import MEMBER_COLUMNS, MEMBER_SECTIONS, Block, label_key

# A number in a member field ("12 500 habitants", "1 234 567"): digits with thousands spaces or
# dots.
NUMBER = re.compile(r"\d{1,3}(?:[ .\u00a0\u202f]\d{3})+|\d+")
# A year of membership ("Adhérent depuis 2012").
YEAR = re.compile(r"\b(19|20)\d{2}\b")
# Anything but a digit (thousands separators dropped from a number).
NON_DIGIT = re.compile(r"\D")
SECTION_ORIGINS = frozenset({"body", "trailing"})


def member_fields(values: dict[str, Any], blocks: list[Block]) -> dict[str, Any]:
    """A member collectivité's columns: its fields typed, and its body cut at the profile's sections."""
    out: dict[str, Any] = {k: v for k, v in values.items() if k in MEMBER_COLUMNS}
    if isinstance(out.get("population"), str):
        m = NUMBER.search(out["population"])
        out["population"] = int(NON_DIGIT.sub("", m[0])) if m else None
    if isinstance(out.get("joined_year"), str):
        m = YEAR.search(out["joined_year"])
        out["joined_year"] = int(m[0]) if m else None
    out["sections"] = _sections(blocks)
    return out


def _sections(blocks: list[Block]) -> dict[str, list[str]]:
    """The profile's body blocks under each section heading (none before the first heading)."""
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for block in blocks:
        if block.origin not in SECTION_ORIGINS:
            continue
        name = MEMBER_SECTIONS.get(label_key(block.text))
        if name is not None:
            current = name
            sections.setdefault(name, [])
        elif current is not None:
            sections[current].append(block.text)
    return sections
