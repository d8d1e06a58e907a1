"""The questionnaire, the article's strengths and the scoring rulesets, loaded from TOML.

Everything is read once at start-up into frozen dataclasses and validated; any mistake
raises :class:`ContentError` naming the file and the key, so a bad edit never reaches
a visitor. This module has no Flask import.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

CONTENT_DIR = Path(__file__).parent / "content"
LANGUAGES = ("python", "nodejs")
QUESTION_KINDS = ("one", "any", "up_to")
STRENGTH_LANGUAGES = ("python", "nodejs", "either")


class ContentError(ValueError):
    """The content data is invalid; the message names the file and the key."""

    def __init__(self, path: Path | str, key: str, message: str) -> None:
        self.path = str(path)
        self.key = key
        super().__init__(f"{Path(path).name}: {key}: {message}")


@dataclass(frozen=True)
class Article:
    """The article the reasoning comes from."""

    title: str
    author: str
    publisher: str
    published: str  # ISO date
    url: str

    @property
    def published_on(self) -> str:
        """The publication date in words, for example "17 May 2022"."""
        day = date.fromisoformat(self.published)
        return f"{day.day} {day:%B %Y}"

    @property
    def published_month(self) -> str:
        return f"{date.fromisoformat(self.published):%B %Y}"


@dataclass(frozen=True)
class Strength:
    """One strength the article names, with its citation and our summary."""

    id: str
    language: str
    section: str
    bullet: str
    gist: str

    @property
    def citation(self) -> str:
        return f"{self.section}, {self.bullet}"


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    hint: str


@dataclass(frozen=True)
class Question:
    """One question of the questionnaire, shown on a page of its own."""

    id: str
    kind: str
    summary: str
    title: str
    hint: str
    error: str
    options: tuple[Option, ...]
    max: int | None = None
    default: str | tuple[str, ...] | None = None

    @property
    def multiple(self) -> bool:
        return self.kind != "one"

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)


@dataclass(frozen=True)
class OptionRule:
    """How one answer weighs toward each language, and why."""

    python: int
    nodejs: int
    strengths: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Multiplier:
    """The points of `question` are multiplied by a factor chosen by the answer to `by`."""

    question: str
    by: str
    factors: Mapping[str, int]


@dataclass(frozen=True)
class StackRule:
    stack: str
    lean: str | None = None
    split: bool | None = None
    any_of: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Stack:
    id: str
    text: str
    strengths: tuple[str, ...]


@dataclass(frozen=True)
class Ruleset:
    """A released, versioned set of scoring rules over its own list of questions."""

    version: int
    released: str
    either_margin: int
    split_question: str
    split_points: int
    multiplier: Multiplier | None
    either_question: str
    either_languages: Mapping[str, str]
    questions: tuple[Question, ...]
    weights: Mapping[str, Mapping[str, OptionRule]]
    stack_rules: tuple[StackRule, ...]
    stacks: Mapping[str, Stack]

    @cached_property
    def _questions_by_id(self) -> dict[str, Question]:
        return {question.id: question for question in self.questions}

    def question(self, question_id: str) -> Question:
        return self._questions_by_id[question_id]


@dataclass(frozen=True)
class Content:
    """Everything the site says: article, strengths, questions and every ruleset."""

    article: Article
    strengths: Mapping[str, Strength]
    questions: tuple[Question, ...]
    rulesets: Mapping[int, Ruleset]

    @property
    def current(self) -> Ruleset:
        return self.rulesets[max(self.rulesets)]


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ContentError(path, "(file)", "file not found") from None
    except tomllib.TOMLDecodeError as error:
        raise ContentError(path, "(file)", f"not valid TOML: {error}") from None


def _text(path: Path, key: str, table: Mapping[str, Any], name: str) -> str:
    value = table.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(path, f"{key}.{name}", "must be a non-empty string")
    return value


def _int(path: Path, key: str, value: Any, minimum: int = 0) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise ContentError(path, key, f"must be a whole number of at least {minimum}")
    return value


def _table(path: Path, key: str, value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ContentError(path, key, "must be a table")
    return value


def _unique(path: Path, key: str, ids: Iterable[str]) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ContentError(path, key, f"duplicate id {item!r}")
        seen.add(item)


def load_strengths(path: Path) -> tuple[Article, dict[str, Strength]]:
    """Read the article's details and its strengths; every strength must cite the article."""
    data = _read(path)
    article_table = _table(path, "article", data.get("article"))
    article = Article(
        *(
            _text(path, "article", article_table, name)
            for name in ("title", "author", "publisher", "published", "url")
        )
    )
    strengths: dict[str, Strength] = {}
    for strength_id, table in _table(path, "strengths", data.get("strengths")).items():
        key = f"strengths.{strength_id}"
        table = _table(path, key, table)
        for name in ("section", "bullet"):
            if not str(table.get(name, "")).strip():
                raise ContentError(path, f"{key}.{name}", "the strength cites nothing")
        language = table.get("language")
        if language not in STRENGTH_LANGUAGES:
            raise ContentError(path, f"{key}.language", f"must be one of {STRENGTH_LANGUAGES}")
        strengths[strength_id] = Strength(
            id=strength_id,
            language=language,
            section=_text(path, key, table, "section"),
            bullet=_text(path, key, table, "bullet"),
            gist=_text(path, key, table, "gist"),
        )
    if not strengths:
        raise ContentError(path, "strengths", "no strengths defined")
    return article, strengths


def _option_set(path: Path, key: str, value: Any, option_ids: tuple[str, ...]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ContentError(path, key, "must be a list of option ids")
    for item in value:
        if item not in option_ids:
            raise ContentError(path, key, f"unknown option id {item!r}")
    _unique(path, key, value)
    return tuple(option for option in option_ids if option in value)


def load_questions(path: Path) -> tuple[Question, ...]:
    """Read the questions in page order, checking ids, kinds, options and defaults."""
    data = _read(path)
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise ContentError(path, "questions", "must be a non-empty array of tables")
    questions = []
    for index, table in enumerate(raw_questions):
        table = _table(path, f"questions[{index}]", table)
        question_id = _text(path, f"questions[{index}]", table, "id")
        key = f"questions.{question_id}"
        kind = table.get("kind")
        if kind not in QUESTION_KINDS:
            raise ContentError(path, f"{key}.kind", f"must be one of {QUESTION_KINDS}")
        raw_options = table.get("options")
        if not isinstance(raw_options, list) or len(raw_options) < 2:
            raise ContentError(path, f"{key}.options", "needs at least two options")
        options = []
        for number, option in enumerate(raw_options):
            option_key = f"{key}.options[{number}]"
            option = _table(path, option_key, option)
            option_id = _text(path, option_key, option, "id")
            options.append(
                Option(
                    id=option_id,
                    label=_text(path, f"{key}.options.{option_id}", option, "label"),
                    hint=str(option.get("hint", "")),
                )
            )
        _unique(path, f"{key}.options", (option.id for option in options))
        option_ids = tuple(option.id for option in options)
        maximum = None
        if kind == "up_to":
            maximum = _int(path, f"{key}.max", table.get("max"), minimum=1)
        default: str | tuple[str, ...] | None = None
        if "default" in table:
            if kind == "one":
                default = table["default"]
                if default not in option_ids:
                    raise ContentError(path, f"{key}.default", f"unknown option id {default!r}")
            else:
                default = _option_set(path, f"{key}.default", table["default"], option_ids)
        questions.append(
            Question(
                id=question_id,
                kind=kind,
                summary=_text(path, key, table, "summary"),
                title=_text(path, key, table, "title"),
                hint=_text(path, key, table, "hint"),
                error=_text(path, key, table, "error"),
                options=tuple(options),
                max=maximum,
                default=default,
            )
        )
    _unique(path, "questions", (question.id for question in questions))
    return tuple(questions)


def _option_rule(path: Path, key: str, table: Any, strengths: Mapping[str, Strength]) -> OptionRule:
    if not isinstance(table, Mapping) or not ("python" in table and "nodejs" in table):
        raise ContentError(path, key, "the option has no weights (needs python and nodejs)")
    cited = table.get("strengths")
    if not isinstance(cited, list) or not all(isinstance(item, str) for item in cited):
        raise ContentError(path, f"{key}.strengths", "must be a list of strength ids")
    for strength_id in cited:
        if strength_id not in strengths:
            raise ContentError(path, f"{key}.strengths", f"unknown strength id {strength_id!r}")
    _unique(path, f"{key}.strengths", cited)
    python = _int(path, f"{key}.python", table["python"])
    nodejs = _int(path, f"{key}.nodejs", table["nodejs"])
    if (python or nodejs) and not cited:
        raise ContentError(path, f"{key}.strengths", "an option with weight must cite a strength")
    return OptionRule(python, nodejs, tuple(cited), _text(path, key, table, "why"))


def load_ruleset(
    path: Path, questions: tuple[Question, ...], strengths: Mapping[str, Strength]
) -> Ruleset:
    """Read one ruleset and check it against the questions and strengths."""
    data = _read(path)
    version = _int(path, "version", data.get("version"), minimum=1)
    by_id = {question.id: question for question in questions}

    raw_weights = _table(path, "weights", data.get("weights"))
    ruleset_questions: list[Question] = []
    weights: dict[str, dict[str, OptionRule]] = {}
    for question_id, table in raw_weights.items():
        key = f"weights.{question_id}"
        if question_id not in by_id:
            raise ContentError(path, key, f"unknown question id {question_id!r}")
        question = by_id[question_id]
        table = _table(path, key, table)
        for option_id in table:
            if option_id not in question.option_ids:
                raise ContentError(path, f"{key}.{option_id}", f"unknown option id {option_id!r}")
        ordered = [question.option(option_id) for option_id in table]
        weights[question_id] = {
            option_id: _option_rule(path, f"{key}.{option_id}", rule, strengths)
            for option_id, rule in table.items()
        }
        ruleset_questions.append(replace(question, options=tuple(ordered)))

    split = _table(path, "split", data.get("split"))
    split_question = _text(path, "split", split, "question")
    if split_question not in weights:
        raise ContentError(path, "split.question", f"unknown question id {split_question!r}")

    multiplier = None
    if "multiplier" in data:
        table = _table(path, "multiplier", data["multiplier"])
        target, by = table.get("question"), table.get("by")
        for name, value in (("question", target), ("by", by)):
            if value not in weights:
                raise ContentError(path, f"multiplier.{name}", f"unknown question id {value!r}")
        factors = _table(path, "multiplier.factors", table.get("factors"))
        by_question = by_id[str(by)]
        if by_question.multiple:
            raise ContentError(path, "multiplier.by", "must be a one-of question")
        for option_id in by_question.option_ids:
            if option_id in weights[str(by)]:
                _int(path, f"multiplier.factors.{option_id}", factors.get(option_id), minimum=1)
        multiplier = Multiplier(str(target), str(by), dict(factors))

    either = _table(path, "either_follows", data.get("either_follows"))
    either_question = _text(path, "either_follows", either, "question")
    if either_question not in weights:
        raise ContentError(
            path, "either_follows.question", f"unknown question id {either_question!r}"
        )
    either_languages = dict(_table(path, "either_follows.languages", either.get("languages")))
    for option_id, language in either_languages.items():
        if option_id not in weights[either_question] or language not in LANGUAGES:
            raise ContentError(
                path, f"either_follows.languages.{option_id}", "unknown option or language"
            )

    stacks: dict[str, Stack] = {}
    for stack_id, table in _table(path, "stacks", data.get("stacks")).items():
        key = f"stacks.{stack_id}"
        table = _table(path, key, table)
        cited = table.get("strengths", [])
        for strength_id in cited:
            if strength_id not in strengths:
                raise ContentError(path, f"{key}.strengths", f"unknown strength id {strength_id!r}")
        stacks[stack_id] = Stack(stack_id, _text(path, key, table, "text"), tuple(cited))

    rules: list[StackRule] = []
    raw_rules = data.get("stack_rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise ContentError(path, "stack_rules", "must be a non-empty array of tables")
    for index, table in enumerate(raw_rules):
        key = f"stack_rules[{index}]"
        table = _table(path, key, table)
        stack_id = table.get("stack")
        if stack_id not in stacks:
            raise ContentError(path, f"{key}.stack", f"unknown stack id {stack_id!r}")
        lean = table.get("lean")
        if lean is not None and lean not in (*LANGUAGES, "either"):
            raise ContentError(path, f"{key}.lean", "must be python, nodejs or either")
        any_of: dict[str, tuple[str, ...]] = {}
        for question_id, options in _table(path, f"{key}.any_of", table.get("any_of", {})).items():
            if question_id not in weights:
                raise ContentError(path, f"{key}.any_of.{question_id}", "unknown question id")
            any_of[question_id] = _option_set(
                path, f"{key}.any_of.{question_id}", options, tuple(weights[question_id])
            )
        rules.append(StackRule(str(stack_id), lean, table.get("split"), any_of))
    last = rules[-1]
    if last.lean is not None or last.split is not None or last.any_of:
        raise ContentError(
            path, f"stack_rules[{len(rules) - 1}]", "the last rule must match always"
        )

    return Ruleset(
        version=version,
        released=_text(path, "(top)", data, "released"),
        either_margin=_int(path, "either_margin", data.get("either_margin")),
        split_question=split_question,
        split_points=_int(path, "split.points", split.get("points"), minimum=1),
        multiplier=multiplier,
        either_question=either_question,
        either_languages=either_languages,
        questions=tuple(ruleset_questions),
        weights=weights,
        stack_rules=tuple(rules),
        stacks=stacks,
    )


def load_content(directory: Path = CONTENT_DIR, extra_rulesets: Iterable[Path] = ()) -> Content:
    """Load and validate all content; the highest ruleset version is the current one.

    The current ruleset must weigh every option of every question, and every strength
    must be cited by at least one option of it.
    """
    article, strengths = load_strengths(directory / "strengths.toml")
    questions = load_questions(directory / "questions.toml")
    paths = sorted((directory / "rulesets").glob("*.toml")) + list(extra_rulesets)
    if not paths:
        raise ContentError(directory / "rulesets", "(folder)", "no ruleset found")
    rulesets: dict[int, Ruleset] = {}
    for path in paths:
        ruleset = load_ruleset(path, questions, strengths)
        if ruleset.version in rulesets:
            raise ContentError(path, "version", f"duplicate ruleset version {ruleset.version}")
        rulesets[ruleset.version] = ruleset
    current_version = max(rulesets)
    current = rulesets[current_version]
    current_path = next(p for p in paths if _read(p).get("version") == current_version)
    for question in questions:
        for option in question.options:
            if option.id not in current.weights.get(question.id, {}):
                raise ContentError(
                    current_path, f"weights.{question.id}.{option.id}", "the option has no weights"
                )
    for ruleset in rulesets.values():
        for question in questions:
            if question.id not in ruleset.weights and question.default is None:
                raise ContentError(
                    directory / "questions.toml",
                    f"questions.{question.id}.default",
                    f"a question added after ruleset {ruleset.version} needs a default",
                )
    cited = {
        strength_id
        for rules in current.weights.values()
        for rule in rules.values()
        for strength_id in rule.strengths
    }
    for strength_id in strengths:
        if strength_id not in cited:
            raise ContentError(
                current_path, "weights", f"strength {strength_id!r} is cited by no option"
            )
    return Content(article, strengths, questions, rulesets)
