//! RS/HS confusion (CVE-2022-29217 class): public key material in every form
//! a key file takes (tests/fixtures/key-forms) is never an HMAC secret, and
//! one key input never serves HMAC and public-key algorithms at once. The
//! forged tokens are signed by jsonwebtoken with the file's bytes as the
//! HMAC secret, as an attacker holding the public key would sign them.

use hcjwt::{
    ALGORITHMS, Algorithm, ErrorKind, SigningKey, Verifier, VerifierOptions, VerifyingKey,
    key_material_kind,
};

const NOW: i64 = 1_700_000_000;

fn forms() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/key-forms");
    let mut forms: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_name().is_some_and(|name| name != "README.md"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    forms.sort();
    assert_eq!(forms.len(), 27, "every form the generator writes");
    forms
}

fn forge(secret: &[u8], algorithm: jsonwebtoken::Algorithm) -> String {
    let claims = serde_json::json!({"iat": NOW, "exp": NOW + 300, "email": "attacker@example.com"});
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(algorithm),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(secret),
    )
    .unwrap()
}

#[test]
fn the_ed25519_and_p256_der_end_in_white_space() {
    for name in ["ed.spki.der", "p256.spki.der"] {
        let bytes = forms().into_iter().find(|(n, _)| n == name).unwrap().1;
        assert!(bytes.last().unwrap().is_ascii_whitespace(), "{name}");
    }
}

#[test]
fn every_form_is_key_material() {
    for (name, bytes) in forms() {
        assert!(key_material_kind(&bytes).is_some(), "{name}");
    }
}

#[test]
fn no_form_becomes_an_hmac_secret_anywhere() {
    for (name, bytes) in forms() {
        // A JWK or JWKS (behind a BOM, as UTF-16) is read by its kty, which
        // no HMAC algorithm fits; every other form is refused as a secret.
        let typed = name.ends_with("-bom.json") || name.ends_with("-utf16.json");
        for algorithm in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
            for error in [
                Verifier::from_key_bytes(&bytes, &[algorithm], VerifierOptions::default())
                    .map(drop)
                    .unwrap_err(),
                VerifyingKey::from_secret(&bytes, algorithm)
                    .map(drop)
                    .unwrap_err(),
                VerifyingKey::from_bytes(&bytes, Some(algorithm))
                    .map(drop)
                    .unwrap_err(),
                SigningKey::from_secret(&bytes, algorithm)
                    .map(drop)
                    .unwrap_err(),
                SigningKey::from_bytes(&bytes, Some(algorithm))
                    .map(drop)
                    .unwrap_err(),
            ] {
                assert_eq!(error.kind(), ErrorKind::InvalidKey, "{name} {algorithm}");
                let text = error.to_string();
                assert!(
                    typed || text.contains("RS/HS confusion"),
                    "{name} {algorithm}: {error}"
                );
            }
        }
    }
}

#[test]
fn mixed_algorithm_lists_are_refused_for_key_bytes() {
    for (name, bytes) in forms() {
        if name.ends_with("-bom.json") || name.ends_with("-utf16.json") {
            continue; // a JWK or JWKS types its keys by kty
        }
        for list in [
            &[Algorithm::EdDSA, Algorithm::HS256][..],
            &[Algorithm::HS256, Algorithm::ES256],
            &[Algorithm::RS256, Algorithm::HS512],
            &ALGORITHMS,
        ] {
            let error =
                Verifier::from_key_bytes(&bytes, list, VerifierOptions::default()).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidOption, "{name} {list:?}");
            assert!(error.to_string().contains("HMAC"), "{name}: {error}");
        }
    }
}

#[test]
fn a_token_forged_with_the_file_as_the_secret_never_verifies() {
    let lists: Vec<Vec<Algorithm>> = vec![
        vec![Algorithm::HS256],
        vec![Algorithm::HS384],
        vec![Algorithm::HS512],
        vec![Algorithm::EdDSA, Algorithm::HS256],
        vec![Algorithm::ES256, Algorithm::HS256],
        vec![Algorithm::RS256, Algorithm::HS256],
        vec![Algorithm::EdDSA],
        ALGORITHMS.to_vec(),
    ];
    for (name, bytes) in forms() {
        for (algorithm, forged_with) in [
            (Algorithm::HS256, jsonwebtoken::Algorithm::HS256),
            (Algorithm::HS384, jsonwebtoken::Algorithm::HS384),
            (Algorithm::HS512, jsonwebtoken::Algorithm::HS512),
        ] {
            let token = forge(&bytes, forged_with);
            for list in &lists {
                if let Ok(verifier) =
                    Verifier::from_key_bytes(&bytes, list, VerifierOptions::default())
                {
                    let error = verifier.verify_at(&token, NOW).unwrap_err();
                    assert_eq!(
                        error.kind(),
                        ErrorKind::AlgorithmNotAllowed,
                        "{name}: {algorithm} forged, {list:?} allowed"
                    );
                }
            }
        }
    }
}

#[test]
fn text_forms_of_a_key_load_as_that_key() {
    let by_name = |wanted: &str| forms().into_iter().find(|(n, _)| n == wanted).unwrap().1;
    let thumbprint = |bytes: &[u8]| {
        VerifyingKey::from_bytes(bytes, None)
            .unwrap()
            .public_jwk()
            .unwrap()
            .common
            .key_id
    };
    let expected = thumbprint(&by_name("ed.spki.pem"));
    for name in [
        "ed.spki.der",
        "ed.spki-utf16.pem",
        "ed.jwk-bom.json",
        "ed.pkcs8.der",
    ] {
        assert_eq!(thumbprint(&by_name(name)), expected, "{name}");
    }
    // The DER whose last byte is white space verifies its own tokens.
    let verifier = Verifier::from_key_bytes(
        &by_name("ed.spki.der"),
        &[Algorithm::EdDSA],
        VerifierOptions::default(),
    )
    .unwrap();
    assert_eq!(verifier.algorithms(), [Algorithm::EdDSA]);
}

#[test]
fn real_secrets_still_serve_hmac() {
    let secret = SigningKey::generate_pem(Algorithm::HS256).unwrap();
    assert_eq!(key_material_kind(secret.as_bytes()), None);
    let verifier = Verifier::from_key_bytes(
        secret.as_bytes(),
        &[Algorithm::HS256],
        VerifierOptions::default(),
    )
    .unwrap();
    let token = forge(secret.as_bytes(), jsonwebtoken::Algorithm::HS256);
    assert_eq!(
        verifier.verify_at(&token, NOW).unwrap()["email"],
        "attacker@example.com"
    );
    // Text that is no key material is a secret when no algorithm is named.
    let key = SigningKey::from_bytes(secret.as_bytes(), None).unwrap();
    assert_eq!(key.algorithm(), Algorithm::HS256);
}

#[test]
fn rsa_keys_one_bit_short_are_refused_at_load() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/keys");
    let pem = std::fs::read(format!("{dir}/rsa2047_public.pem")).unwrap();
    let der = pem::parse(&pem).unwrap().into_contents();
    let public = aws_lc_rs::rsa::PublicKey::from_der(&der).unwrap();
    let b64 = |bytes: &[u8]| {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    };
    let jwk = serde_json::json!({
        "kty": "RSA",
        "n": b64(public.modulus().big_endian_without_leading_zero()),
        "e": b64(public.exponent().big_endian_without_leading_zero()),
    });
    assert_eq!(
        public.modulus().big_endian_without_leading_zero().len(),
        256
    );
    let jwks = serde_json::json!({ "keys": [jwk] }).to_string();
    for (form, result) in [
        ("PEM", VerifyingKey::from_bytes(&pem, None).map(drop)),
        ("DER", VerifyingKey::from_bytes(&der, None).map(drop)),
        (
            "JWK",
            VerifyingKey::from_jwk(jwk.to_string().as_bytes(), None).map(drop),
        ),
        ("JWKS", VerifyingKey::from_jwks(jwks.as_bytes()).map(drop)),
    ] {
        let error = result.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidKey, "{form}");
        assert!(
            error
                .to_string()
                .contains("need at least 2048 bits, this one has 2047"),
            "{form}: {error}"
        );
    }
    let private = std::fs::read(format!("{dir}/rsa2047.pem")).unwrap();
    let error = SigningKey::from_bytes(&private, None)
        .map(drop)
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidKey);
    assert!(error.to_string().contains("RSA >= 2048 bits"), "{error}");
}
