"""Flask's signed-cookie sessions, with the signing serializer built once per secret key,
and a cookie that fails to verify told apart from no cookie at all.

A session cookie is signed with `SECRET_KEY` and verified with it or any of
`SECRET_KEY_FALLBACKS` (Flask's own setting), so a key can rotate across several hosts
without stranding visitors. A cookie that none of them verifies (hosts given different
keys, a rotation without the old key as a fallback, or an expired cookie) leaves the
visitor with empty answers: the session says so (`lost`), and the first such cookie a
process meets is logged with a hint naming the setting.
"""

from __future__ import annotations

from flask import Flask, Request, Response
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface, SessionMixin
from itsdangerous import URLSafeTimedSerializer

LOST_HINT = (
    "a session cookie failed to verify, so a visitor's answers in progress were lost: "
    "every host must share one SECRET_KEY, and after a rotation the old key belongs in "
    "SECRET_KEY_FALLBACKS (logged once per process)"
)


class Session(SecureCookieSession):
    """The visitor's session; `lost` when the browser sent a cookie that did not verify."""

    lost = False


class CookieSessionInterface(SecureCookieSessionInterface):
    """The same cookies as Flask's default; building the serializer is kept off each request."""

    session_class = Session

    def __init__(self) -> None:
        self._serializers: dict[tuple[object, ...], URLSafeTimedSerializer | None] = {}
        self.logged_loss = False

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        session = super().open_session(app, request)
        # Flask never sends a cookie for an empty session, so a cookie that opens empty
        # is one that failed to verify.
        if (
            isinstance(session, Session)
            and not session
            and request.cookies.get(self.get_cookie_name(app))
        ):
            session.lost = True
            if not self.logged_loss:
                self.logged_loss = True
                app.logger.warning(LOST_HINT)
        return session

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        """Flask's, and a response that read a session holding anything (the visitor's
        answers, a CSRF token) is theirs alone: no shared cache (a CDN, a proxy) may keep
        it or hand it to another. Pages that read nothing of it keep their own caching."""
        if session.accessed and (session.modified or len(session)):
            response.headers["Cache-Control"] = "private, no-store"
        super().save_session(app, session, response)

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        key = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        if key not in self._serializers:
            self._serializers = {key: super().get_signing_serializer(app)}
        return self._serializers[key]
