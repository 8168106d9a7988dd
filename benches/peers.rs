//! The Rust side of benches/compare.py: times hcjwt's mint against
//! `jsonwebtoken::encode` of the identical payload, and hcjwt's verify
//! against `jsonwebtoken::decode` of the same token (signature, `exp`, the
//! payload returned as JSON), and typed: `Verifier::verify_as::<Claims>`
//! against `jsonwebtoken::decode::<Claims>` into the same struct, per
//! algorithm; with the HS256 floors (the signature and base64url alone for
//! a mint; base64url, the HMAC check and `serde_json::from_slice::<Claims>`
//! for a typed verify). Prints one JSON object of nanoseconds per token.
//! Usage: `cargo bench --bench peers -- ITERATIONS`

#[path = "support/typed.rs"]
mod typed;

use std::hint::black_box;

use std::time::Instant;
use typed::{Claims, floor_verify};

use hcjwt::{
    Algorithm, ClaimSet, FieldCatalog, Minter, MinterOptions, SigningKey, User, Verifier,
    VerifierOptions, VerifyingKey,
};

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect(path)
}

fn der(path: &str) -> Vec<u8> {
    pem::parse(read(path)).unwrap().contents().to_vec()
}

/// jsonwebtoken's key for a public key file, through its JWK (jsonwebtoken
/// reads PEM only with a feature this workspace leaves off).
fn decoding_key(path: &str) -> jsonwebtoken::DecodingKey {
    let jwk = VerifyingKey::from_bytes(&read(path), None)
        .unwrap()
        .public_jwk()
        .unwrap();
    jsonwebtoken::DecodingKey::from_jwk(&jwk).unwrap()
}

fn time(iterations: u64, mut body: impl FnMut()) -> f64 {
    for _ in 0..iterations.div_ceil(10) {
        body();
    }
    let started = Instant::now();
    for _ in 0..iterations {
        body();
    }
    started.elapsed().as_nanos() as f64 / iterations as f64
}

/// The least an HS256 mint can do: base64url of the payload, the HMAC of
/// the signing input and its base64url.
fn floor_mint(key: &aws_lc_rs::hmac::Key, header_b64: &str, payload: &[u8]) -> String {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut token = String::with_capacity(512);
    token.push_str(header_b64);
    token.push('.');
    b64.encode_string(payload, &mut token);
    let tag = aws_lc_rs::hmac::sign(key, token.as_bytes());
    token.push('.');
    b64.encode_string(tag.as_ref(), &mut token);
    token
}

fn main() {
    let iterations: u64 = std::env::args()
        .skip(1)
        .find(|arg| !arg.starts_with('-'))
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(2000);
    let claims = ClaimSet::from_json(&read("benches/peers/claims5.json")).unwrap();
    let fields = FieldCatalog::from_json(&read("examples/fields.json")).unwrap();
    let json = read("examples/user.json");
    let user = User::from_json(&json).unwrap();
    let secret = b"a-shared-secret-of-at-least-32-bytes!!".to_vec();
    let cases = [
        (
            Algorithm::HS256,
            secret.clone(),
            jsonwebtoken::EncodingKey::from_secret(&secret),
            secret.clone(),
            jsonwebtoken::DecodingKey::from_secret(&secret),
        ),
        (
            Algorithm::RS256,
            read("tests/fixtures/keys/rsa2048.pem"),
            jsonwebtoken::EncodingKey::from_rsa_der(&der("tests/fixtures/keys/rsa2048_pkcs1.pem")),
            read("tests/fixtures/keys/rsa2048_public.pem"),
            decoding_key("tests/fixtures/keys/rsa2048_public.pem"),
        ),
        (
            Algorithm::ES256,
            read("tests/fixtures/keys/p256.pem"),
            jsonwebtoken::EncodingKey::from_ec_der(&der("tests/fixtures/keys/p256.pem")),
            read("tests/fixtures/keys/p256_public.pem"),
            decoding_key("tests/fixtures/keys/p256_public.pem"),
        ),
        (
            Algorithm::EdDSA,
            read("tests/fixtures/keys/ed25519.pem"),
            jsonwebtoken::EncodingKey::from_ed_der(&der("tests/fixtures/keys/ed25519.pem")),
            read("tests/fixtures/keys/ed25519_public.pem"),
            decoding_key("tests/fixtures/keys/ed25519_public.pem"),
        ),
    ];
    let mut results = serde_json::Map::new();
    for (algorithm, key, encoding_key, public, decoding_key) in cases {
        let options = MinterOptions::help_center(Some(claims.clone()), Some(fields.clone()));
        let minter = Minter::new(
            SigningKey::from_bytes(&key, Some(algorithm)).unwrap(),
            options,
        )
        .unwrap();
        let payload = String::from_utf8(minter.payload(&user, 1_700_000_000).unwrap()).unwrap();
        // jsonwebtoken serializes its claims on every call, as hcjwt does.
        let raw: serde_json::Value = serde_json::from_str(&payload).unwrap();
        let mut header = jsonwebtoken::Header::new(algorithm.into());
        header.kid = minter.kid().map(str::to_owned);
        // RSA signing is ~100x slower than HMAC: fewer rounds keep it short.
        let n = if algorithm == Algorithm::RS256 {
            iterations.div_ceil(20)
        } else {
            iterations
        };
        let ours = time(n, || {
            drop(black_box(
                minter.mint_at(black_box(&user), 1_700_000_000).unwrap(),
            ))
        });
        let peer = time(n, || {
            drop(black_box(
                jsonwebtoken::encode(&header, &raw, &encoding_key).unwrap(),
            ))
        });
        results.insert(format!("rust/hcjwt/{algorithm}"), ours.into());
        results.insert(format!("rust/jsonwebtoken/{algorithm}"), peer.into());

        // Verify the same token: both check the signature and `exp` (at the
        // token's own time for hcjwt; jsonwebtoken reads the clock, so the
        // token gets a far `exp` for both) and return the payload as JSON.
        let token = minter.mint(&user).unwrap();
        let verifier = Verifier::with_key(
            VerifyingKey::from_bytes(&public, Some(algorithm)).unwrap(),
            &[algorithm],
            VerifierOptions::default(),
        )
        .unwrap();
        let mut validation = jsonwebtoken::Validation::new(algorithm.into());
        validation.validate_aud = false;
        validation.required_spec_claims = ["exp".to_owned()].into();
        verifier.verify(&token).unwrap();
        jsonwebtoken::decode::<serde_json::Value>(&token, &decoding_key, &validation).unwrap();
        let ours = time(n, || {
            drop(black_box(verifier.verify(black_box(&token)).unwrap()))
        });
        let peer = time(n, || {
            drop(black_box(
                jsonwebtoken::decode::<serde_json::Value>(
                    black_box(&token),
                    &decoding_key,
                    &validation,
                )
                .unwrap(),
            ))
        });
        results.insert(format!("rust/hcjwt/verify/{algorithm}"), ours.into());
        results.insert(format!("rust/jsonwebtoken/verify/{algorithm}"), peer.into());

        // Typed: the same token into the same struct.
        verifier.verify_as::<Claims>(&token).unwrap();
        let ours = time(n, || {
            drop(black_box(
                verifier.verify_as::<Claims>(black_box(&token)).unwrap(),
            ))
        });
        let peer = time(n, || {
            drop(black_box(
                jsonwebtoken::decode::<Claims>(black_box(&token), &decoding_key, &validation)
                    .unwrap(),
            ))
        });
        results.insert(format!("rust/hcjwt/verify_typed/{algorithm}"), ours.into());
        results.insert(
            format!("rust/jsonwebtoken/verify_typed/{algorithm}"),
            peer.into(),
        );
        if algorithm == Algorithm::HS256 {
            let hmac = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, &secret);
            let header_b64 = token.split('.').next().unwrap().to_owned();
            let verify_floor = time(n, || {
                drop(black_box(floor_verify(&hmac, black_box(&token))))
            });
            let mint_floor = time(n, || {
                drop(black_box(floor_mint(
                    &hmac,
                    &header_b64,
                    black_box(payload.as_bytes()),
                )))
            });
            results.insert("rust/floor/verify_typed/HS256".into(), verify_floor.into());
            results.insert("rust/floor/HS256".into(), mint_floor.into());
        }
    }
    println!("{}", serde_json::Value::Object(results));
}
