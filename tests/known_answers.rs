//! Known answers from the RFCs: deterministic signatures to the exact byte,
//! the others verified, and RFC 7638 thumbprints.

use hcjwt::jwk::Jwk;
use hcjwt::{Algorithm, SigningKey, Verifier, VerifierOptions, VerifyingKey, thumbprint};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/rfc/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("fixture")
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn signing_input(token: &str) -> &str {
    &token[..token.rfind('.').unwrap()]
}

// RFC 7515 A.1: header {"typ":"JWT",\r\n "alg":"HS256"}, payload with exp 1300819380.
const A1_KEY: &str = r#"{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;
const A1_TOKEN: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const A1_EXP: i64 = 1_300_819_380;

// RFC 7515 A.2: the same payload, RS256.
const A2_TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";

// RFC 7515 A.3: ES256 (randomized, so verified only).
const A3_KEY: &str = r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}"#;
const A3_TOKEN: &str = "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

// RFC 7520 4.1 (RS256) and 4.4 (HS256), payload "It’s a dangerous business, Frodo, ...".
const RFC7520_PAYLOAD: &str = "SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4";
const RFC7520_41_HEADER: &str =
    "eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9";
const RFC7520_41_SIGNATURE: &str = "MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2e5CZ5NlKtainoFmKZopdHM1O2U4mwzJdQx996ivp83xuglII7PNDi84wnB-BDkoBwA78185hX-Es4JIwmDLJK3lfWRa-XtL0RnltuYv746iYTh_qHRD68BNt1uSNCrUCTJDt5aAE6x8wW1Kt9eRo4QPocSadnHXFxnt8Is9UzpERV0ePPQdLuW3IS_de3xyIrDaLGdjluPxUAhb6L2aXic1U12podGU0KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf_fcIe8u9ipH84ogoree7vjbU5y18kDquDg";
const RFC7520_44_KEY: &str = r#"{"kty":"oct","kid":"018c0ae5-4d9b-471b-bfd6-eef314bc7037","use":"sig","alg":"HS256","k":"hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg"}"#;
const RFC7520_44_HEADER: &str =
    "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9";
const RFC7520_44_SIGNATURE: &str = "s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0";

// RFC 8037 A.1 (key), A.3 (thumbprint), A.4 (Ed25519 signature).
const RFC8037_KEY: &str = r#"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
const RFC8037_TOKEN: &str = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
const RFC8037_THUMBPRINT: &str = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";

// RFC 7638 3.1.
const RFC7638_KEY: &str = r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#;
const RFC7638_THUMBPRINT: &str = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

#[test]
fn rfc7515_a1_hs256_exact_bytes_and_verification() {
    let key = SigningKey::from_jwk(A1_KEY.as_bytes(), Some(Algorithm::HS256)).unwrap();
    let signature = key.sign(signing_input(A1_TOKEN).as_bytes()).unwrap();
    assert_eq!(
        format!("{}.{}", signing_input(A1_TOKEN), b64(&signature)),
        A1_TOKEN
    );
    let verifier = Verifier::with_key(
        key.verifying_key().unwrap(),
        &[Algorithm::HS256],
        VerifierOptions::default(),
    )
    .unwrap();
    let payload = verifier.verify_at(A1_TOKEN, A1_EXP - 10).unwrap();
    assert_eq!(payload["iss"], "joe");
    assert_eq!(payload["http://example.com/is_root"], true);
    assert_eq!(
        verifier
            .verify_at(A1_TOKEN, A1_EXP + 60)
            .unwrap_err()
            .kind(),
        hcjwt::ErrorKind::Expired
    );
}

#[test]
fn rfc7515_a2_rs256_exact_bytes_from_a_private_jwk() {
    let key = SigningKey::from_jwk(&fixture("rfc7515_a2_rsa_private.jwk.json"), None).unwrap();
    assert_eq!(key.algorithm(), Algorithm::RS256);
    let signature = key.sign(signing_input(A2_TOKEN).as_bytes()).unwrap();
    assert_eq!(
        format!("{}.{}", signing_input(A2_TOKEN), b64(&signature)),
        A2_TOKEN
    );
    let verifier = Verifier::with_key(
        key.verifying_key().unwrap(),
        &[Algorithm::RS256],
        VerifierOptions::default(),
    )
    .unwrap();
    assert_eq!(
        verifier.verify_at(A2_TOKEN, A1_EXP - 10).unwrap()["iss"],
        "joe"
    );
}

#[test]
fn rfc7515_a3_es256_verifies() {
    let key = SigningKey::from_jwk(A3_KEY.as_bytes(), None).unwrap();
    assert_eq!(key.algorithm(), Algorithm::ES256);
    let verifier = Verifier::with_key(
        key.verifying_key().unwrap(),
        &[Algorithm::ES256],
        VerifierOptions::default(),
    )
    .unwrap();
    assert_eq!(
        verifier.verify_at(A3_TOKEN, A1_EXP - 10).unwrap()["iss"],
        "joe"
    );
    // A fresh signature over the same input verifies too (ECDSA is randomized).
    let signature = key.sign(signing_input(A3_TOKEN).as_bytes()).unwrap();
    let token = format!("{}.{}", signing_input(A3_TOKEN), b64(&signature));
    assert!(verifier.verify_at(&token, A1_EXP - 10).is_ok());
}

#[test]
fn rfc7520_41_rs256_exact_bytes_from_pkcs1_pem() {
    let key = SigningKey::from_pem(
        &fixture("rfc7520_3.4_rsa_private.pem"),
        Some(Algorithm::RS256),
    )
    .unwrap();
    let input = format!("{RFC7520_41_HEADER}.{RFC7520_PAYLOAD}");
    assert_eq!(
        b64(&key.sign(input.as_bytes()).unwrap()),
        RFC7520_41_SIGNATURE
    );
    let verifier = Verifier::with_key(
        key.verifying_key()
            .unwrap()
            .with_kid("bilbo.baggins@hobbiton.example"),
        &[Algorithm::RS256],
        VerifierOptions::default(),
    )
    .unwrap();
    let jws = verifier
        .verify_jws(&format!("{input}.{RFC7520_41_SIGNATURE}"))
        .unwrap();
    assert!(
        String::from_utf8(jws.payload)
            .unwrap()
            .starts_with("It\u{2019}s a dangerous business")
    );
}

#[test]
fn rfc7520_44_hs256_exact_bytes() {
    let key = SigningKey::from_jwk(RFC7520_44_KEY.as_bytes(), None).unwrap();
    assert_eq!(key.kid(), Some("018c0ae5-4d9b-471b-bfd6-eef314bc7037"));
    let input = format!("{RFC7520_44_HEADER}.{RFC7520_PAYLOAD}");
    assert_eq!(
        b64(&key.sign(input.as_bytes()).unwrap()),
        RFC7520_44_SIGNATURE
    );
    let verifier = Verifier::with_key(
        key.verifying_key().unwrap(),
        &[Algorithm::HS256],
        VerifierOptions::default(),
    )
    .unwrap();
    assert!(
        verifier
            .verify_jws(&format!("{input}.{RFC7520_44_SIGNATURE}"))
            .is_ok()
    );
}

#[test]
fn rfc8037_a4_ed25519_exact_bytes_and_a3_thumbprint() {
    let key = SigningKey::from_jwk(RFC8037_KEY.as_bytes(), None).unwrap();
    assert_eq!(key.algorithm(), Algorithm::EdDSA);
    assert_eq!(
        key.kid(),
        Some(RFC8037_THUMBPRINT),
        "the default kid is the RFC 7638 thumbprint"
    );
    let signature = key.sign(signing_input(RFC8037_TOKEN).as_bytes()).unwrap();
    assert_eq!(
        format!("{}.{}", signing_input(RFC8037_TOKEN), b64(&signature)),
        RFC8037_TOKEN
    );
    let verifier = Verifier::with_key(
        key.verifying_key().unwrap(),
        &[Algorithm::EdDSA],
        VerifierOptions::default(),
    )
    .unwrap();
    assert_eq!(
        verifier.verify_jws(RFC8037_TOKEN).unwrap().payload,
        b"Example of Ed25519 signing"
    );
}

#[test]
fn rfc7638_31_thumbprint() {
    let jwk: Jwk = serde_json::from_str(RFC7638_KEY).unwrap();
    assert_eq!(thumbprint(&jwk).unwrap(), RFC7638_THUMBPRINT);
    let key = VerifyingKey::from_public_jwk(&jwk, None).unwrap();
    assert_eq!(key.kid(), Some("2011-04-29"), "a JWK's own kid wins");
}
