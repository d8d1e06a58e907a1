"""The site's three languages: its gettext catalogues, the language in use, and the
content (questions, reasons, plans) in that language. No Flask import.

English is the source language: every message is written in English in the code, the
templates and the TOML content, and `translations/<language>/LC_MESSAGES/messages.po`
gives it in Dutch (as read in Flanders) and French. The compiled `.mo` files travel in the
wheel; `scripts/i18n.sh` extracts, updates and compiles them.

The language in use is a context variable: the web layer sets it from the URL (`/nl/`,
`/fr/`) or the API's `?lang=`, the command line from `--lang`; presenters, records and
pictures read it through :func:`gettext`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import fields, is_dataclass, replace
from datetime import date
from functools import cache, lru_cache
from gettext import NullTranslations
from pathlib import Path
from typing import Any, TypeVar

from babel.dates import format_date
from babel.numbers import format_decimal
from babel.support import Translations

from .kinds import display_name
from .model import Article, Content

LANGUAGES = ("en", "nl", "fr")
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "nl": "Nederlands", "fr": "Français"}  # in their own words
TRANSLATIONS_DIR = Path(__file__).parent / "translations"
DOMAIN = "messages"
# How numbers and dates are written: British English, and Belgium's Dutch and French.
FORMAT_LOCALES = {"en": "en_GB", "nl": "nl_BE", "fr": "fr_BE"}

# The content's fields that hold words for people (ids, options and commands stay as they
# are; the article's title and its section names are cited in English).
TEXT_FIELDS = frozenset(
    {
        "label",
        "hint",
        "short",
        "would",
        "would_add",
        "would_remove",
        "summary",
        "title",
        "error",
        "gist",
        "why",
        "tension",
        "fallback_why",
        "text",
        "and_word",
        "bullet",  # where the article says it ("bullet 2"); its section keeps its English title
    }
)

# The content's tables whose every value is words (keyed by language: "with Python as the
# one language throughout"). TOML keys and the model's field names are the same.
WORD_TABLES = frozenset({"one_language"})

_current: ContextVar[str] = ContextVar("stackchooser_language", default=DEFAULT_LANGUAGE)


def N_(message: str) -> str:
    """Marks a message for extraction; it is translated where it is shown."""
    return message


@cache
def catalogue(language: str) -> NullTranslations:
    """The compiled catalogue of a language (English needs none)."""
    if language == DEFAULT_LANGUAGE:
        return NullTranslations()
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    return Translations.load(str(TRANSLATIONS_DIR), [language], DOMAIN)


def catalogue_gaps(language: str) -> list[str]:
    """The messages of the extracted template (messages.pot) that a language's catalogue
    leaves untranslated or fuzzy (empty when it is complete)."""
    from babel.messages.pofile import read_po

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


@cache  # the catalogues are files of the installed package: read them once
def complete_languages() -> tuple[str, ...]:
    """English, and every language whose catalogue translates every message."""
    return (DEFAULT_LANGUAGE,) + tuple(
        language
        for language in LANGUAGES
        if language != DEFAULT_LANGUAGE and not catalogue_gaps(language)
    )


def current_language() -> str:
    return _current.get()


def language_prefix(language: str) -> str:
    """Where the site's pages in `language` live: "" for English, "/nl" for Dutch."""
    return "" if language == DEFAULT_LANGUAGE else f"/{language}"


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Speak `language` within the block."""
    token = _current.set(language)
    try:
        yield
    finally:
        _current.reset(token)


def gettext(message: str, **values: Any) -> str:
    """`message` in the language in use, with `%(name)s` placeholders filled in."""
    text = catalogue(_current.get()).gettext(message)
    return text % values if values else text


def ngettext(singular: str, plural: str, count: int, **values: Any) -> str:
    """The singular or plural form for `count` (as `%(num)d`) in the language in use."""
    text = catalogue(_current.get()).ngettext(singular, plural, count)
    return text % {"num": count, **values}


_ = gettext


def verdict_words(verdict: str) -> str:
    """A verdict as a sentence says it: "Python", "NodeJS" or "a close call"."""
    return gettext("a close call") if verdict == "either" else display_name(verdict)


# For Jinja's newstyle gettext, which fills the placeholders itself: the message only.
def template_gettext(message: str) -> str:
    return catalogue(_current.get()).gettext(message)


def template_ngettext(singular: str, plural: str, count: int) -> str:
    return catalogue(_current.get()).ngettext(singular, plural, count)


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


def number(value: float) -> str:
    """A number as the language in use writes it (2.5, 2,5)."""
    return _formatted_number(value, _current.get())


def long_date(value: date) -> str:
    """A date as the language in use writes it (20 June 2022, 20 juni 2022)."""
    return _formatted_date(value, "long", _current.get())


def month_and_year(value: date) -> str:
    """A month as the language in use writes it (May 2022, mei 2022)."""
    return _formatted_date(value, "LLLL y", _current.get())


# Babel's formatting parses its patterns on every call; pages show the same few dates and
# numbers again and again.
@lru_cache(maxsize=4096)
def _formatted_number(value: float, language: str) -> str:
    return format_decimal(value, locale=FORMAT_LOCALES[language])


@lru_cache(maxsize=256)
def _formatted_date(value: date, pattern: str, language: str) -> str:
    return format_date(value, format=pattern, locale=FORMAT_LOCALES[language])


# --- the content in each language ---------------------------------------------------------


def extract_toml(
    fileobj: Any, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, str, list[str]]]:
    """A Babel extraction method for the content's TOML files (see babel.cfg): every
    text a person reads, with the key it sits under as a comment for translators. The
    article's own table is left out (it is cited in English)."""
    import tomllib

    source = fileobj.read().decode("utf-8")
    lines = source.splitlines()

    def line_of(text: str) -> int:
        needle = text.split("\n")[0][:40]
        return next((n for n, line in enumerate(lines, 1) if needle in line), 0)

    def walk(value: Any, path: tuple[str, ...]) -> Iterator[tuple[int, str, str, list[str]]]:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "article" and not path:
                    continue
                yield from walk(item, (*path, key))
        elif isinstance(value, list):
            for item in value:
                yield from walk(item, path)
        elif isinstance(value, str) and value and path:
            key = path[-1]
            if key in TEXT_FIELDS or (len(path) > 1 and path[-2] in WORD_TABLES):
                yield line_of(value), "gettext", value, [".".join(path)]

    yield from walk(tomllib.loads(source), ())


T = TypeVar("T")


def _localized(value: T, translate: Any) -> T:
    """`value` with every text field of its dataclasses translated (recursively)."""
    if isinstance(value, Article):
        return value  # cited under its English title
    if is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for item in fields(value):
            if not item.init:
                continue
            old = getattr(value, item.name)
            if item.name in TEXT_FIELDS and isinstance(old, str):
                new = translate(old) if old else old
            elif item.name in WORD_TABLES and isinstance(old, Mapping):
                new = {key: translate(text) for key, text in old.items()}
            else:
                new = _localized(old, translate)
            if new is not old:
                changes[item.name] = new
        return replace(value, **changes) if changes else value  # type: ignore[type-var,unused-ignore]
    if isinstance(value, tuple):
        items = tuple(_localized(item, translate) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items  # type: ignore[return-value]
    if isinstance(value, Mapping):
        mapped = {key: _localized(item, translate) for key, item in value.items()}
        same = all(mapped[key] is item for key, item in value.items())
        return value if same else mapped  # type: ignore[return-value]
    return value


_localizing = threading.Lock()


class LocalizedContent:
    """The content in each language, made once per language on first use."""

    def __init__(self, content: Content) -> None:
        self._by_language = {DEFAULT_LANGUAGE: content}

    def __getitem__(self, language: str) -> Content:
        found = self._by_language.get(language)
        if found is None:
            with _localizing:
                found = self._by_language.get(language)
                if found is None:
                    english = self._by_language[DEFAULT_LANGUAGE]
                    found = _localized(english, catalogue(language).gettext)
                    self._by_language[language] = found
        return found

    @property
    def current(self) -> Content:
        return self[_current.get()]
