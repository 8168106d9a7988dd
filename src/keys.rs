//! Signing and verifying keys: HMAC secrets, RSA, EC P-256/P-384 and Ed25519
//! from PEM, DER or JWK, each bound to one algorithm when loaded, with the
//! RFC 7638 thumbprint as the default `kid` and a JWKS of public members only.

use std::fmt;

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::KeySize;
use aws_lc_rs::signature::{
    self as aws_sig, EcdsaKeyPair, EcdsaSigningAlgorithm, Ed25519KeyPair, KeyPair, ParsedPublicKey,
    RsaKeyPair, VerificationAlgorithm,
};
use aws_lc_rs::{hmac, rand};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::{
    AlgorithmParameters, CommonParameters, EllipticCurve, EllipticCurveKeyParameters,
    EllipticCurveKeyType, Jwk, JwkSet, KeyAlgorithm, KeyOperations, OctetKeyPairParameters,
    OctetKeyPairType, PublicKeyUse, RSAKeyParameters, RSAKeyType, ThumbprintHash,
};
use serde::Deserialize;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::limits::MIN_RSA_BITS;

/// The JWS algorithms hcjwt signs and verifies with. There is no `none`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(algorithm_name(*self))
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

/// Every algorithm hcjwt signs and verifies with (there is no `none`).
pub const ALGORITHMS: [Algorithm; 12] = [
    Algorithm::HS256,
    Algorithm::HS384,
    Algorithm::HS512,
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

/// Parses an algorithm name (`"RS256"`, ...); `none` and unknown names are
/// [`Error::UnsupportedAlgorithm`].
pub fn parse_algorithm(name: &str) -> Result<Algorithm> {
    ALGORITHMS
        .into_iter()
        .find(|alg| algorithm_name(*alg) == name)
        .ok_or_else(|| Error::UnsupportedAlgorithm(name.chars().take(32).collect()))
}

/// The JOSE name of an algorithm.
pub fn algorithm_name(algorithm: Algorithm) -> &'static str {
    match algorithm {
        Algorithm::HS256 => "HS256",
        Algorithm::HS384 => "HS384",
        Algorithm::HS512 => "HS512",
        Algorithm::RS256 => "RS256",
        Algorithm::RS384 => "RS384",
        Algorithm::RS512 => "RS512",
        Algorithm::PS256 => "PS256",
        Algorithm::PS384 => "PS384",
        Algorithm::PS512 => "PS512",
        Algorithm::ES256 => "ES256",
        Algorithm::ES384 => "ES384",
        Algorithm::EdDSA => "EdDSA",
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
    fn of(algorithm: Algorithm) -> Family {
        match algorithm {
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

    /// The algorithm a key of this family signs with when none is named.
    fn default_algorithm(self) -> Algorithm {
        match self {
            Family::Hmac => Algorithm::HS256,
            Family::Rsa => Algorithm::RS256,
            Family::P256 => Algorithm::ES256,
            Family::P384 => Algorithm::ES384,
            Family::Ed25519 => Algorithm::EdDSA,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Family::Hmac => "an HMAC secret",
            Family::Rsa => "an RSA key",
            Family::P256 => "a P-256 key",
            Family::P384 => "a P-384 key",
            Family::Ed25519 => "an Ed25519 key",
        }
    }
}

fn hmac_algorithm(algorithm: Algorithm) -> Option<(hmac::Algorithm, usize)> {
    match algorithm {
        Algorithm::HS256 => Some((hmac::HMAC_SHA256, 32)),
        Algorithm::HS384 => Some((hmac::HMAC_SHA384, 48)),
        Algorithm::HS512 => Some((hmac::HMAC_SHA512, 64)),
        _ => None,
    }
}

fn rsa_padding(algorithm: Algorithm) -> &'static dyn aws_sig::RsaEncoding {
    match algorithm {
        Algorithm::RS384 => &aws_sig::RSA_PKCS1_SHA384,
        Algorithm::RS512 => &aws_sig::RSA_PKCS1_SHA512,
        Algorithm::PS256 => &aws_sig::RSA_PSS_SHA256,
        Algorithm::PS384 => &aws_sig::RSA_PSS_SHA384,
        Algorithm::PS512 => &aws_sig::RSA_PSS_SHA512,
        _ => &aws_sig::RSA_PKCS1_SHA256,
    }
}

fn ecdsa_signing(family: Family) -> &'static EcdsaSigningAlgorithm {
    if family == Family::P384 {
        &aws_sig::ECDSA_P384_SHA384_FIXED_SIGNING
    } else {
        &aws_sig::ECDSA_P256_SHA256_FIXED_SIGNING
    }
}

pub(crate) fn verification_algorithm(algorithm: Algorithm) -> &'static dyn VerificationAlgorithm {
    match algorithm {
        Algorithm::RS384 => &aws_sig::RSA_PKCS1_2048_8192_SHA384,
        Algorithm::RS512 => &aws_sig::RSA_PKCS1_2048_8192_SHA512,
        Algorithm::PS256 => &aws_sig::RSA_PSS_2048_8192_SHA256,
        Algorithm::PS384 => &aws_sig::RSA_PSS_2048_8192_SHA384,
        Algorithm::PS512 => &aws_sig::RSA_PSS_2048_8192_SHA512,
        Algorithm::ES256 => &aws_sig::ECDSA_P256_SHA256_FIXED,
        Algorithm::ES384 => &aws_sig::ECDSA_P384_SHA384_FIXED,
        Algorithm::EdDSA => &aws_sig::ED25519,
        _ => &aws_sig::RSA_PKCS1_2048_8192_SHA256,
    }
}

enum PrivateKey {
    Hmac(Box<hmac::Key>),
    Rsa(RsaKeyPair),
    Ec(EcdsaKeyPair),
    Ed(Ed25519KeyPair),
}

/// Largest signature any supported algorithm makes (RSA 8192 bits).
pub(crate) const MAX_SIGNATURE_BYTES: usize = 1024;

/// A private key (or HMAC secret) bound to one algorithm, parsed once and
/// ready to sign: a prepared signer. `Debug` prints `[redacted]`; the key
/// material is cleansed when dropped (aws-lc frees it with `OPENSSL_cleanse`).
pub struct SigningKey {
    algorithm: Algorithm,
    key: PrivateKey,
    kid: Option<String>,
    public_jwk: Option<Jwk>,
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("algorithm", &self.algorithm)
            .field("kid", &self.kid)
            .field("key", &"[redacted]")
            .finish()
    }
}

fn key_error(format: &str, reason: impl Into<String>) -> Error {
    Error::InvalidKey {
        key: format.to_owned(),
        reason: reason.into(),
    }
}

fn check_family(found: Family, algorithm: Option<Algorithm>, format: &str) -> Result<Algorithm> {
    let algorithm = algorithm.unwrap_or(found.default_algorithm());
    if Family::of(algorithm) != found {
        return Err(key_error(
            format,
            format!(
                "{} can't sign or verify {}",
                found.describe(),
                algorithm_name(algorithm)
            ),
        ));
    }
    Ok(algorithm)
}

/// What key bytes hold: for HS* anything but a JWK is the raw secret.
enum KeyForm {
    Secret(Algorithm),
    Pem,
    Jwk,
    Der,
}

impl KeyForm {
    fn of(bytes: &[u8], algorithm: Option<Algorithm>) -> KeyForm {
        match algorithm.filter(|alg| Family::of(*alg) == Family::Hmac) {
            Some(algorithm) if !is_json(bytes) => KeyForm::Secret(algorithm),
            _ if is_pem(bytes) => KeyForm::Pem,
            _ if is_json(bytes) => KeyForm::Jwk,
            _ => KeyForm::Der,
        }
    }
}

fn is_pem(bytes: &[u8]) -> bool {
    bytes.trim_ascii_start().starts_with(b"-----BEGIN")
}

fn is_json(bytes: &[u8]) -> bool {
    bytes.trim_ascii_start().starts_with(b"{")
}

impl SigningKey {
    /// Loads a key in whatever form `bytes` holds: PEM, a private JWK, DER, or
    /// (when `algorithm` is HS256/384/512) the raw secret. Without an algorithm
    /// it follows the key: RSA signs RS256, P-256 ES256, P-384 ES384, Ed25519
    /// EdDSA, a JWK of type `oct` HS256.
    pub fn from_bytes(bytes: &[u8], algorithm: Option<Algorithm>) -> Result<Self> {
        match KeyForm::of(bytes, algorithm) {
            KeyForm::Secret(algorithm) => Self::from_secret(bytes, algorithm),
            KeyForm::Pem => Self::from_pem(bytes, algorithm),
            KeyForm::Jwk => Self::from_jwk(bytes, algorithm),
            KeyForm::Der => Self::from_der(bytes, algorithm),
        }
    }

    /// An HMAC secret for HS256/384/512; it must hold at least as many bytes
    /// as the hash (32, 48, 64).
    pub fn from_secret(secret: &[u8], algorithm: Algorithm) -> Result<Self> {
        let Some((hmac_alg, minimum)) = hmac_algorithm(algorithm) else {
            return Err(key_error(
                "secret",
                format!("an HMAC secret can't sign {}", algorithm_name(algorithm)),
            ));
        };
        if secret.len() < minimum {
            return Err(key_error(
                "secret",
                format!(
                    "{} needs a secret of at least {minimum} bytes, this one has {}",
                    algorithm_name(algorithm),
                    secret.len()
                ),
            ));
        }
        Ok(Self {
            algorithm,
            key: PrivateKey::Hmac(Box::new(hmac::Key::new(hmac_alg, secret))),
            kid: None,
            public_jwk: None,
        })
    }

    /// A PEM private key: PKCS#8 (`PRIVATE KEY`), PKCS#1 (`RSA PRIVATE KEY`)
    /// or SEC1 (`EC PRIVATE KEY`). Public keys, certificates and encrypted
    /// keys are refused with the reason.
    pub fn from_pem(pem_text: &[u8], algorithm: Option<Algorithm>) -> Result<Self> {
        let parsed = pem::parse(pem_text).map_err(|error| key_error("PEM", error.to_string()))?;
        let der = Zeroizing::new(parsed.contents().to_vec());
        let encrypted = parsed
            .headers()
            .get("Proc-Type")
            .is_some_and(|value| value.contains("ENCRYPTED"));
        match parsed.tag() {
            _ if encrypted => Err(key_error(
                "PEM",
                "encrypted keys are not supported: decrypt it first",
            )),
            "ENCRYPTED PRIVATE KEY" => Err(key_error(
                "PEM",
                "encrypted keys are not supported: decrypt it first",
            )),
            "PUBLIC KEY" | "RSA PUBLIC KEY" | "CERTIFICATE" => Err(key_error(
                "PEM",
                "this is a public key; signing needs the private key",
            )),
            "PRIVATE KEY" | "RSA PRIVATE KEY" | "EC PRIVATE KEY" => Self::from_der(&der, algorithm)
                .map_err(|error| match error {
                    Error::InvalidKey { reason, .. } => {
                        key_error(&format!("PEM {}", parsed.tag()), reason)
                    }
                    other => other,
                }),
            other => Err(key_error(
                "PEM",
                format!(
                    "unsupported PEM label {:?}",
                    other.chars().take(40).collect::<String>()
                ),
            )),
        }
    }

    /// A DER private key: PKCS#8 (RSA, EC, Ed25519), PKCS#1 (RSA) or SEC1 (EC).
    pub fn from_der(der: &[u8], algorithm: Option<Algorithm>) -> Result<Self> {
        let wanted = algorithm.map(Family::of);
        if wanted == Some(Family::Hmac) {
            return Err(key_error(
                "DER",
                "HMAC algorithms take a raw secret, not a DER key",
            ));
        }
        if let Ok(pair) = RsaKeyPair::from_pkcs8(der).or_else(|_| RsaKeyPair::from_der(der)) {
            let algorithm = check_family(Family::Rsa, algorithm, "DER")?;
            return Self::from_rsa(pair, algorithm);
        }
        for family in [Family::P256, Family::P384] {
            if let Ok(pair) = EcdsaKeyPair::from_private_key_der(ecdsa_signing(family), der) {
                let algorithm = check_family(family, algorithm, "DER")?;
                return Self::from_parts(algorithm, PrivateKey::Ec(pair));
            }
        }
        if let Ok(pair) = Ed25519KeyPair::from_pkcs8_maybe_unchecked(der) {
            let algorithm = check_family(Family::Ed25519, algorithm, "DER")?;
            return Self::from_parts(algorithm, PrivateKey::Ed(pair));
        }
        if public_family(der).is_some() {
            return Err(key_error(
                "DER",
                "this is a public key; signing needs the private key",
            ));
        }
        Err(key_error(
            "DER",
            "not a supported private key (PKCS#8, PKCS#1 RSA or SEC1 EC; RSA >= 2048 bits, P-256, P-384, Ed25519)",
        ))
    }

    /// A private JWK (`kty` RSA with n e d p q dp dq qi, EC with crv x y d, OKP
    /// Ed25519 with x d, or oct with k). Its `alg`, when present, must agree
    /// with `algorithm`; its `kid` becomes the key's kid.
    pub fn from_jwk(jwk_json: &[u8], algorithm: Option<Algorithm>) -> Result<Self> {
        let mut jwk: PrivateJwk = serde_json::from_slice(jwk_json)
            .map_err(|error| key_error("JWK", format!("not a JWK object: {error}")))?;
        let algorithm = match (&jwk.alg, algorithm) {
            (Some(name), Some(wanted)) if name != algorithm_name(wanted) => {
                return Err(key_error(
                    "JWK",
                    format!("its alg {name:?} disagrees with {}", algorithm_name(wanted)),
                ));
            }
            (Some(name), None) => Some(
                parse_algorithm(name)
                    .map_err(|_| key_error("JWK", format!("unsupported alg {name:?}")))?,
            ),
            (_, wanted) => wanted,
        };
        let decode = |member: &str, value: &Option<String>| -> Result<Zeroizing<Vec<u8>>> {
            let text = value
                .as_deref()
                .ok_or_else(|| key_error("JWK", format!("member {member} is missing")))?;
            URL_SAFE_NO_PAD
                .decode(text)
                .map(Zeroizing::new)
                .map_err(|_| key_error("JWK", format!("member {member} is not base64url")))
        };
        let mut key = match jwk.kty.as_str() {
            "oct" => {
                Self::from_secret(&decode("k", &jwk.k)?, algorithm.unwrap_or(Algorithm::HS256))?
            }
            "RSA" => {
                if jwk.d.is_none() {
                    return Err(key_error(
                        "JWK",
                        "this is a public key; signing needs the private key (d)",
                    ));
                }
                let members = ["n", "e", "d", "p", "q", "dp", "dq", "qi"];
                let values = [
                    &jwk.n, &jwk.e, &jwk.d, &jwk.p, &jwk.q, &jwk.dp, &jwk.dq, &jwk.qi,
                ];
                let mut integers = Vec::with_capacity(8);
                for (member, value) in members.iter().zip(values) {
                    integers.push(decode(member, value)?);
                }
                let der = Zeroizing::new(der::rsa_private_key(&integers));
                let pair = RsaKeyPair::from_der(&der).map_err(|error| {
                    key_error("JWK", format!("inconsistent RSA members: {error}"))
                })?;
                let algorithm = check_family(Family::Rsa, algorithm, "JWK")?;
                Self::from_rsa(pair, algorithm)?
            }
            "EC" => {
                let family = match jwk.crv.as_deref() {
                    Some("P-256") => Family::P256,
                    Some("P-384") => Family::P384,
                    other => return Err(key_error("JWK", format!("unsupported curve {other:?}"))),
                };
                let d = decode("d", &jwk.d).map_err(|_| {
                    key_error(
                        "JWK",
                        "this is a public key or lacks d; signing needs the private key",
                    )
                })?;
                let mut point = vec![4u8];
                point.extend_from_slice(&decode("x", &jwk.x)?);
                point.extend_from_slice(&decode("y", &jwk.y)?);
                let pair = EcdsaKeyPair::from_private_key_and_public_key(
                    ecdsa_signing(family),
                    &d,
                    &point,
                )
                .map_err(|error| key_error("JWK", format!("inconsistent EC members: {error}")))?;
                let algorithm = check_family(family, algorithm, "JWK")?;
                Self::from_parts(algorithm, PrivateKey::Ec(pair))?
            }
            "OKP" => {
                if jwk.crv.as_deref() != Some("Ed25519") {
                    return Err(key_error("JWK", format!("unsupported curve {:?}", jwk.crv)));
                }
                let d = decode("d", &jwk.d).map_err(|_| {
                    key_error(
                        "JWK",
                        "this is a public key or lacks d; signing needs the private key",
                    )
                })?;
                let pair = Ed25519KeyPair::from_seed_and_public_key(&d, &decode("x", &jwk.x)?)
                    .map_err(|error| {
                        key_error("JWK", format!("inconsistent Ed25519 members: {error}"))
                    })?;
                let algorithm = check_family(Family::Ed25519, algorithm, "JWK")?;
                Self::from_parts(algorithm, PrivateKey::Ed(pair))?
            }
            other => {
                return Err(key_error(
                    "JWK",
                    format!(
                        "unsupported kty {:?}",
                        other.chars().take(16).collect::<String>()
                    ),
                ));
            }
        };
        if let Some(kid) = jwk.kid.take() {
            key = key.with_kid(kid);
        }
        Ok(key)
    }

    /// Generates a new key for `algorithm`: a random secret of the hash's
    /// length for HS*, RSA 2048 for RS*/PS*, the algorithm's curve otherwise.
    /// Returns the key and its private form (the secret's bytes, or PKCS#8 DER).
    pub fn generate(algorithm: Algorithm) -> Result<(Self, Zeroizing<Vec<u8>>)> {
        let failure = |error: aws_lc_rs::error::Unspecified| {
            Error::Signing(format!("key generation failed: {error}"))
        };
        let private: Zeroizing<Vec<u8>> = match Family::of(algorithm) {
            Family::Hmac => {
                let length = hmac_algorithm(algorithm).map_or(32, |(_, length)| length);
                let mut secret = Zeroizing::new(vec![0u8; length]);
                rand::fill(&mut secret).map_err(failure)?;
                return Ok((Self::from_secret(&secret, algorithm)?, secret));
            }
            Family::Rsa => {
                let pair = RsaKeyPair::generate(KeySize::Rsa2048).map_err(failure)?;
                Zeroizing::new(pair.as_der().map_err(failure)?.as_ref().to_vec())
            }
            family @ (Family::P256 | Family::P384) => Zeroizing::new(
                EcdsaKeyPair::generate_pkcs8(ecdsa_signing(family), &rand::SystemRandom::new())
                    .map_err(failure)?
                    .as_ref()
                    .to_vec(),
            ),
            Family::Ed25519 => Zeroizing::new(
                Ed25519KeyPair::generate_pkcs8(&rand::SystemRandom::new())
                    .map_err(failure)?
                    .as_ref()
                    .to_vec(),
            ),
        };
        Ok((Self::from_der(&private, Some(algorithm))?, private))
    }

    /// Generates a new key and returns it in text form: PKCS#8 PEM, or for
    /// HS* the base64url of a random secret (whose text is then the secret).
    pub fn generate_pem(algorithm: Algorithm) -> Result<Zeroizing<String>> {
        if Family::of(algorithm) == Family::Hmac {
            let length = hmac_algorithm(algorithm).map_or(32, |(_, length)| length);
            let mut secret = Zeroizing::new(vec![0u8; length]);
            rand::fill(&mut secret)
                .map_err(|e| Error::Signing(format!("key generation failed: {e}")))?;
            return Ok(Zeroizing::new(URL_SAFE_NO_PAD.encode(&*secret)));
        }
        let (_, der) = Self::generate(algorithm)?;
        let block = pem::Pem::new("PRIVATE KEY", der.to_vec());
        Ok(Zeroizing::new(pem::encode(&block)))
    }

    fn from_rsa(pair: RsaKeyPair, algorithm: Algorithm) -> Result<Self> {
        let bits = pair.public_modulus_len() * 8;
        if bits < MIN_RSA_BITS {
            return Err(key_error(
                "RSA",
                format!("RSA keys need at least {MIN_RSA_BITS} bits, this one has {bits}"),
            ));
        }
        Self::from_parts(algorithm, PrivateKey::Rsa(pair))
    }

    fn from_parts(algorithm: Algorithm, key: PrivateKey) -> Result<Self> {
        let params = match &key {
            PrivateKey::Hmac(_) => None,
            PrivateKey::Rsa(pair) => {
                let components =
                    aws_sig::RsaPublicKeyComponents::<Vec<u8>>::from(pair.public_key());
                Some(rsa_parameters(&components.n, &components.e))
            }
            PrivateKey::Ec(pair) => Some(ec_parameters(
                Family::of(algorithm),
                pair.public_key().as_ref(),
            )?),
            PrivateKey::Ed(pair) => Some(ed_parameters(pair.public_key().as_ref())),
        };
        let public_jwk = params
            .map(|params| public_jwk(params, algorithm, None))
            .transpose()?;
        let kid = public_jwk
            .as_ref()
            .and_then(|jwk| jwk.common.key_id.clone());
        Ok(Self {
            algorithm,
            key,
            kid,
            public_jwk,
        })
    }

    /// Replaces the key id (by default the RFC 7638 thumbprint of the public key;
    /// none for HMAC secrets).
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        let kid = kid.into();
        if let Some(jwk) = &mut self.public_jwk {
            jwk.common.key_id = Some(kid.clone());
        }
        self.kid = Some(kid);
        self
    }

    /// The algorithm this key signs with.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// The key id that goes into the token header, if any.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The public key as a JWK (`None` for HMAC secrets).
    pub fn public_jwk(&self) -> Option<&Jwk> {
        self.public_jwk.as_ref()
    }

    /// A JWKS holding the public key (empty for HMAC secrets).
    pub fn jwks(&self) -> JwkSet {
        JwkSet {
            keys: self.public_jwk.iter().cloned().collect(),
        }
    }

    /// The key that verifies this key's signatures.
    pub fn verifying_key(&self) -> Result<VerifyingKey> {
        match (&self.key, &self.public_jwk) {
            (PrivateKey::Hmac(key), _) => Ok(VerifyingKey {
                algorithm: Some(self.algorithm),
                kid: self.kid.clone(),
                material: PublicMaterial::Hmac(key.clone()),
            }),
            (_, Some(jwk)) => VerifyingKey::from_public_jwk(jwk, Some(self.algorithm)),
            (_, None) => Err(key_error("signing key", "has no public key")),
        }
    }

    /// Signs `message` and returns the raw signature bytes (for JWS, the
    /// base64url of these is the third segment).
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
        let mut buffer = [0u8; MAX_SIGNATURE_BYTES];
        let length = self.sign_to_buffer(message, &mut buffer)?;
        Ok(buffer[..length].to_vec())
    }

    /// Signs `message` into a stack buffer and returns the signature's length:
    /// the hot path allocates nothing here.
    pub(crate) fn sign_to_buffer(
        &self,
        message: &[u8],
        buffer: &mut [u8; MAX_SIGNATURE_BYTES],
    ) -> Result<usize> {
        let fail = |error: aws_lc_rs::error::Unspecified| Error::Signing(error.to_string());
        let copy = |bytes: &[u8], buffer: &mut [u8; MAX_SIGNATURE_BYTES]| {
            buffer[..bytes.len()].copy_from_slice(bytes);
            bytes.len()
        };
        match &self.key {
            PrivateKey::Hmac(key) => Ok(copy(hmac::sign(key, message).as_ref(), buffer)),
            PrivateKey::Rsa(pair) => {
                let length = pair.public_modulus_len();
                let signature = buffer.get_mut(..length).ok_or_else(|| {
                    Error::Signing(format!(
                        "RSA modulus of {length} bytes is over {MAX_SIGNATURE_BYTES}"
                    ))
                })?;
                pair.sign(
                    rsa_padding(self.algorithm),
                    &rand::SystemRandom::new(),
                    message,
                    signature,
                )
                .map_err(fail)?;
                Ok(length)
            }
            PrivateKey::Ec(pair) => {
                let signature = pair
                    .sign(&rand::SystemRandom::new(), message)
                    .map_err(fail)?;
                Ok(copy(signature.as_ref(), buffer))
            }
            PrivateKey::Ed(pair) => Ok(copy(pair.sign(message).as_ref(), buffer)),
        }
    }

    /// The signature's length in bytes.
    pub(crate) fn signature_len(&self) -> usize {
        match (&self.key, self.algorithm) {
            (PrivateKey::Hmac(_), Algorithm::HS384) => 48,
            (PrivateKey::Hmac(_), Algorithm::HS512) => 64,
            (PrivateKey::Hmac(_), _) => 32,
            (PrivateKey::Rsa(pair), _) => pair.public_modulus_len(),
            (PrivateKey::Ec(_), Algorithm::ES384) => 96,
            (PrivateKey::Ec(_), _) => 64,
            (PrivateKey::Ed(_), _) => 64,
        }
    }
}

impl jsonwebtoken::signature::Signer<Vec<u8>> for SigningKey {
    fn try_sign(
        &self,
        message: &[u8],
    ) -> std::result::Result<Vec<u8>, jsonwebtoken::signature::Error> {
        self.sign(message)
            .map_err(jsonwebtoken::signature::Error::from_source)
    }
}

/// hcjwt's prepared key is a `jsonwebtoken` signer, usable wherever that
/// crate's crypto abstraction is.
impl jsonwebtoken::crypto::JwtSigner for SigningKey {
    fn algorithm(&self) -> jsonwebtoken::Algorithm {
        self.algorithm.into()
    }
}

#[derive(Deserialize)]
struct PrivateJwk {
    kty: String,
    #[serde(default)]
    alg: Option<String>,
    #[serde(default)]
    kid: Option<String>,
    #[serde(default)]
    crv: Option<String>,
    #[serde(default)]
    k: Option<String>,
    #[serde(default)]
    n: Option<String>,
    #[serde(default)]
    e: Option<String>,
    #[serde(default)]
    d: Option<String>,
    #[serde(default)]
    p: Option<String>,
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    dp: Option<String>,
    #[serde(default)]
    dq: Option<String>,
    #[serde(default)]
    qi: Option<String>,
    #[serde(default)]
    x: Option<String>,
    #[serde(default)]
    y: Option<String>,
}

impl Drop for PrivateJwk {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        for secret in [
            &mut self.k,
            &mut self.d,
            &mut self.p,
            &mut self.q,
            &mut self.dp,
            &mut self.dq,
            &mut self.qi,
        ] {
            secret.zeroize();
        }
    }
}

fn rsa_parameters(n: &[u8], e: &[u8]) -> AlgorithmParameters {
    AlgorithmParameters::RSA(RSAKeyParameters {
        key_type: RSAKeyType::RSA,
        n: URL_SAFE_NO_PAD.encode(n),
        e: URL_SAFE_NO_PAD.encode(e),
    })
}

fn ec_parameters(family: Family, point: &[u8]) -> Result<AlgorithmParameters> {
    let (curve, coordinate) = match family {
        Family::P384 => (EllipticCurve::P384, 48),
        _ => (EllipticCurve::P256, 32),
    };
    if point.len() != 1 + 2 * coordinate || point[0] != 4 {
        return Err(key_error("EC", "the public point is not uncompressed"));
    }
    let (x, y) = point[1..].split_at(coordinate);
    Ok(AlgorithmParameters::EllipticCurve(
        EllipticCurveKeyParameters {
            key_type: EllipticCurveKeyType::EC,
            curve,
            x: URL_SAFE_NO_PAD.encode(x),
            y: URL_SAFE_NO_PAD.encode(y),
        },
    ))
}

fn ed_parameters(x: &[u8]) -> AlgorithmParameters {
    AlgorithmParameters::OctetKeyPair(OctetKeyPairParameters {
        key_type: OctetKeyPairType::OctetKeyPair,
        curve: EllipticCurve::Ed25519,
        x: URL_SAFE_NO_PAD.encode(x),
    })
}

fn key_algorithm(algorithm: Algorithm) -> KeyAlgorithm {
    match algorithm {
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

/// The RFC 7638 JWK thumbprint (SHA-256, base64url) of a public key.
pub fn thumbprint(jwk: &Jwk) -> Result<String> {
    match &jwk.algorithm {
        // jsonwebtoken 11 refuses Ed25519 (OKP) thumbprints; RFC 8037 section 2 defines them.
        AlgorithmParameters::OctetKeyPair(okp) => {
            let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{}"}}"#, okp.x);
            let digest =
                aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, canonical.as_bytes());
            Ok(URL_SAFE_NO_PAD.encode(digest.as_ref()))
        }
        _ => jwk
            .thumbprint(ThumbprintHash::SHA256)
            .map_err(|error| key_error("JWK", format!("no thumbprint: {error}"))),
    }
}

fn public_jwk(
    params: AlgorithmParameters,
    algorithm: Algorithm,
    kid: Option<String>,
) -> Result<Jwk> {
    let mut jwk = Jwk {
        common: CommonParameters {
            public_key_use: Some(PublicKeyUse::Signature),
            key_algorithm: Some(key_algorithm(algorithm)),
            ..CommonParameters::default()
        },
        algorithm: params,
    };
    jwk.common.key_id = Some(match kid {
        Some(kid) => kid,
        None => thumbprint(&jwk)?,
    });
    Ok(jwk)
}

/// The family of a DER public key (SubjectPublicKeyInfo, or PKCS#1 for RSA).
fn public_family(der: &[u8]) -> Option<Family> {
    if aws_lc_rs::rsa::PublicKey::from_der(der).is_ok() {
        return Some(Family::Rsa);
    }
    [
        (Family::P256, Algorithm::ES256),
        (Family::P384, Algorithm::ES384),
        (Family::Ed25519, Algorithm::EdDSA),
    ]
    .into_iter()
    .find(|(_, alg)| {
        der.len() > 32 && ParsedPublicKey::new(verification_algorithm(*alg), der).is_ok()
    })
    .map(|(family, _)| family)
}

#[derive(Clone)]
enum PublicMaterial {
    Hmac(Box<hmac::Key>),
    /// SubjectPublicKeyInfo or raw point/key bytes that aws-lc parses.
    Public {
        family: Family,
        der: Vec<u8>,
        params: Box<AlgorithmParameters>,
    },
}

/// A key that verifies signatures: an HMAC secret, or a public key from PEM,
/// DER, JWK (or a private key, of which only the public part is kept). It may
/// be bound to one algorithm (from the caller or the JWK's `alg`) or serve every
/// algorithm of its family that a verifier allows.
#[derive(Clone)]
pub struct VerifyingKey {
    algorithm: Option<Algorithm>,
    kid: Option<String>,
    material: PublicMaterial,
}

impl fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyingKey")
            .field("algorithm", &self.algorithm)
            .field("kid", &self.kid)
            .field("key", &"[redacted]")
            .finish()
    }
}

impl VerifyingKey {
    /// Loads whatever `bytes` holds: PEM (public or private), a JWK, DER, or
    /// (with an HS* algorithm) the raw secret.
    pub fn from_bytes(bytes: &[u8], algorithm: Option<Algorithm>) -> Result<Self> {
        match KeyForm::of(bytes, algorithm) {
            KeyForm::Secret(algorithm) => Self::from_secret(bytes, algorithm),
            KeyForm::Pem => Self::from_pem(bytes, algorithm),
            KeyForm::Jwk => {
                let jwk: Jwk = serde_json::from_slice(bytes)
                    .map_err(|error| key_error("JWK", format!("not a JWK object: {error}")))?;
                Self::from_public_jwk(&jwk, algorithm)
            }
            KeyForm::Der => Self::from_der(bytes, algorithm),
        }
    }

    /// An HMAC secret for HS256/384/512 (at least 32/48/64 bytes).
    pub fn from_secret(secret: &[u8], algorithm: Algorithm) -> Result<Self> {
        let signing = SigningKey::from_secret(secret, algorithm)?;
        signing.verifying_key()
    }

    /// A PEM public key (`PUBLIC KEY`, `RSA PUBLIC KEY`) or private key.
    pub fn from_pem(pem_text: &[u8], algorithm: Option<Algorithm>) -> Result<Self> {
        let parsed = pem::parse(pem_text).map_err(|error| key_error("PEM", error.to_string()))?;
        match parsed.tag() {
            "PUBLIC KEY" | "RSA PUBLIC KEY" => Self::from_der(parsed.contents(), algorithm),
            _ => SigningKey::from_pem(pem_text, algorithm)?
                .verifying_key()
                .map(|mut key| {
                    key.algorithm = algorithm;
                    key
                }),
        }
    }

    /// A DER public key (SubjectPublicKeyInfo, PKCS#1 RSA) or private key.
    pub fn from_der(der: &[u8], algorithm: Option<Algorithm>) -> Result<Self> {
        let Some(family) = public_family(der) else {
            return SigningKey::from_der(der, algorithm)?
                .verifying_key()
                .map(|mut key| {
                    key.algorithm = algorithm;
                    key
                });
        };
        if let Some(algorithm) = algorithm {
            check_family(family, Some(algorithm), "DER")?;
        }
        let params = match family {
            Family::Rsa => {
                let public = aws_lc_rs::rsa::PublicKey::from_der(der)
                    .map_err(|error| key_error("DER", error.to_string()))?;
                rsa_parameters(
                    public.modulus().big_endian_without_leading_zero(),
                    public.exponent().big_endian_without_leading_zero(),
                )
            }
            Family::P256 | Family::P384 => {
                let length = if family == Family::P256 { 65 } else { 97 };
                ec_parameters(family, &der[der.len().saturating_sub(length)..])?
            }
            _ => ed_parameters(&der[der.len().saturating_sub(32)..]),
        };
        Ok(Self {
            algorithm,
            // A bare key has no kid of its own: it verifies tokens whatever
            // their kid (its JWK still carries the RFC 7638 thumbprint).
            kid: None,
            material: PublicMaterial::Public {
                family,
                der: der.to_vec(),
                params: Box::new(params),
            },
        })
    }

    /// A public JWK (RSA, EC P-256/P-384, OKP Ed25519, or oct for HMAC). Its
    /// `alg`, when present, binds the key and must agree with `algorithm`.
    pub fn from_public_jwk(jwk: &Jwk, algorithm: Option<Algorithm>) -> Result<Self> {
        let jwk_algorithm = match jwk.common.key_algorithm {
            Some(alg) => Some(
                parse_algorithm(&alg.to_string())
                    .map_err(|_| key_error("JWK", format!("unsupported alg {alg}")))?,
            ),
            None => None,
        };
        if let (Some(stated), Some(wanted)) = (jwk_algorithm, algorithm)
            && stated != wanted
        {
            return Err(key_error(
                "JWK",
                format!(
                    "its alg {} disagrees with {}",
                    algorithm_name(stated),
                    algorithm_name(wanted)
                ),
            ));
        }
        match &jwk.common.public_key_use {
            None | Some(PublicKeyUse::Signature) => {}
            Some(other) => {
                return Err(key_error(
                    "JWK",
                    format!(
                        "its use is {:?}, not sig",
                        serde_json::to_string(other).unwrap_or_default()
                    ),
                ));
            }
        }
        if let Some(operations) = &jwk.common.key_operations {
            let understood = operations
                .iter()
                .all(|op| !matches!(op, KeyOperations::Other(_)));
            if understood && !operations.contains(&KeyOperations::Verify) {
                return Err(key_error("JWK", "its key_ops do not include verify"));
            }
        }
        let algorithm = algorithm.or(jwk_algorithm);
        let kid = jwk.common.key_id.clone();
        let decode = |member: &str, text: &str| {
            URL_SAFE_NO_PAD
                .decode(text)
                .map_err(|_| key_error("JWK", format!("member {member} is not base64url")))
        };
        let (family, der) = match &jwk.algorithm {
            AlgorithmParameters::OctetKey(oct) => {
                let secret = Zeroizing::new(decode("k", &oct.value)?);
                let mut key = Self::from_secret(&secret, algorithm.unwrap_or(Algorithm::HS256))?;
                key.kid = kid;
                key.algorithm = algorithm;
                return Ok(key);
            }
            AlgorithmParameters::RSA(rsa) => {
                let components = aws_sig::RsaPublicKeyComponents {
                    n: decode("n", &rsa.n)?,
                    e: decode("e", &rsa.e)?,
                };
                let der = components
                    .as_der()
                    .map_err(|_| key_error("JWK", "invalid RSA public key"))?;
                (Family::Rsa, der.as_ref().to_vec())
            }
            AlgorithmParameters::EllipticCurve(ec) => {
                let family = match ec.curve {
                    EllipticCurve::P256 => Family::P256,
                    EllipticCurve::P384 => Family::P384,
                    _ => return Err(key_error("JWK", "unsupported curve")),
                };
                let mut point = vec![4u8];
                point.extend(decode("x", &ec.x)?);
                point.extend(decode("y", &ec.y)?);
                (family, point)
            }
            AlgorithmParameters::OctetKeyPair(okp) => {
                if okp.curve != EllipticCurve::Ed25519 {
                    return Err(key_error("JWK", "unsupported curve"));
                }
                (Family::Ed25519, decode("x", &okp.x)?)
            }
            _ => return Err(key_error("JWK", "unsupported key type")),
        };
        if let Some(algorithm) = algorithm {
            check_family(family, Some(algorithm), "JWK")?;
        }
        let probe = algorithm.unwrap_or(family.default_algorithm());
        ParsedPublicKey::new(verification_algorithm(probe), &der)
            .map_err(|error| key_error("JWK", format!("invalid public key: {error}")))?;
        Ok(Self {
            algorithm,
            kid,
            material: PublicMaterial::Public {
                family,
                der,
                params: Box::new(jwk.algorithm.clone()),
            },
        })
    }

    /// Every key of a JWKS document (`{"keys": [...]}`); keys of unsupported
    /// types are errors, not skipped.
    pub fn from_jwks(jwks_json: &[u8]) -> Result<Vec<Self>> {
        crate::json::parse_strict(jwks_json, "JWKS")?;
        let set: JwkSet = serde_json::from_slice(jwks_json)
            .map_err(|error| key_error("JWKS", format!("not a JWKS document: {error}")))?;
        if set.keys.is_empty() {
            return Err(key_error("JWKS", "holds no keys"));
        }
        set.keys
            .iter()
            .enumerate()
            .map(|(index, jwk)| {
                Self::from_public_jwk(jwk, None).map_err(|error| match error {
                    Error::InvalidKey { reason, .. } => {
                        key_error(&format!("JWKS key {index}"), reason)
                    }
                    other => other,
                })
            })
            .collect()
    }

    /// Replaces the key id.
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// The key id tokens must name, if any: a key from a JWK with a `kid`, a
    /// signing key's verifying key, or one given [`VerifyingKey::with_kid`].
    /// A key without one verifies tokens whatever their `kid`.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The algorithm this key is bound to, if it is bound to one.
    pub fn algorithm(&self) -> Option<Algorithm> {
        self.algorithm
    }

    /// True when this key can verify `algorithm`'s signatures.
    pub fn serves(&self, algorithm: Algorithm) -> bool {
        let family = match &self.material {
            PublicMaterial::Hmac(_) => Family::Hmac,
            PublicMaterial::Public { family, .. } => *family,
        };
        Family::of(algorithm) == family && self.algorithm.is_none_or(|bound| bound == algorithm)
    }

    /// A verifier for one algorithm, parsed once.
    pub(crate) fn prepare(&self, algorithm: Algorithm) -> Result<PreparedVerifier> {
        match &self.material {
            PublicMaterial::Hmac(key) => {
                let (hmac_alg, _) = hmac_algorithm(algorithm)
                    .ok_or_else(|| key_error("secret", "an HMAC secret verifies HS* only"))?;
                if key.algorithm() != hmac_alg {
                    return Err(key_error("secret", "bound to another HMAC algorithm"));
                }
                Ok(PreparedVerifier::Hmac(key.clone()))
            }
            PublicMaterial::Public { der, .. } => {
                ParsedPublicKey::new(verification_algorithm(algorithm), der)
                    .map(PreparedVerifier::Public)
                    .map_err(|error| {
                        key_error(
                            self.kid.as_deref().unwrap_or("public key"),
                            error.to_string(),
                        )
                    })
            }
        }
    }

    /// Checks `signature` over `message` with this key for `algorithm`: the
    /// bare primitive beneath [`crate::Verifier`].
    pub fn verify_signature(
        &self,
        algorithm: Algorithm,
        message: &[u8],
        signature: &[u8],
    ) -> Result<()> {
        if !self.serves(algorithm) {
            return Err(key_error(
                self.kid.as_deref().unwrap_or("key"),
                format!("can't verify {}", algorithm_name(algorithm)),
            ));
        }
        if self.prepare(algorithm)?.verify(message, signature) {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }

    /// The public JWK (`None` for HMAC secrets).
    pub fn public_jwk(&self) -> Option<Jwk> {
        match &self.material {
            PublicMaterial::Hmac(_) => None,
            PublicMaterial::Public { params, .. } => {
                let mut jwk = Jwk {
                    common: CommonParameters {
                        public_key_use: Some(PublicKeyUse::Signature),
                        key_algorithm: self.algorithm.map(key_algorithm),
                        key_id: self.kid.clone(),
                        ..CommonParameters::default()
                    },
                    algorithm: (**params).clone(),
                };
                if jwk.common.key_id.is_none() {
                    jwk.common.key_id = thumbprint(&jwk).ok();
                }
                Some(jwk)
            }
        }
    }
}

/// One key prepared for one algorithm.
pub(crate) enum PreparedVerifier {
    Hmac(Box<hmac::Key>),
    Public(ParsedPublicKey),
}

impl PreparedVerifier {
    pub(crate) fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        match self {
            PreparedVerifier::Hmac(key) => hmac::verify(key, message, signature).is_ok(),
            PreparedVerifier::Public(key) => key.verify_sig(message, signature).is_ok(),
        }
    }
}

mod der {
    //! Just enough DER to turn a private RSA JWK into PKCS#1 `RSAPrivateKey`.

    fn push_length(out: &mut Vec<u8>, length: usize) {
        if length < 0x80 {
            out.push(length as u8);
        } else {
            let bytes = length.to_be_bytes();
            let skip = bytes.iter().take_while(|b| **b == 0).count();
            out.push(0x80 | (bytes.len() - skip) as u8);
            out.extend_from_slice(&bytes[skip..]);
        }
    }

    fn push_integer(out: &mut Vec<u8>, big_endian: &[u8]) {
        let trimmed = &big_endian[big_endian.iter().take_while(|b| **b == 0).count()..];
        let pad = trimmed.first().is_none_or(|b| b & 0x80 != 0);
        out.push(0x02);
        push_length(out, trimmed.len() + usize::from(pad));
        if pad {
            out.push(0);
        }
        out.extend_from_slice(trimmed);
    }

    /// `RSAPrivateKey ::= SEQUENCE { version 0, n, e, d, p, q, dp, dq, qi }`.
    pub(super) fn rsa_private_key(integers: &[zeroize::Zeroizing<Vec<u8>>]) -> Vec<u8> {
        let mut body = Vec::with_capacity(integers.iter().map(|i| i.len() + 6).sum::<usize>() + 3);
        push_integer(&mut body, &[0]);
        for integer in integers {
            push_integer(&mut body, integer);
        }
        let mut out = Vec::with_capacity(body.len() + 6);
        out.push(0x30);
        push_length(&mut out, body.len());
        out.extend_from_slice(&body);
        zeroize::Zeroize::zeroize(&mut body);
        out
    }
}
