"""hcjwt: build, validate, sign and verify Zendesk JWTs.

Three flows, each one call:

- Verify the help center's tokens (Zendesk signs them, RS256, with the keys
  of the help center's keys endpoint)::

      verifier = hcjwt.Verifier.for_help_center("acme")
      claims = verifier.verify(token)            # or: await verifier.verify_async(token)

- Sign users into Zendesk with JWT single sign-on (your login page)::

      minter = hcjwt.Minter(sso_secret, "HS256", profile="sso")
      page = hcjwt.sso_form("acme", minter.mint(user), nonce=nonce)

- Sign users into messaging (the Web Widget and SDKs)::

      minter = hcjwt.Minter(secret, "HS256", kid="app_...", profile="messaging")
      token = hcjwt.exchange(verifier, help_center_token, minter)

Every error is an :class:`hcjwt.errors.HcjwtError` (``hcjwt.InvalidTokenError``
and the others are the same classes); ``hcjwt.zendesk.Client`` reads and
manages the account; ``hcjwt.DEFAULTS`` holds every option's default.

>>> import hcjwt
>>> minter = hcjwt.Minter(b"a-secret-of-at-least-thirty-two-bytes", "HS256")
>>> token = minter.mint({"id": 35436, "email": "johnny@example.com"})
>>> verifier = hcjwt.Verifier(b"a-secret-of-at-least-thirty-two-bytes", "HS256")
>>> verifier.verify(token)["userId"]
35436
"""

from . import errors, types, zendesk
# The exception classes, re-exported (the `X as X` form says so to type
# checkers); hcjwt.errors documents them.
from .errors import (
    AlgorithmNotAllowedError as AlgorithmNotAllowedError,
    DecodeError as DecodeError,
    ExpiredSignatureError as ExpiredSignatureError,
    ExpiredTokenError as ExpiredTokenError,
    HcjwtError as HcjwtError,
    ImmatureSignatureError as ImmatureSignatureError,
    InvalidAlgorithmError as InvalidAlgorithmError,
    InvalidAudienceError as InvalidAudienceError,
    InvalidClaimError as InvalidClaimError,
    InvalidIssuerError as InvalidIssuerError,
    InvalidJSONError as InvalidJSONError,
    InvalidKeyError as InvalidKeyError,
    InvalidOptionError as InvalidOptionError,
    InvalidSignatureError as InvalidSignatureError,
    InvalidTokenError as InvalidTokenError,
    KeySourceError as KeySourceError,
    MalformedTokenError as MalformedTokenError,
    MissingRequiredClaimError as MissingRequiredClaimError,
    NotFoundError as NotFoundError,
    NotYetValidError as NotYetValidError,
    PayloadTooLargeError as PayloadTooLargeError,
    SigningError as SigningError,
    TokenTooLargeError as TokenTooLargeError,
    UnknownKidError as UnknownKidError,
    UnsupportedAlgorithmError as UnsupportedAlgorithmError,
    ValidationError as ValidationError,
    ZendeskApiError as ZendeskApiError,
)
from ._hcjwt import (
    DEFAULTS,
    ClaimSet,
    FieldCatalog,
    Minter,
    Verifier,
    __version__,
    check_user,
    exchange,
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
    "exchange",
    "sso_form",
    "sso_url",
    "sso_content_security_policy",
    "inspect",
    "get_unverified_header",
    "zendesk",
    "errors",
    "types",
]
