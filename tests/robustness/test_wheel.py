"""What a user installs is what the tests test (long suite): the built wheel carries every
file of templates/, static/, the content and the catalogues, and installed into a fresh
virtual environment it answers byte for byte as the checkout does, from a folder outside
the checkout, at the command line (every format and language) and as a served site.

The wheel is built with pip, installed with its dependencies from the package index into
a new venv under a temporary folder; the servers are started by PID on free loopback
ports and stopped at the end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.common import ROOT, free_port, stop, wait_ready
from tests.data import GOLDEN_3
from tests.robustness.conftest import install

pytestmark = pytest.mark.robustness
PUBLIC_URL = "https://stackchooser.example"
ENVIRONMENT = {"SECRET_KEY": "wheel-test-secret-of-thirty-two-bytes!", "PUBLIC_URL": PUBLIC_URL}
CODES = [entry["code"] for entry in GOLDEN_3["codes"][:4]]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel and its dependencies; its bin folder."""
    return install(wheel, tmp_path_factory.mktemp("venv"))


def test_the_wheel_ships_every_file_of_the_site_and_the_package(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {
        f"stackchooser/site/{folder}/{path.relative_to(ROOT / folder).as_posix()}"
        for folder in ("templates", "static")
        for path in (ROOT / folder).rglob("*")
        if path.is_file()
    }
    package = ROOT / "stackchooser"
    wanted |= {
        f"stackchooser/{path.relative_to(package).as_posix()}"
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert "stackchooser/site/templates/records/result.txt" in wanted
    assert wanted - names == set()


def _answers_file(folder: Path, code: str) -> Path:
    entry = next(e for e in GOLDEN_3["codes"] if e["code"] == code)
    path = folder / f"{code}.json"
    path.write_text(json.dumps({"answers": entry["answers"]}))
    return path


def test_the_command_line_prints_what_the_checkout_prints(installed: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    for code in CODES[:2]:
        answers = _answers_file(outside, code)
        for fmt in ("text", "md", "json"):
            for language in ("en", "nl", "fr"):
                options = ["recommend", str(answers), "--format", fmt, "--lang", language]
                options += ["--base-url", PUBLIC_URL]
                from_wheel = subprocess.run(
                    [installed / "stackchooser", *options], cwd=outside, capture_output=True
                )
                from_checkout = subprocess.run(
                    [sys.executable, "-m", "stackchooser", *options], cwd=ROOT, capture_output=True
                )
                assert from_wheel.returncode == 0, from_wheel.stderr.decode()
                assert from_wheel.stdout == from_checkout.stdout, (code, fmt, language)
                assert from_wheel.stdout.strip()


def _serve(command: list[str], cwd: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [*command, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=cwd,
        env={**os.environ, **ENVIRONMENT},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_ready(base + "/healthz")
        yield base
    finally:
        stop(process)


def _fetch(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.headers.get("ETag") or "", response.read()


def test_the_served_site_answers_as_the_checkout_does(installed: Path, tmp_path: Path) -> None:
    paths = ["/", "/nl/methodology", "/api/v1/openapi.json", "/static/site.css"]
    paths += ["/static/fonts/LICENSE.txt"]
    for code in CODES:
        paths += [f"/r/{code}", f"/fr/r/{code}.md", f"/nl/r/{code}.json", f"/r/{code}.svg"]
    paths += ["/t/" + "-".join(CODES[:3]), f"/r/{CODES[0]}.png"]
    wheel_site = _serve([str(installed / "stackchooser")], tmp_path)
    checkout_site = _serve([sys.executable, "-m", "stackchooser"], ROOT)
    try:
        from_wheel, from_checkout = next(wheel_site), next(checkout_site)
        for path in paths:
            answer, expected = _fetch(from_wheel + path), _fetch(from_checkout + path)
            assert answer[0] == 200, path
            if path.startswith("/static/"):  # Werkzeug's own ETag holds the file's time
                assert answer[2] == expected[2], path
            else:
                assert answer == expected, path  # the ETag (and so the build) too
    finally:
        wheel_site.close()
        checkout_site.close()
