"""The scoring engine: examples from the article, errors, and invariants for every input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stackchooser.engine import (
    AnswerError,
    Change,
    _points,
    _question_points,
    _tables,
    normalize_answers,
    recommend,
)
from stackchooser.model import Ruleset
from tests.data import SAMPLE_ANSWERS
from tests.strategies import RULESET, RULESET_1, answer_sets

# For a language, the team answers from furthest to closest.
TEAM_TOWARD = {
    "python": ["javascript", "both", "python"],
    "nodejs": ["python", "both", "javascript"],
}
LEANING_WORKLOADS = {
    "python": ["ml_ai", "data_science", "business_rules"],
    "nodejs": ["realtime_messaging", "data_streaming", "ecommerce"],
}


def margin_for(language: str, answers: dict[str, object]) -> int:
    rec = recommend(answers, RULESET)
    return rec.margin if language == "python" else -rec.margin


@pytest.mark.parametrize(
    ("name", "verdict", "stack"),
    [
        ("python", "python", "python-ml"),
        ("nodejs", "nodejs", "nodejs-unified"),
        ("either", "either", "either-team"),
    ],
)
def test_contrasting_answer_sets_under_ruleset_1(name: str, verdict: str, stack: str) -> None:
    rec = recommend(SAMPLE_ANSWERS[name], RULESET_1)
    assert rec.verdict == verdict
    assert rec.stack_id == stack


def test_team_counts_most_at_modest_scale() -> None:
    base = dict(SAMPLE_ANSWERS["either"], team="python")
    small = recommend(base, RULESET_1)
    large = recommend(dict(base, scale="large"), RULESET_1)
    team_small = next(r for r in small.reasons if r.question == "team")
    team_large = next(r for r in large.reasons if r.question == "team")
    assert team_small.weight == 2 * team_large.weight
    # a lone Python team on a small product is enough for a Python verdict
    assert small.verdict == "python"
    assert small.stack_id == "python-api"


def test_python_team_with_simple_front_end_gets_flask_and_jinja() -> None:
    rec = recommend(dict(SAMPLE_ANSWERS["either"], team="python", frontend="templates"), RULESET_1)
    assert rec.verdict == "python"
    assert rec.stack_id == "python-templates"
    assert "python-team-templating" in rec.strengths


def test_close_call_leans_to_the_team() -> None:
    answers = dict(
        SAMPLE_ANSWERS["either"], team="python", scale="large", workloads=["realtime_messaging"]
    )
    rec = recommend(answers, RULESET_1)
    assert (rec.verdict, rec.lean) == ("either", "python")
    assert rec.stack_id.startswith("python")


def test_strong_pulls_both_ways_suggest_a_split() -> None:
    answers = dict(SAMPLE_ANSWERS["either"], workloads=["ml_ai", "realtime_messaging"])
    rec = recommend(answers, RULESET_1)
    assert rec.stack_id == "split"
    assert {"python-data-ml", "node-event-driven"} <= set(rec.strengths)


def apply(answers: dict[str, object], change: Change) -> dict[str, object]:
    """The answers after a change's edits."""
    changed = dict(answers)
    for edit in change.edits:
        current = changed[edit.question]
        if edit.action == "choose":
            changed[edit.question] = edit.option
        elif edit.action == "add":
            changed[edit.question] = [*current, edit.option]
        else:
            changed[edit.question] = [o for o in current if o != edit.option]
    return changed


def test_changes_are_single_answer_changes_that_flip_the_verdict_or_the_plan() -> None:
    rec = recommend(SAMPLE_ANSWERS["either"], RULESET)
    assert rec.changes
    for change in rec.changes:
        assert len(change.edits) == 1
        assert (change.verdict, change.plan_language) != (rec.verdict, rec.lean)
        changed = recommend(apply(dict(rec.answers), change), RULESET)
        assert (changed.verdict, changed.lean) == (change.verdict, change.plan_language)


def test_pairs_are_offered_only_when_no_single_change_flips_it() -> None:
    answers = {
        "team": "python",
        "scale": "large",
        "workloads": ["ml_ai"],
        "frontend": "spa",
        "unified_stack": "no_preference",
        "priorities": ["debugging"],
    }
    rec = recommend(answers, RULESET)
    assert rec.verdict == "python"
    assert rec.changes and all(len(change.edits) == 2 for change in rec.changes)
    for change in rec.changes:
        assert recommend(apply(dict(rec.answers), change), RULESET).verdict == change.verdict


def test_a_clear_result_may_need_more_than_two_changes() -> None:
    answers = {
        "team": "python",
        "scale": "small",
        "workloads": ["ml_ai", "data_science"],
        "frontend": "templates",
        "unified_stack": "no",
        "priorities": ["maintainability", "debugging", "libraries"],
    }
    assert recommend(answers, RULESET).changes == ()


@given(answer_sets())
def test_every_listed_change_flips_the_verdict_or_plan_with_the_fewest_edits(
    answers: dict[str, object],
) -> None:
    rec = recommend(answers, RULESET)
    sizes = {len(change.edits) for change in rec.changes}
    assert sizes <= {1} or sizes == {2}
    kinds = [change.kind for change in rec.changes]
    assert kinds == sorted(kinds, key=lambda kind: kind != "switch")  # switches first
    for change in rec.changes:
        assert (change.verdict, change.plan_language) != (rec.verdict, rec.lean)
        changed = recommend(apply(dict(rec.answers), change), RULESET)
        assert (changed.verdict, changed.lean, changed.python, changed.nodejs) == (
            change.verdict,
            change.plan_language,
            change.python,
            change.nodejs,
        )
        if change.plan_language != rec.lean:
            assert change.kind == "switch"
        else:
            assert change.kind == ("closer" if change.verdict == "either" else "firmer")


@pytest.mark.parametrize(
    ("answers", "field", "words"),
    [
        ({**SAMPLE_ANSWERS["python"], "team": "cobol"}, "team", "unknown option 'cobol'"),
        ({**SAMPLE_ANSWERS["python"], "colour": "blue"}, "colour", "unknown question"),
        (
            {k: v for k, v in SAMPLE_ANSWERS["python"].items() if k != "scale"},
            "scale",
            "needs an answer",
        ),
        (
            {
                **SAMPLE_ANSWERS["python"],
                "priorities": ["maintainability", "debugging", "libraries", "ml_serving"],
            },
            "priorities",
            "at most 3",
        ),
        ({**SAMPLE_ANSWERS["python"], "workloads": "ml_ai"}, "workloads", "list of options"),
        ({**SAMPLE_ANSWERS["python"], "workloads": ["ml_ai", "ml_ai"]}, "workloads", "given twice"),
        ({**SAMPLE_ANSWERS["python"], "team": ["python"]}, "team", "choose one option"),
        ({**SAMPLE_ANSWERS["python"], "workloads": [1]}, "workloads", "must be strings"),
    ],
)
def test_bad_answers_raise_a_typed_error_naming_the_field(
    answers: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(AnswerError) as caught:
        recommend(answers, RULESET)
    assert caught.value.field == field
    assert words in caught.value.message


@given(answer_sets())
def test_result_is_deterministic_and_complete(answers: dict[str, object]) -> None:
    first, second = recommend(answers, RULESET), recommend(dict(answers), RULESET)
    assert first == second
    assert first.reasons, "every result has at least one reason"
    assert first.plan is not None and first.stack == first.plan.summary
    assert first.verdict in ("python", "nodejs", "either")
    assert first.python >= 0 and first.nodejs >= 0
    assert sum(r.python for r in first.reasons) == first.python
    assert sum(r.nodejs for r in first.reasons) == first.nodejs
    assert set(first.strengths) >= {s for r in first.reasons for s in r.strengths}


@given(answer_sets(), st.randoms())
def test_order_of_multi_select_answers_does_not_matter(answers: dict[str, object], rnd) -> None:
    shuffled = dict(answers)
    for key in ("workloads", "priorities"):
        items = list(answers[key])  # type: ignore[arg-type]
        rnd.shuffle(items)
        shuffled[key] = items
    assert recommend(shuffled, RULESET) == recommend(answers, RULESET)


@given(answer_sets(), st.sampled_from(["python", "nodejs"]))
def test_moving_team_toward_a_language_never_lowers_its_margin(
    answers: dict[str, object], language: str
) -> None:
    order = TEAM_TOWARD[language]
    margins = [margin_for(language, dict(answers, team=team)) for team in order]
    assert margins == sorted(margins)
    neither = margin_for(language, dict(answers, team="neither"))
    assert margins[0] <= neither <= margins[-1]


@given(answer_sets(), st.sampled_from(["python", "nodejs"]), st.data())
def test_adding_a_leaning_workload_never_lowers_its_margin(
    answers: dict[str, object], language: str, data: st.DataObject
) -> None:
    workload = data.draw(st.sampled_from(LEANING_WORKLOADS[language]))
    without = [w for w in answers["workloads"] if w != workload]  # type: ignore[union-attr]
    before = margin_for(language, dict(answers, workloads=without))
    after = margin_for(language, dict(answers, workloads=[*without, workload]))
    assert after > before


def test_a_swap_within_a_full_multi_select_counts_as_a_pair() -> None:
    answers = {
        "team": "neither",
        "scale": "large",
        "workloads": [
            "realtime_messaging",
            "data_streaming",
            "ecommerce",
            "business_rules",
            "crud",
        ],
        "frontend": "undecided",
        "unified_stack": "yes",
        "priorities": ["time_to_market", "responsiveness", "ml_serving"],
    }
    rec = recommend(answers, RULESET)
    assert rec.verdict == "nodejs"
    swap = {("priorities", "add", "maintainability"), ("priorities", "remove", "responsiveness")}
    found = [c for c in rec.changes if {(e.question, e.action, e.option) for e in c.edits} == swap]
    assert len(found) == 1 and found[0].verdict == "either"
    for change in rec.changes:  # no change ever asks for more than three priorities
        assert len(recommend(apply(dict(rec.answers), change), RULESET).answers["priorities"]) <= 3


@given(answer_sets(), st.sampled_from([RULESET, RULESET_1]))
def test_memoized_question_points_equal_scoring_afresh(
    answers: dict[str, object], ruleset: Ruleset
) -> None:
    canonical = normalize_answers(answers, ruleset)  # rulesets 1 and 3 share the questions
    for question in ruleset.questions:
        assert _question_points(canonical, ruleset, question.id) == _points(
            canonical, ruleset, (question.id,)
        )
    # The memo holds at most one entry per combination of the answers it reads.
    for question_id, memo in _tables(ruleset).points.items():
        combinations = 1
        for read in ruleset.point_inputs[question_id]:
            question = ruleset.question(read)
            combinations *= (
                2 ** len(question.options) if question.multiple else len(question.options)
            )
        assert len(memo) <= combinations
