//! Field errors in the API's own shape, bounded in size.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::Error;
use crate::limits::{MAX_MESSAGES_PER_FIELD, MAX_REPORTED_FIELDS};

/// Field errors in the shape the Zendesk APIs answer with:
/// `{"errors": {"claim_value": ["can't be blank"]}}`.
///
/// Keys are field names (`claim_value`, `key`, a user field's key, or a path
/// such as `custom_claims[1].claim_identifier` when a document holds several
/// records); each holds one or more messages. At most
/// [`MAX_REPORTED_FIELDS`] fields and [`MAX_MESSAGES_PER_FIELD`] messages
/// each are kept, so a hostile document with millions of bad records costs
/// memory in proportion to that, not to itself: the rest are counted under
/// `base` ("and 41 more problems not listed").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    from = "BTreeMap<String, Vec<String>>",
    into = "BTreeMap<String, Vec<String>>"
)]
pub struct FieldErrors {
    map: BTreeMap<String, Vec<String>>,
    /// Every problem added, kept or not.
    added: usize,
    /// Problems not kept, and where their count is written under `base`.
    omitted: usize,
    note_at: Option<usize>,
}

impl From<BTreeMap<String, Vec<String>>> for FieldErrors {
    fn from(map: BTreeMap<String, Vec<String>>) -> Self {
        Self {
            added: map.values().map(Vec::len).sum(),
            map,
            omitted: 0,
            note_at: None,
        }
    }
}

impl From<FieldErrors> for BTreeMap<String, Vec<String>> {
    fn from(errors: FieldErrors) -> Self {
        errors.map
    }
}

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `message` under `field` (counted, not kept, past the limits).
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        let field = field.into();
        self.added += 1;
        let kept = match self.map.get(&field) {
            Some(messages) => messages.len() < MAX_MESSAGES_PER_FIELD,
            None => self.map.len() < MAX_REPORTED_FIELDS,
        };
        if kept {
            self.map.entry(field).or_default().push(message.into());
            return;
        }
        self.omitted += 1;
        let note = format!(
            "and {} more problems not listed (MAX_REPORTED_FIELDS)",
            self.omitted
        );
        let base = self.map.entry("base".to_owned()).or_default();
        match self.note_at {
            Some(at) if at < base.len() => base[at] = note,
            _ => {
                self.note_at = Some(base.len());
                base.push(note);
            }
        }
    }

    /// Adds every error of `other`, its field names prefixed with `prefix` and a dot
    /// (no dot when `prefix` is empty).
    pub fn extend_prefixed(&mut self, prefix: &str, other: FieldErrors) {
        for (field, messages) in other.map {
            let name = if prefix.is_empty() {
                field
            } else {
                format!("{prefix}.{field}")
            };
            for message in messages {
                self.add(name.clone(), message);
            }
        }
    }

    /// True when no error was added.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The number of fields with errors.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// The number of problems added over all fields (those past the
    /// limits included).
    pub fn message_count(&self) -> usize {
        self.added
    }

    /// The messages for `field`, if any.
    pub fn get(&self, field: &str) -> Option<&[String]> {
        self.map.get(field).map(Vec::as_slice)
    }

    /// Iterates over `(field, messages)` in field-name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.map.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// `Ok(())` when empty, else [`Error::Validation`] holding these errors.
    pub fn into_result(self) -> Result<(), Error> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(self))
        }
    }

    /// The API's error document: `{"errors": {...}}`.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    /// The API's error document as a JSON value.
    pub fn to_value(&self) -> serde_json::Value {
        let errors: serde_json::Map<String, serde_json::Value> = self
            .map
            .iter()
            .map(|(field, messages)| (field.clone(), messages.clone().into()))
            .collect();
        let mut document = serde_json::Map::new();
        document.insert("errors".to_owned(), errors.into());
        document.into()
    }

    /// Errors with a single field and message.
    pub fn single(field: impl Into<String>, message: impl Into<String>) -> Self {
        let mut errors = Self::new();
        errors.add(field, message);
        errors
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (field, messages) in &self.map {
            for message in messages {
                if !first {
                    f.write_str("; ")?;
                }
                first = false;
                write!(f, "{field} {message}")?;
            }
        }
        Ok(())
    }
}
