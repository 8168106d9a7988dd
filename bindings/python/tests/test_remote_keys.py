"""Verifying against a live keys endpoint from Python: a real HTTP server on
127.0.0.1 (in this process) serves the JWKS. The server is Python code, so
every fetch that succeeds also proves the fetch ran with the GIL released."""

from __future__ import annotations

import json
import socket

import pytest

import hcjwt
from conftest import NOW, key

def signing(name: str, kid: str) -> tuple[hcjwt.Minter, dict]:
    minter = hcjwt.Minter(key(name), "RS256", kid=kid)
    jwk = minter.jwks()["keys"][0]
    # As the help center publishes it: no alg, no use.
    return minter, {"kty": "RSA", "kid": kid, "n": jwk["n"], "e": jwk["e"]}


USER = {"user": {"id": 35436, "email": "johnny@example.com", "role": "end-user"}}


def test_a_help_center_token_verifies_and_the_cache_is_shared(serve) -> None:
    minter, jwk = signing("rsa2048.pem", "hc-1")
    body = json.dumps({"keys": [jwk]}).encode()
    server = serve(lambda path: (200, body))
    token = minter.mint(USER, now=NOW)
    for _ in range(3):
        # The per-request pattern: a new verifier each time, one fetch in all.
        verifier = hcjwt.Verifier.for_help_center(server.base, timeout=2.0)
        assert verifier.verify(token, now=NOW)["userId"] == 35436
    assert server.paths == ["/api/v2/help_center/integration/keys.json"]
    status = verifier.key_source_status()
    assert status is not None
    assert status["key_ids"] == ["hc-1"]
    assert status["fetches"] == 1 and status["fresh"] and status["last_error"] is None
    assert hcjwt.Verifier(key("rsa2048_public.pem"), "RS256").key_source_status() is None


def test_a_rotated_key_is_used_at_once_and_a_removed_one_stops(serve) -> None:
    first, first_jwk = signing("rsa2048.pem", "k1")
    second, second_jwk = signing("rsa2048.pem", "k2")
    published = [first_jwk]
    server = serve(lambda path: (200, json.dumps({"keys": published}).encode()))
    verifier = hcjwt.Verifier.from_jwks_url(server.base + "/keys.json", "RS256")
    old_token = first.mint(USER, now=NOW)
    verifier.verify(old_token, now=NOW)
    published.append(second_jwk)
    assert verifier.verify(second.mint(USER, now=NOW), now=NOW)["email"] == "johnny@example.com"
    published.remove(first_jwk)
    # A warm refresh (as a deploy or a health check would run) drops it.
    assert verifier.refresh() == ["k2"]
    with pytest.raises(hcjwt.UnknownKidError):
        verifier.verify(old_token, now=NOW)
    assert verifier.key_source_status()["key_ids"] == ["k2"]


def test_a_404_raises_key_source_error_naming_the_plan(serve) -> None:
    minter, _ = signing("rsa2048.pem", "hc-1")
    server = serve(lambda path: (404, b'{"error":"InvalidEndpoint"}'))
    verifier = hcjwt.Verifier.for_help_center(server.base)
    with pytest.raises(hcjwt.KeySourceError, match="Guide Enterprise") as caught:
        verifier.verify(minter.mint(USER, now=NOW), now=NOW)
    assert caught.value.kind == "key_source"
    assert isinstance(caught.value, hcjwt.HcjwtError)


def test_a_server_that_never_answers_times_out() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # accepts into the backlog, never answers
    try:
        minter, _ = signing("rsa2048.pem", "hc-1")
        verifier = hcjwt.Verifier.for_help_center(
            "http://127.0.0.1:%d" % listener.getsockname()[1], timeout=0.3
        )
        with pytest.raises(hcjwt.KeySourceError, match="timeout"):
            verifier.verify(minter.mint(USER, now=NOW), now=NOW)
    finally:
        listener.close()


def test_bad_sources_and_options_are_refused_before_any_fetch() -> None:
    with pytest.raises(hcjwt.InvalidOptionError, match="only https"):
        hcjwt.Verifier.from_jwks_url("http://example.com/keys.json", "RS256")
    with pytest.raises(hcjwt.InvalidOptionError, match="timeout"):
        hcjwt.Verifier.for_help_center("acme", timeout=0)
    with pytest.raises(hcjwt.InvalidOptionError, match="cooldown"):
        hcjwt.Verifier.for_help_center("acme", cooldown=-1)
    with pytest.raises(hcjwt.InvalidOptionError):
        hcjwt.Verifier.for_help_center("acme.zendesk.com/evil")
    with pytest.raises(hcjwt.UnsupportedAlgorithmError):
        hcjwt.Verifier.from_jwks_url("https://acme.zendesk.com/keys.json", ["none"])
