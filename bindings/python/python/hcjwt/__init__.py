"""hcjwt: build, validate, sign and verify help center JWTs.

>>> import hcjwt
>>> minter = hcjwt.Minter(b"a-secret-of-at-least-thirty-two-bytes", "HS256")
>>> token = minter.mint({"id": 35436, "email": "johnny@example.com"})
>>> verifier = hcjwt.Verifier(b"a-secret-of-at-least-thirty-two-bytes", "HS256")
>>> verifier.verify(token)["userId"]
35436
"""

from ._exceptions import (
    AlgorithmNotAllowedError,
    DecodeError,
    ExpiredSignatureError,
    ExpiredTokenError,
    HcjwtError,
    ImmatureSignatureError,
    InvalidAlgorithmError,
    InvalidAudienceError,
    InvalidClaimError,
    InvalidIssuerError,
    InvalidJSONError,
    InvalidKeyError,
    InvalidOptionError,
    InvalidSignatureError,
    InvalidTokenError,
    MalformedTokenError,
    MissingRequiredClaimError,
    NotFoundError,
    NotYetValidError,
    PayloadTooLargeError,
    SigningError,
    TokenTooLargeError,
    UnknownKidError,
    UnsupportedAlgorithmError,
    ValidationError,
)
from ._hcjwt import ClaimSet, FieldCatalog, Minter, Verifier, __version__, check_user

__all__ = [
    "__version__",
    "Minter",
    "Verifier",
    "ClaimSet",
    "FieldCatalog",
    "check_user",
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
]
