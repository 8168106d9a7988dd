"""FastAPI integration (``pip install hcjwt[fastapi]``)::

    from fastapi import Depends, FastAPI
    import hcjwt
    from hcjwt.fastapi import HelpCenterAuth, sso_login_router

    app = FastAPI()
    auth = HelpCenterAuth(hcjwt.Verifier.for_help_center("acme"))

    @app.get("/me")
    async def me(claims: dict = Depends(auth)):
        return {"email": claims["email"]}

A request without a token, or with one the verifier refuses, gets 401
with ``WWW-Authenticate`` and ``{"error": kind, "message": ...}``; 503 when
the keys can't be fetched. Verification never blocks the event loop
(``verify_async``). ``sso_login_router`` serves the SSO remote-login page.
"""

from __future__ import annotations

import inspect
from typing import Any, Awaitable, Callable, Mapping, Optional, Sequence, Union

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, Response

from . import _hcjwt, web
from .errors import InvalidTokenError, KeySourceError

__all__ = ["HelpCenterAuth", "sso_login_router"]

User = Optional[Mapping[str, Any]]


class HelpCenterAuth:
    """A dependency giving the handler the verified claims of the request's
    help center token (``Authorization: Bearer ...``)."""

    def __init__(self, verifier: _hcjwt.Verifier) -> None:
        self.verifier = verifier

    async def __call__(self, request: Request) -> dict[str, Any]:
        token = web.bearer_token(request.headers.get("authorization"))
        error: Optional[BaseException] = None
        if token is not None:
            try:
                return await self.verifier.verify_async(token)
            except (InvalidTokenError, KeySourceError) as refused:
                error = refused
        status, body, headers = web.refusal(error)
        raise HTTPException(status_code=status, detail=body, headers=headers)


def sso_login_router(
    host: str,
    minter: _hcjwt.Minter,
    authenticate: Callable[[Request], Union[User, Awaitable[User]]],
    *,
    path: str = "/login",
    allowed_hosts: Sequence[str] = (),
) -> APIRouter:
    """A router serving the SSO remote-login endpoint at `path`
    (``GET ?return_to=...``): `authenticate(request)` returns the signed-in
    user (a Users API user object) or None; the page posts a fresh token to
    the account's ``/access/jwt``."""
    router = APIRouter()

    @router.get(path)
    async def login(request: Request, return_to: Optional[str] = None) -> Response:
        user = authenticate(request)
        if inspect.isawaitable(user):
            user = await user
        status, headers, body = web.sso_login(host, minter, user, return_to=return_to, allowed_hosts=allowed_hosts)
        kind = HTMLResponse if status == 200 else PlainTextResponse
        return kind(body, status_code=status, headers={k: v for k, v in headers.items() if k != "Content-Type"})

    return router
