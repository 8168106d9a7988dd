"""Interop both ways with PyJWT for every one of the 12 algorithms."""

from __future__ import annotations

import jwt
import pytest

import hcjwt
from conftest import NOW, SECRET, key

RSA = (key("rsa2048.pem"), key("rsa2048_public.pem"))
CASES = {
    "HS256": (SECRET, SECRET),
    "HS384": (SECRET * 2, SECRET * 2),
    "HS512": (key("hs512.secret").strip(), key("hs512.secret").strip()),
    "RS256": RSA,
    "RS384": RSA,
    "RS512": RSA,
    "PS256": RSA,
    "PS384": RSA,
    "PS512": RSA,
    "ES256": (key("p256.pem"), key("p256_public.pem")),
    "ES384": (key("p384.pem"), key("p384_public.pem")),
    "EdDSA": (key("ed25519.pem"), key("ed25519_public.pem")),
}


def test_every_algorithm_is_covered() -> None:
    assert len(CASES) == 12


@pytest.mark.parametrize("algorithm", sorted(CASES))
def test_pyjwt_verifies_hcjwt_tokens(algorithm: str) -> None:
    private, public = CASES[algorithm]
    token = hcjwt.Minter(private, algorithm).mint({"id": 5, "email": "a@example.com"})
    claims = jwt.decode(token, public, algorithms=[algorithm])
    assert claims["userId"] == 5 and claims["email"] == "a@example.com"
    header = jwt.get_unverified_header(token)
    assert header["typ"] == "JWT" and header["alg"] == algorithm


@pytest.mark.parametrize("algorithm", sorted(CASES))
def test_hcjwt_verifies_pyjwt_tokens(algorithm: str) -> None:
    private, public = CASES[algorithm]
    token = jwt.encode({"sub": "x", "iat": NOW, "exp": NOW + 60}, private, algorithm=algorithm)
    assert hcjwt.Verifier(public, algorithm).verify(token, now=NOW)["sub"] == "x"


def test_pyjwt_tokens_without_exp_are_refused() -> None:
    token = jwt.encode({"sub": "x"}, SECRET, algorithm="HS256")
    with pytest.raises(hcjwt.InvalidClaimError):
        hcjwt.Verifier(SECRET, "HS256").verify(token)
