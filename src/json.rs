//! Strict JSON reading shared by every input: duplicate members are an error,
//! numbers must be finite, and serde_json's nesting limit (128) applies.

use std::fmt;

use serde::Deserializer;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::error::{Error, Result};

/// Parses `input` as one JSON document, rejecting duplicate object members.
/// `what` names the document in the error ("claims", "user", ...).
pub fn parse_strict(input: &[u8], what: &str) -> Result<Value> {
    // Valid UTF-8 (the usual case) is read as text, so serde_json does not
    // check each string again; otherwise serde_json reads the bytes and
    // names the position of the bad byte.
    let value = match std::str::from_utf8(input) {
        Ok(text) => read_strict(serde_json::Deserializer::from_str(text)),
        Err(_) => read_strict(serde_json::Deserializer::from_slice(input)),
    };
    value.map_err(|error| json_error(what, error))
}

fn read_strict<'de, R: serde_json::de::Read<'de>>(
    mut deserializer: serde_json::Deserializer<R>,
) -> serde_json::Result<Value> {
    let value = StrictValue.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

pub(crate) fn json_error(what: &str, error: serde_json::Error) -> Error {
    Error::Json {
        input: what.to_owned(),
        message: error.to_string(),
        cause: Some(std::sync::Arc::new(error)),
    }
}

struct StrictValue;

impl<'de> DeserializeSeed<'de> for StrictValue {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("number is not finite"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(StrictValue)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        // Grown as members come: an empty object costs nothing, so memory
        // stays in proportion to the text.
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(StrictValue)?;
            match members.entry(key) {
                serde_json::map::Entry::Vacant(entry) => {
                    entry.insert(value);
                }
                serde_json::map::Entry::Occupied(entry) => return Err(duplicate(entry.key())),
            }
        }
        Ok(Value::Object(members))
    }
}

/// The error for a member that appears twice.
pub(crate) fn duplicate<E: de::Error>(key: &str) -> E {
    E::custom(duplicate_message(key))
}

/// The words of that error, for readers outside serde.
pub(crate) fn duplicate_message(key: &str) -> String {
    format!("duplicate member {}", crate::error::quoted(key, 64))
}
