#!/usr/bin/env bash
# The Python client's environment: clients/python/.venv with the package (editable) and its test
# extras. Idempotent and quick when nothing changed: reinstalls only when pyproject.toml is newer
# than the last install. Used by .ci/run and by the clients-python Nx targets.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if ! command -v "$PYTHON" >/dev/null; then
  echo "clients/python: $PYTHON not found (Python 3.9+ with venv is needed for the Python client's tests)" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv || { echo "clients/python: '$PYTHON -m venv' failed (Debian: apt-get install python3-venv)" >&2; exit 1; }
fi
stamp=.venv/.driftwatch-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
  touch "$stamp"
fi
