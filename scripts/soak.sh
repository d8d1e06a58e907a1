#!/usr/bin/env bash
# Soak test: 60 s of mixed load at 64 connections on gunicorn at 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then "${PYTHON:-python3}" -m venv .venv; fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[serve]'
exec .venv/bin/python -m bench.soak "$@"
