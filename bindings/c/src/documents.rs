//! Claim sets and field catalogs: read from the APIs' documents, written back, values validated.

use std::ffi::c_char;

use crate::error::hcjwt_result;
use crate::ptr::{self, Limit};
use crate::{boundary, hcjwt_claim_set, hcjwt_field_catalog};
use hcjwt_core::{ClaimSet, FieldCatalog};

/// Reads a claims document holding one account/brand pair (the API's list
/// response, `{"custom_claim": ...}` or a bare array). Claims of several pairs
/// are a validation error naming the pairs.
///
/// # Safety
/// `json` points to `len` readable bytes (or is NULL with `len` 0); `out` points
/// to writable storage for a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_claim_set_from_json(
    json: *const c_char,
    len: usize,
    out: *mut *mut hcjwt_claim_set,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(out, "out")?;
        // SAFETY: see the function's contract.
        let json = unsafe { ptr::utf8(json, len, Limit::Document, "json") }?;
        let set = ClaimSet::from_json(json.as_bytes())?;
        // SAFETY: `out` was checked above.
        unsafe { ptr::write_object(out, hcjwt_claim_set(set)) };
        Ok(())
    })
}

/// Writes the claim set as the API's list response (`{"custom_claims": [...]}`).
///
/// # Safety
/// `claims` is NULL or a live claim set; `json_out` points to writable storage.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_claim_set_to_json(
    claims: *const hcjwt_claim_set,
    json_out: *mut *mut c_char,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(json_out, "json_out")?;
        // SAFETY: see the function's contract.
        let claims = unsafe { ptr::object(claims, "claims") }?;
        // SAFETY: `json_out` was checked above.
        unsafe { ptr::write_string(json_out, claims.0.to_json()) }
    })
}

/// Frees a claim set; NULL is a no-op.
///
/// # Safety
/// `claims` is NULL or a claim set from hcjwt that was not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_claim_set_free(claims: *mut hcjwt_claim_set) {
    // SAFETY: see the function's contract.
    boundary::call_or((), || unsafe { ptr::free_object(claims) });
}

/// Reads a user fields document (`{"user_fields": [...]}` or a bare array),
/// validating every definition and compiling regexp patterns.
///
/// # Safety
/// As `hcjwt_claim_set_from_json`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_field_catalog_from_json(
    json: *const c_char,
    len: usize,
    out: *mut *mut hcjwt_field_catalog,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(out, "out")?;
        // SAFETY: see the function's contract.
        let json = unsafe { ptr::utf8(json, len, Limit::Document, "json") }?;
        let catalog = FieldCatalog::from_json(json.as_bytes())?;
        // SAFETY: `out` was checked above.
        unsafe { ptr::write_object(out, hcjwt_field_catalog(catalog)) };
        Ok(())
    })
}

/// Validates a user's `user_fields` object (JSON) against the catalog and
/// writes the normalized values as JSON.
///
/// # Safety
/// `fields` is NULL or a live catalog; `json` points to `len` readable bytes
/// (or is NULL with `len` 0); `normalized_out` points to writable storage.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_field_catalog_validate(
    fields: *const hcjwt_field_catalog,
    json: *const c_char,
    len: usize,
    normalized_out: *mut *mut c_char,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(normalized_out, "normalized_out")?;
        // SAFETY: see the function's contract.
        let fields = unsafe { ptr::object(fields, "fields") }?;
        // SAFETY: see the function's contract.
        let json = unsafe { ptr::utf8(json, len, Limit::Document, "json") }?;
        let values = hcjwt_core::Json::from_slice(json.as_bytes(), "user_fields")?;
        let text = fields.0.validate(&values)?.to_string();
        // SAFETY: `normalized_out` was checked above.
        unsafe { ptr::write_string(normalized_out, text) }
    })
}

/// Frees a field catalog; NULL is a no-op.
///
/// # Safety
/// `fields` is NULL or a catalog from hcjwt that was not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_field_catalog_free(fields: *mut hcjwt_field_catalog) {
    // SAFETY: see the function's contract.
    boundary::call_or((), || unsafe { ptr::free_object(fields) });
}
