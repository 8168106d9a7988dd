#!/usr/bin/env bash
# Installs what the test suites need, idempotently, so that `make test` works
# on a fresh machine:
#   - Debian packages (when root): a C and C++ compiler, valgrind, pkg-config,
#     libjwt (the C peer and the C suite's forger), Chromium (the browser
#     test) and Ruby (the judge of regexp fields);
#   - pinned cargo tools under target/tools/bin (cbindgen; with --ci also
#     cargo-deny and cargo-fuzz);
#   - a virtualenv at target/python-venv with the pinned packages of
#     bindings/python/requirements-dev.txt (rebuilt only when that file changes).
# Usage: scripts/setup.sh [--ci | --tools | --ci-tools]
#   --ci        also the tools only CI runs (cargo-deny, gungraun-runner,
#               cargo-fuzz);
#   --tools     only cbindgen (what scripts/gen-header.sh needs): no
#               packages, no virtualenv;
#   --ci-tools  only those CI tools (.ci/run builds them in the
#               background while the suites run).
# The tools are built unoptimized (they run for seconds) in one shared
# target directory, so the crates they share compile once.
set -euo pipefail
cd "$(dirname "$0")/.."

CBINDGEN_VERSION=0.29.4
CARGO_DENY_VERSION=0.20.2
CARGO_FUZZ_VERSION=0.13.2
# The instruction-count benches' runner must match their gungraun exactly.
GUNGRAUN_VERSION=$(sed -n 's/^gungraun = "=\(.*\)"/\1/p' Cargo.toml)
TOOLS="$PWD/target/tools"
VENV="$PWD/target/python-venv"
REQUIREMENTS=bindings/python/requirements-dev.txt
ci=false
tools_only=false
ci_tools_only=false
[ "${1:-}" = "--ci" ] && ci=true
[ "${1:-}" = "--tools" ] && tools_only=true
[ "${1:-}" = "--ci-tools" ] && { ci=true; tools_only=true; ci_tools_only=true; }

say() { echo "setup: $*" >&2; }

# --- Debian packages --------------------------------------------------------
packages() {
# command or file that proves the package is there -> package name
declare -A PACKAGES=(
  [cc]=gcc
  [g++]=g++
  [valgrind]=valgrind
  [pkg-config]=pkg-config
  [/usr/include/jwt.h]=libjwt-dev
  [chromium]=chromium
  [ruby]=ruby
  [python3-venv-probe]=python3-venv
)
missing=()
for probe in "${!PACKAGES[@]}"; do
  case "$probe" in
    /*) [ -e "$probe" ] || missing+=("${PACKAGES[$probe]}") ;;
    python3-venv-probe) python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv) ;;
    *) command -v "$probe" >/dev/null 2>&1 || missing+=("${PACKAGES[$probe]}") ;;
  esac
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    for package in "${missing[@]}"; do
      case "$package" in
        chromium) say "chromium is missing: the browser test will be skipped (apt-get install chromium)" ;;
        ruby) say "ruby is missing: the regexp fields' Ruby test will be skipped (apt-get install ruby)" ;;
        *) say "missing $package: install it (apt-get install $package) or run this script as root"; exit 1 ;;
      esac
    done
  fi
fi

}
$tools_only || packages

# --- pinned cargo tools -------------------------------------------------------
install_tool() { # crate version binary
  if ! grep -q " $2\$" <<<"$("$TOOLS/bin/$3" --version 2>/dev/null)"; then
    say "building $1 $2 (once) into target/tools"
    cargo install --quiet --locked --debug --target-dir "$TOOLS/build" --root "$TOOLS" "$1" --version "$2"
  fi
}
$ci_tools_only || install_tool cbindgen "$CBINDGEN_VERSION" cbindgen
if $ci; then
  install_tool cargo-deny "$CARGO_DENY_VERSION" cargo-deny
  install_tool gungraun-runner "$GUNGRAUN_VERSION" gungraun-runner
  if grep -q '^nightly' <<<"$(rustup toolchain list 2>/dev/null)"; then
    install_tool cargo-fuzz "$CARGO_FUZZ_VERSION" cargo-fuzz
  fi
fi

# --- the Python virtualenv ------------------------------------------------------
$tools_only && exit 0
stamp="$VENV/.requirements"
if ! cmp -s "$REQUIREMENTS" "$stamp" 2>/dev/null; then
  say "creating target/python-venv from $REQUIREMENTS"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQUIREMENTS"
  cp "$REQUIREMENTS" "$stamp"
fi
