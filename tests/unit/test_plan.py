"""The current ruleset (4): conditional weights, the close-call rule and the plan, rule by rule."""

from __future__ import annotations

import pytest
from hypothesis import given

from stackchooser.engine import Recommendation, evaluate, normalize_answers, recommend
from tests.answer_space import plan_breaks
from tests.data import NEUTRAL_ANSWERS
from tests.strategies import RULESET, answer_sets

BASE = NEUTRAL_ANSWERS


def result(**answers: object) -> Recommendation:
    return recommend({**BASE, **answers}, RULESET)


def reason(rec: Recommendation, question: str):  # type: ignore[no-untyped-def]
    return next(r for r in rec.reasons if r.question == question)


def roles(rec: Recommendation) -> list[tuple[str, str | None]]:
    assert rec.plan is not None
    return [(part.role, part.language) for part in rec.plan.parts]


def test_ruleset_four_is_current() -> None:
    assert RULESET.version == 4 and RULESET.plan is not None


# --- answers that depend on each other ------------------------------------------------------


def test_one_language_everywhere_reads_and_weighs_by_the_team() -> None:
    javascript = reason(result(team="javascript", unified_stack="yes"), "unified_stack")
    python = reason(result(team="python", unified_stack="yes"), "unified_stack")
    assert (javascript.nodejs, python.nodejs) == (3, 1)
    assert "already writes JavaScript" in javascript.why
    assert "your Python team would have to learn" in python.why
    assert "team-first" in python.strengths


def test_server_rendered_pages_favour_python_only_for_a_python_side() -> None:
    weights = {
        team: reason(result(team=team, frontend="templates"), "frontend").python
        for team in ("python", "both", "javascript", "neither")
    }
    assert weights == {"python": 2, "both": 1, "javascript": 0, "neither": 0}
    neutral = reason(result(team="javascript", frontend="templates"), "frontend")
    assert neutral.favours == "neither" and neutral.strengths == ("team-first",)


def test_records_and_forms_cite_the_rest_api_only_behind_a_javascript_front_end() -> None:
    assert reason(result(workloads=["crud"]), "workloads").strengths == ("rest-api-frontend",)
    pages = reason(result(workloads=["crud"], frontend="templates"), "workloads")
    assert pages.strengths == ("team-first",)


def test_the_team_counts_double_below_a_large_system() -> None:
    small = reason(result(team="python"), "team")
    large = reason(result(team="python", scale="large"), "team")
    assert (small.python, large.python) == (6, 3)


# --- the close-call rule ------------------------------------------------------------------------


def test_a_close_call_follows_the_team_language() -> None:
    rec = result(team="javascript", scale="small", workloads=["ml_ai"], priorities=["debugging"])
    assert (rec.python, rec.nodejs) == (5, 6)
    assert (rec.verdict, rec.lean, rec.lean_basis) == ("either", "nodejs", "team")
    assert rec.plan is not None and rec.plan.language == "nodejs"
    assert rec.alternative_plan is not None and rec.alternative_plan.language == "python"


def test_with_no_team_language_the_strongest_answers_decide() -> None:
    rec = result(workloads=["business_rules"])
    assert (rec.verdict, rec.lean, rec.lean_basis) == ("either", "python", "scores")
    assert [(r.question, r.answer) for r in rec.deciding] == [("workloads", "business_rules")]


def test_equal_scores_with_no_team_language_fall_back_to_the_sites_own_tie_break() -> None:
    rec = result()
    assert (rec.verdict, rec.python, rec.nodejs) == ("either", 0, 0)
    assert (rec.lean, rec.lean_basis, rec.deciding) == ("python", "fallback", ())
    assert RULESET.close_call.fallback_strengths == ()  # ours: it cites nothing
    assert "this site’s own tie-break" in RULESET.close_call.fallback_why
    assert "just as sound" not in RULESET.close_call.fallback_why  # one instruction (rule 26)


def test_equal_scores_wanting_one_language_with_no_team_language_lean_to_nodejs() -> None:
    """Rule 24: the article's single-stack sentence settles this tie."""
    for team in ("both", "neither"):
        rec = result(team=team, unified_stack="yes", frontend="api_only")
        assert (rec.verdict, rec.python, rec.nodejs) == ("either", 0, 0)
        assert (rec.lean, rec.lean_basis) == ("nodejs", "fallback")
        assert "node-unified-stack" in rec.strengths
    python_team = result(team="python", unified_stack="yes", frontend="templates", scale="large")
    assert python_team.lean == "python"  # a team language still decides before a tie-break


# --- the plan ---------------------------------------------------------------------------


def test_a_javascript_prototype_that_wants_one_language_is_javascript_throughout() -> None:
    rec = result(
        team="javascript",
        scale="prototype",
        workloads=["realtime_messaging"],
        frontend="spa",
        unified_stack="yes",
    )
    assert rec.verdict == "nodejs"
    assert roles(rec) == [("backend", "nodejs"), ("frontend", "javascript")]
    assert rec.plan is not None and rec.plan.tensions == ()
    assert rec.stack.endswith("with JavaScript as the one language throughout.")


def test_machine_learning_on_a_nodejs_back_end_gets_a_python_service_and_a_tension() -> None:
    rec = result(team="javascript", workloads=["ml_ai"], unified_stack="yes")
    assert rec.verdict == "nodejs"
    assert ("service", "python") in roles(rec)
    assert rec.plan is not None
    service = next(part for part in rec.plan.parts if part.role == "service")
    assert service.because == (("workloads", "ml_ai"),)
    tension = next(t for t in rec.plan.tensions if t.question == "unified_stack")
    assert "small Python service" in tension.text
    assert "one language" not in rec.stack


def test_real_time_work_on_a_small_python_project_is_a_tension_not_a_second_service() -> None:
    rec = result(team="python", workloads=["realtime_messaging"])
    assert rec.verdict == "python"
    assert roles(rec) == [("backend", "python"), ("frontend", "javascript")]
    assert rec.plan is not None
    tension = rec.plan.tensions[0]
    assert (tension.question, tension.answer) == ("workloads", "realtime_messaging")
    assert tension.because == (("workloads", "realtime_messaging"),)
    assert tension.strengths == ("node-event-driven",)
    assert "FastAPI" in tension.advice and "FastAPI" not in tension.text  # ours, uncited


def test_real_time_work_on_a_large_python_system_gets_a_nodejs_service() -> None:
    rec = result(team="python", scale="large", workloads=["realtime_messaging", "ml_ai"])
    assert rec.verdict == "python"
    assert ("service", "nodejs") in roles(rec)
    assert rec.plan is not None
    assert all(t.answer != "realtime_messaging" for t in rec.plan.tensions)


def test_server_rendered_pages_get_no_react_or_vue_and_ml_still_gets_model_serving() -> None:
    rec = result(team="python", frontend="templates", workloads=["ml_ai"])
    assert rec.plan is not None
    backend, frontend = rec.plan.parts
    assert "FastAPI" in backend.text and "models" in backend.text
    assert frontend.language == "python" and "React" not in frontend.text
    assert "React" not in rec.stack


def test_an_api_only_has_no_front_end_part_and_an_open_one_says_why() -> None:
    assert [role for role, _ in roles(result(frontend="api_only"))] == ["backend"]
    rec = result(frontend="undecided")
    assert rec.plan is not None
    frontend = rec.plan.parts[1]
    assert frontend.language is None and "open" in frontend.text and "API" in frontend.text


def test_a_no_to_one_language_is_never_contradicted() -> None:
    rec = result(team="javascript", unified_stack="no", frontend="spa")
    assert rec.plan is not None
    texts = [rec.stack, *(p.text for p in rec.plan.parts)]
    assert not any("one language" in text for text in texts)


def test_a_python_team_that_wants_one_language_is_told_what_it_gives_up() -> None:
    rec = result(team="python", unified_stack="yes", frontend="templates")
    assert rec.verdict == "python"
    assert rec.plan is not None
    tension = next(t for t in rec.plan.tensions if t.question == "unified_stack")
    assert "python-only-restrictive" in tension.strengths
    # the article's one language is JavaScript: a Python plan never claims to be it
    assert "one language" not in rec.stack


def test_a_large_python_only_plan_with_pages_carries_the_articles_warning() -> None:
    """Rule 25, with and without one language wanted."""
    for unified in ("yes", "no_preference"):
        rec = result(team="python", scale="large", frontend="templates", unified_stack=unified)
        assert rec.lean == "python" and rec.plan is not None
        warning = [t for t in rec.plan.tensions if "python-only-restrictive" in t.strengths]
        assert len(warning) == 1 and ("scale", "large") in warning[0].because
        assert "does not scale well" in warning[0].text


def test_a_live_service_leaves_the_live_work_to_itself() -> None:
    """Rule 17: one part per job, and a part rests only on what favours it or its work."""
    rec = result(team="python", scale="large", workloads=["realtime_messaging", "data_science"])
    assert rec.plan is not None
    backend, *_, service = rec.plan.parts
    assert (service.role, service.language) == ("service", "nodejs")
    assert ("workloads", "realtime_messaging") in service.because
    assert ("scale", "large") not in service.because
    assert "live connections" not in backend.text and "Flask" in backend.text


def test_time_to_market_does_not_score_on_a_large_system() -> None:
    small = reason(result(scale="small", priorities=["time_to_market"]), "priorities")
    large = reason(result(scale="large", priorities=["time_to_market"]), "priorities")
    assert (small.nodejs, large.nodejs) == (2, 0)


@given(answer_sets())
def test_every_result_keeps_the_plans_rules(answers: dict[str, object]) -> None:
    canonical = normalize_answers(answers, RULESET)
    assert plan_breaks(canonical, evaluate(canonical, RULESET, with_changes=False)) == []


@pytest.mark.parametrize("team", ["python", "javascript", "both", "neither"])
def test_every_reason_cites_a_strength_or_moves_nothing(team: str) -> None:
    rec = result(team=team, workloads=["crud", "ecommerce"], unified_stack="yes")
    for item in rec.reasons:
        assert item.strengths or item.weight == 0
