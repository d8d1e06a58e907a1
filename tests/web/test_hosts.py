"""Several hosts, one site: a visitor moving between hosts keeps their answers when the
hosts share a key, a key rotates with its old one as a fallback without stranding anyone,
hosts with different keys say they lost the answers (and log why, once), pages that carry
a visitor's token are private, and /healthz names the build and the key's fingerprint."""

from __future__ import annotations

import logging

import pytest
from flask import Flask
from flask.testing import FlaskClient

from stackchooser import create_app
from stackchooser.web.session import LOST_HINT
from tests.data import SAMPLE_ANSWERS
from tests.web.helpers import answer, csrf_token

ANSWERS = SAMPLE_ANSWERS["python"]


def host(key: str, *fallbacks: str) -> Flask:
    settings = {"TESTING": True, "SECRET_KEY": key, "SECRET_KEY_FALLBACKS": list(fallbacks)}
    return create_app(settings)


def on(client: FlaskClient, app: Flask) -> FlaskClient:
    """The same browser (its cookies) now reaching another host."""
    client.application = app
    return client


def test_a_visitor_finishes_across_hosts_that_share_a_key() -> None:
    first, second = host("shared-key"), host("shared-key")
    browser = first.test_client()
    browser.get("/start")
    for index, (question, value) in enumerate(ANSWERS.items()):
        on(browser, first if index % 2 else second)
        assert answer(browser, question, value).status_code == 302
    check = on(browser, first).get("/check")
    done = on(browser, second).post("/check", data={"csrf_token": csrf_token(check.text)})
    assert done.status_code == 302 and done.headers["Location"].startswith("/r/")


def test_a_key_rotates_without_stranding_a_visitor_mid_questionnaire() -> None:
    old, new = host("old-key"), host("new-key", "old-key")
    browser = old.test_client()
    browser.get("/start")
    questions = list(ANSWERS.items())
    for question, value in questions[:3]:
        assert answer(browser, question, value).status_code == 302
    question, value = questions[3]
    page = browser.get(f"/questions/{question}")  # a form opened before the rotation
    on(browser, new)
    sent = browser.post(
        f"/questions/{question}", data={"csrf_token": csrf_token(page.text), question: value}
    )
    assert sent.status_code == 302, sent.text  # the old token and cookie still verify
    for question, value in questions[4:]:
        assert answer(browser, question, value).status_code == 302
    check = browser.get("/check")
    assert check.status_code == 200
    done = browser.post("/check", data={"csrf_token": csrf_token(check.text)})
    assert done.headers["Location"].startswith("/r/")


def test_hosts_with_different_keys_say_the_answers_were_lost_and_log_it_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    first, other = host("one-key"), host("another-key")
    browser = first.test_client()
    browser.get("/start")
    for question, value in list(ANSWERS.items())[:2]:
        answer(browser, question, value)
    on(browser, other)
    with caplog.at_level(logging.WARNING):
        lost = browser.get("/questions/frontend")
        assert lost.status_code == 302 and lost.headers["Location"] == "/questions/team"
        told = browser.get("/questions/team").text
        browser.set_cookie("stackchooser", "not-a-signed-cookie")
        browser.get("/check")
    assert "the site lost your earlier answers" in told
    assert "blocking cookies" not in told
    hints = [r for r in caplog.records if r.getMessage() == LOST_HINT]
    assert len(hints) == 1 and "SECRET_KEY" in LOST_HINT


def test_no_cookie_at_all_still_suggests_the_browser_may_refuse_cookies(
    client: FlaskClient,
) -> None:
    lost = client.get("/check")
    assert lost.headers["Location"] == "/questions/team"
    assert "blocking cookies" in client.get("/questions/team").text


def test_pages_carrying_a_visitors_token_are_private(client: FlaskClient) -> None:
    client.get("/start")
    step = client.get("/questions/team")
    assert step.headers["Cache-Control"] == "private, no-store"
    answer(client, "team", "python")
    assert client.get("/check").headers["Cache-Control"] == "private, no-store"
    assert client.get("/").headers["Cache-Control"].startswith("public")


def test_healthz_tells_hosts_apart_by_key_not_by_the_key_itself() -> None:
    same = [host("shared-key").test_client().get("/healthz").text for _ in range(2)]
    other = host("other-key").test_client().get("/healthz").text
    assert same[0] == same[1] and same[0] != other
    assert "shared-key" not in same[0]
