//! `hcjwt mint --profile messaging` and `hcjwt exchange` as a shell user
//! runs them: tokens jsonwebtoken accepts, traps named with nothing on
//! stdout, and the exchange against a keys server on 127.0.0.1.

#[path = "../../tests/support/mod.rs"]
mod servers;
mod support;

use serde_json::{Value, json};
use servers::{Reply, Server};
use support::{assert_exit, assert_stderr_has, hcjwt_with, text};

const SECRET: &str = "a-messaging-secret-of-at-least-32-bytes";
const KID: &str = "app_64ac9c1f8e2ad5001e9a0a53";
const NOW: &str = "1700000000";

fn hcjwt(args: &[&str]) -> std::process::Output {
    hcjwt_with(args, &[("MESSAGING_SECRET", SECRET)], None)
}

fn claims(token: &str) -> (jsonwebtoken::Header, Value) {
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    validation.validate_exp = false;
    validation.required_spec_claims.clear();
    let data = jsonwebtoken::decode::<Value>(
        token.trim(),
        &jsonwebtoken::DecodingKey::from_secret(SECRET.as_bytes()),
        &validation,
    )
    .unwrap();
    (data.header, data.claims)
}

fn user_file(dir: &tempfile::TempDir, user: Value) -> String {
    let path = dir.path().join("user.json");
    std::fs::write(&path, user.to_string()).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn the_demo_user_mints_a_messaging_token() {
    let output = hcjwt(&[
        "mint",
        "--profile",
        "messaging",
        "--kid",
        KID,
        "--secret-env",
        "MESSAGING_SECRET",
        "--user",
        "user.json",
        "--now",
        NOW,
        "--ttl",
        "600",
    ]);
    assert_exit(&output, 0);
    let (header, payload) = claims(&text(&output.stdout));
    assert_eq!(header.kid.as_deref(), Some(KID));
    assert_eq!(
        payload,
        json!({"scope": "user", "external_id": "sai989sur98w9", "exp": 1_700_000_600,
               "name": "Johnny Agent", "email": "johnny@example.com"})
    );
}

#[test]
fn traps_are_named_and_nothing_is_printed() {
    let dir = tempfile::tempdir().unwrap();
    let numeric = user_file(
        &dir,
        json!({"user": {"external_id": 4411, "email": "a@example.com"}}),
    );
    let output = hcjwt(&[
        "mint",
        "--profile",
        "messaging",
        "--kid",
        KID,
        "--secret-env",
        "MESSAGING_SECRET",
        "--user",
        &numeric,
    ]);
    assert_exit(&output, 1);
    assert!(output.stdout.is_empty());
    assert_stderr_has(
        &output,
        "external_id: must be a string, not the number 4411",
    );
    let no_kid = hcjwt(&[
        "mint",
        "--profile",
        "messaging",
        "--secret-env",
        "MESSAGING_SECRET",
        "--user",
        "user.json",
    ]);
    assert_exit(&no_kid, 1);
    assert!(no_kid.stdout.is_empty());
    assert_stderr_has(
        &no_kid,
        "messaging tokens need the kid of the messaging signing key",
    );
    let rsa = hcjwt(&[
        "mint",
        "--profile",
        "messaging",
        "--kid",
        KID,
        "--key",
        "keys/DEV-ONLY-rs256-private.pem",
        "--user",
        "user.json",
    ]);
    assert_exit(&rsa, 1);
    assert_stderr_has(
        &rsa,
        "messaging tokens are signed with HS256 only, not RS256",
    );
}

/// A help center's keys endpoint on 127.0.0.1 serving the demo key, and a
/// help center token of the demo user minted with it.
fn help_center() -> (Server, String) {
    let jwks = hcjwt(&[
        "jwks",
        "--key",
        "keys/DEV-ONLY-rs256-private.pem",
        "--kid",
        "hc-1",
    ]);
    assert_exit(&jwks, 0);
    let body = text(&jwks.stdout);
    let server = Server::start(move |_| Reply::json(200, body.clone()));
    let token = hcjwt(&[
        "mint",
        "--user",
        "user.json",
        "--key",
        "keys/DEV-ONLY-rs256-private.pem",
        "--kid",
        "hc-1",
        "--now",
        NOW,
    ]);
    assert_exit(&token, 0);
    (server, text(&token.stdout).trim().to_owned())
}

#[test]
fn exchange_prints_a_messaging_token_for_a_verified_help_center_token() {
    let (server, token) = help_center();
    let exchange = |token: &str, now: &str| {
        hcjwt(&[
            "exchange",
            "--help-center",
            &server.base,
            "--kid",
            KID,
            "--secret-env",
            "MESSAGING_SECRET",
            "--now",
            now,
            token,
        ])
    };
    let good = exchange(&token, "1700000010");
    assert_exit(&good, 0);
    let (header, payload) = claims(&text(&good.stdout));
    assert_eq!(header.kid.as_deref(), Some(KID));
    assert_eq!(
        payload,
        json!({"scope": "user", "external_id": "sai989sur98w9", "exp": 1_700_000_310, "email": "johnny@example.com"})
    );
    let expired = exchange(&token, "1700009999");
    assert_exit(&expired, 1);
    assert!(expired.stdout.is_empty());
    assert_stderr_has(&expired, "invalid token");
    let forged = exchange(&format!("{}AAAA", &token[..token.len() - 4]), "1700000010");
    assert_exit(&forged, 1);
    assert!(forged.stdout.is_empty());
    assert_stderr_has(&forged, "signature");
}
