//! The APIs' JSON envelopes: single records, lists and pages, request bodies
//! and the error document. Each round-trips the examples of the API documents.

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

/// One page of fields with offset pagination, in the API's list shape.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldPage {
    /// The fields of this page.
    pub user_fields: Vec<UserField>,
    /// The number of fields in the whole list.
    pub count: usize,
    /// The URL of the next page, or null.
    pub next_page: Option<String>,
    /// The URL of the previous page, or null.
    pub previous_page: Option<String>,
}

/// One page of fields with cursor pagination.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldCursorPage {
    /// The fields of this page.
    pub user_fields: Vec<UserField>,
    /// Whether more pages follow and the cursors of this one.
    pub meta: CursorMeta,
    /// Links to the neighbouring pages.
    pub links: CursorLinks,
}

/// One page of options with offset pagination, in the API's list shape.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptionPage {
    /// The options of this page.
    pub custom_field_options: Vec<FieldOption>,
    /// The number of options of the field.
    pub count: usize,
    /// The URL of the next page, or null.
    pub next_page: Option<String>,
    /// The URL of the previous page, or null.
    pub previous_page: Option<String>,
}

/// One page of options with cursor pagination.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptionCursorPage {
    /// The options of this page.
    pub custom_field_options: Vec<FieldOption>,
    /// Whether more pages follow and the cursors of this one.
    pub meta: CursorMeta,
    /// Links to the neighbouring pages.
    pub links: CursorLinks,
}

/// The `meta` member of a cursor page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CursorMeta {
    /// True when a page follows this one.
    pub has_more: bool,
    /// The cursor to pass as `page[after]` for the next page.
    pub after_cursor: Option<String>,
    /// The cursor to pass as `page[before]` for the previous page.
    pub before_cursor: Option<String>,
}

/// The `links` member of a cursor page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CursorLinks {
    /// The URL of the next page, or null.
    pub next: Option<String>,
    /// The URL of the previous page, or null.
    pub prev: Option<String>,
}
