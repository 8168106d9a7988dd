//! `hcjwt mint`, `verify`, `jwks` and `keygen` as a shell user runs them.

mod support;

use std::process::Output;

use support::{assert_stderr_has, fixtures, hcjwt, hcjwt_with, text};

const DEMO_KEY: &str = "keys/DEV-ONLY-rs256-private.pem";

fn mint_demo(extra: &[&str]) -> Output {
    let mut args = vec![
        "mint",
        "--user",
        "user.json",
        "--claims",
        "claims.json",
        "--fields",
        "fields.json",
        "--key",
        DEMO_KEY,
    ];
    args.extend_from_slice(extra);
    hcjwt(&args)
}

#[test]
fn mint_prints_one_token_and_verify_prints_its_payload() {
    let output = mint_demo(&[]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    assert!(stdout.ends_with('\n') && stdout.matches('\n').count() == 1);
    let token = stdout.trim();
    assert_eq!(token.split('.').count(), 3);
    let verified = hcjwt(&["verify", "--key", DEMO_KEY, token]);
    assert_eq!(
        verified.status.code(),
        Some(0),
        "{}",
        text(&verified.stderr)
    );
    let payload: serde_json::Value = serde_json::from_str(&text(&verified.stdout)).unwrap();
    assert_eq!(payload["email"], "johnny@example.com");
    assert_eq!(payload["custom-claim-1"], "some-claim-value");
    let from_stdin = hcjwt_with(
        &["verify", "--key", DEMO_KEY, "-"],
        &[],
        Some(stdout.as_bytes()),
    );
    assert_eq!(from_stdin.status.code(), Some(0));
}

#[test]
fn mint_with_now_is_reproducible_but_for_the_jti_and_expires() {
    let first = text(&mint_demo(&["--now", "1700000000"]).stdout);
    let verified = hcjwt(&["verify", "--key", DEMO_KEY, first.trim()]);
    assert_eq!(verified.status.code(), Some(1));
    assert!(text(&verified.stderr).contains("expired"));
}

#[test]
fn verify_with_a_jwks_file() {
    let jwks = hcjwt(&["jwks", "--key", DEMO_KEY]);
    assert_eq!(jwks.status.code(), Some(0));
    let document: serde_json::Value = serde_json::from_str(&text(&jwks.stdout)).unwrap();
    assert!(document["keys"][0].get("d").is_none());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jwks.json");
    std::fs::write(&path, text(&jwks.stdout)).unwrap();
    let token = text(&mint_demo(&[]).stdout);
    let verified = hcjwt(&["verify", "--jwks", path.to_str().unwrap(), token.trim()]);
    assert_eq!(
        verified.status.code(),
        Some(0),
        "{}",
        text(&verified.stderr)
    );
    let custom = hcjwt(&["jwks", "--key", DEMO_KEY, "--kid", "2024"]);
    assert!(text(&custom.stdout).contains(r#""kid":"2024""#));
}

#[test]
fn hmac_from_an_environment_variable_and_sso() {
    let secret = "a-shared-secret-of-at-least-32-bytes!!";
    let env = [("HC_SECRET", secret)];
    let output = hcjwt_with(
        &[
            "mint",
            "--user",
            "user.json",
            "--secret-env",
            "HC_SECRET",
            "--profile",
            "sso",
        ],
        &env,
        None,
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let token = text(&output.stdout);
    let verified = hcjwt_with(
        &["verify", "--secret-env", "HC_SECRET", token.trim()],
        &env,
        None,
    );
    assert_eq!(verified.status.code(), Some(0));
    assert!(text(&verified.stdout).contains(r#""name":"Johnny Agent""#));
    let wrong = hcjwt_with(
        &["verify", "--secret-env", "HC_SECRET", token.trim()],
        &[("HC_SECRET", "another-secret-of-at-least-32-bytes!!")],
        None,
    );
    assert_eq!(wrong.status.code(), Some(1));
    assert!(text(&wrong.stderr).contains("invalid signature"));
    let short = hcjwt_with(
        &["mint", "--user", "user.json", "--secret-env", "HC_SECRET"],
        &[("HC_SECRET", "short")],
        None,
    );
    assert_eq!(short.status.code(), Some(1));
    assert!(text(&short.stderr).contains("at least 32 bytes"));
    let unset = hcjwt(&[
        "mint",
        "--user",
        "user.json",
        "--secret-env",
        "HCJWT_TEST_UNSET_VARIABLE",
    ]);
    assert!(text(&unset.stderr).contains("not set"));
}

#[test]
fn several_pairs_in_the_claims_file_need_a_brand() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims.json");
    std::fs::write(&path, r#"[{"account_id":1,"brand_id":10,"claim_identifier":"a","claim_value":"x"},{"account_id":1,"brand_id":20,"claim_identifier":"b","claim_value":"y"}]"#).unwrap();
    let claims = path.to_str().unwrap();
    let ambiguous = hcjwt(&[
        "mint",
        "--user",
        "user.json",
        "--claims",
        claims,
        "--key",
        DEMO_KEY,
    ]);
    assert_eq!(ambiguous.status.code(), Some(1));
    assert_stderr_has(&ambiguous, "--brand-id");
    let chosen = hcjwt(&[
        "mint",
        "--user",
        "user.json",
        "--claims",
        claims,
        "--key",
        DEMO_KEY,
        "--brand-id",
        "20",
    ]);
    assert_eq!(chosen.status.code(), Some(0), "{}", text(&chosen.stderr));
    let payload = hcjwt(&["verify", "--key", DEMO_KEY, text(&chosen.stdout).trim()]);
    assert!(text(&payload.stdout).contains(r#""b":"y""#));
}

#[test]
fn bad_input_exits_1_and_usage_exits_2() {
    let invalid = hcjwt(&[
        "mint",
        "--user",
        "user_invalid.json",
        "--fields",
        "fields.json",
        "--key",
        DEMO_KEY,
    ]);
    assert_eq!(invalid.status.code(), Some(1));
    assert!(invalid.stdout.is_empty(), "no partial output");
    assert!(text(&invalid.stderr).contains("user_fields.vip"));
    assert_eq!(
        hcjwt(&["verify", "--key", DEMO_KEY, "not.a.token"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        hcjwt(&["mint", "--user", "user.json"]).status.code(),
        Some(2)
    );
    let none = hcjwt(&[
        "mint",
        "--user",
        "user.json",
        "--key",
        DEMO_KEY,
        "--alg",
        "none",
    ]);
    assert_eq!(
        none.status.code(),
        Some(2),
        "not one of the possible values"
    );
    assert_stderr_has(&none, "HS256, HS384");
    let profile = hcjwt(&[
        "mint",
        "--user",
        "user.json",
        "--key",
        DEMO_KEY,
        "--profile",
        "saml",
    ]);
    assert_eq!(profile.status.code(), Some(2));
    assert!(text(&profile.stderr).contains("help_center, sso"));
    assert_eq!(hcjwt(&["keygen"]).status.code(), Some(2));
    let not_a_key = hcjwt(&["mint", "--user", "user.json", "--key", "user.json"]);
    assert_eq!(not_a_key.status.code(), Some(1));
}

#[test]
fn keygen_makes_keys_that_mint() {
    let dir = tempfile::tempdir().unwrap();
    for alg in ["ES256", "EdDSA", "HS256"] {
        let output = hcjwt(&["keygen", "--alg", alg]);
        assert_eq!(output.status.code(), Some(0));
        let path = dir.path().join(alg);
        std::fs::write(&path, &output.stdout).unwrap();
        let key = path.to_str().unwrap();
        let minted = hcjwt(&["mint", "--user", "user.json", "--key", key, "--alg", alg]);
        assert_eq!(
            minted.status.code(),
            Some(0),
            "{alg}: {}",
            text(&minted.stderr)
        );
        let verified = hcjwt(&[
            "verify",
            "--key",
            key,
            "--alg",
            alg,
            text(&minted.stdout).trim(),
        ]);
        assert_eq!(
            verified.status.code(),
            Some(0),
            "{alg}: {}",
            text(&verified.stderr)
        );
    }
}

/// `keygen > k` then `--key k` and the file's text without its newline (what
/// Python's `open(k).read().strip()` gives) are the same secret.
#[test]
fn a_keygen_secret_file_and_its_stripped_text_agree() {
    let dir = tempfile::tempdir().unwrap();
    let output = hcjwt(&["keygen", "--alg", "HS256"]);
    let path = dir.path().join("secret");
    std::fs::write(&path, &output.stdout).unwrap();
    assert!(text(&output.stdout).ends_with('\n'), "keygen ends its line");
    let minted = hcjwt(&[
        "mint",
        "--user",
        "user.json",
        "--key",
        path.to_str().unwrap(),
        "--alg",
        "HS256",
    ]);
    assert_eq!(minted.status.code(), Some(0), "{}", text(&minted.stderr));
    let verified = hcjwt_with(
        &[
            "verify",
            "--secret-env",
            "STRIPPED",
            text(&minted.stdout).trim(),
        ],
        &[("STRIPPED", text(&output.stdout).trim())],
        None,
    );
    assert_eq!(
        verified.status.code(),
        Some(0),
        "{}",
        text(&verified.stderr)
    );
}

#[test]
fn a_public_key_is_never_an_hmac_secret() {
    let fixtures = fixtures().join("keys");
    let public = fixtures.join("rsa2048_public.pem");
    let public = public.to_str().unwrap();
    // A token HMAC-signed with the PEM text as the secret (the forgery).
    let forged = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTl9.AAAA";
    let output = hcjwt(&["verify", "--key", public, "--alg", "HS256", forged]);
    assert_eq!(output.status.code(), Some(1));
    assert_stderr_has(&output, "RS/HS confusion");
    let output = hcjwt(&[
        "mint",
        "--user",
        "user.json",
        "--key",
        public,
        "--alg",
        "HS256",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("RS/HS confusion"));
    assert!(output.stdout.is_empty());
}

#[test]
fn every_input_has_a_size_cap() {
    let output = hcjwt(&[
        "mint",
        "--user",
        "user.json",
        "--key",
        "/dev/zero",
        "--alg",
        "HS256",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_stderr_has(&output, "larger than 65536 bytes, the limit for a key file");
    let huge = "x".repeat(2 * 1024 * 1024);
    let output = hcjwt_with(
        &["verify", "--key", DEMO_KEY, "-"],
        &[],
        Some(huge.as_bytes()),
    );
    assert_eq!(output.status.code(), Some(1));
    assert_stderr_has(&output, "the limit for a token");
}

#[test]
fn json_errors_name_the_kind_and_never_echo_key_material() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("key.jwk");
    std::fs::write(
        &path,
        r#"{"kty": "oct", "k": ["c3VwZXItc2VjcmV0LWtleS1tYXRlcmlhbA"]}"#,
    )
    .unwrap();
    let output = hcjwt(&[
        "--json",
        "mint",
        "--user",
        "user.json",
        "--key",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_slice(&output.stderr).unwrap();
    assert_eq!(error["kind"], "invalid_key");
    assert!(!text(&output.stderr).contains("c3VwZXI"));
    let output = hcjwt(&["--json", "verify", "--key", DEMO_KEY, "not.a.token"]);
    let error: serde_json::Value = serde_json::from_slice(&output.stderr).unwrap();
    assert_eq!(error["kind"], "malformed_token");
}

/// The payload comes out as it was signed: spacing, `1.50` and a 23-digit
/// integer kept (a map would have rounded the integer).
#[test]
fn verify_prints_the_payload_as_it_was_signed() {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let secret = "a-shared-secret-of-at-least-32-bytes!!";
    let key = hcjwt::SigningKey::from_secret(secret.as_bytes(), hcjwt::Algorithm::HS256).unwrap();
    let payload = r#"{"exp": 1700000060, "amount": 1.50, "id": 12345678901234567890123}"#;
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256"}"#),
        URL_SAFE_NO_PAD.encode(payload)
    );
    let token = format!(
        "{input}.{}",
        URL_SAFE_NO_PAD.encode(key.sign(input.as_bytes()).unwrap())
    );
    let verified = hcjwt_with(
        &[
            "verify",
            "--secret-env",
            "HCJWT_TEST_SECRET",
            "--now",
            "1700000000",
            &token,
        ],
        &[("HCJWT_TEST_SECRET", secret)],
        None,
    );
    assert!(verified.status.success(), "{}", text(&verified.stderr));
    assert_eq!(text(&verified.stdout).trim_end(), payload);
}
