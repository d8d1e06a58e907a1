"""Page weight: every page type's HTML, CSS and JS, each gzip-compressed, within 14 KB.

14 KB is what the first round trip of a new TCP connection can carry, so a page within it
shows without waiting for a second one. No page refers to another host.
"""

from __future__ import annotations

import gzip
import re

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackchooser import create_app
from tests.pages import check_page
from tests.strategies import answer_sets
from tests.web.helpers import every_page_type

LIMIT = 14 * 1024
GZIP_LEVEL = 6  # what a proxy typically uses
ASSET = re.compile(r'(?:href|src)="(/static/[^"?]+)(?:\?[^"]*)?"')


def _compressed(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=GZIP_LEVEL))


def _weight(client: FlaskClient, html: str) -> int:
    """Bytes on the wire: the page and each file it loads (CSS, JS, icon), gzip-compressed."""
    total = _compressed(html.encode())
    for path in set(ASSET.findall(html)):
        response = client.get(path)
        total += _compressed(response.data)
        response.close()
    return total


@pytest.mark.parametrize("prefix", ["", "/nl", "/fr"])
def test_every_page_type_weighs_at_most_14_kb_compressed(client: FlaskClient, prefix: str) -> None:
    pages = every_page_type(client, prefix)
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


WEIGHT_APP = create_app({"TESTING": True, "SECRET_KEY": "weight"})


@pytest.mark.robustness  # a few seconds of random pages: the long tier
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=answer_sets(), prefix=st.sampled_from(["", "/nl", "/fr"]))
def test_any_result_page_weighs_at_most_14_kb_compressed(
    answers: dict[str, object], prefix: str
) -> None:
    client = WEIGHT_APP.test_client()
    app = WEIGHT_APP
    code = app.extensions["stackchooser"].recommend(answers).code
    html = client.get(f"{prefix}/r/{code}").text
    assert _weight(client, html) <= LIMIT


def test_the_heaviest_result_found_stays_within_14_kb_compressed(client: FlaskClient) -> None:
    # Found by a search over random answer sets: every workload ticked, a JavaScript team.
    for prefix in ("", "/nl", "/fr"):  # French words run longest
        html = client.get(f"{prefix}/r/10ezew77").text
        check_page(html)
        assert _weight(client, html) <= LIMIT
