//! verify(arbitrary bytes) against fixed keys and a JWKS: Ok or a typed error.
#![no_main]

use std::sync::OnceLock;

use hcjwt::{Algorithm, SigningKey, Verifier, VerifierOptions, VerifyingKey};
use libfuzzer_sys::fuzz_target;

fn verifiers() -> &'static [Verifier; 2] {
    static VERIFIERS: OnceLock<[Verifier; 2]> = OnceLock::new();
    VERIFIERS.get_or_init(|| {
        let secret = SigningKey::from_secret(&[7u8; 32], Algorithm::HS256).unwrap();
        let hmac = Verifier::with_key(secret.verifying_key().unwrap(), &[Algorithm::HS256], VerifierOptions::default()).unwrap();
        let ec = SigningKey::from_bytes(include_bytes!("../../tests/fixtures/keys/p256.pem"), None).unwrap();
        let ed = SigningKey::from_bytes(include_bytes!("../../tests/fixtures/keys/ed25519.pem"), None).unwrap();
        let jwks = serde_json::json!({"keys": [ec.public_jwk(), ed.public_jwk()]}).to_string();
        let keys = VerifyingKey::from_jwks(jwks.as_bytes()).unwrap();
        let set = Verifier::new(keys, &[Algorithm::ES256, Algorithm::EdDSA], VerifierOptions::default()).unwrap();
        [hmac, set]
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(token) = std::str::from_utf8(data) else { return };
    for verifier in verifiers() {
        let _ = verifier.verify_at(token, 1_700_000_000);
        let _ = verifier.verify_jws(token);
    }
});
