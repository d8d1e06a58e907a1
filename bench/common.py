"""Helpers for the benchmark and soak scripts: tools, servers on 127.0.0.1, wrk, reports.

Every load generated here targets 127.0.0.1 only, for a bounded time.
"""

from __future__ import annotations

import os
import platform
import re
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS_MD = ROOT / "docs" / "BENCHMARKS.md"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_tools(names: dict[str, str]) -> dict[str, str | None]:
    """Find each command; as root, install missing ones from their Debian package."""
    found = {name: shutil.which(name) or shutil.which(name, path="/usr/sbin") for name in names}
    missing = [names[name] for name, path in found.items() if not path]
    if missing and os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"installing {' '.join(missing)} (Debian packages)", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", *missing],
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            check=False,
            stdout=subprocess.DEVNULL,
        )
        found = {name: shutil.which(name) or shutil.which(name, path="/usr/sbin") for name in names}
    for name, path in found.items():
        if not path:
            print(f"MISSING: {name} (Debian package {names[name]}); its rows are left out")
    return found


# Loopback servers with a throwaway certificate: no verification.
UNVERIFIED = ssl.create_default_context()
UNVERIFIED.check_hostname = False
UNVERIFIED.verify_mode = ssl.CERT_NONE


def wait_ready(url: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2, context=UNVERIFIED) as response:
                response.read()
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def start_gunicorn(
    app: str, port: int, workers: int = 2, env: dict | None = None
) -> subprocess.Popen:
    """gunicorn with sync workers on 127.0.0.1:port; the caller stops it with stop()."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "--chdir",
        str(ROOT),
        app,
    ]
    environment = {**os.environ, "SECRET_KEY": "benchmark-only-secret", **(env or {})}
    process = subprocess.Popen(command, env=environment, cwd=ROOT)
    wait_ready(f"http://127.0.0.1:{port}/")
    return process


def stop(process: subprocess.Popen | None) -> None:
    """End a process this script started, by its PID."""
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def worker_rss_kib(process: subprocess.Popen) -> int:
    """Resident memory of a gunicorn master and its workers, in KiB."""
    pids = [process.pid]
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    if children.exists():
        pids += [int(pid) for pid in children.read_text().split()]
    total = 0
    for pid in pids:
        status = Path(f"/proc/{pid}/status")
        if status.exists():
            match = re.search(r"VmRSS:\s+(\d+) kB", status.read_text())
            total += int(match.group(1)) if match else 0
    return total


@dataclass
class WrkResult:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx_3xx: int
    socket_errors: int


def _milliseconds(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(
    wrk: str, url: str, seconds: int, connections: int = 32, script: Path | None = None
) -> WrkResult:
    """wrk against a loopback URL for a bounded time."""
    loopback = (
        "http://127.0.0.1:",
        "http://localhost:",
        "https://127.0.0.1:",
        "https://localhost:",
    )
    assert url.startswith(loopback), url
    command = [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 60, check=True
    ).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.MULTILINE))
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return WrkResult(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        p50_ms=_milliseconds(percentiles["50"]),
        p99_ms=_milliseconds(percentiles["99"]),
        requests=int(re.search(r"(\d+) requests in", output).group(1)),  # type: ignore[union-attr]
        non_2xx_3xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in socket_errors.groups()) if socket_errors else 0,
    )


def median_result(results: list[WrkResult]) -> WrkResult:
    return WrkResult(
        rps=statistics.median(r.rps for r in results),
        p50_ms=statistics.median(r.p50_ms for r in results),
        p99_ms=statistics.median(r.p99_ms for r in results),
        requests=sum(r.requests for r in results),
        non_2xx_3xx=sum(r.non_2xx_3xx for r in results),
        socket_errors=sum(r.socket_errors for r in results),
    )


def machine_description() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = match.group(1).strip() if match else cpu
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo.read_text()).group(1))  # type: ignore[union-attr]
        memory = f", {kib / 1024 / 1024:.0f} GiB RAM"
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}"
    )


def tool_version(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=10, check=False)
    except OSError:
        return "missing"
    text = (done.stdout + done.stderr).strip().splitlines()
    return text[0].split(" Copyright")[0] if text else "unknown"


def write_section(name: str, body: str) -> None:
    """Replace (or append) the section between the markers for `name` in docs/BENCHMARKS.md."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    text = BENCHMARKS_MD.read_text() if BENCHMARKS_MD.exists() else "# Benchmarks\n"
    block = f"{begin}\n{body.rstrip()}\n{end}"
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    BENCHMARKS_MD.write_text(text)


@dataclass(frozen=True)
class LocalProxy:
    """Where deploy/nginx.conf listens and finds things when run on loopback."""

    http_port: int
    https_port: int
    upstream_port: int
    root: Path
    run: Path
    certificate: Path
    key: Path
    more_upstream_ports: tuple[int, ...] = ()  # further app hosts


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A throwaway certificate for localhost (openssl), valid for a day."""
    certificate, key = folder / "localhost.pem", folder / "localhost-key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
        ],
        check=True,
        capture_output=True,
    )
    return certificate, key


def local_nginx_config(template: str, local: LocalProxy) -> str:
    """deploy/nginx.conf with its "# local:" lines pointed at loopback ports and a scratch
    folder, so tests and benchmarks run the shipped file itself."""
    run = local.run
    replacements = {
        "pid": f"pid {run}/nginx.pid;",
        "error_log": f"error_log {run}/error.log warn;",
        "temp body": f"client_body_temp_path {run}/body;",
        "temp proxy": f"proxy_temp_path {run}/proxy;",
        "cache": (
            f"proxy_cache_path {run}/cache levels=1:2 keys_zone=results:10m max_size=256m "
            "inactive=7d use_temp_path=off;"
        ),
        "upstream": " ".join(
            f"server 127.0.0.1:{port} max_fails=0;"
            for port in (local.upstream_port, *local.more_upstream_ports)
        ),
        "listen http": f"listen 127.0.0.1:{local.http_port};",
        "server name": "server_name localhost;",
        "redirect": f"return 301 https://$server_name:{local.https_port}$request_uri;",
        "listen https": f"listen 127.0.0.1:{local.https_port} ssl http2;",
        "certificate": f"ssl_certificate {local.certificate};",
        "certificate key": f"ssl_certificate_key {local.key};",
        "root": f"root {local.root};",
        "acme root": f"root {run}/acme;",
    }
    lines = []
    for line in template.splitlines():
        marker = re.search(r"^\s*[^#\s].*#\s*local:\s*(.+)$", line)  # directives only
        if marker:
            indent = line[: len(line) - len(line.lstrip())]
            line = indent + replacements[marker.group(1).strip()]
        lines.append(line)
    return "\n".join(lines) + "\n"
