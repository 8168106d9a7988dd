//! [`Json`]: the JSON value hcjwt reads user members and user field values
//! into. Strings are borrowed from the input where they hold no escapes, and
//! numbers keep their text, so a value is written back exactly as given (no
//! rounding of large ids or decimals) and a number such as `1e400` reaches the
//! field check that names it instead of failing the whole document.

mod de;
mod read;
mod write;

use std::borrow::Cow;
use std::fmt;

use serde::de::IgnoredAny;

pub(crate) use de::JsonDeserializer;
pub(crate) use read::{CowKey, skip_seq};
pub(crate) use write::{ObjectWriter, write_string};

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
    /// True unless a number in the value is out of a double's range (such
    /// as `1e400`), which serde_json refuses to read as a number.
    pub fn is_finite(&self) -> bool {
        match self {
            Json::Number(number) => number.is_integer() || number.as_f64().is_finite(),
            Json::Array(items) => items.iter().all(Json::is_finite),
            Json::Object(members) => members.iter().all(|(_, value)| value.is_finite()),
            _ => true,
        }
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

    /// The items, if this is an array.
    pub fn as_array(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The value, if this is a boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Json::Bool(value) => Some(*value),
            _ => None,
        }
    }

    /// The member `key` of an object, taken out (`None` when absent or for
    /// other types).
    pub fn take(&mut self, key: &str) -> Option<Json<'a>> {
        match self {
            Json::Object(members) => {
                let at = members.iter().position(|(name, _)| name == key)?;
                Some(members.remove(at).1)
            }
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
