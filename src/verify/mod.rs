//! Strict verification of compact JWS tokens: the JWS layer (`jws`), the
//! registered claims (`claims`), and the [`Verifier`] that pins algorithms
//! and holds the keys (configured, or a remote key set).

mod claims;
mod jws;
mod strict;
mod typed;

pub use typed::HelpCenterClaims;

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::keys::{ALGORITHMS, Algorithm, KeySet, VerifyingKey};
use crate::limits::{DEFAULT_LEEWAY_SECONDS, DEFAULT_MAX_TOKEN_BYTES};
use crate::value::Json;
use claims::{ClaimValue, Registered};
pub(crate) use jws::{decode_segment, malformed};

/// How a [`Verifier`] checks the registered claims.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifierOptions {
    /// Clock skew allowed on `exp`, `nbf` and `iat`, in seconds. Defaults to 60.
    pub leeway: u64,
    /// When set, `iss` must equal it exactly. Defaults to none.
    pub issuer: Option<String>,
    /// The audiences accepted: `aud` (a string or an array) must name at
    /// least one of them. When empty, a token that carries `aud` is refused
    /// (RFC 7519 section 4.1.3) unless `accept_any_audience` is set.
    /// Defaults to empty.
    pub audience: Vec<String>,
    /// With no audience configured, accept a token whatever its `aud`.
    /// Defaults to false.
    pub accept_any_audience: bool,
    /// Tokens longer than this many bytes are refused before any decoding.
    /// Defaults to 8192.
    pub max_token_bytes: usize,
}

impl Default for VerifierOptions {
    fn default() -> Self {
        Self {
            leeway: DEFAULT_LEEWAY_SECONDS,
            issuer: None,
            audience: Vec::new(),
            accept_any_audience: false,
            max_token_bytes: DEFAULT_MAX_TOKEN_BYTES,
        }
    }
}

impl VerifierOptions {
    /// Options that also require this issuer and audience.
    pub fn for_issuer_and_audience(issuer: impl Into<String>, audience: impl Into<String>) -> Self {
        Self {
            issuer: Some(issuer.into()),
            audience: vec![audience.into()],
            ..Self::default()
        }
    }
}

/// A compact JWS whose signature verified.
#[derive(Clone, Debug, PartialEq)]
pub struct VerifiedJws {
    /// The algorithm of the header (one of the verifier's).
    pub algorithm: Algorithm,
    /// The protected header.
    pub header: Map<String, Value>,
    /// The payload bytes.
    pub payload: Vec<u8>,
}

/// The keys a verifier checks signatures with.
enum Keys {
    /// Keys given when the verifier was built.
    Configured(KeySet),
    /// A remote key set, cached by its own rules.
    #[cfg(feature = "remote")]
    Remote(std::sync::Arc<crate::remote::RemoteJwks>),
}

/// Verifies tokens against configured keys and a pinned algorithm list.
/// Keys are chosen by `kid` among the configured keys only; `jwk`, `jku`,
/// `x5u` and `x5c` in a header are never used. `Send + Sync`.
pub struct Verifier {
    keys: Keys,
    algorithms: Vec<Algorithm>,
    options: VerifierOptions,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field("algorithms", &self.algorithms)
            .field("kids", &self.key_ids())
            .field("options", &self.options)
            .finish()
    }
}

/// A token whose signature verified: its algorithm, header JSON and payload.
struct SignedParts {
    algorithm: Algorithm,
    header: Vec<u8>,
    payload: Vec<u8>,
}

impl Verifier {
    /// A verifier accepting `algorithms` (at least one) with `keys`. Every key
    /// must serve at least one of the algorithms.
    pub fn new(
        keys: Vec<VerifyingKey>,
        algorithms: &[Algorithm],
        options: VerifierOptions,
    ) -> Result<Self> {
        check_algorithms(algorithms)?;
        if keys.is_empty() {
            return Err(Error::invalid_option("keys", "give at least one key"));
        }
        Ok(Self {
            keys: Keys::Configured(KeySet::prepare(&keys, algorithms, true, Vec::new())?),
            algorithms: algorithms.to_vec(),
            options,
        })
    }

    /// A verifier with one key.
    pub fn with_key(
        key: VerifyingKey,
        algorithms: &[Algorithm],
        options: VerifierOptions,
    ) -> Result<Self> {
        Self::new(vec![key], algorithms, options)
    }

    /// A verifier from key material as callers hand it in: an HMAC secret,
    /// a public or private key (PEM, DER, JWK), or a JWKS document
    /// (`{"keys": [...]}`), for the pinned `algorithms`. A secret serves each
    /// HS* algorithm of the list (it must be long enough for each); a key
    /// serves the algorithms of its family in the list. Key material is
    /// never a secret, and bytes other than a JWK or JWKS (whose `kty` types
    /// each key) never serve HMAC and public-key algorithms at once: such a
    /// list is an [`Error::InvalidOption`] naming both families.
    pub fn from_key_bytes(
        key: &[u8],
        algorithms: &[Algorithm],
        options: VerifierOptions,
    ) -> Result<Self> {
        check_algorithms(algorithms)?;
        let single = match algorithms {
            [one] => Some(*one),
            _ => None,
        };
        let keys = match crate::keys::json_text(key) {
            Some(json) if crate::keys::is_jwks(&json) => VerifyingKey::from_jwks(&json)?,
            Some(json) => vec![VerifyingKey::from_jwk(&json, single)?],
            None => {
                check_one_family(algorithms)?;
                if algorithms.iter().all(|algorithm| algorithm.is_hmac()) {
                    // Key material is refused as a secret (RS/HS confusion).
                    vec![match single {
                        Some(algorithm) => VerifyingKey::from_secret(key, algorithm)?,
                        None => VerifyingKey::from_hmac_secret(key)?,
                    }]
                } else {
                    vec![VerifyingKey::from_key_bytes(key, single)?]
                }
            }
        };
        Self::new(keys, algorithms, options)
    }

    /// The algorithms a key input serves when the caller names none (what
    /// the CLI pins without `--alg`): for a JWK or JWKS every algorithm
    /// (each key's `kty` binds it), for other key material the public-key
    /// algorithms, for a secret the HS* algorithms it is long enough for.
    pub fn default_algorithms(key: &[u8]) -> Vec<Algorithm> {
        let public = |algorithm: &Algorithm| !algorithm.is_hmac();
        if crate::keys::json_text(key).is_some() {
            ALGORITHMS.to_vec()
        } else if crate::keys::key_material_kind(key).is_some() {
            ALGORITHMS.into_iter().filter(public).collect()
        } else {
            let long_enough: Vec<Algorithm> = ALGORITHMS
                .into_iter()
                .filter(|algorithm| algorithm.hmac().is_some_and(|(_, min)| key.len() >= min))
                .collect();
            if long_enough.is_empty() {
                // HS256 then says how long a secret must be.
                vec![Algorithm::HS256]
            } else {
                long_enough
            }
        }
    }

    /// The pinned algorithms.
    pub fn algorithms(&self) -> &[Algorithm] {
        &self.algorithms
    }

    /// The options the verifier checks claims with.
    pub fn options(&self) -> &VerifierOptions {
        &self.options
    }

    /// The `kid` of each configured key (`None` for a key without one), in
    /// the order given, each once. For a remote key set: the kids cached now.
    pub fn key_ids(&self) -> Vec<Option<String>> {
        match &self.keys {
            Keys::Configured(set) => set.key_ids(),
            #[cfg(feature = "remote")]
            Keys::Remote(source) => source.status().key_ids.into_iter().map(Some).collect(),
        }
    }

    /// The remote key set this verifier uses, if it uses one.
    #[cfg(feature = "remote")]
    pub fn key_source(&self) -> Option<&crate::remote::RemoteJwks> {
        match &self.keys {
            Keys::Remote(source) => Some(source),
            Keys::Configured(_) => None,
        }
    }

    /// A verifier of the keys published at `url` (a JWKS; https, or http to a
    /// loopback host) for the pinned `algorithms`, cached by the rules of
    /// [`crate::remote::RemoteJwks`] and shared with every other verifier of
    /// the same URL and options in the process. Nothing is fetched until the
    /// first token is verified.
    #[cfg(feature = "remote")]
    pub fn from_jwks_url(
        url: &str,
        algorithms: &[Algorithm],
        options: VerifierOptions,
        remote: crate::remote::RemoteJwksOptions,
    ) -> Result<Self> {
        Self::from_key_source(
            crate::remote::RemoteJwks::shared(url, remote)?,
            algorithms,
            options,
        )
    }

    /// A verifier of a help center's tokens: RS256 with the keys of
    /// `https://{host}/api/v2/help_center/integration/keys.json`, where `host`
    /// is a subdomain (`acme`), a host (`acme.zendesk.com`, a host-mapped
    /// brand domain) or a base URL.
    #[cfg(feature = "remote")]
    pub fn for_help_center(
        host: &str,
        options: VerifierOptions,
        remote: crate::remote::RemoteJwksOptions,
    ) -> Result<Self> {
        Self::from_key_source(
            crate::remote::RemoteJwks::for_help_center(host, remote)?,
            &[Algorithm::RS256],
            options,
        )
    }

    /// A verifier of the keys of `source` (shared, or one of its own made by
    /// [`crate::remote::RemoteJwks::with_clock`]).
    #[cfg(feature = "remote")]
    pub fn from_key_source(
        source: std::sync::Arc<crate::remote::RemoteJwks>,
        algorithms: &[Algorithm],
        options: VerifierOptions,
    ) -> Result<Self> {
        check_algorithms(algorithms)?;
        Ok(Self {
            keys: Keys::Remote(source),
            algorithms: algorithms.to_vec(),
            options,
        })
    }

    /// True when verifying `token` now may wait on the network: the keys come
    /// from a remote source that holds no fresh keys, or none with the
    /// token's `kid`. An event loop verifies inline when this is false (the
    /// check costs microseconds) and off the loop when it is true.
    #[cfg_attr(not(feature = "remote"), allow(unused_variables))]
    pub fn would_fetch(&self, token: &str) -> bool {
        match &self.keys {
            Keys::Configured(_) => false,
            #[cfg(feature = "remote")]
            Keys::Remote(source) => {
                let status = source.status();
                if !status.fresh {
                    return true;
                }
                let kid = crate::inspect::get_unverified_header(token)
                    .ok()
                    .and_then(|header| {
                        header.get("kid").and_then(Value::as_str).map(str::to_owned)
                    });
                kid.is_some_and(|kid| !status.key_ids.contains(&kid))
            }
        }
    }

    /// Verifies `token` against the current clock and returns its payload.
    pub fn verify(&self, token: &str) -> Result<Map<String, Value>> {
        self.verify_at(token, crate::clock::unix_now())
    }

    /// Verifies `token` as of `now` (Unix seconds) and returns its payload.
    pub fn verify_at(&self, token: &str, now: i64) -> Result<Map<String, Value>> {
        let jws = self.verify_signature(token)?;
        let payload = match crate::json::parse_strict(&jws.payload, "token payload") {
            Ok(Value::Object(payload)) => payload,
            Ok(_) => return Err(malformed("the payload is not a JSON object")),
            Err(error) => return Err(malformed(error.to_string())),
        };
        Registered::read(|name| payload.get(name).map(ClaimValue::from))
            .check(&self.options, now)?;
        Ok(payload)
    }

    /// Verifies `token` against the current clock and returns its payload as
    /// the JSON text that was signed, without building a map: what a caller
    /// that passes the payload on as JSON needs (the C ABI, the CLI).
    pub fn verify_json(&self, token: &str) -> Result<Vec<u8>> {
        self.verify_json_at(token, crate::clock::unix_now())
    }

    /// [`Verifier::verify_json`] as of `now` (Unix seconds). The payload is
    /// held to the same rules as [`Verifier::verify_at`]'s: one JSON object,
    /// no repeated member, numbers within a double's range.
    pub fn verify_json_at(&self, token: &str, now: i64) -> Result<Vec<u8>> {
        let jws = self.verify_signature(token)?;
        self.check_payload(&jws.payload, now)?;
        Ok(jws.payload)
    }

    /// Verifies `token` as of `now` and hands its payload, read once and
    /// borrowed (held to [`Verifier::verify_json_at`]'s rules, claims
    /// checked), to `read`: how a caller builds its own objects from the
    /// payload without a map in between (the Python module's dict).
    pub fn verify_with<T>(
        &self,
        token: &str,
        now: i64,
        read: impl FnOnce(&Json<'_>) -> T,
    ) -> Result<T> {
        let jws = self.verify_signature(token)?;
        let payload = self.check_payload(&jws.payload, now)?;
        Ok(read(&payload))
    }

    /// The payload read borrowed, its registered claims checked as of `now`.
    fn check_payload<'p>(&self, payload: &'p [u8], now: i64) -> Result<Json<'p>> {
        let payload = jws::read_object(payload, "payload", "token payload")?;
        Registered::read(|name| payload.get(name).map(ClaimValue::from))
            .check(&self.options, now)?;
        Ok(payload)
    }

    /// Verifies the compact JWS `token` (size, shape, header, algorithm, key,
    /// signature) without reading its payload as claims: the JWS layer of
    /// [`Verifier::verify_at`], for payloads that are not JWT claims.
    pub fn verify_jws(&self, token: &str) -> Result<VerifiedJws> {
        let jws = self.verify_signature(token)?;
        let header = match crate::json::parse_strict(&jws.header, "token header") {
            Ok(Value::Object(header)) => header,
            Ok(_) => return Err(malformed("the header is not a JSON object")),
            Err(error) => return Err(malformed(error.to_string())),
        };
        Ok(VerifiedJws {
            algorithm: jws.algorithm,
            header,
            payload: jws.payload,
        })
    }

    /// The JWS layer, then the signature with the keys that fit the token.
    fn verify_signature(&self, token: &str) -> Result<SignedParts> {
        let decoded = jws::decode(token, self.options.max_token_bytes, &self.algorithms)?;
        let kid = decoded.kid.as_deref();
        let (algorithm, signed, signature) =
            (decoded.algorithm, decoded.signed, &decoded.signature);
        let valid = match &self.keys {
            Keys::Configured(set) => set.verify(kid, algorithm, signed, signature)?,
            #[cfg(feature = "remote")]
            Keys::Remote(source) => {
                let (keys, just_fetched) = source.keys()?;
                match (keys.verify(kid, algorithm, signed, signature), kid) {
                    (Ok(valid), _) => valid,
                    // A kid the cache lacks, or whose key serves another
                    // algorithm: the keys may have rotated.
                    (
                        Err(error @ (Error::UnknownKid(_) | Error::AlgorithmNotAllowed(_))),
                        Some(kid),
                    ) => match source.keys_for_unknown_kid(kid, algorithm, just_fetched)? {
                        Some(keys) => keys.verify(Some(kid), algorithm, signed, signature)?,
                        None => return Err(error),
                    },
                    (Err(error), _) => return Err(error),
                }
            }
        };
        if !valid {
            return Err(Error::InvalidSignature);
        }
        Ok(SignedParts {
            algorithm,
            header: decoded.header,
            payload: decoded.payload,
        })
    }
}

/// Refuses a list that holds HMAC and public-key algorithms at once, for a
/// key input whose bytes could be taken as either.
fn check_one_family(algorithms: &[Algorithm]) -> Result<()> {
    let (hmac, public): (Vec<Algorithm>, Vec<Algorithm>) =
        algorithms.iter().partition(|algorithm| algorithm.is_hmac());
    if hmac.is_empty() || public.is_empty() {
        return Ok(());
    }
    let names = |list: &[Algorithm]| {
        list.iter()
            .map(|algorithm| algorithm.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    Err(Error::invalid_option(
        "algorithms",
        format!(
            "mix HMAC ({}) and public-key ({}) algorithms for one key: a key serves one family, never both (a public key taken as an HMAC secret lets anyone forge tokens); make one verifier per family",
            names(&hmac),
            names(&public)
        ),
    ))
}

/// Every verifier pins at least one algorithm.
fn check_algorithms(algorithms: &[Algorithm]) -> Result<()> {
    if algorithms.is_empty() {
        return Err(Error::invalid_option(
            "algorithms",
            "name at least one algorithm",
        ));
    }
    Ok(())
}
