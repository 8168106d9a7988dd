//! `hcjwt check`: validate documents and a user; print every problem in the
//! API's `{"errors": {...}}` shape, exactly what `mint` would refuse.

use std::path::{Path, PathBuf};

use hcjwt::{Error, FieldCatalog, FieldErrors, User};

use crate::args::ProfileArg;
use crate::documents::read_document;
use crate::failure::Failure;
use crate::output::Output;

#[derive(clap::Args, Debug)]
pub(crate) struct CheckArgs {
    /// Account custom claims: {"custom_claims":[...]}, {"custom_claim":{...}} or an array.
    #[arg(long, value_name = "FILE")]
    claims: Option<PathBuf>,
    /// User fields: {"user_fields":[...]}, {"user_field":{...}} or an array.
    #[arg(long, value_name = "FILE")]
    fields: Option<PathBuf>,
    /// A Users API user object, bare or {"user":{...}}; "-" reads stdin.
    #[arg(long, value_name = "FILE")]
    user: Option<PathBuf>,
    /// The profile whose checks the claims and the user get.
    #[arg(long, value_enum, default_value = "help_center")]
    profile: ProfileArg,
}

/// Adds `error` to `errors`: validation errors as they are, any other error
/// (not JSON at all) as a message naming the file under `document`.
fn collect(errors: &mut FieldErrors, document: &str, path: &Path, error: Error) {
    match error {
        Error::Validation(found) => errors.extend_prefixed("", found),
        other => errors.add(document, format!("{}: {other}", path.display())),
    }
}

/// The file's bytes, or its read error under `document`.
fn read<'p>(
    path: Option<&'p Path>,
    document: &str,
    errors: &mut FieldErrors,
) -> Option<(&'p Path, Vec<u8>)> {
    let path = path?;
    match read_document(path) {
        Ok(bytes) => Some((path, bytes)),
        Err(failure) => {
            errors.add(document, failure.message);
            None
        }
    }
}

pub(crate) fn run(args: CheckArgs) -> Result<Output, Failure> {
    if args.claims.is_none() && args.fields.is_none() && args.user.is_none() {
        return Err(Failure::usage(
            "nothing to check: give --claims FILE, --fields FILE or --user FILE",
        ));
    }
    let profile = args.profile.0;
    let mut errors = FieldErrors::new();
    let mut warnings = FieldErrors::new();
    if let Some((path, bytes)) = read(args.claims.as_deref(), "custom_claims", &mut errors)
        && let Err(error) = hcjwt::check_claims_document(&bytes, profile)
    {
        collect(&mut errors, "custom_claims", path, error);
    }
    let mut catalog: Option<FieldCatalog> = None;
    if let Some((path, bytes)) = read(args.fields.as_deref(), "user_fields", &mut errors) {
        match FieldCatalog::from_json(&bytes) {
            Ok(loaded) => {
                for (key, reason) in loaded.unchecked() {
                    warnings.add(
                        format!("user_fields.{key}"),
                        format!("values pass unchecked: regexp_for_validation {reason}"),
                    );
                }
                catalog = Some(loaded);
            }
            Err(error) => collect(&mut errors, "user_fields", path, error),
        }
    }
    if let Some((path, bytes)) = read(args.user.as_deref(), "user", &mut errors) {
        match User::from_json(&bytes) {
            Ok(user) => {
                if let Err(error) = hcjwt::check_user(&user, profile, catalog.as_ref()) {
                    collect(&mut errors, "user", path, error);
                }
            }
            Err(error) => collect(&mut errors, "user", path, error),
        }
    }
    let mut document = errors.to_value();
    if !warnings.is_empty()
        && let (serde_json::Value::Object(object), serde_json::Value::Object(mut found)) =
            (&mut document, warnings.to_value())
        && let Some(found) = found.remove("errors")
    {
        object.insert("warnings".into(), found);
    }
    Ok(Output::with_problems(
        document.to_string(),
        !errors.is_empty(),
    ))
}
