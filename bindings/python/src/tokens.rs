//! Module functions about tokens: the SSO login page and URL, and
//! inspecting a token without verifying it.

use hcjwt::sso::{SsoOptions, login_get_url, login_page};
use hcjwt::{InspectOptions, Profile, Verifier as CoreVerifier};
use pyo3::prelude::*;

use crate::convert::{UnixTime, key_bytes, map_to_python, value_to_python};
use crate::errors::{Failure, Result};
use crate::fields::FieldCatalog;
use crate::verifier::{Verifier, token_text};

fn sso_options(
    return_to: Option<String>,
    allowed_hosts: Vec<String>,
    nonce: Option<String>,
) -> SsoOptions {
    SsoOptions {
        return_to,
        allowed_hosts,
        nonce,
    }
}

/// The login page for an SSO token: an HTML document whose form POSTs
/// `jwt` (and the checked `return_to`) to https://{host}/access/jwt and
/// submits itself (its script carries `nonce` when given). `return_to` must
/// be a /path or an https URL on the account's host or one of
/// `allowed_hosts`; anything else raises InvalidOptionError.
#[pyfunction]
#[pyo3(signature = (host, token, *, return_to=None, allowed_hosts=Vec::new(), nonce=None))]
#[pyo3(text_signature = "(host, token, *, return_to=None, allowed_hosts=(), nonce=None)")]
pub(crate) fn sso_form(
    host: &str,
    token: &Bound<'_, PyAny>,
    return_to: Option<String>,
    allowed_hosts: Vec<String>,
    nonce: Option<String>,
) -> Result<String> {
    let token = token_text(token)?;
    Ok(login_page(
        host,
        token.trim(),
        &sso_options(return_to, allowed_hosts, nonce),
    )?)
}

/// The legacy GET URL (https://{host}/access/jwt?jwt=...&return_to=...),
/// encoded and checked like sso_form. Zendesk deprecates it: the token lands
/// in browser history and logs.
#[pyfunction]
#[pyo3(signature = (host, token, *, return_to=None, allowed_hosts=Vec::new()))]
#[pyo3(text_signature = "(host, token, *, return_to=None, allowed_hosts=())")]
pub(crate) fn sso_url(
    host: &str,
    token: &Bound<'_, PyAny>,
    return_to: Option<String>,
    allowed_hosts: Vec<String>,
) -> Result<String> {
    let token = token_text(token)?;
    Ok(login_get_url(
        host,
        token.trim(),
        &sso_options(return_to, allowed_hosts, None),
    )?)
}

/// The Content-Security-Policy to serve sso_form's page with: nothing
/// loads, the page's one script runs by `nonce`, and the form may post to
/// the account and be redirected on to the allowed hosts (give the same
/// `allowed_hosts` as to sso_form).
#[pyfunction]
#[pyo3(signature = (host, nonce, *, allowed_hosts=Vec::new()))]
#[pyo3(text_signature = "(host, nonce, *, allowed_hosts=())")]
pub(crate) fn sso_content_security_policy(
    host: &str,
    nonce: String,
    allowed_hosts: Vec<String>,
) -> Result<String> {
    Ok(hcjwt::sso::content_security_policy(
        host,
        &sso_options(None, allowed_hosts, Some(nonce)),
    )?)
}

/// The header of a token, not verified (to pick a key by kid or alg).
#[pyfunction]
pub(crate) fn get_unverified_header<'py>(
    py: Python<'py>,
    token: &Bound<'py, PyAny>,
) -> Result<Bound<'py, PyAny>> {
    let header = hcjwt::dangerous::get_unverified_header(&token_text(token)?)?;
    Ok(map_to_python(py, &header)?.into_any())
}

/// Decodes a token without verifying it and lists what Zendesk would
/// refuse: {"header", "payload", "dates", "profile", "problems",
/// "signature"}. `profile` is detected when None; `fields` checks the
/// user_fields; `key` (a Verifier, or key bytes/str used with the token's
/// own alg) checks the signature ("valid"/"invalid").
#[pyfunction]
#[pyo3(signature = (token, *, profile=None, key=None, fields=None, now=None))]
pub(crate) fn inspect<'py>(
    py: Python<'py>,
    token: &Bound<'py, PyAny>,
    profile: Option<&str>,
    key: Option<&Bound<'py, PyAny>>,
    fields: Option<PyRef<'py, FieldCatalog>>,
    now: Option<UnixTime>,
) -> Result<Bound<'py, PyAny>> {
    let token = token_text(token)?;
    let profile = profile.map(Profile::parse).transpose()?;
    let owned: Option<CoreVerifier>;
    let borrowed: Option<PyRef<'py, Verifier>>;
    let verifier = match key {
        None => None,
        Some(key) => {
            if let Ok(verifier) = key.extract::<PyRef<'py, Verifier>>() {
                borrowed = Some(verifier);
                borrowed.as_deref().map(|verifier| &verifier.inner)
            } else {
                owned = Some(hcjwt::inspection_verifier(&key_bytes(key)?, &token)?);
                owned.as_ref()
            }
        }
    };
    let inspection = hcjwt::inspect(
        &token,
        &InspectOptions {
            profile,
            now: now.map(|UnixTime(now)| now),
            fields: fields.as_ref().map(|catalog| &catalog.inner),
            verifier,
        },
    )?;
    Ok(value_to_python(py, &inspection.to_json())?)
}

/// Verifies a help center token with `verifier` and mints a messaging token
/// for the same person with `minter` (a Minter of the "messaging" profile):
/// external_id from the token's externalId, email from its email. A token
/// whose externalId is null is refused (InvalidClaimError) unless
/// `if_no_external_id="user_id"` says to use its userId. A token the
/// verifier refuses raises its error and gives no token. The GIL is
/// released meanwhile (the keys may be fetched).
#[pyfunction]
#[pyo3(signature = (verifier, token, minter, *, if_no_external_id="refuse", now=None))]
pub(crate) fn exchange(
    py: Python<'_>,
    verifier: PyRef<'_, Verifier>,
    token: &Bound<'_, PyAny>,
    minter: PyRef<'_, crate::minter::Minter>,
    if_no_external_id: &str,
    now: Option<UnixTime>,
) -> Result<String> {
    let token = token_text(token)?;
    let missing = match if_no_external_id {
        "refuse" => hcjwt::MissingExternalId::Refuse,
        "user_id" => hcjwt::MissingExternalId::UseUserId,
        other => {
            return Err(Failure::Core(hcjwt::Error::InvalidOption {
                option: "if_no_external_id".into(),
                reason: format!("{other:?} is not \"refuse\" or \"user_id\""),
            }));
        }
    };
    let now = now.map_or_else(hcjwt::unix_now, |UnixTime(now)| now);
    let (verifier, minter) = (&verifier.inner, &minter.inner);
    Ok(py.detach(|| hcjwt::exchange_at(verifier, &token, minter, missing, now))?)
}
