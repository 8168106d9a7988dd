//! `hcjwt._hcjwt`: the native half of the Python package. Python arguments
//! are converted to the core's values first (through `convert`), the
//! pure-Rust work runs with the GIL released, and errors become the classes
//! of `hcjwt.errors` through one mapping (`errors`).

mod claims;
mod convert;
mod errors;
mod fields;
mod minter;
mod tokens;
mod verifier;
mod zendesk;

use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{Strings, user_from};
use crate::errors::Result;

/// Runs the checks a minter of `profile` runs on a user (the members the
/// profile writes; the user field values when `fields` is given); raises
/// ValidationError naming every problem.
#[pyfunction]
#[pyo3(signature = (user, *, profile=hcjwt::Profile::default().as_str(), fields=None))]
#[pyo3(text_signature = "(user, *, profile='help_center', fields=None)")]
fn check_user(
    user: &Bound<'_, PyAny>,
    profile: &str,
    fields: Option<PyRef<'_, fields::FieldCatalog>>,
) -> Result<()> {
    let profile = hcjwt::Profile::parse(profile)?;
    let strings = Strings::new();
    let user = user_from(user, &strings)?;
    Ok(hcjwt::check_user(
        &user,
        profile,
        fields.as_ref().map(|catalog| &catalog.inner),
    )?)
}

/// `hcjwt.DEFAULTS`: the default of every option, read from the core's
/// constants (the same ones the signatures' defaults are): a test holds the
/// text signatures and the stubs to it.
fn defaults(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    use hcjwt::limits::{DEFAULT_LEEWAY_SECONDS, DEFAULT_MAX_TOKEN_BYTES, DEFAULT_TTL_SECONDS};
    use hcjwt::remote::{ClientOptions, HttpOptions, RemoteJwksOptions};
    let defaults = PyDict::new(py);
    let profile = hcjwt::Profile::default();
    defaults.set_item("algorithm", profile.default_algorithm().name())?;
    defaults.set_item("profile", profile.as_str())?;
    defaults.set_item("ttl", DEFAULT_TTL_SECONDS)?;
    defaults.set_item("leeway", DEFAULT_LEEWAY_SECONDS)?;
    defaults.set_item("max_token_bytes", DEFAULT_MAX_TOKEN_BYTES)?;
    defaults.set_item("cache_ttl", RemoteJwksOptions::DEFAULT_CACHE_TTL.as_secs())?;
    defaults.set_item("cooldown", RemoteJwksOptions::DEFAULT_COOLDOWN.as_secs())?;
    defaults.set_item("max_stale", RemoteJwksOptions::DEFAULT_MAX_STALE.as_secs())?;
    defaults.set_item(
        "key_fetch_timeout",
        HttpOptions::DEFAULT_TIMEOUT.as_secs_f64(),
    )?;
    defaults.set_item(
        "zendesk_timeout",
        ClientOptions::DEFAULT_TIMEOUT.as_secs_f64(),
    )?;
    Ok(defaults)
}

#[pymodule]
fn _hcjwt(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    // Key fetches, refreshes, stale keys served and API retries reach the
    // logging logger "hcjwt", its level read on each record (they are rare:
    // network events), so a level set later takes effect.
    if let Ok(logger) = pyo3_log::Logger::new(module.py(), pyo3_log::Caching::Loggers) {
        let _ = logger.install();
    }
    module.add("DEFAULTS", defaults(module.py())?)?;
    module.add_class::<minter::Minter>()?;
    module.add_class::<verifier::Verifier>()?;
    module.add_class::<claims::ClaimSet>()?;
    module.add_class::<fields::FieldCatalog>()?;
    module.add_class::<zendesk::ZendeskClient>()?;
    module.add_function(wrap_pyfunction!(check_user, module)?)?;
    module.add_function(wrap_pyfunction!(tokens::sso_form, module)?)?;
    module.add_function(wrap_pyfunction!(tokens::sso_url, module)?)?;
    module.add_function(wrap_pyfunction!(
        tokens::sso_content_security_policy,
        module
    )?)?;
    module.add_function(wrap_pyfunction!(tokens::inspect, module)?)?;
    module.add_function(wrap_pyfunction!(tokens::exchange, module)?)?;
    module.add_function(wrap_pyfunction!(tokens::get_unverified_header, module)?)?;
    Ok(())
}
