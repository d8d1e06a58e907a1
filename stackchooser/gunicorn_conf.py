"""The shipped gunicorn settings (`stackchooser serve` uses them; so does deploy/).

Meant to run behind the reverse proxy in deploy/, which buffers whole requests and
responses, so a slow client ties up nginx's cheap connections, never a worker. The
settings below still bound what one connection can take if something reaches gunicorn
directly. Every value can be changed from the environment.
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Threads let a worker serve other requests while one waits on the network.
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
threads = int(os.environ.get("THREADS", "4"))
# A request that takes longer than this is cut off and its worker restarted.
timeout = int(os.environ.get("TIMEOUT", "20"))
graceful_timeout = 10
# Idle keep-alive connections from the proxy are closed after this many seconds.
keepalive = 5
# Headers are small here: refuse long request lines and many or large header fields.
limit_request_line = 4096
limit_request_fields = 50
limit_request_field_size = 4096
# Trust X-Forwarded-* only from the proxy on this machine.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Headers with underscores (such as SCRIPT_NAME) are dropped, never mapped.
header_map = "drop"
# Restart workers now and then so that no cache or leak grows without bound.
max_requests = 50_000
max_requests_jitter = 5_000
accesslog = os.environ.get("ACCESS_LOG") or None
errorlog = "-"
# No control interface: nothing but the service manager may steer the server (gunicorn
# would otherwise listen on a Unix socket in the home folder).
control_socket_disable = True
