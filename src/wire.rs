//! The APIs' JSON envelopes: single records, lists, request bodies and the
//! error document. Each round-trips the examples of the API documents.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::claims::{AccountCustomClaim, ClaimInput};
use crate::error::{Error, FieldErrors, Result};
use crate::fields::{FieldOption, FieldOptionInput, UserField, UserFieldInput};

/// `{"custom_claims": [...]}`: the list response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomClaimList {
    /// The claims.
    pub custom_claims: Vec<AccountCustomClaim>,
}

/// `{"custom_claim": {...}}`: the show, create and update response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomClaimEnvelope {
    /// The claim.
    pub custom_claim: AccountCustomClaim,
}

/// `{"custom_claim": {...}}`: the create and update request body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomClaimRequest {
    /// The members to set.
    pub custom_claim: ClaimInput,
}

/// `{"user_field": {...}}`: the show, create and update response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserFieldEnvelope {
    /// The field.
    pub user_field: UserField,
}

/// `{"user_field": {...}}`: the create and update request body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserFieldRequest {
    /// The members to set.
    pub user_field: UserFieldInput,
}

/// `{"custom_field_option": {...}}`: the show and upsert response.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldOptionEnvelope {
    /// The option.
    pub custom_field_option: FieldOption,
}

/// `{"custom_field_option": {...}}`: the upsert request body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldOptionRequest {
    /// The members to set; with an `id` the option is updated.
    pub custom_field_option: FieldOptionInput,
}

/// `{"user_field_ids": [...]}`: the reorder request body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReorderRequest {
    /// Every field id, in the new order.
    pub user_field_ids: Vec<u64>,
}

/// `{"errors": {"field": ["message"]}}`: the error document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDocument {
    /// The errors, keyed by field.
    pub errors: FieldErrors,
}

pub(crate) fn to_json<T: Serialize>(value: &T) -> String {
    // Serializing these plain data types cannot fail: no map has non-string keys.
    serde_json::to_string(value).unwrap_or_default()
}

fn records(document: Value, list: &str, single: &str, what: &str) -> Result<Vec<Value>> {
    match document {
        Value::Array(items) => Ok(items),
        Value::Object(mut object) => {
            if let Some(items) = object.remove(list) {
                match items {
                    Value::Array(items) => Ok(items),
                    _ => Err(Error::field(list, "must be an array")),
                }
            } else if let Some(item) = object.remove(single) {
                Ok(vec![item])
            } else {
                Err(Error::field(
                    "base",
                    format!(
                        "expected {{\"{list}\": [...]}}, {{\"{single}\": {{...}}}} or an array of {what}"
                    ),
                ))
            }
        }
        _ => Err(Error::field(
            "base",
            format!(
                "expected {{\"{list}\": [...]}}, {{\"{single}\": {{...}}}} or an array of {what}"
            ),
        )),
    }
}

pub(crate) fn claim_records(document: Value) -> Result<Vec<Value>> {
    records(document, "custom_claims", "custom_claim", "claims")
}

pub(crate) fn field_records(document: Value) -> Result<Vec<Value>> {
    records(document, "user_fields", "user_field", "user fields")
}
