"""Teams: several people's results combined, with where they disagree. Pure, no Flask.

A team link is a list of permalink codes, so nothing is stored: the team is a function of
its link. It is settled the way one person is: the close-call rule applied to the members'
mean scores gives the verdict and the lean, and the team's plan is composed in that
language from the team's majority answers. Neither the order in which people joined nor
the order in which the questionnaire lists its options changes anything: a one-of
question whose most chosen options tie is "unsettled", and for the plan the tie goes to
the option that favours the team's lean. Disagreements are ordered by the points they move.
A workload some members chose that the majority answers leave out is named with its count
(no member's need vanishes), and what would change the team's lean is worked out: which
member's answer, or which settled tie.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from .engine import Plan, Recommendation, close_call_lean, compose_plan, evaluate, unique
from .i18n import N_
from .kinds import Language, LeanBasis, Verdict
from .model import Answers, AnswerValue, Question, Ruleset, chosen

MAX_MEMBERS = 20
SEPARATOR = "-"
WORKLOADS = "workloads"  # the question whose options are the work a plan must do
TIE_RULE = N_(
    "Each question takes its most chosen answer; a multi-select option is kept when at least "
    "half of the members chose it, up to the question’s limit (past it, the question is "
    "yours to settle). Where the most chosen answers tie, settle the question together: "
    "until then the plan takes the tied answer that favours the team’s lean most (the first "
    "listed, when they favour it alike)."
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
class Unsettled:
    """A one-of question whose most chosen options tie, or a multi-select whose options
    chosen by at least half of the members are more than it allows (cut by its limit)."""

    question: str
    options: tuple[str, ...]  # in the ruleset's order
    chosen: AnswerValue  # what the team's plan takes for now: it favours the team's lean


@dataclass(frozen=True)
class Dropped:
    """A workload some members chose that the team's majority answers leave out."""

    option: str
    count: int  # how many members chose it


@dataclass(frozen=True)
class TeamChange:
    """One change that would move the team's lean: a member's answer to one question
    becoming another answer a member gave (`member` is their number), or an unsettled
    question settled on one of its tied options (`member` is None)."""

    member: int | None
    question: str
    value: AnswerValue
    verdict: Verdict
    lean: Verdict
    python: float  # the mean scores it would give
    nodejs: float


@dataclass(frozen=True)
class Majority:
    """The team's majority answers and the plan composed from them in the team's lean."""

    answers: Answers
    result: Recommendation  # the majority answers' own result (as one person's)
    plan: Plan | None  # in the team's verdict's language, or its lean's on a close call
    unsettled: tuple[Unsettled, ...]
    counts: dict[tuple[str, str], int]  # how many members gave each answer
    dropped: tuple[Dropped, ...] = ()  # workloads some chose that the plan leaves out


@dataclass(frozen=True)
class TeamResult:
    """The team as a whole."""

    members: tuple[Member, ...]
    python: float  # the members' mean scores
    nodejs: float
    verdict: Verdict
    lean: Verdict
    lean_basis: LeanBasis | None
    disagreements: tuple[Disagreement, ...]  # most points first
    agreed: tuple[str, ...]  # questions everyone answered alike
    majority: Majority
    changes: tuple[TeamChange, ...] = ()  # what would change the team's lean

    @property
    def by_verdict(self) -> dict[tuple[Verdict, Verdict], int]:
        """How the members came out: how many got each (verdict, lean)."""
        counted = Counter((m.recommendation.verdict, m.recommendation.lean) for m in self.members)
        return dict(counted)


def combined_verdict(python: float, nodejs: float, margin: int) -> Verdict:
    """The close-call rule, applied to (mean) scores."""
    if abs(python - nodejs) <= margin:
        return "either"
    return "python" if python > nodejs else "nodejs"


def _margin_from(recommendation: Recommendation, question_id: str) -> int:
    return sum(r.python - r.nodejs for r in recommendation.reasons if r.question == question_id)


def _disagreement(
    question: Question, members: Sequence[Member], ruleset: Ruleset
) -> Disagreement | None:
    answers = [m.recommendation.answers.get(question.id) for m in members]
    if len({a for a in answers if a is not None}) <= 1:
        return None
    counted: Counter[str] = Counter(o for a in answers if a is not None for o in chosen(a))
    counts = tuple((o, counted[o]) for o in question.option_ids if counted[o])
    margins = [_margin_from(m.recommendation, question.id) for m in members]
    # In the questionnaire's order of answers, so that joining order changes nothing.
    reasons = sorted(
        (r for m in members for r in m.recommendation.reasons if r.question == question.id),
        key=lambda r: ruleset.answer_order.get((r.question, r.answer), 0),
    )
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


def _given(members: Sequence[Member], question: Question) -> list[AnswerValue]:
    values = [m.recommendation.answers.get(question.id, question.default) for m in members]
    return [value for value in values if value is not None]


def _most_chosen(members: Sequence[Member], ruleset: Ruleset) -> dict[str, tuple[str, ...]]:
    """For each one-of question, its most chosen options (more than one on a tie)."""
    top: dict[str, tuple[str, ...]] = {}
    for question in ruleset.questions:
        if question.multiple:
            continue
        counted = Counter(o for value in _given(members, question) for o in chosen(value))
        most = max(counted.values())
        top[question.id] = tuple(o for o in question.option_ids if counted[o] == most)
    return top


def team_lean(
    members: Sequence[Member],
    python: float,
    nodejs: float,
    verdict: Verdict,
    ruleset: Ruleset,
    settled: Mapping[str, str] | None = None,
) -> tuple[Verdict, LeanBasis | None]:
    """The close-call rule on the team's mean scores. The team's language counts only when
    its most chosen answer is settled; a large system counts when it is among the most
    chosen sizes. `settled` settles tied questions on one of their options."""
    if verdict != "either":
        return verdict, "verdict"
    top = {**_most_chosen(members, ruleset), **{q: (o,) for q, o in (settled or {}).items()}}
    rule = ruleset.close_call
    team = top[rule.question] if len(top[rule.question]) == 1 else ()
    leans = set()
    for options in itertools.product(*(top[q] for q in top if q != rule.question)):
        answers: Answers = dict(zip([q for q in top if q != rule.question], options, strict=True))
        answers[rule.question] = team[0] if team else ""
        for question in ruleset.questions:
            answers.setdefault(question.id, ())
        leans.add(close_call_lean(answers, python, nodejs, ruleset))
    # Scores first wins over the team when any most chosen size asks for it.
    return min(leans, key=lambda lean: lean[1] != "scores")


def _pull(answers: Answers, question_id: str, option: str, lean: Verdict, ruleset: Ruleset) -> int:
    """How far the whole score leans toward `lean` with this one-of option."""
    result = evaluate({**answers, question_id: option}, ruleset, with_changes=False)
    return result.margin if lean == "python" else -result.margin


def _favour(
    answers: Answers, question: Question, option: str, lean: Verdict, ruleset: Ruleset
) -> int:
    """How far one option pushes toward the lean, given the other answers."""
    value: AnswerValue = option if not question.multiple else (option,)
    weighting = ruleset.weights[question.id][option].weighting({**answers, question.id: value})
    toward = weighting.python - weighting.nodejs
    return toward if lean == "python" else -toward


def majority_answers(
    members: Sequence[Member], ruleset: Ruleset, lean: Verdict
) -> tuple[Answers, tuple[Unsettled, ...]]:
    """Each question's most chosen option, and for multi-selects the options at least half
    of the members chose (the most chosen first, within the question's limit). Ties go to
    the option that favours `lean` most, then to the first in the ruleset's order."""
    top = _most_chosen(members, ruleset)
    tied = {question: options for question, options in top.items() if len(options) > 1}
    answers: Answers = {}
    counts: dict[str, Counter[str]] = {}  # multi-selects: how many members chose each option
    for question in ruleset.questions:
        if not question.multiple:
            answers[question.id] = top[question.id][0]
            continue
        values = _given(members, question)
        counted = counts[question.id] = Counter(o for value in values for o in chosen(value))
        answers[question.id] = tuple(
            o for o in question.option_ids if 2 * counted[o] >= len(values)
        )
    # Break ties toward the lean, each question given the others (questionnaire order): by
    # the whole score each tied option gives, since an option can change other answers'
    # points (a large system counts the team's language once).
    for question in ruleset.questions:
        if question.id in tied:
            order = {o: i for i, o in enumerate(question.option_ids)}
            answers[question.id] = min(
                tied[question.id],
                key=lambda o: (-_pull(answers, question.id, o, lean, ruleset), order[o]),
            )
    capped: list[Unsettled] = []  # multi-selects whose limit cut options half chose
    for question in ruleset.questions:
        kept = answers[question.id]
        if question.multiple and question.max is not None and len(kept) > question.max:
            candidates = tuple(o for o in question.option_ids if o in kept)
            counted = counts[question.id]
            order = {o: i for i, o in enumerate(question.option_ids)}
            ranked = sorted(
                kept,
                key=lambda o: (
                    -counted[o],
                    -_favour(answers, question, o, lean, ruleset),
                    order[o],
                ),
            )
            answers[question.id] = tuple(
                o for o in question.option_ids if o in ranked[: question.max]
            )
            capped.append(Unsettled(question.id, candidates, answers[question.id]))
    unsettled = [Unsettled(q, options, str(answers[q])) for q, options in tied.items()]
    unsettled += capped
    return answers, tuple(unsettled)


def combine(members: Sequence[Member], ruleset: Ruleset) -> TeamResult:
    """The team's combined result under `ruleset` (the current one)."""
    if not members:
        raise TeamError("a team has at least one member")
    count = len(members)
    python = sum(m.recommendation.python for m in members) / count
    nodejs = sum(m.recommendation.nodejs for m in members) / count
    verdict = combined_verdict(python, nodejs, ruleset.either_margin)
    lean, basis = team_lean(members, python, nodejs, verdict, ruleset)
    found = [_disagreement(question, members, ruleset) for question in ruleset.questions]
    disagreements = sorted(
        (d for d in found if d is not None),
        key=lambda d: -d.points,  # stable: ties keep questionnaire order
    )
    differing = {d.question for d in disagreements}
    answers, unsettled = majority_answers(members, ruleset, lean)
    result = evaluate(answers, ruleset, with_changes=False)
    plan = None
    if ruleset.plan is not None and lean != "either":
        language: Language = lean
        plan = compose_plan(answers, language, result.reasons, ruleset)
    counts: Counter[tuple[str, str]] = Counter(
        (question, option)
        for m in members
        for question, value in m.recommendation.answers.items()
        for option in chosen(value)
    )
    kept = set(chosen(answers[WORKLOADS])) if WORKLOADS in answers else set()
    dropped = tuple(
        Dropped(option, counts[(WORKLOADS, option)])
        for option in (ruleset.question(WORKLOADS).option_ids if WORKLOADS in answers else ())
        if counts[(WORKLOADS, option)] and option not in kept
    )
    team = TeamResult(
        members=tuple(members),
        python=python,
        nodejs=nodejs,
        verdict=verdict,
        lean=lean,
        lean_basis=basis,
        disagreements=tuple(disagreements),
        agreed=tuple(q.id for q in ruleset.questions if q.id not in differing),
        majority=Majority(answers, result, plan, unsettled, dict(counts), dropped),
    )
    return replace(team, changes=team_changes(team, ruleset))


def team_changes(team: TeamResult, ruleset: Ruleset) -> tuple[TeamChange, ...]:
    """What would change the team's lean (and so its plan's language): each member's
    answer to a question becoming another answer a member gave to it, then each unsettled
    one-of question settled on another of its tied options. Means move by the changed
    member's scores over the team's size; members are scored afresh only when changed."""
    members = team.members
    size = len(members)
    changes: list[TeamChange] = []
    for question in ruleset.questions:
        given = unique(
            m.recommendation.answers[question.id]
            for m in members
            if question.id in m.recommendation.answers
        )
        if len(given) < 2:
            continue
        for member in members:
            current = member.recommendation.answers.get(question.id)
            for value in given:
                if value == current:
                    continue
                changed = evaluate(
                    {**member.recommendation.answers, question.id: value},
                    ruleset,
                    with_changes=False,
                )
                python = team.python + (changed.python - member.recommendation.python) / size
                nodejs = team.nodejs + (changed.nodejs - member.recommendation.nodejs) / size
                verdict = combined_verdict(python, nodejs, ruleset.either_margin)
                swapped = [
                    replace(m, recommendation=changed) if m is member else m for m in members
                ]
                lean, _ = team_lean(swapped, python, nodejs, verdict, ruleset)
                if lean != team.lean:
                    changes.append(
                        TeamChange(member.number, question.id, value, verdict, lean, python, nodejs)
                    )
    for item in team.majority.unsettled:
        if ruleset.question(item.question).multiple:
            continue
        for option in item.options:
            if option == item.chosen:
                continue
            lean, _ = team_lean(
                members, team.python, team.nodejs, team.verdict, ruleset, {item.question: option}
            )
            if lean != team.lean:
                changes.append(
                    TeamChange(
                        None, item.question, option, team.verdict, lean, team.python, team.nodejs
                    )
                )
    return tuple(changes)
