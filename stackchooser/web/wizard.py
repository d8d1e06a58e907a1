"""The questionnaire: one page per question, a check page, then the result's permalink.

In-progress answers live only in the signed session cookie. Every view follows
post, validate, redirect, get.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_wtf import FlaskForm
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response

from ..caches import Cache
from ..engine import AnswerError, normalize_answer
from ..i18n import N_, _, current_language
from ..model import Question
from ..presenters import answer_lines
from .forms import ConfirmForm, SubmitAnswersForm, form_class
from .helpers import (
    ANSWERS_KEY,
    TEAM_KEY,
    advisor,
    confirm_page,
    find_answers,
    joined_team,
    joining,
    stored,
)

bp = Blueprint("wizard", __name__)

SESSION_LOST = N_(
    "We could not find your earlier answers. They may have expired, or your browser "
    "may be blocking cookies. Please start again: it takes about two minutes."
)
# The browser sent its cookie, but the site could not read it (a change on our side).
ANSWERS_LOST = N_(
    "Sorry, the site lost your earlier answers: it could no longer read them after a "
    "change on our side. Please start again: it takes about two minutes."
)
Stored = dict[str, str | list[str]]


def _questions() -> tuple[Question, ...]:
    return advisor().content.questions


def _saved_answers() -> Stored | None:
    """The answers in the session, keeping only those still valid; None if there is no session."""
    raw = session.get(ANSWERS_KEY)
    if not isinstance(raw, dict):
        return None
    saved: Stored = {}
    for question in _questions():
        value = raw.get(question.id)
        if value is None:
            continue
        try:
            normalize_answer(question, value)
        except AnswerError:
            continue
        saved[question.id] = value
    return saved


def _first_unanswered(saved: Stored) -> Question | None:
    return next((question for question in _questions() if question.id not in saved), None)


def _step_url(question: Question, change: bool = False) -> str:
    return url_for(".step", question_id=question.id, change=1 if change else None)


def _lost() -> Response:
    lost_by_us = getattr(session, "lost", False)
    flash(_(ANSWERS_LOST if lost_by_us else SESSION_LOST), "warning")
    return redirect(_step_url(_questions()[0]))


@bp.route("/start", methods=["GET", "POST"])
def start() -> Response | str:
    """Begin afresh: forget any answers in progress. A GET changes nothing: with no
    answers in progress it goes to the first question, otherwise it asks first."""
    form = ConfirmForm()
    if form.validate_on_submit():
        session[ANSWERS_KEY] = {}
        session.pop(TEAM_KEY, None)
        return redirect(_step_url(_questions()[0]))
    if not session.get(ANSWERS_KEY) and TEAM_KEY not in session:
        return redirect(_step_url(_questions()[0]))
    return confirm_page(
        form,
        _("Start again?"),
        _("This forgets the answers you have given so far."),
        _("Start again"),
        url_for(".start"),
        url_for(".check"),
    )


@bp.route("/questions/<question_id>", methods=["GET", "POST"])
def step(question_id: str) -> Response | str:
    """One question's page."""
    questions = _questions()
    index = next((i for i, q in enumerate(questions) if q.id == question_id), None)
    if index is None:
        abort(404)
    question = questions[index]
    saved = _saved_answers()
    if saved is None:
        if index > 0:
            return _lost()
        saved = {}
    missing = _first_unanswered({k: v for k, v in saved.items() if k != question.id})
    if missing is not None and questions.index(missing) < index:
        return redirect(_step_url(missing))
    changing = request.args.get("change") == "1"

    form = form_class(question)(data={question.id: saved.get(question.id)})
    if form.validate_on_submit():
        saved[question.id] = form[question.id].data
        session[ANSWERS_KEY] = saved
        if changing or index + 1 == len(questions):
            return redirect(url_for(".check"))
        return redirect(_step_url(questions[index + 1]))

    if not form.is_submitted() and not session.get("_flashes"):
        value = saved.get(question.id) or []
        picked = [value] if isinstance(value, str) else list(value)
        return _prebuilt_step(index, changing).fill(generate_csrf(), picked)
    return _render_step(form, index, changing)


def _render_step(form: FlaskForm, index: int, changing: bool, mark: bool = False) -> str:
    """A question's page; with `mark`, each option says where its checked state goes."""
    questions = _questions()
    question = questions[index]
    back_url = (
        url_for(".check")
        if changing
        else (_step_url(questions[index - 1]) if index else url_for("pages.landing"))
    )
    return render_template(
        "pages/step.html",
        question=question,
        form=form,
        field=form[question.id],
        step_number=index + 1,
        step_count=len(questions),
        back_url=back_url,
        changing=changing,
        mark_choices=mark,
    )


@dataclass(frozen=True)
class PrebuiltStep:
    """A question's page rendered once, with room for the CSRF token and the answer."""

    html: str
    options: tuple[str, ...]

    def fill(self, token: str, chosen: Sequence[str]) -> str:
        html = self.html.replace(CSRF_MARK, token)
        for option in self.options:
            html = html.replace(
                f' data-check="{option}"', " checked" if option in chosen else "", 1
            )
        return html


CSRF_MARK = "{csrf-token}"  # cannot occur in a page: braces are not in tokens or ids


def _prebuilt_step(index: int, changing: bool) -> PrebuiltStep:
    """The page of the question at `index`, rendered once per process (and per way in:
    from the previous step or from the check page); most of a step's cost was rendering."""
    steps: Cache[tuple[int, bool, str], PrebuiltStep] = current_app.extensions["stackchooser_steps"]
    return steps.get((index, changing, current_language()), lambda: _build_step(index, changing))


def _build_step(index: int, changing: bool) -> PrebuiltStep:
    question = _questions()[index]
    form = form_class(question)(data={question.id: None})
    html = _render_step(form, index, changing, mark=True)
    # The token this rendering made becomes a slot for each visitor's own.
    csrf_field = getattr(form, "csrf_token", None)  # absent when CSRF is switched off
    if csrf_field is not None:
        html = html.replace(csrf_field.current_token, CSRF_MARK)
    return PrebuiltStep(html, question.option_ids)


@bp.route("/check", methods=["GET", "POST"])
def check() -> Response | str:
    """Check your answers, with a change link for each; submitting shows the result."""
    saved = _saved_answers()
    if saved is None:
        return _lost()
    missing = _first_unanswered(saved)
    if missing is not None:
        return redirect(_step_url(missing))
    form = SubmitAnswersForm()
    if form.validate_on_submit():
        result = advisor().recommend(saved)
        team = joined_team(result.code)
        return redirect(team or url_for("results.page", code=result.code))
    rows = [
        {
            "question": question,
            "lines": answer_lines(advisor(), question.id, saved[question.id]),
            "change_url": _step_url(question, change=True),
        }
        for question in _questions()
    ]
    return render_template(
        "pages/check.html",
        rows=rows,
        form=form,
        team_size=joining(),
        back_url=_step_url(_questions()[-1]),
    )


@bp.route("/edit/<code>", methods=["GET", "POST"])
def edit(code: str) -> Response | str:
    """Load a result's answers into the questionnaire, at the check page, or at the page of
    the question named by `?question=` (which then returns to the check page). A GET asks
    first; only the POST replaces the answers in progress. The code is only decoded."""
    answers = advisor().answers_for_editing(find_answers(code))
    question_id = request.args.get("question")
    question = next((q for q in _questions() if q.id == question_id), None)
    form = ConfirmForm()
    if not form.validate_on_submit():
        text = _(
            "This puts the result’s answers into the questionnaire, in place of any answers "
            "you have given so far, so that you can change them."
        )
        if question is not None:
            text += " " + _("You start at “%(question)s”.", question=question.summary)
        return confirm_page(
            form,
            _("Edit these answers?"),
            text,
            _("Edit these answers"),
            url_for(".edit", code=code, question=question.id if question else None),
            url_for("results.page", code=code),
        )
    session.pop(TEAM_KEY, None)
    session[ANSWERS_KEY] = stored(answers)
    if question is not None:
        return redirect(_step_url(question, change=True))
    return redirect(url_for(".check"))
