//! Strict JSON reading shared by every input: duplicate members are an error,
//! numbers must be finite, and serde_json's nesting limit (128) applies.

use std::fmt;

use serde::Deserializer;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::error::{Error, FieldErrors, Result};

/// Parses `input` as one JSON document, rejecting duplicate object members.
/// `what` names the document in the error ("claims", "user", ...).
pub fn parse_strict(input: &[u8], what: &str) -> Result<Value> {
    let mut deserializer = serde_json::Deserializer::from_slice(input);
    let value = StrictValue
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value))
        .map_err(|error| json_error(what, &error))?;
    Ok(value)
}

pub(crate) fn json_error(what: &str, error: &serde_json::Error) -> Error {
    Error::Json {
        input: what.to_owned(),
        message: error.to_string(),
    }
}

/// Converts a JSON value into `T`, reporting a mismatch as a validation error
/// on the member at fault (`title`, `custom_field_options[0].value`, ...).
pub(crate) fn from_value<T: serde::de::DeserializeOwned>(
    value: Value,
    field_prefix: &str,
) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        let field = match (field_prefix.is_empty(), path == ".") {
            (true, true) => "base".to_owned(),
            (true, false) => path,
            (false, true) => field_prefix.to_owned(),
            (false, false) => format!("{field_prefix}.{path}"),
        };
        Error::Validation(FieldErrors::single(field, error.into_inner().to_string()))
    })
}

/// `deserialize_with` for an optional JSON object read strictly (duplicate
/// members refused); `null` is absent.
pub(crate) fn strict_object<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Map<String, Value>>, D::Error> {
    match StrictValue.deserialize(deserializer)? {
        Value::Null => Ok(None),
        Value::Object(object) => Ok(Some(object)),
        other => Err(de::Error::invalid_type(unexpected(&other), &"an object")),
    }
}

/// `deserialize_with` for an optional JSON value read strictly; `null` is absent.
pub(crate) fn strict_value<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Value>, D::Error> {
    match StrictValue.deserialize(deserializer)? {
        Value::Null => Ok(None),
        other => Ok(Some(other)),
    }
}

fn unexpected(value: &Value) -> de::Unexpected<'_> {
    match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(_) => de::Unexpected::Other("a number"),
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

/// Deserializes `T` straight from JSON text (no intermediate value); syntax
/// errors and duplicate members are [`Error::Json`], type mismatches are
/// validation errors on the member at fault.
pub(crate) fn from_slice<T: serde::de::DeserializeOwned>(input: &[u8], what: &str) -> Result<T> {
    let mut deserializer = serde_json::Deserializer::from_slice(input);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        let message = inner.to_string();
        if inner.is_data() && !message.starts_with("duplicate") {
            let field = if path == "." { what.to_owned() } else { path };
            Error::Validation(FieldErrors::single(field, message))
        } else {
            json_error(what, &inner)
        }
    })?;
    deserializer
        .end()
        .map_err(|error| json_error(what, &error))?;
    Ok(value)
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
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element_seed(StrictValue)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if members.contains_key(&key) {
                return Err(de::Error::custom(format_args!(
                    "duplicate member {}",
                    crate::error::quoted(&key, 64)
                )));
            }
            let value = map.next_value_seed(StrictValue)?;
            members.insert(key, value);
        }
        Ok(Value::Object(members))
    }
}
