"""Landing, methodology, health check, static files and the route list."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from stackchooser import create_app
from tests.pages import check_page, get_page


def test_landing_page(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.text
    check_page(html)
    assert 'href="/start"' in html and "Start now" in html
    assert "Kamen Zhekov" in html and "17 May 2022" in html
    assert "Nothing about you is stored on our server" in html
    assert "Set-Cookie" not in response.headers


def test_methodology_lists_every_strength(client: FlaskClient, advisor) -> None:
    html = client.get("/methodology").text
    check_page(html)
    for strength in advisor.content.strengths.values():
        assert f"<dt>{strength.section}, {strength.bullet}</dt>" in html
        assert strength.gist in html
        assert strength.id not in html  # cited by section and bullet, never by id
    assert "17 May 2022" in html
    assert "ruleset" not in html.lower()


def test_healthz(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    lines = response.text.splitlines()
    assert lines[0] == "ok" and lines[1].startswith("build ")
    assert lines[2].startswith("key ") and "test-secret" not in response.text
    other = create_app({"TESTING": True, "SECRET_KEY": "another-secret"}).test_client()
    assert other.get("/healthz").text.splitlines()[2] != lines[2]  # hosts can be compared


def test_static_files_are_versioned_and_cached(client: FlaskClient) -> None:
    html = client.get("/").text
    assert "/static/site.css?v=" in html and "/static/site.js?v=" in html
    response = client.get("/static/site.css")
    assert response.status_code == 200
    assert "max-age=31536000" in response.headers["Cache-Control"]
    response.close()


def test_favicon(client: FlaskClient) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.headers["Location"].startswith("/static/favicon.svg")


def test_public_routes_do_not_disappear(app: Flask) -> None:
    rules = {rule.rule for rule in app.url_map.iter_rules()}
    assert {
        "/",
        "/r/<code>",
        "/r/<code>.json",
        "/r/<code>.md",
        "/api/v1/recommendation",
        "/healthz",
        "/methodology",
        "/start",
        "/questions/<question_id>",
        "/check",
        "/edit/<code>",
    } <= rules


def test_no_page_says_ruleset_or_shows_a_strength_id(client: FlaskClient) -> None:
    from tests.data import GOLDEN, GOLDEN_2, GOLDEN_3, STRENGTH_IDS

    codes = [e["code"] for e in GOLDEN["codes"] + GOLDEN_2["codes"] + GOLDEN_3["codes"]]
    urls = ["/", "/methodology", "/r/nope", "/t/nope", f"/t/{'-'.join(codes[-4:])}"]
    urls += [f"/r/{code}" for code in codes] + [f"/r/{code}.md" for code in codes]
    urls += [f"/t/{'-'.join(codes[-4:])}.md"]
    for url in urls:
        status = 404 if "nope" in url else 200
        text = client.get(url).text if url.endswith(".md") else get_page(client, url, status).text
        assert "ruleset" not in text.lower(), url
        assert not [s for s in STRENGTH_IDS if s in text], url
