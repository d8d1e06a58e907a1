"""Teams: several people's results combined, with where they disagree. Pure, no Flask.

A team link is a list of permalink codes, so nothing is stored: the team is a function of
its link. The combined result is the close-call rule applied to the members' mean scores
(so the order in which people joined never changes it); the team's plan is the plan for
the team's majority answers; disagreements are ordered by how many points they move.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .content import Answers, AnswerValue, Question, Ruleset, chosen
from .engine import Recommendation, evaluate, unique
from .kinds import Verdict

MAX_MEMBERS = 20
SEPARATOR = "-"
TIE_RULE = (
    "On a tie, the option listed first in the questionnaire wins; a multi-select option is "
    "kept when at least half of the members chose it (the most chosen first, within its limit)."
)


class TeamError(ValueError):
    """A team link with no members, too many, or a code that is not a result."""


def split_codes(codes: str) -> list[str]:
    """The member codes of a team link, in joining order; raises :class:`TeamError`."""
    members = codes.split(SEPARATOR)
    if not 1 <= len(members) <= MAX_MEMBERS or not all(members):
        raise TeamError(f"a team has 1 to {MAX_MEMBERS} members")
    return members


@dataclass(frozen=True)
class Member:
    """One person's result in the team, numbered in joining order from 1."""

    number: int
    code: str
    recommendation: Recommendation


@dataclass(frozen=True)
class Disagreement:
    """A question on which the members' answers differ."""

    question: str
    counts: tuple[tuple[str, int], ...]  # each option chosen by someone, and how many chose it
    points: int  # the spread of the members' margins from this question alone
    python_strengths: tuple[str, ...]  # strengths at stake on each side
    nodejs_strengths: tuple[str, ...]


@dataclass(frozen=True)
class TeamResult:
    """The team as a whole."""

    members: tuple[Member, ...]
    python: float  # the members' mean scores
    nodejs: float
    verdict: Verdict
    disagreements: tuple[Disagreement, ...]  # most points first
    agreed: tuple[str, ...]  # questions everyone answered alike
    majority: Recommendation  # the result for the team's majority answers


def combined_verdict(python: float, nodejs: float, margin: int) -> Verdict:
    """The close-call rule, applied to (mean) scores."""
    if abs(python - nodejs) <= margin:
        return "either"
    return "python" if python > nodejs else "nodejs"


def _margin_from(recommendation: Recommendation, question_id: str) -> int:
    return sum(r.python - r.nodejs for r in recommendation.reasons if r.question == question_id)


def _disagreement(question: Question, members: Sequence[Member]) -> Disagreement | None:
    answers = [m.recommendation.answers.get(question.id) for m in members]
    if len({a for a in answers if a is not None}) <= 1:
        return None
    counted: Counter[str] = Counter(o for a in answers if a is not None for o in chosen(a))
    counts = tuple((o, counted[o]) for o in question.option_ids if counted[o])
    margins = [_margin_from(m.recommendation, question.id) for m in members]
    reasons = [r for m in members for r in m.recommendation.reasons if r.question == question.id]
    python = unique(s for r in reasons if r.favours == "python" for s in r.strengths)
    nodejs = unique(s for r in reasons if r.favours == "nodejs" for s in r.strengths)
    # A strength cited on both sides (the team comes first, say) is not at stake.
    return Disagreement(
        question.id,
        counts,
        max(margins) - min(margins),
        tuple(s for s in python if s not in nodejs),
        tuple(s for s in nodejs if s not in python),
    )


def majority_answers(
    members: Sequence[Member], ruleset: Ruleset, shown: Sequence[Question] = ()
) -> Answers:
    """Each question's most chosen option (ties: the order the questionnaire shows, given
    by `shown`, else the ruleset's); for multi-selects, the options at least half of the
    members chose, within the question's limit."""
    display = {question.id: question.option_ids for question in shown}
    answers: Answers = {}
    for question in ruleset.questions:
        given = [m.recommendation.answers.get(question.id, question.default) for m in members]
        values: list[AnswerValue] = [value for value in given if value is not None]
        counted: Counter[str] = Counter(o for value in values for o in chosen(value))
        listed = display.get(question.id, question.option_ids)
        order = {option: index for index, option in enumerate(listed)}
        ranked = sorted(counted, key=lambda option: (-counted[option], order[option]))
        if not question.multiple:
            answers[question.id] = ranked[0]
            continue
        kept = [option for option in ranked if 2 * counted[option] >= len(values)]
        kept = kept[: question.max] if question.max is not None else kept
        answers[question.id] = tuple(o for o in question.option_ids if o in kept)
    return answers


def combine(
    members: Sequence[Member], ruleset: Ruleset, shown: Sequence[Question] = ()
) -> TeamResult:
    """The team's combined result under `ruleset` (the current one); `shown` is the
    questionnaire as it is shown, whose option order breaks ties."""
    if not members:
        raise TeamError("a team has at least one member")
    count = len(members)
    python = sum(m.recommendation.python for m in members) / count
    nodejs = sum(m.recommendation.nodejs for m in members) / count
    found = [_disagreement(question, members) for question in ruleset.questions]
    disagreements = sorted(
        (d for d in found if d is not None),
        key=lambda d: -d.points,  # stable: ties keep questionnaire order
    )
    differing = {d.question for d in disagreements}
    return TeamResult(
        members=tuple(members),
        python=python,
        nodejs=nodejs,
        verdict=combined_verdict(python, nodejs, ruleset.either_margin),
        disagreements=tuple(disagreements),
        agreed=tuple(q.id for q in ruleset.questions if q.id not in differing),
        majority=evaluate(majority_answers(members, ruleset, shown), ruleset, with_changes=False),
    )
