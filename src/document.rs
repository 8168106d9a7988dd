//! Reading the records of an API document (a list response, a single-record
//! envelope, a bare array or a bare record) and the members of each record,
//! with every problem reported at once at its path
//! (`custom_claims[2].claim_value`) in words for people ("must be a string").

use serde_json::{Map, Value};

use crate::error::{Error, FieldErrors, Result};

/// The envelope a document came in, so it can be written back in its own shape.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `{"custom_claims": [...]}`, `{"user_fields": [...], ...}`.
    #[default]
    List,
    /// A bare array.
    Array,
    /// `{"custom_claim": {...}}`, `{"user_field": {...}}`.
    Single,
    /// A bare record object.
    Bare,
}

/// How a document was read: its shape, and the members of its envelope
/// besides the records (a page's `count`, `meta`, `links`, `next_page`), so
/// it writes back as it came.
#[derive(Clone, Debug, Default)]
pub(crate) struct Envelope {
    pub(crate) shape: Shape,
    pub(crate) members: Map<String, Value>,
    /// False for records made in code, which write the defaults.
    pub(crate) read: bool,
}

/// Envelopes are equal when they write the same document (a set made in
/// code equals the same set read back).
impl PartialEq for Envelope {
    fn eq(&self, other: &Self) -> bool {
        self.shape == other.shape && self.members == other.members
    }
}

impl Eq for Envelope {}

impl Envelope {
    /// The path of record `index` in error documents.
    pub(crate) fn prefix(&self, kind: &Kind, index: usize) -> String {
        match self.shape {
            Shape::List | Shape::Array => format!("{}[{index}]", kind.list),
            Shape::Single => kind.single.to_owned(),
            Shape::Bare => String::new(),
        }
    }

    /// The document holding `records` in this envelope: a single or bare
    /// record while there is exactly one, a bare array for an array, else
    /// the list under `kind.list` with the envelope's other members (its
    /// `count` updated), or `defaults` for records made in code.
    pub(crate) fn write(
        &self,
        kind: &Kind,
        mut records: Vec<Value>,
        defaults: &[(&str, Value)],
    ) -> Value {
        match (self.shape, records.len()) {
            (Shape::Single, 1) => {
                let mut object = Map::new();
                object.insert(kind.single.to_owned(), records.remove(0));
                object.extend(self.members.clone());
                Value::Object(object)
            }
            (Shape::Bare, 1) => records.remove(0),
            (Shape::Array, _) => Value::Array(records),
            _ => {
                let count = records.len();
                let mut object = Map::new();
                object.insert(kind.list.to_owned(), Value::Array(records));
                let members: Vec<(String, Value)> = if !self.read {
                    defaults
                        .iter()
                        .map(|(name, value)| ((*name).to_owned(), value.clone()))
                        .collect()
                } else {
                    self.members.clone().into_iter().collect()
                };
                for (name, value) in members {
                    let value = if name == "count" { count.into() } else { value };
                    object.insert(name, value);
                }
                Value::Object(object)
            }
        }
    }
}

/// The names of one kind of document.
pub(crate) struct Kind {
    /// The list envelope's member (`custom_claims`).
    pub(crate) list: &'static str,
    /// The single-record envelope's member (`custom_claim`).
    pub(crate) single: &'static str,
    /// A member every bare record has (`claim_identifier`, `key`).
    pub(crate) marker: &'static str,
}

/// The records of `document` and the envelope they came in.
pub(crate) fn records(document: Value, kind: &Kind) -> Result<(Vec<Value>, Envelope)> {
    let expected = || {
        Error::field(
            kind.list,
            format!(
                "expected {{\"{}\": [...]}}, {{\"{}\": {{...}}}}, an array or a {} object",
                kind.list, kind.single, kind.single
            ),
        )
    };
    let envelope = |shape, members| Envelope {
        shape,
        members,
        read: true,
    };
    match document {
        Value::Array(items) => Ok((items, envelope(Shape::Array, Map::new()))),
        Value::Object(mut object) => {
            if let Some(items) = object.shift_remove(kind.list) {
                match items {
                    Value::Array(items) => Ok((items, envelope(Shape::List, object))),
                    other => Err(Error::field(
                        kind.list,
                        format!("must be an array, not {}", type_name(&other)),
                    )),
                }
            } else if let Some(item) = object.shift_remove(kind.single) {
                Ok((vec![item], envelope(Shape::Single, object)))
            } else if object.contains_key(kind.marker) {
                Ok((
                    vec![Value::Object(object)],
                    envelope(Shape::Bare, Map::new()),
                ))
            } else {
                Err(expected())
            }
        }
        _ => Err(expected()),
    }
}

/// The JSON type of `value` as messages name it.
pub(crate) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads the members of one record; problems go to `errors` under `prefix.member`.
pub(crate) struct Record<'r> {
    members: &'r Map<String, Value>,
    prefix: String,
    errors: &'r mut FieldErrors,
}

impl<'r> Record<'r> {
    /// The record `value` (which must be an object) under `prefix`; `None`
    /// (with the error added) for any other type.
    pub(crate) fn new(
        value: &'r Value,
        prefix: impl Into<String>,
        errors: &'r mut FieldErrors,
    ) -> Option<Self> {
        let prefix = prefix.into();
        match value {
            Value::Object(members) => Some(Self {
                members,
                prefix,
                errors,
            }),
            other => {
                let field = if prefix.is_empty() { "base" } else { &prefix };
                errors.add(
                    field,
                    format!("must be an object, not {}", type_name(other)),
                );
                None
            }
        }
    }

    /// The path of `member` in error documents.
    pub(crate) fn path(&self, member: &str) -> String {
        if self.prefix.is_empty() {
            member.to_owned()
        } else {
            format!("{}.{member}", self.prefix)
        }
    }

    /// Adds a problem of `member`.
    pub(crate) fn add(&mut self, member: &str, message: impl Into<String>) {
        let path = self.path(member);
        self.errors.add(path, message);
    }

    /// The errors collected so far (for checks spanning several members).
    pub(crate) fn errors(&mut self) -> &mut FieldErrors {
        self.errors
    }

    /// The value of `member`; `None` when absent or `null`.
    pub(crate) fn value(&self, member: &str) -> Option<&'r Value> {
        self.members.get(member).filter(|value| !value.is_null())
    }

    fn typed<T>(
        &mut self,
        member: &str,
        expected: &str,
        read: impl FnOnce(&'r Value) -> Option<T>,
    ) -> Option<T> {
        let value = self.value(member)?;
        let read = read(value);
        if read.is_none() {
            self.add(member, format!("must be {expected}"));
        }
        read
    }

    /// A string member.
    pub(crate) fn string(&mut self, member: &str) -> Option<String> {
        self.typed(member, "a string", |value| {
            value.as_str().map(str::to_owned)
        })
    }

    /// A string member that must be present and not blank.
    pub(crate) fn required_string(&mut self, member: &str) -> Option<String> {
        match self.string(member) {
            Some(text) if !text.trim().is_empty() => Some(text),
            Some(_) => {
                self.add(member, "can't be blank");
                None
            }
            None => {
                if self.value(member).is_none() {
                    self.add(member, "can't be blank");
                }
                None
            }
        }
    }

    /// A non-negative integer member (an id).
    pub(crate) fn id(&mut self, member: &str) -> Option<u64> {
        self.typed(member, "a non-negative integer", Value::as_u64)
    }

    /// An integer member.
    pub(crate) fn integer(&mut self, member: &str) -> Option<i64> {
        self.typed(member, "an integer", Value::as_i64)
    }

    /// A boolean member.
    pub(crate) fn boolean(&mut self, member: &str) -> Option<bool> {
        self.typed(member, "true or false", Value::as_bool)
    }

    /// An array member.
    pub(crate) fn array(&mut self, member: &str) -> Option<&'r Vec<Value>> {
        self.typed(member, "an array", Value::as_array)
    }

    /// An object member, kept as JSON.
    pub(crate) fn object(&mut self, member: &str) -> Option<Value> {
        self.typed(member, "an object", |value| {
            value.is_object().then(|| value.clone())
        })
    }

    /// The members not in `modeled`, kept so the record writes back whole.
    pub(crate) fn unmodeled(&self, modeled: &[&str]) -> Map<String, Value> {
        self.members
            .iter()
            .filter(|(name, _)| !modeled.contains(&name.as_str()))
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect()
    }

    /// The modeled members given as an explicit `null`, so they write back as `null`.
    pub(crate) fn nulls(&self, modeled: &[&'static str]) -> Vec<&'static str> {
        modeled
            .iter()
            .copied()
            .filter(|name| self.members.get(*name).is_some_and(Value::is_null))
            .collect()
    }
}

/// Writes `extra` (unmodeled members) and `nulls` (modeled members that were
/// `null` and are still unset) into the serialized record `object`.
pub(crate) fn restore(object: &mut Value, extra: &Map<String, Value>, nulls: &[&'static str]) {
    if let Value::Object(members) = object {
        for name in nulls {
            if !members.contains_key(*name) {
                members.insert((*name).to_owned(), Value::Null);
            }
        }
        for (name, value) in extra {
            members.entry(name.clone()).or_insert_with(|| value.clone());
        }
    }
}
