"""The messages a translator gets: whole sentences, labels and names, never a fragment of
a sentence glued to another by code; placeholders that hold names, numbers and links
only; a plural-aware message for every count; a context for every English word with two
uses; Dutch in the formal "u" and French typography in every translation."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Message
from babel.messages.pofile import read_po

from stackchooser import i18n
from stackchooser.content import CONTENT_DIR, load_content

TEMPLATE = i18n.TRANSLATIONS_DIR / "messages.pot"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")

# What each placeholder holds: a name, a number, a date or a link (never words that make
# a clause of the sentence around them).
PLACEHOLDERS = {
    "language": "Python or NodeJS",
    "other": "the other of Python and NodeJS",
    "known": "Python or JavaScript",
    "side": "Python or NodeJS",
    "fallback": "Python or NodeJS",
    "verdict": "Python, NodeJS or the label of a close call",
    "python": "a score",
    "nodejs": "a score",
    "high": "a score",
    "low": "a score",
    "scores": "two scores, each after its language's name",
    "lead": "a number of points",
    "margin": "a number of points",
    "narrow": "a number of points",
    "points": "a number of points",
    "num": "a count",
    "count": "a count",
    "total": "a count",
    "number": "a member's number or a step's",
    "status": "an HTTP status code",
    "version": "a scoring version's number",
    "month": "a month and year",
    "date": "a date",
    "released": "a date",
    "published": "a date",
    "question": "a question's name",
    "topic": "a question's name",
    "answer": "an answer's label",
    "option": "an answer's label",
    "work": "a workload's label",
    "answers": "answers' labels, listed the way the language lists",
    "split": "answers' labels, each with its count",
    "article": "the article's title, linked",
    "title": "the article's title",
    "author": "the article's author",
    "publisher": "the article's publisher",
    "text": "any text, between the language's quotation marks",
}

# Messages that begin in lower case and are whole all the same: labels shown alone (a
# badge, a chart's axis, a table's tag) and the pieces of a citation ("bullet 2").
LABELS = {
    "a close call": "a verdict as a label: a member's row, a preview picture",
    "close call": "the label of the meter's middle",
    "close call, leaning %(language)s": "the badge's text",
    "back end": "the badge's label",
    "all agree": "a tag beside a question all members answered alike",
    "taken for now": "a tag beside a tied answer, in parentheses",
    "neutral": "a reason's points in the decision record, in parentheses",
    "none": "the citations of a reason that cites nothing",
}
CITATION_PIECE = re.compile(r"^(bullet|paragraph)s? \d( and \d)?$")
SEPARATORS = {": ", "; ", "and"}  # punctuation between a label and its value, in a list


def _messages() -> Iterator[Message]:
    with TEMPLATE.open("rb") as file:
        yield from (message for message in read_po(file) if message.id)


def _text(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _plan_pieces() -> set[str]:
    """The plan's summary is a list of its parts' short names, joined by the language's
    "and", with a closing phrase when it keeps to one language: the JSON's `stack`, fixed
    for released rulesets by their golden codes."""
    pieces: set[str] = set()

    def walk(value: object, key: str = "") -> None:
        if isinstance(value, dict):
            for name, item in value.items():
                walk(item, name)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, str) and key in ("short", "python", "nodejs"):
            pieces.add(value)

    for path in sorted((CONTENT_DIR / "rulesets").glob("*.toml")):
        plan = tomllib.loads(path.read_text(encoding="utf-8")).get("plan", {})
        walk(plan)
    return pieces


def test_no_message_is_a_fragment_of_a_sentence() -> None:
    pieces = _plan_pieces()
    fragments = []
    for message in _messages():
        text = _text(message)
        first = text.lstrip("“")[:1]
        whole = first.isupper() or first.isdigit() or text.startswith(("%(", "“", "<", "--"))
        whole = whole or text.startswith("stackchooser")  # the site's name, in lower case
        if whole or text in LABELS or text in SEPARATORS or text in pieces:
            continue
        if CITATION_PIECE.match(text):
            continue
        fragments.append(text)
    assert fragments == []


def test_placeholders_hold_names_numbers_dates_or_links() -> None:
    unknown = {
        (_text(message), name)
        for message in _messages()
        for name in PLACEHOLDER.findall(_text(message))
        if name not in PLACEHOLDERS
    }
    assert unknown == set()


COUNTED = re.compile(
    r"%\((\w+)\)[sd] (?:more |net |short )?"
    r"(?:answers?|points?|members?|changes?|differences?|questions?|results?|pairs?)\b"
)
# Counts that are never one, so that a fixed plural is right: the close-call margin and
# the leads beyond it (every ruleset's margin is at least 2: see below).
NEVER_ONE = {"margin", "narrow"}


def test_every_count_beside_a_noun_is_plural_aware() -> None:
    fixed = []
    for message in _messages():
        text = _text(message)
        for name in COUNTED.findall(text):
            if message.pluralizable or name in NEVER_ONE:
                continue
            if name == "lead" and re.search(r"(narrow|clear) lead of %\(lead\)s points", text):
                continue  # a narrow or clear lead is beyond the margin
            fixed.append(text)
    assert fixed == []
    assert all(ruleset.either_margin >= 2 for ruleset in load_content().rulesets.values())


def test_an_english_word_with_two_uses_has_a_context_for_each() -> None:
    contexts: dict[str, set[str | None]] = {}
    for message in _messages():
        contexts.setdefault(_text(message), set()).add(message.context)
    assert contexts["Answer"] == {"a step: answer the questions", "a table column: an answer"}
    # A word given contexts is never also asked for without one.
    assert all(None not in found for found in contexts.values() if len(found) > 1)


def _translations(language: str) -> Iterator[tuple[str, str]]:
    path = i18n.TRANSLATIONS_DIR / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as file:
        for message in read_po(file):
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for text in strings:
                yield _text(message), text


def test_the_dutch_says_u_never_je_or_jullie() -> None:
    familiar = re.compile(r"\b(je|jij|jou|jouw|jullie)\b", re.IGNORECASE)
    assert [(en, nl) for en, nl in _translations("nl") if familiar.search(nl)] == []


# French puts a no-break space (U+00A0 or the narrow U+202F) before : ; ? ! and inside
# « », and never uses English quotation marks.
SPACE_BEFORE = re.compile(r"(?:^|[^\u00a0\u202f])[:;?!](?:\s|$)")
BARE_GUILLEMETS = re.compile(r"«[^\u00a0\u202f]|[^\u00a0\u202f]»")


@pytest.mark.parametrize(
    "rule",
    ["no English quotation marks", "a no-break space before : ; ? !", "no-break spaces in « »"],
)
def test_the_french_follows_french_typography(rule: str) -> None:
    broken = []
    for _english, french in _translations("fr"):
        text = re.sub(r"https?://\S+", "", french)  # a link's colon is not punctuation
        if rule == "no English quotation marks" and re.search('[“”"]', text):
            broken.append(french)
        if rule == "a no-break space before : ; ? !" and SPACE_BEFORE.search(text):
            broken.append(french)
        if rule == "no-break spaces in « »" and BARE_GUILLEMETS.search(text):
            broken.append(french)
    assert broken == []


def test_the_glossary_lives_beside_the_catalogues() -> None:
    assert Path(i18n.TRANSLATIONS_DIR / "glossary.toml").is_file()


@pytest.mark.parametrize(
    ("language", "count", "form"),
    [("en", 1, 0), ("en", 1.33, 1), ("en", 2, 1), ("nl", 1.5, 1), ("fr", 1.33, 0), ("fr", 2, 1)],
)
def test_a_count_with_decimals_takes_the_form_its_language_gives_it(
    language: str, count: float, form: int
) -> None:
    """English and Dutch say "1.33 points", French "1,33 point" (below two, singular)."""
    with i18n.use_language(language):
        words = i18n.ngettext("%(num)s point", "%(num)s points", count)
    assert words.endswith("points") == bool(form)
