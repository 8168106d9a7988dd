//! Checking and normalizing the values a user holds, for each field type.

use foldhash::HashSet;

use chrono::{DateTime, Datelike, NaiveDate};

use super::FieldOption;
use super::pattern::Pattern;
use crate::error::quoted;
use crate::limits::{MAX_INTEGER_DIGITS, MAX_TEXT_VALUE_CHARS};
use crate::value::Json;

/// How the values of one field are checked, prepared once per definition.
#[derive(Clone, Debug)]
pub(crate) enum ValueRule {
    Text,
    Checkbox,
    Date,
    Integer,
    Decimal,
    Pattern(Pattern),
    /// A regexp field whose pattern hcjwt can't run: values pass unchecked.
    Unchecked(String),
    Options {
        multi: bool,
        values: HashSet<String>,
    },
    Lookup,
}

/// A checked value in its normalized form, borrowed when it is unchanged.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Normalized<'v, 'a> {
    /// The value as given.
    Same(&'v Json<'a>),
    /// A date given as an RFC 3339 timestamp, now `YYYY-MM-DD`.
    Date(NaiveDate),
}

impl<'v, 'a> Normalized<'v, 'a> {
    /// Appends the JSON form to `out`.
    pub(crate) fn write_json(self, out: &mut Vec<u8>) {
        match self {
            Normalized::Same(value) => value.write_json(out),
            Normalized::Date(date) => {
                // YYYY-MM-DD without a formatting allocation (years are 0..=9999
                // here: longer ones are not RFC 3339).
                let (year, month, day) = (date.year().unsigned_abs(), date.month(), date.day());
                let digit = |n: u32| b'0' + (n % 10) as u8;
                out.extend_from_slice(&[
                    b'"',
                    digit(year / 1000),
                    digit(year / 100),
                    digit(year / 10),
                    digit(year),
                    b'-',
                    digit(month / 10),
                    digit(month),
                    b'-',
                    digit(day / 10),
                    digit(day),
                    b'"',
                ]);
            }
        }
    }

    /// The normalized value as a JSON value.
    pub(crate) fn to_json(self) -> Json<'a> {
        match self {
            Normalized::Same(value) => value.clone(),
            Normalized::Date(date) => Json::String(date.format("%Y-%m-%d").to_string().into()),
        }
    }
}

impl ValueRule {
    pub(crate) fn options(multi: bool, options: &[FieldOption]) -> Self {
        ValueRule::Options {
            multi,
            values: options.iter().map(|o| o.value.clone()).collect(),
        }
    }

    /// Checks `value` (never `null`: the caller handles clearing) and returns
    /// its normalized form, or the message for the API's error shape.
    pub(crate) fn normalize<'v, 'a>(
        &self,
        value: &'v Json<'a>,
    ) -> Result<Normalized<'v, 'a>, String> {
        let same = Normalized::Same(value);
        match self {
            ValueRule::Text => text(value).map(|_| same),
            ValueRule::Unchecked(_) => text(value).map(|_| same),
            ValueRule::Checkbox => match value {
                Json::Bool(_) => Ok(same),
                _ => Err("must be true or false".to_owned()),
            },
            ValueRule::Date => date(value),
            ValueRule::Integer => integer(value).map(|()| same),
            ValueRule::Decimal => match value {
                Json::Number(number) if number.as_f64().is_finite() => Ok(same),
                Json::Number(_) => Err("must be a finite number".to_owned()),
                _ => Err("must be a number".to_owned()),
            },
            ValueRule::Pattern(pattern) => match pattern.matches(text(value)?)? {
                true => Ok(same),
                false => Err("does not match the field's regexp_for_validation".to_owned()),
            },
            ValueRule::Options {
                multi: false,
                values,
            } => match value {
                Json::String(s) if values.contains(s.as_ref()) => Ok(same),
                Json::String(s) => Err(format!("{} is not an option of this field", quoted(s, 64))),
                _ => Err("must be the value of one option (a string)".to_owned()),
            },
            ValueRule::Options {
                multi: true,
                values,
            } => {
                let Json::Array(items) = value else {
                    return Err("must be an array of option values".to_owned());
                };
                // A scan finds repeats in the short lists users hold; a set
                // keeps a long one linear.
                let mut seen: Option<HashSet<&str>> = None;
                for (index, item) in items.iter().enumerate() {
                    let Json::String(s) = item else {
                        return Err("must be an array of option values".to_owned());
                    };
                    if !values.contains(s.as_ref()) {
                        return Err(format!("{} is not an option of this field", quoted(s, 64)));
                    }
                    let repeated = match &mut seen {
                        Some(seen) => !seen.insert(s),
                        None if index < 16 => items[..index].contains(item),
                        None => {
                            let mut set: HashSet<&str> =
                                items[..index].iter().filter_map(Json::as_str).collect();
                            let repeated = !set.insert(s);
                            seen = Some(set);
                            repeated
                        }
                    };
                    if repeated {
                        return Err(format!("lists {} more than once", quoted(s, 64)));
                    }
                }
                Ok(same)
            }
            ValueRule::Lookup => lookup(value).map(|()| same),
        }
    }
}

fn text<'v>(value: &'v Json<'_>) -> Result<&'v str, String> {
    match value {
        Json::String(s)
            if s.len() <= MAX_TEXT_VALUE_CHARS || s.chars().count() <= MAX_TEXT_VALUE_CHARS =>
        {
            Ok(s)
        }
        Json::String(_) => Err(format!(
            "is too long (maximum is {MAX_TEXT_VALUE_CHARS} characters, MAX_TEXT_VALUE_CHARS)"
        )),
        _ => Err("must be a string".to_owned()),
    }
}

fn date<'v, 'a>(value: &'v Json<'a>) -> Result<Normalized<'v, 'a>, String> {
    const MESSAGE: &str = "must be a date (YYYY-MM-DD) or an RFC 3339 timestamp";
    let Json::String(s) = value else {
        return Err(MESSAGE.to_owned());
    };
    let bytes = s.as_bytes();
    if bytes.len() == 10 {
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
        // The shape check above makes these digit runs.
        let number = |range: std::ops::Range<usize>| s[range].parse::<u32>().ok();
        let real = match (number(0..4), number(5..7), number(8..10)) {
            (Some(year), Some(month), Some(day)) => i32::try_from(year)
                .ok()
                .and_then(|year| NaiveDate::from_ymd_opt(year, month, day)),
            _ => None,
        };
        return match real {
            Some(_) => Ok(Normalized::Same(value)),
            None => Err(format!("{} is not a real calendar date", quoted(s, 64))),
        };
    }
    // A timestamp: the date as written, in the timestamp's own offset.
    DateTime::parse_from_rfc3339(s)
        .map(|time| Normalized::Date(time.date_naive()))
        .map_err(|_| MESSAGE.to_owned())
}

fn integer(value: &Json<'_>) -> Result<(), String> {
    let message = || format!("must be an integer of at most {MAX_INTEGER_DIGITS} digits");
    let Json::Number(number) = value else {
        return Err(message());
    };
    let digits = number.as_str().trim_start_matches('-');
    if !number.is_integer() || digits.len() > MAX_INTEGER_DIGITS as usize {
        return Err(message());
    }
    Ok(())
}

fn lookup(value: &Json<'_>) -> Result<(), String> {
    const MESSAGE: &str =
        "must be a record id (an integer or a string of digits) or external_id:<id>";
    match value {
        Json::Number(number) if number.as_u64().is_some_and(|id| id > 0) => Ok(()),
        Json::String(s) => {
            if let Some(external) = s.strip_prefix("external_id:") {
                if external.trim().is_empty() || external.chars().any(char::is_control) {
                    return Err(MESSAGE.to_owned());
                }
                return Ok(());
            }
            // Written as given: ids above 2^53 stay exact as strings.
            let digits = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            if digits && s.bytes().any(|b| b != b'0') {
                Ok(())
            } else {
                Err(MESSAGE.to_owned())
            }
        }
        _ => Err(MESSAGE.to_owned()),
    }
}
