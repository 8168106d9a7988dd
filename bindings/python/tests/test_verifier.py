from __future__ import annotations

import json

import pytest

import hcjwt
from conftest import NOW, SECRET, key


@pytest.fixture
def token() -> str:
    return hcjwt.Minter(SECRET, "HS256").mint({"id": 1, "email": "a@example.com"}, now=NOW)


def test_verify_returns_the_payload_with_python_types(token) -> None:
    payload = hcjwt.Verifier(SECRET, "HS256").verify(token, now=NOW)
    assert isinstance(payload["iat"], int) and payload["externalId"] is None


def test_a_peer_payload_reads_as_json_loads_reads_it() -> None:
    """Numbers of every size and kind, escapes and nesting arrive as
    json.loads gives them, from a token another library signed."""
    import jwt

    claims = {
        "exp": NOW + 60,
        "big": 12345678901234567890123,
        "u64": 2**64 - 1,
        "negative": -(2**63),
        "ratio": 1.5,
        "tiny": 5e-324,
        "text": "caf\u00e9 \"quoted\" \\ \u2028",
        "nested": {"list": [None, True, False, [], {}], "empty": ""},
    }
    token = jwt.encode(claims, SECRET, algorithm="HS256")
    payload = hcjwt.Verifier(SECRET, "HS256").verify(token, now=NOW)
    assert payload == claims
    assert type(payload["big"]) is int and type(payload["ratio"]) is float


def test_expired_and_not_yet_valid(token) -> None:
    verifier = hcjwt.Verifier(SECRET, "HS256", leeway=0)
    with pytest.raises(hcjwt.ExpiredTokenError) as raised:
        verifier.verify(token, now=NOW + 301)
    assert isinstance(raised.value, hcjwt.InvalidTokenError)
    with pytest.raises(hcjwt.NotYetValidError):
        verifier.verify(token, now=NOW - 10)


def test_signature_algorithm_and_kid_errors(token) -> None:
    with pytest.raises(hcjwt.InvalidSignatureError):
        hcjwt.Verifier(b"another-secret-of-at-least-32-bytes!!!", "HS256").verify(token, now=NOW)
    with pytest.raises(hcjwt.AlgorithmNotAllowedError):
        hcjwt.Verifier(key("rsa2048_public.pem"), "RS256").verify(token, now=NOW)
    kid_token = hcjwt.Minter(SECRET, "HS256", kid="other").mint({"id": 1, "email": "a@example.com"}, now=NOW)
    rsa_minter = hcjwt.Minter(key("rsa2048.pem"), "RS256")
    verifier = hcjwt.Verifier.from_jwks(rsa_minter.jwks(), ["RS256", "HS256"])
    with pytest.raises(hcjwt.AlgorithmNotAllowedError):
        verifier.verify(kid_token, now=NOW)
    unknown = hcjwt.Minter(key("rsa2048.pem"), "RS256", kid="who").mint({"id": 1, "email": "a@example.com"}, now=NOW)
    with pytest.raises(hcjwt.UnknownKidError):
        verifier.verify(unknown, now=NOW)


def test_malformed_and_oversized_tokens(token) -> None:
    verifier = hcjwt.Verifier(SECRET, "HS256")
    for bad in ["", "a.b", token + ".x", " " + token, token.replace(".", "+.", 1)]:
        with pytest.raises(hcjwt.MalformedTokenError):
            verifier.verify(bad, now=NOW)
    with pytest.raises(hcjwt.TokenTooLargeError) as raised:
        verifier.verify("a" * (1 << 20), now=NOW)
    assert isinstance(raised.value, hcjwt.DecodeError) and raised.value.kind == "token_too_large"
    assert verifier.verify(token.encode(), now=NOW)["userId"] == 1


def test_issuer_and_audience() -> None:
    token = hcjwt.Minter(SECRET, "HS256", issuer="acme", audience="hc").mint({"id": 1, "email": "a@example.com"}, now=NOW)
    assert hcjwt.Verifier(SECRET, "HS256", issuer="acme", audience="hc").verify(token, now=NOW)["aud"] == "hc"
    with pytest.raises(hcjwt.InvalidClaimError):
        hcjwt.Verifier(SECRET, "HS256", issuer="acme-evil").verify(token, now=NOW)


def test_from_jwks_accepts_dict_and_text() -> None:
    minter = hcjwt.Minter(key("p256.pem"), "ES256")
    token = minter.mint({"id": 1, "email": "a@example.com"}, now=NOW)
    for jwks in [minter.jwks(), json.dumps(minter.jwks()), json.dumps(minter.jwks()).encode()]:
        assert hcjwt.Verifier.from_jwks(jwks, "ES256").verify(token, now=NOW)["userId"] == 1
    with pytest.raises(hcjwt.InvalidKeyError):
        hcjwt.Verifier.from_jwks({"keys": []}, "ES256")


def test_bad_keys_raise_invalid_key_error() -> None:
    for bad in [b"", b"short", b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"]:
        with pytest.raises(hcjwt.InvalidKeyError):
            hcjwt.Minter(bad, "HS256" if not bad.startswith(b"-") else "RS256")
    with pytest.raises(hcjwt.InvalidKeyError):
        hcjwt.Minter(key("rsa2048_public.pem"), "RS256")
    with pytest.raises(hcjwt.UnsupportedAlgorithmError) as raised:
        hcjwt.Minter(SECRET, "none")
    assert not isinstance(raised.value, hcjwt.InvalidKeyError), "an algorithm is not a key"
    with pytest.raises(hcjwt.InvalidKeyError):
        hcjwt.Minter(key("rsa1024.pem"), "RS256")
    with pytest.raises(ValueError):
        hcjwt.Minter(key("p256.pem"), "ES384")
