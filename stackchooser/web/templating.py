"""The site's page templates, with their indentation removed when they compile.

Templates are written indented for people; the pages go out without that indentation,
stripped once per template when Jinja compiles it rather than from every page at every
request. Only HTML templates are touched (the Markdown and text ones keep their layout).
"""

from __future__ import annotations

import re

from jinja2.ext import Extension

INDENTATION = re.compile(r"[ \t]*\n\s*")  # a line break with the blanks around it


class StripIndentation(Extension):
    """A Jinja extension: each line break in an HTML template's source, with the blanks
    and blank lines around it, becomes a single line break."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if name is None or not name.endswith(".html"):
            return source
        return INDENTATION.sub("\n", source)
