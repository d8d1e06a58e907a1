"""Team links: every route, joining, the exports and every bad input."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.data import GOLDEN, GOLDEN_2, GOLDEN_4, SAMPLE_ANSWERS
from tests.pages import get_page
from tests.web.helpers import answer, csrf_token, walk

CODES = [entry["code"] for entry in GOLDEN_2["codes"]]
PAIR = f"{CODES[0]}-{CODES[2]}"


def test_a_team_of_one_is_the_start_of_a_team(client: FlaskClient) -> None:
    page = get_page(client, f"/t/{CODES[0]}")
    assert page.text_of("h1") == ["A team of one, so far"]
    add = page.soup.find("a", string="Add your answers")
    assert add is not None and add["href"] == f"/t/{CODES[0]}/add"
    assert page.soup.select_one("#team-link")["value"] == f"http://localhost/t/{CODES[0]}"


def test_a_result_page_starts_a_team(client: FlaskClient) -> None:
    page = get_page(client, f"/r/{CODES[0]}")
    link = page.soup.find("a", string="Start a team with this result")
    assert link is not None and link["href"] == f"/t/{CODES[0]}"


def test_two_members_are_compared_side_by_side(client: FlaskClient) -> None:
    page = get_page(client, f"/t/{PAIR}")
    assert page.text_of(".caption") == ["Two results side by side"]
    members = page.soup.select(".member-list a")
    assert [m["href"] for m in members] == [f"http://localhost/r/{c}" for c in CODES[::2][:2]]
    # each member's answers side by side, question by question, agreement marked
    rows = page.soup.select(".answer-grid tbody tr")
    assert len(rows) == 6 and all(len(row.select("td")) == 2 for row in rows)
    differing = [
        row.th.get_text(" ", strip=True) for row in rows if "agrees" not in row.get("class", [])
    ]
    data = client.get(f"/t/{PAIR}.json").get_json()
    assert len(differing) == len(data["disagreements"]) > 0


def test_the_team_page_lists_disagreements_first_and_agreements_in_one_line(
    client: FlaskClient,
) -> None:
    data = client.get(f"/t/{PAIR}.json").get_json()
    page = get_page(client, f"/t/{PAIR}")
    shown = page.text_of(".disagreements > li > p > strong")
    ties = {item["question"] for item in data["majority"]["unsettled"]}
    differing = [d for d in data["disagreements"] if d["question"] not in ties]
    assert len(shown) == len(differing)  # ties are listed once, with their links
    assert len(page.soup.select(".unsettled > li")) == len(ties)
    points = [d["points"] for d in data["disagreements"]]
    assert points == sorted(points, reverse=True)
    agreed = [p for p in page.text_of("section p") if p.startswith("Everyone agrees on")]
    assert len(agreed) == (1 if data["agreed"] else 0)


def test_team_json_has_the_contract_fields(client: FlaskClient) -> None:
    codes = f"{CODES[0]}-{CODES[2]}-{CODES[0]}"  # the same code twice: two people alike
    data = client.get(f"/t/{codes}.json").get_json()
    assert [m["code"] for m in data["members"]] == codes.split("-")
    for member in data["members"]:
        assert {"code", "verdict", "scores", "permalink"} <= set(member)
    means = {
        side: round(sum(m["scores"][side] for m in data["members"]) / 3, 2)
        for side in ("python", "nodejs")
    }
    assert data["combined"]["scores"] == means
    assert data["combined"]["lean"] in ("python", "nodejs")
    assert data["combined"]["lean_basis"] in ("verdict", "team", "scores", "fallback")
    assert data["majority"]["plan"]["language"] == data["combined"]["lean"]
    assert isinstance(data["majority"]["unsettled"], list)
    assert data["combined"]["verdict"] in ("python", "nodejs", "either")
    for item in data["disagreements"]:
        assert item["question"] and sum(item["counts"].values()) >= 2
    assert data["link"] == f"http://localhost/t/{codes}"
    majority = client.get(f"/r/{data['majority']['code']}.json").get_json()
    assert majority["answers"] == data["majority"]["answers"]


def test_team_record_lists_positions_disagreements_and_the_result(client: FlaskClient) -> None:
    response = client.get(f"/t/{PAIR}.md")
    assert response.status_code == 200 and response.mimetype == "text/markdown"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.text
    for code in PAIR.split("-"):
        assert f"<http://localhost/r/{code}>" in text
    assert "### Where we disagree" in text and "## Decision Outcome" in text


def test_a_team_with_a_ruleset_one_member_still_works(client: FlaskClient) -> None:
    codes = f"{GOLDEN['codes'][0]['code']}-{CODES[1]}"
    assert client.get(f"/t/{codes}").status_code == 200


def test_team_pages_are_cached_like_result_pages(client: FlaskClient) -> None:
    first = client.get(f"/t/{PAIR}")
    assert first.headers["Cache-Control"] == "public, max-age=300"
    again = client.get(f"/t/{PAIR}", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


@pytest.mark.parametrize(
    "codes",
    [
        "nope",
        f"{CODES[0]}-nope",
        f"{CODES[0]}--{CODES[1]}",
        f"-{CODES[0]}",
        f"{CODES[0]}-",
        "-".join([CODES[0]] * 21),
        f"{CODES[0]}_{CODES[1]}",
        f"{CODES[0]}-{CODES[1][:-1]}x",
    ],
)
@pytest.mark.parametrize("suffix", ["", ".json", ".md", ".png", "/add"])
def test_bad_team_links_are_a_friendly_404(client: FlaskClient, codes: str, suffix: str) -> None:
    response = client.get(f"/t/{codes}{suffix}")
    assert response.status_code == 404
    if suffix == ".json":
        assert response.get_json()["error"]["message"]
    elif suffix == "":
        assert "team link is not one we recognise" in response.text


def test_a_full_team_takes_no_more_members(client: FlaskClient) -> None:
    full = "-".join([CODES[0]] * 20)
    assert client.get(f"/t/{full}").status_code == 200
    assert client.get(f"/t/{full}/add").status_code == 404


def test_joining_a_team_ends_on_the_longer_team_link(client: FlaskClient) -> None:
    asked = get_page(client, f"/t/{CODES[0]}/add")
    assert "Join this team of 1?" in asked.text
    start = client.post(f"/t/{CODES[0]}/add", data={"csrf_token": csrf_token(asked.response.text)})
    assert start.status_code == 302 and start.headers["Location"] == "/questions/team"
    done = walk_joining(client, SAMPLE_ANSWERS["nodejs"])
    new_code = client.post("/api/v1/recommendation", json={"answers": SAMPLE_ANSWERS["nodejs"]})
    assert done.headers["Location"] == f"/t/{CODES[0]}-{new_code.get_json()['code']}"
    # the team is forgotten: the next questionnaire ends on a plain result
    assert walk(client, SAMPLE_ANSWERS["python"]).headers["Location"].startswith("/r/")


def walk_joining(client: FlaskClient, answers: dict[str, object]):  # type: ignore[no-untyped-def]
    """Answer every question after joining (without restarting) and submit."""
    for question, value in answers.items():
        assert answer(client, question, value).status_code == 302
    check = get_page(client, "/check")
    assert "will join a team of 1" in check.text
    return client.post("/check", data={"csrf_token": csrf_token(check.response.text)})


def test_a_stale_team_in_the_session_falls_back_to_the_result(client: FlaskClient) -> None:
    asked = client.get(f"/t/{CODES[0]}/add")
    client.post(f"/t/{CODES[0]}/add", data={"csrf_token": csrf_token(asked.text)})
    with client.session_transaction() as session:
        session["team"] = "notacode"
    done = walk_joining_without_notice(client)
    assert done.status_code == 302 and done.headers["Location"].startswith("/r/")


def walk_joining_without_notice(client: FlaskClient):  # type: ignore[no-untyped-def]
    for question, value in SAMPLE_ANSWERS["either"].items():
        assert answer(client, question, value).status_code == 302
    check = client.get("/check")
    return client.post("/check", data={"csrf_token": csrf_token(check.text)})


@pytest.mark.parametrize("language", ["", "/nl", "/fr"])
def test_each_item_of_a_record_is_on_its_own_line(client: FlaskClient, language: str) -> None:
    """No list item of a decision record runs into the next ("…to touch it.* **One")."""
    codes = [entry["code"] for entry in GOLDEN_4["codes"]]
    paths = [f"{language}/r/{code}.md" for code in codes]
    paths += [f"{language}/t/{'-'.join(codes[i : i + 3])}.md" for i in range(0, 18, 3)]
    for path in paths:
        record = client.get(path).text
        assert re.search(r"[^*\s]\* \*\*|[^\n]\n#", record) is None, path
