//! Strict verification of compact JWS tokens.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};

use crate::error::{Error, Result, quoted};
use crate::keys::{Algorithm, PreparedVerifier, VerifyingKey, parse_algorithm};
use crate::limits::{DEFAULT_LEEWAY_SECONDS, DEFAULT_MAX_TOKEN_BYTES};

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

/// One key prepared for one algorithm.
pub(crate) struct KeySlot {
    kid: Option<String>,
    algorithm: Algorithm,
    verifier: PreparedVerifier,
}

/// Each key prepared for each of `algorithms` it serves. With `strict`, a key
/// that serves none of them is an error (a configured key must be usable);
/// otherwise such a key is left out (a published set may hold others).
pub(crate) fn prepare_slots(
    keys: &[VerifyingKey],
    algorithms: &[Algorithm],
    strict: bool,
) -> Result<Vec<KeySlot>> {
    let mut slots = Vec::new();
    for (index, key) in keys.iter().enumerate() {
        let before = slots.len();
        for algorithm in algorithms {
            if key.serves(*algorithm) {
                slots.push(KeySlot {
                    kid: key.kid().map(str::to_owned),
                    algorithm: *algorithm,
                    verifier: key.prepare(*algorithm)?,
                });
            }
        }
        if strict && slots.len() == before {
            let names: Vec<&str> = algorithms.iter().map(|a| a.name()).collect();
            return Err(Error::InvalidKey {
                key: key
                    .kid()
                    .map_or_else(|| format!("key {index}"), |kid| format!("key {kid}")),
                reason: format!("serves none of the allowed algorithms {}", names.join(", ")),
            });
        }
    }
    Ok(slots)
}

/// The keys a verifier checks signatures with.
enum Keys {
    /// Keys given when the verifier was built.
    Configured(Vec<KeySlot>),
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

pub(crate) fn malformed(reason: impl Into<String>) -> Error {
    Error::MalformedToken(reason.into())
}

pub(crate) fn decode_segment(name: &str, segment: &str, may_be_empty: bool) -> Result<Vec<u8>> {
    if segment.is_empty() && !may_be_empty {
        return Err(malformed(format!("the {name} segment is empty")));
    }
    if let Some(bad) = segment
        .bytes()
        .find(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
    {
        return Err(malformed(format!(
            "the {name} segment holds {:?}, which is not base64url without padding",
            char::from(bad)
        )));
    }
    URL_SAFE_NO_PAD
        .decode(segment)
        .map_err(|_| malformed(format!("the {name} segment is not canonical base64url")))
}

fn numeric_date(payload: &Map<String, Value>, claim: &str) -> Result<Option<i64>> {
    match payload.get(claim) {
        None => Ok(None),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(seconds) if seconds >= 0 => Ok(Some(seconds)),
            _ => Err(Error::invalid_claim(
                claim,
                "must be a non-negative integer number of seconds",
            )),
        },
        Some(_) => Err(Error::invalid_claim(
            claim,
            "must be a number of seconds, not another type",
        )),
    }
}

/// The one slot of `slots`, none, or an error naming `what` when several match.
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

/// The one slot `slots` yields, none, or an error naming `what` when
/// several could verify it (no allocation: this is on every verify).
fn only<'a>(
    mut slots: impl Iterator<Item = &'a KeySlot>,
    what: impl FnOnce() -> String,
) -> Result<Option<&'a KeySlot>> {
    match (slots.next(), slots.next()) {
        (None, _) => Ok(None),
        (Some(slot), None) => Ok(Some(slot)),
        (Some(_), Some(_)) => Err(Error::UnknownKid(format!(
            "{} (several configured keys could verify it)",
            what()
        ))),
    }
}

/// The slot that verifies a token with `kid` (if any) and `algorithm`: the
/// key named by the kid, else a key without a kid; a token without a kid
/// needs exactly one candidate.
fn select<'s>(
    slots: &'s [KeySlot],
    kid: Option<&str>,
    algorithm: Algorithm,
) -> Result<&'s KeySlot> {
    let candidates = || slots.iter().filter(move |slot| slot.algorithm == algorithm);
    if candidates().next().is_none() {
        // Allowed in the list, but no key can verify it (e.g. HS256 with only
        // RSA keys): the algorithm is not usable here.
        return Err(Error::AlgorithmNotAllowed(algorithm.name().to_owned()));
    }
    match kid {
        Some(kid) => {
            let named = || quoted(kid, 64);
            let exact = candidates().filter(|slot| slot.kid.as_deref() == Some(kid));
            if let Some(slot) = only(exact, named)? {
                return Ok(slot);
            }
            // Keys configured without a kid verify tokens whatever their kid.
            let open = candidates().filter(|slot| slot.kid.is_none());
            only(open, named)?.ok_or_else(|| Error::UnknownKid(named()))
        }
        None => only(candidates(), || "(none: the token has no kid)".to_owned())?
            .ok_or_else(|| Error::UnknownKid("(none)".to_owned())),
    }
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
            return Err(Error::InvalidOption {
                option: "keys".into(),
                reason: "give at least one key".into(),
            });
        }
        Ok(Self {
            keys: Keys::Configured(prepare_slots(&keys, algorithms, true)?),
            algorithms: algorithms.to_vec(),
            options,
        })
    }

    /// A verifier from key material as callers hand it in: an HMAC secret,
    /// a public or private key (PEM, DER, JWK), or a JWKS document
    /// (`{"keys": [...]}`), for the pinned `algorithms`. A secret serves each
    /// HS* algorithm of the list (it must be long enough for each); a key
    /// serves the algorithms of its family in the list.
    pub fn from_key_bytes(
        key: &[u8],
        algorithms: &[Algorithm],
        options: VerifierOptions,
    ) -> Result<Self> {
        check_algorithms(algorithms)?;
        let any_hmac = algorithms.iter().any(|algorithm| algorithm.is_hmac());
        let all_hmac = algorithms.iter().all(|algorithm| algorithm.is_hmac());
        let single = match algorithms {
            [one] => Some(*one),
            _ => None,
        };
        let keys = if crate::keys::is_jwks(key) {
            VerifyingKey::from_jwks(key)?
        } else if crate::keys::is_json(key) {
            vec![VerifyingKey::from_jwk(key, single)?]
        } else if all_hmac || (any_hmac && crate::keys::key_material_kind(key).is_none()) {
            // A secret for the HS* algorithms of the list (key material is
            // refused as a secret: RS/HS confusion).
            vec![match single {
                Some(algorithm) => VerifyingKey::from_secret(key, algorithm)?,
                None => VerifyingKey::from_hmac_secret(key)?,
            }]
        } else {
            vec![VerifyingKey::from_bytes(key, single)?]
        };
        Self::new(keys, algorithms, options)
    }

    /// The pinned algorithms.
    pub fn algorithms(&self) -> &[Algorithm] {
        &self.algorithms
    }

    /// The `kid` of each configured key (`None` for a key without one), in
    /// the order given, each once. For a remote key set: the kids cached now.
    pub fn key_ids(&self) -> Vec<Option<String>> {
        let mut kids: Vec<Option<String>> = Vec::new();
        let mut add = |kid: Option<&str>| {
            let kid = kid.map(str::to_owned);
            if !kids.contains(&kid) {
                kids.push(kid);
            }
        };
        match &self.keys {
            Keys::Configured(slots) => slots.iter().for_each(|slot| add(slot.kid.as_deref())),
            #[cfg(feature = "remote")]
            Keys::Remote(source) => source
                .status()
                .key_ids
                .iter()
                .for_each(|kid| add(Some(kid))),
        }
        kids
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
        Self::remote(
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
        Self::remote(
            crate::remote::RemoteJwks::for_help_center(host, remote)?,
            &[Algorithm::RS256],
            options,
        )
    }

    #[cfg(feature = "remote")]
    fn remote(
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

    /// The options the verifier checks claims with.
    pub fn options(&self) -> &VerifierOptions {
        &self.options
    }

    /// A verifier with one key.
    pub fn with_key(
        key: VerifyingKey,
        algorithms: &[Algorithm],
        options: VerifierOptions,
    ) -> Result<Self> {
        Self::new(vec![key], algorithms, options)
    }

    /// Verifies `token` against the current clock and returns its payload.
    pub fn verify(&self, token: &str) -> Result<Map<String, Value>> {
        self.verify_at(token, crate::clock::unix_now())
    }

    /// Verifies `token` as of `now` (Unix seconds) and returns its payload.
    pub fn verify_at(&self, token: &str, now: i64) -> Result<Map<String, Value>> {
        let jws = self.verify_jws(token)?;
        let payload = match crate::json::parse_strict(&jws.payload, "token payload") {
            Ok(Value::Object(payload)) => payload,
            Ok(_) => return Err(malformed("the payload is not a JSON object")),
            Err(error) => return Err(malformed(error.to_string())),
        };
        self.check_claims(&payload, now)?;
        Ok(payload)
    }

    /// Verifies the compact JWS `token` (size, shape, header, algorithm, key,
    /// signature) without reading its payload as claims: the JWS layer of
    /// [`Verifier::verify_at`], for payloads that are not JWT claims.
    pub fn verify_jws(&self, token: &str) -> Result<VerifiedJws> {
        let limit = self.options.max_token_bytes;
        if token.len() > limit {
            return Err(Error::TokenTooLarge {
                size: token.len(),
                limit,
            });
        }
        let mut parts = token.split('.');
        let (Some(header_b64), Some(payload_b64), Some(signature_b64), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            let count = token.split('.').count();
            return Err(malformed(format!(
                "a compact JWS has 3 segments, this token has {count}"
            )));
        };
        let header_bytes = decode_segment("header", header_b64, false)?;
        let signature = decode_segment("signature", signature_b64, false)?;
        let payload = decode_segment("payload", payload_b64, true)?;
        let header = match crate::json::parse_strict(&header_bytes, "token header") {
            Ok(Value::Object(header)) => header,
            Ok(_) => return Err(malformed("the header is not a JSON object")),
            Err(error) => return Err(malformed(error.to_string())),
        };
        let algorithm = match header.get("alg") {
            Some(Value::String(name)) => {
                let algorithm = parse_algorithm(name)
                    .map_err(|_| Error::AlgorithmNotAllowed(name.chars().take(32).collect()))?;
                if !self.algorithms.contains(&algorithm) {
                    return Err(Error::AlgorithmNotAllowed(name.clone()));
                }
                algorithm
            }
            Some(_) => return Err(malformed("the header's alg is not a string")),
            None => return Err(malformed("the header has no alg")),
        };
        if let Some(crit) = header.get("crit") {
            let names = match crit {
                Value::Array(names) if !names.is_empty() => names
                    .iter()
                    .map(|n| n.as_str().map_or_else(|| n.to_string(), |s| quoted(s, 32)))
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => "(malformed)".to_owned(),
            };
            return Err(Error::invalid_claim(
                "crit",
                format!("names extensions hcjwt does not understand: {names}"),
            ));
        }
        let kid = match header.get("kid") {
            None => None,
            Some(Value::String(kid)) => Some(kid.as_str()),
            Some(_) => return Err(malformed("the header's kid is not a string")),
        };
        let signed = &token.as_bytes()[..header_b64.len() + 1 + payload_b64.len()];
        let verified = |slot: &KeySlot| slot.verifier.verify(signed, &signature);
        let valid = match &self.keys {
            Keys::Configured(slots) => verified(select(slots, kid, algorithm)?),
            #[cfg(feature = "remote")]
            Keys::Remote(source) => {
                let keys = source.keys()?;
                match (select(&keys.slots, kid, algorithm), kid) {
                    (Ok(slot), _) => verified(slot),
                    // A kid the cache lacks: the keys may have rotated.
                    (Err(Error::UnknownKid(reason)), Some(kid)) => {
                        match source.keys_for_unknown_kid(kid)? {
                            Some(keys) => verified(select(&keys.slots, Some(kid), algorithm)?),
                            None => return Err(Error::UnknownKid(reason)),
                        }
                    }
                    (Err(error), _) => return Err(error),
                }
            }
        };
        if !valid {
            return Err(Error::InvalidSignature);
        }
        Ok(VerifiedJws {
            algorithm,
            header,
            payload,
        })
    }

    fn check_claims(&self, payload: &Map<String, Value>, now: i64) -> Result<()> {
        let leeway = i128::from(self.options.leeway);
        let now_wide = i128::from(now);
        let exp =
            numeric_date(payload, "exp")?.ok_or_else(|| Error::MissingClaim("exp".to_owned()))?;
        // RFC 7519: the current time must be before exp.
        if now_wide >= i128::from(exp) + leeway {
            return Err(Error::Expired { exp, now });
        }
        if let Some(nbf) = numeric_date(payload, "nbf")?
            && now_wide + leeway < i128::from(nbf)
        {
            return Err(Error::NotYetValid { nbf, now });
        }
        if let Some(iat) = numeric_date(payload, "iat")?
            && now_wide + leeway < i128::from(iat)
        {
            return Err(Error::NotYetValid { nbf: iat, now });
        }
        if let Some(issuer) = &self.options.issuer {
            match payload.get("iss") {
                Some(Value::String(iss)) if iss == issuer => {}
                Some(Value::String(iss)) => {
                    return Err(Error::invalid_claim(
                        "iss",
                        format!("{} is not the expected issuer", quoted(iss, 64)),
                    ));
                }
                Some(_) => return Err(Error::invalid_claim("iss", "must be a string")),
                None => return Err(Error::MissingClaim("iss".to_owned())),
            }
        }
        self.check_audience(payload)?;
        Ok(())
    }

    fn check_audience(&self, payload: &Map<String, Value>) -> Result<()> {
        let shape_error = || Error::invalid_claim("aud", "must be a string or an array of strings");
        let named: Vec<&str> = match payload.get("aud") {
            None => Vec::new(),
            Some(Value::String(aud)) => vec![aud.as_str()],
            Some(Value::Array(items)) => items
                .iter()
                .map(|item| item.as_str().ok_or_else(shape_error))
                .collect::<Result<_>>()?,
            Some(_) => return Err(shape_error()),
        };
        let expected = &self.options.audience;
        if expected.is_empty() {
            if payload.contains_key("aud") && !self.options.accept_any_audience {
                return Err(Error::invalid_claim(
                    "aud",
                    "the token names an audience but the verifier expects none: configure the audience (or accept any audience)",
                ));
            }
            return Ok(());
        }
        if !payload.contains_key("aud") {
            return Err(Error::MissingClaim("aud".to_owned()));
        }
        if !named.iter().any(|aud| expected.iter().any(|e| e == aud)) {
            return Err(Error::invalid_claim(
                "aud",
                "does not name the expected audience",
            ));
        }
        Ok(())
    }
}
