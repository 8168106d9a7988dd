//! Minting: both profiles' claims in their fixed order, every algorithm round
//! trip, reproducible payloads, the size limit, and the user's errors.

use hcjwt::{
    Algorithm, ClaimInput, ClaimSet, ErrorKind, FieldCatalog, Minter, MinterOptions, Profile,
    SigningKey, User, Verifier, VerifierOptions,
};
use serde_json::{Value, json};

mod common;
use common::key_file;

const NOW: i64 = 1_700_000_000;

fn example(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))).expect("example")
}

fn demo_options() -> MinterOptions {
    MinterOptions::help_center(
        Some(ClaimSet::from_json(&example("claims.json")).unwrap()),
        Some(FieldCatalog::from_json(&example("fields.json")).unwrap()),
    )
}

fn demo_user() -> User<'static> {
    User::from_json(&example("user.json")).unwrap().into_owned()
}

fn payload_of(token: &str) -> String {
    use base64::Engine;
    let segment = token.split('.').nth(1).unwrap();
    String::from_utf8(
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(segment)
            .unwrap(),
    )
    .unwrap()
}

fn header_of(token: &str) -> String {
    use base64::Engine;
    let segment = token.split('.').next().unwrap();
    String::from_utf8(
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(segment)
            .unwrap(),
    )
    .unwrap()
}

fn rsa() -> SigningKey {
    SigningKey::from_bytes(&key_file("rsa2048.pem"), None).unwrap()
}

#[test]
fn help_center_payload_has_the_fixed_claims_in_order() {
    let minter = Minter::new(rsa(), demo_options()).unwrap();
    let token = minter.mint_at(&demo_user(), NOW).unwrap();
    let payload = payload_of(&token);
    let keys: Vec<String> = serde_json::from_str::<serde_json::Map<String, Value>>(&payload)
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(
        keys,
        [
            "iat",
            "exp",
            "jti",
            "email",
            "userId",
            "externalId",
            "custom-claim-1",
            "custom-claim-2",
            "user_fields"
        ]
    );
    let value: Value = serde_json::from_str(&payload).unwrap();
    assert_eq!(value["iat"], NOW);
    assert_eq!(value["exp"], NOW + 300);
    assert_eq!(value["userId"], 35436);
    assert_eq!(value["externalId"], "sai989sur98w9");
    assert_eq!(value["custom-claim-2"], "another-claim-value");
    assert_eq!(
        value["user_fields"]["member_since"], "2019-06-01",
        "values are normalized"
    );
    assert_eq!(
        value["jti"].as_str().unwrap().len(),
        22,
        "128 random bits in base64url"
    );
    assert_eq!(
        header_of(&token),
        format!(
            r#"{{"typ":"JWT","alg":"RS256","kid":"{}"}}"#,
            minter.kid().unwrap()
        )
    );
}

#[test]
fn the_same_inputs_and_now_give_the_same_bytes_but_the_jti() {
    let minter = Minter::new(rsa(), demo_options()).unwrap();
    let first = payload_of(&minter.mint_at(&demo_user(), NOW).unwrap());
    let second = payload_of(&minter.mint_at(&demo_user(), NOW).unwrap());
    let jti = |payload: &str| {
        serde_json::from_str::<Value>(payload).unwrap()["jti"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_ne!(jti(&first), jti(&second));
    assert_eq!(
        first.replace(&jti(&first), ""),
        second.replace(&jti(&second), "")
    );
}

#[test]
fn external_id_null_and_optional_iss_aud() {
    let options = MinterOptions {
        issuer: Some("https://acme.zendesk.com".into()),
        audience: Some("hc".into()),
        ..MinterOptions::default()
    };
    let minter = Minter::new(rsa(), options).unwrap();
    let user = User::from_json(br#"{"id": 1, "email": "a@example.com"}"#).unwrap();
    let payload = payload_of(&minter.mint_at(&user, NOW).unwrap());
    assert!(
        payload.starts_with(r#"{"iss":"https://acme.zendesk.com","aud":"hc","iat":"#),
        "{payload}"
    );
    assert!(
        payload.ends_with(r#""userId":1,"externalId":null}"#),
        "{payload}"
    );
}

#[test]
fn sso_profile_claims() {
    let key = SigningKey::from_secret(&[9u8; 32], Algorithm::HS256).unwrap();
    let minter = Minter::new(
        key,
        MinterOptions {
            ttl: 120,
            ..MinterOptions::sso()
        },
    )
    .unwrap();
    let user = User::from_json(br#"{"user": {"id": 7, "email": "a@example.com", "name": "Ann", "external_id": "ext-7",
        "organization": "Acme", "organization_id": "acme-ext", "phone": "+1 555", "tags": "vip,beta", "role": "agent",
        "locale_id": 8, "custom_role_id": 3, "remote_photo_url": "https://example.com/a.png", "active": true}}"#).unwrap();
    let token = minter.mint_at(&user, NOW).unwrap();
    let value: serde_json::Map<String, Value> = serde_json::from_str(&payload_of(&token)).unwrap();
    let keys: Vec<&str> = value.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "iat",
            "jti",
            "email",
            "name",
            "external_id",
            "organization",
            "organization_id",
            "phone",
            "tags",
            "remote_photo_url",
            "locale_id",
            "role",
            "custom_role_id",
            "exp"
        ]
    );
    assert_eq!(value["tags"], "vip,beta", "tags are kept as given");
    assert_eq!(value["exp"], NOW + 120);
    let verifier = Verifier::with_key(
        minter.key().verifying_key().unwrap(),
        &[Algorithm::HS256],
        VerifierOptions::default(),
    )
    .unwrap();
    assert_eq!(verifier.verify_at(&token, NOW).unwrap()["name"], "Ann");
}

#[test]
fn sso_is_hs256_only_and_needs_a_name() {
    let error = Minter::new(rsa(), MinterOptions::sso()).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidOption);
    let hs512 = SigningKey::from_secret(&[1u8; 64], Algorithm::HS512).unwrap();
    assert_eq!(
        Minter::new(hs512, MinterOptions::sso()).unwrap_err().kind(),
        ErrorKind::InvalidOption
    );
    let key = SigningKey::from_secret(&[9u8; 32], Algorithm::HS256).unwrap();
    let minter = Minter::new(key, MinterOptions::sso()).unwrap();
    let error = minter
        .mint_at(
            &User::from_json(br#"{"email": "a@example.com"}"#).unwrap(),
            NOW,
        )
        .unwrap_err();
    assert_eq!(
        error.field_errors().unwrap().get("name").unwrap(),
        ["can't be blank"]
    );
}

#[test]
fn every_algorithm_round_trips() {
    let keys = [
        (
            Algorithm::HS256,
            SigningKey::from_secret(&[1u8; 32], Algorithm::HS256).unwrap(),
        ),
        (
            Algorithm::HS384,
            SigningKey::from_secret(&[1u8; 48], Algorithm::HS384).unwrap(),
        ),
        (
            Algorithm::HS512,
            SigningKey::from_secret(&key_file("hs512.secret"), Algorithm::HS512).unwrap(),
        ),
        (
            Algorithm::RS256,
            SigningKey::from_bytes(&key_file("rsa2048.pem"), Some(Algorithm::RS256)).unwrap(),
        ),
        (
            Algorithm::RS384,
            SigningKey::from_bytes(&key_file("rsa2048.pem"), Some(Algorithm::RS384)).unwrap(),
        ),
        (
            Algorithm::RS512,
            SigningKey::from_bytes(&key_file("rsa2048_pkcs1.pem"), Some(Algorithm::RS512)).unwrap(),
        ),
        (
            Algorithm::PS256,
            SigningKey::from_bytes(&key_file("rsa2048.der"), Some(Algorithm::PS256)).unwrap(),
        ),
        (
            Algorithm::PS384,
            SigningKey::from_bytes(&key_file("rsa2048.pem"), Some(Algorithm::PS384)).unwrap(),
        ),
        (
            Algorithm::PS512,
            SigningKey::from_bytes(&key_file("rsa2048.pem"), Some(Algorithm::PS512)).unwrap(),
        ),
        (
            Algorithm::ES256,
            SigningKey::from_bytes(&key_file("p256_sec1.pem"), None).unwrap(),
        ),
        (
            Algorithm::ES384,
            SigningKey::from_bytes(&key_file("p384.pem"), None).unwrap(),
        ),
        (
            Algorithm::EdDSA,
            SigningKey::from_bytes(&key_file("ed25519.pem"), None).unwrap(),
        ),
    ];
    assert_eq!(keys.len(), hcjwt::ALGORITHMS.len());
    for (algorithm, key) in keys {
        let verifying = key.verifying_key().unwrap();
        let minter = Minter::new(key, demo_options()).unwrap();
        let token = minter.mint_at(&demo_user(), NOW).unwrap();
        let verifier =
            Verifier::with_key(verifying, &[algorithm], VerifierOptions::default()).unwrap();
        let claims = verifier
            .verify_at(&token, NOW + 10)
            .unwrap_or_else(|e| panic!("{algorithm}: {e}"));
        let expected: Value = serde_json::from_str(&payload_of(&token)).unwrap();
        assert_eq!(
            Value::Object(claims),
            expected,
            "{algorithm}: the verified payload is the one built"
        );
        assert!(header_of(&token).contains(&format!(r#""alg":"{algorithm}""#)));
    }
}

#[test]
fn jsonwebtoken_verifies_hcjwt_tokens_with_the_published_jwk() {
    let minter = Minter::new(rsa(), demo_options()).unwrap();
    let token = minter.mint(&demo_user()).unwrap();
    let jwk = minter.jwks().keys[0].clone();
    let key = jsonwebtoken::DecodingKey::from_jwk(&jwk).unwrap();
    let validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    let decoded = jsonwebtoken::decode::<Value>(&token, &key, &validation).unwrap();
    assert_eq!(decoded.claims["email"], "johnny@example.com");
    assert_eq!(decoded.header.kid.as_deref(), minter.kid());
}

#[test]
fn invalid_user_fields_are_named_and_nothing_is_signed() {
    let minter = Minter::new(rsa(), demo_options()).unwrap();
    let bytes = example("user_invalid.json");
    let user = User::from_json(&bytes).unwrap();
    let error = minter.mint_at(&user, NOW).unwrap_err();
    let errors = error.field_errors().unwrap();
    for key in [
        "favourite_fruit",
        "member_since",
        "support_plan_code",
        "vip",
        "shoe_size",
    ] {
        assert!(
            errors.get(&format!("user_fields.{key}")).is_some(),
            "{key}: {errors}"
        );
    }
}

#[test]
fn missing_and_wrong_members_are_named_for_the_profile_that_writes_them() {
    let minter = Minter::new(rsa(), MinterOptions::default()).unwrap();
    let error = minter
        .mint_at(&User::from_json(b"{}").unwrap(), NOW)
        .unwrap_err();
    let errors = error.field_errors().unwrap();
    assert!(
        errors.get("email").is_some() && errors.get("id").is_some(),
        "{errors}"
    );
    for (user, member) in [
        (&br#"{"id": "1", "email": "a@example.com"}"#[..], "id"),
        (br#"{"id": 1.0, "email": "a@example.com"}"#, "id"),
        (br#"{"id": -1, "email": "a@example.com"}"#, "id"),
        (br#"{"id": 1, "email": "not-an-address"}"#, "email"),
        (br#"{"id": 1, "email": 5}"#, "email"),
        (
            br#"{"id": 1, "email": "a@example.com", "external_id": 5678}"#,
            "external_id",
        ),
        (
            br#"{"id": 1, "email": "a@example.com", "user_fields": []}"#,
            "user_fields",
        ),
    ] {
        let error = minter.check(&User::from_json(user).unwrap()).unwrap_err();
        assert!(
            error.field_errors().unwrap().get(member).is_some(),
            "{member}: {error}"
        );
    }
    let sso = Minter::new(
        SigningKey::from_secret(&[9u8; 32], Algorithm::HS256).unwrap(),
        MinterOptions::sso(),
    )
    .unwrap();
    for (user, member) in [
        (
            &br#"{"email": "a@example.com", "name": "A", "role": "owner"}"#[..],
            "role",
        ),
        (
            br#"{"email": "a@example.com", "name": "A", "tags": [1]}"#,
            "tags",
        ),
        (
            br#"{"email": "a@example.com", "name": "A", "locale_id": "8"}"#,
            "locale_id",
        ),
        (br#"{"email": "a@example.com", "name": "A\tB"}"#, "name"),
    ] {
        let error = sso.check(&User::from_json(user).unwrap()).unwrap_err();
        assert!(
            error.field_errors().unwrap().get(member).is_some(),
            "{member}: {error}"
        );
    }
    assert_eq!(
        User::from_json(b"[1]").unwrap_err().kind(),
        ErrorKind::Validation
    );
    for not_json in [&b""[..], b"  ", b"nul", b"\xff"] {
        assert_eq!(
            User::from_json(not_json).unwrap_err().kind(),
            ErrorKind::Json
        );
    }
    assert_eq!(
        User::from_json(br#"{"id":1,"id":2}"#).unwrap_err().kind(),
        ErrorKind::Json
    );
}

#[test]
fn the_token_size_limit_is_checked_before_signing() {
    let options = MinterOptions {
        max_token_bytes: 600,
        ..demo_options()
    };
    let minter = Minter::new(rsa(), options).unwrap();
    let error = minter.mint_at(&demo_user(), NOW).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::PayloadTooLarge);
    assert!(error.to_string().contains("600"));
    let text_field = br#"[{"key": "bio", "title": "Bio", "type": "textarea"}]"#;
    let minter = Minter::new(
        rsa(),
        MinterOptions::help_center(None, Some(FieldCatalog::from_json(text_field).unwrap())),
    )
    .unwrap();
    let big = json!({"id": 1, "email": "a@example.com", "user_fields": {"bio": "x".repeat(9000)}})
        .to_string();
    assert_eq!(
        minter
            .mint_json(big.as_bytes(), Some(NOW))
            .unwrap_err()
            .kind(),
        ErrorKind::PayloadTooLarge
    );
}

#[test]
fn options_out_of_range_are_refused() {
    for options in [
        MinterOptions {
            ttl: 0,
            ..MinterOptions::default()
        },
        MinterOptions {
            ttl: 400 * 24 * 3600,
            ..MinterOptions::default()
        },
        MinterOptions {
            max_token_bytes: 0,
            ..MinterOptions::default()
        },
    ] {
        assert_eq!(
            Minter::new(rsa(), options).unwrap_err().kind(),
            ErrorKind::InvalidOption
        );
    }
    let minter = Minter::new(rsa(), MinterOptions::default()).unwrap();
    assert_eq!(
        minter.mint_at(&demo_user(), -1).unwrap_err().kind(),
        ErrorKind::InvalidOption
    );
    assert_eq!(
        minter.mint_at(&demo_user(), i64::MAX).unwrap_err().kind(),
        ErrorKind::InvalidOption
    );
    assert_eq!(
        Profile::parse("saml").unwrap_err().kind(),
        ErrorKind::InvalidOption
    );
}

#[test]
fn every_profile_claim_is_a_reserved_name() {
    for profile in [Profile::HelpCenter, Profile::Sso] {
        for name in profile.claim_names() {
            assert!(hcjwt::is_reserved_claim_name(name), "{name} of {profile:?}");
        }
    }
}

#[test]
fn a_custom_kid_goes_into_the_header_and_the_jwks() {
    let minter = Minter::new(
        rsa(),
        MinterOptions {
            kid: Some("2024-key".into()),
            ..MinterOptions::default()
        },
    )
    .unwrap();
    assert_eq!(minter.kid(), Some("2024-key"));
    assert!(
        header_of(&minter.mint_at(&demo_user(), NOW).unwrap()).ends_with(r#""kid":"2024-key"}"#)
    );
    assert_eq!(
        minter.jwks().keys[0].common.key_id.as_deref(),
        Some("2024-key")
    );
    let hmac = Minter::new(
        SigningKey::from_secret(&[1u8; 32], Algorithm::HS256).unwrap(),
        MinterOptions::default(),
    )
    .unwrap();
    assert_eq!(
        header_of(&hmac.mint_at(&demo_user(), NOW).unwrap()),
        r#"{"typ":"JWT","alg":"HS256"}"#
    );
}

#[test]
fn claims_are_merged_in_set_order_and_escaped() {
    let mut claims = ClaimSet::new(1, 2);
    claims
        .create(ClaimInput::new("z-last", "quote \" and \\ backslash"))
        .unwrap();
    claims
        .create(ClaimInput::new("a-first", "ünïcödé"))
        .unwrap();
    let minter = Minter::new(rsa(), MinterOptions::help_center(Some(claims), None)).unwrap();
    let payload = payload_of(&minter.mint_at(&demo_user(), NOW).unwrap());
    let value: serde_json::Map<String, Value> = serde_json::from_str(&payload).unwrap();
    let keys: Vec<&str> = value.keys().map(String::as_str).collect();
    assert_eq!(&keys[6..8], ["z-last", "a-first"]);
    assert_eq!(value["z-last"], "quote \" and \\ backslash");
    assert_eq!(
        value["user_fields"]["member_since"], "2019-06-01T10:00:00Z",
        "without a catalog values are copied"
    );
}

#[test]
fn a_minter_is_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Minter>();
    assert_send_sync::<Verifier>();
    let minter = std::sync::Arc::new(Minter::new(rsa(), demo_options()).unwrap());
    let user = std::sync::Arc::new(demo_user());
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let (minter, user) = (minter.clone(), user.clone());
            std::thread::spawn(move || {
                (0..5)
                    .map(|_| minter.mint_at(&user, NOW).unwrap())
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut tokens: Vec<String> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    tokens.sort();
    tokens.dedup();
    assert_eq!(tokens.len(), 20, "every token has its own jti");
}

/// Every algorithm both ways with jsonwebtoken: its `decode` verifies
/// hcjwt's tokens (with the published JWK or the secret), and hcjwt verifies
/// tokens its `encode` signed.
#[test]
fn jsonwebtoken_and_hcjwt_verify_each_other_for_every_algorithm() {
    use jsonwebtoken::{DecodingKey, EncodingKey, Header, Validation};
    let secret = |n: usize| vec![b's'; n];
    let der = |name: &str| pem::parse(key_file(name)).unwrap().into_contents();
    let rsa = key_file("rsa2048.pem");
    let rsa_der = der("rsa2048_pkcs1.pem");
    let cases: Vec<(Algorithm, Vec<u8>, EncodingKey)> = vec![
        (
            Algorithm::HS256,
            secret(32),
            EncodingKey::from_secret(&secret(32)),
        ),
        (
            Algorithm::HS384,
            secret(48),
            EncodingKey::from_secret(&secret(48)),
        ),
        (
            Algorithm::HS512,
            secret(64),
            EncodingKey::from_secret(&secret(64)),
        ),
        (
            Algorithm::RS256,
            rsa.clone(),
            EncodingKey::from_rsa_der(&rsa_der),
        ),
        (
            Algorithm::RS384,
            rsa.clone(),
            EncodingKey::from_rsa_der(&rsa_der),
        ),
        (
            Algorithm::RS512,
            rsa.clone(),
            EncodingKey::from_rsa_der(&rsa_der),
        ),
        (
            Algorithm::PS256,
            rsa.clone(),
            EncodingKey::from_rsa_der(&rsa_der),
        ),
        (
            Algorithm::PS384,
            rsa.clone(),
            EncodingKey::from_rsa_der(&rsa_der),
        ),
        (
            Algorithm::PS512,
            rsa.clone(),
            EncodingKey::from_rsa_der(&rsa_der),
        ),
        (
            Algorithm::ES256,
            key_file("p256.pem"),
            EncodingKey::from_ec_der(&der("p256.pem")),
        ),
        (
            Algorithm::ES384,
            key_file("p384.pem"),
            EncodingKey::from_ec_der(&der("p384.pem")),
        ),
        (
            Algorithm::EdDSA,
            key_file("ed25519.pem"),
            EncodingKey::from_ed_der(&der("ed25519.pem")),
        ),
    ];
    assert_eq!(cases.len(), hcjwt::ALGORITHMS.len());
    let now = hcjwt::unix_now();
    for (algorithm, material, encoding) in cases {
        let key = SigningKey::from_bytes(&material, Some(algorithm)).unwrap();
        let decoding = match key.public_jwk() {
            Some(jwk) => DecodingKey::from_jwk(&jwk).unwrap(),
            None => DecodingKey::from_secret(&material),
        };
        let verifying = key.verifying_key().unwrap();
        let minter = Minter::new(key, demo_options()).unwrap();
        let token = minter.mint_at(&demo_user(), now).unwrap();
        let validation = Validation::new(algorithm.into());
        let decoded = jsonwebtoken::decode::<Value>(&token, &decoding, &validation)
            .unwrap_or_else(|error| panic!("{algorithm}: jsonwebtoken refused: {error}"));
        assert_eq!(decoded.claims["userId"], 35436, "{algorithm}");

        let claims = json!({"sub": "x", "exp": now + 60, "iat": now});
        let foreign =
            jsonwebtoken::encode(&Header::new(algorithm.into()), &claims, &encoding).unwrap();
        let verifier =
            Verifier::with_key(verifying.clone(), &[algorithm], VerifierOptions::default())
                .unwrap();
        let verified = verifier.verify_at(&foreign, now).unwrap_or_else(|error| {
            panic!("{algorithm}: hcjwt refused jsonwebtoken's token: {error}")
        });
        assert_eq!(verified["sub"], "x", "{algorithm}");
    }
}

#[test]
fn mint_into_reuses_the_string_and_leaves_it_empty_on_error() {
    let minter = Minter::new(
        SigningKey::from_secret(&[7u8; 32], Algorithm::HS256).unwrap(),
        demo_options(),
    )
    .unwrap();
    let verifier =
        Verifier::from_key_bytes(&[7u8; 32], &[Algorithm::HS256], Default::default()).unwrap();
    let mut token = String::from("left over from before");
    minter.mint_into(&demo_user(), NOW, &mut token).unwrap();
    let payload = verifier.verify_at(&token, NOW).unwrap();
    assert_eq!(payload["email"], "johnny@example.com");
    let capacity = token.capacity();
    minter.mint_into(&demo_user(), NOW, &mut token).unwrap();
    assert_eq!(token.capacity(), capacity);
    let error = minter
        .mint_into(&User::new().with_id(1), NOW, &mut token)
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::Validation);
    assert!(token.is_empty(), "no partial token: {token}");
}

#[test]
fn mint_many_keeps_batch_order_on_any_number_of_threads() {
    let minter = Minter::new(
        SigningKey::from_secret(&[7u8; 32], Algorithm::HS256).unwrap(),
        MinterOptions::default(),
    )
    .unwrap();
    let verifier =
        Verifier::from_key_bytes(&[7u8; 32], &[Algorithm::HS256], Default::default()).unwrap();
    let users: Vec<User> = (1..=200u64)
        .map(|id| {
            User::new()
                .with_id(id)
                .with_email(format!("user{id}@example.com"))
        })
        .collect();
    for threads in [0, 1, 2, 3, 64] {
        let tokens = minter.mint_many_on(&users, NOW, threads).unwrap();
        assert_eq!(tokens.len(), users.len());
        for (index, token) in tokens.iter().enumerate() {
            let payload = verifier.verify_at(token, NOW).unwrap();
            assert_eq!(payload["userId"], index as u64 + 1, "{threads} threads");
        }
    }
    assert!(minter.mint_many(&[], NOW).unwrap().is_empty());
    // The first user at fault, in batch order, fails the batch.
    let mut broken = users.clone();
    broken[150] = User::new().with_id(151);
    broken[40] = User::new().with_email("no-id@example.com");
    for threads in [1, 4] {
        let error = minter.mint_many_on(&broken, NOW, threads).unwrap_err();
        assert_eq!(
            error.to_string(),
            "validation failed: id can't be blank: the help_center profile's userId is the user's id",
            "{threads} threads"
        );
    }
}
