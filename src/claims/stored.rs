//! Reading claims documents that hold any number of account/brand pairs,
//! under the API's own rules, every problem of every record at once.

use foldhash::{HashMap, HashSet};
use serde_json::Value;

use super::{AccountCustomClaim, ClaimSet, KIND, MODELED, write_claims};
use crate::document::{self, Envelope, Record};
use crate::error::{Error, FieldErrors, Result};
use crate::json;
use crate::limits::MAX_CLAIMS_PER_BRAND;
use crate::timestamp;

/// Claims of any number of account/brand pairs, as a claims document may
/// hold them; the API's rules apply to each pair.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimSets {
    pub(super) sets: Vec<ClaimSet>,
    pub(super) envelope: Envelope,
}

impl ClaimSets {
    /// Reads the API's list response (`{"custom_claims": [...]}`), a single
    /// `{"custom_claim": {...}}`, a bare array or a bare claim, and checks every
    /// claim and every pair against the API's rules. Errors are keyed
    /// `custom_claims[i].member` (or `custom_claim.member` for a single one).
    pub fn from_json(json: &[u8]) -> Result<Self> {
        Self::read(json, |_, _, _| {})
    }

    /// Like [`ClaimSets::from_json`], with `also` run on every claim that
    /// satisfies the API's rules, given its path in the document, so a check
    /// of another level (a profile's collisions) reports at the same time.
    pub(crate) fn read(
        json: &[u8],
        mut also: impl FnMut(&str, &AccountCustomClaim, &mut FieldErrors),
    ) -> Result<Self> {
        let document = json::parse_strict(json, "custom claims")?;
        let (records, envelope) = document::records(document, &KIND)?;
        let mut errors = FieldErrors::new();
        let mut sets: Vec<ClaimSet> = Vec::new();
        // Each pair's set and what its records hold so far, found by
        // hashing: linear in the records read. An invalid record still
        // counts toward its pair's limit and its identifier, so every
        // problem of the document is reported at once.
        let mut set_of: HashMap<Option<(u64, u64)>, usize> = HashMap::default();
        let mut taken: Vec<Taken> = Vec::new();
        for (index, record) in records.iter().enumerate() {
            let prefix = envelope.prefix(&KIND, index);
            let path = |member: &str| {
                if prefix.is_empty() {
                    member.to_owned()
                } else {
                    format!("{prefix}.{member}")
                }
            };
            let claim = read_stored_claim(record, &prefix, &mut errors);
            if let Some(claim) = &claim {
                also(&prefix, claim, &mut errors);
            }
            let identity = Identity::of(record);
            let position = *set_of.entry(identity.pair).or_insert_with(|| {
                sets.push(ClaimSet {
                    pair: identity.pair,
                    claims: Vec::new(),
                    envelope: envelope.clone(),
                });
                taken.push(Taken::default());
                sets.len() - 1
            });
            let seen = &mut taken[position];
            seen.records += 1;
            let mut fits = true;
            if let Some(id) = identity.id
                && !seen.ids.insert(id)
            {
                errors.add(path("id"), "has already been taken");
                fits = false;
            }
            if let Some(identifier) = identity.identifier
                && !seen.identifiers.insert(identifier)
            {
                errors.add(path("claim_identifier"), "has already been taken");
                fits = false;
            }
            if seen.records > MAX_CLAIMS_PER_BRAND {
                errors.add(
                    path("base"),
                    format!(
                        "{} has more than {MAX_CLAIMS_PER_BRAND} custom claims (MAX_CLAIMS_PER_BRAND)",
                        sets[position].describe_pair()
                    ),
                );
                fits = false;
            }
            if let (Some(claim), true) = (claim, fits) {
                sets[position].claims.push(claim);
            }
        }
        errors.into_result()?;
        Ok(Self { sets, envelope })
    }

    /// The sets, in the order their pairs first appear.
    pub fn sets(&self) -> &[ClaimSet] {
        &self.sets
    }

    /// Every claim of every pair as one document, in the shape it was read
    /// from (see [`ClaimSet::to_json`]).
    pub fn to_json(&self) -> String {
        let all: Vec<AccountCustomClaim> = self
            .sets
            .iter()
            .flat_map(|set| set.claims.clone())
            .collect();
        write_claims(&self.envelope, &all)
    }

    /// Takes the set of one pair. `brand_id` (and `account_id` when brands
    /// repeat across accounts) may be left out when the choice is
    /// unambiguous. A document without claims gives an empty set (of the pair
    /// when both ids are given); a pair the document lacks while it holds
    /// claims of others is an error naming what it holds.
    pub fn select(self, account_id: Option<u64>, brand_id: Option<u64>) -> Result<ClaimSet> {
        let wanted = |set: &ClaimSet| match set.pair {
            Some((account, brand)) => {
                account_id.is_none_or(|id| id == account) && brand_id.is_none_or(|id| id == brand)
            }
            None => true,
        };
        let mut matching: Vec<ClaimSet> = self.sets.iter().filter(|s| wanted(s)).cloned().collect();
        match (matching.len(), account_id, brand_id) {
            (1, _, _) => Ok(matching.remove(0)),
            (0, account, brand) if self.sets.is_empty() => Ok(match account.zip(brand) {
                Some((account, brand)) => ClaimSet::new(account, brand),
                None => ClaimSet {
                    envelope: self.envelope.clone(),
                    ..ClaimSet::default()
                },
            }),
            (0, _, _) => Err(Error::field(
                KIND.list,
                format!(
                    "holds no claims for the requested pair; it holds {}",
                    describe_pairs(&self.sets)
                ),
            )),
            _ => Err(Error::field(
                KIND.list,
                format!(
                    "holds claims of several account/brand pairs ({}): pick one with the brand id{}",
                    describe_pairs(&matching),
                    if brand_id.is_some() {
                        " and the account id"
                    } else {
                        ""
                    }
                ),
            )),
        }
    }
}

pub(crate) fn describe_pairs(sets: &[ClaimSet]) -> String {
    sets.iter()
        .map(ClaimSet::describe_pair)
        .map(|pair| {
            if pair == "this claim set" {
                "claims without account_id and brand_id".to_owned()
            } else {
                pair
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads one stored claim under the API's rules: identifier and value are
/// non-blank strings, the description a string or null, ids non-negative
/// integers, timestamps RFC 3339. A missing `id` or timestamp stays missing.
pub(super) fn read_stored_claim(
    value: &Value,
    prefix: &str,
    errors: &mut FieldErrors,
) -> Option<AccountCustomClaim> {
    let before = errors.message_count();
    let mut record = Record::new(value, prefix, errors)?;
    let claim_identifier = record.required_string("claim_identifier");
    let claim_value = record.required_string("claim_value");
    let claim_description = record.string("claim_description");
    let account_id = record.id("account_id");
    let brand_id = record.id("brand_id");
    let id = match record.string("id") {
        Some(id) if id.trim().is_empty() => {
            record.add("id", "can't be blank");
            None
        }
        id => id,
    };
    let mut time = |member: &str| match record.string(member) {
        Some(text) if timestamp::parse(&text).is_none() => {
            record.add(member, "is not an RFC 3339 timestamp");
            None
        }
        text => text,
    };
    let created_at = time("created_at");
    let updated_at = time("updated_at");
    let extra = record.unmodeled(&MODELED);
    let nulls = record.nulls(&MODELED);
    if record.errors().message_count() != before {
        return None;
    }
    Some(AccountCustomClaim {
        id,
        account_id,
        brand_id,
        claim_identifier: claim_identifier?,
        claim_value: claim_value?,
        claim_description,
        created_at,
        updated_at,
        extra,
        nulls,
    })
}

/// What a record holds for the set-level rules, read leniently (a member of
/// the wrong type is reported by the record's own check).
struct Identity {
    pair: Option<(u64, u64)>,
    id: Option<String>,
    identifier: Option<String>,
}

impl Identity {
    fn of(record: &Value) -> Self {
        let number = |name: &str| record.get(name).and_then(Value::as_u64);
        let text = |name: &str| {
            record
                .get(name)
                .and_then(Value::as_str)
                .filter(|text| !text.trim().is_empty())
                .map(str::to_owned)
        };
        Self {
            pair: number("account_id").zip(number("brand_id")),
            id: text("id"),
            identifier: text("claim_identifier"),
        }
    }
}

/// The records of one pair read so far.
#[derive(Default)]
struct Taken {
    records: usize,
    ids: HashSet<String>,
    identifiers: HashSet<String>,
}
