"""A remote-login service for Zendesk JWT single sign-on, with hcjwt.

Zendesk sends a user who must sign in to the account's "remote login URL"
(Admin Center > Account > Security > Single sign-on), here
``http://localhost:8080/login?return_to=...``. This service authenticates the
user, mints an SSO token (HS256, the shared secret from Admin Center) with
the user's fields checked against the account's catalog, and answers the
page that POSTs the token to ``https://{host}/access/jwt``: the way Zendesk
requires (a GET with ``?jwt=`` is deprecated; a redirect from the server
loses the browser's session).

Run it::

    SSO_SECRET=... ZENDESK_HOST=acme python examples/sso_login_service.py

Settings (environment):
    SSO_SECRET      the shared secret (required)
    ZENDESK_HOST    the account: subdomain, host or base URL (default "acme")
    ALLOWED_HOSTS   host-mapped brand domains return_to may name, comma-separated
    DEMO_USER       a Users API user object to sign in (default examples/user.json)
    FIELDS          the account's user fields (default examples/fields.json)
    PORT            the port on 127.0.0.1 (default 8080; 0 picks a free one)

The demo signs in one fixed user: replace ``authenticate`` with your own
session check.
"""

from __future__ import annotations

import http.server
import json
import os
import pathlib
import secrets
import sys
import urllib.parse

import hcjwt

EXAMPLES = pathlib.Path(__file__).resolve().parent


class LoginService:
    """Everything the handler needs, built once: the minter holds the
    secret and the catalog, ready for every request."""

    def __init__(self, host: str, secret: bytes, user: dict, fields: hcjwt.FieldCatalog,
                 allowed_hosts: list[str]) -> None:
        self.host = host
        self.user = user
        self.allowed_hosts = allowed_hosts
        self.minter = hcjwt.Minter(secret, "HS256", profile="sso", fields=fields, ttl=120)

    def authenticate(self, request: http.server.BaseHTTPRequestHandler) -> dict | None:
        """The signed-in user as the Users API shows it, or None. The demo
        always signs in its one user; a real service reads its session."""
        return self.user

    def login(self, request: http.server.BaseHTTPRequestHandler) -> tuple[int, dict[str, str], str]:
        """GET /login?return_to=...: the page that posts the token."""
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(request.path).query)
        return_to = query.get("return_to", [None])[0]
        user = self.authenticate(request)
        if user is None:
            return 401, {"Content-Type": "text/plain; charset=utf-8"}, "sign in first"
        try:
            token = self.minter.mint(user)
            nonce = secrets.token_urlsafe(16)
            page = hcjwt.sso_form(self.host, token, return_to=return_to,
                                  allowed_hosts=self.allowed_hosts, nonce=nonce)
        except hcjwt.HcjwtError as error:  # e.g. a return_to on another host
            return 400, {"Content-Type": "text/plain; charset=utf-8"}, str(error)
        headers = {
            "Content-Type": "text/html; charset=utf-8",
            "Cache-Control": "no-store",
            "Content-Security-Policy": hcjwt.sso_content_security_policy(
                self.host, nonce, allowed_hosts=self.allowed_hosts
            ),
            "Referrer-Policy": "no-referrer",
        }
        return 200, headers, page


def handler_for(service: LoginService) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
            if urllib.parse.urlsplit(self.path).path == "/login":
                status, headers, body = service.login(self)
            else:
                status, headers, body = 404, {"Content-Type": "text/plain"}, "not found"
            data = body.encode()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            # The request line carries return_to only; never log tokens.
            sys.stderr.write("login service: %s\n" % (format % args))

    return Handler


def from_environment() -> LoginService:
    secret = os.environ.get("SSO_SECRET")
    if not secret:
        raise SystemExit("set SSO_SECRET to the account's shared secret")
    user = json.loads(pathlib.Path(os.environ.get("DEMO_USER", EXAMPLES / "user.json")).read_text())
    fields = hcjwt.FieldCatalog.from_json(
        pathlib.Path(os.environ.get("FIELDS", EXAMPLES / "fields.json")).read_text()
    )
    allowed = [host for host in os.environ.get("ALLOWED_HOSTS", "").split(",") if host]
    return LoginService(os.environ.get("ZENDESK_HOST", "acme"), secret.encode(), user, fields, allowed)


def main() -> None:
    service = from_environment()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(os.environ.get("PORT", "8080"))),
                                             handler_for(service))
    # The first line says where it listens (tests read it).
    print("listening on http://127.0.0.1:%d/login" % server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
