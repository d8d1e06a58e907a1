"""Every page type, in each language, passes the Nu HTML Checker (vnu-jar, run with Java)
with no errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from flask.testing import FlaskClient

from tests.conftest import require
from tests.web.helpers import every_page_type

VNU = Path(__file__).resolve().parents[2] / "node_modules/vnu-jar/build/dist/vnu.jar"


def test_every_page_type_is_valid_html(client: FlaskClient, tmp_path: Path) -> None:
    require(shutil.which("java") is not None, "Java (for the Nu HTML Checker)")
    require(VNU.exists(), "vnu-jar (npm install vnu-jar)")
    pages = {
        f"{language}-{name}": html
        for language, prefix in (("en", ""), ("nl", "/nl"), ("fr", "/fr"))
        for name, html in every_page_type(client, prefix).items()
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
