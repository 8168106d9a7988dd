//! `hcjwt sso-form`, `hcjwt inspect` and `hcjwt decode`: the login page,
//! return_to refused elsewhere, problems named with exit 1, dates in UTC,
//! the signature checked with --secret-env, and --json.

mod support;
use std::process::Output;

use support::{assert_stderr_has, text};

const SECRET: &str = "an-sso-shared-secret-of-at-least-32-bytes";

/// `hcjwt args...` with the SSO secret (and another) in the environment.
fn hcjwt(args: &[&str]) -> Output {
    support::hcjwt_with(
        args,
        &[
            ("SSO_SECRET", SECRET),
            ("OTHER_SECRET", "another-secret-of-at-least-32-bytes!!"),
        ],
        None,
    )
}

fn sso_token(now: &str) -> String {
    let output = hcjwt(&[
        "mint",
        "--profile",
        "sso",
        "--user",
        "user.json",
        "--secret-env",
        "SSO_SECRET",
        "--now",
        now,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    text(&output.stdout).trim().to_owned()
}

#[test]
fn sso_form_prints_the_login_page_and_refuses_other_hosts() {
    let token = sso_token("1700000000");
    let page = hcjwt(&[
        "sso-form",
        "--host",
        "acme",
        "--return-to",
        "/hc/en-us",
        "--nonce",
        "n0nce",
        &token,
    ]);
    assert_eq!(page.status.code(), Some(0), "{}", text(&page.stderr));
    let html = text(&page.stdout);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(r#"action="https://acme.zendesk.com/access/jwt""#));
    assert!(html.contains(&format!(r#"name="jwt" value="{token}""#)));
    assert!(html.contains(r#"name="return_to" value="https://acme.zendesk.com/hc/en-us""#));
    assert!(html.contains(r#"<script nonce="n0nce">"#));
    for hostile in [
        "https://evil.example/",
        "javascript:alert(1)",
        "//evil.example",
        "https://acme.zendesk.com@evil.example",
    ] {
        let refused = hcjwt(&["sso-form", "--host", "acme", "--return-to", hostile, &token]);
        assert_eq!(refused.status.code(), Some(1), "{hostile}");
        assert_stderr_has(&refused, "return_to");
        assert!(refused.stdout.is_empty(), "no partial page");
    }
    let brand = hcjwt(&[
        "sso-form",
        "--host",
        "acme",
        "--allow-host",
        "support.acme.com",
        "--return-to",
        "https://support.acme.com/hc",
        "--get-url",
        &token,
    ]);
    assert_eq!(
        text(&brand.stdout).trim(),
        format!(
            "https://acme.zendesk.com/access/jwt?jwt={token}&return_to=https%3A%2F%2Fsupport.acme.com%2Fhc"
        )
    );
}

#[test]
fn inspect_says_nothing_is_wrong_with_a_fresh_token_and_checks_the_signature() {
    let token = sso_token("1700000000");
    let good = hcjwt(&[
        "inspect",
        "--secret-env",
        "SSO_SECRET",
        "--now",
        "1700000060",
        &token,
    ]);
    assert_eq!(good.status.code(), Some(0), "{}", text(&good.stdout));
    let out = text(&good.stdout);
    assert!(
        out.contains("iat: 1700000000 (2023-11-14T22:13:20Z, 1 minute ago)"),
        "{out}"
    );
    assert!(
        out.contains("profile: sso")
            && out.contains("signature: valid")
            && out.contains("problems: none")
    );
    let wrong = hcjwt(&[
        "inspect",
        "--secret-env",
        "OTHER_SECRET",
        "--now",
        "1700000060",
        &token,
    ]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(text(&wrong.stdout).contains("JWT signature invalid"));
}

#[test]
fn inspect_names_a_stale_iat_and_prints_json() {
    let token = sso_token("1700000000");
    let late = hcjwt(&[
        "--json",
        "inspect",
        "--fields",
        "fields.json",
        "--now",
        "1700000400",
        &token,
    ]);
    assert_eq!(late.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&late.stdout).unwrap();
    assert_eq!(report["profile"], "sso");
    assert_eq!(report["dates"]["exp"], "2023-11-14T22:18:20Z");
    let problems: Vec<&str> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(
        problems.iter().any(|p| p.contains("400 s before now")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("expired")),
        "{problems:?}"
    );
    assert!(report["signature"].is_null());
}

#[test]
fn decode_prints_header_payload_and_dates_and_refuses_garbage() {
    let token = sso_token("1700000000");
    let decoded = hcjwt(&["--json", "decode", &token]);
    assert_eq!(decoded.status.code(), Some(0));
    let document: serde_json::Value = serde_json::from_slice(&decoded.stdout).unwrap();
    assert_eq!(document["header"]["alg"], "HS256");
    assert_eq!(document["payload"]["name"], "Johnny Agent");
    assert_eq!(document["dates"]["iat"], "2023-11-14T22:13:20Z");
    let garbage = hcjwt(&["decode", "not-a-token"]);
    assert_eq!(garbage.status.code(), Some(1));
    assert_stderr_has(&garbage, "3 segments");
}
