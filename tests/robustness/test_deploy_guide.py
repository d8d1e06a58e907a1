"""docs/DEPLOY.md works pasted (long suite): the shell blocks of its steps 1 to 7 run in
order in one root shell, as an operator would paste them, and the site then serves
results through nginx.

What a test cannot do is stood in for by shell functions: packages are already there
(apt-get), no user is made (useradd), no certificate is asked for (certbot), and
`systemctl` starts the units' commands itself. Every absolute path of the guide and of
the copied nginx settings lives under a scratch root, the host name is localhost and the
ports are free loopback ports; nothing else of the guide is changed, so a command that
leaves the shell in a bad state (a `umask` that makes nginx's folders unreadable, say)
fails here as it would on a server. nginx and gunicorn are stopped by PID at the end.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from bench.common import ROOT, UNVERIFIED, free_port
from tests.conftest import require
from tests.data import GOLDEN_3

pytestmark = pytest.mark.robustness
CODE = GOLDEN_3["codes"][0]["code"]
MOVED = ("/srv/", "/etc/stackchooser", "/etc/systemd/system", "/var/", "/run/", "/tmp/")


def guide_blocks(markdown: str) -> str:
    """The shell blocks of steps 1 to 7, in order, as one script."""
    steps = markdown.split("\n## 1. ", 1)[1].split("\n## Upgrades", 1)[0]
    return "\n".join(re.findall(r"```sh\n(.*?)```", steps, re.DOTALL))


def moved(text: str, root: Path) -> str:
    """`text` with every absolute path of the guide under `root`."""
    pattern = "|".join(re.escape(path) for path in MOVED)
    return re.sub(rf"(?<![\w.~-])({pattern})", lambda found: f"{root}{found.group(1)}", text)


SHIMS = r"""
apt-get() { :; }
useradd() { :; }
certbot() { :; }
git() { command git clone -q "$CHECKOUT" "${@: -1}"; }
curl() { command curl -k --max-time 10 "$@"; }
systemctl() {
  local unit
  for unit in "$@"; do
    case "$unit" in
      stackchooser) [ "$1" = enable ] && start_app ;;
      stackchooser-proxy)
        case "$1" in
          enable) start_proxy ;;
          reload) kill -HUP "$(cat "$ROOT/nginx.pid")" ;;
        esac ;;
    esac
  done
  return 0
}
start_app() {
  local unit="$ROOT/etc/systemd/system/stackchooser.service"
  set -a; . "$ROOT/etc/stackchooser/env"; set +a
  export BIND="127.0.0.1:$APP_PORT" PROXY_COUNT=1 WEB_CONCURRENCY=2
  "$ROOT/srv/stackchooser/venv/bin/stackchooser" serve >"$ROOT/app.log" 2>&1 &
  echo $! >"$ROOT/app.pid"
  "$ROOT/srv/stackchooser/venv/bin/stackchooser" ready --timeout 60
}
start_proxy() {
  local conf="$ROOT/etc/stackchooser/nginx.conf"
  sed -i -e "s#listen 80 #listen 127.0.0.1:$HTTP_PORT #" \
         -e "s#listen 443 #listen 127.0.0.1:$HTTPS_PORT #" \
         -e "s#server 127.0.0.1:8000#server 127.0.0.1:$APP_PORT#" \
         -e "s#^pid .*#pid $ROOT/nginx.pid;#" "$conf"
  mkdir -p "$ROOT/var/log/nginx"
  nginx -t -q -c "$conf"
  nginx -c "$conf" -g 'daemon off;' >"$ROOT/nginx.log" 2>&1 &
  sleep 1
}
"""


def test_the_deploy_guide_pasted_into_one_root_shell_serves_results(tmp_path: Path) -> None:
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    require(nginx is not None, "nginx (Debian package nginx-light)")
    require(shutil.which("curl") is not None, "curl")
    if os.geteuid() != 0:
        pytest.skip("the guide runs as root (nginx's workers then run as another user)")
    root = Path(tempfile.mkdtemp(prefix="stackchooser-guide-"))
    root.chmod(0o755)
    for folder in ("etc/systemd/system", "srv", "run", "tmp", "var/lib", "var/cache"):
        (root / folder).mkdir(parents=True)  # what a fresh Debian has
    http_port, https_port, app_port = free_port(), free_port(), free_port()
    guide = guide_blocks((ROOT / "docs/DEPLOY.md").read_text())
    guide = guide.replace("<your copy of the repository>", "the-checkout")
    guide = guide.replace("https://stackchooser.example", f"https://localhost:{https_port}")
    guide = guide.replace("http://stackchooser.example", f"http://localhost:{http_port}")
    guide = guide.replace("stackchooser.example", "localhost")
    script = SHIMS + "\n" + moved(guide, root)
    # The copied settings name the same absolute paths: moved as the guide's are.
    conf = moved((ROOT / "deploy/nginx.conf").read_text(), root)
    environment = {
        **os.environ,
        "ROOT": str(root),
        "CHECKOUT": str(ROOT),
        "HTTP_PORT": str(http_port),
        "HTTPS_PORT": str(https_port),
        "APP_PORT": str(app_port),
    }
    deploy = root / "deploy"
    deploy.mkdir()
    (deploy / "nginx.conf").write_text(conf)
    script = script.replace(
        f"{root}/tmp/stackchooser-src/deploy/nginx.conf", str(deploy / "nginx.conf")
    )
    try:
        done = subprocess.run(
            ["bash", "-c", script], env=environment, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
        for expected in ("ok", "build ", "key "):
            assert expected in done.stdout  # step 7's health check printed its lines
        statuses = []
        for _ in range(2):
            connection = http.client.HTTPSConnection(
                "localhost", https_port, context=UNVERIFIED, timeout=10
            )
            connection.request("GET", f"/r/{CODE}")
            response = connection.getresponse()
            response.read()
            statuses.append((response.status, response.headers.get("X-Cache-Status")))
            connection.close()
        assert statuses[0][0] == 200 and statuses[1] == (200, "HIT"), statuses
    finally:
        for name in ("nginx.pid", "app.pid"):
            if (root / name).exists():
                stop_pid(int((root / name).read_text().split()[0]))
        shutil.rmtree(root, ignore_errors=True)


def stop_pid(pid: int) -> None:
    """End a process the guide's shell started (not this test's child), by its PID."""
    for signal_number, wait in ((signal.SIGTERM, 15.0), (signal.SIGKILL, 5.0)):
        try:
            os.kill(pid, signal_number)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
