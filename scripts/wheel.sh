#!/usr/bin/env bash
# Builds the wheel hcjwt ships (abi3, manylinux2014: cross-linked through zig
# for glibc 2.17) into target/wheels and installs it into the virtualenv that
# scripts/setup.sh made, unless the installed wheel is newer than every source
# it is built from: one build serves the Python suite, the benchmarks and
# scripts/dist.sh, so the wheel tested is the wheel released.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=target/python-venv
stamp=target/wheels/.installed
if [ -f "$stamp" ] && [ -z "$(find Cargo.toml Cargo.lock rust-toolchain.toml src bindings/python \
    -newer "$stamp" -type f -not -path '*/__pycache__/*' -not -path 'bindings/python/tests/*' -print -quit)" ]; then
  exit 0
fi
rm -rf target/wheels
# maturin finds zig through the virtualenv's python (the ziglang package).
PATH="$PWD/$VENV/bin:$PATH" "$VENV/bin/maturin" build --quiet --release --zig \
  --compatibility manylinux2014 --target x86_64-unknown-linux-gnu \
  -m bindings/python/Cargo.toml -o target/wheels
"$VENV/bin/pip" install -q --disable-pip-version-check --no-deps --force-reinstall target/wheels/hcjwt-*.whl
touch "$stamp"
