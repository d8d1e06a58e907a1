"""Results in words: answers, changes, verdicts and how firm they are."""

from __future__ import annotations

from collections.abc import Sequence

from ..advisor import Advisor
from ..engine import Change, Edit, Recommendation
from ..kinds import display_name


def answer_text(advisor: Advisor, question_id: str, value: str | Sequence[str]) -> str:
    """An answer in words, as the questionnaire showed it, on one line."""
    return "; ".join(answer_lines(advisor, question_id, value))


def answer_label(advisor: Advisor, question_id: str, option_id: str) -> str:
    """One chosen option with its question: "Top priorities: Easy debugging"."""
    question = advisor.question(question_id)
    return f"{question.summary}: {question.option(option_id).label}"


def short_label(advisor: Advisor, question_id: str, option_id: str) -> str:
    """One chosen option in a few words, as the chart labels it: "JavaScript team"."""
    return advisor.question(question_id).option(option_id).short


def _edit_text(advisor: Advisor, edit: Edit) -> str:
    question = advisor.question(edit.question)
    label = question.option(edit.option).label
    summary = question.summary.lower()
    if edit.action == "add":
        return f"add “{label}” to {summary}"
    if edit.action == "remove":
        return f"remove “{label}” from {summary}"
    return f"answer “{label}” for {summary}"


def would_text(advisor: Advisor, edit: Edit) -> str:
    """An edit as a condition: "your team mainly wrote Python"."""
    option = advisor.question(edit.question).option(edit.option)
    if edit.action == "add":
        return option.would_add
    if edit.action == "remove":
        return option.would_remove
    return option.would


def change_text(advisor: Advisor, change: Change) -> str:
    """A change of answers in words: "add “X” to ... and answer “Y” for ..."."""
    return " and ".join(_edit_text(advisor, edit) for edit in change.edits)


NO_CHANGE = "No change of one or two answers would give a different result or plan."


def changes_note(rec: Recommendation) -> str | None:
    """Said in every format when nothing within one or two answers changes the result."""
    return None if rec.changes else NO_CHANGE


def headline(rec: Recommendation) -> str:
    if rec.verdict == "either":
        return "A close call: either will do"
    return f"Use {display_name(rec.verdict)} for your back end"


def answer_lines(advisor: Advisor, question_id: str, value: str | Sequence[str]) -> tuple[str, ...]:
    """An answer in words, one option a line ("None of these" for an empty multi-select)."""
    question = advisor.question(question_id)
    if isinstance(value, str):
        return (question.option(value).label,)
    return tuple(question.option(o).label for o in value) or ("None of these",)


def firmness(rec: Recommendation, either_margin: int) -> str:
    """How firm the verdict is, in words, with the scale it is measured on."""
    lead = abs(rec.margin)
    if rec.verdict == "either":
        return (
            f"Python {rec.python}, NodeJS {rec.nodejs}: within {either_margin} points of each "
            "other, so a close call."
        )
    kind = "a clear lead" if lead > 3 * either_margin else "a narrow lead"
    return (
        f"Python {rec.python}, NodeJS {rec.nodejs}: {kind} of {lead} points "
        f"(a close call is {either_margin} points or fewer)."
    )


def lean_text(advisor: Advisor, rec: Recommendation) -> str | None:
    """On a close call, why the plan is in its language, in words."""
    if rec.verdict != "either" or rec.lean == "either":
        return None
    lean = display_name(rec.lean)
    if rec.lean_basis == "team":
        return (
            f"When it is this close, the article’s advice is to follow the team: yours knows "
            f"{'JavaScript' if rec.lean == 'nodejs' else 'Python'} best, so the plan uses {lean}."
        )
    if rec.lean_basis == "scores":
        lead = abs(rec.margin)
        tipping = " and ".join(
            f"“{advisor.question(r.question).option(r.answer).label}” (+{r.weight})"
            for r in rec.deciding
        )
        team_language = advisor.ruleset_of(rec).close_call.languages.get(
            str(rec.answers.get("team"))
        )
        why = (
            "On a large system the article lets each language’s strengths count for more "
            "than the team’s habits"
            if team_language is not None
            else "Your team has no one language to follow"
        )
        return (
            f"{why}, so the higher score decides: {lean} leads by {lead} "
            f"point{'s' if lead != 1 else ''}, tipped by {tipping}."
        )
    return advisor.ruleset_of(rec).close_call.fallback_why
