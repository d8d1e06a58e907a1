"""A Babel extraction method for the content's TOML files (named in babel.cfg)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import Any

from .content import TEXT_FIELDS, WORD_TABLES

Message = tuple[int, str, str, list[str]]


def extract_toml(fileobj: Any, keywords: Any, comment_tags: Any, options: Any) -> Iterator[Message]:
    """Every text a person reads (a value under a key the model declares as words), with
    the key it sits under as a comment for translators. The article's own table is left
    out (it is cited in English)."""
    source = fileobj.read().decode("utf-8")
    lines = source.splitlines()

    def line_of(text: str) -> int:
        needle = text.split("\n")[0][:40]
        return next((n for n, line in enumerate(lines, 1) if needle in line), 0)

    def walk(value: Any, path: tuple[str, ...]) -> Iterator[Message]:
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
