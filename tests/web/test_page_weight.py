"""Page weight: every page type, with its CSS and JS, is at most 30 KB; no other host."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.conftest import SAMPLE_ANSWERS, check_page
from tests.unit.test_rulesets import GOLDEN
from tests.web.helpers import answer, walk

LIMIT = 30 * 1024
ASSET = re.compile(r'(?:href|src)="(/static/[^"?]+)(?:\?[^"]*)?"')


def _weight(client: FlaskClient, html: str) -> int:
    total = len(html.encode())
    for path in set(ASSET.findall(html)):
        response = client.get(path)
        total += len(response.data)
        response.close()
    return total


def _pages(client: FlaskClient) -> dict[str, str]:
    pages = {"landing": client.get("/").text, "methodology": client.get("/methodology").text}
    client.get("/start")
    pages["step-radio"] = client.get("/questions/team").text
    pages["step-error"] = answer(client, "team", []).text
    answer(client, "team", "python")
    answer(client, "scale", "small")
    pages["step-checkbox"] = client.get("/questions/workloads").text
    for name, answers in SAMPLE_ANSWERS.items():
        pages[f"result-{name}"] = client.get(walk(client, answers).headers["Location"]).text
    pages["check"] = client.get("/check").text
    for entry in GOLDEN["codes"]:  # the busiest result pages
        pages[f"result-{entry['name']}"] = client.get(f"/r/{entry['code']}").text
    pages["not-found"] = client.get("/r/nope").text
    return pages


def test_every_page_type_weighs_at_most_30_kb(client: FlaskClient) -> None:
    pages = _pages(client)
    for html in pages.values():
        check_page(html)  # a real page, not a redirect
    weights = {name: _weight(client, html) for name, html in pages.items()}
    heavy = {name: weight for name, weight in weights.items() if weight > LIMIT}
    assert not heavy, heavy


@pytest.mark.parametrize("url", ["/", "/methodology", "/questions/team", "/r/nope"])
def test_no_page_refers_to_another_host(client: FlaskClient, url: str) -> None:
    client.get("/start")
    html = client.get(url).text
    check_page(html)  # fails on any script, stylesheet or image from another host
    assert "http://" not in html.replace("http://localhost", "")
