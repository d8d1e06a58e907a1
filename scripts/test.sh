#!/usr/bin/env bash
# Set up a virtual environment with the test tools, then lint, type-check and run every test.
# Browser tests need Debian's chromium (/usr/bin/chromium) and, for HTML validation, Java
# and npm; without them they are skipped locally and fail under CI (CI=true).
# QUICK=1 leaves out the long robustness (fuzzing) suite. Plain `pytest` is the fast loop:
# unit and web tests only (see addopts in pyproject.toml).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# Reinstall only when pyproject.toml changed since the last install (the package itself is
# installed in editable mode, so code changes need no reinstall).
stamp=.venv/.stackchooser-test-install
wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
  echo "$wanted" >"$stamp"
fi
if command -v npm >/dev/null 2>&1 && [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  npm install --no-save --no-audit --no-fund --ignore-scripts --silent vnu-jar@26 \
    || echo "note: could not install vnu-jar; HTML validation will be skipped" >&2
fi
.venv/bin/ruff check stackchooser tests scripts bench
.venv/bin/ruff format --check stackchooser tests scripts bench
.venv/bin/mypy
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-ci}"
marker=(-m "")  # every tier, overriding the fast loop's default selection
if [ "${QUICK:-0}" = "1" ]; then
  marker=(-m "not robustness")
fi
exec .venv/bin/python -m pytest --durations=10 "${marker[@]}" "$@"
