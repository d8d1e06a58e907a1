"""In-process CPU cost of each kind of request, hits and misses, as ratios against a Flask
hello-world measured in the same run (no network, no load generator):

    .venv/bin/python -m bench.inprocess [--no-write]

Every miss uses a code (or team, or answer set) not asked for before, so nothing comes
from a cache; the figures are CPU milliseconds per request (time.process_time), the
each round timed right after a round of the hello-world app, so that a ratio compares like
with like on a shared machine whose speed drifts; the medians of 7 rounds. Written to
docs/BENCHMARKS.md.
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

ROUNDS = 7
HELLO_COUNT = 300


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


def _timed(request: Callable[[int], object], count: int, start: int) -> float:
    """CPU milliseconds per request over `count` requests, numbered from `start`."""
    started = time.process_time()
    for index in range(start, start + count):
        request(index)
    return (time.process_time() - started) / count * 1000


Cost = tuple[float, float]  # CPU ms per request, and its ratio to hello-world


def measure() -> dict[str, Cost]:
    """CPU milliseconds per request for each kind of request, with the ratio to a round of
    hello-world measured just before each round of it."""
    hello = Flask("hello")
    hello.add_url_rule("/", "hello", lambda: "Hello, World!")
    hello_client = hello.test_client()

    def hello_request(index: int) -> object:
        return hello_client.get("/")

    def paired(request: Callable[[int], object], count: int) -> Cost:
        costs, ratios, offset = [], [], 0
        for _ in range(ROUNDS):
            floor = _timed(hello_request, HELLO_COUNT, 0)
            cost = _timed(request, count, offset)
            offset += count
            costs.append(cost)
            ratios.append(cost / floor)
        return statistics.median(costs), statistics.median(ratios)

    app = create_app({"TESTING": True, "SECRET_KEY": "benchmark-only-secret"})
    advisor = app.extensions["stackchooser"]
    client = app.test_client()
    sets = _answer_sets(app, 4000)
    codes = [advisor.code_for(answers) for answers in sets]
    bodies = [
        {"answers": {k: list(v) if isinstance(v, tuple) else v for k, v in a.items()}} for a in sets
    ]
    costs = {"hello-world": paired(hello_request, HELLO_COUNT)}
    client.get(f"/r/{codes[0]}")
    costs["result page, cached"] = paired(lambda i: client.get(f"/r/{codes[0]}"), 300)
    fresh = iter(range(1, 10**6))
    costs["result page, miss"] = paired(lambda i: client.get(f"/r/{codes[next(fresh)]}"), 60)
    costs["result page in Dutch, miss"] = paired(
        lambda i: client.get(f"/nl/r/{codes[next(fresh)]}"), 60
    )
    costs["team page of 3, miss"] = paired(
        lambda i: client.get(f"/t/{'-'.join(codes[next(fresh)] for _ in range(3))}"), 30
    )
    costs["JSON API"] = paired(
        lambda i: client.post("/api/v1/recommendation", json=bodies[next(fresh) % len(bodies)]),
        100,
    )
    costs["link preview, miss"] = paired(lambda i: client.get(f"/r/{codes[next(fresh)]}.png"), 12)
    client.get("/questions/team")
    costs["questionnaire step"] = paired(lambda i: client.get("/questions/team"), 200)
    ruleset = advisor.content.current
    costs["engine alone, with what would change it"] = paired(
        lambda i: evaluate(sets[i % len(sets)], ruleset), 200
    )
    return costs


def render(costs: dict[str, Cost]) -> str:
    rows = ["| request | CPU ms | × hello-world |", "|---|---:|---:|"]
    rows += [f"| {name} | {ms:.2f} | {ratio:.1f} |" for name, (ms, ratio) in costs.items()]
    return "\n".join(
        [
            "## In-process cost of each request, misses included",
            "",
            f"Measured {time.strftime('%Y-%m-%d')} on {machine_description()} with "
            "`.venv/bin/python -m bench.inprocess`: CPU time per request through the Flask "
            f"test client (no network), medians of {ROUNDS} rounds, each ratio against a "
            "round of hello-world timed just before it; a miss asks for a code or team not "
            "asked for before.",
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
