"""The advisor ties content, engine and permalink codec together, without Flask.

It turns raw answers into a coded result, and a code back into its result under the
ruleset it was made with. How a result is shown (page, JSON, decision record) is the
presenters' business.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from . import permalink
from .caches import RESULTS, Cache
from .engine import Recommendation, evaluate, recommend
from .i18n import LocalizedContent, current_language
from .model import Answers, Content, Question, Ruleset
from .team import Member, TeamResult, combine, split_codes


class RequestError(ValueError):
    """A request for a recommendation is not `{"answers": {...}}` JSON; names the field."""

    def __init__(self, message: str, field: str | None = None) -> None:
        self.message = message
        self.field = field
        super().__init__(message)


WRAP_ANSWERS = 'Put the answers inside {"answers": {...}}: the top level holds question ids.'


def answers_from_json(raw: str | bytes, question_ids: Collection[str] = ()) -> dict[str, object]:
    """The answers of a request body `{"answers": {...}}` (the API's and the command
    line's); raises :class:`RequestError` with the message the API answers with. Given
    the `question_ids`, answers sent without the wrapper are named as such."""
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):
        raise RequestError("The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise RequestError('Send a JSON object such as {"answers": {...}}.')
    unknown = [str(key)[:40] for key in body if key != "answers"]
    if unknown and "answers" not in body and set(unknown) & set(question_ids):
        raise RequestError(WRAP_ANSWERS, "answers")
    if unknown:
        raise RequestError(f"Unknown key {unknown[0]!r}.", unknown[0])
    answers = body.get("answers")
    if not isinstance(answers, dict):
        raise RequestError('"answers" must be an object of question ids to answers.', "answers")
    return answers


@dataclass(frozen=True)
class Result:
    """A recommendation together with its permalink code."""

    code: str
    recommendation: Recommendation


class Advisor:
    """Answers questions about results; one instance serves the whole app."""

    def __init__(self, content: Content, cache_size: int = 4096) -> None:
        self.localized = LocalizedContent(content)
        self.schemas = {version: ruleset.questions for version, ruleset in content.rulesets.items()}
        self._results: Cache[tuple[str, str], Result] = Cache(RESULTS, entries=cache_size)

    @property
    def content(self) -> Content:
        """The content in the language in use (see i18n.use_language)."""
        return self.localized.current

    @property
    def questions_by_id(self) -> dict[str, Question]:
        return self.content.questions_by_id

    def from_code(self, code: str) -> Result:
        """The result a code stands for, in the language in use; raises
        permalink.PermalinkError."""
        language = current_language()
        return self._results.get((code, language), lambda: self._evaluate_code(code, language))

    def recommend(self, raw_answers: Mapping[str, object]) -> Result:
        """Score answers under the current ruleset; raises engine.AnswerError."""
        ruleset = self.content.current
        recommendation = recommend(raw_answers, ruleset)
        return Result(self.code_for(recommendation.answers, ruleset), recommendation)

    def code_for(self, answers: Answers, ruleset: Ruleset | None = None) -> str:
        """The permalink code of canonical answers under a ruleset (the current one)."""
        ruleset = ruleset or self.content.current
        return permalink.encode(answers, ruleset.version, ruleset.questions)

    def answers_from_code(self, code: str) -> Answers:
        """The answers a code holds, decoded only (no scoring); raises PermalinkError."""
        return permalink.decode(code, self.schemas)[1]

    def _evaluate_code(self, code: str, language: str) -> Result:
        version, answers = permalink.decode(code, self.schemas)
        return Result(code, evaluate(answers, self.localized[language].rulesets[version]))

    def team(self, codes: str) -> TeamResult:
        """The team a team link stands for; raises TeamError or permalink.PermalinkError."""
        members = [
            Member(number, code, self.from_code(code).recommendation)
            for number, code in enumerate(split_codes(codes), start=1)
        ]
        return combine(members, self.content.current)

    def ruleset_of(self, recommendation: Recommendation) -> Ruleset:
        return self.content.rulesets[recommendation.ruleset]

    def answers_for_editing(self, answers: Answers) -> Answers:
        """An old result's answers completed with defaults for questions added since."""
        completed = dict(answers)
        for question in self.content.questions:
            if question.id not in completed and question.default is not None:
                completed[question.id] = question.default
        return completed

    def question(self, question_id: str) -> Question:
        return self.questions_by_id[question_id]
