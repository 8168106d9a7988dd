//! The exports called from Rust: tokens the C ABI mints verify with the Rust
//! API and the other way round, and outputs stay untouched on failure.

use std::ffi::{CStr, CString, c_char};
use std::ptr;

use hcjwt::hcjwt_result::{self, *};
use hcjwt::*;

const SECRET: &[u8] = b"a-shared-secret-of-at-least-32-bytes!!";
const USER: &str = r#"{"id": 1, "email": "a@example.com"}"#;

fn minter() -> *mut hcjwt_minter {
    let mut minter = ptr::null_mut();
    let algorithm = CString::new("HS256").unwrap();
    let result = unsafe {
        hcjwt_minter_new(
            algorithm.as_ptr(),
            SECRET.as_ptr(),
            SECRET.len(),
            ptr::null(),
            ptr::null(),
            ptr::null(),
            &mut minter,
        )
    };
    assert_eq!(result, HCJWT_RESULT_OK);
    minter
}

fn verifier() -> *mut hcjwt_verifier {
    let mut verifier = ptr::null_mut();
    let algorithm = CString::new("HS256").unwrap();
    let result = unsafe {
        hcjwt_verifier_new(
            algorithm.as_ptr(),
            SECRET.as_ptr(),
            SECRET.len(),
            ptr::null(),
            &mut verifier,
        )
    };
    assert_eq!(result, HCJWT_RESULT_OK);
    verifier
}

fn take(text: *mut c_char) -> String {
    let owned = unsafe { CStr::from_ptr(text) }.to_str().unwrap().to_owned();
    unsafe { hcjwt_string_free(text) };
    owned
}

#[test]
fn c_minted_tokens_verify_in_rust_and_rust_minted_tokens_verify_in_c() {
    let minter = minter();
    let mut token = ptr::null_mut();
    assert_eq!(
        unsafe { hcjwt_minter_mint(minter, USER.as_ptr().cast(), USER.len(), 0, &mut token) },
        HCJWT_RESULT_OK
    );
    let token = take(token);
    let key = hcjwt_core::SigningKey::from_secret(SECRET, hcjwt_core::Algorithm::HS256).unwrap();
    let rust_verifier = hcjwt_core::Verifier::with_key(
        key.verifying_key().unwrap(),
        &[hcjwt_core::Algorithm::HS256],
        Default::default(),
    )
    .unwrap();
    assert_eq!(
        rust_verifier.verify(&token).unwrap()["email"],
        "a@example.com"
    );

    let rust_minter = hcjwt_core::Minter::new(key, Default::default()).unwrap();
    let rust_token = rust_minter.mint_json(USER.as_bytes(), None).unwrap();
    let verifier = verifier();
    let mut payload = ptr::null_mut();
    assert_eq!(
        unsafe {
            hcjwt_verifier_verify(
                verifier,
                rust_token.as_ptr().cast(),
                rust_token.len(),
                &mut payload,
            )
        },
        HCJWT_RESULT_OK
    );
    assert!(take(payload).contains(r#""userId":1"#));
    unsafe {
        hcjwt_verifier_free(verifier);
        hcjwt_minter_free(minter);
    }
}

#[test]
fn outputs_are_written_only_on_success() {
    let minter = minter();
    let mut marker = 0u8;
    let sentinel: *mut c_char = (&mut marker as *mut u8).cast();
    let mut token = sentinel;
    let bad = r#"{"id": 1}"#;
    let result: hcjwt_result =
        unsafe { hcjwt_minter_mint(minter, bad.as_ptr().cast(), bad.len(), 0, &mut token) };
    assert_eq!(result, HCJWT_RESULT_VALIDATION);
    assert_eq!(token, sentinel);
    let message = unsafe { CStr::from_ptr(hcjwt_last_error_message()) }
        .to_str()
        .unwrap();
    assert_eq!(message, r#"{"errors":{"email":["can't be blank"]}}"#);
    unsafe { hcjwt_minter_free(minter) };
}

#[test]
fn each_code_has_its_own_message() {
    let message = |code: i32| {
        unsafe { CStr::from_ptr(hcjwt_result_message(code)) }
            .to_str()
            .unwrap()
    };
    assert_eq!(message(HCJWT_RESULT_OK as i32), "ok");
    assert_eq!(
        message(HCJWT_RESULT_NULL_ARGUMENT as i32),
        "a required pointer argument was NULL"
    );
    assert_eq!(
        message(HCJWT_RESULT_PANIC as i32),
        "hcjwt panicked (a bug): the call had no effect"
    );
    assert_eq!(message(HCJWT_RESULT_INVALID_CLAIM as i32), "invalid claim");
    assert_eq!(
        message(HCJWT_RESULT_KEY_SOURCE as i32),
        "the remote keys are unavailable"
    );
    assert_eq!(
        message(HCJWT_RESULT_EXPIRED as i32),
        "the token has expired"
    );
    assert_eq!(message(409), "unknown result");
}

#[path = "../../../tests/support/mod.rs"]
mod support;

/// A help center's key set served on 127.0.0.1: the C verifier fetches it
/// once, verifies a token signed by the core, shares the cache with a second
/// verifier of the same host and options, and reports its state.
#[test]
fn a_help_center_verifier_fetches_caches_and_reports_its_keys() {
    let pem = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/keys/rsa2048.pem"
    ))
    .unwrap();
    let key = hcjwt_core::SigningKey::from_bytes(&pem, Some(hcjwt_core::Algorithm::RS256))
        .unwrap()
        .with_kid("hc-1");
    let jwk = serde_json::to_value(key.public_jwk().unwrap()).unwrap();
    let jwks =
        serde_json::json!({"keys": [{"kty": "RSA", "kid": "hc-1", "n": jwk["n"], "e": jwk["e"]}]});
    let minter = hcjwt_core::Minter::new(key, hcjwt_core::MinterOptions::default()).unwrap();
    let token = minter
        .mint(
            &hcjwt_core::User::new()
                .with_id(7)
                .with_email("a@example.com"),
        )
        .unwrap();
    let body = jwks.to_string();
    let server = support::Server::start(move |seen| {
        assert_eq!(seen.url, "/api/v2/help_center/integration/keys.json");
        support::Reply::json(200, body.clone())
    });
    let host = CString::new(server.base.clone()).unwrap();
    let options = CString::new(r#"{"timeout": 2.5, "leeway": 30, "cache_ttl": 300}"#).unwrap();
    for _ in 0..2 {
        let mut verifier = ptr::null_mut();
        assert_eq!(
            unsafe {
                hcjwt_verifier_for_help_center(host.as_ptr(), options.as_ptr(), &mut verifier)
            },
            HCJWT_RESULT_OK
        );
        let mut payload = ptr::null_mut();
        assert_eq!(
            unsafe {
                hcjwt_verifier_verify(verifier, token.as_ptr().cast(), token.len(), &mut payload)
            },
            HCJWT_RESULT_OK,
            "{}",
            unsafe { CStr::from_ptr(hcjwt_last_error_message()) }.to_string_lossy()
        );
        let payload: serde_json::Value = serde_json::from_str(&take(payload)).unwrap();
        assert_eq!(payload["userId"], 7);
        let mut status = ptr::null_mut();
        assert_eq!(
            unsafe { hcjwt_verifier_key_source_status(verifier, &mut status) },
            HCJWT_RESULT_OK
        );
        let status: serde_json::Value = serde_json::from_str(&take(status)).unwrap();
        assert_eq!(status["key_ids"], serde_json::json!(["hc-1"]));
        assert_eq!(status["fetches"], 1, "the second verifier reuses the cache");
        assert!(status["last_error"].is_null() && status["fresh"] == true);
        unsafe { hcjwt_verifier_free(verifier) };
    }
    assert_eq!(server.hits(), 1);
}

/// A keys endpoint answering 404 gives the key-source code and says why.
#[test]
fn a_help_center_404_is_a_key_source_error_naming_the_plan() {
    let server =
        support::Server::start(|_| support::Reply::json(404, r#"{"error":"InvalidEndpoint"}"#));
    let host = CString::new(server.base.clone()).unwrap();
    let mut verifier = ptr::null_mut();
    assert_eq!(
        unsafe { hcjwt_verifier_for_help_center(host.as_ptr(), ptr::null(), &mut verifier) },
        HCJWT_RESULT_OK
    );
    let token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImhjLTEifQ.eyJ1c2VySWQiOjF9.c2ln";
    let mut payload = ptr::null_mut();
    assert_eq!(
        unsafe {
            hcjwt_verifier_verify(verifier, token.as_ptr().cast(), token.len(), &mut payload)
        },
        HCJWT_RESULT_KEY_SOURCE
    );
    assert!(payload.is_null());
    let message = unsafe { CStr::from_ptr(hcjwt_last_error_message()) }.to_string_lossy();
    assert!(message.contains("Guide Enterprise"), "{message}");
    unsafe { hcjwt_verifier_free(verifier) };
}
