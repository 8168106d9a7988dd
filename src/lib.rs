#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod claims;
mod error;
pub mod fields;
mod json;
pub mod limits;
mod timestamp;
pub mod wire;

pub use claims::{
    AccountCustomClaim, ClaimInput, ClaimSet, ClaimSets, RESERVED_CLAIM_NAMES,
    is_reserved_claim_name,
};
pub use error::{Error, ErrorKind, FieldErrors, Result};
pub use fields::{
    FieldCatalog, FieldOption, FieldOptionInput, FieldType, UserField, UserFieldInput,
};
pub use json::parse_strict;
mod user;
pub use user::{ROLES, User};
mod keys;
mod mint;
mod payload;
mod verify;
pub use keys::{
    ALGORITHMS, Algorithm, SigningKey, VerifyingKey, algorithm_name, parse_algorithm, thumbprint,
};
pub use mint::{Minter, MinterOptions};
pub use payload::Profile;
pub use verify::{VerifiedJws, Verifier, VerifierOptions};
/// JWK and JWKS types (from `jsonwebtoken`), as [`Minter::jwks`] returns them.
pub mod jwk {
    pub use jsonwebtoken::jwk::{Jwk, JwkSet};
}
