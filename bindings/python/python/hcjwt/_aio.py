"""The awaitables of the *_async methods: a result already known (keys in
the cache: verified inline, microseconds), or a blocking call run off the
event loop in a worker thread (a key fetch, a Zendesk API call)."""

from __future__ import annotations

import asyncio
from typing import Any, Callable


async def ready(value: Any) -> Any:
    return value


async def failed(error: BaseException) -> Any:
    raise error


def threaded(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    # Cancelling the awaiting task returns at once; the call itself runs to
    # its end (its timeout bounds it) and a fetch it made fills the cache.
    return asyncio.to_thread(function, *args, **kwargs)
