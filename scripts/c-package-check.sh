#!/usr/bin/env bash
# Checks an installed or unpacked C package under PREFIX: the shared
# library's SONAME and versioned file name, the pkg-config file for shared
# and static linking, and examples/c/mint_and_verify.c built and run both ways.
# Usage: scripts/c-package-check.sh PREFIX
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=$(cd "$1" && pwd)
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
soname=$(scripts/c-soname.sh)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"

[ -f "$prefix/lib/libhcjwt.so.$version" ] || { echo "no lib/libhcjwt.so.$version" >&2; exit 1; }
[ "$(readlink "$prefix/lib/$soname")" = "libhcjwt.so.$version" ] || { echo "lib/$soname does not link to the library" >&2; exit 1; }
[ "$(readlink "$prefix/lib/libhcjwt.so")" = "$soname" ] || { echo "lib/libhcjwt.so does not link to $soname" >&2; exit 1; }
grep -q "Library soname: \[$soname\]" <<<"$(readelf -d "$prefix/lib/libhcjwt.so.$version")" \
  || { echo "the SONAME is not $soname" >&2; exit 1; }
[ "$(pkg-config --modversion hcjwt)" = "$version" ] || { echo "hcjwt.pc has another version" >&2; exit 1; }
grep -q -- "-lpthread -ldl -lm" <<<"$(pkg-config --static --libs hcjwt)" || { echo "hcjwt.pc lacks Libs.private" >&2; exit 1; }

# Shared: the binary needs the SONAME, found through the prefix.
cc -std=c11 -Wall -Wextra -Werror examples/c/mint_and_verify.c $(pkg-config --cflags --libs hcjwt) -o "$out/shared"
grep -q "Shared library: \[$soname\]" <<<"$(readelf -d "$out/shared")" || { echo "the example does not link $soname" >&2; exit 1; }
LD_LIBRARY_PATH="$prefix/lib" "$out/shared" >/dev/null

# Static: libhcjwt.a with the private libraries; no libhcjwt at run time.
cc -std=c11 -Wall -Wextra -Werror examples/c/mint_and_verify.c $(pkg-config --cflags hcjwt) \
  -L"$prefix/lib" -Wl,-Bstatic -lhcjwt -Wl,-Bdynamic $(pkg-config --static --libs-only-l hcjwt | sed 's/-lhcjwt//') -o "$out/static"
if grep -q "libhcjwt" <<<"$(readelf -d "$out/static")"; then echo "the static example links libhcjwt.so" >&2; exit 1; fi
"$out/static" >/dev/null
echo "C package under $prefix: $soname, pkg-config shared and static, example runs both ways"
