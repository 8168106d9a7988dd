"""Real Zendesk data in, right tokens out: user dicts exactly as the Users API
answers them (sideloads, every field with nulls, inactive fields, the three
roles, a photo, large ids) mint on both profiles, and a bad user gets every
problem at once, in the same keys and words as Rust, C and the CLI."""

from __future__ import annotations

import pytest

import hcjwt
from conftest import KEYS, USERS, fixture_json, key, payload_of

NOW = 1_732_406_400
SSO_SECRET = b"a-shared-sso-secret-of-32-bytes!"


@pytest.fixture
def catalog() -> hcjwt.FieldCatalog:
    return hcjwt.FieldCatalog.from_json((USERS / "fields.json").read_text())


@pytest.fixture
def help_center(catalog) -> hcjwt.Minter:
    return hcjwt.Minter(key("rsa2048.pem"), "RS256", fields=catalog)


@pytest.fixture
def sso(catalog) -> hcjwt.Minter:
    return hcjwt.Minter(SSO_SECRET, "HS256", profile="sso", fields=catalog)


def test_a_fetched_end_user_with_sideloads_mints(help_center) -> None:
    fetched = fixture_json(USERS, "end_user_with_sideloads.json")
    claims = payload_of(help_center.mint(fetched, now=NOW))
    assert claims["email"] == "roger@example.org", "the sideload's email is ignored"
    assert claims["userId"] == 383749572938
    assert claims["externalId"] is None
    assert "role" not in claims
    assert claims["user_fields"] == {
        "plan": "gold",
        "seats": 25,
        "renewal_date": "2025-03-31",
        "account_manager": "9007199254740993",
        "beta_tester": False,
    }


@pytest.mark.parametrize(
    ("name", "role"),
    [("end_user_with_sideloads.json", "end_user"), ("agent.json", "agent"), ("admin.json", "admin")],
)
def test_the_three_roles_mint_on_both_profiles(help_center, sso, name, role) -> None:
    user = fixture_json(USERS, name)
    help_center.mint(user, now=NOW)
    assert payload_of(sso.mint(user, now=NOW))["role"] == role


def test_sso_writes_sso_spellings_and_never_the_internal_organization_id(sso) -> None:
    end_user = payload_of(sso.mint(fixture_json(USERS, "end_user_with_sideloads.json"), now=NOW))
    assert "organization_id" not in end_user
    assert end_user["user_fields"]["customer_code"] is None
    assert "legacy_tier" not in end_user["user_fields"]
    agent = payload_of(sso.mint(fixture_json(USERS, "agent.json"), now=NOW))
    assert agent["remote_photo_url"] == "https://acme.zendesk.com/system/photos/928374/lena.png"
    assert agent["custom_role_id"] == 360012345678
    minimal = {"email": "a@example.com", "name": "Ann", "organization_id": "sierra",
               "organizations": ["Sierra", "Acme"], "organization_ids": ["sierra", 42]}
    claims = payload_of(sso.mint(minimal, now=NOW))
    assert (claims["organization_id"], claims["organizations"], claims["organization_ids"]) == (
        "sierra",
        "Sierra,Acme",
        "sierra,42",
    )


def test_help_center_checks_only_what_it_writes(help_center, sso) -> None:
    odd = {"user": {"id": 5, "email": "odd@example.com", "name": "Tab\there", "phone": 12345,
                    "tags": {"not": "a list"}, "role": "owner", "locale_id": "8", "photo": "nope"}}
    assert payload_of(help_center.mint(odd, now=NOW))["userId"] == 5
    with pytest.raises(hcjwt.ValidationError) as raised:
        sso.mint(odd, now=NOW)
    assert sorted(raised.value.errors) == ["locale_id", "name", "phone", "photo", "role", "tags"]


def test_one_bad_user_gets_every_problem_at_once_in_the_words_of_every_surface(help_center, catalog) -> None:
    bad = {"user": {"id": "35436", "user_fields": {"plan": "bronze", "seats": 1234567890123, "renewal_date": "2024-02-30"}}}
    expected = {
        "email": ["can't be blank"],
        "id": ["must be an integer id (a JSON integer such as 35436)"],
        "user_fields.plan": ['"bronze" is not an option of this field'],
        "user_fields.renewal_date": ['"2024-02-30" is not a real calendar date'],
        "user_fields.seats": ["must be an integer of at most 12 digits"],
    }
    with pytest.raises(hcjwt.ValidationError) as raised:
        help_center.mint(bad, now=NOW)
    assert raised.value.errors == expected
    assert raised.value.kind == "validation"
    with pytest.raises(hcjwt.ValidationError) as checked:
        hcjwt.check_user(bad, fields=catalog)
    assert checked.value.errors == expected, "check says exactly what mint refuses"
    with pytest.raises(hcjwt.ValidationError) as checked:
        help_center.check(bad)
    assert checked.value.errors == expected


@pytest.mark.parametrize(
    ("user", "member"),
    [
        ({"user": {"id": "1", "email": "a@example.com"}}, "id"),
        ({"user": {"id": 1.0, "email": "a@example.com"}}, "id"),
        ({"user": {"id": 1, "email": "a@example.com", "external_id": 5678}}, "external_id"),
        ({"user": {"id": 1, "email": "a@example.com", "user_fields": []}}, "user_fields"),
    ],
)
def test_a_wrapped_user_names_its_wrong_members(help_center, user, member) -> None:
    with pytest.raises(hcjwt.ValidationError) as raised:
        help_center.mint(user, now=NOW)
    assert member in raised.value.errors and "email" not in raised.value.errors


def test_a_non_null_value_for_an_inactive_field_is_an_error(help_center) -> None:
    with pytest.raises(hcjwt.ValidationError) as raised:
        help_center.mint({"id": 1, "email": "a@example.com", "user_fields": {"legacy_tier": "gold"}}, now=NOW)
    assert raised.value.errors == {"user_fields.legacy_tier": ["is not active: only null is accepted"]}


def test_claims_belong_to_help_center_tokens() -> None:
    with pytest.raises(hcjwt.InvalidOptionError, match="help center tokens"):
        hcjwt.Minter(SSO_SECRET, "HS256", profile="sso", claims=hcjwt.ClaimSet(1, 2))
    assert KEYS.exists()
