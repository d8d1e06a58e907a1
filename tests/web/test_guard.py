"""What a client sends never changes what the caches hand to others; Host and body limits."""

from __future__ import annotations

import io

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import EnvironBuilder, run_wsgi_app

from stackchooser import create_app
from tests.data import GOLDEN, SAMPLE_ANSWERS

CODE = GOLDEN["codes"][0]["code"]
ATTACKER = "//attacker.example"


@pytest.mark.parametrize("url", ["/", "/methodology", f"/r/{CODE}", f"/r/{CODE}.md"])
def test_a_client_sent_script_name_never_reaches_a_cache(client: FlaskClient, url: str) -> None:
    # As a server that takes SCRIPT_NAME from a header passes it: the prefix stripped
    # from the path, and claimed as the site's mount point.
    for _ in range(6):
        poisoned = client.get(url, environ_overrides={"SCRIPT_NAME": ATTACKER})
        assert poisoned.status_code == 404
        assert "attacker.example" not in poisoned.text
    later = client.get(url)
    assert later.status_code == 200
    assert "attacker.example" not in later.text


def _public_app(**extra: object) -> Flask:
    return create_app({"TESTING": True, "PUBLIC_URL": "https://stack.example", **extra})


@pytest.mark.parametrize("url", ["/", f"/r/{CODE}", f"/r/{CODE}.json", "/start"])
def test_with_public_url_an_unknown_host_gets_400(url: str) -> None:
    client = _public_app().test_client()
    assert client.get(url, base_url="https://stack.example").status_code in (200, 302)
    assert client.get(url, base_url="http://localhost").status_code in (200, 302)
    wrong = client.get(url, base_url="https://evil.example")  # after the cache is filled
    assert wrong.status_code == 400
    assert wrong.headers["Content-Security-Policy"]
    assert "evil.example" not in wrong.text


def test_trusted_hosts_setting_adds_hosts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUSTED_HOSTS", "www.stack.example, .mirror.example")
    client = _public_app().test_client()
    assert client.get("/", base_url="https://www.stack.example").status_code == 200
    assert client.get("/", base_url="https://eu.mirror.example").status_code == 200
    assert client.get("/", base_url="https://other.example").status_code == 400


def test_healthz_answers_any_host() -> None:
    client = _public_app().test_client()
    assert client.get("/healthz", base_url="http://10.0.0.7:8000").status_code == 200


def test_a_very_long_host_is_refused_without_public_url(client: FlaskClient) -> None:
    host = ".".join(["a" * 63] * 128)
    response = client.get(f"/r/{CODE}.json", base_url=f"http://{host}")
    assert response.status_code == 400


def _chunked(app: Flask, path: str, body: bytes) -> tuple[str, bytes]:
    environ = EnvironBuilder(
        path=path,
        method="POST",
        data=body,
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
    ).get_environ()
    del environ["CONTENT_LENGTH"]
    environ["wsgi.input"] = io.BytesIO(body)
    environ["wsgi.input_terminated"] = True
    iterable, status, _ = run_wsgi_app(app.wsgi_app, environ, buffered=True)
    return status, b"".join(iterable)


def test_a_chunked_body_over_the_limit_gets_413(app: Flask) -> None:
    status, body = _chunked(app, "/api/v1/recommendation", b'{"answers": "' + b"x" * 20_000)
    assert status.startswith("413")
    assert b"error" in body


def test_a_chunked_body_within_the_limit_is_read_whole(app: Flask) -> None:
    import json

    status, body = _chunked(
        app, "/api/v1/recommendation", json.dumps({"answers": SAMPLE_ANSWERS["python"]}).encode()
    )
    assert status.startswith("200"), body
    assert json.loads(body)["verdict"] == "python"


@pytest.mark.parametrize(
    "path",
    ["/r/./304q81bp", "/r/x/../304q81bp", "/r/%2e/304q81bp", "/r/%2E%2E/r/x", "/nl/./", "/t/a/./"],
)
def test_a_path_a_proxy_would_normalise_is_refused(client: FlaskClient, path: str) -> None:
    """No request whose path a proxy reads as another path gets an answer a cache could
    keep under that other, good path's key."""
    response = client.get(path)
    assert response.status_code == 400
    assert response.headers["Cache-Control"] == "no-store"


def test_a_404_under_a_matching_route_echoes_nothing_of_its_path(client: FlaskClient) -> None:
    for path in ("/r/zzzzzzzzz", "/nl/t/zzzz-yyyy", "/fr/r/zzzzzzzzz.json"):
        response = client.get(path)
        assert response.status_code == 404
        assert "zzzz" not in response.text, path
