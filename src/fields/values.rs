//! Checking and normalizing the values a user holds for each field type.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, NaiveDate};
use regex::{Regex, RegexBuilder};
use serde_json::Value;

use super::FieldOption;
use crate::limits::{MAX_INTEGER_DIGITS, MAX_TEXT_VALUE_CHARS, REGEX_SIZE_LIMIT};

/// How the values of one field are checked, prepared once per definition.
#[derive(Clone, Debug)]
pub(crate) enum ValueRule {
    Text,
    Checkbox,
    Date,
    Integer,
    Decimal,
    Pattern(Regex),
    Options {
        multi: bool,
        values: HashSet<String>,
    },
    Lookup,
}

/// Compiles a regexp_for_validation so that it must match a whole value.
pub(crate) fn compile_pattern(pattern: &str) -> Result<Regex, String> {
    let build = |source: &str| {
        RegexBuilder::new(source)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_SIZE_LIMIT)
            .build()
    };
    // Compiling the pattern alone first proves its groups are balanced, so
    // wrapping it cannot change what it means (e.g. "a)|(b").
    build(pattern).map_err(|error| format!("is not a supported pattern: {}", one_line(&error)))?;
    build(&format!(r"\A(?:{pattern})\z"))
        .map_err(|error| format!("is not a supported pattern: {}", one_line(&error)))
}

fn one_line(error: &regex::Error) -> String {
    match error {
        regex::Error::CompiledTooBig(limit) => {
            format!("it compiles to more than {limit} bytes (REGEX_SIZE_LIMIT)")
        }
        other => other
            .to_string()
            .lines()
            .filter(|line| line.starts_with("error:"))
            .map(|line| line.trim_start_matches("error:").trim().to_owned())
            .next()
            .unwrap_or_else(|| other.to_string()),
    }
}

impl ValueRule {
    pub(crate) fn options(multi: bool, options: &[FieldOption]) -> Self {
        ValueRule::Options {
            multi,
            values: options.iter().map(|o| o.value.clone()).collect(),
        }
    }

    /// Checks `value` (never `null`; the caller handles clearing) and returns
    /// its normalized form without copying it, or the message for the API's
    /// error shape.
    pub(crate) fn normalize<'a>(&self, value: &'a Value) -> Result<Normalized<'a>, String> {
        match self {
            ValueRule::Text => text(value).map(|_| Normalized::Same(value)),
            ValueRule::Checkbox => match value {
                Value::Bool(_) => Ok(Normalized::Same(value)),
                _ => Err("must be true or false".to_owned()),
            },
            ValueRule::Date => date(value),
            ValueRule::Integer => integer(value).map(|()| Normalized::Same(value)),
            ValueRule::Decimal => match value {
                Value::Number(n) if n.as_f64().is_some_and(f64::is_finite) => {
                    Ok(Normalized::Same(value))
                }
                _ => Err("must be a finite number".to_owned()),
            },
            ValueRule::Pattern(regex) => {
                if regex.is_match(text(value)?) {
                    Ok(Normalized::Same(value))
                } else {
                    Err("does not match the field's regexp_for_validation".to_owned())
                }
            }
            ValueRule::Options {
                multi: false,
                values,
            } => match value {
                Value::String(s) if values.contains(s) => Ok(Normalized::Same(value)),
                Value::String(s) => Err(format!("{} is not an option of this field", quoted(s))),
                _ => Err("must be the value of one option".to_owned()),
            },
            ValueRule::Options {
                multi: true,
                values,
            } => {
                let Value::Array(items) = value else {
                    return Err("must be an array of option values".to_owned());
                };
                for (index, item) in items.iter().enumerate() {
                    let Value::String(s) = item else {
                        return Err("must be an array of option values".to_owned());
                    };
                    if !values.contains(s) {
                        return Err(format!("{} is not an option of this field", quoted(s)));
                    }
                    // At most as many items as options: a quadratic scan is
                    // cheaper than a set for every realistic list.
                    if items[..index].contains(item) {
                        return Err(format!("lists {} more than once", quoted(s)));
                    }
                }
                Ok(Normalized::Same(value))
            }
            ValueRule::Lookup => lookup(value),
        }
    }
}

/// A checked value in its normalized form, borrowed when it is unchanged.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Normalized<'a> {
    /// The value as given.
    Same(&'a Value),
    /// A date given as an RFC 3339 timestamp, now `YYYY-MM-DD`.
    Date(NaiveDate),
    /// A lookup id given as a string of digits.
    Id(u64),
}

impl Normalized<'_> {
    pub(crate) fn to_value(self) -> Value {
        match self {
            Normalized::Same(value) => value.clone(),
            Normalized::Date(date) => Value::String(date.format("%Y-%m-%d").to_string()),
            Normalized::Id(id) => Value::Number(id.into()),
        }
    }

    /// Appends the JSON form to `out` without allocating.
    pub(crate) fn write_json(self, out: &mut Vec<u8>) {
        use std::io::Write;
        // Writing into a Vec<u8> cannot fail.
        let _ = match self {
            Normalized::Same(value) => serde_json::to_writer(&mut *out, value).map_err(|_| ()),
            Normalized::Date(date) => write!(
                out,
                "\"{:04}-{:02}-{:02}\"",
                date.year(),
                date.month(),
                date.day()
            )
            .map_err(|_| ()),
            Normalized::Id(id) => {
                out.extend_from_slice(itoa::Buffer::new().format(id).as_bytes());
                Ok(())
            }
        };
    }
}

fn quoted(text: &str) -> String {
    crate::error::quoted(text, 64)
}

fn text(value: &Value) -> Result<&str, String> {
    match value {
        Value::String(s) if s.chars().count() <= MAX_TEXT_VALUE_CHARS => Ok(s),
        Value::String(_) => Err(format!(
            "is too long (maximum is {MAX_TEXT_VALUE_CHARS} characters, MAX_TEXT_VALUE_CHARS)"
        )),
        _ => Err("must be a string".to_owned()),
    }
}

fn date(value: &Value) -> Result<Normalized<'_>, String> {
    const MESSAGE: &str = "must be a date (YYYY-MM-DD) or an RFC 3339 timestamp";
    let Value::String(s) = value else {
        return Err(MESSAGE.to_owned());
    };
    let bytes = s.as_bytes();
    let date = if bytes.len() == 10 {
        let shape = bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
        if !shape {
            return Err(MESSAGE.to_owned());
        }
        let number = |range: std::ops::Range<usize>| s[range].parse::<u32>().unwrap_or(0);
        let year = i32::try_from(number(0..4)).unwrap_or(0);
        NaiveDate::from_ymd_opt(year, number(5..7), number(8..10))
            .map(|_| Normalized::Same(value))
            .ok_or_else(|| format!("{} is not a real calendar date", quoted(s)))?
    } else {
        // The date as written, in the timestamp's own offset.
        Normalized::Date(
            DateTime::parse_from_rfc3339(s)
                .map_err(|_| MESSAGE.to_owned())?
                .date_naive(),
        )
    };
    Ok(date)
}

fn integer(value: &Value) -> Result<(), String> {
    let message = || format!("must be an integer of at most {MAX_INTEGER_DIGITS} digits");
    let Value::Number(n) = value else {
        return Err(message());
    };
    let magnitude = match (n.as_i64(), n.as_u64()) {
        (Some(i), _) => i.unsigned_abs(),
        (None, Some(u)) => u,
        _ => return Err(message()),
    };
    if magnitude.checked_ilog10().unwrap_or(0) + 1 > MAX_INTEGER_DIGITS {
        return Err(message());
    }
    Ok(())
}

fn lookup(value: &Value) -> Result<Normalized<'_>, String> {
    const MESSAGE: &str =
        "must be a record id (an integer or a string of digits) or external_id:<id>";
    match value {
        Value::Number(n) if n.as_u64().is_some_and(|id| id > 0) => Ok(Normalized::Same(value)),
        Value::String(s) => {
            if let Some(external) = s.strip_prefix("external_id:") {
                if external.trim().is_empty() || external.chars().any(char::is_control) {
                    return Err(MESSAGE.to_owned());
                }
                return Ok(Normalized::Same(value));
            }
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(MESSAGE.to_owned());
            }
            match s.parse::<u64>() {
                Ok(id) if id > 0 => Ok(Normalized::Id(id)),
                _ => Err(MESSAGE.to_owned()),
            }
        }
        _ => Err(MESSAGE.to_owned()),
    }
}
