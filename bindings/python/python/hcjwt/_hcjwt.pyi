import builtins
from collections.abc import Awaitable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Literal, Optional, Union, final

from hcjwt.types import Algorithm, Inspection, Profile

__version__: str
# The default of every option, from the core (key_fetch_timeout and
# zendesk_timeout are the two `timeout` defaults).
DEFAULTS: dict[str, Any]

_Seconds = Union[int, timedelta]
_Time = Union[int, datetime]

__all__ = [
    "__version__",
    "DEFAULTS",
    "Minter",
    "Verifier",
    "ClaimSet",
    "FieldCatalog",
    "ZendeskClient",
    "check_user",
    "exchange",
    "sso_form",
    "sso_url",
    "sso_content_security_policy",
    "inspect",
    "get_unverified_header",
]
_Json = Union[Mapping[str, Any], str, bytes]

@final
class Minter:
    def __new__(
        cls,
        key: Union[bytes, str],
        algorithm: Algorithm = "RS256",
        *,
        kid: Optional[str] = None,
        profile: Profile = "help_center",
        ttl: _Seconds = 300,
        issuer: Optional[str] = None,
        audience: Optional[str] = None,
        claims: Optional[ClaimSet] = None,
        fields: Optional[FieldCatalog] = None,
        max_token_bytes: int = 8192,
    ) -> Minter: ...
    def mint(self, user: Mapping[str, Any], *, now: Optional[_Time] = None) -> str: ...
    def mint_many(self, users: Sequence[Mapping[str, Any]], *, now: Optional[_Time] = None) -> builtins.list[str]: ...
    def check(self, user: Mapping[str, Any]) -> None: ...
    def jwks(self) -> dict[str, Any]: ...
    @property
    def kid(self) -> Optional[str]: ...
    @property
    def algorithm(self) -> Algorithm: ...

@final
class Verifier:
    def __new__(
        cls,
        key: Union[bytes, str],
        algorithms: Union[Algorithm, Sequence[Algorithm]],
        *,
        leeway: _Seconds = 60,
        issuer: Optional[str] = None,
        audience: Union[str, Sequence[str], None] = None,
        accept_any_audience: bool = False,
        max_token_bytes: int = 8192,
    ) -> Verifier: ...
    @staticmethod
    def from_jwks(
        jwks: _Json,
        algorithms: Union[Algorithm, Sequence[Algorithm]],
        *,
        leeway: _Seconds = 60,
        issuer: Optional[str] = None,
        audience: Union[str, Sequence[str], None] = None,
        accept_any_audience: bool = False,
        max_token_bytes: int = 8192,
    ) -> Verifier: ...
    @staticmethod
    def from_jwks_url(
        url: str,
        algorithms: Union[Algorithm, Sequence[Algorithm]],
        *,
        leeway: _Seconds = 60,
        issuer: Optional[str] = None,
        audience: Union[str, Sequence[str], None] = None,
        accept_any_audience: bool = False,
        max_token_bytes: int = 8192,
        cache_ttl: _Seconds = 600,
        cooldown: _Seconds = 30,
        timeout: float = 5.0,
        max_stale: _Seconds = 86400,
    ) -> Verifier: ...
    @staticmethod
    def for_help_center(
        host: str,
        *,
        leeway: _Seconds = 60,
        issuer: Optional[str] = None,
        audience: Union[str, Sequence[str], None] = None,
        accept_any_audience: bool = False,
        max_token_bytes: int = 8192,
        cache_ttl: _Seconds = 600,
        cooldown: _Seconds = 30,
        timeout: float = 5.0,
        max_stale: _Seconds = 86400,
    ) -> Verifier: ...
    def key_source_status(self) -> Optional[dict[str, Any]]: ...
    def refresh(self) -> list[str]: ...
    def verify(self, token: Union[str, bytes], *, now: Optional[_Time] = None) -> dict[str, Any]: ...
    def verify_async(self, token: Union[str, bytes], *, now: Optional[_Time] = None) -> Awaitable[dict[str, Any]]: ...

@final
class ClaimSet:
    def __new__(cls, account_id: int, brand_id: int) -> ClaimSet: ...
    @staticmethod
    def from_json(json: _Json) -> ClaimSet: ...
    def create(
        self,
        identifier: Union[str, Mapping[str, Any]],
        value: Optional[str] = None,
        description: Optional[str] = None,
    ) -> dict[str, Any]: ...
    def update(self, id: str, body: Optional[Mapping[str, Any]] = None, **changes: Optional[str]) -> dict[str, Any]: ...
    def delete(self, id: str) -> dict[str, Any]: ...
    def get(self, id: str) -> dict[str, Any]: ...
    def list(self) -> builtins.list[dict[str, Any]]: ...
    def to_json(self) -> str: ...
    @property
    def account_id(self) -> Optional[int]: ...
    @property
    def brand_id(self) -> Optional[int]: ...
    def __len__(self) -> int: ...

@final
class FieldCatalog:
    def __new__(cls) -> FieldCatalog: ...
    @staticmethod
    def from_json(json: _Json) -> FieldCatalog: ...
    def validate(self, user_fields: Mapping[str, Any]) -> dict[str, Any]: ...
    def get(self, id_or_key: str) -> dict[str, Any]: ...
    def list(self) -> builtins.list[dict[str, Any]]: ...
    def create(self, body: Mapping[str, Any]) -> dict[str, Any]: ...
    def update(self, id_or_key: str, body: Mapping[str, Any]) -> dict[str, Any]: ...
    def delete(self, id_or_key: str) -> dict[str, Any]: ...
    def reorder(self, field_ids: Sequence[int]) -> None: ...
    def list_options(self, id_or_key: str) -> builtins.list[dict[str, Any]]: ...
    def option(self, id_or_key: str, option_id: int) -> dict[str, Any]: ...
    def upsert_option(self, id_or_key: str, body: Mapping[str, Any]) -> tuple[dict[str, Any], bool]: ...
    def delete_option(self, id_or_key: str, option_id: int) -> dict[str, Any]: ...
    def unchecked(self) -> dict[str, str]: ...
    def to_json(self) -> str: ...
    def __len__(self) -> int: ...

def check_user(
    user: Mapping[str, Any], *, profile: Profile = "help_center", fields: Optional[FieldCatalog] = None
) -> None: ...

@final
class ZendeskClient:
    def __new__(
        cls,
        host: str,
        *,
        email: Optional[str] = None,
        api_token: Optional[str] = None,
        oauth_token: Optional[str] = None,
        timeout: float = 10.0,
    ) -> ZendeskClient: ...
    def user_fields(self) -> FieldCatalog: ...
    def custom_claims(self) -> ClaimSet: ...
    def user(self, id: int) -> dict[str, Any]: ...
    def user_by_external_id(self, external_id: str) -> Optional[dict[str, Any]]: ...
    def user_fields_async(self) -> Awaitable[FieldCatalog]: ...
    def custom_claims_async(self) -> Awaitable[ClaimSet]: ...
    def user_async(self, id: int) -> Awaitable[dict[str, Any]]: ...
    def user_by_external_id_async(self, external_id: str) -> Awaitable[Optional[dict[str, Any]]]: ...
    def plan_async(
        self,
        *,
        claims: Union[_Json, Sequence[Mapping[str, Any]], None] = None,
        fields: Union[_Json, Sequence[Mapping[str, Any]], None] = None,
        prune: bool = False,
    ) -> Awaitable[dict[str, Any]]: ...
    def apply_async(
        self,
        *,
        claims: Union[_Json, Sequence[Mapping[str, Any]], None] = None,
        fields: Union[_Json, Sequence[Mapping[str, Any]], None] = None,
        prune: bool = False,
    ) -> Awaitable[dict[str, Any]]: ...
    def plan(
        self,
        *,
        claims: Union[_Json, Sequence[Mapping[str, Any]], None] = None,
        fields: Union[_Json, Sequence[Mapping[str, Any]], None] = None,
        prune: bool = False,
    ) -> dict[str, Any]: ...
    def apply(
        self,
        *,
        claims: Union[_Json, Sequence[Mapping[str, Any]], None] = None,
        fields: Union[_Json, Sequence[Mapping[str, Any]], None] = None,
        prune: bool = False,
    ) -> dict[str, Any]: ...
    @property
    def base_url(self) -> str: ...

def sso_form(
    host: str,
    token: Union[str, bytes],
    *,
    return_to: Optional[str] = None,
    allowed_hosts: Sequence[str] = (),
    nonce: Optional[str] = None,
) -> str: ...
def sso_url(
    host: str,
    token: Union[str, bytes],
    *,
    return_to: Optional[str] = None,
    allowed_hosts: Sequence[str] = (),
) -> str: ...
def sso_content_security_policy(host: str, nonce: str, *, allowed_hosts: Sequence[str] = ()) -> str: ...
def get_unverified_header(token: Union[str, bytes]) -> dict[str, Any]: ...
def inspect(
    token: Union[str, bytes],
    *,
    profile: Optional[Profile] = None,
    key: Union[Verifier, bytes, str, None] = None,
    fields: Optional[FieldCatalog] = None,
    now: Optional[_Time] = None,
) -> Inspection: ...
def exchange(
    verifier: Verifier,
    token: Union[str, bytes],
    minter: Minter,
    *,
    if_no_external_id: Literal["refuse", "user_id"] = "refuse",
    now: Optional[_Time] = None,
) -> str: ...
