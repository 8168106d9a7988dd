"""The Zendesk API client: the account's field catalog, the brand's custom
claims and users, read into hcjwt's own types::

    import hcjwt
    from hcjwt.zendesk import Client

    client = Client("acme")  # ZENDESK_EMAIL + ZENDESK_API_TOKEN from the environment
    minter = hcjwt.Minter(key, "RS256", claims=client.custom_claims(), fields=client.user_fields())
    token = minter.mint(client.user(35436))

Failures raise :class:`hcjwt.ZendeskApiError`, whose ``status`` is the HTTP
status (None when no answer came).
"""

from __future__ import annotations

from .errors import ZendeskApiError
from ._hcjwt import ZendeskClient as Client

__all__ = ["Client", "ZendeskApiError"]
