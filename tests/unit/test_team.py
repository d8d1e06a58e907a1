"""Teams: means, the close-call rule on means, majority answers and ties, disagreements."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stackchooser.advisor import Advisor
from stackchooser.content import load_content
from stackchooser.engine import evaluate, normalize_answers
from stackchooser.team import (
    MAX_MEMBERS,
    Member,
    TeamError,
    combine,
    combined_verdict,
    majority_answers,
    split_codes,
)
from tests.data import SAMPLE_ANSWERS
from tests.strategies import RULESET, answer_sets

ADVISOR = Advisor(load_content())


def members(*answer_sets: dict[str, object]) -> list[Member]:
    found = []
    for number, raw in enumerate(answer_sets, start=1):
        result = ADVISOR.recommend(raw)
        found.append(Member(number, result.code, result.recommendation))
    return found


def test_the_combined_scores_are_the_members_means() -> None:
    team = combine(members(SAMPLE_ANSWERS["python"], SAMPLE_ANSWERS["nodejs"]), RULESET)
    one, two = (m.recommendation for m in team.members)
    assert team.python == (one.python + two.python) / 2
    assert team.nodejs == (one.nodejs + two.nodejs) / 2


@pytest.mark.parametrize(
    ("python", "nodejs", "verdict"),
    [(7.0, 9.5, "nodejs"), (7.0, 9.0, "either"), (7.0, 9.01, "nodejs"), (10.5, 8.0, "python")],
)
def test_the_close_call_rule_applies_to_the_means(
    python: float, nodejs: float, verdict: str
) -> None:
    assert combined_verdict(python, nodejs, RULESET.either_margin) == verdict


def test_majority_answers_and_their_tie_rule() -> None:
    team = members(
        {**SAMPLE_ANSWERS["python"], "workloads": ["ml_ai", "crud"], "priorities": ["debugging"]},
        {**SAMPLE_ANSWERS["nodejs"], "workloads": ["ml_ai"], "priorities": []},
        {**SAMPLE_ANSWERS["nodejs"], "workloads": ["crud", "ecommerce"], "priorities": []},
        {**SAMPLE_ANSWERS["python"], "workloads": [], "priorities": ["debugging"]},
    )
    answers = majority_answers(team, RULESET)
    # team: two python, two javascript: a tie, won by the option listed first
    assert answers["team"] == "python"
    # multi-selects keep what at least half chose
    assert answers["workloads"] == ("ml_ai", "crud")
    assert answers["priorities"] == ("debugging",)


def test_a_full_multi_select_keeps_the_most_chosen_within_its_limit() -> None:
    everything = ["maintainability", "debugging", "libraries", "ml_serving"]
    team = members(
        {**SAMPLE_ANSWERS["python"], "priorities": everything[:3]},
        {**SAMPLE_ANSWERS["python"], "priorities": everything[1:4]},
    )
    # debugging and libraries twice, then a tie of one each: the option listed first wins
    expected = ("maintainability", "debugging", "libraries")
    assert majority_answers(team, RULESET)["priorities"] == expected


def test_disagreements_are_ordered_by_the_points_they_move() -> None:
    team = combine(members(SAMPLE_ANSWERS["python"], SAMPLE_ANSWERS["nodejs"]), RULESET)
    points = [d.points for d in team.disagreements]
    assert points == sorted(points, reverse=True)
    assert team.disagreements[0].question == "team"
    team_question = team.disagreements[0]
    assert dict(team_question.counts) == {"python": 1, "javascript": 1}
    assert "team-first" not in team_question.python_strengths  # on both sides: not at stake
    assert set(team.agreed) | {d.question for d in team.disagreements} == {
        q.id for q in RULESET.questions
    }


@pytest.mark.parametrize(
    "codes", ["", "-", "a-", "-a", "a--b", "-".join(["x"] * (MAX_MEMBERS + 1))]
)
def test_bad_team_links_are_refused(codes: str) -> None:
    with pytest.raises(TeamError):
        split_codes(codes)


@given(st.lists(answer_sets(), min_size=1, max_size=6), st.randoms())
def test_member_order_does_not_change_the_combined_result(sets: list, rnd) -> None:  # type: ignore[no-untyped-def]
    team = members(*sets)
    shuffled = list(team)
    rnd.shuffle(shuffled)
    one, two = combine(team, RULESET), combine(shuffled, RULESET)
    assert (one.python, one.nodejs, one.verdict) == (two.python, two.nodejs, two.verdict)
    assert one.majority == two.majority
    assert {d.question for d in one.disagreements} == {d.question for d in two.disagreements}


@given(answer_sets(), st.integers(1, 5))
def test_identical_members_agree_and_share_the_members_verdict(
    answers: dict[str, object], count: int
) -> None:
    team = combine(members(*[answers] * count), RULESET)
    rec = evaluate(normalize_answers(answers, RULESET), RULESET, with_changes=False)
    assert team.disagreements == ()
    assert team.verdict == rec.verdict
    assert team.majority.answers == rec.answers


def test_ties_follow_the_order_the_questionnaire_shows() -> None:
    content = load_content()
    shown = [q.option_ids for q in content.questions if q.id == "unified_stack"][0]
    encoded = RULESET.question("unified_stack").option_ids
    assert shown.index("no") < shown.index("no_preference")
    assert encoded.index("no_preference") < encoded.index("no")  # permalinks keep theirs
    team = members(
        {**SAMPLE_ANSWERS["python"], "unified_stack": "no"},
        {**SAMPLE_ANSWERS["python"], "unified_stack": "no_preference"},
    )
    assert majority_answers(team, RULESET, content.questions)["unified_stack"] == "no"
