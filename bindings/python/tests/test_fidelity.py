"""Values keep what they were: a decimal.Decimal writes its exact text, a
user fetched from the account keeps its numbers as the API wrote them, and
a list of users given as a user says so in the same words as every
surface."""

from __future__ import annotations

import base64
import decimal
import json

import pytest

import hcjwt
from conftest import NOW, SECRET, Server

FIELDS = {"user_fields": [
    {"id": 1, "key": "ratio", "title": "Ratio", "type": "decimal", "active": True},
    {"id": 2, "key": "manager", "title": "Manager", "type": "lookup", "active": True,
     "relationship_target_type": "zen:user"},
]}


def payload_text(token: str) -> str:
    segment = token.split(".")[1]
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)).decode()


def test_a_decimal_writes_its_exact_text() -> None:
    minter = hcjwt.Minter(SECRET, "HS256", fields=hcjwt.FieldCatalog.from_json(json.dumps(FIELDS)))
    user = {"id": 1, "email": "a@example.com", "user_fields": {"ratio": decimal.Decimal("5.10")}}
    assert '"ratio":5.10' in payload_text(minter.mint(user, now=NOW))
    for bad in (decimal.Decimal("NaN"), decimal.Decimal("Infinity")):
        with pytest.raises(hcjwt.ValidationError, match="finite"):
            minter.mint({"id": 1, "email": "a@example.com", "user_fields": {"ratio": bad}}, now=NOW)


def test_a_fetched_user_keeps_its_numbers() -> None:
    body = b'{"user": {"id": 12345678901234567890, "email": "a@example.com", "user_fields": {"ratio": 1.50, "manager": 98765432109876543210}}}'
    server = Server(lambda path: (200, body))
    try:
        client = hcjwt.zendesk.Client(server.base, email="a@b.example", api_token="t0ken")
        user = client.user(7)
        assert user["user"]["id"] == 12345678901234567890
        assert user["user"]["user_fields"]["manager"] == 98765432109876543210
    finally:
        server.close()


def test_a_list_of_users_is_named_as_one() -> None:
    minter = hcjwt.Minter(SECRET, "HS256")
    with pytest.raises(hcjwt.ValidationError) as raised:
        minter.mint({"users": [{"id": 1, "email": "a@example.com"}], "count": 1})
    assert raised.value.errors == {"user": [
        'is a list of users ({"users": [...]}, as search and show_many answer): give one of them, as {"user": {...}} or the bare user object'
    ]}
