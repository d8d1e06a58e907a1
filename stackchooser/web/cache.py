"""Rendered results and teams: their routes, kept in memory and answered before the
framework.

A result (or team) is a pure function of its code (and of the site's build and base URL),
so each rendering is kept in a least-recently-used cache bounded in entries and bytes,
with a strong ETag that changes with the build; clients and proxies revalidate it after
a short while. The routes come from the format table; a small WSGI layer answers URLs
that are already rendered without entering Flask, its path pattern derived from those
routes. docs/ARCHITECTURE.md draws the whole request path.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, current_app, render_template, request
from werkzeug.http import parse_etags

from ..caches import RENDERED, Cache
from ..formats import BY_KIND, FORMATS, Format, render_outside_site
from .helpers import advisor, find_subject, links_for

# A result never changes for a code, but its page does change with a deploy (the ETag
# includes the build): caches keep it a little while (RESULT_MAX_AGE), then revalidate.
# What each URL variable of a cached route may hold: a permalink code, or a team's codes.
VARIABLE_PATTERNS = {
    "code": "[0-9a-z]{1,64}",
    "codes": "[0-9a-z]{1,64}(?:-[0-9a-z]{1,64}){0,19}",
}
CacheKey = tuple[str, str, str]  # kind, code, base URL with the language prefix
STATUS_LINES = {200: "200 OK", 304: "304 NOT MODIFIED"}


@dataclass(frozen=True)
class Rendered:
    """A rendered result body with the headers it is always served with."""

    body: bytes
    etag: str
    headers: tuple[tuple[str, str], ...]


def _headers(kind: str, code: str, etag: str, max_age: int) -> tuple[tuple[str, str], ...]:
    fmt = BY_KIND[kind]
    headers = [
        ("Content-Type", fmt.content_type),
        ("ETag", f'"{etag}"'),
        ("Cache-Control", f"public, max-age={max_age}"),
    ]
    if fmt.download:
        name = "team-" + code.replace("-", "") if fmt.subject == "team" else code
        headers.append(
            (
                "Content-Disposition",
                f'attachment; filename="stackchooser-decision-{name}.{fmt.name}"',
            )
        )
    return tuple(headers)


def cache_key(kind: str, code: str, environ: Mapping[str, Any], public_url: str | None) -> CacheKey:
    """Renderings differ only by kind, code, the site's base URL (used in permalinks) and
    the language's prefix (`/nl`, `/fr`, or none)."""
    base = public_url or f"{environ.get('wsgi.url_scheme')}://{environ.get('HTTP_HOST', '')}"
    return (kind, code, base + environ.get("SCRIPT_NAME", ""))


class RenderedCache:
    """Renderings with their ETags and headers, kept least recently used first out,
    bounded both in entries and in bytes (so many small renderings cannot push out the
    costly ones without bound, nor many large ones grow the process): caches.RENDERED."""

    def __init__(self, size: int, salt: str, max_age: int, max_bytes: int = 64 * 2**20) -> None:
        self.salt = salt.encode()
        self.max_age = max_age
        self._kept: Cache[CacheKey, Rendered] = Cache(
            RENDERED, entries=size, max_bytes=max_bytes, size_of=lambda found: len(found.body)
        )

    def peek(self, key: CacheKey) -> Rendered | None:
        return self._kept.peek(key)

    def get(self, key: CacheKey, render: Callable[[], bytes]) -> Rendered:
        """The cached rendering, or `render()` now and keep it (exceptions are not kept)."""
        # The WSGI fast path (CachedResults) has looked once already and counted it.
        found = self._kept.peek(key, count=False)
        if found is None:
            found = self._rendered(key, render())
            self._kept.put(key, found)
        return found

    def _rendered(self, key: CacheKey, body: bytes) -> Rendered:
        etag = hashlib.sha256(self.salt + b"\0" + body).hexdigest()[:24]
        return Rendered(body, etag, _headers(key[0], key[1], etag, self.max_age))

    def __len__(self) -> int:
        return len(self._kept)

    @property
    def max_bytes(self) -> int | None:
        return self._kept.max_bytes

    @property
    def bytes(self) -> int:
        """The bytes of rendered bodies held now."""
        return self._kept.bytes


def _not_modified(environ: Mapping[str, Any], etag: str) -> bool:
    header = environ.get("HTTP_IF_NONE_MATCH")
    # RFC 9110: If-None-Match compares weakly (a proxy that compresses sends W/"…").
    return bool(header) and parse_etags(header).contains_weak(etag)


def cached_answer(
    rendered: Rendered, environ: Mapping[str, Any]
) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body for a rendering: 304 when the client has it already."""
    if _not_modified(environ, rendered.etag):
        return 304, [h for h in rendered.headers if h[0] != "Content-Type"], b""
    return 200, [*rendered.headers, ("Content-Length", str(len(rendered.body)))], rendered.body


def cached_paths(app: Flask) -> re.Pattern[str]:
    """One pattern for the URL rules of every format's endpoint.

    Each rule has one variable (`<code>` or `<codes>`); the kind is told by the named
    group that matched.
    """
    kinds = {fmt.endpoint: fmt.kind for fmt in FORMATS if fmt.endpoint}
    alternatives = []
    for rule in app.url_map.iter_rules():
        kind = kinds.get(rule.endpoint)
        if kind is None:
            continue
        found = re.search(r"<(\w+)>", rule.rule)
        assert found is not None, rule.rule
        before, after = rule.rule[: found.start()], rule.rule[found.end() :]
        pattern = VARIABLE_PATTERNS[found.group(1)]
        alternatives.append(f"{re.escape(before)}(?P<{kind}>{pattern}){re.escape(after)}")
    return re.compile("|".join(sorted(alternatives, key=len, reverse=True)))


def respond_cached(kind: str, key: str, render: Callable[[], bytes]) -> Response:
    """A rendering from the app's cache, or rendered now and kept (`render` may raise a 404,
    which is not kept)."""
    cache: RenderedCache = current_app.extensions["stackchooser_rendered"]
    cache_id = cache_key(kind, key, request.environ, current_app.config["PUBLIC_URL"])
    status, headers, body = cached_answer(cache.get(cache_id, render), request.environ)
    return Response(body, status=status, headers=headers)


def render(fmt: Format, key: str) -> bytes:
    """A result or team in one format: find it, build the view model, render it."""
    model = fmt.build(advisor(), find_subject(fmt, key), links_for(fmt, key))
    if fmt.renderer != "site templates":
        return render_outside_site(fmt, model, advisor())
    assert fmt.template is not None
    return render_template(fmt.template, **{fmt.context: model}).encode()


def respond(kind: str, key: str) -> Response:
    """A result or team (`key`: its code or codes) in the format of `kind`, from the
    app's cache or rendered now and kept: what every format's route answers."""
    fmt = BY_KIND[kind]
    return respond_cached(kind, key, lambda: render(fmt, key))


class CachedResults:
    """WSGI middleware: serves result URLs that are already rendered without the framework.

    Anything else, and every first request for a result, goes to the app, which renders
    the result and fills the cache.
    """

    def __init__(
        self, app: Any, cache: RenderedCache, paths: re.Pattern[str], public_url: str | None
    ) -> None:
        self.app = app
        self.cache = cache
        self.paths = paths
        self.public_url = public_url

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if method == "GET" or method == "HEAD":
            match = self.paths.fullmatch(environ.get("PATH_INFO", ""))
            if match:
                kind = match.lastgroup or "result_html"
                key = cache_key(kind, match.group(kind), environ, self.public_url)
                found = self.cache.peek(key)
                if found is not None:
                    status, headers, body = cached_answer(found, environ)
                    start_response(STATUS_LINES[status], headers)
                    return [] if method == "HEAD" or not body else [body]
        result: Iterable[bytes] = self.app(environ, start_response)
        return result
