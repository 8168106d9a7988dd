"""Types for annotations: the algorithm and profile names as ``Literal``s
(a type checker catches ``"HS265"``), and ``TypedDict``s of the payloads
hcjwt mints and verifies and of ``inspect()``'s report. A verified payload
is a plain ``dict``; annotate it with ``typing.cast``::

    claims = typing.cast(hcjwt.types.HelpCenterClaims, verifier.verify(token))
"""

from __future__ import annotations

from typing import Any, Literal, Optional, TypeAlias, TypedDict, Union

__all__ = [
    "Algorithm",
    "Profile",
    "HelpCenterClaims",
    "SsoClaims",
    "MessagingClaims",
    "Inspection",
]

Algorithm: TypeAlias = Literal[
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA"
]
"""The JWS algorithms hcjwt signs and verifies with (there is no ``none``)."""

Profile: TypeAlias = Literal["help_center", "sso", "messaging"]
"""The payload profiles."""


class _Registered(TypedDict, total=False):
    iss: str
    aud: Union[str, list[str]]


class HelpCenterClaims(_Registered):
    """A help center token's payload (the brand's custom claims are further
    string members, which a TypedDict can't name)."""

    iat: int
    exp: int
    jti: str
    email: str
    userId: int
    externalId: Optional[str]
    user_fields: dict[str, Any]


class _SsoRequired(_Registered):
    iat: int
    jti: str
    email: str
    name: str
    exp: int


class SsoClaims(_SsoRequired, total=False):
    """A Zendesk JWT single sign-on payload."""

    external_id: str
    organization: str
    organization_id: str
    organizations: str
    organization_ids: str
    phone: str
    tags: str
    remote_photo_url: str
    locale_id: int
    role: str
    custom_role_id: int
    user_fields: dict[str, Any]


class _MessagingRequired(_Registered):
    scope: Literal["user"]
    external_id: str
    exp: int


class MessagingClaims(_MessagingRequired, total=False):
    """A messaging payload."""

    name: str
    email: str
    email_verified: bool


class Inspection(TypedDict):
    """What ``hcjwt.inspect()`` reports."""

    header: dict[str, Any]
    payload: dict[str, Any]
    dates: dict[str, str]
    profile: Profile
    problems: list[str]
    signature: Optional[Literal["valid", "invalid"]]
