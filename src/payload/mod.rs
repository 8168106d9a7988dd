//! The payload of a token: the user-independent part rendered once
//! ([`PayloadTemplate`]), then per token the members the profile writes, read
//! from the user, checked (every problem at once) and written in the
//! profile's fixed order.

use crate::claims::{AccountCustomClaim, ClaimSet, ClaimSets};
use crate::error::{Error, FieldErrors, Result, quoted};
use crate::fields::FieldCatalog;
use crate::profile::Profile;
use crate::user::{Member, User};
use crate::value::{Json, Number, Object, ObjectWriter, write_string};

mod members;
mod messaging;
mod sso;

use members::{email, external_id_or_null, help_center_id};
use messaging::MessagingMembers;
use sso::SsoMembers;

/// The user-independent parts of every payload, rendered once.
#[derive(Clone, Debug)]
pub(crate) struct PayloadTemplate {
    profile: Profile,
    /// `{` plus `"iss":…,"aud":…,` when configured.
    prefix: String,
    /// `,"identifier":"value"` for each custom claim, in set order.
    claims_fragment: String,
    ttl: i64,
}

fn json_number(out: &mut Vec<u8>, number: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(number).as_bytes());
}

/// `,"name":` before a member's value.
pub(super) fn member_key(out: &mut Vec<u8>, name: &str) {
    out.push(b',');
    write_string(out, name);
    out.push(b':');
}

impl PayloadTemplate {
    pub(crate) fn new(
        profile: Profile,
        issuer: Option<&str>,
        audience: Option<&str>,
        claims: Option<&ClaimSet>,
        ttl: i64,
    ) -> Result<Self> {
        let mut prefix = Vec::from(&b"{"[..]);
        for (name, value) in [("iss", issuer), ("aud", audience)] {
            if let Some(value) = value {
                write_string(&mut prefix, name);
                prefix.push(b':');
                write_string(&mut prefix, value);
                prefix.push(b',');
            }
        }
        let mut fragment = Vec::new();
        if let Some(claims) = claims {
            if !profile.takes_custom_claims() {
                return Err(Error::invalid_option(
                    "claims",
                    format!(
                        "account custom claims belong to help center tokens; the {profile} profile takes none"
                    ),
                ));
            }
            let mut errors = FieldErrors::new();
            for (index, claim) in claims.list().iter().enumerate() {
                check_collision(
                    &format!("custom_claims[{index}]"),
                    claim,
                    profile,
                    &mut errors,
                );
                member_key(&mut fragment, &claim.claim_identifier);
                write_string(&mut fragment, &claim.claim_value);
            }
            errors.into_result()?;
        }
        Ok(Self {
            profile,
            // Both are JSON text written from &str values: always UTF-8.
            prefix: String::from_utf8_lossy(&prefix).into_owned(),
            claims_fragment: String::from_utf8_lossy(&fragment).into_owned(),
            ttl,
        })
    }

    /// Checks what the profile writes from `user` and writes the payload JSON
    /// at `now` into `out`. On error `out` holds an unfinished payload that
    /// the caller discards; the error names every member at fault. A member
    /// that failed its check is written as `null` (or `0` for `userId`) only
    /// so that writing can go on to find every other problem: such a payload
    /// is never signed, because its error is recorded.
    pub(crate) fn write(
        &self,
        user: &User<'_>,
        catalog: Option<&FieldCatalog>,
        now: i64,
        jti: &str,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        if now < 0 {
            return Err(Error::invalid_option("now", "must be a Unix time >= 0"));
        }
        let exp = now
            .checked_add(self.ttl)
            .ok_or_else(|| Error::invalid_option("now", "now + ttl overflows"))?;
        let mut errors = FieldErrors::new();
        out.extend_from_slice(self.prefix.as_bytes());
        if self.profile == Profile::Messaging {
            MessagingMembers::read(user, &mut errors).write(exp, out);
            out.push(b'}');
            return errors.into_result();
        }
        let email = email(user, &mut errors);
        out.extend_from_slice(b"\"iat\":");
        json_number(out, now);
        match self.profile {
            Profile::Messaging => {}
            Profile::HelpCenter => {
                let id = help_center_id(user, &mut errors);
                let external_id = external_id_or_null(user, &mut errors);
                out.extend_from_slice(b",\"exp\":");
                json_number(out, exp);
                write_jti_and_email(out, jti, email);
                out.extend_from_slice(b",\"userId\":");
                out.extend_from_slice(id.map_or("0", Number::as_str).as_bytes());
                out.extend_from_slice(b",\"externalId\":");
                match external_id {
                    Some(id) => write_string(out, id),
                    None => out.extend_from_slice(b"null"),
                }
            }
            Profile::Sso => {
                let sso = SsoMembers::read(user, &mut errors);
                write_jti_and_email(out, jti, email);
                sso.write(out);
                out.extend_from_slice(b",\"exp\":");
                json_number(out, exp);
            }
        }
        out.extend_from_slice(self.claims_fragment.as_bytes());
        match user.get(Member::UserFields) {
            None => {}
            Some(Json::Object(values)) => {
                out.extend_from_slice(b",\"user_fields\":");
                let keep_nulls = self.profile == Profile::Sso;
                match catalog {
                    Some(catalog) => catalog.write_values(values, keep_nulls, out, &mut errors),
                    None => write_unchecked_values(values, keep_nulls, out),
                }
            }
            Some(other) => errors.add(
                Member::UserFields.name(),
                crate::fields::not_an_object(other),
            ),
        }
        out.push(b'}');
        errors.into_result()
    }
}

fn write_jti_and_email(out: &mut Vec<u8>, jti: &str, email: Option<&str>) {
    out.extend_from_slice(b",\"jti\":\"");
    out.extend_from_slice(jti.as_bytes());
    out.extend_from_slice(b"\",\"email\":");
    match email {
        Some(email) => write_string(out, email),
        None => out.extend_from_slice(b"null"),
    }
}

/// `user_fields` copied as given when no catalog checks them (`null` values
/// are left out unless the profile keeps them).
fn write_unchecked_values(values: &Object<'_>, keep_nulls: bool, out: &mut Vec<u8>) {
    let mut object = ObjectWriter::new(out);
    for (key, value) in values {
        if keep_nulls || !value.is_null() {
            value.write_json(object.member(key));
        }
    }
    object.finish();
}

/// Runs the checks a minter of `profile` runs on `user` (the members the
/// profile writes, and the user field values against `fields` when given),
/// without a key: what `hcjwt check --user` reports.
pub fn check_user(user: &User<'_>, profile: Profile, fields: Option<&FieldCatalog>) -> Result<()> {
    let template = PayloadTemplate::new(profile, None, None, None, 1)?;
    let mut scratch = Vec::new();
    template.write(user, fields, 0, "check", &mut scratch)
}

/// A claim whose identifier is a claim `profile` writes (the token would
/// carry the member twice): an error under `prefix.claim_identifier`.
fn check_collision(
    prefix: &str,
    claim: &AccountCustomClaim,
    profile: Profile,
    errors: &mut FieldErrors,
) {
    if profile
        .claim_names()
        .contains(&claim.claim_identifier.as_str())
    {
        errors.add(
            format!("{prefix}.claim_identifier"),
            format!(
                "{} collides with a claim the {profile} profile writes",
                quoted(&claim.claim_identifier, 64)
            ),
        );
    }
}

/// Checks that a minter of `profile` accepts `claims`: none for the sso
/// and messaging profiles, and no claim that collides with a claim the profile writes.
pub fn check_claims(claims: &ClaimSet, profile: Profile) -> Result<()> {
    PayloadTemplate::new(profile, None, None, Some(claims), 1).map(drop)
}

/// Checks a claims document for a minter of `profile`, every problem at
/// once at its path: the API's rules for each record, and each claim that
/// collides with a claim the profile writes (the sso profile takes no claims).
/// What `hcjwt check --claims` reports.
pub fn check_claims_document(json: &[u8], profile: Profile) -> Result<()> {
    ClaimSets::read(json, |prefix, claim, errors| {
        if profile.takes_custom_claims() {
            check_collision(prefix, claim, profile, errors);
        } else {
            errors.add(
                if prefix.is_empty() {
                    "custom_claims"
                } else {
                    prefix
                },
                format!(
                    "account custom claims belong to help center tokens; the {profile} profile takes none"
                ),
            );
        }
    })
    .map(drop)
}
