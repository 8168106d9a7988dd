//! Inspecting a token: decoded without a key, with what Zendesk would refuse.

use std::ffi::c_char;

use crate::error::hcjwt_result;
use crate::ptr::{self, Limit};
use crate::{boundary, hcjwt_field_catalog, hcjwt_verifier};
use hcjwt_core::Profile;

/// Decodes a token without verifying it and writes what Zendesk would
/// refuse, as JSON: `{"header", "payload", "dates", "profile", "problems",
/// "signature"}` (the same document as `hcjwt inspect --json` and Python's
/// `hcjwt.inspect`). `profile` is "help_center", "sso", "messaging" or NULL
/// (detected); `now` is Unix seconds (0 reads the clock); `fields` (NULL or
/// a catalog) checks the payload's user_fields; `verifier` (NULL or a
/// verifier) checks the signature. A malformed token is `HCJWT_RESULT_MALFORMED_TOKEN`; the
/// problems are data, not an error. Free the JSON with `hcjwt_string_free`.
///
/// # Safety
/// `token` points to `len` readable bytes (or is NULL with `len` 0);
/// `profile` is NULL or a NUL-terminated string; `fields` and `verifier` are
/// NULL or live objects; `report_json_out` points to writable storage.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_token_inspect(
    token: *const c_char,
    len: usize,
    profile: *const c_char,
    now: i64,
    fields: *const hcjwt_field_catalog,
    verifier: *const hcjwt_verifier,
    report_json_out: *mut *mut c_char,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(report_json_out, "report_json_out")?;
        // SAFETY: see the function's contract (this and the reads below).
        let token = unsafe {
            ptr::utf8(
                token,
                len,
                Limit::Token(hcjwt_core::limits::MAX_INSPECTED_TOKEN_BYTES),
                "token",
            )
        }?;
        let profile = unsafe { ptr::optional_text(profile, "profile") }?
            .map(Profile::parse)
            .transpose()?;
        let fields = unsafe { ptr::optional_object(fields) }.map(|catalog| &catalog.0);
        let verifier = unsafe { ptr::optional_object(verifier) }.map(|verifier| &verifier.0);
        let inspection = hcjwt_core::inspect(
            token,
            &hcjwt_core::InspectOptions {
                profile,
                now: (now != 0).then_some(now),
                fields,
                verifier,
            },
        )?;
        // SAFETY: `report_json_out` was checked above.
        unsafe { ptr::write_string(report_json_out, inspection.to_json().to_string()) }
    })
}
