"""Result pages, JSON, Markdown export and the API."""

from __future__ import annotations

import json
import re

import pytest
from flask.testing import FlaskClient

from stackchooser import create_app, permalink
from stackchooser.advisor import Advisor
from tests.data import FIXTURES, GOLDEN, GOLDEN_3, SAMPLE_ANSWERS
from tests.pages import check_page, get_page

CODES = {entry["name"]: entry["code"] for entry in GOLDEN["codes"]}


def check_page_scores(html: str) -> str:
    """The verdict's scores line, as text."""
    found = re.search(r'<p class="verdict-scores">([^<]*)</p>', html)
    assert found, "no scores line"
    return found.group(1)


@pytest.mark.parametrize("name", ["python", "nodejs", "either"])
def test_result_page_shows_everything(client: FlaskClient, advisor: Advisor, name: str) -> None:
    result = advisor.recommend(SAMPLE_ANSWERS[name])
    response = client.get(f"/r/{result.code}")
    assert response.status_code == 200
    html = response.text
    check_page(html)
    rec = result.recommendation
    headline = {
        "python": "Use Python for your back end",
        "nodejs": "Use NodeJS for your back end",
        "either": "A close call, leaning to Python",
    }[name]
    assert f'<h1 class="verdict-title">{headline}</h1>' in html
    scores = check_page_scores(html)
    assert scores.startswith(f"Python {rec.python}, NodeJS {rec.nodejs}: ")
    assert '<svg class="chart"' in html and 'role="img"' in html
    for reason in rec.reasons:
        for strength_id in reason.strengths:
            assert strength_id not in html  # ids live in the JSON and the record only
    assert rec.stack.replace("'", "&#39;") in html
    assert f'value="http://localhost/r/{result.code}"' in html
    assert 'data-copy="permalink"' in html
    assert f'href="/edit/{result.code}">Edit these answers' in html
    assert 'href="/start">Start again' in html
    assert "17 May 2022" in html
    assert "acagroup.be/en/blog/how-to-choose-between-python-and-nodejs/" in html
    assert f'<meta property="og:title" content="{headline} – stackchooser">' in html
    assert '<meta name="twitter:description"' in html
    assert "What would change it" in html


def test_every_reason_that_moved_the_score_cites_the_article_in_one_line(
    client: FlaskClient, advisor: Advisor
) -> None:
    for entry in GOLDEN["codes"] + GOLDEN_3["codes"]:
        rec = advisor.from_code(entry["code"]).recommendation
        page = get_page(client, f"/r/{entry['code']}")
        lines = page.text_of(".reasons .cites")
        moved = [reason for reason in rec.reasons if reason.weight]
        assert len(lines) == len(moved)
        for reason, line in zip(moved, lines, strict=True):
            for strength_id in reason.strengths:
                assert advisor.content.strengths[strength_id].citation in line
                assert strength_id not in page.text


def test_result_page_is_cached_briefly_then_revalidated_with_304(client: FlaskClient) -> None:
    url = f"/r/{CODES['python-ml-team']}"
    first = client.get(url)
    etag = first.headers["ETag"]
    assert not etag.startswith("W/"), "a strong ETag"
    assert first.headers["Cache-Control"] == "public, max-age=300"  # no "immutable"
    assert "Set-Cookie" not in first.headers
    assert "Cookie" not in first.headers.get("Vary", "")
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    other = client.get(url, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200
    assert other.headers["ETag"] == etag


@pytest.mark.parametrize("kind", ["", ".json", ".md", ".svg", ".png"])
def test_a_weak_etag_from_a_compressing_proxy_still_matches(client: FlaskClient, kind: str) -> None:
    url = f"/r/{CODES['python-ml-team']}{kind}"
    etag = client.get(url).headers["ETag"]
    assert client.get(url, headers={"If-None-Match": f"W/{etag}"}).status_code == 304
    if kind == ".svg":
        return  # teams have no badge
    team = f"/t/{CODES['python-ml-team']}-{CODES['nodejs-api']}{kind}"
    etag = client.get(team).headers["ETag"]
    assert client.get(team, headers={"If-None-Match": f"W/{etag}"}).status_code == 304


def test_result_page_is_the_same_on_every_instance(client: FlaskClient) -> None:
    other = create_app({"TESTING": True, "SECRET_KEY": "a-rotated-key"}).test_client()
    url = f"/r/{CODES['nodejs-api']}"
    assert client.get(url).data == other.get(url).data


@pytest.mark.parametrize(
    "code",
    ["zzzzzzzz", "104q813", "104q813xx", "104Q813X", "x" * 200, "1", "!!", "104q813y"],
)
def test_bad_codes_get_a_friendly_404(client: FlaskClient, code: str) -> None:
    response = client.get(f"/r/{code}")
    assert response.status_code == 404
    check_page(response.text)
    assert "not one we recognise" in response.text
    json_response = client.get(f"/r/{code}.json")
    assert json_response.status_code == 404
    assert json_response.is_json
    assert json_response.get_json()["error"]["message"]
    assert client.get(f"/r/{code}.md").status_code == 404


def test_json_equals_the_api_answer(client: FlaskClient, advisor: Advisor) -> None:
    for answers in SAMPLE_ANSWERS.values():
        api = client.post("/api/v1/recommendation", json={"answers": answers})
        assert api.status_code == 200
        body = api.get_json()
        assert api.headers["Link"].startswith(f"<{body['permalink']}>")
        by_code = client.get(f"/r/{body['code']}.json")
        assert by_code.status_code == 200
        assert by_code.get_json() == body


def test_json_has_the_contract_fields(client: FlaskClient) -> None:
    body = client.get(f"/r/{CODES['either-split']}.json").get_json()
    for key in ("verdict", "scores", "reasons", "strengths", "stack", "code", "permalink"):
        assert key in body
    assert set(body["scores"]) == {"python", "nodejs"}
    for reason in body["reasons"]:
        assert {"question", "answer", "favours", "strengths", "weight"} <= set(reason)
    assert body["stack_id"] == "split"
    assert body["permalink"] == f"http://localhost/r/{CODES['either-split']}"


def test_markdown_decision_record(client: FlaskClient, advisor: Advisor) -> None:
    code = CODES["python-ml-team"]
    response = client.get(f"/r/{code}.md")
    assert response.status_code == 200
    assert response.mimetype == "text/markdown"
    assert f'filename="stackchooser-decision-{code}.md"' in response.headers["Content-Disposition"]
    text = response.text
    for heading in (
        "# Use Python for the back end of our web application",
        "## Context and Problem Statement",
        "## Decision Drivers",
        "## Considered Options",
        "## Decision Outcome",
        "## More Information",
    ):
        assert f"\n{heading}\n" in f"\n{text}", heading
    assert "* Python\n* NodeJS" in text
    assert "Chosen option: “Python”" in text
    rec = advisor.from_code(code).recommendation
    for strength_id in rec.strengths:
        strength = advisor.content.strengths[strength_id]
        assert f"* {strength.section}, {strength.bullet}: {strength.gist}" in text
        assert strength_id not in text  # cited by section and bullet, never by id
    assert "ruleset" not in text
    assert f"<http://localhost/r/{code}>" in text


def test_public_url_setting_is_used_in_permalinks() -> None:
    app = create_app({"TESTING": True, "PUBLIC_URL": "https://stack.example"})
    body = app.test_client().get(f"/r/{CODES['nodejs-api']}.json").get_json()
    assert body["permalink"] == f"https://stack.example/r/{CODES['nodejs-api']}"


def test_old_ruleset_codes_keep_their_result_and_say_the_rules_changed() -> None:
    app = create_app({"TESTING": True, "EXTRA_RULESETS": [str(FIXTURES / "ruleset-next.toml")]})
    client = app.test_client()
    for entry in GOLDEN["codes"]:
        body = client.get(f"/r/{entry['code']}.json").get_json()
        assert body["ruleset"] == 1
        assert body["verdict"] == entry["verdict"]
        assert body["scores"] == entry["scores"]
    html = client.get(f"/r/{GOLDEN['codes'][0]['code']}").text
    assert "The scoring has changed since this link was made" in html
    fresh = client.post("/api/v1/recommendation", json={"answers": GOLDEN["codes"][0]["answers"]})
    assert fresh.get_json()["ruleset"] == 5


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ("not json", None, "not valid JSON"),
        ("[1, 2]", None, "JSON object"),
        ('{"answers": []}', "answers", "must be an object"),
        ('{"answers": {}, "extra": 1}', "extra", "Unknown key"),
        ('{"answers": {"team": "python"}}', "scale", "needs an answer"),
        ('{"answers": {"team": "cobol"}}', "team", "unknown option"),
        ('{"answers": {"team": 5}}', "team", "choose one option"),
        ('{"answers": {"wat": "x"}}', "wat", "unknown question"),
        ("[" * 5000 + "]" * 5000, None, "not valid JSON"),
    ],
)
def test_api_errors(client: FlaskClient, body: str, field: str | None, words: str) -> None:
    response = client.post("/api/v1/recommendation", data=body, content_type="application/json")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["field"] == field
    assert words in error["message"]


def test_api_requires_json_content_type(client: FlaskClient) -> None:
    response = client.post("/api/v1/recommendation", data={"answers": "x"})
    assert response.status_code == 400
    assert "application/json" in response.get_json()["error"]["message"]


def test_api_needs_no_csrf_token_and_sets_no_cookie(client: FlaskClient) -> None:
    response = client.post("/api/v1/recommendation", json={"answers": SAMPLE_ANSWERS["either"]})
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert json.loads(response.data)["verdict"] == "either"


@pytest.mark.parametrize("suffix", ["", ".json", ".md"])
def test_cached_results_are_served_exactly_as_rendered(client: FlaskClient, suffix: str) -> None:
    url = f"/r/{CODES['either-split']}{suffix}"
    first = client.get(url)  # rendered by the app
    second = client.get(url)  # answered from the cache, before the framework
    assert second.status_code == first.status_code == 200
    assert second.data == first.data
    assert dict(second.headers) == dict(first.headers)
    head = client.head(url)
    assert head.status_code == 200 and head.data == b""
    assert head.headers["ETag"] == first.headers["ETag"]
    not_modified = client.get(url, headers={"If-None-Match": f'W/"x", {first.headers["ETag"]}'})
    assert not_modified.status_code == 304
    assert not_modified.headers["Content-Security-Policy"]
    assert not_modified.headers["ETag"] == first.headers["ETag"]


def test_cache_is_bounded() -> None:
    app = create_app({"TESTING": True, "RESULT_CACHE_SIZE": 3})
    client = app.test_client()
    for entry in GOLDEN["codes"]:
        assert client.get(f"/r/{entry['code']}").status_code == 200
    assert len(app.extensions["stackchooser_rendered"]) == 3


def test_each_host_gets_its_own_permalinks(client: FlaskClient) -> None:
    url = f"/r/{CODES['nodejs-api']}.json"
    one = client.get(url, base_url="http://one.example").get_json()["permalink"]
    two = client.get(url, base_url="http://two.example").get_json()["permalink"]
    assert one.startswith("http://one.example/") and two.startswith("http://two.example/")


def test_a_well_formed_code_for_an_unknown_ruleset_version_is_404(
    client: FlaskClient, advisor: Advisor
) -> None:
    ruleset = advisor.content.current
    answers = advisor.recommend(SAMPLE_ANSWERS["python"]).recommendation.answers
    future = permalink.encode(answers, ruleset.version + 4, ruleset.questions)
    assert client.get(f"/r/{future}").status_code == 404
    assert client.get(f"/r/{future}.json").get_json()["error"]["message"]


def test_a_conditional_first_request_gets_304_from_the_app_too(client: FlaskClient) -> None:
    url = f"/r/{CODES['python-templates']}"
    etag = client.get(url).headers["ETag"]
    fresh = create_app({"TESTING": True}).test_client()  # empty cache: the app answers
    response = fresh.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.data == b""
    assert response.headers["ETag"] == etag
    assert response.headers["Cache-Control"] == "public, max-age=300"  # revalidated, not kept


def test_the_rendered_cache_is_bounded_in_bytes_as_well_as_entries() -> None:
    from stackchooser.web.cache import RenderedCache

    cache = RenderedCache(size=100, salt="s", max_age=60, max_bytes=1000)
    for number in range(10):
        cache.get(("result_html", f"c{number}", "b"), lambda: b"x" * 300)
    assert cache.bytes <= 1000 and len(cache) == 3
    assert cache.peek(("result_html", "c9", "b")) is not None  # the newest stay
    assert cache.peek(("result_html", "c0", "b")) is None
    cache.get(("result_png", "big", "b"), lambda: b"y" * 5000)  # larger than the budget: not kept
    assert cache.bytes <= 1000


def test_the_api_names_every_missing_or_bad_answer_at_once(client: FlaskClient) -> None:
    answers = {**SAMPLE_ANSWERS["python"], "team": "rust", "scale": "huge"}
    del answers["frontend"]
    response = client.post("/api/v1/recommendation", json={"answers": answers})
    assert response.status_code == 400
    body = response.get_json()
    fields = [error["field"] for error in body["errors"]]
    assert fields == ["team", "scale", "frontend"]
    assert body["error"] == body["errors"][0]  # the contract's one error stays first


def test_the_apis_own_refusals_are_words_for_a_program(client: FlaskClient) -> None:
    big = client.post("/api/v1/recommendation", data="x" * 20_000, content_type="application/json")
    assert big.status_code == 413
    assert big.get_json()["error"]["message"].startswith("The request body is larger")
    wrong = client.get("/api/v1/recommendation")
    assert wrong.status_code == 405
    assert "GET" in wrong.get_json()["error"]["message"] and "POST" in wrong.headers["Allow"]
