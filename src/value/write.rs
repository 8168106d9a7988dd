//! Writing [`Json`] as JSON text: compact (what tokens carry) or pretty
//! (what people edit), numbers and strings exactly as they were read.

use std::fmt;

use super::Json;

impl Json<'_> {
    /// The value as JSON text indented by two spaces a level, each member
    /// and item on a line of its own (serde_json's pretty form), numbers
    /// and strings exactly as read.
    pub fn to_pretty(&self) -> String {
        let mut out = Vec::new();
        self.write_pretty(&mut out, 0);
        // Written from &str values and ASCII punctuation: UTF-8.
        String::from_utf8_lossy(&out).into_owned()
    }

    fn write_pretty(&self, out: &mut Vec<u8>, depth: usize) {
        let indent = |out: &mut Vec<u8>, depth: usize| {
            out.push(b'\n');
            out.extend(std::iter::repeat_n(b' ', 2 * depth));
        };
        match self {
            Json::Array(items) if !items.is_empty() => {
                out.push(b'[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push(b',');
                    }
                    indent(out, depth + 1);
                    item.write_pretty(out, depth + 1);
                }
                indent(out, depth);
                out.push(b']');
            }
            Json::Object(members) if !members.is_empty() => {
                out.push(b'{');
                for (index, (key, value)) in members.iter().enumerate() {
                    if index > 0 {
                        out.push(b',');
                    }
                    indent(out, depth + 1);
                    write_string(out, key);
                    out.extend_from_slice(b": ");
                    value.write_pretty(out, depth + 1);
                }
                indent(out, depth);
                out.push(b'}');
            }
            other => other.write_json(out),
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

#[cfg(test)]
mod tests {
    use super::super::Json;

    #[test]
    fn pretty_text_is_serde_jsons_with_numbers_as_written() {
        let text =
            br#"{"a":[1.50,{"b":null,"c":[]},{}],"d":"\u00e9\"","e":12345678901234567890123}"#;
        let value = Json::from_slice(text, "test").unwrap();
        let expected = serde_json::to_string_pretty(
            &serde_json::from_slice::<serde_json::Value>(text).unwrap(),
        )
        .unwrap()
        .replace("1.5,", "1.50,")
        .replace("1.2345678901234568e+22", "12345678901234567890123");
        assert_eq!(value.to_pretty(), expected);
    }
}
