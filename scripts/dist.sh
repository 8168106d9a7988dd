#!/usr/bin/env bash
# Builds every release artifact into dist/ and checks each one:
#   Python  abi3 wheels for manylinux2014 (glibc 2.17) and musllinux_1_2,
#           cross-linked through zig, checked by auditwheel; the sdist; the
#           glibc wheel installed into a fresh virtualenv whose PATH has no
#           cargo or rustc, and the Python suite run against it.
#   Rust    the hcjwt and hcjwt-cli crate packages (cargo package builds
#           each from its packaged sources).
#   C       hcjwt-VERSION-x86_64-linux-gnu.tar.gz: lib/libhcjwt.so.VERSION
#           (SONAME), lib/libhcjwt.a, include/hcjwt.h and a relocatable
#           lib/pkgconfig/hcjwt.pc, unpacked into a fresh prefix where the
#           example is built and run, shared and static.
# The musl wheel needs the x86_64-unknown-linux-musl Rust target; when it
# cannot be installed here (no access to the Rust distribution server) it is
# skipped with a message, and every other check still fails the build.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
DIST=dist
DIST_VENV=target/dist-venv
rm -rf "$DIST"
mkdir -p "$DIST"

# Pinned build tools (maturin, zig, auditwheel) in their own virtualenv.
if [ ! -x "$DIST_VENV/bin/maturin" ]; then
  python3 -m venv "$DIST_VENV"
  "$DIST_VENV/bin/pip" install -q --disable-pip-version-check -r bindings/python/requirements-dist.txt
fi
# maturin finds zig through the virtualenv's python (the ziglang package).
export PATH="$PWD/$DIST_VENV/bin:$PATH"

echo "dist: manylinux2014 wheel"
maturin build --quiet --release --zig --compatibility manylinux2014 --target x86_64-unknown-linux-gnu \
  -m bindings/python/Cargo.toml -o "$DIST"
glibc_wheel=$(ls "$DIST"/hcjwt-"$version"-cp310-abi3-manylinux*_x86_64.whl)
auditwheel show "$glibc_wheel" | tee "$DIST/.auditwheel-glibc.txt"
grep -q 'manylinux_2_17_x86_64' "$DIST/.auditwheel-glibc.txt" \
  || { echo "dist: the glibc wheel is not manylinux_2_17" >&2; exit 1; }

if grep -q x86_64-unknown-linux-musl <<<"$(rustup target list --installed 2>/dev/null)" \
   || timeout 180 rustup target add x86_64-unknown-linux-musl >/dev/null 2>&1; then
  echo "dist: musllinux_1_2 wheel"
  maturin build --quiet --release --zig --compatibility musllinux_1_2 --target x86_64-unknown-linux-musl \
    -m bindings/python/Cargo.toml -o "$DIST"
  musl_wheel=$(ls "$DIST"/hcjwt-"$version"-cp310-abi3-musllinux_1_2_x86_64.whl)
  # auditwheel cannot read musl's libc on a glibc host: check the policy's
  # substance directly (the tag, and musl's libc.so as the only library).
  extracted=$(mktemp -d)
  python3 -m zipfile -e "$musl_wheel" "$extracted"
  grep -q '^Tag: cp310-abi3-musllinux_1_2_x86_64$' "$extracted"/hcjwt-*.dist-info/WHEEL \
    || { echo "dist: the musl wheel's tag is not musllinux_1_2" >&2; exit 1; }
  needed=$(readelf -d "$extracted"/hcjwt/_hcjwt.abi3.so | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | paste -sd' ')
  [ "$needed" = "libc.so" ] || { echo "dist: the musl extension needs $needed, not only musl's libc.so" >&2; exit 1; }
  rm -rf "$extracted"
else
  echo "dist: musllinux wheel skipped: the x86_64-unknown-linux-musl target cannot be installed here"
fi

echo "dist: sdist"
maturin sdist -m bindings/python/Cargo.toml -o "$DIST"
sdist=$(ls "$DIST"/hcjwt-"$version".tar.gz)
tar -tzf "$sdist" > "$DIST/.sdist-files.txt"
for file in src/lib.rs bindings/python/src/lib.rs python/hcjwt/__init__.py pyproject.toml LICENSE-MIT; do
  grep -qx "hcjwt-$version/$file" "$DIST/.sdist-files.txt" || { echo "dist: the sdist lacks $file" >&2; exit 1; }
done

echo "dist: the glibc wheel in a fresh virtualenv without cargo or rustc"
venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check "$glibc_wheel" \
  $(grep -v -e '^maturin' -e '^#' -e '^$' bindings/python/requirements-dev.txt)
clean_path=$(echo "$PATH" | tr ':' '\n' | grep -v -e cargo -e rustup -e "$DIST_VENV" | paste -sd:)
(cd bindings/python/tests && env PATH="$venv/bin:$clean_path" sh -c \
  '! command -v cargo >/dev/null && ! command -v rustc >/dev/null && python -m pytest -q -p no:cacheprovider .')

echo "dist: crate packages"
# cargo verifies hcjwt-cli against the hcjwt it just packaged through a local
# registry; it takes a registry crate of a known version as unchanged, so the
# unpacked copy (under CARGO_HOME) and the build (its fingerprint) left by an
# earlier run of the same version would hide new API. Both are dropped.
rm -rf "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/hcjwt-"$version" \
  "${CARGO_HOME:-$HOME/.cargo}"/registry/src/-*/hcjwt-cli-"$version" \
  target/debug/.fingerprint/hcjwt-*
cargo package --quiet --locked -p hcjwt -p hcjwt-cli
cp target/package/hcjwt-"$version".crate target/package/hcjwt-cli-"$version".crate "$DIST"/

echo "dist: C tarball"
name=hcjwt-"$version"-x86_64-linux-gnu
stage=target/dist-stage/$name
rm -rf target/dist-stage
make --no-print-directory install PREFIX="$PWD/$stage" PC_PREFIX='$${pcfiledir}/../..' >/dev/null
tar -C target/dist-stage -czf "$DIST/$name.tar.gz" "$name"
unpacked=$(mktemp -d)
tar -C "$unpacked" -xzf "$DIST/$name.tar.gz"
scripts/c-package-check.sh "$unpacked/$name"
rm -rf "$unpacked"

(cd "$DIST" && sha256sum -- *.whl *.tar.gz *.crate > SHA256SUMS)
echo "dist: done"
ls -l "$DIST"
