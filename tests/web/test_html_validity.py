"""Every page type passes the Nu HTML Checker (vnu-jar, run with Java) with no errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from flask.testing import FlaskClient

from tests.conftest import require
from tests.data import GOLDEN, GOLDEN_2, SAMPLE_ANSWERS
from tests.web.helpers import answer, walk

VNU = Path(__file__).resolve().parents[2] / "node_modules/vnu-jar/build/dist/vnu.jar"


def _pages(client: FlaskClient) -> dict[str, str]:
    pages = {"landing": client.get("/").text, "methodology": client.get("/methodology").text}
    client.get("/start")
    pages["step-radio"] = client.get("/questions/team").text
    pages["step-error"] = answer(client, "team", []).text
    for question in ("team", "scale"):
        answer(client, question, SAMPLE_ANSWERS["python"][question])
    pages["step-checkbox"] = client.get("/questions/workloads").text
    for question in ("workloads", "frontend", "unified_stack"):
        answer(client, question, SAMPLE_ANSWERS["python"][question])
    pages["step-error-limit"] = answer(
        client, "priorities", ["maintainability", "debugging", "libraries", "ml_serving"]
    ).text
    for name, answers in SAMPLE_ANSWERS.items():
        location = walk(client, answers).headers["Location"]
        pages[f"result-{name}"] = client.get(location).text
    for entry in GOLDEN_2["codes"]:
        pages[f"result-2-{entry['name']}"] = client.get(f"/r/{entry['code']}").text
    pages["result-ruleset-1"] = client.get(f"/r/{GOLDEN['codes'][0]['code']}").text
    codes = [entry["code"] for entry in GOLDEN_2["codes"]]
    pages["team-of-one"] = client.get(f"/t/{codes[0]}").text
    pages["team-of-two"] = client.get(f"/t/{codes[0]}-{codes[1]}").text
    pages["team-of-five"] = client.get(f"/t/{'-'.join(codes[:5])}").text
    pages["team-not-found"] = client.get("/t/nope").text
    pages["check"] = client.get("/check").text
    pages["change-step"] = client.get("/questions/scale?change=1").text
    pages["not-found"] = client.get("/r/notacode").text
    pages["method-not-allowed"] = client.put("/").text
    pages["csrf-failure"] = client.post("/questions/team", data={"team": "python"}).text
    pages["too-large"] = client.post("/questions/team", data={"team": "x" * 20_000}).text
    fresh = client.application.test_client()
    fresh.get("/questions/frontend")
    pages["session-lost"] = fresh.get("/questions/team").text
    return pages


def test_every_page_type_is_valid_html(client: FlaskClient, tmp_path: Path) -> None:
    require(shutil.which("java") is not None, "Java (for the Nu HTML Checker)")
    require(VNU.exists(), "vnu-jar (npm install vnu-jar)")
    pages = _pages(client)
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
    assert len(pages) >= 16
