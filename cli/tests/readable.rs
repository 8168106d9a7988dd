//! The CLI as a person reads it: times with their distance from now,
//! `--alg` in any case, a pasted `Bearer` header and an empty stdin named.

mod support;

use support::{assert_exit, assert_stderr_has, hcjwt, hcjwt_with, text};

const KEY: &str = "keys/DEV-ONLY-rs256-private.pem";

fn token(now: &str) -> String {
    let output = hcjwt(&[
        "mint",
        "--user",
        "user.json",
        "--key",
        KEY,
        "--alg",
        "rs256",
        "--now",
        now,
    ]);
    assert_exit(&output, 0);
    text(&output.stdout).trim().to_owned()
}

#[test]
fn an_expired_token_says_when_and_how_long_ago() {
    let token = token("1700000000");
    let output = hcjwt(&[
        "verify",
        "--key",
        KEY,
        "--alg",
        "Rs256",
        "--now",
        "1700000660",
        &token,
    ]);
    assert_exit(&output, 1);
    assert_stderr_has(
        &output,
        "the token expired at 2023-11-14T22:18:20Z, 6 minutes ago, 1700000300 (now 1700000660, leeway included)",
    );
    let decoded = hcjwt(&["decode", &token]);
    assert_exit(&decoded, 0);
    assert!(
        text(&decoded.stdout).contains("\nexp: 1700000300 (2023-11-14T22:18:20Z, "),
        "{}",
        text(&decoded.stdout)
    );
    let inspected = hcjwt(&["inspect", "--now", "1700000360", &token]);
    assert!(
        text(&inspected.stdout).contains("exp: 1700000300 (2023-11-14T22:18:20Z, 1 minute ago)")
    );
    let json = hcjwt(&["--json", "decode", &token]);
    let document: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        document["payload"]["exp"], 1_700_000_300,
        "raw seconds in --json"
    );
}

#[test]
fn a_pasted_header_and_an_empty_stdin_are_named() {
    let token = token("1700000000");
    let bearer = hcjwt(&["verify", "--key", KEY, &format!("Bearer {token}")]);
    assert_exit(&bearer, 1);
    assert_stderr_has(
        &bearer,
        "the token starts with \"Bearer \": give the token alone",
    );
    let empty = hcjwt_with(&["verify", "--key", KEY, "-"], &[], Some(b"\n"));
    assert_exit(&empty, 1);
    assert_stderr_has(&empty, "stdin held no token");
    let help = hcjwt(&["mint", "--help"]);
    assert!(
        !text(&help.stdout).contains("\\\""),
        "no escaped quotes in --help"
    );
}
