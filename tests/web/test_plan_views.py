"""The plan is the same on the page, in the JSON and in the decision record (rule 7)."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from stackchooser.advisor import Advisor
from stackchooser.content import load_content
from stackchooser.kinds import display_name
from tests.data import GOLDEN, GOLDEN_2, GOLDEN_4
from tests.pages import get_page

CODES_2 = {entry["name"]: entry["code"] for entry in GOLDEN_2["codes"]}
# Ruleset 4's tensions carry our suggestion apart from what the article says.
PLANNED = {**CODES_2, **{f"4-{e['name']}": e["code"] for e in GOLDEN_4["codes"]}}
CITATIONS = {s.id: s.citation for s in load_content().strengths.values()}
ROLE_TITLES = {"backend": "Back end", "frontend": "Front end", "service": "Service"}


def _expected_parts(plan: dict) -> list[str]:
    """Each part as the page's heading words put it: "Back end, Python." and its text."""
    parts = []
    for part in plan["parts"]:
        name = ROLE_TITLES[part["role"]]
        if part["language"]:
            name += f", {display_name(part['language'])}"
        parts.append(f"{name}. {part['text']}")
    return parts


@pytest.mark.parametrize("name", sorted(PLANNED))
def test_page_json_and_record_show_the_same_plan(client: FlaskClient, name: str) -> None:
    code = PLANNED[name]
    data = client.get(f"/r/{code}.json").get_json()
    page = get_page(client, f"/r/{code}")
    record = client.get(f"/r/{code}.md").text
    plans = [data["plan"]] + ([data["alternative_plan"]] if data["alternative_plan"] else [])
    blocks = page.soup.select("section.plan")
    assert len(blocks) == len(plans)
    assert data["stack"] == data["plan"]["summary"]
    for plan, block in zip(plans, blocks, strict=True):
        shown = [" ".join(p.get_text(" ").split()) for p in block.select(".part > p:first-child")]
        assert shown == _expected_parts(plan)
        assert block.select_one(".stack-text") is None  # said once, above the plan
        assert " ".join(page.text.split()).count(plan["summary"]) == 1
        tensions = [" ".join(li.p.get_text(" ").split()) for li in block.select(".tensions > li")]
        assert [t.split(". ", 1)[1] for t in tensions] == [t["text"] for t in plan["tensions"]]
        advice = [li.select_one(".advice") for li in block.select(".tensions > li")]
        assert [
            " ".join(a.get_text(" ").split()).removeprefix("Our suggestion. ") if a else None
            for a in advice
        ] == [t["advice"] for t in plan["tensions"]]
        for part in plan["parts"]:
            assert part["text"] in record
            assert part["strengths"] and all(f"{CITATIONS[s]}" in record for s in part["strengths"])
        for tension in plan["tensions"]:
            assert tension["text"] in record
    assert f"Suggested stack. {data['stack']}" in record


def test_a_close_call_leads_with_its_lean_and_folds_the_other_route(client: FlaskClient) -> None:
    page = get_page(client, f"/r/{CODES_2['close-call-scores']}")
    headings = page.text_of("section.plan h3")
    assert headings == ["In Python", "Or in NodeJS"]
    assert page.soup.select_one("details.other-route section.plan h3").get_text() == "Or in NodeJS"
    lead = " ".join(page.text_of(".verdict p"))
    assert "Leaning to Python." in lead and "time-box a spike" in lead
    assert "the higher score decides: Python leads by 2 points" in lead
    assert "Without this answer, the lead would be gone: “Complex business rules” (+2)." in lead
    assert "weigh most" not in lead
    assert "happiest" not in page.text


def test_a_close_call_with_nothing_to_decide_says_what_does(client: FlaskClient) -> None:
    page = get_page(client, f"/r/{CODES_2['close-call-fallback']}")
    assert "Neither the team’s language nor the scores decide this one" in page.text


def test_each_change_links_to_the_result_it_gives(client: FlaskClient, advisor: Advisor) -> None:
    page = get_page(client, f"/r/{CODES_2['close-call-team']}")
    links = page.soup.select(".change-group a")
    assert links
    data = client.get(f"/r/{CODES_2['close-call-team']}.json").get_json()
    by_link = {c["permalink"]: c for c in data["changes"]}
    assert sorted(by_link) == sorted(f"http://localhost{link['href']}" for link in links)
    for link in links:
        change = by_link[f"http://localhost{link['href']}"]
        target = client.get(f"{link['href']}.json").get_json()
        assert target["verdict"] == change["verdict"]
        assert target["scores"] == change["scores"]


def test_the_article_date_is_said_once_in_source(client: FlaskClient) -> None:
    page = get_page(client, f"/r/{CODES_2['python-pages']}")
    assert page.text.count("17 May 2022") == 1
    assert any("17 May 2022" in text for text in page.text_of("section.source p"))


def test_ruleset_one_pages_keep_their_stack_line_and_show_no_plan(client: FlaskClient) -> None:
    entry = GOLDEN["codes"][0]
    page = get_page(client, f"/r/{entry['code']}")
    assert not page.soup.select("section.plan")
    data = client.get(f"/r/{entry['code']}.json").get_json()
    assert data["plan"] is None and data["alternative_plan"] is None
    assert page.text_of(".stack-text") == [data["stack"]]
    assert re.search(r"scoring version 1, November 2026", page.text)
    assert "ruleset" not in page.text
