//! Reading JSON into [`Json`] in one pass over text serde_json has checked:
//! strings borrowed where they hold no escapes, numbers kept as written,
//! repeated members refused at any depth, nesting bounded.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::{Json, Number, Object};
use crate::error::{Error, Result};
use crate::limits::MAX_JSON_DEPTH;

impl<'a> Json<'a> {
    /// Reads one JSON document. Syntax errors, duplicate object members and
    /// nesting deeper than [`MAX_JSON_DEPTH`] are [`Error::Json`]; `what`
    /// names the document in the error ("user", "user_fields", ...).
    pub fn from_slice(input: &'a [u8], what: &str) -> Result<Self> {
        let raw: &'a RawValue =
            serde_json::from_slice(input).map_err(|error| crate::json::json_error(what, error))?;
        Self::from_raw(raw, 0).map_err(|message| Error::Json {
            input: what.to_owned(),
            message,
            cause: None,
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
