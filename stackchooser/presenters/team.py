"""A team as the team page's rows, as JSON, and as a decision record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from ..advisor import Advisor
from ..engine import Plan
from ..i18n import N_, _, ngettext, number, verdict_words
from ..kinds import Verdict, display_name
from ..model import AnswerValue, Ruleset, chosen
from ..team import MAX_MEMBERS, TIE_RULE, TeamResult
from .rows import (
    AnswerRow,
    CodeLink,
    PlanView,
    SourceRow,
    answer_rows,
    plan_json,
    plan_view,
    source_row,
)
from .words import lead_size, short_label


def _mean(value: float) -> str:
    """A mean score as people write it: "8", "8.5", "8.33" (in Dutch and French, "8,5")."""
    return number(round(value, 2))


@dataclass(frozen=True)
class UnsettledOption:
    label: str
    count: int
    url: str  # the result the majority answers give with this option
    taken: bool  # the option the team's plan takes for now


@dataclass(frozen=True)
class UnsettledRow:
    summary: str
    options: tuple[UnsettledOption, ...]


@dataclass(frozen=True)
class MemberRow:
    number: int
    url: str
    verdict_words: str
    python: int
    nodejs: int
    answers: tuple[AnswerRow, ...]


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int
    url: str | None  # for a one-of question: the result of the majority answers with it


@dataclass(frozen=True)
class GridRow:
    """One question across the members: each member's answer in a few words."""

    summary: str
    cells: tuple[str, ...]
    differs: bool


@dataclass(frozen=True)
class DisagreementRow:
    summary: str
    counts: tuple[CountRow, ...]
    points: int
    python_sources: tuple[SourceRow, ...]
    nodejs_sources: tuple[SourceRow, ...]


@dataclass(frozen=True)
class TeamPage:
    """Everything the team page shows."""

    codes: str
    link: str
    headline: str
    caption: str  # "Two results side by side" for a pair, else "Your team’s decision"
    pair: bool  # two members: their answers are shown side by side
    size_words: str  # "3 members", "1 member"
    scores_line: str  # the mean scores and what they make, in one sentence
    members_title: str
    all_agree: bool  # more than one member, and no question they answered differently
    verdict: Verdict
    verdict_words: str
    lean_words: str  # "Leans to NodeJS: ..." on a close call, else ""
    python: str
    nodejs: str
    members: tuple[MemberRow, ...]
    disagreements: tuple[DisagreementRow, ...]
    agreed: tuple[str, ...]
    grid: tuple[GridRow, ...]  # questions x members
    majority_url: str
    unsettled: tuple[UnsettledRow, ...]
    plan: PlanView | None
    plan_note: str  # how the plan's language was chosen
    tie_rule: str
    can_add: bool
    either_margin: int


def _grid(advisor: Advisor, team: TeamResult) -> tuple[GridRow, ...]:
    differing = {d.question for d in team.disagreements}
    rows = []
    for question in advisor.content.current.questions:
        cells = tuple(
            ", ".join(
                short_label(advisor, question.id, o)
                for o in _options(m.recommendation.answers.get(question.id, question.default))
            )
            or _("None")
            for m in team.members
        )
        rows.append(GridRow(question.summary, cells, question.id in differing))
    return tuple(rows)


def _source_rows(advisor: Advisor, strength_ids: Sequence[str]) -> tuple[SourceRow, ...]:
    return tuple(source_row(advisor.content.strengths[s]) for s in strength_ids)


def _team_headline(team: TeamResult, either_margin: int) -> str:
    """The team's result in a few words, on the same ladder as one person's result."""
    if len(team.members) == 1:
        return _("A team of one, so far")
    count = len(team.members)
    if team.verdict == "either" and team.lean in ("python", "nodejs"):
        return _(
            "Your team of %(count)s: a close call, leaning to %(language)s",
            count=count,
            language=display_name(team.lean),
        )
    if team.verdict == "either":
        return _("Your team of %(count)s: a close call", count=count)
    values = {"count": count, "language": display_name(team.verdict)}
    if lead_size(team.python - team.nodejs, either_margin) == "clear":
        return _("Your team of %(count)s: a clear lead for %(language)s", **values)
    return _("Your team of %(count)s: a narrow lead for %(language)s", **values)


def _lean_words(team: TeamResult, ruleset: Ruleset) -> str:
    """On a close call, which way the team leans and why."""
    if team.verdict != "either" or team.lean == "either":
        return ""
    lean = display_name(team.lean)
    if team.lean_basis == "team":
        return _(
            "It leans to %(language)s: most of you named it as the language your team knows best.",
            language=lean,
        )
    if team.lean_basis == "scores":
        lead = abs(team.python - team.nodejs)
        text = (
            N_("It leans to %(language)s, ahead by %(lead)s point on average.")
            if lead == 1
            else N_("It leans to %(language)s, ahead by %(lead)s points on average.")
        )
        return _(text, language=lean, lead=_mean(lead))
    tie_break = ruleset.close_call.tie_break(team.majority.answers)
    return tie_break.why if tie_break is not None else ruleset.close_call.fallback_why


def _plan_note(team: TeamResult) -> str:
    if team.majority.plan is None:
        return ""
    language = display_name(team.majority.plan.language)
    if team.verdict == "either":
        return _(
            "The plan follows the team’s lean, %(language)s, and its majority answers.",
            language=language,
        )
    return _(
        "The plan is in %(language)s, ahead on the mean scores, built from the majority answers.",
        language=language,
    )


def _team_plan(advisor: Advisor, team: TeamResult) -> PlanView | None:
    """The team's plan, each tension saying how many members it concerns."""
    plan: Plan | None = team.majority.plan
    if plan is None:
        return None
    view = plan_view(advisor, plan)
    total = len(team.members)
    tensions = tuple(
        replace(
            row,
            answer=_(
                "%(answer)s (%(count)s of %(total)s)",
                answer=row.answer,
                count=_concerned(team, t.because),
                total=total,
            ),
        )
        for row, t in zip(view.tensions, plan.tensions, strict=True)
    )
    return replace(view, tensions=tensions)


def _concerned(team: TeamResult, because: Sequence[tuple[str, str]]) -> int:
    """How many members gave at least one of the answers behind a tension."""
    return sum(
        any(o in _options(m.recommendation.answers.get(q)) for q, o in because)
        for m in team.members
    )


def _options(value: AnswerValue | None) -> tuple[str, ...]:
    """The options of a member's answer (none for a question their ruleset lacked)."""
    return () if value is None else chosen(value)


def _unsettled(advisor: Advisor, team: TeamResult, page: CodeLink) -> tuple[UnsettledRow, ...]:
    rows = []
    for item in team.majority.unsettled:
        question = advisor.question(item.question)
        options = tuple(
            UnsettledOption(
                question.option(option).label,
                team.majority.counts.get((item.question, option), 0),
                page(advisor.code_for({**team.majority.answers, item.question: option})),
                option == item.chosen,
            )
            for option in item.options
        )
        rows.append(UnsettledRow(question.summary, options))
    return tuple(rows)


def team_page(
    advisor: Advisor, codes: str, team: TeamResult, link: str, page: CodeLink
) -> TeamPage:
    """The team page's rows."""
    majority_code = advisor.code_for(team.majority.answers)
    tied = {item.question for item in team.majority.unsettled}
    size = len(team.members)
    size_words = ngettext("%(num)d member", "%(num)d members", size)
    either_margin = advisor.content.current.either_margin
    outcome = (
        _("a close call (within %(margin)s points)", margin=either_margin)
        if team.verdict == "either"
        else _("%(language)s is ahead", language=verdict_words(team.verdict))
    )
    return TeamPage(
        codes=codes,
        link=link,
        headline=_team_headline(team, either_margin),
        caption=_("Two results side by side") if size == 2 else _("Your team’s decision"),
        pair=size == 2,
        size_words=size_words,
        scores_line=_(
            "On the mean of %(members)s’ scores, Python %(python)s and NodeJS %(nodejs)s: "
            "%(outcome)s.",
            members=size_words,
            python=_mean(team.python),
            nodejs=_mean(team.nodejs),
            outcome=outcome,
        ),
        members_title=_("The two results") if size == 2 else _("Members"),
        all_agree=size > 1 and not team.disagreements,
        verdict=team.verdict,
        verdict_words=verdict_words(team.verdict),
        lean_words=_lean_words(team, advisor.content.current),
        python=_mean(team.python),
        nodejs=_mean(team.nodejs),
        members=tuple(
            MemberRow(
                m.number,
                page(m.code),
                verdict_words(m.recommendation.verdict),
                m.recommendation.python,
                m.recommendation.nodejs,
                answer_rows(advisor, m.recommendation),
            )
            for m in team.members
        ),
        disagreements=tuple(
            DisagreementRow(
                advisor.question(d.question).summary,
                tuple(
                    CountRow(
                        advisor.question(d.question).option(o).label,
                        n,
                        None
                        if advisor.question(d.question).multiple
                        else page(advisor.code_for({**team.majority.answers, d.question: o})),
                    )
                    for o, n in d.counts
                ),
                d.points,
                _source_rows(advisor, d.python_strengths),
                _source_rows(advisor, d.nodejs_strengths),
            )
            for d in team.disagreements
            if d.question not in tied  # listed with the ties, above
        ),
        agreed=tuple(advisor.question(q).summary for q in team.agreed),
        grid=_grid(advisor, team),
        majority_url=page(majority_code),
        unsettled=_unsettled(advisor, team, page),
        plan=_team_plan(advisor, team),
        plan_note=_plan_note(team),
        tie_rule=_(TIE_RULE),
        can_add=len(team.members) < MAX_MEMBERS,
        either_margin=advisor.content.current.either_margin,
    )


def team_json(advisor: Advisor, team: TeamResult, link: str, page: CodeLink) -> dict[str, Any]:
    """The public JSON form of a team."""
    majority_code = advisor.code_for(team.majority.answers)
    return {
        "members": [
            {
                "member": m.number,
                "code": m.code,
                "verdict": m.recommendation.verdict,
                "scores": {"python": m.recommendation.python, "nodejs": m.recommendation.nodejs},
                "permalink": page(m.code),
            }
            for m in team.members
        ],
        "combined": {
            "scores": {"python": round(team.python, 2), "nodejs": round(team.nodejs, 2)},
            "verdict": team.verdict,
            "lean": team.lean,
            "lean_basis": team.lean_basis,
        },
        "disagreements": [
            {
                "question": d.question,
                "counts": dict(d.counts),
                "points": d.points,
                "strengths": {
                    "python": list(d.python_strengths),
                    "nodejs": list(d.nodejs_strengths),
                },
            }
            for d in team.disagreements
        ],
        "agreed": list(team.agreed),
        "majority": {
            "answers": {
                key: list(value) if isinstance(value, tuple) else value
                for key, value in team.majority.answers.items()
            },
            "tie_rule": _(TIE_RULE),
            "unsettled": [
                {"question": item.question, "options": list(item.options), "chosen": item.chosen}
                for item in team.majority.unsettled
            ],
            "code": majority_code,
            "permalink": page(majority_code),
            "verdict": team.majority.result.verdict,
            "plan": _team_plan_json(team),
        },
        "link": link,
    }


def _team_plan_json(team: TeamResult) -> dict[str, Any] | None:
    """The team's plan as JSON, each tension with how many members it concerns."""
    data = plan_json(team.majority.plan)
    if data is None or team.majority.plan is None:
        return data
    for tension, item in zip(team.majority.plan.tensions, data["tensions"], strict=True):
        item["members"] = _concerned(team, tension.because)
    return data


@dataclass(frozen=True)
class TeamRecord:
    """What the team's Markdown decision record says, for its template."""

    page: TeamPage
    outcome: str  # the decision outcome, in one paragraph
    stack: str  # the team plan's summary


def team_record(
    advisor: Advisor, codes: str, team: TeamResult, link: str, page: CodeLink
) -> TeamRecord:
    plan = team.majority.plan
    stack = plan.summary if plan is not None else team.majority.result.stack
    rows = team_page(advisor, codes, team, link, page)
    scores = f"Python {rows.python}, NodeJS {rows.nodejs}"
    if team.verdict == "either":
        outcome = _(
            "No option is clearly ahead on our mean scores (%(scores)s): a close call, to be "
            "settled by discussing the points below.",
            scores=scores,
        )
        outcome = f"{outcome} {rows.lean_words}"
    else:
        outcome = _(
            "Chosen option: “%(language)s”, ahead on our mean scores (%(scores)s).",
            language=rows.verdict_words,
            scores=scores,
        )
    return TeamRecord(rows, outcome, stack)
