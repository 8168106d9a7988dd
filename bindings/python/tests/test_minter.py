from __future__ import annotations

import base64
import json
import os

import pytest

import hcjwt
from conftest import NOW, SECRET, key


def payload_of(token: str) -> dict:
    segment = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))


def test_version_comes_from_cargo() -> None:
    assert hcjwt.__version__ == "0.1.0"


def test_mint_help_center_token_with_claims_and_fields(demo_user, claims_json, fields_json) -> None:
    minter = hcjwt.Minter(
        key("rsa2048.pem"),
        claims=hcjwt.ClaimSet.from_json(claims_json),
        fields=hcjwt.FieldCatalog.from_json(fields_json),
    )
    assert minter.algorithm == "RS256"
    assert minter.kid is not None and len(minter.kid) == 43
    token = minter.mint(demo_user, now=NOW)
    payload = payload_of(token)
    assert list(payload)[:6] == ["iat", "exp", "jti", "email", "userId", "externalId"]
    assert payload["exp"] == NOW + 300
    assert payload["custom-claim-1"] == "some-claim-value"
    assert payload["user_fields"]["member_since"] == "2019-06-01"
    verifier = hcjwt.Verifier(key("rsa2048_public.pem"), "RS256")
    assert verifier.verify(token, now=NOW) == payload


def test_key_as_str_and_options() -> None:
    pem = key("p256.pem").decode()
    minter = hcjwt.Minter(pem, "ES256", kid="k1", ttl=60, issuer="acme", audience="hc")
    token = minter.mint({"id": 1, "email": "a@example.com"}, now=NOW)
    payload = payload_of(token)
    assert (payload["iss"], payload["aud"], payload["exp"] - payload["iat"]) == ("acme", "hc", 60)
    assert minter.kid == "k1"
    verifier = hcjwt.Verifier(key("p256_public.pem"), ["ES256"], issuer="acme", audience="hc")
    assert verifier.verify(token, now=NOW)["iss"] == "acme"


def test_mint_many_signs_a_batch(demo_user) -> None:
    minter = hcjwt.Minter(SECRET, "HS256")
    users = [{"id": i, "email": f"u{i}@example.com"} for i in range(1, 51)]
    tokens = minter.mint_many(users, now=NOW)
    assert len(tokens) == 50 and len(set(tokens)) == 50
    verifier = hcjwt.Verifier(SECRET, "HS256")
    assert [verifier.verify(t, now=NOW)["userId"] for t in tokens] == list(range(1, 51))
    assert minter.mint_many([], now=NOW) == []


def test_mint_many_reports_the_first_bad_user_and_signs_nothing() -> None:
    minter = hcjwt.Minter(SECRET, "HS256")
    with pytest.raises(hcjwt.ValidationError) as raised:
        minter.mint_many([{"id": 1, "email": "a@example.com"}, {"id": 2}])
    assert raised.value.errors == {"email": ["can't be blank"]}


def test_jwks_publishes_the_public_key_only() -> None:
    minter = hcjwt.Minter(key("ed25519.pem"), "EdDSA")
    jwks = minter.jwks()
    assert jwks["keys"][0]["kty"] == "OKP" and "d" not in jwks["keys"][0]
    assert hcjwt.Minter(SECRET, "HS256").jwks() == {"keys": []}


def test_sso_profile() -> None:
    minter = hcjwt.Minter(SECRET, "HS256", profile="sso")
    token = minter.mint({"user": {"email": "a@example.com", "name": "Ann", "tags": ["a", "b"], "role": "admin"}}, now=NOW)
    payload = payload_of(token)
    assert payload["name"] == "Ann" and payload["tags"] == ["a", "b"]
    with pytest.raises(hcjwt.InvalidOptionError):
        hcjwt.Minter(key("rsa2048.pem"), "RS256", profile="sso")


def test_every_algorithm_round_trips() -> None:
    cases = {
        "HS256": (SECRET, SECRET),
        "HS512": (key("hs512.secret"), key("hs512.secret")),
        "RS256": (key("rsa2048.pem"), key("rsa2048_public.pem")),
        "PS384": (key("rsa2048_pkcs1.pem"), key("rsa2048_public_pkcs1.pem")),
        "ES256": (key("p256_sec1.pem"), key("p256_public.pem")),
        "ES384": (key("p384.pem"), key("p384_public.pem")),
        "EdDSA": (key("ed25519.pem"), key("ed25519_public.pem")),
    }
    for algorithm, (private, public) in cases.items():
        token = hcjwt.Minter(private, algorithm).mint({"id": 7, "email": "a@example.com"}, now=NOW)
        assert hcjwt.Verifier(public, algorithm).verify(token, now=NOW)["userId"] == 7, algorithm


def test_a_key_that_does_not_fit_the_default_algorithm_says_so() -> None:
    with pytest.raises(hcjwt.InvalidKeyError) as raised:
        hcjwt.Minter(b"a-shared-secret-of-at-least-32-bytes!!")
    assert str(raised.value).endswith(
        '(the RS256 default needs an RSA private key: pass the algorithm, "HS256" for a secret, "ES256" for a P-256 key)'
    )
    with pytest.raises(hcjwt.InvalidKeyError) as explicit:
        hcjwt.Minter(b"short", "HS256")
    assert "default" not in str(explicit.value)


def test_a_forked_child_never_repeats_the_parents_jti() -> None:
    # A pre-forking server (gunicorn, multiprocessing) forks after the
    # parent minted: the child's per-thread randomness pool is a copy of
    # the parent's, so without the pid check both would hand out the same
    # next jti values and Zendesk would refuse the later token as replayed.
    minter = hcjwt.Minter(SECRET, "HS256")
    user = {"email": "a@example.com", "id": 1}
    minter.mint(user, now=NOW)  # the pool is filled in the parent
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        child = [payload_of(minter.mint(user, now=NOW))["jti"] for _ in range(8)]
        os.write(write_end, json.dumps(child).encode())
        os._exit(0)
    os.close(write_end)
    parent = [payload_of(minter.mint(user, now=NOW))["jti"] for _ in range(8)]
    with os.fdopen(read_end, "rb") as pipe:
        child = json.loads(pipe.read())
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert len(child) == 8 and len(set(parent) | set(child)) == 16
