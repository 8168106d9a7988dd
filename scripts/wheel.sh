#!/usr/bin/env bash
# Builds the abi3 wheel into target/wheels and installs it into the virtualenv
# that scripts/setup.sh made, unless the installed wheel is newer than every
# source it is built from (so one CI run builds it once).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=target/python-venv
stamp=target/wheels/.installed
if [ -f "$stamp" ] && [ -z "$(find Cargo.toml Cargo.lock src bindings/python -newer "$stamp" -type f \
    -not -path '*/__pycache__/*' -not -path 'bindings/python/tests/*' -print -quit)" ]; then
  exit 0
fi
rm -rf target/wheels
"$VENV/bin/maturin" build --quiet --release -m bindings/python/Cargo.toml -o target/wheels
"$VENV/bin/pip" install -q --disable-pip-version-check --no-deps --force-reinstall target/wheels/hcjwt-*.whl
touch "$stamp"
