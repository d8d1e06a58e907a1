"""Soak test: 60 s of mixed load at 64 connections on gunicorn at 127.0.0.1.

    .venv/bin/python -m bench.soak [--seconds 60] [--connections 64]

The mix: the landing page, questionnaire steps (first step and redirects), the
methodology page, and permalink pages (HTML, JSON, Markdown) for every golden code.
Reports the error count (must be 0) and latency percentiles into docs/BENCHMARKS.md, and
exits non-zero if any request failed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import (
    ROOT,
    find_tools,
    free_port,
    machine_description,
    start_gunicorn,
    stop,
    worker_rss_kib,
    write_section,
)

MIX_SCRIPT = """
local paths = {%s}
local failures = 0
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
response = function(status, headers, body)
  if status >= 400 then failures = failures + 1 end
end
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("SOAK requests=%%d failures=%%d socket_errors=%%d\\n",
    summary.requests, failures,
    errors.connect + errors.read + errors.write + errors.timeout + errors.status))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("SOAK p%%s=%%.2f\\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("SOAK max=%%.2f\\n", latency.max / 1000))
end
"""


def mix_paths() -> list[str]:
    golden = json.loads((ROOT / "tests/fixtures/golden_codes.json").read_text())
    paths = [
        "/",
        "/",
        "/methodology",
        "/start",
        "/questions/team",
        "/questions/team",
        "/questions/scale",
        "/check",
        "/healthz",
    ]
    for entry in golden["codes"]:
        paths += [f"/r/{entry['code']}", f"/r/{entry['code']}.json", f"/r/{entry['code']}.md"]
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    seconds = max(1, min(args.seconds, 120))
    wrk = find_tools({"wrk": "wrk"})["wrk"]
    if not wrk:
        raise SystemExit("wrk is required (Debian package wrk)")

    port = free_port()
    server = start_gunicorn("stackchooser:create_app()", port, args.workers)
    try:
        with tempfile.TemporaryDirectory(prefix="stackchooser-soak-") as scratch:
            script = Path(scratch) / "mix.lua"
            script.write_text(MIX_SCRIPT % ", ".join(f'"{p}"' for p in mix_paths()))
            output = subprocess.run(
                [
                    wrk,
                    "-t2",
                    f"-c{args.connections}",
                    f"-d{seconds}s",
                    "--timeout",
                    "5s",
                    "-s",
                    str(script),
                    f"http://127.0.0.1:{port}/",
                ],
                capture_output=True,
                text=True,
                timeout=seconds + 60,
                check=True,
            ).stdout
        rss = worker_rss_kib(server)
    finally:
        stop(server)

    figures = dict(
        part.split("=")
        for line in output.splitlines()
        if line.startswith("SOAK ")
        for part in line[5:].split()
    )
    errors = int(figures["failures"]) + int(figures["socket_errors"])
    requests = int(figures["requests"])
    report = "\n".join(
        [
            "## Soak test",
            "",
            f"Measured {time.strftime('%Y-%m-%d')} on {machine_description()}.",
            f"Command: `.venv/bin/python -m bench.soak --seconds {seconds} --connections "
            f"{args.connections}` — gunicorn `-w {args.workers}` on 127.0.0.1, wrk with "
            f"{args.connections} connections for {seconds} s, each request a random pick of "
            f"{len(mix_paths())} paths: landing, methodology, questionnaire steps and redirects, "
            "and permalink pages as HTML, JSON and Markdown.",
            "",
            "| requests | req/s | errors | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
            f"| {requests:,} | {requests / seconds:,.0f} | {errors} | {figures['p50']} | "
            f"{figures['p90']} | {figures['p99']} | {figures['p99.9']} | {figures['max']} |",
            "",
            f"Errors count HTTP statuses of 400 and above and socket errors. Memory after the "
            f"run (master + workers, RSS): {rss / 1024:.0f} MiB.",
        ]
    )
    print(report)
    if not args.no_write:
        write_section("soak", report)
        print("written to docs/BENCHMARKS.md")
    if errors:
        raise SystemExit(f"{errors} failed requests")


if __name__ == "__main__":
    main()
