//! Reading user fields and options from API documents (under the API's own
//! rules) and from request bodies, every problem at its path.

use serde_json::Value;

use foldhash::HashSet;

use super::catalog::Entry;
use super::{
    FIELD_MEMBERS, FieldOption, FieldOptionInput, FieldType, Kept, Read, Strictness, UserField,
    UserFieldInput, check_definition,
};
use crate::document::{Record, type_name};
use crate::error::{Error, FieldErrors, Result};
use crate::timestamp;

const OPTION_MEMBERS: [&str; 6] = ["id", "name", "position", "raw_name", "url", "value"];

/// The field type named by `type` (absent or `null`: text).
fn read_type(record: &mut Record<'_>) -> Option<FieldType> {
    match record.string("type") {
        None if record.value("type").is_none() => Some(FieldType::Text),
        None => None,
        Some(name) => FieldType::parse(&name).or_else(|| {
            record.add("type", FieldType::unknown(&name));
            None
        }),
    }
}

fn read_timestamp(record: &mut Record<'_>, member: &str) -> Option<String> {
    let text = record.string(member)?;
    if timestamp::parse(&text).is_none() {
        record.add(member, "is not an RFC 3339 timestamp");
        return None;
    }
    Some(text)
}

/// One stored option; a missing id or position stays missing.
pub(super) fn read_option(
    value: &Value,
    prefix: &str,
    errors: &mut FieldErrors,
) -> Option<FieldOption> {
    let before = errors.message_count();
    let mut record = Record::new(value, prefix, errors)?;
    let id = record.id("id");
    let name = record.required_string("name");
    let value = record.required_string("value");
    let position = record.integer("position");
    let raw_name = record.string("raw_name");
    let url = record.string("url");
    let kept = Kept {
        extra: record.unmodeled(&OPTION_MEMBERS),
        nulls: record.nulls(&OPTION_MEMBERS),
    };
    if record.errors().message_count() != before {
        return None;
    }
    Some(FieldOption {
        id,
        name: name?,
        position,
        raw_name,
        url,
        value: value?,
        kept,
    })
}

/// What the fields read so far of one document hold: their keys and ids,
/// each of which must be unique, kept as records are read so that a
/// document of any size loads in linear time.
#[derive(Default)]
pub(super) struct Taken {
    keys: HashSet<String>,
    ids: HashSet<u64>,
}

impl Taken {
    /// Counts `field`'s key and id as taken; false when either already was.
    fn take(&mut self, key: Option<&str>, id: Option<u64>) -> (bool, bool) {
        let key_free = key.is_none_or(|key| self.keys.insert(key.to_owned()));
        let id_free = id.is_none_or(|id| self.ids.insert(id));
        (key_free, id_free)
    }
}

/// One stored field, checked against the API's rules and the fields already
/// read (unique id and key). Errors go under `prefix`.
pub(super) fn read_field(
    taken: &mut Taken,
    value: &Value,
    prefix: &str,
    errors: &mut FieldErrors,
) -> Option<Entry> {
    let before = errors.message_count();
    let mut record = Record::new(value, prefix, errors)?;
    let field_type = read_type(&mut record);
    let key = record.required_string("key");
    let id = record.id("id");
    let (key_free, id_free) = taken.take(key.as_deref(), id);
    if !key_free {
        record.add("key", "has already been taken");
    }
    if !id_free {
        record.add("id", "has already been taken");
    }
    let title = record.required_string("title");
    let active = record.boolean("active");
    let position = record.integer("position");
    let options = record.array("custom_field_options").map(|items| {
        let prefix = record.path("custom_field_options");
        items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| {
                read_option(item, &format!("{prefix}[{index}]"), record.errors())
            })
            .collect::<Vec<_>>()
    });
    // Defaults below are the API's (active, type text); the others stand in
    // only for members whose error is recorded, and such a field is dropped
    // below.
    let field = UserField {
        active: active.unwrap_or(true),
        created_at: read_timestamp(&mut record, "created_at"),
        custom_field_options: options,
        description: record.string("description"),
        id,
        key: key.unwrap_or_default(),
        position,
        raw_description: record.string("raw_description"),
        raw_title: record.string("raw_title"),
        regexp_for_validation: record.string("regexp_for_validation"),
        relationship_filter: record.object("relationship_filter"),
        relationship_target_type: record.string("relationship_target_type"),
        system: record.boolean("system"),
        tag: record.string("tag"),
        title: title.unwrap_or_default(),
        field_type: field_type.unwrap_or_default(),
        updated_at: read_timestamp(&mut record, "updated_at"),
        url: record.string("url"),
        kept: Kept {
            extra: record.unmodeled(&FIELD_MEMBERS),
            nulls: record.nulls(&FIELD_MEMBERS),
        },
    };
    // The definition's own rules run whatever else is wrong, so every
    // problem of the record is named at once (per-type rules only when the
    // type is known).
    let mut definition_errors = FieldErrors::new();
    let read = Read {
        type_known: field_type.is_some(),
        names_checked: true,
    };
    let rule = check_definition(&field, read, Strictness::Stored, &mut definition_errors);
    record.errors().extend_prefixed(prefix, definition_errors);
    if record.errors().message_count() != before {
        return None;
    }
    Some(Entry::new(field, rule?))
}

/// A field request body (`{"user_field": {...}}` or bare).
pub(super) fn read_field_input(document: &Value) -> Result<UserFieldInput> {
    let body = document.get("user_field").unwrap_or(document);
    let mut errors = FieldErrors::new();
    let Some(mut record) = Record::new(body, "", &mut errors) else {
        return Err(Error::Validation(errors));
    };
    let options = record.array("custom_field_options").map(|items| {
        items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| {
                let mut option_errors = FieldErrors::new();
                let input = read_option_record(item, &mut option_errors);
                record
                    .errors()
                    .extend_prefixed(&format!("custom_field_options[{index}]"), option_errors);
                input
            })
            .collect()
    });
    let input = UserFieldInput {
        active: record.boolean("active"),
        custom_field_options: options,
        description: record.string("description"),
        key: record.string("key"),
        position: record.integer("position"),
        raw_description: record.string("raw_description"),
        raw_title: record.string("raw_title"),
        regexp_for_validation: record.string("regexp_for_validation"),
        relationship_filter: record.object("relationship_filter"),
        relationship_target_type: record.string("relationship_target_type"),
        tag: record.string("tag"),
        title: record.string("title"),
        field_type: record.string("type"),
    };
    errors.into_result()?;
    Ok(input)
}

fn read_option_record(value: &Value, errors: &mut FieldErrors) -> Option<FieldOptionInput> {
    let mut record = Record::new(value, "", errors)?;
    Some(FieldOptionInput {
        id: record.id("id"),
        name: record.string("name"),
        position: record.integer("position"),
        raw_name: record.string("raw_name"),
        url: record.string("url"),
        value: record.string("value"),
    })
}

/// An option request body (`{"custom_field_option": {...}}` or bare).
pub(super) fn read_option_input(document: &Value) -> Result<FieldOptionInput> {
    let body = document.get("custom_field_option").unwrap_or(document);
    let mut errors = FieldErrors::new();
    let input = read_option_record(body, &mut errors);
    errors.into_result()?;
    input.ok_or_else(|| {
        Error::field(
            "custom_field_option",
            format!("must be an object, not {}", type_name(body)),
        )
    })
}
