//! The minter: built once from a key and options, then tokens for Users API user objects.

use std::ffi::c_char;

use crate::error::{Failure, hcjwt_result, hcjwt_result::*};
use crate::ptr::{self, Limit};
use crate::{boundary, hcjwt_claim_set, hcjwt_field_catalog, hcjwt_minter};
use hcjwt_core::{Algorithm, Minter, MinterOptions, Profile, SigningKey};

use crate::options::{MinterOptionsJson, options};

/// Builds a minter: `algorithm` ("RS256", ...) binds `key` (PEM, DER or JWK;
/// for HS* the secret's raw bytes); `options_json` is NULL or an object with
/// any of "kid", "profile" ("help_center", "sso" or "messaging", which needs
/// "kid"), "ttl", "iss", "aud", "max_token_bytes"; `claims` and `fields` may
/// be NULL and are copied.
///
/// # Safety
/// `algorithm` is a NUL-terminated string; `key` points to `key_len` readable
/// bytes (or is NULL with `key_len` 0); `options_json` is NULL or a
/// NUL-terminated string; `claims` and `fields` are NULL or live objects; `out`
/// points to writable storage.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_minter_new(
    algorithm: *const c_char,
    key: *const u8,
    key_len: usize,
    options_json: *const c_char,
    claims: *const hcjwt_claim_set,
    fields: *const hcjwt_field_catalog,
    out: *mut *mut hcjwt_minter,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(out, "out")?;
        // SAFETY: see the function's contract (this and the reads below).
        let algorithm: Algorithm =
            hcjwt_core::parse_algorithm(unsafe { ptr::text(algorithm, "algorithm") }?)?;
        let key = unsafe { ptr::bytes(key, key_len, Limit::Key, "key") }?;
        let options: MinterOptionsJson =
            options(unsafe { ptr::optional_text(options_json, "options_json") }?)?;
        let claims = unsafe { ptr::optional_object(claims) }.map(|set| set.0.clone());
        let fields = unsafe { ptr::optional_object(fields) }.map(|catalog| catalog.0.clone());
        let defaults = MinterOptions::default();
        let minter_options = MinterOptions {
            kid: options.kid,
            profile: options
                .profile
                .as_deref()
                .map(Profile::parse)
                .transpose()?
                .unwrap_or_default(),
            ttl: options.ttl.unwrap_or(defaults.ttl),
            issuer: options.iss,
            audience: options.aud,
            max_token_bytes: options.max_token_bytes.unwrap_or(defaults.max_token_bytes),
            claims,
            fields,
        };
        let minter = Minter::new(
            SigningKey::from_bytes(key, Some(algorithm))?,
            minter_options,
        )?;
        // SAFETY: `out` was checked above.
        unsafe { ptr::write_object(out, hcjwt_minter(minter)) };
        Ok(())
    })
}

/// Mints a token for a Users API user object (bare or `{"user": ...}`) at
/// `now` (Unix seconds; 0 reads the clock). Free the token with
/// `hcjwt_string_free`.
///
/// # Safety
/// `minter` is NULL or a live minter; `user_json` points to `len` readable
/// bytes (or is NULL with `len` 0); `token_out` points to writable storage.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_minter_mint(
    minter: *const hcjwt_minter,
    user_json: *const c_char,
    len: usize,
    now: i64,
    token_out: *mut *mut c_char,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(token_out, "token_out")?;
        // SAFETY: see the function's contract.
        let minter = unsafe { ptr::object(minter, "minter") }?;
        // SAFETY: see the function's contract.
        let user_json = unsafe { ptr::utf8(user_json, len, Limit::Document, "user_json") }?;
        let now = if now == 0 { None } else { Some(now) };
        let token = minter.0.mint_json(user_json.as_bytes(), now)?;
        // SAFETY: `token_out` was checked above.
        unsafe { ptr::write_string(token_out, token) }
    })
}

/// Writes the JWKS publishing the minter's public key (`{"keys": []}` for
/// HMAC secrets).
///
/// # Safety
/// `minter` is NULL or a live minter; `jwks_json_out` points to writable storage.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_minter_jwks(
    minter: *const hcjwt_minter,
    jwks_json_out: *mut *mut c_char,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(jwks_json_out, "jwks_json_out")?;
        // SAFETY: see the function's contract.
        let minter = unsafe { ptr::object(minter, "minter") }?;
        let json = serde_json::to_string(&minter.0.jwks())
            .map_err(|error| Failure::new(HCJWT_RESULT_JSON, error.to_string()))?;
        // SAFETY: `jwks_json_out` was checked above.
        unsafe { ptr::write_string(jwks_json_out, json) }
    })
}

/// Frees a minter; NULL is a no-op.
///
/// # Safety
/// `minter` is NULL or a minter from hcjwt that was not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_minter_free(minter: *mut hcjwt_minter) {
    // SAFETY: see the function's contract.
    boundary::call_or((), || unsafe { ptr::free_object(minter) });
}
