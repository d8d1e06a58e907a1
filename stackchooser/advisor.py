"""The advisor ties content, engine and permalink codec together, without Flask.

It turns raw answers into a coded result, a code back into its result under the ruleset
it was made with, and a result into the public JSON and Markdown (MADR) forms.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import permalink
from .content import Content, Question
from .engine import Answers, Change, Edit, Recommendation, recommend

VERDICT_NAMES = {"python": "Python", "nodejs": "NodeJS", "either": "Either"}
FAVOURS_NAMES = {"python": "Python", "nodejs": "NodeJS"}


@dataclass(frozen=True)
class Result:
    """A recommendation together with its permalink code."""

    code: str
    recommendation: Recommendation


class Advisor:
    """Answers questions about results; one instance serves the whole app."""

    def __init__(self, content: Content, cache_size: int = 4096) -> None:
        self.content = content
        self.schemas = {version: ruleset.questions for version, ruleset in content.rulesets.items()}
        self.questions_by_id = {question.id: question for question in content.questions}
        self.from_code = lru_cache(maxsize=cache_size)(self._from_code)

    def recommend(self, raw_answers: Mapping[str, object]) -> Result:
        """Score answers under the current ruleset; raises engine.AnswerError."""
        ruleset = self.content.current
        recommendation = recommend(raw_answers, ruleset)
        code = permalink.encode(recommendation.answers, ruleset.version, ruleset.questions)
        return Result(code, recommendation)

    def _from_code(self, code: str) -> Result:
        """The result a code stands for; raises permalink.PermalinkError."""
        version, answers = permalink.decode(code, self.schemas)
        return Result(code, recommend(answers, self.content.rulesets[version]))

    def answers_for_editing(self, answers: Answers) -> Answers:
        """An old result's answers completed with defaults for questions added since."""
        completed = dict(answers)
        for question in self.content.questions:
            if question.id not in completed and question.default is not None:
                completed[question.id] = question.default
        return completed

    def question(self, question_id: str) -> Question:
        return self.questions_by_id[question_id]

    def option_label(self, question_id: str, option_id: str) -> str:
        return self.questions_by_id[question_id].option(option_id).label

    def answer_text(self, question_id: str, value: str | Sequence[str]) -> str:
        """An answer in words, as the questionnaire showed it."""
        if isinstance(value, str):
            return self.option_label(question_id, value)
        if not value:
            return "None of these"
        return "; ".join(self.option_label(question_id, option) for option in value)

    def change_text(self, change: Change) -> str:
        """A change of answers in words: "add “X” to ... and answer “Y” for ..."."""
        return " and ".join(self._edit_text(edit) for edit in change.edits)

    def _edit_text(self, edit: Edit) -> str:
        label = self.option_label(edit.question, edit.option)
        summary = self.questions_by_id[edit.question].summary.lower()
        if edit.action == "add":
            return f"add “{label}” to {summary}"
        if edit.action == "remove":
            return f"remove “{label}” from {summary}"
        return f"answer “{label}” for {summary}"

    def stack_text(self, recommendation: Recommendation) -> str:
        return self.content.rulesets[recommendation.ruleset].stacks[recommendation.stack].text

    def to_json(self, result: Result, permalink_url: str) -> dict[str, Any]:
        """The public JSON form of a result."""
        rec = result.recommendation
        strengths = self.content.strengths
        article = self.content.article
        return {
            "verdict": rec.verdict,
            "scores": {"python": rec.python, "nodejs": rec.nodejs},
            "margin": rec.margin,
            "lean": rec.lean,
            "ruleset": rec.ruleset,
            "answers": {
                key: list(value) if isinstance(value, tuple) else value
                for key, value in rec.answers.items()
            },
            "reasons": [
                {
                    "question": reason.question,
                    "answer": reason.answer,
                    "favours": reason.favours,
                    "weight": reason.weight,
                    "points": {"python": reason.python, "nodejs": reason.nodejs},
                    "strengths": list(reason.strengths),
                    "why": reason.why,
                }
                for reason in rec.reasons
            ],
            "strengths": list(rec.strengths),
            "citations": {
                strength_id: {
                    "section": strengths[strength_id].section,
                    "bullet": strengths[strength_id].bullet,
                    "gist": strengths[strength_id].gist,
                }
                for strength_id in rec.strengths
            },
            "stack": self.stack_text(rec),
            "stack_id": rec.stack,
            "changes": [
                {
                    "edits": [
                        {"question": e.question, "action": e.action, "option": e.option}
                        for e in change.edits
                    ],
                    "verdict": change.verdict,
                    "scores": {"python": change.python, "nodejs": change.nodejs},
                }
                for change in rec.changes
            ],
            "code": result.code,
            "permalink": permalink_url,
            "article": {
                "title": article.title,
                "author": article.author,
                "published": article.published,
                "url": article.url,
            },
        }

    def to_markdown(self, result: Result, permalink_url: str) -> str:
        """The result as an architecture decision record in the MADR layout."""
        rec = result.recommendation
        strengths = self.content.strengths
        article = self.content.article
        chosen = {"python": "Python", "nodejs": "NodeJS"}.get(rec.lean)
        if rec.verdict == "either":
            title = "Back end language: a close call between Python and NodeJS"
        else:
            title = f"Use {VERDICT_NAMES[rec.verdict]} for the back end of our web application"
        lines = [
            f"# {title}",
            "",
            "* Status: proposed",
            f"* Scores: Python {rec.python}, NodeJS {rec.nodejs} (ruleset {rec.ruleset})",
            f"* Permalink: <{permalink_url}>",
            "",
            "## Context and Problem Statement",
            "",
            "We need to choose the language for the back end of our web application: "
            "Python or NodeJS. We answered the stackchooser questionnaire, which weighs "
            f"our answers against the strengths named in “{article.title}” "
            f"({article.author}, {article.publisher}, {article.published_on}).",
            "",
            "## Decision Drivers",
            "",
        ]
        for question_id, value in rec.answers.items():
            question = self.questions_by_id[question_id]
            lines.append(f"* {question.summary}: {self.answer_text(question_id, value)}")
        lines += [
            "",
            "## Considered Options",
            "",
            "* Python",
            "* NodeJS",
            "",
            "## Decision Outcome",
            "",
        ]
        if chosen and rec.verdict != "either":
            lines.append(
                f"Chosen option: “{chosen}”, because it scored "
                f"{max(rec.python, rec.nodejs)} to {min(rec.python, rec.nodejs)}."
            )
        elif chosen:
            lines.append(
                f"Chosen option: “{chosen}”, because the scores are close "
                f"({rec.python} to {rec.nodejs}) and that is our team's language."
            )
        else:
            lines.append(
                f"No option is clearly ahead ({rec.python} to {rec.nodejs}); "
                "either will serve, so we pick the one our team prefers."
            )
        lines += ["", f"Suggested stack: {self.stack_text(rec)}", "", "### Reasons", ""]
        for reason in rec.reasons:
            question = self.questions_by_id[reason.question]
            cited = ", ".join(f"`{strength_id}`" for strength_id in reason.strengths) or "none"
            push = (
                "neutral"
                if reason.favours == "neither"
                else f"favours {FAVOURS_NAMES[reason.favours]} (+{reason.weight})"
            )
            lines.append(
                f"* {question.summary}: {self.option_label(reason.question, reason.answer)} — "
                f"{push}. {reason.why} Cites: {cited}."
            )
        if rec.changes:
            lines += ["", "### What would change the outcome", ""]
            for change in rec.changes:
                lines.append(f"* If we {self.change_text(change)}: {VERDICT_NAMES[change.verdict]}")
        lines += [
            "",
            "## More Information",
            "",
            "Strengths cited, with where the article says so:",
            "",
        ]
        for strength_id in rec.strengths:
            strength = strengths[strength_id]
            lines.append(f"* `{strength_id}` ({strength.citation}): {strength.gist}")
        lines += [
            "",
            f"Source: [{article.title}]({article.url}), {article.author}, "
            f"{article.publisher}, {article.published_on}. Both languages have moved on since "
            f"{article.published_month}: weigh the outcome alongside current experience.",
            "",
            f"Generated by stackchooser: <{permalink_url}>",
            "",
        ]
        return "\n".join(lines)
