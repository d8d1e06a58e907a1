"""Results in words: answers, changes, verdicts and how firm they are."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..advisor import Advisor
from ..engine import Change, Edit, Recommendation
from ..kinds import display_name, other_language
from ..model import Ruleset


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


def firmness_words(rec: Recommendation) -> str:
    """How firm the result is, in words: which way the answers that moved it pointed."""
    python = sum(1 for r in rec.reasons if r.favours == "python")
    nodejs = sum(1 for r in rec.reasons if r.favours == "nodejs")
    if not python and not nodejs:
        return "No answer moved the score either way."
    if rec.verdict != "either":
        ahead, behind = (python, nodejs) if rec.verdict == "python" else (nodejs, python)
        name = display_name(rec.verdict)
        other = display_name(other_language(rec.verdict))
        if not behind:
            return f"Every answer that moved the score pointed to {name}."
        return (
            f"{_count(ahead)} pointed to {name} and {_count(behind)} to {other}; "
            f"{name}’s outweigh them."
        )
    return (
        f"It is close: {_count(python)} moved the score toward Python and {_count(nodejs)} "
        "toward NodeJS, not far enough apart to decide it."
    )


def _count(number: int) -> str:
    """ "no answer", "1 answer", "3 answers" """
    if not number:
        return "no answer"
    return f"{number} answer{'s' if number != 1 else ''}"


@dataclass(frozen=True)
class Meter:
    """The margin between the scores against the close-call zone, for a small picture:
    x positions on a 0-300 scale, Python to the left of the centre, NodeJS to the right."""

    zone_x: int
    zone_width: int
    marker_x: int
    description: str


METER_WIDTH = 300


def margin_meter(margin: int, either_margin: int) -> Meter:
    """Python's lead (negative: NodeJS's) placed on a scale wide enough to show it."""
    reach = max(12, abs(margin) + 2)
    unit = (METER_WIDTH / 2 - 10) / reach
    centre = METER_WIDTH // 2
    zone = round(either_margin * unit)
    marker = round(centre - margin * unit)
    if margin == 0:
        where = "level, in the middle of the close-call zone"
    else:
        side = "Python" if margin > 0 else "NodeJS"
        inside = "inside" if abs(margin) <= either_margin else "outside"
        where = f"{abs(margin)} points toward {side}, {inside} the close-call zone"
    return Meter(
        centre - zone,
        2 * zone,
        marker,
        f"The scores’ difference is {where} of {either_margin} points each way.",
    )


def settle_text(advisor: Advisor, rec: Recommendation) -> str | None:
    """On a close call, a way to settle it rather than a coin toss."""
    if rec.verdict != "either":
        return None
    work = sorted(
        (r for r in rec.reasons if r.weight and r.question == "workloads"), key=lambda r: -r.weight
    )
    part = "the riskiest part of the back end"
    if work:
        label = advisor.question("workloads").option(work[0].answer).label
        part = f"the part that does “{label.lower()}”"
    return (
        f"To settle it, time-box a spike: build {part} in both languages, a day or two each, "
        "then let the team choose with what it learned."
    )


def version_words(ruleset: Ruleset) -> str:
    """A ruleset as people read it: "scoring version 3, November 2026"."""
    released = date.fromisoformat(ruleset.released)
    return f"scoring version {ruleset.version}, {released:%B %Y}"


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
        rule = advisor.ruleset_of(rec).close_call
        team_language = rule.languages.get(str(rec.answers.get(rule.question)))
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
