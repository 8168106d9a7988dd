"""Keys that can't be confused, from Python: key material is never an HMAC
secret, small-order Ed25519 keys and published private members are refused,
an audience nobody expects is refused, and nothing echoes key material."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

import hcjwt
import jwt as pyjwt
from conftest import NOW, key


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_public_key_material_is_never_an_hmac_secret() -> None:
    public_pem = key("rsa2048_public.pem")
    for build in (
        lambda: hcjwt.Verifier(public_pem, "HS256"),
        lambda: hcjwt.Verifier(public_pem.decode(), ["HS256", "HS512"]),
        lambda: hcjwt.Minter(public_pem, "HS256"),
        lambda: hcjwt.Minter(key("rsa2048.pem"), "HS512"),
    ):
        with pytest.raises(hcjwt.InvalidKeyError, match="RS/HS confusion"):
            build()
    # The forgery such a verifier would have accepted: HS256 keyed with the PEM.
    signing_input = b64(b'{"alg":"HS256"}') + "." + b64(b'{"exp":%d}' % (NOW + 60))
    signature = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
    forged = signing_input + "." + b64(signature)
    with pytest.raises(hcjwt.AlgorithmNotAllowedError):
        hcjwt.Verifier(public_pem, "RS256").verify(forged, now=NOW)
    with pytest.raises(hcjwt.InvalidOptionError, match=r"mix HMAC \(HS256\) and public-key \(RS256\)"):
        hcjwt.Verifier(public_pem, ["RS256", "HS256"])
    with pytest.raises(pyjwt.InvalidKeyError):
        pyjwt.encode({"exp": NOW + 60}, public_pem, algorithm="HS256")


def test_small_order_ed25519_keys_are_refused() -> None:
    for point in [bytes(32), b"\x01" + bytes(31), b"\xec" + b"\xff" * 30 + b"\x7f"]:
        jwk = {"kty": "OKP", "crv": "Ed25519", "x": b64(point)}
        with pytest.raises(hcjwt.InvalidKeyError, match="small order|invalid"):
            hcjwt.Verifier.from_jwks({"keys": [jwk]}, "EdDSA")


def test_a_published_key_set_with_private_members_is_refused() -> None:
    private = (key("../rfc/rfc7515_a2_rsa_private.jwk.json")).decode()
    with pytest.raises(hcjwt.InvalidKeyError, match="private member d"):
        hcjwt.Verifier.from_jwks('{"keys": [' + private + "]}", "RS256")


def test_an_audience_nobody_expects_is_refused_unless_accepted() -> None:
    secret = b"a-shared-secret-of-at-least-32-bytes!!"
    token = hcjwt.Minter(secret, "HS256", audience="someone").mint({"id": 1, "email": "a@example.com"}, now=NOW)
    with pytest.raises(hcjwt.InvalidAudienceError) as raised:
        hcjwt.Verifier(secret, "HS256").verify(token, now=NOW)
    assert isinstance(raised.value, pyjwt_compatible_invalid_token()) and raised.value.kind == "invalid_claim"
    assert hcjwt.Verifier(secret, "HS256", accept_any_audience=True).verify(token, now=NOW)["aud"] == "someone"
    assert hcjwt.Verifier(secret, "HS256", audience=["hc", "someone"]).verify(token, now=NOW)["aud"] == "someone"


def pyjwt_compatible_invalid_token() -> type:
    return hcjwt.InvalidTokenError


def test_key_material_is_never_echoed_and_reprs_are_python() -> None:
    secret_value = "c3VwZXItc2VjcmV0LWtleS1tYXRlcmlhbA"
    with pytest.raises(hcjwt.InvalidKeyError) as raised:
        hcjwt.Verifier.from_jwks({"keys": [{"kty": "oct", "k": [secret_value]}]}, "HS256")
    assert secret_value not in str(raised.value)
    minter = hcjwt.Minter(key("rsa2048.pem"), "RS256", kid="k1")
    assert repr(minter) == "Minter(algorithm='RS256', kid='k1')"
    assert "Some(" not in repr(hcjwt.Minter(b"a-shared-secret-of-at-least-32-bytes!!", "HS256"))
    verifier = hcjwt.Verifier.from_jwks(minter.jwks(), ["RS256", "PS256"], issuer="acme")
    assert repr(verifier) == "Verifier(algorithms=['RS256', 'PS256'], kids=['k1'], leeway=60, issuer='acme', audience=[])"
