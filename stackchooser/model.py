"""The domain model: the questionnaire, the article's strengths and the scoring rulesets
as frozen types. The engine, the team rules and the presenters import these; reading and
checking the TOML files that fill them is content.py's job. No Flask import.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from urllib.parse import quote

from .kinds import Language, PartLanguage, PartRole, QuestionKind

# The metadata of a field that holds words for people: the content's translation and the
# TOML extractor (stackchooser/i18n) find every such field by it, so a field declared with
# it is translated and a field declared without it stays as written (ids, commands).
WORDS: Mapping[str, bool] = MappingProxyType({"words": True})

AnswerValue = str | tuple[str, ...]
WORK_QUESTIONS = ("workloads", "priorities")  # the questions whose answers name work to do
Answers = dict[str, AnswerValue]


def chosen(value: AnswerValue) -> tuple[str, ...]:
    """The options an answer picked, whether it is a one-of or a multi-select answer."""
    return (value,) if isinstance(value, str) else value


@dataclass(frozen=True)
class Article:
    """The article the reasoning comes from."""

    title: str
    author: str
    publisher: str
    published: str  # ISO date
    url: str


@dataclass(frozen=True)
class Strength:
    """One strength the article names, with its citation and our summary."""

    id: str
    language: str
    section: str
    bullet: str = field(metadata=WORDS)
    gist: str = field(metadata=WORDS)
    # What the bullet supports: English word stems, one of which a sentence citing it
    # must contain (checked at start-up for rulesets with `citations_checked`).
    supports: tuple[str, ...] = ()
    anchor: str = ""  # the bullet's first words in the article, for a link's text fragment

    def link(self, article_url: str) -> str:
        """The article's address with a text fragment that lands on this bullet."""
        if not self.anchor:
            return article_url
        return f"{article_url}#:~:text={quote(self.anchor, safe='')}"

    def supports_text(self, text: str) -> bool:
        """Whether a sentence (in English) is about something this bullet says."""
        lowered = text.lower()
        return any(stem in lowered for stem in self.supports)

    @property
    def citation(self) -> str:
        return f"{self.section}, {self.bullet}"


@dataclass(frozen=True)
class Option:
    """One option of a question, with the words each page uses for it."""

    id: str
    label: str = field(metadata=WORDS)
    hint: str = field(metadata=WORDS)
    short: str = field(metadata=WORDS)  # the chart's label


@dataclass(frozen=True)
class Question:
    """One question of the questionnaire, shown on a page of its own."""

    id: str
    kind: QuestionKind
    summary: str = field(metadata=WORDS)
    title: str = field(metadata=WORDS)
    hint: str = field(metadata=WORDS)
    error: str = field(metadata=WORDS)
    options: tuple[Option, ...]
    max: int | None = None
    default: AnswerValue | None = None

    @property
    def multiple(self) -> bool:
        """Whether the answer is a list of options (any number, or up to `max`)."""
        return self.kind != "one"

    @cached_property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.options)

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)


Selection = Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class Condition:
    """A test on an answer set.

    It holds when every question in `all_of` has one of its listed options, at least one
    listed option of `any_of` is chosen (if `any_of` lists any), and no listed option of
    `none_of` is chosen.
    """

    all_of: Selection = field(default_factory=dict)
    any_of: Selection = field(default_factory=dict)
    none_of: Selection = field(default_factory=dict)

    @property
    def always(self) -> bool:
        return not (self.all_of or self.any_of or self.none_of)

    @property
    def questions(self) -> frozenset[str]:
        return frozenset((*self.all_of, *self.any_of, *self.none_of))

    def matches(self, answers: Mapping[str, AnswerValue]) -> bool:
        for question_id, options in self.all_of.items():
            if options.isdisjoint(chosen(answers[question_id])):
                return False
        if self.any_of and all(
            options.isdisjoint(chosen(answers[question_id]))
            for question_id, options in self.any_of.items()
        ):
            return False
        return all(
            options.isdisjoint(chosen(answers[question_id]))
            for question_id, options in self.none_of.items()
        )

    def matched(self, answers: Mapping[str, AnswerValue]) -> tuple[tuple[str, str], ...]:
        """The (question, option) pairs of the answers that made the condition hold."""
        pairs = []
        for selection in (self.all_of, self.any_of):
            for question_id, options in selection.items():
                pairs += [(question_id, o) for o in chosen(answers[question_id]) if o in options]
        return tuple(pairs)


@dataclass(frozen=True)
class Weighting:
    """Points toward each language for one answer, the strengths it rests on, and why.

    `tension` is what to watch for when the plan goes the other way (ruleset 2 on);
    `concern` groups it with other answers' tensions that give up the same strengths
    (ruleset 3 on).
    """

    python: int
    nodejs: int
    strengths: tuple[str, ...]
    why: str = field(metadata=WORDS)
    tension: str | None = field(default=None, metadata=WORDS)
    when: Condition = field(default_factory=Condition)
    concern: str | None = None
    # Ruleset 4 on: what we suggest doing about the tension (ours: it cites nothing).
    advice: str | None = field(default=None, metadata=WORDS)
    # Ruleset 4 on: what the tension cites when it is not what the reason cites (a warning
    # that NodeJS code is hard to maintain at scale cites the NodeJS bullet that says so).
    tension_strengths: tuple[str, ...] | None = None

    @property
    def tension_cites(self) -> tuple[str, ...]:
        """The strengths the tension cites."""
        return self.strengths if self.tension_strengths is None else self.tension_strengths


@dataclass(frozen=True)
class OptionRule:
    """How one answer weighs: the first variant whose condition holds, else the base."""

    base: Weighting
    variants: tuple[Weighting, ...] = ()

    def weighting(self, answers: Mapping[str, AnswerValue]) -> Weighting:
        for variant in self.variants:
            if variant.when.matches(answers):
                return variant
        return self.base

    @property
    def all_weightings(self) -> tuple[Weighting, ...]:
        return (self.base, *self.variants)

    # The base weighting's fields, for pages that describe the rules.
    @property
    def python(self) -> int:
        return self.base.python

    @property
    def nodejs(self) -> int:
        return self.base.nodejs

    @property
    def strengths(self) -> tuple[str, ...]:
        return self.base.strengths

    @property
    def why(self) -> str:
        return self.base.why


@dataclass(frozen=True)
class TieBreak:
    """Ruleset 4 on: on equal scores with no team language, the language a close call
    leans to when `when` holds, and why (the article's own words settle some ties)."""

    when: Condition
    language: Language
    why: str = field(metadata=WORDS)
    strengths: tuple[str, ...] = ()


@dataclass(frozen=True)
class CloseCall:
    """Which language a close call leans to.

    The answer to `question`, when `languages` maps it; otherwise (ruleset 2 on, when
    `by_scores`) the higher score, and on equal scores `fallback` for `fallback_why`.
    Without `by_scores` a close call with no team language has no lean (ruleset 1).
    When `scores_first` holds (ruleset 3 on: a large system), the higher score comes
    before the team's language, which then decides only equal scores. The first of
    `tie_breaks` that holds (ruleset 4 on) decides equal scores before the fallback.
    """

    question: str
    languages: Mapping[str, Language]
    by_scores: bool = False
    fallback: Language | None = None
    fallback_why: str = field(default="", metadata=WORDS)
    fallback_strengths: tuple[str, ...] = ()
    scores_first: Condition | None = None
    tie_breaks: tuple[TieBreak, ...] = ()

    def tie_break(self, answers: Mapping[str, AnswerValue]) -> TieBreak | None:
        """The tie-break that settles equal scores for these answers (None: the fallback)."""
        return next((rule for rule in self.tie_breaks if rule.when.matches(answers)), None)


@dataclass(frozen=True)
class StackRule:
    """Ruleset 1: the first rule that matches picks the suggested stack."""

    stack: str
    lean: str | None = None
    split: bool | None = None
    any_of: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Stack:
    """Ruleset 1: a canned stack line."""

    id: str
    text: str = field(metadata=WORDS)
    strengths: tuple[str, ...]


@dataclass(frozen=True)
class LegacyStacks:
    """Ruleset 1's suggested stack: first-match rules over canned lines, and the split."""

    split_question: str
    split_points: int
    rules: tuple[StackRule, ...]
    stacks: Mapping[str, Stack]


@dataclass(frozen=True)
class PartRule:
    """One way to fill a part of the plan, used when its condition holds.

    `backend` limits it to plans whose back end is in that language; `short` is the
    phrase the plan's summary is composed from, `text` the full advice.
    """

    id: str
    role: PartRole
    language: PartLanguage | None
    short: str = field(metadata=WORDS)
    text: str = field(metadata=WORDS)
    strengths: tuple[str, ...]
    when: Condition = field(default_factory=Condition)
    backend: Language | None = None
    frameworks: tuple[str, ...] = ()  # the frameworks its English text names (getting started)

    @property
    def serves(self) -> frozenset[tuple[str, str]]:
        """The work it does: the workloads and priorities (model serving, say) its
        condition names."""
        return frozenset(
            (question, option)
            for selection in (self.when.all_of, self.when.any_of)
            for question in WORK_QUESTIONS
            for option in selection.get(question, ())
        )


@dataclass(frozen=True)
class TensionRule:
    """A tension on a one-of answer that depends on the plan's shape, not on its points.

    It holds when `when` holds, the plan's back end is in `backend` (if set), the plan
    mixes Python with another language exactly when `mixed` says (if set), and the plan
    has a companion service in `service` (if set).
    """

    question: str
    text: str = field(metadata=WORDS)
    strengths: tuple[str, ...]
    when: Condition
    backend: Language | None = None
    mixed: bool | None = None
    service: Language | None = None
    concern: str | None = None
    advice: str = field(default="", metadata=WORDS)  # ruleset 4 on: our suggestion


@dataclass(frozen=True)
class Concern:
    """Ruleset 3 on: one thing a plan gives up, said once however many answers ask for it.

    Every tension of the concern cites its `strengths` (no two concerns share one);
    without them (ruleset 4 on) a tension of several answers cites what theirs cite.
    `text` is said when two or more answers are behind it.
    """

    id: str
    strengths: tuple[str, ...]
    text: str = field(metadata=WORDS)
    advice: str = field(default="", metadata=WORDS)  # ruleset 4 on: our suggestion


@dataclass(frozen=True)
class PlanRules:
    """Ruleset 2 on: how a plan is composed from the answers."""

    backends: tuple[PartRule, ...]
    frontends: tuple[PartRule, ...]
    services: tuple[PartRule, ...]
    tensions: tuple[TensionRule, ...]
    one_language: Mapping[Language, str] = field(metadata=WORDS)  # per plan language (4: JS only)
    one_language_when: Condition
    # Ruleset 3 on: a summary claims one language only when every part has a language
    # and all are of one family (JavaScript and NodeJS are one).
    one_language_strict: bool = False
    concerns: Mapping[str, Concern] = field(default_factory=dict)
    # Ruleset 4 on: services are chosen first and the back end leaves their work to them.
    services_first: bool = False
    and_word: str = field(
        default="and", metadata=WORDS
    )  # joins the summary's last two parts (translated with the content)


@dataclass(frozen=True)
class Ruleset:
    """A released, versioned set of scoring rules over its own list of questions."""

    version: int
    released: str
    source: Path
    either_margin: int
    close_call: CloseCall
    questions: tuple[Question, ...]
    weights: Mapping[str, Mapping[str, OptionRule]]
    legacy: LegacyStacks | None = None
    plan: PlanRules | None = None
    # Ruleset 4 on: every citation is checked at start-up against what its bullet supports.
    citations_checked: bool = False

    @cached_property
    def _questions_by_id(self) -> dict[str, Question]:
        return {question.id: question for question in self.questions}

    def question(self, question_id: str) -> Question:
        return self._questions_by_id[question_id]

    @cached_property
    def dependents(self) -> dict[str, frozenset[str]]:
        """For each question, the questions whose points may change when its answer does:
        itself, and every question with a variant conditioned on it."""
        found: dict[str, set[str]] = {question.id: {question.id} for question in self.questions}
        for question_id, rules in self.weights.items():
            for rule in rules.values():
                for variant in rule.variants:
                    for condition_question in variant.when.questions:
                        found[condition_question].add(question_id)
        return {question_id: frozenset(ids) for question_id, ids in found.items()}

    @cached_property
    def point_inputs(self) -> dict[str, tuple[str, ...]]:
        """For each question, the questions whose answers its points read: itself, and
        those its variants are conditioned on (the inverse of :attr:`dependents`)."""
        found: dict[str, list[str]] = {question.id: [] for question in self.questions}
        for question in self.questions:
            for dependent in sorted(self.dependents[question.id]):
                found[dependent].append(question.id)
        return {question_id: tuple(ids) for question_id, ids in found.items()}

    @cached_property
    def answer_order(self) -> dict[tuple[str, str], int]:
        """Each (question, option) pair's place in the questionnaire, for sorting."""
        pairs = [(q.id, option) for q in self.questions for option in q.option_ids]
        return {pair: index for index, pair in enumerate(pairs)}


@dataclass(frozen=True)
class Framework:
    """A framework or library a plan part may name, and what installs it."""

    id: str
    name: str  # as the parts' English texts name it: "FastAPI", "Jinja2", "NodeJS"
    packages: tuple[str, ...]  # what `pip install` or `npm install` call it
    docs: tuple[str, str]  # (title, address) of its official documentation


@dataclass(frozen=True)
class Start:
    """How to start one part of a plan: first commands and official documentation (our
    suggestion, not the article's), for the frameworks it names."""

    frameworks: tuple[str, ...]
    commands: tuple[str, ...]
    docs: tuple[tuple[str, str], ...]  # (title, address)


@dataclass(frozen=True)
class Content:
    """Everything the site says: article, strengths, questions and every ruleset."""

    article: Article
    strengths: Mapping[str, Strength]
    questions: tuple[Question, ...]
    rulesets: Mapping[int, Ruleset]
    starts: tuple[Start, ...] = ()

    def start_for(self, frameworks: tuple[str, ...]) -> Start | None:
        """How to start a part that names `frameworks` (see :func:`start_for`)."""
        return start_for(self.starts, frameworks)

    @cached_property
    def current(self) -> Ruleset:
        return self.rulesets[max(self.rulesets)]

    @cached_property
    def questions_by_id(self) -> dict[str, Question]:
        return {question.id: question for question in self.questions}


def start_for(starts: tuple[Start, ...], frameworks: tuple[str, ...]) -> Start | None:
    """The start for a part that names `frameworks`: the one for the most of them and for
    nothing else (None when none fits)."""
    named = set(frameworks)
    fitting = [start for start in starts if set(start.frameworks) <= named]
    return max(fitting, key=lambda start: len(start.frameworks), default=None)
