"""Permalink codes: a short, self-contained, canonical encoding of an answer set.

A code is ``<version><payload><check>`` in a lowercase 32-letter alphabet without the
look-alikes i, l, o and u:

* version: one letter, the ruleset version (1 to 31) whose questions the payload encodes;
* payload: the answers as one mixed-radix number (a one-of answer is its option's index,
  a multi-select answer a bit mask over its options), fixed width for the version;
* check: two letters of a CRC-32 over the rest, so typos and random strings are refused.

No secret is involved: a code decodes the same on every instance, after any restart and
after the secret key is rotated. This module has no Flask import.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence

from .caches import LAYOUTS, PerObject
from .model import Question

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
BASE = len(ALPHABET)
CHECK_LENGTH = 2
MAX_VERSION = BASE - 1
MAX_CODE_LENGTH = 64

AnswerValue = str | tuple[str, ...]


class PermalinkError(ValueError):
    """A code is malformed, fails its check, or names an unknown ruleset version."""


def _radix(question: Question) -> int:
    return 2 ** len(question.options) if question.multiple else len(question.options)


def payload_width(questions: Sequence[Question]) -> int:
    """How many letters the payload of a ruleset with these questions takes."""
    combinations = 1
    for question in questions:
        combinations *= _radix(question)
    width, capacity = 1, BASE
    while capacity < combinations:
        width, capacity = width + 1, capacity * BASE
    return width


class _Layout:
    """What encoding needs of a list of questions, worked out once per list."""

    def __init__(self, questions: Sequence[Question]) -> None:
        self.radices = tuple(_radix(question) for question in questions)
        self.indexes = tuple(
            {option: index for index, option in enumerate(question.option_ids)}
            for question in questions
        )
        self.width = payload_width(questions)
        # Each answer's digit, filled as answers are met (one-of answers up front).
        self.digits: tuple[dict[AnswerValue, int], ...] = tuple(
            {} if question.multiple else {option: digit for option, digit in index.items()}
            for question, index in zip(questions, self.indexes, strict=True)
        )

    def digit(self, position: int, value: AnswerValue) -> int:
        """The digit of an answer to the question at `position`; KeyError if unknown."""
        digits = self.digits[position]
        found = digits.get(value)
        if found is None:
            if isinstance(value, str):
                raise KeyError(value)
            index = self.indexes[position]
            found = sum(1 << index[option] for option in value)
            if len(digits) < self.radices[position]:  # as many as there are canonical answers
                digits[value] = found
        return found


_layout: PerObject[Sequence[Question], _Layout] = PerObject(LAYOUTS, _Layout)  # per ruleset's tuple


def _check(body: str) -> str:
    value = zlib.crc32(body.encode("ascii")) % BASE**CHECK_LENGTH
    return ALPHABET[value // BASE] + ALPHABET[value % BASE]


def encode(answers: Mapping[str, AnswerValue], version: int, questions: Sequence[Question]) -> str:
    """Encode a canonical answer set for a ruleset version into its code."""
    if not 1 <= version <= MAX_VERSION:
        raise PermalinkError(f"ruleset version {version} cannot be encoded")
    layout = _layout(questions)
    number = 0
    for position, (question, radix) in enumerate(zip(questions, layout.radices, strict=True)):
        number = number * radix + layout.digit(position, answers[question.id])
    letters = []
    for _ in range(layout.width):
        number, remainder = divmod(number, BASE)
        letters.append(ALPHABET[remainder])
    body = ALPHABET[version] + "".join(reversed(letters))
    return body + _check(body)


def decode(
    code: str, schemas: Mapping[int, Sequence[Question]]
) -> tuple[int, dict[str, AnswerValue]]:
    """Decode a code into its ruleset version and canonical answers.

    `schemas` maps each known ruleset version to its questions, in encoding order.
    Raises :class:`PermalinkError` for anything that is not a valid, canonical code.
    """
    if not isinstance(code, str) or not 2 + CHECK_LENGTH <= len(code) <= MAX_CODE_LENGTH:
        raise PermalinkError("wrong length")
    if any(letter not in ALPHABET for letter in code):
        raise PermalinkError("unexpected character")
    body, check = code[:-CHECK_LENGTH], code[-CHECK_LENGTH:]
    if _check(body) != check:
        raise PermalinkError("check letters do not match")
    version = ALPHABET.index(body[0])
    if version not in schemas:
        raise PermalinkError(f"unknown ruleset version {version}")
    questions = schemas[version]
    payload = body[1:]
    if len(payload) != payload_width(questions):
        raise PermalinkError("wrong length for this version")
    number = 0
    for letter in payload:
        number = number * BASE + ALPHABET.index(letter)
    answers: dict[str, AnswerValue] = {}
    for question in reversed(questions):
        number, digit = divmod(number, _radix(question))
        options = question.option_ids
        if not question.multiple:
            answers[question.id] = options[digit]
        else:
            chosen = tuple(option for index, option in enumerate(options) if digit >> index & 1)
            if question.max is not None and len(chosen) > question.max:
                raise PermalinkError(f"too many options for {question.id}")
            answers[question.id] = chosen
    if number:
        raise PermalinkError("payload out of range")
    return version, {question.id: answers[question.id] for question in questions}
