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
    ExpiredTokenError,
    HcjwtError,
    InvalidClaimError,
    InvalidJSONError,
    InvalidKeyError,
    InvalidOptionError,
    InvalidSignatureError,
    InvalidTokenError,
    MalformedTokenError,
    NotFoundError,
    NotYetValidError,
    PayloadTooLargeError,
    UnknownKidError,
    ValidationError,
)
from ._hcjwt import ClaimSet, FieldCatalog, Minter, Verifier, __version__

__all__ = [
    "__version__",
    "Minter",
    "Verifier",
    "ClaimSet",
    "FieldCatalog",
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
