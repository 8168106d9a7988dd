#!/usr/bin/env bash
# Builds every release artifact into dist/ and checks each one:
#   Python  abi3 wheels for manylinux2014 (glibc 2.17) and musllinux_1_2,
#           cross-linked through zig, checked by auditwheel; the sdist. The
#           glibc wheel is the one scripts/wheel.sh built and `make
#           test-python` tested (with no cargo or rustc on PATH); it is
#           tested here only when that has not happened.
#   Rust    the hcjwt and hcjwt-cli crate packages, each built from its
#           packaged sources (the CLI against the packaged library).
#   C       hcjwt-VERSION-x86_64-linux-gnu.tar.gz: lib/libhcjwt.so.VERSION
#           (SONAME), lib/libhcjwt.a, include/hcjwt.h and a relocatable
#           lib/pkgconfig/hcjwt.pc, unpacked into a fresh prefix where the
#           example is built and run, shared and static.
# The musl wheel needs the x86_64-unknown-linux-musl Rust target; when it
# is not installed and the Rust distribution server is out of reach
# (scripts/rust-dist-reachable.sh, asked once) it is skipped with a message,
# and every other check still fails the build. Nothing outside the
# repository is written but the toolchain's target.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
DIST=dist
rm -rf "$DIST"
mkdir -p "$DIST"

VENV=target/python-venv
# maturin finds zig through the virtualenv's python (the ziglang package).
export PATH="$PWD/$VENV/bin:$PATH"

echo "dist: manylinux2014 wheel (the one the Python suite tested)"
scripts/wheel.sh
glibc_wheel=$(ls target/wheels/hcjwt-"$version"-cp310-abi3-manylinux*_x86_64.whl)
if [ ! target/wheels/.tested -nt "$glibc_wheel" ]; then
  make --no-print-directory test-python
fi
cp "$glibc_wheel" "$DIST"/
glibc_wheel="$DIST/$(basename "$glibc_wheel")"
auditwheel show "$glibc_wheel" | tee "$DIST/.auditwheel-glibc.txt"
grep -q 'manylinux_2_17_x86_64' "$DIST/.auditwheel-glibc.txt" \
  || { echo "dist: the glibc wheel is not manylinux_2_17" >&2; exit 1; }

if grep -q x86_64-unknown-linux-musl <<<"$(rustup target list --installed 2>/dev/null)" \
   || { scripts/rust-dist-reachable.sh && timeout 300 rustup target add x86_64-unknown-linux-musl >/dev/null 2>&1; }; then
  echo "dist: musllinux_1_2 wheel"
  maturin build --quiet --release --zig --compatibility musllinux_1_2 --target x86_64-unknown-linux-musl \
    -m bindings/python/Cargo.toml -o "$DIST"
  musl_wheel=$(ls "$DIST"/hcjwt-"$version"-cp310-abi3-musllinux_1_2_x86_64.whl)
  # auditwheel cannot read musl's libc on a glibc host: check the policy's
  # substance directly (the tag, and musl's libc.so as the only library).
  extracted=target/dist-musl
  rm -rf "$extracted"
  python3 -m zipfile -e "$musl_wheel" "$extracted"
  grep -q '^Tag: cp310-abi3-musllinux_1_2_x86_64$' "$extracted"/hcjwt-*.dist-info/WHEEL \
    || { echo "dist: the musl wheel's tag is not musllinux_1_2" >&2; exit 1; }
  needed=$(readelf -d "$extracted"/hcjwt/_hcjwt.abi3.so | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | paste -sd' ')
  [ "$needed" = "libc.so" ] || { echo "dist: the musl extension needs $needed, not only musl's libc.so" >&2; exit 1; }
  rm -rf "$extracted"
else
  echo "dist: musllinux wheel skipped: the x86_64-unknown-linux-musl target is not installed and the Rust distribution server is out of reach"
fi

echo "dist: sdist"
maturin sdist -m bindings/python/Cargo.toml -o "$DIST"
sdist=$(ls "$DIST"/hcjwt-"$version".tar.gz)
tar -tzf "$sdist" > "$DIST/.sdist-files.txt"
for file in src/lib.rs bindings/python/src/lib.rs python/hcjwt/__init__.py pyproject.toml LICENSE-MIT; do
  grep -qx "hcjwt-$version/$file" "$DIST/.sdist-files.txt" || { echo "dist: the sdist lacks $file" >&2; exit 1; }
done

echo "dist: crate packages"
# Packaged without cargo's own verification (it unpacks the workspace's
# packages into CARGO_HOME, where an earlier run of the same version would be
# taken as unchanged), then each built from its packaged sources here: the
# CLI against the packaged library.
cargo package --quiet --locked --no-verify -p hcjwt -p hcjwt-cli
verify=target/package/verify
rm -rf "$verify"
mkdir -p "$verify"
for crate in hcjwt hcjwt-cli; do
  tar -C "$verify" -xzf target/package/"$crate"-"$version".crate
done
cargo build --quiet --target-dir target --manifest-path "$verify/hcjwt-$version/Cargo.toml" --features remote
cargo build --quiet --target-dir target --manifest-path "$verify/hcjwt-cli-$version/Cargo.toml" \
  --config "patch.crates-io.hcjwt.path='$PWD/$verify/hcjwt-$version'"
cp target/package/hcjwt-"$version".crate target/package/hcjwt-cli-"$version".crate "$DIST"/

echo "dist: C tarball"
name=hcjwt-"$version"-x86_64-linux-gnu
stage=target/dist-stage/$name
rm -rf target/dist-stage
make --no-print-directory install PREFIX="$PWD/$stage" PC_PREFIX='$${pcfiledir}/../..' >/dev/null
tar -C target/dist-stage -czf "$DIST/$name.tar.gz" "$name"
unpacked=target/dist-unpacked
rm -rf "$unpacked"
mkdir -p "$unpacked"
tar -C "$unpacked" -xzf "$DIST/$name.tar.gz"
scripts/c-package-check.sh "$unpacked/$name"
rm -rf "$unpacked"

(cd "$DIST" && sha256sum -- *.whl *.tar.gz *.crate > SHA256SUMS)
echo "dist: done"
ls -l "$DIST"
