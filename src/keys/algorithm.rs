//! The algorithms hcjwt signs and verifies with, the key family each needs,
//! and the aws-lc-rs primitive behind each. Every table is an exhaustive
//! match: a new algorithm does not compile until each table has it.

use std::fmt;

use aws_lc_rs::hmac;
use aws_lc_rs::signature::{self as aws_sig, EcdsaSigningAlgorithm, VerificationAlgorithm};
use jsonwebtoken::jwk::KeyAlgorithm;
use strum::{EnumCount, IntoStaticStr, VariantArray};

use crate::error::{Error, Result, quoted};
use crate::variants::every_variant;

/// The JWS algorithms hcjwt signs and verifies with. There is no `none`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumCount, IntoStaticStr, VariantArray)]
#[allow(clippy::upper_case_acronyms)]
pub enum Algorithm {
    /// HMAC with SHA-256.
    HS256,
    /// HMAC with SHA-384.
    HS384,
    /// HMAC with SHA-512.
    HS512,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RS256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RS384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RS512,
    /// RSASSA-PSS with SHA-256.
    PS256,
    /// RSASSA-PSS with SHA-384.
    PS384,
    /// RSASSA-PSS with SHA-512.
    PS512,
    /// ECDSA on P-256 with SHA-256.
    ES256,
    /// ECDSA on P-384 with SHA-384.
    ES384,
    /// Ed25519.
    EdDSA,
}

/// Every algorithm hcjwt signs and verifies with (there is no `none`).
pub const ALGORITHMS: [Algorithm; Algorithm::COUNT] = every_variant!(Algorithm);

impl Algorithm {
    /// The JOSE name (`"RS256"`).
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// True for HS256, HS384 and HS512.
    pub fn is_hmac(self) -> bool {
        self.family() == Family::Hmac
    }

    /// The kind of key the algorithm needs.
    pub(crate) const fn family(self) -> Family {
        match self {
            Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => Family::Hmac,
            Algorithm::RS256
            | Algorithm::RS384
            | Algorithm::RS512
            | Algorithm::PS256
            | Algorithm::PS384
            | Algorithm::PS512 => Family::Rsa,
            Algorithm::ES256 => Family::P256,
            Algorithm::ES384 => Family::P384,
            Algorithm::EdDSA => Family::Ed25519,
        }
    }

    /// The HMAC primitive and the shortest secret it takes (the hash's
    /// length), for HS*.
    pub(crate) fn hmac(self) -> Option<(hmac::Algorithm, usize)> {
        match self {
            Algorithm::HS256 => Some((hmac::HMAC_SHA256, 32)),
            Algorithm::HS384 => Some((hmac::HMAC_SHA384, 48)),
            Algorithm::HS512 => Some((hmac::HMAC_SHA512, 64)),
            Algorithm::RS256
            | Algorithm::RS384
            | Algorithm::RS512
            | Algorithm::PS256
            | Algorithm::PS384
            | Algorithm::PS512
            | Algorithm::ES256
            | Algorithm::ES384
            | Algorithm::EdDSA => None,
        }
    }

    /// The RSA padding, for RS* and PS*.
    pub(crate) fn rsa_padding(self) -> Option<&'static dyn aws_sig::RsaEncoding> {
        match self {
            Algorithm::RS256 => Some(&aws_sig::RSA_PKCS1_SHA256),
            Algorithm::RS384 => Some(&aws_sig::RSA_PKCS1_SHA384),
            Algorithm::RS512 => Some(&aws_sig::RSA_PKCS1_SHA512),
            Algorithm::PS256 => Some(&aws_sig::RSA_PSS_SHA256),
            Algorithm::PS384 => Some(&aws_sig::RSA_PSS_SHA384),
            Algorithm::PS512 => Some(&aws_sig::RSA_PSS_SHA512),
            Algorithm::HS256
            | Algorithm::HS384
            | Algorithm::HS512
            | Algorithm::ES256
            | Algorithm::ES384
            | Algorithm::EdDSA => None,
        }
    }

    /// The public-key verification primitive (none for HS*). RSA accepts
    /// moduli of 2048 to 8192 bits.
    pub(crate) fn verification(self) -> Option<&'static dyn VerificationAlgorithm> {
        match self {
            Algorithm::RS256 => Some(&aws_sig::RSA_PKCS1_2048_8192_SHA256),
            Algorithm::RS384 => Some(&aws_sig::RSA_PKCS1_2048_8192_SHA384),
            Algorithm::RS512 => Some(&aws_sig::RSA_PKCS1_2048_8192_SHA512),
            Algorithm::PS256 => Some(&aws_sig::RSA_PSS_2048_8192_SHA256),
            Algorithm::PS384 => Some(&aws_sig::RSA_PSS_2048_8192_SHA384),
            Algorithm::PS512 => Some(&aws_sig::RSA_PSS_2048_8192_SHA512),
            Algorithm::ES256 => Some(&aws_sig::ECDSA_P256_SHA256_FIXED),
            Algorithm::ES384 => Some(&aws_sig::ECDSA_P384_SHA384_FIXED),
            Algorithm::EdDSA => Some(&aws_sig::ED25519),
            Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512 => None,
        }
    }

    /// The algorithm's name in a JWK's `alg`.
    pub(crate) fn key_algorithm(self) -> KeyAlgorithm {
        match self {
            Algorithm::HS256 => KeyAlgorithm::HS256,
            Algorithm::HS384 => KeyAlgorithm::HS384,
            Algorithm::HS512 => KeyAlgorithm::HS512,
            Algorithm::RS256 => KeyAlgorithm::RS256,
            Algorithm::RS384 => KeyAlgorithm::RS384,
            Algorithm::RS512 => KeyAlgorithm::RS512,
            Algorithm::PS256 => KeyAlgorithm::PS256,
            Algorithm::PS384 => KeyAlgorithm::PS384,
            Algorithm::PS512 => KeyAlgorithm::PS512,
            Algorithm::ES256 => KeyAlgorithm::ES256,
            Algorithm::ES384 => KeyAlgorithm::ES384,
            Algorithm::EdDSA => KeyAlgorithm::EdDSA,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Algorithm {
    type Err = Error;
    fn from_str(name: &str) -> Result<Self> {
        parse_algorithm(name)
    }
}

impl From<Algorithm> for jsonwebtoken::Algorithm {
    fn from(algorithm: Algorithm) -> Self {
        match algorithm {
            Algorithm::HS256 => jsonwebtoken::Algorithm::HS256,
            Algorithm::HS384 => jsonwebtoken::Algorithm::HS384,
            Algorithm::HS512 => jsonwebtoken::Algorithm::HS512,
            Algorithm::RS256 => jsonwebtoken::Algorithm::RS256,
            Algorithm::RS384 => jsonwebtoken::Algorithm::RS384,
            Algorithm::RS512 => jsonwebtoken::Algorithm::RS512,
            Algorithm::PS256 => jsonwebtoken::Algorithm::PS256,
            Algorithm::PS384 => jsonwebtoken::Algorithm::PS384,
            Algorithm::PS512 => jsonwebtoken::Algorithm::PS512,
            Algorithm::ES256 => jsonwebtoken::Algorithm::ES256,
            Algorithm::ES384 => jsonwebtoken::Algorithm::ES384,
            Algorithm::EdDSA => jsonwebtoken::Algorithm::EdDSA,
        }
    }
}

/// Parses an algorithm name (`"RS256"`, ...); `none` and unknown names are
/// [`Error::UnsupportedAlgorithm`].
pub fn parse_algorithm(name: &str) -> Result<Algorithm> {
    ALGORITHMS
        .into_iter()
        .find(|alg| alg.name() == name)
        .ok_or_else(|| Error::UnsupportedAlgorithm(quoted(name, 32)))
}

/// The number of significant bits of a big-endian unsigned integer (an RSA
/// modulus): a 2047-bit modulus fills 256 bytes but is not 2048 bits.
pub(crate) fn bit_length(big_endian: &[u8]) -> usize {
    match big_endian.iter().position(|byte| *byte != 0) {
        Some(first) => (big_endian.len() - first) * 8 - big_endian[first].leading_zeros() as usize,
        None => 0,
    }
}

/// The kind of key an algorithm needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    Hmac,
    Rsa,
    P256,
    P384,
    Ed25519,
}

impl Family {
    /// The algorithm a key of this family signs with when none is named.
    pub(crate) fn default_algorithm(self) -> Algorithm {
        match self {
            Family::Hmac => Algorithm::HS256,
            Family::Rsa => Algorithm::RS256,
            Family::P256 => Algorithm::ES256,
            Family::P384 => Algorithm::ES384,
            Family::Ed25519 => Algorithm::EdDSA,
        }
    }

    pub(crate) fn describe(self) -> &'static str {
        match self {
            Family::Hmac => "an HMAC secret",
            Family::Rsa => "an RSA key",
            Family::P256 => "a P-256 key",
            Family::P384 => "a P-384 key",
            Family::Ed25519 => "an Ed25519 key",
        }
    }

    /// The ECDSA signing primitive of the curve (P-256 or P-384).
    pub(crate) fn ecdsa_signing(self) -> Option<&'static EcdsaSigningAlgorithm> {
        match self {
            Family::P256 => Some(&aws_sig::ECDSA_P256_SHA256_FIXED_SIGNING),
            Family::P384 => Some(&aws_sig::ECDSA_P384_SHA384_FIXED_SIGNING),
            Family::Hmac | Family::Rsa | Family::Ed25519 => None,
        }
    }

    /// The length of one coordinate of the curve, in bytes.
    pub(crate) fn coordinate_len(self) -> Option<usize> {
        match self {
            Family::P256 | Family::Ed25519 => Some(32),
            Family::P384 => Some(48),
            Family::Hmac | Family::Rsa => None,
        }
    }
}
