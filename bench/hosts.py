"""One host with two workers against two hosts with one worker each, behind nginx:

    .venv/bin/python -m bench.hosts [--seconds S] [--rounds R] [--no-write]

Both layouts run the shipped gunicorn settings on 127.0.0.1 behind a plain nginx load
balancer (upstream, keep-alive, no proxy cache), measured with wrk in interleaved rounds
of the same run: result pages that are always misses (every request a new code) and a
cached result page. Then the memory of each worker after 10,000 new codes. Written to
docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import (
    ROOT,
    WrkResult,
    find_tools,
    free_port,
    machine_description,
    median_result,
    run_wrk,
    stop,
    wait_ready,
    write_section,
)
from bench.run import RESULT_CODE, cycling_paths, unique_codes

BALANCER = """\
pid {run}/balancer.pid;
error_log {run}/balancer-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    upstream hosts {{
{servers}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://hosts;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
        }}
    }}
}}
"""


def workers_rss_mib(host: subprocess.Popen[bytes]) -> list[float]:
    """Resident memory of each worker of a gunicorn master, in MiB."""
    children = Path(f"/proc/{host.pid}/task/{host.pid}/children").read_text().split()
    found = []
    for pid in children:
        match = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
        found.append(int(match.group(1)) / 1024 if match else 0.0)
    return found


def start_host(port: int, workers: int) -> subprocess.Popen[bytes]:
    environment = {**os.environ, "SECRET_KEY": "benchmark-only-secret-of-32-bytes!"}
    process = subprocess.Popen(
        [sys.executable, "-m", "stackchooser", "serve", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(workers)],
        env=environment,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_ready(f"http://127.0.0.1:{port}/healthz")
    return process


def start_balancer(nginx: str, run: Path, ports: list[int]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in ports)
    folder = run / f"balancer-{port}"
    folder.mkdir()
    config = folder / "nginx.conf"
    config.write_text(BALANCER.format(run=folder, servers=servers, port=port))
    process = subprocess.Popen(
        [nginx, "-c", str(config), "-p", str(folder), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    wait_ready(url + "/healthz")
    return process, url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    tools = find_tools({"wrk": "wrk", "nginx": "nginx-light"})
    if not tools["wrk"] or not tools["nginx"]:
        raise SystemExit("wrk and nginx are required (Debian packages wrk, nginx-light)")
    wrk, nginx = tools["wrk"], tools["nginx"]
    layouts = {"1 host × 2 workers": [2], "2 hosts × 1 worker": [1, 1]}
    results: dict[tuple[str, str], list[WrkResult]] = {}
    memory: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="stackchooser-hosts-") as scratch:
        run = Path(scratch)
        run.chmod(0o755)
        codes = unique_codes(50_000)  # 20,000 misses a layout, 10,000 to fill memory
        started: dict[str, tuple[list[subprocess.Popen[bytes]], subprocess.Popen[bytes], str]] = {}
        try:
            for offset, (name, workers) in enumerate(layouts.items()):
                ports = [free_port() for _ in workers]
                hosts = [start_host(p, w) for p, w in zip(ports, workers, strict=True)]
                balancer, url = start_balancer(nginx, run, ports)
                started[name] = (hosts, balancer, url)
                misses = run / f"misses-{offset}.lua"
                share = codes[offset * 20_000 : (offset + 1) * 20_000]
                misses.write_text(cycling_paths([f"/r/{code}" for code in share]))
                run_wrk(wrk, f"{url}/r/{RESULT_CODE}", 1, 32)  # warm up
            for _ in range(args.rounds):
                for name, (_, _, url) in started.items():
                    script = run / f"misses-{list(layouts).index(name)}.lua"
                    results.setdefault((name, "result page, miss"), []).append(
                        run_wrk(wrk, url + "/", args.seconds, 32, script)
                    )
                    results.setdefault((name, "result page, cached"), []).append(
                        run_wrk(wrk, f"{url}/r/{RESULT_CODE}", args.seconds, 32)
                    )
            for name, (hosts, _, url) in started.items():
                script = run / f"fill-{list(layouts).index(name)}.lua"
                script.write_text(cycling_paths([f"/r/{code}" for code in codes[40_000:]]))
                # 10,000 new codes over every worker: wrk until each path was asked once
                deadline = time.monotonic() + 120
                asked = 0
                while asked < 10_000 and time.monotonic() < deadline:
                    asked += run_wrk(wrk, url + "/", 5, 16, script).requests
                memory[name] = [mib for host in hosts for mib in workers_rss_mib(host)]
        finally:
            for hosts, balancer, _ in started.values():
                stop(balancer)
                for host in hosts:
                    stop(host)
    report = render(results, memory, layouts, args.seconds, args.rounds)
    print(report)
    if not args.no_write:
        write_section("hosts", report)
        print("written to docs/BENCHMARKS.md")


def render(
    results: dict[tuple[str, str], list[WrkResult]],
    memory: dict[str, list[float]],
    layouts: dict[str, list[int]],
    seconds: int,
    rounds: int,
) -> str:
    rows = [
        "| layout | request | req/s | p50 ms | p99 ms | errors | × 1 host |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for request in ("result page, miss", "result page, cached"):
        first = median_result(results[(next(iter(layouts)), request)]).rps
        for name in layouts:
            found = median_result(results[(name, request)])
            errors = found.non_2xx_3xx + found.socket_errors
            rows.append(
                f"| {name} | {request} | {found.rps:,.0f} | {found.p50_ms:.1f} "
                f"| {found.p99_ms:.1f} | {errors} | {found.rps / first:.2f} |"
            )
    memory_rows = [
        f"- {name}: each worker {', '.join(f'{mib:.0f}' for mib in memory[name])} MiB "
        "resident after 10,000 new codes spread over the workers"
        for name in layouts
    ]
    return "\n".join(
        [
            "## One host or two",
            "",
            f"Measured {time.strftime('%Y-%m-%d')} on {machine_description()} with "
            f"`.venv/bin/python -m bench.hosts`: the shipped gunicorn settings behind a "
            "plain nginx load balancer on 127.0.0.1, wrk with 32 connections for "
            f"{seconds} s, medians of {rounds} interleaved rounds; a miss asks for a code "
            "never asked for before. Both layouts run on the same two cores.",
            "",
            *rows,
            "",
            *memory_rows,
        ]
    )


if __name__ == "__main__":
    main()
