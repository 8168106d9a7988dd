//! The verifier: from key bytes or a remote key set, its key source, and verification.

use std::ffi::c_char;

use crate::error::{Failure, hcjwt_result, hcjwt_result::*};
use crate::ptr::{self, Limit};
use crate::{boundary, hcjwt_verifier};
use hcjwt_core::{Algorithm, Verifier};

use crate::options::{VerifierOptionsJson, options};

/// Builds a verifier. `algorithm` names the allowed algorithm ("RS256"), or
/// several separated by commas ("RS256,ES256"); `key` is a secret, a public or
/// private key (PEM, DER, JWK) or a JWKS document; `options_json` is NULL or an
/// object with any of "leeway", "iss", "aud" (a string or an array),
/// "accept_any_audience", "max_token_bytes".
///
/// # Safety
/// As `hcjwt_minter_new`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_verifier_new(
    algorithm: *const c_char,
    key: *const u8,
    key_len: usize,
    options_json: *const c_char,
    out: *mut *mut hcjwt_verifier,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(out, "out")?;
        // SAFETY: see the function's contract (this and the reads below).
        let algorithms = algorithm_list(unsafe { ptr::text(algorithm, "algorithm") }?)?;
        let key = unsafe { ptr::bytes(key, key_len, Limit::Key, "key") }?;
        let options: VerifierOptionsJson =
            options(unsafe { ptr::optional_text(options_json, "options_json") }?)?;
        if let Some(name) = options.remote_names().first() {
            return Err(Failure::new(
                HCJWT_RESULT_INVALID_OPTION,
                format!(
                    "options_json: \"{name}\" applies to remote key sets only (hcjwt_verifier_from_jwks_url, hcjwt_verifier_for_help_center)"
                ),
            ));
        }
        let verifier = Verifier::from_key_bytes(key, &algorithms, options.verifier())?;
        // SAFETY: `out` was checked above.
        unsafe { ptr::write_object(out, hcjwt_verifier(verifier)) };
        Ok(())
    })
}

/// The algorithms of a comma-separated list ("RS256,ES256").
fn algorithm_list(names: &str) -> Result<Vec<Algorithm>, Failure> {
    Ok(names
        .split(',')
        .map(|name| hcjwt_core::parse_algorithm(name.trim()))
        .collect::<Result<Vec<_>, _>>()?)
}

/// Builds a verifier of the keys published at `url` (a JWKS; https, or http
/// to a loopback host) for `algorithms` (comma-separated). Nothing is fetched
/// until the first token is verified; the keys are then cached: fresh for
/// "cache_ttl" seconds (600; a Cache-Control max-age between 60 s and a day
/// wins), at most one refresh per "cooldown" (30) for tokens naming an
/// unknown kid, the last good keys serving up to "max_stale" (86400) while
/// refreshes fail, every fetch bounded by "timeout" (seconds, 5) and
/// "max_response_bytes" (262144). Verifiers of the same URL and options share
/// one cache in the process, so building one per request costs no fetch.
/// `options_json` also takes the options of `hcjwt_verifier_new`. A fetch
/// that fails with no cached keys to stand in gives
/// `HCJWT_RESULT_KEY_SOURCE` from `hcjwt_verifier_verify`.
///
/// # Safety
/// `url` and `algorithms` are NUL-terminated strings; `options_json` is NULL
/// or a NUL-terminated string; `out` points to writable storage.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_verifier_from_jwks_url(
    url: *const c_char,
    algorithms: *const c_char,
    options_json: *const c_char,
    out: *mut *mut hcjwt_verifier,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(out, "out")?;
        // SAFETY: see the function's contract (this and the reads below).
        let url = unsafe { ptr::text(url, "url") }?;
        let algorithms = algorithm_list(unsafe { ptr::text(algorithms, "algorithms") }?)?;
        let options: VerifierOptionsJson =
            options(unsafe { ptr::optional_text(options_json, "options_json") }?)?;
        let verifier =
            Verifier::from_jwks_url(url, &algorithms, options.verifier(), options.remote()?)?;
        // SAFETY: `out` was checked above.
        unsafe { ptr::write_object(out, hcjwt_verifier(verifier)) };
        Ok(())
    })
}

/// Builds a verifier of a help center's tokens: RS256 with the keys of
/// `https://{host}/api/v2/help_center/integration/keys.json`, where `host` is
/// a subdomain ("acme"), a host ("acme.zendesk.com", a host-mapped brand
/// domain) or a base URL. Options and caching as
/// `hcjwt_verifier_from_jwks_url`; a 404 from the endpoint says the plan
/// lacks help center JWTs.
///
/// # Safety
/// `host` is a NUL-terminated string; `options_json` is NULL or a
/// NUL-terminated string; `out` points to writable storage.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_verifier_for_help_center(
    host: *const c_char,
    options_json: *const c_char,
    out: *mut *mut hcjwt_verifier,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(out, "out")?;
        // SAFETY: see the function's contract (this and the reads below).
        let host = unsafe { ptr::text(host, "host") }?;
        let options: VerifierOptionsJson =
            options(unsafe { ptr::optional_text(options_json, "options_json") }?)?;
        let verifier = Verifier::for_help_center(host, options.verifier(), options.remote()?)?;
        // SAFETY: `out` was checked above.
        unsafe { ptr::write_object(out, hcjwt_verifier(verifier)) };
        Ok(())
    })
}

/// Fetches a verifier's remote keys now (a warm start before serving, or a
/// health check), or waits for the fetch already in flight, and writes the
/// kids the set holds as a JSON array. A failed fetch is
/// `HCJWT_RESULT_KEY_SOURCE` (cached keys keep serving); a verifier with
/// keys given at construction is `HCJWT_RESULT_INVALID_OPTION`.
///
/// # Safety
/// `verifier` is NULL or a live verifier; `kids_json_out` points to writable storage.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_verifier_refresh(
    verifier: *const hcjwt_verifier,
    kids_json_out: *mut *mut c_char,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(kids_json_out, "kids_json_out")?;
        // SAFETY: see the function's contract.
        let verifier = unsafe { ptr::object(verifier, "verifier") }?;
        let Some(source) = verifier.0.key_source() else {
            return Err(Failure::new(
                HCJWT_RESULT_INVALID_OPTION,
                "refresh: this verifier's keys were given when it was made: there is nothing to fetch",
            ));
        };
        let kids = source.refresh()?;
        // SAFETY: `kids_json_out` was checked above.
        unsafe { ptr::write_string(kids_json_out, serde_json::json!(kids).to_string()) }
    })
}

/// Writes the state of a verifier's remote key set as JSON, for health
/// checks: `{"url", "key_ids", "skipped_keys", "last_fetch", "last_success",
/// "next_attempt" (Unix seconds or null), "last_error" (null or the reason),
/// "fresh", "fetching", "fetches"}`; for a verifier with keys given at
/// construction, `null`.
///
/// # Safety
/// `verifier` is NULL or a live verifier; `status_json_out` points to writable storage.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_verifier_key_source_status(
    verifier: *const hcjwt_verifier,
    status_json_out: *mut *mut c_char,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(status_json_out, "status_json_out")?;
        // SAFETY: see the function's contract.
        let verifier = unsafe { ptr::object(verifier, "verifier") }?;
        let json = match verifier.0.key_source() {
            None => "null".to_owned(),
            Some(source) => source.status().to_json().to_string(),
        };
        // SAFETY: `status_json_out` was checked above.
        unsafe { ptr::write_string(status_json_out, json) }
    })
}

/// Verifies a token and writes its payload: the JSON text that was signed,
/// as it was signed. Free it with `hcjwt_string_free`.
///
/// # Safety
/// `verifier` is NULL or a live verifier; `token` points to `len` readable
/// bytes (or is NULL with `len` 0); `payload_json_out` points to writable storage.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_verifier_verify(
    verifier: *const hcjwt_verifier,
    token: *const c_char,
    len: usize,
    payload_json_out: *mut *mut c_char,
) -> hcjwt_result {
    // SAFETY: the same contract.
    unsafe { verify(verifier, token, len, None, payload_json_out) }
}

/// As `hcjwt_verifier_verify`, with `exp`, `nbf` and `iat` checked as of
/// `now` (Unix seconds) instead of the clock: for tests, replays of logged
/// tokens, and clocks the caller keeps.
///
/// # Safety
/// As `hcjwt_verifier_verify`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_verifier_verify_at(
    verifier: *const hcjwt_verifier,
    token: *const c_char,
    len: usize,
    now: i64,
    payload_json_out: *mut *mut c_char,
) -> hcjwt_result {
    // SAFETY: the same contract.
    unsafe { verify(verifier, token, len, Some(now), payload_json_out) }
}

/// # Safety
/// As `hcjwt_verifier_verify`.
unsafe fn verify(
    verifier: *const hcjwt_verifier,
    token: *const c_char,
    len: usize,
    now: Option<i64>,
    payload_json_out: *mut *mut c_char,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(payload_json_out, "payload_json_out")?;
        // SAFETY: see the caller's contract.
        let verifier = unsafe { ptr::object(verifier, "verifier") }?;
        // SAFETY: see the caller's contract.
        let token = unsafe {
            ptr::utf8(
                token,
                len,
                Limit::Token(verifier.0.options().max_token_bytes),
                "token",
            )
        }?;
        let payload = match now {
            Some(now) => verifier.0.verify_json_at(token, now)?,
            None => verifier.0.verify_json(token)?,
        };
        // The verifier read it as JSON: it is UTF-8.
        let payload = String::from_utf8(payload).map_err(|_| {
            Failure::new(hcjwt_result::HCJWT_RESULT_JSON, "the payload is not UTF-8")
        })?;
        // SAFETY: `payload_json_out` was checked above.
        unsafe { ptr::write_string(payload_json_out, payload) }
    })
}

/// Writes a token's header as JSON without verifying anything (to pick a
/// key by `kid` or `alg` before verifying). Never trust it for more.
/// Free it with `hcjwt_string_free`.
///
/// # Safety
/// `token` points to `len` readable bytes (or is NULL with `len` 0);
/// `header_json_out` points to writable storage.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_token_header(
    token: *const c_char,
    len: usize,
    header_json_out: *mut *mut c_char,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(header_json_out, "header_json_out")?;
        // SAFETY: see the function's contract.
        let token = unsafe {
            ptr::utf8(
                token,
                len,
                Limit::Token(hcjwt_core::limits::MAX_INSPECTED_TOKEN_BYTES),
                "token",
            )
        }?;
        let header = hcjwt_core::dangerous::get_unverified_header(token)?;
        // SAFETY: `header_json_out` was checked above.
        unsafe {
            ptr::write_string(
                header_json_out,
                serde_json::Value::Object(header).to_string(),
            )
        }
    })
}

/// Frees a verifier; NULL is a no-op.
///
/// # Safety
/// `verifier` is NULL or a verifier from hcjwt that was not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_verifier_free(verifier: *mut hcjwt_verifier) {
    // SAFETY: see the function's contract.
    boundary::call_or((), || unsafe { ptr::free_object(verifier) });
}
