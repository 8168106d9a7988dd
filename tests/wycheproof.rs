//! Project Wycheproof vectors (tests/fixtures/wycheproof): every valid and
//! invalid case through the verifier and the signing and verifying
//! primitives. The few cases hcjwt deliberately treats differently are listed
//! with the reason, and the tests assert that hcjwt does what the list says.

use hcjwt::jwk::Jwk;
use hcjwt::{Algorithm, ErrorKind, SigningKey, Verifier, VerifierOptions, VerifyingKey};
use serde_json::Value;

fn load(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/wycheproof/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).expect("fixture")).expect("JSON")
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

/// JWS cases where hcjwt is stricter than the vector, on purpose:
/// - 372, 373: a `?` inserted into the header or payload segment; the vector
///   expects decoders that skip it, hcjwt refuses any character outside
///   base64url (SECURITY.md: malformed compact form).
/// - 346, 350: RFC 7520 figure 20 is a PS384 token while the test's JWK says
///   `"alg": "PS256"`; hcjwt binds a JWK to its stated `alg`.
const STRICTER: [&str; 4] = ["346", "350", "372", "373"];

/// Cases the file labels invalid whose token is byte for byte the valid token
/// of tcId 357 (the padding they describe is not in the file): no verifier can
/// agree with both labels; hcjwt accepts them as it accepts 357.
const SAME_AS_VALID_357: [&str; 2] = ["367", "370"];

/// Algorithms hcjwt does not implement (P-521).
fn unsupported(group: &Value) -> bool {
    group["private"]["alg"] == "ES521" || group["private"]["crv"] == "P-521"
}

#[test]
fn json_web_signature_vectors() {
    let document = load("json_web_signature_test.json");
    let (mut agreed, mut stricter, mut skipped) = (0, 0, 0);
    for group in document["testGroups"].as_array().unwrap() {
        if unsupported(group) {
            skipped += group["tests"].as_array().unwrap().len();
            continue;
        }
        let jwk: Jwk = serde_json::from_value(group["private"].clone()).expect("JWK parses");
        let key = VerifyingKey::from_public_jwk(&jwk, None);
        let algorithms: Vec<Algorithm> = hcjwt::ALGORITHMS.to_vec();
        let verifier =
            key.and_then(|key| Verifier::with_key(key, &algorithms, VerifierOptions::default()));
        for test in group["tests"].as_array().unwrap() {
            let id = test["tcId"].to_string();
            let id = id.as_str();
            let expected_valid = test["result"] == "valid";
            let accepted = match (&verifier, &test["jws"]) {
                (Ok(verifier), Value::String(token)) => verifier.verify_jws(token).is_ok(),
                // JSON serialization is not compact JWS; a key unfit for
                // signatures (use enc, key_ops without verify) refuses to load.
                _ => false,
            };
            if SAME_AS_VALID_357.contains(&id) {
                assert!(
                    !expected_valid && accepted,
                    "tcId {id}: listed as identical to 357"
                );
                assert!(
                    test["jws"]
                        .as_str()
                        .unwrap()
                        .ends_with(".VGVzdA.c1LROH7eNQwUT8KMVEO52VC3WZ9e_AnDWbZ7aMmowV8")
                );
                stricter += 1;
            } else if STRICTER.contains(&id) {
                assert!(expected_valid && !accepted, "tcId {id}: listed as stricter");
                stricter += 1;
            } else {
                assert_eq!(accepted, expected_valid, "tcId {id} ({})", test["comment"]);
                agreed += 1;
            }
        }
    }
    assert_eq!(agreed + stricter + skipped, 401);
    assert_eq!(stricter, STRICTER.len() + SAME_AS_VALID_357.len());
    assert!(agreed >= 390, "agreed on {agreed}");
}

/// Runs a signature-verification file: every case through
/// `VerifyingKey::verify_signature`, the key from the group's JWK (or its
/// SubjectPublicKeyInfo when the point has no JWK form).
fn signature_file(name: &str, algorithm: Algorithm) {
    let document = load(name);
    let mut cases = 0;
    for group in document["testGroups"].as_array().unwrap() {
        let key = match serde_json::from_value::<Jwk>(group["publicKeyJwk"].clone()) {
            Ok(jwk) => VerifyingKey::from_public_jwk(&jwk, Some(algorithm)),
            Err(_) => VerifyingKey::from_der(
                &hex(group["publicKeyDer"].as_str().unwrap()),
                Some(algorithm),
            ),
        };
        let tests = group["tests"].as_array().unwrap();
        let Ok(key) = key else {
            // aws-lc refuses points that are not on the curve: every signature
            // of such a group must be invalid.
            assert!(
                tests.iter().all(|t| t["result"] == "invalid"),
                "{name}: a valid case with a refused key"
            );
            cases += tests.len() as u64;
            continue;
        };
        for test in tests {
            let (message, signature) = (
                hex(test["msg"].as_str().unwrap()),
                hex(test["sig"].as_str().unwrap()),
            );
            let verified = key
                .verify_signature(algorithm, &message, &signature)
                .is_ok();
            assert_eq!(
                verified,
                test["result"] == "valid",
                "{name} tcId {}",
                test["tcId"]
            );
            cases += 1;
        }
    }
    assert_eq!(cases, document["numberOfTests"].as_u64().unwrap());
}

#[test]
fn ecdsa_p256_p1363_vectors() {
    signature_file("ecdsa_secp256r1_sha256_p1363_test.json", Algorithm::ES256);
}

#[test]
fn ed25519_vectors() {
    signature_file("ed25519_test.json", Algorithm::EdDSA);
}

#[test]
fn rsa_2048_pkcs1_sha256_vectors() {
    let document = load("rsa_signature_2048_sha256_test.json");
    let mut cases = 0;
    for group in document["testGroups"].as_array().unwrap() {
        let jwk: Jwk = serde_json::from_value(group["keyJwk"].clone()).unwrap();
        let key = VerifyingKey::from_public_jwk(&jwk, Some(Algorithm::RS256)).expect("RSA key");
        let der = VerifyingKey::from_der(
            &hex(group["publicKeyDer"].as_str().unwrap()),
            Some(Algorithm::RS256),
        )
        .expect("DER key");
        assert_eq!(key.kid(), Some("none"));
        for test in group["tests"].as_array().unwrap() {
            let (message, signature) = (
                hex(test["msg"].as_str().unwrap()),
                hex(test["sig"].as_str().unwrap()),
            );
            let verified = key
                .verify_signature(Algorithm::RS256, &message, &signature)
                .is_ok();
            let expected = test["result"] == "valid";
            assert_eq!(verified, expected, "tcId {}", test["tcId"]);
            assert_eq!(
                der.verify_signature(Algorithm::RS256, &message, &signature)
                    .is_ok(),
                expected
            );
            cases += 1;
        }
    }
    assert_eq!(cases, document["numberOfTests"].as_u64().unwrap());
}

#[test]
fn hmac_sha256_vectors() {
    let document = load("hmac_sha256_test.json");
    let (mut signed, mut refused_short_keys) = (0, 0);
    for group in document["testGroups"].as_array().unwrap() {
        let key_bits = group["keySize"].as_u64().unwrap();
        let tag_bits = group["tagSize"].as_u64().unwrap();
        for test in group["tests"].as_array().unwrap() {
            let secret = hex(test["key"].as_str().unwrap());
            let key = SigningKey::from_secret(&secret, Algorithm::HS256);
            if key_bits < 256 {
                // JWS HS256 needs a secret of at least the hash's length.
                assert_eq!(key.unwrap_err().kind(), ErrorKind::InvalidKey);
                refused_short_keys += 1;
                continue;
            }
            if tag_bits != 256 {
                continue; // JWS never truncates the tag.
            }
            let tag = key
                .unwrap()
                .sign(&hex(test["msg"].as_str().unwrap()))
                .unwrap();
            let expected = hex(test["tag"].as_str().unwrap());
            assert_eq!(
                tag == expected,
                test["result"] == "valid",
                "tcId {}",
                test["tcId"]
            );
            let verifier = VerifyingKey::from_secret(&secret, Algorithm::HS256).unwrap();
            let verified = verifier
                .verify_signature(
                    Algorithm::HS256,
                    &hex(test["msg"].as_str().unwrap()),
                    &expected,
                )
                .is_ok();
            assert_eq!(verified, test["result"] == "valid", "tcId {}", test["tcId"]);
            signed += 1;
        }
    }
    assert!(signed >= 80, "{signed}");
    assert_eq!(refused_short_keys, 6);
}
