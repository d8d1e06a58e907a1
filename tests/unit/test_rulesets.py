"""Rulesets are versioned data: old codes keep the result they were shared with."""

from __future__ import annotations

from stackchooser.advisor import Advisor
from stackchooser.content import load_content
from tests.data import FIXTURES, GOLDEN


def test_a_newer_ruleset_becomes_current_and_old_codes_keep_ruleset_one() -> None:
    advisor = Advisor(load_content(extra_rulesets=[FIXTURES / "ruleset-next.toml"]))
    assert advisor.content.current.version == 5
    changed = 0
    for entry in GOLDEN["codes"]:
        old = advisor.from_code(entry["code"]).recommendation
        assert old.ruleset == 1
        assert old.verdict == entry["verdict"]
        assert {"python": old.python, "nodejs": old.nodejs} == entry["scores"]
        new = advisor.recommend(entry["answers"])
        assert new.code.startswith("5")
        assert new.recommendation.ruleset == 5
        if (new.recommendation.python, new.recommendation.nodejs) != (old.python, old.nodejs):
            changed += 1
        # new codes decode under the newest ruleset
        assert advisor.from_code(new.code).recommendation == new.recommendation
    assert changed > 0, "the test ruleset must actually score differently"
