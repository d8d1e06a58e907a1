#!/usr/bin/env bash
# Benchmark against the Flask floor and nginx's static-file limit (all on 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then "${PYTHON:-python3}" -m venv .venv; fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[serve]'
exec .venv/bin/python -m bench.run "$@"
