"""Sign a help center user into Zendesk messaging, with hcjwt.

The help center already signed a JWT for the signed-in user (RS256, its keys
at ``https://{host}/api/v2/help_center/integration/keys.json``). The Web
Widget asks the page for a messaging JWT::

    zE('messenger', 'loginUser', callback => fetch('/messaging-jwt', {
        method: 'POST', headers: {Authorization: 'Bearer ' + helpCenterToken},
    }).then(r => r.json()).then(body => callback(body.jwt)));

This WSGI app answers that call: it verifies the help center token against
the host's keys (cached, refetched on rotation) and mints a messaging token
for the same person (HS256 with the messaging key's secret and its id as
``kid``; ``external_id`` from the token's ``externalId``, ``email`` from its
``email``). A bad token gets 401 with the error's kind and no token; a user
without an external id gets 422 (here: refusing is the safe default, see
``IF_NO_EXTERNAL_ID``); the keys out of reach, 503.

Run it::

    MESSAGING_SECRET=... MESSAGING_KEY_ID=app_... ZENDESK_HOST=acme \\
        python examples/messaging_exchange.py

Settings (environment):
    MESSAGING_SECRET    the messaging signing key's secret (required)
    MESSAGING_KEY_ID    its id as Admin Center shows it, app_... (required)
    ZENDESK_HOST        the help center: subdomain, host or base URL (default "acme")
    IF_NO_EXTERNAL_ID   "refuse" (default) or "user_id" (use the Zendesk user id)
    PORT                the port on 127.0.0.1 (default 8081)
"""

from __future__ import annotations

import json
import os
import wsgiref.simple_server

import hcjwt


def make_app(environ_settings: dict[str, str]):
    """The WSGI app for these settings (a dict like os.environ)."""
    verifier = hcjwt.Verifier.for_help_center(environ_settings.get("ZENDESK_HOST", "acme"))
    minter = hcjwt.Minter(
        environ_settings["MESSAGING_SECRET"].encode(),
        "HS256",
        kid=environ_settings["MESSAGING_KEY_ID"],
        profile="messaging",
        ttl=300,
    )
    if_no_external_id = environ_settings.get("IF_NO_EXTERNAL_ID", "refuse")

    def app(environ, start_response):
        def answer(status: str, body: dict):
            data = json.dumps(body).encode()
            start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
            return [data]

        if environ.get("PATH_INFO") != "/messaging-jwt" or environ.get("REQUEST_METHOD") != "POST":
            return answer("404 Not Found", {"error": "not_found"})
        scheme, _, token = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return answer("401 Unauthorized", {"error": "no bearer token"})
        try:
            jwt = hcjwt.exchange(verifier, token.strip(), minter, if_no_external_id=if_no_external_id)
        except hcjwt.KeySourceError:
            return answer("503 Service Unavailable", {"error": "key_source"})
        except hcjwt.InvalidClaimError as error:
            if "externalId" in str(error):
                return answer("422 Unprocessable Entity", {"error": "no_external_id"})
            return answer("401 Unauthorized", {"error": error.kind})
        except hcjwt.InvalidTokenError as error:
            return answer("401 Unauthorized", {"error": error.kind})
        return answer("200 OK", {"jwt": jwt})

    return app


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8081"))
    with wsgiref.simple_server.make_server("127.0.0.1", port, make_app(dict(os.environ))) as server:
        print(f"messaging JWTs at http://127.0.0.1:{port}/messaging-jwt")
        server.serve_forever()
