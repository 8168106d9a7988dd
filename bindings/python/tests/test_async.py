"""The *_async methods on a real asyncio loop: cached keys verify at once,
a key fetch runs off the loop (the loop goes on serving meanwhile: the
keys server here answers only after another coroutine ran), cancellation
and timeouts return at once, and the Zendesk client's reads are awaitable."""

from __future__ import annotations

import asyncio
import json
import threading

import pytest

import hcjwt
from conftest import Server
from test_remote_keys import signing

USER = {"id": 1, "email": "a@example.com"}


def gated_keys_server(jwk: dict) -> tuple[Server, threading.Event]:
    """A keys server that answers once `gate` is set."""
    gate = threading.Event()
    body = json.dumps({"keys": [jwk]}).encode()

    def handle(path: str):
        gate.wait(10)
        return 200, body

    return Server(handle), gate


def test_cached_keys_verify_on_the_loop_and_errors_raise_when_awaited() -> None:
    secret = b"a-shared-secret-of-at-least-32-bytes!!"
    token = hcjwt.Minter(secret, "HS256").mint(USER)
    verifier = hcjwt.Verifier(secret, "HS256")

    async def main():
        awaitable = verifier.verify_async(token)
        assert awaitable.cr_code.co_name == "ready", "no thread for local keys"
        assert (await awaitable)["userId"] == 1
        with pytest.raises(hcjwt.InvalidSignatureError):
            await verifier.verify_async(token[:-4] + "AAAA")

    asyncio.run(main())


def test_a_key_fetch_runs_off_the_loop() -> None:
    minter, jwk = signing("rsa2048.pem", "hc-1")
    server, gate = gated_keys_server(jwk)
    try:
        verifier = hcjwt.Verifier.for_help_center(server.base)
        token = minter.mint(USER)

        async def main():
            fetching = asyncio.ensure_future(verifier.verify_async(token))

            async def other_endpoint():
                # Runs only if the loop is free while the keys are fetched;
                # the keys server answers only after it ran.
                await asyncio.sleep(0.05)
                gate.set()
                return "served"

            served, claims = await asyncio.gather(other_endpoint(), fetching)
            assert served == "served"
            assert claims["userId"] == 1
            # Now cached: verified inline.
            cached = verifier.verify_async(token)
            assert cached.cr_code.co_name == "ready"
            assert (await cached)["userId"] == 1

        asyncio.run(main())
    finally:
        gate.set()
        server.close()


def test_a_timeout_returns_at_once_and_the_fetch_still_fills_the_cache() -> None:
    minter, jwk = signing("rsa2048.pem", "hc-1")
    server, gate = gated_keys_server(jwk)
    try:
        verifier = hcjwt.Verifier.for_help_center(server.base)
        token = minter.mint(USER)

        async def main():
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(verifier.verify_async(token), timeout=0.2)
            gate.set()
            # The next call waits for the fetch in flight (single-flight) or
            # finds its keys.
            claims = await asyncio.wait_for(verifier.verify_async(token), timeout=10)
            assert claims["userId"] == 1

        asyncio.run(main())
        assert verifier.key_source_status()["fetches"] == 1
    finally:
        gate.set()
        server.close()


def test_zendesk_reads_are_awaitable(serve) -> None:
    from test_zendesk import EMAIL, TOKEN, fake_account

    handle, base = fake_account(page_size=2)
    server = serve(handle)
    base.append(server.base)
    client = hcjwt.zendesk.Client(server.base, email=EMAIL, api_token=TOKEN)

    async def main():
        catalog, claims = await asyncio.gather(client.user_fields_async(), client.custom_claims_async())
        assert len(catalog) == 7 and len(claims) == 2
        plan = await client.plan_async(claims=json.loads(claims.to_json()))
        assert plan["changes"] == 0

    asyncio.run(main())
