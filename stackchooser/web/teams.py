"""Team links: several people's results on one page, with where they disagree.

A team link is its members' permalink codes joined by dashes, so a team page is a pure
function of its link and is cached like a result page. Joining a team runs the usual
questionnaire with the team kept in the session, and ends on the longer team link.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, redirect, render_template, session, url_for
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response as Redirect

from .. import presenters
from ..permalink import PermalinkError
from ..preview import Picture, picture_png
from ..records import render_team_record
from ..team import MAX_MEMBERS, SEPARATOR, TeamError, TeamResult, split_codes
from .cache import respond_cached
from .forms import ConfirmForm
from .helpers import advisor, public_url
from .results import result_link

bp = Blueprint("teams", __name__)

KINDS = {
    "teams.page": "team_html",
    "teams.as_json": "team_json",
    "teams.as_markdown": "team_md",
    "teams.preview": "team_png",
}
SESSION_KEY = "team"


class TeamNotFound(NotFound):
    """A team link with a bad or unknown code, no members, or too many."""

    description = (
        f"This team link is not one we recognise. A team link holds 1 to {MAX_MEMBERS} "
        "result codes joined by dashes; it may have been cut short when it was copied."
    )


def find_team(codes: str) -> TeamResult:
    """The team for a team link; raises :class:`TeamNotFound` (a 404) for a bad one."""
    try:
        return advisor().team(codes)
    except (TeamError, PermalinkError):
        raise TeamNotFound() from None


def team_link(codes: str) -> str:
    return public_url(url_for("teams.page", codes=codes))


@bp.get("/t/<codes>")
def page(codes: str) -> Response:
    """The team page."""

    def render() -> bytes:
        rows = presenters.team_page(
            advisor(), codes, find_team(codes), team_link(codes), result_link
        )
        return render_template("pages/team.html", team=rows).encode()

    return respond_cached("team_html", codes, render)


@bp.get("/t/<codes>.json")
def as_json(codes: str) -> Response:
    """The team as JSON."""

    def render() -> bytes:
        data = presenters.team_json(advisor(), find_team(codes), team_link(codes), result_link)
        return json.dumps(data, ensure_ascii=False, indent=2).encode()

    return respond_cached("team_json", codes, render)


@bp.get("/t/<codes>.md")
def as_markdown(codes: str) -> Response:
    """The team's decision record, as a download."""

    def render() -> bytes:
        record = presenters.team_record(
            advisor(), codes, find_team(codes), team_link(codes), result_link
        )
        return render_team_record(record, advisor().content.article).encode()

    return respond_cached("team_md", codes, render)


@bp.get("/t/<codes>.png")
def preview(codes: str) -> Response:
    """The team's link preview."""

    def render() -> bytes:
        team = find_team(codes)
        return picture_png(
            Picture(
                heading=f"A team of {len(team.members)} decides",
                verdict=team.verdict,
                python=team.python,
                nodejs=team.nodejs,
                summary=team.majority.plan.summary
                if team.majority.plan
                else team.majority.result.stack,
            )
        )

    return respond_cached("team_png", codes, render)


def _members_with_room(codes: str) -> list[str]:
    """The member codes of a team that can take one more; raises TeamError or
    PermalinkError (checking each code decodes, without combining the team)."""
    members = split_codes(codes)
    if len(members) >= MAX_MEMBERS:
        raise TeamError("the team is full")
    for code in members:
        advisor().answers_from_code(code)  # decodes, or raises PermalinkError
    return members


@bp.route("/t/<codes>/add", methods=["GET", "POST"])
def add(codes: str) -> Redirect | str:
    """Join a team: answer the questionnaire; finishing it lands on the longer team link.
    A GET asks first; only the POST starts the questionnaire for the team."""
    try:
        members = _members_with_room(codes)
    except (TeamError, PermalinkError):
        raise TeamNotFound() from None
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template(
            "pages/confirm.html",
            form=form,
            title=f"Join this team of {len(members)}?",
            text="You answer the questionnaire from the start, in place of any answers you "
            "have given so far; at the end your answers join the team and you get its new link.",
            button="Join and start the questionnaire",
            action=url_for(".add", codes=codes),
            cancel_url=url_for(".page", codes=codes),
        )
    session["answers"] = {}
    session[SESSION_KEY] = codes
    return redirect(url_for("wizard.step", question_id=advisor().content.questions[0].id))


def joined_team(code: str) -> str | None:
    """After the questionnaire: the team link with `code` added, if a team was being joined
    (and is still a valid team with room); the team is forgotten either way."""
    codes = session.pop(SESSION_KEY, None)
    if not isinstance(codes, str):
        return None
    try:
        members = _members_with_room(codes)
    except (TeamError, PermalinkError):
        return None
    return url_for("teams.page", codes=SEPARATOR.join([*members, code]))


def joining() -> int | None:
    """How many members the team being joined has, if one is."""
    codes = session.get(SESSION_KEY)
    if not isinstance(codes, str):
        return None
    try:
        return len(split_codes(codes))
    except TeamError:
        return None
