//! verify(arbitrary bytes) against fixed keys and a JWKS: Ok or a typed
//! error. And the same bytes as the payload of a validly signed HS256 token,
//! so the payload readers see them: the payload as a map and as signed text
//! agree (both accepted with the same JSON, or both refused with the same kind).
#![no_main]

use std::sync::OnceLock;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hcjwt::{Algorithm, SigningKey, Verifier, VerifierOptions, VerifyingKey};
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
}

fuzz_target!(|data: &[u8]| {
    if let Ok(token) = std::str::from_utf8(data) {
        for verifier in verifiers() {
            agree(verifier, token);
            let _ = verifier.verify_jws(token);
        }
    }
    let input = format!("{}.{}", URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256"}"#), URL_SAFE_NO_PAD.encode(data));
    let signature = secret().sign(input.as_bytes()).unwrap();
    let signed = format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature));
    agree(&verifiers()[0], &signed);
});
