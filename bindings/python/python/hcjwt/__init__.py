"""hcjwt: build, validate, sign and verify help center JWTs.

>>> import hcjwt
>>> minter = hcjwt.Minter(b"a-secret-of-at-least-thirty-two-bytes", "HS256")
>>> token = minter.mint({"id": 35436, "email": "johnny@example.com"})
>>> verifier = hcjwt.Verifier(b"a-secret-of-at-least-thirty-two-bytes", "HS256")
>>> verifier.verify(token)["userId"]
35436
"""

from . import _exceptions, zendesk
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
    KeySourceError,
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
    ZendeskApiError,
)
from ._hcjwt import (
    DEFAULTS,
    ClaimSet,
    FieldCatalog,
    Minter,
    Verifier,
    __version__,
    check_user,
    get_unverified_header,
    inspect,
    sso_content_security_policy,
    sso_form,
    sso_url,
)

__all__ = [
    "__version__",
    "DEFAULTS",
    "Minter",
    "Verifier",
    "ClaimSet",
    "FieldCatalog",
    "check_user",
    "sso_form",
    "sso_url",
    "sso_content_security_policy",
    "inspect",
    "get_unverified_header",
    "zendesk",
] + _exceptions.__all__
