//! The members of a messaging token (Zendesk "Authenticating end users in
//! messaging"): `scope` `"user"`, `external_id` (a string: the identity),
//! then `exp` and `name`, `email`, `email_verified` when the user has them.

use super::member_key;
use super::members::{MUST_BE_A_STRING, email_address, text};
use crate::error::FieldErrors;
use crate::limits::MAX_MESSAGING_EXTERNAL_ID_CHARS;
use crate::user::{Member, User};
use crate::value::{Json, write_string};

/// The messaging members of a user, checked.
pub(super) struct MessagingMembers<'u> {
    external_id: Option<&'u str>,
    name: Option<&'u str>,
    email: Option<&'u str>,
    email_verified: Option<bool>,
}

impl<'u> MessagingMembers<'u> {
    pub(super) fn read(user: &'u User<'_>, errors: &mut FieldErrors) -> Self {
        let external_id = match user.get(Member::ExternalId) {
            None => {
                errors.add(
                    Member::ExternalId.name(),
                    "can't be blank: messaging identifies the user by external_id",
                );
                None
            }
            Some(Json::Number(number)) => {
                errors.add(
                    Member::ExternalId.name(),
                    format!(
                        "must be a string, not the number {}: messaging refuses a numeric external_id (write \"{}\")",
                        number.as_str(),
                        number.as_str()
                    ),
                );
                None
            }
            Some(Json::String(_)) => text(user, Member::ExternalId, errors).and_then(|id| {
                if id.trim().is_empty() {
                    errors.add(Member::ExternalId.name(), "can't be blank");
                    None
                } else if id.chars().count() > MAX_MESSAGING_EXTERNAL_ID_CHARS {
                    errors.add(
                        Member::ExternalId.name(),
                        format!(
                            "is too long ({} characters; messaging takes at most {MAX_MESSAGING_EXTERNAL_ID_CHARS})",
                            id.chars().count()
                        ),
                    );
                    None
                } else {
                    Some(id)
                }
            }),
            Some(_) => {
                errors.add(Member::ExternalId.name(), MUST_BE_A_STRING);
                None
            }
        };
        let name = text(user, Member::Name, errors).filter(|name| !name.trim().is_empty());
        let email = match user.get(Member::Email) {
            None => None,
            Some(_) => email_address(user, errors),
        };
        let email_verified = match user.get(Member::EmailVerified) {
            None => None,
            Some(Json::Bool(verified)) => Some(*verified),
            Some(_) => {
                errors.add(Member::EmailVerified.name(), "must be true or false");
                None
            }
        };
        if email_verified.is_some() && user.get(Member::Email).is_none() {
            errors.add(
                Member::EmailVerified.name(),
                "is given without email: messaging reads email_verified of the email only",
            );
        }
        Self {
            external_id,
            name,
            email,
            email_verified,
        }
    }

    /// `"scope":"user","external_id":…,"exp":…` and the optional members
    /// (the object's opening and `iss`/`aud` are the caller's).
    pub(super) fn write(&self, exp: i64, out: &mut Vec<u8>) {
        out.extend_from_slice(b"\"scope\":\"user\"");
        member_key(out, Member::ExternalId.name());
        write_string(out, self.external_id.unwrap_or_default());
        out.extend_from_slice(b",\"exp\":");
        out.extend_from_slice(itoa::Buffer::new().format(exp).as_bytes());
        for (member, value) in [(Member::Name, self.name), (Member::Email, self.email)] {
            if let Some(value) = value {
                member_key(out, member.name());
                write_string(out, value);
            }
        }
        if let Some(verified) = self.email_verified {
            member_key(out, Member::EmailVerified.name());
            out.extend_from_slice(if verified { b"true" } else { b"false" });
        }
    }
}
