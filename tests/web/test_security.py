"""Security headers, cookie flags, the secret-key rule, size limits and error pages."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from stackchooser import create_app
from stackchooser.config import ConfigError
from tests.data import GOLDEN
from tests.pages import check_page

CODE = GOLDEN["codes"][0]["code"]
URLS = [
    "/",
    "/questions/team",
    "/methodology",
    f"/r/{CODE}",
    f"/r/{CODE}.json",
    "/nope",
    "/static/site.css",
    "/healthz",
]


@pytest.mark.parametrize("url", URLS)
def test_security_headers_on_every_response(client: FlaskClient, url: str) -> None:
    response = client.get(url)
    csp = response.headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "script-src 'self'",
        "style-src 'self'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in response.headers
    response.close()


def test_hsts_over_https(client: FlaskClient) -> None:
    response = client.get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_no_inline_script_or_style_in_any_page(client: FlaskClient) -> None:
    client.get("/start")
    for url in ("/", "/questions/team", "/methodology", f"/r/{CODE}", "/nope"):
        html = client.get(url).text
        assert "<script>" not in html and "<style" not in html and " style=" not in html
        assert " on" + "click=" not in html


def test_session_cookie_flags_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.delenv("STACKCHOOSER_ENV", raising=False)
    client = create_app().test_client()
    response = client.get("/start", base_url="https://localhost")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" in cookie


def test_cookie_is_not_secure_in_development(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("STACKCHOOSER_ENV", "development")
    cookie = create_app().test_client().get("/start").headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "Secure" not in cookie


def test_refuses_to_start_without_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("STACKCHOOSER_ENV", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        create_app()


def test_bad_numeric_setting_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAX_CONTENT_LENGTH", "lots")
    with pytest.raises(ConfigError, match="MAX_CONTENT_LENGTH"):
        create_app({"TESTING": True})


def test_too_large_form_gets_a_friendly_413(client: FlaskClient) -> None:
    client.get("/start")
    response = client.post("/questions/team", data={"team": "x" * 20_000})
    assert response.status_code == 413
    check_page(response.text)
    assert "too large" in response.text


def test_too_large_api_request_gets_a_json_413(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/recommendation", data="{" + " " * 20_000 + "}", content_type="application/json"
    )
    assert response.status_code == 413
    assert response.get_json()["error"]["message"]


@pytest.mark.parametrize(
    ("method", "url", "allowed"),
    [
        ("put", "/", "GET"),
        ("post", "/", "GET"),
        ("delete", f"/r/{CODE}", "GET"),
        ("get", "/api/v1/recommendation", "POST"),
        ("patch", "/questions/team", "POST"),
    ],
)
def test_wrong_method_gets_405(client: FlaskClient, method: str, url: str, allowed: str) -> None:
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert allowed in response.headers["Allow"]
    if url.startswith("/api/"):
        assert response.get_json()["error"]["message"]
    else:
        check_page(response.text)
        assert "not allowed" in response.text


def test_unexpected_error_gets_a_clean_500_page() -> None:
    app = create_app({"TESTING": True})
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    check_page(response.text)
    assert "secret internals" not in response.text
    assert "Traceback" not in response.text
    assert response.headers["Content-Security-Policy"]


def test_404_page(client: FlaskClient) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    check_page(response.text)
    assert "Page not found" in response.text


def test_the_flask_command_counts_as_development(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("STACKCHOOSER_ENV", raising=False)
    monkeypatch.setenv("FLASK_RUN_FROM_CLI", "true")
    app = create_app()
    assert app.config["ENV_NAME"] == "development"
    assert app.config["SESSION_COOKIE_SECURE"] is False


def test_behind_a_proxy_https_is_recognised_for_hsts() -> None:
    app = create_app({"TESTING": True, "PROXY_COUNT": 1})
    response = app.test_client().get("/", headers={"X-Forwarded-Proto": "https"})
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    plain = app.test_client().get("/")
    assert "Strict-Transport-Security" not in plain.headers
