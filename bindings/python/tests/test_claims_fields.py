from __future__ import annotations

import json

import pytest

import hcjwt


def test_claim_set_crud_and_the_five_claim_limit() -> None:
    claims = hcjwt.ClaimSet(998, 10001)
    created = [claims.create(f"claim-{i}", f"value-{i}", "why" if i == 0 else None) for i in range(5)]
    assert len(claims) == 5 and claims.account_id == 998 and claims.brand_id == 10001
    first = created[0]
    assert len(first["id"]) == 26 and first["created_at"].endswith("Z")
    assert first["claim_description"] == "why" and created[1]["claim_description"] is None
    with pytest.raises(hcjwt.ValidationError) as raised:
        claims.create("claim-5", "value")
    assert "base" in raised.value.errors
    assert len(claims) == 5

    updated = claims.update(first["id"], claim_value="changed")
    assert updated["claim_value"] == "changed" and updated["claim_identifier"] == "claim-0"
    assert claims.update(first["id"], description="new why")["claim_description"] == "new why"
    assert claims.get(first["id"])["claim_value"] == "changed"
    assert [c["claim_identifier"] for c in claims.list()] == [f"claim-{i}" for i in range(5)]
    assert claims.delete(first["id"])["id"] == first["id"]
    with pytest.raises(hcjwt.NotFoundError):
        claims.get(first["id"])
    with pytest.raises(KeyError):
        claims.delete(first["id"])
    assert json.loads(claims.to_json())["custom_claims"][0]["claim_identifier"] == "claim-1"


def test_validation_errors_in_the_api_shape() -> None:
    claims = hcjwt.ClaimSet(1, 2)
    with pytest.raises(hcjwt.ValidationError) as raised:
        claims.create("tier", "")
    assert raised.value.errors == {"claim_value": ["can't be blank"]}
    assert isinstance(raised.value, ValueError)
    with pytest.raises(hcjwt.ValidationError) as raised:
        claims.create("EXP", "v")
    assert "reserved" in raised.value.errors["claim_identifier"][0]
    claim = claims.create("tier", "gold")
    with pytest.raises(TypeError):
        claims.update(claim["id"], nickname="x")
    with pytest.raises(TypeError):
        claims.create("tier2", 5)
    assert len(claims) == 1


def test_claim_documents_with_several_pairs_name_them() -> None:
    document = json.dumps([
        {"account_id": 1, "brand_id": 10, "claim_identifier": "a", "claim_value": "x"},
        {"account_id": 1, "brand_id": 20, "claim_identifier": "b", "claim_value": "y"},
    ])
    with pytest.raises(hcjwt.ValidationError) as raised:
        hcjwt.ClaimSet.from_json(document)
    assert "account 1 brand 20" in raised.value.errors["custom_claims"][0]
    with pytest.raises(hcjwt.InvalidJSONError):
        hcjwt.ClaimSet.from_json(b"{")


def test_field_catalog_validates_and_normalizes(fields_json) -> None:
    catalog = hcjwt.FieldCatalog.from_json(fields_json)
    assert len(catalog) == 5
    assert catalog.get("vip")["tag"] == "vip"
    assert catalog.validate({"member_since": "2019-06-01T10:00:00Z", "vip": None}) == {"member_since": "2019-06-01", "vip": None}
    with pytest.raises(hcjwt.ValidationError) as raised:
        catalog.validate({"vip": "yes", "favourite_fruit": "cherry", "shoe_size": 44})
    assert set(raised.value.errors) == {"vip", "favourite_fruit", "shoe_size"}
    assert json.loads(catalog.to_json())["count"] == 5
    with pytest.raises(hcjwt.NotFoundError):
        catalog.get("nope")
