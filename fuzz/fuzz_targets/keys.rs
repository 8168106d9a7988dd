//! Key parsing (PEM, DER, JWK, JWKS): Ok or a typed error, for every algorithm.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = hcjwt::SigningKey::from_bytes(data, None);
    let _ = hcjwt::VerifyingKey::from_bytes(data, None);
    let _ = hcjwt::VerifyingKey::from_jwks(data);
    for algorithm in hcjwt::ALGORITHMS {
        let _ = hcjwt::SigningKey::from_bytes(data, Some(algorithm));
    }
});
