"""The GIL is released while a batch signs: another thread keeps running."""

from __future__ import annotations

import sys
import threading
import time

import hcjwt
from conftest import NOW, key


def test_another_thread_runs_while_mint_many_signs() -> None:
    minter = hcjwt.Minter(key("rsa2048.pem"), "RS256")
    users = [{"id": i, "email": f"u{i}@example.com"} for i in range(1, 301)]
    ticks = 0
    started = threading.Event()
    done = threading.Event()

    def count() -> None:
        nonlocal ticks
        started.set()
        while not done.is_set():
            ticks += 1
            time.sleep(0)  # gives the GIL back at once

    # With a switch interval this long the interpreter never takes the GIL
    # from the main thread: the counter runs only while the main thread
    # waits (on `started`, or inside a call that releases the GIL).
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    counter = threading.Thread(target=count)
    try:
        counter.start()
        started.wait()
        before = ticks
        tokens = minter.mint_many(users, now=NOW)
        during = ticks - before
    finally:
        done.set()
        sys.setswitchinterval(interval)
        counter.join()
    assert len(tokens) == 300
    # Nothing but mint_many releasing the GIL lets the counter move here.
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



def test_strings_replaced_while_a_batch_signs_stay_as_they_were_read() -> None:
    """A batch reads each user's strings in place (no copy) and keeps them
    alive while it signs without the GIL: another thread replacing them in
    the dicts meanwhile, dropping the dicts' references, changes no token."""
    minter = hcjwt.Minter(key("rsa2048.pem"), "RS256")
    verifier = hcjwt.Verifier(key("rsa2048_public.pem"), "RS256")
    # Built at run time, so each dict holds the only reference to its strings.
    users = [
        {"id": i, "email": "".join(["u", str(i), "@example.com"]), "user_fields": {"plan": "".join(["p"] * (i % 7 + 1))}}
        for i in range(1, 101)
    ]
    gate = threading.Event()
    done = threading.Event()
    replaced = 0

    def replace_strings() -> None:
        nonlocal replaced
        gate.wait()
        while not done.is_set():
            for user in users:
                user["email"] = "".join(["changed", str(time.perf_counter_ns()), "@example.com"])
                user["user_fields"]["plan"] = "x" * 1000
                replaced += 1
            time.sleep(0)

    vandal = threading.Thread(target=replace_strings)
    vandal.start()
    interval = sys.getswitchinterval()
    # The calling thread keeps the GIL from gate.set() until the batch
    # releases it to sign: the users are read before anything is replaced.
    sys.setswitchinterval(100)
    try:
        gate.set()
        tokens = minter.mint_many(users, now=NOW)
    finally:
        sys.setswitchinterval(interval)
        done.set()
        vandal.join()
    assert replaced > 0, "nothing was replaced while the batch signed"
    for index, token in enumerate(tokens, start=1):
        payload = verifier.verify(token, now=NOW)
        assert payload["email"] == f"u{index}@example.com"
        assert payload["user_fields"] == {"plan": "p" * (index % 7 + 1)}
