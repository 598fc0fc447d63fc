"""The report's pictures: matplotlib (Agg, no display) to inline SVG, readable offline.

Text stays text in the SVG (svg.fonttype "none": small, searchable); matplotlib's SVG writer
escapes it, so a crawled category name cannot become markup.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import matplotlib

matplotlib.use("Agg")  # before pyplot: no display, no GUI toolkit
import matplotlib.pyplot as plt  # noqa: E402

TOP_CATEGORIES = 15  # bars shown in "resources by category"; the rest are summed as "other"
FIGURE_INCHES = (6.4, 3.6)
LABEL_CHARS = 40  # a category label longer than this is cut (crawled text, any length)
BAR_COLOUR = "#4a7bb7"


def _svg(figure: Any) -> str:
    """The figure as an <svg> element (no XML prolog), then closed to free its memory."""
    buffer = io.StringIO()
    with plt.rc_context(
        {"svg.fonttype": "none", "svg.hashsalt": "rtes"}
    ):  # hashsalt: same input, same bytes
        figure.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _label(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def bar_chart(counts: dict[str, int], title: str, horizontal: bool = True) -> str:
    """Bars of `counts` (largest first when horizontal, key order otherwise) as SVG."""
    figure, axes = plt.subplots(figsize=FIGURE_INCHES)
    labels = [_label(str(k)) for k in counts]
    values = list(counts.values())
    if horizontal:
        axes.barh(labels[::-1], values[::-1], color=BAR_COLOUR)
        axes.set_xlabel("count")
    else:
        axes.bar(labels, values, color=BAR_COLOUR)
        axes.set_ylabel("count")
        axes.tick_params(axis="x", labelrotation=45)
    axes.set_title(title)
    return _svg(figure)


def by_category(resources: list[dict[str, Any]]) -> dict[str, int]:
    """Online resources per category (a resource counts once in each of its categories)."""
    counts = Counter(
        c for r in resources if r.get("removed_at") is None for c in r.get("categories") or []
    )
    top = dict(counts.most_common(TOP_CATEGORIES))
    rest = sum(counts.values()) - sum(top.values())
    return {**top, **({"other": rest} if rest else {})}


def by_year(resources: list[dict[str, Any]]) -> dict[str, int]:
    """Online resources per publication year, oldest first ("unknown" without a date)."""
    counts = Counter(
        str(r["published_date"].year) if r.get("published_date") else "unknown"
        for r in resources
        if r.get("removed_at") is None
    )
    return {k: counts[k] for k in sorted(counts)}


def run_history(reports: list[dict[str, Any]]) -> str:
    """Resources online, MB downloaded and duration of the given runs (oldest first), as SVG."""
    figure, axes = plt.subplots(3, 1, figsize=(FIGURE_INCHES[0], 6.0), sharex=True)
    names = [r.get("run_id", "?")[:15] for r in reports]
    colours = ["#a8071a" if r.get("status") != "ok" else BAR_COLOUR for r in reports]
    series = (
        ("resources online", [r.get("resources_online") or 0 for r in reports]),
        ("MB downloaded", [(r.get("bytes_downloaded") or 0) / 1e6 for r in reports]),
        (
            "seconds",
            [r.get("duration_seconds") or r.get("processing_seconds") or 0 for r in reports],
        ),
    )
    for axes_, (label, values) in zip(axes, series, strict=True):
        axes_.bar(range(len(values)), values, color=colours)
        axes_.set_ylabel(label)
    axes[-1].set_xticks(range(len(names)), names, rotation=45, ha="right", fontsize=7)
    axes[0].set_title("last runs (red: failed)")
    return _svg(figure)
