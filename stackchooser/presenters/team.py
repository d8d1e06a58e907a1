"""A team as the team page's rows, as JSON, and as a decision record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..advisor import Advisor
from ..engine import Recommendation
from ..kinds import display_name, verdict_words
from ..team import MAX_MEMBERS, TIE_RULE, TeamResult
from .rows import (
    AnswerRow,
    Citer,
    CodeLink,
    PlanView,
    SourceRow,
    answer_rows,
    plan_json,
    plan_view,
    source_row,
)


def _mean(value: float) -> str:
    """A mean score as people write it: "8", "8.5", "8.33"."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


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
    verdict: str
    verdict_words: str
    python: str
    nodejs: str
    members: tuple[MemberRow, ...]
    disagreements: tuple[DisagreementRow, ...]
    agreed: tuple[str, ...]
    majority_url: str
    plan: PlanView | None
    tie_rule: str
    can_add: bool
    either_margin: int


def _source_rows(advisor: Advisor, strength_ids: Sequence[str]) -> tuple[SourceRow, ...]:
    return tuple(source_row(advisor.content.strengths[s]) for s in strength_ids)


def _team_headline(team: TeamResult) -> str:
    if len(team.members) == 1:
        return "A team of one, so far"
    if team.verdict == "either":
        return f"Your team of {len(team.members)}: a close call"
    return f"Your team of {len(team.members)} leans to {display_name(team.verdict)}"


def team_page(
    advisor: Advisor, codes: str, team: TeamResult, link: str, page: CodeLink
) -> TeamPage:
    """The team page's rows."""
    majority_code = advisor.code_for(team.majority.answers)
    return TeamPage(
        codes=codes,
        link=link,
        headline=_team_headline(team),
        verdict=team.verdict,
        verdict_words=verdict_words(team.verdict),
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
                    CountRow(advisor.question(d.question).option(o).label, n) for o, n in d.counts
                ),
                d.points,
                _source_rows(advisor, d.python_strengths),
                _source_rows(advisor, d.nodejs_strengths),
            )
            for d in team.disagreements
        ),
        agreed=tuple(advisor.question(q).summary for q in team.agreed),
        majority_url=page(majority_code),
        plan=plan_view(advisor, team.majority.plan, Citer(advisor.content.strengths))
        if team.majority.plan
        else None,
        tie_rule=TIE_RULE,
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
            "scores": {"python": team.python, "nodejs": team.nodejs},
            "verdict": team.verdict,
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
            "tie_rule": TIE_RULE,
            "code": majority_code,
            "permalink": page(majority_code),
            "verdict": team.majority.verdict,
            "plan": plan_json(team.majority.plan),
        },
        "link": link,
    }


@dataclass(frozen=True)
class TeamRecord:
    """What the team's Markdown decision record says, for its template."""

    page: TeamPage
    majority: Recommendation


def team_record(
    advisor: Advisor, codes: str, team: TeamResult, link: str, page: CodeLink
) -> TeamRecord:
    return TeamRecord(team_page(advisor, codes, team, link, page), team.majority)
