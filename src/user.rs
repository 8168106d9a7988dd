//! The user a token is minted for: the Users API's user object, bare or
//! wrapped as `{"user": {...}}`. Only the members hcjwt uses are read.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, FieldErrors, Result};
use crate::json;

/// The members of a Users API user object that hcjwt reads; every other member
/// of a real user object is ignored. `null` counts as absent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct User {
    /// The Zendesk user id (`userId` in help center tokens).
    #[serde(default)]
    pub id: Option<u64>,
    /// The user's email address.
    #[serde(default)]
    pub email: Option<String>,
    /// The user's name (required by the sso profile).
    #[serde(default)]
    pub name: Option<String>,
    /// The id of the user in the host system.
    #[serde(default)]
    pub external_id: Option<String>,
    /// Values of the account's user fields, keyed by field key.
    #[serde(default)]
    pub user_fields: Option<Map<String, Value>>,
    /// Tags: an array of strings or a comma-separated string (kept as given).
    #[serde(default)]
    pub tags: Option<Value>,
    /// end_user, agent or admin.
    #[serde(default)]
    pub role: Option<String>,
    /// The user's locale id.
    #[serde(default)]
    pub locale_id: Option<u64>,
    /// The user's default organization id.
    #[serde(default)]
    pub organization_id: Option<u64>,
    /// The user's phone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// URL of the user's photo.
    #[serde(default)]
    pub remote_photo_url: Option<String>,
    /// The agent's custom role id.
    #[serde(default)]
    pub custom_role_id: Option<u64>,
    /// SSO only: the organization's name.
    #[serde(default)]
    pub organization: Option<String>,
    /// SSO only: several organization names.
    #[serde(default)]
    pub organizations: Option<Vec<String>>,
    /// SSO only: several organization ids.
    #[serde(default)]
    pub organization_ids: Option<Vec<u64>>,
}

/// The roles a Zendesk user can have.
pub const ROLES: [&str; 3] = ["end_user", "agent", "admin"];

impl User {
    /// Reads a user object (bare or `{"user": {...}}`) from JSON text.
    pub fn from_json(json: &[u8]) -> Result<Self> {
        Self::from_value(json::parse_strict(json, "user")?)
    }

    /// Reads a user object (bare or `{"user": {...}}`) from a JSON value, and
    /// checks the members it holds (types, email shape, role, tags).
    pub fn from_value(value: Value) -> Result<Self> {
        let value = match value {
            Value::Object(mut object)
                if object.len() == 1 && object.get("user").is_some_and(Value::is_object) =>
            {
                object.remove("user").unwrap_or_default()
            }
            Value::Object(object) => Value::Object(object),
            _ => return Err(Error::field("user", "must be a JSON object")),
        };
        let user: User = json::from_value(value, "")?;
        user.check()?;
        Ok(user)
    }

    fn check(&self) -> Result<()> {
        let mut errors = FieldErrors::new();
        let text_members = [
            ("email", &self.email),
            ("name", &self.name),
            ("external_id", &self.external_id),
            ("phone", &self.phone),
            ("remote_photo_url", &self.remote_photo_url),
            ("organization", &self.organization),
        ];
        for (member, value) in text_members {
            if let Some(text) = value
                && text.chars().any(char::is_control)
            {
                errors.add(member, "may not hold control characters");
            }
        }
        if let Some(email) = &self.email {
            let valid = match email.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && !domain.is_empty()
                        && !domain.contains('@')
                        && !email.chars().any(char::is_whitespace)
                }
                None => false,
            };
            if !valid {
                errors.add("email", "is not an email address");
            }
        }
        if let Some(role) = &self.role
            && !ROLES.contains(&role.as_str())
        {
            errors.add("role", "must be one of end_user, agent, admin");
        }
        match &self.tags {
            None | Some(Value::String(_)) => {}
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => {}
            Some(_) => errors.add(
                "tags",
                "must be an array of strings or a comma-separated string",
            ),
        }
        errors.into_result()
    }
}
