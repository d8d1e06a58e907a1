"""The methodology page: each ruleset's points, with the conditions that change them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..advisor import Advisor
from ..i18n import _, listed, long_date, quoted
from ..kinds import display_name
from ..model import Ruleset, Weighting
from .words import version_month


@dataclass(frozen=True)
class WeightRow:
    """One option's points under one ruleset, and the variants that change them."""

    label: str
    python: int
    nodejs: int
    strengths: tuple[str, ...]  # where the article makes each point ("Conclusion, 1")
    variants: tuple[str, ...]  # "With “Large” for “Project size”: Python 3, NodeJS 0"


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


def variant_text(advisor: Advisor, variant: Weighting) -> str:
    """A variant's points and when they apply, in one sentence: "With “Large” for
    “Project size”: Python 3, NodeJS 0"."""
    conditions = [
        (advisor.question(question_id), options)
        for selection in (variant.when.all_of, variant.when.any_of)
        for question_id, options in selection.items()
    ]
    points = {"python": variant.python, "nodejs": variant.nodejs}
    answers = [
        (question, listed([quoted(o.label) for o in question.options if o.id in options], "or"))
        for question, options in conditions
    ]
    if len(answers) == 1:
        question, labels = answers[0]
        return _(
            "With %(answers)s for “%(question)s”: Python %(python)s, NodeJS %(nodejs)s",
            answers=labels,
            question=question.summary,
            **points,
        )
    lines = [
        _("%(question)s: %(answers)s", question=question.summary, answers=labels)
        for question, labels in answers
    ]
    return _(
        "With these answers, Python %(python)s, NodeJS %(nodejs)s: %(answers)s",
        answers=_("; ").join(lines),
        **points,
    )


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
                variant_text(advisor, v)
                for v in rule.variants
                if (v.python, v.nodejs) != (rule.python, rule.nodejs)
            )
            cites = tuple(
                dict.fromkeys(advisor.content.strengths[s].citation for s in rule.strengths)
            )
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
