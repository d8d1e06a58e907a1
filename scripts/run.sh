#!/usr/bin/env bash
# Set up a virtual environment (first time only) and serve the site on http://127.0.0.1:5000
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
export STACKCHOOSER_ENV="${STACKCHOOSER_ENV:-development}"
exec .venv/bin/flask --app stackchooser run --host 127.0.0.1 --port "${PORT:-5000}"
