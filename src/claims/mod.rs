//! Account custom claims (the Account Custom Claims API) and the claim set of
//! one account/brand pair.
//!
//! Two levels of rules apply. A document the API returned loads when it
//! satisfies the API's own rules: at most five claims per pair, identifier
//! and value present, identifiers unique. hcjwt's stricter creation policy
//! (identifier charset and length, value length, the reserved names) applies
//! when a claim is created or updated through hcjwt.

//!
//! - `reserved`: the names an identifier may not take;
//! - `policy`: the creation policy;
//! - `stored`: reading documents of any number of pairs ([`ClaimSets`]).

mod policy;
mod reserved;
mod stored;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::document::{self, Envelope, Kind, Record};
use crate::error::{Error, FieldErrors, Result, quoted};
use crate::json;
use crate::limits::MAX_CLAIMS_PER_BRAND;
use crate::timestamp;
pub(crate) use policy::same_identifier;
use policy::{check_description, check_identifier, check_value};
pub use reserved::{RESERVED_CLAIM_NAMES, is_reserved_claim_name};
pub use stored::ClaimSets;
pub(crate) use stored::describe_pairs;

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
    /// Assigned on create (a ULID); read-only. `None` in a document that
    /// leaves it out (a request body), never made up.
    pub id: Option<String>,
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
    /// When the claim was created (RFC 3339, read-only), if the document says.
    pub created_at: Option<String>,
    /// When the claim was last changed (RFC 3339, read-only), if the document says.
    pub updated_at: Option<String>,
    extra: Map<String, Value>,
    nulls: Vec<&'static str>,
}

impl Serialize for AccountCustomClaim {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut object = Map::new();
        if let Some(id) = &self.id {
            object.insert("id".into(), id.clone().into());
        }
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
        for (name, time) in [
            ("created_at", &self.created_at),
            ("updated_at", &self.updated_at),
        ] {
            if let Some(time) = time {
                object.insert(name.into(), time.clone().into());
            }
        }
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
        let claim = stored::read_stored_claim(&value, "", &mut errors);
        match (claim, errors.is_empty()) {
            (Some(claim), true) => Ok(claim),
            _ => Err(serde::de::Error::custom(errors)),
        }
    }
}

/// The body of a create or update request (`{"custom_claim": {...}}`). Every
/// member is optional; `null` counts as absent; read-only members are ignored
/// except an account or brand that names another pair.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ClaimInput {
    /// Read-only: ignored by create and update.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Read-only: must match the set's account when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_id: Option<u64>,
    /// Read-only: must match the set's brand when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand_id: Option<u64>,
    /// The claim's key in the token payload.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim_identifier: Option<String>,
    /// The claim's value in the token payload.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim_value: Option<String>,
    /// Why the claim exists; an empty string clears it on update.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim_description: Option<String>,
    /// Read-only: ignored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    /// Read-only: ignored.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
}

impl<'de> Deserialize<'de> for ClaimInput {
    /// Reads a request body by the one reader of request bodies
    /// ([`ClaimInput::from_value`]), so serde and `from_json` agree.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_value(&value).map_err(serde::de::Error::custom)
    }
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

/// The custom claims of one account/brand pair: at most
/// [`MAX_CLAIMS_PER_BRAND`], identifiers unique. A set read from a document
/// that names no pair (such as `{"custom_claims": []}`) has none. Every
/// operation either succeeds whole or leaves the set as it was.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimSet {
    pair: Option<(u64, u64)>,
    claims: Vec<AccountCustomClaim>,
    envelope: Envelope,
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
        let envelope = sets.envelope;
        let mut sets = sets.sets;
        match sets.len() {
            0 => Ok(Self {
                envelope,
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
            id: Some(ulid::Ulid::generate().to_string()),
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
            created_at: Some(now.to_owned()),
            updated_at: Some(now.to_owned()),
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
        updated.updated_at = Some(now.to_owned());
        self.claims[index] = updated;
        Ok(&self.claims[index])
    }

    /// Removes the claim with this id and returns it.
    pub fn delete(&mut self, id: &str) -> Result<AccountCustomClaim> {
        let index = self.position(id)?;
        Ok(self.claims.remove(index))
    }

    /// The set as a JSON document in the shape it was read from: the API's
    /// list response (`{"custom_claims": [...]}`, with any other members it
    /// held), a bare array, or the single-record envelope or bare object
    /// while it holds exactly that one claim.
    pub fn to_json(&self) -> String {
        write_claims(&self.envelope, &self.claims)
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
            .position(|claim| claim.id.as_deref() == Some(id))
            .ok_or_else(|| Error::NotFound {
                resource: "custom claim",
                id: quoted(id, 64),
            })
    }
}

/// The claims as a document in `envelope`'s shape.
fn write_claims(envelope: &Envelope, claims: &[AccountCustomClaim]) -> String {
    let records = claims
        .iter()
        .map(|claim| serde_json::to_value(claim).unwrap_or(Value::Null))
        .collect();
    envelope.write(&KIND, records, &[]).to_string()
}
