"""The README's Python example runs as written."""

from __future__ import annotations

import re

from conftest import ROOT


def test_readme_python_example_runs() -> None:
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert blocks, "the README has a Python example"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {"__name__": "__main__"})


def test_readme_web_service_example_verifies_against_a_local_keys_endpoint() -> None:
    """The `py` example of the web-service section, with "acme" replaced by
    a keys endpoint on 127.0.0.1: a good token gets 200, a bad one 401 with
    its kind, and an endpoint that answers 404 gets 503."""
    import json

    from conftest import Server
    from test_remote_keys import signing

    readme = (ROOT / "README.md").read_text()
    block = re.findall(r"```py\n(.*?)```", readme, re.S)[0]
    minter, jwk = signing("rsa2048.pem", "hc-1")
    body = json.dumps({"keys": [jwk]}).encode()
    servers = [Server(lambda path: (200, body)), Server(lambda path: (404, b"{}"))]
    try:
        for server, expected in zip(servers, (200, 503)):
            names: dict = {}
            exec(compile(block.replace('"acme"', repr(server.base)), "README.md", "exec"), names)
            token = minter.mint({"user": {"id": 1, "email": "a@example.com"}})
            status, text = names["handle"]("Bearer " + token)
            assert status == expected, text
            if expected == 200:
                assert text == "hello a@example.com"
                assert names["handle"]("Bearer " + token[:-4] + "AAAA") == (401, "invalid_signature")
    finally:
        for server in servers:
            server.close()


def test_readme_live_account_example_mints_from_a_fake_account(serve, monkeypatch) -> None:
    """The `py` example of the live-account section against the fake Zendesk
    account of test_zendesk (credentials from the environment)."""
    from conftest import KEYS, payload_of
    from test_zendesk import EMAIL, TOKEN, fake_account

    readme = (ROOT / "README.md").read_text()
    block = re.findall(r"```py\n(.*?)```", readme, re.S)[1]
    handle, base = fake_account(page_size=2)
    server = serve(handle)
    base.append(server.base)
    monkeypatch.delenv("ZENDESK_OAUTH_TOKEN", raising=False)
    monkeypatch.setenv("ZENDESK_EMAIL", EMAIL)
    monkeypatch.setenv("ZENDESK_API_TOKEN", TOKEN)
    code = (
        block.replace('"acme"', repr(server.base))
        .replace('"private.pem"', repr(str(KEYS / "rsa2048.pem")))
        .replace("client.user(35436)", "client.user(383749572938)")
    )
    names: dict = {}
    exec(compile(code, "README.md", "exec"), names)
    assert payload_of(names["token"])["email"] == "roger@example.org"
