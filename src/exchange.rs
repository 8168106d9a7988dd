//! The exchange: a verified help center token for a messaging token for the
//! same person, the step that signs a help center user into Zendesk
//! messaging (the Web Widget and the mobile SDKs).

use serde_json::{Map, Value};

use crate::clock::unix_now;
use crate::error::{Error, Result};
use crate::mint::Minter;
use crate::profile::Profile;
use crate::user::User;
use crate::verify::Verifier;

/// What the messaging token's `external_id` is when the help center token's
/// `externalId` is `null` (a Zendesk user with no external id): a choice
/// the caller makes, never a silent fallback.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MissingExternalId {
    /// No token: an [`Error::InvalidClaim`] naming `externalId` (the default).
    #[default]
    Refuse,
    /// The token's `userId` (the Zendesk user id), written as a string:
    /// messaging then knows the person by their Zendesk id. Should the user
    /// get an external id later, messaging sees another identity for them
    /// (Zendesk answers 409 to a mismatched pair), so choose this only when
    /// the host system will keep making this choice.
    UseUserId,
}

/// Verifies a help center token with `verifier` (its signature, `exp`,
/// `iss`/`aud` as configured) and mints a messaging token for the same
/// person with `minter` (a minter of the messaging profile): `external_id`
/// from the token's `externalId` (see [`MissingExternalId`] for a null
/// one), `email` from its `email`. A token the verifier refuses gives its
/// error and no token.
pub fn exchange(
    verifier: &Verifier,
    token: &str,
    minter: &Minter,
    missing: MissingExternalId,
) -> Result<String> {
    exchange_at(verifier, token, minter, missing, unix_now())
}

/// [`exchange`] as of `now` (Unix seconds): the verification and the new
/// token's `exp` both.
pub fn exchange_at(
    verifier: &Verifier,
    token: &str,
    minter: &Minter,
    missing: MissingExternalId,
    now: i64,
) -> Result<String> {
    if minter.options().profile != Profile::Messaging {
        return Err(Error::invalid_option(
            "minter",
            format!(
                "the exchange mints messaging tokens, and this minter's profile is {}: make it with the messaging profile",
                minter.options().profile
            ),
        ));
    }
    let claims = verifier.verify_at(token, now)?;
    let user = messaging_user(&claims, missing)?;
    minter.mint_at(&User::from_json(user.to_string().as_bytes())?, now)
}

/// The messaging user of a verified help center payload.
fn messaging_user(claims: &Map<String, Value>, missing: MissingExternalId) -> Result<Value> {
    let external_id = match (claims.get("externalId"), missing) {
        (Some(Value::String(id)), _) => Value::String(id.clone()),
        (None | Some(Value::Null), MissingExternalId::UseUserId) => match claims.get("userId") {
            Some(Value::Number(id)) if id.is_u64() => Value::String(id.to_string()),
            _ => {
                return Err(Error::invalid_claim(
                    "userId",
                    "is not an integer id, so it can't stand in for the missing externalId",
                ));
            }
        },
        (None | Some(Value::Null), MissingExternalId::Refuse) => {
            return Err(Error::invalid_claim(
                "externalId",
                "is null: the user has no external id in Zendesk, and messaging identifies users by it (set the user's external_id, or choose to use the Zendesk user id)",
            ));
        }
        (Some(other), _) => {
            return Err(Error::invalid_claim(
                "externalId",
                format!("is {other}, not a string"),
            ));
        }
    };
    let mut user = Map::new();
    user.insert("external_id".into(), external_id);
    if let Some(email) = claims.get("email").filter(|email| email.is_string()) {
        user.insert("email".into(), email.clone());
    }
    Ok(Value::Object(user))
}
