"""Python habits: docstrings in help(), the package under a
ThreadPoolExecutor and asyncio.to_thread, one list of public names."""

from __future__ import annotations

import asyncio
import inspect as pyinspect
import io
import pydoc
from concurrent.futures import ThreadPoolExecutor

import hcjwt
from hcjwt import errors

SECRET = b"a-shared-secret-of-at-least-32-bytes!!"
USER = {"user": {"id": 35436, "email": "johnny@example.com"}}


def test_every_public_callable_has_a_docstring_help_shows() -> None:
    for name in hcjwt.__all__:
        value = getattr(hcjwt, name)
        if name == "__version__":
            continue
        assert (value.__doc__ or "").strip(), name
        if pyinspect.isclass(value) and not issubclass(value, BaseException):
            for member, attribute in vars(value).items():
                if not member.startswith("_") and callable(attribute):
                    assert (attribute.__doc__ or "").strip(), f"{name}.{member}"
    text = io.StringIO()
    pydoc.Helper(output=text).help(hcjwt.Minter)
    assert "mint_many" in text.getvalue() and "GIL" in text.getvalue()
    assert "return_to" in pydoc.render_doc(hcjwt.sso_form)


def test_public_names_are_listed_once_and_agree() -> None:
    assert len(hcjwt.__all__) == len(set(hcjwt.__all__))
    # The exception classes are hcjwt.X and hcjwt.errors.X; __all__ lists
    # the module, so help(hcjwt) is not their inherited methods repeated.
    assert all(getattr(hcjwt, name) is getattr(errors, name) for name in errors.__all__)
    for name in hcjwt.__all__:
        assert hasattr(hcjwt, name), name


def test_a_thread_pool_mints_and_verifies_with_shared_objects() -> None:
    minter = hcjwt.Minter(SECRET, "HS256")
    verifier = hcjwt.Verifier(SECRET, "HS256")
    users = [{"user": {"id": n, "email": "u%d@example.com" % n}} for n in range(1, 201)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        tokens = list(pool.map(minter.mint, users))
        payloads = list(pool.map(verifier.verify, tokens))
    assert [payload["userId"] for payload in payloads] == list(range(1, 201))
    assert len({payload["jti"] for payload in payloads}) == 200


def test_asyncio_to_thread_keeps_the_event_loop_free() -> None:
    minter = hcjwt.Minter(SECRET, "HS256")
    verifier = hcjwt.Verifier(SECRET, "HS256")

    async def main() -> list[int]:
        tokens = await asyncio.gather(*(asyncio.to_thread(minter.mint, USER) for _ in range(50)))
        payloads = await asyncio.gather(*(asyncio.to_thread(verifier.verify, token) for token in tokens))
        return [payload["userId"] for payload in payloads]

    assert asyncio.run(main()) == [35436] * 50


def test_the_wheel_describes_itself() -> None:
    from importlib import metadata

    meta = metadata.metadata("hcjwt")
    assert meta["Requires-Python"] == ">=3.10"
    assert "zendesk" in meta["Keywords"] and "messaging" in meta["Keywords"]
    assert "Typing :: Typed" in meta.get_all("Classifier")
    description = meta.get_payload() or meta["Description"]
    assert "## Which flow are you in?" in description
    assert "CPython >= 3.10" in description
