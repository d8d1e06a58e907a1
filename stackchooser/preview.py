"""Link previews and badges: pictures of a result, drawn on the server from its code.

`preview_png` draws the 1200×630 image that chat apps and issue trackers show when a
permalink is pasted (the verdict, the two scores as a bar, the plan's summary and the
site's name) with Pillow and the DejaVu fonts shipped in static/fonts. `badge_svg` is a
small SVG for a README. Both are pure functions of the result. No Flask import.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import cast
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont

from .caches import PICTURE_PARTS, memoize
from .engine import Recommendation
from .i18n import (
    DEFAULT_LANGUAGE,
    N_,
    _,
    current_language,
    number,
    use_language,
    verdict_title,
    verdict_words,
)
from .kinds import Verdict, display_name
from .paths import site_folder
from .team import TeamResult

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
INK = (27, 31, 36)
MUTED = (74, 85, 97)
COLOURS = {
    "python": ((43, 91, 132), (227, 237, 246)),
    "nodejs": ((46, 107, 37), (229, 241, 226)),
    "either": ((107, 78, 0), (251, 242, 213)),
}
SITE_NAME = "stackchooser"
BADGE_LABEL = N_("back end")

Font = ImageFont.FreeTypeFont


@memoize(PICTURE_PARTS, entries=16)
def _font(bold: bool, size: int) -> Font:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    path: Path = site_folder("static") / "fonts" / name
    return ImageFont.truetype(str(path), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: Font, width: int, lines: int) -> list[str]:
    """`text` in at most `lines` lines no wider than `width`, the last cut with "…"."""
    words, wrapped, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
            continue
        wrapped.append(line)
        line = word
    wrapped.append(line)
    if len(wrapped) > lines:
        last = wrapped[lines - 1]
        while draw.textlength(last + " …", font=font) > width and " " in last:
            last = last.rsplit(" ", 1)[0]
        wrapped = [*wrapped[: lines - 1], last + " …"]
    return wrapped


@dataclass(frozen=True)
class Picture:
    """What a link preview shows."""

    heading: str
    verdict: Verdict
    python: float
    nodejs: float
    summary: str
    language: str = DEFAULT_LANGUAGE  # the words it is drawn in


def _score(value: float) -> str:
    return number(round(value, 1))


def result_picture(rec: Recommendation) -> Picture:
    """What a result's link preview shows."""
    return Picture(
        _("Back end for a web application"),
        rec.verdict,
        rec.python,
        rec.nodejs,
        rec.stack,
        current_language(),
    )


def team_picture(team: TeamResult) -> Picture:
    """What a team's link preview shows: the combined verdict and the team's plan."""
    plan = team.majority.plan
    return Picture(
        heading=_("A team of %(count)s decides", count=len(team.members)),
        verdict=team.verdict,
        python=team.python,
        nodejs=team.nodejs,
        summary=plan.summary if plan is not None else team.majority.result.stack,
        language=current_language(),
    )


def preview_png(rec: Recommendation) -> bytes:
    """The link preview of a result, as PNG bytes (1200×630)."""
    return picture_png(result_picture(rec))


def picture_png(picture: Picture) -> bytes:
    """A link preview (a result's or a team's), as PNG bytes (1200×630, 51 colours).

    Drawn in full colour (smooth text), then mapped to a fixed palette and saved with
    light compression: under 10 ms, where an optimised full-colour PNG took 50. The
    rendered cache keeps it per code.
    """
    with use_language(picture.language):
        return _draw(picture)


def _draw(picture: Picture) -> bytes:
    strong, soft = COLOURS[picture.verdict]
    image = Image.new("RGB", (WIDTH, HEIGHT), soft)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, HEIGHT), fill=strong)

    draw.text((MARGIN, 56), picture.heading, font=_font(False, 34), fill=MUTED)
    heading = verdict_title(picture.verdict)
    draw.text((MARGIN, 104), heading, font=_font(True, 96), fill=strong)

    # The two scores as one bar: Python's share on the left, NodeJS's on the right.
    top, bar_height, bar_width = 252, 44, WIDTH - 2 * MARGIN
    total = picture.python + picture.nodejs
    python_width = round(bar_width * picture.python / total) if total else bar_width // 2
    python_colour, nodejs_colour = COLOURS["python"][0], COLOURS["nodejs"][0]
    if python_width:
        draw.rectangle((MARGIN, top, MARGIN + python_width, top + bar_height), fill=python_colour)
    if python_width < bar_width:
        draw.rectangle(
            (MARGIN + python_width, top, MARGIN + bar_width, top + bar_height), fill=nodejs_colour
        )
    label = _font(True, 32)
    python = f"Python {_score(picture.python)}"
    draw.text((MARGIN, top + bar_height + 14), python, font=label, fill=INK)
    nodejs = f"NodeJS {_score(picture.nodejs)}"
    draw.text(
        (MARGIN + bar_width - draw.textlength(nodejs, font=label), top + bar_height + 14),
        nodejs,
        font=label,
        fill=INK,
    )

    summary_font = _font(False, 32)
    y = 386
    for line in _wrap(draw, picture.summary, summary_font, bar_width, 3):
        draw.text((MARGIN, y), line, font=summary_font, fill=INK)
        y += 44
    draw.text((MARGIN, HEIGHT - 76), SITE_NAME, font=_font(True, 36), fill=strong)
    output = io.BytesIO()
    reduced = image.quantize(palette=_palette(picture.verdict), dither=Image.Dither.NONE)
    reduced.save(output, format="PNG", compress_level=3)
    return output.getvalue()


@memoize(PICTURE_PARTS, entries=16)
def _palette(verdict: Verdict) -> Image.Image:
    """The colours a preview can hold: its flat colours, and each text colour blended into
    the background in 15 steps (the anti-aliased edges of the letters). Mapping to this
    fixed palette is several times quicker than finding one for each picture."""
    strong, soft = COLOURS[verdict]
    colours = [soft, strong, MUTED, INK, COLOURS["python"][0], COLOURS["nodejs"][0]]
    for ink in (strong, MUTED, INK):
        for step in range(1, 16):
            share = step / 16
            colours.append(
                cast(
                    tuple[int, int, int],
                    tuple(
                        round(i * share + b * (1 - share)) for i, b in zip(ink, soft, strict=True)
                    ),
                )
            )
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in colours for channel in colour])
    return palette


def _text_width(text: str) -> int:
    """A close estimate of the width of `text` at 11 px in a sans-serif font."""
    return round(sum(7.4 if c.isupper() else 6.2 for c in text)) + 10


def _badge_value(rec: Recommendation) -> str:
    """The verdict; a close call with the language it leans to."""
    if rec.verdict == "either" and rec.lean != "either":
        return _("close call, leaning %(language)s", language=display_name(rec.lean))
    return verdict_words(rec.verdict)


def badge_width(rec: Recommendation) -> int:
    """The badge's width in pixels (its height is 20)."""
    return _text_width(_(BADGE_LABEL)) + _text_width(_badge_value(rec))


def badge_markdown(rec: Recommendation, permalink: str) -> str:
    """Markdown for a README: the badge, linking to the result."""
    alt = _("Back end: %(verdict)s (stackchooser)", verdict=_badge_value(rec))
    return f"[![{alt}]({permalink}.svg)]({permalink})"


def badge_svg(rec: Recommendation, permalink: str) -> str:
    """A small badge naming the verdict, for a README (text, not paths; under 4 KB)."""
    value = _badge_value(rec)
    label = _(BADGE_LABEL)
    left, right = _text_width(label), _text_width(value)
    width = left + right
    colour = "#{:02x}{:02x}{:02x}".format(*COLOURS[rec.verdict][0])
    title = escape(
        _(
            "Back end: %(verdict)s (stackchooser, Python %(python)s, NodeJS %(nodejs)s)",
            verdict=value,
            python=rec.python,
            nodejs=rec.nodejs,
        )
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" '
        f'role="img" aria-label="{title}">'
        f"<title>{title}</title>"
        f"<desc>{escape(permalink)}</desc>"
        f'<rect width="{left}" height="20" rx="3" fill="#1d3557"/>'
        f'<rect x="{left}" width="{right}" height="20" rx="3" fill="{colour}"/>'
        f'<rect x="{left}" width="4" height="20" fill="{colour}"/>'
        '<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">'
        f'<text x="{left / 2:.0f}" y="14" text-anchor="middle">{escape(label)}</text>'
        f'<text x="{left + right / 2:.0f}" y="14" text-anchor="middle">{escape(value)}</text>'
        "</g></svg>"
    )
