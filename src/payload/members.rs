//! Reading the members of a user a profile writes, each checked and named
//! in the API's error shape when it is wrong.

use crate::error::FieldErrors;
use crate::user::{Member, User};
use crate::value::{Json, Number};

pub(super) const MUST_BE_A_STRING: &str = "must be a string";
pub(super) const MUST_BE_AN_ID: &str = "must be an integer id (a JSON integer such as 35436)";
pub(super) const NO_CONTROL_CHARACTERS: &str = "may not hold control characters";

/// A text member, or `None` when absent (`null` is absent); a member of
/// another type or with control characters is reported.
pub(super) fn text<'u>(
    user: &'u User<'_>,
    member: Member,
    errors: &mut FieldErrors,
) -> Option<&'u str> {
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
pub(super) fn required_text<'u>(
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

/// The required `email`, checked as an address.
pub(super) fn email<'u>(user: &'u User<'_>, errors: &mut FieldErrors) -> Option<&'u str> {
    required_text(user, Member::Email, errors)?;
    email_address(user, errors)
}

/// `email` checked as an address (`local@domain`, no white space).
pub(super) fn email_address<'u>(user: &'u User<'_>, errors: &mut FieldErrors) -> Option<&'u str> {
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
pub(super) fn id<'u>(
    user: &'u User<'_>,
    member: Member,
    errors: &mut FieldErrors,
) -> Option<&'u Number<'u>> {
    match user.get(member)? {
        Json::Number(number) if number.as_u64().is_some() => Some(number),
        _ => {
            errors.add(member.name(), MUST_BE_AN_ID);
            None
        }
    }
}

pub(super) fn help_center_id<'u>(
    user: &'u User<'_>,
    errors: &mut FieldErrors,
) -> Option<&'u Number<'u>> {
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
pub(super) fn external_id_or_null<'u>(
    user: &'u User<'_>,
    errors: &mut FieldErrors,
) -> Option<&'u str> {
    match user.get(Member::ExternalId)? {
        Json::String(_) => text(user, Member::ExternalId, errors),
        _ => {
            errors.add(Member::ExternalId.name(), "must be a string or null");
            None
        }
    }
}
