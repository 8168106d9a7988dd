//! Typed verification: a verified payload deserialized straight into the
//! caller's type, and the help center's claims as a ready type.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Verifier;
use super::claims::Registered;
use super::strict::{Kept, Strict};
use crate::error::{Error, Result};
use crate::value::JsonDeserializer;

/// The claims of a help center token, as Zendesk's help center signs them
/// (and as hcjwt's `help_center` profile writes them): for
/// [`Verifier::verify_as`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HelpCenterClaims {
    /// Issued at (Unix seconds).
    pub iat: i64,
    /// Expires at (Unix seconds).
    pub exp: i64,
    /// The token's unique id.
    pub jti: String,
    /// The signed-in user's email.
    pub email: String,
    /// The Zendesk user id.
    #[serde(rename = "userId")]
    pub user_id: u64,
    /// The user's external id, `None` when the user has none (`null`).
    #[serde(rename = "externalId")]
    pub external_id: Option<String>,
    /// `iss`, when the token has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iss: Option<String>,
    /// `aud`, when the token has one (a string or an array of strings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aud: Option<Value>,
    /// The user's field values, keyed by field key, when the token has them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_fields: Option<Map<String, Value>>,
    /// Every other member: the brand's account custom claims.
    #[serde(flatten)]
    pub custom_claims: Map<String, Value>,
}

impl Verifier {
    /// Verifies `token` against the current clock and deserializes its
    /// payload into `T` (see [`Verifier::verify_as_at`]).
    pub fn verify_as<T: DeserializeOwned>(&self, token: &str) -> Result<T> {
        self.verify_as_at(token, crate::clock::unix_now())
    }

    /// Verifies `token` as of `now` with every check of
    /// [`Verifier::verify_at`] (size, header, pinned algorithm, kid,
    /// signature, strict JSON, `exp`/`nbf`/`iat`/`iss`/`aud`) and
    /// deserializes the payload, read once, straight into `T` with no map
    /// in between (strings without escapes are borrowed, not copied, on the
    /// way). A payload that does not fit `T` is an [`Error::InvalidClaim`]
    /// naming the member (`.` for the payload itself).
    pub fn verify_as_at<T: DeserializeOwned>(&self, token: &str, now: i64) -> Result<T> {
        let jws = self.verify_signature(token)?;
        let mut kept = Kept::default();
        let mut reader = serde_json::Deserializer::from_slice(&jws.payload);
        let read = T::deserialize(Strict {
            inner: &mut reader,
            kept: Some(&mut kept),
        })
        .and_then(|value| reader.end().map(|()| value));
        match read {
            Ok(value) if !kept.escaped() => {
                Registered::read(|name| kept.claim(name)).check(&self.options, now)?;
                Ok(value)
            }
            // An escaped claim, or a payload that did not read: the strict
            // reader says what verify_at would (malformed, expired, ...),
            // and a payload it takes that `T` does not fit names the member.
            read => {
                let payload = self.check_payload(&jws.payload, now)?;
                match read {
                    Ok(value) => Ok(value),
                    Err(_) => serde_path_to_error::deserialize::<_, T>(JsonDeserializer(&payload))
                        .map_err(|error| {
                            let member = error.path().to_string();
                            Error::invalid_claim(member, error.into_inner().to_string())
                        }),
                }
            }
        }
    }
}
