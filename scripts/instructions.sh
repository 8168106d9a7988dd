#!/usr/bin/env bash
# The instruction-count benches (benches/instructions.rs, gungraun under
# valgrind) with the runner scripts/setup.sh --ci-tools builds. Each count
# is held to benches/instructions.json: more than 5% over fails.
# `scripts/instructions.sh --update` writes the counts of this run as the
# new baseline (after a change meant to cost more, or one that saved).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x target/tools/bin/gungraun-runner ] || scripts/setup.sh --ci-tools
export GUNGRAUN_RUNNER="$PWD/target/tools/bin/gungraun-runner"
log=target/instructions.log
mkdir -p target
status=0
cargo bench -q --features remote --bench instructions -- --nocapture=false 2>&1 | tee "$log" || status=$?
if [ "${1:-}" = "--update" ]; then
  python3 - "$log" <<'PY'
import json, re, sys
counts, current = {}, None
for line in open(sys.argv[1], encoding="utf-8"):
    line = re.sub(r"\x1b\[[0-9;]*m", "", line)
    bench = re.match(r"^instructions::hs256::(\w+) (\w+)", line)
    if bench:
        current = {"mint": "mint_hs256", "mint_json": "mint_json_hs256", "verify_map": "verify_map_hs256",
                   "verify_typed": "verify_typed_hs256", "read_user": "read_user",
                   "floor_verify_typed": "floor_verify_typed_hs256",
                   "jsonwebtoken_verify_typed": "jsonwebtoken_verify_typed_hs256"}[bench.group(1)]
    found = re.match(r"^\s+Instructions:\s+(\d+)", line)
    if found and current:
        counts[current] = int(found.group(1))
        current = None
if len(counts) != 7:
    sys.exit(f"found {len(counts)} of 7 counts in {sys.argv[1]}")
with open("benches/instructions.json", "w", encoding="utf-8") as out:
    json.dump(counts, out, indent=2, sort_keys=True)
    out.write("\n")
print("benches/instructions.json:", counts)
PY
  exit 0
fi
exit "$status"
