"""The web layer: blueprints, CSRF, security headers, error pages and template helpers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from ..caches import PAGES, STEPS, Cache
from ..content import CONTENT_DIR
from ..i18n import LANGUAGES
from ..paths import fingerprint, static_versions
from . import errors, language, pages, results, teams, wizard
from .cache import CachedResults, RenderedCache, cached_paths
from .guard import RequestGuard, trusted_hosts
from .language import LanguagePrefix
from .security import SecurityHeaders, WSGIApp
from .session import CookieSessionInterface
from .templating import install_template_helpers, rendered_fragments

csrf = CSRFProtect()


def register(app: Flask) -> None:
    """Wire the web layer into `app`."""
    # Every form is CSRF-protected; the JSON API uses no cookie, so it is exempt.
    csrf.init_app(app)
    csrf.exempt(results.api_recommendation)
    for blueprint in (pages.bp, wizard.bp, results.bp, teams.bp):
        app.register_blueprint(blueprint)
    errors.register(app)
    app.session_interface = CookieSessionInterface()

    static_dir = Path(app.static_folder or "")
    template_dir = Path(app.template_folder or "")
    versions = static_versions(static_dir)
    app.config["BUILD_ID"] = app.config["BUILD_ID"] or fingerprint(
        (static_dir, template_dir, CONTENT_DIR)
    )
    # CACHE_BYTES bounds what a process keeps rendered: an eighth for the pieces that pages
    # share (templating.CachedFragments), the rest for whole renderings.
    fragment_bytes = app.config["CACHE_BYTES"] // 8
    app.jinja_env.fragments = rendered_fragments(fragment_bytes)  # type: ignore[attr-defined]
    rendered = RenderedCache(
        app.config["RESULT_CACHE_SIZE"],
        app.config["BUILD_ID"],
        app.config["RESULT_MAX_AGE"],
        app.config["CACHE_BYTES"] - fragment_bytes,
    )
    app.extensions["stackchooser_rendered"] = rendered
    languages = len(LANGUAGES)
    app.extensions["stackchooser_pages"] = Cache(PAGES, entries=2 * languages)
    questions = len(app.extensions["stackchooser"].content.questions)
    app.extensions["stackchooser_steps"] = Cache(STEPS, entries=2 * questions * languages)
    language.register(app)
    app.config["TRUSTED_HOSTS"] = trusted_hosts(
        app.config["PUBLIC_URL"], app.config["EXTRA_TRUSTED_HOSTS"]
    )
    install_template_helpers(app, versions)
    app.wsgi_app = wsgi_stack(app, rendered)  # type: ignore[method-assign,assignment]


def wsgi_stack(app: Flask, rendered: RenderedCache) -> WSGIApp:
    """The app's WSGI callable: Flask wrapped in the site's layers, listed here from the
    outside in (docs/ARCHITECTURE.md draws the whole request path)."""
    config = app.config
    proxies = config["PROXY_COUNT"]
    layers: list[Callable[[WSGIApp], WSGIApp]] = [
        # The client's address, scheme and host from that many trusted proxies' headers.
        lambda inner: (
            ProxyFix(inner, x_for=proxies, x_proto=proxies, x_host=proxies) if proxies else inner
        ),
        # The security headers on every response, the guard's refusals included.
        SecurityHeaders,
        # Before any cache: a trusted Host, no SCRIPT_NAME from the client, a bounded body.
        lambda inner: RequestGuard(inner, config["TRUSTED_HOSTS"], config["MAX_CONTENT_LENGTH"]),
        # /nl and /fr move into SCRIPT_NAME; the language is in use for the whole request.
        lambda inner: LanguagePrefix(inner, config["SITE_LANGUAGES"]),
        # Renderings already kept are answered here, without entering Flask.
        lambda inner: CachedResults(inner, rendered, cached_paths(app), config["PUBLIC_URL"]),
    ]
    wsgi: WSGIApp = app.wsgi_app
    for layer in reversed(layers):
        wsgi = layer(wsgi)
    return wsgi
