"""The whole answer space of a ruleset, and the plan's rules (PRODUCT.md, "The plan").

`plan_breaks` names every rule a result breaks; `legacy_breaks` counts what ruleset 1's
canned stack line broke of the same rules, so the two can be compared.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Mapping

from stackchooser.engine import Plan, Recommendation
from stackchooser.model import Answers, AnswerValue, Ruleset, chosen
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


@functools.cache
def _says_one_language(text: str) -> bool:
    return bool(ONE_LANGUAGE.search(text))


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
    if answers["unified_stack"] == "no" and any(_says_one_language(t) for t in _plan_texts(plan)):
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
                ref in (t.because or ((t.question, t.answer),))
                and LIVE_STRENGTHS & set(t.strengths)
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


# --- every sentence true (PRODUCT.md, rules 9-16) -------------------------------------------

CLAIM = re.compile(
    r"\b(?:the|other|your|these|those) answers\b[^.;:]*?"
    r"\b(?:favour|favours|lean to|leans to|lean toward|point to|points to|keep[^.;]*? in)"
    r"\s+(Python|NodeJS)"
)
ONE_LANGUAGE_IS_JS = re.compile(
    r"one language[^.]*\bmeans?\b[^.]*\b(?:JavaScript|NodeJS)", re.IGNORECASE
)
NAMES = {"Python": "python", "NodeJS": "nodejs"}
KNOWN = {
    "python": {"python"},
    "javascript": {"nodejs", "javascript"},
    "both": {"python", "nodejs", "javascript"},
    "neither": set(),
}


def _family(language: str | None) -> str | None:
    return None if language is None else ("python" if language == "python" else "javascript")


def _plans(rec: Recommendation) -> list[Plan]:
    return [plan for plan in (rec.plan, rec.alternative_plan) if plan is not None]


@functools.cache
def _claims(text: str) -> tuple[str, ...]:
    """The languages a sentence says the answers favour."""
    return tuple(NAMES[name] for name in CLAIM.findall(text))


@functools.cache
def _says_one_language_is_js(text: str) -> bool:
    return bool(ONE_LANGUAGE_IS_JS.search(text))


def sentence_breaks(answers: Answers, rec: Recommendation, lean_text: str | None) -> list[str]:
    """The rules of "every sentence true" (9-15, and 16 when changes were computed) that a
    result breaks; `lean_text` is the close-call sentence the pages show."""
    breaks = []
    given = _given(answers)
    scores = {"python": rec.python, "nodejs": rec.nodejs}
    texts = [reason.why for reason in rec.reasons] + ([lean_text] if lean_text else [])
    for plan in _plans(rec):
        texts += _plan_texts(plan)
    for text in texts:
        for language in _claims(text):
            if scores[language] <= scores[OTHER[language]]:
                breaks.append("9: says the answers favour a language that is not ahead")
    if rec.verdict == "either" and rec.lean_basis == "scores":
        lead = abs(rec.margin)
        if not rec.deciding or any(r.favours != rec.lean for r in rec.deciding):
            breaks.append("10: decided_by names answers that do not favour the lean")
        elif sum(r.weight for r in rec.deciding) < lead:
            breaks.append("10: the lean holds without the answers said to decide it")
        heaviest = max(rec.reasons, key=lambda r: r.weight)
        if lean_text and "weigh most" in lean_text and heaviest.favours != rec.lean:
            breaks.append("10: claims the answers that weigh most decide")
    says_js = any(_says_one_language_is_js(reason.why) for reason in rec.reasons)
    for plan in _plans(rec):
        families = {_family(part.language) for part in plan.parts}
        claims = _says_one_language(plan.summary)
        if claims and (None in families or len(families) > 1):
            breaks.append("11: the summary claims one language across languages")
        if plan.language == "python" and says_js:
            if claims:
                breaks.append("11: a one-language Python plan beside 'one language is JavaScript'")
            if not any(t.question == "unified_stack" for t in plan.tensions):
                breaks.append("11: a Python plan beside 'one language is JavaScript', no tension")
        seen: set[str] = set()
        refs: list[tuple[str, str]] = []
        for tension in plan.tensions:
            if seen & set(tension.strengths):
                breaks.append("12: a strength given up by two tensions")
            seen.update(tension.strengths)
            if not tension.because or tension.because[0] != (tension.question, tension.answer):
                breaks.append("12: a tension without its because")
            if not set(tension.because) <= given:
                breaks.append("12: a tension's because names an answer not given")
            refs += tension.because
        if len(refs) != len(set(refs)):
            breaks.append("12: one answer behind two tensions")
        if plan.language == "python" and given & LIVE_ANSWERS:
            backend = next(part for part in plan.parts if part.role == "backend")
            if "Flask" in backend.text or "FastAPI" not in backend.text:
                breaks.append("13: live work on a Python back end without an async framework")
        team = str(answers["team"])
        for part in plan.parts:
            if part.role == "service" and part.language not in KNOWN[team]:
                if not any(t.question == "team" for t in plan.tensions):
                    breaks.append("15: a service in a language the team lacks, no team tension")
    if (
        answers["scale"] == "large"
        and rec.verdict == "either"
        and rec.python != rec.nodejs
        and rec.lean != ("python" if rec.python > rec.nodejs else "nodejs")
    ):
        breaks.append("14: a large close call leans against the higher score")
    kinds = [change.kind for change in rec.changes]
    if kinds != sorted(kinds, key=lambda kind: kind != "switch"):
        breaks.append("16: a change that keeps the back end before one that moves it")
    for change in rec.changes:
        expected = "switch"
        if change.plan_language == rec.lean:
            expected = "closer" if change.verdict == "either" else "firmer"
        if change.plan_language not in ("python", "nodejs") or change.kind != expected:
            breaks.append("16: a change's plan language or kind is wrong")
    return breaks
