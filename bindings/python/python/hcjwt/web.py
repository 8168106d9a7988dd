"""What a web app's two hcjwt endpoints need, whatever the framework (the
FastAPI and Flask integrations are thin adapters of these):

- a request's help center token verified, and the answer to a request that
  has none or a bad one: 401 with a ``WWW-Authenticate`` header (RFC 6750)
  and a body naming the error's kind, or 503 when the keys can't be fetched;
- the SSO remote-login page: the token minted for the signed-in user, the
  page that POSTs it to ``/access/jwt``, and the headers to serve it with
  (a ``Content-Security-Policy`` with a fresh nonce, ``no-store``).
"""

from __future__ import annotations

import secrets
from typing import Any, Mapping, Optional, Sequence

from . import _hcjwt
from .errors import HcjwtError, InvalidTokenError, KeySourceError

__all__ = ["bearer_token", "refusal", "sso_login"]

REALM = "help center"


def bearer_token(authorization: Optional[str]) -> Optional[str]:
    """The token of an ``Authorization: Bearer ...`` header, or None."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def refusal(error: Optional[BaseException]) -> tuple[int, dict[str, Any], dict[str, str]]:
    """(status, JSON body, headers) for a request without a token (`error`
    None), with a token the verifier refused, or whose keys are unreachable."""
    if isinstance(error, KeySourceError):
        return (
            503,
            {"error": "key_source", "message": "the help center's keys can't be fetched now: try again"},
            {"Retry-After": "30"},
        )
    if isinstance(error, InvalidTokenError):
        kind = getattr(error, "kind", "invalid_token")
        return (
            401,
            {"error": kind, "message": str(error)},
            {"WWW-Authenticate": f'Bearer realm="{REALM}", error="invalid_token", error_description="{kind}"'},
        )
    return (
        401,
        {"error": "missing_token", "message": "an Authorization: Bearer header with the help center token is required"},
        {"WWW-Authenticate": f'Bearer realm="{REALM}"'},
    )


def sso_login(
    host: str,
    minter: _hcjwt.Minter,
    user: Optional[Mapping[str, Any]],
    *,
    return_to: Optional[str] = None,
    allowed_hosts: Sequence[str] = (),
) -> tuple[int, dict[str, str], str]:
    """(status, headers, body) of the remote-login endpoint for `user` (the
    signed-in user as the Users API shows it; None: not signed in, 401): the
    page that posts a fresh SSO token to the account, or 400 naming what is
    wrong (a `return_to` on a host that is not the account's or allowed)."""
    text = {"Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store"}
    if user is None:
        return 401, text, "sign in first"
    try:
        nonce = secrets.token_urlsafe(16)
        page = _hcjwt.sso_form(host, minter.mint(user), return_to=return_to, allowed_hosts=allowed_hosts, nonce=nonce)
    except HcjwtError as error:
        return 400, text, str(error)
    headers = {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
        "Content-Security-Policy": _hcjwt.sso_content_security_policy(host, nonce, allowed_hosts=allowed_hosts),
        "Referrer-Policy": "no-referrer",
    }
    return 200, headers, page
