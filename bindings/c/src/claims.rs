//! Claim access without a JSON parser in C: a verified token's payload (or
//! any JSON object, such as `hcjwt_token_inspect`'s report) held as an
//! opaque object, its top-level members read by name as a string, an
//! integer, a boolean or raw JSON.

use std::ffi::c_char;

use serde_json::{Map, Value};

use crate::error::{Failure, hcjwt_result, hcjwt_result::*};
use crate::ptr::{self, Limit};
use crate::{boundary, hcjwt_verifier};

/// The members of a JSON object: a verified payload (opaque, immutable,
/// shareable between threads).
pub struct hcjwt_claims(Map<String, Value>);

/// Verifies `token` as `hcjwt_verifier_verify_at` does (`now` 0 reads the
/// clock) and writes its payload as claims to read by name.
///
/// # Safety
/// `verifier` is a live verifier; `token` points to `len` readable bytes;
/// `claims_out` points to writable storage.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_verifier_verify_claims(
    verifier: *const hcjwt_verifier,
    token: *const c_char,
    len: usize,
    now: i64,
    claims_out: *mut *mut hcjwt_claims,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(claims_out, "claims_out")?;
        // SAFETY: see the function's contract (this and the read below).
        let verifier = unsafe { ptr::object(verifier, "verifier") }?;
        let limit = Limit::Token(verifier.0.options().max_token_bytes);
        let token = unsafe { ptr::utf8(token, len, limit, "token") }?;
        let now = if now == 0 {
            hcjwt_core::unix_now()
        } else {
            now
        };
        let payload = verifier.0.verify_at(token, now)?;
        // SAFETY: `claims_out` was checked above.
        unsafe { ptr::write_object(claims_out, hcjwt_claims(payload)) };
        Ok(())
    })
}

/// Reads a JSON object (`json`, `len` bytes: a payload, `hcjwt_token_inspect`'s
/// report) as claims to read by name.
///
/// # Safety
/// `json` points to `len` readable bytes; `claims_out` to writable storage.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_claims_from_json(
    json: *const c_char,
    len: usize,
    claims_out: *mut *mut hcjwt_claims,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(claims_out, "claims_out")?;
        // SAFETY: see the function's contract.
        let json = unsafe { ptr::utf8(json, len, Limit::Document, "json") }?;
        let Value::Object(members) = hcjwt_core::parse_strict(json.as_bytes(), "json")? else {
            return Err(Failure::new(HCJWT_RESULT_JSON, "json: not a JSON object"));
        };
        // SAFETY: `claims_out` was checked above.
        unsafe { ptr::write_object(claims_out, hcjwt_claims(members)) };
        Ok(())
    })
}

/// Frees claims; NULL is a no-op.
///
/// # Safety
/// `claims` is NULL or came from this library and was not freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_claims_free(claims: *mut hcjwt_claims) {
    boundary::call_or((), || unsafe { ptr::free_object(claims) })
}

/// The member `name`: `HCJWT_RESULT_NOT_FOUND` when absent or `null`.
///
/// # Safety
/// `claims` is NULL or live; `name` is NULL or NUL-terminated.
unsafe fn member<'a>(
    claims: *const hcjwt_claims,
    name: *const c_char,
) -> Result<(&'a str, &'a Value), Failure> {
    // SAFETY: the caller's contract.
    let claims = unsafe { ptr::object(claims, "claims") }?;
    let name = unsafe { ptr::text(name, "name") }?;
    match claims.0.get(name) {
        Some(Value::Null) => Err(Failure::new(
            HCJWT_RESULT_NOT_FOUND,
            format!("claim {name} is null"),
        )),
        Some(value) => Ok((name, value)),
        None => Err(Failure::new(
            HCJWT_RESULT_NOT_FOUND,
            format!("no claim {name}"),
        )),
    }
}

fn wrong_type(name: &str, expected: &str, value: &Value) -> Failure {
    let found = match value {
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
        Value::Null => "null",
    };
    Failure::new(
        HCJWT_RESULT_INVALID_CLAIM,
        format!("claim {name} is {found}, not {expected}"),
    )
}

/// Writes the string claim `name` (free it with `hcjwt_string_free`):
/// `HCJWT_RESULT_NOT_FOUND` when absent or null, `HCJWT_RESULT_INVALID_CLAIM`
/// when it is no string.
///
/// # Safety
/// `claims` is live; `name` is NUL-terminated; `value_out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_claims_get_string(
    claims: *const hcjwt_claims,
    name: *const c_char,
    value_out: *mut *mut c_char,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(value_out, "value_out")?;
        // SAFETY: the function's contract.
        let (name, value) = unsafe { member(claims, name) }?;
        let Value::String(text) = value else {
            return Err(wrong_type(name, "a string", value));
        };
        // SAFETY: `value_out` was checked above.
        unsafe { ptr::write_string(value_out, text.clone()) }
    })
}

/// Writes the integer claim `name` (within int64): NOT_FOUND when absent or
/// null, INVALID_CLAIM for another type or a number that is no int64.
///
/// # Safety
/// `claims` is live; `name` is NUL-terminated; `value_out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_claims_get_int(
    claims: *const hcjwt_claims,
    name: *const c_char,
    value_out: *mut i64,
) -> hcjwt_result {
    // SAFETY: the function's contract.
    unsafe {
        get_scalar(
            claims,
            name,
            value_out,
            "an integer within int64",
            Value::as_i64,
        )
    }
}

/// Writes the boolean claim `name`: NOT_FOUND when absent or null,
/// INVALID_CLAIM for another type.
///
/// # Safety
/// `claims` is live; `name` is NUL-terminated; `value_out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_claims_get_bool(
    claims: *const hcjwt_claims,
    name: *const c_char,
    value_out: *mut bool,
) -> hcjwt_result {
    // SAFETY: the function's contract.
    unsafe { get_scalar(claims, name, value_out, "a boolean", Value::as_bool) }
}

/// The claim `name` read by `read` into `value_out`; `expected` names the
/// type in the INVALID_CLAIM message.
///
/// # Safety
/// As the getters that call it: `claims` live, `name` NUL-terminated,
/// `value_out` writable.
unsafe fn get_scalar<T>(
    claims: *const hcjwt_claims,
    name: *const c_char,
    value_out: *mut T,
    expected: &str,
    read: fn(&Value) -> Option<T>,
) -> hcjwt_result {
    boundary::call(|| {
        if value_out.is_null() {
            return Err(Failure::new(
                HCJWT_RESULT_NULL_ARGUMENT,
                "value_out is NULL",
            ));
        }
        // SAFETY: the caller's contract.
        let (name, value) = unsafe { member(claims, name) }?;
        let scalar = read(value).ok_or_else(|| wrong_type(name, expected, value))?;
        // SAFETY: `value_out` is not NULL and writable (the contract).
        unsafe { value_out.write(scalar) };
        Ok(())
    })
}

/// Writes the claim `name` as JSON text, whatever its type (`"null"` for a
/// null one; free it with `hcjwt_string_free`): NOT_FOUND when absent.
///
/// # Safety
/// `claims` is live; `name` is NUL-terminated; `json_out` is writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_claims_get_json(
    claims: *const hcjwt_claims,
    name: *const c_char,
    json_out: *mut *mut c_char,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(json_out, "json_out")?;
        // SAFETY: the function's contract.
        let claims_ref = unsafe { ptr::object(claims, "claims") }?;
        let name = unsafe { ptr::text(name, "name") }?;
        let value = claims_ref
            .0
            .get(name)
            .ok_or_else(|| Failure::new(HCJWT_RESULT_NOT_FOUND, format!("no claim {name}")))?;
        // SAFETY: `json_out` was checked above.
        unsafe { ptr::write_string(json_out, value.to_string()) }
    })
}
