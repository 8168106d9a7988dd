//! User fields (the User Fields API): definitions, the catalog of an account,
//! and validation of the values a user holds.

mod catalog;
mod values;

pub use catalog::{
    CursorLinks, CursorMeta, FieldCatalog, FieldCursorPage, FieldPage, OptionPage, Upsert,
};
pub(crate) use values::ValueRule;

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::FieldErrors;
use crate::limits::{MAX_FIELD_KEY_BYTES, MAX_REGEX_PATTERN_BYTES};
use crate::timestamp;

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
    /// A string the field's pattern matches whole.
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

/// One option of a dropdown or multiselect field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldOption {
    /// Assigned on create.
    pub id: u64,
    /// The name agents see.
    pub name: String,
    /// The option's position in the list.
    pub position: i64,
    /// The dynamic content placeholder, or the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_name: Option<String>,
    /// The option's API URL, when the catalog knows its base URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The stored value (the "tag").
    pub value: String,
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
}

/// A user field definition, as the API returns it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserField {
    /// If true, the field is available for use.
    pub active: bool,
    /// When the field was created (read-only).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "timestamp::option"
    )]
    pub created_at: Option<DateTime<Utc>>,
    /// Options of a dropdown or multiselect field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_field_options: Option<Vec<FieldOption>>,
    /// What the field is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Assigned on create (read-only).
    pub id: u64,
    /// Unique key: letters, digits and underscores, not only digits; immutable.
    pub key: String,
    /// Ordering relative to the other fields.
    pub position: i64,
    /// The description's dynamic content placeholder, or the description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_description: Option<String>,
    /// The title's dynamic content placeholder, or the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_title: Option<String>,
    /// The pattern a regexp field's value must match whole (`null` otherwise).
    pub regexp_for_validation: Option<String>,
    /// Filter definition of a lookup field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship_filter: Option<Value>,
    /// What a lookup field references: zen:user, zen:organization, zen:ticket
    /// or zen:custom_object:{key}.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship_target_type: Option<String>,
    /// If true, only `active` and `position` may change (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<bool>,
    /// The tag a checkbox field adds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The field's title.
    pub title: String,
    /// The field's type.
    #[serde(rename = "type")]
    pub field_type: FieldType,
    /// When the field was last changed (read-only).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "timestamp::option"
    )]
    pub updated_at: Option<DateTime<Utc>>,
    /// The field's API URL (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl UserField {
    /// True for fields Zendesk defines itself.
    pub fn is_system(&self) -> bool {
        self.system == Some(true)
    }
}

/// The body of a create or update request (`{"user_field": {...}}`), and the
/// lenient form in which stored fields are read before validation. Every member
/// is optional; `null` counts as absent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UserFieldInput {
    /// If true, the field is available for use. Defaults to true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Read-only; kept when loading stored fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Options of a dropdown or multiselect field (a full replacement on update).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_field_options: Option<Vec<FieldOptionInput>>,
    /// What the field is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Read-only; kept when loading stored fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
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
    /// Read-only; kept when loading stored fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<bool>,
    /// The tag of a checkbox field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// The title; required on create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The type's API name; defaults to text.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub field_type: Option<String>,
    /// Read-only; kept when loading stored fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Read-only; kept when loading stored fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
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
}

pub(crate) fn check_key(key: &str, errors: &mut FieldErrors) {
    if key.is_empty() {
        errors.add("key", "can't be blank");
        return;
    }
    if key.len() > MAX_FIELD_KEY_BYTES {
        errors.add(
            "key",
            format!("is too long (maximum is {MAX_FIELD_KEY_BYTES} bytes, MAX_FIELD_KEY_BYTES)"),
        );
    }
    if !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        errors.add("key", "may hold only letters, digits and underscores");
    } else if key.bytes().all(|b| b.is_ascii_digit()) {
        errors.add("key", "can't be only digits");
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

/// Checks the per-type rules of a whole definition and, when they hold,
/// prepares the rule its values are checked with.
pub(crate) fn check_definition(field: &UserField, errors: &mut FieldErrors) -> Option<ValueRule> {
    check_key(&field.key, errors);
    if field.title.trim().is_empty() {
        errors.add("title", "can't be blank");
    }
    let kind = field.field_type;
    let only_for =
        |errors: &mut FieldErrors, member: &str, present: bool, allowed: bool, types: &str| {
            if present && !allowed {
                errors.add(
                    member,
                    format!("is only allowed for {types} fields, not {kind}"),
                );
            }
        };
    only_for(
        errors,
        "regexp_for_validation",
        field.regexp_for_validation.is_some(),
        kind == FieldType::Regexp,
        "regexp",
    );
    only_for(
        errors,
        "tag",
        field.tag.is_some(),
        kind == FieldType::Checkbox,
        "checkbox",
    );
    only_for(
        errors,
        "custom_field_options",
        field.custom_field_options.is_some(),
        kind.has_options(),
        "dropdown and multiselect",
    );
    only_for(
        errors,
        "relationship_target_type",
        field.relationship_target_type.is_some(),
        kind == FieldType::Lookup,
        "lookup",
    );
    only_for(
        errors,
        "relationship_filter",
        field.relationship_filter.is_some(),
        kind == FieldType::Lookup,
        "lookup",
    );
    if let Some(tag) = &field.tag
        && (tag.trim().is_empty() || tag.chars().any(|c| c.is_whitespace() || c.is_control()))
    {
        errors.add("tag", "must be a single word without spaces");
    }
    let before = errors.len();
    let rule = match kind {
        FieldType::Regexp => match field.regexp_for_validation.as_deref() {
            None => {
                errors.add("regexp_for_validation", "can't be blank for a regexp field");
                None
            }
            Some(pattern) if pattern.len() > MAX_REGEX_PATTERN_BYTES => {
                errors.add(
                    "regexp_for_validation",
                    format!("is too long (maximum is {MAX_REGEX_PATTERN_BYTES} bytes, MAX_REGEX_PATTERN_BYTES)"),
                );
                None
            }
            Some(pattern) => match values::compile_pattern(pattern) {
                Ok(regex) => Some(ValueRule::Pattern(regex)),
                Err(reason) => {
                    errors.add("regexp_for_validation", reason);
                    None
                }
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
                        crate::error::quoted(target, 64)
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
    if errors.len() == before { rule } else { None }
}

fn check_options(options: &[FieldOption], errors: &mut FieldErrors) {
    for (index, option) in options.iter().enumerate() {
        let prefix = format!("custom_field_options[{index}]");
        if option.name.trim().is_empty() {
            errors.add(format!("{prefix}.name"), "can't be blank");
        }
        if option.value.trim().is_empty() {
            errors.add(format!("{prefix}.value"), "can't be blank");
        } else if options[..index].iter().any(|o| o.value == option.value) {
            errors.add(format!("{prefix}.value"), "has already been taken");
        }
        if options[..index].iter().any(|o| o.id == option.id) {
            errors.add(format!("{prefix}.id"), "has already been taken");
        }
    }
}
