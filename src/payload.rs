//! Payload profiles and the pre-rendered part of every payload.

use std::io::Write;

use crate::claims::ClaimSet;
use crate::error::{Error, FieldErrors, Result};
use crate::fields::FieldCatalog;
use crate::user::User;

/// Which claims a token carries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Profile {
    /// The help center's token: `iat`, `exp`, `jti`, `email`, `userId`,
    /// `externalId`, the brand's custom claims, `user_fields`; RS256 by default.
    #[default]
    HelpCenter,
    /// Zendesk JWT single sign-on: `iat`, `jti`, `email`, `name`, the optional
    /// profile members, `exp`, the custom claims, `user_fields`; HS256 only.
    Sso,
}

impl Profile {
    /// The profile named `help_center` or `sso`.
    pub fn parse(name: &str) -> Result<Profile> {
        match name {
            "help_center" => Ok(Profile::HelpCenter),
            "sso" => Ok(Profile::Sso),
            other => Err(Error::invalid_option(
                "profile",
                format!(
                    "{:?} is not help_center or sso",
                    other.chars().take(32).collect::<String>()
                ),
            )),
        }
    }

    /// The profile's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::HelpCenter => "help_center",
            Profile::Sso => "sso",
        }
    }

    /// Every top-level claim the profile itself may write (before custom claims).
    pub fn claim_names(self) -> &'static [&'static str] {
        match self {
            Profile::HelpCenter => &[
                "iss",
                "aud",
                "iat",
                "exp",
                "jti",
                "email",
                "userId",
                "externalId",
                "user_fields",
            ],
            Profile::Sso => &[
                "iss",
                "aud",
                "iat",
                "jti",
                "email",
                "name",
                "external_id",
                "organization",
                "organization_id",
                "organizations",
                "organization_ids",
                "phone",
                "tags",
                "remote_photo_url",
                "locale_id",
                "role",
                "custom_role_id",
                "exp",
                "user_fields",
            ],
        }
    }
}

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

fn json_string(out: &mut Vec<u8>, text: &str) {
    // Writing a &str into a Vec<u8> cannot fail.
    let _ = serde_json::to_writer(&mut *out, text);
}

fn json_number(out: &mut Vec<u8>, number: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(number).as_bytes());
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
                json_string(&mut prefix, name);
                prefix.push(b':');
                json_string(&mut prefix, value);
                prefix.push(b',');
            }
        }
        let mut fragment = Vec::new();
        let mut errors = FieldErrors::new();
        for claim in claims.map(ClaimSet::list).unwrap_or_default() {
            if profile
                .claim_names()
                .contains(&claim.claim_identifier.as_str())
            {
                errors.add(
                    "custom_claims",
                    format!(
                        "{:?} collides with a claim the {} profile writes",
                        claim.claim_identifier,
                        profile.as_str()
                    ),
                );
            }
            fragment.push(b',');
            json_string(&mut fragment, &claim.claim_identifier);
            fragment.push(b':');
            json_string(&mut fragment, &claim.claim_value);
        }
        errors.into_result()?;
        Ok(Self {
            profile,
            prefix: String::from_utf8(prefix)
                .map_err(|_| Error::invalid_option("iss", "is not UTF-8"))?,
            claims_fragment: String::from_utf8(fragment)
                .map_err(|_| Error::invalid_option("claims", "is not UTF-8"))?,
            ttl,
        })
    }

    /// Checks that `user` has what the profile requires.
    pub(crate) fn check_user(&self, user: &User) -> Result<()> {
        let mut errors = FieldErrors::new();
        if user
            .email
            .as_deref()
            .is_none_or(|email| email.trim().is_empty())
        {
            errors.add("email", "can't be blank");
        }
        match self.profile {
            Profile::HelpCenter => {
                if user.id.is_none() {
                    errors.add(
                        "id",
                        format!(
                            "can't be blank: the {} profile's userId is the user's id",
                            self.profile.as_str()
                        ),
                    );
                }
            }
            Profile::Sso => {
                if user
                    .name
                    .as_deref()
                    .is_none_or(|name| name.trim().is_empty())
                {
                    errors.add("name", "can't be blank");
                }
            }
        }
        errors.into_result()
    }

    /// A capacity for the payload that is rarely exceeded.
    pub(crate) fn size_hint(&self, user: &User) -> usize {
        let text = |value: &Option<String>| value.as_ref().map_or(0, |s| s.len() + 8);
        self.prefix.len()
            + self.claims_fragment.len()
            + 160
            + text(&user.email)
            + text(&user.name)
            + text(&user.external_id)
            + user
                .user_fields
                .as_ref()
                .map_or(0, |fields| fields.len() * 48)
    }

    /// Writes the payload JSON for `user` at `now` into `out`.
    pub(crate) fn write(
        &self,
        user: &User,
        catalog: Option<&FieldCatalog>,
        now: i64,
        jti: &str,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        let exp = now
            .checked_add(self.ttl)
            .ok_or_else(|| Error::invalid_option("now", "now + ttl overflows"))?;
        out.extend_from_slice(self.prefix.as_bytes());
        out.extend_from_slice(b"\"iat\":");
        json_number(out, now);
        if self.profile == Profile::HelpCenter {
            out.extend_from_slice(b",\"exp\":");
            json_number(out, exp);
        }
        out.extend_from_slice(b",\"jti\":\"");
        out.extend_from_slice(jti.as_bytes());
        out.extend_from_slice(b"\",\"email\":");
        json_string(out, user.email.as_deref().unwrap_or_default());
        match self.profile {
            Profile::HelpCenter => {
                out.extend_from_slice(b",\"userId\":");
                json_number(out, user.id.unwrap_or_default());
                out.extend_from_slice(b",\"externalId\":");
                match &user.external_id {
                    Some(id) => json_string(out, id),
                    None => out.extend_from_slice(b"null"),
                }
            }
            Profile::Sso => {
                out.extend_from_slice(b",\"name\":");
                json_string(out, user.name.as_deref().unwrap_or_default());
                let texts = [
                    ("external_id", &user.external_id),
                    ("organization", &user.organization),
                ];
                for (name, value) in texts {
                    if let Some(value) = value {
                        let _ = write!(out, ",\"{name}\":");
                        json_string(out, value);
                    }
                }
                if let Some(id) = user.organization_id {
                    out.extend_from_slice(b",\"organization_id\":");
                    json_number(out, id);
                }
                if let Some(names) = &user.organizations {
                    out.extend_from_slice(b",\"organizations\":");
                    let _ = serde_json::to_writer(&mut *out, names);
                }
                if let Some(ids) = &user.organization_ids {
                    out.extend_from_slice(b",\"organization_ids\":");
                    let _ = serde_json::to_writer(&mut *out, ids);
                }
                if let Some(phone) = &user.phone {
                    out.extend_from_slice(b",\"phone\":");
                    json_string(out, phone);
                }
                if let Some(tags) = &user.tags {
                    out.extend_from_slice(b",\"tags\":");
                    let _ = serde_json::to_writer(&mut *out, tags);
                }
                if let Some(url) = &user.remote_photo_url {
                    out.extend_from_slice(b",\"remote_photo_url\":");
                    json_string(out, url);
                }
                if let Some(id) = user.locale_id {
                    out.extend_from_slice(b",\"locale_id\":");
                    json_number(out, id);
                }
                if let Some(role) = &user.role {
                    out.extend_from_slice(b",\"role\":");
                    json_string(out, role);
                }
                if let Some(id) = user.custom_role_id {
                    out.extend_from_slice(b",\"custom_role_id\":");
                    json_number(out, id);
                }
                out.extend_from_slice(b",\"exp\":");
                json_number(out, exp);
            }
        }
        out.extend_from_slice(self.claims_fragment.as_bytes());
        if let Some(values) = &user.user_fields {
            out.extend_from_slice(b",\"user_fields\":");
            match catalog {
                Some(catalog) => {
                    catalog
                        .write_validated(values, out)
                        .map_err(|error| match error {
                            Error::Validation(errors) => {
                                let mut prefixed = FieldErrors::new();
                                prefixed.extend_prefixed("user_fields", errors);
                                Error::Validation(prefixed)
                            }
                            other => other,
                        })?
                }
                None => serde_json::to_writer(&mut *out, values)
                    .map_err(|error| Error::field("user_fields", error.to_string()))?,
            }
        }
        out.push(b'}');
        Ok(())
    }
}
