//! Delivering SSO tokens: the login page, the legacy GET URL and the page's policy.

use std::ffi::c_char;

use crate::boundary;
use crate::error::{Failure, hcjwt_result, hcjwt_result::*};
use crate::ptr::{self, Limit};
use hcjwt_core::sso::{SsoOptions, login_get_url, login_page};
use serde::Deserialize;

use crate::options::options;

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
