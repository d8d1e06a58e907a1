"""Every form a result or a team is given out in, declared once. No Flask import.

A format names its subject (a result or a team), its URL suffix (none for the command
line's text), its content type, the presenter that builds its view model, and either a
template that prints the model or a function that renders it. The web layer derives its
routes, cache kinds, content types and error negotiation from this table; the command
line derives its `--format` choices. Adding a format is one entry here plus its
template or renderer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from . import presenters
from .advisor import Advisor, Result
from .presenters.rows import CodeLink
from .preview import badge_svg, picture_png, result_picture, team_picture
from .records import render_plain
from .team import TeamResult

Subject = Literal["result", "team"]
Renderer = Literal["site templates", "plain templates", "function"]
ErrorForm = Literal["html", "json", "text"]


@dataclass(frozen=True)
class Links:
    """How a rendering names pages: its own shareable link and key, results' absolute
    links, and (result pages only) each answer's change link."""

    own: str  # the result's permalink or the team's link, absolute
    key: str  # the permalink code, or the team's codes
    result: CodeLink  # a result code -> its absolute link
    page: CodeLink  # a result code -> its page on this site
    change: Callable[[str], str] | None = None  # a question id -> the page that edits it


@dataclass(frozen=True)
class Format:
    """One way a result or a team is given out."""

    subject: Subject
    name: str  # html, json, md, png, svg, text
    suffix: str | None  # after /r/<code> or /t/<codes>; None: the command line only
    content_type: str
    endpoint: str | None  # the web view's endpoint name
    build: Callable[[Advisor, Any, Links], Any]  # the view model
    template: str | None = None  # prints the view model (a page or a plain template)
    context: str = "view"  # the template's name for the view model
    render: Callable[[Any], bytes] | None = None  # renders the view model (renderer "function")
    download: bool = False  # served as an attachment
    errors: ErrorForm = "html"  # how a failed request for it is answered
    command_line: bool = False  # one of the command line's --format choices

    @property
    def kind(self) -> str:
        """The format's name in caches and URL patterns: "result_html", "team_json"."""
        return f"{self.subject}_{self.name}"

    @property
    def renderer(self) -> Renderer:
        """What renders the view model: the web layer's page templates, the plain
        templates of records.py (Markdown, text), or the format's function."""
        if self.template is None:
            return "function"
        return "site templates" if self.template.endswith(".html") else "plain templates"


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def _team_codes(team: TeamResult) -> str:
    return "-".join(member.code for member in team.members)


FORMATS: tuple[Format, ...] = (
    Format(
        "result",
        "html",
        "",
        "text/html; charset=utf-8",
        "results.page",
        lambda a, r, links: presenters.result_page(a, r, links.own, links.page, links.change),
        template="pages/result.html",
        context="page",
    ),
    Format(
        "result",
        "json",
        ".json",
        "application/json",
        "results.as_json",
        lambda a, r, links: presenters.result_json(a, r, links.own, links.result),
        render=_json,
        errors="json",
        command_line=True,
    ),
    Format(
        "result",
        "md",
        ".md",
        "text/markdown; charset=utf-8",
        "results.as_markdown",
        lambda a, r, links: presenters.decision_record(a, r, links.own, links.result),
        template="records/result.md",
        context="record",
        download=True,
        command_line=True,
    ),
    Format(
        "result",
        "png",
        ".png",
        "image/png",
        "results.preview",
        lambda a, r, links: result_picture(r.recommendation),
        render=picture_png,
        errors="text",
    ),
    Format(
        "result",
        "svg",
        ".svg",
        "image/svg+xml; charset=utf-8",
        "results.badge",
        lambda a, r, links: (r.recommendation, links.own),
        render=lambda badge: badge_svg(*badge).encode(),
        errors="text",
    ),
    Format(
        "result",
        "text",
        None,
        "text/plain; charset=utf-8",
        None,
        lambda a, r, links: presenters.decision_record(a, r, links.own, links.result),
        template="records/result.txt",
        context="record",
        command_line=True,
    ),
    Format(
        "team",
        "html",
        "",
        "text/html; charset=utf-8",
        "teams.page",
        lambda a, t, links: presenters.team_page(a, links.key, t, links.own, links.result),
        template="pages/team.html",
        context="team",
    ),
    Format(
        "team",
        "json",
        ".json",
        "application/json",
        "teams.as_json",
        lambda a, t, links: presenters.team_json(a, t, links.own, links.result),
        render=_json,
        errors="json",
    ),
    Format(
        "team",
        "md",
        ".md",
        "text/markdown; charset=utf-8",
        "teams.as_markdown",
        lambda a, t, links: presenters.team_record(a, links.key, t, links.own, links.result),
        template="records/team.md",
        context="record",
        download=True,
    ),
    Format(
        "team",
        "png",
        ".png",
        "image/png",
        "teams.preview",
        lambda a, t, links: team_picture(t),
        render=picture_png,
        errors="text",
    ),
)
BY_KIND = {fmt.kind: fmt for fmt in FORMATS}


def web_formats(subject: Subject) -> tuple[Format, ...]:
    """The formats with a URL, for one subject."""
    return tuple(f for f in FORMATS if f.subject == subject and f.suffix is not None)


def command_line_formats() -> tuple[Format, ...]:
    """The result formats the command line prints (text, JSON, Markdown)."""
    return tuple(f for f in FORMATS if f.command_line)


def error_form(path: str) -> ErrorForm:
    """How a failed request for `path` is answered: JSON for the API and the JSON
    formats, plain text for pictures, a page otherwise."""
    if path.startswith("/api/"):
        return "json"
    for fmt in FORMATS:
        if fmt.suffix and path.endswith(fmt.suffix):
            return fmt.errors
    return "html"


def render_outside_site(fmt: Format, model: Any, advisor: Advisor) -> bytes:
    """A view model rendered by its format's function or plain template (every format
    but the site's pages, which need the web layer's templates)."""
    if fmt.render is not None:
        return fmt.render(model)
    assert fmt.template is not None and fmt.renderer == "plain templates"
    return render_plain(fmt.template, fmt.context, model, advisor.content.article).encode()


def render_result(fmt: Format, advisor: Advisor, result: Result, links: Links) -> bytes:
    """A result in a format that needs no web layer (the command line's)."""
    return render_outside_site(fmt, fmt.build(advisor, result, links), advisor)


__all__ = [
    "BY_KIND",
    "FORMATS",
    "Format",
    "Links",
    "command_line_formats",
    "error_form",
    "render_outside_site",
    "render_result",
    "web_formats",
]
