"""The README's Python example runs as written."""

from __future__ import annotations

import re

from conftest import ROOT


def test_readme_python_example_runs() -> None:
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    assert blocks, "the README has a Python example"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})


def test_readme_web_service_example_verifies_against_a_local_keys_endpoint() -> None:
    """The `py` example of the web-service section, with "acme" replaced by
    a keys endpoint on 127.0.0.1: a good token gets 200, a bad one 401 with
    its kind, and an endpoint that answers 404 gets 503."""
    import json

    from test_remote_keys import Server, signing

    readme = (ROOT / "README.md").read_text()
    (block,) = re.findall(r"```py\n(.*?)```", readme, re.S)
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
