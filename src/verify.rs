//! Strict verification of compact JWS tokens.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};

use crate::error::{Error, Result, quoted};
use crate::keys::{ALGORITHMS, Algorithm, PreparedVerifier, VerifyingKey, parse_algorithm};
use crate::limits::{DEFAULT_LEEWAY_SECONDS, DEFAULT_MAX_TOKEN_BYTES};
use crate::value::Json;

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

/// A token whose signature verified: its algorithm, header JSON and payload.
struct SignedParts {
    algorithm: Algorithm,
    header: Vec<u8>,
    payload: Vec<u8>,
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
    // The decoder checks the alphabet itself; the byte at fault is looked up
    // only to name it.
    URL_SAFE_NO_PAD.decode(segment).map_err(|_| {
        match segment
            .bytes()
            .find(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
        {
            Some(bad) => malformed(format!(
                "the {name} segment holds {:?}, which is not base64url without padding",
                char::from(bad)
            )),
            None => malformed(format!("the {name} segment is not canonical base64url")),
        }
    })
}

/// The token's header or payload (`segment`), read borrowed by the rules a
/// map is held to: one JSON object, no repeated member at any depth, numbers
/// within a double's range.
fn read_object<'a>(bytes: &'a [u8], segment: &str, document: &str) -> Result<Json<'a>> {
    match Json::from_slice(bytes, document) {
        Ok(object @ Json::Object(_)) if object.is_finite() => Ok(object),
        Ok(Json::Object(_)) => Err(malformed(format!(
            "the {segment} holds a number too large for a double"
        ))),
        Ok(_) => Err(malformed(format!("the {segment} is not a JSON object"))),
        Err(error) => Err(malformed(error.to_string())),
    }
}

/// A registered claim's value as the checks see it, read from a payload map
/// or from the borrowed payload alike.
enum ClaimValue<'v> {
    /// A number: its value when it is an integer that fits an i64.
    Number(Option<i64>),
    String(&'v str),
    /// An array: each item's text, `None` for an item that is not a string.
    Strings(Vec<Option<&'v str>>),
    Other,
}

impl<'v> From<&'v Value> for ClaimValue<'v> {
    fn from(value: &'v Value) -> Self {
        match value {
            Value::Number(number) => ClaimValue::Number(number.as_i64()),
            Value::String(text) => ClaimValue::String(text),
            Value::Array(items) => ClaimValue::Strings(items.iter().map(Value::as_str).collect()),
            _ => ClaimValue::Other,
        }
    }
}

impl<'v> From<&'v Json<'_>> for ClaimValue<'v> {
    fn from(value: &'v Json<'_>) -> Self {
        match value {
            Json::Number(number) => ClaimValue::Number(number.as_i64()),
            Json::String(text) => ClaimValue::String(text),
            Json::Array(items) => ClaimValue::Strings(items.iter().map(Json::as_str).collect()),
            _ => ClaimValue::Other,
        }
    }
}

/// The registered claims the verifier checks.
struct Registered<'v> {
    exp: Option<ClaimValue<'v>>,
    nbf: Option<ClaimValue<'v>>,
    iat: Option<ClaimValue<'v>>,
    iss: Option<ClaimValue<'v>>,
    aud: Option<ClaimValue<'v>>,
}

impl<'v> Registered<'v> {
    fn read(claim: impl Fn(&str) -> Option<ClaimValue<'v>>) -> Self {
        Self {
            exp: claim("exp"),
            nbf: claim("nbf"),
            iat: claim("iat"),
            iss: claim("iss"),
            aud: claim("aud"),
        }
    }
}

fn numeric_date(value: Option<&ClaimValue<'_>>, claim: &str) -> Result<Option<i64>> {
    match value {
        None => Ok(None),
        Some(ClaimValue::Number(Some(seconds))) if *seconds >= 0 => Ok(Some(*seconds)),
        Some(ClaimValue::Number(_)) => Err(Error::invalid_claim(
            claim,
            "must be a non-negative integer number of seconds",
        )),
        Some(_) => Err(Error::invalid_claim(
            claim,
            "must be a number of seconds, not another type",
        )),
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
        let jws = self.verify_signature(token)?;
        let payload = match crate::json::parse_strict(&jws.payload, "token payload") {
            Ok(Value::Object(payload)) => payload,
            Ok(_) => return Err(malformed("the payload is not a JSON object")),
            Err(error) => return Err(malformed(error.to_string())),
        };
        let claims = Registered::read(|name| payload.get(name).map(ClaimValue::from));
        self.check_claims(&claims, now)?;
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
        let payload = read_object(payload, "payload", "token payload")?;
        let claims = Registered::read(|name| payload.get(name).map(ClaimValue::from));
        self.check_claims(&claims, now)?;
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

    /// The JWS layer: the header is read borrowed, without building a map.
    fn verify_signature(&self, token: &str) -> Result<SignedParts> {
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
        let header = read_object(&header_bytes, "header", "token header")?;
        let algorithm = match header.get("alg") {
            Some(Json::String(name)) => {
                let algorithm = parse_algorithm(name)
                    .map_err(|_| Error::AlgorithmNotAllowed(name.chars().take(32).collect()))?;
                if !self.algorithms.contains(&algorithm) {
                    return Err(Error::AlgorithmNotAllowed(name.to_string()));
                }
                algorithm
            }
            Some(_) => return Err(malformed("the header's alg is not a string")),
            None => return Err(malformed("the header has no alg")),
        };
        if let Some(crit) = header.get("crit") {
            let names = match crit {
                Json::Array(names) if !names.is_empty() => names
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
            Some(Json::String(kid)) => Some(kid.as_ref()),
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
        Ok(SignedParts {
            algorithm,
            header: header_bytes,
            payload,
        })
    }

    fn check_claims(&self, claims: &Registered<'_>, now: i64) -> Result<()> {
        let leeway = i128::from(self.options.leeway);
        let now_wide = i128::from(now);
        let exp = numeric_date(claims.exp.as_ref(), "exp")?
            .ok_or_else(|| Error::MissingClaim("exp".to_owned()))?;
        // RFC 7519: the current time must be before exp.
        if now_wide >= i128::from(exp) + leeway {
            return Err(Error::Expired { exp, now });
        }
        if let Some(nbf) = numeric_date(claims.nbf.as_ref(), "nbf")?
            && now_wide + leeway < i128::from(nbf)
        {
            return Err(Error::NotYetValid { nbf, now });
        }
        if let Some(iat) = numeric_date(claims.iat.as_ref(), "iat")?
            && now_wide + leeway < i128::from(iat)
        {
            return Err(Error::NotYetValid { nbf: iat, now });
        }
        if let Some(issuer) = &self.options.issuer {
            match &claims.iss {
                Some(ClaimValue::String(iss)) if iss == issuer => {}
                Some(ClaimValue::String(iss)) => {
                    return Err(Error::invalid_claim(
                        "iss",
                        format!("{} is not the expected issuer", quoted(iss, 64)),
                    ));
                }
                Some(_) => return Err(Error::invalid_claim("iss", "must be a string")),
                None => return Err(Error::MissingClaim("iss".to_owned())),
            }
        }
        self.check_audience(claims.aud.as_ref())
    }

    fn check_audience(&self, aud: Option<&ClaimValue<'_>>) -> Result<()> {
        let shape_error = || Error::invalid_claim("aud", "must be a string or an array of strings");
        let named: Vec<&str> = match aud {
            None => Vec::new(),
            Some(ClaimValue::String(aud)) => vec![aud],
            Some(ClaimValue::Strings(items)) => items
                .iter()
                .map(|item| item.ok_or_else(shape_error))
                .collect::<Result<_>>()?,
            Some(_) => return Err(shape_error()),
        };
        let expected = &self.options.audience;
        if expected.is_empty() {
            if aud.is_some() && !self.options.accept_any_audience {
                return Err(Error::invalid_claim(
                    "aud",
                    "the token names an audience but the verifier expects none: configure the audience (or accept any audience)",
                ));
            }
            return Ok(());
        }
        if aud.is_none() {
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
