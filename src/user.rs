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
    #[serde(default, deserialize_with = "json::strict_object")]
    pub user_fields: Option<Map<String, Value>>,
    /// Tags: an array of strings or a comma-separated string (kept as given).
    #[serde(default, deserialize_with = "json::strict_value")]
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

fn member_id(errors: &mut FieldErrors, name: &str, value: Option<Value>) -> Option<u64> {
    match value {
        None => None,
        Some(Value::Number(number)) if number.as_u64().is_some() => number.as_u64(),
        Some(_) => {
            errors.add(name, "must be an id (a non-negative integer)");
            None
        }
    }
}

fn member_text(errors: &mut FieldErrors, name: &str, value: Option<Value>) -> Option<String> {
    match value {
        None => None,
        Some(Value::String(text)) => Some(text),
        Some(_) => {
            errors.add(name, "must be a string");
            None
        }
    }
}

/// The roles a Zendesk user can have.
pub const ROLES: [&str; 3] = ["end_user", "agent", "admin"];

impl User {
    /// Reads a user object (bare or `{"user": {...}}`) from JSON text.
    pub fn from_json(json: &[u8]) -> Result<Self> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Wrapped {
            user: User,
        }
        // The Users API answers {"user": {...}}; a bare user object never
        // starts with a "user" member. Read straight into the struct.
        // Serde would also read a struct from an array: only objects pass.
        let Some(members) = json.trim_ascii_start().strip_prefix(b"{") else {
            // Not JSON at all is a JSON error; JSON of another type is invalid.
            json::parse_strict(json, "user")?;
            return Err(Error::field("user", "must be a JSON object"));
        };
        let wrapped = match members.trim_ascii_start().strip_prefix(b"\"user\"") {
            Some(rest) => {
                let value = rest
                    .trim_ascii_start()
                    .strip_prefix(b":")
                    .map(<[u8]>::trim_ascii_start);
                if !value.is_some_and(|value| value.starts_with(b"{")) {
                    return Err(Error::field("user", "must be a JSON object"));
                }
                true
            }
            None => false,
        };
        let user = match wrapped {
            true => match json::from_slice::<Wrapped>(json, "user") {
                Ok(wrapped) => wrapped.user,
                Err(_) => json::from_slice::<User>(json, "user")?,
            },
            false => json::from_slice::<User>(json, "user")?,
        };
        user.check()?;
        Ok(user)
    }

    /// Reads a user object (bare or `{"user": {...}}`) from a JSON value, and
    /// checks the members it holds (types, email shape, role, tags).
    pub fn from_value(value: Value) -> Result<Self> {
        let mut object = match value {
            Value::Object(object) => object,
            _ => return Err(Error::field("user", "must be a JSON object")),
        };
        if object.len() == 1
            && object.get("user").is_some_and(Value::is_object)
            && let Some(Value::Object(inner)) = object.remove("user")
        {
            object = inner;
        }
        Self::from_members(object)
    }

    /// Builds a user from the members of a user object, moving the values
    /// (no copies); members hcjwt does not read are dropped.
    pub fn from_members(mut members: Map<String, Value>) -> Result<Self> {
        let mut errors = FieldErrors::new();
        let mut take = |name: &str| members.remove(name).filter(|value| !value.is_null());
        let id = take("id");
        let email = take("email");
        let name = take("name");
        let external_id = take("external_id");
        let user_fields = take("user_fields");
        let tags = take("tags");
        let role = take("role");
        let locale_id = take("locale_id");
        let organization_id = take("organization_id");
        let phone = take("phone");
        let remote_photo_url = take("remote_photo_url");
        let custom_role_id = take("custom_role_id");
        let organization = take("organization");
        let organizations = take("organizations");
        let organization_ids = take("organization_ids");
        let user = User {
            id: member_id(&mut errors, "id", id),
            email: member_text(&mut errors, "email", email),
            name: member_text(&mut errors, "name", name),
            external_id: member_text(&mut errors, "external_id", external_id),
            user_fields: match user_fields {
                None => None,
                Some(Value::Object(values)) => Some(values),
                Some(_) => {
                    errors.add("user_fields", "must be an object keyed by field key");
                    None
                }
            },
            tags,
            role: member_text(&mut errors, "role", role),
            locale_id: member_id(&mut errors, "locale_id", locale_id),
            organization_id: member_id(&mut errors, "organization_id", organization_id),
            phone: member_text(&mut errors, "phone", phone),
            remote_photo_url: member_text(&mut errors, "remote_photo_url", remote_photo_url),
            custom_role_id: member_id(&mut errors, "custom_role_id", custom_role_id),
            organization: member_text(&mut errors, "organization", organization),
            organizations: match organizations {
                None => None,
                Some(Value::Array(items)) if items.iter().all(Value::is_string) => Some(
                    items
                        .into_iter()
                        .filter_map(|item| match item {
                            Value::String(text) => Some(text),
                            _ => None,
                        })
                        .collect(),
                ),
                Some(_) => {
                    errors.add("organizations", "must be an array of strings");
                    None
                }
            },
            organization_ids: match organization_ids {
                None => None,
                Some(Value::Array(items)) if items.iter().all(|item| item.as_u64().is_some()) => {
                    Some(items.iter().filter_map(Value::as_u64).collect())
                }
                Some(_) => {
                    errors.add(
                        "organization_ids",
                        "must be an array of ids (non-negative integers)",
                    );
                    None
                }
            },
        };
        errors.into_result()?;
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
