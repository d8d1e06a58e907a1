"""The scoring engine: answers in, a recommendation that explains itself out.

Pure Python with no Flask import. Each answer adds points toward Python and NodeJS as
its ruleset says (the points and the sentence of one answer may depend on another
answer); a close call is "either" and leans to a language by the close-call rule. From
ruleset 2 on, a plan is composed from the answers: one back end, a front end that follows
the front-end answer, companion services, and the tensions the plan lives with. See
docs/SCORING.md for the model in prose.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from .caches import ENGINE_TABLES, PerObject
from .kinds import (
    ChangeKind,
    EditAction,
    Favours,
    Language,
    LeanBasis,
    PartLanguage,
    PartRole,
    Verdict,
    language_family,
)
from .model import (
    Answers,
    AnswerValue,
    PartRule,
    PlanRules,
    Question,
    Ruleset,
    Weighting,
    chosen,
)

__all__ = [
    "AnswerError",
    "AnswerValue",
    "Answers",
    "Change",
    "Edit",
    "Plan",
    "PlanPart",
    "Reason",
    "Recommendation",
    "Tension",
    "answer_errors",
    "apply_edits",
    "evaluate",
    "normalize_answer",
    "normalize_answers",
    "recommend",
    "unique",
]

AnswerRef = tuple[str, str]  # (question id, option id): one answer the visitor gave
Item = TypeVar("Item", bound=Hashable)
STRONGEST_REASONS = 3  # how many of the strongest reasons a back end or a lean names


class AnswerError(ValueError):
    """An answer set is invalid; `field` names the question (or "answers")."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


@dataclass(frozen=True)
class Reason:
    """How one chosen option pushed the scores."""

    question: str
    answer: str
    favours: Favours
    python: int
    nodejs: int
    strengths: tuple[str, ...]
    why: str
    tension: str | None = None
    concern: str | None = None
    tension_strengths: tuple[str, ...] | None = None  # what the tension cites, if not `strengths`
    advice: str | None = None  # what we suggest doing about the tension (ours, uncited)

    @property
    def tension_cites(self) -> tuple[str, ...]:
        return self.strengths if self.tension_strengths is None else self.tension_strengths

    @property
    def weight(self) -> int:
        return abs(self.python - self.nodejs)


@dataclass(frozen=True)
class Edit:
    """One edit of one answer: choose another option, or add or remove one."""

    question: str
    action: EditAction
    option: str


@dataclass(frozen=True)
class Change:
    """The fewest edits (one, or else two) that would give another verdict or plan language.

    `plan_language` is the language the plan would then be in; `kind` says whether the
    change moves the back end to the other language ("switch"), or keeps it and only
    makes the result clear ("firmer") or a close call ("closer").
    """

    edits: tuple[Edit, ...]
    verdict: Verdict
    python: int
    nodejs: int
    plan_language: Verdict = "either"
    kind: ChangeKind = "switch"
    lean_basis: LeanBasis | None = "verdict"  # on a close call, why it would lean its way


@dataclass(frozen=True)
class PlanPart:
    """One part of the plan: what to build, in which language, and which answers ask for it."""

    role: PartRole
    language: PartLanguage | None
    text: str
    strengths: tuple[str, ...]
    because: tuple[AnswerRef, ...]
    rule: str = ""  # the id of the plan rule it comes from
    frameworks: tuple[str, ...] = ()  # the frameworks it names (for getting started)


@dataclass(frozen=True)
class Tension:
    """What the plan gives up and what to watch for, with every answer that asks for it.

    `question` and `answer` are the first of `because`.
    """

    question: str
    answer: str
    text: str  # what the article says the plan gives up (cited by `strengths`)
    strengths: tuple[str, ...]
    because: tuple[AnswerRef, ...] = ()
    advice: str = ""  # ruleset 4 on: what we suggest doing about it (ours, cites nothing)


@dataclass(frozen=True)
class Plan:
    """The suggested stack, composed from the answers (ruleset 2 on)."""

    language: Language
    summary: str
    parts: tuple[PlanPart, ...]
    tensions: tuple[Tension, ...]

    @property
    def strengths(self) -> tuple[str, ...]:
        cited = [part.strengths for part in self.parts] + [t.strengths for t in self.tensions]
        return unique(s for strengths in cited for s in strengths)


@dataclass(frozen=True)
class Recommendation:
    """The result for one answer set under one ruleset."""

    ruleset: int
    answers: Answers
    verdict: Verdict
    python: int
    nodejs: int
    lean: Verdict
    lean_basis: LeanBasis | None
    deciding: tuple[Reason, ...]  # on a close call: the answers the lean rests on
    reasons: tuple[Reason, ...]
    strengths: tuple[str, ...]
    stack: str  # the suggested stack in one sentence (the plan's summary, ruleset 2 on)
    stack_id: str | None  # ruleset 1's canned stack id
    plan: Plan | None
    alternative_plan: Plan | None
    changes: tuple[Change, ...]

    @property
    def margin(self) -> int:
        """Python's points minus NodeJS's points."""
        return self.python - self.nodejs


def unique(items: Iterable[Item]) -> tuple[Item, ...]:
    """The items without repeats, in the order they first come."""
    return tuple(dict.fromkeys(items))


def _shown(value: str) -> str:
    """A value quoted for an error message, cut short if long."""
    return repr(value if len(value) <= 40 else value[:40] + "…")


# --- answers ---------------------------------------------------------------------------


def normalize_answer(question: Question, value: object) -> AnswerValue:
    """One answer in canonical form; raises :class:`AnswerError` if it is not valid."""
    if not question.multiple:
        if not isinstance(value, str):
            raise AnswerError(question.id, "choose one option")
        if value not in question.option_ids:
            raise AnswerError(question.id, f"unknown option {_shown(value)}")
        return value
    if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
        raise AnswerError(question.id, "give a list of options")
    picked = set()
    for item in value:
        if not isinstance(item, str):
            raise AnswerError(question.id, "options must be strings")
        if item not in question.option_ids:
            raise AnswerError(question.id, f"unknown option {_shown(item)}")
        if item in picked:
            raise AnswerError(question.id, f"option {_shown(item)} given twice")
        picked.add(item)
    if question.max is not None and len(picked) > question.max:
        raise AnswerError(question.id, f"choose at most {question.max} options")
    return tuple(option for option in question.option_ids if option in picked)


def _checked(raw: Mapping[str, object], ruleset: Ruleset) -> tuple[Answers, list[AnswerError]]:
    """The canonical answers, and every problem found: unknown questions first, then
    missing or invalid answers in questionnaire order."""
    if not isinstance(raw, Mapping):
        return {}, [AnswerError("answers", "answers must be an object")]
    known = {question.id for question in ruleset.questions}
    errors = [AnswerError(str(key)[:40], "unknown question") for key in raw if key not in known]
    answers: Answers = {}
    for question in ruleset.questions:
        try:
            if question.id in raw:
                answers[question.id] = normalize_answer(question, raw[question.id])
            elif question.default is not None:
                answers[question.id] = question.default
            else:
                raise AnswerError(question.id, "this question needs an answer")
        except AnswerError as error:
            errors.append(error)
    return answers, errors


def normalize_answers(raw: Mapping[str, object], ruleset: Ruleset) -> Answers:
    """Check an answer set against a ruleset's questions and return its canonical form.

    Multi-select answers become tuples in the questions' option order; questions with a
    default may be left out. Raises :class:`AnswerError` naming the (first) field at fault.
    """
    answers, errors = _checked(raw, ruleset)
    if errors:
        raise errors[0]
    return answers


def answer_errors(raw: Mapping[str, object], ruleset: Ruleset) -> list[AnswerError]:
    """Every problem of an answer set at once (empty when it is valid), in the order
    :func:`normalize_answers` would meet them."""
    return _checked(raw, ruleset)[1]


def apply_edits(answers: Answers, edits: Iterable[Edit], ruleset: Ruleset) -> Answers:
    """The canonical answers after `edits` (for the permalink of a change)."""
    changed = dict(answers)
    for edit in edits:
        question = ruleset.question(edit.question)
        if edit.action == "choose":
            changed[edit.question] = edit.option
        else:
            changed[edit.question] = _toggle(question, changed[edit.question], edit.option)
    return changed


# --- scores and verdict ------------------------------------------------------------------


def _favours(python: int, nodejs: int) -> Favours:
    if python > nodejs:
        return "python"
    return "nodejs" if nodejs > python else "neither"


def _weightings(
    answers: Answers, ruleset: Ruleset, question_ids: Iterable[str] | None = None
) -> Iterator[tuple[str, str, Weighting]]:
    """How each chosen option weighs, given all the answers, for the answers to
    `question_ids` (every question, in questionnaire order, by default)."""
    if question_ids is None:
        question_ids = (question.id for question in ruleset.questions)
    for question_id in question_ids:
        rules = ruleset.weights[question_id]
        for option_id in chosen(answers[question_id]):
            yield question_id, option_id, rules[option_id].weighting(answers)


def _score(answers: Answers, ruleset: Ruleset) -> tuple[int, int, list[Reason]]:
    python = nodejs = 0
    reasons = []
    for question_id, option_id, weighting in _weightings(answers, ruleset):
        python += weighting.python
        nodejs += weighting.nodejs
        if weighting.python or weighting.nodejs or weighting.strengths:
            reasons.append(
                Reason(
                    question_id,
                    option_id,
                    _favours(weighting.python, weighting.nodejs),
                    weighting.python,
                    weighting.nodejs,
                    weighting.strengths,
                    weighting.why,
                    weighting.tension,
                    weighting.concern,
                    weighting.tension_strengths,
                    weighting.advice,
                )
            )
    return python, nodejs, reasons


def _points(
    answers: Answers, ruleset: Ruleset, question_ids: Iterable[str] | None = None
) -> tuple[int, int]:
    """The points the answers to `question_ids` (every question by default) bring, without
    building reasons."""
    python = nodejs = 0
    for _, _, weighting in _weightings(answers, ruleset, question_ids):
        python += weighting.python
        nodejs += weighting.nodejs
    return python, nodejs


def _verdict(python: int, nodejs: int, ruleset: Ruleset) -> Verdict:
    if abs(python - nodejs) <= ruleset.either_margin:
        return "either"
    return "python" if python > nodejs else "nodejs"


def _strongest(reasons: Iterable[Reason], language: str) -> list[Reason]:
    """The reasons that favour `language`, heaviest first (ties keep question order)."""
    favouring = [reason for reason in reasons if reason.favours == language]
    return sorted(favouring, key=lambda reason: -reason.weight)


def _lean(
    answers: Answers,
    python: int,
    nodejs: int,
    verdict: Verdict,
    reasons: list[Reason],
    ruleset: Ruleset,
) -> tuple[Verdict, LeanBasis | None, tuple[Reason, ...]]:
    """The language the result leans to, why, and the reasons that decided a close call."""
    if verdict != "either":
        return verdict, "verdict", ()
    lean, basis = close_call_lean(answers, python, nodejs, ruleset)
    if basis == "team":
        rule = ruleset.close_call
        return lean, basis, tuple(r for r in reasons if r.question == rule.question)
    if basis == "scores":
        return (
            lean,
            basis,
            _tipping(reasons, lean, abs(python - nodejs), ruleset.close_call.question),
        )
    return lean, basis, ()


def close_call_lean(
    answers: Answers, python: float, nodejs: float, ruleset: Ruleset
) -> tuple[Verdict, LeanBasis | None]:
    """The language a close call leans to, and why: the team's language, or (ruleset 2
    on) the higher score, or on equal scores a tie-break (ruleset 4 on) or the fallback.
    On a large system (ruleset 3 on) the higher score comes first and the team decides
    only equal scores."""
    rule = ruleset.close_call
    answer = answers[rule.question]
    named = rule.languages.get(answer) if isinstance(answer, str) else None
    by_scores = rule.by_scores and python != nodejs
    if by_scores and rule.scores_first is not None and rule.scores_first.matches(answers):
        return ("python" if python > nodejs else "nodejs"), "scores"
    if named is not None:
        return named, "team"
    if not rule.by_scores:
        return "either", None
    if by_scores:
        return ("python" if python > nodejs else "nodejs"), "scores"
    tie_break = rule.tie_break(answers)
    if tie_break is not None:
        return tie_break.language, "fallback"
    assert rule.fallback is not None  # a close call that decides by scores has a fallback
    return rule.fallback, "fallback"


def _tipping(
    reasons: Iterable[Reason], lean: str, lead: int, last: str | None = None
) -> tuple[Reason, ...]:
    """Answers favouring `lean`, heaviest first, without whose points the lead of `lead`
    points would be gone. The answer to `last` (the team's language: a lead decided by the
    scores is not the team's habit deciding) is named only when the others do not suffice."""
    tipping: list[Reason] = []
    removed = 0
    ordered = sorted(_strongest(reasons, lean), key=lambda reason: reason.question == last)
    for reason in ordered:
        if removed >= lead:
            break
        tipping.append(reason)
        removed += reason.weight
    return tuple(tipping)


# --- ruleset 1: the canned stack line ---------------------------------------------------


def _legacy_stack(answers: Answers, lean: Verdict, ruleset: Ruleset) -> str:
    legacy = ruleset.legacy
    assert legacy is not None
    python, nodejs = _points(answers, ruleset, [legacy.split_question])
    split = python >= legacy.split_points and nodejs >= legacy.split_points
    for rule in legacy.rules:
        if rule.lean is not None and rule.lean != lean:
            continue
        if rule.split is not None and rule.split != split:
            continue
        if rule.any_of and not any(
            option in chosen(answers[question_id])
            for question_id, options in rule.any_of.items()
            for option in options
        ):
            continue
        return rule.stack
    raise AssertionError("the last stack rule always matches")  # enforced at load time


# --- ruleset 2 on: the plan ---------------------------------------------------------------


def _first(rules: Iterable[PartRule], language: Language, answers: Answers) -> PartRule | None:
    for rule in rules:
        if rule.backend in (None, language) and rule.when.matches(answers):
            return rule
    return None


def _join(phrases: list[str], and_word: str) -> str:
    """ "a", "a and b", "a, b and c" """
    if len(phrases) == 1:
        return phrases[0]
    return ", ".join(phrases[:-1]) + f" {and_word} " + phrases[-1]


SERVED_QUESTIONS = ("workloads", "frontend")  # answers naming the work a part exists to do


def _family(language: str | None) -> str | None:
    """The scores' side of a part's language: JavaScript counts with NodeJS."""
    return None if language is None else ("python" if language == "python" else "nodejs")


def _because(
    rule: PartRule, answers: Answers, reasons: tuple[Reason, ...], strongest: bool
) -> tuple[AnswerRef, ...]:
    """The answers a part rests on, derived from the reasons: the workloads and front end
    its condition names (the work it exists to do), then the answers of its condition
    whose points favour its language, then (a back end, `strongest`) the heaviest others
    that favour its language. Never an answer that favours the other language, unless it
    names the work the part does."""
    family = _family(rule.language)
    favouring = {(r.question, r.answer) for r in reasons if r.favours == family}
    matched = rule.when.matched(answers)
    served = [ref for ref in matched if ref[0] in SERVED_QUESTIONS]
    backing = [ref for ref in matched if ref in favouring]
    extra = (
        [(r.question, r.answer) for r in _strongest(reasons, family)]
        if strongest and family
        else []
    )
    return unique([*served, *backing, *extra])[:STRONGEST_REASONS]


def compose_plan(
    answers: Answers, language: Language, reasons: Iterable[Reason], ruleset: Ruleset
) -> Plan:
    """The plan with its back end in `language`, composed from the answers.

    Companion services come first, so that the work one of them does (live connections,
    say) is not also the back end's: the back end is the first of its language whose
    condition holds and whose work no service does.
    """
    rules = ruleset.plan
    assert rules is not None
    reasons = tuple(reasons)
    given = {(q, o) for q, value in answers.items() for o in chosen(value)}
    services: list[PartRule] = []
    for rule in rules.services:
        if rule.backend not in (None, language) or any(s.id == rule.id for s in services):
            continue
        if rule.when.matches(answers):
            services.append(rule)
    served = {ref for rule in services for ref in rule.serves} & given
    if not rules.services_first:  # rulesets 2 and 3 chose the back end on its own
        served = set()
    backend_rule = next(
        r
        for r in rules.backends
        if r.language == language and r.when.matches(answers) and not (r.serves & served)
    )
    parts = [_part(backend_rule, answers, reasons, strongest=True)]
    shorts = [backend_rule.short]
    frontend_rule = _first(rules.frontends, language, answers)
    if frontend_rule is not None:
        parts.append(_part(frontend_rule, answers, reasons))
        shorts.append(frontend_rule.short)
    covered: set[AnswerRef] = set()
    for rule in services:
        part = _part(rule, answers, reasons)
        # The work a service does needs no tension; from ruleset 4 only that work, so that
        # an answer that merely calls for the service (the team's language) keeps its own.
        covered.update(rule.serves & given if rules.services_first else rule.when.matched(answers))
        parts.append(part)
        shorts.append(rule.short)
    languages = {part.language for part in parts if part.language is not None}
    mixed = "python" in languages and len(languages) > 1
    service_languages = {part.language for part in parts if part.role == "service"}

    # Each tension, by the answer it is on: (text, strengths, concern, the answers behind
    # it); the first for an answer wins.
    found: dict[AnswerRef, _Found] = {}
    # An answer a plan-shape tension of this back end speaks to is explained by those
    # alone; tensions about a service's owner come beside the answer's own.
    explained = {
        (rule.question, option)
        for rule in rules.tensions
        if rule.service is None and rule.backend in (None, language)
        for option in rule.when.all_of.get(rule.question, ())
    }
    for tension_rule in rules.tensions:
        if tension_rule.backend not in (None, language):
            continue
        if tension_rule.mixed is not None and tension_rule.mixed != mixed:
            continue
        if tension_rule.service is not None and tension_rule.service not in service_languages:
            continue
        if tension_rule.when.matches(answers):
            ref = (tension_rule.question, str(answers[tension_rule.question]))
            behind = unique([ref, *tension_rule.when.matched(answers)])
            found.setdefault(
                ref,
                _Found(
                    tension_rule.text,
                    tension_rule.strengths,
                    tension_rule.concern,
                    behind,
                    tension_rule.advice,
                ),
            )
    for reason in reasons:
        ref = (reason.question, reason.answer)
        if reason.favours in (language, "neither") or ref in explained:
            continue
        if ref in covered or ref in found:
            continue
        assert reason.tension is not None  # checked when the ruleset is loaded
        found[ref] = _Found(
            reason.tension,
            reason.tension_cites,
            reason.concern,
            (ref,),
            reason.advice or "",
        )
    tensions = _tensions(found, ruleset)

    summary = _join(shorts, rules.and_word)
    if (
        language in rules.one_language
        and rules.one_language_when.matches(answers)
        and _one_language(parts, mixed, rules)
    ):
        summary += ", " + rules.one_language[language]
    summary = summary[0].upper() + summary[1:] + "."
    return Plan(language, summary, tuple(parts), tensions)


def _one_language(parts: Iterable[PlanPart], mixed: bool, rules: PlanRules) -> bool:
    """Whether the plan may say it keeps to one language."""
    if not rules.one_language_strict:
        return not mixed
    languages = [part.language for part in parts]
    return None not in languages and len({language_family(str(x)) for x in languages}) == 1


class _Found(NamedTuple):
    """A tension found for one answer, before tensions of one concern are merged."""

    text: str
    strengths: tuple[str, ...]
    concern: str | None
    behind: tuple[AnswerRef, ...]  # every answer behind it
    advice: str


def _tensions(found: Mapping[AnswerRef, _Found], ruleset: Ruleset) -> tuple[Tension, ...]:
    """The tensions in questionnaire order; from ruleset 3 on, one per concern, naming
    every answer behind it (a lone answer keeps its own words). A concern that lists no
    strengths (ruleset 4 on) cites what its answers' tensions cite."""
    order = ruleset.answer_order
    refs = sorted(found, key=lambda ref: order[ref])
    assert ruleset.plan is not None
    concerns = ruleset.plan.concerns
    grouped: dict[str, list[AnswerRef]] = {}
    for ref in refs:
        concern = found[ref].concern
        key = concern if concern is not None and concern in concerns else f"answer:{ref}"
        grouped.setdefault(key, []).append(ref)
    tensions = []
    for key, refs_of in grouped.items():
        text, strengths, _, _, advice = found[refs_of[0]]
        if key in concerns:
            if concerns[key].strengths:
                strengths = concerns[key].strengths
            else:
                strengths = unique(s for ref in refs_of for s in found[ref].strengths)
            if len(refs_of) > 1:
                text, advice = concerns[key].text, concerns[key].advice
        because = unique(behind for ref in refs_of for behind in found[ref].behind)
        tensions.append(Tension(*refs_of[0], text, strengths, because, advice))
    return tuple(tensions)


def _part(
    rule: PartRule, answers: Answers, reasons: tuple[Reason, ...], strongest: bool = False
) -> PlanPart:
    return PlanPart(
        rule.role,
        rule.language,
        rule.text,
        rule.strengths,
        _because(rule, answers, reasons, strongest),
        rule.id,
        rule.frameworks,
    )


# --- what would change it ------------------------------------------------------------------


def _edits(answers: Answers, question: Question) -> list[tuple[Edit, AnswerValue]]:
    """Every single edit of one answer, with the answer it leaves."""
    current = answers[question.id]
    if not question.multiple:
        return [
            (Edit(question.id, "choose", option), option)
            for option in question.option_ids
            if option != current
        ]
    # Adds past the limit are kept: paired with a removal they make a swap.
    return [
        (
            Edit(question.id, "remove" if option in current else "add", option),
            _toggle(question, current, option),
        )
        for option in question.option_ids
    ]


def _within_limits(question: Question, value: AnswerValue) -> bool:
    return question.max is None or isinstance(value, str) or len(value) <= question.max


def _toggle(question: Question, current: AnswerValue, option: str) -> tuple[str, ...]:
    selected = set(chosen(current)) ^ {option}
    return tuple(o for o in question.option_ids if o in selected)


def _outcome(
    answers: Answers, edited: Mapping[str, AnswerValue], python: int, nodejs: int, ruleset: Ruleset
) -> tuple[Verdict, Verdict, LeanBasis | None]:
    """The verdict, the plan's language and why it leans so, when `edited` replaces some of
    the answers and the scores are those given."""
    verdict = _verdict(python, nodejs, ruleset)
    if verdict != "either":
        return verdict, verdict, "verdict"
    return verdict, *close_call_lean({**answers, **edited}, python, nodejs, ruleset)


def _change(
    edits: tuple[Edit, ...],
    edited: Mapping[str, AnswerValue],
    python: int,
    nodejs: int,
    now: tuple[Verdict, Verdict],
    answers: Answers,
    ruleset: Ruleset,
) -> Change | None:
    """The change the edits make, or None when verdict and plan language stay."""
    verdict, plan_language, basis = _outcome(answers, edited, python, nodejs, ruleset)
    if (verdict, plan_language) == now:
        return None
    kind: ChangeKind = "switch"
    if plan_language == now[1]:
        kind = "closer" if verdict == "either" else "firmer"
    return Change(edits, verdict, python, nodejs, plan_language, kind, basis)


def _switches_first(changes: list[Change]) -> tuple[Change, ...]:
    return tuple(sorted(changes, key=lambda change: change.kind != "switch"))


def _question_points(answers: Answers, ruleset: Ruleset, question_id: str) -> tuple[int, int]:
    """The points one question's answer brings given the answers, looked up by the
    answers they read (:attr:`Ruleset.point_inputs`) once worked out."""
    return _tables(ruleset).question_points(answers, question_id)


def _memo_key(answers: Answers, ruleset: Ruleset, question_id: str) -> tuple[AnswerValue, ...]:
    """The answers one question's points read, as its points memo keys them."""
    return tuple(answers[question] for question in ruleset.point_inputs[question_id])


EditOption = tuple[Edit, AnswerValue, bool]  # an edit, the answer it leaves, within limits


class _RulesetTables:
    """What scoring and the search for changes keep of one ruleset: each question's points
    by the answers they read (filled as answers are scored; at most the combinations of
    those answers), each answer's single edits, and where each question's answer sits in
    the points' keys of the questions whose points read it."""

    def __init__(self, ruleset: Ruleset) -> None:
        self.ruleset = ruleset
        self.inputs = ruleset.point_inputs
        self.points: dict[str, dict[tuple[AnswerValue, ...], tuple[int, int]]] = {
            question.id: {} for question in ruleset.questions
        }
        self.reach = {
            edited: tuple(
                (question, self.inputs[question].index(edited))
                for question in sorted(ruleset.dependents[edited])
            )
            for edited in self.inputs
        }
        self._edits: dict[tuple[str, AnswerValue], tuple[EditOption, ...]] = {}

    def question_points(self, answers: Answers, question_id: str) -> tuple[int, int]:
        """The points one question's answer brings given the answers (see
        :func:`_question_points`), kept by the answers they read."""
        key = _memo_key(answers, self.ruleset, question_id)
        memo = self.points[question_id]
        found = memo.get(key)
        if found is None:
            found = memo[key] = _points(answers, self.ruleset, (question_id,))
        return found

    def edits(self, question: Question, current: AnswerValue) -> tuple[EditOption, ...]:
        """Every single edit of an answer (see :func:`_edits`), remembered per answer."""
        found = self._edits.get((question.id, current))
        if found is None:
            found = self._edits[(question.id, current)] = tuple(
                (edit, value, _within_limits(question, value))
                for edit, value in _edits({question.id: current}, question)
            )
        return found

    def points_after(
        self,
        answers: Answers,
        keys: Mapping[str, tuple[AnswerValue, ...]],
        edited: str,
        value: AnswerValue,
    ) -> tuple[int, int]:
        """The change in points when the answer to `edited` becomes `value`."""
        python = nodejs = 0
        for question, position in self.reach[edited]:
            key = keys[question]
            before = self.points[question][key]
            key = (*key[:position], value, *key[position + 1 :])
            after = self.points[question].get(key)
            if after is None:
                after = self.question_points({**answers, edited: value}, question)
            python += after[0] - before[0]
            nodejs += after[1] - before[1]
        return python, nodejs


_tables: PerObject[Ruleset, _RulesetTables] = PerObject(ENGINE_TABLES, _RulesetTables)


def _changes(
    answers: Answers, now: tuple[Verdict, Verdict], ruleset: Ruleset
) -> tuple[Change, ...]:
    """Every single edit that changes the verdict or the plan's language (`now`: the
    answers' verdict and lean); if there is none, every such pair. Changes that move the
    back end to the other language first.

    An edit changes only the points of the questions that depend on the edited one, so
    only those are rescored (from the points memo); a pair's scores are the sum of its
    edits' effects unless the two edits reach a common question (conditional weights),
    when those are rescored.
    """
    table = _tables(ruleset)
    keys = {}
    base_python = base_nodejs = 0
    for question in ruleset.questions:
        points = table.question_points(answers, question.id)
        keys[question.id] = _memo_key(answers, ruleset, question.id)
        base_python += points[0]
        base_nodejs += points[1]
    edits: list[EditOption] = []
    effects: list[tuple[int, int]] = []
    changes = []
    for question in ruleset.questions:
        for option in table.edits(question, answers[question.id]):
            edit, value, allowed = option
            effect = table.points_after(answers, keys, edit.question, value)
            edits.append(option)
            effects.append(effect)
            if not allowed:
                continue
            python, nodejs = base_python + effect[0], base_nodejs + effect[1]
            change = _change((edit,), {edit.question: value}, python, nodejs, now, answers, ruleset)
            if change is not None:
                changes.append(change)
    if changes:
        return _switches_first(changes)
    dependents = ruleset.dependents
    for index, (edit_a, value_a, allowed_a) in enumerate(edits):
        reach_a = dependents[edit_a.question]
        for offset in range(index + 1, len(edits)):
            edit_b, value_b, allowed_b = edits[offset]
            edited: dict[str, AnswerValue]
            if edit_a.question == edit_b.question:
                # A one-of answer takes one edit at most; two toggles of a multi-select
                # answer make one value, which must be within its limit.
                question = ruleset.question(edit_a.question)
                if not question.multiple:
                    continue
                edited = {edit_a.question: _toggle(question, value_a, edit_b.option)}
                if not _within_limits(question, edited[edit_a.question]):
                    continue
                python, nodejs = _rescored(
                    answers, edited, reach_a, base_python, base_nodejs, ruleset
                )
            elif not (allowed_a and allowed_b):
                continue
            elif not reach_a.isdisjoint(dependents[edit_b.question]):
                edited = {edit_a.question: value_a, edit_b.question: value_b}
                reached = reach_a | dependents[edit_b.question]
                python, nodejs = _rescored(
                    answers, edited, reached, base_python, base_nodejs, ruleset
                )
            else:
                edited = {edit_a.question: value_a, edit_b.question: value_b}
                python = base_python + effects[index][0] + effects[offset][0]
                nodejs = base_nodejs + effects[index][1] + effects[offset][1]
            change = _change((edit_a, edit_b), edited, python, nodejs, now, answers, ruleset)
            if change is not None:
                changes.append(change)
    return _switches_first(changes)


def _rescored(
    answers: Answers,
    edited: Mapping[str, AnswerValue],
    reached: Iterable[str],
    python: int,
    nodejs: int,
    ruleset: Ruleset,
) -> tuple[int, int]:
    """The scores once `edited` replaces some of the answers, from the answers' own scores
    `python` and `nodejs`; `reached` are the questions whose points that may change."""
    merged = {**answers, **edited}
    table = _tables(ruleset)
    for question in reached:
        after = table.question_points(merged, question)
        before = table.question_points(answers, question)
        python += after[0] - before[0]
        nodejs += after[1] - before[1]
    return python, nodejs


# --- the whole result ------------------------------------------------------------------------


def evaluate(answers: Answers, ruleset: Ruleset, with_changes: bool = True) -> Recommendation:
    """The recommendation for canonical answers (see :func:`normalize_answers`).

    `with_changes=False` skips the search for what would change it, for callers that
    walk the whole answer space.
    """
    python, nodejs, reasons = _score(answers, ruleset)
    verdict = _verdict(python, nodejs, ruleset)
    lean, basis, deciding = _lean(answers, python, nodejs, verdict, reasons, ruleset)
    plan = alternative = None
    stack_id = None
    if ruleset.plan is not None:
        assert lean != "either"  # a ruleset with a plan always leans to a language
        plan = compose_plan(answers, lean, reasons, ruleset)
        if verdict == "either":
            other: Language = "nodejs" if lean == "python" else "python"
            alternative = compose_plan(answers, other, reasons, ruleset)
        stack = plan.summary
        stack_strengths = plan.strengths + (alternative.strengths if alternative else ())
        if basis == "fallback":
            tie_break = ruleset.close_call.tie_break(answers)
            settled_by = tie_break.strengths if tie_break else ruleset.close_call.fallback_strengths
            stack_strengths = settled_by + stack_strengths
    else:
        assert ruleset.legacy is not None
        stack_id = _legacy_stack(answers, lean, ruleset)
        stack = ruleset.legacy.stacks[stack_id].text
        stack_strengths = ruleset.legacy.stacks[stack_id].strengths
    cited = unique((*(s for reason in reasons for s in reason.strengths), *stack_strengths))
    return Recommendation(
        ruleset=ruleset.version,
        answers=answers,
        verdict=verdict,
        python=python,
        nodejs=nodejs,
        lean=lean,
        lean_basis=basis,
        deciding=deciding,
        reasons=tuple(reasons),
        strengths=cited,
        stack=stack,
        stack_id=stack_id,
        plan=plan,
        alternative_plan=alternative,
        changes=_changes(answers, (verdict, lean), ruleset) if with_changes else (),
    )


def recommend(raw_answers: Mapping[str, object], ruleset: Ruleset) -> Recommendation:
    """Score an answer set under a ruleset and explain the result.

    Raises :class:`AnswerError` when an answer is unknown, missing or too many.
    """
    return evaluate(normalize_answers(raw_answers, ruleset), ruleset)
