"""Which language is in use: English unless a request or the command line says otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

LANGUAGES = ("en", "nl", "fr")
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "nl": "Nederlands", "fr": "Français"}  # in their own words

_current: ContextVar[str] = ContextVar("stackchooser_language", default=DEFAULT_LANGUAGE)


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
