"""What every blueprint shares, so that none imports another: the app's advisor, links to
results and teams, their not-found errors, the API's error shape, and the session's keys
with the team being joined."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote_plus

from flask import Response, current_app, render_template, request, session, url_for
from flask_wtf import FlaskForm
from werkzeug.exceptions import NotFound

from ..advisor import Advisor, Result
from ..formats import Format, Links
from ..i18n import _, ngettext
from ..model import Answers
from ..permalink import PermalinkError
from ..presenters.rows import CodeLink
from ..team import MAX_MEMBERS, SEPARATOR, TeamError, TeamResult, split_codes
from .templating import site_link

ANSWERS_KEY = "answers"  # the session's answers in progress
TEAM_KEY = "team"  # the session's team being joined (its codes)


def advisor() -> Advisor:
    """The app's advisor (content, engine and codec)."""
    found: Advisor = current_app.extensions["stackchooser"]
    return found


def public_url(path: str) -> str:
    """An absolute URL for `path`, on PUBLIC_URL when configured, else this request's host."""
    base = current_app.config["PUBLIC_URL"] or request.host_url.rstrip("/")
    return base + path


# --- results and teams ----------------------------------------------------------------


class ResultNotFound(NotFound):
    """A permalink code that is malformed or unknown."""

    @property  # type: ignore[override,unused-ignore]
    def description(self) -> str:  # type: ignore[override]  # in the request's language
        return _(
            "This result link is not one we recognise. It may have been cut short or mistyped "
            "when it was copied."
        )


class TeamNotFound(NotFound):
    """A team link with a bad or unknown code, no members, or too many."""

    @property  # type: ignore[override,unused-ignore]
    def description(self) -> str:  # type: ignore[override]
        return ngettext(
            "This team link is not one we recognise. It holds the codes of 1 to %(num)d "
            "result; it may have been cut short or mistyped when it was copied.",
            "This team link is not one we recognise. It holds the codes of 1 to %(num)d "
            "results; it may have been cut short or mistyped when it was copied.",
            MAX_MEMBERS,
        )


def find_result(code: str) -> Result:
    """The result for a code; raises :class:`ResultNotFound` (a 404) for a bad one."""
    try:
        return advisor().from_code(code)
    except PermalinkError:
        raise ResultNotFound() from None


def find_answers(code: str) -> Answers:
    """The answers a code holds, decoded without scoring; a bad code is a 404."""
    try:
        return advisor().answers_from_code(code)
    except PermalinkError:
        raise ResultNotFound() from None


def find_team(codes: str) -> TeamResult:
    """The team for a team link; raises :class:`TeamNotFound` (a 404) for a bad one."""
    try:
        return advisor().team(codes)
    except (TeamError, PermalinkError):
        raise TeamNotFound() from None


def find_subject(fmt: Format, key: str) -> Result | TeamResult:
    """The result or team a format's URL names."""
    return find_result(key) if fmt.subject == "result" else find_team(key)


def result_links() -> CodeLink:
    """Results' absolute links (the JSON, records and teams link absolutely), for the many
    codes of one rendering (a change's or a member's, all made by the codec): the site's
    address and the page's shape are looked up once."""
    base, page = public_url(""), result_paths()
    return lambda code: base + page(code)


def result_paths() -> CodeLink:
    """`result_path` for the many codes of one rendering, its shape looked up once."""
    before, after = result_path(CODE_SLOT).rsplit(CODE_SLOT, 1)
    return lambda code: before + code + after


CODE_SLOT = "codeslot"  # a stand-in no permalink code can be (o and l are not in its alphabet)


def result_path(code: str) -> str:
    """A result's page on this site (a path)."""
    return site_link("results.page", code=code)


def team_link(codes: str) -> str:
    return public_url(site_link("teams.page", codes=codes))


def edit_links(code: str) -> Callable[[str], str]:
    """For each question of one result, the page that loads its answers to change that
    one (the page's path looked up once)."""
    page = site_link("wizard.edit", code=code) + "?question="
    return lambda question: page + quote_plus(question)


def links_for(fmt: Format, key: str) -> Links:
    """The links a rendering of a result or team uses."""
    if fmt.subject == "team":
        return Links(team_link(key), key, result_links(), result_paths())
    link = result_links()
    return Links(link(key), key, link, result_paths(), edit_links(key))


def api_error(message: str, field: str | None, status: int = 400) -> Response:
    """The API's error shape: {"error": {"message": ..., "field": ...}}."""
    body = json.dumps({"error": {"message": message, "field": field}})
    return Response(body, status=status, mimetype="application/json")


def api_errors(problems: list[tuple[str, str | None]]) -> Response:
    """The API's error shape for several problems: the first as `error`, all as `errors`."""
    errors = [{"message": message, "field": field} for message, field in problems]
    body = json.dumps({"error": errors[0], "errors": errors})
    return Response(body, status=400, mimetype="application/json")


def confirm_page(
    form: FlaskForm, title: str, text: str, button: str, action: str, cancel_url: str
) -> str:
    """The page that asks before an action that replaces the visitor's answers; its button
    posts to `action`."""
    return render_template(
        "pages/confirm.html",
        form=form,
        title=title,
        text=text,
        button=button,
        action=action,
        cancel_url=cancel_url,
    )


# --- the team being joined ---------------------------------------------------------------


def members_with_room(codes: str) -> list[str]:
    """The member codes of a team that can take one more; raises TeamError or
    PermalinkError (checking each code decodes, without combining the team)."""
    members = split_codes(codes)
    if len(members) >= MAX_MEMBERS:
        raise TeamError("the team is full")
    for code in members:
        advisor().answers_from_code(code)  # decodes, or raises PermalinkError
    return members


def joined_team(code: str) -> str | None:
    """After the questionnaire: the team link with `code` added, if a team was being joined
    (and is still a valid team with room); the team is forgotten either way."""
    codes = session.pop(TEAM_KEY, None)
    if not isinstance(codes, str):
        return None
    try:
        members = members_with_room(codes)
    except (TeamError, PermalinkError):
        return None
    return url_for("teams.page", codes=SEPARATOR.join([*members, code]))


def joining() -> int | None:
    """How many members the team being joined has, if one is."""
    codes = session.get(TEAM_KEY)
    if not isinstance(codes, str):
        return None
    try:
        return len(split_codes(codes))
    except TeamError:
        return None


def stored(answers: Answers) -> dict[str, Any]:
    """Answers as the session keeps them (lists for multi-selects)."""
    return {key: value if isinstance(value, str) else list(value) for key, value in answers.items()}
