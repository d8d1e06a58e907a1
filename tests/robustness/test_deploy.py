"""The shipped production stack, end to end on loopback: deploy/nginx.conf in front of
gunicorn with the shipped settings, a throwaway certificate (long suite).

nginx and gunicorn are started by this module, by PID, on free ports of 127.0.0.1, and
stopped at its end.
"""

from __future__ import annotations

import gzip
import http.client
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.common import (
    ROOT,
    UNVERIFIED,
    LocalProxy,
    free_port,
    local_nginx_config,
    self_signed_certificate,
    stop,
    wait_ready,
)
from stackchooser.paths import publish_static, site_folder, static_versions
from tests.conftest import require
from tests.data import GOLDEN_2, GOLDEN_3

pytestmark = pytest.mark.robustness
CODE = GOLDEN_2["codes"][0]["code"]
MAX_AGE = 2
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "Strict-Transport-Security",
)


@dataclass
class Stack:
    local: LocalProxy
    app: subprocess.Popen[bytes] | None = None
    nginx: subprocess.Popen[bytes] | None = None

    def start_app(self, build: str) -> None:
        stop(self.app)
        environment = {
            **os.environ,
            "SECRET_KEY": "deploy-test-secret",
            "PUBLIC_URL": f"https://localhost:{self.local.https_port}",
            "PROXY_COUNT": "1",
            "RESULT_MAX_AGE": str(MAX_AGE),
            "BUILD_ID": build,
            "WEB_CONCURRENCY": "2",
        }
        self.app = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--config",
                str(ROOT / "stackchooser/gunicorn_conf.py"),
                "--bind",
                f"127.0.0.1:{self.local.upstream_port}",
                "stackchooser:create_app()",
            ],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_ready(f"http://127.0.0.1:{self.local.upstream_port}/healthz")

    def get(
        self,
        path: str,
        headers: dict[str, str] | None = None,
        https: bool = True,
        method: str = "GET",
        source: str = "127.0.0.1",
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        """A request through nginx, from `source` (another loopback address is another
        client to its limits)."""
        address = (source, 0)
        if https:
            connection: http.client.HTTPConnection = http.client.HTTPSConnection(
                "localhost",
                self.local.https_port,
                context=UNVERIFIED,
                timeout=10,
                source_address=address,
            )
        else:
            connection = http.client.HTTPConnection(
                "localhost", self.local.http_port, timeout=10, source_address=address
            )
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.headers, response.read()
        finally:
            connection.close()


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    require(nginx is not None, "nginx (Debian package nginx-light)")
    require(shutil.which("openssl") is not None, "openssl")
    assert nginx is not None
    # nginx's workers run as an unprivileged user: everything they read or write lives in
    # a folder they can enter, the static files published in it as a deploy does.
    run = Path(tempfile.mkdtemp(prefix="stackchooser-deploy-"))
    run.chmod(0o755)
    publish_static(run)
    certificate, key = self_signed_certificate(run)
    local = LocalProxy(free_port(), free_port(), free_port(), run, run, certificate, key)
    config = run / "nginx.conf"
    config.write_text(local_nginx_config((ROOT / "deploy/nginx.conf").read_text(), local))
    found = Stack(local)
    try:
        found.start_app("first-build")
        found.nginx = subprocess.Popen(
            [nginx, "-c", str(config), "-p", str(run), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_ready(f"https://localhost:{local.https_port}/healthz")
        yield found
    finally:
        stop(found.nginx)
        stop(found.app)
        shutil.rmtree(run, ignore_errors=True)


def _assert_security_headers(headers: http.client.HTTPMessage) -> None:
    for name in SECURITY_HEADERS:
        assert len(headers.get_all(name) or []) == 1, f"{name}: {headers.get_all(name)}"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_plain_http_redirects_to_https(stack: Stack) -> None:
    status, headers, _ = stack.get(f"/r/{CODE}?x=1", https=False)
    assert status == 301
    assert headers["Location"] == f"https://localhost:{stack.local.https_port}/r/{CODE}?x=1"


def test_the_redirect_goes_to_the_sites_own_name_whatever_host_is_asked(stack: Stack) -> None:
    _, headers, _ = stack.get("/", headers={"Host": "evil.example"}, https=False)
    assert headers["Location"] == f"https://localhost:{stack.local.https_port}/"


@pytest.mark.parametrize(
    ("path", "status"),
    [("/", 200), (f"/r/{CODE}", 200), ("/static/site.css", 200), ("/static/nope.css", 404)],
)
def test_every_response_carries_the_security_headers_once(
    stack: Stack, path: str, status: int
) -> None:
    found, headers, _ = stack.get(path)
    assert found == status
    _assert_security_headers(headers)
    shown = ("Cache-Control", "X-Cache-Status")  # the proxy's cache status, on purpose
    assert not [name for name in headers if "cache" in name.lower() and name not in shown]


def test_nginx_error_pages_carry_them_too(stack: Stack) -> None:
    too_long = "/" + "a" * 9000  # beyond nginx's header buffers: nginx answers itself
    status, headers, _ = stack.get(too_long)
    assert status in (414, 400)
    _assert_security_headers(headers)


def test_static_files_are_cached_for_a_year(stack: Stack) -> None:
    _, headers, _ = stack.get("/static/site.css")
    assert "max-age=31536000" in headers["Cache-Control"]


@pytest.mark.parametrize("path", ["/", f"/r/{CODE}", f"/r/{CODE}.json", "/static/site.css"])
def test_responses_are_gzipped(stack: Stack, path: str) -> None:
    status, headers, body = stack.get(path, {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert len(gzip.decompress(body)) > len(body)


def test_a_cached_result_is_revalidated_after_a_deploy(stack: Stack) -> None:
    path = f"/r/{CODE}.json"
    _, first, body = stack.get(path)
    _, again, _ = stack.get(path)
    assert again["ETag"] == first["ETag"]
    assert first["Cache-Control"] == f"public, max-age={MAX_AGE}"
    stack.start_app("second-build")  # a deploy: same answers, new build
    time.sleep(MAX_AGE + 1)
    deadline = time.monotonic() + 10
    while True:  # the first request past max-age may be answered stale while nginx updates
        _, later, later_body = stack.get(path)
        if later["ETag"] != first["ETag"] or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert later["ETag"] != first["ETag"], "the proxy kept the old build's page"
    assert later_body == body  # the result itself is the same


def _slow_client(port: int, stop_at: float) -> None:
    raw = socket.create_connection(("127.0.0.1", port), timeout=30)
    with UNVERIFIED.wrap_socket(raw, server_hostname="localhost") as tls:
        try:
            tls.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n")
            while time.monotonic() < stop_at:
                tls.sendall(b"X-Slow: 1\r\n")
                time.sleep(1)
        except (OSError, ssl.SSLError):
            return  # nginx cut it off: as it should


def test_slow_clients_do_not_delay_the_health_check(stack: Stack) -> None:
    stop_at = time.monotonic() + 6
    clients = [
        threading.Thread(target=_slow_client, args=(stack.local.https_port, stop_at), daemon=True)
        for _ in range(20)
    ]
    for client in clients:
        client.start()
    time.sleep(2)  # every slow client is connected and dribbling headers
    started = time.monotonic()
    status, _, _ = stack.get("/healthz")
    waited = time.monotonic() - started
    assert status == 200
    print(f"/healthz answered in {waited * 1000:.0f} ms beside 20 slow clients")
    assert waited < 1.0, f"/healthz took {waited:.2f} s with 20 slow clients"
    for client in clients:
        client.join(timeout=10)


def test_the_proxy_and_the_app_send_the_same_security_headers(stack: Stack) -> None:
    _, through_proxy, _ = stack.get("/")
    direct = http.client.HTTPConnection("127.0.0.1", stack.local.upstream_port, timeout=5)
    direct.request("GET", "/", headers={"Host": "localhost", "X-Forwarded-Proto": "https"})
    app_headers = direct.getresponse().headers
    direct.close()
    for name in SECURITY_HEADERS:
        assert through_proxy[name] == app_headers[name], name


def test_the_acme_challenge_is_answered_on_plain_http(stack: Stack) -> None:
    challenge = stack.local.run / "acme/.well-known/acme-challenge"
    challenge.mkdir(parents=True, exist_ok=True)
    (challenge / "token-123").write_text("token-123.key")
    (challenge / "token-123").chmod(0o644)
    for folder in (challenge, challenge.parent, challenge.parent.parent):
        folder.chmod(0o755)
    status, headers, body = stack.get("/.well-known/acme-challenge/token-123", https=False)
    assert (status, body) == (200, b"token-123.key")
    assert stack.get("/.well-known/acme-challenge/missing", https=False)[0] == 404
    assert stack.get("/.well-known/other", https=False)[0] == 301


def _cache_entries(stack: Stack) -> int:
    return sum(1 for path in (stack.local.run / "cache").rglob("*") if path.is_file())


def test_a_query_string_cannot_grow_the_cache(stack: Stack) -> None:
    path = f"/r/{GOLDEN_2['codes'][1]['code']}.json"
    assert stack.get(f"{path}?seed=0")[0] == 200
    time.sleep(0.5)  # the cache file is written after the response
    before = _cache_entries(stack)
    for seed in range(1, 30):
        assert stack.get(f"{path}?seed={seed}")[0] == 200
    time.sleep(0.5)
    assert _cache_entries(stack) == before


def test_team_links_are_cached_like_results(stack: Stack) -> None:
    codes = "-".join(entry["code"] for entry in GOLDEN_2["codes"][2:5])
    before = _cache_entries(stack)
    first = stack.get(f"/t/{codes}")
    time.sleep(0.5)
    assert first[0] == 200 and _cache_entries(stack) == before + 1
    again = stack.get(f"/t/{codes}?x=1")
    assert again[2] == first[2] and _cache_entries(stack) == before + 1


def test_each_language_of_a_result_is_cached_on_its_own(stack: Stack) -> None:
    code = GOLDEN_2["codes"][5]["code"]
    before = _cache_entries(stack)
    pages = {prefix: stack.get(f"{prefix}/r/{code}") for prefix in ("", "/nl", "/fr")}
    time.sleep(0.5)
    assert {page[0] for page in pages.values()} == {200}
    assert _cache_entries(stack) == before + 3
    assert b'lang="nl"' in pages["/nl"][2] and b'lang="fr"' in pages["/fr"][2]
    assert stack.get(f"/nl/r/{code}")[2] == pages["/nl"][2]


def test_a_burst_of_previews_is_limited_while_a_visitor_still_gets_their_page(
    stack: Stack,
) -> None:
    codes = [entry["code"] for entry in GOLDEN_2["codes"]]
    statuses: list[int] = []

    def hammer() -> None:
        for number in range(40):
            prefix = ("", "/nl", "/fr")[number % 3]  # the limit holds in every language
            statuses.append(stack.get(f"{prefix}/r/{codes[number % len(codes)]}.png")[0])

    threads = [threading.Thread(target=hammer) for _ in range(4)]
    for thread in threads:
        thread.start()
    visitor = stack.get(f"/r/{CODE}")
    for thread in threads:
        thread.join(timeout=60)
    assert visitor[0] == 200
    assert statuses.count(429) > 0, "160 previews in a burst were never limited"
    assert statuses.count(200) >= 40, "the burst allowance let too few through"
    assert set(statuses) <= {200, 429}
    print(f"burst of 160 previews: {statuses.count(200)} served, {statuses.count(429)} limited")
    time.sleep(2)  # let the bucket drain for the tests that follow


def test_untrusted_host_is_refused_through_the_proxy(stack: Stack) -> None:
    status, headers, _ = stack.get("/", {"Host": "evil.example"})
    assert status == 400
    _assert_security_headers(headers)


def test_static_files_are_found_by_the_version_their_url_names(stack: Stack) -> None:
    version = static_versions(site_folder("static"))["site.css"]
    status, headers, body = stack.get(f"/static/site.css?v={version}")
    assert status == 200 and body == (site_folder("static") / "site.css").read_bytes()
    assert "max-age=31536000" in headers["Cache-Control"]
    # A version no build kept is a 404, never another build's file under a year's cache.
    assert stack.get("/static/site.css?v=0000000000")[0] == 404


def test_a_dot_segment_or_encoded_path_cannot_change_what_a_good_link_serves(
    stack: Stack,
) -> None:
    for attempt in (f"/r/./{CODE}", f"/r/x/../{CODE}", f"/r/%2e/{CODE}", f"/nl/./r/{CODE}"):
        status, headers, _ = stack.get(attempt)
        assert status == 400, attempt
        _assert_security_headers(headers)
        for path in (f"/r/{CODE}", f"/nl/r/{CODE}"):
            assert stack.get(path)[0] == 200, (attempt, path)  # fresh or from the cache
    time.sleep(MAX_AGE + 1)  # stale entries, revalidated
    stack.get(f"/r/./{CODE}")
    assert stack.get(f"/r/{CODE}")[0] == 200


def test_the_proxy_says_whether_its_cache_answered(stack: Stack) -> None:
    stack.get(f"/r/{CODE}.json")
    _, headers, _ = stack.get(f"/r/{CODE}.json")
    assert headers["X-Cache-Status"] in ("HIT", "REVALIDATED", "UPDATING", "STALE")
    assert "X-Cache-Status" not in stack.get("/")[1]  # a page the proxy does not cache


def test_forwarding_headers_a_client_sends_are_dropped(stack: Stack) -> None:
    for name in ("X-Forwarded-Ssl", "X-Forwarded-Protocol", "X-Forwarded-Port", "Forwarded"):
        assert stack.get("/", headers={name: "on"})[0] == 200, name


def test_refused_requests_are_not_logged_as_errors(stack: Stack) -> None:
    statuses = [stack.get(f"/t/{CODE}-{CODE}")[0] for _ in range(60)]
    assert 429 in statuses
    log = (stack.local.run / "error.log").read_text()
    assert "limiting requests" not in log and "limiting connections" not in log


def _timed_gets(stack: Stack, paths: list[str], source: str) -> tuple[list[int], list[float]]:
    """GET each path from another loopback address (a visitor, not the attacker)."""
    statuses, durations = [], []
    for path in paths:
        started = time.perf_counter()
        statuses.append(stack.get(path, source=source)[0])
        durations.append((time.perf_counter() - started) * 1000)
    return statuses, durations


def _p99(durations: list[float]) -> float:
    return sorted(durations)[max(0, int(len(durations) * 0.99) - 1)]


def test_a_flood_of_fresh_result_pages_is_refused_while_a_visitor_is_served(
    stack: Stack,
) -> None:
    codes = [entry["code"] for entry in GOLDEN_3["codes"]]
    flooded: list[int] = []

    def flood() -> None:
        for index in range(400):
            code = codes[index % len(codes)]
            flooded.append(stack.get(f"/r/{code}.md?{index}")[0])

    flooders = [threading.Thread(target=flood) for _ in range(4)]
    for thread in flooders:
        thread.start()
    fresh = [f"/fr/r/{entry['code']}" for entry in GOLDEN_3["codes"]]  # never asked before
    statuses, durations = _timed_gets(stack, fresh * 3, "127.0.0.2")
    for thread in flooders:
        thread.join()
    assert 429 in flooded  # the flood met its limit
    assert set(statuses) == {200}
    assert _p99(durations) < 100, sorted(durations)[-5:]


def test_idle_connections_from_one_address_leave_a_visitor_served(stack: Stack) -> None:
    idle = []
    try:
        for _ in range(1500):
            idle.append(socket.create_connection(("127.0.0.1", stack.local.https_port)))
        paths = ["/", f"/r/{CODE}", "/methodology"] * 10
        statuses, durations = _timed_gets(stack, paths, "127.0.0.2")
        assert set(statuses) == {200}
        assert _p99(durations) < 100, sorted(durations)[-5:]
    finally:
        for connection in idle:
            connection.close()


@pytest.mark.parametrize("method", ["TRACE", "DELETE"])
def test_a_method_the_site_does_not_take_is_a_405_naming_those_it_does(
    stack: Stack, method: str
) -> None:
    status, headers, _ = stack.get(f"/r/{CODE}", method=method)
    assert status == 405
    assert "GET" in (headers.get("Allow") or "")
