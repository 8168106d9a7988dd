from __future__ import annotations

import json
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples"
KEYS = ROOT / "tests" / "fixtures" / "keys"
SECRET = b"a-shared-secret-of-at-least-32-bytes!!"
NOW = 1_700_000_000


@pytest.fixture
def demo_user() -> dict:
    return json.loads((EXAMPLES / "user.json").read_text())


@pytest.fixture
def claims_json() -> str:
    return (EXAMPLES / "claims.json").read_text()


@pytest.fixture
def fields_json() -> str:
    return (EXAMPLES / "fields.json").read_text()


USERS = ROOT / "tests" / "fixtures" / "users"
SPEC = ROOT / "tests" / "fixtures" / "spec"


def key(name: str) -> bytes:
    return (KEYS / name).read_bytes()


def fixture_json(folder: pathlib.Path, name: str):
    return json.loads((folder / name).read_text())


def payload_of(token: str) -> dict:
    import base64

    segment = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
