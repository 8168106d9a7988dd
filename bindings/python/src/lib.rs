//! `hcjwt._hcjwt`: the native half of the Python package. Python arguments
//! are converted to the core's values first (through `convert`), the
//! pure-Rust work runs with the GIL released, and errors become the classes
//! of `hcjwt._exceptions` through one mapping (`errors`).

mod claims;
mod convert;
mod errors;
mod fields;
mod minter;
mod tokens;
mod verifier;
mod zendesk;

use pyo3::prelude::*;

use crate::convert::{Strings, user_from};
use crate::errors::Result;

/// Runs the checks a minter of `profile` runs on a user (the members the
/// profile writes; the user field values when `fields` is given); raises
/// ValidationError naming every problem.
#[pyfunction]
#[pyo3(signature = (user, *, profile="help_center", fields=None))]
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

#[pymodule]
fn _hcjwt(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
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
    module.add_function(wrap_pyfunction!(tokens::get_unverified_header, module)?)?;
    Ok(())
}
