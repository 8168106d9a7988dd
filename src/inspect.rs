//! Explaining a token: decode it without a key and list what Zendesk (or a
//! help center integration) would refuse, because Zendesk itself says little
//! ("JWT signature invalid", "Invalid iat parameter", a reused `jti`).

use serde_json::{Map, Value};

use crate::clock::unix_now;
use crate::error::quoted;
use crate::error::{Error, Result};
use crate::fields::FieldCatalog;
use crate::limits::{
    MAX_INSPECTED_TOKEN_BYTES, MAX_MESSAGING_EXTERNAL_ID_CHARS, SSO_IAT_TOLERANCE_SECONDS,
};
use crate::profile::Profile;
use crate::timestamp::utc;
use crate::value::Json;
use crate::verify::{Verifier, decode_segment, malformed};

/// The claims shown as dates as well as seconds.
const DATE_CLAIMS: [&str; 3] = ["iat", "nbf", "exp"];

/// What [`inspect`] checks besides the token's own form.
#[derive(Clone, Copy, Debug, Default)]
pub struct InspectOptions<'a> {
    /// The profile to check for; detected from the payload when `None` (a
    /// `name` without `userId` is an SSO token).
    pub profile: Option<Profile>,
    /// "Now" for the time checks, in Unix seconds (default: the clock).
    pub now: Option<i64>,
    /// The catalog the payload's `user_fields` are checked against.
    pub fields: Option<&'a FieldCatalog>,
    /// Checks the signature with this verifier's keys and algorithms (the
    /// claims are reported as problems, not enforced).
    pub verifier: Option<&'a Verifier>,
}

/// A decoded token and what is wrong with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Inspection {
    /// The JOSE header.
    pub header: Map<String, Value>,
    /// The payload (unverified unless `signature` is `Some(true)`).
    pub payload: Map<String, Value>,
    /// The profile checked for.
    pub profile: Profile,
    /// Each problem in a sentence; empty when nothing is wrong.
    pub problems: Vec<String>,
    /// Whether the signature matches the verifier's keys, when one was given.
    pub signature: Option<bool>,
}

impl Inspection {
    /// The inspection as one JSON object: `header`, `payload`, `dates` (each
    /// of `iat`/`nbf`/`exp` as RFC 3339 UTC), `profile`, `problems`,
    /// `signature` (`"valid"`, `"invalid"` or `null`).
    pub fn to_json(&self) -> Value {
        serde_json::json!({
            "header": self.header,
            "payload": self.payload,
            "dates": dates(&self.payload),
            "profile": self.profile.as_str(),
            "problems": self.problems,
            "signature": self.signature.map(|valid| if valid { "valid" } else { "invalid" }),
        })
    }
}

/// `iat`, `nbf` and `exp` of a payload as RFC 3339 UTC dates.
pub fn dates(payload: &Map<String, Value>) -> Map<String, Value> {
    DATE_CLAIMS
        .iter()
        .filter_map(|claim| {
            let seconds = payload.get(*claim)?.as_i64()?;
            Some(((*claim).to_owned(), Value::from(utc(seconds)?)))
        })
        .collect()
}

/// The header and payload of a compact JWS, decoded without any check of
/// the signature or the claims. Errors are `MalformedToken` naming the part;
/// a token over [`MAX_INSPECTED_TOKEN_BYTES`] is `TokenTooLarge`, before
/// anything is decoded.
pub fn decode(token: &str) -> Result<(Map<String, Value>, Map<String, Value>)> {
    let token = token.trim();
    if token.len() > MAX_INSPECTED_TOKEN_BYTES {
        return Err(Error::TokenTooLarge {
            size: token.len(),
            limit: MAX_INSPECTED_TOKEN_BYTES,
        });
    }
    let parts: Vec<&str> = token.split('.').collect();
    let [header, payload, _signature] = parts.as_slice() else {
        return Err(malformed(format!(
            "a compact JWS has 3 segments, this token has {}",
            parts.len()
        )));
    };
    Ok((object("header", header)?, object("payload", payload)?))
}

/// The header of a token, unverified (to pick a key by `kid` or `alg`).
pub fn get_unverified_header(token: &str) -> Result<Map<String, Value>> {
    decode(token).map(|(header, _)| header)
}

fn object(name: &str, segment: &str) -> Result<Map<String, Value>> {
    let bytes = decode_segment(name, segment, false)?;
    match crate::json::parse_strict(&bytes, name) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(malformed(format!("the {name} is not a JSON object"))),
        Err(error) => Err(malformed(format!("the {name}: {error}"))),
    }
}

/// A verifier to check `token`'s signature with `key` (PEM, DER, a JWK or
/// JWKS, or an HMAC secret) for [`inspect`]: bound to the algorithm the
/// token's header names (HS256 when it names none hcjwt supports), so a
/// secret of any valid length works. Safe to take from the header here:
/// keys are typed, so a public key is never an HMAC secret.
pub fn inspection_verifier(key: &[u8], token: &str) -> Result<Verifier> {
    let algorithm = get_unverified_header(token)?
        .get("alg")
        .and_then(Value::as_str)
        .and_then(|name| crate::keys::parse_algorithm(name).ok())
        .unwrap_or(crate::keys::Algorithm::HS256);
    let options = crate::verify::VerifierOptions {
        // Only the signature is checked; claims are reported as problems.
        accept_any_audience: true,
        ..Default::default()
    };
    Verifier::from_key_bytes(key, &[algorithm], options)
}

/// Decodes `token` and lists its problems for the profile.
pub fn inspect(token: &str, options: &InspectOptions<'_>) -> Result<Inspection> {
    let (header, payload) = decode(token)?;
    let profile = options.profile.unwrap_or_else(|| detect(&payload));
    let now = options.now.unwrap_or_else(unix_now);
    let mut problems = Vec::new();
    header_problems(&header, profile, &mut problems);
    match profile {
        Profile::Sso => sso_problems(&payload, now, &mut problems),
        Profile::HelpCenter => help_center_problems(&payload, now, &mut problems),
        Profile::Messaging => messaging_problems(&payload, &mut problems),
    }
    if let Some(catalog) = options.fields {
        field_problems(&payload, catalog, &mut problems);
    }
    let signature = options.verifier.map(|verifier| match verifier.verify_jws(token.trim()) {
        Ok(_) => true,
        Err(Error::InvalidSignature) => {
            problems.push(
                "the signature does not match the key (a wrong secret is the usual cause of Zendesk's \"JWT signature invalid\")"
                    .to_owned(),
            );
            false
        }
        Err(error) => {
            problems.push(format!("the signature was not checked: {error}"));
            false
        }
    });
    Ok(Inspection {
        header,
        payload,
        profile,
        problems,
        signature,
    })
}

/// A messaging token has a `scope`; an SSO token a `name` and no `userId`;
/// anything else is checked as a help center token.
fn detect(payload: &Map<String, Value>) -> Profile {
    if payload.contains_key("scope") {
        Profile::Messaging
    } else if payload.contains_key("name") && !payload.contains_key("userId") {
        Profile::Sso
    } else {
        Profile::HelpCenter
    }
}

fn header_problems(header: &Map<String, Value>, profile: Profile, problems: &mut Vec<String>) {
    match header.get("alg").and_then(Value::as_str) {
        None => problems.push("the header has no alg".to_owned()),
        Some(alg) if profile == Profile::Sso && alg != "HS256" => problems.push(format!(
            "the header's alg is {}: Zendesk JWT single sign-on takes HS256 only",
            quoted(alg, 32)
        )),
        Some(alg) if profile == Profile::Messaging && alg != "HS256" => problems.push(format!(
            "the header's alg is {}: Zendesk messaging takes HS256 only",
            quoted(alg, 32)
        )),
        Some(alg) if alg.eq_ignore_ascii_case("none") => {
            problems.push("the header's alg is none: the token is unsigned".to_owned());
        }
        Some(_) => {}
    }
    if let Some(crit) = header.get("crit") {
        let names = match crit {
            Value::Array(names) => names
                .iter()
                .take(8)
                .map(|name| {
                    name.as_str()
                        .map_or_else(|| name.to_string(), |n| quoted(n, 32))
                })
                .collect::<Vec<_>>()
                .join(", "),
            other => quoted(&other.to_string(), 32),
        };
        problems.push(format!(
            "the header's crit names extensions ({names}) that no verifier here understands: the token is refused"
        ));
    }
    if profile == Profile::Sso && header.get("typ").and_then(Value::as_str) != Some("JWT") {
        problems.push("the header has no typ \"JWT\", which Zendesk expects".to_owned());
    }
    if profile == Profile::Messaging && !header.contains_key("kid") {
        problems.push(
            "the header has no kid: Zendesk messaging picks the signing key by it (the key's id in Admin Center, app_...)"
                .to_owned(),
        );
    }
    if profile == Profile::HelpCenter && !header.contains_key("kid") {
        problems.push(
            "the header has no kid: a verifier of the help center's keys endpoint picks the key by it"
                .to_owned(),
        );
    }
}

fn messaging_problems(payload: &Map<String, Value>, problems: &mut Vec<String>) {
    match payload.get("scope") {
        Some(Value::String(scope)) if scope == "user" => {}
        Some(other) => problems.push(format!(
            "scope is {}: Zendesk messaging takes \"user\" only",
            match other {
                Value::String(scope) => quoted(scope, 32),
                other => quoted(&other.to_string(), 32),
            }
        )),
        None => problems.push("scope is missing: Zendesk messaging needs \"user\"".to_owned()),
    }
    match payload.get("external_id") {
        Some(Value::String(id)) if id.chars().count() > MAX_MESSAGING_EXTERNAL_ID_CHARS => {
            problems.push(format!(
                "external_id is {} characters: Zendesk messaging takes at most {MAX_MESSAGING_EXTERNAL_ID_CHARS}",
                id.chars().count()
            ));
        }
        Some(Value::Number(number)) => problems.push(format!(
            "external_id is the number {number}, not a string: Zendesk messaging refuses a numeric external_id"
        )),
        _ => require_text(
            payload,
            "external_id",
            "Zendesk messaging identifies the user by it",
            problems,
        ),
    }
    if payload.contains_key("email_verified") && !payload.contains_key("email") {
        problems.push(
            "email_verified is given without email: Zendesk messaging reads it of the email only"
                .to_owned(),
        );
    }
}

fn require_text(payload: &Map<String, Value>, claim: &str, why: &str, problems: &mut Vec<String>) {
    match payload.get(claim) {
        Some(Value::String(text)) if !text.trim().is_empty() => {}
        Some(Value::String(_)) => problems.push(format!("{claim} is blank: {why}")),
        Some(other) => problems.push(format!(
            "{claim} is {}, not a string: {why}",
            Json::from(other).type_name()
        )),
        None => problems.push(format!("{claim} is missing: {why}")),
    }
}

fn sso_problems(payload: &Map<String, Value>, now: i64, problems: &mut Vec<String>) {
    match payload.get("iat") {
        None => problems.push("iat is missing: Zendesk refuses the token".to_owned()),
        Some(Value::Number(number)) if let Some(iat) = number.as_i64() => {
            let off = i128::from(now) - i128::from(iat);
            if off.abs() > i128::from(SSO_IAT_TOLERANCE_SECONDS) {
                let when = if off > 0 { "before" } else { "after" };
                problems.push(format!(
                    "iat ({}) is {} s {when} now: Zendesk refuses an iat more than {} minutes off (\"Invalid iat parameter\")",
                    utc(iat).unwrap_or_else(|| iat.to_string()),
                    off.unsigned_abs(),
                    SSO_IAT_TOLERANCE_SECONDS / 60
                ));
            }
        }
        Some(_) => problems.push(
            "iat is not an integer of Unix seconds: Zendesk refuses it (\"Invalid iat parameter\")"
                .to_owned(),
        ),
    }
    require_text(
        payload,
        "jti",
        "Zendesk needs a unique jti per token",
        problems,
    );
    require_text(
        payload,
        "email",
        "Zendesk identifies the user by it",
        problems,
    );
    require_text(payload, "name", "Zendesk needs the user's name", problems);
    expired(payload, now, problems);
}

fn help_center_problems(payload: &Map<String, Value>, now: i64, problems: &mut Vec<String>) {
    if !payload.contains_key("exp") {
        problems.push("exp is missing: verifiers refuse a token that never expires".to_owned());
    }
    expired(payload, now, problems);
    require_text(
        payload,
        "email",
        "the help center token carries the user's email",
        problems,
    );
    match payload.get("userId") {
        Some(Value::Number(number)) if number.as_u64().is_some() => {}
        Some(_) => problems.push("userId is not a whole number".to_owned()),
        None => problems.push(
            "userId is missing: the help center token carries the Zendesk user id".to_owned(),
        ),
    }
}

fn expired(payload: &Map<String, Value>, now: i64, problems: &mut Vec<String>) {
    match payload.get("exp") {
        Some(Value::Number(number)) => match number.as_i64() {
            Some(exp) if exp <= now => problems.push(format!(
                "the token expired at {}",
                crate::timestamp::relative_time(exp, now)
            )),
            Some(_) => {}
            None => problems.push("exp is not an integer of Unix seconds".to_owned()),
        },
        Some(_) => problems.push("exp is not a number".to_owned()),
        None => {}
    }
}

/// Zendesk silently ignores bad `user_fields`: each one the catalog refuses
/// is a problem.
fn field_problems(
    payload: &Map<String, Value>,
    catalog: &FieldCatalog,
    problems: &mut Vec<String>,
) {
    let Some(values) = payload.get("user_fields") else {
        return;
    };
    match catalog.validate(&Json::from(values)) {
        Ok(_) => {}
        Err(Error::Validation(errors)) => {
            for (field, messages) in errors.iter() {
                for message in messages {
                    problems.push(format!(
                        "user_fields.{field} {message} (Zendesk ignores it silently)"
                    ));
                }
            }
        }
        Err(error) => problems.push(format!("user_fields: {error}")),
    }
}
