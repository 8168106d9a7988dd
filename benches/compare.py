#!/usr/bin/env python3
"""Peer comparison: hcjwt from Rust, Python and C against jsonwebtoken, PyJWT,
joserfc and libjwt, minting and verifying, on one machine in one go.

Every implementation signs the same typical payload (help_center profile, five
custom claims, five user_fields) with the same keys. hcjwt builds that payload
from the user, the claims and the field catalog on every call (validating the
values); the peers encode the finished payload. Verifying, every
implementation checks the signature of the same token and returns its payload
(hcjwt and the Rust and Python peers also check exp). Rounds interleave the
three languages in a shuffled order; the report gives medians and ratios.

    python benches/compare.py            # full run: writes BENCHMARKS.md, benches/chart.svg, benches/chart-verify.svg
    python benches/compare.py --quick    # CI: one short round, output under target/peers/

Run it with a Python that has hcjwt (the wheel), PyJWT[crypto] and joserfc
installed, on a machine with libjwt-dev; `make bench-compare` does all that.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "target" / "peers"
SECRET = b"a-shared-secret-of-at-least-32-bytes!!"
NOW = 1_700_000_000
ALGORITHMS = ["HS256", "RS256", "ES256", "EdDSA"]
KEYS = {
    "HS256": SECRET,
    "RS256": (ROOT / "tests/fixtures/keys/rsa2048.pem").read_bytes(),
    "ES256": (ROOT / "tests/fixtures/keys/p256.pem").read_bytes(),
    "EdDSA": (ROOT / "tests/fixtures/keys/ed25519.pem").read_bytes(),
}
PUBLIC_KEYS = {
    "HS256": SECRET,
    "RS256": (ROOT / "tests/fixtures/keys/rsa2048_public.pem").read_bytes(),
    "ES256": (ROOT / "tests/fixtures/keys/p256_public.pem").read_bytes(),
    "EdDSA": (ROOT / "tests/fixtures/keys/ed25519_public.pem").read_bytes(),
}
# The two operations: a label prefix for each ("" for mint, "verify/").
OPERATIONS = {"mint": "", "verify": "verify/"}
# (language, hcjwt's label, the peer's label) for each comparison.
PAIRS = [
    ("rust", "rust/hcjwt", "rust/jsonwebtoken"),
    ("python", "python/hcjwt", "python/pyjwt"),
    ("python", "python/hcjwt", "python/joserfc"),
    ("c", "c/hcjwt", "c/libjwt"),
]


def run(command: list[str]) -> str:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"failed: {' '.join(command)}")
    return result.stdout


def libjwt_major() -> int:
    """The major version of the libjwt pkg-config finds (1 or 3; 0 if none)."""
    try:
        version = subprocess.run(["pkg-config", "--modversion", "libjwt"], capture_output=True, text=True, check=True).stdout
        return int(version.strip().split(".")[0])
    except (OSError, subprocess.CalledProcessError, ValueError):
        return 0


def build() -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    run(["cargo", "build", "--release", "-q", "-p", "hcjwt-capi"])
    run(["cargo", "bench", "-q", "--bench", "peers", "--no-run"])
    binary = OUT / "bench_c"
    major = libjwt_major()
    if major != 1:
        print(f"libjwt {major or 'absent'}: the C harness times hcjwt only (its libjwt side is written for 1.x)", file=sys.stderr)
    run([
        os.environ.get("CC", "cc"), "-std=c11", "-O2", "-Wall", "-Wextra", "-Werror", "-Iinclude", f"-DHCJWT_LIBJWT_MAJOR={major}",
        "benches/peers/bench_c.c", "target/release/libhcjwt.a", *(["-ljwt"] if major == 1 else []),
        "-lpthread", "-ldl", "-lm", "-o", str(binary),
    ])
    return binary


def python_setup():
    import hcjwt
    import jwt
    from cryptography.hazmat.primitives.serialization import load_pem_private_key, load_pem_public_key
    from joserfc import jwt as jose_jwt
    from joserfc.jwk import ECKey, OctKey, OKPKey, RSAKey

    claims = hcjwt.ClaimSet.from_json((ROOT / "benches/peers/claims5.json").read_text())
    fields = hcjwt.FieldCatalog.from_json((ROOT / "examples/fields.json").read_text())
    user = json.loads((ROOT / "examples/user.json").read_text())
    jose_keys = {
        "HS256": OctKey.import_key(SECRET),
        "RS256": RSAKey.import_key(KEYS["RS256"]),
        "ES256": ECKey.import_key(KEYS["ES256"]),
        "EdDSA": OKPKey.import_key(KEYS["EdDSA"]),
    }
    cases = {}
    payloads = {}
    for algorithm in ALGORITHMS:
        minter = hcjwt.Minter(KEYS[algorithm], algorithm, claims=claims, fields=fields)
        token = minter.mint(user, now=NOW)
        segment = token.split(".")[1]
        payload = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
        payloads[algorithm] = payload
        # PyJWT with a loaded key object for the asymmetric algorithms.
        pyjwt_key = SECRET if algorithm == "HS256" else load_pem_private_key(KEYS[algorithm], password=None)
        headers = {"kid": minter.kid} if minter.kid else None
        cases[algorithm] = {
            "python/hcjwt": lambda minter=minter: minter.mint(user, now=NOW),
            "python/pyjwt": lambda k=pyjwt_key, a=algorithm, p=payload, h=headers: jwt.encode(p, k, algorithm=a, headers=h),
            "python/joserfc": lambda k=jose_keys[algorithm], a=algorithm, p=payload: jose_jwt.encode({"alg": a, "typ": "JWT"}, p, k, algorithms=[a]),
        }
        # Verify one fresh token (exp checked against the clock by all three).
        fresh = minter.mint(user)
        verifier = hcjwt.Verifier(PUBLIC_KEYS[algorithm], algorithm)
        pyjwt_public = SECRET if algorithm == "HS256" else load_pem_public_key(PUBLIC_KEYS[algorithm])
        jose_public = jose_keys[algorithm]
        cases["verify/" + algorithm] = {
            "python/hcjwt": lambda v=verifier, t=fresh: v.verify(t),
            "python/pyjwt": lambda k=pyjwt_public, a=algorithm, t=fresh: jwt.decode(t, k, algorithms=[a], options={"require": ["exp"]}),
            "python/joserfc": lambda k=jose_public, a=algorithm, t=fresh: jose_jwt.decode(t, k, algorithms=[a]).claims,
        }
    (OUT / "payload.json").write_text(json.dumps(payloads["HS256"]))
    return cases


def time_python(cases, iterations: int) -> dict[str, float]:
    results = {}
    for case, implementations in cases.items():
        n = max(1, iterations // 20) if case.endswith("RS256") else iterations
        for label, call in implementations.items():
            for _ in range(max(1, n // 10)):
                call()
            started = time.perf_counter_ns()
            for _ in range(n):
                call()
            results[f"{label}/{case}"] = (time.perf_counter_ns() - started) / n
    return results


def time_rust(iterations: int) -> dict[str, float]:
    output = run(["cargo", "bench", "-q", "--bench", "peers", "--", str(iterations)])
    return json.loads(output.strip().splitlines()[-1])


def time_c(binary: Path, iterations: int) -> dict[str, float]:
    output = run([str(binary), str(ROOT), str(OUT / "payload.json"), str(iterations)])
    return json.loads(output)


def versions() -> dict[str, str]:
    def package(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "?"

    def command(args: list[str]) -> str:
        try:
            return subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip().splitlines()[0]
        except (OSError, subprocess.CalledProcessError):
            return "?"

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": f"{cpu}, {os.cpu_count()} logical CPUs",
        "os": platform.platform(),
        "rustc": command(["rustc", "--version"]),
        "python": platform.python_version(),
        "hcjwt": package("hcjwt"),
        "PyJWT": package("PyJWT"),
        "joserfc": package("joserfc"),
        "cryptography": package("cryptography"),
        "libjwt": command(["pkg-config", "--modversion", "libjwt"]),
        "jsonwebtoken": "11.1 (aws_lc_rs backend)",
    }


def fmt(ns: float) -> str:
    return f"{ns / 1000:.2f} µs" if ns < 1_000_000 else f"{ns / 1_000_000:.2f} ms"


def ratios(medians: dict[str, float], prefix: str):
    """(language, algorithm, hcjwt time, peer label, peer time) of each
    comparison measured for one operation."""
    for language, ours, peer in PAIRS:
        for algorithm in ALGORITHMS:
            a, b = medians.get(f"{ours}/{prefix}{algorithm}"), medians.get(f"{peer}/{prefix}{algorithm}")
            if a and b:
                yield language, algorithm, a, peer.split("/")[1], b


def chart(medians: dict[str, float], path: Path, operation: str) -> None:
    """A bar per (comparison, algorithm): how many times faster hcjwt is."""
    bars = [(f"{peer} {algorithm}", b / a, language) for language, algorithm, a, peer, b in ratios(medians, OPERATIONS[operation])]
    if not bars:
        return
    width, row, left = 760, 26, 210
    height = 60 + row * len(bars)
    top = max(ratio for _, ratio, _ in bars)
    scale = (width - left - 80) / top
    colours = {"rust": "#b7410e", "python": "#3572a5", "c": "#555555"}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="13">',
        f'<text x="10" y="22" font-size="15" font-weight="bold">{operation}: hcjwt speed-up over each peer (peer time / hcjwt time, median)</text>',
    ]
    x1 = left + scale
    parts.append(f'<line x1="{x1:.1f}" y1="34" x2="{x1:.1f}" y2="{height - 10}" stroke="#999" stroke-dasharray="4 3"/>')
    for index, (label, ratio, language) in enumerate(bars):
        y = 40 + index * row
        parts.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{language}: {label}</text>')
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{ratio * scale:.1f}" height="{row - 8}" fill="{colours[language]}"/>')
        parts.append(f'<text x="{left + ratio * scale + 6:.1f}" y="{y + 15}">{ratio:.1f}×</text>')
    parts.append("</svg>")
    path.write_text("\n".join(parts) + "\n")


def criterion_median(*parts: str) -> float | None:
    path = ROOT.joinpath("target", "criterion", *parts, "new", "estimates.json")
    try:
        return json.loads(path.read_text())["median"]["point_estimate"]
    except (OSError, KeyError, ValueError):
        return None


def criterion_section() -> list[str]:
    """The latest `cargo bench --bench mint` run, if there is one."""
    rows = []
    for algorithm in ALGORITHMS:
        ours, peer, floor = (criterion_median(f"mint_{algorithm}", name) for name in ("hcjwt", "jsonwebtoken_encode", "floor"))
        if ours and peer and floor:
            rows.append(f"| {algorithm} | {fmt(ours)} | {fmt(floor)} | {ours / floor:.2f}× | {fmt(peer)} | {peer / ours:.2f}× |")
    if not rows:
        return []
    lines = [
        "## Rust against the floor (criterion)",
        "",
        "From the latest `cargo bench --bench mint` (medians, one run). The floor is",
        "a prepared aws-lc key signing the same signing input plus base64url of the",
        "payload: no payload building, no validation, no `jti`.",
        "",
        "| algorithm | hcjwt mint | floor | hcjwt / floor | jsonwebtoken::encode | speed-up |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
    ]
    stages = [(name, criterion_median("stages_HS256", name)) for name in
              ("validate_values", "serialize_payload", "base64url_payload", "sign", "parse_user_json", "jti_getrandom_per_token")]
    if all(value for _, value in stages):
        lines += ["Stages of one HS256 mint (`serialize_payload` includes the value checks and the `jti`;",
                  "`jti_getrandom_per_token` is what one OS randomness call per token would add without the jti pool):", ""]
        lines += [f"- {name}: {fmt(value)}" for name, value in stages]
        lines.append("")
    threads = []
    for algorithm in ("HS256", "ES256"):
        one, two = criterion_median("throughput", f"{algorithm}_1_threads"), criterion_median("throughput", f"{algorithm}_2_threads")
        if one and two:
            threads.append(f"- {algorithm}: {fmt(one)} per token on 1 thread, {fmt(two)} on 2 ({one / two:.2f}× the throughput)")
    if threads:
        lines += ["Throughput with one shared minter:", "", *threads, ""]
    verify = [(algorithm, criterion_median("verify", algorithm)) for algorithm in ALGORITHMS]
    remote = criterion_median("verify", "RS256_remote_cached")
    if all(value for _, value in verify):
        lines += ["Verify with a local key (header, signature, claims, payload returned):", ""]
        lines += [f"- {algorithm}: {fmt(value)}" for algorithm, value in verify]
        local = dict(verify)["RS256"]
        if remote:
            lines.append(
                f"- RS256 with the keys of a JWKS URL, cached: {fmt(remote)} "
                f"({remote / local:.2f}× the local key's time in the same run)"
            )
        lines.append("")
    return lines


def table(medians: dict[str, float], operation: str) -> list[str]:
    lines = [
        "| language | algorithm | hcjwt | peer | peer time | hcjwt speed-up |",
        "|---|---|---|---|---|---|",
    ]
    for language, algorithm, a, peer, b in ratios(medians, OPERATIONS[operation]):
        lines.append(f"| {language} | {algorithm} | {fmt(a)} | {peer} | {fmt(b)} | {b / a:.1f}× |")
    return lines


def typed_section(medians: dict[str, float]) -> list[str]:
    """Typed verification and the HS256 floors, from the Rust harness."""
    rows = []
    for algorithm in ALGORITHMS:
        ours, peer = medians.get(f"rust/hcjwt/verify_typed/{algorithm}"), medians.get(f"rust/jsonwebtoken/verify_typed/{algorithm}")
        if ours and peer:
            rows.append(f"| {algorithm} | {fmt(ours)} | {fmt(peer)} | {peer / ours:.2f}× |")
    if not rows:
        return []
    lines = [
        "## Verifying into a struct (Rust)",
        "",
        "`Verifier::verify_as::<Claims>` against `jsonwebtoken::decode::<Claims>`, the",
        "same token into the same struct (`iat`, `exp`, `jti`, `email`, `userId`,",
        "`externalId`, `user_fields`); both check the signature and `exp`.",
        "",
        "| algorithm | hcjwt verify_as | jsonwebtoken decode::<T> | hcjwt speed-up |",
        "|---|---|---|---|",
        *rows,
        "",
    ]
    floors = [
        ("mint", medians.get("rust/hcjwt/HS256"), medians.get("rust/floor/HS256"),
         "base64url of the payload, the HMAC and its base64url"),
        ("typed verify", medians.get("rust/hcjwt/verify_typed/HS256"), medians.get("rust/floor/verify_typed/HS256"),
         "base64url of payload and signature, the HMAC check, `serde_json::from_slice::<Claims>`"),
    ]
    if all(ours and floor for _, ours, floor, _ in floors):
        lines += ["HS256 against the floor (the least the operation can do), same run:", ""]
        lines += [f"- {name}: hcjwt {fmt(ours)}, floor {fmt(floor)} ({ours / floor:.2f}× the floor: {what})"
                  for name, ours, floor, what in floors]
        lines.append("")
    return lines


def report(medians: dict[str, float], rounds: int, iterations: int, path: Path, charts: dict[str, Path]) -> None:
    info = versions()

    def link(chart_path: Path) -> str:
        return chart_path.name if chart_path.parent == path.parent else str(chart_path.relative_to(path.parent))

    lines = [
        "# Benchmarks",
        "",
        "Medians of",
        f"{rounds} interleaved rounds ({iterations} tokens a round; a twentieth of that for RS256),",
        "measured in one run of `python benches/compare.py` on the machine below.",
        "",
        "## Minting",
        "",
        "One help center token: the typical payload (help_center profile,",
        "the spec's two custom claims plus three more, a user with five typed",
        "user_fields validated through a catalog) with the same keys everywhere.",
        "hcjwt builds and validates that payload from the user on every call; the",
        "peers encode the finished payload (same bytes).",
        "",
        f"![mint speed-up chart]({link(charts['mint'])})",
        "",
        *table(medians, "mint"),
        "",
        "Peers: jsonwebtoken `encode()` (Rust, re-parses the key per call),",
        "PyJWT `jwt.encode` (HS256 with the secret, others with a loaded key object),",
        "joserfc `jwt.encode` with an imported key, libjwt `jwt_new` +",
        "`jwt_add_grants_json` + `jwt_set_alg` + `jwt_encode_str` + `jwt_free`",
        "(libjwt 1.10 has no EdDSA).",
        "",
        "## Verifying",
        "",
        "The same token for every implementation: the signature checked and the",
        "payload returned (a dict in Python, JSON text in C, a JSON value in Rust);",
        "hcjwt, jsonwebtoken, PyJWT and joserfc also check `exp` (joserfc's",
        "`decode` checks only the signature).",
        "",
        f"![verify speed-up chart]({link(charts['verify'])})",
        "",
        *table(medians, "verify"),
        "",
        "Peers: `jsonwebtoken::decode::<serde_json::Value>` with a prepared",
        "`DecodingKey`; PyJWT `jwt.decode` with a loaded key; joserfc",
        "`jwt.decode(...).claims`; libjwt `jwt_decode` + `jwt_get_grants_json` +",
        "`jwt_free` (libjwt 1.x checks no claim in `jwt_decode`).",
        "",
        *typed_section(medians),
        *criterion_section(),
        "## Machine",
        "",
    ]
    lines += [f"- {name}: {value}" for name, value in info.items()]
    lines += [
        "",
        "## Reproduce",
        "",
        "```sh",
        "make bench-compare      # builds the wheel, the C harness, then runs benches/compare.py",
        "make bench              # criterion: mint vs jsonwebtoken vs the floor, verify, stages, threads",
        "```",
        "",
        "Absolute times drift on a shared 2-core machine; compare ratios within one run.",
        "",
    ]
    path.write_text("\n".join(lines))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="one short round; output under target/peers/")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--iterations", type=int, default=4000)
    args = parser.parse_args()
    rounds, iterations = (1, 100) if args.quick else (args.rounds, args.iterations)
    binary = build()
    cases = python_setup()
    samples: dict[str, list[float]] = {}
    runners = {
        "rust": lambda: time_rust(iterations),
        "python": lambda: time_python(cases, iterations),
        "c": lambda: time_c(binary, iterations),
    }
    order = list(runners)
    for round_number in range(rounds):
        random.shuffle(order)
        for language in order:
            for label, value in runners[language]().items():
                samples.setdefault(label, []).append(value)
        print(f"round {round_number + 1}/{rounds} done", file=sys.stderr)
    medians = {label: statistics.median(values) for label, values in samples.items()}
    with_libjwt = libjwt_major() == 1
    expected = {
        f"{label}/{prefix}{a}"
        for _, ours, peer in PAIRS
        for label in (ours, peer)
        for prefix in OPERATIONS.values()
        for a in ALGORITHMS
        if with_libjwt or not label.startswith("c/libjwt")
    }
    expected |= {f"rust/{who}/verify_typed/{a}" for who in ("hcjwt", "jsonwebtoken") for a in ALGORITHMS}
    expected |= {"rust/floor/HS256", "rust/floor/verify_typed/HS256"}
    # libjwt 1.x has no EdDSA, so the C harness does not time it at all.
    missing = sorted(label for label in expected if label not in medians and not (label.startswith("c/") and label.endswith("/EdDSA")))
    if missing:
        print(f"missing measurements: {missing}", file=sys.stderr)
        return 1
    (OUT / "medians.json").write_text(json.dumps(medians, indent=2, sort_keys=True))
    folder, path = (OUT, OUT / "BENCHMARKS.md") if args.quick else (ROOT / "benches", ROOT / "BENCHMARKS.md")
    charts = {"mint": folder / "chart.svg", "verify": folder / "chart-verify.svg"}
    for operation, chart_path in charts.items():
        chart(medians, chart_path, operation)
    report(medians, rounds, iterations, path, charts)
    for operation, prefix in OPERATIONS.items():
        for language, algorithm, a, peer, b in ratios(medians, prefix):
            print(f"{operation:6} {language:7} {algorithm:6} hcjwt {fmt(a):>10}  {peer:12} {fmt(b):>10}  {b / a:6.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
