"""Teams: means, the close-call rule on means, the lean, majority answers and ties,
disagreements; settled like one person, never by list or joining order."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st

from stackchooser.advisor import Advisor
from stackchooser.content import load_content
from stackchooser.engine import evaluate, normalize_answers
from stackchooser.model import chosen
from stackchooser.team import (
    MAX_MEMBERS,
    Member,
    TeamError,
    combine,
    combined_verdict,
    majority_answers,
    split_codes,
)
from tests.answer_space import _plan_breaks, plan_truth_breaks, sentence_breaks
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
    answers, unsettled = majority_answers(team, RULESET, "nodejs")
    # team: two python, two javascript: a tie, won by the option favouring the lean
    assert answers["team"] == "javascript"
    assert [(u.question, u.options) for u in unsettled][0] == ("team", ("python", "javascript"))
    assert majority_answers(team, RULESET, "python")[0]["team"] == "python"
    # multi-selects keep what at least half chose
    assert answers["workloads"] == ("ml_ai", "crud")
    assert answers["priorities"] == ("debugging",)


def test_a_full_multi_select_keeps_the_most_chosen_within_its_limit() -> None:
    everything = ["maintainability", "debugging", "libraries", "ml_serving"]
    team = members(
        {**SAMPLE_ANSWERS["python"], "priorities": everything[:3]},
        {**SAMPLE_ANSWERS["python"], "priorities": everything[1:4]},
    )
    # debugging and libraries twice, then a tie of one each: both favour Python equally,
    # so the ruleset's order decides between them
    expected = ("maintainability", "debugging", "libraries")
    assert majority_answers(team, RULESET, "python")[0]["priorities"] == expected


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


def test_three_team_languages_follow_the_mean_scores_not_the_list_order() -> None:
    # The case that went wrong: three people, three team languages, a tie.
    base = {**SAMPLE_ANSWERS["nodejs"], "scale": "small", "workloads": ["crud"]}
    team = combine(
        members(
            {**base, "team": "python", "frontend": "spa", "unified_stack": "no"},
            {**base, "team": "javascript"},
            {**base, "team": "both", "unified_stack": "no_preference"},
        ),
        RULESET,
    )
    assert team.nodejs > team.python
    assert team.majority.plan is not None
    assert team.majority.plan.language == team.lean == "nodejs"
    assert team.lean_basis in ("verdict", "scores")
    assert {u.question for u in team.majority.unsettled} >= {"team"}


def test_a_tension_on_a_team_plan_counts_the_members_it_concerns(
    client: FlaskClient,
) -> None:
    one_language = {**SAMPLE_ANSWERS["python"], "unified_stack": "yes"}
    codes = [
        ADVISOR.recommend(a).code for a in (one_language, one_language, SAMPLE_ANSWERS["python"])
    ]
    data = client.get(f"/t/{'-'.join(codes)}.json").get_json()
    tension = next(
        t for t in data["majority"]["plan"]["tensions"] if t["question"] == "unified_stack"
    )
    assert tension["members"] == 2
    assert "(2 of 3)" in client.get(f"/t/{'-'.join(codes)}").text


@settings(max_examples=60, deadline=None)
@given(st.lists(answer_sets(), min_size=1, max_size=20), st.randoms())
def test_any_team_is_settled_by_its_means_never_by_order(sets: list, rnd) -> None:  # type: ignore[no-untyped-def]
    team = members(*sets)
    result = combine(team, RULESET)
    assert result.verdict == combined_verdict(result.python, result.nodejs, RULESET.either_margin)
    if result.verdict != "either":
        assert (result.lean, result.lean_basis) == (result.verdict, "verdict")
    elif result.python != result.nodejs and result.lean_basis == "scores":
        assert result.lean == ("python" if result.python > result.nodejs else "nodejs")
    assert result.majority.plan is not None and result.majority.plan.language == result.lean
    # unsettled: exactly the one-of questions whose most chosen options tie
    for question in RULESET.questions:
        if question.multiple:
            continue
        counted = Counter(m.recommendation.answers[question.id] for m in team)
        top = [o for o, n in counted.items() if n == max(counted.values())]
        listed = [u for u in result.majority.unsettled if u.question == question.id]
        assert (len(top) > 1) == bool(listed)
        if listed:
            assert set(listed[0].options) == set(top)
            assert result.majority.answers[question.id] in top
    for tension in result.majority.plan.tensions:
        assert 1 <= sum(
            any(o in chosen(m.recommendation.answers[q]) for q, o in tension.because) for m in team
        )
    shuffled = list(team)
    rnd.shuffle(shuffled)
    again = combine(shuffled, RULESET)
    assert (again.lean, again.majority.answers, again.majority.plan) == (
        result.lean,
        result.majority.answers,
        result.majority.plan,
    )


@given(st.lists(answer_sets(), min_size=1, max_size=MAX_MEMBERS))
def test_a_teams_plan_keeps_every_sentence_true(sets: list) -> None:
    """Rules 9-28 on the team's plan, over random teams of 1 to 20: the plan composed from
    the majority answers in the team's lean keeps the plan's rules and every sentence rule
    that a plan alone can break."""
    team = combine(members(*sets), RULESET)
    plan = team.majority.plan
    assert plan is not None and plan.language == team.lean
    answers = team.majority.answers
    reasons = team.majority.result.reasons
    assert _plan_breaks(answers, plan, team.lean) == []
    assert plan_truth_breaks(ADVISOR, answers, plan, reasons) == []
    # The same plan through a person's checks (rules 11-15 need a recommendation).
    person = replace(team.majority.result, plan=plan, lean=team.lean, alternative_plan=None)
    rule_breaks = sentence_breaks(answers, person, None)
    assert [b for b in rule_breaks if not b.startswith(("14:", "16:", "10:"))] == []


@given(st.lists(answer_sets(), min_size=2, max_size=6))
def test_a_team_headline_uses_the_one_ladder(sets: list) -> None:
    from stackchooser.presenters.team import _team_headline
    from stackchooser.presenters.words import lead_size

    team = combine(members(*sets), RULESET)
    words = _team_headline(team, RULESET.either_margin)
    size = lead_size(team.python - team.nodejs, RULESET.either_margin)
    assert {"close": "close call", "narrow": "narrow lead", "clear": "clear lead"}[size] in words


@given(st.lists(answer_sets(), min_size=1, max_size=MAX_MEMBERS))
def test_no_chosen_workload_vanishes_and_the_stated_rule_holds(sets: list) -> None:  # type: ignore[type-arg]
    """Every workload a member chose is in the team's answers or named as left out, with
    how many chose it; each multi-select keeps exactly the options half of the members
    chose, unless its limit cut them, and then the question is left to settle."""
    team_members = members(*sets)
    team = combine(team_members, RULESET)
    size = len(team_members)
    kept = set(chosen(team.majority.answers["workloads"]))
    dropped = {item.option: item.count for item in team.majority.dropped}
    for option in RULESET.question("workloads").option_ids:
        count = sum(option in chosen(m.recommendation.answers["workloads"]) for m in team_members)
        if count and option not in kept:
            assert dropped.get(option) == count
        else:
            assert option not in dropped
    unsettled = {item.question for item in team.majority.unsettled}
    for question in RULESET.questions:
        if not question.multiple:
            continue
        half = {
            o
            for o in question.option_ids
            if 2 * sum(o in chosen(m.recommendation.answers[question.id]) for m in team_members)
            >= size
        }
        taken = set(chosen(team.majority.answers[question.id]))
        if question.id in unsettled:
            assert taken < half and question.max is not None and len(half) > question.max
        else:
            assert taken == half


@given(st.lists(answer_sets(), min_size=2, max_size=6), st.randoms())
def test_joining_order_changes_nothing_a_team_says(sets: list, rnd) -> None:  # type: ignore[no-untyped-def,type-arg]
    """The team's JSON, page rows and record are the same in any joining order (members'
    numbers and links aside), citation order inside a disagreement included."""
    from stackchooser.presenters.team import team_json

    team_members = members(*sets)
    shuffled = list(team_members)
    rnd.shuffle(shuffled)
    one, two = combine(team_members, RULESET), combine(shuffled, RULESET)

    def said(team):  # type: ignore[no-untyped-def]
        data = team_json(ADVISOR, team, "https://x/t/a", lambda code: code)
        data.pop("members")
        data.pop("changes")  # they name members by number: checked below as a set
        return data

    assert said(one) == said(two)
    assert {(c.question, c.value, c.lean) for c in one.changes} == {
        (c.question, c.value, c.lean) for c in two.changes
    }


def test_a_team_split_on_its_language_is_never_told_it_knows_one_best() -> None:
    from stackchooser.presenters.team import _team_plan

    team = combine(
        members(
            {**SAMPLE_ANSWERS["nodejs"], "workloads": ["ml_ai", "realtime_messaging"]},
            {**SAMPLE_ANSWERS["nodejs"], "team": "python", "workloads": ["ml_ai"]},
            {**SAMPLE_ANSWERS["nodejs"], "workloads": ["ml_ai"]},
        ),
        RULESET,
    )
    view = _team_plan(ADVISOR, team)
    assert view is not None
    texts = [row.text for row in view.tensions]
    assert not any("knows JavaScript best" in text or "knows Python best" in text for text in texts)
    assert any("split on its strongest language" in text for text in texts)
