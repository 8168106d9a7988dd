//! The C ABI of hcjwt. Every `unsafe` of the project lives in this crate:
//! `ptr` checks the pointers C hands in, `boundary` keeps panics from
//! crossing into C, `error` maps errors to codes and keeps the thread's last
//! message. The exports (`documents`, `minter`, `verifier`, `inspect`,
//! `sso`, with `options` reading their `options_json`) hold no raw casts of
//! their own.
//!
//! Conventions: every pointer may be NULL and yields an error code; outputs
//! are written only on success; `_free(NULL)` is a no-op; objects are
//! immutable once made and may be shared between threads; strings returned
//! through `*_out` are freed with `hcjwt_string_free`.

#![allow(non_camel_case_types)]

mod boundary;
mod claims;
mod documents;
mod error;
mod inspect;
mod logging;
mod minter;
mod options;
mod ptr;
mod sso;
mod verifier;

use std::ffi::{c_char, c_int};

use hcjwt_core::{ClaimSet, FieldCatalog, Minter, Verifier};

pub use claims::*;
pub use documents::*;
pub use error::hcjwt_result;
pub use inspect::*;
pub use logging::*;
pub use minter::*;
pub use sso::*;
pub use verifier::*;

/// The major version of the library this header belongs to.
pub const HCJWT_VERSION_MAJOR: u32 = 0;
/// The minor version of the library this header belongs to.
pub const HCJWT_VERSION_MINOR: u32 = 1;
/// The patch version of the library this header belongs to.
pub const HCJWT_VERSION_PATCH: u32 = 0;

/// The claims of one account/brand pair (opaque).
pub struct hcjwt_claim_set(ClaimSet);

/// A user field catalog (opaque).
pub struct hcjwt_field_catalog(FieldCatalog);

/// A prepared minter (opaque, immutable, shareable between threads).
pub struct hcjwt_minter(Minter);

/// A prepared verifier (opaque, immutable, shareable between threads).
pub struct hcjwt_verifier(Verifier);

/// The static description of a result code; never NULL, never freed. It
/// takes an `int` so that any value is defined behaviour: a number that is
/// no `hcjwt_result` gives "unknown result".
#[unsafe(no_mangle)]
pub extern "C" fn hcjwt_result_message(result: c_int) -> *const c_char {
    error::describe_code(result).as_ptr().cast()
}

/// The detail of the last failure on this thread (for validation errors the
/// API's `{"errors": {...}}` JSON; empty after a success). Valid until the next
/// hcjwt call on the same thread; never NULL, never freed.
#[unsafe(no_mangle)]
pub extern "C" fn hcjwt_last_error_message() -> *const c_char {
    error::last_error()
}

/// The library's version, e.g. "0.1.0"; static, never freed.
#[unsafe(no_mangle)]
pub extern "C" fn hcjwt_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// Frees a string that hcjwt returned through an out-parameter; NULL is a no-op.
///
/// # Safety
/// `text` is NULL or a string from hcjwt that was not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_string_free(text: *mut c_char) {
    boundary::call_or((), || {
        if !text.is_null() {
            // SAFETY: made by CString::into_raw in ptr::write_string.
            drop(unsafe { std::ffi::CString::from_raw(text) });
        }
    });
}

/// Test builds only: panics inside the boundary and returns `HCJWT_RESULT_PANIC`.
#[cfg(feature = "test-panic")]
#[unsafe(no_mangle)]
pub extern "C" fn hcjwt_test_force_panic() -> hcjwt_result {
    boundary::call(|| panic!("forced by hcjwt_test_force_panic"))
}

#[cfg(test)]
mod tests;
