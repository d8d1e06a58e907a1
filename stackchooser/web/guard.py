"""The outermost check on every request, before any cache: what a client may not decide.

- The site is served at the root: a `SCRIPT_NAME` that a client managed to send (some
  servers take it from a request header) is put back into the path, so no link the
  caches keep can point elsewhere.
- The Host must be trusted (Flask's `TRUSTED_HOSTS`, checked with Werkzeug's own rule) and
  short; `/healthz` answers whatever the Host, for load balancers that probe by address.
- A chunked body is read up to the size limit and no further; one over the limit reaches
  the app with its true size known, so the app answers 413.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from werkzeug.sansio.utils import host_is_trusted

MAX_HOST_LENGTH = 260  # a DNS name (253) with a port
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1", "[::1]")
HEALTH_PATH = "/healthz"
BAD_HOST = (
    b"<!doctype html><html lang=en><meta charset=utf-8><title>Bad request</title>"
    b"<p>This site does not answer to that host name.</p></html>"
)


def trusted_hosts(public_url: str | None, extra: Sequence[str]) -> list[str] | None:
    """The host names to accept: PUBLIC_URL's, loopback names and `extra`; None for any."""
    if not public_url and not extra:
        return None
    hosts = [*extra]
    if public_url:
        hosts += [urlsplit(public_url).hostname or "", *LOOPBACK_HOSTS]
    return [host for host in hosts if host]


# A path as the client sent it that a proxy would normalise into another path (dot
# segments, encoded dots, empty segments): refused, so that no proxy can keep this
# request's answer under a good link's key.
NOT_NORMALISED = re.compile(r"(?:^|/)\.{1,2}(?:/|$)|%2e|//", re.IGNORECASE)


def raw_path(environ: dict[str, Any]) -> str:
    """The request's path as the client sent it (gunicorn's RAW_URI, or REQUEST_URI)."""
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI") or environ.get("PATH_INFO", "")
    return str(raw).split("?", 1)[0]


class RequestGuard:
    """WSGI middleware that normalises the path, checks the Host and bounds chunked bodies."""

    def __init__(self, app: Any, hosts: list[str] | None, max_body: int | None) -> None:
        self.app = app
        self.hosts = hosts
        self.max_body = max_body

    def _host_ok(self, environ: dict[str, Any]) -> bool:
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
        if len(host) > MAX_HOST_LENGTH:
            return False
        return self.hosts is None or host_is_trusted(host, self.hosts)

    def _bound_chunked_body(self, environ: dict[str, Any]) -> None:
        if self.max_body is None or environ.get("CONTENT_LENGTH"):
            return
        if "chunked" not in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            return
        body = environ["wsgi.input"].read(self.max_body + 1)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))  # over the limit: the app answers 413
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        environ["wsgi.input_terminated"] = False

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        script_name = environ.get("SCRIPT_NAME", "")
        if script_name:
            environ["PATH_INFO"] = script_name + environ.get("PATH_INFO", "")
            environ["SCRIPT_NAME"] = ""
        if environ.get("PATH_INFO") == HEALTH_PATH:
            environ["HTTP_HOST"] = "localhost"
        elif not self._host_ok(environ):
            start_response(
                "400 BAD REQUEST",
                [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")],
            )
            return [BAD_HOST]
        if NOT_NORMALISED.search(raw_path(environ)):
            start_response(
                "400 BAD REQUEST",
                [("Content-Type", "text/plain; charset=utf-8"), ("Cache-Control", "no-store")],
            )
            return [b"This address is not in its plain form: no ./, ../, // or %2e.\n"]
        self._bound_chunked_body(environ)
        result: Iterable[bytes] = self.app(environ, start_response)
        return result
