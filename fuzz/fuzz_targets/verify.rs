//! verify(arbitrary bytes) against fixed keys and a JWKS: Ok or a typed
//! error. And the same bytes as the payload of a validly signed token under
//! one of several headers, so the payload readers see them: the payload as a
//! map and as signed text agree (both accepted with the same JSON, or both
//! refused with the same kind).
//!
//! jsonwebtoken is the second opinion on every HS256 token: whatever hcjwt
//! accepts, jsonwebtoken accepts with the same claims; whatever jsonwebtoken
//! refuses, hcjwt refuses. Where jsonwebtoken accepts and hcjwt refuses, it
//! is for one of hcjwt's stricter rules (a malformed or duplicate member, an
//! unknown `crit`, a claim out of range or expired as of NOW: jsonwebtoken
//! checks no claims here), never the signature or the algorithm.
#![no_main]

use std::sync::OnceLock;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hcjwt::{Algorithm, ErrorKind, SigningKey, Verifier, VerifierOptions, VerifyingKey};
use libfuzzer_sys::fuzz_target;

const NOW: i64 = 1_700_000_000;

fn secret() -> SigningKey {
    SigningKey::from_secret(&[7u8; 32], Algorithm::HS256).unwrap()
}

fn verifiers() -> &'static [Verifier; 2] {
    static VERIFIERS: OnceLock<[Verifier; 2]> = OnceLock::new();
    VERIFIERS.get_or_init(|| {
        let hmac = Verifier::with_key(secret().verifying_key().unwrap(), &[Algorithm::HS256], VerifierOptions::default()).unwrap();
        let ec = SigningKey::from_bytes(include_bytes!("../../tests/fixtures/keys/p256.pem"), None).unwrap();
        let ed = SigningKey::from_bytes(include_bytes!("../../tests/fixtures/keys/ed25519.pem"), None).unwrap();
        let jwks = serde_json::json!({"keys": [ec.public_jwk(), ed.public_jwk()]}).to_string();
        let keys = VerifyingKey::from_jwks(jwks.as_bytes()).unwrap();
        let set = Verifier::new(keys, &[Algorithm::ES256, Algorithm::EdDSA], VerifierOptions::default()).unwrap();
        [hmac, set]
    })
}

/// Both ways of reading a payload agree on `token`.
fn agree(verifier: &Verifier, token: &str) {
    let as_map = verifier.verify_at(token, NOW);
    let as_text = verifier.verify_json_at(token, NOW);
    match (&as_map, &as_text) {
        (Ok(map), Ok(text)) => {
            let read: serde_json::Value = serde_json::from_slice(text).unwrap();
            assert_eq!(read, serde_json::Value::Object(map.clone()));
        }
        (Err(by_map), Err(by_text)) => assert_eq!(by_map.kind(), by_text.kind()),
        _ => panic!("{as_map:?} / {as_text:?}"),
    }
    // The typed path (one pass, its own strict reader) answers the same.
    match (&as_map, verifier.verify_as_at::<serde_json::Value>(token, NOW)) {
        (Ok(map), Ok(typed)) => assert_eq!(serde_json::Value::Object(map.clone()), typed),
        (Err(by_map), Err(typed)) => assert_eq!(by_map.kind(), typed.kind(), "{by_map} / {typed}"),
        (map, typed) => panic!("{map:?} / {typed:?}"),
    }
}

/// jsonwebtoken's answer for an HS256 token under the same secret, with
/// no claim checked: the signature, the header and the payload's JSON only.
fn second_opinion(token: &str) -> Option<serde_json::Value> {
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    validation.required_spec_claims.clear();
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    let key = jsonwebtoken::DecodingKey::from_secret(&[7u8; 32]);
    jsonwebtoken::decode::<serde_json::Value>(token, &key, &validation)
        .ok()
        .map(|data| data.claims)
}

/// hcjwt and jsonwebtoken agree on `token` (see the module's rule).
fn peers_agree(verifier: &Verifier, token: &str) {
    match (verifier.verify_at(token, NOW), second_opinion(token)) {
        (Ok(ours), Some(theirs)) => assert_eq!(serde_json::Value::Object(ours), theirs),
        (Ok(ours), None) => panic!("hcjwt accepted what jsonwebtoken refuses: {ours:?}"),
        (Err(_), None) => {}
        (Err(error), Some(_)) => assert!(
            matches!(
                error.kind(),
                ErrorKind::MalformedToken
                    | ErrorKind::Json
                    | ErrorKind::InvalidClaim
                    | ErrorKind::MissingClaim
                    | ErrorKind::Expired
                    | ErrorKind::NotYetValid
            ),
            "jsonwebtoken accepted what hcjwt refused with {error}"
        ),
    }
}

/// The headers a signed fuzz payload goes under, chosen by its first byte.
const HEADERS: [&[u8]; 6] = [
    br#"{"alg":"HS256"}"#,
    br#"{"alg":"HS256","typ":"JWT"}"#,
    br#"{"typ":"JWT","alg":"HS256","kid":"k1"}"#,
    br#"{"alg":"HS256","crit":["exp"]}"#,
    br#"{"alg":"HS256","alg":"HS256"}"#,
    br#"{"alg":"none"}"#,
];

fuzz_target!(|data: &[u8]| {
    if let Ok(token) = std::str::from_utf8(data) {
        for verifier in verifiers() {
            agree(verifier, token);
            let _ = verifier.verify_jws(token);
        }
        peers_agree(&verifiers()[0], token);
    }
    let header = HEADERS[usize::from(data.first().copied().unwrap_or(0)) % HEADERS.len()];
    let input = format!("{}.{}", URL_SAFE_NO_PAD.encode(header), URL_SAFE_NO_PAD.encode(data));
    let signature = secret().sign(input.as_bytes()).unwrap();
    let signed = format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature));
    agree(&verifiers()[0], &signed);
    peers_agree(&verifiers()[0], &signed);
});
