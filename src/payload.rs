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
fn member_key(out: &mut Vec<u8>, name: &str) {
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
            if profile == Profile::Sso {
                return Err(Error::invalid_option(
                    "claims",
                    "account custom claims belong to help center tokens; the sso profile takes none",
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
        let email = email(user, &mut errors);
        out.extend_from_slice(self.prefix.as_bytes());
        out.extend_from_slice(b"\"iat\":");
        json_number(out, now);
        match self.profile {
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

const MUST_BE_A_STRING: &str = "must be a string";
const MUST_BE_AN_ID: &str = "must be an integer id (a JSON integer such as 35436)";
const NO_CONTROL_CHARACTERS: &str = "may not hold control characters";

/// A text member, or `None` when absent (`null` is absent); a member of
/// another type or with control characters is reported.
fn text<'u>(user: &'u User<'_>, member: Member, errors: &mut FieldErrors) -> Option<&'u str> {
    match user.get(member)? {
        Json::String(text) if text.chars().any(char::is_control) => {
            errors.add(member.name(), NO_CONTROL_CHARACTERS);
            None
        }
        Json::String(text) => Some(text),
        _ => {
            errors.add(member.name(), MUST_BE_A_STRING);
            None
        }
    }
}

/// A text member that must be present and not blank.
fn required_text<'u>(
    user: &'u User<'_>,
    member: Member,
    errors: &mut FieldErrors,
) -> Option<&'u str> {
    if user.get(member).is_none() {
        errors.add(member.name(), "can't be blank");
        return None;
    }
    let value = text(user, member, errors)?;
    if value.trim().is_empty() {
        errors.add(member.name(), "can't be blank");
        return None;
    }
    Some(value)
}

fn email<'u>(user: &'u User<'_>, errors: &mut FieldErrors) -> Option<&'u str> {
    let email = required_text(user, Member::Email, errors)?;
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if !valid {
        errors.add(Member::Email.name(), "is not an email address");
        return None;
    }
    Some(email)
}

/// An integer id member (non-negative, written as given).
fn id<'u>(user: &'u User<'_>, member: Member, errors: &mut FieldErrors) -> Option<&'u Number<'u>> {
    match user.get(member)? {
        Json::Number(number) if number.as_u64().is_some() => Some(number),
        _ => {
            errors.add(member.name(), MUST_BE_AN_ID);
            None
        }
    }
}

fn help_center_id<'u>(user: &'u User<'_>, errors: &mut FieldErrors) -> Option<&'u Number<'u>> {
    if user.get(Member::Id).is_none() {
        errors.add(
            Member::Id.name(),
            "can't be blank: the help_center profile's userId is the user's id",
        );
        return None;
    }
    id(user, Member::Id, errors)
}

/// `external_id` for `externalId`: a string, or null when absent.
fn external_id_or_null<'u>(user: &'u User<'_>, errors: &mut FieldErrors) -> Option<&'u str> {
    match user.get(Member::ExternalId)? {
        Json::String(_) => text(user, Member::ExternalId, errors),
        _ => {
            errors.add(Member::ExternalId.name(), "must be a string or null");
            None
        }
    }
}

/// A list the sso profile writes as one comma-separated string: given as that
/// string, or as an array whose items are joined.
enum CommaList<'u> {
    Text(&'u str),
    Items(&'u [Json<'u>]),
}

impl CommaList<'_> {
    fn write(&self, out: &mut Vec<u8>) {
        match self {
            CommaList::Text(text) => write_string(out, text),
            CommaList::Items(items) => {
                let mut joined = String::new();
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        joined.push(',');
                    }
                    match item {
                        Json::String(text) => joined.push_str(text),
                        Json::Number(number) => joined.push_str(number.as_str()),
                        _ => {}
                    }
                }
                write_string(out, &joined);
            }
        }
    }
}

/// `organizations` (names) or `organization_ids` (external ids, which may be
/// given as integers): an array or a comma-separated string.
fn comma_list<'u>(
    user: &'u User<'u>,
    member: Member,
    numbers_allowed: bool,
    errors: &mut FieldErrors,
) -> Option<CommaList<'u>> {
    let shape = if numbers_allowed {
        "must be an array of strings or integers, or a comma-separated string"
    } else {
        "must be an array of strings or a comma-separated string"
    };
    match user.get(member)? {
        Json::String(_) => text(user, member, errors).map(CommaList::Text),
        Json::Array(items) => {
            let before = errors.message_count();
            for (index, item) in items.iter().enumerate() {
                let path = format!("{}[{index}]", member.name());
                match item {
                    Json::String(text) if text.contains(',') => errors.add(
                        path,
                        "holds a comma, which the comma-separated claim can't carry",
                    ),
                    Json::String(text) if text.trim().is_empty() => {
                        errors.add(path, "can't be blank")
                    }
                    Json::String(text) if text.chars().any(char::is_control) => {
                        errors.add(path, NO_CONTROL_CHARACTERS)
                    }
                    Json::String(_) => {}
                    Json::Number(number) if numbers_allowed && number.is_integer() => {}
                    _ => errors.add(member.name(), shape),
                }
            }
            (errors.message_count() == before).then_some(CommaList::Items(items))
        }
        _ => {
            errors.add(member.name(), shape);
            None
        }
    }
}

/// The role the sso profile writes: the Users API's `end-user` is SSO's `end_user`.
fn role(user: &User<'_>, errors: &mut FieldErrors) -> Option<&'static str> {
    match user.get(Member::Role)? {
        Json::String(role) => match role.as_ref() {
            "end-user" | "end_user" => Some("end_user"),
            "agent" => Some("agent"),
            "admin" => Some("admin"),
            _ => {
                errors.add(
                    Member::Role.name(),
                    format!(
                        "{} is not a role: use end-user (or end_user), agent or admin",
                        quoted(role, 32)
                    ),
                );
                None
            }
        },
        _ => {
            errors.add(Member::Role.name(), MUST_BE_A_STRING);
            None
        }
    }
}

/// `remote_photo_url`, or the Users API's `photo.content_url` in its place.
fn photo_url<'u>(user: &'u User<'_>, errors: &mut FieldErrors) -> Option<&'u str> {
    let (url, member) = match user.get(Member::RemotePhotoUrl) {
        Some(_) => (
            text(user, Member::RemotePhotoUrl, errors)?,
            Member::RemotePhotoUrl.name(),
        ),
        None => match user.get(Member::Photo)? {
            Json::Object(_) => match user.get(Member::Photo)?.get("content_url") {
                None | Some(Json::Null) => return None,
                Some(Json::String(url)) => (url.as_ref(), "photo.content_url"),
                Some(_) => {
                    errors.add("photo.content_url", MUST_BE_A_STRING);
                    return None;
                }
            },
            _ => {
                errors.add(
                    Member::Photo.name(),
                    "must be the Users API's photo object or null",
                );
                return None;
            }
        },
    };
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        errors.add(member, "must be an http or https URL");
        return None;
    }
    Some(url)
}

/// The optional members of an SSO token, checked.
struct SsoMembers<'u> {
    name: Option<&'u str>,
    external_id: Option<&'u str>,
    organization: Option<&'u str>,
    organization_id: Option<&'u str>,
    organizations: Option<CommaList<'u>>,
    organization_ids: Option<CommaList<'u>>,
    phone: Option<&'u str>,
    tags: Option<&'u Json<'u>>,
    remote_photo_url: Option<&'u str>,
    locale_id: Option<&'u Number<'u>>,
    role: Option<&'static str>,
    custom_role_id: Option<&'u Number<'u>>,
}

impl<'u> SsoMembers<'u> {
    fn read(user: &'u User<'u>, errors: &mut FieldErrors) -> Self {
        let organization_id = match user.get(Member::OrganizationId) {
            // The Users API's integer organization_id is Zendesk's internal id;
            // the SSO claim means the organization's external id.
            None | Some(Json::Number(_)) => None,
            Some(Json::String(_)) => text(user, Member::OrganizationId, errors),
            Some(_) => {
                errors.add(
                    Member::OrganizationId.name(),
                    "must be the organization's external id (a string)",
                );
                None
            }
        };
        let tags = match user.get(Member::Tags) {
            None => None,
            Some(tags @ Json::String(_)) => Some(tags),
            Some(tags @ Json::Array(items)) if items.iter().all(|t| t.as_str().is_some()) => {
                Some(tags)
            }
            Some(_) => {
                errors.add(
                    Member::Tags.name(),
                    "must be an array of strings or a comma-separated string",
                );
                None
            }
        };
        Self {
            name: required_text(user, Member::Name, errors),
            external_id: text(user, Member::ExternalId, errors),
            organization: text(user, Member::Organization, errors),
            organization_id,
            organizations: comma_list(user, Member::Organizations, false, errors),
            organization_ids: comma_list(user, Member::OrganizationIds, true, errors),
            phone: text(user, Member::Phone, errors),
            tags,
            remote_photo_url: photo_url(user, errors),
            locale_id: id(user, Member::LocaleId, errors),
            role: role(user, errors),
            custom_role_id: id(user, Member::CustomRoleId, errors),
        }
    }

    /// Writes `name` and the optional members that are set, in profile order.
    fn write(&self, out: &mut Vec<u8>) {
        member_key(out, "name");
        match self.name {
            Some(name) => write_string(out, name),
            None => out.extend_from_slice(b"null"),
        }
        let texts = [
            ("external_id", self.external_id),
            ("organization", self.organization),
            ("organization_id", self.organization_id),
        ];
        for (name, value) in texts {
            if let Some(value) = value {
                member_key(out, name);
                write_string(out, value);
            }
        }
        for (name, list) in [
            ("organizations", &self.organizations),
            ("organization_ids", &self.organization_ids),
        ] {
            if let Some(list) = list {
                member_key(out, name);
                list.write(out);
            }
        }
        if let Some(phone) = self.phone {
            member_key(out, "phone");
            write_string(out, phone);
        }
        if let Some(tags) = self.tags {
            member_key(out, "tags");
            tags.write_json(out);
        }
        if let Some(url) = self.remote_photo_url {
            member_key(out, "remote_photo_url");
            write_string(out, url);
        }
        if let Some(id) = self.locale_id {
            member_key(out, "locale_id");
            out.extend_from_slice(id.as_str().as_bytes());
        }
        if let Some(role) = self.role {
            member_key(out, "role");
            write_string(out, role);
        }
        if let Some(id) = self.custom_role_id {
            member_key(out, "custom_role_id");
            out.extend_from_slice(id.as_str().as_bytes());
        }
    }
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
/// profile, and no claim that collides with a claim the profile writes.
pub fn check_claims(claims: &ClaimSet, profile: Profile) -> Result<()> {
    PayloadTemplate::new(profile, None, None, Some(claims), 1).map(drop)
}

/// Checks a claims document for a minter of `profile`, every problem at
/// once at its path: the API's rules for each record, and each claim that
/// collides with a claim the profile writes (the sso profile takes no claims).
/// What `hcjwt check --claims` reports.
pub fn check_claims_document(json: &[u8], profile: Profile) -> Result<()> {
    ClaimSets::read(json, |prefix, claim, errors| match profile {
        Profile::HelpCenter => check_collision(prefix, claim, profile, errors),
        Profile::Sso => errors.add(
            if prefix.is_empty() {
                "custom_claims"
            } else {
                prefix
            },
            "account custom claims belong to help center tokens; the sso profile takes none",
        ),
    })
    .map(drop)
}
