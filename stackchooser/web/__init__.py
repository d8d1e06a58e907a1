"""The web layer: blueprints, CSRF, security headers, error pages and template helpers."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from flask import Flask, url_for
from flask_wtf.csrf import CSRFProtect

from ..content import CONTENT_DIR
from ..kinds import display_name
from . import errors, pages, results, security, teams, wizard
from .cache import CachedResults, RenderedCache, cached_paths
from .guard import RequestGuard, trusted_hosts
from .session import CookieSessionInterface

csrf = CSRFProtect()
CODE_LIKE = re.compile(r"[0-9a-z-]{1,1400}")  # a permalink code, or a team's codes


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
    rendered = RenderedCache(
        app.config["RESULT_CACHE_SIZE"],
        app.config["BUILD_ID"],
        app.config["RESULT_MAX_AGE"],
        app.config["CACHE_BYTES"],
    )
    app.extensions["stackchooser_rendered"] = rendered
    # Rendered results are answered before the framework; security headers wrap both.
    app.wsgi_app = CachedResults(  # type: ignore[method-assign]
        app.wsgi_app,
        rendered,
        cached_paths(app),
        app.config["PUBLIC_URL"],
    )
    # Before any cache: the path is the site's own, the Host trusted, a body bounded.
    hosts = trusted_hosts(app.config["PUBLIC_URL"], app.config["EXTRA_TRUSTED_HOSTS"])
    app.config["TRUSTED_HOSTS"] = hosts
    app.wsgi_app = RequestGuard(  # type: ignore[method-assign]
        app.wsgi_app, hosts, app.config["MAX_CONTENT_LENGTH"]
    )
    security.register(app)

    static_urls: dict[str, str] = {}

    def static_url(filename: str) -> str:
        """A static file's versioned URL (the same for every request: built once)."""
        if filename not in static_urls:
            static_urls[filename] = url_for(
                "static", filename=filename, v=static_versions.get(filename)
            )
        return static_urls[filename]

    app.add_template_filter(display_name, "language_name")

    link_templates: dict[tuple[str, tuple[str, ...]], str] = {}

    def link(endpoint: str, **values: Any) -> str:
        """url_for for the site's own pages, built once per endpoint: its path never
        depends on the request (no client SCRIPT_NAME, relative links), so later calls
        only put the codes in."""
        if any(not CODE_LIKE.fullmatch(str(value)) for value in values.values()):
            return url_for(endpoint, **values)
        key = (endpoint, tuple(sorted(values)))
        if key not in link_templates:
            slots: dict[str, Any] = {name: f"SLOT{name}" for name in values}
            link_templates[key] = url_for(endpoint, **slots)
        path = link_templates[key]
        for name, value in values.items():
            path = path.replace(f"SLOT{name}", str(value))
        return path

    # Globals rather than a context processor: macros imported without context see them,
    # so Jinja keeps each imported macro module instead of rebuilding it every render.
    app.jinja_env.globals.update(
        static_url=static_url, link=link, article=app.extensions["stackchooser"].content.article
    )
