"""A result as the result page's rows, as the public JSON, and as a decision record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..advisor import Advisor, Result
from ..chart import Chart, contribution_chart
from ..engine import Plan, Recommendation
from ..i18n import N_, _, listed, quoted
from ..kinds import Verdict, display_name
from ..model import Strength, chosen
from ..preview import badge_markdown, badge_width
from .rows import (
    ROLE_TITLES,
    AnswerRow,
    ChangeGroup,
    Citer,
    CodeLink,
    PlanView,
    ReasonRow,
    answer_rows,
    because_words,
    change_groups,
    change_links,
    plan_json,
    plan_view,
    reason_row,
)
from .words import (
    Meter,
    answer_label,
    changes_note,
    chart_caption,
    firmness,
    firmness_words,
    headline,
    lean_text,
    margin_meter,
    pairs_note,
    settle_text,
    short_label,
    version_month,
)


@dataclass(frozen=True)
class ResultPage:
    """Everything the result page shows, in the order it shows it."""

    code: str
    verdict: Verdict
    python: int
    nodejs: int
    stack: str
    headline: str
    firmness_words: str  # how firm it is, in words first
    firmness: str  # the points, with the scale they are measured on
    meter: Meter  # the margin against the close-call zone, as a picture
    lean_text: str | None  # on a close call: why the plan is in its language, or advice
    settle: str | None  # on a close call: how to settle it
    pairs_note: str | None  # no single answer changes it: what the pairs below would do
    version: int  # the scoring version
    version_month: str  # the month it was released: "November 2026"
    rules_changed: bool  # made under older scoring than today's
    permalink: str
    plans_title: str  # "The plan, part by part", or "The two routes" on a close call
    plan: PlanView | None
    plan_title: str  # "Suggested stack, in Python", or "In Python" beside another route
    alternative_plan: PlanView | None  # on a close call: the other route, folded
    reasons: tuple[ReasonRow, ...]  # the answers that moved the scores
    unmoved: str | None  # the answers that did not, on one line
    chart: Chart
    chart_caption: str  # what the points are, and how the team's counted when it scored
    answers: tuple[AnswerRow, ...]
    badge_width: int
    badge_markdown: str
    change_groups: tuple[ChangeGroup, ...]
    changes_note: str | None


def result_page(
    advisor: Advisor,
    result: Result,
    permalink: str,
    link: CodeLink,
    change_answer: Callable[[str], str] | None = None,
) -> ResultPage:
    """The result page's rows for one result."""
    rec = result.recommendation
    content = advisor.content
    change_urls = change_links(advisor, rec, rec.changes, link)
    plan = plan_view(advisor, rec.plan) if rec.plan is not None else None
    alternative = None
    if rec.alternative_plan is not None:
        alternative = plan_view(advisor, rec.alternative_plan)
    reasons = tuple(reason_row(advisor, reason) for reason in rec.reasons if reason.weight)
    moved = {(r.question, r.answer) for r in rec.reasons if r.weight}
    still = [  # every answer given that moved nothing, neutral choices included
        short_label(advisor, question, option)
        for question, value in rec.answers.items()
        for option in chosen(value)
        if (question, option) not in moved
    ]
    ruleset = advisor.ruleset_of(rec)
    return ResultPage(
        code=result.code,
        verdict=rec.verdict,
        python=rec.python,
        nodejs=rec.nodejs,
        stack=rec.stack,
        headline=headline(rec),
        firmness_words=firmness_words(rec),
        firmness=firmness(rec, ruleset.either_margin),
        meter=margin_meter(rec.margin, ruleset.either_margin),
        lean_text=lean_text(advisor, rec) or _no_lean_text(rec),
        settle=settle_text(advisor, rec),
        pairs_note=pairs_note(rec),
        version=ruleset.version,
        version_month=version_month(ruleset),
        rules_changed=rec.ruleset != content.current.version,
        permalink=permalink,
        plans_title=_("The two routes") if alternative else _("The plan, part by part"),
        plan=plan,
        plan_title=(
            ""
            if plan is None
            else _("In %(language)s", language=plan.language_name)
            if alternative
            else _("Suggested stack, in %(language)s", language=plan.language_name)
        ),
        alternative_plan=alternative,
        reasons=reasons,
        unmoved=listed([quoted(label) for label in still]) if still else None,
        chart=contribution_chart(
            rec.reasons,
            [advisor.question(r.question).option(r.answer).short for r in rec.reasons],
        ),
        chart_caption=chart_caption(rec),
        answers=answer_rows(advisor, rec, change_answer),
        badge_width=badge_width(rec),
        badge_markdown=badge_markdown(rec, permalink),
        change_groups=change_groups(advisor, rec, change_urls),
        changes_note=changes_note(rec),
    )


def _no_lean_text(rec: Recommendation) -> str | None:
    """Ruleset 1's close call with no team language leans nowhere: its advice."""
    if rec.verdict == "either" and rec.lean == "either":
        return _(
            "When it is this close, the article’s advice is to go with what your team knows best."
        )
    return None


def result_json(advisor: Advisor, result: Result, permalink: str, link: CodeLink) -> dict[str, Any]:
    """The public JSON form of a result (the API's answer and `/r/<code>.json`)."""
    rec = result.recommendation
    strengths = advisor.content.strengths
    article = advisor.content.article
    return {
        "verdict": rec.verdict,
        "scores": {"python": rec.python, "nodejs": rec.nodejs},
        "margin": rec.margin,
        "lean": rec.lean,
        "lean_basis": rec.lean_basis,
        "ruleset": rec.ruleset,
        "answers": {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in rec.answers.items()
        },
        "reasons": [
            {
                "question": reason.question,
                "answer": reason.answer,
                "favours": reason.favours,
                "weight": reason.weight,
                "points": {"python": reason.python, "nodejs": reason.nodejs},
                "strengths": list(reason.strengths),
                "why": reason.why,
            }
            for reason in rec.reasons
        ],
        "strengths": list(rec.strengths),
        "citations": {
            strength_id: {
                "section": strengths[strength_id].section,
                "bullet": strengths[strength_id].bullet,
                "gist": strengths[strength_id].gist,
            }
            for strength_id in rec.strengths
        },
        "stack": rec.stack,
        "stack_id": rec.stack_id,
        "plan": plan_json(rec.plan),
        "alternative_plan": plan_json(rec.alternative_plan),
        "close_call": (
            {
                "leans_to": rec.lean if rec.lean != "either" else None,
                "basis": rec.lean_basis,
                "decided_by": [{"question": r.question, "answer": r.answer} for r in rec.deciding],
            }
            if rec.verdict == "either"
            else None
        ),
        "changes": [
            {
                "edits": [
                    {"question": e.question, "action": e.action, "option": e.option}
                    for e in change.edits
                ],
                "verdict": change.verdict,
                "plan_language": change.plan_language,
                "kind": change.kind,
                "scores": {"python": change.python, "nodejs": change.nodejs},
                "permalink": url,
            }
            for change, url in zip(
                rec.changes, change_links(advisor, rec, rec.changes, link), strict=True
            )
        ],
        "changes_note": changes_note(rec),
        "code": result.code,
        "permalink": permalink,
        "article": {
            "title": article.title,
            "author": article.author,
            "published": article.published,
            "url": article.url,
        },
    }


# --- the decision record ----------------------------------------------------------------------


@dataclass(frozen=True)
class RecordReason:
    label: str
    push: str  # "+6 Python" or "neutral"
    why: str
    cited: str


@dataclass(frozen=True)
class RecordLine:
    """One part or tension of a plan, as the decision record lists it."""

    title: str  # "Back end (Python)", or the answers behind a tension
    text: str
    cited: str
    because: str  # the answers that ask for a part, in words ("" for none)
    advice: str = ""  # a tension's suggestion (ours, uncited)


@dataclass(frozen=True)
class RecordPlan:
    heading: str
    language_name: str
    parts: tuple[RecordLine, ...]
    tensions: tuple[RecordLine, ...]


def _cited(advisor: Advisor, strength_ids: tuple[str, ...]) -> str:
    """Where the article makes these points, by section and bullet ("none" for none)."""
    return _("; ").join(Citer(advisor.content.strengths)(strength_ids).citations) or _("none")


def record_plan(advisor: Advisor, plan: Plan | None, heading: str) -> RecordPlan | None:
    """A plan as the decision record lists it."""
    if plan is None:
        return None
    parts = tuple(
        RecordLine(
            _(ROLE_TITLES[part.role])
            + (f" ({display_name(part.language)})" if part.language else ""),
            part.text,
            _cited(advisor, part.strengths),
            because_words(advisor, part.because),
        )
        for part in plan.parts
    )
    tensions = tuple(
        RecordLine(
            _("; ").join(answer_label(advisor, q, a) for q, a in tension.because),
            tension.text,
            _cited(advisor, tension.strengths),
            "",
            tension.advice,
        )
        for tension in plan.tensions
    )
    language = display_name(plan.language)
    return RecordPlan(
        _(heading, language=language),
        language,
        parts,
        tensions,
    )


@dataclass(frozen=True)
class DecisionRecord:
    """What the Markdown decision record (MADR layout) says, for its template."""

    title: str
    headline: str
    code: str
    python: int
    nodejs: int
    version: int  # the scoring version
    version_month: str  # the month it was released: "November 2026"
    stack: str
    permalink: str
    drivers: tuple[AnswerRow, ...]
    outcome: str
    lean_text: str | None
    settle: str | None  # on a close call: start from the lean, and how to overturn it
    plan: RecordPlan | None
    alternative_plan: RecordPlan | None
    reasons: tuple[RecordReason, ...]
    change_groups: tuple[ChangeGroup, ...]
    changes_note: str | None
    link_note: str | None  # said when the permalink is relative (no site address known)
    strengths: tuple[Strength, ...]


def decision_record(
    advisor: Advisor, result: Result, permalink: str, link: CodeLink
) -> DecisionRecord:
    """The result as the rows of an architecture decision record."""
    rec = result.recommendation
    if rec.verdict == "either":
        title = _("Back end language: a close call between Python and NodeJS")
    else:
        title = _(
            "Use %(language)s for the back end of our web application",
            language=display_name(rec.verdict),
        )
    scores = {"python": rec.python, "nodejs": rec.nodejs}
    if rec.verdict != "either":
        outcome = _(
            "Chosen option: “%(language)s”, because it scored %(high)s to %(low)s.",
            language=display_name(rec.verdict),
            high=max(rec.python, rec.nodejs),
            low=min(rec.python, rec.nodejs),
        )
    elif rec.lean != "either":
        if rec.python == rec.nodejs and rec.lean_basis == "team":
            text = N_(
                "Chosen option: “%(language)s”, because the scores are level (%(python)s to "
                "%(nodejs)s) and that is our team’s language."
            )
        elif rec.python == rec.nodejs:
            text = N_(
                "Chosen option: “%(language)s”, because the scores are level (%(python)s to "
                "%(nodejs)s) and the close-call rule leans that way."
            )
        elif rec.lean_basis == "team":
            text = N_(
                "Chosen option: “%(language)s”, because the scores are close (%(python)s to "
                "%(nodejs)s) and that is our team’s language."
            )
        else:
            text = N_(
                "Chosen option: “%(language)s”, because the scores are close (%(python)s to "
                "%(nodejs)s) and the close-call rule leans that way."
            )
        outcome = _(text, language=display_name(rec.lean), **scores)
    else:
        outcome = _(
            "No option is clearly ahead (%(python)s to %(nodejs)s); either will serve, so we "
            "pick the one our team prefers.",
            **scores,
        )
    reasons = tuple(
        RecordReason(
            answer_label(advisor, reason.question, reason.answer),
            _("neutral")
            if reason.favours == "neither"
            else f"+{reason.weight} {display_name(reason.favours)}",
            reason.why,
            _cited(advisor, reason.strengths),
        )
        for reason in rec.reasons
    )
    return DecisionRecord(
        title=title,
        headline=headline(rec),
        code=result.code,
        python=rec.python,
        nodejs=rec.nodejs,
        version=rec.ruleset,
        version_month=version_month(advisor.ruleset_of(rec)),
        stack=rec.stack,
        permalink=permalink,
        drivers=answer_rows(advisor, rec),
        outcome=outcome,
        lean_text=lean_text(advisor, rec),
        settle=settle_text(advisor, rec),
        plan=record_plan(advisor, rec.plan, N_("The plan, in %(language)s")),
        alternative_plan=record_plan(
            advisor, rec.alternative_plan, N_("The other route, in %(language)s")
        ),
        reasons=reasons,
        change_groups=change_groups(advisor, rec, change_links(advisor, rec, rec.changes, link)),
        changes_note=changes_note(rec),
        link_note=None
        if permalink.startswith(("http://", "https://"))
        else _(
            "This link is relative to the site that made it: prefix it with the site’s "
            "address (the command line’s --base-url, or PUBLIC_URL)."
        ),
        strengths=tuple(advisor.content.strengths[s] for s in rec.strengths),
    )
