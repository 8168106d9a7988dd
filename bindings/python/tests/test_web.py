"""The FastAPI and Flask integrations with each framework's own test
client: a good help center token reaches the handler as claims, a missing
or bad one gets 401 with WWW-Authenticate and the error's kind, keys out of
reach give 503; the SSO login endpoint answers the page with its policy,
refuses a foreign return_to and a user who is not signed in."""

from __future__ import annotations

import json

import jwt as pyjwt
import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from flask import Flask

import hcjwt
from conftest import Server
from hcjwt.fastapi import HelpCenterAuth, sso_login_router
from hcjwt.flask import help_center_auth, sso_login_blueprint
from test_remote_keys import signing

SSO_SECRET = b"an-sso-shared-secret-of-at-least-32-bytes"
USER = {"user": {"id": 35436, "email": "johnny@example.com", "name": "Johnny Agent"}}


@pytest.fixture
def help_center():
    minter, jwk = signing("rsa2048.pem", "hc-1")
    server = Server(lambda path: (200, json.dumps({"keys": [jwk]}).encode()))
    yield minter, hcjwt.Verifier.for_help_center(server.base), server.base
    server.close()


def fastapi_app(verifier: hcjwt.Verifier, signed_in: bool = True) -> TestClient:
    app = FastAPI()
    auth = HelpCenterAuth(verifier)

    @app.get("/me")
    async def me(claims: dict = Depends(auth)) -> dict:
        return {"email": claims["email"], "user": claims["userId"]}

    minter = hcjwt.Minter(SSO_SECRET, "HS256", profile="sso")
    app.include_router(sso_login_router("acme", minter, lambda request: USER if signed_in else None))
    return TestClient(app)


def flask_app(verifier: hcjwt.Verifier, signed_in: bool = True):
    app = Flask(__name__)
    verified = help_center_auth(verifier)

    @app.get("/me")
    @verified
    def me(claims: dict) -> dict:
        return {"email": claims["email"], "user": claims["userId"]}

    minter = hcjwt.Minter(SSO_SECRET, "HS256", profile="sso")
    app.register_blueprint(sso_login_blueprint("acme", minter, lambda: USER if signed_in else None))
    return app.test_client()


def body(response) -> dict:
    return response.json() if callable(getattr(response, "json", None)) else response.get_json()


@pytest.mark.parametrize("make", [fastapi_app, flask_app], ids=["fastapi", "flask"])
def test_tokens_are_verified_for_the_handler(make, help_center) -> None:
    minter, verifier, _ = help_center
    client = make(verifier)
    token = minter.mint(USER)
    good = client.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert good.status_code == 200 and body(good) == {"email": "johnny@example.com", "user": 35436}

    missing = client.get("/me")
    assert missing.status_code == 401
    assert missing.headers["WWW-Authenticate"] == 'Bearer realm="help center"'
    assert body(missing)["error"] == "missing_token" if make is flask_app else body(missing)["detail"]["error"] == "missing_token"

    forged = client.get("/me", headers={"Authorization": f"Bearer {token[:-4]}AAAA"})
    assert forged.status_code == 401
    assert forged.headers["WWW-Authenticate"] == (
        'Bearer realm="help center", error="invalid_token", error_description="invalid_signature"'
    )
    detail = body(forged) if make is flask_app else body(forged)["detail"]
    assert detail["error"] == "invalid_signature"


@pytest.mark.parametrize("make", [fastapi_app, flask_app], ids=["fastapi", "flask"])
def test_keys_out_of_reach_give_503(make) -> None:
    minter, _ = signing("rsa2048.pem", "hc-1")
    client = make(hcjwt.Verifier.for_help_center("http://127.0.0.1:1", timeout=1.0))
    response = client.get("/me", headers={"Authorization": f"Bearer {minter.mint(USER)}"})
    assert response.status_code == 503
    detail = body(response) if make is flask_app else body(response)["detail"]
    assert detail["error"] == "key_source"


@pytest.mark.parametrize("make", [fastapi_app, flask_app], ids=["fastapi", "flask"])
def test_the_sso_login_endpoint(make, help_center) -> None:
    _, verifier, _ = help_center
    client = make(verifier)
    page = client.get("/login", params={"return_to": "https://acme.zendesk.com/hc/en-us"}) if make is fastapi_app else \
        client.get("/login", query_string={"return_to": "https://acme.zendesk.com/hc/en-us"})
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert page.headers["Cache-Control"] == "no-store"
    policy = page.headers["Content-Security-Policy"]
    assert "form-action https://acme.zendesk.com" in policy and "'nonce-" in policy
    html = page.text if make is fastapi_app else page.get_data(as_text=True)
    assert 'action="https://acme.zendesk.com/access/jwt"' in html
    token = html.split('name="jwt" value="')[1].split('"')[0]
    claims = pyjwt.decode(token, SSO_SECRET, algorithms=["HS256"])
    assert claims["email"] == "johnny@example.com" and claims["name"] == "Johnny Agent"

    foreign = client.get("/login?return_to=https%3A%2F%2Fevil.example%2Fphish")
    assert foreign.status_code == 400
    text = foreign.text if make is fastapi_app else foreign.get_data(as_text=True)
    assert "evil.example" in text and "<form" not in text

    signed_out = make(verifier, signed_in=False).get("/login")
    assert signed_out.status_code == 401


@pytest.mark.parametrize("framework", ["fastapi", "flask"])
def test_the_readme_recipes_run(framework, help_center) -> None:
    import re

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    blocks = [b for b in re.findall(r"```python\n(.*?)```", readme, re.S) if f"from hcjwt.{framework} import" in b]
    assert len(blocks) == 1
    minter, _, base = help_center
    names: dict = {"__name__": "__main__"}
    # The recipe with the help center's keys served on 127.0.0.1.
    exec(compile(blocks[0].replace('"acme"', repr(base)), "README.md", "exec"), names)
    token = minter.mint(USER)
    headers = {"Authorization": f"Bearer {token}"}
    if framework == "fastapi":
        client = TestClient(names["app"])
        response = client.get("/me", headers=headers)
        assert response.status_code == 200 and response.json() == {"email": "johnny@example.com"}
    else:
        client = names["app"].test_client()
        response = client.get("/me", headers=headers)
        assert response.status_code == 200 and response.get_json() == {"email": "johnny@example.com"}
    assert client.get("/me").status_code == 401
