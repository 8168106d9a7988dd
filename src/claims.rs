//! Account custom claims (the Account Custom Claims API) and the claim set of
//! one account/brand pair.
//!
//! Two levels of rules apply. A document the API returned loads when it
//! satisfies the API's own rules: at most five claims per pair, identifier
//! and value present, identifiers unique. hcjwt's stricter creation policy
//! (identifier charset and length, value length, the reserved names) applies
//! when a claim is created or updated through hcjwt.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::document::{self, Kind, Record, Shape};
use crate::error::{Error, FieldErrors, Result, quoted};
use crate::json;
use crate::limits::{
    MAX_CLAIM_DESCRIPTION_BYTES, MAX_CLAIM_IDENTIFIER_BYTES, MAX_CLAIM_VALUE_BYTES,
    MAX_CLAIMS_PER_BRAND,
};
use crate::profile::Profile;
use crate::timestamp;

/// The JWT registered claims (RFC 7519 section 4.1).
const REGISTERED_CLAIMS: [&str; 7] = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

/// The JOSE header parameters (RFC 7515 section 4.1).
const HEADER_PARAMETERS: [&str; 11] = [
    "alg", "typ", "cty", "kid", "jku", "jwk", "x5u", "x5c", "x5t", "x5t#S256", "crit",
];

/// Names OpenID Connect identity providers reserve in their tokens.
const OIDC_CLAIMS: [&str; 11] = [
    "nonce",
    "azp",
    "amr",
    "acr",
    "auth_time",
    "sid",
    "scope",
    "client_id",
    "at_hash",
    "c_hash",
    "cnf",
];

/// Names a custom claim identifier may not take, compared ignoring ASCII case
/// and surrounding white space: the JWT registered claims, every claim of
/// every profile (identity claims and `user_fields`), the JOSE header names,
/// and the names OIDC providers reserve. Built from those lists, each kept in
/// one place.
pub static RESERVED_CLAIM_NAMES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| {
        let mut names: Vec<&'static str> = REGISTERED_CLAIMS.to_vec();
        for profile in Profile::ALL {
            names.extend(profile.claim_names());
        }
        names.extend(HEADER_PARAMETERS);
        names.extend(OIDC_CLAIMS);
        let mut seen = std::collections::HashSet::new();
        names.retain(|name| seen.insert(*name));
        names
    });

/// True when `identifier` equals a reserved name, ignoring ASCII case and
/// surrounding white space.
pub fn is_reserved_claim_name(identifier: &str) -> bool {
    let trimmed = identifier.trim();
    RESERVED_CLAIM_NAMES
        .iter()
        .any(|name| name.eq_ignore_ascii_case(trimmed))
}

const KIND: Kind = Kind {
    list: "custom_claims",
    single: "custom_claim",
    marker: "claim_identifier",
};

/// The members of a claim record that hcjwt models.
const MODELED: [&str; 8] = [
    "id",
    "account_id",
    "brand_id",
    "claim_identifier",
    "claim_value",
    "claim_description",
    "created_at",
    "updated_at",
];

/// One account custom claim, as the API returns it. Members hcjwt does not
/// model are kept and written back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountCustomClaim {
    /// Assigned on create (a ULID); read-only.
    pub id: String,
    /// The account the claim belongs to (read-only); `None` when a stored
    /// document leaves it out.
    pub account_id: Option<u64>,
    /// The brand the claim belongs to (read-only); `None` when a stored
    /// document leaves it out.
    pub brand_id: Option<u64>,
    /// The claim's key in the token payload.
    pub claim_identifier: String,
    /// The claim's value in the token payload.
    pub claim_value: String,
    /// Why the claim exists.
    pub claim_description: Option<String>,
    /// When the claim was created (RFC 3339, read-only).
    pub created_at: String,
    /// When the claim was last changed (RFC 3339, read-only).
    pub updated_at: String,
    extra: Map<String, Value>,
    nulls: Vec<&'static str>,
}

impl Serialize for AccountCustomClaim {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut object = Map::new();
        object.insert("id".into(), self.id.clone().into());
        if let Some(id) = self.account_id {
            object.insert("account_id".into(), id.into());
        }
        if let Some(id) = self.brand_id {
            object.insert("brand_id".into(), id.into());
        }
        object.insert(
            "claim_identifier".into(),
            self.claim_identifier.clone().into(),
        );
        object.insert("claim_value".into(), self.claim_value.clone().into());
        if let Some(description) = &self.claim_description {
            object.insert("claim_description".into(), description.clone().into());
        }
        object.insert("created_at".into(), self.created_at.clone().into());
        object.insert("updated_at".into(), self.updated_at.clone().into());
        let mut value = Value::Object(object);
        document::restore(&mut value, &self.extra, &self.nulls);
        value.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for AccountCustomClaim {
    /// Reads a stored claim under the API's own rules.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let mut errors = FieldErrors::new();
        let claim = read_stored_claim(&value, "", &mut errors);
        match (claim, errors.is_empty()) {
            (Some(claim), true) => Ok(claim),
            _ => Err(serde::de::Error::custom(errors)),
        }
    }
}

/// The body of a create or update request (`{"custom_claim": {...}}`). Every
/// member is optional; `null` counts as absent; read-only members are ignored
/// except an account or brand that names another pair.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimInput {
    /// Read-only: ignored by create and update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Read-only: must match the set's account when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<u64>,
    /// Read-only: must match the set's brand when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_id: Option<u64>,
    /// The claim's key in the token payload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_identifier: Option<String>,
    /// The claim's value in the token payload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_value: Option<String>,
    /// Why the claim exists; an empty string clears it on update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_description: Option<String>,
    /// Read-only: ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Read-only: ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

impl ClaimInput {
    /// A create request with an identifier and a value.
    pub fn new(identifier: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            claim_identifier: Some(identifier.into()),
            claim_value: Some(value.into()),
            ..Self::default()
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.claim_description = Some(description.into());
        self
    }

    /// Reads a request body: `{"custom_claim": {...}}` or the bare object.
    /// Wrong-typed members are validation errors naming each.
    pub fn from_json(json: &[u8]) -> Result<Self> {
        let document = json::parse_strict(json, "custom_claim")?;
        Self::from_value(&document)
    }

    /// Reads a request body from a JSON value (`{"custom_claim": {...}}` or bare).
    pub fn from_value(document: &Value) -> Result<Self> {
        let body = match document.get(KIND.single) {
            Some(inner) => inner,
            None => document,
        };
        let mut errors = FieldErrors::new();
        let Some(mut record) = Record::new(body, "", &mut errors) else {
            return Err(Error::Validation(errors));
        };
        let input = ClaimInput {
            id: record.string("id"),
            account_id: record.id("account_id"),
            brand_id: record.id("brand_id"),
            claim_identifier: record.string("claim_identifier"),
            claim_value: record.string("claim_value"),
            claim_description: record.string("claim_description"),
            created_at: record.string("created_at"),
            updated_at: record.string("updated_at"),
        };
        errors.into_result()?;
        Ok(input)
    }
}

/// hcjwt's creation policy for an identifier.
fn check_identifier(identifier: &str, errors: &mut FieldErrors) {
    const FIELD: &str = "claim_identifier";
    if identifier.trim().is_empty() {
        errors.add(FIELD, "can't be blank");
        return;
    }
    if identifier.len() > MAX_CLAIM_IDENTIFIER_BYTES {
        errors.add(
            FIELD,
            format!("is too long (maximum is {MAX_CLAIM_IDENTIFIER_BYTES} bytes, MAX_CLAIM_IDENTIFIER_BYTES)"),
        );
    }
    if !identifier.bytes().all(|b| b.is_ascii_graphic()) {
        errors.add(
            FIELD,
            "may hold only printable ASCII characters without spaces",
        );
    }
    if is_reserved_claim_name(identifier) {
        errors.add(
            FIELD,
            format!("{} is a reserved claim name", quoted(identifier.trim(), 64)),
        );
    }
}

/// hcjwt's creation policy for a value.
fn check_value(value: &str, errors: &mut FieldErrors) {
    const FIELD: &str = "claim_value";
    if value.trim().is_empty() {
        errors.add(FIELD, "can't be blank");
        return;
    }
    if value.len() > MAX_CLAIM_VALUE_BYTES {
        errors.add(
            FIELD,
            format!(
                "is too long (maximum is {MAX_CLAIM_VALUE_BYTES} bytes, MAX_CLAIM_VALUE_BYTES)"
            ),
        );
    }
    if value.chars().any(char::is_control) {
        errors.add(FIELD, "may not hold control characters");
    }
}

fn check_description(description: &str, errors: &mut FieldErrors) {
    const FIELD: &str = "claim_description";
    if description.len() > MAX_CLAIM_DESCRIPTION_BYTES {
        errors.add(
            FIELD,
            format!("is too long (maximum is {MAX_CLAIM_DESCRIPTION_BYTES} bytes, MAX_CLAIM_DESCRIPTION_BYTES)"),
        );
    }
    if description
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        errors.add(
            FIELD,
            "may not hold control characters other than newline and tab",
        );
    }
}

/// Creation policy: identifiers are unique ignoring ASCII case and padding.
fn same_identifier(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// The custom claims of one account/brand pair: at most
/// [`MAX_CLAIMS_PER_BRAND`], identifiers unique. A set read from a document
/// that names no pair (such as `{"custom_claims": []}`) has none. Every
/// operation either succeeds whole or leaves the set as it was.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimSet {
    pair: Option<(u64, u64)>,
    claims: Vec<AccountCustomClaim>,
    shape: Shape,
}

impl ClaimSet {
    /// An empty set for one account and brand.
    pub fn new(account_id: u64, brand_id: u64) -> Self {
        Self {
            pair: Some((account_id, brand_id)),
            ..Self::default()
        }
    }

    /// Reads a claims document holding at most one account/brand pair: the
    /// API's list response (empty included), a single `{"custom_claim": ...}`,
    /// a bare array or a bare claim object. Claims of several pairs are a
    /// validation error naming the pairs (see [`ClaimSets`] to pick one).
    pub fn from_json(json: &[u8]) -> Result<Self> {
        let sets = ClaimSets::from_json(json)?;
        let shape = sets.shape;
        let mut sets = sets.sets;
        match sets.len() {
            0 => Ok(Self {
                shape,
                ..Self::default()
            }),
            1 => Ok(sets.remove(0)),
            _ => Err(Error::field(
                KIND.list,
                format!(
                    "holds claims of several account/brand pairs ({}): pick one",
                    describe_pairs(&sets)
                ),
            )),
        }
    }

    /// The account this set belongs to, if known.
    pub fn account_id(&self) -> Option<u64> {
        self.pair.map(|(account, _)| account)
    }

    /// The brand this set belongs to, if known.
    pub fn brand_id(&self) -> Option<u64> {
        self.pair.map(|(_, brand)| brand)
    }

    /// Every claim, in creation order (the order they enter the token).
    pub fn list(&self) -> &[AccountCustomClaim] {
        &self.claims
    }

    /// The number of claims.
    pub fn len(&self) -> usize {
        self.claims.len()
    }

    /// True when the set holds no claim.
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }

    /// The claim with this id.
    pub fn get(&self, id: &str) -> Result<&AccountCustomClaim> {
        self.position(id).map(|index| &self.claims[index])
    }

    /// Creates a claim (the API's create), stamped with the current time. A
    /// set without a pair takes it from the input's `account_id` and `brand_id`.
    pub fn create(&mut self, input: ClaimInput) -> Result<&AccountCustomClaim> {
        self.create_at(input, &timestamp::now())
    }

    /// Like [`ClaimSet::create`], stamped with `now` (RFC 3339).
    pub fn create_at(&mut self, input: ClaimInput, now: &str) -> Result<&AccountCustomClaim> {
        let mut errors = FieldErrors::new();
        let pair = match (self.pair, input.account_id, input.brand_id) {
            (Some(pair), _, _) => {
                self.check_pair(&input, &mut errors);
                Some(pair)
            }
            (None, Some(account), Some(brand)) => Some((account, brand)),
            (None, _, _) => {
                errors.add(
                    "base",
                    "this claim set has no account/brand pair: make it with an account id and a brand id, or give both in the claim",
                );
                None
            }
        };
        let identifier = input.claim_identifier.unwrap_or_default();
        let value = input.claim_value.unwrap_or_default();
        check_identifier(&identifier, &mut errors);
        check_value(&value, &mut errors);
        let description = input.claim_description.filter(|d| !d.is_empty());
        if let Some(description) = &description {
            check_description(description, &mut errors);
        }
        if self.claims.len() >= MAX_CLAIMS_PER_BRAND {
            errors.add(
                "base",
                format!(
                    "{} already has {MAX_CLAIMS_PER_BRAND} custom claims, the maximum (MAX_CLAIMS_PER_BRAND)",
                    self.describe_pair()
                ),
            );
        }
        if self
            .claims
            .iter()
            .any(|claim| same_identifier(&claim.claim_identifier, &identifier))
        {
            errors.add("claim_identifier", "has already been taken");
        }
        errors.into_result()?;
        self.pair = pair;
        let (account_id, brand_id) = pair.unzip();
        self.claims.push(AccountCustomClaim {
            id: ulid::Ulid::generate().to_string(),
            account_id,
            brand_id,
            nulls: if description.is_none() {
                vec!["claim_description"]
            } else {
                Vec::new()
            },
            claim_identifier: identifier,
            claim_value: value,
            claim_description: description,
            created_at: now.to_owned(),
            updated_at: now.to_owned(),
            extra: Map::new(),
        });
        Ok(&self.claims[self.claims.len() - 1])
    }

    /// Changes the members given in `changes`; absent members keep their
    /// value. Only the members given are checked against the creation policy.
    pub fn update(&mut self, id: &str, changes: ClaimInput) -> Result<&AccountCustomClaim> {
        self.update_at(id, changes, &timestamp::now())
    }

    /// Like [`ClaimSet::update`], with `updated_at` set to `now` (RFC 3339).
    pub fn update_at(
        &mut self,
        id: &str,
        changes: ClaimInput,
        now: &str,
    ) -> Result<&AccountCustomClaim> {
        let index = self.position(id)?;
        let mut errors = FieldErrors::new();
        self.check_pair(&changes, &mut errors);
        let mut updated = self.claims[index].clone();
        if let Some(identifier) = changes.claim_identifier {
            check_identifier(&identifier, &mut errors);
            let taken = self.claims.iter().enumerate().any(|(other, claim)| {
                other != index && same_identifier(&claim.claim_identifier, &identifier)
            });
            if taken {
                errors.add("claim_identifier", "has already been taken");
            }
            updated.claim_identifier = identifier;
        }
        if let Some(value) = changes.claim_value {
            check_value(&value, &mut errors);
            updated.claim_value = value;
        }
        if let Some(description) = changes.claim_description {
            check_description(&description, &mut errors);
            updated.claim_description = Some(description).filter(|d| !d.is_empty());
            updated.nulls.retain(|name| *name != "claim_description");
            if updated.claim_description.is_none() {
                updated.nulls.push("claim_description");
            }
        }
        errors.into_result()?;
        updated.updated_at = now.to_owned();
        self.claims[index] = updated;
        Ok(&self.claims[index])
    }

    /// Removes the claim with this id and returns it.
    pub fn delete(&mut self, id: &str) -> Result<AccountCustomClaim> {
        let index = self.position(id)?;
        Ok(self.claims.remove(index))
    }

    /// The set as a JSON document: the API's list response
    /// (`{"custom_claims": [...]}`), or the single-record envelope or bare
    /// object it was read from while it holds exactly that one claim.
    pub fn to_json(&self) -> String {
        let value = match (self.shape, self.claims.as_slice()) {
            (Shape::Single, [claim]) => serde_json::json!({ KIND.single: claim }),
            (Shape::Bare, [claim]) => serde_json::json!(claim),
            _ => serde_json::json!({ KIND.list: self.claims }),
        };
        value.to_string()
    }

    fn check_pair(&self, input: &ClaimInput, errors: &mut FieldErrors) {
        let Some((account_id, brand_id)) = self.pair else {
            return;
        };
        if input.account_id.is_some_and(|id| id != account_id) {
            errors.add(
                "account_id",
                format!("does not match this claim set's account {account_id}"),
            );
        }
        if input.brand_id.is_some_and(|id| id != brand_id) {
            errors.add(
                "brand_id",
                format!("does not match this claim set's brand {brand_id}"),
            );
        }
    }

    fn describe_pair(&self) -> String {
        match self.pair {
            Some((account, brand)) => format!("account {account} brand {brand}"),
            None => "this claim set".to_owned(),
        }
    }

    fn position(&self, id: &str) -> Result<usize> {
        self.claims
            .iter()
            .position(|claim| claim.id == id)
            .ok_or_else(|| Error::NotFound {
                resource: "custom claim",
                id: quoted(id, 64),
            })
    }
}

/// Claims of any number of account/brand pairs, as a claims document may
/// hold them; the API's rules apply to each pair.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimSets {
    sets: Vec<ClaimSet>,
    shape: Shape,
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
        let (records, shape) = document::records(document, &KIND)?;
        let mut errors = FieldErrors::new();
        let mut sets: Vec<ClaimSet> = Vec::new();
        // Each pair's set, found by hashing: linear in the claims read.
        let mut set_of: foldhash::HashMap<Option<(u64, u64)>, usize> = Default::default();
        for (index, record) in records.iter().enumerate() {
            let prefix = match shape {
                Shape::List => format!("{}[{index}]", KIND.list),
                Shape::Single => KIND.single.to_owned(),
                Shape::Bare => String::new(),
            };
            let Some(claim) = read_stored_claim(record, &prefix, &mut errors) else {
                continue;
            };
            also(&prefix, &claim, &mut errors);
            let path = |member: &str| {
                if prefix.is_empty() {
                    member.to_owned()
                } else {
                    format!("{prefix}.{member}")
                }
            };
            let pair = claim.account_id.zip(claim.brand_id);
            let position = *set_of.entry(pair).or_insert_with(|| {
                sets.push(ClaimSet {
                    pair,
                    claims: Vec::new(),
                    shape,
                });
                sets.len() - 1
            });
            let set = &mut sets[position];
            if set.claims.iter().any(|other| other.id == claim.id) {
                errors.add(path("id"), "has already been taken");
            } else if set
                .claims
                .iter()
                .any(|other| other.claim_identifier == claim.claim_identifier)
            {
                errors.add(path("claim_identifier"), "has already been taken");
            } else if set.claims.len() >= MAX_CLAIMS_PER_BRAND {
                errors.add(
                    path("base"),
                    format!(
                        "{} has more than {MAX_CLAIMS_PER_BRAND} custom claims (MAX_CLAIMS_PER_BRAND)",
                        set.describe_pair()
                    ),
                );
            } else {
                set.claims.push(claim);
            }
        }
        errors.into_result()?;
        Ok(Self { sets, shape })
    }

    /// The sets, in the order their pairs first appear.
    pub fn sets(&self) -> &[ClaimSet] {
        &self.sets
    }

    /// Every claim of every pair as one document, in the shape it was read
    /// from (see [`ClaimSet::to_json`]).
    pub fn to_json(&self) -> String {
        let all = ClaimSet {
            pair: None,
            claims: self
                .sets
                .iter()
                .flat_map(|set| set.claims.clone())
                .collect(),
            shape: self.shape,
        };
        all.to_json()
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
                    shape: self.shape,
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

fn describe_pairs(sets: &[ClaimSet]) -> String {
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
/// integers, timestamps RFC 3339; a missing `id` or timestamp is assigned.
fn read_stored_claim(
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
        Some(id) if !id.trim().is_empty() => Some(id),
        Some(_) => {
            record.add("id", "can't be blank");
            None
        }
        None if record.value("id").is_none() => Some(ulid::Ulid::generate().to_string()),
        None => None,
    };
    let mut time = |member: &str| match record.string(member) {
        Some(text) if timestamp::parse(&text).is_some() => Some(text),
        Some(_) => {
            record.add(member, "is not an RFC 3339 timestamp");
            None
        }
        None if record.value(member).is_none() => Some(timestamp::now()),
        None => None,
    };
    let created_at = time("created_at");
    let updated_at = time("updated_at");
    let extra = record.unmodeled(&MODELED);
    let nulls = record.nulls(&MODELED);
    if record.errors().message_count() != before {
        return None;
    }
    Some(AccountCustomClaim {
        id: id?,
        account_id,
        brand_id,
        claim_identifier: claim_identifier?,
        claim_value: claim_value?,
        claim_description,
        created_at: created_at?,
        updated_at: updated_at?,
        extra,
        nulls,
    })
}
