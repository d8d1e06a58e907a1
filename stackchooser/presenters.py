"""What a result looks like to people and to programs: page rows, JSON and decision record.

One builder per form of a result. Each takes the result, the content and the links it
needs, and returns named rows (dataclasses) for a template, or the public JSON. No Flask
import: links come in as plain strings or a function from a code to a URL path.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .advisor import Advisor, Result
from .chart import Chart, contribution_chart
from .content import Condition, Ruleset, Strength
from .engine import Change, Edit, Plan, PlanPart, Recommendation, Tension, apply_edits
from .kinds import display_name
from .preview import badge_markdown, badge_width
from .team import MAX_MEMBERS, TIE_RULE, TeamResult

CodeLink = Callable[[str], str]  # a permalink code -> the URL of its result page

ROLE_TITLES = {"backend": "Back end", "frontend": "Front end", "service": "Service"}


# --- words --------------------------------------------------------------------------------


def answer_text(advisor: Advisor, question_id: str, value: str | Sequence[str]) -> str:
    """An answer in words, as the questionnaire showed it."""
    question = advisor.question(question_id)
    if isinstance(value, str):
        return question.option(value).label
    if not value:
        return "None of these"
    return "; ".join(question.option(option).label for option in value)


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


def verdict_words(verdict: str) -> str:
    return "a close call" if verdict == "either" else display_name(verdict)


def headline(rec: Recommendation) -> str:
    if rec.verdict == "either":
        return "A close call: either will do"
    return f"Use {display_name(rec.verdict)} for your back end"


# --- rows for the result page -----------------------------------------------------------


@dataclass(frozen=True)
class SourceRow:
    """A strength cited where it is first shown: its gist and where the article says so."""

    id: str
    gist: str
    citation: str


@dataclass(frozen=True)
class Sources:
    """The strengths an item rests on: shown in full the first time, by id afterwards."""

    first: tuple[SourceRow, ...]
    repeated: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.first or self.repeated)


class _Citer:
    """Hands out each strength in full once per page, and by id after that."""

    def __init__(self, strengths: dict[str, Strength] | Any) -> None:
        self.strengths = strengths
        self.shown: set[str] = set()

    def __call__(self, strength_ids: Sequence[str]) -> Sources:
        first = tuple(
            SourceRow(s, self.strengths[s].gist, self.strengths[s].citation)
            for s in strength_ids
            if s not in self.shown
        )
        repeated = tuple(s for s in strength_ids if s in self.shown)
        self.shown.update(strength_ids)
        return Sources(first, repeated)


@dataclass(frozen=True)
class ReasonRow:
    label: str
    favours: str
    favours_name: str
    weight: int
    why: str
    sources: Sources


@dataclass(frozen=True)
class PartRow:
    role: str
    title: str  # "Back end", "Front end" or "Service"
    language_name: str | None
    text: str
    because: tuple[str, ...]  # the answers that ask for this part, in words
    sources: Sources


@dataclass(frozen=True)
class TensionRow:
    answer: str  # the answer that pulls against the plan, in words
    text: str
    sources: Sources


@dataclass(frozen=True)
class PlanView:
    language_name: str
    summary: str
    parts: tuple[PartRow, ...]
    tensions: tuple[TensionRow, ...]
    tipped_by: tuple[ChangeRow, ...]  # on a close call: answers that would make it clear


@dataclass(frozen=True)
class ChangeRow:
    text: str
    verdict: str
    verdict_words: str
    python: int
    nodejs: int
    url: str


@dataclass(frozen=True)
class ChangeItem:
    """One way to another result: the condition in words, and a link to that result."""

    text: str
    python: int
    nodejs: int
    url: str


@dataclass(frozen=True)
class ChangeGroup:
    """Changes that give the same verdict and share an edit: "It would be Python if …"."""

    verdict: str
    verdict_words: str
    shared: str | None  # the edit every item shares (pairs of changes), in words
    items: tuple[ChangeItem, ...]


@dataclass(frozen=True)
class AnswerRow:
    summary: str
    text: str
    lines: tuple[str, ...] = ()  # a multi-select answer, one option a line
    change_url: str | None = None


@dataclass(frozen=True)
class ResultPage:
    """Everything the result page shows, in the order it shows it."""

    code: str
    rec: Recommendation
    headline: str
    verdict_name: str
    lean_name: str | None
    lean_text: str | None  # on a close call: why the plan is in its language
    permalink: str
    plan: PlanView | None
    alternative_plan: PlanView | None
    reasons: tuple[ReasonRow, ...]
    chart: Chart
    changes: tuple[ChangeRow, ...]
    answers: tuple[AnswerRow, ...]
    ruleset_released: str
    either_margin: int
    current_version: int
    badge_width: int
    badge_markdown: str
    firmness: str
    change_groups: tuple[ChangeGroup, ...]


def answer_lines(advisor: Advisor, question_id: str, value: str | Sequence[str]) -> tuple[str, ...]:
    """An answer in words, one option a line ("None of these" for an empty multi-select)."""
    question = advisor.question(question_id)
    if isinstance(value, str):
        return (question.option(value).label,)
    return tuple(question.option(o).label for o in value) or ("None of these",)


def _answer_rows(
    advisor: Advisor, rec: Recommendation, change: Callable[[str], str] | None = None
) -> tuple[AnswerRow, ...]:
    return tuple(
        AnswerRow(
            advisor.question(q).summary,
            answer_text(advisor, q, value),
            answer_lines(advisor, q, value),
            change(q) if change else None,
        )
        for q, value in rec.answers.items()
    )


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


def change_groups(advisor: Advisor, rec: Recommendation, link: CodeLink) -> tuple[ChangeGroup, ...]:
    """What would change it, grouped by the verdict each change gives and, for pairs of
    changes, by the change they share (the most shared first)."""
    ruleset = advisor.ruleset_of(rec)

    def item(change: Change, edits: Sequence[Edit]) -> ChangeItem:
        code = advisor.code_for(apply_edits(rec.answers, change.edits, ruleset), ruleset)
        words = " and ".join(would_text(advisor, edit) for edit in edits)
        return ChangeItem(words, change.python, change.nodejs, link(code))

    groups = []
    for verdict in ("python", "nodejs", "either"):
        changes = [c for c in rec.changes if c.verdict == verdict]
        singles = [c for c in changes if len(c.edits) == 1]
        if singles:
            groups.append(
                ChangeGroup(
                    verdict,
                    verdict_words(verdict),
                    None,
                    tuple(item(c, c.edits) for c in singles),
                )
            )
        pairs = [c for c in changes if len(c.edits) == 2]
        while pairs:
            counted: dict[Edit, int] = {}
            for change in pairs:
                for edit in change.edits:
                    counted[edit] = counted.get(edit, 0) + 1
            shared = max(counted, key=lambda edit: counted[edit])  # first of the most shared
            together = [c for c in pairs if shared in c.edits]
            groups.append(
                ChangeGroup(
                    verdict,
                    verdict_words(verdict),
                    would_text(advisor, shared),
                    tuple(item(c, [e for e in c.edits if e != shared]) for c in together),
                )
            )
            pairs = [c for c in pairs if shared not in c.edits]
    return tuple(groups)


def _change_rows(
    advisor: Advisor, rec: Recommendation, changes: Sequence[Change], link: CodeLink
) -> tuple[ChangeRow, ...]:
    ruleset = advisor.ruleset_of(rec)
    return tuple(
        ChangeRow(
            change_text(advisor, change),
            change.verdict,
            verdict_words(change.verdict),
            change.python,
            change.nodejs,
            link(advisor.code_for(apply_edits(rec.answers, change.edits, ruleset), ruleset)),
        )
        for change in changes
    )


def _part_row(advisor: Advisor, part: PlanPart, cite: _Citer) -> PartRow:
    return PartRow(
        part.role,
        ROLE_TITLES[part.role],
        display_name(part.language) if part.language else None,
        part.text,
        tuple(short_label(advisor, q, a) for q, a in part.because),
        cite(part.strengths),
    )


def _tension_row(advisor: Advisor, tension: Tension, cite: _Citer) -> TensionRow:
    return TensionRow(
        short_label(advisor, tension.question, tension.answer),
        tension.text,
        cite(tension.strengths),
    )


def _plan_view(
    advisor: Advisor,
    plan: Plan,
    cite: _Citer,
    tipped_by: tuple[ChangeRow, ...] = (),
) -> PlanView:
    return PlanView(
        display_name(plan.language),
        plan.summary,
        tuple(_part_row(advisor, part, cite) for part in plan.parts),
        tuple(_tension_row(advisor, tension, cite) for tension in plan.tensions),
        tipped_by,
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
        deciding = "; ".join(
            f"“{advisor.question(r.question).option(r.answer).label}” (+{r.weight})"
            for r in rec.deciding
        )
        return (
            f"Your team has no one language to follow, so the answers that weigh most decide, "
            f"and they lean to {lean}: {deciding}."
        )
    return advisor.ruleset_of(rec).close_call.fallback_why


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
    cite = _Citer(content.strengths)
    changes = _change_rows(advisor, rec, rec.changes, link)
    plan = alternative = None
    if rec.plan is not None:
        plan = _plan_view(
            advisor, rec.plan, cite, tuple(c for c in changes if c.verdict == rec.plan.language)
        )
    if rec.alternative_plan is not None:
        alternative = _plan_view(
            advisor,
            rec.alternative_plan,
            cite,
            tuple(c for c in changes if c.verdict == rec.alternative_plan.language),
        )
    reasons = tuple(
        ReasonRow(
            answer_label(advisor, reason.question, reason.answer),
            reason.favours,
            display_name(reason.favours) if reason.favours != "neither" else "Neutral",
            reason.weight,
            reason.why,
            cite(reason.strengths),
        )
        for reason in rec.reasons
    )
    ruleset = advisor.ruleset_of(rec)
    return ResultPage(
        code=result.code,
        rec=rec,
        headline=headline(rec),
        verdict_name=display_name(rec.verdict),
        lean_name=display_name(rec.lean) if rec.lean != "either" else None,
        lean_text=lean_text(advisor, rec),
        permalink=permalink,
        plan=plan,
        alternative_plan=alternative,
        reasons=reasons,
        chart=contribution_chart(
            rec.reasons,
            [advisor.question(r.question).option(r.answer).short for r in rec.reasons],
        ),
        changes=changes,
        answers=_answer_rows(advisor, rec, change_answer),
        ruleset_released=ruleset.released,
        either_margin=ruleset.either_margin,
        current_version=content.current.version,
        badge_width=badge_width(rec),
        badge_markdown=badge_markdown(rec, permalink),
        firmness=firmness(rec, ruleset.either_margin),
        change_groups=change_groups(advisor, rec, link),
    )


# --- the public JSON ------------------------------------------------------------------------


def _plan_json(plan: Plan | None) -> dict[str, Any] | None:
    if plan is None:
        return None
    return {
        "language": plan.language,
        "summary": plan.summary,
        "parts": [
            {
                "role": part.role,
                "language": part.language,
                "text": part.text,
                "strengths": list(part.strengths),
                "because": [{"question": q, "answer": a} for q, a in part.because],
            }
            for part in plan.parts
        ],
        "tensions": [
            {
                "question": tension.question,
                "answer": tension.answer,
                "text": tension.text,
                "strengths": list(tension.strengths),
            }
            for tension in plan.tensions
        ],
    }


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
        "plan": _plan_json(rec.plan),
        "alternative_plan": _plan_json(rec.alternative_plan),
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
                "scores": {"python": change.python, "nodejs": change.nodejs},
                "permalink": row.url,
            }
            for change, row in zip(
                rec.changes, _change_rows(advisor, rec, rec.changes, link), strict=True
            )
        ],
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
    push: str
    why: str
    cited: str


@dataclass(frozen=True)
class DecisionRecord:
    """What the Markdown decision record (MADR layout) says, for its template."""

    title: str
    rec: Recommendation
    permalink: str
    drivers: tuple[AnswerRow, ...]
    outcome: str
    lean_text: str | None
    plan: Plan | None
    alternative_plan: Plan | None
    answer_label: Callable[[str, str], str]
    reasons: tuple[RecordReason, ...]
    changes: tuple[ChangeRow, ...]
    strengths: tuple[Strength, ...]


def decision_record(
    advisor: Advisor, result: Result, permalink: str, link: CodeLink
) -> DecisionRecord:
    """The result as the rows of an architecture decision record."""
    rec = result.recommendation
    if rec.verdict == "either":
        title = "Back end language: a close call between Python and NodeJS"
    else:
        title = f"Use {display_name(rec.verdict)} for the back end of our web application"
    if rec.verdict != "either":
        outcome = (
            f"Chosen option: “{display_name(rec.verdict)}”, because it scored "
            f"{max(rec.python, rec.nodejs)} to {min(rec.python, rec.nodejs)}."
        )
    elif rec.lean != "either" and rec.lean_basis == "team":
        outcome = (
            f"Chosen option: “{display_name(rec.lean)}”, because the scores are close "
            f"({rec.python} to {rec.nodejs}) and that is our team's language."
        )
    elif rec.lean != "either":
        outcome = (
            f"Chosen option: “{display_name(rec.lean)}”, because the scores are close "
            f"({rec.python} to {rec.nodejs}) and the close-call rule leans that way."
        )
    else:
        outcome = (
            f"No option is clearly ahead ({rec.python} to {rec.nodejs}); "
            "either will serve, so we pick the one our team prefers."
        )
    reasons = tuple(
        RecordReason(
            answer_label(advisor, reason.question, reason.answer),
            "neutral"
            if reason.favours == "neither"
            else f"favours {display_name(reason.favours)} (+{reason.weight})",
            reason.why,
            ", ".join(f"`{s}`" for s in reason.strengths) or "none",
        )
        for reason in rec.reasons
    )
    return DecisionRecord(
        title=title,
        rec=rec,
        permalink=permalink,
        drivers=_answer_rows(advisor, rec),
        outcome=outcome,
        lean_text=lean_text(advisor, rec),
        plan=rec.plan,
        alternative_plan=rec.alternative_plan,
        answer_label=lambda q, a: answer_label(advisor, q, a),
        reasons=reasons,
        changes=_change_rows(advisor, rec, rec.changes, link),
        strengths=tuple(advisor.content.strengths[s] for s in rec.strengths),
    )


# --- the methodology page ---------------------------------------------------------------------


@dataclass(frozen=True)
class WeightRow:
    """One option's points under one ruleset, and the variants that change them."""

    label: str
    python: int
    nodejs: int
    strengths: tuple[str, ...]
    variants: tuple[str, ...]  # "If …: Python 3, NodeJS 0", in words


@dataclass(frozen=True)
class WeightTable:
    title: str
    rows: tuple[WeightRow, ...]


@dataclass(frozen=True)
class RulesetView:
    version: int
    released: str
    either_margin: int
    fallback_name: str | None  # where a close call with nothing to decide it leans
    tables: tuple[WeightTable, ...]


def condition_text(advisor: Advisor, condition: Condition) -> str:
    """A condition in words: "the team’s strongest language is “Python” or “Both”"."""
    clauses = []
    for selection, joiner in ((condition.all_of, " or "), (condition.any_of, " or ")):
        for question_id, options in selection.items():
            question = advisor.question(question_id)
            labels = joiner.join(f"“{o.label}”" for o in question.options if o.id in options)
            clauses.append(f"{question.summary.lower()} is {labels}")
    return " and ".join(clauses)


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
                f"If {condition_text(advisor, v.when)}: Python {v.python}, NodeJS {v.nodejs}"
                for v in rule.variants
                if (v.python, v.nodejs) != (rule.python, rule.nodejs)
            )
            rows.append(WeightRow(option.label, rule.python, rule.nodejs, rule.strengths, variants))
        tables.append(WeightTable(advisor.question(question.id).title, tuple(rows)))
    fallback = ruleset.close_call.fallback
    return RulesetView(
        ruleset.version,
        ruleset.released,
        ruleset.either_margin,
        display_name(fallback) if fallback else None,
        tuple(tables),
    )


# --- teams --------------------------------------------------------------------------------------


def _mean(value: float) -> str:
    """A mean score as people write it: "8", "8.5", "8.33"."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class MemberRow:
    number: int
    code: str
    url: str
    verdict: str
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
    question: str
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
    majority_answers: tuple[AnswerRow, ...]
    plan: PlanView | None
    tie_rule: str
    can_add: bool
    either_margin: int


def _sources(advisor: Advisor, strength_ids: Sequence[str]) -> tuple[SourceRow, ...]:
    strengths = advisor.content.strengths
    return tuple(SourceRow(s, strengths[s].gist, strengths[s].citation) for s in strength_ids)


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
                m.code,
                page(m.code),
                m.recommendation.verdict,
                verdict_words(m.recommendation.verdict),
                m.recommendation.python,
                m.recommendation.nodejs,
                _answer_rows(advisor, m.recommendation),
            )
            for m in team.members
        ),
        disagreements=tuple(
            DisagreementRow(
                d.question,
                advisor.question(d.question).summary,
                tuple(
                    CountRow(advisor.question(d.question).option(o).label, n) for o, n in d.counts
                ),
                d.points,
                _sources(advisor, d.python_strengths),
                _sources(advisor, d.nodejs_strengths),
            )
            for d in team.disagreements
        ),
        agreed=tuple(advisor.question(q).summary for q in team.agreed),
        majority_url=page(majority_code),
        majority_answers=_answer_rows(advisor, team.majority),
        plan=_plan_view(advisor, team.majority.plan, _Citer(advisor.content.strengths))
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
            "plan": _plan_json(team.majority.plan),
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
