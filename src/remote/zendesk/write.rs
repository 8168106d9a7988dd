//! The writes of both API documents: custom claims (create, update,
//! delete), user fields (create, update, delete by id or key, reorder) and
//! their options (upsert, delete). Each sends the API's request envelope
//! and reads the answer into hcjwt's own types; a refusal is a
//! `ZendeskApi` error quoting the API's words (a 422's `details`, a 400's
//! `errors`).

use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use super::{Client, Endpoint};
use crate::claims::{AccountCustomClaim, ClaimInput};
use crate::error::Result;
use crate::fields::{FieldOption, FieldOptionInput, Upsert, UserField, UserFieldInput};
use crate::host::api_url;

const CLAIMS: &str = "/api/v2/help_center/integration/account_custom_claims";
const USER_FIELDS: &str = "/api/v2/user_fields";

impl Client {
    /// Creates a custom claim of the host's brand (`POST`, answered 201).
    pub fn create_custom_claim(&self, claim: &ClaimInput) -> Result<AccountCustomClaim> {
        let url = api_url(&self.base, CLAIMS);
        self.write("POST", &url, Endpoint::Claims, "custom_claim", claim)
            .map(|(_, claim)| claim)
    }

    /// Changes the members `changes` names of the claim with this id (`PUT`).
    pub fn update_custom_claim(
        &self,
        id: &str,
        changes: &ClaimInput,
    ) -> Result<AccountCustomClaim> {
        let url = self.record_url(CLAIMS, id);
        self.write("PUT", &url, Endpoint::Claims, "custom_claim", changes)
            .map(|(_, claim)| claim)
    }

    /// Deletes the claim with this id (`DELETE`, answered 204).
    pub fn delete_custom_claim(&self, id: &str) -> Result<()> {
        let url = self.record_url(CLAIMS, id);
        self.send("DELETE", &url, Endpoint::Claims, None).map(drop)
    }

    /// Creates a user field (`POST`, answered 201).
    pub fn create_user_field(&self, field: &UserFieldInput) -> Result<UserField> {
        let url = api_url(&self.base, USER_FIELDS);
        self.write("POST", &url, Endpoint::UserFields, "user_field", field)
            .map(|(_, field)| field)
    }

    /// Changes the field with this id or key (`PUT`). Options given replace
    /// the field's options whole: an option left out is removed with its
    /// values, so give the kept ones with their ids.
    pub fn update_user_field(
        &self,
        id_or_key: &str,
        changes: &UserFieldInput,
    ) -> Result<UserField> {
        let url = self.record_url(USER_FIELDS, id_or_key);
        self.write("PUT", &url, Endpoint::UserFields, "user_field", changes)
            .map(|(_, field)| field)
    }

    /// Deletes the field with this id or key, and its values on every user.
    pub fn delete_user_field(&self, id_or_key: &str) -> Result<()> {
        let url = self.record_url(USER_FIELDS, id_or_key);
        self.send("DELETE", &url, Endpoint::UserFields, None)
            .map(drop)
    }

    /// Puts the fields in this order of ids (`PUT /api/v2/user_fields/reorder`).
    pub fn reorder_user_fields(&self, field_ids: &[u64]) -> Result<()> {
        let url = api_url(&self.base, &format!("{USER_FIELDS}/reorder"));
        let body = serde_json::json!({ "user_field_ids": field_ids }).to_string();
        self.send("PUT", &url, Endpoint::UserFields, Some(body.as_bytes()))
            .map(drop)
    }

    /// Creates an option of a dropdown or multiselect field, or updates the
    /// one `option.id` names: 201 Created or 200 OK, told apart.
    pub fn upsert_field_option(
        &self,
        field_id_or_key: &str,
        option: &FieldOptionInput,
    ) -> Result<(FieldOption, Upsert)> {
        let url = self.options_url(field_id_or_key, None);
        let (status, option) = self.write(
            "POST",
            &url,
            Endpoint::FieldOptions,
            "custom_field_option",
            option,
        )?;
        let upsert = if status == 201 {
            Upsert::Created
        } else {
            Upsert::Updated
        };
        Ok((option, upsert))
    }

    /// Deletes an option of a field, and its value on every user.
    pub fn delete_field_option(&self, field_id_or_key: &str, option_id: u64) -> Result<()> {
        let url = self.options_url(field_id_or_key, Some(option_id));
        self.send("DELETE", &url, Endpoint::FieldOptions, None)
            .map(drop)
    }

    /// `{collection}/{id}`, the id one path segment whatever it holds.
    fn record_url(&self, collection: &str, id: &str) -> Url {
        let mut url = api_url(&self.base, collection);
        if let Ok(mut segments) = url.path_segments_mut() {
            segments.push(id);
        }
        url
    }

    fn options_url(&self, field_id_or_key: &str, option_id: Option<u64>) -> Url {
        let mut url = self.record_url(USER_FIELDS, field_id_or_key);
        if let Ok(mut segments) = url.path_segments_mut() {
            segments.push("options");
            if let Some(id) = option_id {
                segments.push(&id.to_string());
            }
        }
        url
    }

    /// Sends `{member: body}` and reads the record under `member` of the
    /// answer by the type's own reader.
    fn write<T: DeserializeOwned>(
        &self,
        method: &str,
        url: &Url,
        endpoint: Endpoint,
        member: &str,
        body: &impl Serialize,
    ) -> Result<(u16, T)> {
        let body = serde_json::to_vec(&serde_json::json!({ member: body }))
            .map_err(|error| self.unexpected(method, endpoint, &error.to_string()))?;
        let response = self.send(method, url, endpoint, Some(&body))?;
        let mut document: serde_json::Value = serde_json::from_slice(&response.body)
            .map_err(|_| self.unexpected(method, endpoint, "the answer is not JSON"))?;
        let record = document.get_mut(member).map(serde_json::Value::take);
        let Some(record) = record else {
            return Err(self.unexpected(method, endpoint, &format!("the answer has no {member}")));
        };
        let record = serde_json::from_value(record).map_err(|error| {
            self.unexpected(
                method,
                endpoint,
                &format!("the answer's {member} is not one: {error}"),
            )
        })?;
        Ok((response.status, record))
    }
}
