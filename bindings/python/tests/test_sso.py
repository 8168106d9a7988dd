"""SSO delivery and token inspection from Python: the login page and URL
with return_to checked, the CSP, inspect() naming every problem, and the
unverified header."""

from __future__ import annotations

import base64
import json

import pytest

import hcjwt
from conftest import EXAMPLES, NOW

SECRET = b"an-sso-shared-secret-of-at-least-32-bytes"
USER = {"user": {"id": 1, "email": "a@example.com", "name": "A", "role": "end-user"}}


def sso_token(now: int = NOW) -> str:
    return hcjwt.Minter(SECRET, "HS256", profile="sso").mint(USER, now=now)


def forged(header: dict, payload: dict) -> str:
    part = lambda value: base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()  # noqa: E731
    return part(header) + "." + part(payload) + ".c2ln"


def test_the_login_page_posts_the_token_and_the_checked_return_to() -> None:
    token = sso_token()
    page = hcjwt.sso_form("acme", token, return_to="/hc/en-us?a=<b>", nonce="n0nce")
    assert 'action="https://acme.zendesk.com/access/jwt"' in page
    assert 'name="jwt" value="%s"' % token in page
    assert 'value="https://acme.zendesk.com/hc/en-us?a=%3Cb%3E"' in page
    assert '<script nonce="n0nce">' in page and "<noscript>" in page
    assert hcjwt.sso_form("acme", token.encode()) == hcjwt.sso_form("acme", token)
    url = hcjwt.sso_url("support.acme.com", token, return_to="https://support.acme.com/hc")
    assert url == "https://support.acme.com/access/jwt?jwt=%s&return_to=https%%3A%%2F%%2Fsupport.acme.com%%2Fhc" % token
    policy = hcjwt.sso_content_security_policy("acme", "n0nce")
    assert "script-src 'nonce-n0nce'" in policy and "form-action https://acme.zendesk.com" in policy


@pytest.mark.parametrize(
    "return_to",
    [
        "https://evil.example/",
        "javascript:alert(1)",
        "//evil.example",
        "/\\evil.example",
        "https://acme.zendesk.com@evil.example/",
        "https://acme.zendesk.com.evil.example/",
        "http://acme.zendesk.com/",
        "https://support.acme.com:8443/",
    ],
)
def test_hostile_return_to_values_are_refused(return_to: str) -> None:
    token = sso_token()
    for build in (
        lambda: hcjwt.sso_form("acme", token, return_to=return_to, allowed_hosts=["support.acme.com"]),
        lambda: hcjwt.sso_url("acme", token, return_to=return_to, allowed_hosts=["support.acme.com"]),
    ):
        with pytest.raises(hcjwt.InvalidOptionError, match="return_to") as caught:
            build()
        assert caught.value.kind == "invalid_option"


def test_an_allowed_brand_domain_is_accepted_and_bad_tokens_refused() -> None:
    token = sso_token()
    page = hcjwt.sso_form("acme", token, return_to="https://support.acme.com/hc", allowed_hosts=("support.acme.com",))
    assert 'value="https://support.acme.com/hc"' in page
    with pytest.raises(hcjwt.MalformedTokenError):
        hcjwt.sso_form("acme", 'a.b"><script>x</script>')
    with pytest.raises(hcjwt.InvalidOptionError, match="nonce"):
        hcjwt.sso_form("acme", token, nonce='"><script>')


def test_inspect_reports_a_good_sso_token_and_its_signature() -> None:
    token = sso_token()
    report = hcjwt.inspect(token, key=SECRET, now=NOW)
    assert report["profile"] == "sso" and report["problems"] == [] and report["signature"] == "valid"
    assert report["dates"]["iat"] == "2023-11-14T22:13:20Z"
    wrong = hcjwt.inspect(token, key=b"another-secret-of-at-least-32-bytes!!", now=NOW)
    assert wrong["signature"] == "invalid"
    assert any("JWT signature invalid" in problem for problem in wrong["problems"])
    verifier = hcjwt.Verifier(SECRET, "HS256")
    assert hcjwt.inspect(token, key=verifier, now=NOW)["signature"] == "valid"


def test_inspect_names_what_zendesk_would_refuse() -> None:
    token = forged({"alg": "RS256"}, {"iat": NOW - 600, "email": "a@b.c", "name": "A", "user_fields": {"vip": "yes"}})
    fields = hcjwt.FieldCatalog.from_json((EXAMPLES / "fields.json").read_text())
    problems = hcjwt.inspect(token, profile="sso", fields=fields, now=NOW)["problems"]
    for expected in ("HS256 only", "typ", "600 s before now", "jti is missing", "user_fields.vip"):
        assert any(expected in problem for problem in problems), (expected, problems)
    help_center = hcjwt.inspect(forged({"alg": "RS256"}, {"email": "a@b.c"}), now=NOW)
    assert help_center["profile"] == "help_center"
    assert any("exp is missing" in p for p in help_center["problems"])
    assert any("no kid" in p for p in help_center["problems"])


def test_the_unverified_header_and_malformed_tokens() -> None:
    minter = hcjwt.Minter((EXAMPLES / "keys" / "DEV-ONLY-rs256-private.pem").read_bytes(), "RS256")
    header = hcjwt.get_unverified_header(minter.mint(USER))
    assert header == {"typ": "JWT", "alg": "RS256", "kid": minter.kid}
    for bad in ("a.b", "!!.e30.x", ""):
        with pytest.raises(hcjwt.MalformedTokenError):
            hcjwt.get_unverified_header(bad)
        with pytest.raises(hcjwt.MalformedTokenError):
            hcjwt.inspect(bad)


def test_every_sso_token_has_an_integer_iat_and_a_unique_jti() -> None:
    minter = hcjwt.Minter(SECRET, "HS256", profile="sso")
    tokens = minter.mint_many([USER] * 500, now=NOW)
    reports = [hcjwt.inspect(token, now=NOW) for token in tokens]
    assert all(report["problems"] == [] for report in reports)
    assert all(isinstance(report["payload"]["iat"], int) for report in reports)
    assert len({report["payload"]["jti"] for report in reports}) == 500
