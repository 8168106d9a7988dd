"""The exceptions hcjwt raises; the native module raises these classes."""

from __future__ import annotations

__all__ = [
    "HcjwtError",
    "ValidationError",
    "InvalidJSONError",
    "NotFoundError",
    "InvalidKeyError",
    "InvalidOptionError",
    "PayloadTooLargeError",
    "InvalidTokenError",
    "MalformedTokenError",
    "AlgorithmNotAllowedError",
    "UnknownKidError",
    "InvalidSignatureError",
    "ExpiredTokenError",
    "InvalidClaimError",
    "NotYetValidError",
]


class HcjwtError(Exception):
    """Base class of every hcjwt error. ``kind`` names the Rust ErrorKind."""

    kind: str = ""


class ValidationError(HcjwtError, ValueError):
    """Claims, fields, values or a user failed validation.

    ``errors`` holds the API's shape: ``{"field": ["message", ...]}``.
    """

    errors: dict[str, list[str]]

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.errors = {}


class InvalidJSONError(HcjwtError, ValueError):
    """A JSON document could not be parsed (syntax, duplicate members, depth)."""


class NotFoundError(HcjwtError, KeyError):
    """No claim, field or option has the id or key asked for."""


class InvalidKeyError(HcjwtError, ValueError):
    """A key could not be loaded or does not fit its algorithm."""


class InvalidOptionError(HcjwtError, ValueError):
    """An option (ttl, profile, now, ...) is out of range."""


class PayloadTooLargeError(HcjwtError, ValueError):
    """The token to mint would exceed max_token_bytes."""


class InvalidTokenError(HcjwtError):
    """A token did not verify."""


class MalformedTokenError(InvalidTokenError):
    """The token is not a well-formed compact JWS, or is over the size limit."""


class AlgorithmNotAllowedError(InvalidTokenError):
    """The token's alg is not one of the verifier's algorithms."""


class UnknownKidError(InvalidTokenError):
    """No configured key matches the token's kid."""


class InvalidSignatureError(InvalidTokenError):
    """The signature does not verify."""


class ExpiredTokenError(InvalidTokenError):
    """The token's exp has passed."""


class InvalidClaimError(InvalidTokenError):
    """A registered claim (exp, nbf, iat, iss, aud) or crit is wrong."""


class NotYetValidError(InvalidClaimError):
    """The token's nbf or iat is in the future."""
