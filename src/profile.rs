//! The payload profiles and the claims each writes.

use std::fmt;

use strum::{EnumCount, IntoStaticStr, VariantArray};

use crate::error::{Error, Result, quoted};
use crate::keys::Algorithm;
use crate::variants::{self, every_variant};

/// Which claims a token carries.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, EnumCount, IntoStaticStr, VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum Profile {
    /// The help center's token: `iat`, `exp`, `jti`, `email`, `userId`,
    /// `externalId`, the brand's custom claims, `user_fields`; RS256 by default.
    #[default]
    HelpCenter,
    /// Zendesk JWT single sign-on: `iat`, `jti`, `email`, `name`, the optional
    /// SSO members, `exp`, `user_fields`; HS256 only, no custom claims.
    Sso,
    /// Zendesk messaging (the Web Widget and the mobile SDKs): `scope`
    /// (`"user"`), `external_id` (a string, required), `exp`, then `name`,
    /// `email` and `email_verified` when the user has them; HS256 with the
    /// `kid` of a messaging signing key (`app_...`), no custom claims, no
    /// user fields.
    Messaging,
}

impl Profile {
    /// Every profile.
    pub const ALL: [Profile; Profile::COUNT] = every_variant!(Profile);

    /// The profile with this name (`help_center`, `sso`, `messaging`).
    pub fn parse(name: &str) -> Result<Profile> {
        Profile::ALL
            .into_iter()
            .find(|profile| profile.as_str() == name)
            .ok_or_else(|| {
                Error::invalid_option(
                    "profile",
                    format!(
                        "{} is not one of {}",
                        quoted(name, 32),
                        variants::list(&Profile::ALL)
                    ),
                )
            })
    }

    /// The profile's name.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The algorithm its tokens are usually signed with: RS256 for the help
    /// center (a key pair, its public half published), HS256 for SSO and
    /// messaging (the shared secrets Zendesk issues).
    pub fn default_algorithm(self) -> Algorithm {
        match self {
            Profile::HelpCenter => Algorithm::RS256,
            Profile::Sso | Profile::Messaging => Algorithm::HS256,
        }
    }

    /// The one algorithm Zendesk takes for this profile's tokens, if it
    /// takes only one (HS256 for SSO and messaging).
    pub fn required_algorithm(self) -> Option<Algorithm> {
        match self {
            Profile::HelpCenter => None,
            Profile::Sso | Profile::Messaging => Some(Algorithm::HS256),
        }
    }

    /// True when tokens of this profile carry the brand's account custom
    /// claims (help center tokens only).
    pub fn takes_custom_claims(self) -> bool {
        self == Profile::HelpCenter
    }

    /// True when tokens of this profile carry `user_fields` (not messaging).
    pub fn writes_user_fields(self) -> bool {
        self != Profile::Messaging
    }

    /// Every top-level claim the profile itself may write, in payload order
    /// (`iss` and `aud` first when configured).
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
            Profile::Messaging => &[
                "iss",
                "aud",
                "scope",
                "external_id",
                "exp",
                "name",
                "email",
                "email_verified",
            ],
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Profile {
    type Err = Error;
    fn from_str(name: &str) -> Result<Self> {
        Profile::parse(name)
    }
}
