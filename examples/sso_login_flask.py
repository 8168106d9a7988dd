"""The remote-login service of examples/sso_login_service.py as a Flask app,
built on hcjwt.flask's blueprint (``pip install hcjwt[flask]``).

Run it::

    SSO_SECRET=... ZENDESK_HOST=acme python examples/sso_login_flask.py

Settings (environment): as examples/sso_login_service.py (SSO_SECRET,
ZENDESK_HOST, ALLOWED_HOSTS, DEMO_USER, FIELDS, PORT). The demo signs in
one fixed user: in your app, ``authenticate`` reads Flask's session.
"""

from __future__ import annotations

import json
import os
import pathlib

from flask import Flask
from werkzeug.serving import make_server

import hcjwt
from hcjwt.flask import sso_login_blueprint

EXAMPLES = pathlib.Path(__file__).resolve().parent


def create_app(environ: dict[str, str]) -> Flask:
    secret = environ.get("SSO_SECRET")
    if not secret:
        raise SystemExit("set SSO_SECRET to the account's shared secret")
    user = json.loads(pathlib.Path(environ.get("DEMO_USER", EXAMPLES / "user.json")).read_text())
    fields = hcjwt.FieldCatalog.from_json(pathlib.Path(environ.get("FIELDS", EXAMPLES / "fields.json")).read_text())
    minter = hcjwt.Minter(secret.encode(), "HS256", profile="sso", fields=fields, ttl=120)
    allowed = [host for host in environ.get("ALLOWED_HOSTS", "").split(",") if host]
    app = Flask(__name__)
    app.register_blueprint(
        sso_login_blueprint(environ.get("ZENDESK_HOST", "acme"), minter, lambda: user, allowed_hosts=allowed)
    )
    return app


if __name__ == "__main__":
    server = make_server("127.0.0.1", int(os.environ.get("PORT", "8080")), create_app(dict(os.environ)), threaded=True)
    # The first line says where it listens (tests read it).
    print("listening on http://127.0.0.1:%d/login" % server.server_port, flush=True)
    server.serve_forever()
