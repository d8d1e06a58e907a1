"""The domain's words as types: languages, verdicts, question kinds, plan roles.

Every layer speaks these words; keeping them here, as `Literal` types, lets the type
checker catch a misspelt verdict or role. This module has no Flask import.
"""

from __future__ import annotations

from typing import Literal, get_args

Language = Literal["python", "nodejs"]
"""A back-end language the site recommends."""

Verdict = Literal["python", "nodejs", "either"]
"""A result: one language, or a close call."""

Favours = Literal["python", "nodejs", "neither"]
"""Which way one answer pushed the scores."""

QuestionKind = Literal["one", "any", "up_to"]
"""Exactly one option; any number of options; up to a maximum."""

EditAction = Literal["choose", "add", "remove"]
"""One edit of one answer."""

PartRole = Literal["backend", "frontend", "service"]
"""What a part of the plan is."""

PartLanguage = Literal["python", "nodejs", "javascript"]
"""The language a part of the plan is written in (a front end may be JavaScript)."""

ChangeKind = Literal["switch", "firmer", "closer"]
"""What a change of answers does to the plan: moves its back end to the other language,
or keeps it and makes the result clear, or a close call."""

LeanBasis = Literal["verdict", "team", "scores", "fallback"]
"""Why the plan is in its language: a clear verdict, or on a close call the team's
language, the higher score, or the ruleset's fallback on equal scores."""

LANGUAGES: tuple[Language, ...] = get_args(Language)
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)
QUESTION_KINDS: tuple[QuestionKind, ...] = get_args(QuestionKind)
PART_ROLES: tuple[PartRole, ...] = get_args(PartRole)
PART_LANGUAGES: tuple[PartLanguage, ...] = get_args(PartLanguage)

DISPLAY_NAMES: dict[str, str] = {
    "python": "Python",
    "nodejs": "NodeJS",
    "javascript": "JavaScript",
    "either": "Either",
}


def display_name(word: str) -> str:
    """A language or verdict as people write it: "Python", "NodeJS", "JavaScript"."""
    return DISPLAY_NAMES[word]


def language_family(language: str) -> str:
    """The family a part's language belongs to: JavaScript and NodeJS are one."""
    return "python" if language == "python" else "javascript"


def other_language(language: Language) -> Language:
    """The language that is not `language`."""
    return "nodejs" if language == "python" else "python"
