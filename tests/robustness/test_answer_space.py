"""The plan's rules and "every sentence true" (rules 9-28) hold for every one of the
967,680 valid answer sets (long suite).

Each answer set goes through the pure engine and the presenters' words under the current
ruleset; the same sets under ruleset 1 are judged by the plan's rules, under ruleset 2 by
rules 9-16 and under ruleset 3 by rules 17-28, so the message shows what changed (on every
7th answer set, to keep the suite short).
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from concurrent.futures import ProcessPoolExecutor

import pytest

from stackchooser.advisor import Advisor
from stackchooser.content import load_content
from stackchooser.engine import evaluate
from stackchooser.presenters.words import lean_text
from tests.answer_space import (
    answer_space,
    legacy_breaks,
    plan_breaks,
    sentence_breaks,
    truth_breaks,
)

pytestmark = pytest.mark.robustness
CONTENT = load_content()
ADVISOR = Advisor(CONTENT)
ANSWER_SETS = 967_680
WORKERS = 2
OLD_SAMPLE = 7  # the older rulesets are judged on every 7th answer set, for comparison
Outcome = tuple[int, Counter[str], Counter[str], Counter[str], list[str]]


def _judge(team: str) -> Outcome:
    """Judge every answer set with this team answer, under the current ruleset; count
    what ruleset 1 broke of the plan's rules and ruleset 2 of the sentence rules."""
    current, first, second = CONTENT.current, CONTENT.rulesets[1], CONTENT.rulesets[2]
    third = CONTENT.rulesets[3]
    seen = 0
    breaks: Counter[str] = Counter()
    old_breaks: Counter[str] = Counter()
    examples: list[str] = []
    for answers in answer_space(current, {"team": team}):
        seen += 1
        rec = evaluate(answers, current)  # with what would change it (rule 16)
        found = plan_breaks(answers, rec) + sentence_breaks(answers, rec, lean_text(ADVISOR, rec))
        found += truth_breaks(ADVISOR, answers, rec)
        breaks.update(set(found))
        if found and len(examples) < 5:
            examples.append(f"{answers}: {found}")
        if seen % OLD_SAMPLE == 0:
            old_breaks.update(legacy_breaks(answers, evaluate(answers, first, with_changes=False)))
            old = evaluate(answers, second, with_changes=False)
            old_breaks.update(set(sentence_breaks(answers, old, lean_text(ADVISOR, old))))
            older = evaluate(answers, third)
            old_breaks.update(set(truth_breaks(ADVISOR, answers, older)))
    return seen, breaks, old_breaks, Counter(), examples


def _pool_map(teams: list[str]) -> list[Outcome]:
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=WORKERS, mp_context=context) as pool:
        return list(pool.map(_judge, teams))


def test_the_plan_and_its_sentences_keep_their_rules_for_every_answer_set() -> None:
    outcomes = _pool_map(list(CONTENT.current.question("team").option_ids))
    seen = sum(outcome[0] for outcome in outcomes)
    breaks: Counter[str] = sum((outcome[1] for outcome in outcomes), Counter())
    old_breaks: Counter[str] = sum((outcome[2] for outcome in outcomes), Counter())
    examples = [example for outcome in outcomes for example in outcome[4]]
    assert seen == ANSWER_SETS
    report = (
        f"ruleset {CONTENT.current.version} breaks: {dict(breaks)}; "
        f"rulesets 1 to 3 broke: {dict(old_breaks)}; examples: {examples[:5]}"
    )
    print(report)
    assert not breaks, report
    # Each rule's check finds what an older ruleset broke (10, 16, 18-20, 26-28 are kept by
    # words every ruleset now shares; 21 by how a start is found: their unit tests fail on
    # a telling case instead).
    for rule in ("2:", "3:", "9:", "11:", "12:", "13:", "14:", "15:", "17:", "22:", "24:", "25:"):
        assert any(key.startswith(rule) for key in old_breaks), f"rule {rule} found nothing"
