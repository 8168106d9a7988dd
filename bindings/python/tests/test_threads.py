"""The GIL is released while a batch signs: another thread keeps running."""

from __future__ import annotations

import threading
import time

import hcjwt
from conftest import NOW, key


def test_another_thread_runs_while_mint_many_signs() -> None:
    minter = hcjwt.Minter(key("rsa2048.pem"), "RS256")
    users = [{"id": i, "email": f"u{i}@example.com"} for i in range(1, 301)]
    ticks = 0
    done = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0)

    counter = threading.Thread(target=count)
    counter.start()
    try:
        before = ticks
        tokens = minter.mint_many(users, now=NOW)
        during = ticks - before
    finally:
        done.set()
        counter.join()
    assert len(tokens) == 300
    # While mint_many signs, the calling thread runs no bytecode: if the GIL
    # were held for the batch, the counter could not have moved at all.
    assert during > 0


def test_minter_and_verifier_are_shared_between_threads() -> None:
    minter = hcjwt.Minter(key("p256.pem"), "ES256")
    verifier = hcjwt.Verifier(key("p256_public.pem"), "ES256")
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for i in range(50):
                token = minter.mint({"id": offset + i, "email": "a@example.com"}, now=NOW)
                assert verifier.verify(token, now=NOW)["userId"] == offset + i
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n * 1000,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
