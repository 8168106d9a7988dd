"""The API documents through Python: every JSON example of both documents
comes back as the same JSON value, request bodies are accepted by the
operations, stored documents follow the API's rules, and the catalog has the
API's operations."""

from __future__ import annotations

import json

import pytest

import hcjwt
from conftest import SPEC, fixture_json


@pytest.mark.parametrize("name", ["claims_list_response.json", "claim_response.json"])
def test_claim_documents_round_trip(name) -> None:
    text = (SPEC / name).read_text()
    assert json.loads(hcjwt.ClaimSet.from_json(text).to_json()) == json.loads(text)
    assert json.loads(hcjwt.ClaimSet.from_json(json.loads(text)).to_json()) == json.loads(text)


@pytest.mark.parametrize(
    "name", ["field.json", "field_response.json", "field_created_response.json", "fields_list_response.json"]
)
def test_field_documents_round_trip(name) -> None:
    text = (SPEC / name).read_text()
    assert json.loads(hcjwt.FieldCatalog.from_json(text).to_json()) == json.loads(text)


def test_request_bodies_are_accepted_by_the_operations() -> None:
    claims = hcjwt.ClaimSet(998, 10001)
    created = claims.create(fixture_json(SPEC, "claim_create_request.json"))
    assert created["claim_identifier"] == "my-new-custom-claim"
    updated = claims.update(created["id"], fixture_json(SPEC, "claim_update_request.json"))
    assert updated["claim_identifier"] == "updated-custom-claim"
    catalog = hcjwt.FieldCatalog()
    field = catalog.create(fixture_json(SPEC, "field_create_request.json"))
    assert field["raw_title"] == "Support description"
    catalog.update(field["key"], fixture_json(SPEC, "field_update_title_request.json"))
    fruit = hcjwt.FieldCatalog.from_json(
        '[{"id": 1, "key": "fruit", "title": "Fruit", "type": "dropdown", "custom_field_options": ['
        '{"id": 123, "name": "Option 1", "value": "option_1"}, {"id": 124, "name": "Option 2", "value": "option_2"},'
        '{"id": 125, "name": "Option 3", "value": "option_3"}]}]'
    )
    fruit.update("fruit", fixture_json(SPEC, "field_update_options_request.json"))
    assert [o["value"] for o in fruit.list_options("fruit")] == ["option_2", "option_1", "option_3"]
    option, created_now = fruit.upsert_option("fruit", fixture_json(SPEC, "option_create_request.json"))
    assert (option["value"], created_now) == ("grape", True)
    option, created_now = fruit.upsert_option("fruit", {"custom_field_option": {"id": 424242, "name": "Kiwis", "value": "kiwi"}})
    assert created_now, "an id the field lacks creates the option (201)"
    option, created_now = fruit.upsert_option("fruit", {"id": option["id"], "name": "Green kiwis", "value": "kiwi"})
    assert not created_now and option["name"] == "Green kiwis"
    assert fruit.delete_option("fruit", option["id"])["value"] == "kiwi"


def test_partial_reorder_and_catalog_operations() -> None:
    catalog = hcjwt.FieldCatalog()
    for key in ["a", "b", "c", "d"]:
        catalog.create({"user_field": {"key": key, "title": key.upper()}})
    catalog.reorder(fixture_json(SPEC, "field_reorder_request.json")["user_field_ids"])
    assert [f["key"] for f in catalog.list()] == ["c", "d", "a", "b"]
    assert catalog.delete("a")["key"] == "a"
    assert len(catalog) == 3
    with pytest.raises(hcjwt.NotFoundError):
        catalog.get("a")
    with pytest.raises(hcjwt.ValidationError) as raised:
        catalog.update("b", {"user_field": {"key": "renamed", "title": 5}})
    assert raised.value.errors == {"title": ["must be a string"]}


def test_an_empty_claim_list_loads_and_every_set_reads_back() -> None:
    empty = hcjwt.ClaimSet.from_json('{"custom_claims": []}')
    assert (len(empty), empty.account_id, empty.brand_id) == (0, None, None)
    assert hcjwt.ClaimSet.from_json(empty.to_json()).list() == []
    assert repr(empty) == "ClaimSet(account_id=None, brand_id=None, claims=0)"
    with pytest.raises(hcjwt.ValidationError):
        empty.create("tier", "gold")
    empty.create({"account_id": 1, "brand_id": 2, "claim_identifier": "tier", "claim_value": "gold"})
    assert (empty.account_id, empty.brand_id) == (1, 2)


def test_stored_documents_follow_the_api_rules_with_every_problem_named() -> None:
    stored = hcjwt.ClaimSet.from_json(
        '[{"account_id":1,"brand_id":2,"claim_identifier":"EXP","claim_value":"v"},'
        '{"account_id":1,"brand_id":2,"claim_identifier":"has space","claim_value":"v"}]'
    )
    assert len(stored) == 2
    with pytest.raises(hcjwt.ValidationError) as raised:
        hcjwt.ClaimSet.from_json('[{"account_id":1,"brand_id":2,"claim_identifier":5,"claim_value":["x"]}]')
    assert raised.value.errors == {
        "custom_claims[0].claim_identifier": ["must be a string"],
        "custom_claims[0].claim_value": ["must be a string"],
    }


def test_a_pattern_hcjwt_cannot_run_leaves_values_unchecked() -> None:
    pattern = "\\A" + "[a-z]" * 60 + "\\z"
    catalog = hcjwt.FieldCatalog.from_json(
        json.dumps([{"id": 1, "key": "code", "title": "Code", "type": "regexp", "regexp_for_validation": pattern}])
    )
    assert list(catalog.unchecked()) == ["code"]
    assert catalog.validate({"code": "anything"}) == {"code": "anything"}
    ruby = hcjwt.FieldCatalog.from_json(
        '[{"id": 1, "key": "code", "title": "Code", "type": "regexp", "regexp_for_validation": "[A-Z]{3}"}]'
    )
    assert ruby.validate({"code": "xxABCxx"}) == {"code": "xxABCxx"}, "Ruby: matches anywhere"
