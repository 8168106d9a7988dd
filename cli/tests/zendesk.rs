//! `hcjwt fetch` and `hcjwt mint --zendesk` against a fake Zendesk account on
//! 127.0.0.1: the API's JSON printed, a token minted from the account's own
//! user, catalog and claims, credentials from the environment and never in
//! any output.

#[path = "../../tests/support/mod.rs"]
mod servers;
mod support;

use std::process::Output;

use servers::{FAKE_API_TOKEN, FAKE_EMAIL, FakeZendesk, Reply, Server};
use support::{assert_stderr_has, text};

const SECRET: &str = "a-shared-secret-of-at-least-32-bytes!!";

/// `hcjwt args...` with the fake account's credentials and the SSO secret.
fn hcjwt(args: &[&str]) -> Output {
    support::hcjwt_with(
        args,
        &[
            ("ZENDESK_EMAIL", FAKE_EMAIL),
            ("ZENDESK_API_TOKEN", FAKE_API_TOKEN),
            ("SSO_SECRET", SECRET),
        ],
        None,
    )
}

fn payload(token: &str) -> serde_json::Value {
    use base64::Engine;
    let part = token.trim().split('.').nth(1).unwrap();
    serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(part)
            .unwrap(),
    )
    .unwrap()
}

#[test]
fn fetch_prints_the_apis_json_for_fields_claims_and_users() {
    let account = FakeZendesk::start(2);
    let fields = hcjwt(&["fetch", "fields", "--zendesk", account.base()]);
    assert_eq!(fields.status.code(), Some(0), "{}", text(&fields.stderr));
    let document: serde_json::Value = serde_json::from_slice(&fields.stdout).unwrap();
    assert_eq!(document["user_fields"].as_array().unwrap().len(), 7);
    assert_eq!(document["count"], 7);
    let claims = hcjwt(&["fetch", "claims", "--zendesk", account.base()]);
    let document: serde_json::Value = serde_json::from_slice(&claims.stdout).unwrap();
    assert_eq!(document["custom_claims"].as_array().unwrap().len(), 2);
    let user = hcjwt(&["fetch", "user", "383749572938", "--zendesk", account.base()]);
    let document: serde_json::Value = serde_json::from_slice(&user.stdout).unwrap();
    assert_eq!(document["user"]["email"], "roger@example.org");
    let external = hcjwt(&[
        "fetch",
        "user",
        "--external-id",
        "roger-1",
        "--zendesk",
        account.base(),
    ]);
    assert_eq!(
        external.status.code(),
        Some(0),
        "{}",
        text(&external.stderr)
    );
    let nobody = hcjwt(&[
        "fetch",
        "user",
        "--external-id",
        "nobody",
        "--zendesk",
        account.base(),
    ]);
    assert_eq!(nobody.status.code(), Some(1));
    assert!(text(&nobody.stderr).contains("no user with external id \"nobody\""));
    let usage = hcjwt(&["fetch", "user", "--zendesk", account.base()]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn mint_reads_user_catalog_and_claims_from_the_account() {
    let account = FakeZendesk::start(3);
    let output = hcjwt(&[
        "mint",
        "--zendesk",
        account.base(),
        "--user-id",
        "383749572938",
        "--secret-env",
        "SSO_SECRET",
        "--now",
        "1700000000",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let claims = payload(&text(&output.stdout));
    assert_eq!(claims["email"], "roger@example.org");
    assert_eq!(
        claims["custom-claim-1"], "some-claim-value",
        "the brand's claims"
    );
    assert!(claims["user_fields"].is_object(), "{claims}");
    // sso: no claims endpoint is called.
    let hits = account.server.hits();
    let sso = hcjwt(&[
        "mint",
        "--profile",
        "sso",
        "--zendesk",
        account.base(),
        "--external-id",
        "roger-1",
        "--secret-env",
        "SSO_SECRET",
    ]);
    assert_eq!(sso.status.code(), Some(0), "{}", text(&sso.stderr));
    let seen = account.server.seen();
    assert!(
        seen[hits..]
            .iter()
            .all(|s| !s.url.contains("account_custom_claims")),
        "{seen:?}"
    );
}

#[test]
fn api_errors_are_named_without_credentials() {
    let server = Server::start(|_| Reply::json(401, r#"{"error": "Couldn't authenticate you"}"#));
    for args in [
        vec!["fetch", "fields", "--zendesk", server.base.as_str()],
        vec![
            "--json",
            "mint",
            "--zendesk",
            server.base.as_str(),
            "--user-id",
            "1",
            "--secret-env",
            "SSO_SECRET",
        ],
    ] {
        let output = hcjwt(&args);
        assert_eq!(output.status.code(), Some(1));
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains("401") && stderr.contains("ZENDESK_API_TOKEN"),
            "{stderr}"
        );
        assert!(!stderr.contains(FAKE_API_TOKEN) && !text(&output.stdout).contains(FAKE_API_TOKEN));
    }
    let json = hcjwt(&[
        "--json",
        "fetch",
        "claims",
        "--zendesk",
        server.base.as_str(),
    ]);
    let error: serde_json::Value = serde_json::from_slice(&json.stderr).unwrap();
    assert_eq!(error["kind"], "zendesk_api");
    assert_eq!(error["status"], 401);
}

#[test]
fn missing_credentials_and_bad_hosts_are_named() {
    let output = support::hcjwt(&["fetch", "fields", "--zendesk", "acme"]);
    assert_eq!(output.status.code(), Some(1));
    assert_stderr_has(&output, "ZENDESK_OAUTH_TOKEN");
    let http = hcjwt(&["fetch", "fields", "--zendesk", "http://acme.zendesk.com"]);
    assert_stderr_has(&http, "only https");
    let without = hcjwt(&["mint", "--user-id", "1", "--secret-env", "SSO_SECRET"]);
    assert_eq!(without.status.code(), Some(2), "--user-id needs --zendesk");
}
