//! The members of an SSO token: the optional ones the Zendesk JWT single
//! sign-on reads, each checked, written in the profile's order.

use super::member_key;
use super::members::{MUST_BE_A_STRING, NO_CONTROL_CHARACTERS, id, required_text, text};
use crate::error::{FieldErrors, quoted};
use crate::user::{Member, User};
use crate::value::{Json, Number, write_string};

/// A list the sso profile writes as one comma-separated string: given as that
/// string, or as an array whose items are joined.
enum CommaList<'u> {
    Text(&'u str),
    Items(&'u [Json<'u>]),
}

impl CommaList<'_> {
    pub(super) fn write(&self, out: &mut Vec<u8>) {
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
pub(super) struct SsoMembers<'u> {
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
    pub(super) fn read(user: &'u User<'u>, errors: &mut FieldErrors) -> Self {
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
    pub(super) fn write(&self, out: &mut Vec<u8>) {
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
