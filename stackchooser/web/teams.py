"""Team links: several people's results on one page, with where they disagree.

A team link is its members' permalink codes joined by dashes, so a team is a pure
function of its link: its formats come from the format table and are cached like a
result's. Joining a team runs the usual questionnaire with the team kept in the session,
and ends on the longer team link.
"""

from __future__ import annotations

from flask import Blueprint, Response, redirect, session, url_for
from werkzeug.wrappers import Response as Redirect

from ..i18n import _
from ..permalink import PermalinkError
from ..team import TeamError
from .cache import respond
from .forms import ConfirmForm
from .helpers import (
    ANSWERS_KEY,
    TEAM_KEY,
    TeamNotFound,
    advisor,
    confirm_page,
    members_with_room,
)

bp = Blueprint("teams", __name__)


# A team in each web format of the format table (formats.py names these endpoints).
@bp.get("/t/<codes>")
def page(codes: str) -> Response:
    """The team's page."""
    return respond("team_html", codes)


@bp.get("/t/<codes>.json")
def as_json(codes: str) -> Response:
    return respond("team_json", codes)


@bp.get("/t/<codes>.md")
def as_markdown(codes: str) -> Response:
    """The team as a Markdown decision record (a download)."""
    return respond("team_md", codes)


@bp.get("/t/<codes>.png")
def preview(codes: str) -> Response:
    """The team's link preview (1200×630)."""
    return respond("team_png", codes)


@bp.route("/t/<codes>/add", methods=["GET", "POST"])
def add(codes: str) -> Redirect | str:
    """Join a team: answer the questionnaire; finishing it lands on the longer team link.
    A GET asks first; only the POST starts the questionnaire for the team."""
    try:
        members = members_with_room(codes)
    except (TeamError, PermalinkError):
        raise TeamNotFound() from None
    form = ConfirmForm()
    if not form.validate_on_submit():
        return confirm_page(
            form,
            _("Join this team of %(count)s?", count=len(members)),
            _(
                "You answer the questionnaire from the start, in place of any answers you have "
                "given so far; at the end your answers join the team and you get its new link."
            ),
            _("Join and start the questionnaire"),
            url_for(".add", codes=codes),
            url_for(".page", codes=codes),
        )
    session[ANSWERS_KEY] = {}
    session[TEAM_KEY] = codes
    return redirect(url_for("wizard.step", question_id=advisor().content.questions[0].id))
