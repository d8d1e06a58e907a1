"""The questionnaire, the article's strengths and the scoring rulesets, loaded from TOML.

Everything is read once at start-up into the frozen types of model.py and validated:
first each table by its own parser (shape and types), then one pass for references
across files. Any mistake raises :class:`ContentError` naming the file and the key, so a
bad edit never reaches a visitor. This module has no Flask import.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from .caches import CONTENT, Cache
from .kinds import (
    LANGUAGES,
    PART_LANGUAGES,
    QUESTION_KINDS,
    Language,
    PartLanguage,
    PartRole,
    QuestionKind,
)
from .model import (
    AnswerValue,
    Article,
    CloseCall,
    Concern,
    Condition,
    Content,
    Framework,
    LegacyStacks,
    Option,
    OptionRule,
    PartRule,
    PlanRules,
    Question,
    Ruleset,
    Selection,
    Stack,
    StackRule,
    Start,
    Strength,
    TensionRule,
    TieBreak,
    Weighting,
    start_for,
)

CONTENT_DIR = Path(__file__).parent / "content"
STRENGTH_LANGUAGES = ("python", "nodejs", "either")


class ContentError(ValueError):
    """The content data is invalid; the message names the file and the key."""

    def __init__(self, path: Path | str, key: str, message: str) -> None:
        self.path = str(path)
        self.key = key
        super().__init__(f"{Path(path).name}: {key}: {message}")


# --- reading one file: typed accessors that name the file and key ---------------------


class _Table:
    """A TOML table of one file, with accessors that check types and name the key."""

    def __init__(self, path: Path, key: str, value: Any) -> None:
        if not isinstance(value, Mapping):
            raise ContentError(path, key or "(top)", "must be a table")
        self.path, self.key, self.data = path, key, value

    def _name(self, name: str) -> str:
        return f"{self.key}.{name}" if self.key else name

    def error(self, name: str, message: str) -> ContentError:
        return ContentError(self.path, self._name(name) if name else self.key, message)

    def has(self, name: str) -> bool:
        return name in self.data

    def table(self, name: str, required: bool = True) -> _Table:
        if name not in self.data and not required:
            return _Table(self.path, self._name(name), {})
        return _Table(self.path, self._name(name), self.data.get(name))

    def tables(self, name: str, required: bool = True) -> list[_Table]:
        value = self.data.get(name)
        if value is None and not required:
            return []
        if not isinstance(value, list) or not value:
            raise self.error(name, "must be a non-empty array of tables")
        return [_Table(self.path, f"{self._name(name)}[{i}]", item) for i, item in enumerate(value)]

    def text(self, name: str) -> str:
        value = self.data.get(name)
        if not isinstance(value, str) or not value.strip():
            raise self.error(name, "must be a non-empty string")
        return value

    def optional_text(self, name: str) -> str | None:
        return self.text(name) if name in self.data else None

    def whole(self, name: str, minimum: int = 0) -> int:
        value = self.data.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise self.error(name, f"must be a whole number of at least {minimum}")
        return value

    def flag(self, name: str) -> bool | None:
        value = self.data.get(name)
        if value is not None and not isinstance(value, bool):
            raise self.error(name, "must be true or false")
        return value

    def strings(
        self, name: str, default: list[str] | None = None, what: str = "strings"
    ) -> tuple[str, ...]:
        """A list of distinct strings (`what` names them in the error)."""
        value = self.data.get(name, default)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(name, f"must be a list of {what}")
        refuse_duplicates(value, lambda message: self.error(name, message))
        return tuple(value)

    def choice(self, name: str, allowed: Iterable[str], required: bool = True) -> str | None:
        value = self.data.get(name)
        allowed = tuple(allowed)
        if value is None and not required:
            return None
        if value not in allowed:
            raise self.error(name, f"must be one of {', '.join(allowed)}")
        return cast(str, value)

    def items(self) -> Iterable[tuple[str, Any]]:
        return self.data.items()


def refuse_duplicates(ids: Iterable[str], error: Callable[[str], ContentError]) -> None:
    """Raise `error("duplicate id ...")` for the first id that comes twice."""
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise error(f"duplicate id {item!r}")
        seen.add(item)


def _read(path: Path) -> _Table:
    try:
        with path.open("rb") as handle:
            return _Table(path, "", tomllib.load(handle))
    except FileNotFoundError:
        raise ContentError(path, "(file)", "file not found") from None
    except tomllib.TOMLDecodeError as error:
        raise ContentError(path, "(file)", f"not valid TOML: {error}") from None


# --- strengths and questions -----------------------------------------------------------


def load_strengths(path: Path) -> tuple[Article, dict[str, Strength]]:
    """Read the article's details and its strengths; every strength must cite the article."""
    data = _read(path)
    article_table = data.table("article")
    article = Article(
        *(article_table.text(name) for name in ("title", "author", "publisher", "published", "url"))
    )
    strengths: dict[str, Strength] = {}
    for strength_id, raw in data.table("strengths").items():
        table = _Table(path, f"strengths.{strength_id}", raw)
        for name in ("section", "bullet"):
            if not str(table.data.get(name, "")).strip():
                raise table.error(name, "the strength cites nothing")
        strengths[strength_id] = Strength(
            id=strength_id,
            language=cast(str, table.choice("language", STRENGTH_LANGUAGES)),
            section=table.text("section"),
            bullet=table.text("bullet"),
            gist=table.text("gist"),
            supports=tuple(stem.lower() for stem in table.strings("supports", default=[])),
            anchor=table.optional_text("anchor") or "",
        )
    if not strengths:
        raise ContentError(path, "strengths", "no strengths defined")
    return article, strengths


def _option_set(table: _Table, name: str, option_ids: tuple[str, ...]) -> tuple[str, ...]:
    listed = table.strings(name, what="option ids")
    for item in listed:
        if item not in option_ids:
            raise table.error(name, f"unknown option id {item!r}")
    return tuple(option for option in option_ids if option in listed)


SHORT_LABEL_LENGTH = 22  # what the chart's label column holds


def _short(table: _Table) -> str:
    short = table.text("short")
    if len(short) > SHORT_LABEL_LENGTH:
        raise table.error("short", f"must be at most {SHORT_LABEL_LENGTH} characters")
    return short


def _question(table: _Table) -> Question:
    question_id = table.text("id")
    table = _Table(table.path, f"questions.{question_id}", table.data)
    kind = cast(QuestionKind, table.choice("kind", QUESTION_KINDS))
    raw_options = table.data.get("options")
    if not isinstance(raw_options, list) or len(raw_options) < 2:
        raise table.error("options", "needs at least two options")
    options = []
    for number, raw in enumerate(raw_options):
        option = _Table(table.path, f"{table.key}.options[{number}]", raw)
        option_id = option.text("id")
        named = _Table(table.path, f"{table.key}.options.{option_id}", raw)
        options.append(
            Option(option_id, named.text("label"), str(raw.get("hint", "")), _short(named))
        )
    option_ids = tuple(option.id for option in options)
    refuse_duplicates(option_ids, lambda message: table.error("options", message))
    maximum = table.whole("max", minimum=1) if kind == "up_to" else None
    default: AnswerValue | None = None
    if table.has("default"):
        if kind == "one":
            default = table.data["default"]
            if default not in option_ids:
                raise table.error("default", f"unknown option id {default!r}")
        else:
            default = _option_set(table, "default", option_ids)
    return Question(
        id=question_id,
        kind=kind,
        summary=table.text("summary"),
        title=table.text("title"),
        hint=table.text("hint"),
        error=table.text("error"),
        options=tuple(options),
        max=maximum,
        default=default,
    )


def load_questions(path: Path) -> tuple[Question, ...]:
    """Read the questions in page order, checking ids, kinds, options and defaults."""
    questions = tuple(_question(table) for table in _read(path).tables("questions"))
    refuse_duplicates(
        (question.id for question in questions),
        lambda message: ContentError(path, "questions", message),
    )
    return questions


# --- one parser per ruleset table ------------------------------------------------------


class _RulesetParser:
    """Parses one ruleset file, table by table, against the questions and strengths."""

    def __init__(
        self,
        path: Path,
        questions: tuple[Question, ...],
        strengths: Mapping[str, Strength],
        frameworks: Mapping[str, Framework],
    ) -> None:
        self.path = path
        self.frameworks = frameworks
        self.data = _read(path)
        self.questions = {question.id: question for question in questions}
        self.strengths = strengths
        self.weighted: dict[str, tuple[str, ...]] = {}  # question id -> option ids, in order

    def strength_ids(self, table: _Table, name: str = "strengths") -> tuple[str, ...]:
        cited = table.strings(name, default=[])
        for strength_id in cited:
            if strength_id not in self.strengths:
                raise table.error(name, f"unknown strength id {strength_id!r}")
        return cited

    def selection(self, table: _Table, name: str) -> Selection:
        selection: dict[str, frozenset[str]] = {}
        for question_id, _ in table.table(name, required=False).items():
            key = f"{name}.{question_id}"
            if question_id not in self.weighted:
                raise table.error(key, "unknown question id")
            options = _option_set(table.table(name), question_id, self.weighted[question_id])
            selection[question_id] = frozenset(options)
        return selection

    def condition(self, table: _Table) -> Condition:
        return Condition(
            all_of=self.selection(table, "when"),
            any_of=self.selection(table, "when_any"),
            none_of=self.selection(table, "unless"),
        )

    def language(self, table: _Table, name: str, required: bool = True) -> Language | None:
        return cast(Language | None, table.choice(name, LANGUAGES, required))

    # [weights.<question>.<option>] with optional [[...variants]]
    def weighting(self, table: _Table, base: Weighting | None) -> Weighting:
        if base is None and not (table.has("python") and table.has("nodejs")):
            raise table.error("", "the option has no weights (needs python and nodejs)")
        python = table.whole("python") if table.has("python") or base is None else base.python
        nodejs = table.whole("nodejs") if table.has("nodejs") or base is None else base.nodejs
        strengths = (
            self.strength_ids(table) if table.has("strengths") or base is None else base.strengths
        )
        if (python or nodejs) and not strengths:
            raise table.error("strengths", "an option with weight must cite a strength")
        return Weighting(
            python=python,
            nodejs=nodejs,
            strengths=strengths,
            why=table.text("why") if table.has("why") or base is None else base.why,
            tension=table.optional_text("tension") or (base.tension if base else None),
            when=self.condition(table) if base is not None else Condition(),
            concern=table.optional_text("concern") or (base.concern if base else None),
            advice=table.optional_text("advice") or (base.advice if base else None),
            tension_strengths=(
                self.strength_ids(table, "tension_strengths")
                if table.has("tension_strengths")
                else (base.tension_strengths if base else None)
            ),
        )

    def weights(self) -> tuple[tuple[Question, ...], dict[str, dict[str, OptionRule]]]:
        raw = self.data.table("weights")
        ordered: list[Question] = []
        weights: dict[str, dict[str, OptionRule]] = {}
        for question_id, _ in raw.items():
            if question_id not in self.questions:
                raise raw.error(question_id, f"unknown question id {question_id!r}")
            question = self.questions[question_id]
            table = raw.table(question_id)
            for option_id, _ in table.items():
                if option_id not in question.option_ids:
                    raise table.error(option_id, f"unknown option id {option_id!r}")
            self.weighted[question_id] = tuple(option_id for option_id, _ in table.items())
            ordered.append(
                replace(question, options=tuple(question.option(o) for o, _ in table.items()))
            )
        for question_id, _ in raw.items():
            table = raw.table(question_id)
            rules: dict[str, OptionRule] = {}
            for option_id, _ in table.items():
                option = table.table(option_id)
                base = self.weighting(option, None)
                variants = []
                for variant_table in option.tables("variants", required=False):
                    variant = self.weighting(variant_table, base)
                    if variant.when.always:
                        raise variant_table.error("when", "a variant needs a condition")
                    variants.append(variant)
                rules[option_id] = OptionRule(base, tuple(variants))
            weights[question_id] = rules
        return tuple(ordered), weights

    # [multiplier] (ruleset 1): the same as variants of the question's options
    def multiplier(self, weights: dict[str, dict[str, OptionRule]]) -> None:
        if not self.data.has("multiplier"):
            return
        table = self.data.table("multiplier")
        target = cast(str, table.choice("question", self.weighted))
        by = cast(str, table.choice("by", self.weighted))
        if self.questions[by].multiple:
            raise table.error("by", "must be a one-of question")
        factors = table.table("factors")
        for option_id in self.weighted[by]:
            factors.whole(option_id, minimum=1)
        for option_id, rule in weights[target].items():
            base = rule.base
            weights[target][option_id] = OptionRule(
                base,
                tuple(
                    replace(
                        base,
                        python=base.python * factor,
                        nodejs=base.nodejs * factor,
                        when=Condition(all_of={by: frozenset({by_option})}),
                    )
                    for by_option in self.weighted[by]
                    if (factor := factors.data[by_option]) != 1
                ),
            )

    # [either_follows] (ruleset 1) or [close_call] (ruleset 2 on)
    def close_call(self) -> CloseCall:
        name = "close_call" if self.data.has("close_call") else "either_follows"
        table = self.data.table(name)
        question = cast(str, table.choice("question", self.weighted))
        languages = table.table("languages")
        mapped: dict[str, Language] = {}
        for option_id, language in languages.items():
            if option_id not in self.weighted[question] or language not in LANGUAGES:
                raise languages.error(option_id, "unknown option or language")
            mapped[option_id] = language
        if name == "either_follows":
            return CloseCall(question, mapped)
        scores_first = None
        if table.has("scores_first"):
            scores_first = self.condition(table.table("scores_first"))
            if scores_first.always:
                raise table.error("scores_first", "needs a condition")
        tie_breaks = []
        for rule in table.tables("tie_breaks", required=False):
            when = self.condition(rule)
            if when.always:
                raise rule.error("when", "a tie-break needs a condition")
            tie_breaks.append(
                TieBreak(
                    when,
                    cast(Language, self.language(rule, "language")),
                    rule.text("why"),
                    self.strength_ids(rule),
                )
            )
        return CloseCall(
            question,
            mapped,
            by_scores=True,
            fallback=self.language(table, "fallback"),
            fallback_why=table.text("fallback_why"),
            fallback_strengths=self.strength_ids(table, "fallback_strengths"),
            scores_first=scores_first,
            tie_breaks=tuple(tie_breaks),
        )

    # [split], [[stack_rules]] and [stacks] (ruleset 1)
    def legacy_stacks(self) -> LegacyStacks | None:
        if not self.data.has("stack_rules"):
            return None
        split = self.data.table("split")
        split_question = split.text("question")
        if split_question not in self.weighted:
            raise split.error("question", f"unknown question id {split_question!r}")
        stacks: dict[str, Stack] = {}
        stack_tables = self.data.table("stacks")
        for stack_id, _ in stack_tables.items():
            table = stack_tables.table(stack_id)
            stacks[stack_id] = Stack(stack_id, table.text("text"), self.strength_ids(table))
        rules: list[StackRule] = []
        for table in self.data.tables("stack_rules"):
            stack_id = str(table.data.get("stack"))
            if stack_id not in stacks:
                raise table.error("stack", f"unknown stack id {table.data.get('stack')!r}")
            lean = table.choice("lean", (*LANGUAGES, "either"), required=False)
            any_of = self.selection(table, "any_of")
            rules.append(
                StackRule(
                    stack_id,
                    lean,
                    table.flag("split"),
                    {q: tuple(o for o in self.weighted[q] if o in s) for q, s in any_of.items()},
                )
            )
        last = rules[-1]
        if last.lean is not None or last.split is not None or last.any_of:
            raise ContentError(
                self.path, f"stack_rules[{len(rules) - 1}]", "the last rule must match always"
            )
        return LegacyStacks(split_question, split.whole("points", minimum=1), tuple(rules), stacks)

    # [[plan.backend]], [[plan.frontend]], [[plan.service]], [[plan.tension]], [plan.one_language]
    def part(self, table: _Table, role: PartRole) -> PartRule:
        language = table.choice("language", PART_LANGUAGES, required=role != "frontend")
        if role == "backend" and language not in LANGUAGES:
            raise table.error("language", "a back end is python or nodejs")
        return PartRule(
            id=table.text("id"),
            role=role,
            language=cast(PartLanguage | None, language),
            short=table.text("short"),
            text=table.text("text"),
            strengths=self.strength_ids(table),
            when=self.condition(table),
            backend=self.language(table, "backend", required=False),
            frameworks=named_frameworks(table.text("text"), self.frameworks),
        )

    def plan(self) -> PlanRules | None:
        if not self.data.has("plan"):
            return None
        plan = self.data.table("plan")
        backends = tuple(self.part(t, "backend") for t in plan.tables("backend"))
        for language in LANGUAGES:
            last = [rule for rule in backends if rule.language == language]
            if not last or not last[-1].when.always:
                raise plan.error("backend", f"the last {language} back end must match always")
        tensions = []
        for table in plan.tables("tension"):
            question = cast(str, table.choice("question", self.weighted))
            if self.questions[question].multiple:
                raise table.error("question", "must be a one-of question")
            tensions.append(
                TensionRule(
                    question=question,
                    text=table.text("text"),
                    strengths=self.strength_ids(table),
                    when=self.condition(table),
                    backend=self.language(table, "backend", required=False),
                    mixed=table.flag("mixed"),
                    service=self.language(table, "service", required=False),
                    concern=table.optional_text("concern"),
                    advice=table.optional_text("advice") or "",
                )
            )
        one_language = plan.table("one_language")
        return PlanRules(
            backends=backends,
            frontends=tuple(self.part(t, "frontend") for t in plan.tables("frontend")),
            services=tuple(self.part(t, "service") for t in plan.tables("service")),
            tensions=tuple(tensions),
            one_language={
                language: one_language.text(language)
                for language in LANGUAGES
                if one_language.has(language)
            },
            one_language_when=self.condition(one_language),
            one_language_strict=bool(one_language.flag("strict")),
            concerns=self.concerns(plan),
            services_first=bool(plan.flag("services_first")),
        )

    # [plan.concerns.<id>] (ruleset 3 on)
    def concerns(self, plan: _Table) -> dict[str, Concern]:
        concerns: dict[str, Concern] = {}
        owner: dict[str, str] = {}
        for concern_id, _ in plan.table("concerns", required=False).items():
            table = plan.table("concerns").table(concern_id)
            strengths = self.strength_ids(table)
            for strength_id in strengths:
                if strength_id in owner:
                    raise table.error(
                        "strengths",
                        f"{strength_id!r} is already given up by {owner[strength_id]!r}",
                    )
                owner[strength_id] = concern_id
            concerns[concern_id] = Concern(
                concern_id, strengths, table.text("text"), table.optional_text("advice") or ""
            )
        return concerns

    def ruleset(self) -> Ruleset:
        version = self.data.whole("version", minimum=1)
        questions, weights = self.weights()
        self.multiplier(weights)
        ruleset = Ruleset(
            version=version,
            released=self.data.text("released"),
            source=self.path,
            either_margin=self.data.whole("either_margin"),
            close_call=self.close_call(),
            questions=questions,
            weights=weights,
            legacy=self.legacy_stacks(),
            plan=self.plan(),
            citations_checked=bool(self.data.flag("citations_checked")),
        )
        if (ruleset.legacy is None) == (ruleset.plan is None):
            raise ContentError(self.path, "(top)", "needs either stack_rules or plan, not both")
        if ruleset.plan is not None:
            self.check_tension_texts(ruleset)
            self.check_concerns(ruleset)
        if ruleset.citations_checked:
            self.check_citations(ruleset)
        return ruleset

    def cited_sentences(self, ruleset: Ruleset) -> Iterable[tuple[str, str, tuple[str, ...]]]:
        """Every sentence of the ruleset that cites the article: (key, text, strength ids)."""
        concern_cites: dict[str, set[str]] = {}
        concern_sources: dict[str, set[tuple[str, str]]] = {}  # the answers it can gather
        for question_id, rules in ruleset.weights.items():
            for option_id, rule in rules.items():
                for index, weighting in enumerate(rule.all_weightings):
                    key = f"weights.{question_id}.{option_id}" + (
                        f".variants[{index - 1}]" if index else ""
                    )
                    yield f"{key}.why", weighting.why, weighting.strengths
                    if weighting.tension:
                        yield f"{key}.tension", weighting.tension, weighting.tension_cites
                        if weighting.concern:
                            concern_cites.setdefault(weighting.concern, set()).update(
                                weighting.tension_cites
                            )
                            concern_sources.setdefault(weighting.concern, set()).add(
                                (question_id, option_id)
                            )
        close_call = ruleset.close_call
        for index, tie_break in enumerate(close_call.tie_breaks):
            yield f"close_call.tie_breaks[{index}].why", tie_break.why, tie_break.strengths
        yield "close_call.fallback_why", close_call.fallback_why, close_call.fallback_strengths
        plan = ruleset.plan
        if plan is None:
            return
        for role, part_rules in (
            ("backend", plan.backends),
            ("frontend", plan.frontends),
            ("service", plan.services),
        ):
            for part_rule in part_rules:
                yield f"plan.{role}.{part_rule.id}.text", part_rule.text, part_rule.strengths
        for index, tension in enumerate(plan.tensions):
            yield f"plan.tension[{index}].text", tension.text, tension.strengths
            if tension.concern:
                concern_cites.setdefault(tension.concern, set()).update(tension.strengths)
                concern_sources.setdefault(tension.concern, set()).add((tension.question, "*"))
        for concern_id, concern in plan.concerns.items():
            sources = concern_sources.get(concern_id, set())
            if len({question for question, _ in sources}) < 2 and not any(
                ruleset.question(question).multiple for question, _ in sources
            ):
                continue  # never said: a concern of one one-of answer keeps that one's words
            cites = concern.strengths or tuple(sorted(concern_cites.get(concern_id, ())))
            yield f"plan.concerns.{concern_id}.text", concern.text, cites

    def check_citations(self, ruleset: Ruleset) -> None:
        """Each citation supports the sentence it sits under: the sentence is about
        something its bullet says (Strength.supports). A sentence that cites nothing is
        the site's own and must say so."""
        for key, text, cited in self.cited_sentences(ruleset):
            for strength_id in cited:
                strength = self.strengths[strength_id]
                if not strength.supports_text(text):
                    raise ContentError(
                        self.path,
                        key,
                        f"cites {strength_id!r}, whose bullet supports none of "
                        f"{list(strength.supports)} in {text[:60]!r}",
                    )
            deciding = key.startswith("close_call.")  # a tie-break decides the plan's language
            if deciding and not cited and not re.search(r"\b(our|this site)\b", text.lower()):
                raise ContentError(
                    self.path, key, "a tie-break that cites nothing is ours and must say so"
                )

    def check_concerns(self, ruleset: Ruleset) -> None:
        """With concerns, every tension names one that exists."""
        assert ruleset.plan is not None
        concerns = ruleset.plan.concerns
        if not concerns:
            return
        for question_id, rules in ruleset.weights.items():
            for option_id, rule in rules.items():
                for weighting in rule.all_weightings:
                    if weighting.tension and weighting.concern not in concerns:
                        raise ContentError(
                            self.path,
                            f"weights.{question_id}.{option_id}.concern",
                            f"unknown or missing concern {weighting.concern!r}",
                        )
        for index, tension in enumerate(ruleset.plan.tensions):
            if tension.concern not in concerns:
                raise ContentError(
                    self.path,
                    f"plan.tension[{index}].concern",
                    f"unknown or missing concern {tension.concern!r}",
                )

    def check_tension_texts(self, ruleset: Ruleset) -> None:
        """With a plan, every answer that can pull against it says what to watch for."""
        assert ruleset.plan is not None
        explained = {rule.question for rule in ruleset.plan.tensions if rule.service is None}
        for question_id, rules in ruleset.weights.items():
            if question_id in explained:
                continue
            for option_id, rule in rules.items():
                for weighting in rule.all_weightings:
                    if weighting.python != weighting.nodejs and not weighting.tension:
                        raise ContentError(
                            self.path,
                            f"weights.{question_id}.{option_id}.tension",
                            "an option with weight needs a tension text",
                        )


def load_ruleset(
    path: Path,
    questions: tuple[Question, ...],
    strengths: Mapping[str, Strength],
    frameworks: Mapping[str, Framework] | None = None,
) -> Ruleset:
    """Read one ruleset and check it against the questions, strengths and frameworks."""
    return _RulesetParser(path, questions, strengths, frameworks or {}).ruleset()


# --- references across files -------------------------------------------------------------


def _check_references(
    directory: Path,
    questions: tuple[Question, ...],
    strengths: Mapping[str, Strength],
    rulesets: Mapping[int, Ruleset],
) -> None:
    """The current ruleset weighs every option and cites every strength; questions added
    after an older ruleset have defaults."""
    current = rulesets[max(rulesets)]
    for question in questions:
        for option in question.options:
            if option.id not in current.weights.get(question.id, {}):
                raise ContentError(
                    current.source,
                    f"weights.{question.id}.{option.id}",
                    "the option has no weights",
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
        for weighting in rule.all_weightings
        for strength_id in weighting.strengths
    }
    for strength_id in strengths:
        if strength_id not in cited:
            raise ContentError(
                current.source, "weights", f"strength {strength_id!r} is cited by no option"
            )


def load_frameworks(path: Path) -> dict[str, Framework]:
    """The frameworks a plan part may name (getting_started.toml, [frameworks])."""
    data = _read(path)
    frameworks: dict[str, Framework] = {}
    for key, _ in data.table("frameworks").items():
        table = data.table("frameworks").table(key)
        docs = table.strings("docs", what="strings: [title, address]")
        if len(docs) != 2 or not docs[1].startswith("https://"):
            raise table.error("docs", "must be [title, https:// address]")
        frameworks[key] = Framework(
            key, table.text("name"), table.strings("packages", default=[]), (docs[0], docs[1])
        )
    return frameworks


def named_frameworks(text: str, frameworks: Mapping[str, Framework]) -> tuple[str, ...]:
    """The frameworks an English text names, as words, in the table's order."""
    return tuple(
        key
        for key, framework in frameworks.items()
        if re.search(rf"(?<![\w-]){re.escape(framework.name)}(?![\w-])", text)
    )


def load_starts(
    path: Path, frameworks: Mapping[str, Framework], rulesets: Mapping[int, Ruleset]
) -> tuple[Start, ...]:
    """How to start a part, by the frameworks it names. A start's commands install no
    framework it is not for, and every part in a language of every ruleset with a plan
    finds one."""
    data = _read(path)
    starts: list[Start] = []
    for table in data.tables("starts"):
        keys = table.strings("frameworks", what="framework keys")
        if not keys:
            raise table.error("frameworks", "a start is for at least one framework")
        for key in keys:
            if key not in frameworks:
                raise table.error("frameworks", f"unknown framework {key!r}")
        commands = table.strings("commands", what="commands")
        words = set(re.findall(r"[\w.-]+", " ".join(commands).lower()))
        for key, framework in frameworks.items():
            if key not in keys and words & set(framework.packages):
                raise table.error("commands", f"installs {framework.name}, which it is not for")
        starts.append(Start(keys, commands, tuple(frameworks[key].docs for key in keys)))
    for ruleset in rulesets.values():
        if ruleset.plan is None:
            continue
        parts = (*ruleset.plan.backends, *ruleset.plan.frontends, *ruleset.plan.services)
        for rule in parts:
            if rule.language is not None and start_for(tuple(starts), rule.frameworks) is None:
                raise ContentError(
                    ruleset.source,
                    f"plan.{rule.role}.{rule.id}",
                    f"names no framework that {path.name} can start",
                )
    return tuple(starts)


def load_content(directory: Path = CONTENT_DIR, extra_rulesets: Iterable[Path] = ()) -> Content:
    """Load and validate all content; the highest ruleset version is the current one."""
    article, strengths = load_strengths(directory / "strengths.toml")
    questions = load_questions(directory / "questions.toml")
    frameworks = load_frameworks(directory / "getting_started.toml")
    paths = sorted((directory / "rulesets").glob("*.toml")) + list(extra_rulesets)
    if not paths:
        raise ContentError(directory / "rulesets", "(folder)", "no ruleset found")
    rulesets: dict[int, Ruleset] = {}
    for path in paths:
        ruleset = load_ruleset(path, questions, strengths, frameworks)
        if ruleset.version in rulesets:
            raise ContentError(path, "version", f"duplicate ruleset version {ruleset.version}")
        rulesets[ruleset.version] = ruleset
    _check_references(directory, questions, strengths, rulesets)
    starts = load_starts(directory / "getting_started.toml", frameworks, rulesets)
    return Content(article, strengths, questions, rulesets, starts)


_LOADED: Cache[tuple[tuple[str, int, int], ...], Content] = Cache(CONTENT, entries=16)


def shared_content(extra_rulesets: Iterable[Path] = ()) -> Content:
    """:func:`load_content` of the package's content, remembered for the process while its
    files stay as they are: every app made in a process shares it (a worker makes one app,
    the tests and scripts hundreds, and reading the TOML was most of what making one cost).
    The content is frozen; what the engine memoizes on it depends on the content alone."""
    files = [*sorted(CONTENT_DIR.rglob("*.toml")), *extra_rulesets]
    stamps = tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in files)
    return _LOADED.get(stamps, lambda: load_content(extra_rulesets=extra_rulesets))
