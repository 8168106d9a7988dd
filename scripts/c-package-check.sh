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

# The shipped library is stripped (its exports stay).
if readelf -S "$prefix/lib/libhcjwt.so.$version" | grep -q '\.symtab'; then echo "lib/libhcjwt.so.$version is not stripped" >&2; exit 1; fi
readelf --dyn-syms "$prefix/lib/libhcjwt.so.$version" | grep -q ' hcjwt_minter_new$' || { echo "the stripped library lost its exports" >&2; exit 1; }

# Shared, as a user builds it: the SONAME is linked, and the loader finds the
# library only where it searches (LD_LIBRARY_PATH, or an rpath; the README
# says so), so a run without either fails with the loader's own words.
cc -std=c11 -Wall -Wextra -Werror examples/c/mint_and_verify.c $(pkg-config --cflags --libs hcjwt) -o "$out/shared"
grep -q "Shared library: \[$soname\]" <<<"$(readelf -d "$out/shared")" || { echo "the example does not link $soname" >&2; exit 1; }
case "$prefix" in
  /usr|/usr/local) ;;
  *) if env -u LD_LIBRARY_PATH "$out/shared" >/dev/null 2>"$out/loader"; then
       echo "the example ran without finding $prefix/lib: is the library installed elsewhere too?" >&2; exit 1
     fi
     grep -q "$soname: cannot open shared object file" "$out/loader" || { cat "$out/loader" >&2; exit 1; } ;;
esac
[ "$(LD_LIBRARY_PATH="$prefix/lib" "$out/shared" | tail -n 1)" = "johnny@example.com 35436" ] \
  || { echo "the example did not print the verified claims" >&2; exit 1; }
cc -std=c11 -Wall -Wextra -Werror examples/c/mint_and_verify.c $(pkg-config --cflags --libs hcjwt) \
  -Wl,-rpath,"$(pkg-config --variable=libdir hcjwt)" -o "$out/rpath"
env -u LD_LIBRARY_PATH "$out/rpath" >/dev/null

# Static: libhcjwt.a with the private libraries; no libhcjwt at run time.
cc -std=c11 -Wall -Wextra -Werror examples/c/mint_and_verify.c $(pkg-config --cflags hcjwt) \
  -L"$prefix/lib" -Wl,-Bstatic -lhcjwt -Wl,-Bdynamic $(pkg-config --static --libs-only-l hcjwt | sed 's/-lhcjwt//') -o "$out/static"
if grep -q "libhcjwt" <<<"$(readelf -d "$out/static")"; then echo "the static example links libhcjwt.so" >&2; exit 1; fi
"$out/static" >/dev/null
valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 "$out/static" >/dev/null
echo "C package under $prefix: stripped $soname, pkg-config shared (LD_LIBRARY_PATH, rpath) and static, example runs every way, valgrind-clean"
