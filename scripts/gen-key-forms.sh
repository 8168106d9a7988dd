#!/usr/bin/env bash
# Writes tests/fixtures/key-forms/: the public keys of one Ed25519, one P-256
# and one RSA key pair in every form a key file takes in the wild, each of
# which must be refused as an HMAC secret (RS/HS confusion). Made with
# openssl, ssh-keygen, iconv and Python's standard library; run once and
# commit the output (the keys are test-only). The Ed25519 and P-256 keys are
# drawn until the last byte of their DER is white space that trimming
# removes (tab, newline, form feed, return, space): the case that a trimmed
# key file once turned into an HMAC secret.
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/fixtures/key-forms
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out"

# A key whose SPKI DER ends in white space: $1 is the openssl algorithm
# option string, $2 the file prefix.
whitespace_tailed() {
  while :; do
    openssl genpkey $1 -out "$work/$2.pem" 2>/dev/null
    openssl pkey -in "$work/$2.pem" -pubout -outform DER -out "$work/$2.der"
    case "$(tail -c 1 "$work/$2.der" | xxd -p)" in
      09 | 0a | 0c | 0d | 20) return ;;
    esac
  done
}

whitespace_tailed "-algorithm ed25519" ed
whitespace_tailed "-algorithm EC -pkeyopt ec_paramgen_curve:P-256" p256
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/rsa.pem" 2>/dev/null
openssl pkey -in "$work/rsa.pem" -pubout -outform DER -out "$work/rsa.der"

for key in ed p256 rsa; do
  cp "$work/$key.der" "$out/$key.spki.der"
  openssl pkey -in "$work/$key.pem" -pubout -out "$out/$key.spki.pem"
done
openssl rsa -in "$work/rsa.pem" -RSAPublicKey_out -out "$out/rsa.pkcs1.pem" 2>/dev/null
openssl rsa -in "$work/rsa.pem" -RSAPublicKey_out -outform DER -out "$out/rsa.pkcs1.der" 2>/dev/null
openssl pkey -in "$work/ed.pem" -outform DER -out "$out/ed.pkcs8.der"
openssl req -new -x509 -key "$work/p256.pem" -subj /CN=hcjwt-test -days 36500 -out "$out/p256.cert.pem" 2>/dev/null
openssl x509 -in "$out/p256.cert.pem" -outform DER -out "$out/p256.cert.der"

# DER with a trailing newline or NUL, and DER as text: base64 (the body of
# the PEM, one line), base64url, hex.
{ cat "$work/ed.der"; printf '\n'; } >"$out/ed.der-newline"
{ cat "$work/ed.der"; printf '\0'; } >"$out/ed.der-nul"
grep -v -- ----- "$out/ed.spki.pem" | tr -d '\n' >"$out/ed.pem-body.txt"
basenc --base64url -w0 "$work/ed.der" | tr -d = >"$out/ed.der.b64url"
xxd -p "$work/ed.der" | tr -d '\n' >"$out/ed.der.hex"

# OpenSSH: the public key line, a certificate line, RFC 4716, an
# authorized_keys line with options, a known_hosts line, a tab after the
# key type, and the bare base64 blob.
python3 - "$work/ed.der" >"$work/ed.pub" <<'EOF'
import base64, struct, sys
point = open(sys.argv[1], "rb").read()[-32:]
string = lambda data: struct.pack(">I", len(data)) + data
print("ssh-ed25519", base64.b64encode(string(b"ssh-ed25519") + string(point)).decode(), "test@hcjwt")
EOF
cp "$work/ed.pub" "$out/ed.ssh.pub"
ssh-keygen -q -t ed25519 -N '' -f "$work/ca" >/dev/null
cp "$work/ed.pub" "$work/user.pub"
ssh-keygen -q -s "$work/ca" -I hcjwt-test -n test "$work/user.pub"
cp "$work/user-cert.pub" "$out/ed.ssh-cert.pub"
ssh-keygen -e -f "$work/ed.pub" >"$out/ed.rfc4716"
blob=$(cut -d' ' -f2 "$work/ed.pub")
printf 'from="10.0.0.0/8",no-pty ssh-ed25519 %s deploy@example\n' "$blob" >"$out/ed.authorized_keys"
printf 'git.example.com,192.0.2.7 ssh-ed25519 %s\n' "$blob" >"$out/ed.known_hosts"
printf 'ssh-ed25519\t%s\n' "$blob" >"$out/ed.ssh-tab.pub"
printf '%s' "$blob" >"$out/ed.ssh-blob.txt"

# JWK and JWKS: behind a UTF-8 BOM, inside an array, saved as UTF-16 (what
# PowerShell's > writes), and PEM saved as UTF-16.
python3 - "$work/ed.der" "$out" <<'EOF'
import base64, json, sys
der = open(sys.argv[1], "rb").read()
out = sys.argv[2]
jwk = {"kty": "OKP", "crv": "Ed25519", "x": base64.urlsafe_b64encode(der[-32:]).rstrip(b"=").decode()}
open(f"{out}/ed.jwk-bom.json", "wb").write(b"\xef\xbb\xbf" + json.dumps(jwk).encode())
open(f"{out}/ed.jwk-array.json", "w").write(json.dumps([jwk]))
open(f"{out}/ed.jwks-utf16.json", "wb").write(json.dumps({"keys": [jwk]}, indent=2).replace("\n", "\r\n").encode("utf-16"))
EOF
iconv -f UTF-8 -t UTF-16 "$out/ed.spki.pem" | sed 's/\x0a\x00/\x0d\x00\x0a\x00/g' >"$out/ed.spki-utf16.pem"

cat >"$out/README.md" <<'EOF'
# Key forms

The public keys of one Ed25519, one P-256 and one RSA 2048 key pair (test
only) in every form a key file takes in the wild: DER (SPKI, PKCS#1,
PKCS#8, an X.509 certificate), DER with a trailing newline or NUL, DER as
base64, base64url and hex, PEM (also saved as UTF-16), OpenSSH lines
(plain, certificate, tab-separated, authorized_keys with options,
known_hosts, RFC 4716, the bare blob) and JWKs (behind a BOM, in an array,
a JWKS saved as UTF-16). The last byte of the Ed25519 and P-256 SPKI DER is
white space. Every file here must be refused as an HMAC secret: a verifier
that took one would accept tokens anyone holding the public key can sign.

Written by `scripts/gen-key-forms.sh` (openssl, ssh-keygen, iconv, Python's
standard library).
EOF
ls "$out"
