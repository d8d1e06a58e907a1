"""The decision record (Markdown, MADR layout) rendered from its template with plain Jinja2.

The web view and the command line both use this, so a record reads the same wherever it
comes from. No Flask import.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .kinds import display_name
from .model import Article
from .paths import site_folder
from .presenters import DecisionRecord, TeamRecord

TEMPLATE = "records/result.md"
TEAM_TEMPLATE = "records/team.md"


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(site_folder("templates")),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # Markdown, not HTML
    )
    environment.filters["language_name"] = display_name
    return environment


def render_record(record: DecisionRecord, article: Article) -> str:
    """The decision record as Markdown text."""
    return _environment().get_template(TEMPLATE).render(record=record, article=article)


def render_team_record(record: TeamRecord, article: Article) -> str:
    """A team's decision record as Markdown text."""
    return _environment().get_template(TEAM_TEMPLATE).render(record=record, article=article)
