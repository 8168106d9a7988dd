//! Signing keys: a private key (or HMAC secret) bound to one algorithm,
//! parsed once into a prepared aws-lc-rs signer.

use std::fmt;

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::{KeyPairComponents, KeySize, PublicKeyComponents};
use aws_lc_rs::signature::{EcdsaKeyPair, Ed25519KeyPair, KeyPair, RsaKeyPair};
use aws_lc_rs::{hmac, rand};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::{AlgorithmParameters, Jwk, JwkSet};
use zeroize::Zeroizing;

use super::algorithm::{Algorithm, Family};
use super::jwk::{self, JwkKey, Purpose, key_error};
use super::material::{Loaders, check_secret};
use super::public::{PublicParts, check_family, public_from_der};
use crate::error::{Error, Result};
use crate::limits::{MAX_SIGNATURE_BYTES, MIN_RSA_BITS};

enum PrivateKey {
    Hmac {
        key: Box<hmac::Key>,
        secret: Zeroizing<Vec<u8>>,
    },
    Rsa(RsaKeyPair),
    Ec(EcdsaKeyPair),
    Ed(Ed25519KeyPair),
}

/// A private key (or HMAC secret) bound to one algorithm, parsed once and
/// ready to sign: a prepared signer. `Debug` prints `[redacted]`; the key
/// material is cleansed when dropped (aws-lc frees it with `OPENSSL_cleanse`,
/// a secret's bytes are zeroized).
pub struct SigningKey {
    algorithm: Algorithm,
    key: PrivateKey,
    kid: Option<String>,
    public: Option<PublicParts>,
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

fn public_key_only(format: &str) -> Error {
    key_error(
        format,
        "this is a public key; signing needs the private key",
    )
}

impl SigningKey {
    /// Loads a key in whatever form `bytes` holds: PEM, a private JWK, DER, or
    /// (when `algorithm` is HS256/384/512) the raw secret. Without an
    /// algorithm it follows the key: RSA signs RS256, P-256 ES256, P-384
    /// ES384, Ed25519 EdDSA, a JWK of type `oct` HS256, and printable text
    /// that is no key material (a secret kept in a file) HS256. Text saved as
    /// UTF-16 or behind a BOM loads as the UTF-8 it holds.
    pub fn from_bytes(bytes: &[u8], algorithm: Option<Algorithm>) -> Result<Self> {
        Loaders {
            secret: |secret, algorithm| {
                Self::from_secret(secret, algorithm.unwrap_or(Algorithm::HS256))
            },
            pem: Self::from_pem,
            jwk: Self::from_jwk,
            der: Self::from_der,
        }
        .load(bytes, algorithm)
    }

    /// An HMAC secret for HS256/384/512: at least as many bytes as the hash
    /// (32, 48, 64), and not key material (PEM, DER, a JWK, an SSH key).
    pub fn from_secret(secret: &[u8], algorithm: Algorithm) -> Result<Self> {
        let hmac_algorithm = check_secret(secret, algorithm)?;
        Ok(Self {
            algorithm,
            key: PrivateKey::Hmac {
                key: Box::new(hmac::Key::new(hmac_algorithm, secret)),
                secret: Zeroizing::new(secret.to_vec()),
            },
            kid: None,
            public: None,
        })
    }

    /// A PEM private key: PKCS#8 (`PRIVATE KEY`), PKCS#1 (`RSA PRIVATE KEY`)
    /// or SEC1 (`EC PRIVATE KEY`). Public keys, certificates and encrypted
    /// keys are refused with the reason. The decoded key bytes are zeroized.
    pub fn from_pem(pem_text: &[u8], algorithm: Option<Algorithm>) -> Result<Self> {
        let parsed = pem::parse(pem_text).map_err(|error| key_error("PEM", error.to_string()))?;
        let encrypted = parsed
            .headers()
            .get("Proc-Type")
            .is_some_and(|value| value.contains("ENCRYPTED"));
        let tag = parsed.tag().to_owned();
        let der = Zeroizing::new(parsed.into_contents());
        match tag.as_str() {
            _ if encrypted => Err(key_error(
                "PEM",
                "encrypted keys are not supported: decrypt it first",
            )),
            "ENCRYPTED PRIVATE KEY" => Err(key_error(
                "PEM",
                "encrypted keys are not supported: decrypt it first",
            )),
            "PUBLIC KEY" | "RSA PUBLIC KEY" | "CERTIFICATE" => Err(public_key_only("PEM")),
            "PRIVATE KEY" | "RSA PRIVATE KEY" | "EC PRIVATE KEY" => Self::from_der(&der, algorithm)
                .map_err(|error| match error {
                    Error::InvalidKey { reason, .. } => key_error(&format!("PEM {tag}"), reason),
                    other => other,
                }),
            other => Err(key_error(
                "PEM",
                format!("unsupported PEM label {}", crate::error::quoted(other, 40)),
            )),
        }
    }

    /// A DER private key: PKCS#8 (RSA, EC, Ed25519), PKCS#1 (RSA) or SEC1 (EC).
    pub fn from_der(der: &[u8], algorithm: Option<Algorithm>) -> Result<Self> {
        if algorithm.is_some_and(Algorithm::is_hmac) {
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
            if let Some(signing) = family.ecdsa_signing()
                && let Ok(pair) = EcdsaKeyPair::from_private_key_der(signing, der)
            {
                let algorithm = check_family(family, algorithm, "DER")?;
                return Self::from_parts(algorithm, PrivateKey::Ec(pair));
            }
        }
        if let Ok(pair) = Ed25519KeyPair::from_pkcs8_maybe_unchecked(der) {
            let algorithm = check_family(Family::Ed25519, algorithm, "DER")?;
            return Self::from_parts(algorithm, PrivateKey::Ed(pair));
        }
        if public_from_der(der).is_ok_and(|public| public.is_some()) {
            return Err(public_key_only("DER"));
        }
        Err(key_error(
            "DER",
            "not a supported private key (PKCS#8, PKCS#1 RSA or SEC1 EC; RSA >= 2048 bits, P-256, P-384, Ed25519)",
        ))
    }

    /// A private JWK (`kty` RSA with n e d p q dp dq qi, EC with crv x y d,
    /// OKP Ed25519 with x d, or oct with k). Its `alg`, when present, must
    /// agree with `algorithm`; its `kid` becomes the key's kid.
    pub fn from_jwk(jwk_json: &[u8], algorithm: Option<Algorithm>) -> Result<Self> {
        let mut object = jwk::parse_object(jwk_json, "JWK")?;
        let read = jwk::read(&object, "JWK", Purpose::Sign);
        jwk::wipe(&mut object);
        let read = read?;
        let algorithm = match (read.alg, algorithm) {
            (Some(stated), Some(wanted)) if stated != wanted => {
                return Err(key_error(
                    "JWK",
                    format!("its alg {stated} disagrees with {wanted}"),
                ));
            }
            (stated, wanted) => wanted.or(stated),
        };
        let key = match read.key {
            JwkKey::Oct { k } => Self::from_secret(&k, algorithm.unwrap_or(Algorithm::HS256))?,
            JwkKey::Rsa { private: None, .. }
            | JwkKey::Ec { d: None, .. }
            | JwkKey::Okp { d: None, .. } => return Err(public_key_only("JWK")),
            JwkKey::Rsa {
                n,
                e,
                private: Some(private),
            } => {
                let components = KeyPairComponents {
                    public_key: PublicKeyComponents { n, e },
                    d: private.d,
                    p: private.p,
                    q: private.q,
                    dP: private.dp,
                    dQ: private.dq,
                    qInv: private.qi,
                };
                let pair = RsaKeyPair::from_components(&components).map_err(|error| {
                    key_error("JWK", format!("inconsistent RSA members: {error}"))
                })?;
                let algorithm = check_family(Family::Rsa, algorithm, "JWK")?;
                Self::from_rsa(pair, algorithm)?
            }
            JwkKey::Ec {
                family,
                x,
                y,
                d: Some(d),
            } => {
                let mut point = Vec::with_capacity(1 + x.len() + y.len());
                point.push(4);
                point.extend_from_slice(&x);
                point.extend_from_slice(&y);
                let signing = family
                    .ecdsa_signing()
                    .ok_or_else(|| key_error("JWK", "not an EC curve"))?;
                let pair = EcdsaKeyPair::from_private_key_and_public_key(signing, &d, &point)
                    .map_err(|error| {
                        key_error("JWK", format!("inconsistent EC members: {error}"))
                    })?;
                let algorithm = check_family(family, algorithm, "JWK")?;
                Self::from_parts(algorithm, PrivateKey::Ec(pair))?
            }
            JwkKey::Okp { x, d: Some(d) } => {
                let pair = Ed25519KeyPair::from_seed_and_public_key(&d, &x).map_err(|error| {
                    key_error("JWK", format!("inconsistent Ed25519 members: {error}"))
                })?;
                let algorithm = check_family(Family::Ed25519, algorithm, "JWK")?;
                Self::from_parts(algorithm, PrivateKey::Ed(pair))?
            }
        };
        Ok(match read.kid {
            Some(kid) => key.with_kid(kid),
            None => key,
        })
    }

    /// Generates a new key for `algorithm`: a random secret of the hash's
    /// length for HS*, RSA 2048 for RS*/PS*, the algorithm's curve otherwise.
    /// Returns the key and its private form (the secret's bytes, or PKCS#8 DER).
    pub fn generate(algorithm: Algorithm) -> Result<(Self, Zeroizing<Vec<u8>>)> {
        let failure = |error: aws_lc_rs::error::Unspecified| {
            Error::Signing(format!("key generation failed: {error}"))
        };
        let private: Zeroizing<Vec<u8>> = match algorithm.family() {
            Family::Hmac => {
                let length = algorithm.hmac().map_or(32, |(_, length)| length);
                let mut secret = Zeroizing::new(vec![0u8; length]);
                rand::fill(&mut secret).map_err(failure)?;
                return Ok((Self::from_secret(&secret, algorithm)?, secret));
            }
            Family::Rsa => {
                let pair = RsaKeyPair::generate(KeySize::Rsa2048).map_err(failure)?;
                Zeroizing::new(pair.as_der().map_err(failure)?.as_ref().to_vec())
            }
            family @ (Family::P256 | Family::P384) => {
                let signing = family
                    .ecdsa_signing()
                    .ok_or_else(|| Error::Signing("not an EC curve".into()))?;
                Zeroizing::new(
                    EcdsaKeyPair::generate_pkcs8(signing, &rand::SystemRandom::new())
                        .map_err(failure)?
                        .as_ref()
                        .to_vec(),
                )
            }
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
        let (_, private) = Self::generate(algorithm)?;
        if algorithm.is_hmac() {
            return Ok(Zeroizing::new(URL_SAFE_NO_PAD.encode(&*private)));
        }
        let block = pem::Pem::new("PRIVATE KEY", private.to_vec());
        Ok(Zeroizing::new(pem::encode(&block)))
    }

    fn from_rsa(pair: RsaKeyPair, algorithm: Algorithm) -> Result<Self> {
        let public =
            aws_lc_rs::signature::RsaPublicKeyComponents::<Vec<u8>>::from(pair.public_key());
        let bits = super::algorithm::bit_length(&public.n);
        if bits < MIN_RSA_BITS {
            return Err(key_error(
                "RSA",
                format!("RSA keys need at least {MIN_RSA_BITS} bits, this one has {bits}"),
            ));
        }
        Self::from_parts(algorithm, PrivateKey::Rsa(pair))
    }

    fn from_parts(algorithm: Algorithm, key: PrivateKey) -> Result<Self> {
        let (family, der, params): (Family, Vec<u8>, AlgorithmParameters) = match &key {
            PrivateKey::Hmac { .. } => {
                return Err(key_error("secret", "an HMAC secret has no public key"));
            }
            PrivateKey::Rsa(pair) => {
                let components = aws_lc_rs::signature::RsaPublicKeyComponents::<Vec<u8>>::from(
                    pair.public_key(),
                );
                (
                    Family::Rsa,
                    pair.public_key().as_ref().to_vec(),
                    jwk::rsa_parameters(&components.n, &components.e),
                )
            }
            PrivateKey::Ec(pair) => {
                let point = pair.public_key().as_ref().to_vec();
                let params = jwk::ec_parameters(algorithm.family(), &point)?;
                (algorithm.family(), point, params)
            }
            PrivateKey::Ed(pair) => {
                let x = pair.public_key().as_ref().to_vec();
                (Family::Ed25519, x.clone(), jwk::ed_parameters(&x))
            }
        };
        let public = PublicParts::new(family, der, params, "signing key")?;
        let kid = Some(jwk::thumbprint(&public.jwk(Some(algorithm), None)?)?);
        Ok(Self {
            algorithm,
            key,
            kid,
            public: Some(public),
        })
    }

    /// Replaces the key id (by default the RFC 7638 thumbprint of the public
    /// key; none for HMAC secrets).
    pub fn with_kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
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

    /// The public key as a JWK with the kid and `alg` (`None` for HMAC secrets).
    pub fn public_jwk(&self) -> Option<Jwk> {
        self.public
            .as_ref()
            .and_then(|public| public.jwk(Some(self.algorithm), self.kid.clone()).ok())
    }

    /// A JWKS holding the public key (empty for HMAC secrets).
    pub fn jwks(&self) -> JwkSet {
        JwkSet {
            keys: self.public_jwk().into_iter().collect(),
        }
    }

    /// The secret of an HMAC key.
    pub(crate) fn hmac_secret(&self) -> Option<&[u8]> {
        match &self.key {
            PrivateKey::Hmac { secret, .. } => Some(secret),
            _ => None,
        }
    }

    /// The public parts of an asymmetric key.
    pub(crate) fn public_parts(&self) -> Option<&PublicParts> {
        self.public.as_ref()
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
            PrivateKey::Hmac { key, .. } => Ok(copy(hmac::sign(key, message).as_ref(), buffer)),
            PrivateKey::Rsa(pair) => {
                let length = pair.public_modulus_len();
                let padding = self
                    .algorithm
                    .rsa_padding()
                    .ok_or_else(|| Error::Signing(format!("{} is not RSA", self.algorithm)))?;
                let signature = buffer.get_mut(..length).ok_or_else(|| {
                    Error::Signing(format!(
                        "RSA modulus of {length} bytes is over {MAX_SIGNATURE_BYTES}"
                    ))
                })?;
                pair.sign(padding, &rand::SystemRandom::new(), message, signature)
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
        match &self.key {
            PrivateKey::Hmac { .. } => self.algorithm.hmac().map_or(32, |(_, length)| length),
            PrivateKey::Rsa(pair) => pair.public_modulus_len(),
            PrivateKey::Ec(_) => 2 * self.algorithm.family().coordinate_len().unwrap_or(32),
            PrivateKey::Ed(_) => 64,
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
