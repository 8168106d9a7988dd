"""The stubs, the runtime signatures and the core's defaults say the same.

Every default of every option has one source, the core (hcjwt.DEFAULTS is
read from its constants, as the native signatures' defaults are); the text
signatures Python shows and the .pyi stubs restate them, and this holds the
three together: a parameter renamed, reordered or given another default in
one place fails here.
"""

import ast
import base64
import inspect
import json
import pathlib

import pytest

import hcjwt
from conftest import SECRET, key
from hcjwt import _hcjwt

STUBS = pathlib.Path(_hcjwt.__file__).with_name("_hcjwt.pyi")

# The two options called `timeout`, told apart in DEFAULTS.
TIMEOUT_OF = {"ZendeskClient": "zendesk_timeout", "Verifier": "key_fetch_timeout"}

KINDS = {
    "posonlyargs": inspect.Parameter.POSITIONAL_ONLY,
    "args": inspect.Parameter.POSITIONAL_OR_KEYWORD,
    "kwonlyargs": inspect.Parameter.KEYWORD_ONLY,
}


def stub_parameters(function):
    """(name, kind, default) of a stub's parameters, without self/cls."""
    arguments = function.args
    parameters = []
    positional = arguments.posonlyargs + arguments.args
    defaults = [inspect.Parameter.empty] * (len(positional) - len(arguments.defaults)) + [
        ast.literal_eval(default) for default in arguments.defaults
    ]
    for index, argument in enumerate(positional):
        kind = KINDS["posonlyargs" if argument in arguments.posonlyargs else "args"]
        parameters.append((argument.arg, kind, defaults[index]))
    if arguments.vararg:
        parameters.append((arguments.vararg.arg, inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.empty))
    for argument, default in zip(arguments.kwonlyargs, arguments.kw_defaults):
        value = inspect.Parameter.empty if default is None else ast.literal_eval(default)
        parameters.append((argument.arg, KINDS["kwonlyargs"], value))
    if arguments.kwarg:
        parameters.append((arguments.kwarg.arg, inspect.Parameter.VAR_KEYWORD, inspect.Parameter.empty))
    return [p for p in parameters if p[0] not in ("self", "cls")]


def stubbed_callables():
    """(qualified name, runtime object, stub) for every function and method stubbed."""
    tree = ast.parse(STUBS.read_text())
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            found.append((node.name, getattr(_hcjwt, node.name), node))
        elif isinstance(node, ast.ClassDef):
            cls = getattr(_hcjwt, node.name)
            for member in node.body:
                if not isinstance(member, ast.FunctionDef):
                    continue
                if any(getattr(d, "id", None) == "property" for d in member.decorator_list):
                    continue
                if member.name == "__new__":
                    found.append((node.name, cls, member))
                elif not member.name.startswith("_"):
                    found.append((f"{node.name}.{member.name}", getattr(cls, member.name), member))
    return found


CALLABLES = stubbed_callables()


def runtime_parameters(obj):
    signature = inspect.signature(obj)
    return [
        (p.name, p.kind, p.default)
        for p in signature.parameters.values()
        if p.name not in ("self", "cls", "$self", "$cls")
    ]


def test_every_public_callable_is_stubbed():
    stubbed = {name for name, _, _ in CALLABLES}
    public = {name for name in _hcjwt.__all__ if callable(getattr(_hcjwt, name))}
    assert public <= {name.split(".")[0] for name in stubbed}
    assert len(CALLABLES) >= 25


@pytest.mark.parametrize("name,obj,stub", CALLABLES, ids=[c[0] for c in CALLABLES])
def test_the_stub_is_the_runtime_signature(name, obj, stub):
    assert runtime_parameters(obj) == stub_parameters(stub), name


@pytest.mark.parametrize("name,obj,stub", CALLABLES, ids=[c[0] for c in CALLABLES])
def test_every_default_is_the_cores(name, obj, stub):
    for parameter, _, default in runtime_parameters(obj):
        key = TIMEOUT_OF[name.split(".")[0]] if parameter == "timeout" else parameter
        # None is "not given" (inspect's profile: the token's own), not a default.
        if key in hcjwt.DEFAULTS and default is not None:
            assert default == hcjwt.DEFAULTS[key], f"{name}({parameter}=...)"


def test_the_defaults_are_the_contracts():
    assert hcjwt.DEFAULTS == {
        "algorithm": "RS256",
        "profile": "help_center",
        "ttl": 300,
        "leeway": 60,
        "max_token_bytes": 8192,
        "cache_ttl": 600,
        "cooldown": 30,
        "max_stale": 86400,
        "key_fetch_timeout": 5.0,
        "zendesk_timeout": 10.0,
    }


def payload_of(token):
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def test_the_minting_defaults_are_what_a_minter_does():
    minter = hcjwt.Minter(key("rsa2048.pem"))
    assert minter.algorithm == hcjwt.DEFAULTS["algorithm"]
    token = minter.mint({"id": 1, "email": "a@example.com"}, now=1_700_000_000)
    payload = payload_of(token)
    assert payload["exp"] - payload["iat"] == hcjwt.DEFAULTS["ttl"]
    assert "userId" in payload  # the help_center profile


def test_the_verifying_defaults_are_what_a_verifier_does():
    minter = hcjwt.Minter(SECRET, "HS256", ttl=100)
    token = minter.mint({"id": 1, "email": "a@example.com"}, now=1_000)
    verifier = hcjwt.Verifier(SECRET, "HS256")
    leeway = hcjwt.DEFAULTS["leeway"]
    assert verifier.verify(token, now=1_100 + leeway - 1)["userId"] == 1
    with pytest.raises(hcjwt.ExpiredTokenError):
        verifier.verify(token, now=1_100 + leeway)
    too_long = "a" * (hcjwt.DEFAULTS["max_token_bytes"] + 1)
    with pytest.raises(hcjwt.TokenTooLargeError):
        verifier.verify(too_long)
