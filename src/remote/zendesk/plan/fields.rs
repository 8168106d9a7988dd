//! The user fields part of a plan: each field of the file created or
//! updated by its key (an update carries every option, the kept ones with
//! their ids), the others deleted with `prune` or left alone, and one
//! reorder when the file's order is not the account's; every change made
//! first on a copy of the account's catalog, so the API's rules judge it.

use serde_json::{Value, json};

use super::claims::report;
use super::{Action, FieldChange, MemberChange, Plan};
use crate::error::{FieldErrors, Result};
use crate::fields::{FieldCatalog, FieldOption, FieldOptionInput, UserField, UserFieldInput};

/// Where the file's field `index` is reported.
fn path(index: usize) -> String {
    format!("user_fields[{index}]")
}

/// A text member as compared: empty is none.
fn text(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|text| !text.is_empty())
}

fn text_value(value: Option<&str>) -> Value {
    value.map_or(Value::Null, Value::from)
}

/// The options as the plan shows them: `[{"name", "value"}]`.
fn options_value<'a>(options: impl Iterator<Item = (&'a str, &'a str)>) -> Value {
    Value::Array(
        options
            .map(|(name, value)| json!({"name": name, "value": value}))
            .collect(),
    )
}

/// The text members a plan manages, with their readers and writers.
type TextMember = (
    &'static str,
    fn(&UserField) -> &Option<String>,
    fn(&mut UserFieldInput) -> &mut Option<String>,
);

const TEXT_MEMBERS: [TextMember; 4] = [
    ("description", |f| &f.description, |i| &mut i.description),
    (
        "regexp_for_validation",
        |f| &f.regexp_for_validation,
        |i| &mut i.regexp_for_validation,
    ),
    ("tag", |f| &f.tag, |i| &mut i.tag),
    (
        "relationship_target_type",
        |f| &f.relationship_target_type,
        |i| &mut i.relationship_target_type,
    ),
];

/// What changes from `have` to `want`, and the update request carrying
/// it: every option of the result, the kept ones with their ids; options
/// the file leaves out stay (after the listed ones) unless `prune`.
fn diff(
    have: &UserField,
    want: &UserField,
    prune: bool,
    unmanaged: &mut Vec<String>,
) -> (Vec<MemberChange>, UserFieldInput) {
    let mut changes = Vec::new();
    let mut request = UserFieldInput::default();
    if have.title != want.title {
        changes.push(MemberChange {
            member: "title",
            from: have.title.clone().into(),
            to: want.title.clone().into(),
        });
        request.title = Some(want.title.clone());
    }
    for (member, read, write) in TEXT_MEMBERS {
        let (from, to) = (text(read(have)), text(read(want)));
        if from != to {
            changes.push(MemberChange {
                member,
                from: text_value(from),
                to: text_value(to),
            });
            *write(&mut request) = Some(to.unwrap_or_default().to_owned());
        }
    }
    if have.active != want.active {
        changes.push(MemberChange {
            member: "active",
            from: have.active.into(),
            to: want.active.into(),
        });
        request.active = Some(want.active);
    }
    if have.relationship_filter != want.relationship_filter {
        changes.push(MemberChange {
            member: "relationship_filter",
            from: have.relationship_filter.clone().unwrap_or(Value::Null),
            to: want.relationship_filter.clone().unwrap_or(Value::Null),
        });
        request.relationship_filter = Some(want.relationship_filter.clone().unwrap_or(Value::Null));
    }
    if let Some(wanted) = &want.custom_field_options {
        let had: &[FieldOption] = have.custom_field_options.as_deref().unwrap_or_default();
        let mut result: Vec<FieldOptionInput> = wanted
            .iter()
            .map(|option| FieldOptionInput {
                id: had
                    .iter()
                    .find(|o| o.value == option.value)
                    .and_then(|o| o.id),
                name: Some(option.name.clone()),
                value: Some(option.value.clone()),
                ..FieldOptionInput::default()
            })
            .collect();
        for option in had {
            if wanted.iter().any(|o| o.value == option.value) {
                continue;
            }
            if prune {
                continue;
            }
            unmanaged.push(format!("{}.{}", have.key, option.value));
            result.push(FieldOptionInput {
                id: option.id,
                name: Some(option.name.clone()),
                value: Some(option.value.clone()),
                ..FieldOptionInput::default()
            });
        }
        let before = had.iter().map(|o| (o.name.as_str(), o.value.as_str()));
        let after = result.iter().map(|o| {
            (
                o.name.as_deref().unwrap_or_default(),
                o.value.as_deref().unwrap_or_default(),
            )
        });
        if !before.clone().eq(after.clone()) {
            changes.push(MemberChange {
                member: "custom_field_options",
                from: options_value(before),
                to: options_value(after),
            });
            request.custom_field_options = Some(result);
        }
    }
    (changes, request)
}

/// The create request and the changes shown for a new field.
fn creation(want: &UserField) -> (Vec<MemberChange>, UserFieldInput) {
    let request = UserFieldInput {
        key: Some(want.key.clone()),
        title: Some(want.title.clone()),
        field_type: Some(want.field_type.as_str().to_owned()),
        active: Some(want.active),
        description: text(&want.description).map(str::to_owned),
        regexp_for_validation: text(&want.regexp_for_validation).map(str::to_owned),
        tag: text(&want.tag).map(str::to_owned),
        relationship_target_type: text(&want.relationship_target_type).map(str::to_owned),
        relationship_filter: want.relationship_filter.clone(),
        custom_field_options: want.custom_field_options.as_ref().map(|options| {
            options
                .iter()
                .map(|option| FieldOptionInput::new(option.name.clone(), option.value.clone()))
                .collect()
        }),
        ..UserFieldInput::default()
    };
    let shown = serde_json::to_value(&request).unwrap_or(Value::Null);
    let changes = [
        "type",
        "title",
        "description",
        "active",
        "regexp_for_validation",
        "tag",
        "relationship_target_type",
        "relationship_filter",
        "custom_field_options",
    ]
    .into_iter()
    .filter_map(|member| {
        let to = shown.get(member)?.clone();
        Some(MemberChange {
            member,
            from: Value::Null,
            to,
        })
    })
    .collect();
    (changes, request)
}

pub(super) fn plan(
    plan: &mut Plan,
    live: &FieldCatalog,
    desired: &[u8],
    prune: bool,
    errors: &mut FieldErrors,
) -> Result<()> {
    let wanted = FieldCatalog::fields_in_document_order(desired)?;
    let mut state = live.clone();
    plan.field_ids = live
        .fields()
        .filter_map(|field| Some((field.key.clone(), field.id?)))
        .collect();
    for (index, want) in wanted.iter().enumerate() {
        let Ok(have) = live.get(&want.key) else {
            let (changes, request) = creation(want);
            if let Err(error) = state.create(request.clone()) {
                report(errors, &path(index), error)?;
            }
            plan.user_fields.push(FieldChange {
                action: Action::Create,
                key: want.key.clone(),
                id: None,
                changes,
                order: Vec::new(),
                request: Some(request),
            });
            continue;
        };
        if have.field_type != want.field_type {
            errors.add(
                format!("{}.type", path(index)),
                format!(
                    "is {} on the account and {} in the file: a field's type can't change; delete the field {} and create it again (its values on every user are lost)",
                    have.field_type, want.field_type, want.key
                ),
            );
            continue;
        }
        let (changes, request) = diff(have, want, prune, &mut plan.unmanaged_options);
        if changes.is_empty() {
            continue;
        }
        if have.is_system() {
            let changed: Vec<&str> = changes
                .iter()
                .map(|change| change.member)
                .filter(|member| *member != "active")
                .collect();
            if !changed.is_empty() {
                errors.add(
                    format!("{}.base", path(index)),
                    format!(
                        "{} is a system field: only active and position may change, not {}",
                        want.key,
                        changed.join(", ")
                    ),
                );
                continue;
            }
        }
        if let Err(error) = state.update(&want.key, request.clone()) {
            report(errors, &path(index), error)?;
        }
        plan.user_fields.push(FieldChange {
            action: Action::Update,
            key: want.key.clone(),
            id: have.id,
            changes,
            order: Vec::new(),
            request: Some(request),
        });
    }
    let listed = |field: &UserField| wanted.iter().any(|want| want.key == field.key);
    let mut deletes = Vec::new();
    for field in live.fields().filter(|field| !listed(field)) {
        if !prune || field.is_system() {
            plan.unmanaged_fields.push(field.key.clone());
            continue;
        }
        if let Err(error) = state.delete(&field.key) {
            report(errors, "user_fields", error)?;
        }
        deletes.push(FieldChange {
            action: Action::Delete,
            key: field.key.clone(),
            id: field.id,
            changes: Vec::new(),
            order: Vec::new(),
            request: None,
        });
    }
    // When the file's fields stand in another order than on the account,
    // one reorder: the file's fields in its order, then the others as they are.
    let listed_now = state.fields().filter(|field| listed(field)).map(|f| &f.key);
    if !listed_now.eq(wanted.iter().map(|want| &want.key)) {
        let mut order: Vec<String> = wanted.iter().map(|want| want.key.clone()).collect();
        order.extend(
            state
                .fields()
                .filter(|field| !listed(field))
                .map(|field| field.key.clone()),
        );
        plan.user_fields.push(FieldChange {
            action: Action::Reorder,
            key: String::new(),
            id: None,
            changes: Vec::new(),
            order,
            request: None,
        });
    }
    plan.user_fields.extend(deletes);
    Ok(())
}
