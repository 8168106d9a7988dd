//! The APIs' JSON envelopes: single records, lists, request bodies and the
//! error document. Each round-trips the examples of the API documents (the
//! pages of the user fields list are [`crate::FieldPage`] and its kin).

use serde::{Deserialize, Serialize};

use crate::claims::{AccountCustomClaim, ClaimInput};
use crate::error::FieldErrors;
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// Field ids in the new order; fields not listed follow them.
    pub user_field_ids: Vec<u64>,
}

/// `{"errors": {"field": ["message"]}}`: the error document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDocument {
    /// The errors, keyed by field.
    pub errors: FieldErrors,
}
