"""Property-based fuzzing of every input surface: no 5xx, and a clear message each time.

Runs well over 10,000 generated cases; `-m "not robustness"` leaves it out of a quick run.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from stackchooser import create_app
from tests.data import GOLDEN
from tests.strategies import RULESET

pytestmark = pytest.mark.robustness

APP = create_app({"TESTING": True, "SECRET_KEY": "fuzz"})
CASES = {"count": 0}
FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)
QUESTION_IDS = [q.id for q in RULESET.questions]
OPTION_IDS = sorted({o for q in RULESET.questions for o in q.option_ids})
GOLDEN_CODES = [entry["code"] for entry in GOLDEN["codes"]]
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')

odd_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60
) | st.sampled_from(["", " ", "\u202e", "💥", "null", "../../etc", "%00", "<script>", "A" * 5000])
known_or_odd = st.sampled_from(QUESTION_IDS + OPTION_IDS) | odd_text


def assert_clear(response, head: bool = False) -> None:
    """No server error, and something a person or program can read."""
    CASES["count"] += 1
    assert response.status_code < 500, (response.status_code, response.data[:300])
    if response.status_code >= 400 and not head:
        if response.is_json:
            message = response.get_json()["error"]["message"]
            assert isinstance(message, str) and message
        elif response.mimetype == "text/plain":  # where a picture was asked for
            assert response.data.strip() and b"Traceback" not in response.data
        else:
            assert b"<title>" in response.data and b"Traceback" not in response.data
    response.close()


@settings(FUZZ, max_examples=2500)
@given(code=odd_text, suffix=st.sampled_from(["", ".json", ".md", ".png", ".svg", "/edit"]))
def test_permalink_codes(code: str, suffix: str) -> None:
    client = APP.test_client()
    path = quote(code, safe="")
    url = f"/edit/{path}" if suffix == "/edit" else f"/r/{path}{suffix}"
    assert_clear(client.get(url))


team_parts = st.lists(
    st.sampled_from(GOLDEN_CODES) | odd_text | st.sampled_from(["", "-", "--", "x" * 8]),
    max_size=24,
)


@settings(FUZZ, max_examples=1200)
@given(
    parts=team_parts,
    separator=st.sampled_from(["-", "--", "_", "+", "-%2F"]),
    suffix=st.sampled_from(["", ".json", ".md", ".png", "/add"]),
)
def test_team_links(parts: list[str], separator: str, suffix: str) -> None:
    client = APP.test_client()
    codes = separator.join(quote(part, safe="-") for part in parts)
    assert_clear(client.get(f"/t/{codes}{suffix}"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | known_or_odd,
    lambda children: (
        st.lists(children, max_size=8) | st.dictionaries(known_or_odd, children, max_size=8)
    ),
    max_leaves=30,
)
answer_maps = st.dictionaries(
    st.sampled_from(QUESTION_IDS) | odd_text,
    json_values | st.sampled_from(OPTION_IDS) | st.lists(st.sampled_from(OPTION_IDS)),
    max_size=9,
)


@settings(FUZZ, max_examples=3000)
@given(
    body=st.one_of(
        st.builds(lambda a: {"answers": a}, answer_maps),
        json_values,
        st.builds(lambda d: {"answers": d}, json_values),
    ),
    nesting=st.integers(0, 3000),
    raw=st.binary(max_size=200),
    shape=st.sampled_from(["json", "nested", "raw", "huge-array"]),
    query=st.sampled_from(["", "?lang=nl", "?lang=fr", "?lang=de", "?lang=", "?lang=%00"]),
)
def test_api_json(body: object, nesting: int, raw: bytes, shape: str, query: str) -> None:
    client = APP.test_client()
    if shape == "json":
        data: bytes = json.dumps(body, allow_nan=True).encode()
    elif shape == "nested":
        data = ('{"answers": ' + "[" * nesting + "]" * nesting + "}").encode()
    elif shape == "huge-array":
        data = json.dumps({"answers": {"workloads": ["ml_ai"] * (nesting * 3)}}).encode()
    else:
        data = raw
    response = client.post(
        f"/api/v1/recommendation{query}", data=data, content_type="application/json"
    )
    assert_clear(response)
    if response.status_code == 400:
        assert "field" in response.get_json()["error"]


form_fields = st.lists(
    st.tuples(known_or_odd | st.just("csrf_token"), known_or_odd | st.just("x" * 3000)),
    max_size=12,
)


@settings(FUZZ, max_examples=3000)
@given(
    step=st.sampled_from([*QUESTION_IDS, "check"]) | odd_text,
    fields=form_fields,
    token=st.sampled_from(["valid", "missing", "garbage", "stale"]),
    change=st.booleans(),
    prefill=st.integers(0, len(QUESTION_IDS)),
)
def test_questionnaire_posts(
    step: str, fields: list[tuple[str, str]], token: str, change: bool, prefill: int
) -> None:
    client = APP.test_client()
    client.get("/start")
    for question in RULESET.questions[:prefill]:
        page = client.get(f"/questions/{question.id}")
        found = TOKEN.search(page.text)
        if found:
            value = question.option_ids[0] if question.kind == "one" else []
            client.post(
                f"/questions/{question.id}",
                data={"csrf_token": found.group(1), question.id: value},
            )
    url = "/check" if step == "check" else f"/questions/{quote(step, safe='')}"
    if change:
        url += "?change=1"
    page = client.get(url)
    found = TOKEN.search(page.text) if page.status_code == 200 else None
    data = list(fields)
    if token == "valid" and found:
        data.append(("csrf_token", found.group(1)))
    elif token == "garbage":
        data.append(("csrf_token", "x.y.z"))
    elif token == "stale" and found:
        data.append(("csrf_token", found.group(1)))
        client.delete_cookie("stackchooser")
    assert_clear(client.post(url, data=MultiDict(data)))


@settings(FUZZ, max_examples=1600)
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]),
    path=st.lists(odd_text, min_size=1, max_size=4)
    | st.builds(
        lambda code, suffix: ["r", code + suffix],
        st.sampled_from(GOLDEN_CODES),
        st.sampled_from(["", ".json", ".md"]),
    ),
    headers=st.dictionaries(
        st.sampled_from(["If-None-Match", "Accept", "Content-Type", "Cookie", "X-Forwarded-Proto"]),
        st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=80)
        | st.sampled_from(['"', "*", 'W/"', '"a", W/"b"', ",,,"]),
        max_size=3,
    ),
    language=st.sampled_from(["", "nl", "fr", "nl/nl", "de"]),  # a language's prefix, or odd ones
)
def test_any_method_any_path(
    method: str, path: list[str], headers: dict[str, str], language: str
) -> None:
    client = APP.test_client()
    # an empty first segment would read as a host name ("//x"), so empty parts become "-"
    parts = [*language.split("/"), *path] if language else path
    url = "/" + "/".join(quote(part, safe="") or "-" for part in parts)
    assert_clear(client.open(url, method=method, headers=headers), head=method == "HEAD")


def test_ran_at_least_ten_thousand_cases() -> None:
    assert CASES["count"] >= 10_000, CASES["count"]
    print(f"robustness: {CASES['count']} generated cases, 0 failures")
