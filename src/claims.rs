//! Account custom claims (the Account Custom Claims API) and the claim set of
//! one account/brand pair.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, FieldErrors, Result};
use crate::json;
use crate::limits::{
    MAX_CLAIM_DESCRIPTION_BYTES, MAX_CLAIM_IDENTIFIER_BYTES, MAX_CLAIM_VALUE_BYTES,
    MAX_CLAIMS_PER_BRAND,
};
use crate::timestamp;

/// Names a custom claim identifier may not take, compared ignoring ASCII case
/// and surrounding white space: JWT registered claims, every identity claim of
/// every profile, `user_fields`, JOSE header names, and names OIDC providers
/// reserve.
pub const RESERVED_CLAIM_NAMES: &[&str] = &[
    // RFC 7519 registered claims
    "iss",
    "sub",
    "aud",
    "exp",
    "nbf",
    "iat",
    "jti",
    // help_center profile
    "email",
    "userId",
    "externalId",
    // sso profile
    "name",
    "external_id",
    "organization",
    "organization_id",
    "organizations",
    "organization_ids",
    "phone",
    "tags",
    "remote_photo_url",
    "locale_id",
    "role",
    "custom_role_id",
    // both profiles
    "user_fields",
    // JOSE header parameters
    "alg",
    "typ",
    "cty",
    "kid",
    "jku",
    "jwk",
    "x5u",
    "x5c",
    "x5t",
    "x5t#S256",
    "crit",
    // OIDC
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

/// True when `identifier` equals a reserved name, ignoring ASCII case and
/// surrounding white space.
pub fn is_reserved_claim_name(identifier: &str) -> bool {
    let trimmed = identifier.trim();
    RESERVED_CLAIM_NAMES
        .iter()
        .any(|name| name.eq_ignore_ascii_case(trimmed))
}

/// One account custom claim, as the API returns it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountCustomClaim {
    /// ULID assigned on create (read-only).
    pub id: String,
    /// The account the claim belongs to (read-only).
    pub account_id: u64,
    /// The brand the claim belongs to (read-only).
    pub brand_id: u64,
    /// The claim's key in the token payload.
    pub claim_identifier: String,
    /// The claim's value in the token payload.
    pub claim_value: String,
    /// Why the claim exists; `null` when not given.
    pub claim_description: Option<String>,
    /// When the claim was created (read-only).
    #[serde(with = "timestamp")]
    pub created_at: DateTime<Utc>,
    /// When the claim was last changed (read-only).
    #[serde(with = "timestamp")]
    pub updated_at: DateTime<Utc>,
}

/// The body of a create or update request (`{"custom_claim": {...}}`), and the
/// lenient form in which stored claims are read before validation. Every member
/// is optional; `null` counts as absent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimInput {
    /// Read-only: kept when loading stored claims, ignored by create and update.
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
    /// Read-only: kept when loading stored claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Read-only: kept when loading stored claims.
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
}

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
            format!(
                "{} is a reserved claim name",
                crate::error::quoted(identifier.trim(), 64)
            ),
        );
    }
}

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

fn check_pair(input: &ClaimInput, account_id: u64, brand_id: u64, errors: &mut FieldErrors) {
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

fn same_identifier(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// The custom claims of one (account_id, brand_id) pair: at most
/// [`MAX_CLAIMS_PER_BRAND`], identifiers unique (ignoring ASCII case). Every
/// operation either succeeds whole or leaves the set as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimSet {
    account_id: u64,
    brand_id: u64,
    claims: Vec<AccountCustomClaim>,
}

impl ClaimSet {
    /// An empty set for one account and brand.
    pub fn new(account_id: u64, brand_id: u64) -> Self {
        Self {
            account_id,
            brand_id,
            claims: Vec::new(),
        }
    }

    /// Reads a claims document holding one account/brand pair: the API's list
    /// response, a single `{"custom_claim": ...}`, or a bare array. Claims of
    /// several pairs are a validation error naming the pairs (see
    /// [`ClaimSets`] to pick one).
    pub fn from_json(json: &[u8]) -> Result<Self> {
        let mut sets = ClaimSets::from_json(json)?.sets;
        match sets.len() {
            1 => Ok(sets.remove(0)),
            0 => Err(Error::field(
                "custom_claims",
                "holds no claims, so no account/brand pair is known (use ClaimSet::new)",
            )),
            _ => Err(Error::field(
                "custom_claims",
                format!(
                    "holds claims of several account/brand pairs ({}): pick one",
                    describe_pairs(&sets)
                ),
            )),
        }
    }

    /// The account this set belongs to.
    pub fn account_id(&self) -> u64 {
        self.account_id
    }

    /// The brand this set belongs to.
    pub fn brand_id(&self) -> u64 {
        self.brand_id
    }

    /// Every claim, in creation order (the order they enter the token).
    pub fn list(&self) -> &[AccountCustomClaim] {
        &self.claims
    }

    /// True when the set holds no claim.
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }

    /// The claim with this id.
    pub fn get(&self, id: &str) -> Result<&AccountCustomClaim> {
        self.position(id).map(|index| &self.claims[index])
    }

    /// Creates a claim (the API's create), stamped with the current time.
    pub fn create(&mut self, input: ClaimInput) -> Result<&AccountCustomClaim> {
        self.create_at(input, timestamp::now())
    }

    /// Creates a claim, stamped with `now`.
    pub fn create_at(
        &mut self,
        input: ClaimInput,
        now: DateTime<Utc>,
    ) -> Result<&AccountCustomClaim> {
        let mut errors = FieldErrors::new();
        check_pair(&input, self.account_id, self.brand_id, &mut errors);
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
                    "account {} brand {} already has {MAX_CLAIMS_PER_BRAND} custom claims, the maximum (MAX_CLAIMS_PER_BRAND)",
                    self.account_id, self.brand_id
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
        self.claims.push(AccountCustomClaim {
            id: ulid::Ulid::generate().to_string(),
            account_id: self.account_id,
            brand_id: self.brand_id,
            claim_identifier: identifier,
            claim_value: value,
            claim_description: description,
            created_at: now,
            updated_at: now,
        });
        Ok(&self.claims[self.claims.len() - 1])
    }

    /// Changes the members given in `changes`; absent members keep their value.
    pub fn update(&mut self, id: &str, changes: ClaimInput) -> Result<&AccountCustomClaim> {
        self.update_at(id, changes, timestamp::now())
    }

    /// Like [`ClaimSet::update`], with `updated_at` set to `now`.
    pub fn update_at(
        &mut self,
        id: &str,
        changes: ClaimInput,
        now: DateTime<Utc>,
    ) -> Result<&AccountCustomClaim> {
        let index = self.position(id)?;
        let mut errors = FieldErrors::new();
        check_pair(&changes, self.account_id, self.brand_id, &mut errors);
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
        }
        errors.into_result()?;
        updated.updated_at = now.max(updated.created_at);
        self.claims[index] = updated;
        Ok(&self.claims[index])
    }

    /// Removes the claim with this id and returns it.
    pub fn delete(&mut self, id: &str) -> Result<AccountCustomClaim> {
        let index = self.position(id)?;
        Ok(self.claims.remove(index))
    }

    /// The API's list response: `{"custom_claims": [...]}`.
    pub fn to_json(&self) -> String {
        crate::wire::to_json(&crate::wire::CustomClaimList {
            custom_claims: self.claims.clone(),
        })
    }

    fn position(&self, id: &str) -> Result<usize> {
        self.claims
            .iter()
            .position(|claim| claim.id == id)
            .ok_or_else(|| Error::NotFound {
                resource: "custom claim",
                id: crate::error::quoted(id, 64),
            })
    }
}

/// Claims of any number of account/brand pairs, as a claims document may hold
/// them; the limits apply to each pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimSets {
    sets: Vec<ClaimSet>,
}

impl ClaimSets {
    /// Reads the API's list response (`{"custom_claims": [...]}`), a single
    /// `{"custom_claim": {...}}`, or a bare array of claims, and validates every
    /// claim and every pair. Errors are keyed `custom_claims[i].member`.
    pub fn from_json(json: &[u8]) -> Result<Self> {
        let document = json::parse_strict(json, "claims")?;
        let records = crate::wire::claim_records(document)?;
        Self::from_records(records)
    }

    fn from_records(records: Vec<Value>) -> Result<Self> {
        let mut errors = FieldErrors::new();
        let mut sets: Vec<ClaimSet> = Vec::new();
        let now = timestamp::now();
        for (index, record) in records.into_iter().enumerate() {
            let prefix = format!("custom_claims[{index}]");
            let input: ClaimInput = match json::from_value(record, &prefix) {
                Ok(input) => input,
                Err(Error::Validation(record_errors)) => {
                    errors.extend_prefixed("", record_errors);
                    continue;
                }
                Err(other) => return Err(other),
            };
            let mut claim_errors = FieldErrors::new();
            let claim = read_stored_claim(input, now, &mut claim_errors);
            if !claim_errors.is_empty() {
                errors.extend_prefixed(&prefix, claim_errors);
                continue;
            }
            let Some(claim) = claim else { continue };
            let set = match sets
                .iter_mut()
                .find(|set| set.account_id == claim.account_id && set.brand_id == claim.brand_id)
            {
                Some(set) => set,
                None => {
                    sets.push(ClaimSet::new(claim.account_id, claim.brand_id));
                    let last = sets.len() - 1;
                    &mut sets[last]
                }
            };
            if set.claims.iter().any(|other| other.id == claim.id) {
                errors.add(format!("{prefix}.id"), "has already been taken");
            } else if set
                .claims
                .iter()
                .any(|other| same_identifier(&other.claim_identifier, &claim.claim_identifier))
            {
                errors.add(
                    format!("{prefix}.claim_identifier"),
                    "has already been taken",
                );
            } else if set.claims.len() >= MAX_CLAIMS_PER_BRAND {
                errors.add(
                    format!("{prefix}.base"),
                    format!(
                        "account {} brand {} has more than {MAX_CLAIMS_PER_BRAND} custom claims (MAX_CLAIMS_PER_BRAND)",
                        claim.account_id, claim.brand_id
                    ),
                );
            } else {
                set.claims.push(claim);
            }
        }
        errors.into_result()?;
        Ok(Self { sets })
    }

    /// The sets, in the order their pairs first appear.
    pub fn sets(&self) -> &[ClaimSet] {
        &self.sets
    }

    /// Takes the set of one pair. `brand_id` (and `account_id` when brands
    /// repeat across accounts) may be omitted when the choice is unambiguous; a
    /// pair with no claims gives an empty set when both ids are given.
    pub fn select(self, account_id: Option<u64>, brand_id: Option<u64>) -> Result<ClaimSet> {
        let matching: Vec<ClaimSet> = self
            .sets
            .iter()
            .filter(|set| account_id.is_none_or(|id| id == set.account_id))
            .filter(|set| brand_id.is_none_or(|id| id == set.brand_id))
            .cloned()
            .collect();
        match (matching.len(), account_id, brand_id) {
            (1, _, _) => Ok(matching
                .into_iter()
                .next()
                .unwrap_or_else(|| ClaimSet::new(0, 0))),
            (0, Some(account), Some(brand)) => Ok(ClaimSet::new(account, brand)),
            (0, _, _) if self.sets.is_empty() => Err(Error::field(
                "custom_claims",
                "holds no claims: give both the account id and the brand id",
            )),
            (0, _, _) => Err(Error::field(
                "custom_claims",
                format!(
                    "holds no claims for the requested pair; it holds {}",
                    describe_pairs(&self.sets)
                ),
            )),
            _ => Err(Error::field(
                "custom_claims",
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
        .map(|set| format!("account {} brand {}", set.account_id, set.brand_id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Validates one stored claim record; read-only members default when absent
/// (a new ULID, `now`), except the account and brand, which are required.
fn read_stored_claim(
    input: ClaimInput,
    now: DateTime<Utc>,
    errors: &mut FieldErrors,
) -> Option<AccountCustomClaim> {
    let identifier = input.claim_identifier.unwrap_or_default();
    let value = input.claim_value.unwrap_or_default();
    check_identifier(&identifier, errors);
    check_value(&value, errors);
    if let Some(description) = &input.claim_description {
        check_description(description, errors);
    }
    if input.account_id.is_none() {
        errors.add("account_id", "can't be blank");
    }
    if input.brand_id.is_none() {
        errors.add("brand_id", "can't be blank");
    }
    let id = match input.id {
        None => ulid::Ulid::generate().to_string(),
        Some(id) => {
            if id.parse::<ulid::Ulid>().is_err() || id.len() != 26 {
                errors.add("id", "is not a ULID (26 characters of Crockford base32)");
            }
            id
        }
    };
    let mut read_time = |field: &str, text: Option<String>| match text {
        None => now,
        Some(text) => timestamp::parse(&text).unwrap_or_else(|| {
            errors.add(field, "is not an RFC 3339 timestamp");
            now
        }),
    };
    let created_at = read_time("created_at", input.created_at);
    let updated_at = read_time("updated_at", input.updated_at);
    let (Some(account_id), Some(brand_id)) = (input.account_id, input.brand_id) else {
        return None;
    };
    Some(AccountCustomClaim {
        id,
        account_id,
        brand_id,
        claim_identifier: identifier,
        claim_value: value,
        claim_description: input.claim_description,
        created_at,
        updated_at,
    })
}
