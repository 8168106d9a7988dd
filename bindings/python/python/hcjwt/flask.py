"""Flask integration (``pip install hcjwt[flask]``)::

    from flask import Flask
    import hcjwt
    from hcjwt.flask import help_center_auth, sso_login_blueprint

    app = Flask(__name__)
    verified = help_center_auth(hcjwt.Verifier.for_help_center("acme"))

    @app.get("/me")
    @verified
    def me(claims):
        return {"email": claims["email"]}

A request without a token, or with one the verifier refuses, gets 401
with ``WWW-Authenticate`` and ``{"error": kind, "message": ...}``; 503 when
the keys can't be fetched. ``sso_login_blueprint`` serves the SSO
remote-login page.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, Mapping, Optional, Sequence, TypeVar

from flask import Blueprint, Response, jsonify, request

from . import _hcjwt, web
from .errors import InvalidTokenError, KeySourceError

__all__ = ["help_center_auth", "sso_login_blueprint"]

View = TypeVar("View", bound=Callable[..., Any])


def help_center_auth(verifier: _hcjwt.Verifier) -> Callable[[View], View]:
    """A decorator: the view runs with ``claims=`` the verified claims of
    the request's help center token (``Authorization: Bearer ...``)."""

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def verified(*args: Any, **kwargs: Any) -> Any:
            token = web.bearer_token(request.headers.get("Authorization"))
            error: Optional[BaseException] = None
            if token is not None:
                try:
                    kwargs["claims"] = verifier.verify(token)
                    return view(*args, **kwargs)
                except (InvalidTokenError, KeySourceError) as refused:
                    error = refused
            status, body, headers = web.refusal(error)
            response = jsonify(body)
            response.status_code = status
            response.headers.update(headers)
            return response

        return verified  # type: ignore[return-value]

    return decorator


def sso_login_blueprint(
    host: str,
    minter: _hcjwt.Minter,
    authenticate: Callable[[], Optional[Mapping[str, Any]]],
    *,
    name: str = "hcjwt_sso",
    path: str = "/login",
    allowed_hosts: Sequence[str] = (),
) -> Blueprint:
    """A blueprint serving the SSO remote-login endpoint at `path`
    (``GET ?return_to=...``): `authenticate()` returns the signed-in user
    (a Users API user object, read from Flask's session) or None; the page
    posts a fresh token to the account's ``/access/jwt``."""
    blueprint = Blueprint(name, __name__)

    @blueprint.get(path)
    def login() -> Response:
        status, headers, body = web.sso_login(
            host, minter, authenticate(), return_to=request.args.get("return_to"), allowed_hosts=allowed_hosts
        )
        return Response(body, status=status, headers=headers)

    return blueprint
