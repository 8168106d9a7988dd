//! [`Json`]: the JSON value hcjwt reads user members and user field values
//! into. Strings are borrowed from the input where they hold no escapes, and
//! numbers keep their text, so a value is written back exactly as given (no
//! rounding of large ids or decimals) and a number such as `1e400` reaches the
//! field check that names it instead of failing the whole document.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::error::{Error, Result, quoted};
use crate::limits::MAX_JSON_DEPTH;

/// A JSON number, kept as the text it was written with (always valid JSON
/// number syntax; it may be too large for any machine type, which the checks
/// that read it report).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Number<'a>(Cow<'a, str>);

impl<'a> Number<'a> {
    /// The number written as `text`, if `text` is a JSON number.
    pub fn parse(text: impl Into<Cow<'a, str>>) -> Option<Self> {
        let text = text.into();
        let starts_right = text
            .as_bytes()
            .first()
            .is_some_and(|b| *b == b'-' || b.is_ascii_digit());
        // IgnoredAny checks the grammar without converting, so 1e400 passes.
        let valid = starts_right && serde_json::from_str::<IgnoredAny>(&text).is_ok();
        valid.then_some(Number(text))
    }

    /// A finite float; `None` for NaN and the infinities, which JSON lacks.
    pub fn from_f64(value: f64) -> Option<Number<'static>> {
        serde_json::Number::from_f64(value).map(|number| Number(Cow::Owned(number.to_string())))
    }

    /// The number's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the text is an integer: digits with an optional minus sign,
    /// no fraction and no exponent.
    pub fn is_integer(&self) -> bool {
        let digits = self.0.strip_prefix('-').unwrap_or(&self.0);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    }

    /// The value when it is an integer that fits a `u64`.
    pub fn as_u64(&self) -> Option<u64> {
        if self.0.starts_with('-') || !self.is_integer() {
            return None;
        }
        self.0.parse().ok()
    }

    /// The value when it is an integer that fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        if !self.is_integer() {
            return None;
        }
        self.0.parse().ok()
    }

    /// The value as a float (infinite when the text is out of range).
    pub fn as_f64(&self) -> f64 {
        self.0.parse().unwrap_or(f64::NAN)
    }

    /// The same number, owning its text.
    pub fn into_owned(self) -> Number<'static> {
        Number(Cow::Owned(self.0.into_owned()))
    }
}

impl<'a> From<u64> for Number<'a> {
    fn from(value: u64) -> Self {
        Number(Cow::Owned(value.to_string()))
    }
}

impl<'a> From<i64> for Number<'a> {
    fn from(value: i64) -> Self {
        Number(Cow::Owned(value.to_string()))
    }
}

impl fmt::Display for Number<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The members of a JSON object in document order (duplicates are refused
/// when reading, so each key appears once).
pub type Object<'a> = Vec<(Cow<'a, str>, Json<'a>)>;

/// A JSON value, borrowed from its input where possible.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Json<'a> {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(Number<'a>),
    /// A string.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object, members in document order.
    Object(Object<'a>),
}

impl<'a> Json<'a> {
    /// Reads one JSON document. Syntax errors, duplicate object members and
    /// nesting deeper than [`MAX_JSON_DEPTH`] are [`Error::Json`]; `what`
    /// names the document in the error ("user", "user_fields", ...).
    pub fn from_slice(input: &'a [u8], what: &str) -> Result<Self> {
        let raw: &'a RawValue = serde_json::from_slice(input).map_err(|error| Error::Json {
            input: what.to_owned(),
            message: error.to_string(),
        })?;
        Self::from_raw(raw, 0).map_err(|message| Error::Json {
            input: what.to_owned(),
            message,
        })
    }

    /// Reads a value whose syntax serde_json has already checked.
    pub(crate) fn from_raw(raw: &'a RawValue, depth: usize) -> Result<Self, String> {
        if depth > MAX_JSON_DEPTH {
            return Err(format!(
                "nested deeper than {MAX_JSON_DEPTH} levels (MAX_JSON_DEPTH)"
            ));
        }
        let text = raw.get();
        let parse_error = |error: serde_json::Error| error.to_string();
        Ok(match text.as_bytes().first() {
            // serde_json checked the string: without escapes its text between
            // the quotes is the value, borrowed as is.
            Some(b'"') if !text.contains('\\') => {
                Json::String(Cow::Borrowed(&text[1..text.len() - 1]))
            }
            Some(b'"') => {
                let mut deserializer = serde_json::Deserializer::from_str(text);
                Json::String(deserializer.deserialize_str(CowStr).map_err(parse_error)?)
            }
            Some(b't') => Json::Bool(true),
            Some(b'f') => Json::Bool(false),
            Some(b'n') => Json::Null,
            Some(b'[') => {
                let items: Vec<&'a RawValue> = serde_json::from_str(text).map_err(parse_error)?;
                let mut values = Vec::with_capacity(items.len());
                for item in items {
                    values.push(Self::from_raw(item, depth + 1)?);
                }
                Json::Array(values)
            }
            Some(b'{') => {
                let mut deserializer = serde_json::Deserializer::from_str(text);
                let members = deserializer
                    .deserialize_map(RawMembers)
                    .map_err(parse_error)?;
                let mut object = Object::with_capacity(members.len());
                for (key, value) in members {
                    object.push((key, Self::from_raw(value, depth + 1)?));
                }
                Json::Object(object)
            }
            // serde_json checked the grammar: anything else is a number.
            _ => Json::Number(Number(Cow::Borrowed(text))),
        })
    }

    /// True for `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<&Number<'a>> {
        match self {
            Json::Number(number) => Some(number),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The member `key` of an object (`None` for other types).
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.as_object()?
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value)
    }

    /// The value's JSON type, as error messages name it ("a string", ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// Appends the value as compact JSON.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            Json::Null => out.extend_from_slice(b"null"),
            Json::Bool(true) => out.extend_from_slice(b"true"),
            Json::Bool(false) => out.extend_from_slice(b"false"),
            Json::Number(number) => out.extend_from_slice(number.as_str().as_bytes()),
            Json::String(text) => write_string(out, text),
            Json::Array(items) => {
                out.push(b'[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push(b',');
                    }
                    item.write_json(out);
                }
                out.push(b']');
            }
            Json::Object(members) => {
                let mut object = ObjectWriter::new(out);
                for (key, value) in members {
                    value.write_json(object.member(key));
                }
                object.finish();
            }
        }
    }

    /// The same value, owning every string.
    pub fn into_owned(self) -> Json<'static> {
        match self {
            Json::Null => Json::Null,
            Json::Bool(value) => Json::Bool(value),
            Json::Number(number) => Json::Number(number.into_owned()),
            Json::String(text) => Json::String(Cow::Owned(text.into_owned())),
            Json::Array(items) => Json::Array(items.into_iter().map(Json::into_owned).collect()),
            Json::Object(members) => Json::Object(
                members
                    .into_iter()
                    .map(|(key, value)| (Cow::Owned(key.into_owned()), value.into_owned()))
                    .collect(),
            ),
        }
    }
}

/// Writes a JSON object member by member: `{`, then `"key":` (with the comma
/// between members) before each value the caller writes, then `}`.
pub(crate) struct ObjectWriter<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
}

impl<'o> ObjectWriter<'o> {
    pub(crate) fn new(out: &'o mut Vec<u8>) -> Self {
        out.push(b'{');
        Self { out, first: true }
    }

    /// Starts the member `key`; its value goes into the returned buffer.
    pub(crate) fn member(&mut self, key: &str) -> &mut Vec<u8> {
        if !std::mem::take(&mut self.first) {
            self.out.push(b',');
        }
        write_string(self.out, key);
        self.out.push(b':');
        self.out
    }

    pub(crate) fn finish(self) {
        self.out.push(b'}');
    }
}

/// Appends `text` as a JSON string.
pub(crate) fn write_string(out: &mut Vec<u8>, text: &str) {
    // Writing a &str into a Vec<u8> cannot fail.
    let _ = serde_json::to_writer(&mut *out, text);
}

impl fmt::Display for Json<'_> {
    /// Compact JSON text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = Vec::new();
        self.write_json(&mut out);
        f.write_str(&String::from_utf8_lossy(&out))
    }
}

impl<'a> From<&'a serde_json::Value> for Json<'a> {
    /// Borrows every string of `value`.
    fn from(value: &'a serde_json::Value) -> Self {
        match value {
            serde_json::Value::Null => Json::Null,
            serde_json::Value::Bool(value) => Json::Bool(*value),
            serde_json::Value::Number(number) => {
                Json::Number(Number(Cow::Owned(number.to_string())))
            }
            serde_json::Value::String(text) => Json::String(Cow::Borrowed(text)),
            serde_json::Value::Array(items) => Json::Array(items.iter().map(Json::from).collect()),
            serde_json::Value::Object(members) => Json::Object(
                members
                    .iter()
                    .map(|(key, value)| (Cow::Borrowed(key.as_str()), Json::from(value)))
                    .collect(),
            ),
        }
    }
}

impl From<serde_json::Value> for Json<'static> {
    fn from(value: serde_json::Value) -> Self {
        Json::from(&value).into_owned()
    }
}

impl<'a> From<&'a str> for Json<'a> {
    fn from(text: &'a str) -> Self {
        Json::String(Cow::Borrowed(text))
    }
}

impl<'a> From<Cow<'a, str>> for Json<'a> {
    fn from(text: Cow<'a, str>) -> Self {
        Json::String(text)
    }
}

impl<'a> From<Number<'a>> for Json<'a> {
    fn from(number: Number<'a>) -> Self {
        Json::Number(number)
    }
}

impl<'a> From<String> for Json<'a> {
    fn from(text: String) -> Self {
        Json::String(Cow::Owned(text))
    }
}

impl<'a> From<bool> for Json<'a> {
    fn from(value: bool) -> Self {
        Json::Bool(value)
    }
}

impl<'a> From<u64> for Json<'a> {
    fn from(value: u64) -> Self {
        Json::Number(value.into())
    }
}

impl<'a> From<i64> for Json<'a> {
    fn from(value: i64) -> Self {
        Json::Number(value.into())
    }
}

/// A string, borrowed when it holds no escapes.
struct CowStr;

impl<'de> Visitor<'de> for CowStr {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(text))
    }
    fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text.to_owned()))
    }
    fn visit_string<E>(self, text: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text))
    }
}

impl<'de> de::Deserialize<'de> for CowKey<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(CowStr).map(CowKey)
    }
}

/// An object key, borrowed when it holds no escapes.
pub(crate) struct CowKey<'a>(pub(crate) Cow<'a, str>);

/// The members of an object with their values unread; a repeated key is an error.
struct RawMembers;

impl<'de> Visitor<'de> for RawMembers {
    type Value = Vec<(Cow<'de, str>, &'de RawValue)>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members: Self::Value = Vec::new();
        let mut keys = KeySet::default();
        while let Some(CowKey(key)) = map.next_key()? {
            if !keys.insert(key.clone()) {
                return Err(de::Error::custom(format_args!(
                    "duplicate member {}",
                    quoted(&key, 64)
                )));
            }
            members.push((key, map.next_value()?));
        }
        Ok(members)
    }
}

/// The keys of an object seen so far: a short list scanned linearly (objects
/// hcjwt reads are small), a hash set once the object grows, so a hostile
/// object with many members is still checked in linear time.
#[derive(Default)]
pub(crate) struct KeySet<'a> {
    short: Vec<Cow<'a, str>>,
    long: Option<std::collections::HashSet<Cow<'a, str>>>,
}

impl<'a> KeySet<'a> {
    const LINEAR_SCAN_MAX: usize = 32;

    /// Adds `key`; false when it was already there.
    pub(crate) fn insert(&mut self, key: Cow<'a, str>) -> bool {
        if let Some(long) = &mut self.long {
            return long.insert(key);
        }
        if self.short.contains(&key) {
            return false;
        }
        self.short.push(key);
        if self.short.len() > Self::LINEAR_SCAN_MAX {
            self.long = Some(self.short.drain(..).collect());
        }
        true
    }
}

/// Drains a sequence the caller does not read.
pub(crate) fn skip_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings without escapes are borrowed from the input; escaped ones are
    /// decoded; both give the same values serde_json gives.
    #[test]
    fn strings_are_borrowed_unless_escaped() {
        let input = r#"{"plain": "Johnny", "quote": "a\"b", "accent": "caf\u00e9", "slash": "a\/b", "empty": "", "raw": "été"}"#
            .as_bytes();
        let value = Json::from_slice(input, "test").unwrap();
        let expected: serde_json::Value = serde_json::from_slice(input).unwrap();
        for (key, text) in expected.as_object().unwrap() {
            assert_eq!(
                value.get(key).and_then(Json::as_str),
                text.as_str(),
                "{key}"
            );
        }
        assert!(matches!(
            value.get("plain"),
            Some(Json::String(Cow::Borrowed("Johnny")))
        ));
        assert!(matches!(
            value.get("quote"),
            Some(Json::String(Cow::Owned(_)))
        ));
    }
}
