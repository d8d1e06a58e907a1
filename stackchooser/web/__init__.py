"""The web layer: blueprints, CSRF, security headers, error pages and template helpers."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from ..content import CONTENT_DIR
from . import errors, language, pages, results, security, teams, wizard
from .cache import CachedResults, RenderedCache, cached_paths
from .guard import RequestGuard, trusted_hosts
from .session import CookieSessionInterface
from .templating import RenderedFragments, install_template_helpers

csrf = CSRFProtect()


def _fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


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
    static_versions = {
        path.relative_to(static_dir).as_posix(): _fingerprint([path])[:10]
        for path in static_dir.rglob("*")
        if path.is_file()
    }
    app.config["BUILD_ID"] = app.config["BUILD_ID"] or _fingerprint(
        [
            p
            for folder in (static_dir, template_dir, CONTENT_DIR)
            for p in folder.rglob("*")
            if p.is_file()
        ]
    )
    # CACHE_BYTES bounds what a process keeps rendered: an eighth for the pieces that pages
    # share (templating.CachedFragments), the rest for whole renderings.
    fragment_bytes = app.config["CACHE_BYTES"] // 8
    app.jinja_env.fragments = RenderedFragments(fragment_bytes)  # type: ignore[attr-defined]
    rendered = RenderedCache(
        app.config["RESULT_CACHE_SIZE"],
        app.config["BUILD_ID"],
        app.config["RESULT_MAX_AGE"],
        app.config["CACHE_BYTES"] - fragment_bytes,
    )
    app.extensions["stackchooser_rendered"] = rendered
    # Rendered results are answered before the framework; security headers wrap both.
    app.wsgi_app = CachedResults(  # type: ignore[method-assign]
        app.wsgi_app,
        rendered,
        cached_paths(app),
        app.config["PUBLIC_URL"],
    )
    # The language comes from the path's prefix, before the cache (whose keys include it).
    language.register(app)
    app.wsgi_app = language.LanguagePrefix(  # type: ignore[method-assign]
        app.wsgi_app, app.config["SITE_LANGUAGES"]
    )
    # Before any cache: the path is the site's own, the Host trusted, a body bounded.
    hosts = trusted_hosts(app.config["PUBLIC_URL"], app.config["EXTRA_TRUSTED_HOSTS"])
    app.config["TRUSTED_HOSTS"] = hosts
    app.wsgi_app = RequestGuard(  # type: ignore[method-assign]
        app.wsgi_app, hosts, app.config["MAX_CONTENT_LENGTH"]
    )
    security.register(app)

    install_template_helpers(app, static_versions)
