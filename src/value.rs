//! [`Json`]: the JSON value hcjwt reads user members and user field values
//! into. Strings are borrowed from the input where they hold no escapes, and
//! numbers keep their text, so a value is written back exactly as given (no
//! rounding of large ids or decimals) and a number such as `1e400` reaches the
//! field check that names it instead of failing the whole document.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::error::{Error, Result};
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

    /// Reads a value whose syntax serde_json has already checked, in one
    /// pass over its text (see [`Checked`]). `depth` is the nesting of `raw`
    /// in its document.
    pub(crate) fn from_raw(raw: &'a RawValue, depth: usize) -> Result<Self, String> {
        let text = raw.get();
        Ok(match text.as_bytes().first() {
            // serde_json checked the string: without escapes its text between
            // the quotes is the value, borrowed as is.
            Some(b'"') if memchr::memchr(b'\\', text.as_bytes()).is_none() => {
                Json::String(Cow::Borrowed(&text[1..text.len() - 1]))
            }
            Some(b'"' | b'[' | b'{') => Checked { text, at: 0 }.value(depth)?,
            Some(b't') => Json::Bool(true),
            Some(b'f') => Json::Bool(false),
            Some(b'n') => Json::Null,
            // serde_json checked the grammar: anything else is a number.
            _ => Json::Number(Number(Cow::Borrowed(text))),
        })
    }

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
    // Most strings need no escape: copied between quotes in one go.
    if !text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.reserve(text.len() + 2);
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
        return;
    }
    // serde_json escapes the rest. Writing a &str into a Vec<u8> cannot fail.
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

/// A reader of JSON text that serde_json has already checked (a
/// [`RawValue`]): serde_json did the validation, this only walks the valid
/// text once, borrowing strings without escapes and keeping each number's
/// text, which serde_json gives only as a machine number (`1e400` out of
/// range, `1.50` as 1.5) unless a process-wide feature is on. Escaped strings
/// are decoded by serde_json. Running off the text is an error, not a panic,
/// should it ever be handed unchecked text.
struct Checked<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Checked<'a> {
    fn truncated() -> String {
        "the JSON text ends early".to_owned()
    }

    /// The next byte that is not whitespace, without consuming it.
    fn peek(&mut self) -> Result<u8, String> {
        let bytes = self.text.as_bytes();
        while let Some(&byte) = bytes.get(self.at) {
            if !matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
                return Ok(byte);
            }
            self.at += 1;
        }
        Err(Self::truncated())
    }

    /// Consumes the next non-whitespace byte, which must be `expected`.
    fn expect(&mut self, expected: u8) -> Result<(), String> {
        match self.peek()? {
            byte if byte == expected => {
                self.at += 1;
                Ok(())
            }
            byte => Err(format!(
                "expected {:?}, found {:?}",
                char::from(expected),
                char::from(byte)
            )),
        }
    }

    /// After an item of an array or object: true when another follows.
    fn another(&mut self, close: u8) -> Result<bool, String> {
        let byte = self.peek()?;
        self.at += 1;
        match byte {
            b',' => Ok(true),
            _ if byte == close => Ok(false),
            _ => Err(format!("unexpected {:?}", char::from(byte))),
        }
    }

    /// The text from `start` to the reading position.
    fn since(&self, start: usize) -> Result<&'a str, String> {
        self.text.get(start..self.at).ok_or_else(Self::truncated)
    }

    fn value(&mut self, depth: usize) -> Result<Json<'a>, String> {
        if depth > MAX_JSON_DEPTH {
            return Err(format!(
                "nested deeper than {MAX_JSON_DEPTH} levels (MAX_JSON_DEPTH)"
            ));
        }
        let first = self.peek()?;
        Ok(match first {
            b'"' => Json::String(self.string()?),
            b't' => self.literal("true", Json::Bool(true))?,
            b'f' => self.literal("false", Json::Bool(false))?,
            b'n' => self.literal("null", Json::Null)?,
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if self.peek()? == b']' {
                    self.at += 1;
                } else {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if !self.another(b']')? {
                            break;
                        }
                    }
                }
                Json::Array(items)
            }
            b'{' => {
                self.at += 1;
                let mut members = Object::new();
                if self.peek()? == b'}' {
                    self.at += 1;
                } else {
                    // The keys read so far are in `members`: scanned while
                    // few, hashed (a set built once) when the object grows.
                    let mut keys: Option<KeySet> = None;
                    loop {
                        self.peek()?;
                        let key = self.string()?;
                        let repeated = match &mut keys {
                            Some(keys) => !keys.insert(key.clone()),
                            None if members.len() < KeySet::LINEAR_SCAN_MAX => {
                                members.iter().any(|(seen, _)| *seen == key)
                            }
                            None => {
                                let mut set = KeySet::default();
                                for (seen, _) in &members {
                                    set.insert(seen.clone());
                                }
                                let repeated = !set.insert(key.clone());
                                keys = Some(set);
                                repeated
                            }
                        };
                        if repeated {
                            return Err(crate::json::duplicate_message(&key));
                        }
                        self.expect(b':')?;
                        members.push((key, self.value(depth + 1)?));
                        if !self.another(b'}')? {
                            break;
                        }
                    }
                }
                Json::Object(members)
            }
            _ => {
                let start = self.at;
                let bytes = self.text.as_bytes();
                while bytes
                    .get(self.at)
                    .is_some_and(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                {
                    self.at += 1;
                }
                if self.at == start {
                    return Err(format!("unexpected {:?}", char::from(first)));
                }
                Json::Number(Number(Cow::Borrowed(self.since(start)?)))
            }
        })
    }

    fn literal(&mut self, word: &str, value: Json<'a>) -> Result<Json<'a>, String> {
        let start = self.at;
        self.at += word.len();
        match self.since(start)? == word {
            true => Ok(value),
            false => Err(format!("expected {word}")),
        }
    }

    /// The string at the reading position (on its opening quote).
    fn string(&mut self) -> Result<Cow<'a, str>, String> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        if bytes.get(start) != Some(&b'"') {
            return Err("expected a string".to_owned());
        }
        let mut escaped = false;
        let mut at = start + 1;
        loop {
            let rest = bytes.get(at..).ok_or_else(Self::truncated)?;
            let found = memchr::memchr2(b'"', b'\\', rest).ok_or_else(Self::truncated)?;
            at += found;
            if bytes[at] == b'"' {
                break;
            }
            // A backslash and the character it escapes.
            escaped = true;
            at += 2;
        }
        self.at = at + 1;
        let quoted_text = self.since(start)?;
        if escaped {
            let mut deserializer = serde_json::Deserializer::from_str(quoted_text);
            return deserializer
                .deserialize_str(CowStr)
                .map_err(|error| error.to_string());
        }
        // Both quotes are one byte each.
        quoted_text
            .get(1..quoted_text.len() - 1)
            .map(Cow::Borrowed)
            .ok_or_else(Self::truncated)
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

    /// Numbers keep their text, whitespace anywhere is skipped, and a
    /// repeated member is refused at any depth.
    #[test]
    fn numbers_keep_their_text_at_every_depth() {
        let input = b" { \"a\" : [ 1.50 , -0 , 1e400 , 2E-3 ] ,\n\t\"b\" : { \"c\" : 12345678901234567890123 } } ";
        let value = Json::from_slice(input, "test").unwrap();
        let mut out = Vec::new();
        value.write_json(&mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"a":[1.50,-0,1e400,2E-3],"b":{"c":12345678901234567890123}}"#
        );
        let error = Json::from_slice(br#"{"a": [{"b": 1, "b": 2}]}"#, "test").unwrap_err();
        assert!(
            error.to_string().contains("duplicate member \"b\""),
            "{error}"
        );
    }

    /// Repeats are found in small objects (a scan) and large ones (a set).
    #[test]
    fn repeated_members_are_found_in_objects_of_any_size() {
        for size in [2, 31, 32, 33, 100] {
            let members: Vec<String> = (0..size).map(|i| format!(r#""k{i}":{i}"#)).collect();
            let distinct = format!("{{\"x\":{{{}}}}}", members.join(","));
            let read = Json::from_slice(distinct.as_bytes(), "test").unwrap();
            assert_eq!(
                read.get("x").and_then(Json::as_object).map(Vec::len),
                Some(size)
            );
            for repeat in [0, size - 1] {
                let again = format!("{{\"x\":{{{},\"k{repeat}\":0}}}}", members.join(","));
                let error = Json::from_slice(again.as_bytes(), "test").unwrap_err();
                assert!(
                    error
                        .to_string()
                        .contains(&format!("duplicate member \"k{repeat}\"")),
                    "{size}: {error}"
                );
            }
        }
    }

    fn any_json() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<u64>().prop_map(serde_json::Value::from),
            (-1e300f64..1e300).prop_map(serde_json::Value::from),
            any::<String>().prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(6, 64, 8, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::Array),
                proptest::collection::btree_map(any::<String>(), inner, 0..8)
                    .prop_map(|members| serde_json::Value::Object(members.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        /// Whatever serde_json writes (compact or pretty), the one-pass reader
        /// reads as the same value serde_json reads.
        #[test]
        fn reads_what_serde_json_reads(value in any_json(), pretty in proptest::prelude::any::<bool>()) {
            let text = if pretty {
                serde_json::to_vec_pretty(&value).unwrap()
            } else {
                serde_json::to_vec(&value).unwrap()
            };
            let read = Json::from_slice(&text, "test").unwrap();
            let mut out = Vec::new();
            read.write_json(&mut out);
            // Compared with serde_json's reading of the same text: its float
            // parsing is not exact, but it is the same for the same digits.
            let expected: serde_json::Value = serde_json::from_slice(&text).unwrap();
            let again: serde_json::Value = serde_json::from_slice(&out).unwrap();
            proptest::prop_assert_eq!(again, expected);
        }
    }
}
