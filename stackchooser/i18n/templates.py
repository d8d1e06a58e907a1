"""The languages in Jinja templates, through Jinja's own i18n extension."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from .catalogues import catalogue, plural_form
from .formatting import long_date, month_and_year
from .language import current_language


def _callables(
    escape: bool,
) -> tuple[Callable[..., str], Callable[..., str], Callable[..., str]]:
    """gettext, ngettext and pgettext keeping Jinja's "newstyle" contract: they translate and fill
    the placeholders themselves, the values escaped when the template is HTML (`escape`)
    as jinja2.ext's own do."""
    text_type: Callable[[str], str] = Markup if escape else str

    def gettext(message: str, **values: Any) -> str:
        text = text_type(catalogue(current_language()).gettext(message))
        # Without values, `%` only turns "%%" into "%": most messages have neither.
        return text % values if values or "%" in text else text

    def ngettext(singular: str, plural: str, num: int, **values: Any) -> str:
        text = text_type(plural_form(singular, plural, num))
        values.setdefault("num", num)
        return text % values

    def pgettext(context: str, message: str, **values: Any) -> str:
        text = text_type(catalogue(current_language()).pgettext(context, message))
        return text % values if values or "%" in text else text

    return gettext, ngettext, pgettext


def install_languages(environment: Environment, escape: bool) -> None:
    """Give `environment` Jinja's i18n extension (`_()`, `{% trans %}`, plurals) reading
    the catalogue of the language in use at render time, and the filters that write dates
    the language's way. One compiled template serves every language. `escape`: the
    environment renders HTML (the site's pages) rather than Markdown or plain text."""
    gettext, ngettext, pgettext = _callables(escape)
    environment.add_extension("jinja2.ext.i18n")
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        gettext, ngettext, newstyle=True, pgettext=pgettext
    )
    # The extension wraps each callable in a context-passing call (and `_` in a second)
    # to escape and format; ours already do, so templates call them directly: a result
    # page makes some fifty of these calls.
    environment.globals.update(_=gettext, gettext=gettext, ngettext=ngettext, pgettext=pgettext)
    environment.filters.update(long_date=long_date, month_and_year=month_and_year)
