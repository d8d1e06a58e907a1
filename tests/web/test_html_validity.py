"""Every page type, in each language, passes the Nu HTML Checker (vnu-jar, run with Java)
with no errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from flask.testing import FlaskClient

from tests.conftest import require
from tests.data import GOLDEN, GOLDEN_2, SAMPLE_ANSWERS
from tests.web.helpers import answer, walk

VNU = Path(__file__).resolve().parents[2] / "node_modules/vnu-jar/build/dist/vnu.jar"


def _pages(client: FlaskClient, prefix: str = "") -> dict[str, str]:
    """Every page type, in the language of `prefix` ("" for English, "/nl", "/fr")."""
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
    for entry in GOLDEN_2["codes"]:
        pages[f"result-2-{entry['name']}"] = client.get(f"{prefix}/r/{entry['code']}").text
    pages["result-ruleset-1"] = client.get(f"{prefix}/r/{GOLDEN['codes'][0]['code']}").text
    codes = [entry["code"] for entry in GOLDEN_2["codes"]]
    pages["team-of-one"] = client.get(f"{prefix}/t/{codes[0]}").text
    pages["team-of-two"] = client.get(f"{prefix}/t/{codes[0]}-{codes[1]}").text
    pages["team-of-five"] = client.get(f"{prefix}/t/{'-'.join(codes[:5])}").text
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


def test_every_page_type_is_valid_html(client: FlaskClient, tmp_path: Path) -> None:
    require(shutil.which("java") is not None, "Java (for the Nu HTML Checker)")
    require(VNU.exists(), "vnu-jar (npm install vnu-jar)")
    pages = {
        f"{language}-{name}": html
        for language, prefix in (("en", ""), ("nl", "/nl"), ("fr", "/fr"))
        for name, html in _pages(client, prefix).items()
    }
    files = []
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html)
        files.append(str(path))
    checked = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr or checked.stdout
    assert len(pages) >= 3 * 16
