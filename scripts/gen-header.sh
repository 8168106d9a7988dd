#!/usr/bin/env bash
# Regenerates include/hcjwt.h from bindings/c with the pinned cbindgen.
# `scripts/gen-header.sh --check` fails when the committed header differs.
set -euo pipefail
cd "$(dirname "$0")/.."
CBINDGEN_VERSION=0.29.4
if ! cbindgen --version 2>/dev/null | grep -qx "cbindgen $CBINDGEN_VERSION"; then
  echo "cbindgen $CBINDGEN_VERSION is needed: cargo install cbindgen --version $CBINDGEN_VERSION --locked" >&2
  exit 1
fi
out=include/hcjwt.h
if [ "${1:-}" = "--check" ]; then
  out=$(mktemp)
  trap 'rm -f "$out"' EXIT
fi
cbindgen --quiet --config bindings/c/cbindgen.toml --crate hcjwt-capi --output "$out" bindings/c
if [ "${1:-}" = "--check" ]; then
  diff -u include/hcjwt.h "$out" || { echo "include/hcjwt.h is stale: run scripts/gen-header.sh" >&2; exit 1; }
fi
