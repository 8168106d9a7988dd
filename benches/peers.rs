//! The Rust side of benches/compare.py: times hcjwt's mint and
//! `jsonwebtoken::encode` of the identical payload per algorithm and prints
//! one JSON object of nanoseconds per token. Usage:
//! `cargo bench --bench peers -- ITERATIONS`

use std::hint::black_box;
use std::time::Instant;

use hcjwt::{Algorithm, ClaimSet, FieldCatalog, Minter, MinterOptions, SigningKey, User};

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect(path)
}

fn der(path: &str) -> Vec<u8> {
    pem::parse(read(path)).unwrap().contents().to_vec()
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
        ),
        (
            Algorithm::RS256,
            read("tests/fixtures/keys/rsa2048.pem"),
            jsonwebtoken::EncodingKey::from_rsa_der(&der("tests/fixtures/keys/rsa2048_pkcs1.pem")),
        ),
        (
            Algorithm::ES256,
            read("tests/fixtures/keys/p256.pem"),
            jsonwebtoken::EncodingKey::from_ec_der(&der("tests/fixtures/keys/p256.pem")),
        ),
        (
            Algorithm::EdDSA,
            read("tests/fixtures/keys/ed25519.pem"),
            jsonwebtoken::EncodingKey::from_ed_der(&der("tests/fixtures/keys/ed25519.pem")),
        ),
    ];
    let mut results = serde_json::Map::new();
    for (algorithm, key, encoding_key) in cases {
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
    }
    println!("{}", serde_json::Value::Object(results));
}
