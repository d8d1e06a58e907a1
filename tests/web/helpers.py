"""Helpers for walking the questionnaire through the Flask test client, CSRF included."""

from __future__ import annotations

import re

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.data import GOLDEN, GOLDEN_2, GOLDEN_3, SAMPLE_ANSWERS
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


def every_page_type(client: FlaskClient, prefix: str = "") -> dict[str, str]:
    """Every page type, error states included, in the language of `prefix` ("" for
    English, "/nl", "/fr"), by name: what the page weight and HTML validity tests check."""
    pages = {
        "landing": client.get(f"{prefix}/").text,
        "methodology": client.get(f"{prefix}/methodology").text,
    }
    client.get(f"{prefix}/start")
    pages["step-radio"] = client.get(f"{prefix}/questions/team").text
    pages["step-error"] = answer(client, "team", [], prefix=prefix).text
    for question in ("team", "scale"):
        answer(client, question, SAMPLE_ANSWERS["python"][question], prefix=prefix)
    pages["step-checkbox"] = client.get(f"{prefix}/questions/workloads").text
    for question in ("workloads", "frontend", "unified_stack"):
        answer(client, question, SAMPLE_ANSWERS["python"][question], prefix=prefix)
    pages["step-error-limit"] = answer(
        client,
        "priorities",
        ["maintainability", "debugging", "libraries", "ml_serving"],
        prefix=prefix,
    ).text
    for name, answers in SAMPLE_ANSWERS.items():
        location = walk(client, answers, prefix).headers["Location"]
        pages[f"result-{name}"] = client.get(location).text
    for version, golden in ((1, GOLDEN), (2, GOLDEN_2), (3, GOLDEN_3)):  # the busiest pages
        for entry in golden["codes"]:
            url = f"{prefix}/r/{entry['code']}"
            pages[f"result-{version}-{entry['name']}"] = client.get(url).text
    codes = [entry["code"] for entry in GOLDEN_2["codes"]]
    pages["team-of-one"] = client.get(f"{prefix}/t/{codes[0]}").text
    pages["team-of-two"] = client.get(f"{prefix}/t/{codes[0]}-{codes[1]}").text
    pages["team-of-five"] = client.get(f"{prefix}/t/{'-'.join(codes[:5])}").text
    pages["team-of-twenty"] = client.get(f"{prefix}/t/{'-'.join((codes * 3)[:20])}").text
    pages["team-not-found"] = client.get(f"{prefix}/t/nope").text
    pages["check"] = client.get(f"{prefix}/check").text
    pages["change-step"] = client.get(f"{prefix}/questions/scale?change=1").text
    pages["not-found"] = client.get(f"{prefix}/r/notacode").text
    pages["method-not-allowed"] = client.put(f"{prefix}/").text
    pages["csrf-failure"] = client.post(f"{prefix}/questions/team", data={"team": "python"}).text
    pages["too-large"] = client.post(f"{prefix}/questions/team", data={"team": "x" * 20_000}).text
    fresh = client.application.test_client()
    fresh.get(f"{prefix}/questions/frontend")
    pages["session-lost"] = fresh.get(f"{prefix}/questions/team").text
    return pages
