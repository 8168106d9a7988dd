//! Token generation: hcjwt's mint against `jsonwebtoken::encode` of the
//! identical header and payload with the same key, and against the floor (a
//! prepared aws-lc key signing the same input, plus base64url of the payload),
//! per algorithm in one run; verification; the stages of one mint;
//! throughput on 1 and 2 threads; and batches on 1 and 2 threads.

use std::hint::black_box;
use std::time::{Duration, Instant};

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{self, EcdsaKeyPair, Ed25519KeyPair, RsaKeyPair};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use criterion::{Criterion, criterion_group, criterion_main};
use hcjwt::{
    Algorithm, ClaimInput, ClaimSet, FieldCatalog, Minter, MinterOptions, SigningKey, User,
    Verifier, VerifierOptions,
};

const NOW: i64 = 1_700_000_000;

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect(path)
}

/// The typical payload: help_center profile, the spec's two custom claims
/// plus three more, a user with five typed user_fields checked by a catalog.
fn options() -> MinterOptions {
    let mut claims = ClaimSet::from_json(&read("examples/claims.json")).unwrap();
    for (identifier, value) in [
        ("plan", "enterprise"),
        ("region", "eu-west-1"),
        ("tier", "gold"),
    ] {
        claims.create(ClaimInput::new(identifier, value)).unwrap();
    }
    MinterOptions::help_center(
        Some(claims),
        Some(FieldCatalog::from_json(&read("examples/fields.json")).unwrap()),
    )
}

fn user() -> User<'static> {
    User::from_json(&read("examples/user.json"))
        .unwrap()
        .into_owned()
}

/// The prepared aws-lc key of the floor.
enum Floor {
    Hmac(Box<aws_lc_rs::hmac::Key>),
    Rsa(RsaKeyPair),
    Ec(EcdsaKeyPair),
    Ed(Ed25519KeyPair),
}

impl Floor {
    fn sign(&self, message: &[u8], out: &mut String) {
        let rng = SystemRandom::new();
        match self {
            Floor::Hmac(key) => {
                URL_SAFE_NO_PAD.encode_string(aws_lc_rs::hmac::sign(key, message), out)
            }
            Floor::Rsa(pair) => {
                let mut signature = [0u8; 512];
                let signature = &mut signature[..pair.public_modulus_len()];
                pair.sign(&signature::RSA_PKCS1_SHA256, &rng, message, signature)
                    .unwrap();
                URL_SAFE_NO_PAD.encode_string(&*signature, out);
            }
            Floor::Ec(pair) => {
                URL_SAFE_NO_PAD.encode_string(pair.sign(&rng, message).unwrap(), out)
            }
            Floor::Ed(pair) => URL_SAFE_NO_PAD.encode_string(pair.sign(message), out),
        }
    }
}

struct Case {
    algorithm: Algorithm,
    signing: Vec<u8>,
    verifying: Vec<u8>,
    floor: Floor,
    encoding_key: jsonwebtoken::EncodingKey,
}

fn pem_der(path: &str) -> Vec<u8> {
    pem::parse(read(path)).unwrap().contents().to_vec()
}

fn cases() -> Vec<Case> {
    let secret = b"a-shared-secret-of-at-least-32-bytes!!".to_vec();
    vec![
        Case {
            algorithm: Algorithm::HS256,
            signing: secret.clone(),
            verifying: secret.clone(),
            floor: Floor::Hmac(Box::new(aws_lc_rs::hmac::Key::new(
                aws_lc_rs::hmac::HMAC_SHA256,
                &secret,
            ))),
            encoding_key: jsonwebtoken::EncodingKey::from_secret(&secret),
        },
        Case {
            algorithm: Algorithm::RS256,
            signing: read("tests/fixtures/keys/rsa2048.pem"),
            verifying: read("tests/fixtures/keys/rsa2048_public.pem"),
            floor: Floor::Rsa(
                RsaKeyPair::from_pkcs8(&pem_der("tests/fixtures/keys/rsa2048.pem")).unwrap(),
            ),
            encoding_key: jsonwebtoken::EncodingKey::from_rsa_der(&pem_der(
                "tests/fixtures/keys/rsa2048_pkcs1.pem",
            )),
        },
        Case {
            algorithm: Algorithm::ES256,
            signing: read("tests/fixtures/keys/p256.pem"),
            verifying: read("tests/fixtures/keys/p256_public.pem"),
            floor: Floor::Ec(
                EcdsaKeyPair::from_pkcs8(
                    &signature::ECDSA_P256_SHA256_FIXED_SIGNING,
                    &pem_der("tests/fixtures/keys/p256.pem"),
                )
                .unwrap(),
            ),
            encoding_key: jsonwebtoken::EncodingKey::from_ec_der(&pem_der(
                "tests/fixtures/keys/p256.pem",
            )),
        },
        Case {
            algorithm: Algorithm::EdDSA,
            signing: read("tests/fixtures/keys/ed25519.pem"),
            verifying: read("tests/fixtures/keys/ed25519_public.pem"),
            floor: Floor::Ed(
                Ed25519KeyPair::from_pkcs8_maybe_unchecked(&pem_der(
                    "tests/fixtures/keys/ed25519.pem",
                ))
                .unwrap(),
            ),
            encoding_key: jsonwebtoken::EncodingKey::from_ed_der(&pem_der(
                "tests/fixtures/keys/ed25519.pem",
            )),
        },
    ]
}

fn minter(case: &Case) -> Minter {
    let key = SigningKey::from_bytes(&case.signing, Some(case.algorithm)).unwrap();
    Minter::new(key, options()).unwrap()
}

fn mint(c: &mut Criterion) {
    let user = user();
    for case in cases() {
        let minter = minter(&case);
        let payload = minter.payload(&user, NOW).unwrap();
        // jsonwebtoken serializes its claims on every call, as hcjwt does.
        let raw: serde_json::Value = serde_json::from_slice(&payload).unwrap();
        let mut header = jsonwebtoken::Header::new(case.algorithm.into());
        header.kid = minter.kid().map(str::to_owned);
        let header_b64 = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&header).unwrap());
        // The peer signs the same bytes: the header segments are identical.
        let peer = jsonwebtoken::encode(&header, &raw, &case.encoding_key).unwrap();
        let ours = minter.mint_at(&user, NOW).unwrap();
        assert_eq!(peer.split('.').next(), ours.split('.').next());

        let mut group = c.benchmark_group(format!("mint/{}", case.algorithm));
        group.bench_function("hcjwt", |b| {
            b.iter(|| minter.mint_at(black_box(&user), NOW).unwrap())
        });
        group.bench_function("jsonwebtoken_encode", |b| {
            b.iter(|| {
                jsonwebtoken::encode(black_box(&header), black_box(&raw), &case.encoding_key)
                    .unwrap()
            })
        });
        group.bench_function("floor", |b| {
            b.iter(|| {
                let mut token = String::with_capacity(1024);
                token.push_str(&header_b64);
                token.push('.');
                URL_SAFE_NO_PAD.encode_string(black_box(&payload), &mut token);
                let signature_input_len = token.len();
                let mut signature = String::with_capacity(512);
                case.floor
                    .sign(&token.as_bytes()[..signature_input_len], &mut signature);
                token.push('.');
                token.push_str(&signature);
                token
            })
        });
        group.finish();
    }
}

fn verify(c: &mut Criterion) {
    let user = user();
    let mut group = c.benchmark_group("verify");
    for case in cases() {
        let token = minter(&case).mint_at(&user, NOW).unwrap();
        let key = hcjwt::VerifyingKey::from_bytes(&case.verifying, Some(case.algorithm)).unwrap();
        let verifier =
            Verifier::with_key(key, &[case.algorithm], VerifierOptions::default()).unwrap();
        group.bench_function(case.algorithm.to_string(), |b| {
            b.iter(|| verifier.verify_at(black_box(&token), NOW + 1).unwrap())
        });
        // The payload as signed, without a map (what C and Python take).
        group.bench_function(format!("{}_payload_text", case.algorithm), |b| {
            b.iter(|| verifier.verify_json_at(black_box(&token), NOW + 1).unwrap())
        });
        #[cfg(feature = "remote")]
        if case.algorithm == Algorithm::RS256 {
            // The same key published by a JWKS server on 127.0.0.1, cached
            // after the first verify: must cost what a local key costs.
            let remote = remote_verifier(&case);
            remote.verify_at(&token, NOW + 1).unwrap();
            group.bench_function("RS256_remote_cached", |b| {
                b.iter(|| remote.verify_at(black_box(&token), NOW + 1).unwrap())
            });
        }
    }
    group.finish();
}

/// A verifier of `case`'s public key served as a JWKS on 127.0.0.1.
#[cfg(feature = "remote")]
fn remote_verifier(case: &Case) -> Verifier {
    let key = hcjwt::VerifyingKey::from_bytes(&case.verifying, Some(case.algorithm)).unwrap();
    let jwks = format!(
        r#"{{"keys": [{}]}}"#,
        serde_json::to_string(&key.public_jwk().unwrap()).unwrap()
    );
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let url = format!("http://{}/keys.json", server.server_addr());
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let _ = request.respond(tiny_http::Response::from_string(jwks.clone()));
        }
    });
    Verifier::from_jwks_url(
        &url,
        &[case.algorithm],
        VerifierOptions::default(),
        hcjwt::remote::RemoteJwksOptions::default(),
    )
    .unwrap()
}

fn stages(c: &mut Criterion) {
    let user = user();
    let case = &cases()[0];
    let minter = minter(case);
    let catalog = FieldCatalog::from_json(&read("examples/fields.json")).unwrap();
    let values = user.get(hcjwt::Member::UserFields).cloned().unwrap();
    let payload = minter.payload(&user, NOW).unwrap();
    let key = SigningKey::from_bytes(&case.signing, Some(case.algorithm)).unwrap();
    let signing_input = format!(
        "{}.{}",
        "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9",
        URL_SAFE_NO_PAD.encode(&payload)
    );
    let mut group = c.benchmark_group("stages/HS256");
    group.bench_function("validate_values", |b| {
        b.iter(|| catalog.validate(black_box(&values)).unwrap())
    });
    group.bench_function("serialize_payload", |b| {
        b.iter(|| minter.payload(black_box(&user), NOW).unwrap())
    });
    group.bench_function("base64url_payload", |b| {
        b.iter(|| URL_SAFE_NO_PAD.encode(black_box(&payload)))
    });
    group.bench_function("sign", |b| {
        b.iter(|| key.sign(black_box(signing_input.as_bytes())).unwrap())
    });
    // The stages of a verify besides the signature: base64url of the
    // payload segment, and reading the payload into the returned map.
    let segment = URL_SAFE_NO_PAD.encode(&payload);
    group.bench_function("verify_decode_payload", |b| {
        b.iter(|| URL_SAFE_NO_PAD.decode(black_box(&segment)).unwrap())
    });
    group.bench_function("verify_payload_map", |b| {
        b.iter(|| hcjwt::parse_strict(black_box(&payload), "token payload").unwrap())
    });
    group.bench_function("parse_user_json", |b| {
        let json = read_user_json();
        b.iter(|| User::from_json(black_box(&json)).unwrap())
    });
    // What a mint would pay for its jti without hcjwt's pool: one OS
    // randomness call per token (the pool makes one per 256 tokens).
    group.bench_function("jti_getrandom_per_token", |b| {
        b.iter(|| {
            let mut jti = [0u8; 16];
            getrandom::fill(black_box(&mut jti)).unwrap();
            jti
        })
    });
    group.finish();
}

fn read_user_json() -> Vec<u8> {
    static USER: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    USER.get_or_init(|| read("examples/user.json")).clone()
}

/// Time per token when `threads` threads share one minter.
fn per_token(minter: &Minter, user: &User, threads: usize, tokens: u64) -> Duration {
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                for _ in 0..tokens / threads as u64 {
                    black_box(minter.mint_at(user, NOW).unwrap());
                }
            });
        }
    });
    started.elapsed()
}

fn throughput(c: &mut Criterion) {
    let user = user();
    let mut group = c.benchmark_group("throughput");
    for case in cases()
        .into_iter()
        .filter(|case| matches!(case.algorithm, Algorithm::HS256 | Algorithm::ES256))
    {
        let minter = minter(&case);
        for threads in [1, 2] {
            group.bench_function(format!("{}/{threads}_threads", case.algorithm), |b| {
                b.iter_custom(|iters| per_token(&minter, &user, threads, iters.max(threads as u64)))
            });
        }
    }
    group.finish();
}

/// `mint_many` of a 64-user RS256 batch on 1 and 2 threads: a batch uses
/// the cores.
fn batch(c: &mut Criterion) {
    let users: Vec<User> = (0..64).map(|_| user()).collect();
    let case = cases()
        .into_iter()
        .find(|case| case.algorithm == Algorithm::RS256)
        .unwrap();
    let minter = minter(&case);
    let mut group = c.benchmark_group("batch/RS256_64_users");
    for threads in [1, 2] {
        group.bench_function(format!("{threads}_threads"), |b| {
            b.iter(|| {
                minter
                    .mint_many_on(black_box(&users), NOW, threads)
                    .unwrap()
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(40).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    targets = mint, verify, stages, throughput, batch
}
criterion_main!(benches);
