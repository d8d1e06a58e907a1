"""More than one host (long suite): two app hosts installed from the built wheel at two
paths, behind the shipped nginx on loopback (on a port other than 443).

They agree on ETags, a visitor's questionnaire moves between them, a rolling restart
under a steady load of GETs and POSTs loses nothing, a key rotates while a visitor is
mid-questionnaire, and a host given another key says so in its log. nginx and the hosts
are started by this module, by PID, on free loopback ports, and stopped at its end.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

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
from stackchooser import create_app
from tests.conftest import require
from tests.data import GOLDEN_3, SAMPLE_ANSWERS
from tests.robustness.conftest import install

pytestmark = pytest.mark.robustness
CODE = GOLDEN_3["codes"][0]["code"]
OLD_KEY = "the-first-key-of-this-site-32-bytes!"
NEW_KEY = "the-second-key-of-this-site-32-bytes"
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@dataclass
class Host:
    bin: Path
    port: int
    log: Path
    process: subprocess.Popen[bytes] | None = None


@dataclass
class Site:
    local: LocalProxy
    hosts: list[Host]
    nginx: subprocess.Popen[bytes] | None = None

    def start(self, index: int, key: str = OLD_KEY, fallbacks: str = "") -> None:
        host = self.hosts[index]
        environment = {
            **os.environ,
            "SECRET_KEY": key,
            "SECRET_KEY_FALLBACKS": fallbacks,
            "PUBLIC_URL": f"https://localhost:{self.local.https_port}",
            "PROXY_COUNT": "1",
            "ACCESS_LOG": str(host.log),
        }
        bind = f"127.0.0.1:{host.port}"
        with (host.log.with_suffix(".err")).open("ab") as errors:
            host.process = subprocess.Popen(
                [host.bin / "stackchooser", "serve", "--bind", bind, "--workers", "1"],
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
        # The unit's readiness check: the host counts as started once it can serve.
        subprocess.run([host.bin / "stackchooser", "ready", "--bind", bind], check=True)

    def restart(self, index: int, key: str = OLD_KEY, fallbacks: str = "") -> None:
        stop(self.hosts[index].process)  # SIGTERM: gunicorn finishes what it has taken
        self.start(index, key, fallbacks)

    def errors(self, index: int) -> str:
        return self.hosts[index].log.with_suffix(".err").read_text()


@pytest.fixture(scope="module")
def site(wheel: Path) -> Iterator[Site]:
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    require(nginx is not None, "nginx (Debian package nginx-light)")
    require(shutil.which("openssl") is not None, "openssl")
    assert nginx is not None
    run = Path(tempfile.mkdtemp(prefix="stackchooser-hosts-"))
    run.chmod(0o755)
    # The same wheel installed at two paths, as on two machines.
    hosts = [
        Host(install(wheel, run / f"host-{name}"), free_port(), run / f"host-{name}.log")
        for name in ("a", "b")
    ]
    subprocess.run([hosts[0].bin / "stackchooser", "static", str(run)], check=True)
    certificate, key = self_signed_certificate(run)
    local = LocalProxy(
        free_port(),
        free_port(),
        hosts[0].port,
        run,
        run,
        certificate,
        key,
        more_upstream_ports=(hosts[1].port,),
    )
    config = run / "nginx.conf"
    config.write_text(local_nginx_config((ROOT / "deploy/nginx.conf").read_text(), local))
    found = Site(local, hosts)
    try:
        found.start(0)
        found.start(1)
        found.nginx = subprocess.Popen(
            [nginx, "-c", str(config), "-p", str(run), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_ready(f"https://localhost:{local.https_port}/healthz")
        yield found
    finally:
        stop(found.nginx)
        for host in hosts:
            stop(host.process)
        shutil.rmtree(run, ignore_errors=True)


def direct(host: Host, path: str, headers: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", host.port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": "localhost", **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers.get("ETag") or "", response.read()
    finally:
        connection.close()


@dataclass
class Visitor:
    """A browser of one visitor, through nginx: its cookie, and the Referer a form sends."""

    port: int
    cookie: str = ""

    def send(self, method: str, path: str, body: str | None = None) -> tuple[int, str]:
        headers = {"Host": f"localhost:{self.port}"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        if body is not None:  # a form, with the Referer a browser sends
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://localhost:{self.port}{path}"
        connection = http.client.HTTPSConnection(
            "localhost", self.port, context=UNVERIFIED, timeout=20
        )
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
            for cookie in response.headers.get_all("Set-Cookie") or []:
                if cookie.startswith("stackchooser="):
                    self.cookie = cookie.split(";", 1)[0]
            return response.status, response.headers.get("Location") or text
        finally:
            connection.close()

    def post_form(self, path: str, page: str, fields: list[tuple[str, str]]) -> tuple[int, str]:
        """Send the form of `page` (its CSRF token) with `fields`."""
        token = TOKEN.search(page)
        assert token, page[:300]
        return self.send("POST", path, urlencode([("csrf_token", token.group(1)), *fields]))

    def answer(self, question: str, value: object) -> int:
        status, page = self.send("GET", f"/questions/{question}")
        assert status == 200, (question, status, page[:200])
        values = value if isinstance(value, list) else [value]
        return self.post_form(f"/questions/{question}", page, [(question, v) for v in values])[0]

    def finish(self) -> str:
        status, page = self.send("GET", "/check")
        assert status == 200, (status, page[:200])
        status, location = self.post_form("/check", page, [])
        assert status == 302, (status, location[:300])
        return location.rsplit("/", 1)[-1]


def _walk(visitor: Visitor, answers: dict[str, object], upto: int | None = None) -> None:
    visitor.send("GET", "/start")
    for question, value in list(answers.items())[:upto]:
        assert visitor.answer(question, value) == 302


def _expected_code() -> str:
    app = create_app({"TESTING": True, "SECRET_KEY": "x"})
    return str(app.extensions["stackchooser"].recommend(SAMPLE_ANSWERS["python"]).code)


def test_hosts_of_one_wheel_at_two_paths_agree_on_the_build(site: Site) -> None:
    first, second = site.hosts
    status, etag, body = direct(first, f"/r/{CODE}")
    assert status == 200 and etag
    assert direct(second, f"/r/{CODE}") == (200, etag, body)
    assert direct(second, f"/r/{CODE}", {"If-None-Match": etag})[0] == 304
    assert direct(first, "/healthz")[2] == direct(second, "/healthz")[2]  # build and key
    assert re.findall(rb"\?v=\w+", body)  # the same static versions on both


def test_a_questionnaire_moves_between_hosts(site: Site) -> None:
    before = [host.log.read_text().count("/questions/") for host in site.hosts]
    visitor = Visitor(site.local.https_port)
    _walk(visitor, SAMPLE_ANSWERS["python"])
    assert visitor.finish() == _expected_code()
    after = [host.log.read_text().count("/questions/") for host in site.hosts]
    assert all(b > a for a, b in zip(before, after, strict=True))  # both hosts took part


def test_a_rolling_restart_under_load_fails_no_get_and_loses_no_answer(site: Site) -> None:
    expected = _expected_code()
    stopping = threading.Event()
    failed_gets: list[str] = []
    gets: list[int] = []
    walks: list[str] = []
    problems: list[str] = []

    def reader() -> None:
        visitor = Visitor(site.local.https_port)
        paths = ["/", "/methodology", "/nl/", "/fr/methodology"]  # not rate-limited
        index = 0
        while not stopping.is_set():
            path = paths[index % len(paths)]
            index += 1
            try:
                status, _ = visitor.send("GET", path)
            except OSError as error:
                failed_gets.append(f"{path}: {error}")
                continue
            gets.append(status)
            if status != 200:
                failed_gets.append(f"{path}: {status}")

    def answerer() -> None:
        while not stopping.is_set():
            visitor = Visitor(site.local.https_port)
            try:
                _walk(visitor, SAMPLE_ANSWERS["python"])
                walks.append(visitor.finish())
            except (AssertionError, OSError) as error:
                problems.append(repr(error)[:300])

    threads = [threading.Thread(target=reader) for _ in range(3)]
    threads += [threading.Thread(target=answerer) for _ in range(3)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1)
        site.restart(0)  # one host at a time, the next once the first can serve
        time.sleep(1)
        site.restart(1)
        time.sleep(1)
    finally:
        stopping.set()
        for thread in threads:
            thread.join(timeout=60)
    assert failed_gets == [], sorted(set(failed_gets))[:10]
    assert problems == [], problems[:5]
    assert len(gets) >= 100 and len(walks) >= 6, (len(gets), len(walks))  # a real load
    assert set(walks) == {expected}  # every walk kept every answer
    print(f"rolling restart: {len(gets)} GETs, {len(walks)} walks ({len(walks) * 7} POSTs)")


def test_a_key_rotates_across_hosts_while_a_visitor_answers(site: Site) -> None:
    visitor = Visitor(site.local.https_port)
    _walk(visitor, SAMPLE_ANSWERS["python"], upto=3)
    for index in (0, 1):  # the new key, the old one kept as a fallback
        site.restart(index, NEW_KEY, OLD_KEY)
    for question, value in list(SAMPLE_ANSWERS["python"].items())[3:]:
        assert visitor.answer(question, value) == 302
    assert visitor.finish() == _expected_code()


def test_a_host_given_another_key_says_so_in_its_log(site: Site) -> None:
    site.restart(0, NEW_KEY, OLD_KEY)
    site.restart(1, "a-key-that-no-other-host-has-32-bytes")
    try:
        visitor = Visitor(site.local.https_port)
        visitor.send("GET", "/start")
        for _ in range(6):  # round robin: a cookie one host signed reaches the other
            visitor.send("GET", "/questions/team")
        assert "SECRET_KEY" in site.errors(1)
        assert "session cookie failed to verify" in site.errors(1)
    finally:
        site.restart(1, NEW_KEY, OLD_KEY)
