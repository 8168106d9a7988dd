#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod claims;
mod clock;
mod document;
mod error;
mod exchange;
mod fields;
mod host;
mod inspect;
mod json;
mod keys;
pub mod limits;
mod mint;
mod payload;
mod profile;
#[cfg(feature = "remote")]
pub mod remote;
pub mod sso;
mod timestamp;
mod user;
mod value;
mod variants;
mod verify;
pub mod wire;

pub use claims::{
    AccountCustomClaim, ClaimInput, ClaimSet, ClaimSets, RESERVED_CLAIM_NAMES,
    is_reserved_claim_name,
};
pub use clock::unix_now;
pub use error::{Error, ErrorKind, FieldErrors, Result};
pub use exchange::{MissingExternalId, exchange, exchange_at};
pub use fields::{
    CursorLinks, CursorMeta, FieldCatalog, FieldCursorPage, FieldOption, FieldOptionInput,
    FieldPage, FieldType, OptionCursorPage, OptionPage, Upsert, UserField, UserFieldInput,
};
pub use inspect::{InspectOptions, Inspection, dates, inspect, inspection_verifier};
pub use json::parse_strict;
pub use keys::{
    ALGORITHMS, Algorithm, SigningKey, VerifyingKey, key_material_kind, parse_algorithm, thumbprint,
};
pub use mint::{Minter, MinterOptions};
pub use payload::{check_claims, check_claims_document, check_user};
pub use profile::Profile;
pub use timestamp::relative_time;
pub use user::{Member, User};
pub use value::{Json, Number, Object};
pub use verify::{HelpCenterClaims, VerifiedJws, Verifier, VerifierOptions};

/// Reading a token without verifying it: for picking a key by `kid` or
/// `alg` before verifying, and for explaining a token (see [`inspect`]).
/// Nothing read here may be trusted: anyone can write any header and payload.
pub mod dangerous {
    pub use crate::inspect::{decode, get_unverified_header};
}

/// JWK and JWKS types (from `jsonwebtoken`), as [`Minter::jwks`] returns them.
pub mod jwk {
    pub use jsonwebtoken::jwk::{Jwk, JwkSet};
}
