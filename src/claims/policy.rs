//! hcjwt's creation policy for claims created or updated through it
//! (stricter than what the API accepts in a stored document).

use super::reserved::is_reserved_claim_name;
use crate::error::{FieldErrors, quoted};
use crate::limits::{
    MAX_CLAIM_DESCRIPTION_BYTES, MAX_CLAIM_IDENTIFIER_BYTES, MAX_CLAIM_VALUE_BYTES,
};

/// hcjwt's creation policy for an identifier.
pub(super) fn check_identifier(identifier: &str, errors: &mut FieldErrors) {
    const FIELD: &str = "claim_identifier";
    if identifier.trim().is_empty() {
        errors.add(FIELD, "can't be blank");
        return;
    }
    if identifier.len() > MAX_CLAIM_IDENTIFIER_BYTES {
        errors.add(
            FIELD,
            format!("is too long (maximum is {MAX_CLAIM_IDENTIFIER_BYTES} bytes, MAX_CLAIM_IDENTIFIER_BYTES)"),
        );
    }
    if !identifier.bytes().all(|b| b.is_ascii_graphic()) {
        errors.add(
            FIELD,
            "may hold only printable ASCII characters without spaces",
        );
    }
    if is_reserved_claim_name(identifier) {
        errors.add(
            FIELD,
            format!("{} is a reserved claim name", quoted(identifier.trim(), 64)),
        );
    }
}

/// hcjwt's creation policy for a value.
pub(super) fn check_value(value: &str, errors: &mut FieldErrors) {
    const FIELD: &str = "claim_value";
    if value.trim().is_empty() {
        errors.add(FIELD, "can't be blank");
        return;
    }
    if value.len() > MAX_CLAIM_VALUE_BYTES {
        errors.add(
            FIELD,
            format!(
                "is too long (maximum is {MAX_CLAIM_VALUE_BYTES} bytes, MAX_CLAIM_VALUE_BYTES)"
            ),
        );
    }
    if value.chars().any(char::is_control) {
        errors.add(FIELD, "may not hold control characters");
    }
}

pub(super) fn check_description(description: &str, errors: &mut FieldErrors) {
    const FIELD: &str = "claim_description";
    if description.len() > MAX_CLAIM_DESCRIPTION_BYTES {
        errors.add(
            FIELD,
            format!("is too long (maximum is {MAX_CLAIM_DESCRIPTION_BYTES} bytes, MAX_CLAIM_DESCRIPTION_BYTES)"),
        );
    }
    if description
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        errors.add(
            FIELD,
            "may not hold control characters other than newline and tab",
        );
    }
}

/// Creation policy: identifiers are unique ignoring ASCII case and padding.
pub(crate) fn same_identifier(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}
