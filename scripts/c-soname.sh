#!/usr/bin/env bash
# Prints libhcjwt's SONAME for the workspace version (the rule of bindings/c/build.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
major=${version%%.*}
rest=${version#*.}
minor=${rest%%.*}
if [ "$major" = 0 ]; then echo "libhcjwt.so.0.$minor"; else echo "libhcjwt.so.$major"; fi
