//! The registered claims a verifier checks (`exp`, `nbf`, `iat`, `iss`,
//! `aud`), read from a payload map or from the borrowed payload alike.

use serde_json::Value;

use super::VerifierOptions;
use crate::error::{Error, Result, quoted};
use crate::value::Json;

/// A registered claim's value as the checks see it.
pub(crate) enum ClaimValue<'v> {
    /// A number: its value when it is an integer that fits an i64.
    Number(Option<i64>),
    String(&'v str),
    /// An array: each item's text, `None` for an item that is not a string.
    Strings(Vec<Option<&'v str>>),
    Other,
}

impl<'v> From<&'v Value> for ClaimValue<'v> {
    fn from(value: &'v Value) -> Self {
        match value {
            Value::Number(number) => ClaimValue::Number(number.as_i64()),
            Value::String(text) => ClaimValue::String(text),
            Value::Array(items) => ClaimValue::Strings(items.iter().map(Value::as_str).collect()),
            _ => ClaimValue::Other,
        }
    }
}

impl<'v> From<&'v Json<'_>> for ClaimValue<'v> {
    fn from(value: &'v Json<'_>) -> Self {
        match value {
            Json::Number(number) => ClaimValue::Number(number.as_i64()),
            Json::String(text) => ClaimValue::String(text),
            Json::Array(items) => ClaimValue::Strings(items.iter().map(Json::as_str).collect()),
            _ => ClaimValue::Other,
        }
    }
}

/// The registered claims the verifier checks.
pub(crate) struct Registered<'v> {
    pub(crate) exp: Option<ClaimValue<'v>>,
    pub(crate) nbf: Option<ClaimValue<'v>>,
    pub(crate) iat: Option<ClaimValue<'v>>,
    pub(crate) iss: Option<ClaimValue<'v>>,
    pub(crate) aud: Option<ClaimValue<'v>>,
}

impl<'v> Registered<'v> {
    pub(crate) fn read(claim: impl Fn(&str) -> Option<ClaimValue<'v>>) -> Self {
        Self {
            exp: claim("exp"),
            nbf: claim("nbf"),
            iat: claim("iat"),
            iss: claim("iss"),
            aud: claim("aud"),
        }
    }

    /// Checks the claims as of `now` against `options`: `exp` required and
    /// in the future, `nbf` and `iat` not in the future (each with the
    /// leeway), `iss` and `aud` as configured.
    pub(crate) fn check(&self, options: &VerifierOptions, now: i64) -> Result<()> {
        let leeway = i128::from(options.leeway);
        let now_wide = i128::from(now);
        let exp = numeric_date(self.exp.as_ref(), "exp")?
            .ok_or_else(|| Error::MissingClaim("exp".to_owned()))?;
        // RFC 7519: the current time must be before exp.
        if now_wide >= i128::from(exp) + leeway {
            return Err(Error::Expired { exp, now });
        }
        if let Some(nbf) = numeric_date(self.nbf.as_ref(), "nbf")?
            && now_wide + leeway < i128::from(nbf)
        {
            return Err(Error::NotYetValid { nbf, now });
        }
        if let Some(iat) = numeric_date(self.iat.as_ref(), "iat")?
            && now_wide + leeway < i128::from(iat)
        {
            return Err(Error::NotYetValid { nbf: iat, now });
        }
        if let Some(issuer) = &options.issuer {
            match &self.iss {
                Some(ClaimValue::String(iss)) if iss == issuer => {}
                Some(ClaimValue::String(iss)) => {
                    return Err(Error::invalid_claim(
                        "iss",
                        format!("{} is not the expected issuer", quoted(iss, 64)),
                    ));
                }
                Some(_) => return Err(Error::invalid_claim("iss", "must be a string")),
                None => return Err(Error::MissingClaim("iss".to_owned())),
            }
        }
        check_audience(self.aud.as_ref(), options)
    }
}

fn numeric_date(value: Option<&ClaimValue<'_>>, claim: &str) -> Result<Option<i64>> {
    match value {
        None => Ok(None),
        Some(ClaimValue::Number(Some(seconds))) if *seconds >= 0 => Ok(Some(*seconds)),
        Some(ClaimValue::Number(_)) => Err(Error::invalid_claim(
            claim,
            "must be a non-negative integer number of seconds",
        )),
        Some(_) => Err(Error::invalid_claim(
            claim,
            "must be a number of seconds, not another type",
        )),
    }
}

fn check_audience(aud: Option<&ClaimValue<'_>>, options: &VerifierOptions) -> Result<()> {
    let shape_error = || Error::invalid_claim("aud", "must be a string or an array of strings");
    let named: Vec<&str> = match aud {
        None => Vec::new(),
        Some(ClaimValue::String(aud)) => vec![aud],
        Some(ClaimValue::Strings(items)) => items
            .iter()
            .map(|item| item.ok_or_else(shape_error))
            .collect::<Result<_>>()?,
        Some(_) => return Err(shape_error()),
    };
    let expected = &options.audience;
    if expected.is_empty() {
        if aud.is_some() && !options.accept_any_audience {
            return Err(Error::invalid_claim(
                "aud",
                "the token names an audience but the verifier expects none: configure the audience (or accept any audience)",
            ));
        }
        return Ok(());
    }
    if aud.is_none() {
        return Err(Error::MissingClaim("aud".to_owned()));
    }
    if !named.iter().any(|aud| expected.iter().any(|e| e == aud)) {
        return Err(Error::invalid_claim(
            "aud",
            "does not name the expected audience",
        ));
    }
    Ok(())
}
