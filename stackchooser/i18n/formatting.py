"""Numbers and dates as the language in use writes them (British English, and Belgium's
Dutch and French)."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal

from ..caches import FORMATTED, memoize
from .language import current_language

FORMAT_LOCALES = {"en": "en_GB", "nl": "nl_BE", "fr": "fr_BE"}


def number(value: float) -> str:
    """A number as the language in use writes it (2.5, 2,5)."""
    return _formatted_number(value, current_language())


def long_date(value: date | str) -> str:
    """A date (or an ISO date) as the language in use writes it (20 June 2022, 20 juni
    2022)."""
    return _formatted_date(_as_date(value), "long", current_language())


def month_and_year(value: date | str) -> str:
    """A month as the language in use writes it (May 2022, mei 2022)."""
    return _formatted_date(_as_date(value), "LLLL y", current_language())


def _as_date(value: date | str) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


# Babel's formatting parses its patterns on every call; pages show the same few dates and
# numbers again and again.
@memoize(FORMATTED, entries=4096)
def _formatted_number(value: float, language: str) -> str:
    return format_decimal(value, locale=FORMAT_LOCALES[language])


@memoize(FORMATTED, entries=256)
def _formatted_date(value: date, pattern: str, language: str) -> str:
    return format_date(value, format=pattern, locale=FORMAT_LOCALES[language])
