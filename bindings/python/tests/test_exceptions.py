"""Every exception class hcjwt raises, raised through the real code path:
each call below fails for one reason and raises exactly that class (not a
subclass or a parent), with its stable `kind`.

SigningError is the one class no input can reach: it is raised when the
crypto backend or the operating system's randomness fails.
"""

from __future__ import annotations

import base64

import jwt as pyjwt
import pytest

import hcjwt
from conftest import NOW, SECRET

USER = {"id": 1, "email": "a@example.com"}
LONG_SECRET = SECRET * 2


def token(**options) -> str:
    return hcjwt.Minter(SECRET, "HS256", **options).mint(USER, now=NOW)


def verifier(**options) -> hcjwt.Verifier:
    return hcjwt.Verifier(SECRET, "HS256", **options)


def kid_a() -> hcjwt.Verifier:
    secret = base64.urlsafe_b64encode(SECRET).rstrip(b"=").decode()
    jwks = {"keys": [{"kty": "oct", "k": secret, "kid": "a", "alg": "HS256"}]}
    return hcjwt.Verifier.from_jwks(jwks, "HS256")


def refused_by_a_key_source():
    source = hcjwt.Verifier.from_jwks_url("http://127.0.0.1:1/keys", ["RS256"], timeout=2.0)
    source.refresh()


def refused_by_zendesk():
    client = hcjwt.zendesk.Client("http://127.0.0.1:1", email="a@example.com", api_token="t", timeout=2.0)
    client.user_fields()


CASES = [
    (hcjwt.ValidationError, "validation", lambda: hcjwt.Minter(SECRET, "HS256").mint({"id": 1})),
    (hcjwt.InvalidJSONError, "json", lambda: hcjwt.ClaimSet.from_json("{")),
    (hcjwt.NotFoundError, "not_found", lambda: hcjwt.ClaimSet(1, 2).get("01J0000000000000000000000A")),
    (hcjwt.InvalidKeyError, "invalid_key", lambda: hcjwt.Minter(b"short", "HS256")),
    (hcjwt.UnsupportedAlgorithmError, "unsupported_algorithm", lambda: hcjwt.Minter(SECRET, "none")),
    (hcjwt.InvalidOptionError, "invalid_option", lambda: hcjwt.Minter(SECRET, "HS256", ttl=0)),
    (
        hcjwt.PayloadTooLargeError,
        "payload_too_large",
        lambda: hcjwt.Minter(SECRET, "HS256", max_token_bytes=128).mint(USER, now=NOW),
    ),
    (hcjwt.TokenTooLargeError, "token_too_large", lambda: verifier().verify("a" * 9000, now=NOW)),
    (hcjwt.MalformedTokenError, "malformed_token", lambda: verifier().verify("x", now=NOW)),
    (
        hcjwt.AlgorithmNotAllowedError,
        "algorithm_not_allowed",
        lambda: verifier().verify(hcjwt.Minter(LONG_SECRET, "HS384").mint(USER, now=NOW), now=NOW),
    ),
    (hcjwt.UnknownKidError, "unknown_kid", lambda: kid_a().verify(token(kid="b"), now=NOW)),
    (
        hcjwt.InvalidSignatureError,
        "invalid_signature",
        lambda: hcjwt.Verifier(LONG_SECRET, "HS256").verify(token(), now=NOW),
    ),
    (hcjwt.ExpiredTokenError, "expired", lambda: verifier().verify(token(), now=NOW + 3600)),
    (hcjwt.NotYetValidError, "not_yet_valid", lambda: verifier().verify(token(), now=NOW - 3600)),
    (
        hcjwt.InvalidClaimError,
        "invalid_claim",
        lambda: verifier().verify(pyjwt.encode({"exp": "soon"}, SECRET, "HS256"), now=NOW),
    ),
    (
        hcjwt.InvalidAudienceError,
        "invalid_claim",
        lambda: verifier(audience="them").verify(token(audience="us"), now=NOW),
    ),
    (
        hcjwt.InvalidIssuerError,
        "invalid_claim",
        lambda: verifier(issuer="them").verify(token(issuer="us"), now=NOW),
    ),
    (
        hcjwt.MissingRequiredClaimError,
        "missing_claim",
        lambda: verifier(issuer="them").verify(token(), now=NOW),
    ),
    (hcjwt.KeySourceError, "key_source", refused_by_a_key_source),
    (hcjwt.ZendeskApiError, "zendesk_api", refused_by_zendesk),
]


@pytest.mark.parametrize("cls,kind,call", CASES, ids=[case[0].__name__ for case in CASES])
def test_each_class_is_raised_by_its_failure(cls, kind, call):
    with pytest.raises(hcjwt.HcjwtError) as raised:
        call()
    assert type(raised.value) is cls, raised.value
    assert raised.value.kind == kind


def test_every_class_is_raised_by_a_case():
    # The parents that only exist to be caught (PyJWT's names among them),
    # and SigningError (see above), are the classes no failure raises as such.
    parents = {hcjwt.HcjwtError, hcjwt.InvalidTokenError, hcjwt.DecodeError, hcjwt.InvalidAlgorithmError}
    classes = {getattr(hcjwt, name) for name in hcjwt.errors.__all__}
    assert classes - {case[0] for case in CASES} == parents | {hcjwt.SigningError}


def test_the_package_exports_every_class():
    assert all(getattr(hcjwt, name) is getattr(hcjwt.errors, name) for name in hcjwt.errors.__all__)
    assert "errors" in hcjwt.__all__
