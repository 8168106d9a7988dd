#!/usr/bin/env bash
# Writes tests/fixtures/tls/: a test certificate authority (as a
# TLS-inspecting corporate proxy has one) and a server certificate it signed
# for 127.0.0.1 and localhost, valid for a century. The tests serve HTTPS on
# 127.0.0.1 with it and trust the authority through SSL_CERT_FILE only.
# Run once and commit the output; the keys protect nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/fixtures/tls
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 36500 \
  -subj "/CN=hcjwt test proxy CA" -keyout "$work/ca.key" -out "$out/ca.pem" \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
  -keyout "$out/server.key" -out "$work/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' >"$work/ext"
openssl x509 -req -in "$work/server.csr" -CA "$out/ca.pem" -CAkey "$work/ca.key" -set_serial 1 \
  -days 36500 -extfile "$work/ext" -out "$out/server.pem" 2>/dev/null
openssl pkcs8 -topk8 -nocrypt -in "$out/server.key" -out "$out/server.key.pk8"
mv "$out/server.key.pk8" "$out/server.key"
cat >"$out/README.md" <<'README'
# TLS test fixtures

`ca.pem`: a test certificate authority, as a TLS-inspecting proxy has one.
`server.pem` and `server.key` (PKCS#8): a certificate it signed for
127.0.0.1 and localhost. Valid for a century; they protect nothing. Written
by `scripts/gen-tls-fixtures.sh` (openssl).
README
