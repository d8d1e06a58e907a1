"""Results in words: answers, changes, verdicts and how firm they are."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..advisor import Advisor
from ..engine import Edit, Plan, Recommendation
from ..i18n import N_, _, listed, month_and_year, ngettext
from ..kinds import Language, display_name, other_language
from ..model import Ruleset


def answer_text(advisor: Advisor, question_id: str, value: str | Sequence[str]) -> str:
    """An answer in words, as the questionnaire showed it, on one line."""
    return _("; ").join(answer_lines(advisor, question_id, value))


def answer_label(advisor: Advisor, question_id: str, option_id: str) -> str:
    """One chosen option with its question: "Top priorities: Easy debugging"."""
    question = advisor.question(question_id)
    return _(
        "%(question)s: %(answer)s",
        question=question.summary,
        answer=question.option(option_id).label,
    )


def short_label(advisor: Advisor, question_id: str, option_id: str) -> str:
    """One chosen option in a few words, as the chart labels it: "JavaScript team"."""
    return advisor.question(question_id).option(option_id).short


def edit_text(advisor: Advisor, edit: Edit) -> str:
    """An edit as an instruction, whole as a button's words are: "Choose “Large” for
    “Project size”"."""
    question = advisor.question(edit.question)
    values = {"option": question.option(edit.option).label, "question": question.summary}
    if edit.action == "add":
        return _("Add “%(option)s” to “%(question)s”", **values)
    if edit.action == "remove":
        return _("Remove “%(option)s” from “%(question)s”", **values)
    return _("Choose “%(option)s” for “%(question)s”", **values)


NO_CHANGE = N_(
    "No change of one or two answers would give another verdict or move the back end to the "
    "other language."
)


def pairs_note(rec: Recommendation) -> str | None:
    """Said above changes when no single answer changes anything: whether the pairs move
    the back end to the other language, or only make the result firmer or closer."""
    if not rec.changes or len(rec.changes[0].edits) == 1:
        return None
    kinds = {change.kind for change in rec.changes}
    if kinds == {"switch"}:
        return _("No single answer would change this result; these pairs of changes would.")
    if "switch" in kinds:
        return _(
            "No single answer would change this result; the first pairs below would move "
            "the back end to the other language, the others would only change how firm it is."
        )
    return _(
        "No one or two answers would move the back end to the other language; these pairs "
        "would only change how firm the result is."
    )


def changes_note(rec: Recommendation) -> str | None:
    """Said in every format when nothing within one or two answers changes the result."""
    return None if rec.changes else _(NO_CHANGE)


def headline(rec: Recommendation) -> str:
    """The result in a few words: a close call says which way it leans (one instruction)."""
    if rec.verdict == "either" and rec.lean in ("python", "nodejs"):
        return _("A close call, leaning to %(language)s", language=display_name(rec.lean))
    if rec.verdict == "either":
        return _("A close call: either will do")  # ruleset 1 with no team language
    return _("Use %(language)s for your back end", language=display_name(rec.verdict))


LeadSize = Literal["close", "narrow", "clear"]
CLEAR_LEAD = 3  # a lead of more than this many times the close-call margin is clear


def lead_size(margin: float, either_margin: int) -> LeadSize:
    """The one ladder of words for a lead, from the margin alone: a close call, a narrow
    lead, a clear lead. A bigger lead never gets a smaller word."""
    lead = abs(margin)
    if lead <= either_margin:
        return "close"
    return "narrow" if lead <= CLEAR_LEAD * either_margin else "clear"


def answer_lines(advisor: Advisor, question_id: str, value: str | Sequence[str]) -> tuple[str, ...]:
    """An answer in words, one option a line ("None of these" for an empty multi-select)."""
    question = advisor.question(question_id)
    if isinstance(value, str):
        return (question.option(value).label,)
    return tuple(question.option(o).label for o in value) or (_("None of these"),)


def firmness(rec: Recommendation, either_margin: int) -> str:
    """How firm the verdict is, in words, with the scale it is measured on."""
    lead = abs(rec.margin)
    if lead_size(rec.margin, either_margin) == "close":
        return _(
            "Python %(python)s, NodeJS %(nodejs)s: within %(margin)s points of each other, "
            "so a close call.",
            python=rec.python,
            nodejs=rec.nodejs,
            margin=either_margin,
        )
    if lead_size(rec.margin, either_margin) == "clear":
        text = N_(
            "Python %(python)s, NodeJS %(nodejs)s: a clear lead of %(lead)s points "
            "(a close call is %(margin)s points or fewer)."
        )
    else:
        text = N_(
            "Python %(python)s, NodeJS %(nodejs)s: a narrow lead of %(lead)s points "
            "(a close call is %(margin)s points or fewer)."
        )
    return _(text, python=rec.python, nodejs=rec.nodejs, lead=lead, margin=either_margin)


def chart_caption(rec: Recommendation) -> str:
    """What the chart shows; how the team's answer was counted, only when it scored."""
    team = next((r for r in rec.reasons if r.question == "team" and r.weight), None)
    if team is None:
        return _("Points each answer added.")
    if rec.answers.get("scale") == "large":
        return _("Points each answer added. On a large system the team’s answer counts once.")
    return _("Points each answer added. The team’s answer counts double below a large system.")


def firmness_words(rec: Recommendation) -> str:
    """How firm the result is, in words: which way the answers that moved it pointed."""
    python = sum(1 for r in rec.reasons if r.favours == "python")
    nodejs = sum(1 for r in rec.reasons if r.favours == "nodejs")
    if not python and not nodejs:
        return _("No answer moved the score either way.")
    if rec.verdict != "either":
        language = rec.verdict
        if not (nodejs if language == "python" else python):
            return _(
                "Every answer that moved the score pointed to %(language)s.",
                language=display_name(language),
            )
        text = (
            N_(
                "Answers that moved the score: %(python)s for Python, %(nodejs)s for NodeJS. "
                "Those for Python carry more points."
            )
            if language == "python"
            else N_(
                "Answers that moved the score: %(python)s for Python, %(nodejs)s for NodeJS. "
                "Those for NodeJS carry more points."
            )
        )
        return _(text, python=python, nodejs=nodejs)
    return _(
        "It is close. Answers that moved the score: %(python)s for Python, %(nodejs)s for "
        "NodeJS; their points are not far enough apart to decide it.",
        python=python,
        nodejs=nodejs,
    )


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
    side = "Python" if margin > 0 else "NodeJS"
    if margin == 0:
        description = _(
            "The scores are level, in the middle of the close-call zone of %(margin)s points "
            "each way.",
            margin=either_margin,
        )
    elif abs(margin) <= either_margin:  # one point is possible here: a counted message
        description = ngettext(
            "The scores’ difference is %(num)d point toward %(side)s, inside the "
            "close-call zone of %(margin)s points each way.",
            "The scores’ difference is %(num)d points toward %(side)s, inside the "
            "close-call zone of %(margin)s points each way.",
            abs(margin),
            side=side,
            margin=either_margin,
        )
    else:
        description = ngettext(
            "The scores’ difference is %(num)d point toward %(side)s, outside the "
            "close-call zone of %(margin)s points each way.",
            "The scores’ difference is %(num)d points toward %(side)s, outside the "
            "close-call zone of %(margin)s points each way.",
            abs(margin),
            side=side,
            margin=either_margin,
        )
    return Meter(centre - zone, 2 * zone, marker, description)


def settle_text(advisor: Advisor, rec: Recommendation) -> str | None:
    """On a close call, the one instruction: start from the lean, and how the team could
    overturn it (a spike on the part where the two routes differ most)."""
    if rec.verdict != "either" or rec.lean == "either":
        return None  # a clear result, or ruleset 1's close call that leans nowhere
    work = spike_work(rec)
    label = advisor.question("workloads").option(work).label if work is not None else None
    return spike_instruction(rec.lean, label)


def spike_instruction(lean: Language, work: str | None = None) -> str:
    """Start from the lean, and how to overturn it: a spike on a slice of `work` (a
    workload's label; by default, the riskiest part of the back end) in the other
    language."""
    values = {"language": display_name(lean), "other": display_name(other_language(lean))}
    if work is None:
        return _(
            "Start from %(language)s. To overturn that, time-box a spike: build the riskiest "
            "part of the back end in %(other)s too, a day or two, and switch only if the team "
            "finds it clearly better.",
            **values,
        )
    return _(
        "Start from %(language)s. To overturn that, time-box a spike: build a small slice of "
        "“%(work)s” in %(other)s too, a day or two, and switch only if the team finds it "
        "clearly better.",
        work=work,
        **values,
    )


def spike_work(rec: Recommendation) -> str | None:
    """The heaviest workload that the two routes build in different languages (a spike on
    work both routes build alike would settle nothing), or None."""

    def languages(plan: Plan | None, ref: tuple[str, str]) -> set[str | None]:
        if plan is None:
            return set()
        doing: set[str | None] = {part.language for part in plan.parts if ref in part.because}
        return doing or {plan.language}  # work no part names is the back end's

    for reason in sorted(
        (r for r in rec.reasons if r.weight and r.question == "workloads"), key=lambda r: -r.weight
    ):
        ref = (reason.question, reason.answer)
        if languages(rec.plan, ref) != languages(rec.alternative_plan, ref):
            return reason.answer
    return None


def version_month(ruleset: Ruleset) -> str:
    """The month a ruleset was released, as the language in use writes it."""
    return month_and_year(date.fromisoformat(ruleset.released))


def lean_text(advisor: Advisor, rec: Recommendation) -> str | None:
    """On a close call, why the plan is in its language, in words."""
    if rec.verdict != "either" or rec.lean == "either":
        return None
    lean = display_name(rec.lean)
    if rec.lean_basis == "team":
        known = "JavaScript" if rec.lean == "nodejs" else "Python"
        if rec.python == rec.nodejs:
            return _(
                "The scores are level, so the plan follows your team’s language: yours knows "
                "%(known)s best, so the plan uses %(language)s.",
                known=known,
                language=lean,
            )
        if (rec.python > rec.nodejs) == (rec.lean == "python"):
            return _(
                "When it is this close, the article’s advice is to choose what suits your "
                "team: yours knows %(known)s best, so the plan uses %(language)s.",
                known=known,
                language=lean,
            )
        return ngettext(
            "When it is this close, we follow the article’s advice to choose what suits your "
            "team: yours knows %(known)s best, so the plan uses %(language)s, though "
            "%(other)s scores %(num)d point higher.",
            "When it is this close, we follow the article’s advice to choose what suits your "
            "team: yours knows %(known)s best, so the plan uses %(language)s, though "
            "%(other)s scores %(num)d points higher.",
            abs(rec.margin),
            known=known,
            language=lean,
            other=display_name(other_language(rec.lean)),
        )
    if rec.lean_basis == "scores":
        rule = advisor.ruleset_of(rec).close_call
        if rule.languages.get(str(rec.answers.get(rule.question))) is not None:
            decides = ngettext(
                "On a large system we read the article as letting each language’s strengths "
                "count for more than the team’s habits, so the higher score decides: "
                "%(language)s leads by %(num)d point.",
                "On a large system we read the article as letting each language’s strengths "
                "count for more than the team’s habits, so the higher score decides: "
                "%(language)s leads by %(num)d points.",
                abs(rec.margin),
                language=lean,
            )
        else:
            decides = ngettext(
                "Your team has no one language to follow, so the higher score decides: "
                "%(language)s leads by %(num)d point.",
                "Your team has no one language to follow, so the higher score decides: "
                "%(language)s leads by %(num)d points.",
                abs(rec.margin),
                language=lean,
            )
        tipping = [
            _(
                "“%(answer)s” (+%(points)s)",
                answer=advisor.question(r.question).option(r.answer).label,
                points=r.weight,
            )
            for r in rec.deciding
        ]
        gone = ngettext(
            "Without this answer, the lead would be gone: %(answers)s.",
            "Without these answers, the lead would be gone: %(answers)s.",
            len(tipping),
            answers=listed(tipping),
        )
        return f"{decides} {gone}"
    close_call = advisor.ruleset_of(rec).close_call
    tie_break = close_call.tie_break(rec.answers)
    return tie_break.why if tie_break is not None else close_call.fallback_why
