"""Every count agrees with its noun (rule 19 of the product brief): over random results and
teams, in each language, no page or record says "1 points", "2 answer", "1 more
differences" or, in French, "1,33 points"."""

from __future__ import annotations

import random
import re

from flask import Flask

from stackchooser.advisor import Advisor

# A count beside the wrong form of its noun: one beside a plural, more than one beside a
# singular, and (in French, where a number below two takes the singular) "1,5 points".
MANY = r"(?<![\d,.])(?:[2-9]|\d{2,})"
WRONG_PLURALS = {
    "": re.compile(
        r"\b1 (?:net |more |short )?(?:points|differences|answers|members|changes|questions)\b"
        rf"|{MANY} (?:net |more |short )?(?:point|difference|answer|member|change|question)\b"
    ),
    "/nl": re.compile(
        r"\b(?:nog )?1 (?:korte )?(?:punten|verschillen|antwoorden|leden|wijzigingen|vragen)\b"
        rf"|{MANY} (?:korte )?(?:punt|verschil|antwoord|lid|wijziging|vraag)\b"
    ),
    "/fr": re.compile(
        r"\b1 (?:points|différences|réponses|membres|autres|changements|questions)\b"
        rf"|{MANY} (?:point|différence|réponse|membre|changement|question)\b"
        r"|\b1,\d+ points\b"
    ),
}


def _codes(advisor: Advisor, count: int) -> list[str]:
    rnd = random.Random(19)
    ruleset = advisor.content.current
    codes = []
    for _ in range(count):
        answers: dict[str, object] = {}
        for question in ruleset.questions:
            if question.multiple:
                limit = question.max or len(question.option_ids)
                answers[question.id] = rnd.sample(question.option_ids, rnd.randint(0, limit))
            else:
                answers[question.id] = rnd.choice(question.option_ids)
        codes.append(advisor.recommend(answers).code)
    return codes


def test_no_count_sits_beside_a_fixed_plural(app: Flask, advisor: Advisor) -> None:
    client = app.test_client()
    codes = _codes(advisor, 120)
    sizes = [2, 3, 4, 5, 6] * 4
    teams = ["-".join(codes[i * 6 : i * 6 + size]) for i, size in enumerate(sizes)]
    checked = 0
    for prefix, wrong in WRONG_PLURALS.items():
        paths = [f"{prefix}/r/{code}{suffix}" for code in codes for suffix in ("", ".md")]
        paths += [f"{prefix}/t/{team}{suffix}" for team in teams for suffix in ("", ".md")]
        for path in paths:
            text = client.get(path).text
            found = wrong.search(text)
            assert found is None, (path, found.group(0) if found else "")
            checked += 1
    assert checked > 700
