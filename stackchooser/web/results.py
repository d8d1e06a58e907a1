"""Result pages for permalink codes (HTML, JSON, Markdown) and the JSON API.

A result is a pure function of its code, so each rendering is kept in a bounded cache,
carries a strong ETag and may be cached by anyone for a year.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request, url_for
from werkzeug.exceptions import NotFound
from werkzeug.http import parse_etags

from ..advisor import VERDICT_NAMES, Result
from ..chart import contribution_chart
from ..engine import AnswerError
from ..permalink import PermalinkError
from .helpers import advisor, public_url

bp = Blueprint("results", __name__)

IMMUTABLE = "public, max-age=31536000, immutable"
SPACES = re.compile(r"\s*\n\s*|(?<=>) {2,}")  # indentation; result pages have no <pre>
RESULT_PATH = re.compile(r"/r/([0-9a-z]{1,64})(\.json|\.md)?")
KINDS = {None: "html", ".json": "json", ".md": "md"}
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
}
CacheKey = tuple[str, str, str]  # kind, code, base URL
STATUS_LINES = {200: "200 OK", 304: "304 NOT MODIFIED"}


@dataclass(frozen=True)
class Rendered:
    """A rendered result body with the headers it is always served with."""

    body: bytes
    etag: str
    headers: tuple[tuple[str, str], ...]


def _headers(kind: str, code: str, etag: str) -> tuple[tuple[str, str], ...]:
    headers = [
        ("Content-Type", CONTENT_TYPES[kind]),
        ("ETag", f'"{etag}"'),
        ("Cache-Control", IMMUTABLE),
    ]
    if kind == "md":
        headers.append(
            ("Content-Disposition", f'attachment; filename="stackchooser-decision-{code}.md"')
        )
    return tuple(headers)


def cache_key(kind: str, code: str, environ: dict[str, Any], public_url: str | None) -> CacheKey:
    """Renderings differ only by kind, code and the site's base URL (used in permalinks)."""
    base = public_url or f"{environ.get('wsgi.url_scheme')}://{environ.get('HTTP_HOST', '')}"
    return (kind, code, base)


class RenderedCache:
    """A bounded, thread-safe least-recently-used cache of rendered results."""

    def __init__(self, size: int, salt: str) -> None:
        self.size = size
        self.salt = salt.encode()
        self._items: OrderedDict[CacheKey, Rendered] = OrderedDict()
        self._lock = threading.Lock()

    def peek(self, key: CacheKey) -> Rendered | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def get(self, key: CacheKey, render: Callable[[], bytes]) -> Rendered:
        """The cached rendering, or `render()` now and keep it (exceptions are not kept)."""
        found = self.peek(key)
        if found is not None:
            return found
        body = render()
        etag = hashlib.sha256(self.salt + b"\0" + body).hexdigest()[:24]
        rendered = Rendered(body, etag, _headers(key[0], key[1], etag))
        with self._lock:
            self._items[key] = rendered
            if len(self._items) > self.size:
                self._items.popitem(last=False)
        return rendered

    def __len__(self) -> int:
        return len(self._items)


def _not_modified(environ: dict[str, Any], etag: str) -> bool:
    header = environ.get("HTTP_IF_NONE_MATCH")
    return bool(header) and etag in parse_etags(header)


def cached_answer(rendered: Rendered, environ: dict[str, Any]) -> tuple[int, list, bytes]:
    """Status, headers and body for a rendering: 304 when the client has it already."""
    if _not_modified(environ, rendered.etag):
        return 304, [h for h in rendered.headers if h[0] != "Content-Type"], b""
    return 200, [*rendered.headers, ("Content-Length", str(len(rendered.body)))], rendered.body


class CachedResults:
    """WSGI middleware: serves result URLs that are already rendered without the framework.

    Anything else, and every first request for a result, goes to the app, which renders
    the result and fills the cache.
    """

    def __init__(self, app: Any, cache: RenderedCache, public_url: str | None) -> None:
        self.app = app
        self.cache = cache
        self.public_url = public_url

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        method = environ.get("REQUEST_METHOD")
        if method == "GET" or method == "HEAD":
            match = RESULT_PATH.fullmatch(environ.get("PATH_INFO", ""))
            if match:
                key = cache_key(KINDS[match.group(2)], match.group(1), environ, self.public_url)
                found = self.cache.peek(key)
                if found is not None:
                    status, headers, body = cached_answer(found, environ)
                    start_response(STATUS_LINES[status], headers)
                    return [] if method == "HEAD" or not body else [body]
        return self.app(environ, start_response)


class ResultNotFound(NotFound):
    """A permalink code that is malformed or unknown."""

    description = (
        "This result link is not one we recognise. It may have been cut short or mistyped "
        "when it was copied."
    )


def _result(code: str) -> Result:
    try:
        return advisor().from_code(code)
    except PermalinkError:
        raise ResultNotFound() from None


def _permalink(code: str) -> str:
    return public_url(url_for("results.page", code=code))


def _cached_response(kind: str, code: str, render: Callable[[], bytes]) -> Response:
    """A rendering from the cache, or rendered now (`render` raises 404 for a bad code)."""
    cache: RenderedCache = current_app.extensions["stackchooser_rendered"]
    key = cache_key(kind, code, request.environ, current_app.config["PUBLIC_URL"])
    status, headers, body = cached_answer(cache.get(key, render), request.environ)
    return Response(body, status=status, headers=headers)


def _render_page(code: str) -> bytes:
    result = _result(code)
    rec = result.recommendation
    content = advisor().content
    labels = [
        f"{advisor().question(reason.question).summary}: "
        f"{advisor().option_label(reason.question, reason.answer)}"
        for reason in rec.reasons
    ]
    shown: set[str] = set()
    cited = []  # per reason: strengths shown here first, and ids already shown above
    for reason in rec.reasons:
        cited.append(
            (
                [content.strengths[s] for s in reason.strengths if s not in shown],
                [s for s in reason.strengths if s in shown],
            )
        )
        shown.update(reason.strengths)
    html = render_template(
        "pages/result.html",
        result=result,
        rec=rec,
        verdict_name=VERDICT_NAMES[rec.verdict],
        lean_name=VERDICT_NAMES[rec.lean],
        stack=advisor().stack_text(rec),
        reasons=list(zip(rec.reasons, labels, cited, strict=True)),
        chart=contribution_chart(
            rec.reasons, [advisor().option_label(r.question, r.answer) for r in rec.reasons]
        ),
        strengths=content.strengths,
        changes=[(change, advisor().change_text(change)) for change in rec.changes],
        ruleset=content.rulesets[rec.ruleset],
        current_version=content.current.version,
        permalink=_permalink(code),
        answers=[
            (advisor().question(qid), advisor().answer_text(qid, value))
            for qid, value in rec.answers.items()
        ],
    )
    return SPACES.sub(lambda m: "\n" if "\n" in m.group() else " ", html).encode()


@bp.get("/r/<code>")
def page(code: str) -> Response:
    """The result page for a permalink code."""
    return _cached_response("html", code, lambda: _render_page(code))


@bp.get("/r/<code>.json")
def as_json(code: str) -> Response:
    """The result as JSON."""

    def render() -> bytes:
        data = advisor().to_json(_result(code), _permalink(code))
        return json.dumps(data, ensure_ascii=False, indent=2).encode()

    return _cached_response("json", code, render)


@bp.get("/r/<code>.md")
def as_markdown(code: str) -> Response:
    """The result as a Markdown architecture decision record, as a download."""
    return _cached_response(
        "md", code, lambda: advisor().to_markdown(_result(code), _permalink(code)).encode()
    )


def api_error(message: str, field: str | None, status: int = 400) -> Response:
    """The API's error shape: {"error": {"message": ..., "field": ...}}."""
    body = json.dumps({"error": {"message": message, "field": field}})
    return Response(body, status=status, mimetype="application/json")


@bp.post("/api/v1/recommendation")
def api_recommendation() -> Response:
    """JSON {"answers": {...}} in, the result JSON out."""
    if not request.is_json:
        return api_error("Send JSON with the Content-Type application/json.", None)
    try:
        body = json.loads(request.get_data(cache=False))
    except (ValueError, RecursionError):
        return api_error("The request body is not valid JSON.", None)
    if not isinstance(body, dict):
        return api_error('Send a JSON object such as {"answers": {...}}.', None)
    unknown = [key for key in body if key != "answers"]
    if unknown:
        return api_error(f"Unknown key {str(unknown[0])[:40]!r}.", str(unknown[0])[:40])
    answers = body.get("answers")
    if not isinstance(answers, dict):
        return api_error('"answers" must be an object of question ids to answers.', "answers")
    try:
        result = advisor().recommend(answers)
    except AnswerError as error:
        return api_error(error.message, error.field[:40])
    data = advisor().to_json(result, _permalink(result.code))
    response = Response(json.dumps(data, ensure_ascii=False), mimetype="application/json")
    response.headers["Link"] = f'<{data["permalink"]}>; rel="alternate"; type="text/html"'
    response.headers["Cache-Control"] = "no-store"
    return response
