//! The messaging profile and the exchange: tokens checked by jsonwebtoken
//! (header, members and their order), every trap named (numeric, missing,
//! long external_id; no kid; a key pair; email_verified without email;
//! claims or fields given), inspect's list, and the exchange of help center
//! tokens verified against a keys server on 127.0.0.1 (good, expired,
//! forged, with and without an external id).
#![cfg(feature = "remote")]

mod common;
mod support;

use hcjwt::remote::RemoteJwksOptions;
use hcjwt::{
    Algorithm, ClaimSet, ErrorKind, FieldCatalog, InspectOptions, Minter, MinterOptions,
    MissingExternalId, Profile, SigningKey, User, Verifier, VerifierOptions, exchange_at,
};
use serde_json::{Value, json};
use support::{Reply, Server};

const NOW: i64 = 1_700_000_000;
const SECRET: &[u8] = b"a-messaging-secret-of-at-least-32-bytes";
const KID: &str = "app_64ac9c1f8e2ad5001e9a0a53";

fn messaging(options: MinterOptions) -> hcjwt::Result<Minter> {
    Minter::new(
        SigningKey::from_secret(SECRET, Algorithm::HS256)?,
        MinterOptions {
            profile: Profile::Messaging,
            ttl: 600,
            ..options
        },
    )
}

fn minter() -> Minter {
    messaging(MinterOptions::messaging(KID)).unwrap()
}

/// The fixture's Users API answer (sideloads and all) with an external id.
fn users_api_user() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/users/end_user_with_sideloads.json"
    );
    let mut document: Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    document["user"]["external_id"] = "crm-4411".into();
    document
}

fn mint(user: &Value) -> hcjwt::Result<String> {
    minter().mint_at(&User::from_json(user.to_string().as_bytes())?, NOW)
}

/// The token as jsonwebtoken reads it with the secret: header and claims.
fn decoded(token: &str) -> (jsonwebtoken::Header, Value) {
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    validation.validate_exp = false;
    validation.required_spec_claims.clear();
    let data = jsonwebtoken::decode::<Value>(
        token,
        &jsonwebtoken::DecodingKey::from_secret(SECRET),
        &validation,
    )
    .unwrap();
    (data.header, data.claims)
}

fn payload_text(token: &str) -> String {
    use base64::Engine;
    let part = token.split('.').nth(1).unwrap();
    String::from_utf8(
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(part)
            .unwrap(),
    )
    .unwrap()
}

#[test]
fn a_users_api_user_mints_a_messaging_token_jsonwebtoken_accepts() {
    let token = mint(&users_api_user()).unwrap();
    let (header, claims) = decoded(&token);
    assert_eq!(header.alg, jsonwebtoken::Algorithm::HS256);
    assert_eq!(header.kid.as_deref(), Some(KID));
    assert_eq!(header.typ.as_deref(), Some("JWT"));
    assert_eq!(
        claims,
        json!({"scope": "user", "external_id": "crm-4411", "exp": NOW + 600,
               "name": "Roger Wilco", "email": "roger@example.org"})
    );
    assert_eq!(
        payload_text(&token),
        format!(
            r#"{{"scope":"user","external_id":"crm-4411","exp":{},"name":"Roger Wilco","email":"roger@example.org"}}"#,
            NOW + 600
        ),
        "in the documented order, no iat, jti or user_fields"
    );
}

#[test]
fn email_verified_is_written_only_when_the_user_says() {
    let mut user = json!({"external_id": "x-1", "email": "a@example.com"});
    assert!(!payload_text(&mint(&user).unwrap()).contains("email_verified"));
    user["email_verified"] = true.into();
    assert_eq!(decoded(&mint(&user).unwrap()).1["email_verified"], true);
    let only_id = json!({"external_id": "x-1"});
    assert_eq!(
        decoded(&mint(&only_id).unwrap()).1,
        json!({"scope": "user", "external_id": "x-1", "exp": NOW + 600})
    );
}

#[test]
fn every_trap_is_named() {
    let cases = [
        (
            json!({"email": "a@example.com"}),
            "external_id",
            "can't be blank: messaging identifies the user by external_id",
        ),
        (
            json!({"external_id": null}),
            "external_id",
            "can't be blank: messaging identifies the user by external_id",
        ),
        (
            json!({"external_id": 4411}),
            "external_id",
            "must be a string, not the number 4411: messaging refuses a numeric external_id (write \"4411\")",
        ),
        (
            json!({"external_id": "x".repeat(256)}),
            "external_id",
            "is too long (256 characters; messaging takes at most 255)",
        ),
        (
            json!({"external_id": "x-1", "email_verified": true}),
            "email_verified",
            "is given without email: messaging reads email_verified of the email only",
        ),
        (
            json!({"external_id": "x-1", "email": "a@example.com", "email_verified": "yes"}),
            "email_verified",
            "must be true or false",
        ),
    ];
    for (user, field, message) in cases {
        let error = mint(&user).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Validation, "{user}");
        assert_eq!(
            error.field_errors().unwrap().get(field).unwrap(),
            [message],
            "{user}"
        );
    }
    assert!(
        mint(&json!({"external_id": "x".repeat(255)})).is_ok(),
        "255 characters fit"
    );

    let no_kid = messaging(MinterOptions::default()).unwrap_err();
    assert_eq!(
        no_kid.to_string(),
        "invalid option kid: messaging tokens need the kid of the messaging signing key (its id in Admin Center, app_...): give kid"
    );
    let pem = common::key_file("rsa2048.pem");
    let rsa = Minter::new(
        SigningKey::from_bytes(&pem, None).unwrap(),
        MinterOptions {
            profile: Profile::Messaging,
            kid: Some(KID.into()),
            ..MinterOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(
        rsa.to_string(),
        "invalid option profile: messaging tokens are signed with HS256 only, not RS256"
    );
    let claims = messaging(MinterOptions {
        kid: Some(KID.into()),
        claims: Some(ClaimSet::new(1, 2)),
        ..MinterOptions::default()
    })
    .unwrap_err();
    assert!(
        claims
            .to_string()
            .contains("the messaging profile takes none"),
        "{claims}"
    );
    let fields = messaging(MinterOptions {
        kid: Some(KID.into()),
        fields: Some(FieldCatalog::new()),
        ..MinterOptions::default()
    })
    .unwrap_err();
    assert!(
        fields
            .to_string()
            .contains("messaging tokens carry no user fields"),
        "{fields}"
    );
}

#[test]
fn inspect_lists_what_messaging_refuses() {
    // A hand-rolled token with every trap: RS256, no kid, a numeric
    // external_id, a wrong scope, email_verified without email.
    use base64::Engine;
    let b64 =
        |value: Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value.to_string());
    let input = format!(
        "{}.{}",
        b64(json!({"alg": "RS256", "typ": "JWT"})),
        b64(
            json!({"scope": "users", "external_id": 4411, "exp": NOW + 60, "email_verified": true})
        )
    );
    let key = SigningKey::from_bytes(&common::key_file("rsa2048.pem"), None).unwrap();
    let signature = key.sign(input.as_bytes()).unwrap();
    let token = format!(
        "{input}.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(signature)
    );
    let inspection = hcjwt::inspect(
        &token,
        &InspectOptions {
            now: Some(NOW),
            ..InspectOptions::default()
        },
    )
    .unwrap();
    assert_eq!(
        inspection.profile,
        Profile::Messaging,
        "detected by its scope"
    );
    assert_eq!(
        inspection.problems,
        [
            "the header's alg is \"RS256\": Zendesk messaging takes HS256 only",
            "the header has no kid: Zendesk messaging picks the signing key by it (the key's id in Admin Center, app_...)",
            "scope is \"users\": Zendesk messaging takes \"user\" only",
            "external_id is the number 4411, not a string: Zendesk messaging refuses a numeric external_id",
            "email_verified is given without email: Zendesk messaging reads it of the email only",
        ]
    );
    let good = hcjwt::inspect(
        &mint(&users_api_user()).unwrap(),
        &InspectOptions::default(),
    )
    .unwrap();
    assert_eq!(good.problems, Vec::<String>::new());
}

/// A help center's keys endpoint on 127.0.0.1 and a minter of its tokens.
fn help_center() -> (Server, Minter) {
    let pem = common::key_file("rsa2048.pem");
    let minter = Minter::new(
        SigningKey::from_bytes(&pem, None).unwrap(),
        MinterOptions {
            kid: Some("hc-1".into()),
            ..MinterOptions::default()
        },
    )
    .unwrap();
    let jwks = serde_json::to_string(&minter.jwks()).unwrap();
    let server = Server::start(move |_| Reply::json(200, jwks.clone()));
    (server, minter)
}

fn help_center_verifier(server: &Server) -> Verifier {
    Verifier::for_help_center(
        &server.base,
        VerifierOptions::default(),
        RemoteJwksOptions::default(),
    )
    .unwrap()
}

fn user(value: Value) -> User<'static> {
    User::from_json(value.to_string().as_bytes())
        .unwrap()
        .into_owned()
}

#[test]
fn a_verified_help_center_token_is_exchanged_for_a_messaging_token() {
    let (server, help_center_minter) = help_center();
    let verifier = help_center_verifier(&server);
    let token = help_center_minter
        .mint_at(
            &user(json!({"id": 35436, "email": "a@example.com", "external_id": "crm-1"})),
            NOW,
        )
        .unwrap();
    let messaging_token = exchange_at(
        &verifier,
        &token,
        &minter(),
        MissingExternalId::Refuse,
        NOW + 10,
    )
    .unwrap();
    let (header, claims) = decoded(&messaging_token);
    assert_eq!(header.kid.as_deref(), Some(KID));
    assert_eq!(
        claims,
        json!({"scope": "user", "external_id": "crm-1", "exp": NOW + 10 + 600, "email": "a@example.com"})
    );
    assert_eq!(server.hits(), 1, "the keys fetched once");

    let expired = exchange_at(
        &verifier,
        &token,
        &minter(),
        MissingExternalId::Refuse,
        NOW + 3600,
    )
    .unwrap_err();
    assert_eq!(expired.kind(), ErrorKind::Expired);
    let forged = format!("{}AAAA", &token[..token.len() - 4]);
    let refused = exchange_at(
        &verifier,
        &forged,
        &minter(),
        MissingExternalId::Refuse,
        NOW,
    )
    .unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::InvalidSignature);
}

#[test]
fn a_null_external_id_is_refused_unless_the_user_id_is_chosen() {
    let (server, help_center_minter) = help_center();
    let verifier = help_center_verifier(&server);
    let token = help_center_minter
        .mint_at(&user(json!({"id": 35436, "email": "a@example.com"})), NOW)
        .unwrap();
    let refused =
        exchange_at(&verifier, &token, &minter(), MissingExternalId::Refuse, NOW).unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::InvalidClaim);
    assert!(refused.to_string().contains("externalId"), "{refused}");
    let chosen = exchange_at(
        &verifier,
        &token,
        &minter(),
        MissingExternalId::UseUserId,
        NOW,
    )
    .unwrap();
    assert_eq!(decoded(&chosen).1["external_id"], "35436");
    let not_messaging = exchange_at(
        &verifier,
        &token,
        &help_center_minter,
        MissingExternalId::Refuse,
        NOW,
    )
    .unwrap_err();
    assert_eq!(not_messaging.kind(), ErrorKind::InvalidOption);
}
