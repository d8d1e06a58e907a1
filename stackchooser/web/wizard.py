"""The questionnaire: one page per question, a check page, then the result's permalink.

In-progress answers live only in the signed session cookie. Every view follows
post, validate, redirect, get.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from ..content import Question
from ..engine import AnswerError, normalize_answer
from ..presenters import answer_lines
from .forms import SubmitAnswersForm, form_class
from .helpers import advisor
from .results import find_result
from .teams import SESSION_KEY as TEAM_SESSION_KEY
from .teams import joined_team, joining

bp = Blueprint("wizard", __name__)

SESSION_LOST = (
    "We could not find your earlier answers. They may have expired, or your browser "
    "may be blocking cookies. Please start again: it takes about two minutes."
)
Stored = dict[str, str | list[str]]


def _questions() -> tuple[Question, ...]:
    return advisor().content.questions


def _saved_answers() -> Stored | None:
    """The answers in the session, keeping only those still valid; None if there is no session."""
    raw = session.get("answers")
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
    flash(SESSION_LOST, "warning")
    return redirect(_step_url(_questions()[0]))


@bp.get("/start")
def start() -> Response:
    """Begin afresh: forget any answers in progress."""
    session["answers"] = {}
    session.pop(TEAM_SESSION_KEY, None)
    return redirect(_step_url(_questions()[0]))


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
        session["answers"] = saved
        if changing or index + 1 == len(questions):
            return redirect(url_for(".check"))
        return redirect(_step_url(questions[index + 1]))

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
        is_last=index + 1 == len(questions),
    )


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


@bp.get("/edit/<code>")
def edit(code: str) -> Response:
    """Load a result's answers into the questionnaire, at the check page, or at the page of
    the question named by `?question=` (which then returns to the check page)."""
    result = find_result(code)
    answers = advisor().answers_for_editing(result.recommendation.answers)
    session.pop(TEAM_SESSION_KEY, None)
    session["answers"] = {
        key: value if isinstance(value, str) else list(value) for key, value in answers.items()
    }
    question_id = request.args.get("question")
    question = next((q for q in _questions() if q.id == question_id), None)
    if question is not None:
        return redirect(_step_url(question, change=True))
    return redirect(url_for(".check"))
