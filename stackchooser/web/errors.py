"""Friendly error pages (and JSON errors for the API and .json URLs); never a traceback."""

from __future__ import annotations

from flask import Flask, Response, current_app, g, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from ..formats import error_form
from ..i18n import N_, _
from .helpers import ResultNotFound, TeamNotFound, api_error

TITLES = {
    400: N_("Something in that request was not right"),
    404: N_("Page not found"),
    405: N_("That method is not allowed here"),
    413: N_("That request was too large"),
    500: N_("Sorry, something went wrong on our side"),
}
MESSAGES = {
    400: N_("The request could not be understood. Go back and try again."),
    404: N_("Check the address, or start the questionnaire from the beginning."),
    405: N_("This address does not accept that kind of request."),
    413: N_("Requests to this site are small. Go back and send your answers again."),
    500: N_("The problem has been noted. Please try again in a moment."),
}


# The same failures in words for a program calling the JSON API (English, as the API's).
API_MESSAGES = {
    400: "The request could not be understood.",
    404: "No such address.",
    405: "This address does not accept the method {method}.",
    413: "The request body is larger than this site accepts ({limit} bytes).",
    500: "The server failed to answer; try again shortly.",
}


def _render(status: int, message: str, csrf: bool = False) -> Response:
    form = error_form(request.path)  # by the format table: JSON, plain text or a page
    if form == "json":
        if message in MESSAGES.values() and status in API_MESSAGES:
            limit = current_app.config["MAX_CONTENT_LENGTH"]
            words = API_MESSAGES[status].format(method=request.method, limit=limit)
            return api_error(words, None, status)
        return api_error(_(message), None, status)
    if form == "text":
        return Response(_(message), status=status, mimetype="text/plain")
    g.error_page = True  # its language links lead to the home pages (language.alternates)
    html = render_template(
        "pages/error.html",
        status=status,
        title=_(TITLES.get(status, N_("Error"))),
        message=_(message),
        csrf=csrf,
        # The page the form came from, in its language and with its query.
        retry_url=request.script_root + request.full_path.rstrip("?") if csrf else "",
    )
    return Response(html, status=status, mimetype="text/html")


def handle_http_error(error: HTTPException) -> Response:
    status = error.code or 500
    message = MESSAGES.get(status, N_("The request could not be completed."))
    if isinstance(error, ResultNotFound | TeamNotFound):
        message = error.description or message
    response = _render(status, message)
    if status == 405:
        allowed = getattr(error, "valid_methods", None) or []
        response.headers["Allow"] = ", ".join(allowed)
    return response


def handle_csrf_error(error: CSRFError) -> Response:
    message = N_(
        "This form had expired or was sent without its security token, so we did not "
        "save it. Your earlier answers are kept. Open the page again and send it once more. "
        "If this keeps happening, check that your browser accepts cookies from this site."
    )
    return _render(400, message, csrf=True)


def handle_unexpected(error: Exception) -> Response:
    original = getattr(error, "original_exception", error)
    if isinstance(original, HTTPException):
        return handle_http_error(original)
    return _render(500, MESSAGES[500])


def register(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(InternalServerError, handle_unexpected)
