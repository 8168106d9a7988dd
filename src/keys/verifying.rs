//! Verifying keys: an HMAC secret or a public key (from PEM, DER, a JWK or a
//! JWKS; from a private key only its public part is kept), checked when
//! loaded, and prepared per algorithm for the verifier.

use std::fmt;

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::hmac;
use aws_lc_rs::signature::{ParsedPublicKey, RsaPublicKeyComponents};
use jsonwebtoken::jwk::Jwk;
use serde_json::Value;
use zeroize::Zeroizing;

use super::algorithm::{Algorithm, Family};
use super::jwk::{self, JwkKey, PRIVATE_MEMBERS, Purpose, key_error};
use super::material::Loaders;
use super::material::check_secret;
use super::public::{PreparedVerifier, PublicParts, check_family, public_from_der};
use super::signing::SigningKey;
use crate::error::{Error, Result};

#[derive(Clone)]
enum Material {
    /// A secret; prepared per HS* algorithm (long enough for each).
    Hmac(Zeroizing<Vec<u8>>),
    Public(PublicParts),
}

/// A key that verifies signatures: an HMAC secret, or a public key from PEM,
/// DER or a JWK (or a private key, of which only the public part is kept).
/// It may be bound to one algorithm (by the caller or the JWK's `alg`) or
/// serve every algorithm of its family that a verifier allows.
#[derive(Clone)]
pub struct VerifyingKey {
    algorithm: Option<Algorithm>,
    kid: Option<String>,
    material: Material,
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
    pub(crate) fn from_parts(public: PublicParts, algorithm: Option<Algorithm>) -> Self {
        Self {
            algorithm,
            kid: None,
            material: Material::Public(public),
        }
    }

    /// Loads whatever `bytes` holds: PEM (public or private), a JWK, DER, or
    /// (with an HS* algorithm) the raw secret.
    pub fn from_bytes(bytes: &[u8], algorithm: Option<Algorithm>) -> Result<Self> {
        Loaders {
            secret: |secret, algorithm| match algorithm {
                Some(algorithm) => Self::from_secret(secret, algorithm),
                None => Self::from_hmac_secret(secret),
            },
            pem: Self::from_pem,
            jwk: Self::from_jwk,
            der: Self::from_der,
        }
        .load(bytes, algorithm)
    }

    /// Loads `bytes` as a public or private key (PEM, JWK or DER), never as
    /// an HMAC secret.
    pub(crate) fn from_key_bytes(bytes: &[u8], algorithm: Option<Algorithm>) -> Result<Self> {
        Loaders {
            secret: |_, _| Err(key_error("key", "is not a public or private key")),
            pem: Self::from_pem,
            jwk: Self::from_jwk,
            der: Self::from_der,
        }
        .load_key(bytes, algorithm)
    }

    /// An HMAC secret bound to HS256, HS384 or HS512 (at least 32, 48, 64
    /// bytes; never key material such as a PEM public key).
    pub fn from_secret(secret: &[u8], algorithm: Algorithm) -> Result<Self> {
        check_secret(secret, algorithm)?;
        Ok(Self {
            algorithm: Some(algorithm),
            kid: None,
            material: Material::Hmac(Zeroizing::new(secret.to_vec())),
        })
    }

    /// An HMAC secret that serves every HS* algorithm it is long enough for
    /// (at least 32 bytes; never key material).
    pub fn from_hmac_secret(secret: &[u8]) -> Result<Self> {
        check_secret(secret, Algorithm::HS256)?;
        Ok(Self {
            algorithm: None,
            kid: None,
            material: Material::Hmac(Zeroizing::new(secret.to_vec())),
        })
    }

    /// A PEM public key (`PUBLIC KEY`, `RSA PUBLIC KEY`) or private key (of
    /// which only the public part is kept, without a kid of its own).
    pub fn from_pem(pem_text: &[u8], algorithm: Option<Algorithm>) -> Result<Self> {
        let parsed = pem::parse(pem_text).map_err(|error| key_error("PEM", error.to_string()))?;
        match parsed.tag() {
            "PUBLIC KEY" | "RSA PUBLIC KEY" => Self::from_der(parsed.contents(), algorithm),
            "CERTIFICATE" => Err(key_error(
                "PEM",
                "certificates are not supported: give the public key (openssl x509 -pubkey -noout)",
            )),
            _ => Self::from_signing(SigningKey::from_pem(pem_text, algorithm)?, algorithm),
        }
    }

    /// A DER public key (SubjectPublicKeyInfo, PKCS#1 RSA) or private key.
    pub fn from_der(der: &[u8], algorithm: Option<Algorithm>) -> Result<Self> {
        let Some(public) = public_from_der(der)? else {
            return Self::from_signing(SigningKey::from_der(der, algorithm)?, algorithm);
        };
        if let Some(algorithm) = algorithm {
            check_family(public.family, Some(algorithm), "DER")?;
        }
        Ok(Self::from_parts(public, algorithm))
    }

    /// The public part of a private key: no kid of its own (a key without a
    /// kid verifies tokens whatever their kid).
    fn from_signing(signing: SigningKey, algorithm: Option<Algorithm>) -> Result<Self> {
        let mut key = signing.verifying_key()?;
        key.kid = None;
        key.algorithm = algorithm;
        Ok(key)
    }

    /// A JWK (RSA, EC P-256/P-384, OKP Ed25519, or oct for HMAC). Its `alg`,
    /// when present, binds the key and must agree with `algorithm`; its `kid`
    /// must then be named by the tokens it verifies. A private JWK gives its
    /// public part.
    pub fn from_jwk(jwk_json: &[u8], algorithm: Option<Algorithm>) -> Result<Self> {
        let mut object = jwk::parse_object(jwk_json, "JWK")?;
        let key = Self::from_jwk_object(&object, "JWK", algorithm);
        jwk::wipe(&mut object);
        key
    }

    /// A public JWK of the `jsonwebtoken` crate's type.
    pub fn from_public_jwk(jwk: &Jwk, algorithm: Option<Algorithm>) -> Result<Self> {
        let json =
            serde_json::to_vec(jwk).map_err(|_| key_error("JWK", "can't be written as JSON"))?;
        Self::from_jwk(&json, algorithm)
    }

    fn from_jwk_object(
        object: &serde_json::Map<String, Value>,
        name: &str,
        algorithm: Option<Algorithm>,
    ) -> Result<Self> {
        let read = jwk::read(object, name, Purpose::Verify)?;
        if let (Some(stated), Some(wanted)) = (read.alg, algorithm)
            && stated != wanted
        {
            return Err(key_error(
                name,
                format!("its alg {stated} disagrees with {wanted}"),
            ));
        }
        let algorithm = algorithm.or(read.alg);
        let public = match read.key {
            JwkKey::Oct { k } => {
                let mut key = match algorithm {
                    Some(algorithm) => Self::from_secret(&k, algorithm),
                    None => Self::from_hmac_secret(&k),
                }
                .map_err(|error| rename(error, name))?;
                key.kid = read.kid;
                return Ok(key);
            }
            JwkKey::Rsa { n, e, .. } => {
                let der = RsaPublicKeyComponents { n: &n, e: &e }
                    .as_der()
                    .map_err(|_| key_error(name, "invalid RSA public key"))?;
                PublicParts::new(
                    Family::Rsa,
                    der.as_ref().to_vec(),
                    jwk::rsa_parameters(&n, &e),
                    name,
                )?
            }
            JwkKey::Ec { family, x, y, .. } => {
                let mut point = Vec::with_capacity(1 + x.len() + y.len());
                point.push(4);
                point.extend_from_slice(&x);
                point.extend_from_slice(&y);
                let params = jwk::ec_parameters(family, &point)?;
                PublicParts::new(family, point, params, name)?
            }
            JwkKey::Okp { x, .. } => {
                let params = jwk::ed_parameters(&x);
                PublicParts::new(Family::Ed25519, x, params, name)?
            }
        };
        if let Some(algorithm) = algorithm {
            check_family(public.family, Some(algorithm), name)?;
        }
        Ok(Self {
            algorithm,
            kid: read.kid,
            material: Material::Public(public),
        })
    }

    /// Every key of a JWKS document (`{"keys": [...]}`). A key with private
    /// members (`d`, `p`, ...) is refused, since publishing one is a leak;
    /// keys of unsupported types are errors, not skipped.
    pub fn from_jwks(jwks_json: &[u8]) -> Result<Vec<Self>> {
        let document = crate::json::parse_strict(jwks_json, "JWKS")
            .map_err(|_| key_error("JWKS", "is not valid JSON"))?;
        let Some(keys) = document.get("keys").and_then(Value::as_array) else {
            return Err(key_error("JWKS", "has no keys array"));
        };
        if keys.is_empty() {
            return Err(key_error("JWKS", "holds no keys"));
        }
        keys.iter()
            .enumerate()
            .map(|(index, key)| {
                let name = format!("JWKS key {index}");
                let Some(object) = key.as_object() else {
                    return Err(key_error(&name, "is not a JSON object"));
                };
                if let Some(member) = PRIVATE_MEMBERS.iter().find(|m| object.contains_key(**m)) {
                    return Err(key_error(
                        &name,
                        format!(
                            "holds the private member {member}: a published key set must hold public keys only"
                        ),
                    ));
                }
                Self::from_jwk_object(object, &name, None)
            })
            .collect()
    }

    /// The keys of a key set published at a URL: keys hcjwt can't use (an
    /// unsupported type or curve, `use: enc`) are skipped and named in the
    /// second list; a private member or a secret (`oct`) key refuses the whole
    /// set, and so does a set without one usable key.
    #[cfg(feature = "remote")]
    pub(crate) fn from_published_jwks(jwks_json: &[u8]) -> Result<(Vec<Self>, Vec<String>)> {
        let document = crate::json::parse_strict(jwks_json, "JWKS")
            .map_err(|_| key_error("JWKS", "is not valid JSON"))?;
        let Some(keys) = document.get("keys").and_then(Value::as_array) else {
            return Err(key_error("JWKS", "has no keys array"));
        };
        let mut usable = Vec::new();
        let mut skipped = Vec::new();
        for (index, key) in keys.iter().enumerate() {
            let name = format!("JWKS key {index}");
            let Some(object) = key.as_object() else {
                skipped.push(format!("{name} is not a JSON object"));
                continue;
            };
            let secret = object.get("kty").and_then(Value::as_str) == Some("oct");
            if let Some(member) = PRIVATE_MEMBERS
                .iter()
                .chain(["k"].iter())
                .find(|m| object.contains_key(**m))
                .filter(|_| !secret || object.contains_key("k"))
            {
                return Err(key_error(
                    &name,
                    format!(
                        "holds the private member {member}: a published key set must hold public keys only"
                    ),
                ));
            }
            match Self::from_jwk_object(object, &name, None) {
                Ok(key) => usable.push(key),
                Err(error) => skipped.push(error.to_string()),
            }
        }
        if usable.is_empty() {
            return Err(key_error(
                "JWKS",
                if skipped.is_empty() {
                    "holds no keys".to_owned()
                } else {
                    format!("holds no usable key ({})", skipped.join("; "))
                },
            ));
        }
        Ok((usable, skipped))
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

    fn family(&self) -> Family {
        match &self.material {
            Material::Hmac(_) => Family::Hmac,
            Material::Public(public) => public.family,
        }
    }

    /// True when this key can verify `algorithm`'s signatures.
    pub fn serves(&self, algorithm: Algorithm) -> bool {
        algorithm.family() == self.family() && self.algorithm.is_none_or(|bound| bound == algorithm)
    }

    /// A verifier for one algorithm, parsed once.
    pub(crate) fn prepare(&self, algorithm: Algorithm) -> Result<PreparedVerifier> {
        let name = self.kid.as_deref().unwrap_or("key");
        if !self.serves(algorithm) {
            return Err(key_error(name, format!("can't verify {algorithm}")));
        }
        match &self.material {
            Material::Hmac(secret) => {
                let hmac_algorithm =
                    check_secret(secret, algorithm).map_err(|error| rename(error, name))?;
                Ok(PreparedVerifier::Hmac(Box::new(hmac::Key::new(
                    hmac_algorithm,
                    secret,
                ))))
            }
            Material::Public(public) => {
                let verification = algorithm
                    .verification()
                    .ok_or_else(|| key_error(name, format!("can't verify {algorithm}")))?;
                let parsed = ParsedPublicKey::new(verification, &public.der)
                    .map_err(|error| key_error(name, error.to_string()))?;
                Ok(match public.family {
                    Family::Ed25519 => PreparedVerifier::Ed25519(parsed),
                    _ => PreparedVerifier::Public(parsed),
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
        if self.prepare(algorithm)?.verify(message, signature) {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }

    /// The public JWK (`None` for HMAC secrets), with the kid (by default the
    /// RFC 7638 thumbprint) and `alg` when the key is bound.
    pub fn public_jwk(&self) -> Option<Jwk> {
        match &self.material {
            Material::Hmac(_) => None,
            Material::Public(public) => public.jwk(self.algorithm, self.kid.clone()).ok(),
        }
    }
}

fn rename(error: Error, name: &str) -> Error {
    match error {
        Error::InvalidKey { reason, .. } => key_error(name, reason),
        other => other,
    }
}

impl SigningKey {
    /// The key that verifies this key's signatures, bound to its algorithm
    /// and carrying its kid (tokens it signs name that kid).
    pub fn verifying_key(&self) -> Result<VerifyingKey> {
        let key = match (self.hmac_secret(), self.public_parts()) {
            (Some(secret), _) => VerifyingKey::from_secret(secret, self.algorithm())?,
            (None, Some(public)) => {
                VerifyingKey::from_parts(public.clone(), Some(self.algorithm()))
            }
            (None, None) => return Err(key_error("signing key", "has no public key")),
        };
        Ok(match self.kid() {
            Some(kid) => key.with_kid(kid),
            None => key,
        })
    }
}
