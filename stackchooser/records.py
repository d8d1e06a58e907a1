"""Plain-text renderings (the Markdown decision records, the command line's text) from
their templates with plain Jinja2, outside the web layer.

The web view and the command line both use this, so a record reads the same wherever it
comes from. No Flask import.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .i18n import install_languages
from .model import Article
from .paths import site_folder


def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(site_folder("templates")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown and plain text, not HTML
    )
    # In the language in use (i18n.use_language), like the rest of the result.
    install_languages(environment, escape=False)
    return environment


ENVIRONMENT = _environment()


def render_plain(template: str, name: str, model: Any, article: Article) -> str:
    """`template` with the view model as `name`, and the article it cites."""
    return ENVIRONMENT.get_template(template).render({name: model, "article": article})
