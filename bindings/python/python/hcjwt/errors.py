"""The exceptions hcjwt raises; the native module raises these classes.

Each error carries ``kind``: a stable snake_case code, the same words as the
C result names (``invalid_key`` is ``HCJWT_RESULT_INVALID_KEY``) and the CLI's
JSON errors. The names PyJWT users catch exist here as the same classes or
aliases: ``DecodeError``, ``ExpiredSignatureError``, ``ImmatureSignatureError``,
``InvalidAudienceError``, ``InvalidIssuerError``, ``MissingRequiredClaimError``,
``InvalidAlgorithmError``.
"""

from __future__ import annotations

from typing import Optional

__all__ = [
    "HcjwtError",
    "ValidationError",
    "InvalidJSONError",
    "NotFoundError",
    "InvalidKeyError",
    "UnsupportedAlgorithmError",
    "InvalidOptionError",
    "PayloadTooLargeError",
    "SigningError",
    "InvalidTokenError",
    "DecodeError",
    "MalformedTokenError",
    "TokenTooLargeError",
    "InvalidSignatureError",
    "InvalidAlgorithmError",
    "AlgorithmNotAllowedError",
    "UnknownKidError",
    "ExpiredTokenError",
    "ExpiredSignatureError",
    "NotYetValidError",
    "ImmatureSignatureError",
    "InvalidClaimError",
    "InvalidAudienceError",
    "InvalidIssuerError",
    "MissingRequiredClaimError",
    "KeySourceError",
    "ZendeskApiError",
]


class HcjwtError(Exception):
    """Base class of every hcjwt error."""

    kind: str = ""


class ValidationError(HcjwtError, ValueError):
    """Claims, fields, field values or a user failed validation.

    ``errors`` holds the API's shape: ``{"field": ["message", ...]}``, every
    problem at once.
    """

    errors: dict[str, list[str]]

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.errors = {}


class InvalidJSONError(HcjwtError, ValueError):
    """A JSON document could not be parsed (syntax, duplicate members, depth)."""


class NotFoundError(HcjwtError, KeyError):
    """No claim, field or option has the id or key asked for."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class InvalidKeyError(HcjwtError, ValueError):
    """A key could not be loaded or does not fit its algorithm."""


class UnsupportedAlgorithmError(HcjwtError, ValueError):
    """An algorithm name hcjwt does not support (including none)."""


class InvalidOptionError(HcjwtError, ValueError):
    """An option (ttl, leeway, profile, now, ...) is out of range."""


class PayloadTooLargeError(HcjwtError, ValueError):
    """The token to mint would exceed max_token_bytes."""


class SigningError(HcjwtError):
    """The crypto backend failed to sign (or to draw randomness)."""


class InvalidTokenError(HcjwtError):
    """A token did not verify (PyJWT's base class of the same name)."""


class DecodeError(InvalidTokenError):
    """The token can't be decoded or its signature does not verify (as in PyJWT)."""


class MalformedTokenError(DecodeError):
    """The token is not a well-formed compact JWS with JSON header and payload."""


class TokenTooLargeError(DecodeError):
    """The token is over max_token_bytes; nothing was decoded."""


class InvalidSignatureError(DecodeError):
    """The signature does not verify with the selected key."""


class InvalidAlgorithmError(InvalidTokenError):
    """The token's algorithm can't be used (PyJWT's class of the same name)."""


class AlgorithmNotAllowedError(InvalidAlgorithmError):
    """The token's alg is not one of the verifier's algorithms."""


class UnknownKidError(InvalidTokenError):
    """No configured key matches the token's kid."""


class ExpiredTokenError(InvalidTokenError):
    """The token's exp has passed (beyond the leeway)."""


ExpiredSignatureError = ExpiredTokenError
"""PyJWT's name for :class:`ExpiredTokenError`."""


class NotYetValidError(InvalidTokenError):
    """The token's nbf or iat is in the future (beyond the leeway)."""


ImmatureSignatureError = NotYetValidError
"""PyJWT's name for :class:`NotYetValidError`."""


class InvalidClaimError(InvalidTokenError):
    """A registered claim (exp, nbf, iat, iss, aud) or the header's crit is wrong."""


class InvalidAudienceError(InvalidClaimError):
    """aud does not name the expected audience, or names one when none is expected."""


class InvalidIssuerError(InvalidClaimError):
    """iss is not the expected issuer."""


class MissingRequiredClaimError(InvalidClaimError):
    """A required claim (exp; iss or aud when expected) is absent; ``claim`` names it."""

    claim: str = ""


class KeySourceError(HcjwtError):
    """A remote key set (a JWKS URL, a help center's keys endpoint) could not
    be fetched or held no usable key, and no cached keys could stand in."""


class ZendeskApiError(HcjwtError):
    """A Zendesk API call failed after its retries: credentials refused
    (401), not allowed (403), missing endpoint or record (404), the rate
    limit held (429), server errors, no answer in time. ``status`` is the
    HTTP status, or None when no answer came. Never holds a credential."""

    status: Optional[int] = None
    # Client.apply: what was made before the refusal (the plan document).
    applied: Optional[dict] = None
