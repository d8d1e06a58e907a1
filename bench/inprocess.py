"""In-process CPU cost of each kind of request, hits and misses, as ratios against a Flask
hello-world measured in the same run (no network, no load generator):

    .venv/bin/python -m bench.inprocess [--no-write]

Every miss uses a code (or team, or answer set) not asked for before, so nothing comes
from a cache; the figures are CPU milliseconds per request (time.process_time), the
median of 5 rounds. Written to docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

from flask import Flask

from bench.common import machine_description, write_section
from stackchooser import create_app
from stackchooser.engine import evaluate
from stackchooser.model import Answers

ROUNDS = 5


def _answer_sets(app: Flask, count: int, seed: int = 3) -> list[Answers]:
    """Distinct random answer sets of the current ruleset."""
    ruleset = app.extensions["stackchooser"].content.current
    rnd = random.Random(seed)
    found: dict[str, Answers] = {}
    while len(found) < count:
        answers: Answers = {}
        for question in ruleset.questions:
            if question.multiple:
                limit = question.max or len(question.option_ids)
                picked = rnd.sample(question.option_ids, rnd.randint(0, limit))
                answers[question.id] = tuple(o for o in question.option_ids if o in picked)
            else:
                answers[question.id] = rnd.choice(question.option_ids)
        found[app.extensions["stackchooser"].code_for(answers)] = answers
    return list(found.values())


def _per_request(request: Callable[[int], object], count: int) -> float:
    """CPU milliseconds per request, median of ROUNDS rounds of `count` requests."""
    rounds, index = [], 0
    for _ in range(ROUNDS):
        started = time.process_time()
        for _ in range(count):
            request(index)
            index += 1
        rounds.append((time.process_time() - started) / count * 1000)
    return statistics.median(rounds)


def measure() -> dict[str, float]:
    """CPU milliseconds per request for each kind of request."""
    hello = Flask("hello")
    hello.add_url_rule("/", "hello", lambda: "Hello, World!")
    hello_client = hello.test_client()
    app = create_app({"TESTING": True, "SECRET_KEY": "benchmark-only-secret"})
    advisor = app.extensions["stackchooser"]
    client = app.test_client()
    sets = _answer_sets(app, 4000)
    codes = [advisor.code_for(answers) for answers in sets]
    bodies = [
        {"answers": {k: list(v) if isinstance(v, tuple) else v for k, v in a.items()}} for a in sets
    ]
    costs = {"hello-world": _per_request(lambda i: hello_client.get("/"), 500)}
    client.get(f"/r/{codes[0]}")
    costs["result page, cached"] = _per_request(lambda i: client.get(f"/r/{codes[0]}"), 500)
    offset = iter(range(1, 10**6))
    costs["result page, miss"] = _per_request(lambda i: client.get(f"/r/{codes[next(offset)]}"), 60)
    costs["team page of 3, miss"] = _per_request(
        lambda i: client.get(f"/t/{'-'.join(codes[next(offset)] for _ in range(3))}"), 30
    )
    costs["JSON API"] = _per_request(
        lambda i: client.post("/api/v1/recommendation", json=bodies[next(offset)]), 100
    )
    costs["link preview, miss"] = _per_request(
        lambda i: client.get(f"/r/{codes[next(offset)]}.png"), 20
    )
    client.get("/questions/team")
    costs["questionnaire step"] = _per_request(lambda i: client.get("/questions/team"), 300)
    ruleset = advisor.content.current
    costs["engine alone, with what would change it"] = _per_request(
        lambda i: evaluate(sets[i % len(sets)], ruleset), 300
    )
    return costs


def render(costs: dict[str, float]) -> str:
    hello = costs["hello-world"]
    rows = ["| request | CPU ms | × hello-world |", "|---|---:|---:|"]
    rows += [f"| {name} | {ms:.2f} | {ms / hello:.1f} |" for name, ms in costs.items()]
    return "\n".join(
        [
            "## In-process cost of each request, misses included",
            "",
            f"Measured {time.strftime('%Y-%m-%d')} on {machine_description()} with "
            "`.venv/bin/python -m bench.inprocess`: CPU time per request through the Flask "
            f"test client (no network), median of {ROUNDS} rounds; a miss asks for a code "
            "or team not asked for before.",
            "",
            *rows,
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only")
    report = render(measure())
    print(report)
    if not parser.parse_args().no_write:
        write_section("inprocess", report)
        print("written to docs/BENCHMARKS.md")


if __name__ == "__main__":
    main()
