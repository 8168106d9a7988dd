//! The verifier against every class of SECURITY.md's "Verifying" section.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hcjwt::{Algorithm, ErrorKind, SigningKey, Verifier, VerifierOptions, VerifyingKey};
use serde_json::{Value, json};

mod common;
use common::key_file;

const NOW: i64 = 1_700_000_000;

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Signs any header and payload with `key`, as an attacker or a peer would.
fn forge(key: &SigningKey, header: &Value, payload: &Value) -> String {
    forge_raw(
        key,
        header.to_string().as_bytes(),
        payload.to_string().as_bytes(),
    )
}

fn forge_raw(key: &SigningKey, header: &[u8], payload: &[u8]) -> String {
    let input = format!("{}.{}", b64(header), b64(payload));
    let signature = key.sign(input.as_bytes()).unwrap();
    format!("{input}.{}", b64(&signature))
}

fn claims() -> Value {
    json!({"iat": NOW, "exp": NOW + 300, "email": "a@example.com"})
}

fn hs_key() -> SigningKey {
    SigningKey::from_secret(&[42u8; 32], Algorithm::HS256).unwrap()
}

fn verifier_for(key: &SigningKey, options: VerifierOptions) -> Verifier {
    Verifier::with_key(key.verifying_key().unwrap(), &[key.algorithm()], options).unwrap()
}

fn kind(verifier: &Verifier, token: &str) -> ErrorKind {
    verifier
        .verify_at(token, NOW)
        .expect_err("token must be refused")
        .kind()
}

#[test]
fn a_good_token_verifies() {
    let key = hs_key();
    let token = forge(&key, &json!({"typ": "JWT", "alg": "HS256"}), &claims());
    let payload = verifier_for(&key, VerifierOptions::default())
        .verify_at(&token, NOW)
        .unwrap();
    assert_eq!(payload["email"], "a@example.com");
}

#[test]
fn alg_none_in_any_case_is_refused() {
    let key = hs_key();
    let verifier = verifier_for(&key, VerifierOptions::default());
    for alg in ["none", "None", "NONE", "nOnE"] {
        let header = b64(json!({"alg": alg}).to_string().as_bytes());
        let payload = b64(claims().to_string().as_bytes());
        assert_eq!(
            kind(&verifier, &format!("{header}.{payload}.")),
            ErrorKind::MalformedToken,
            "{alg} with no signature"
        );
        assert_eq!(
            kind(&verifier, &format!("{header}.{payload}.AAAA")),
            ErrorKind::AlgorithmNotAllowed,
            "{alg}"
        );
    }
}

/// A token HMAC-signed with `secret` by another library (hcjwt itself
/// refuses key material as a secret).
fn forge_hs256_with(secret: &[u8], header_kid: Option<&str>) -> String {
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    header.kid = header_kid.map(str::to_owned);
    jsonwebtoken::encode(
        &header,
        &claims(),
        &jsonwebtoken::EncodingKey::from_secret(secret),
    )
    .unwrap()
}

#[test]
fn rs_hs_confusion_is_refused() {
    let rsa = SigningKey::from_bytes(&key_file("rsa2048.pem"), None).unwrap();
    let public_pem = key_file("rsa2048_public.pem");
    let token = forge_hs256_with(&public_pem, rsa.kid());
    let strict = verifier_for(&rsa, VerifierOptions::default());
    assert_eq!(kind(&strict, &token), ErrorKind::AlgorithmNotAllowed);
    // A verifier may not allow HS256 beside RS256 for the same key bytes.
    let lax = Verifier::from_key_bytes(
        &public_pem,
        &[Algorithm::RS256, Algorithm::HS256],
        VerifierOptions::default(),
    )
    .unwrap_err();
    assert_eq!(lax.kind(), ErrorKind::InvalidOption);
    // Asking for HS256 with the public key as the secret is refused outright.
    for build in [
        Verifier::from_key_bytes(&public_pem, &[Algorithm::HS256], VerifierOptions::default())
            .map(drop),
        VerifyingKey::from_secret(&public_pem, Algorithm::HS256).map(drop),
        VerifyingKey::from_bytes(&public_pem, Some(Algorithm::HS256)).map(drop),
        SigningKey::from_secret(&public_pem, Algorithm::HS256).map(drop),
        SigningKey::from_bytes(&public_pem, Some(Algorithm::HS512)).map(drop),
    ] {
        let error = build.unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidKey);
        assert!(error.to_string().contains("RS/HS confusion"), "{error}");
    }
}

#[test]
fn key_material_of_every_kind_is_refused_as_a_secret() {
    let jwk = serde_json::to_vec(
        &SigningKey::from_bytes(&key_file("p256.pem"), None)
            .unwrap()
            .public_jwk()
            .unwrap(),
    )
    .unwrap();
    let jwks = format!(
        r#"{{"keys":[{}]}}"#,
        String::from_utf8(jwk.clone()).unwrap()
    );
    let certificate =
        b"-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----\n".to_vec();
    let ssh = b"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 user@host".to_vec();
    let cases: [(&str, Vec<u8>); 7] = [
        ("PEM public key", key_file("rsa2048_public.pem")),
        ("PEM private key", key_file("rsa2048.pem")),
        ("DER public key", key_file("rsa2048.der")),
        ("certificate", certificate),
        ("SSH key", ssh),
        ("JWK", jwk),
        ("JWKS", jwks.into_bytes()),
    ];
    for (what, material) in cases {
        for algorithm in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
            let error = SigningKey::from_secret(&material, algorithm).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidKey, "{what}");
            assert!(
                error.to_string().contains("RS/HS confusion"),
                "{what}: {error}"
            );
            let error = VerifyingKey::from_secret(&material, algorithm).unwrap_err();
            assert!(
                error.to_string().contains("RS/HS confusion"),
                "{what}: {error}"
            );
        }
    }
}

#[test]
fn the_right_alg_with_the_wrong_key_type_or_curve_is_refused() {
    let p256 = SigningKey::from_bytes(&key_file("p256.pem"), None).unwrap();
    let p384_public = VerifyingKey::from_bytes(&key_file("p384_public.pem"), None).unwrap();
    assert_eq!(
        Verifier::with_key(p384_public, &[Algorithm::ES256], VerifierOptions::default())
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidKey,
        "a P-384 key can't be configured for ES256"
    );
    let other_p256 = SigningKey::generate(Algorithm::ES256).unwrap().0;
    let token = forge(&p256, &json!({"alg": "ES256"}), &claims());
    assert_eq!(
        kind(
            &verifier_for(&other_p256, VerifierOptions::default()),
            &token
        ),
        ErrorKind::InvalidSignature
    );
}

#[test]
fn ecdsa_signatures_must_be_64_raw_bytes() {
    let key = SigningKey::from_bytes(&key_file("p256.pem"), None).unwrap();
    let verifier = verifier_for(&key, VerifierOptions::default());
    let token = forge(&key, &json!({"alg": "ES256"}), &claims());
    let (input, signature) = token.rsplit_once('.').unwrap();
    let raw = URL_SAFE_NO_PAD.decode(signature).unwrap();
    assert!(verifier.verify_at(&token, NOW).is_ok());
    // DER form: SEQUENCE { INTEGER r, INTEGER s }.
    let integer = |bytes: &[u8]| {
        let mut out = vec![0x02];
        let pad = bytes[0] & 0x80 != 0;
        out.push(bytes.len() as u8 + u8::from(pad));
        if pad {
            out.push(0);
        }
        out.extend_from_slice(bytes);
        out
    };
    let mut body = integer(&raw[..32]);
    body.extend(integer(&raw[32..]));
    let mut der = vec![0x30, body.len() as u8];
    der.extend(body);
    for bad in [
        der,
        raw[..63].to_vec(),
        [raw.clone(), vec![0]].concat(),
        vec![0; 64],
        [vec![0; 32], raw[32..].to_vec()].concat(),
    ] {
        assert_eq!(
            kind(&verifier, &format!("{input}.{}", b64(&bad))),
            ErrorKind::InvalidSignature
        );
    }
}

#[test]
fn header_keys_are_never_used() {
    let trusted = SigningKey::from_bytes(&key_file("p256.pem"), None).unwrap();
    let attacker = SigningKey::generate(Algorithm::ES256).unwrap().0;
    let embedded = serde_json::to_value(attacker.public_jwk().unwrap()).unwrap();
    let verifier = verifier_for(&trusted, VerifierOptions::default());
    for header in [
        json!({"alg": "ES256", "jwk": embedded}),
        json!({"alg": "ES256", "jku": "https://attacker.example/jwks.json"}),
        json!({"alg": "ES256", "x5u": "https://attacker.example/cert.pem"}),
        json!({"alg": "ES256", "kid": attacker.kid(), "jwk": embedded}),
    ] {
        let token = forge(&attacker, &header, &claims());
        let error = kind(&verifier, &token);
        assert!(
            matches!(error, ErrorKind::InvalidSignature | ErrorKind::UnknownKid),
            "{header}: {error:?}"
        );
    }
    // The trusted key's own token with a jku member still verifies: the member is ignored.
    let token = forge(
        &trusted,
        &json!({"alg": "ES256", "jku": "https://attacker.example/"}),
        &claims(),
    );
    assert!(verifier.verify_at(&token, NOW).is_ok());
}

#[test]
fn kids_that_match_nothing_are_refused_and_quoted_briefly() {
    let key = hs_key().with_kid("main");
    let verifier = verifier_for(
        &key,
        VerifierOptions {
            max_token_bytes: 64 * 1024,
            ..VerifierOptions::default()
        },
    );
    let long = "k".repeat(10_000);
    for kid in ["../../etc/passwd", "' OR 1=1 --", long.as_str(), "", "MAIN"] {
        let token = forge(&key, &json!({"alg": "HS256", "kid": kid}), &claims());
        let error = verifier.verify_at(&token, NOW).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::UnknownKid, "{kid:.20}");
        assert!(
            error.to_string().len() < 200,
            "the message quotes a short prefix"
        );
    }
    let token = forge(&key, &json!({"alg": "HS256", "kid": 5}), &claims());
    assert_eq!(kind(&verifier, &token), ErrorKind::MalformedToken);
}

#[test]
fn crit_is_refused() {
    let key = hs_key();
    let verifier = verifier_for(&key, VerifierOptions::default());
    for crit in [
        json!(["exp"]),
        json!(["http://example.com/UNDEFINED"]),
        json!([]),
        json!("b64"),
    ] {
        let token = forge(&key, &json!({"alg": "HS256", "crit": crit}), &claims());
        let error = verifier.verify_at(&token, NOW).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidClaim);
        assert!(error.to_string().contains("crit"));
    }
}

#[test]
fn wrong_typed_time_claims_are_never_absent() {
    let key = hs_key();
    let verifier = verifier_for(&key, VerifierOptions::default());
    for claim in ["exp", "nbf", "iat"] {
        for value in [
            json!("1700000300"),
            json!(1_700_000_300.5),
            json!(-1),
            json!(1e300),
            json!(18_446_744_073_709_551_615_u64),
            json!(null),
            json!(true),
            json!([1]),
        ] {
            let mut payload = claims();
            payload[claim] = value.clone();
            let token = forge(&key, &json!({"alg": "HS256"}), &payload);
            let error = verifier.verify_at(&token, NOW).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidClaim, "{claim}={value}");
            assert!(error.to_string().contains(claim));
        }
    }
    let mut payload = claims();
    payload.as_object_mut().unwrap().remove("exp");
    let token = forge(&key, &json!({"alg": "HS256"}), &payload);
    assert_eq!(
        kind(&verifier, &token),
        ErrorKind::MissingClaim,
        "exp is required"
    );
}

#[test]
fn exp_nbf_and_iat_at_the_leeway_boundary() {
    let key = hs_key();
    let leeway = 60;
    let verifier = verifier_for(
        &key,
        VerifierOptions {
            leeway,
            ..VerifierOptions::default()
        },
    );
    let at = |exp: i64, nbf: i64| {
        let token = forge(
            &key,
            &json!({"alg": "HS256"}),
            &json!({"exp": exp, "nbf": nbf, "iat": nbf}),
        );
        verifier.verify_at(&token, NOW)
    };
    let leeway = leeway as i64;
    // Valid while now < exp + leeway.
    assert!(at(NOW - leeway + 1, NOW).is_ok());
    assert_eq!(
        at(NOW - leeway, NOW).unwrap_err().kind(),
        ErrorKind::Expired
    );
    // Valid once now + leeway >= nbf (and iat).
    assert!(at(NOW + 600, NOW + leeway).is_ok());
    assert_eq!(
        at(NOW + 600, NOW + leeway + 1).unwrap_err().kind(),
        ErrorKind::NotYetValid
    );
}

#[test]
fn a_huge_leeway_does_not_overflow() {
    let key = hs_key();
    let verifier = verifier_for(
        &key,
        VerifierOptions {
            leeway: u64::MAX,
            ..VerifierOptions::default()
        },
    );
    let token = forge(
        &key,
        &json!({"alg": "HS256"}),
        &json!({"exp": 0, "nbf": i64::MAX, "iat": i64::MAX}),
    );
    assert!(verifier.verify_at(&token, i64::MAX).is_ok());
    assert!(verifier.verify_at(&token, 0).is_ok());
}

#[test]
fn issuer_and_audience_must_match_exactly() {
    let key = hs_key();
    let verifier = verifier_for(
        &key,
        VerifierOptions::for_issuer_and_audience("https://acme.zendesk.com", "hc"),
    );
    let with = |iss: Value, aud: Value| {
        let mut payload = claims();
        if !iss.is_null() {
            payload["iss"] = iss;
        }
        if !aud.is_null() {
            payload["aud"] = aud;
        }
        verifier.verify_at(&forge(&key, &json!({"alg": "HS256"}), &payload), NOW)
    };
    assert!(with(json!("https://acme.zendesk.com"), json!("hc")).is_ok());
    assert!(with(json!("https://acme.zendesk.com"), json!(["other", "hc"])).is_ok());
    for (iss, aud) in [
        (json!("https://acme.zendesk.com.evil"), json!("hc")),
        (json!("https://acme.zendesk.co"), json!("hc")),
        (json!("HTTPS://ACME.ZENDESK.COM"), json!("hc")),
        (json!(null), json!("hc")),
        (json!(["https://acme.zendesk.com"]), json!("hc")),
        (json!("https://acme.zendesk.com"), json!("hc2")),
        (json!("https://acme.zendesk.com"), json!("h")),
        (json!("https://acme.zendesk.com"), json!(null)),
        (json!("https://acme.zendesk.com"), json!([])),
        (json!("https://acme.zendesk.com"), json!([1, "hc"])),
    ] {
        let expected = if iss.is_null() || aud.is_null() {
            ErrorKind::MissingClaim
        } else {
            ErrorKind::InvalidClaim
        };
        assert_eq!(
            with(iss.clone(), aud.clone()).unwrap_err().kind(),
            expected,
            "iss {iss} aud {aud}"
        );
    }
}

#[test]
fn an_audience_nobody_expects_is_refused_unless_accepted() {
    let mut payload = claims();
    payload["aud"] = json!("someone-else");
    let token = forge(&key_for_audience(), &json!({"alg": "HS256"}), &payload);
    let strict = verifier_for(&key_for_audience(), VerifierOptions::default());
    let error = strict.verify_at(&token, NOW).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidClaim);
    assert!(error.to_string().contains("aud"), "{error}");
    let lenient = verifier_for(
        &key_for_audience(),
        VerifierOptions {
            accept_any_audience: true,
            ..VerifierOptions::default()
        },
    );
    assert!(lenient.verify_at(&token, NOW).is_ok());
    let several = verifier_for(
        &key_for_audience(),
        VerifierOptions {
            audience: vec!["hc".into(), "someone-else".into()],
            ..VerifierOptions::default()
        },
    );
    assert!(
        several.verify_at(&token, NOW).is_ok(),
        "any of several audiences"
    );
    let without_aud = forge(&key_for_audience(), &json!({"alg": "HS256"}), &claims());
    assert!(strict.verify_at(&without_aud, NOW).is_ok());
}

fn key_for_audience() -> SigningKey {
    hs_key()
}

#[test]
fn malformed_compact_forms_are_refused_before_any_crypto() {
    let key = hs_key();
    let verifier = verifier_for(&key, VerifierOptions::default());
    let token = forge(&key, &json!({"alg": "HS256"}), &claims());
    let (header, rest) = token.split_once('.').unwrap();
    let (payload, signature) = rest.split_once('.').unwrap();
    for bad in [
        format!("{header}.{payload}"),
        format!("{header}.{payload}.{signature}.{signature}"),
        format!("{header}.{payload}.{signature}."),
        format!(".{payload}.{signature}"),
        format!("{header}.{payload}."),
        format!("{header}=.{payload}.{signature}"),
        format!("{header}.{payload}.{signature}="),
        format!("{header}.{payload}+.{signature}"),
        format!("{header}.{payload}/.{signature}"),
        format!(" {token}"),
        format!("{token}\n"),
        format!("{header}.{payload} .{signature}"),
        String::new(),
        "...".to_owned(),
    ] {
        assert_eq!(kind(&verifier, &bad), ErrorKind::MalformedToken, "{bad:?}");
    }
}

#[test]
fn one_changed_character_anywhere_is_refused() {
    let key = hs_key();
    let verifier = verifier_for(&key, VerifierOptions::default());
    let token = forge(&key, &json!({"alg": "HS256"}), &claims());
    for (index, original) in token.char_indices() {
        if original == '.' {
            continue;
        }
        for replacement in ['A', 'B', '_', '-', 'z'] {
            if replacement == original {
                continue;
            }
            let mut changed = token.clone();
            changed.replace_range(index..index + 1, &replacement.to_string());
            assert!(
                verifier.verify_at(&changed, NOW).is_err(),
                "position {index} -> {replacement}"
            );
        }
    }
}

#[test]
fn oversized_tokens_are_refused_before_decoding() {
    let key = hs_key();
    let verifier = verifier_for(&key, VerifierOptions::default());
    let megabyte = "a".repeat(1 << 20);
    let error = verifier.verify_at(&megabyte, NOW).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::TokenTooLarge);
    let big_claims = json!({"exp": NOW + 60, "blob": "x".repeat(9000)});
    let token = forge(&key, &json!({"alg": "HS256"}), &big_claims);
    assert_eq!(kind(&verifier, &token), ErrorKind::TokenTooLarge);
    let roomy = verifier_for(
        &key,
        VerifierOptions {
            max_token_bytes: 64 * 1024,
            ..VerifierOptions::default()
        },
    );
    assert!(roomy.verify_at(&token, NOW).is_ok());
}

#[test]
fn duplicate_members_and_non_objects_are_refused() {
    let key = hs_key();
    let verifier = verifier_for(&key, VerifierOptions::default());
    let duplicate_header = forge_raw(
        &key,
        br#"{"alg":"HS256","alg":"none"}"#,
        claims().to_string().as_bytes(),
    );
    assert_eq!(
        kind(&verifier, &duplicate_header),
        ErrorKind::MalformedToken
    );
    let payload = format!(r#"{{"exp":{},"exp":1}}"#, NOW + 60);
    let duplicate_claim = forge_raw(&key, br#"{"alg":"HS256"}"#, payload.as_bytes());
    assert_eq!(kind(&verifier, &duplicate_claim), ErrorKind::MalformedToken);
    for payload in [&b"[1,2]"[..], b"\"text\"", b"not json", b"\xff\xfe"] {
        let token = forge_raw(&key, br#"{"alg":"HS256"}"#, payload);
        assert_eq!(kind(&verifier, &token), ErrorKind::MalformedToken);
    }
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let token = forge_raw(&key, deep.as_bytes(), b"{}");
    assert!(verifier.verify_at(&token, NOW).is_err());
}

/// `verify_json_at` (the payload as signed, for C and the CLI) and
/// `verify_with` (the payload borrowed, for Python) hold every payload to the
/// rules `verify_at` (the map) does, with the same error.
#[test]
fn the_payload_text_and_the_map_are_held_to_the_same_rules() {
    let key = hs_key();
    let verifier = Verifier::with_key(
        key.verifying_key().unwrap(),
        &[Algorithm::HS256],
        VerifierOptions::for_issuer_and_audience("acme", "help-center"),
    )
    .unwrap();
    let exp = NOW + 60;
    let good = format!(r#"{{"exp":{exp},"iss":"acme","aud":"help-center""#);
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let payloads = [
        format!("{good}}}"),
        format!("{good}, \"x\": {{\"a\": [1.50, -0, 1E3, \"caf\\u00e9\"]}} }}"),
        format!(r#"{good},"aud":"again"}}"#),
        format!(r#"{good},"x":{{"a":1,"a":2}}}}"#),
        format!(r#"{good},"x":[{{"b":true,"b":false}}]}}"#),
        format!(r#"{good},"x":1e400}}"#),
        format!(r#"{good},"x":[[-1e400]]}}"#),
        r#"{"exp":1e400,"iss":"acme","aud":"help-center"}"#.to_owned(),
        format!(r#"{{"exp":"{exp}","iss":"acme","aud":"help-center"}}"#),
        format!(r#"{{"exp":{exp}.5,"iss":"acme","aud":"help-center"}}"#),
        r#"{"iss":"acme","aud":"help-center"}"#.to_owned(),
        format!(r#"{{"exp":{exp},"iss":"other","aud":"help-center"}}"#),
        format!(r#"{{"exp":{exp},"iss":"acme","aud":["x","help-center"]}}"#),
        format!(r#"{{"exp":{exp},"iss":"acme","aud":["x",1]}}"#),
        format!(r#"{{"exp":{exp},"iss":"acme"}}"#),
        format!(
            r#"{{"exp":{},"iss":"acme","aud":"help-center"}}"#,
            NOW - 3600
        ),
        format!(r#"{good},"x":{deep}}}"#),
        format!("{good}}} trailing"),
        "[1,2]".to_owned(),
        "null".to_owned(),
        String::new(),
    ];
    for payload in &payloads {
        let token = forge_raw(&key, br#"{"alg":"HS256"}"#, payload.as_bytes());
        let as_map = verifier.verify_at(&token, NOW);
        let as_text = verifier.verify_json_at(&token, NOW);
        let as_read = verifier.verify_with(&token, NOW, |payload| payload.to_string());
        assert_eq!(
            as_read.as_ref().map_err(hcjwt::Error::kind).err(),
            as_text.as_ref().map_err(hcjwt::Error::kind).err(),
            "{payload}"
        );
        match (&as_map, &as_text) {
            (Ok(map), Ok(text)) => {
                assert_eq!(text, payload.as_bytes(), "{payload}");
                let read: Value = serde_json::from_slice(text).unwrap();
                assert_eq!(read, Value::Object(map.clone()), "{payload}");
                let borrowed: Value = serde_json::from_str(as_read.as_ref().unwrap()).unwrap();
                assert_eq!(borrowed, read, "{payload}");
            }
            (Err(by_map), Err(by_text)) => {
                assert_eq!(
                    by_map.kind(),
                    by_text.kind(),
                    "{payload}: {by_map} / {by_text}"
                )
            }
            _ => panic!("{payload}: {as_map:?} / {as_text:?}"),
        }
    }
    let invalid_utf8 = forge_raw(&key, br#"{"alg":"HS256"}"#, b"{\"exp\":1,\"x\":\"\xff\"}");
    assert_eq!(
        verifier
            .verify_json_at(&invalid_utf8, NOW)
            .unwrap_err()
            .kind(),
        ErrorKind::MalformedToken
    );
}

#[test]
fn a_jwks_verifier_picks_the_key_by_kid() {
    let rsa = SigningKey::from_bytes(&key_file("rsa2048.pem"), None).unwrap();
    let ec = SigningKey::from_bytes(&key_file("p256.pem"), None).unwrap();
    let jwks = json!({"keys": [rsa.public_jwk().unwrap(), ec.public_jwk().unwrap()]}).to_string();
    let keys = VerifyingKey::from_jwks(jwks.as_bytes()).unwrap();
    let verifier = Verifier::new(
        keys,
        &[Algorithm::RS256, Algorithm::ES256],
        VerifierOptions::default(),
    )
    .unwrap();
    for key in [&rsa, &ec] {
        let token = forge(
            key,
            &json!({"alg": key.algorithm().to_string(), "kid": key.kid()}),
            &claims(),
        );
        assert!(verifier.verify_at(&token, NOW).is_ok());
    }
    let swapped = forge(&rsa, &json!({"alg": "RS256", "kid": ec.kid()}), &claims());
    assert_eq!(kind(&verifier, &swapped), ErrorKind::UnknownKid);
    assert!(VerifyingKey::from_jwks(br#"{"keys": []}"#).is_err());
    assert!(
        VerifyingKey::from_jwks(
            br#"{"keys": [{"kty": "EC", "crv": "P-521", "x": "AA", "y": "AA"}]}"#
        )
        .is_err()
    );
    let encryption_key = json!({"keys": [{"kty": "RSA", "use": "enc", "n": rsa.public_jwk().map(|j| serde_json::to_value(j).unwrap()["n"].clone()).unwrap(), "e": "AQAB"}]}).to_string();
    assert!(
        VerifyingKey::from_jwks(encryption_key.as_bytes())
            .unwrap_err()
            .to_string()
            .contains("enc")
    );
}
