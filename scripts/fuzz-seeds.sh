#!/usr/bin/env bash
# Seeds each fuzz target's corpus (fuzz/corpus/<target>, not committed) with
# the repository's own fixtures, so fuzzing starts from real inputs.
set -euo pipefail
cd "$(dirname "$0")/.."
seed() { # target files...
  local target=$1
  shift
  mkdir -p "fuzz/corpus/$target"
  for file in "$@"; do
    [ -f "$file" ] && cp "$file" "fuzz/corpus/$target/seed-$(basename "$file")"
  done
  return 0
}
seed keys tests/fixtures/keys/* tests/fixtures/rfc/*
seed claims_json tests/fixtures/spec/claim*.json examples/claims.json benches/peers/claims5.json
seed fields_json tests/fixtures/spec/field*.json examples/fields.json tests/fixtures/users/fields.json
seed capi examples/*.json tests/fixtures/users/*.json tests/fixtures/spec/*.json
# user_values: a pattern line, then a user_fields object.
mkdir -p fuzz/corpus/user_values
printf '%s\n%s' '\A[A-Z]{3}-\d{4}\z' '{"t": "x", "c": true, "d": "2024-02-29", "n": 1.5, "i": 42, "o": "a", "m": ["a", "b"], "l": "123", "r": "ABC-1234", "x": null}' \
  > fuzz/corpus/user_values/seed-all-types
printf '%s\n%s' '(?<=a)b' '{"r": "ab", "d": "2019-06-01T10:00:00Z", "unknown": null}' > fuzz/corpus/user_values/seed-lookbehind
# return_to: paths and URLs, good and hostile.
mkdir -p fuzz/corpus/return_to
for seed in /hc/en-us https://acme.zendesk.com/hc https://support.acme.com/x '/..//evil.example' '//evil' 'javascript:alert(1)'; do
  printf '%s' "$seed" >"fuzz/corpus/return_to/seed-$(printf '%s' "$seed" | cksum | cut -d' ' -f1)"
done
# verify: JSON documents (the target also signs its input as a payload) and
# the compact tokens of the Wycheproof JWS file.
seed verify examples/*.json tests/fixtures/users/*.json
mkdir -p fuzz/corpus/inspect
# (awk stops writing at 60 but reads to the end: no early close, no SIGPIPE
# under pipefail.)
grep -o '"jws" *: *"[^"]*"' tests/fixtures/wycheproof/json_web_signature_test.json | sed 's/.*: *"\(.*\)"/\1/' |
  awk 'NR <= 60 { print > ("fuzz/corpus/verify/seed-" NR); print > ("fuzz/corpus/inspect/seed-" NR) }'
