//! The field catalog of an account: the User Fields API's field operations,
//! and the checks of a user's `user_fields` object against it.

use std::borrow::Cow;
// foldhash: lookups of user-given keys into a table the catalog fixed, where
// flooding buys nothing; SipHash cost a tenth of a mint.
use foldhash::HashMap;

use super::values::{Normalized, ValueRule};
use super::{UserField, stored};
use crate::document::{self, Envelope, Kind};
use crate::error::{Error, FieldErrors, Result, quoted};
use crate::json;
use crate::value::{Json, Object, ObjectWriter};

pub(super) const KIND: Kind = Kind {
    list: "user_fields",
    single: "user_field",
    marker: "key",
};

/// A field with the rule its values are checked with.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub(crate) field: UserField,
    pub(crate) rule: ValueRule,
}

impl Entry {
    pub(crate) fn new(field: UserField, rule: ValueRule) -> Self {
        Self { field, rule }
    }
}

/// The user fields of an account, in list order (position, then id), with the
/// value rule of each prepared once (compiled patterns, option sets). Every
/// operation either succeeds whole or leaves the catalog as it was.
#[derive(Clone, Debug, Default)]
pub struct FieldCatalog {
    pub(super) entries: Vec<Entry>,
    by_key: HashMap<String, usize>,
    pub(super) base_url: Option<String>,
    envelope: Envelope,
}

/// Whether an option upsert created a new option (the API's 201) or updated
/// one (200).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upsert {
    /// A new option was added.
    Created,
    /// An existing option was changed.
    Updated,
}

impl Upsert {
    /// The HTTP status the API answers with: 201 or 200.
    pub fn status(self) -> u16 {
        match self {
            Upsert::Created => 201,
            Upsert::Updated => 200,
        }
    }
}

/// The entries of a user fields document in its order, and its envelope.
fn read_entries(json: &[u8]) -> Result<(Vec<Entry>, Envelope)> {
    let document = json::parse_strict(json, "user fields")?;
    let (records, envelope) = document::records(document, &KIND)?;
    let mut entries = Vec::new();
    let mut errors = FieldErrors::new();
    let mut taken = stored::Taken::default();
    for (index, record) in records.iter().enumerate() {
        let prefix = envelope.prefix(&KIND, index);
        if let Some(entry) = stored::read_field(&mut taken, record, &prefix, &mut errors) {
            entries.push(entry);
        }
    }
    errors.into_result()?;
    Ok((entries, envelope))
}

pub(super) fn not_found(resource: &'static str, id: &str) -> Error {
    Error::NotFound {
        resource,
        id: quoted(id, 64),
    }
}

/// The one wording for a `user_fields` member that is not an object.
pub(crate) fn not_an_object(values: &Json<'_>) -> String {
    format!(
        "must be an object keyed by field key, not {}",
        values.type_name()
    )
}

impl FieldCatalog {
    /// An empty catalog.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the account's base URL (`https://{subdomain}.zendesk.com`), used for
    /// the `url` members of new records and pagination links; without it links
    /// are relative.
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into().trim_end_matches('/').to_owned());
        self
    }

    /// Reads a user fields document: the API's list response (empty included;
    /// offset or cursor pagination members are ignored), a single
    /// `{"user_field": {...}}`, a bare array or a bare field object. Every
    /// definition is checked against the API's rules; errors are keyed
    /// `user_fields[i].member`. A regexp field whose pattern hcjwt can't run
    /// loads, and [`FieldCatalog::unchecked`] names it.
    pub fn from_json(json: &[u8]) -> Result<Self> {
        let (entries, envelope) = read_entries(json)?;
        let mut catalog = FieldCatalog {
            entries,
            envelope,
            ..FieldCatalog::default()
        };
        catalog.sort();
        Ok(catalog)
    }

    /// The fields of a user fields document (as [`FieldCatalog::from_json`]
    /// reads it, every rule checked) in the document's own order, not the
    /// list order: a desired state's order is what it asks for.
    #[cfg(feature = "remote")]
    pub(crate) fn fields_in_document_order(json: &[u8]) -> Result<Vec<UserField>> {
        Ok(read_entries(json)?
            .0
            .into_iter()
            .map(|entry| entry.field)
            .collect())
    }

    /// The catalog as a JSON document in the shape it was read from: the
    /// API's list response with the members its page held (`count`
    /// updated; `meta` and `links` of a cursor page, `next_page` of an
    /// offset page), a bare array, or the single-record envelope or bare
    /// object while it holds exactly that one field. A catalog made in code
    /// writes the API's list response (`{"user_fields": [...], "count": n,
    /// "next_page": null, "previous_page": null}`).
    pub fn to_json(&self) -> String {
        let records = self
            .fields()
            .map(|field| serde_json::to_value(field).unwrap_or(serde_json::Value::Null))
            .collect();
        let defaults = [
            ("count", serde_json::Value::Null),
            ("next_page", serde_json::Value::Null),
            ("previous_page", serde_json::Value::Null),
        ];
        self.envelope.write(&KIND, records, &defaults).to_string()
    }

    /// Every field, in list order.
    pub fn fields(&self) -> impl Iterator<Item = &UserField> {
        self.entries.iter().map(|entry| &entry.field)
    }

    /// The number of fields.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the catalog holds no field.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The field with this id (digits) or key, as the API's paths take either.
    pub fn get(&self, id_or_key: &str) -> Result<&UserField> {
        self.index_of(id_or_key)
            .map(|index| &self.entries[index].field)
    }

    /// The regexp fields whose values pass unchecked because hcjwt can't run
    /// their pattern: `(key, why)`.
    pub fn unchecked(&self) -> Vec<(&str, &str)> {
        self.entries
            .iter()
            .filter_map(|entry| match &entry.rule {
                ValueRule::Unchecked(reason) => Some((entry.field.key.as_str(), reason.as_str())),
                _ => None,
            })
            .collect()
    }

    /// Checks a user's `user_fields` object and returns the values in the
    /// form the token carries: dates given as timestamps become
    /// `YYYY-MM-DD`, `null` for an inactive or unknown field is left out,
    /// `null` for an active field is kept (it clears the field). Unknown
    /// keys, non-null values of inactive fields and bad values are all
    /// reported at once, keyed by field key.
    pub fn validate<'a>(&self, values: &Json<'a>) -> Result<Json<'a>> {
        let Json::Object(values) = values else {
            return Err(Error::field("user_fields", not_an_object(values)));
        };
        let mut errors = FieldErrors::new();
        let mut normalized = Object::new();
        self.check_values(values, true, "", &mut errors, |key, value| {
            normalized.push((key.clone(), value.to_json()));
        });
        errors.into_result()?;
        Ok(Json::Object(normalized))
    }

    /// Writes the checked `user_fields` object as JSON into `out` (the
    /// minter's path), problems into `errors` under `user_fields.`; `null`
    /// values of active fields are kept when `keep_nulls`.
    pub(crate) fn write_values(
        &self,
        values: &Object<'_>,
        keep_nulls: bool,
        out: &mut Vec<u8>,
        errors: &mut FieldErrors,
    ) {
        let mut object = ObjectWriter::new(out);
        self.check_values(values, keep_nulls, "user_fields.", errors, |key, value| {
            value.write_json(object.member(key));
        });
        object.finish();
    }

    /// The one place values are checked: each accepted value goes to `accept`
    /// in order, each problem to `errors` under `prefix` + key.
    fn check_values<'v, 'a>(
        &self,
        values: &'v Object<'a>,
        keep_nulls: bool,
        prefix: &str,
        errors: &mut FieldErrors,
        mut accept: impl FnMut(&'v Cow<'a, str>, Normalized<'v, 'a>),
    ) {
        for (key, value) in values {
            let entry = self
                .by_key
                .get(key.as_ref())
                .map(|index| &self.entries[*index]);
            match (entry, value) {
                // A fetched user lists every field, null where unset.
                (None, Json::Null) => {}
                (Some(entry), Json::Null) if !entry.field.active => {}
                (Some(_), Json::Null) => {
                    if keep_nulls {
                        accept(key, Normalized::Same(value));
                    }
                }
                (None, _) => errors.add(
                    format!("{prefix}{key}"),
                    "is not a user field of this account",
                ),
                (Some(entry), _) if !entry.field.active => errors.add(
                    format!("{prefix}{key}"),
                    "is not active: only null is accepted",
                ),
                (Some(entry), _) => match entry.rule.normalize(value) {
                    Ok(normalized) => accept(key, normalized),
                    Err(message) => errors.add(format!("{prefix}{key}"), message),
                },
            }
        }
    }

    pub(super) fn index_of(&self, id_or_key: &str) -> Result<usize> {
        let found = match id_or_key.parse::<u64>() {
            Ok(id) => self.index_of_id(id),
            Err(_) => self.index_of_key(id_or_key),
        };
        found.ok_or_else(|| not_found("user field", id_or_key))
    }

    pub(super) fn index_of_key(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    pub(super) fn index_of_id(&self, id: u64) -> Option<usize> {
        self.entries
            .iter()
            .position(|entry| entry.field.id == Some(id))
    }

    pub(super) fn insert(&mut self, entry: Entry) -> usize {
        let key = entry.field.key.clone();
        self.entries.push(entry);
        self.sort();
        // The entry was just pushed: its key is there.
        self.index_of_key(&key).unwrap_or(self.entries.len() - 1)
    }

    /// Puts the entries in list order (position, then id; those the
    /// document gives none keep their order after the others) and indexes
    /// them.
    fn sort(&mut self) {
        self.entries.sort_by_key(|entry| {
            (
                entry.field.position.unwrap_or(i64::MAX),
                entry.field.id.unwrap_or(u64::MAX),
            )
        });
        self.reindex();
    }

    pub(super) fn reindex(&mut self) {
        self.by_key = self
            .entries
            .iter()
            .enumerate()
            .map(|(index, entry)| (entry.field.key.clone(), index))
            .collect();
    }
}
