"""The gettext catalogues and the messages read from them in the language in use."""

from __future__ import annotations

from collections.abc import Sequence
from gettext import NullTranslations
from pathlib import Path
from typing import Any, Literal

from babel import Locale
from babel.lists import format_list
from babel.messages.pofile import read_po
from babel.support import Translations

from .. import caches
from ..caches import memoize
from ..kinds import display_name
from .formatting import FORMAT_LOCALES
from .language import DEFAULT_LANGUAGE, LANGUAGES, current_language

TRANSLATIONS_DIR = Path(__file__).parent / "translations"
DOMAIN = "messages"


def N_(message: str) -> str:
    """Marks a message for extraction; it is translated where it is shown."""
    return message


def _load(language: str) -> NullTranslations:
    if language == DEFAULT_LANGUAGE:
        return NullTranslations()  # the source language needs none
    return Translations.load(str(TRANSLATIONS_DIR), [language], DOMAIN)


# Files of the package, read when it is imported: every message of every page looks one up.
CATALOGUES = {language: _load(language) for language in LANGUAGES}


def catalogue(language: str) -> NullTranslations:
    """The compiled catalogue of a language; ValueError for an unknown one."""
    found = CATALOGUES.get(language)
    if found is None:
        raise ValueError(f"unknown language {language!r}")
    return found


def catalogue_gaps(language: str) -> list[str]:
    """The messages of the extracted template (messages.pot) that a language's catalogue
    leaves untranslated or fuzzy (empty when it is complete)."""
    with (TRANSLATIONS_DIR / "messages.pot").open("rb") as file:
        wanted = [(message.id, message.context) for message in read_po(file) if message.id]
    path = TRANSLATIONS_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.exists():
        return [str(message_id) for message_id, _context in wanted]
    with path.open("rb") as file:
        catalog = read_po(file)
    gaps = []
    for message_id, context in wanted:
        key = message_id[0] if isinstance(message_id, tuple) else message_id
        found = catalog.get(key, context=context)
        strings = found.string if found is not None else ""
        texts = strings if isinstance(strings, tuple) else (strings,)
        if found is None or found.fuzzy or not all(texts):
            gaps.append(str(message_id))
    return gaps


@memoize(caches.CATALOGUES, entries=1)  # files of the package: read once per process
def complete_languages() -> tuple[str, ...]:
    """English, and every language whose catalogue translates every message."""
    return (DEFAULT_LANGUAGE,) + tuple(
        language
        for language in LANGUAGES
        if language != DEFAULT_LANGUAGE and not catalogue_gaps(language)
    )


def gettext(message: str, **values: Any) -> str:
    """`message` in the language in use, with `%(name)s` placeholders filled in."""
    text = catalogue(current_language()).gettext(message)
    return text % values if values else text


def ngettext(singular: str, plural: str, count: float, **values: Any) -> str:
    """The singular or plural form for `count` (as `%(num)d`) in the language in use. A
    count with decimals takes the form its language gives it ("1.33 points", "1,33
    point"), by the plural rules of the Unicode CLDR."""
    return plural_form(singular, plural, count) % {"num": count, **values}


def plural_form(singular: str, plural: str, count: float) -> str:
    """The form of a counted message for `count`, translated, its placeholders unfilled."""
    language = current_language()
    return catalogue(language).ngettext(singular, plural, plural_key(count, language))


def plural_key(count: float, language: str) -> int:
    """A whole number that the catalogues' plural formula sorts as `count` is sorted in
    `language`: `count` itself when whole, else one standing for its CLDR category."""
    if count == int(count):
        return int(count)
    category = _plural_category(count, language)
    return {"one": 1, "many": 1_000_000}.get(category, 2)


@memoize(caches.FORMATTED, entries=1024)
def _plural_category(count: float, language: str) -> str:
    return str(Locale.parse(FORMAT_LOCALES[language]).plural_form(count))


def pgettext(context: str, message: str, **values: Any) -> str:
    """`message` in its `context` (an English word with two uses: "Answer" as a step and
    as a column) in the language in use, with its placeholders filled in."""
    text = catalogue(current_language()).pgettext(context, message)
    return text % values if values else text


def quoted(text: str) -> str:
    """`text` between the quotation marks of the language in use (“…”, « … »)."""
    return pgettext("quotation", "“%(text)s”", text=text)


def listed(items: Sequence[str], style: Literal["standard", "or"] = "standard") -> str:
    """Names as the language in use lists them: "a, b and c", "a, b en c", "a, b et c"
    (`style` "or": "a, b or c")."""
    return format_list(list(items), style=style, locale=FORMAT_LOCALES[current_language()])


_ = gettext


def verdict_words(verdict: str) -> str:
    """A verdict as a sentence says it: "Python", "NodeJS" or "a close call"."""
    return gettext("a close call") if verdict == "either" else display_name(verdict)


def verdict_title(verdict: str) -> str:
    """A verdict as a title or a label: "Python", "NodeJS" or "A close call"."""
    return gettext("A close call") if verdict == "either" else display_name(verdict)


# The English landing page offers the other versions, each in its own language.
SUGGESTIONS = {
    "nl": N_("This site is also in Dutch."),
    "fr": N_("This site is also in French."),
}


def suggestion_in(language: str) -> str:
    """The offer of the site in `language`, written in that language."""
    return catalogue(language).gettext(SUGGESTIONS[language])


# Words the content needs that its TOML files do not hold.
CONTENT_WORDS = (N_("and"),)  # the plan's summary: "a, b and c"
