"""What an attacker would try, from Python: every form of a public key as
an HMAC secret (tokens forged with the file's bytes by PyJWT, or by the
standard library's hmac where PyJWT itself refuses the key), mixed
algorithm lists, mappings that change while they are read, ids that are
not ids, remote options at the top of their range, and redirects of a key
set. Nothing raises PanicException."""

from __future__ import annotations

import base64
import collections
import hashlib
import hmac
import json
import threading

import pytest

import hcjwt
import jwt as pyjwt
from conftest import NOW, ROOT, SECRET, Server

FORMS = sorted(p for p in (ROOT / "tests" / "fixtures" / "key-forms").iterdir() if p.suffix != ".md")


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def forge(secret: bytes) -> str:
    claims = {"iat": NOW, "exp": NOW + 300, "email": "attacker@example.com"}
    try:
        return pyjwt.encode(claims, secret, algorithm="HS256")
    except pyjwt.InvalidKeyError:
        # PyJWT refuses PEM and SSH keys as HMAC secrets; the attacker does not.
        signing_input = b64(b'{"alg":"HS256","typ":"JWT"}') + "." + b64(json.dumps(claims).encode())
        signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
        return signing_input + "." + b64(signature)


def test_there_are_27_forms() -> None:
    assert len(FORMS) == 27


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.name)
def test_no_key_form_is_an_hmac_secret(path) -> None:
    data = path.read_bytes()
    typed = path.name.endswith(("-bom.json", "-utf16.json"))
    for algorithm in ("HS256", "HS384", "HS512"):
        with pytest.raises(hcjwt.InvalidKeyError) as raised:
            hcjwt.Verifier(data, algorithm)
        assert typed or "RS/HS confusion" in str(raised.value)
        with pytest.raises(hcjwt.InvalidKeyError):
            hcjwt.Minter(data, algorithm)
    forged = forge(data)
    for algorithms in (["HS256"], ["EdDSA", "HS256"], ["ES256", "HS256"], ["RS256", "HS256"], ["EdDSA"]):
        try:
            verifier = hcjwt.Verifier(data, algorithms)
        except (hcjwt.InvalidKeyError, hcjwt.InvalidOptionError):
            continue
        with pytest.raises(hcjwt.AlgorithmNotAllowedError):
            verifier.verify(forged, now=NOW)
    if not typed:
        with pytest.raises(hcjwt.InvalidOptionError, match="mix HMAC"):
            hcjwt.Verifier(data, ["EdDSA", "HS256"])


class ChangingInt(int):
    """An int whose __str__ changes the dict it sits in."""

    target: dict = {}

    def __str__(self) -> str:
        ChangingInt.target.clear()
        ChangingInt.target.update({f"k{i}": i for i in range(50)})
        return "7"


def test_a_mapping_that_changes_while_it_is_read_raises_no_panic() -> None:
    minter = hcjwt.Minter(SECRET, "HS256")
    user = {"id": ChangingInt(2**70), "email": "a@example.com", "user_fields": {"a": 1}}
    ChangingInt.target = user
    # The value is read from a copy: the mutation changes nothing read.
    with pytest.raises(hcjwt.ValidationError, match="id"):
        minter.mint(user, now=NOW)

    class Mutating(collections.UserDict):
        def items(self):
            self.data["added"] = 1
            return list(self.data.items())

    token = minter.mint({"id": 1, "email": "a@example.com", "user_fields": Mutating({"plan": "gold"})}, now=NOW)
    assert pyjwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_exp": False})["user_fields"]["plan"] == "gold"


def test_mint_many_with_user_dicts_changed_by_other_threads_raises_no_panic() -> None:
    minter = hcjwt.Minter(SECRET, "HS256")
    fields = collections.UserDict({f"f{i}": i for i in range(20)})
    users = [{"id": 1, "email": "a@example.com", "user_fields": fields} for _ in range(64)]
    stop = threading.Event()

    def churn() -> None:
        n = 0
        while not stop.is_set():
            fields[f"x{n % 40}"] = n
            fields.pop(f"x{(n + 20) % 40}", None)
            n += 1

    worker = threading.Thread(target=churn)
    worker.start()
    try:
        for _ in range(300):
            tokens = minter.mint_many(users, now=NOW)
            assert len(tokens) == 64
    finally:
        stop.set()
        worker.join()


def test_ids_that_are_not_ids_are_refused_before_any_request() -> None:
    server = Server(lambda path: (200, b'{"user": {"id": 1}}'))
    try:
        client = hcjwt.zendesk.Client(server.base, email="a@b.example", api_token="t0ken")
        with pytest.raises(TypeError, match="id must be an int, not bool"):
            client.user(True)
        with pytest.raises(hcjwt.ValidationError, match="id"):
            client.user(2**100000)
        with pytest.raises(hcjwt.ValidationError, match="id"):
            client.user(0)
        assert server.paths == []
    finally:
        server.close()
    with pytest.raises(hcjwt.ValidationError, match="more than 1024 bits"):
        hcjwt.Minter(SECRET, "HS256").mint({"id": 2**100000, "email": "a@example.com"})


def test_remote_options_at_the_top_of_their_range_are_refused() -> None:
    url = "http://127.0.0.1:9/keys.json"
    for name, value in (("cache_ttl", 2**64 - 1), ("cooldown", 2**63), ("max_stale", 2**64 - 1), ("cooldown", 0), ("cache_ttl", 0)):
        with pytest.raises(hcjwt.InvalidOptionError, match=name):
            hcjwt.Verifier.from_jwks_url(url, "RS256", **{name: value})
    with pytest.raises(hcjwt.InvalidOptionError, match="timeout"):
        hcjwt.Verifier.from_jwks_url(url, "RS256", timeout=1e300)


def test_a_key_set_redirected_elsewhere_is_refused() -> None:
    elsewhere = Server(lambda path: (200, b'{"keys": []}'))
    moved = Server(lambda path: (302, b"", {"Location": elsewhere.base + "/keys.json"}))
    try:
        verifier = hcjwt.Verifier.from_jwks_url(moved.base + "/keys.json", "RS256")
        with pytest.raises(hcjwt.KeySourceError, match="follows no redirect"):
            verifier.refresh()
        assert elsewhere.paths == []
        with pytest.raises(hcjwt.InvalidOptionError, match="nothing to fetch"):
            hcjwt.Verifier(SECRET, "HS256").refresh()
    finally:
        moved.close()
        elsewhere.close()
