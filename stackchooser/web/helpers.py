"""Small helpers shared by the views."""

from __future__ import annotations

from flask import current_app, request

from ..advisor import Advisor


def advisor() -> Advisor:
    """The app's advisor (content, engine and codec)."""
    found: Advisor = current_app.extensions["stackchooser"]
    return found


def public_url(path: str) -> str:
    """An absolute URL for `path`, on PUBLIC_URL when configured, else this request's host."""
    base = current_app.config["PUBLIC_URL"] or request.host_url.rstrip("/")
    return base + path
