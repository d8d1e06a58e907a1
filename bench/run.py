"""Benchmark: stackchooser against the Flask floor and nginx's static-file limit, in one run.

    .venv/bin/python -m bench.run [--seconds 8] [--rounds 3] [--connections 32]

Starts, on 127.0.0.1 only: gunicorn with a hello-world Flask app (the framework floor),
gunicorn with stackchooser (same worker settings), nginx serving a result page's HTML as
a static file (the physical limit for that page), and nginx running deploy/nginx.conf as
a caching proxy in front of the stackchooser gunicorn. wrk loads each target for a bounded
time, in interleaved rounds; the medians, the ratios and the memory of each gunicorn are
written to docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.common import (
    ROOT,
    LocalProxy,
    WrkResult,
    find_tools,
    free_port,
    local_nginx_config,
    machine_description,
    median_result,
    run_wrk,
    self_signed_certificate,
    start_gunicorn,
    stop,
    tool_version,
    wait_ready,
    worker_rss_kib,
    write_section,
)
from bench.inprocess import _answer_sets
from stackchooser import create_app
from stackchooser.preview import preview_png

RESULT_CODE = "204q81pk"  # a golden code of ruleset 2: Python team, ML and business rules
# A team of five: different answers, so the page has disagreements to show.
TEAM_CODES = "204q81pk-20bc48gv-216e806j-20fg40d2-211qfhpv"
API_BODY = {
    "answers": {
        "team": "javascript",
        "scale": "prototype",
        "workloads": ["realtime_messaging"],
        "frontend": "highly_interactive",
        "unified_stack": "yes",
        "priorities": [],
    }
}


def static_config(port: int, root: Path, run: Path, certificate: Path, key: Path) -> str:
    """nginx serving files over TLS, as the proxy does: the limit for a page."""
    return f"""worker_processes auto;
pid {run}/static.pid;
error_log {run}/static-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path {run}/sbody;
    proxy_temp_path {run}/sproxy;
    server {{
        listen 127.0.0.1:{port} ssl http2;
        ssl_certificate {certificate};
        ssl_certificate_key {key};
        root {root};
        location / {{ default_type text/html; try_files $uri =404; }}
    }}
}}
"""


def start_nginx(nginx: str, config: Path, run: Path, url: str) -> subprocess.Popen:
    process = subprocess.Popen(
        [nginx, "-c", str(config), "-p", str(run), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_ready(url)
    return process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=8, help="length of each wrk run (<= 10)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (>= 3)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    seconds = max(1, min(args.seconds, 10))

    tools = find_tools({"wrk": "wrk", "nginx": "nginx-light"})
    if not tools["wrk"]:
        raise SystemExit("wrk is required (Debian package wrk)")
    wrk = tools["wrk"]
    nginx = tools["nginx"]

    processes: list[subprocess.Popen] = []
    targets: dict[str, tuple[str, Path | None]] = {}
    memory: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="stackchooser-bench-") as scratch:
        run = Path(scratch)
        run.chmod(0o755)  # nginx's workers (an unprivileged user) read the pages from here
        try:
            hello_port, app_port = free_port(), free_port()
            hello = start_gunicorn("bench.hello:app", hello_port, args.workers)
            processes.append(hello)
            app = start_gunicorn("stackchooser:create_app()", app_port, args.workers)
            processes.append(app)
            base = f"http://127.0.0.1:{app_port}"
            targets["hello-world (floor)"] = (f"http://127.0.0.1:{hello_port}/", None)
            targets["landing page"] = (f"{base}/", None)
            targets["questionnaire step"] = (f"{base}/questions/team", None)
            targets["result page"] = (f"{base}/r/{RESULT_CODE}", None)
            targets["team page, 5 members"] = (f"{base}/t/{TEAM_CODES}", None)
            post = run / "post.lua"
            post.write_text(
                'wrk.method = "POST"\n'
                f"wrk.body = {json.dumps(json.dumps(API_BODY))}\n"
                'wrk.headers["Content-Type"] = "application/json"\n'
            )
            targets["JSON API (POST)"] = (f"{base}/api/v1/recommendation", post)
            codes = unique_codes(20_000)
            misses = run / "misses.lua"
            misses.write_text(cycling_paths([f"/r/{code}" for code in codes]))
            targets["result page, every request a miss"] = (f"{base}/r/x", misses)
            png_misses = run / "png-misses.lua"
            png_misses.write_text(cycling_paths([f"/r/{code}.png" for code in codes[::-1]]))
            targets["link preview, every request a new code"] = (f"{base}/r/x.png", png_misses)

            if nginx:
                static_root = run / "static-root"
                (static_root / "r").mkdir(parents=True)
                with urllib.request.urlopen(f"{base}/r/{RESULT_CODE}") as response:
                    (static_root / "r" / RESULT_CODE).write_bytes(response.read())
                certificate, key = self_signed_certificate(run)
                static_port, http_port, proxy_port = free_port(), free_port(), free_port()
                static_conf = run / "static.conf"
                static_conf.write_text(
                    static_config(static_port, static_root, run, certificate, key)
                )
                static_url = f"https://localhost:{static_port}/r/{RESULT_CODE}"
                processes.append(start_nginx(nginx, static_conf, run, static_url))
                proxy_conf = run / "proxy.conf"
                local = LocalProxy(http_port, proxy_port, app_port, ROOT, run, certificate, key)
                proxy_conf.write_text(
                    local_nginx_config((ROOT / "deploy/nginx.conf").read_text(), local)
                )
                proxy_url = f"https://localhost:{proxy_port}/r/{RESULT_CODE}"
                processes.append(start_nginx(nginx, proxy_conf, run, proxy_url))
                targets["result page, static file (nginx)"] = (static_url, None)
                targets["result page via caching proxy"] = (proxy_url, None)

            for url, script in targets.values():  # warm up every target once
                run_wrk(wrk, url, 1, args.connections, script)
            results: dict[str, list[WrkResult]] = {name: [] for name in targets}
            for round_number in range(max(3, args.rounds)):
                for name, (url, script) in targets.items():
                    result = run_wrk(wrk, url, seconds, args.connections, script)
                    results[name].append(result)
                    print(
                        f"round {round_number + 1} {name:34s} {result.rps:9.0f} req/s  "
                        f"p50 {result.p50_ms:6.2f} ms  p99 {result.p99_ms:6.2f} ms",
                        flush=True,
                    )
                    time.sleep(0.5)
            memory["hello-world"] = worker_rss_kib(hello)
            memory["stackchooser"] = worker_rss_kib(app)
            if nginx:
                flood = run / "flood.lua"
                flood.write_text(cycling_paths([f"/r/{code}.png" for code in codes[5000:]]))
                flood_figures = flood_through_proxy(
                    wrk, f"https://localhost:{proxy_port}", flood, seconds
                )
        finally:
            for process in reversed(processes):
                stop(process)

    medians = {name: median_result(found) for name, found in results.items()}
    previews = preview_timings()
    report = render_report(medians, memory, args, seconds, nginx is not None, wrk, nginx, previews)
    if nginx:
        report += "\n" + flood_figures
    print(report)
    if not args.no_write:
        write_section("bench", report)
        print("written to docs/BENCHMARKS.md")


def unique_codes(count: int) -> list[str]:
    """Permalink codes of distinct random answer sets (none in any cache yet)."""
    app = create_app({"TESTING": True, "SECRET_KEY": "benchmark"})
    return [app.extensions["stackchooser"].code_for(a) for a in _answer_sets(app, count)]


def cycling_paths(paths: list[str]) -> str:
    """A wrk script that asks for each path in turn, each thread from its own place."""
    listed = ",\n".join(json.dumps(path) for path in paths)
    return (
        f"local paths = {{\n{listed}\n}}\n"
        "local counter = 0\n"
        "function setup(thread) counter = counter + 1; thread:set('start', counter * 7919) end\n"
        "local index = 0\n"
        "function request()\n"
        "  index = index + 1\n"
        "  local path = paths[((start or 0) + index) % #paths + 1]\n"
        "  return wrk.format('GET', path)\n"
        "end\n"
    )


def flood_through_proxy(wrk: str, proxy: str, flood: Path, seconds: int) -> str:
    """16 connections asking for link previews never drawn before, through the shipped
    nginx, while a visitor (2 connections) reads a cached result page: what the flood
    gets served, and what the visitor waits."""
    quiet = run_wrk(wrk, f"{proxy}/r/{RESULT_CODE}", seconds, 2)
    with subprocess.Popen(
        [wrk, "-t2", "-c16", f"-d{seconds}s", "--latency", "-s", str(flood), f"{proxy}/r/x.png"],
        stdout=subprocess.PIPE,
        text=True,
    ) as attack:
        time.sleep(0.5)
        visitor = run_wrk(wrk, f"{proxy}/r/{RESULT_CODE}", max(1, seconds - 1), 2)
        output, _ = attack.communicate(timeout=seconds + 60)
    total = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    limited = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    refused = int(limited.group(1)) if limited else 0
    served = (requests - refused) / seconds
    return "\n".join(
        [
            "",
            "### A flood of previews never drawn before, through the proxy",
            "",
            f"16 connections, {seconds} s, each request a new code's `.png`, through "
            "deploy/nginx.conf (its per-address rate limit), while a visitor reads a cached "
            "result page on 2 connections:",
            "",
            f"- the flood: {total:,.0f} requests/s answered, of which {served:,.1f}/s were "
            f"drawn and served and the rest refused with 429 ({refused:,} of {requests:,})",
            f"- the visitor: p50 {visitor.p50_ms:.2f} ms, p99 {visitor.p99_ms:.2f} ms during "
            f"the flood (p50 {quiet.p50_ms:.2f} ms, p99 {quiet.p99_ms:.2f} ms without it)",
        ]
    )


def preview_timings(samples: int = 20) -> dict[str, float]:
    """Milliseconds to draw one link preview (median of distinct results), and to answer
    one from the in-process cache through the app (median of repeats)."""
    app = create_app({"TESTING": True, "SECRET_KEY": "benchmark"})
    advisor = app.extensions["stackchooser"]
    client = app.test_client()
    teams, scales = ("python", "javascript", "both", "neither"), ("prototype", "small", "large")
    codes = []
    for index in range(samples):
        answers = {**API_BODY["answers"], "team": teams[index % 4], "scale": scales[index % 3]}
        answers["workloads"] = ["ml_ai", "crud", "ecommerce"][: index % 4]
        codes.append(advisor.recommend(answers).code)
    cold = []
    for code in codes:
        rec = advisor.from_code(code).recommendation
        started = time.perf_counter()
        preview_png(rec)
        cold.append((time.perf_counter() - started) * 1000)
    client.get(f"/r/{codes[0]}.png")
    cached = []
    for _ in range(200):
        started = time.perf_counter()
        client.get(f"/r/{codes[0]}.png")
        cached.append((time.perf_counter() - started) * 1000)
    return {"cold": statistics.median(cold), "cached": statistics.median(cached)}


def render_report(
    medians: dict[str, WrkResult],
    memory: dict[str, int],
    args: argparse.Namespace,
    seconds: int,
    have_nginx: bool,
    wrk: str,
    nginx: str | None,
    previews: dict[str, float],
) -> str:
    hello = medians["hello-world (floor)"]
    result = medians["result page"]
    gunicorn_version = tool_version([sys.executable, "-m", "gunicorn", "--version"])
    rows = [
        "| target | req/s | p50 ms | p99 ms | × hello | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, found in medians.items():
        rows.append(
            f"| {name} | {found.rps:,.0f} | {found.p50_ms:.2f} | {found.p99_ms:.2f} | "
            f"{found.rps / hello.rps:.2f} | {found.non_2xx_3xx + found.socket_errors} |"
        )
    ratios = [
        f"- result page / hello-world: **{result.rps / hello.rps:.2f}×** requests/s "
        f"(target ≥ 0.90), p99 {result.p99_ms:.1f} ms (target ≤ 20 ms)"
    ]
    if have_nginx:
        static = medians["result page, static file (nginx)"]
        proxy = medians["result page via caching proxy"]
        ratios.append(f"- result page / static file: {result.rps / static.rps:.2f}×")
        ratios.append(
            f"- result page through the caching proxy / static file: "
            f"**{proxy.rps / static.rps:.2f}×** (target ≥ 0.80)"
        )
    else:
        ratios.append("- nginx missing: static-file and proxy rows left out")
    return "\n".join(
        [
            "## Throughput and latency",
            "",
            f"Measured {time.strftime('%Y-%m-%d')} on {machine_description()}.",
            f"Tools: {tool_version([wrk, '-v'])}; {gunicorn_version}; "
            f"{tool_version([nginx, '-v']) if nginx else 'nginx missing'}.",
            "",
            f"Command: `.venv/bin/python -m bench.run --seconds {seconds} --rounds "
            f"{max(3, args.rounds)} --connections {args.connections}` — gunicorn "
            f"`-w {args.workers}` sync workers for both Flask apps, "
            f"`wrk -t2 -c{args.connections} -d{seconds}s`, every target on 127.0.0.1, "
            f"{max(3, args.rounds)} interleaved rounds, medians shown.",
            "",
            *rows,
            "",
            *ratios,
            f"- memory after the run (gunicorn master + {args.workers} workers, RSS): "
            f"hello-world {memory.get('hello-world', 0) / 1024:.0f} MiB, "
            f"stackchooser {memory.get('stackchooser', 0) / 1024:.0f} MiB",
            f"- link preview (1200×630 PNG): drawn in {previews['cold']:.0f} ms (median of "
            f"20 results), answered from the in-process cache in {previews['cached']:.2f} ms "
            "(through the Flask test client, median of 200)",
        ]
    )


if __name__ == "__main__":
    main()
