//! The pointer plumbing and the code table, without crypto where possible,
//! so Miri can run them (`cargo +nightly miri test -p hcjwt-capi --lib`).

use std::ffi::c_int;

use crate::documents::*;
use crate::error::{self, hcjwt_result, hcjwt_result::*};
use crate::*;

#[test]
fn every_error_kind_has_its_own_code() {
    let codes: Vec<hcjwt_result> = hcjwt_core::ErrorKind::ALL
        .iter()
        .map(|kind| error::result_for(*kind))
        .collect();
    assert!(!codes.contains(&HCJWT_RESULT_PANIC));
    let mut unique = codes.clone();
    unique.sort_by_key(|code| *code as u32);
    unique.dedup();
    assert_eq!(unique.len(), codes.len());
}

// The pointer plumbing without crypto, so Miri can run it
// (`cargo +nightly miri test -p hcjwt-capi --lib`).

fn last_error() -> String {
    unsafe { std::ffi::CStr::from_ptr(hcjwt_last_error_message()) }
        .to_string_lossy()
        .into_owned()
}

#[test]
fn claim_sets_cross_the_boundary() {
    let json = br#"[{"account_id":1,"brand_id":2,"claim_identifier":"tier","claim_value":"gold"}]"#;
    let mut claims = std::ptr::null_mut();
    let result =
        unsafe { hcjwt_claim_set_from_json(json.as_ptr().cast(), json.len(), &mut claims) };
    assert_eq!(result, HCJWT_RESULT_OK);
    assert_eq!(last_error(), "");
    let mut text = std::ptr::null_mut();
    assert_eq!(
        unsafe { hcjwt_claim_set_to_json(claims, &mut text) },
        HCJWT_RESULT_OK
    );
    let owned = unsafe { std::ffi::CStr::from_ptr(text) }
        .to_string_lossy()
        .into_owned();
    assert!(owned.contains(r#""claim_value":"gold""#));
    unsafe {
        hcjwt_string_free(text);
        hcjwt_claim_set_free(claims);
        hcjwt_claim_set_free(std::ptr::null_mut());
        hcjwt_string_free(std::ptr::null_mut());
    }
}

#[test]
fn null_pointers_and_bad_text_are_codes() {
    let mut marker = 0u8;
    let sentinel: *mut hcjwt_claim_set = (&mut marker as *mut u8).cast();
    let mut out = sentinel;
    unsafe {
        assert_eq!(
            hcjwt_claim_set_from_json(std::ptr::null(), 3, &mut out),
            HCJWT_RESULT_NULL_ARGUMENT
        );
        assert_eq!(
            hcjwt_claim_set_from_json(std::ptr::null(), 0, &mut out),
            HCJWT_RESULT_JSON
        );
        assert_eq!(
            hcjwt_claim_set_from_json(b"[]".as_ptr().cast(), 2, std::ptr::null_mut()),
            HCJWT_RESULT_NULL_ARGUMENT
        );
        assert_eq!(
            hcjwt_claim_set_from_json(b"\xff".as_ptr().cast(), 1, &mut out),
            HCJWT_RESULT_INVALID_UTF8
        );
        let blank = br#"[{"account_id":1,"brand_id":2,"claim_identifier":"a","claim_value":""}]"#;
        assert_eq!(
            hcjwt_claim_set_from_json(blank.as_ptr().cast(), blank.len(), &mut out),
            HCJWT_RESULT_VALIDATION
        );
    }
    assert_eq!(out, sentinel, "outputs are written only on success");
    assert!(last_error().starts_with(r#"{"errors":{"#));
    let mut text = std::ptr::null_mut();
    assert_eq!(
        unsafe { hcjwt_claim_set_to_json(std::ptr::null(), &mut text) },
        HCJWT_RESULT_NULL_ARGUMENT
    );
    assert!(text.is_null());
    for code in [
        HCJWT_RESULT_OK,
        HCJWT_RESULT_PANIC,
        HCJWT_RESULT_INVALID_CLAIM,
    ] {
        assert!(
            !unsafe { std::ffi::CStr::from_ptr(hcjwt_result_message(code as c_int)) }
                .to_bytes()
                .is_empty()
        );
    }
}

#[test]
fn field_values_cross_the_boundary() {
    let fields = br#"[{"key":"vip","title":"VIP","type":"checkbox"},{"key":"since","title":"Since","type":"date"}]"#;
    let mut catalog = std::ptr::null_mut();
    assert_eq!(
        unsafe {
            hcjwt_field_catalog_from_json(fields.as_ptr().cast(), fields.len(), &mut catalog)
        },
        HCJWT_RESULT_OK
    );
    let values = br#"{"vip": true, "since": "2020-02-29T23:00:00Z"}"#;
    let mut normalized = std::ptr::null_mut();
    let result = unsafe {
        hcjwt_field_catalog_validate(
            catalog,
            values.as_ptr().cast(),
            values.len(),
            &mut normalized,
        )
    };
    assert_eq!(result, HCJWT_RESULT_OK);
    let text = unsafe { std::ffi::CStr::from_ptr(normalized) }
        .to_string_lossy()
        .into_owned();
    assert_eq!(text, r#"{"vip":true,"since":"2020-02-29"}"#);
    unsafe {
        hcjwt_string_free(normalized);
        hcjwt_field_catalog_free(catalog);
    }
}

#[test]
fn every_number_has_a_message() {
    for code in [-1, 3, 99, 409, 901, i32::MIN, i32::MAX] {
        let text = unsafe { std::ffi::CStr::from_ptr(hcjwt_result_message(code)) };
        assert_eq!(text.to_bytes(), b"unknown result");
    }
    for &result in hcjwt_result::ALL {
        let text = unsafe { std::ffi::CStr::from_ptr(hcjwt_result_message(result as c_int)) };
        assert_ne!(text.to_bytes(), b"unknown result");
    }
}

#[test]
fn a_panic_becomes_a_code() {
    let result = boundary::call(|| panic!("inside the boundary"));
    assert_eq!(result, HCJWT_RESULT_PANIC);
    assert!(last_error().contains("inside the boundary"));
}

#[test]
fn version_constants_match_cargo() {
    let version = [
        HCJWT_VERSION_MAJOR,
        HCJWT_VERSION_MINOR,
        HCJWT_VERSION_PATCH,
    ]
    .map(|n| n.to_string())
    .join(".");
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
}
