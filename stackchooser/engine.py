"""The scoring engine: answers in, a recommendation that explains itself out.

Pure Python with no Flask import. Each answer adds points toward Python and NodeJS as
its ruleset says; the team's points are scaled by the project's size; a close call is
"either". See docs/SCORING.md for the model in prose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .content import Question, Ruleset

AnswerValue = str | tuple[str, ...]
Answers = dict[str, AnswerValue]


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
    favours: str  # "python", "nodejs" or "neither"
    python: int
    nodejs: int
    strengths: tuple[str, ...]
    why: str

    @property
    def weight(self) -> int:
        return abs(self.python - self.nodejs)


@dataclass(frozen=True)
class Edit:
    """One edit of one answer: choose another option, or add or remove one."""

    question: str
    action: str  # "choose", "add" or "remove"
    option: str


@dataclass(frozen=True)
class Change:
    """The fewest edits (one, or else two) that would give another verdict."""

    edits: tuple[Edit, ...]
    verdict: str
    python: int
    nodejs: int


@dataclass(frozen=True)
class Recommendation:
    """The result for one answer set under one ruleset."""

    ruleset: int
    answers: Answers
    verdict: str  # "python", "nodejs" or "either"
    python: int
    nodejs: int
    lean: str
    reasons: tuple[Reason, ...]
    strengths: tuple[str, ...]
    stack: str
    changes: tuple[Change, ...]

    @property
    def margin(self) -> int:
        """Python's points minus NodeJS's points."""
        return self.python - self.nodejs


def _shown(value: str) -> str:
    """A value quoted for an error message, cut short if long."""
    return repr(value if len(value) <= 40 else value[:40] + "…")


def normalize_answer(question: Question, value: object) -> AnswerValue:
    """One answer in canonical form; raises :class:`AnswerError` if it is not valid."""
    if question.kind == "one":
        if not isinstance(value, str):
            raise AnswerError(question.id, "choose one option")
        if value not in question.option_ids:
            raise AnswerError(question.id, f"unknown option {_shown(value)}")
        return value
    if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
        raise AnswerError(question.id, "give a list of options")
    chosen = set()
    for item in value:
        if not isinstance(item, str):
            raise AnswerError(question.id, "options must be strings")
        if item not in question.option_ids:
            raise AnswerError(question.id, f"unknown option {_shown(item)}")
        if item in chosen:
            raise AnswerError(question.id, f"option {_shown(item)} given twice")
        chosen.add(item)
    if question.max is not None and len(chosen) > question.max:
        raise AnswerError(question.id, f"choose at most {question.max} options")
    return tuple(option for option in question.option_ids if option in chosen)


def normalize_answers(raw: Mapping[str, object], ruleset: Ruleset) -> Answers:
    """Check an answer set against a ruleset's questions and return its canonical form.

    Multi-select answers become tuples in the questions' option order; questions with a
    default may be left out. Raises :class:`AnswerError` naming the field at fault.
    """
    if not isinstance(raw, Mapping):
        raise AnswerError("answers", "answers must be an object")
    known = {question.id for question in ruleset.questions}
    for key in raw:
        if key not in known:
            raise AnswerError(str(key)[:40], "unknown question")
    answers: Answers = {}
    for question in ruleset.questions:
        if question.id in raw:
            answers[question.id] = normalize_answer(question, raw[question.id])
        elif question.default is not None:
            answers[question.id] = question.default
        else:
            raise AnswerError(question.id, "this question needs an answer")
    return answers


def _chosen(value: AnswerValue) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else value


def _factor(question_id: str, answers: Answers, ruleset: Ruleset) -> int:
    """What a question's points are multiplied by: the multiplier's factor, or 1."""
    multiplier = ruleset.multiplier
    if multiplier is None or multiplier.question != question_id:
        return 1
    return multiplier.factors[str(answers[multiplier.by])]


def _score(answers: Answers, ruleset: Ruleset) -> tuple[int, int, list[Reason]]:
    python = nodejs = 0
    reasons = []
    for question in ruleset.questions:
        factor = _factor(question.id, answers, ruleset)
        for option_id in _chosen(answers[question.id]):
            rule = ruleset.weights[question.id][option_id]
            points_python, points_nodejs = rule.python * factor, rule.nodejs * factor
            python += points_python
            nodejs += points_nodejs
            if not (points_python or points_nodejs or rule.strengths):
                continue
            if points_python > points_nodejs:
                favours = "python"
            elif points_nodejs > points_python:
                favours = "nodejs"
            else:
                favours = "neither"
            reasons.append(
                Reason(
                    question.id,
                    option_id,
                    favours,
                    points_python,
                    points_nodejs,
                    rule.strengths,
                    rule.why,
                )
            )
    return python, nodejs, reasons


def _verdict(python: int, nodejs: int, ruleset: Ruleset) -> str:
    if abs(python - nodejs) <= ruleset.either_margin:
        return "either"
    return "python" if python > nodejs else "nodejs"


def _split(answers: Answers, ruleset: Ruleset) -> bool:
    rules = ruleset.weights[ruleset.split_question]
    chosen = _chosen(answers[ruleset.split_question])
    python = sum(rules[option].python for option in chosen)
    nodejs = sum(rules[option].nodejs for option in chosen)
    return python >= ruleset.split_points and nodejs >= ruleset.split_points


def _stack(answers: Answers, lean: str, ruleset: Ruleset) -> str:
    split = _split(answers, ruleset)
    for rule in ruleset.stack_rules:
        if rule.lean is not None and rule.lean != lean:
            continue
        if rule.split is not None and rule.split != split:
            continue
        if rule.any_of and not any(
            option in _chosen(answers[question_id])
            for question_id, options in rule.any_of.items()
            for option in options
        ):
            continue
        return rule.stack
    raise AssertionError("the last stack rule always matches")  # enforced at load time


def _edits(answers: Answers, question: Question) -> list[tuple[Edit, AnswerValue]]:
    """Every single edit of one answer, with the answer it leaves."""
    current = answers[question.id]
    if question.kind == "one":
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


def _toggle(question: Question, chosen: AnswerValue, option: str) -> tuple[str, ...]:
    selected = set(chosen) ^ {option}
    return tuple(o for o in question.option_ids if o in selected)


def _valid_pair(
    first: tuple[Edit, AnswerValue], second: tuple[Edit, AnswerValue], ruleset: Ruleset
) -> bool:
    """Whether two edits can be made together (a one-of answer takes one edit at most)."""
    (edit_a, value_a), (edit_b, value_b) = first, second
    question_a = ruleset.question(edit_a.question)
    if edit_a.question != edit_b.question:
        return _within_limits(question_a, value_a) and _within_limits(
            ruleset.question(edit_b.question), value_b
        )
    if question_a.kind == "one":
        return False
    return _within_limits(question_a, _toggle(question_a, value_a, edit_b.option))


def _totals(answers: Answers, ruleset: Ruleset) -> tuple[int, int]:
    """The two scores alone, without building reasons (the search below calls it often)."""
    python = nodejs = 0
    for question in ruleset.questions:
        factor = _factor(question.id, answers, ruleset)
        rules = ruleset.weights[question.id]
        for option_id in _chosen(answers[question.id]):
            python += rules[option_id].python * factor
            nodejs += rules[option_id].nodejs * factor
    return python, nodejs


def _changes(answers: Answers, verdict: str, ruleset: Ruleset) -> tuple[Change, ...]:
    """Every single edit that flips the verdict; if there is none, every flipping pair.

    Points add up, so a pair's scores are the sum of its edits' effects, except for the
    two questions the multiplier ties together, which are scored in full.
    """
    edits = [item for question in ruleset.questions for item in _edits(answers, question)]
    base_python, base_nodejs = _totals(answers, ruleset)
    effects = []
    changes = []
    for edit, value in edits:
        python, nodejs = _totals({**answers, edit.question: value}, ruleset)
        effects.append((python - base_python, nodejs - base_nodejs))
        if not _within_limits(ruleset.question(edit.question), value):
            continue
        new_verdict = _verdict(python, nodejs, ruleset)
        if new_verdict != verdict:
            changes.append(Change((edit,), new_verdict, python, nodejs))
    if changes:
        return tuple(changes)
    multiplier = ruleset.multiplier
    tied = {multiplier.question, multiplier.by} if multiplier else set()
    for index, first in enumerate(edits):
        for offset, second in enumerate(edits[index + 1 :], start=index + 1):
            if not _valid_pair(first, second, ruleset):
                continue
            (edit_a, value_a), (edit_b, value_b) = first, second
            if {edit_a.question, edit_b.question} == tied:
                both = {**answers, edit_a.question: value_a, edit_b.question: value_b}
                python, nodejs = _totals(both, ruleset)
            else:
                python = base_python + effects[index][0] + effects[offset][0]
                nodejs = base_nodejs + effects[index][1] + effects[offset][1]
            new_verdict = _verdict(python, nodejs, ruleset)
            if new_verdict != verdict:
                changes.append(Change((edit_a, edit_b), new_verdict, python, nodejs))
    return tuple(changes)


def recommend(raw_answers: Mapping[str, object], ruleset: Ruleset) -> Recommendation:
    """Score an answer set under a ruleset and explain the result.

    Raises :class:`AnswerError` when an answer is unknown, missing or too many.
    """
    answers = normalize_answers(raw_answers, ruleset)
    python, nodejs, reasons = _score(answers, ruleset)
    verdict = _verdict(python, nodejs, ruleset)
    lean = verdict
    if verdict == "either":
        lean = ruleset.either_languages.get(str(answers[ruleset.either_question]), "either")
    stack = _stack(answers, lean, ruleset)
    cited: list[str] = []
    for strength_id in (
        *(s for reason in reasons for s in reason.strengths),
        *ruleset.stacks[stack].strengths,
    ):
        if strength_id not in cited:
            cited.append(strength_id)
    return Recommendation(
        ruleset=ruleset.version,
        answers=answers,
        verdict=verdict,
        python=python,
        nodejs=nodejs,
        lean=lean,
        reasons=tuple(reasons),
        strengths=tuple(cited),
        stack=stack,
        changes=_changes(answers, verdict, ruleset),
    )
