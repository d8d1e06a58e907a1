"""The plan's rules hold for every one of the 967,680 valid answer sets (long suite).

Each answer set goes through the pure engine under the current ruleset; the same sets
under ruleset 1 are judged by the same rules, so the message shows what changed.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from concurrent.futures import ProcessPoolExecutor

import pytest

from stackchooser.content import load_content
from stackchooser.engine import evaluate
from tests.answer_space import answer_space, legacy_breaks, plan_breaks

pytestmark = pytest.mark.robustness
CONTENT = load_content()
ANSWER_SETS = 967_680
WORKERS = 2


def _judge(team: str) -> tuple[int, Counter[str], Counter[str], Counter[str], list[str]]:
    """Judge every answer set with this team answer, under the current ruleset and ruleset 1."""
    current, first = CONTENT.current, CONTENT.rulesets[1]
    seen = 0
    breaks: Counter[str] = Counter()
    old_breaks: Counter[str] = Counter()
    plans: Counter[str] = Counter()
    examples: list[str] = []
    for answers in answer_space(current, {"team": team}):
        seen += 1
        rec = evaluate(answers, current, with_changes=False)
        found = plan_breaks(answers, rec)
        breaks.update(found)
        if found and len(examples) < 5:
            examples.append(f"{answers}: {found}")
        assert rec.plan is not None
        plans[" + ".join(f"{p.role}:{p.language}" for p in rec.plan.parts)] += 1
        old_breaks.update(legacy_breaks(answers, evaluate(answers, first, with_changes=False)))
    return seen, breaks, old_breaks, plans, examples


def test_the_plan_keeps_its_rules_for_every_answer_set() -> None:
    teams = list(CONTENT.current.question("team").option_ids)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=WORKERS, mp_context=context) as pool:
        outcomes = list(pool.map(_judge, teams))
    seen = sum(outcome[0] for outcome in outcomes)
    breaks: Counter[str] = sum((outcome[1] for outcome in outcomes), Counter())
    old_breaks: Counter[str] = sum((outcome[2] for outcome in outcomes), Counter())
    examples = [example for outcome in outcomes for example in outcome[4]]
    assert seen == ANSWER_SETS
    report = (
        f"ruleset {CONTENT.current.version} breaks: {dict(breaks)}; "
        f"ruleset 1 broke: {dict(old_breaks)}; examples: {examples[:5]}"
    )
    print(report)
    assert not breaks, report
    assert old_breaks, "the comparison with ruleset 1 must find what it broke"
