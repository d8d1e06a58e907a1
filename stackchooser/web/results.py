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

from flask import Blueprint, Response, current_app, render_template, request, url_for
from werkzeug.exceptions import NotFound

from ..advisor import VERDICT_NAMES, Result
from ..chart import contribution_chart
from ..engine import AnswerError
from ..permalink import PermalinkError
from .helpers import advisor, public_url

bp = Blueprint("results", __name__)

IMMUTABLE = "public, max-age=31536000, immutable"
SPACES = re.compile(r"\s*\n\s*|(?<=>) {2,}")  # indentation; result pages have no <pre>
Rendered = tuple[bytes, str]  # body, ETag


class RenderedCache:
    """A bounded, thread-safe least-recently-used cache of rendered bodies."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, ...], Rendered] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, ...], render: Callable[[], bytes], salt: str) -> Rendered:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        body = render()
        etag = hashlib.sha256(salt.encode() + b"\0" + body).hexdigest()[:24]
        with self._lock:
            self._items[key] = (body, etag)
            if len(self._items) > self.size:
                self._items.popitem(last=False)
        return body, etag

    def __len__(self) -> int:
        return len(self._items)


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


def _cached_response(kind: str, code: str, mimetype: str, render: Callable[[], bytes]) -> Response:
    cache: RenderedCache = current_app.extensions["stackchooser_rendered"]
    base = current_app.config["PUBLIC_URL"] or request.host_url
    body, etag = cache.get((kind, code, base), render, current_app.config["BUILD_ID"])
    headers = {"ETag": f'"{etag}"', "Cache-Control": IMMUTABLE}
    if etag in request.if_none_match:
        return Response(status=304, headers=headers)
    return Response(body, mimetype=mimetype, headers=headers)


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
    cited = []  # per reason: (strength, shown here for the first time)
    for reason in rec.reasons:
        cited.append([(content.strengths[s], s not in shown) for s in reason.strengths])
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
        changes=[
            (change, advisor().change_text(change.question, change.action, change.option))
            for change in rec.changes
        ],
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
    _result(code)
    return _cached_response("html", code, "text/html", lambda: _render_page(code))


@bp.get("/r/<code>.json")
def as_json(code: str) -> Response:
    """The result as JSON."""
    result = _result(code)

    def render() -> bytes:
        data = advisor().to_json(result, _permalink(code))
        return json.dumps(data, ensure_ascii=False, indent=2).encode()

    return _cached_response("json", code, "application/json", render)


@bp.get("/r/<code>.md")
def as_markdown(code: str) -> Response:
    """The result as a Markdown architecture decision record, as a download."""
    result = _result(code)
    response = _cached_response(
        "md",
        code,
        "text/markdown",
        lambda: advisor().to_markdown(result, _permalink(code)).encode(),
    )
    response.headers["Content-Disposition"] = (
        f'attachment; filename="stackchooser-decision-{code}.md"'
    )
    return response


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
    response.headers["Location"] = data["permalink"]
    response.headers["Cache-Control"] = "no-store"
    return response
