//! Loading the API documents a command names: claims, fields, users.

use std::path::Path;

use hcjwt::{ClaimSet, ClaimSets, FieldCatalog};

use crate::failure::Failure;
use crate::input::{MAX_DOCUMENT_BYTES, read_capped};

/// Reads a JSON document (user, claims, fields, JWKS) from a file or stdin.
pub(crate) fn read_document(path: &Path) -> Result<Vec<u8>, Failure> {
    read_capped(path, MAX_DOCUMENT_BYTES, "a JSON document")
}

/// The claims of one account/brand pair from a claims document.
pub(crate) fn load_claims(
    path: &Path,
    account_id: Option<u64>,
    brand_id: Option<u64>,
) -> Result<ClaimSet, Failure> {
    let name = path.display().to_string();
    let sets =
        ClaimSets::from_json(&read_document(path)?).map_err(|error| Failure::core(&name, error))?;
    sets.select(account_id, brand_id).map_err(|error| {
        let mut failure = Failure::core(&name, error);
        failure.add_hint("use --brand-id, and --account-id when brands repeat");
        failure
    })
}

/// The field catalog of a fields document.
pub(crate) fn load_fields(path: &Path) -> Result<FieldCatalog, Failure> {
    FieldCatalog::from_json(&read_document(path)?)
        .map_err(|error| Failure::core(&path.display().to_string(), error))
}
