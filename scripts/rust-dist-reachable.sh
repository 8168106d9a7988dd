#!/usr/bin/env bash
# Exits 0 when the Rust distribution server answers within 10 seconds (so
# rustup can add a target or component), 1 otherwise: CI reaches only the
# package registries, and a rustup call there would wait minutes to fail.
# The answer is remembered in target/.rust-dist for the rest of the run
# (`rm target/.rust-dist` to ask again).
set -uo pipefail
cd "$(dirname "$0")/.."
memo=target/.rust-dist
if [ ! -f "$memo" ]; then
  mkdir -p target
  if python3 - <<'PY' 2>/dev/null
import urllib.request
urllib.request.urlopen("https://static.rust-lang.org/dist/channel-rust-stable.toml.sha256", timeout=10).read()
PY
  then echo yes > "$memo"; else echo no > "$memo"; fi
fi
[ "$(cat "$memo")" = yes ]
