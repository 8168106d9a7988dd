//! `hcjwt verify --jwks-url` and `--help-center` against a real server on
//! 127.0.0.1: the keys fetched, the token verified, and each failure named
//! (404 wording, a server that never answers, plain http to a remote host).

#[path = "../../tests/support/mod.rs"]
mod servers;
mod support;

use std::process::Output;

use hcjwt::{Algorithm, Minter, MinterOptions, SigningKey, User};
use servers::{Reply, Server};
use support::hcjwt;

fn stderr(output: &Output) -> String {
    support::text(&output.stderr)
}

/// A help center key pair: the token it signs and the key set it publishes.
fn signed() -> (String, String) {
    let pem = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/keys/rsa2048.pem"
    ))
    .unwrap();
    let key = SigningKey::from_bytes(&pem, Some(Algorithm::RS256))
        .unwrap()
        .with_kid("hc-1");
    let jwk = serde_json::to_value(key.public_jwk().unwrap()).unwrap();
    let jwks =
        serde_json::json!({"keys": [{"kty": "RSA", "kid": "hc-1", "n": jwk["n"], "e": jwk["e"]}]});
    let token = Minter::new(key, MinterOptions::default())
        .unwrap()
        .mint(&User::new().with_id(35436).with_email("johnny@example.com"))
        .unwrap();
    (token, jwks.to_string())
}

#[test]
fn a_help_center_token_verifies_against_the_keys_endpoint() {
    let (token, jwks) = signed();
    let server = Server::start(move |_| Reply::json(200, jwks.clone()));
    let output = hcjwt(&["verify", "--help-center", &server.base, &token]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let payload: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(payload["userId"], 35436);
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].url, "/api/v2/help_center/integration/keys.json");
}

#[test]
fn a_jwks_url_verifies_with_the_pinned_algorithm_only() {
    let (token, jwks) = signed();
    let server = Server::start(move |_| Reply::json(200, jwks.clone()));
    let url = server.url("/keys.json");
    let ok = hcjwt(&["verify", "--jwks-url", &url, "--alg", "RS256", &token]);
    assert_eq!(ok.status.code(), Some(0), "{}", stderr(&ok));
    let refused = hcjwt(&["verify", "--jwks-url", &url, "--alg", "ES256", &token]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("RS256"), "{}", stderr(&refused));
}

#[test]
fn a_404_says_the_plan_lacks_help_center_jwts_in_text_and_json() {
    let (token, _) = signed();
    let server = Server::start(|_| Reply::json(404, r#"{"error":"InvalidEndpoint"}"#));
    let output = hcjwt(&["verify", "--help-center", &server.base, &token]);
    // The keys, not the token, are at fault: exit 3.
    assert_eq!(output.status.code(), Some(3));
    assert!(
        stderr(&output).contains("Guide Enterprise"),
        "{}",
        stderr(&output)
    );
    let json = hcjwt(&["verify", "--json", "--help-center", &server.base, &token]);
    assert_eq!(json.status.code(), Some(3));
    let document: serde_json::Value = serde_json::from_slice(&json.stdout)
        .or_else(|_| serde_json::from_slice(&json.stderr))
        .expect("a JSON error document");
    assert_eq!(document["kind"], "key_source", "{document}");
}

#[test]
fn a_server_that_never_answers_fails_within_the_timeout() {
    let (token, _) = signed();
    let silent = servers::silent_server();
    let started = std::time::Instant::now();
    let output = hcjwt(&[
        "verify",
        "--help-center",
        &silent,
        "--timeout",
        "0.5",
        &token,
    ]);
    assert_eq!(output.status.code(), Some(3));
    assert!(stderr(&output).contains("timeout"), "{}", stderr(&output));
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn bad_sources_are_usage_or_option_errors_before_any_fetch() {
    let (token, _) = signed();
    let http = hcjwt(&[
        "verify",
        "--jwks-url",
        "http://example.com/keys.json",
        &token,
    ]);
    assert_eq!(http.status.code(), Some(1));
    assert!(stderr(&http).contains("only https"), "{}", stderr(&http));
    let timeout = hcjwt(&["verify", "--help-center", "acme", "--timeout", "0", &token]);
    assert_ne!(timeout.status.code(), Some(0));
    assert!(stderr(&timeout).contains("timeout"), "{}", stderr(&timeout));
    let pinned = hcjwt(&["verify", "--help-center", "acme", "--alg", "HS256", &token]);
    assert_eq!(pinned.status.code(), Some(2));
    let both = hcjwt(&[
        "verify",
        "--help-center",
        "acme",
        "--jwks-url",
        "https://a.example/k",
        &token,
    ]);
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn verbose_shows_the_key_fetch() {
    let (token, jwks) = signed();
    let server = Server::start(move |_| Reply::json(200, jwks.clone()));
    let output = support::hcjwt(&["-v", "verify", "--help-center", &server.base, &token]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let log = stderr(&output);
    assert!(
        log.contains(&format!(
            "hcjwt: info: fetched the keys of {}/api/v2/help_center/integration/keys.json",
            server.base
        )),
        "{log}"
    );
    assert!(!log.contains(&token));
    let quiet = support::hcjwt(&["verify", "--help-center", &server.base, &token]);
    assert!(stderr(&quiet).is_empty());
}
