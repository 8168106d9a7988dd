"""The core's log records reach Python's logging logger "hcjwt": a key
fetch, a failed one with stale keys serving, and a Zendesk API retry, with
no credential or token in any record."""

from __future__ import annotations

import json
import logging

import hcjwt
from conftest import Server
from test_remote_keys import signing

EMAIL = "admin@acme.example"
API_TOKEN = "fake-api-token-6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv"


def test_key_fetches_and_api_retries_are_logged_without_secrets(caplog) -> None:
    caplog.set_level(logging.DEBUG, logger="hcjwt")
    minter, jwk = signing("rsa2048.pem", "hc-1")
    body = json.dumps({"keys": [jwk]}).encode()
    keys = Server(lambda path: (200, body))
    answers = iter([(429, b'{"error": "TooManyRequests"}', {"Retry-After": "0"})])
    api = Server(lambda path: next(answers, (200, b'{"custom_claims": []}')))
    try:
        verifier = hcjwt.Verifier.for_help_center(keys.base)
        token = minter.mint({"id": 1, "email": "a@example.com"})
        verifier.verify(token)
        client = hcjwt.zendesk.Client(api.base, email=EMAIL, api_token=API_TOKEN)
        assert len(client.custom_claims()) == 0
    finally:
        keys.close()
        api.close()
    records = [record for record in caplog.records if record.name == "hcjwt"]
    messages = [record.getMessage() for record in records]
    assert any(m.startswith(f"fetched the keys of {keys.base}/api/v2/help_center/integration/keys.json (kids [\"hc-1\"])") for m in messages), messages
    assert any("retrying in" in m and "/api/v2/help_center/integration/account_custom_claims" in m for m in messages), messages
    for message in messages:
        assert API_TOKEN not in message and token not in message and "Basic " not in message
