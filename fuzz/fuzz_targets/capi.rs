//! The C entry points fed arbitrary buffers: a code, never a crash or a leak.
#![no_main]

use std::ffi::CString;
use std::ptr;

use hcjwt_capi::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let json = data.as_ptr().cast();
    unsafe {
        let mut claims = ptr::null_mut();
        if hcjwt_claim_set_from_json(json, data.len(), &mut claims) == hcjwt_result::HCJWT_RESULT_OK {
            hcjwt_claim_set_free(claims);
        }
        let mut fields = ptr::null_mut();
        if hcjwt_field_catalog_from_json(json, data.len(), &mut fields) == hcjwt_result::HCJWT_RESULT_OK {
            hcjwt_field_catalog_free(fields);
        }
        let algorithm = CString::new("HS256").unwrap();
        let secret = [9u8; 32];
        let mut minter = ptr::null_mut();
        assert_eq!(
            hcjwt_minter_new(algorithm.as_ptr(), secret.as_ptr(), secret.len(), ptr::null(), ptr::null(), ptr::null(), &mut minter),
            hcjwt_result::HCJWT_RESULT_OK
        );
        let mut token = ptr::null_mut();
        if hcjwt_minter_mint(minter, json, data.len(), 1_700_000_000, &mut token) == hcjwt_result::HCJWT_RESULT_OK {
            hcjwt_string_free(token);
        }
        hcjwt_minter_free(minter);
        let mut verifier = ptr::null_mut();
        if hcjwt_verifier_new(algorithm.as_ptr(), data.as_ptr(), data.len(), ptr::null(), &mut verifier) == hcjwt_result::HCJWT_RESULT_OK {
            hcjwt_verifier_free(verifier);
        }
        let mut verifier = ptr::null_mut();
        hcjwt_verifier_new(algorithm.as_ptr(), secret.as_ptr(), secret.len(), ptr::null(), &mut verifier);
        let mut payload = ptr::null_mut();
        if hcjwt_verifier_verify(verifier, json, data.len(), &mut payload) == hcjwt_result::HCJWT_RESULT_OK {
            hcjwt_string_free(payload);
        }
        hcjwt_verifier_free(verifier);
    }
});
