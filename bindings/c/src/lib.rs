//! The C ABI of hcjwt. Every `unsafe` of the project lives in this crate:
//! `ptr` checks the pointers C hands in, `boundary` keeps panics from
//! crossing into C, `error` maps errors to codes and keeps the thread's last
//! message. The exports below hold no raw casts of their own.
//!
//! Conventions: every pointer may be NULL and yields an error code; outputs
//! are written only on success; `_free(NULL)` is a no-op; objects are
//! immutable once made and may be shared between threads; strings returned
//! through `*_out` are freed with `hcjwt_string_free`.

#![allow(non_camel_case_types)]

mod boundary;
mod error;
mod ptr;

use std::ffi::{c_char, c_int};

use std::time::Duration;

use hcjwt_core::remote::{HttpOptions, RemoteJwksOptions};
use hcjwt_core::sso::{SsoOptions, login_get_url, login_page};
use hcjwt_core::{
    Algorithm, ClaimSet, FieldCatalog, Minter, MinterOptions, Profile, SigningKey, Verifier,
    VerifierOptions,
};
use serde::Deserialize;

pub use error::hcjwt_result;
use error::{Failure, hcjwt_result::*};
use ptr::Limit;

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

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MinterOptionsJson {
    kid: Option<String>,
    profile: Option<String>,
    ttl: Option<u64>,
    iss: Option<String>,
    aud: Option<String>,
    max_token_bytes: Option<usize>,
}

/// The options of every verifier constructor; the cache and fetch options
/// apply to remote key sets only.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct VerifierOptionsJson {
    leeway: Option<u64>,
    iss: Option<String>,
    aud: Option<Audience>,
    accept_any_audience: Option<bool>,
    max_token_bytes: Option<usize>,
    cache_ttl: Option<u64>,
    cooldown: Option<u64>,
    timeout: Option<f64>,
    max_stale: Option<u64>,
    max_response_bytes: Option<usize>,
}

impl VerifierOptionsJson {
    /// The claim and size options.
    fn verifier(&self) -> VerifierOptions {
        let defaults = VerifierOptions::default();
        VerifierOptions {
            leeway: self.leeway.unwrap_or(defaults.leeway),
            issuer: self.iss.clone(),
            audience: match &self.aud {
                None => Vec::new(),
                Some(Audience::One(aud)) => vec![aud.clone()],
                Some(Audience::Several(auds)) => auds.clone(),
            },
            accept_any_audience: self.accept_any_audience.unwrap_or(false),
            max_token_bytes: self.max_token_bytes.unwrap_or(defaults.max_token_bytes),
        }
    }

    /// The names of the remote-only options given.
    fn remote_names(&self) -> Vec<&'static str> {
        [
            ("cache_ttl", self.cache_ttl.is_some()),
            ("cooldown", self.cooldown.is_some()),
            ("timeout", self.timeout.is_some()),
            ("max_stale", self.max_stale.is_some()),
            ("max_response_bytes", self.max_response_bytes.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, given)| given.then_some(name))
        .collect()
    }

    /// The cache and fetch options of a remote key set.
    fn remote(&self) -> Result<RemoteJwksOptions, Failure> {
        let defaults = RemoteJwksOptions::default();
        let mut http = match self.timeout {
            Some(seconds) => HttpOptions::with_timeout_secs(seconds)?,
            None => defaults.http.clone(),
        };
        if let Some(bytes) = self.max_response_bytes {
            http.max_response_bytes = bytes;
        }
        let seconds = |value: Option<u64>, default| value.map_or(default, Duration::from_secs);
        Ok(RemoteJwksOptions {
            cache_ttl: seconds(self.cache_ttl, defaults.cache_ttl),
            cooldown: seconds(self.cooldown, defaults.cooldown),
            max_stale: seconds(self.max_stale, defaults.max_stale),
            http,
        })
    }
}

/// `"aud"`: one audience or several.
#[derive(Deserialize)]
#[serde(untagged)]
enum Audience {
    One(String),
    Several(Vec<String>),
}

fn options<T: for<'de> Deserialize<'de> + Default>(json: Option<&str>) -> Result<T, Failure> {
    match json {
        None => Ok(T::default()),
        Some(json) => {
            let value = hcjwt_core::parse_strict(json.as_bytes(), "options_json")?;
            serde_json::from_value(value).map_err(|error| {
                Failure::new(
                    HCJWT_RESULT_INVALID_OPTION,
                    format!("options_json: {error}"),
                )
            })
        }
    }
}

/// Builds a minter: `algorithm` ("RS256", ...) binds `key` (PEM, DER or JWK;
/// for HS* the secret's raw bytes); `options_json` is NULL or an object with
/// any of "kid", "profile" ("help_center" or "sso"), "ttl", "iss", "aud",
/// "max_token_bytes"; `claims` and `fields` may be NULL and are copied.
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

/// Decodes a token without verifying it and writes what Zendesk would
/// refuse, as JSON: `{"header", "payload", "dates", "profile", "problems",
/// "signature"}` (the same document as `hcjwt inspect --json` and Python's
/// `hcjwt.inspect`). `profile` is "help_center", "sso" or NULL (detected);
/// `now` is Unix seconds (0 reads the clock); `fields` (NULL or a catalog)
/// checks the payload's user_fields; `verifier` (NULL or a verifier) checks
/// the signature. A malformed token is `HCJWT_RESULT_MALFORMED_TOKEN`; the
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

/// `options_json` of `hcjwt_sso_form` and `hcjwt_sso_url`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct SsoOptionsJson {
    return_to: Option<String>,
    allowed_hosts: Option<Vec<String>>,
    nonce: Option<String>,
}

impl SsoOptionsJson {
    fn into_options(self) -> SsoOptions {
        SsoOptions {
            return_to: self.return_to,
            allowed_hosts: self.allowed_hosts.unwrap_or_default(),
            nonce: self.nonce,
        }
    }
}

/// Writes the login page for an SSO token: an HTML document whose form
/// POSTs `jwt` (and `return_to`) to `https://{host}/access/jwt` and submits
/// itself on load. `host` is a subdomain, a host or a base URL;
/// `options_json` is NULL or an object with any of "return_to" (a /path or
/// an https URL on the account's host or an allowed host), "allowed_hosts"
/// (host-mapped brand domains) and "nonce" (the CSP nonce of the page's
/// script). A `return_to` elsewhere (another host, `javascript:`, `//host`,
/// backslashes) is `HCJWT_RESULT_INVALID_OPTION`. Free the page with
/// `hcjwt_string_free`.
///
/// # Safety
/// `host` is a NUL-terminated string; `token` points to `len` readable bytes
/// (or is NULL with `len` 0); `options_json` is NULL or a NUL-terminated
/// string; `html_out` points to writable storage.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_sso_form(
    host: *const c_char,
    token: *const c_char,
    len: usize,
    options_json: *const c_char,
    html_out: *mut *mut c_char,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(html_out, "html_out")?;
        // SAFETY: see the function's contract (this and the reads below).
        let host = unsafe { ptr::text(host, "host") }?;
        let token = unsafe {
            ptr::utf8(
                token,
                len,
                Limit::Token(hcjwt_core::limits::MAX_SSO_TOKEN_BYTES),
                "token",
            )
        }?;
        let options: SsoOptionsJson =
            options(unsafe { ptr::optional_text(options_json, "options_json") }?)?;
        let page = login_page(host, token.trim(), &options.into_options())?;
        // SAFETY: `html_out` was checked above.
        unsafe { ptr::write_string(html_out, page) }
    })
}

/// Writes the legacy GET URL (`https://{host}/access/jwt?jwt=...`), encoded
/// and checked like `hcjwt_sso_form` ("nonce" is refused). Zendesk
/// deprecates it: the token lands in browser history and logs.
///
/// # Safety
/// As `hcjwt_sso_form`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_sso_url(
    host: *const c_char,
    token: *const c_char,
    len: usize,
    options_json: *const c_char,
    url_out: *mut *mut c_char,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(url_out, "url_out")?;
        // SAFETY: see the function's contract (this and the reads below).
        let host = unsafe { ptr::text(host, "host") }?;
        let token = unsafe {
            ptr::utf8(
                token,
                len,
                Limit::Token(hcjwt_core::limits::MAX_SSO_TOKEN_BYTES),
                "token",
            )
        }?;
        let options: SsoOptionsJson =
            options(unsafe { ptr::optional_text(options_json, "options_json") }?)?;
        if options.nonce.is_some() {
            return Err(Failure::new(
                HCJWT_RESULT_INVALID_OPTION,
                "options_json: \"nonce\" belongs to the login page (hcjwt_sso_form)",
            ));
        }
        let url = login_get_url(host, token.trim(), &options.into_options())?;
        // SAFETY: `url_out` was checked above.
        unsafe { ptr::write_string(url_out, url) }
    })
}

/// Writes the `Content-Security-Policy` to serve `hcjwt_sso_form`'s page
/// with: nothing loads, the page's one script runs by `nonce`, and the form
/// may post only to the account (with allowed hosts:
/// `hcjwt_sso_content_security_policy_with`).
///
/// # Safety
/// `host` and `nonce` are NUL-terminated strings; `policy_out` points to
/// writable storage.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_sso_content_security_policy(
    host: *const c_char,
    nonce: *const c_char,
    policy_out: *mut *mut c_char,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(policy_out, "policy_out")?;
        // SAFETY: see the function's contract (this and the read below).
        let host = unsafe { ptr::text(host, "host") }?;
        let nonce = unsafe { ptr::text(nonce, "nonce") }?;
        let options = SsoOptions {
            nonce: Some(nonce.to_owned()),
            ..SsoOptions::default()
        };
        let policy = hcjwt_core::sso::content_security_policy(host, &options)?;
        // SAFETY: `policy_out` was checked above.
        unsafe { ptr::write_string(policy_out, policy) }
    })
}

/// As `hcjwt_sso_content_security_policy`, with `options_json` an object
/// holding "nonce" (required) and "allowed_hosts" (the host-mapped brand
/// domains given to `hcjwt_sso_form`: a browser applies the policy's
/// form-action to the redirect that follows the POST, so a `return_to` on
/// one needs it listed). "return_to" is refused.
///
/// # Safety
/// `host` and `options_json` are NUL-terminated strings; `policy_out`
/// points to writable storage.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn hcjwt_sso_content_security_policy_with(
    host: *const c_char,
    options_json: *const c_char,
    policy_out: *mut *mut c_char,
) -> hcjwt_result {
    boundary::call(|| {
        ptr::out(policy_out, "policy_out")?;
        // SAFETY: see the function's contract (this and the read below).
        let host = unsafe { ptr::text(host, "host") }?;
        let options: SsoOptionsJson =
            options(Some(unsafe { ptr::text(options_json, "options_json") }?))?;
        if options.return_to.is_some() {
            return Err(Failure::new(
                HCJWT_RESULT_INVALID_OPTION,
                "options_json: \"return_to\" belongs to the login page (hcjwt_sso_form)",
            ));
        }
        let policy = hcjwt_core::sso::content_security_policy(host, &options.into_options())?;
        // SAFETY: `policy_out` was checked above.
        unsafe { ptr::write_string(policy_out, policy) }
    })
}

/// Test builds only: panics inside the boundary and returns `HCJWT_RESULT_PANIC`.
#[cfg(feature = "test-panic")]
#[unsafe(no_mangle)]
pub extern "C" fn hcjwt_test_force_panic() -> hcjwt_result {
    boundary::call(|| panic!("forced by hcjwt_test_force_panic"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let json =
            br#"[{"account_id":1,"brand_id":2,"claim_identifier":"tier","claim_value":"gold"}]"#;
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
            let blank =
                br#"[{"account_id":1,"brand_id":2,"claim_identifier":"a","claim_value":""}]"#;
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
        for result in hcjwt_result::ALL {
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
}
