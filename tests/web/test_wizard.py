"""The questionnaire through the test client: every step, error, link and broken journey."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from stackchooser.advisor import Advisor
from tests.data import SAMPLE_ANSWERS
from tests.pages import check_page, get_page
from tests.web.helpers import answer, csrf_token, walk

ORDER = ["team", "scale", "workloads", "frontend", "unified_stack", "priorities"]


def test_start_goes_to_the_first_step(client: FlaskClient) -> None:
    response = client.get("/start")
    assert response.status_code == 302
    assert response.headers["Location"] == "/questions/team"


def test_each_step_shows_its_question_progress_and_back_link(client: FlaskClient) -> None:
    client.get("/start")
    for index, question in enumerate(ORDER):
        page = client.get(f"/questions/{question}")
        assert page.status_code == 200
        html = page.text
        check_page(html)
        assert f"Step {index + 1} of {len(ORDER)}" in html
        assert '<fieldset class="fieldset" aria-describedby=' in html
        assert "<legend" in html
        assert ">Continue</button>" in html
        back = "/" if index == 0 else f"/questions/{ORDER[index - 1]}"
        assert f'class="back-link" href="{back}"' in html
        response = answer(client, question, SAMPLE_ANSWERS["python"][question])
        following = "/check" if index == len(ORDER) - 1 else f"/questions/{ORDER[index + 1]}"
        assert response.headers["Location"] == following


def test_whole_journey_redirects_to_the_permalink(client: FlaskClient, advisor: Advisor) -> None:
    response = walk(client, SAMPLE_ANSWERS["python"])
    assert response.status_code == 302
    code = advisor.recommend(SAMPLE_ANSWERS["python"]).code
    assert response.headers["Location"] == f"/r/{code}"
    assert client.get(response.headers["Location"]).status_code == 200


def test_double_submit_gives_the_same_result(client: FlaskClient) -> None:
    first = walk(client, SAMPLE_ANSWERS["nodejs"])
    check = client.get("/check")
    second = client.post("/check", data={"csrf_token": csrf_token(check.text)})
    assert second.headers["Location"] == first.headers["Location"]


def test_going_back_shows_earlier_answers_selected(client: FlaskClient) -> None:
    client.get("/start")
    answer(client, "team", "javascript")
    answer(client, "scale", "large")
    answer(client, "workloads", ["ml_ai", "crud"])
    html = client.get("/questions/team").text
    assert 'value="javascript" checked' in html
    assert 'value="python" checked' not in html
    html = client.get("/questions/workloads").text
    assert 'value="ml_ai" checked' in html and 'value="crud" checked' in html
    assert 'value="ecommerce" checked' not in html


@pytest.mark.parametrize(
    ("question", "value", "message"),
    [
        ("team", [], "Choose the language your team knows best"),
        ("team", "cobol", "Choose the language your team knows best"),
        ("scale", [], "Choose how big the project is"),
        ("workloads", ["nonsense"], "Choose only options from the list"),
        ("frontend", [], "Choose the kind of front end"),
        ("unified_stack", [], "Choose whether you want one language everywhere"),
        (
            "priorities",
            ["maintainability", "debugging", "libraries", "ml_serving"],
            "Choose at most 3 priorities. You chose 4.",
        ),
    ],
)
def test_validation_errors(client: FlaskClient, question: str, value: object, message: str) -> None:
    client.get("/start")
    for earlier in ORDER[: ORDER.index(question)]:
        answer(client, earlier, SAMPLE_ANSWERS["python"][earlier])
    response = answer(client, question, value)
    assert response.status_code == 200
    html = response.text
    check_page(html)
    assert "<title>Error: " in html
    assert 'class="error-summary"' in html and "autofocus" in html
    assert f'href="#{question}" data-focus="{question}"' in html
    assert f'id="{question}"' in html  # the link's target: the group's first input
    assert f'id="{question}-error"' in html
    assert message.replace('"', "&#34;") in html or message in html
    assert html.count(message.split(":")[0]) >= 2  # in the summary and beside the field


def test_an_error_keeps_the_visitors_choices(client: FlaskClient) -> None:
    client.get("/start")
    for earlier in ORDER[:5]:
        answer(client, earlier, SAMPLE_ANSWERS["python"][earlier])
    chosen = ["maintainability", "debugging", "libraries", "ml_serving"]
    html = answer(client, "priorities", chosen).text
    for option in chosen:
        assert f'value="{option}" checked' in html


def test_no_priorities_is_a_valid_answer(client: FlaskClient) -> None:
    client.get("/start")
    for earlier in ORDER[:5]:
        answer(client, earlier, SAMPLE_ANSWERS["python"][earlier])
    page = client.get("/questions/priorities")
    response = client.post("/questions/priorities", data={"csrf_token": csrf_token(page.text)})
    assert response.headers["Location"] == "/check"
    assert "None of these" in client.get("/check").text


def test_check_page_lists_every_answer_with_change_links(client: FlaskClient) -> None:
    client.get("/start")
    for question in ORDER:
        answer(client, question, SAMPLE_ANSWERS["nodejs"][question])
    html = client.get("/check").text
    check_page(html)
    for question in ORDER:
        assert f'href="/questions/{question}?change=1"' in html
    assert "Real-time messaging or chat" in html and "JavaScript" in html


def test_change_link_returns_to_the_check_page(client: FlaskClient) -> None:
    client.get("/start")
    for question in ORDER:
        answer(client, question, SAMPLE_ANSWERS["nodejs"][question])
    page = client.get("/questions/scale?change=1")
    assert 'class="back-link" href="/check"' in page.text
    assert 'value="prototype" checked' in page.text
    response = answer(client, "scale", "large", query="?change=1")
    assert response.headers["Location"] == "/check"
    assert "A large, long-lived system" in client.get("/check").text


def test_out_of_order_step_goes_to_the_first_unanswered(client: FlaskClient) -> None:
    client.get("/start")
    answer(client, "team", "python")
    response = client.get("/questions/priorities")
    assert response.status_code == 302
    assert response.headers["Location"] == "/questions/scale"
    assert client.get("/check").headers["Location"] == "/questions/scale"


def test_unknown_step_is_404(client: FlaskClient) -> None:
    assert client.get("/questions/favourite_colour").status_code == 404


@pytest.mark.parametrize("url", ["/questions/frontend", "/check"])
def test_lost_session_mid_way_starts_again_with_a_message(client: FlaskClient, url: str) -> None:
    response = client.get(url)  # a fresh client has no session at all
    assert response.status_code == 302
    assert response.headers["Location"] == "/questions/team"
    page = client.get("/questions/team")
    assert "We could not find your earlier answers" in page.text


def test_tampered_session_cookie_is_treated_as_lost(client: FlaskClient) -> None:
    client.get("/start")
    answer(client, "team", "python")
    client.set_cookie("stackchooser", "not-a-valid-signature")
    response = client.get("/questions/scale")
    assert response.headers["Location"] == "/questions/team"


def test_missing_csrf_token_gives_a_friendly_400(client: FlaskClient) -> None:
    client.get("/start")
    response = client.post("/questions/team", data={"team": "python"})
    assert response.status_code == 400
    html = response.text
    check_page(html)
    assert "security token" in html
    assert 'href="/questions/team">Open the page again' in html
    assert "Traceback" not in html


def test_the_csrf_error_page_leads_back_in_its_language_with_its_query(
    client: FlaskClient,
) -> None:
    client.get("/nl/start")
    response = client.post("/nl/questions/scale?change=1", data={"scale": "small"})
    assert response.status_code == 400
    assert 'href="/nl/questions/scale?change=1"' in response.text


def test_stale_csrf_token_gives_a_friendly_400(client: FlaskClient) -> None:
    client.get("/start")
    page = client.get("/questions/team")
    token = csrf_token(page.text)
    client.delete_cookie("stackchooser")  # the session (and its CSRF secret) is gone
    response = client.post("/questions/team", data={"csrf_token": token, "team": "python"})
    assert response.status_code == 400
    assert "Open the page again" in response.text


def test_edit_these_answers_loads_them_into_the_check_page(
    client: FlaskClient, advisor: Advisor
) -> None:
    code = advisor.recommend(SAMPLE_ANSWERS["nodejs"]).code
    asked = get_page(client, f"/edit/{code}")  # a GET only asks
    assert asked.response.status_code == 200 and "Edit these answers?" in asked.text
    assert client.get("/questions/scale").headers["Location"] == "/questions/team"
    response = client.post(f"/edit/{code}", data={"csrf_token": csrf_token(asked.response.text)})
    assert response.headers["Location"] == "/check"
    html = client.get("/check").text
    assert "Real-time messaging or chat" in html
    assert 'value="yes" checked' in client.get("/questions/unified_stack").text


def test_edit_with_a_bad_code_is_404(client: FlaskClient) -> None:
    assert client.get("/edit/nonsense").status_code == 404


def test_start_again_forgets_answers_only_when_asked(client: FlaskClient) -> None:
    client.get("/start")
    answer(client, "team", "python")
    asked = get_page(client, "/start")  # answers in progress: a GET asks first
    assert "Start again?" in asked.text
    assert client.get("/questions/scale").status_code == 200  # nothing was forgotten
    client.post("/start", data={"csrf_token": csrf_token(asked.response.text)})
    assert client.get("/questions/scale").headers["Location"] == "/questions/team"


@pytest.mark.parametrize("path", ["/start", "/edit/{code}", "/t/{code}/add"])
def test_no_get_changes_the_answers(client: FlaskClient, advisor: Advisor, path: str) -> None:
    code = advisor.recommend(SAMPLE_ANSWERS["nodejs"]).code
    client.get("/start")
    answer(client, "team", "python")
    with client.session_transaction() as before:
        saved = {k: v for k, v in before.items() if k != "csrf_token"}
    for suffix in ("", "?question=scale"):
        response = client.get(path.format(code=code) + suffix)
        assert response.status_code in (200, 302)
        with client.session_transaction() as after:
            assert {k: v for k, v in after.items() if k != "csrf_token"} == saved


@pytest.mark.parametrize("change", [False, True])
def test_a_prebuilt_step_is_the_page_a_full_rendering_gives(
    client: FlaskClient, app: Flask, change: bool
) -> None:
    from stackchooser.web import wizard
    from stackchooser.web.forms import form_class

    token = re.compile(r'name="csrf_token" type="hidden" value="[^"]+"')
    client.get("/start")
    for question, value in SAMPLE_ANSWERS["nodejs"].items():
        answer(client, question, value)
    questions = app.extensions["stackchooser"].content.questions
    for index, question in enumerate(questions):
        url = f"/questions/{question.id}" + ("?change=1" if change else "")
        served = client.get(url).text
        with app.test_request_context(url):
            form = form_class(question)(data={question.id: SAMPLE_ANSWERS["nodejs"][question.id]})
            full = wizard._render_step(form, index, change)
        assert token.sub("TOKEN", served) == token.sub("TOKEN", full), question.id
        assert "data-check" not in served and "{csrf-token}" not in served
