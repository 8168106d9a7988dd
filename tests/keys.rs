//! Keys: every supported form loads and binds to one algorithm; every bad key
//! of SECURITY.md is refused with a reason; JWKS hold public members only;
//! keys never print.

use hcjwt::{Algorithm, ErrorKind, SigningKey, VerifyingKey};

mod common;
use common::key_file;

fn refused(result: hcjwt::Result<SigningKey>) -> String {
    match result {
        Err(error) => {
            assert_eq!(error.kind(), ErrorKind::InvalidKey, "{error}");
            error.to_string()
        }
        Ok(key) => panic!("expected a refusal, got {key:?}"),
    }
}

#[test]
fn the_algorithm_follows_the_key() {
    for (file, algorithm) in [
        ("rsa2048.pem", Algorithm::RS256),
        ("rsa2048_pkcs1.pem", Algorithm::RS256),
        ("rsa2048.der", Algorithm::RS256),
        ("p256.pem", Algorithm::ES256),
        ("p256_sec1.pem", Algorithm::ES256),
        ("p384.pem", Algorithm::ES384),
        ("ed25519.pem", Algorithm::EdDSA),
    ] {
        let key =
            SigningKey::from_bytes(&key_file(file), None).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(key.algorithm(), algorithm, "{file}");
        assert_eq!(
            key.kid().map(str::len),
            Some(43),
            "{file}: a SHA-256 thumbprint kid"
        );
    }
}

#[test]
fn an_rsa_key_signs_every_rsa_algorithm_it_is_bound_to() {
    for algorithm in [
        Algorithm::RS256,
        Algorithm::RS384,
        Algorithm::RS512,
        Algorithm::PS256,
        Algorithm::PS384,
        Algorithm::PS512,
    ] {
        let key = SigningKey::from_bytes(&key_file("rsa2048.pem"), Some(algorithm)).unwrap();
        assert_eq!(key.algorithm(), algorithm);
        assert_eq!(
            key.public_jwk()
                .unwrap()
                .common
                .key_algorithm
                .unwrap()
                .to_string(),
            algorithm.to_string()
        );
    }
}

#[test]
fn hmac_secrets_shorter_than_the_hash_are_refused() {
    for (secret, algorithm) in [
        (&b""[..], Algorithm::HS256),
        (b"secret", Algorithm::HS256),
        (&[7u8; 31], Algorithm::HS256),
        (&[7u8; 47], Algorithm::HS384),
        (&[7u8; 63], Algorithm::HS512),
    ] {
        let message = refused(SigningKey::from_secret(secret, algorithm));
        assert!(message.contains("at least"), "{message}");
    }
    assert!(SigningKey::from_secret(&[7u8; 32], Algorithm::HS256).is_ok());
    assert!(SigningKey::from_secret(&key_file("hs512.secret"), Algorithm::HS512).is_ok());
    assert!(
        SigningKey::from_secret(&[7u8; 64], Algorithm::RS256).is_err(),
        "a secret is not an RSA key"
    );
}

#[test]
fn small_rsa_keys_are_refused() {
    let message = refused(SigningKey::from_bytes(&key_file("rsa1024.pem"), None));
    assert!(message.contains("2048"), "{message}");
}

#[test]
fn public_keys_cannot_sign() {
    for file in [
        "rsa2048_public.pem",
        "rsa2048_public_pkcs1.pem",
        "p256_public.pem",
        "ed25519_public.pem",
    ] {
        let message = refused(SigningKey::from_bytes(&key_file(file), None));
        assert!(message.contains("public key"), "{file}: {message}");
    }
    let public_jwk = SigningKey::from_bytes(&key_file("p256.pem"), None)
        .unwrap()
        .public_jwk()
        .unwrap()
        .clone();
    let json = serde_json::to_vec(&public_jwk).unwrap();
    assert!(refused(SigningKey::from_jwk(&json, None)).contains("public key"));
}

#[test]
fn the_wrong_curve_or_family_for_the_algorithm_is_refused() {
    for (file, algorithm) in [
        ("p256.pem", Algorithm::ES384),
        ("p384.pem", Algorithm::ES256),
        ("p256.pem", Algorithm::RS256),
        ("rsa2048.pem", Algorithm::ES256),
        ("ed25519.pem", Algorithm::ES256),
        ("rsa2048.pem", Algorithm::EdDSA),
    ] {
        let message = refused(SigningKey::from_bytes(&key_file(file), Some(algorithm)));
        assert!(
            message.contains("can't sign"),
            "{file} {algorithm}: {message}"
        );
    }
    for file in ["p521.pem", "secp256k1.pem", "ed448.pem"] {
        refused(SigningKey::from_bytes(&key_file(file), None));
    }
}

#[test]
fn garbage_truncated_and_encrypted_pem_are_refused() {
    let pem = key_file("rsa2048.pem");
    let text = String::from_utf8(pem.clone()).unwrap();
    let truncated = &text[..text.len() / 2];
    assert!(!refused(SigningKey::from_bytes(truncated.as_bytes(), None)).is_empty());
    let corrupted = text.replacen("MII", "XXX", 1);
    assert!(!refused(SigningKey::from_bytes(corrupted.as_bytes(), None)).is_empty());
    assert!(
        refused(SigningKey::from_bytes(
            &key_file("p256_encrypted.pem"),
            None
        ))
        .contains("encrypted")
    );
    assert!(!refused(SigningKey::from_bytes(b"not a key at all", None)).is_empty());
    assert!(!refused(SigningKey::from_bytes(&[0x30, 0x82, 0xff], None)).is_empty());
    assert!(!refused(SigningKey::from_bytes(b"{\"kty\":\"RSA\"", None)).is_empty());
    assert!(refused(SigningKey::from_bytes(b"{\"kty\":\"none\"}", None)).contains("kty"));
    let label = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n";
    assert!(refused(SigningKey::from_bytes(label.as_bytes(), None)).contains("label"));
}

#[test]
fn none_is_not_an_algorithm() {
    for name in ["none", "None", "NONE", "", "HS1", "ES512", "rs256"] {
        assert_eq!(
            hcjwt::parse_algorithm(name).unwrap_err().kind(),
            ErrorKind::UnsupportedAlgorithm,
            "{name}"
        );
    }
}

#[test]
fn jwks_hold_public_members_only() {
    for file in ["rsa2048.pem", "p256.pem", "p384.pem", "ed25519.pem"] {
        let key = SigningKey::from_bytes(&key_file(file), None).unwrap();
        let jwks = serde_json::to_value(key.jwks()).unwrap();
        let jwk = jwks["keys"][0].as_object().unwrap();
        for private in ["d", "p", "q", "dp", "dq", "qi", "k"] {
            assert!(!jwk.contains_key(private), "{file} leaks {private}");
        }
        assert_eq!(jwk["kid"], key.kid().unwrap());
        assert_eq!(jwk["use"], "sig");
        // The published key verifies what the private key signs.
        let public =
            VerifyingKey::from_bytes(jwks["keys"][0].to_string().as_bytes(), None).unwrap();
        let signature = key.sign(b"message").unwrap();
        public
            .verify_signature(key.algorithm(), b"message", &signature)
            .unwrap();
    }
    let secret = SigningKey::from_secret(&[1u8; 32], Algorithm::HS256).unwrap();
    assert!(secret.jwks().keys.is_empty(), "a secret is never published");
}

#[test]
fn public_pem_and_private_pem_give_the_same_kid() {
    for (private, public) in [
        ("rsa2048.pem", "rsa2048_public.pem"),
        ("p256.pem", "p256_public.pem"),
        ("ed25519.pem", "ed25519_public.pem"),
        ("rsa2048_pkcs1.pem", "rsa2048_public_pkcs1.pem"),
    ] {
        let signing = SigningKey::from_bytes(&key_file(private), None).unwrap();
        let verifying = VerifyingKey::from_bytes(&key_file(public), None).unwrap();
        let published = verifying.public_jwk().unwrap().common.key_id;
        assert_eq!(signing.kid(), published.as_deref(), "{public}");
        assert_eq!(verifying.kid(), None, "a bare public key matches any kid");
    }
}

#[test]
fn keys_never_print_their_secret() {
    let secret = b"0123456789abcdef0123456789abcdef-secret";
    let key = SigningKey::from_secret(secret, Algorithm::HS256).unwrap();
    let printed = format!("{key:?} {:?}", key.verifying_key().unwrap());
    assert!(printed.contains("[redacted]"));
    assert!(!printed.contains("0123456789abcdef"));
    let rsa = SigningKey::from_bytes(&key_file("rsa2048.pem"), None).unwrap();
    assert!(format!("{rsa:?}").contains("[redacted]"));
}

#[test]
fn generated_keys_round_trip() {
    for algorithm in [
        Algorithm::HS384,
        Algorithm::ES256,
        Algorithm::ES384,
        Algorithm::EdDSA,
    ] {
        let text = SigningKey::generate_pem(algorithm).unwrap();
        let key = SigningKey::from_bytes(text.as_bytes(), Some(algorithm)).unwrap();
        assert_eq!(key.algorithm(), algorithm);
    }
}

#[test]
fn private_jwks_of_every_type_load() {
    let rsa = SigningKey::from_jwk(
        include_bytes!("fixtures/rfc/rfc7515_a2_rsa_private.jwk.json"),
        Some(Algorithm::PS256),
    )
    .unwrap();
    assert_eq!(rsa.algorithm(), Algorithm::PS256);
    let mismatch = br#"{"kty":"oct","alg":"HS512","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}"#;
    assert!(refused(SigningKey::from_jwk(mismatch, Some(Algorithm::HS256))).contains("disagrees"));
    let inconsistent = br#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"AAAAnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}"#;
    refused(SigningKey::from_jwk(inconsistent, None));
}
