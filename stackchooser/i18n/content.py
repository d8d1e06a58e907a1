"""The content (questions, strengths, rulesets) in each language.

A field holds words for people when the model declares it with `WORDS` metadata
(stackchooser.model); those fields are translated, recursively through the content's
dataclasses, tuples and mappings, and every other field (ids, options, commands, the
article's title) stays as written. The extractor reads the same declarations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar

from .. import model
from ..caches import LOCALIZED, Cache
from ..model import Content
from .catalogues import catalogue
from .language import DEFAULT_LANGUAGE, LANGUAGES, current_language

T = TypeVar("T")
Translate = Callable[[str], str]


def _model_types() -> Iterator[type]:
    for value in vars(model).values():
        if isinstance(value, type) and is_dataclass(value) and value.__module__ == model.__name__:
            yield value


def _word_fields() -> tuple[frozenset[str], frozenset[str]]:
    """The names of the model's fields that hold words: texts, and tables of texts."""
    texts: set[str] = set()
    tables: set[str] = set()
    for kind in _model_types():
        for item in fields(kind):
            if item.metadata.get("words"):
                is_table = "Mapping" in str(item.type)
                (tables if is_table else texts).add(item.name)
    return frozenset(texts), frozenset(tables)


# TOML keys and the model's field names are the same, so the extractor keys on these.
TEXT_FIELDS, WORD_TABLES = _word_fields()


def _is_words(item: Any) -> bool:
    return bool(item.metadata.get("words"))


def localized(value: T, translate: Translate) -> T:
    """`value` with every words field of its dataclasses translated (recursively)."""
    if is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for item in fields(value):
            if not item.init:
                continue
            old = getattr(value, item.name)
            new: Any
            if _is_words(item) and isinstance(old, str):
                new = translate(old) if old else old
            elif _is_words(item) and isinstance(old, Mapping):
                new = {key: translate(text) for key, text in old.items()}
            else:
                new = localized(old, translate)
            if new is not old:
                changes[item.name] = new
        return replace(value, **changes) if changes else value  # type: ignore[type-var,unused-ignore]
    if isinstance(value, tuple):
        items = tuple(localized(item, translate) for item in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items  # type: ignore[return-value]
    if isinstance(value, Mapping):
        mapped = {key: localized(item, translate) for key, item in value.items()}
        same = all(mapped[key] is item for key, item in value.items())
        return value if same else mapped  # type: ignore[return-value]
    return value


class LocalizedContent:
    """The content in each language, made once per language on first use."""

    def __init__(self, content: Content) -> None:
        self.english = content
        self._translated: Cache[str, Content] = Cache(LOCALIZED, entries=len(LANGUAGES))

    def __getitem__(self, language: str) -> Content:
        if language == DEFAULT_LANGUAGE:
            return self.english
        return self._translated.get(
            language, lambda: localized(self.english, catalogue(language).gettext)
        )

    @property
    def current(self) -> Content:
        return self[current_language()]
