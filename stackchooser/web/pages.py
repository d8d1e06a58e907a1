"""The landing page, the methodology page and the health check."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

from flask import Blueprint, Response, current_app, redirect, render_template

from ..caches import Cache
from ..i18n import current_language
from ..presenters import ruleset_view
from .helpers import advisor

bp = Blueprint("pages", __name__)

PAGE_CACHE = "public, max-age=600"


def _rendered_once(name: str, render: Callable[[], str]) -> Response:
    """Pages that depend on nothing but the content are rendered once per process and
    language (caches.PAGES)."""
    pages: Cache[tuple[str, str], str] = current_app.extensions["stackchooser_pages"]
    html = pages.get((name, current_language()), render)
    return Response(html, mimetype="text/html", headers={"Cache-Control": PAGE_CACHE})


@bp.get("/")
def landing() -> Response:
    """What the site does, a start button, and the privacy promise."""
    count = len(advisor().content.questions)
    return _rendered_once(
        "landing", lambda: render_template("pages/landing.html", question_count=count)
    )


@bp.get("/methodology")
def methodology() -> Response:
    """Every strength with its citation, and how each ruleset scores answers."""
    content = advisor().content
    return _rendered_once(
        "methodology",
        lambda: render_template(
            "pages/methodology.html",
            strengths=content.strengths.values(),
            current=ruleset_view(advisor(), content.current),
            first=ruleset_view(advisor(), content.rulesets[min(content.rulesets)]),
        ),
    )


@bp.get("/healthz")
def healthz() -> Response:
    """200 when the app can serve: the content is loaded and a result can be computed.
    It names the build and a fingerprint of the secret key (a keyed hash, never the key),
    so an operator can tell whether several hosts run alike."""
    questions = advisor().content.current.questions
    advisor().recommend({q.id: [] if q.multiple else q.option_ids[0] for q in questions})
    text = f"ok\nbuild {current_app.config['BUILD_ID']}\nkey {key_fingerprint()}\n"
    return Response(text, mimetype="text/plain", headers={"Cache-Control": "no-store"})


def key_fingerprint() -> str:
    """An HMAC of a fixed text under SECRET_KEY: equal on hosts that share the key, and
    telling nothing of it."""
    key = str(current_app.secret_key).encode()
    return hmac.new(key, b"stackchooser key fingerprint", hashlib.sha256).hexdigest()[:16]


@bp.get("/favicon.ico")
def favicon() -> Response:
    """The icon, at its versioned address (as every page names it)."""
    static_url = current_app.jinja_env.globals["static_url"]
    return redirect(static_url("favicon.svg"), code=301)  # type: ignore[operator,return-value]
