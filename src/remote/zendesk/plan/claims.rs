//! The claims part of a plan: each claim of the file created or updated by
//! its identifier, the others deleted with `prune` or left alone; every
//! change made first on a copy of the account's set, so the creation policy
//! and the five-claim limit judge the result.

use serde_json::Value;

use super::{Action, ClaimChange, MemberChange, Plan};
use crate::claims::{AccountCustomClaim, ClaimInput, ClaimSet, same_identifier};
use crate::error::{Error, FieldErrors, Result};
use crate::limits::MAX_CLAIMS_PER_BRAND;

/// Where the file's claim `index` is reported.
fn path(index: usize) -> String {
    format!("custom_claims[{index}]")
}

/// A description as compared: empty is none.
fn description(claim: &AccountCustomClaim) -> Option<&str> {
    claim.claim_description.as_deref().filter(|d| !d.is_empty())
}

fn text(value: Option<&str>) -> Value {
    value.map_or(Value::Null, Value::from)
}

pub(super) fn plan(
    plan: &mut Plan,
    live: &ClaimSet,
    desired: &[u8],
    prune: bool,
    errors: &mut FieldErrors,
) -> Result<()> {
    let wanted = self::desired(desired)?;
    // The copy the changes are tried on: a set with no pair yet (no claims
    // on the brand) takes any pair, which the API assigns.
    let mut state = match live.account_id().zip(live.brand_id()) {
        Some(_) => live.clone(),
        None => ClaimSet::new(0, 0),
    };
    let mut creates = Vec::new();
    for (index, want) in wanted.list().iter().enumerate() {
        let Some(have) = live
            .list()
            .iter()
            .find(|have| same_identifier(&have.claim_identifier, &want.claim_identifier))
        else {
            creates.push((index, want));
            continue;
        };
        let mut changes = Vec::new();
        let mut request = ClaimInput::default();
        if have.claim_identifier != want.claim_identifier {
            changes.push(MemberChange {
                member: "claim_identifier",
                from: have.claim_identifier.clone().into(),
                to: want.claim_identifier.clone().into(),
            });
            request.claim_identifier = Some(want.claim_identifier.clone());
        }
        if have.claim_value != want.claim_value {
            changes.push(MemberChange {
                member: "claim_value",
                from: have.claim_value.clone().into(),
                to: want.claim_value.clone().into(),
            });
            request.claim_value = Some(want.claim_value.clone());
        }
        if description(have) != description(want) {
            changes.push(MemberChange {
                member: "claim_description",
                from: text(description(have)),
                to: text(description(want)),
            });
            request.claim_description = Some(description(want).unwrap_or_default().to_owned());
        }
        if changes.is_empty() {
            continue;
        }
        let Some(id) = have.id.clone() else {
            return Err(Error::field(
                "custom_claims",
                format!("the account's claim {} has no id", have.claim_identifier),
            ));
        };
        if let Err(error) = state.update(&id, request.clone()) {
            report(errors, &path(index), error)?;
        }
        plan.claims.push(ClaimChange {
            action: Action::Update,
            claim_identifier: want.claim_identifier.clone(),
            id: Some(id),
            changes,
            request,
            makes_room: false,
        });
    }
    let gone: Vec<&AccountCustomClaim> = live
        .list()
        .iter()
        .filter(|have| {
            !wanted
                .list()
                .iter()
                .any(|want| same_identifier(&have.claim_identifier, &want.claim_identifier))
        })
        .collect();
    // Deletes that must run before the creates for them to fit.
    let room = (live.len() + creates.len()).saturating_sub(MAX_CLAIMS_PER_BRAND);
    let mut deletes = Vec::new();
    for (order, have) in gone.into_iter().enumerate() {
        if !prune {
            plan.unmanaged_claims.push(have.claim_identifier.clone());
            continue;
        }
        let makes_room = order < room;
        if let Some(id) = &have.id {
            if makes_room {
                let _ = state.delete(id);
            }
            deletes.push(ClaimChange {
                action: Action::Delete,
                claim_identifier: have.claim_identifier.clone(),
                id: Some(id.clone()),
                changes: Vec::new(),
                request: ClaimInput::default(),
                makes_room,
            });
        }
    }
    for (index, want) in creates {
        let request = ClaimInput {
            claim_identifier: Some(want.claim_identifier.clone()),
            claim_value: Some(want.claim_value.clone()),
            claim_description: description(want).map(str::to_owned),
            ..ClaimInput::default()
        };
        if let Err(error) = state.create(request.clone()) {
            report(errors, &path(index), error)?;
        }
        let mut changes = vec![
            MemberChange {
                member: "claim_identifier",
                from: Value::Null,
                to: want.claim_identifier.clone().into(),
            },
            MemberChange {
                member: "claim_value",
                from: Value::Null,
                to: want.claim_value.clone().into(),
            },
        ];
        if let Some(description) = description(want) {
            changes.push(MemberChange {
                member: "claim_description",
                from: Value::Null,
                to: description.into(),
            });
        }
        plan.claims.push(ClaimChange {
            action: Action::Create,
            claim_identifier: want.claim_identifier.clone(),
            id: None,
            changes,
            request,
            makes_room: false,
        });
    }
    plan.claims.extend(deletes);
    Ok(())
}

/// A validation error (of a file, or of the copy) under `prefix`; any
/// other error stops.
pub(super) fn report(
    errors: &mut FieldErrors,
    prefix: &str,
    error: impl Into<Option<Error>>,
) -> Result<()> {
    match error.into() {
        None => Ok(()),
        Some(Error::Validation(found)) => {
            errors.extend_prefixed(prefix, found);
            Ok(())
        }
        Some(other) => Err(other),
    }
}

/// The file's claims, their `account_id` and `brand_id` ignored (read-only:
/// the claims are the host's brand's, whatever the file says).
pub(super) fn desired(document: &[u8]) -> Result<ClaimSet> {
    fn strip(record: &mut Value) {
        if let Value::Object(members) = record {
            members.remove("account_id");
            members.remove("brand_id");
        }
    }
    let mut value = crate::json::parse_strict(document, "custom claims")?;
    match &mut value {
        Value::Array(records) => records.iter_mut().for_each(strip),
        Value::Object(members) => match members.get_mut("custom_claims") {
            Some(Value::Array(records)) => records.iter_mut().for_each(strip),
            _ => match members.get_mut("custom_claim") {
                Some(record) => strip(record),
                None => strip(&mut value),
            },
        },
        _ => {}
    }
    ClaimSet::from_json(value.to_string().as_bytes())
}
