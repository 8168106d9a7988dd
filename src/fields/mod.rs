//! User fields (the User Fields API): definitions, the catalog of an account,
//! and the checks of the values a user holds.
//!
//! A definition the API returned loads when it satisfies the API's own
//! rules (key shape, required title, the per-type members). hcjwt's stricter
//! policy (key length, a regexp pattern hcjwt can run) applies when a field
//! is created or updated through hcjwt; a stored regexp field whose pattern
//! hcjwt can't run still loads, and its values pass unchecked
//! ([`FieldCatalog::unchecked`]).

mod catalog;
mod definition;
mod edit;
mod options;
mod pages;
mod pattern;
mod ruby;
mod stored;
mod values;

pub(crate) use catalog::not_an_object;
pub use catalog::{FieldCatalog, Upsert};
pub use pages::{
    CursorLinks, CursorMeta, FieldCursorPage, FieldPage, OptionCursorPage, OptionPage,
};

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use strum::{EnumCount, EnumString, IntoStaticStr, VariantArray};

use crate::error::{FieldErrors, quoted};
use crate::variants::{self, every_variant};
pub(crate) use definition::{Read, Strictness, check_definition, check_new_key};
pub(crate) use values::ValueRule;

/// The ten field types. `text` is the default when a create names none.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    EnumCount,
    EnumString,
    IntoStaticStr,
    VariantArray,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum FieldType {
    /// A boolean.
    Checkbox,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A finite number.
    Decimal,
    /// One value among the field's options.
    Dropdown,
    /// An integer of at most 12 digits.
    Integer,
    /// A reference to a record (user, organization, ticket, custom object).
    Lookup,
    /// Distinct values among the field's options.
    Multiselect,
    /// A string the field's pattern matches (Ruby semantics).
    Regexp,
    /// A single-line string.
    #[default]
    Text,
    /// A multi-line string.
    Textarea,
}

impl FieldType {
    /// Every type, in the API's order.
    pub const ALL: [FieldType; FieldType::COUNT] = every_variant!(FieldType);

    /// The API's name of the type.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The type with this API name.
    pub fn parse(name: &str) -> Option<FieldType> {
        name.parse().ok()
    }

    /// The message for a type name that is none of the types.
    pub(crate) fn unknown(name: &str) -> String {
        format!(
            "{} is not one of {}",
            quoted(name, 32),
            variants::list(&FieldType::ALL)
        )
    }

    fn has_options(self) -> bool {
        matches!(self, FieldType::Dropdown | FieldType::Multiselect)
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Members a record may hold besides the modeled ones, kept so it writes back
/// whole: unmodeled members (such as an option's `default`) and modeled ones
/// given as an explicit `null`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Kept {
    pub(crate) extra: Map<String, Value>,
    pub(crate) nulls: Vec<&'static str>,
}

impl Kept {
    /// Writes the kept members into the serialized record.
    fn restore(&self, value: &mut Value) {
        crate::document::restore(value, &self.extra, &self.nulls);
    }

    /// Forgets that `member` was `null` (it has a value now).
    pub(crate) fn set(&mut self, member: &str) {
        self.nulls.retain(|name| *name != member);
    }
}

/// One option of a dropdown or multiselect field.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldOption {
    /// Assigned on create; `None` in a document that leaves it out (a
    /// request body), never made up.
    pub id: Option<u64>,
    /// The name agents see.
    pub name: String,
    /// The option's position in the list, when the document gives it.
    pub position: Option<i64>,
    /// The dynamic content placeholder, or the name.
    pub raw_name: Option<String>,
    /// The option's API URL, when known.
    pub url: Option<String>,
    /// The stored value (the "tag").
    pub value: String,
    pub(crate) kept: Kept,
}

impl Serialize for FieldOption {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = Map::new();
        if let Some(id) = self.id {
            object.insert("id".into(), id.into());
        }
        object.insert("name".into(), self.name.clone().into());
        if let Some(position) = self.position {
            object.insert("position".into(), position.into());
        }
        if let Some(raw_name) = &self.raw_name {
            object.insert("raw_name".into(), raw_name.clone().into());
        }
        if let Some(url) = &self.url {
            object.insert("url".into(), url.clone().into());
        }
        object.insert("value".into(), self.value.clone().into());
        let mut value = Value::Object(object);
        self.kept.restore(&mut value);
        value.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for FieldOption {
    /// Reads a stored option under the API's rules.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let mut errors = FieldErrors::new();
        match stored::read_option(&value, "", &mut errors) {
            Some(option) if errors.is_empty() => Ok(option),
            _ => Err(serde::de::Error::custom(errors)),
        }
    }
}

/// An option as given in a request: `null` or no `id` makes a new option.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FieldOptionInput {
    /// The option to update; absent or `null` for a new option.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    /// The name agents see.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The position; in a field update the array order decides instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<i64>,
    /// The dynamic content placeholder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_name: Option<String>,
    /// Read-only; ignored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The stored value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// Request bodies are read by their one reader (`from_json`'s), so serde
/// and `from_json` agree on every rule.
macro_rules! deserialize_by_reader {
    ($type:ty, $reader:path) => {
        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = Value::deserialize(deserializer)?;
                $reader(&value).map_err(serde::de::Error::custom)
            }
        }
    };
}

deserialize_by_reader!(FieldOptionInput, stored::read_option_input);
deserialize_by_reader!(UserFieldInput, stored::read_field_input);

impl FieldOptionInput {
    /// A new option with a name and a value.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            name: Some(name.into()),
            value: Some(value.into()),
            ..Self::default()
        }
    }

    /// Reads a request body: `{"custom_field_option": {...}}` or the bare object.
    pub fn from_json(json: &[u8]) -> crate::Result<Self> {
        let document = crate::json::parse_strict(json, "custom_field_option")?;
        stored::read_option_input(&document)
    }
}

/// A user field definition, as the API returns it. Members hcjwt does not
/// model are kept and written back.
#[derive(Clone, Debug, PartialEq)]
pub struct UserField {
    /// If true, the field is available for use.
    pub active: bool,
    /// When the field was created (RFC 3339, read-only).
    pub created_at: Option<String>,
    /// Options of a dropdown or multiselect field.
    pub custom_field_options: Option<Vec<FieldOption>>,
    /// What the field is for.
    pub description: Option<String>,
    /// Assigned on create (read-only); `None` in a document that leaves it
    /// out (a request body), never made up.
    pub id: Option<u64>,
    /// Unique key: letters, digits and underscores, not only digits; immutable.
    pub key: String,
    /// Ordering relative to the other fields, when the document gives it.
    pub position: Option<i64>,
    /// The description's dynamic content placeholder, or the description.
    pub raw_description: Option<String>,
    /// The title's dynamic content placeholder, or the title.
    pub raw_title: Option<String>,
    /// The pattern a regexp field's value must match (written as `null` otherwise).
    pub regexp_for_validation: Option<String>,
    /// Filter definition of a lookup field.
    pub relationship_filter: Option<Value>,
    /// What a lookup field references: zen:user, zen:organization, zen:ticket
    /// or zen:custom_object:{key}.
    pub relationship_target_type: Option<String>,
    /// If true, only `active` and `position` may change (read-only).
    pub system: Option<bool>,
    /// The tag a checkbox field adds.
    pub tag: Option<String>,
    /// The field's title.
    pub title: String,
    /// The field's type.
    pub field_type: FieldType,
    /// When the field was last changed (RFC 3339, read-only).
    pub updated_at: Option<String>,
    /// The field's API URL (read-only).
    pub url: Option<String>,
    pub(crate) kept: Kept,
}

/// The members of a field record that hcjwt models.
pub(crate) const FIELD_MEMBERS: [&str; 18] = [
    "active",
    "created_at",
    "custom_field_options",
    "description",
    "id",
    "key",
    "position",
    "raw_description",
    "raw_title",
    "regexp_for_validation",
    "relationship_filter",
    "relationship_target_type",
    "system",
    "tag",
    "title",
    "type",
    "updated_at",
    "url",
];

impl UserField {
    /// True for fields Zendesk defines itself.
    pub fn is_system(&self) -> bool {
        self.system == Some(true)
    }
}

impl Serialize for UserField {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut object = Map::new();
        let mut text = |name: &str, value: &Option<String>| {
            if let Some(value) = value {
                object.insert(name.to_owned(), value.clone().into());
            }
        };
        text("created_at", &self.created_at);
        text("description", &self.description);
        text("raw_description", &self.raw_description);
        text("raw_title", &self.raw_title);
        text("relationship_target_type", &self.relationship_target_type);
        text("tag", &self.tag);
        text("updated_at", &self.updated_at);
        text("url", &self.url);
        object.insert("active".into(), self.active.into());
        if let Some(id) = self.id {
            object.insert("id".into(), id.into());
        }
        object.insert("key".into(), self.key.clone().into());
        if let Some(position) = self.position {
            object.insert("position".into(), position.into());
        }
        object.insert(
            "regexp_for_validation".into(),
            self.regexp_for_validation.clone().into(),
        );
        object.insert("title".into(), self.title.clone().into());
        object.insert("type".into(), self.field_type.as_str().into());
        if let Some(filter) = &self.relationship_filter {
            object.insert("relationship_filter".into(), filter.clone());
        }
        if let Some(system) = self.system {
            object.insert("system".into(), system.into());
        }
        if let Some(options) = &self.custom_field_options {
            let options = serde_json::to_value(options).map_err(serde::ser::Error::custom)?;
            object.insert("custom_field_options".into(), options);
        }
        let mut value = Value::Object(object);
        self.kept.restore(&mut value);
        value.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for UserField {
    /// Reads a stored field under the API's rules.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let mut errors = FieldErrors::new();
        match stored::read_field(&mut stored::Taken::default(), &value, "", &mut errors) {
            Some(entry) if errors.is_empty() => Ok(entry.field),
            _ => Err(serde::de::Error::custom(errors)),
        }
    }
}

/// The body of a create or update request (`{"user_field": {...}}`). Every
/// member is optional; `null` counts as absent.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UserFieldInput {
    /// If true, the field is available for use. Defaults to true.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Options of a dropdown or multiselect field (a full replacement on update).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_field_options: Option<Vec<FieldOptionInput>>,
    /// What the field is for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Unique key; required on create, immutable after.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Ordering; defaults to after the last field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<i64>,
    /// The description's dynamic content placeholder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_description: Option<String>,
    /// The title's dynamic content placeholder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_title: Option<String>,
    /// The pattern of a regexp field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regexp_for_validation: Option<String>,
    /// Filter definition of a lookup field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relationship_filter: Option<Value>,
    /// What a lookup field references.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relationship_target_type: Option<String>,
    /// The tag of a checkbox field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The title; required on create.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The type's API name; defaults to text.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub field_type: Option<String>,
}

impl UserFieldInput {
    /// A create request with a key, a title and a type.
    pub fn new(key: impl Into<String>, title: impl Into<String>, field_type: FieldType) -> Self {
        Self {
            key: Some(key.into()),
            title: Some(title.into()),
            field_type: Some(field_type.as_str().to_owned()),
            ..Self::default()
        }
    }

    /// Reads a request body: `{"user_field": {...}}` or the bare object.
    /// Read-only members (`id`, `url`, timestamps, `system`) are ignored;
    /// wrong-typed members are validation errors naming each.
    pub fn from_json(json: &[u8]) -> crate::Result<Self> {
        let document = crate::json::parse_strict(json, "user_field")?;
        stored::read_field_input(&document)
    }
}
