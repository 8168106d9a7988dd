"""The SSO login end to end in a real browser: headless Chromium (from the
distribution's packages) opens the example remote-login service
(examples/sso_login_service.py on the standard library, and
examples/sso_login_flask.py on hcjwt.flask, each run as a process), follows the page's
automatic POST to a local stand-in of Zendesk's /access/jwt on 127.0.0.1,
which verifies the token with PyJWT (an outside judge), checks it as
Zendesk does and redirects to return_to: on the account, or on a
host-mapped brand domain (localhost on another port here), which the
page's Content-Security-Policy must allow for the redirect after the POST.
Skipped when no Chromium is installed (scripts/setup.sh installs it in CI)."""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse

import pytest

import time

import hcjwt
import jwt as pyjwt
from conftest import ROOT

SECRET = "an-sso-shared-secret-of-at-least-32-bytes"
CHROMIUM = next(
    (path for name in ("chromium", "chromium-browser", "google-chrome") if (path := shutil.which(name))),
    None,
)


class AccessJwt:
    """A stand-in of https://{subdomain}.zendesk.com/access/jwt: POST
    verifies the token as Zendesk would and redirects to return_to; GET of
    any other path is the help center page the user lands on."""

    def __init__(self) -> None:
        self.posts: list[dict[str, str]] = []
        self.claims: list[dict] = []
        self.errors: list[str] = []
        outer = self

        class Handle(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", "0"))
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                outer.posts.append({"path": self.path, "content_type": self.headers.get("Content-Type", ""), **form})
                try:
                    claims = pyjwt.decode(form["jwt"], SECRET, algorithms=["HS256"])
                    # What Zendesk itself insists on.
                    assert abs(time.time() - claims["iat"]) <= 180, "Invalid iat parameter"
                    assert claims["jti"] and claims["email"] and claims["name"], claims
                    outer.claims.append(claims)
                except Exception as error:  # noqa: BLE001 (recorded for the test)
                    outer.errors.append(repr(error))
                    self.answer(401, "JWT signature invalid")
                    return
                self.send_response(302)
                self.send_header("Location", form.get("return_to", "/"))
                self.end_headers()

            def do_GET(self) -> None:  # noqa: N802
                self.answer(200, "<h1 id=landed>Signed in at %s</h1>" % self.path)

            def answer(self, status: int, html: str) -> None:
                body = ("<!DOCTYPE html><html><body>%s</body></html>" % html).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handle)
        self.base = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


class Page:
    """A server answering every GET with one HTML page and its headers."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.body = b""
        self.headers: dict[str, str] = {}
        outer = self

        class Handle(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                self.send_response(200)
                for name, value in {"Content-Type": "text/html", **outer.headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(outer.body)))
                self.end_headers()
                self.wfile.write(outer.body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer((host, 0), Handle)
        self.base = "http://%s:%d" % ("localhost" if host != "127.0.0.1" else host, self.httpd.server_address[1])
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def zendesk():
    stand_in = AccessJwt()
    yield stand_in
    stand_in.httpd.shutdown()
    stand_in.httpd.server_close()


@pytest.fixture
def brand():
    """A host-mapped brand domain: localhost on a port of its own."""
    page = Page("localhost")
    page.body = b"<!DOCTYPE html><html><body><h1 id=landed>Signed in on the brand</h1></body></html>"
    yield page
    page.close()


@pytest.fixture(params=["sso_login_service.py", "sso_login_flask.py"], ids=["stdlib", "flask"])
def login_service(request, zendesk, brand):
    env = {**os.environ, "SSO_SECRET": SECRET, "ZENDESK_HOST": zendesk.base, "PORT": "0",
           "ALLOWED_HOSTS": brand.base}
    with subprocess.Popen(
        [sys.executable, str(ROOT / "examples" / request.param)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    ) as process:
        try:
            assert process.stdout is not None and process.stderr is not None
            line = process.stdout.readline()
            assert line.startswith("listening on "), line + process.stderr.read()
            yield line.split()[-1]
        finally:
            process.terminate()
            process.wait(timeout=10)


def browse(url: str) -> str:
    """Opens `url` in headless Chromium, lets its scripts and navigations
    run (a navigation the page's policy blocks ends at Chromium's own
    timeout), and returns the final document."""
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-dev-shm-usage", f"--user-data-dir={profile}",
             "--virtual-time-budget=10000", "--timeout=15000", "--dump-dom", url],
            capture_output=True, text=True, timeout=120,
        )
    return result.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here (scripts/setup.sh installs it as root)")
def test_the_browser_posts_the_token_and_lands_on_return_to(zendesk, login_service) -> None:
    return_to = zendesk.base + "/hc/en-us/requests"
    dom = browse(login_service + "?" + urllib.parse.urlencode({"return_to": return_to}))
    assert zendesk.errors == []
    assert len(zendesk.posts) == 1, (zendesk.posts, dom)
    post = zendesk.posts[0]
    assert post["path"] == "/access/jwt"
    assert post["content_type"] == "application/x-www-form-urlencoded"
    assert post["return_to"] == return_to
    assert set(post) == {"path", "content_type", "jwt", "return_to"}, "nothing else is sent"
    claims = zendesk.claims[0]
    assert claims["email"] == "johnny@example.com" and claims["name"] == "Johnny Agent"
    assert "Signed in at /hc/en-us/requests" in dom


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here (scripts/setup.sh installs it as root)")
def test_a_return_to_on_another_host_never_reaches_the_browser_form(zendesk, login_service) -> None:
    dom = browse(login_service + "?return_to=" + urllib.parse.quote("https://evil.example/phish"))
    assert zendesk.posts == []
    assert "return_to" in dom and "evil.example" in dom and "<form" not in dom


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here (scripts/setup.sh installs it as root)")
def test_a_return_to_on_an_allowed_brand_domain_is_reached(zendesk, brand, login_service) -> None:
    dom = browse(login_service + "?" + urllib.parse.urlencode({"return_to": brand.base + "/hc"}))
    assert zendesk.errors == [] and len(zendesk.posts) == 1, (zendesk.posts, dom)
    assert zendesk.posts[0]["return_to"] == brand.base + "/hc"
    assert "Signed in on the brand" in dom, dom


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here (scripts/setup.sh installs it as root)")
def test_a_policy_without_the_brand_blocks_the_redirect_after_the_post(zendesk, brand) -> None:
    """Why the policy names the allowed hosts: a browser applies form-action
    to the redirect that follows the POST."""
    token = hcjwt.Minter(SECRET.encode(), "HS256", profile="sso").mint(
        {"email": "johnny@example.com", "name": "Johnny"}
    )
    login = Page()
    try:
        nonce = "bm9uY2U"
        login.body = hcjwt.sso_form(zendesk.base, token, return_to=brand.base + "/hc",
                                    allowed_hosts=[brand.base], nonce=nonce).encode()
        login.headers = {"Content-Security-Policy": hcjwt.sso_content_security_policy(zendesk.base, nonce)}
        dom = browse(login.base)
        assert len(zendesk.posts) == 1, dom
        assert "Signed in on the brand" not in dom
    finally:
        login.close()
