"""The permalink codec: short, canonical, round-trips, refuses anything else; golden codes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stackchooser import permalink
from stackchooser.advisor import Advisor
from stackchooser.content import load_content
from stackchooser.engine import normalize_answers, recommend
from stackchooser.permalink import ALPHABET, PermalinkError, decode, encode
from tests.data import GOLDEN, GOLDEN_2, GOLDEN_3, GOLDEN_4
from tests.strategies import CONTENT, RULESET, RULESET_1, answer_sets

SCHEMAS = {version: r.questions for version, r in CONTENT.rulesets.items()}


def code_for(answers: dict[str, object]) -> str:
    return encode(normalize_answers(answers, RULESET), RULESET.version, RULESET.questions)


@given(answer_sets())
def test_round_trip(answers: dict[str, object]) -> None:
    code = code_for(answers)
    assert decode(code, SCHEMAS) == (RULESET.version, normalize_answers(answers, RULESET))


@given(answer_sets(), st.randoms())
def test_same_answers_same_code_whatever_the_order(answers: dict[str, object], rnd) -> None:
    shuffled = {key: answers[key] for key in rnd.sample(list(answers), len(answers))}
    for key in ("workloads", "priorities"):
        items = list(answers[key])  # type: ignore[arg-type]
        rnd.shuffle(items)
        shuffled[key] = items
    assert code_for(shuffled) == code_for(answers)


@given(answer_sets())
def test_codes_are_short_and_url_safe(answers: dict[str, object]) -> None:
    code = code_for(answers)
    assert len(code) <= 16
    assert set(code) <= set(ALPHABET)


def test_code_length_for_todays_questions() -> None:
    assert permalink.payload_width(RULESET.questions) == 5
    assert len(GOLDEN["codes"][0]["code"]) == 8


@given(st.text(max_size=40))
def test_random_strings_are_refused_or_decode_validly(text: str) -> None:
    try:
        version, answers = decode(text, SCHEMAS)
    except PermalinkError:
        return
    # the rare random string that passes its check must still be a canonical code
    assert encode(answers, version, SCHEMAS[version]) == text


@given(answer_sets(), st.data())
def test_a_changed_letter_never_gives_the_same_answers(
    answers: dict[str, object], data: st.DataObject
) -> None:
    code = code_for(answers)
    index = data.draw(st.integers(0, len(code) - 1))
    letter = data.draw(st.sampled_from([a for a in ALPHABET if a != code[index]]))
    changed = code[:index] + letter + code[index + 1 :]
    try:
        decoded = decode(changed, SCHEMAS)
    except PermalinkError:
        return
    assert decoded != decode(code, SCHEMAS)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "1",
        "104q813",
        "104q813x0",
        "104Q813X",
        "104q813y",
        "z04q813x",
        "0",
        "104q-13x",
        "104q813x" * 9,
        "../etc/passwd",
        "1ilou000",
    ],
)
def test_malformed_codes_are_refused(bad: str) -> None:
    with pytest.raises(PermalinkError):
        decode(bad, SCHEMAS)


def test_too_many_priorities_in_a_forged_payload_is_refused() -> None:
    all_six = {
        **normalize_answers(
            {
                "team": "python",
                "scale": "small",
                "workloads": [],
                "frontend": "spa",
                "unified_stack": "no",
                "priorities": [],
            },
            RULESET,
        ),
        "priorities": RULESET.question("priorities").option_ids,
    }
    forged = encode(all_six, 1, RULESET.questions)
    with pytest.raises(PermalinkError, match="too many"):
        decode(forged, SCHEMAS)


@pytest.mark.parametrize("entry", GOLDEN["codes"], ids=[e["name"] for e in GOLDEN["codes"]])
def test_golden_codes_keep_their_result(entry: dict) -> None:
    advisor = Advisor(load_content())
    result = advisor.from_code(entry["code"])
    rec = result.recommendation
    assert rec.ruleset == GOLDEN["ruleset"]
    assert rec.answers == normalize_answers(entry["answers"], RULESET_1)
    assert rec.verdict == entry["verdict"]
    assert {"python": rec.python, "nodejs": rec.nodejs} == entry["scores"]
    assert rec.stack_id == entry["stack"]
    assert rec.stack == RULESET_1.legacy.stacks[entry["stack"]].text  # type: ignore[union-attr]
    assert rec.plan is None and rec.alternative_plan is None
    # and the same answers still encode to the same code under ruleset 1
    normal = normalize_answers(entry["answers"], RULESET_1)
    assert encode(normal, 1, RULESET_1.questions) == entry["code"]


def test_golden_codes_cover_every_verdict() -> None:
    assert {e["verdict"] for e in GOLDEN["codes"]} == {"python", "nodejs", "either"}


def test_codes_need_no_secret() -> None:
    answers = GOLDEN["codes"][0]["answers"]
    assert recommend(answers, RULESET_1).answers == decode(GOLDEN["codes"][0]["code"], SCHEMAS)[1]


def _plan_shape(plan: object) -> dict | None:
    if plan is None:
        return None
    return {
        "language": plan.language,  # type: ignore[attr-defined]
        "parts": [[p.role, p.language] for p in plan.parts],  # type: ignore[attr-defined]
        "tensions": [[t.question, t.answer] for t in plan.tensions],  # type: ignore[attr-defined]
    }


@pytest.mark.parametrize("entry", GOLDEN_2["codes"], ids=lambda e: e["name"])
def test_ruleset_two_golden_codes_keep_their_result_and_plan(entry: dict) -> None:
    rec = Advisor(load_content()).from_code(entry["code"]).recommendation
    assert rec.ruleset == GOLDEN_2["ruleset"] == 2
    assert rec.answers == normalize_answers(entry["answers"], CONTENT.rulesets[2])
    assert (rec.verdict, rec.lean, rec.stack) == (entry["verdict"], entry["lean"], entry["stack"])
    assert {"python": rec.python, "nodejs": rec.nodejs} == entry["scores"]
    assert _plan_shape(rec.plan) == entry["plan"]
    assert _plan_shape(rec.alternative_plan) == entry["alternative_plan"]


def test_ruleset_two_golden_codes_cover_every_verdict_and_close_call_rule() -> None:
    advisor = Advisor(load_content())
    recs = [advisor.from_code(e["code"]).recommendation for e in GOLDEN_2["codes"]]
    assert {rec.verdict for rec in recs} == {"python", "nodejs", "either"}
    assert {rec.lean_basis for rec in recs} >= {"verdict", "team", "scores", "fallback"}


def _plan_shape_3(plan: object) -> dict | None:
    shape = _plan_shape(plan)
    if shape is not None:
        shape["tensions"] = [
            [list(ref) for ref in t.because]  # type: ignore[attr-defined]
            for t in plan.tensions  # type: ignore[attr-defined]
        ]
    return shape


# Rulesets 3 and 4 keep the same fields: every released code of each, checked alike.
GOLDEN_3_ON = [(GOLDEN_3, entry) for entry in GOLDEN_3["codes"]] + [
    (GOLDEN_4, entry) for entry in GOLDEN_4["codes"]
]


@pytest.mark.parametrize(
    ("golden", "entry"), GOLDEN_3_ON, ids=[f"{g['ruleset']}-{e['name']}" for g, e in GOLDEN_3_ON]
)
def test_golden_codes_from_ruleset_three_keep_their_result_and_plan(
    golden: dict, entry: dict
) -> None:
    version = golden["ruleset"]
    rec = Advisor(load_content()).from_code(entry["code"]).recommendation
    assert rec.ruleset == version and version in (3, 4)
    assert rec.answers == normalize_answers(entry["answers"], CONTENT.rulesets[version])
    assert (rec.verdict, rec.lean, rec.lean_basis, rec.stack) == (
        entry["verdict"],
        entry["lean"],
        entry["lean_basis"],
        entry["stack"],
    )
    assert {"python": rec.python, "nodejs": rec.nodejs} == entry["scores"]
    assert _plan_shape_3(rec.plan) == entry["plan"]
    assert _plan_shape_3(rec.alternative_plan) == entry["alternative_plan"]


@pytest.mark.parametrize("golden", [GOLDEN_3, GOLDEN_4], ids=["ruleset-3", "ruleset-4"])
def test_golden_codes_from_ruleset_three_cover_every_verdict_and_close_call_rule(
    golden: dict,
) -> None:
    entries = golden["codes"]
    assert {e["verdict"] for e in entries} == {"python", "nodejs", "either"}
    assert {e["lean_basis"] for e in entries} >= {"verdict", "team", "scores", "fallback"}


def test_ruleset_four_golden_codes_break_ties_both_ways() -> None:
    ties = {e["lean"] for e in GOLDEN_4["codes"] if e["lean_basis"] == "fallback"}
    assert ties == {"python", "nodejs"}  # the site's tie-break and the article's single stack


def test_remembered_digits_stay_within_the_answers_a_question_can_have() -> None:
    questions = RULESET.questions
    layout = permalink._layout(questions)
    priorities = next(index for index, q in enumerate(questions) if q.id == "priorities")
    options = questions[priorities].option_ids
    # Every order of every pair, canonical or not: each encodes like its canonical form,
    # and the memo keeps no more entries than the question has answers.
    for first in options:
        for second in options:
            if first != second:
                assert layout.digit(priorities, (first, second)) == layout.digit(
                    priorities, tuple(o for o in options if o in (first, second))
                )
    assert len(layout.digits[priorities]) <= 2 ** len(options)
    with pytest.raises(KeyError):
        layout.digit(priorities, ("no-such-option",))
    with pytest.raises(KeyError):
        layout.digit(0, "no-such-option")


def test_layouts_are_worked_out_once_per_list_and_stay_bounded() -> None:
    questions = RULESET.questions
    assert permalink._layout(questions) is permalink._layout(questions)
    answers = normalize_answers(GOLDEN_2["codes"][0]["answers"], RULESET)
    code = encode(answers, RULESET.version, questions)
    fresh_lists = [list(questions) for _ in range(200)]  # kept alive: no id() is reused
    for fresh in fresh_lists:
        assert encode(answers, RULESET.version, fresh) == code
    assert len(permalink._layout.cache) <= permalink._layout.cache.entries == 64
