"""What each in-process cache earns under a mixed traffic, measured by switching it off:

    .venv/bin/python -m bench.caches [--no-write] [--requests N] [--rounds R]

The traffic is drawn once and replayed for every measurement: result pages and their
JSON, records, previews and badges for codes drawn from a pool with a few popular ones
(as shared links are), team pages, API calls with fresh answer sets, questionnaire steps,
the landing and methodology pages, in English, Dutch and French. Each round makes a new
app in a process whose caches start empty, and times its making and the traffic (CPU
time); each cache's saving is the median, over the rounds, of the time with it switched
off minus the time with every cache on, measured alternately. Written to
docs/BENCHMARKS.md; docs/ARCHITECTURE.md's table of caches quotes it.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from bench.common import ROOT, machine_description, write_section
from bench.inprocess import _answer_sets
from stackchooser import caches, create_app

SETTINGS = {"TESTING": True, "SECRET_KEY": "benchmark-only-secret", "WTF_CSRF_ENABLED": False}
LANGUAGES = ("",) * 7 + ("/nl",) * 2 + ("/fr",)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: dict[str, object] | None = None


def traffic(count: int, seed: int = 11) -> list[Request]:
    """`count` requests of a mixed traffic (see the module's docstring)."""
    app = create_app(SETTINGS)
    advisor = app.extensions["stackchooser"]
    sets = _answer_sets(app, 3000, seed)
    codes = [advisor.code_for(answers) for answers in sets]
    questions = [question.id for question in advisor.content.questions]
    rnd = random.Random(seed)
    popular = [1 / (rank + 1) ** 1.1 for rank in range(len(codes))]  # a few shared a lot

    def code() -> str:
        return rnd.choices(codes, popular)[0]

    kinds: list[tuple[float, Callable[[], Request]]] = [
        (30, lambda: Request("GET", f"/r/{code()}")),
        (8, lambda: Request("GET", f"/r/{code()}.json")),
        (5, lambda: Request("GET", f"/r/{code()}.md")),
        (8, lambda: Request("GET", f"/r/{code()}.png")),
        (4, lambda: Request("GET", f"/r/{code()}.svg")),
        (8, lambda: Request("GET", "/t/" + "-".join(code() for _ in range(rnd.randint(2, 4))))),
        (10, lambda: Request("POST", "/api/v1/recommendation", _body(rnd.choice(sets)))),
        (19, lambda: Request("GET", f"/questions/{rnd.choice(questions)}")),
        (5, lambda: Request("GET", "/")),
        (3, lambda: Request("GET", "/methodology")),
    ]
    weights = [weight for weight, _ in kinds]
    found = []
    for _ in range(count):
        made = rnd.choices(kinds, weights)[0][1]()
        prefix = rnd.choice(LANGUAGES) if made.method == "GET" else ""
        found.append(Request(made.method, prefix + made.path, made.body))
    return found


def _body(answers: dict[str, object]) -> dict[str, object]:
    return {"answers": {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}}


@dataclass(frozen=True)
class Run:
    making_ms: float  # CPU ms to make a second app in the process and serve its first page
    request_ms: float  # CPU ms per request of the traffic
    counts: dict[str, caches.Counts]


def run(requests: list[Request], off: tuple[str, ...] = ()) -> Run:
    """Make an app with every cache empty and replay the traffic, `off` switched off."""
    caches.clear_all()
    caches.reset_counts()
    with caches.switched_off(*off):
        app = create_app(SETTINGS)
        made = time.process_time()
        client = app.test_client()
        client.get("/start")  # a visitor who has answered every question, and goes back
        for question in app.extensions["stackchooser"].content.questions:
            answer = [] if question.multiple else question.option_ids[0]
            client.post(f"/questions/{question.id}", data={question.id: answer})
        for request in requests:
            response = client.open(request.path, method=request.method, json=request.body)
            assert response.status_code in (200, 302), (request, response.status_code)
        done = time.process_time()
        counts = caches.counts()
        another = create_app(SETTINGS)  # as the tests and scripts do, hundreds of times
        another.test_client().get("/")
        again = time.process_time()
    return Run((again - done) * 1000, (done - made) * 1000 / len(requests), counts)


@dataclass(frozen=True)
class Earning:
    name: str
    hit_rate: float
    entries: int
    saved_ms: float  # per request of the traffic
    saved_share: float  # of a request's cost with every cache on
    making_saved_ms: float  # making a second app in the process (the tests make hundreds)


def measure(count: int, rounds: int) -> tuple[list[Earning], float]:
    requests = traffic(count)
    names = sorted(caches.DECLARED)
    base: list[Run] = []
    without: dict[str, list[Run]] = {name: [] for name in names}
    for _ in range(rounds):
        for name in names:
            base.append(run(requests))
            without[name].append(run(requests, (name,)))
    cost = statistics.median(r.request_ms for r in base)
    earnings = []
    for name in names:
        pairs = list(zip(base[names.index(name) :: len(names)], without[name], strict=True))
        saved = statistics.median(off.request_ms - on.request_ms for on, off in pairs)
        making = statistics.median(off.making_ms - on.making_ms for on, off in pairs)
        counts = base[0].counts[name]
        earnings.append(Earning(name, counts.hit_rate, counts.entries, saved, saved / cost, making))
    return earnings, cost


# Each cache on the kind of request it serves: (what is timed, how many a round).
TARGETS = {
    "rendered": ("a result page asked for again", 200),
    "pieces": ("a result page, miss", 60),
    "steps": ("a questionnaire step", 200),
    "pages": ("the methodology page", 100),
    "results": ("a result's JSON after its page", 60),
    "rows": ("a result page, miss", 60),
    "link shapes": ("a result page, miss", 60),
    "static URLs": ("a result page, miss", 60),
    "formatted numbers and dates": ("a team page of 3, miss", 30),
    "form classes": ("a questionnaire step", 200),
    "engine tables": ("the JSON API", 100),
    "permalink layouts": ("the JSON API", 100),
    "picture parts": ("a link preview, miss", 12),
    "localized content": ("a result page in Dutch, miss", 5),
    "content": ("making an app and serving its landing page", 5),
    "complete languages": ("making an app and serving its landing page", 5),
    "compiled templates": ("making an app and serving its landing page", 5),
}


def targeted(rounds: int = 5) -> dict[str, tuple[float, float]]:
    """Each cache on the requests it serves (TARGETS): CPU ms per request with it and
    without it, medians of `rounds` alternating rounds in one app."""
    app = create_app(SETTINGS)
    advisor = app.extensions["stackchooser"]
    client = app.test_client()
    client.get("/start")
    for question in advisor.content.questions:
        answer = [] if question.multiple else question.option_ids[0]
        client.post(f"/questions/{question.id}", data={question.id: answer})
    sets = _answer_sets(app, 20_000, 5)
    codes = iter([advisor.code_for(answers) for answers in sets])
    bodies = iter([_body(answers) for answers in sets[::-1]])
    client.get(f"/r/{next(codes)}")
    again = next(codes)
    client.get(f"/r/{again}")

    def page_then_json(i: int) -> None:
        code = next(codes)
        client.get(f"/r/{code}")
        client.get(f"/r/{code}.json")

    requests: dict[str, Callable[[int], object]] = {
        "a result page asked for again": lambda i: client.get(f"/r/{again}"),
        "a result page, miss": lambda i: client.get(f"/r/{next(codes)}"),
        "a questionnaire step": lambda i: client.get("/questions/workloads"),
        "the methodology page": lambda i: client.get("/methodology"),
        "a result's JSON after its page": page_then_json,
        "a team page of 3, miss": lambda i: client.get(
            "/t/" + "-".join(next(codes) for _ in range(3))
        ),
        "the JSON API": lambda i: client.post("/api/v1/recommendation", json=next(bodies)),
        "a link preview, miss": lambda i: client.get(f"/r/{next(codes)}.png"),
        "a result page in Dutch, miss": lambda i: client.get(f"/nl/r/{next(codes)}"),
        "making an app and serving its landing page": lambda i: (
            create_app(SETTINGS).test_client().get("/")
        ),
    }
    found = {}
    for name, (what, count) in TARGETS.items():
        with_it, without = [], []
        for _ in range(rounds):
            with_it.append(_timed(requests[what], count))
            with caches.switched_off(name):
                without.append(_timed(requests[what], count))
        found[name] = (statistics.median(with_it), statistics.median(without))
    return found


def _timed(request: Callable[[int], object], count: int) -> float:
    started = time.process_time()
    for index in range(count):
        request(index)
    return (time.process_time() - started) / count * 1000


Targeted = dict[str, tuple[float, float]]


def _saving(name: str, found: Targeted) -> str:
    with_it, without = found[name]
    return f"{without:.2f} → {with_it:.2f} ms ({1 - with_it / without:.0%} less)"


def render(earnings: list[Earning], cost: float, count: int, rounds: int, found: Targeted) -> str:
    targeted_rows = [
        "| cache | on | without it → with it |",
        "|---|---|---|",
        *(f"| {name} | {TARGETS[name][0]} | {_saving(name, found)} |" for name in TARGETS),
    ]
    rows = [
        "| cache | hit rate | entries after | saved per request | share "
        "| saved making another app |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for e in sorted(earnings, key=lambda e: -e.saved_ms):
        rows.append(
            f"| {e.name} | {e.hit_rate:.0%} | {e.entries} | {e.saved_ms * 1000:.0f} µs "
            f"| {e.saved_share:.0%} | {e.making_saved_ms:.0f} ms |"
        )
    return "\n".join(
        [
            "## What each in-process cache earns",
            "",
            f"Measured {time.strftime('%Y-%m-%d')} on {machine_description()} with "
            f"`.venv/bin/python -m bench.caches`: {count} requests of a mixed traffic "
            "(results and their formats for codes with a few popular ones, teams, the API, "
            "questionnaire steps, landing and methodology, in three languages), replayed "
            f"by a new app with empty caches; medians of {rounds} rounds of each cache "
            "switched off against every cache on, alternately. With every cache on a "
            f"request cost {cost:.2f} CPU ms. The hit rate counts every lookup; the saving "
            "is CPU time per request of the traffic, and separately the saving in making "
            "a second app in the same process and serving its first page (a worker makes "
            "one app; the tests and scripts make hundreds).",
            "",
            *rows,
            "",
            "Each cache on the requests it serves (CPU ms per request, medians of 5 rounds "
            "alternating with and without it, in one app; a miss asks for a code not asked "
            "for before):",
            "",
            *targeted_rows,
        ]
    )


def architecture_table(earnings: list[Earning], found: Targeted) -> str:
    """The table of caches in docs/ARCHITECTURE.md: each declaration with its figures."""
    measured = {e.name: e for e in earnings}
    rows = [
        "| cache | keeps | bound | invalidated by | hit rate | on the requests it serves "
        "| in a mixed traffic |",
        "|---|---|---|---|---:|---|---:|",
    ]
    for name, declared in sorted(caches.DECLARED.items()):
        e = measured[name]
        rows.append(
            f"| {name} | {declared.keeps} | {declared.bound} | {declared.invalidated_by} "
            f"| {e.hit_rate:.0%} | {TARGETS[name][0]}: {_saving(name, found)} "
            f"| {e.saved_ms * 1000:+.0f} µs a request |"
        )
    return "\n".join(rows)


def write_architecture_table(table: str) -> None:
    path = ROOT / "docs" / "ARCHITECTURE.md"
    text = path.read_text()
    start, end = "<!-- caches: bench/caches.py -->", "<!-- end of caches -->"
    before, rest = text.split(start, 1)
    after = rest.split(end, 1)[1]
    path.write_text(f"{before}{start}\n{table}\n{end}{after}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print only")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    earnings, cost = measure(args.requests, args.rounds)
    found = targeted()
    report = render(earnings, cost, args.requests, args.rounds, found)
    print(report)
    if not args.no_write:
        write_section("caches", report)
        write_architecture_table(architecture_table(earnings, found))
        print("written to docs/BENCHMARKS.md and docs/ARCHITECTURE.md")


if __name__ == "__main__":
    main()
