"""The whole answer space of a ruleset, and the plan's rules (PRODUCT.md, "The plan").

`plan_breaks` names every rule a result breaks; `legacy_breaks` counts what ruleset 1's
canned stack line broke of the same rules, so the two can be compared.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping

from stackchooser.content import Answers, AnswerValue, Ruleset, chosen
from stackchooser.engine import Plan, Recommendation
from tests.data import STRENGTH_IDS

ONE_LANGUAGE = re.compile(
    r"one language|single language|same language|unified|single stack|everywhere|throughout"
    r"|across the stack|both sides",
    re.IGNORECASE,
)
REACT_OR_VUE = re.compile(r"React|Vue")
ML_ANSWERS = {("workloads", "ml_ai"), ("workloads", "data_science"), ("priorities", "ml_serving")}
LIVE_ANSWERS = {("workloads", "realtime_messaging"), ("workloads", "data_streaming")}
LIVE_STRENGTHS = {"node-event-driven", "node-streams"}
OTHER = {"python": "nodejs", "nodejs": "python"}


def answer_space(ruleset: Ruleset, fixed: Mapping[str, str] | None = None) -> Iterator[Answers]:
    """Every valid, canonical answer set of a ruleset (with the one-of answers in `fixed`)."""
    fixed = fixed or {}
    per_question: list[list[AnswerValue]] = []
    for question in ruleset.questions:
        options = question.option_ids
        if question.id in fixed:
            per_question.append([fixed[question.id]])
        elif not question.multiple:
            per_question.append(list(options))
        else:
            limit = question.max if question.max is not None else len(options)
            sizes = range(limit + 1)
            per_question.append(
                [combo for size in sizes for combo in itertools.combinations(options, size)]
            )
    ids = [question.id for question in ruleset.questions]
    for values in itertools.product(*per_question):
        yield dict(zip(ids, values, strict=True))


def _given(answers: Answers) -> set[tuple[str, str]]:
    return {(question, option) for question, value in answers.items() for option in chosen(value)}


def _plan_texts(plan: Plan) -> list[str]:
    return [plan.summary, *(p.text for p in plan.parts), *(t.text for t in plan.tensions)]


def _plan_breaks(answers: Answers, plan: Plan, language: str) -> list[str]:
    breaks = []
    given = _given(answers)
    backends = [part for part in plan.parts if part.role == "backend"]
    if len(backends) != 1:
        breaks.append("1: not exactly one back end")
    elif not plan.language == backends[0].language == language:
        breaks.append("1: back end not in the plan's language")
    frontends = [part for part in plan.parts if part.role == "frontend"]
    frontend = answers["frontend"]
    if frontend == "api_only":
        if frontends:
            breaks.append("2: a front end for an API only")
    elif len(frontends) != 1:
        breaks.append("2: not exactly one front end")
    elif frontend == "templates" and (
        frontends[0].language == "javascript" or REACT_OR_VUE.search(frontends[0].text)
    ):
        breaks.append("2: React or Vue for server-rendered pages")
    elif frontend in ("spa", "highly_interactive") and frontends[0].language != "javascript":
        breaks.append("2: a rich front end not in JavaScript")
    elif frontend == "undecided" and (
        frontends[0].language is not None
        or "open" not in frontends[0].text
        or "API" not in frontends[0].text
    ):
        breaks.append("2: an undecided front end not said to be open, kept open by the API")
    if REACT_OR_VUE.search(plan.summary) and frontend in ("templates", "api_only"):
        breaks.append("2: React or Vue in the summary for pages or an API only")
    languages = {part.language for part in plan.parts}
    if answers["unified_stack"] == "no" and any(ONE_LANGUAGE.search(t) for t in _plan_texts(plan)):
        breaks.append("3: claims one language after a no")
    if (
        answers["unified_stack"] == "yes"
        and {"python", "nodejs"} <= languages
        and not any(t.question == "unified_stack" for t in plan.tensions)
    ):
        breaks.append("3: two languages with no tension on one language")
    ml = given & ML_ANSWERS
    if ml and not any(
        part.role in ("backend", "service") and part.language == "python" and ml & set(part.because)
        for part in plan.parts
    ):
        breaks.append("4: machine learning or data work with no Python part doing it")
    if language == "python":
        for ref in given & LIVE_ANSWERS:
            serviced = any(
                part.role == "service" and part.language == "nodejs" and ref in part.because
                for part in plan.parts
            )
            tension = any(
                (t.question, t.answer) == ref and LIVE_STRENGTHS & set(t.strengths)
                for t in plan.tensions
            )
            if not (serviced or tension):
                breaks.append("5: real-time work on Python with no NodeJS service or tension")
    for item in (*plan.parts, *plan.tensions):
        if not item.strengths or not set(item.strengths) <= STRENGTH_IDS:
            breaks.append("6: a part or tension cites no known strength")
    for part in plan.parts:
        if not set(part.because) <= given:
            breaks.append("6: a part's because names an answer not given")
    for tension in plan.tensions:
        if (tension.question, tension.answer) not in given:
            breaks.append("6: a tension names an answer not given")
    if not plan.summary.endswith(".") or ". " in plan.summary:
        breaks.append("summary is not one sentence")
    return breaks


def plan_breaks(answers: Answers, rec: Recommendation) -> list[str]:
    """The rules of the plan that a result breaks (an empty list when it keeps them all)."""
    if rec.plan is None:
        return ["1: no plan"]
    if rec.lean not in ("python", "nodejs"):
        return ["1: no language to lean to"]
    breaks = _plan_breaks(answers, rec.plan, rec.lean)
    if rec.stack != rec.plan.summary:
        breaks.append("stack is not the plan's summary")
    if rec.verdict == "either":
        if rec.alternative_plan is None:
            breaks.append("1: a close call without the other route")
        else:
            breaks += _plan_breaks(answers, rec.alternative_plan, OTHER[rec.lean])
    elif rec.alternative_plan is not None:
        breaks.append("1: another route on a clear result")
    return breaks


def legacy_breaks(answers: Answers, rec: Recommendation) -> list[str]:
    """What ruleset 1's one-line stack broke of the same rules, judged from its text."""
    text = rec.stack
    breaks = []
    given = _given(answers)
    if answers["frontend"] in ("templates", "api_only") and REACT_OR_VUE.search(text):
        breaks.append("2: React or Vue for server-rendered pages or an API only")
    if answers["unified_stack"] == "no" and ONE_LANGUAGE.search(text):
        breaks.append("3: claims one language after a no")
    if given & ML_ANSWERS and not re.search(r"Python|FastAPI|Flask", text):
        breaks.append("4: machine learning or data work with no Python part doing it")
    if rec.lean == "python" and given & LIVE_ANSWERS and "NodeJS" not in text:
        breaks.append("5: real-time work on Python with no NodeJS service or tension")
    if rec.lean not in ("python", "nodejs"):
        breaks.append("1: no language to lean to")
    return breaks
