"""The shipped serving settings: gunicorn's, and the systemd unit that runs it."""

from __future__ import annotations

import re
import runpy

from gunicorn.config import Config

from bench.common import ROOT

SETTINGS = ROOT / "stackchooser/gunicorn_conf.py"


def test_the_control_socket_is_off_and_every_setting_is_gunicorns() -> None:
    settings = {
        name: value
        for name, value in runpy.run_path(str(SETTINGS)).items()
        if not name.startswith("_") and name not in ("annotations", "multiprocessing", "os")
    }
    assert settings["control_socket_disable"] is True
    config = Config()
    for name, value in settings.items():
        config.set(name, value)  # an unknown or invalid setting raises here
    assert config.control_socket_disable is True


def test_the_units_memory_limit_covers_every_workers_cache_budget() -> None:
    unit = (ROOT / "deploy/stackchooser.service").read_text()
    limit = int(re.search(r"^MemoryMax=(\d+)M$", unit, re.MULTILINE).group(1))  # type: ignore[union-attr]
    workers = int(re.search(r"WEB_CONCURRENCY=(\d+)", unit).group(1))  # type: ignore[union-attr]
    budget = int(re.search(r"CACHE_BYTES=(\d+)", unit).group(1))  # type: ignore[union-attr]
    per_worker = 80 * 2**20 + budget  # the interpreter, the app and its content, the caches
    assert limit * 2**20 >= workers * per_worker
