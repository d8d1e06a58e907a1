"""The site in three languages: English at `/`, Dutch at `/nl/`, French at `/fr/`.

A small WSGI layer takes the language from the path and moves its prefix to `SCRIPT_NAME`,
so every route serves every language and `url_for` builds links that stay in the
visitor's language. It speaks that language (i18n.use_language) for the whole request,
caches included. Nothing is chosen from `Accept-Language`: a URL always means one page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask, current_app, g, request

from ..i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    complete_languages,
    current_language,
    language_prefix,
    suggestion_in,
    use_language,
)
from .helpers import public_url


class LanguagePrefix:
    """WSGI middleware: `/nl/...` and `/fr/...` are the site's pages in that language
    (for each language served)."""

    def __init__(self, app: Any, languages: Iterable[str]) -> None:
        self.app = app
        self.prefixed = tuple(code for code in languages if code != DEFAULT_LANGUAGE)

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        language = DEFAULT_LANGUAGE
        for prefixed in self.prefixed:
            prefix = language_prefix(prefixed)
            if path == prefix or path.startswith(f"{prefix}/"):
                language = prefixed
                environ["SCRIPT_NAME"] = prefix
                environ["PATH_INFO"] = path[len(prefix) :] or "/"
                break
        with use_language(language):
            body: Iterable[bytes] = self.app(environ, start_response)
            if isinstance(body, list):
                return body  # the rendered cache's answers
            # Read the body while the language is still set (an iterator may be lazy).
            try:
                return list(body)
            finally:
                close = getattr(body, "close", None)
                if close is not None:
                    close()


def alternates() -> list[tuple[str, str, str]]:
    """(language, its own name, this page's absolute URL in it, without a query) for every
    language served; none when only English is. For a path no route knows, the home
    page's (a page never echoes an unknown path)."""
    served = current_app.config["SITE_LANGUAGES"]
    if len(served) < 2:
        return []
    base = public_url("")
    # Without the prefix; an error page (a 404 under a matching route, say) names the
    # home pages rather than echo the address it was asked for.
    path = request.path if request.url_rule is not None and not g.get("error_page") else "/"
    return [
        (language, LANGUAGE_NAMES[language], base + language_prefix(language) + path)
        for language in served
    ]


def served_languages(app: Flask) -> list[str]:
    """The languages the site serves (config SITE_LANGUAGES, by default the complete
    ones), English first; raises ValueError for an unknown one."""
    chosen = app.config["SITE_LANGUAGES"] or complete_languages()
    unknown = [code for code in chosen if code not in LANGUAGES]
    if unknown:
        raise ValueError(f"SITE_LANGUAGES: unknown language {unknown[0]!r} (known: en, nl, fr)")
    return [code for code in LANGUAGES if code in chosen or code == DEFAULT_LANGUAGE]


def register(app: Flask) -> None:
    """The languages served, and what templates know of the language in use (the prefix
    middleware is wrapped by the caller inside the request guard)."""
    app.config["SITE_LANGUAGES"] = served_languages(app)
    app.jinja_env.globals.update(
        language=current_language,
        alternates=alternates,
        suggestion_in=suggestion_in,
    )
