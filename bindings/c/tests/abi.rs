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
fn every_code_has_a_message() {
    for code in [
        HCJWT_RESULT_OK,
        HCJWT_RESULT_NULL_ARGUMENT,
        HCJWT_RESULT_PANIC,
        HCJWT_RESULT_INVALID_CLAIM,
    ] {
        let message = unsafe { CStr::from_ptr(hcjwt_result_message(code as i32)) };
        assert!(!message.to_bytes().is_empty());
    }
}
