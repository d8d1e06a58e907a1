"""Hypothesis strategies for answer sets, built from the content itself."""

from __future__ import annotations

from hypothesis import strategies as st

from stackchooser.content import load_content
from stackchooser.model import Question, Ruleset

CONTENT = load_content()
RULESET = CONTENT.current
RULESET_1 = CONTENT.rulesets[1]


def answer_for(question: Question) -> st.SearchStrategy[object]:
    options = list(question.option_ids)
    if not question.multiple:
        return st.sampled_from(options)
    return st.lists(st.sampled_from(options), unique=True, max_size=question.max or len(options))


def answer_sets(ruleset: Ruleset = RULESET) -> st.SearchStrategy[dict[str, object]]:
    """Valid raw answer sets (multi-select answers as lists in random order)."""
    return st.fixed_dictionaries({q.id: answer_for(q) for q in ruleset.questions})
