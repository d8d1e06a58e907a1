"""The site's three languages, in one package: the language in use, the catalogues and
their messages, numbers and dates per locale, the content in each language, and the
extractor for the TOML content. No Flask import; the model never imports it.

English is the source language: every message is written in English in the code, the
templates and the TOML content, and `translations/<language>/LC_MESSAGES/messages.po`
(beside this file) gives it in Dutch (as read in Flanders) and French. The compiled `.mo`
files travel in the wheel; `scripts/i18n.sh` extracts, updates and compiles them.

The language in use is a context variable: the web layer sets it from the URL (`/nl/`,
`/fr/`) or the API's `?lang=`, the command line from `--lang`; presenters, records,
pictures and templates read it through :func:`gettext` and its kin.
"""

from __future__ import annotations

from .catalogues import (
    CONTENT_WORDS,
    DOMAIN,
    N_,
    TRANSLATIONS_DIR,
    _,
    catalogue,
    catalogue_gaps,
    complete_languages,
    gettext,
    listed,
    ngettext,
    pgettext,
    plural_key,
    quoted,
    suggestion_in,
    verdict_title,
    verdict_words,
)
from .content import LocalizedContent, localized
from .formatting import FORMAT_LOCALES, long_date, month_and_year, number
from .language import (
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    current_language,
    language_prefix,
    use_language,
)
from .templates import install_languages

__all__ = [
    "CONTENT_WORDS",
    "DEFAULT_LANGUAGE",
    "DOMAIN",
    "FORMAT_LOCALES",
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "N_",
    "TRANSLATIONS_DIR",
    "LocalizedContent",
    "_",
    "catalogue",
    "catalogue_gaps",
    "complete_languages",
    "current_language",
    "gettext",
    "install_languages",
    "language_prefix",
    "localized",
    "listed",
    "long_date",
    "month_and_year",
    "ngettext",
    "number",
    "pgettext",
    "plural_key",
    "quoted",
    "suggestion_in",
    "use_language",
    "verdict_title",
    "verdict_words",
]
