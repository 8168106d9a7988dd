//! Plan and apply: the changes that make the account's custom claims and
//! user fields match a file (what `hcjwt fetch` printed, edited), and the
//! write calls that make them.
//!
//! Identity: claims by `claim_identifier` within the host's brand, fields
//! by `key`, options by `value`; read-only members (`id`, `url`,
//! timestamps, `account_id`, `brand_id`, `system`, `raw_*`, `position`) are
//! ignored. The whole desired state is checked before any request, every
//! problem at once, by making the changes on a copy of the account's state
//! with the API's own rules ([`ClaimSet`], [`FieldCatalog`]). No value is
//! lost: a field update carries every option (the kept ones with their
//! ids), and nothing on the account the file leaves out (a claim, a field,
//! an option) is deleted without `prune`, only reported as unmanaged.
//! Deletions run last, except the claim deletions that make room for new
//! claims under the five-claim limit, which run just before those creates.

mod claims;
mod fields;

use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Value, json};
use strum::IntoStaticStr;

use super::Client;
use crate::claims::{ClaimInput, ClaimSet};
use crate::error::{Error, FieldErrors, Result};
use crate::fields::{FieldCatalog, UserFieldInput};

/// What a change does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    /// A new record.
    Create,
    /// Members of an existing record change.
    Update,
    /// The record goes, with every value stored in it.
    Delete,
    /// The fields' order changes.
    Reorder,
}

impl Action {
    /// `create`, `update`, `delete` or `reorder`.
    pub fn name(self) -> &'static str {
        self.into()
    }

    fn sign(self) -> char {
        match self {
            Action::Create => '+',
            Action::Update | Action::Reorder => '~',
            Action::Delete => '-',
        }
    }
}

/// One member a change sets: its value on the account and in the file
/// (`null` where there is none).
#[derive(Clone, Debug, PartialEq)]
pub struct MemberChange {
    /// The member's API name (`claim_value`, `title`, `custom_field_options`).
    pub member: &'static str,
    /// On the account now.
    pub from: Value,
    /// After the change.
    pub to: Value,
}

/// One change to a custom claim of the host's brand.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimChange {
    /// Create, update or delete.
    pub action: Action,
    /// The claim's identity.
    pub claim_identifier: String,
    /// The claim's id on the account (`None` for a create).
    pub id: Option<String>,
    /// The members set (every member given, for a create).
    pub changes: Vec<MemberChange>,
    request: ClaimInput,
    /// A delete that runs before the creates, to make room under the limit.
    makes_room: bool,
}

/// One change to the user fields.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    /// Create, update, delete or reorder.
    pub action: Action,
    /// The field's identity (empty for a reorder).
    pub key: String,
    /// The field's id on the account (`None` for a create and a reorder).
    pub id: Option<u64>,
    /// The members set (every member given, for a create).
    pub changes: Vec<MemberChange>,
    /// For a reorder: every field's key, in the order they get.
    pub order: Vec<String>,
    request: Option<UserFieldInput>,
}

/// The changes that make the account match the file(s), in the order
/// [`Client::apply`] makes them (see the module documentation), and what
/// the account holds that the files leave alone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// Changes to the brand's custom claims.
    pub claims: Vec<ClaimChange>,
    /// Changes to the user fields.
    pub user_fields: Vec<FieldChange>,
    /// Claims on the account that the file does not list (`prune` deletes them).
    pub unmanaged_claims: Vec<String>,
    /// Fields on the account that the file does not list (`prune` deletes
    /// them, except system fields, which can't be deleted).
    pub unmanaged_fields: Vec<String>,
    /// Options on the account that the file does not list, as `key.value`;
    /// kept, after the listed ones (`prune` removes them, with their values).
    pub unmanaged_options: Vec<String>,
    /// The account's field ids by key, for the reorder.
    field_ids: HashMap<String, u64>,
}

/// What [`Client::apply`] did before the API refused a change.
#[derive(Debug)]
pub struct Stopped {
    /// The changes made, in order.
    pub applied: Plan,
    /// The change that was refused.
    pub refused: String,
    /// The API's refusal.
    pub error: Error,
}

impl Stopped {
    /// What was made and what was refused, without the refusal's words.
    fn summary(&self) -> String {
        let lines: Vec<String> = self.applied.lines().collect();
        match lines.len() {
            0 => format!("apply stopped at {}, before any change", self.refused),
            1 => format!(
                "apply stopped at {}; 1 change was made before it ({})",
                self.refused, lines[0]
            ),
            n => format!(
                "apply stopped at {}; {n} changes were made before it ({})",
                self.refused,
                lines.join("; ")
            ),
        }
    }
}

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.summary(), self.error)
    }
}

impl std::error::Error for Stopped {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

impl From<Box<Stopped>> for Error {
    /// The API's error, its reason saying first what was made before it.
    fn from(stopped: Box<Stopped>) -> Self {
        let summary = stopped.summary();
        match stopped.error {
            Error::ZendeskApi {
                status,
                endpoint,
                reason,
                cause,
            } => Error::ZendeskApi {
                status,
                endpoint,
                reason: format!("{summary}: {reason}"),
                cause,
            },
            other => other,
        }
    }
}

impl Plan {
    /// The changes that make `claims` and `fields` (the account's, as read)
    /// match the desired documents given (a document not given leaves its
    /// records alone). Every problem of the desired state is a
    /// [`Error::Validation`], keyed by the file's paths
    /// (`custom_claims[2].claim_value`, `user_fields[0].type`).
    pub fn between(
        claims: Option<(&ClaimSet, &[u8])>,
        fields: Option<(&FieldCatalog, &[u8])>,
        prune: bool,
    ) -> Result<Plan> {
        let mut plan = Plan::default();
        let mut errors = FieldErrors::new();
        if let Some((live, desired)) = claims {
            let result = claims::plan(&mut plan, live, desired, prune, &mut errors);
            claims::report(&mut errors, "", result.err())?;
        }
        if let Some((live, desired)) = fields {
            let result = fields::plan(&mut plan, live, desired, prune, &mut errors);
            claims::report(&mut errors, "", result.err())?;
        }
        errors.into_result()?;
        Ok(plan)
    }

    /// The number of changes.
    pub fn changes(&self) -> usize {
        self.claims.len() + self.user_fields.len()
    }

    /// True when the account already matches.
    pub fn is_empty(&self) -> bool {
        self.changes() == 0
    }

    /// `{"changes": N, "claims": [...], "user_fields": [...], "unmanaged":
    /// {...}}`: each change an object with its `action`, its identity
    /// (`claim_identifier` / `key`, and `id` when it has one) and `changes`
    /// (`{"member": {"from": ..., "to": ...}}`); a reorder has `order`.
    pub fn to_json(&self) -> Value {
        let claims: Vec<Value> = self
            .claims
            .iter()
            .map(|change| {
                let mut entry = Map::new();
                entry.insert("action".into(), change.action.name().into());
                entry.insert(
                    "claim_identifier".into(),
                    change.claim_identifier.clone().into(),
                );
                if let Some(id) = &change.id {
                    entry.insert("id".into(), id.clone().into());
                }
                entry.insert("changes".into(), members_json(&change.changes));
                Value::Object(entry)
            })
            .collect();
        let fields: Vec<Value> = self
            .user_fields
            .iter()
            .map(|change| {
                let mut entry = Map::new();
                entry.insert("action".into(), change.action.name().into());
                if change.action == Action::Reorder {
                    entry.insert("order".into(), change.order.clone().into());
                } else {
                    entry.insert("key".into(), change.key.clone().into());
                    if let Some(id) = change.id {
                        entry.insert("id".into(), id.into());
                    }
                    entry.insert("changes".into(), members_json(&change.changes));
                }
                Value::Object(entry)
            })
            .collect();
        json!({
            "changes": self.changes(),
            "claims": claims,
            "user_fields": fields,
            "unmanaged": {
                "claims": self.unmanaged_claims,
                "user_fields": self.unmanaged_fields,
                "options": self.unmanaged_options,
            },
        })
    }

    /// One line a change, as `Display` prints them.
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        let claims = self.claims.iter().map(|change| {
            let what = format!(
                "{} {} claim {}",
                change.action.sign(),
                change.action.name(),
                change.claim_identifier
            );
            match change.action {
                Action::Create => format!(
                    "{what} = {}{}",
                    shown(
                        &change
                            .request
                            .claim_value
                            .clone()
                            .unwrap_or_default()
                            .into()
                    ),
                    change
                        .request
                        .claim_description
                        .as_ref()
                        .map(|d| format!(" ({})", shown(&d.clone().into())))
                        .unwrap_or_default()
                ),
                Action::Update => format!("{what}: {}", describe(&change.changes)),
                Action::Delete | Action::Reorder => what,
            }
        });
        let fields = self.user_fields.iter().map(|change| match change.action {
            Action::Reorder => format!("~ reorder fields: {}", change.order.join(", ")),
            Action::Create | Action::Update => format!(
                "{} {} field {}: {}",
                change.action.sign(),
                change.action.name(),
                change.key,
                describe(&change.changes)
            ),
            Action::Delete => format!(
                "- delete field {} (and its value on every user)",
                change.key
            ),
        });
        claims.chain(fields)
    }
}

impl fmt::Display for Plan {
    /// A readable diff: `+ create claim segment = "smb"`, `~ update field
    /// nickname: title "Nickname" -> "Display name"`, `- delete ...`; then
    /// what is left alone, and a count.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for line in self.lines() {
            writeln!(f, "{line}")?;
        }
        let unmanaged: Vec<String> = (self.unmanaged_claims.iter().map(|c| format!("claim {c}")))
            .chain(self.unmanaged_fields.iter().map(|k| format!("field {k}")))
            .chain(self.unmanaged_options.iter().map(|o| format!("option {o}")))
            .collect();
        if !unmanaged.is_empty() {
            writeln!(
                f,
                "left alone, not in the file (--prune deletes them): {}",
                unmanaged.join(", ")
            )?;
        }
        match self.changes() {
            0 => write!(f, "no changes: the account matches the file"),
            1 => write!(f, "1 change"),
            n => write!(f, "{n} changes"),
        }
    }
}

fn members_json(changes: &[MemberChange]) -> Value {
    Value::Object(
        changes
            .iter()
            .map(|change| {
                (
                    change.member.to_owned(),
                    json!({"from": change.from, "to": change.to}),
                )
            })
            .collect(),
    )
}

/// `title "Nickname" -> "Display name"; active true -> false`.
fn describe(changes: &[MemberChange]) -> String {
    changes
        .iter()
        .map(|change| {
            if change.from.is_null() {
                format!("{} {}", change.member, shown(&change.to))
            } else {
                format!(
                    "{} {} -> {}",
                    change.member,
                    shown(&change.from),
                    shown(&change.to)
                )
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A value as JSON text; options as `[name (value), ...]`.
fn shown(value: &Value) -> String {
    match value {
        Value::Array(items) if items.iter().all(|item| item.get("value").is_some()) => {
            let options: Vec<String> = items
                .iter()
                .map(|item| {
                    let text = |member: &str| {
                        item.get(member)
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_owned()
                    };
                    format!("{} ({})", text("name"), text("value"))
                })
                .collect();
            format!("[{}]", options.join(", "))
        }
        other => other.to_string(),
    }
}

impl Client {
    /// The plan that makes the account match `claims` and `fields` (either
    /// may be `None`: its records are left alone), read against the
    /// account's state now. Reads only.
    pub fn plan(&self, claims: Option<&[u8]>, fields: Option<&[u8]>, prune: bool) -> Result<Plan> {
        // Reading the desired state first: an invalid file costs no request.
        let mut errors = FieldErrors::new();
        if let Some(desired) = claims {
            claims::report(&mut errors, "", claims::desired(desired).err())?;
        }
        if let Some(desired) = fields {
            let read = FieldCatalog::fields_in_document_order(desired);
            claims::report(&mut errors, "", read.err())?;
        }
        errors.into_result()?;
        let live_claims = claims.map(|_| self.custom_claims()).transpose()?;
        let live_fields = fields.map(|_| self.user_fields()).transpose()?;
        Plan::between(
            live_claims.as_ref().zip(claims),
            live_fields.as_ref().zip(fields),
            prune,
        )
    }

    /// Makes the plan's changes in its order and returns them; stops at the
    /// first the API refuses, with what was made before it.
    pub fn apply(&self, plan: &Plan) -> std::result::Result<Plan, Box<Stopped>> {
        let mut done = Plan {
            unmanaged_claims: plan.unmanaged_claims.clone(),
            unmanaged_fields: plan.unmanaged_fields.clone(),
            unmanaged_options: plan.unmanaged_options.clone(),
            field_ids: plan.field_ids.clone(),
            ..Plan::default()
        };
        let mut field_ids = plan.field_ids.clone();
        let claim_steps = |room: bool| {
            plan.claims
                .iter()
                .filter(move |c| c.action == Action::Delete && c.makes_room == room)
        };
        let updates = plan.claims.iter().filter(|c| c.action == Action::Update);
        let creates = plan.claims.iter().filter(|c| c.action == Action::Create);
        let steps = updates.chain(claim_steps(true)).chain(creates);
        for change in steps {
            self.apply_claim(change)
                .map_err(|e| stop(&done, change_line(change), e))?;
            done.claims.push(change.clone());
        }
        let field_steps = plan
            .user_fields
            .iter()
            .filter(|c| c.action != Action::Delete);
        for change in field_steps {
            self.apply_field(change, &mut field_ids)
                .map_err(|e| stop(&done, field_line(change), e))?;
            done.user_fields.push(change.clone());
        }
        for change in claim_steps(false) {
            self.apply_claim(change)
                .map_err(|e| stop(&done, change_line(change), e))?;
            done.claims.push(change.clone());
        }
        let deletes = plan
            .user_fields
            .iter()
            .filter(|c| c.action == Action::Delete);
        for change in deletes {
            self.apply_field(change, &mut field_ids)
                .map_err(|e| stop(&done, field_line(change), e))?;
            done.user_fields.push(change.clone());
        }
        Ok(done)
    }

    fn apply_claim(&self, change: &ClaimChange) -> Result<()> {
        let id = change.id.as_deref().unwrap_or_default();
        match change.action {
            Action::Create => self.create_custom_claim(&change.request).map(drop),
            Action::Update => self.update_custom_claim(id, &change.request).map(drop),
            Action::Delete => self.delete_custom_claim(id),
            Action::Reorder => Ok(()),
        }
    }

    fn apply_field(&self, change: &FieldChange, ids: &mut HashMap<String, u64>) -> Result<()> {
        let request = change.request.clone().unwrap_or_default();
        match change.action {
            Action::Create => {
                let field = self.create_user_field(&request)?;
                if let Some(id) = field.id {
                    ids.insert(field.key, id);
                }
                Ok(())
            }
            Action::Update => self.update_user_field(&change.key, &request).map(drop),
            Action::Delete => self.delete_user_field(&change.key),
            Action::Reorder => {
                let order: Vec<u64> = change
                    .order
                    .iter()
                    .filter_map(|key| ids.get(key).copied())
                    .collect();
                self.reorder_user_fields(&order)
            }
        }
    }
}

fn change_line(change: &ClaimChange) -> String {
    format!("{} claim {}", change.action.name(), change.claim_identifier)
}

fn field_line(change: &FieldChange) -> String {
    match change.action {
        Action::Reorder => "reorder fields".to_owned(),
        action => format!("{} field {}", action.name(), change.key),
    }
}

fn stop(done: &Plan, refused: String, error: Error) -> Box<Stopped> {
    Box::new(Stopped {
        applied: done.clone(),
        refused,
        error,
    })
}
