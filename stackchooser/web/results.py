"""Result pages for permalink codes (HTML, JSON, Markdown) and the JSON API.

Views fetch the result, ask a presenter for its rows and render them; the rendering is
kept by the result cache (see cache.py).
"""

from __future__ import annotations

import json
import re

from flask import Blueprint, Response, render_template, request, url_for
from werkzeug.exceptions import NotFound

from .. import presenters
from ..advisor import RequestError, Result, answers_from_json
from ..engine import AnswerError
from ..model import Answers
from ..openapi import openapi_document
from ..permalink import PermalinkError
from ..preview import badge_svg, preview_png
from ..records import render_record
from .cache import respond_cached
from .helpers import advisor, public_url

bp = Blueprint("results", __name__)

SPACES = re.compile(r"\s*\n\s*|(?<=>) {2,}")  # indentation; result pages have no <pre>
KINDS = {
    "results.page": "html",
    "results.as_json": "json",
    "results.as_markdown": "md",
    "results.preview": "png",
    "results.badge": "svg",
}


class ResultNotFound(NotFound):
    """A permalink code that is malformed or unknown."""

    description = (
        "This result link is not one we recognise. It may have been cut short or mistyped "
        "when it was copied."
    )


def find_result(code: str) -> Result:
    """The result for a code; raises :class:`ResultNotFound` (a 404) for a bad one."""
    try:
        return advisor().from_code(code)
    except PermalinkError:
        raise ResultNotFound() from None


def find_answers(code: str) -> Answers:
    """The answers a code holds, decoded without scoring; a bad code is a 404."""
    try:
        return advisor().answers_from_code(code)
    except PermalinkError:
        raise ResultNotFound() from None


def result_link(code: str) -> str:
    """A result's absolute link (the JSON, records and teams link absolutely)."""
    return public_url(url_for("results.page", code=code))


def _page_link(code: str) -> str:
    return url_for("results.page", code=code)


@bp.get("/r/<code>")
def page(code: str) -> Response:
    """The result page for a permalink code."""

    def render() -> bytes:
        rows = presenters.result_page(
            advisor(),
            find_result(code),
            result_link(code),
            _page_link,
            lambda question: url_for("wizard.edit", code=code, question=question),
        )
        html = render_template("pages/result.html", page=rows, rec=rows.rec)
        return SPACES.sub(lambda m: "\n" if "\n" in m.group() else " ", html).encode()

    return respond_cached("html", code, render)


@bp.get("/r/<code>.json")
def as_json(code: str) -> Response:
    """The result as JSON."""

    def render() -> bytes:
        data = presenters.result_json(advisor(), find_result(code), result_link(code), result_link)
        return json.dumps(data, ensure_ascii=False, indent=2).encode()

    return respond_cached("json", code, render)


@bp.get("/r/<code>.md")
def as_markdown(code: str) -> Response:
    """The result as a Markdown architecture decision record, as a download."""

    def render() -> bytes:
        record = presenters.decision_record(
            advisor(), find_result(code), result_link(code), result_link
        )
        return render_record(record, advisor().content.article).encode()

    return respond_cached("md", code, render)


@bp.get("/r/<code>.png")
def preview(code: str) -> Response:
    """The result's link preview: a 1200×630 picture for chat apps and issue trackers."""
    return respond_cached("png", code, lambda: preview_png(find_result(code).recommendation))


@bp.get("/r/<code>.svg")
def badge(code: str) -> Response:
    """A small badge naming the verdict, for a README."""
    return respond_cached(
        "svg",
        code,
        lambda: badge_svg(find_result(code).recommendation, result_link(code)).encode(),
    )


@bp.get("/api/v1/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 description of the JSON API."""
    document = openapi_document(advisor().content, public_url(""))
    return Response(
        json.dumps(document, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Cache-Control": "public, max-age=300"},
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
        ids = advisor().questions_by_id
        result = advisor().recommend(answers_from_json(request.get_data(cache=False), ids))
    except RequestError as error:
        return api_error(error.message, error.field)
    except AnswerError as error:
        return api_error(error.message, error.field[:40])
    data = presenters.result_json(advisor(), result, result_link(result.code), result_link)
    response = Response(json.dumps(data, ensure_ascii=False), mimetype="application/json")
    response.headers["Link"] = f'<{data["permalink"]}>; rel="alternate"; type="text/html"'
    response.headers["Cache-Control"] = "no-store"
    return response
