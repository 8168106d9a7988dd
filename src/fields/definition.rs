//! The API's rules for a whole field definition (key, title, the per-type
//! members and options), and the rule its values are checked with.

use super::pattern;
use super::{FieldOption, FieldType, UserField, ValueRule};
use crate::error::{FieldErrors, quoted};
use crate::limits::MAX_FIELD_KEY_BYTES;

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
