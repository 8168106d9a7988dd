//! The user a token is minted for: the Users API's user object, bare or
//! wrapped as `{"user": {...}}` (as `GET /api/v2/users/{id}` answers, with any
//! sideloads beside it). Only the members in [`Member`] are read; the dozens of
//! others a real user object holds are skipped unread. What a member must look
//! like depends on the profile that writes it, so reading never checks types:
//! the minter does, reporting every problem at once.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use strum::{EnumCount, EnumString, IntoStaticStr, VariantArray};

use crate::error::{Error, Result};
use crate::json::duplicate;
use crate::value::{CowKey, Json, skip_seq};
use crate::variants::every_variant;

/// The members of a user object that hcjwt reads, in one list: the minter,
/// the C ABI and the Python module all take users through it.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, EnumCount, EnumString, IntoStaticStr, VariantArray,
)]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum Member {
    /// `id`: the Zendesk user id (`userId` in help center tokens).
    Id,
    /// `email`.
    Email,
    /// `name` (required by the sso profile).
    Name,
    /// `external_id`: the user's id in the host system.
    ExternalId,
    /// `organization`: SSO only, an organization name.
    Organization,
    /// `organization_id`: in the Users API Zendesk's internal id (an integer,
    /// never written); in an SSO input the organization's external id (a string).
    OrganizationId,
    /// `organizations`: SSO only, organization names (array or comma-separated).
    Organizations,
    /// `organization_ids`: SSO only, organization external ids (array or comma-separated).
    OrganizationIds,
    /// `phone`.
    Phone,
    /// `tags`: an array of strings or a comma-separated string.
    Tags,
    /// `remote_photo_url`.
    RemotePhotoUrl,
    /// `photo`: the Users API's photo object; its `content_url` stands in for
    /// a missing `remote_photo_url`.
    Photo,
    /// `locale_id`.
    LocaleId,
    /// `role`: `end-user` (the Users API) or `end_user` (SSO), `agent`, `admin`.
    Role,
    /// `custom_role_id`.
    CustomRoleId,
    /// `user_fields`: values of the account's user fields, keyed by field key.
    UserFields,
    /// `email_verified`: messaging only, whether the host system verified the
    /// email (a boolean); written only when the user says.
    EmailVerified,
}

impl Member {
    /// The number of members.
    pub const COUNT: usize = <Member as EnumCount>::COUNT;

    /// Every member: those the sso profile writes in its order, then
    /// `email_verified` (messaging).
    pub const ALL: [Member; Member::COUNT] = every_variant!(Member);

    /// The member's name in a user object.
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// The member called `name`, if hcjwt reads it.
    pub fn from_name(name: &str) -> Option<Member> {
        name.parse().ok()
    }

    fn slot(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Member {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A user: the members of a Users API user object that hcjwt reads, as JSON
/// values borrowed from the input. `null` counts as absent.
///
/// ```
/// use hcjwt::{Member, User};
///
/// let fetched = br#"{"user": {"id": 35436, "email": "johnny@example.com", "role": "end-user",
///     "active": true, "photo": null, "user_fields": {"plan": "gold", "old_field": null}},
///     "identities": [{"type": "email", "value": "someone@else.example"}]}"#;
/// let user = User::from_json(fetched)?;
/// assert_eq!(user.get(Member::Email).and_then(|v| v.as_str()), Some("johnny@example.com"));
///
/// let built = User::new().with_id(35436).with_email("johnny@example.com");
/// assert_eq!(built.get(Member::Id).map(|v| v.to_string()), Some("35436".to_owned()));
/// # Ok::<(), hcjwt::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct User<'a> {
    values: [Option<Json<'a>>; Member::COUNT],
}

impl User<'static> {
    /// The validation message on `user` for a list of users
    /// (`{"users": [...]}`) given where one user belongs: the same words on
    /// every surface.
    pub const A_LIST_OF_USERS: &'static str = A_LIST_OF_USERS;

    /// A user with no members yet.
    pub fn new() -> Self {
        Self::default()
    }
}

impl<'a> User<'a> {
    /// Reads a user object from JSON text: bare, or wrapped as `{"user": {...}}`
    /// with any sideloads beside it (`identities`, `organizations`, ...), which
    /// are skipped and never merged into the user. Syntax errors, a repeated
    /// member and nesting deeper than 128 levels are [`Error::Json`]; a `user`
    /// member that is not an object, or a document that is not an object, is a
    /// validation error on `user`.
    pub fn from_json(json: &'a [u8]) -> Result<Self> {
        // Checked as UTF-8 once here, so serde_json does not check each
        // string again.
        let json = std::str::from_utf8(json).map_err(|error| Error::Json {
            input: "user".to_owned(),
            message: format!("not UTF-8 (invalid byte at offset {})", error.valid_up_to()),
            cause: None,
        })?;
        let mut deserializer = serde_json::Deserializer::from_str(json);
        let document = deserializer
            .deserialize_any(DocumentVisitor)
            .and_then(|document| deserializer.end().map(|()| document))
            .map_err(|error| crate::json::json_error("user", error))?;
        match document {
            Document::Wrapped(user) | Document::Bare(user) => Ok(user),
            Document::NotAnObject(what) => Err(Error::field(
                "user",
                format!("must be a JSON object, not {what}"),
            )),
            Document::List => Err(Error::field("user", A_LIST_OF_USERS)),
        }
    }

    /// Reads a user object (bare or wrapped) from a JSON value, borrowing its
    /// strings.
    pub fn from_value(value: &'a Json<'a>) -> Result<Self> {
        let Json::Object(members) = value else {
            return Err(Error::field(
                "user",
                format!("must be a JSON object, not {}", value.type_name()),
            ));
        };
        let members = match members.iter().find(|(key, _)| key == "user") {
            Some((_, Json::Object(inner))) => inner,
            Some((_, other)) => {
                return Err(Error::field(
                    "user",
                    format!("must be a JSON object, not {}", other.type_name()),
                ));
            }
            None if members.iter().any(|(key, _)| key == "users") => {
                return Err(Error::field("user", A_LIST_OF_USERS));
            }
            None => members,
        };
        let mut user = User::default();
        for (key, value) in members {
            if let Some(member) = Member::from_name(key) {
                user.values[member.slot()] = Some(value.clone());
            }
        }
        Ok(user)
    }

    /// The value of `member`; `None` when it is absent or `null`.
    pub fn get(&self, member: Member) -> Option<&Json<'a>> {
        self.values[member.slot()]
            .as_ref()
            .filter(|value| !value.is_null())
    }

    /// Sets (or with `Json::Null`, clears) `member`.
    pub fn set(&mut self, member: Member, value: impl Into<Json<'a>>) {
        self.values[member.slot()] = Some(value.into());
    }

    /// With `member` set to `value`.
    pub fn with(mut self, member: Member, value: impl Into<Json<'a>>) -> Self {
        self.set(member, value);
        self
    }

    /// With the Zendesk user id.
    pub fn with_id(self, id: u64) -> Self {
        self.with(Member::Id, id)
    }

    /// With the email address.
    pub fn with_email(self, email: impl Into<Cow<'a, str>>) -> Self {
        self.with(Member::Email, Json::String(email.into()))
    }

    /// With the name.
    pub fn with_name(self, name: impl Into<Cow<'a, str>>) -> Self {
        self.with(Member::Name, Json::String(name.into()))
    }

    /// With the external id.
    pub fn with_external_id(self, external_id: impl Into<Cow<'a, str>>) -> Self {
        self.with(Member::ExternalId, Json::String(external_id.into()))
    }

    /// With one more user field value (`user_fields` becomes an object if it
    /// is not one; a value for the same key is replaced).
    pub fn with_field(mut self, key: impl Into<Cow<'a, str>>, value: impl Into<Json<'a>>) -> Self {
        let key = key.into();
        let value = value.into();
        let slot = &mut self.values[Member::UserFields.slot()];
        if !matches!(slot, Some(Json::Object(_))) {
            *slot = Some(Json::Object(Vec::new()));
        }
        if let Some(Json::Object(members)) = slot {
            match members.iter_mut().find(|(name, _)| *name == key) {
                Some((_, existing)) => *existing = value,
                None => members.push((key, value)),
            }
        }
        self
    }

    /// Every member that is set (not absent, not `null`).
    pub fn members(&self) -> impl Iterator<Item = (Member, &Json<'a>)> {
        Member::ALL
            .into_iter()
            .filter_map(|member| self.get(member).map(|value| (member, value)))
    }

    /// The same user, owning every string.
    pub fn into_owned(self) -> User<'static> {
        User {
            values: self.values.map(|value| value.map(Json::into_owned)),
        }
    }
}

enum Document<'a> {
    Wrapped(User<'a>),
    Bare(User<'a>),
    NotAnObject(&'static str),
    List,
}

/// What a list of users (`{"users": [...]}`) given as a user is told.
const A_LIST_OF_USERS: &str = "is a list of users ({\"users\": [...]}, as search and show_many answer): give one of them, as {\"user\": {...}} or the bare user object";

/// The top level of a user document: a wrapped user (`{"user": {...}, ...}`)
/// or a bare one. The members hcjwt reads are kept unread at the top level in
/// case the document turns out to be bare, and dropped when a `user` member
/// shows it is wrapped.
struct DocumentVisitor;

impl<'de> Visitor<'de> for DocumentVisitor {
    type Value = Document<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a user object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut wrapped: Option<std::result::Result<User<'de>, &'static str>> = None;
        let mut top: Vec<(Member, &'de RawValue)> = Vec::new();
        let mut users = false;
        while let Some(CowKey(key)) = map.next_key()? {
            if key == "users" {
                users = true;
                map.next_value::<IgnoredAny>()?;
            } else if key == "user" {
                if wrapped.is_some() {
                    return Err(duplicate(&key));
                }
                wrapped = Some(map.next_value_seed(UserSeed)?);
            } else if let Some(member) = Member::from_name(&key) {
                if top.iter().any(|(seen, _)| *seen == member) {
                    return Err(duplicate(&key));
                }
                top.push((member, map.next_value()?));
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        match wrapped {
            Some(Ok(user)) => Ok(Document::Wrapped(user)),
            Some(Err(what)) => Ok(Document::NotAnObject(what)),
            None if users => Ok(Document::List),
            None => {
                let mut user = User::default();
                for (member, raw) in top {
                    user.values[member.slot()] =
                        Some(Json::from_raw(raw, 1).map_err(de::Error::custom)?);
                }
                Ok(Document::Bare(user))
            }
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        skip_seq(seq).map(|()| Document::NotAnObject("an array"))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Document::NotAnObject("a boolean"))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Document::NotAnObject("a number"))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Document::NotAnObject("a number"))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Document::NotAnObject("a number"))
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Document::NotAnObject("a string"))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Document::NotAnObject("null"))
    }
}

/// The value of a `user` member: a user object, or the type it has instead.
struct UserSeed;

impl<'de> DeserializeSeed<'de> for UserSeed {
    type Value = std::result::Result<User<'de>, &'static str>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(UserVisitor)
    }
}

struct UserVisitor;

impl<'de> Visitor<'de> for UserVisitor {
    type Value = std::result::Result<User<'de>, &'static str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a user object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut user = User::default();
        while let Some(CowKey(key)) = map.next_key()? {
            match Member::from_name(&key) {
                Some(member) => {
                    let slot = &mut user.values[member.slot()];
                    if slot.is_some() {
                        return Err(duplicate(&key));
                    }
                    let raw: &'de RawValue = map.next_value()?;
                    *slot = Some(Json::from_raw(raw, 2).map_err(de::Error::custom)?);
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Ok(user))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        skip_seq(seq).map(|()| Err("an array"))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Err("a boolean"))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Err("a string"))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Err("null"))
    }
}
