#!/usr/bin/env bash
# Regenerates include/hcjwt.h from bindings/c with the pinned cbindgen that
# scripts/setup.sh installs under target/tools (built there first if missing;
# nothing else is installed).
# `scripts/gen-header.sh --check` fails when the committed header differs.
set -euo pipefail
cd "$(dirname "$0")/.."
CBINDGEN=target/tools/bin/cbindgen
[ -x "$CBINDGEN" ] || scripts/setup.sh --tools
out=include/hcjwt.h
if [ "${1:-}" = "--check" ]; then
  out=$(mktemp)
  trap 'rm -f "$out"' EXIT
fi
"$CBINDGEN" --quiet --config bindings/c/cbindgen.toml --crate hcjwt-capi --output "$out" bindings/c
if [ "${1:-}" = "--check" ]; then
  diff -u include/hcjwt.h "$out" || { echo "include/hcjwt.h is stale: run scripts/gen-header.sh" >&2; exit 1; }
fi
