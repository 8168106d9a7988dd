"""Messaging tokens from Python, checked by PyJWT: the header (HS256, the
kid), the members in order, the traps named; and hcjwt.exchange of help
center tokens verified against a keys server on 127.0.0.1."""

from __future__ import annotations

import base64
import json

import jwt as pyjwt
import pytest

import hcjwt
from conftest import NOW, USERS
from test_remote_keys import signing

SECRET = b"a-messaging-secret-of-at-least-32-bytes"
KID = "app_64ac9c1f8e2ad5001e9a0a53"


def messaging(**options) -> hcjwt.Minter:
    return hcjwt.Minter(SECRET, "HS256", kid=KID, profile="messaging", ttl=600, **options)


def users_api_user() -> dict:
    document = json.loads((USERS / "end_user_with_sideloads.json").read_text())
    document["user"]["external_id"] = "crm-4411"
    return document


def payload_text(token: str) -> str:
    part = token.split(".")[1]
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode()


def test_a_users_api_user_mints_a_token_pyjwt_accepts() -> None:
    token = messaging().mint(users_api_user(), now=NOW)
    assert pyjwt.get_unverified_header(token) == {"typ": "JWT", "alg": "HS256", "kid": KID}
    claims = pyjwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_exp": False})
    assert claims == {
        "scope": "user",
        "external_id": "crm-4411",
        "exp": NOW + 600,
        "name": "Roger Wilco",
        "email": "roger@example.org",
    }
    assert list(json.loads(payload_text(token))) == ["scope", "external_id", "exp", "name", "email"]


def test_email_verified_only_when_the_user_says() -> None:
    user = {"external_id": "x-1", "email": "a@example.com"}
    assert "email_verified" not in payload_text(messaging().mint(user, now=NOW))
    token = messaging().mint({**user, "email_verified": False}, now=NOW)
    assert json.loads(payload_text(token))["email_verified"] is False


@pytest.mark.parametrize(
    "user,field,message",
    [
        ({"email": "a@example.com"}, "external_id", "can't be blank: messaging identifies the user by external_id"),
        ({"external_id": 4411}, "external_id", 'must be a string, not the number 4411: messaging refuses a numeric external_id (write "4411")'),
        ({"external_id": "x" * 256}, "external_id", "is too long (256 characters; messaging takes at most 255)"),
        ({"external_id": "x", "email_verified": True}, "email_verified", "is given without email: messaging reads email_verified of the email only"),
    ],
)
def test_every_trap_is_named(user, field, message) -> None:
    with pytest.raises(hcjwt.ValidationError) as raised:
        messaging().mint(user, now=NOW)
    assert raised.value.errors == {field: [message]}


def test_a_missing_kid_and_a_key_pair_are_refused() -> None:
    with pytest.raises(hcjwt.InvalidOptionError, match="messaging tokens need the kid of the messaging signing key"):
        hcjwt.Minter(SECRET, "HS256", profile="messaging")
    from conftest import key

    with pytest.raises(hcjwt.InvalidOptionError, match="messaging tokens are signed with HS256 only, not RS256"):
        hcjwt.Minter(key("rsa2048.pem"), "RS256", kid=KID, profile="messaging")


def test_inspect_names_a_hand_rolled_tokens_traps() -> None:
    token = pyjwt.encode({"scope": "user", "external_id": 4411, "exp": NOW + 60}, SECRET, "HS256")
    report = hcjwt.inspect(token, now=NOW)
    assert report["profile"] == "messaging"
    assert report["problems"] == [
        "the header has no kid: Zendesk messaging picks the signing key by it (the key's id in Admin Center, app_...)",
        "external_id is the number 4411, not a string: Zendesk messaging refuses a numeric external_id",
    ]


def test_exchange_of_a_verified_help_center_token(serve) -> None:
    help_center, jwk = signing("rsa2048.pem", "hc-1")
    server = serve(lambda path: (200, json.dumps({"keys": [jwk]}).encode()))
    verifier = hcjwt.Verifier.for_help_center(server.base)
    token = help_center.mint({"id": 35436, "email": "a@example.com", "external_id": "crm-1"}, now=NOW)
    exchanged = hcjwt.exchange(verifier, token, messaging(), now=NOW + 5)
    claims = pyjwt.decode(exchanged, SECRET, algorithms=["HS256"], options={"verify_exp": False})
    assert claims == {"scope": "user", "external_id": "crm-1", "exp": NOW + 605, "email": "a@example.com"}
    with pytest.raises(hcjwt.ExpiredTokenError):
        hcjwt.exchange(verifier, token, messaging(), now=NOW + 3600)
    with pytest.raises(hcjwt.InvalidSignatureError):
        hcjwt.exchange(verifier, token[:-4] + "AAAA", messaging(), now=NOW)
    without = help_center.mint({"id": 35436, "email": "a@example.com"}, now=NOW)
    with pytest.raises(hcjwt.InvalidClaimError, match="externalId"):
        hcjwt.exchange(verifier, without, messaging(), now=NOW)
    chosen = hcjwt.exchange(verifier, without, messaging(), if_no_external_id="user_id", now=NOW)
    assert json.loads(payload_text(chosen))["external_id"] == "35436"
    with pytest.raises(hcjwt.InvalidOptionError, match="if_no_external_id"):
        hcjwt.exchange(verifier, without, messaging(), if_no_external_id="guess", now=NOW)


def test_the_messaging_example_exchanges_tokens(serve) -> None:
    """examples/messaging_exchange.py's app against a keys server on 127.0.0.1."""
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("messaging_exchange", ROOT / "examples" / "messaging_exchange.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    help_center, jwk = signing("rsa2048.pem", "hc-1")
    server = serve(lambda path: (200, json.dumps({"keys": [jwk]}).encode()))
    app = module.make_app(
        {"ZENDESK_HOST": server.base, "MESSAGING_SECRET": SECRET.decode(), "MESSAGING_KEY_ID": KID}
    )

    def post(token: str) -> tuple[str, dict]:
        seen = []
        environ = {"PATH_INFO": "/messaging-jwt", "REQUEST_METHOD": "POST", "HTTP_AUTHORIZATION": f"Bearer {token}"}
        body = b"".join(app(environ, lambda status, headers: seen.append(status)))
        return seen[0], json.loads(body)

    good = help_center.mint({"id": 1, "email": "a@example.com", "external_id": "crm-9"})
    status, body = post(good)
    assert status == "200 OK"
    claims = pyjwt.decode(body["jwt"], SECRET, algorithms=["HS256"])
    assert (claims["scope"], claims["external_id"], claims["email"]) == ("user", "crm-9", "a@example.com")
    assert pyjwt.get_unverified_header(body["jwt"])["kid"] == KID
    assert post(good[:-4] + "AAAA") == ("401 Unauthorized", {"error": "invalid_signature"})
    without = help_center.mint({"id": 1, "email": "a@example.com"})
    assert post(without) == ("422 Unprocessable Entity", {"error": "no_external_id"})
