"""Helpers for walking the questionnaire through the Flask test client, CSRF included."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.pages import check_page

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token(html: str) -> str:
    found = TOKEN.search(html)
    assert found, "the page has no CSRF token"
    return found.group(1)


def answer(
    client: FlaskClient, question: str, value: object, query: str = "", prefix: str = ""
) -> TestResponse:
    """Open a step's page (under a language's `prefix`, such as "/nl") and send `value`
    for it, with the page's CSRF token."""
    url = f"{prefix}/questions/{question}{query}"
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code, page.headers.get("Location"))
    check_page(page.text)
    values = value if isinstance(value, list) else [value]
    data = {"csrf_token": csrf_token(page.text), question: values}
    return client.post(url, data=data)


def walk(client: FlaskClient, answers: dict[str, object], prefix: str = "") -> TestResponse:
    """Answer every question in order and submit the check page; returns the redirect."""
    client.get(f"{prefix}/start")
    for question, value in answers.items():
        response = answer(client, question, value, prefix=prefix)
        assert response.status_code == 302, response.text
    check = client.get(f"{prefix}/check")
    assert check.status_code == 200
    return client.post(f"{prefix}/check", data={"csrf_token": csrf_token(check.text)})
