//! Signing and verifying keys: HMAC secrets, RSA, EC P-256/P-384 and Ed25519
//! from PEM, DER or JWK, each bound to one algorithm when loaded, with the
//! RFC 7638 thumbprint as the default `kid` and a JWKS of public members only.
//!
//! - `algorithm`: the algorithms, their key families and aws-lc primitives;
//! - `material`: what key bytes hold, and the refusal of key material as an
//!   HMAC secret (RS/HS confusion);
//! - `jwk`: reading and writing JWKs;
//! - `public`: public keys checked, and the prepared verifier of one key;
//! - `signing`: [`SigningKey`], the prepared signer;
//! - `verifying`: [`VerifyingKey`] and the per-algorithm prepared verifiers;
//! - `set`: a prepared key set and the rule that picks a token's keys.

mod algorithm;
mod jwk;
mod material;
mod public;
mod set;
mod signing;
mod verifying;

pub use algorithm::{ALGORITHMS, Algorithm, parse_algorithm};
pub use jwk::thumbprint;
pub use material::key_material_kind;
pub(crate) use material::{is_jwks, json_text};
pub(crate) use set::KeySet;
pub use signing::SigningKey;
pub use verifying::VerifyingKey;
