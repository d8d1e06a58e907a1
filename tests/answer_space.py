"""The whole answer space of a ruleset, and the plan's rules (PRODUCT.md, "The plan").

`plan_breaks` names every rule a result breaks; `legacy_breaks` counts what ruleset 1's
canned stack line broke of the same rules, so the two can be compared.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Mapping
from typing import Any

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
        live_elsewhere = any(
            part.role == "service" and LIVE_ANSWERS & set(part.because) for part in plan.parts
        )
        if plan.language == "python" and given & LIVE_ANSWERS and not live_elsewhere:
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


# --- every sentence true, by construction (PRODUCT.md, rules 17-28, and what reading found) ---

SERVED = ("workloads", "frontend")
HOLDS_LIVE = re.compile(r"hold[s]? the (?:live|open) connections", re.IGNORECASE)
READING = re.compile(r"large system[^.]*\b(?:count|weigh)", re.IGNORECASE)
SAYS_READING = re.compile(r"\bwe read\b|\bour reading\b", re.IGNORECASE)
API = re.compile(r"\bAPI\b")
FRONT_END = re.compile(r"front end|front-end|interface", re.IGNORECASE)
MATTERS_TO_YOU = re.compile(r"matters? to you", re.IGNORECASE)
LADDER = {"close": "close call", "narrow": "narrow", "clear": "clear"}


def plan_truth_breaks(
    advisor: Any, answers: Answers, plan: Plan, reasons: tuple[Any, ...]
) -> list[str]:
    """The rules from 17 on that one plan breaks (a person's or a team's), given the answers
    it was composed from and their reasons."""
    breaks: list[str] = []
    strengths = advisor.content.strengths
    favour = {(r.question, r.answer): r.favours for r in reasons}
    live_owners = [part for part in plan.parts if LIVE_ANSWERS & set(part.because)]
    if len(live_owners) > 1 or sum(bool(HOLDS_LIVE.search(p.text)) for p in plan.parts) > 1:
        breaks.append("17: two parts do one live job")
    for part in plan.parts:
        family = _family(part.language)
        for ref in part.because:
            side = "nodejs" if family == "javascript" else family
            if ref[0] not in SERVED and favour.get(ref) != side:
                breaks.append("17: a part rests on an answer that does not favour it")
        start = advisor.content.start_for(part.frameworks) if part.language else None
        if start is not None and not set(start.frameworks) <= set(part.frameworks):
            breaks.append("21: getting started names a framework its part does not")
    for item in (*plan.parts, *plan.tensions):
        for strength_id in item.strengths:
            if not strengths[strength_id].supports_text(item.text):
                breaks.append("22: a citation that does not support its sentence")
    texts = _plan_texts(plan)
    has_service = any(part.role == "service" for part in plan.parts)
    if answers["frontend"] == "templates" and not has_service:
        if any(API.search(text) for text in texts):
            breaks.append("23: an API in a plan of server-rendered pages")
    if answers["frontend"] == "api_only" and any(FRONT_END.search(t) for t in texts):
        breaks.append("23: a front end in a plan with none")
    if (
        plan.language == "python"
        and answers["frontend"] == "templates"
        and (answers["scale"] == "large")
    ):
        if not any(
            "python-only-restrictive" in t.strengths and ("scale", "large") in t.because
            for t in plan.tensions
        ):
            breaks.append("25: a large Python-only plan without the article's warning")
    for tension in plan.tensions:
        if MATTERS_TO_YOU.search(tension.text) and not any(
            q == "priorities" for q, _ in tension.because
        ):
            breaks.append("new: 'matters to you' without that priority")
    return breaks


def truth_breaks(advisor: Any, answers: Answers, rec: Recommendation) -> list[str]:
    """The rules of "every sentence true" from rule 17 on that a result breaks, judged on
    the engine's result and the presenters' words (the same words every format shows)."""
    from stackchooser.presenters.rows import change_outcome
    from stackchooser.presenters.words import (
        firmness,
        headline,
        lead_size,
        lean_text,
        pairs_note,
        settle_text,
        spike_work,
    )

    breaks: list[str] = []
    ruleset = advisor.ruleset_of(rec)
    strengths = advisor.content.strengths
    margin = ruleset.either_margin
    given = _given(answers)
    favour = {(r.question, r.answer): r.favours for r in rec.reasons}
    for plan in _plans(rec):
        breaks += plan_truth_breaks(advisor, answers, plan, rec.reasons)
    for reason in rec.reasons:
        if not all(strengths[s].supports_text(reason.why) for s in reason.strengths):
            breaks.append("22: a reason's citation does not support it")
        if (
            reason.weight
            and reason.favours == "nodejs"
            and ("node-fast-prototyping" in reason.strengths and answers["scale"] == "large")
        ):
            breaks.append("new: faster first versions scored on a large system")
    if ("unified_stack", "no") in given and favour.get(("unified_stack", "no"), "neither") != (
        "neither"
    ):
        breaks.append("new: separate ends scored for one language")
    size = lead_size(rec.margin, margin)
    if LADDER[size] not in firmness(rec, margin):
        breaks.append("18: the verdict's words are off the ladder")
    for change in rec.changes:
        words = change_outcome(change, margin)
        change_size = lead_size(change.python - change.nodejs, margin)
        if (change_size == "clear") != ("clear" in words) or (change_size == "narrow") != (
            "narrow" in words
        ):
            breaks.append("28: an outcome's words are off the ladder")
        if change.verdict == "either" and change.python != change.nodejs:
            higher = "python" if change.python > change.nodejs else "nodejs"
            if change.plan_language != higher and "team’s language" not in words:
                breaks.append("28: a lean against the higher score says not why")
        if change.verdict == "either" and change.python == change.nodejs:
            if "level scores" not in words:
                breaks.append("28: a tie's outcome says not that the scores are level")
    note = pairs_note(rec)
    if (
        note
        and note.endswith("these pairs of changes would.")
        and any(change.kind != "switch" for change in rec.changes)
    ):
        breaks.append("20: 'these pairs would' above a pair that changes nothing")
    if (
        rec.verdict == "either"
        and rec.python == rec.nodejs
        and answers["unified_stack"] == "yes"
        and answers["team"] in ("both", "neither")
        and rec.lean != "nodejs"
    ):
        breaks.append("24: a single-stack tie with no team language not leaning NodeJS")
    if rec.verdict == "either":
        lean = lean_text(advisor, rec) or ""
        settle = settle_text(advisor, rec) or ""
        card = " ".join((headline(rec), lean, settle))
        if "either will do" in card or not settle.startswith("Start from"):
            breaks.append("26: a close call without one instruction")
        work = spike_work(rec)
        if work is not None and "“" not in settle:
            breaks.append("26: the spike names no part")
        sentences = [lean] + [r.why for r in rec.reasons]
        for plan in _plans(rec):
            sentences += _plan_texts(plan)
        for sentence in sentences:
            if READING.search(sentence) and not SAYS_READING.search(sentence):
                breaks.append("27: a reading of the article not said to be ours")
    else:
        for sentence in [r.why for r in rec.reasons]:
            if READING.search(sentence) and not SAYS_READING.search(sentence):
                breaks.append("27: a reading of the article not said to be ours")
    return breaks
