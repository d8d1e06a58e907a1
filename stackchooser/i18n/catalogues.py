"""The gettext catalogues and the messages read from them in the language in use."""

from __future__ import annotations

from gettext import NullTranslations
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from babel.support import Translations

from .. import caches
from ..caches import memoize
from ..kinds import display_name
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
        wanted = [message.id for message in read_po(file) if message.id]
    path = TRANSLATIONS_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.exists():
        return [str(message) for message in wanted]
    with path.open("rb") as file:
        catalog = read_po(file)
    gaps = []
    for message_id in wanted:
        found = catalog.get(message_id[0] if isinstance(message_id, tuple) else message_id)
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


def ngettext(singular: str, plural: str, count: int, **values: Any) -> str:
    """The singular or plural form for `count` (as `%(num)d`) in the language in use."""
    text = catalogue(current_language()).ngettext(singular, plural, count)
    return text % {"num": count, **values}


_ = gettext


def verdict_words(verdict: str) -> str:
    """A verdict as a sentence says it: "Python", "NodeJS" or "a close call"."""
    return gettext("a close call") if verdict == "either" else display_name(verdict)


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
