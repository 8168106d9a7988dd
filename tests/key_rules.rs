//! The key rules a hostile review asked for: small-order Ed25519 keys and
//! signatures, RSA verifying keys under 2048 bits, full-length EC
//! coordinates, private members in a published JWKS, HMAC secrets serving
//! several algorithms, kid matching, and key material never echoed in errors.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use hcjwt::{Algorithm, ErrorKind, SigningKey, Verifier, VerifierOptions, VerifyingKey};
use serde_json::{Value, json};

mod common;
use common::key_file;

const NOW: i64 = 1_700_000_000;

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// The encodings of the Ed25519 points of small order (libsodium's
/// blocklist), with the sign bit clear and set.
fn small_order_points() -> Vec<Vec<u8>> {
    let mut points = Vec::new();
    for base in [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ] {
        let point = hex(base);
        let mut negative = point.clone();
        negative[31] |= 0x80;
        points.push(point);
        points.push(negative);
    }
    points
}

fn claims() -> Value {
    json!({"exp": NOW + 300, "iat": NOW})
}

fn token(key: &SigningKey, header: Value) -> String {
    let signing_input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims().to_string().as_bytes())
    );
    let signature = key.sign(signing_input.as_bytes()).unwrap();
    format!("{signing_input}.{}", b64(&signature))
}

#[test]
fn small_order_ed25519_keys_are_refused_in_every_format() {
    // SubjectPublicKeyInfo of an Ed25519 key: 12 bytes of prefix, then the point.
    let spki_prefix = hex("302a300506032b6570032100");
    for point in small_order_points() {
        let jwk = json!({"kty": "OKP", "crv": "Ed25519", "x": b64(&point)}).to_string();
        let jwks =
            json!({"keys": [{"kty": "OKP", "crv": "Ed25519", "x": b64(&point)}]}).to_string();
        let der = [spki_prefix.clone(), point.clone()].concat();
        let pem = format!(
            "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n",
            STANDARD.encode(&der)
        );
        for (format, result) in [
            (
                "JWK",
                VerifyingKey::from_jwk(jwk.as_bytes(), None).map(drop),
            ),
            ("JWKS", VerifyingKey::from_jwks(jwks.as_bytes()).map(drop)),
            ("DER", VerifyingKey::from_der(&der, None).map(drop)),
            (
                "PEM",
                VerifyingKey::from_pem(pem.as_bytes(), None).map(drop),
            ),
            (
                "verifier",
                Verifier::from_key_bytes(
                    jwk.as_bytes(),
                    &[Algorithm::EdDSA],
                    VerifierOptions::default(),
                )
                .map(drop),
            ),
        ] {
            let error = result.expect_err(format);
            assert_eq!(error.kind(), ErrorKind::InvalidKey, "{format}");
            assert!(
                error.to_string().ends_with(
                    ": the Ed25519 public key is a point of small order, which verifies forged signatures"
                ),
                "{format}: {error}"
            );
        }
    }
}

#[test]
fn a_forged_ed25519_signature_with_a_small_order_r_is_refused() {
    let key = SigningKey::from_bytes(&key_file("ed25519.pem"), None).unwrap();
    let verifying = key.verifying_key().unwrap();
    let message = b"any payload";
    assert!(
        verifying
            .verify_signature(Algorithm::EdDSA, message, &key.sign(message).unwrap())
            .is_ok()
    );
    for r in small_order_points() {
        let forged = [r, vec![0u8; 32]].concat();
        assert_eq!(
            verifying
                .verify_signature(Algorithm::EdDSA, message, &forged)
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidSignature
        );
    }
}

#[test]
fn rsa_verifying_keys_under_2048_bits_are_refused_when_loaded() {
    let public = key_file("rsa1024_public.pem");
    let private = key_file("rsa1024.pem");
    for (what, result) in [
        (
            "public PEM",
            VerifyingKey::from_pem(&public, None).map(drop),
        ),
        (
            "private PEM",
            VerifyingKey::from_pem(&private, None).map(drop),
        ),
        (
            "verifier",
            Verifier::from_key_bytes(&public, &[Algorithm::RS256], VerifierOptions::default())
                .map(drop),
        ),
    ] {
        let error = result.expect_err(what);
        assert_eq!(error.kind(), ErrorKind::InvalidKey, "{what}");
        assert!(error.to_string().contains("2048"), "{what}: {error}");
    }
    // The same key as a JWK, n taken from the PEM.
    let der = pem::parse(&public).unwrap().into_contents();
    let rsa = aws_lc_rs::rsa::PublicKey::from_der(&der).unwrap();
    let jwk = json!({"kty": "RSA", "n": b64(rsa.modulus().big_endian_without_leading_zero()), "e": "AQAB"});
    let error = VerifyingKey::from_jwk(jwk.to_string().as_bytes(), None).unwrap_err();
    assert!(error.to_string().contains("1024"), "{error}");
}

#[test]
fn ec_jwk_coordinates_must_be_full_length() {
    let key = SigningKey::from_bytes(&key_file("p256.pem"), None).unwrap();
    let mut jwk = serde_json::to_value(key.public_jwk().unwrap()).unwrap();
    assert!(VerifyingKey::from_jwk(jwk.to_string().as_bytes(), None).is_ok());
    let x = URL_SAFE_NO_PAD.decode(jwk["x"].as_str().unwrap()).unwrap();
    jwk["x"] = json!(b64(&x[1..]));
    let error = VerifyingKey::from_jwk(jwk.to_string().as_bytes(), None).unwrap_err();
    assert!(
        error.to_string().contains("x must be 32 bytes"),
        "RFC 7518 6.2.1.2: {error}"
    );
}

#[test]
fn a_jwks_with_private_members_is_refused() {
    let private = std::fs::read_to_string(format!(
        "{}/tests/fixtures/rfc/rfc7515_a2_rsa_private.jwk.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let jwks = format!(r#"{{"keys": [{private}]}}"#);
    let error = VerifyingKey::from_jwks(jwks.as_bytes()).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidKey);
    assert!(error.to_string().contains("private member d"), "{error}");
    // One private JWK handed in as a key gives its public part.
    let key = VerifyingKey::from_jwk(private.as_bytes(), Some(Algorithm::RS256)).unwrap();
    assert!(key.public_jwk().is_some());
}

#[test]
fn an_oct_jwk_without_alg_serves_every_hs_algorithm_it_is_long_enough_for() {
    let secret = [7u8; 64];
    let jwk = json!({"kty": "oct", "k": b64(&secret)}).to_string();
    let all = [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512];
    let verifier =
        Verifier::from_key_bytes(jwk.as_bytes(), &all, VerifierOptions::default()).unwrap();
    for algorithm in all {
        let signer = SigningKey::from_secret(&secret, algorithm).unwrap();
        let token = token(&signer, json!({"alg": algorithm.name()}));
        verifier
            .verify_at(&token, NOW)
            .unwrap_or_else(|error| panic!("{algorithm}: {error}"));
    }
    let short = json!({"kty": "oct", "k": b64(&[7u8; 40])}).to_string();
    let error =
        Verifier::from_key_bytes(short.as_bytes(), &all, VerifierOptions::default()).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidKey);
    assert!(
        error
            .to_string()
            .contains("HS384 needs a secret of at least 48 bytes"),
        "{error}"
    );
}

#[test]
fn secrets_with_empty_and_mixed_algorithm_lists_get_the_right_error() {
    let secret = b"a-shared-secret-of-at-least-32-bytes!!";
    let error = Verifier::from_key_bytes(secret, &[], VerifierOptions::default()).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidOption);
    assert!(error.to_string().contains("algorithms"), "{error}");
    let error = Verifier::from_key_bytes(
        secret,
        &[Algorithm::HS256, Algorithm::HS512],
        VerifierOptions::default(),
    )
    .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("HS512 needs a secret of at least 64 bytes"),
        "{error}"
    );
    // One key input never serves HMAC and public-key algorithms at once:
    // the list is refused, naming both families.
    let error = Verifier::from_key_bytes(
        secret,
        &[Algorithm::HS256, Algorithm::RS256],
        VerifierOptions::default(),
    )
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidOption);
    assert_eq!(
        error.to_string(),
        "invalid option algorithms: mix HMAC (HS256) and public-key (RS256) algorithms for one key: a key serves one family, never both (a public key taken as an HMAC secret lets anyone forge tokens); make one verifier per family"
    );
}

#[test]
fn a_jwks_key_with_a_kid_must_be_named_and_a_token_without_kid_needs_one_candidate() {
    let a = SigningKey::from_bytes(&key_file("p256.pem"), None)
        .unwrap()
        .with_kid("a");
    let b = SigningKey::generate(Algorithm::ES256)
        .unwrap()
        .0
        .with_kid("b");
    let jwks = json!({"keys": [a.public_jwk().unwrap(), b.public_jwk().unwrap()]}).to_string();
    let verifier = Verifier::from_key_bytes(
        jwks.as_bytes(),
        &[Algorithm::ES256],
        VerifierOptions::default(),
    )
    .unwrap();
    assert!(
        verifier
            .verify_at(&token(&a, json!({"alg": "ES256", "kid": "a"})), NOW)
            .is_ok()
    );
    assert!(
        verifier
            .verify_at(&token(&b, json!({"alg": "ES256", "kid": "b"})), NOW)
            .is_ok()
    );
    // No kid, an unknown kid: no key fits. The other key's kid: its key
    // does not verify a's signature.
    for (header, expected) in [
        (json!({"alg": "ES256"}), ErrorKind::UnknownKid),
        (json!({"alg": "ES256", "kid": "c"}), ErrorKind::UnknownKid),
        (
            json!({"alg": "ES256", "kid": "b"}),
            ErrorKind::InvalidSignature,
        ),
    ] {
        let error = verifier
            .verify_at(&token(&a, header.clone()), NOW)
            .unwrap_err();
        assert_eq!(error.kind(), expected, "{header}: {error}");
    }
    // One key with a kid: a token without kid has exactly one candidate.
    let single = json!({"keys": [a.public_jwk().unwrap()]}).to_string();
    let verifier = Verifier::from_key_bytes(
        single.as_bytes(),
        &[Algorithm::ES256],
        VerifierOptions::default(),
    )
    .unwrap();
    verifier
        .verify_at(&token(&a, json!({"alg": "ES256"})), NOW)
        .unwrap();
    // Two keys published under one kid (a rotation listed twice): the token
    // verifies with whichever signed it.
    let twice = json!({"keys": [
        b.public_jwk().unwrap(),
        a.public_jwk().map(|mut jwk| { jwk.common.key_id = Some("b".into()); jwk }).unwrap(),
    ]})
    .to_string();
    let verifier = Verifier::from_key_bytes(
        twice.as_bytes(),
        &[Algorithm::ES256],
        VerifierOptions::default(),
    )
    .unwrap();
    for signer in [&a, &b] {
        verifier
            .verify_at(&token(signer, json!({"alg": "ES256", "kid": "b"})), NOW)
            .unwrap();
    }
}

#[test]
fn a_private_key_loaded_as_a_verifier_behaves_like_its_public_key() {
    let private = key_file("rsa2048.pem");
    let public = key_file("rsa2048_public.pem");
    let signer = SigningKey::from_bytes(&private, None).unwrap();
    for material in [&private, &public] {
        let verifier =
            Verifier::from_key_bytes(material, &[Algorithm::RS256], VerifierOptions::default())
                .unwrap();
        for header in [
            json!({"alg": "RS256"}),
            json!({"alg": "RS256", "kid": "whatever-the-issuer-calls-it"}),
        ] {
            verifier
                .verify_at(&token(&signer, header.clone()), NOW)
                .unwrap_or_else(|error| panic!("{header}: {error}"));
        }
        assert_eq!(
            VerifyingKey::from_bytes(material, None).unwrap().kid(),
            None
        );
    }
}

#[test]
fn key_material_never_appears_in_an_error() {
    let secret_value = "c3VwZXItc2VjcmV0LWtleS1tYXRlcmlhbA";
    for jwk in [
        format!(r#"{{"kty": "oct", "k": ["{secret_value}"]}}"#),
        format!(r#"{{"kty": "RSA", "n": "{secret_value}", "e": "AQAB", "d": 5}}"#),
        format!(
            r#"{{"kty": "EC", "crv": "P-256", "x": "{secret_value}", "y": 1, "d": "{secret_value}"}}"#
        ),
        format!(r#"{{"kty": "oct", "k": "{secret_value}" "#),
        format!(r#"{{"kty": "oct", "k": "{secret_value}!!"}}"#),
    ] {
        for error in [
            SigningKey::from_jwk(jwk.as_bytes(), None).unwrap_err(),
            VerifyingKey::from_jwk(jwk.as_bytes(), None).unwrap_err(),
            VerifyingKey::from_jwks(format!(r#"{{"keys": [{jwk}]}}"#).as_bytes()).unwrap_err(),
        ] {
            let text = format!("{error} {error:?}");
            assert!(!text.contains(secret_value), "{jwk}: {text}");
            assert!(!text.contains("c3VwZXI"), "{jwk}: {text}");
        }
    }
    let error = SigningKey::from_jwk(br#"{"kty": "RSA", "n": "AQAB", "e": "AQAB", "d": 5}"#, None)
        .unwrap_err();
    assert!(
        error.to_string().contains("member d must be a string"),
        "{error}"
    );
}
