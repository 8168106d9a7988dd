//! Key loading from every format (PEM, DER, JWK, JWKS, raw secrets) for every
//! algorithm: Ok or a typed error, never a panic. In the loop, the two rules
//! a forger would attack: key material is never accepted as an HMAC secret,
//! and an Ed25519 key that loads rejects the small-order forgery (R the
//! identity, S zero) for any message.
#![no_main]

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hcjwt::{ALGORITHMS, Algorithm, SigningKey, Verifier, VerifierOptions, VerifyingKey};
use libfuzzer_sys::fuzz_target;

/// A conservative subset of what hcjwt must refuse as a secret.
fn looks_like_key_material(data: &[u8]) -> bool {
    let text = String::from_utf8_lossy(data);
    text.contains("-----BEGIN")
        || text.trim_start().starts_with("ssh-rsa ")
        || text.trim_start().starts_with("ssh-ed25519 ")
        || serde_json::from_slice::<serde_json::Value>(data)
            .ok()
            .and_then(|value| value.as_object().cloned())
            .is_some_and(|object| object.contains_key("kty") || object.contains_key("keys"))
}

fuzz_target!(|data: &[u8]| {
    let _ = SigningKey::from_bytes(data, None);
    let _ = VerifyingKey::from_bytes(data, None);
    let _ = VerifyingKey::from_jwks(data);
    for algorithm in ALGORITHMS {
        let signing = SigningKey::from_bytes(data, Some(algorithm));
        let _ = VerifyingKey::from_bytes(data, Some(algorithm));
        let _ = Verifier::from_key_bytes(data, &[algorithm], VerifierOptions::default());
        if algorithm.is_hmac() && looks_like_key_material(data) {
            assert!(
                SigningKey::from_secret(data, algorithm).is_err()
                    && VerifyingKey::from_secret(data, algorithm).is_err(),
                "key material accepted as an HMAC secret"
            );
            if !data.trim_ascii_start().starts_with(b"{") {
                assert!(signing.is_err(), "key material accepted as an HMAC secret");
            }
        }
    }
    let _ = Verifier::from_key_bytes(data, &ALGORITHMS, VerifierOptions::default());
    if data.len() >= 32 {
        let jwk = serde_json::json!({"kty": "OKP", "crv": "Ed25519", "x": URL_SAFE_NO_PAD.encode(&data[..32])});
        if let Ok(key) = VerifyingKey::from_jwk(jwk.to_string().as_bytes(), None) {
            let mut forged = [0u8; 64];
            forged[0] = 1;
            assert!(
                key.verify_signature(Algorithm::EdDSA, &data[32..], &forged).is_err(),
                "a small-order forgery verified"
            );
        }
    }
});
