"""The methodology page: each ruleset's points, with the conditions that change them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..advisor import Advisor
from ..i18n import _, listed, long_date
from ..kinds import display_name
from ..model import Condition, Ruleset
from .words import quoted, version_month


@dataclass(frozen=True)
class WeightRow:
    """One option's points under one ruleset, and the variants that change them."""

    label: str
    python: int
    nodejs: int
    strengths: tuple[str, ...]  # where the article makes each point ("Conclusion, 1")
    variants: tuple[str, ...]  # "Python 3, NodeJS 0 for these answers: …", in words


@dataclass(frozen=True)
class WeightTable:
    title: str
    rows: tuple[WeightRow, ...]


@dataclass(frozen=True)
class RulesetView:
    version: int
    released: str
    month: str  # the month it was released: "November 2026"
    either_margin: int
    fallback_name: str | None  # where a close call with nothing to decide it leans
    tables: tuple[WeightTable, ...]


def condition_lines(advisor: Advisor, condition: Condition) -> tuple[str, ...]:
    """A condition as labels, one a question: "Team’s strongest language: “Python” or
    “Both”"."""
    lines = []
    for selection in (condition.all_of, condition.any_of):
        for question_id, options in selection.items():
            question = advisor.question(question_id)
            labels = [quoted(o.label) for o in question.options if o.id in options]
            lines.append(
                _(
                    "%(question)s: %(answers)s",
                    question=question.summary,
                    answers=listed(labels, "or"),
                )
            )
    return tuple(lines)


def ruleset_view(advisor: Advisor, ruleset: Ruleset) -> RulesetView:
    """A ruleset's points, question by question, for the methodology page."""
    tables = []
    for question in ruleset.questions:
        rows = []
        for option in advisor.question(question.id).options:
            rule = ruleset.weights[question.id].get(option.id)
            if rule is None:
                continue
            variants = tuple(
                _(
                    "Python %(python)s, NodeJS %(nodejs)s for these answers: %(answers)s",
                    python=v.python,
                    nodejs=v.nodejs,
                    answers=_("; ").join(condition_lines(advisor, v.when)),
                )
                for v in rule.variants
                if (v.python, v.nodejs) != (rule.python, rule.nodejs)
            )
            cites = tuple(advisor.content.strengths[s].citation for s in rule.strengths)
            rows.append(WeightRow(option.label, rule.python, rule.nodejs, cites, variants))
        tables.append(WeightTable(advisor.question(question.id).title, tuple(rows)))
    fallback = ruleset.close_call.fallback
    return RulesetView(
        ruleset.version,
        long_date(date.fromisoformat(ruleset.released)),
        version_month(ruleset),
        ruleset.either_margin,
        display_name(fallback) if fallback else None,
        tuple(tables),
    )
