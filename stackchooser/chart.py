"""Geometry of the contribution chart: one diverging bar per answer that moved the scores.

Python's points grow to the left of the centre line, NodeJS's to the right. The template
draws the SVG from these numbers; no Flask import here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .engine import Reason
from .i18n import gettext, ngettext

# Drawn at about its own size on a phone (390 px wide), so 13 px text stays readable.
WIDTH = 360
LABEL_WIDTH = 156  # labels (the options' short labels, at most 22 characters) on the left
CENTRE = LABEL_WIDTH + (WIDTH - LABEL_WIDTH) // 2
HALF = (WIDTH - LABEL_WIDTH) // 2 - 26  # longest bar, leaving room for its value
ROW = 30
TOP = 30
BAR = 16


@dataclass(frozen=True)
class Bar:
    label: str
    side: str  # "python" or "nodejs"
    points: int
    x: int
    y: int
    width: int
    text_y: int
    value_x: int
    value_anchor: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    centre: int
    label_width: int
    bars: tuple[Bar, ...]
    description: str


def contribution_chart(reasons: Sequence[Reason], labels: Sequence[str]) -> Chart:
    """Bars for the reasons that moved a score, labelled with `labels` (same order)."""
    moved = [
        (reason, label)
        for reason, label in zip(reasons, labels, strict=True)
        if reason.python != reason.nodejs
    ]
    largest = max((reason.weight for reason, _ in moved), default=1)
    bars = []
    python = nodejs = 0
    for row, (reason, label) in enumerate(moved):
        side = "python" if reason.python > reason.nodejs else "nodejs"
        width = max(4, round(HALF * reason.weight / largest))
        y = TOP + row * ROW + (ROW - BAR) // 2
        x = CENTRE - width if side == "python" else CENTRE
        value_x = x - 6 if side == "python" else x + width + 6
        bars.append(
            Bar(
                label,
                side,
                reason.weight,
                x,
                y,
                width,
                y + BAR - 3,
                value_x,
                "end" if side == "python" else "start",
            )
        )
        python += reason.weight if side == "python" else 0
        nodejs += reason.weight if side == "nodejs" else 0
    height = TOP + max(1, len(bars)) * ROW + 6
    description = (
        ngettext(
            "%(num)d answer moved the scores (net points: Python %(python)s, NodeJS "
            "%(nodejs)s). The list below explains it.",
            "%(num)d answers moved the scores (net points: Python %(python)s, NodeJS "
            "%(nodejs)s). The list below explains each one.",
            len(bars),
            python=python,
            nodejs=nodejs,
        )
        if bars
        else gettext("No answer moved the scores either way.")
    )
    return Chart(WIDTH, height, CENTRE, LABEL_WIDTH, tuple(bars), description)
