"""SECURITY.md "Boundaries" for Python: wrong types, huge ints, hostile
mappings; never a PanicException."""

from __future__ import annotations

import collections
import math

import pytest

import hcjwt
from conftest import NOW, SECRET


@pytest.fixture
def minter() -> hcjwt.Minter:
    return hcjwt.Minter(SECRET, "HS256")


def test_wrong_python_types_raise_type_error(minter) -> None:
    with pytest.raises(TypeError, match="key must be bytes or str"):
        hcjwt.Minter(None, "HS256")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="key must be bytes or str"):
        hcjwt.Minter(12345, "HS256")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        hcjwt.Minter(SECRET, 256)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="user must be a Mapping"):
        minter.mint(["id", 1])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="users must be a sequence"):
        minter.mint_many("not users")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="keys must be str"):
        minter.mint({"id": 1, "email": "a@example.com", "user_fields": {5: "x"}})
    with pytest.raises(TypeError, match="not a JSON value"):
        minter.mint({"id": 1, "email": "a@example.com", "user_fields": {"x": object()}})
    # Members hcjwt does not read are never converted, whatever they hold.
    token = minter.mint({"id": 1, "email": "a@example.com", "active": object(), 5: "x"})
    assert hcjwt.Verifier(SECRET, "HS256").verify(token)["userId"] == 1
    with pytest.raises(TypeError):
        hcjwt.Verifier(SECRET, "HS256").verify(12)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        hcjwt.ClaimSet.from_json(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        hcjwt.ClaimSet("1", 2)  # type: ignore[arg-type]


def test_wrong_json_types_in_the_user_are_validation_errors(minter) -> None:
    with pytest.raises(hcjwt.ValidationError) as raised:
        minter.mint({"id": "1", "email": "a@example.com"})
    assert "id" in raised.value.errors
    with pytest.raises(hcjwt.ValidationError):
        minter.mint({"id": 1, "email": 5})


def test_huge_ints_and_non_finite_floats(minter) -> None:
    with pytest.raises(hcjwt.ValidationError) as raised:
        minter.mint({"id": 10**30, "email": "a@example.com"})
    assert "id" in raised.value.errors
    with pytest.raises(OverflowError):
        hcjwt.ClaimSet(-1, 2)
    for value in [math.nan, math.inf]:
        with pytest.raises(hcjwt.ValidationError):
            minter.mint({"id": 1, "email": "a@example.com", "user_fields": {"x": value}})


def test_lone_surrogates_and_deep_nesting(minter) -> None:
    with pytest.raises(hcjwt.ValidationError):
        minter.mint({"id": 1, "email": "a\ud800@example.com"})
    with pytest.raises(hcjwt.ValidationError):
        hcjwt.ClaimSet(1, 2).create("ok", "bad\udfff")
    deep: dict = {}
    node = deep
    for _ in range(10_000):
        node["x"] = {}
        node = node["x"]
    with pytest.raises(hcjwt.ValidationError):
        minter.mint({"id": 1, "email": "a@example.com", "user_fields": deep})


class Exploding(collections.abc.Mapping):
    def __getitem__(self, key):
        raise RuntimeError("boom while reading")

    def __iter__(self):
        return iter(["id"])

    def __len__(self) -> int:
        return 1


def test_mappings_that_raise_while_read_propagate_cleanly(minter) -> None:
    with pytest.raises(RuntimeError, match="boom while reading"):
        minter.mint(Exploding())


def test_any_mapping_works(minter) -> None:
    user = collections.OrderedDict(id=1, email="a@example.com")
    token = minter.mint(user, now=NOW)
    assert hcjwt.Verifier(SECRET, "HS256").verify(token, now=NOW)["userId"] == 1


def test_no_panic_exception_anywhere(minter) -> None:
    inputs = [b"\xff" * 10, "{" * 1000, "[" * 5000 + "]" * 5000, "\x00", "null", "[]", "{}"]
    for text in inputs:
        for call in (hcjwt.ClaimSet.from_json, hcjwt.FieldCatalog.from_json):
            try:
                call(text)
            except hcjwt.HcjwtError:
                pass
        try:
            hcjwt.Verifier(SECRET, "HS256").verify(text if isinstance(text, str) else "x")
        except hcjwt.HcjwtError:
            pass
    with pytest.raises(hcjwt.InvalidOptionError):
        minter.mint({"id": 1, "email": "a@example.com"}, now=-5)
    with pytest.raises(OverflowError):
        minter.mint({"id": 1, "email": "a@example.com"}, now=10**30)
