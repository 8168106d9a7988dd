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
mod options;
mod pattern;
mod ruby;
mod stored;
mod values;

pub(crate) use catalog::not_an_object;
pub use catalog::{FieldCatalog, Upsert};

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::error::{FieldErrors, quoted};
use crate::limits::MAX_FIELD_KEY_BYTES;
pub(crate) use values::ValueRule;

/// The ten field types. `text` is the default when a create names none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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
    pub const ALL: [FieldType; 10] = [
        FieldType::Checkbox,
        FieldType::Date,
        FieldType::Decimal,
        FieldType::Dropdown,
        FieldType::Integer,
        FieldType::Lookup,
        FieldType::Multiselect,
        FieldType::Regexp,
        FieldType::Text,
        FieldType::Textarea,
    ];

    /// The API's name of the type.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::Checkbox => "checkbox",
            FieldType::Date => "date",
            FieldType::Decimal => "decimal",
            FieldType::Dropdown => "dropdown",
            FieldType::Integer => "integer",
            FieldType::Lookup => "lookup",
            FieldType::Multiselect => "multiselect",
            FieldType::Regexp => "regexp",
            FieldType::Text => "text",
            FieldType::Textarea => "textarea",
        }
    }

    /// The type with this API name.
    pub fn parse(name: &str) -> Option<FieldType> {
        Self::ALL.into_iter().find(|t| t.as_str() == name)
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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldOptionInput {
    /// The option to update; absent or `null` for a new option.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    /// The name agents see.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The position; in a field update the array order decides instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<i64>,
    /// The dynamic content placeholder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_name: Option<String>,
    /// Read-only; ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The stored value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UserFieldInput {
    /// If true, the field is available for use. Defaults to true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Options of a dropdown or multiselect field (a full replacement on update).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_field_options: Option<Vec<FieldOptionInput>>,
    /// What the field is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Unique key; required on create, immutable after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Ordering; defaults to after the last field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<i64>,
    /// The description's dynamic content placeholder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_description: Option<String>,
    /// The title's dynamic content placeholder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_title: Option<String>,
    /// The pattern of a regexp field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regexp_for_validation: Option<String>,
    /// Filter definition of a lookup field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship_filter: Option<Value>,
    /// What a lookup field references.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship_target_type: Option<String>,
    /// The tag of a checkbox field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The title; required on create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The type's API name; defaults to text.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
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

/// The API's rule for keys: letters, digits and underscores, not only digits.
pub(crate) fn check_key(key: &str, errors: &mut FieldErrors) {
    if key.is_empty() {
        errors.add("key", "can't be blank");
        return;
    }
    if !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        errors.add("key", "may hold only letters, digits and underscores");
    } else if key.bytes().all(|b| b.is_ascii_digit()) {
        errors.add("key", "can't be only digits");
    }
}

/// hcjwt's policy for new keys, on top of the API's rule.
pub(crate) fn check_new_key(key: &str, errors: &mut FieldErrors) {
    check_key(key, errors);
    if key.len() > MAX_FIELD_KEY_BYTES {
        errors.add(
            "key",
            format!("is too long (maximum is {MAX_FIELD_KEY_BYTES} bytes, MAX_FIELD_KEY_BYTES)"),
        );
    }
}

const RELATIONSHIP_TARGETS: [&str; 3] = ["zen:user", "zen:organization", "zen:ticket"];

fn valid_relationship_target(target: &str) -> bool {
    RELATIONSHIP_TARGETS.contains(&target)
        || target
            .strip_prefix("zen:custom_object:")
            .is_some_and(|key| {
                !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            })
}

/// Whether a regexp pattern hcjwt can't run refuses the definition (creating
/// or updating through hcjwt) or only leaves its values unchecked (a stored
/// document).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Strictness {
    Stored,
    Created,
}

/// What the reader of a definition already checked.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Read {
    /// The type is one of the ten (else the per-type rules can't apply).
    pub(crate) type_known: bool,
    /// A blank or mistyped key or title is reported already.
    pub(crate) names_checked: bool,
}

impl Read {
    /// A definition made through hcjwt: nothing checked yet.
    pub(crate) const MADE: Read = Read {
        type_known: true,
        names_checked: false,
    };
}

/// Checks the API's rules of a whole definition (the per-type ones when the
/// type is known) and prepares the rule its values are checked with; `None`
/// when any rule fails.
pub(crate) fn check_definition(
    field: &UserField,
    read: Read,
    strictness: Strictness,
    errors: &mut FieldErrors,
) -> Option<ValueRule> {
    let before = errors.message_count();
    // A key or title the reader found missing or mistyped is named already.
    if !(read.names_checked && field.key.is_empty()) {
        check_key(&field.key, errors);
    }
    if !read.names_checked && field.title.trim().is_empty() {
        errors.add("title", "can't be blank");
    }
    let type_known = read.type_known;
    if !type_known {
        // The type's error is named; the options are checked all the same.
        if let Some(options) = &field.custom_field_options {
            check_options(options, errors);
        }
        return None;
    }
    let kind = field.field_type;
    // Members that belong to one kind of field (a null member counts as absent).
    let per_type: [(&str, bool, bool, &str); 5] = [
        (
            "regexp_for_validation",
            field.regexp_for_validation.is_some(),
            kind == FieldType::Regexp,
            "regexp",
        ),
        (
            "tag",
            field.tag.is_some(),
            kind == FieldType::Checkbox,
            "checkbox",
        ),
        (
            "custom_field_options",
            field.custom_field_options.is_some(),
            kind.has_options(),
            "dropdown and multiselect",
        ),
        (
            "relationship_target_type",
            field.relationship_target_type.is_some(),
            kind == FieldType::Lookup,
            "lookup",
        ),
        (
            "relationship_filter",
            field.relationship_filter.is_some(),
            kind == FieldType::Lookup,
            "lookup",
        ),
    ];
    for (member, present, allowed, types) in per_type {
        if present && !allowed {
            errors.add(
                member,
                format!("is only allowed for {types} fields, not {kind}"),
            );
        }
    }
    if let Some(tag) = &field.tag
        && (tag.trim().is_empty() || tag.chars().any(|c| c.is_whitespace() || c.is_control()))
    {
        errors.add("tag", "must be a single word without spaces");
    }
    let rule = match kind {
        FieldType::Regexp => match field.regexp_for_validation.as_deref() {
            None => {
                errors.add("regexp_for_validation", "can't be blank for a regexp field");
                None
            }
            Some(ruby) => match (pattern::Pattern::compile(ruby), strictness) {
                (Ok(pattern), _) => Some(ValueRule::Pattern(pattern)),
                (Err(reason), Strictness::Created) => {
                    errors.add("regexp_for_validation", reason);
                    None
                }
                (Err(reason), Strictness::Stored) => Some(ValueRule::Unchecked(reason)),
            },
        },
        FieldType::Dropdown | FieldType::Multiselect => {
            match field.custom_field_options.as_deref() {
                None | Some([]) => {
                    errors.add(
                        "custom_field_options",
                        format!("can't be blank for a {kind} field"),
                    );
                    None
                }
                Some(options) => {
                    check_options(options, errors);
                    Some(ValueRule::options(kind == FieldType::Multiselect, options))
                }
            }
        }
        FieldType::Lookup => {
            match field.relationship_target_type.as_deref() {
                None => errors.add("relationship_target_type", "can't be blank for a lookup field"),
                Some(target) if !valid_relationship_target(target) => errors.add(
                    "relationship_target_type",
                    format!(
                        "{} is not one of zen:user, zen:organization, zen:ticket, zen:custom_object:{{key}}",
                        quoted(target, 64)
                    ),
                ),
                Some(_) => {}
            }
            Some(ValueRule::Lookup)
        }
        FieldType::Checkbox => Some(ValueRule::Checkbox),
        FieldType::Date => Some(ValueRule::Date),
        FieldType::Decimal => Some(ValueRule::Decimal),
        FieldType::Integer => Some(ValueRule::Integer),
        FieldType::Text | FieldType::Textarea => Some(ValueRule::Text),
    };
    (errors.message_count() == before).then_some(rule).flatten()
}

fn check_options(options: &[FieldOption], errors: &mut FieldErrors) {
    let mut values = foldhash::HashSet::default();
    let mut ids = foldhash::HashSet::default();
    for (index, option) in options.iter().enumerate() {
        let prefix = format!("custom_field_options[{index}]");
        if option.name.trim().is_empty() {
            errors.add(format!("{prefix}.name"), "can't be blank");
        }
        if option.value.trim().is_empty() {
            errors.add(format!("{prefix}.value"), "can't be blank");
        } else if !values.insert(option.value.as_str()) {
            errors.add(format!("{prefix}.value"), "has already been taken");
        }
        if option.id.is_some_and(|id| !ids.insert(id)) {
            errors.add(format!("{prefix}.id"), "has already been taken");
        }
    }
}
