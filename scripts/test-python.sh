#!/usr/bin/env bash
# Builds the abi3 wheel, installs it into a fresh virtualenv (not the source
# tree), and runs pytest (warnings are errors) and mypy's stubtest against it.
# `scripts/test-python.sh --venv-only` stops after the install (for benches).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/python-venv
rm -rf "$venv" target/wheels
python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip
"$venv/bin/pip" install -q maturin pytest "pyjwt[crypto]" joserfc mypy
"$venv/bin/pip" wheel -q --no-deps ./bindings/python -w target/wheels
"$venv/bin/pip" install -q --force-reinstall target/wheels/hcjwt-*.whl
[ "${1:-}" = "--venv-only" ] && exit 0
cd bindings/python/tests
# Run from the tests folder so `import hcjwt` finds the installed wheel.
../../../"$venv"/bin/python -m pytest -q -p no:cacheprovider .
../../../"$venv"/bin/python -m mypy.stubtest hcjwt --ignore-missing-stub
