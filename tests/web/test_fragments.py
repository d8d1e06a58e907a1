"""Pieces of result and team pages rendered once and kept (`{% cached %}` in the
templates): a page built from kept pieces is the page rendered afresh."""

from __future__ import annotations

import random
import sys
from collections.abc import Hashable

from flask import Flask

from stackchooser import create_app
from stackchooser.advisor import Advisor
from stackchooser.caches import Cache
from stackchooser.web.templating import rendered_fragments
from tests.data import GOLDEN, GOLDEN_2, GOLDEN_3


def _pages(advisor: Advisor) -> list[str]:
    """Result pages of every golden code and of random answer sets, and team pages, in
    each language, interleaved so that languages and pages share what is kept."""
    golden = [entry["code"] for data in (GOLDEN, GOLDEN_2, GOLDEN_3) for entry in data["codes"]]
    rnd = random.Random(7)
    ruleset = advisor.content.current
    drawn = []
    for _ in range(60):
        answers = {}
        for question in ruleset.questions:
            if question.multiple:
                count = rnd.randint(0, question.max or len(question.option_ids))
                picked = set(rnd.sample(question.option_ids, count))
                answers[question.id] = tuple(o for o in question.option_ids if o in picked)
            else:
                answers[question.id] = rnd.choice(question.option_ids)
        drawn.append(advisor.code_for(answers))
    codes = golden + drawn
    teams = ["-".join(codes[i : i + 3]) for i in range(0, 30, 3)]
    paths = [f"/r/{code}" for code in codes] + [f"/t/{codes}" for codes in teams]
    return [prefix + path for path in paths for prefix in ("", "/nl", "/fr")]


def _fragments(app: Flask) -> Cache[Hashable, str]:
    return app.jinja_env.fragments  # type: ignore[attr-defined,no-any-return]


def test_pages_built_from_kept_pieces_equal_pages_rendered_afresh() -> None:
    # No rendered page is kept, so that every request renders its page again.
    settings = {"TESTING": True, "SECRET_KEY": "test-secret", "RESULT_CACHE_SIZE": 0}
    app, fresh_app = create_app(settings), create_app(settings)
    warm, fresh = app.test_client(), fresh_app.test_client()
    paths = _pages(app.extensions["stackchooser"])
    for path in paths:
        warm.get(path)  # every piece these pages show is now kept
    assert len(_fragments(app)) > 100
    for path in paths:
        _fragments(fresh_app).clear()
        kept, afresh = warm.get(path), fresh.get(path)
        assert kept.status_code == afresh.status_code == 200, path
        assert kept.data == afresh.data, path


def test_kept_pieces_stay_within_their_byte_budget() -> None:
    fragments = rendered_fragments(500)
    for number in range(50):
        piece = fragments.get(("place", "en", number), lambda n=number: f"<p>“{n:030}”</p>")
        assert piece == f"<p>“{number:030}”</p>"
        assert fragments.bytes <= 500
        assert fragments.bytes == sum(sys.getsizeof(p) for p in fragments.values())
    calls = []
    kept = fragments.get(("place", "en", 49), lambda: calls.append(1) or "other")
    assert kept == f"<p>“{49:030}”</p>" and not calls  # the last one is still kept


def test_kept_pieces_and_renderings_share_the_cache_budget() -> None:
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "CACHE_BYTES": 8_000_000})
    assert _fragments(app).max_bytes == 1_000_000
    assert app.extensions["stackchooser_rendered"].max_bytes == 7_000_000
