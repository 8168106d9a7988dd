"""hcjwt.zendesk.Client against a fake Zendesk account on 127.0.0.1 that
speaks the documented shapes (the fields of tests/fixtures/users over cursor
pages, the spec's claims list, a user with sideloads): reads, retries,
errors with .status, the Authorization header, and no credential anywhere.
The server is Python, so every answer also proves the GIL was released."""

from __future__ import annotations

import base64
import json
import time
import urllib.parse

import pytest

import hcjwt
from conftest import NOW, SPEC, USERS, fixture_json

EMAIL = "admin@acme.example"
TOKEN = "fake-api-token-6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv"
SECRET = b"a-shared-secret-of-at-least-32-bytes!!"


def fake_account(page_size: int):
    """A handler serving the fixture account: fields over cursor pages (the
    dropdown's options only at its options endpoint), claims, one user."""
    fields = fixture_json(USERS, "fields.json")["user_fields"]
    options = []
    for field in fields:
        if field["type"] == "dropdown":
            options = field.pop("custom_field_options")
    claims = fixture_json(SPEC, "claims_list_response.json")
    user = fixture_json(USERS, "end_user_with_sideloads.json")
    base: list[str] = []

    def handle(path: str):
        route, _, query = path.partition("?")
        params = dict(urllib.parse.parse_qsl(query))
        if route == "/api/v2/user_fields":
            start = int(params.get("page[after]", "c0")[1:])
            end = min(start + page_size, len(fields))
            more = end < len(fields)
            next_url = base[0] + "/api/v2/user_fields?page%5Bsize%5D=100&page%5Bafter%5D=c" + str(end)
            page = {
                "user_fields": fields[start:end],
                "meta": {"has_more": more, "after_cursor": "c%d" % end},
                "links": {"next": next_url if more else None},
            }
            return 200, json.dumps(page).encode()
        if route.endswith("/options"):
            return 200, json.dumps({"custom_field_options": options, "next_page": None}).encode()
        if route == "/api/v2/help_center/integration/account_custom_claims":
            return 200, json.dumps(claims).encode()
        if route == "/api/v2/users/383749572938":
            return 200, json.dumps(user).encode()
        if route == "/api/v2/users/search":
            found = [user["user"]] if params.get("external_id") == "roger-1" else []
            return 200, json.dumps({"users": found, "count": len(found)}).encode()
        return 404, b'{"error": "RecordNotFound"}'

    return handle, base


def client(server, **kwargs) -> hcjwt.zendesk.Client:
    return hcjwt.zendesk.Client(server.base, email=EMAIL, api_token=TOKEN, **kwargs)


def test_a_live_account_mints_with_its_own_catalog_claims_and_user(serve) -> None:
    handle, base = fake_account(page_size=3)
    server = serve(handle)
    base.append(server.base)
    account = client(server)
    fields = account.user_fields()
    claims = account.custom_claims()
    user = account.user(383749572938)
    assert user["user"]["role"] == "end-user" and "identities" in user
    minter = hcjwt.Minter(SECRET, "HS256", claims=claims, fields=fields)
    token = minter.mint(user, now=NOW)
    payload = hcjwt.Verifier(SECRET, "HS256").verify(token, now=NOW)
    assert payload["email"] == "roger@example.org"
    assert payload["custom-claim-1"] == "some-claim-value"
    assert sum(p.startswith("/api/v2/user_fields?") for p in server.paths) == 3
    assert any(p.endswith("/options") for p in server.paths)
    expected = "Basic " + base64.b64encode(("%s/token:%s" % (EMAIL, TOKEN)).encode()).decode()
    assert all(headers["authorization"] == expected for headers in server.headers)
    assert account.user_by_external_id("roger-1")["user"]["id"] == 383749572938
    assert account.user_by_external_id("nobody") is None


def test_credentials_come_from_the_environment_or_an_oauth_token(serve, monkeypatch) -> None:
    handle, base = fake_account(page_size=100)
    server = serve(handle)
    base.append(server.base)
    monkeypatch.delenv("ZENDESK_OAUTH_TOKEN", raising=False)
    monkeypatch.setenv("ZENDESK_EMAIL", EMAIL)
    monkeypatch.setenv("ZENDESK_API_TOKEN", TOKEN)
    assert len(hcjwt.zendesk.Client(server.base).custom_claims()) == 2
    hcjwt.zendesk.Client(server.base, oauth_token="oauth-123").custom_claims()
    assert server.headers[-1]["authorization"] == "Bearer oauth-123"
    monkeypatch.delenv("ZENDESK_EMAIL")
    with pytest.raises(hcjwt.InvalidOptionError, match="ZENDESK_OAUTH_TOKEN"):
        hcjwt.zendesk.Client(server.base)
    with pytest.raises(hcjwt.InvalidOptionError, match="credentials"):
        hcjwt.zendesk.Client(server.base, email=EMAIL)


def test_a_429_waits_for_retry_after_and_a_500_is_retried(serve) -> None:
    answers = [
        (429, b'{"error": "TooManyRequests"}', {"Retry-After": "1"}),
        (500, b"{}"),
        (200, b'{"custom_claims": []}'),
    ]
    server = serve(lambda path: answers.pop(0))
    started = time.monotonic()
    assert len(client(server).custom_claims()) == 0
    assert len(server.paths) == 3
    assert time.monotonic() - started >= 1.0


def test_errors_carry_status_and_never_a_credential(serve) -> None:
    unauthorized = serve(lambda path: (401, b'{"error": "Couldn\'t authenticate you"}'))
    with pytest.raises(hcjwt.ZendeskApiError) as caught:
        client(unauthorized).user_fields()
    error = caught.value
    assert error.status == 401 and error.kind == "zendesk_api"
    assert isinstance(error, hcjwt.HcjwtError)
    assert "ZENDESK_API_TOKEN" in str(error)
    basic = base64.b64encode(("%s/token:%s" % (EMAIL, TOKEN)).encode()).decode()
    for text in (str(error), repr(error), repr(client(unauthorized))):
        assert TOKEN not in text and basic not in text
    no_plan = serve(lambda path: (404, b'{"error": "InvalidEndpoint"}'))
    with pytest.raises(hcjwt.ZendeskApiError, match="Guide Enterprise") as caught:
        client(no_plan).custom_claims()
    assert caught.value.status == 404


def test_a_repeated_cursor_stops_pagination(serve) -> None:
    base: list[str] = []

    def same_page(path: str):
        page = {
            "user_fields": [],
            "meta": {"has_more": True},
            "links": {"next": base[0] + "/api/v2/user_fields?page%5Bafter%5D=same"},
        }
        return 200, json.dumps(page).encode()

    server = serve(same_page)
    base.append(server.base)
    with pytest.raises(hcjwt.ZendeskApiError, match="sent before"):
        client(server).user_fields()
    assert len(server.paths) == 2


def test_bad_hosts_and_timeouts_are_refused_before_any_call() -> None:
    with pytest.raises(hcjwt.InvalidOptionError, match="only https"):
        hcjwt.zendesk.Client("http://acme.zendesk.com", email=EMAIL, api_token=TOKEN)
    with pytest.raises(hcjwt.InvalidOptionError, match="timeout"):
        hcjwt.zendesk.Client("acme", email=EMAIL, api_token=TOKEN, timeout=0)
    assert repr(hcjwt.zendesk.Client("acme", oauth_token="x")) == "hcjwt.zendesk.Client('https://acme.zendesk.com/')"
