"""The stubs as a type checker reads them: mypy (the outside judge) catches
a misspelt algorithm or profile and accepts the documented calls."""

from __future__ import annotations

import textwrap

from mypy import api


def check(source: str, tmp_path) -> tuple[str, int]:
    path = tmp_path / "example.py"
    path.write_text(textwrap.dedent(source))
    out, err, status = api.run(["--strict", "--no-incremental", "--cache-dir=/dev/null", str(path)])
    return out + err, status


def test_a_misspelt_algorithm_or_profile_is_a_type_error(tmp_path) -> None:
    out, status = check(
        """
        import hcjwt
        hcjwt.Minter(b"secret", "HS265")
        hcjwt.Minter(b"secret", "HS256", profile="sos")
        hcjwt.Verifier(b"secret", ["RS256", "none"])
        """,
        tmp_path,
    )
    assert status == 1
    assert out.count("error:") == 3, out
    assert "'HS265'" in out and "'sos'" in out and "'none'" in out


def test_the_documented_calls_type_check(tmp_path) -> None:
    out, status = check(
        """
        import asyncio
        import typing
        import hcjwt
        from hcjwt.types import HelpCenterClaims, Inspection

        minter = hcjwt.Minter(b"a-shared-secret-of-at-least-32-bytes!!", "HS256", kid="k", profile="sso")
        verifier = hcjwt.Verifier.for_help_center("acme")
        claims = typing.cast(HelpCenterClaims, verifier.verify("t"))
        user_id: int = claims["userId"]
        report: Inspection = hcjwt.inspect("t")
        problems: list[str] = report["problems"]

        async def handler(token: str) -> str:
            payload = await verifier.verify_async(token)
            return str(payload["email"])

        try:
            hcjwt.Verifier(b"k", "HS256").verify("t")
        except hcjwt.InvalidTokenError as error:
            kind: str = error.kind
        """,
        tmp_path,
    )
    assert status == 0, out
