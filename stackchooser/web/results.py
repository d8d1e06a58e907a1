"""Results for permalink codes, in every web format of the format table, and the JSON API.

Each format's route (one per entry of the format table, stackchooser/formats.py) fetches
the result, asks the format's presenter for its view model and renders it; the rendering
is kept by the result cache (see cache.py).
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, request

from .. import presenters
from ..advisor import RequestError, answers_from_json
from ..engine import AnswerError, answer_errors
from ..i18n import current_language, use_language
from ..openapi import openapi_document
from .cache import respond
from .helpers import advisor, api_error, api_errors, public_url, result_links

bp = Blueprint("results", __name__)


# A result in each web format of the format table (formats.py names these endpoints).
@bp.get("/r/<code>")
def page(code: str) -> Response:
    """The result's page."""
    return respond("result_html", code)


@bp.get("/r/<code>.json")
def as_json(code: str) -> Response:
    return respond("result_json", code)


@bp.get("/r/<code>.md")
def as_markdown(code: str) -> Response:
    """The result as a Markdown decision record (a download)."""
    return respond("result_md", code)


@bp.get("/r/<code>.png")
def preview(code: str) -> Response:
    """The result's link preview (1200×630)."""
    return respond("result_png", code)


@bp.get("/r/<code>.svg")
def badge(code: str) -> Response:
    """A small badge with the verdict."""
    return respond("result_svg", code)


@bp.get("/api/v1/openapi.json")
def openapi() -> Response:
    """The OpenAPI 3.1 description of the JSON API."""
    document = openapi_document(
        advisor().content, public_url(""), current_app.config["SITE_LANGUAGES"]
    )
    return Response(
        json.dumps(document, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Cache-Control": "public, max-age=300"},
    )


@bp.post("/api/v1/recommendation")
def api_recommendation() -> Response:
    """JSON {"answers": {...}} in, the result JSON out."""
    if not request.is_json:
        return api_error("Send JSON with the Content-Type application/json.", None)
    language = request.args.get("lang", current_language())
    if language not in current_app.config["SITE_LANGUAGES"]:
        served = ", ".join(current_app.config["SITE_LANGUAGES"])
        return api_error(f"Unknown language {language[:10]!r}; this site serves {served}.", "lang")
    with use_language(language):
        return _recommendation()


def _recommendation() -> Response:
    try:
        ids = advisor().questions_by_id
        raw = answers_from_json(request.get_data(cache=False), ids)
        problems = answer_errors(raw, advisor().content.current)
        if problems:  # every missing or bad answer at once, the first as `error`
            return api_errors([(p.message, p.field[:40]) for p in problems])
        result = advisor().recommend(raw)
    except RequestError as error:
        return api_error(error.message, error.field)
    except AnswerError as error:
        return api_error(error.message, error.field[:40])
    link = result_links()
    data = presenters.result_json(advisor(), result, link(result.code), link)
    response = Response(json.dumps(data, ensure_ascii=False), mimetype="application/json")
    response.headers["Link"] = f'<{data["permalink"]}>; rel="alternate"; type="text/html"'
    response.headers["Cache-Control"] = "no-store"
    return response
