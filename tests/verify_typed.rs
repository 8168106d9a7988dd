//! Typed verification: the payload straight into the caller's type, with
//! every check `verify_at` makes; `HelpCenterClaims` for help center
//! tokens; jsonwebtoken's `decode::<T>` as the outside oracle.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hcjwt::{
    Algorithm, ClaimSet, ErrorKind, HelpCenterClaims, Minter, MinterOptions, SigningKey, User,
    Verifier, VerifierOptions,
};
use serde::Deserialize;
use serde_json::{Value, json};

const NOW: i64 = 1_700_000_000;
const SECRET: &[u8] = b"a-shared-secret-of-at-least-32-bytes!!";

fn verifier() -> Verifier {
    Verifier::from_key_bytes(SECRET, &[Algorithm::HS256], VerifierOptions::default()).unwrap()
}

/// A token signed by jsonwebtoken over `payload` (text as given).
fn peer_token(payload: &str) -> String {
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(payload)
    );
    let key = SigningKey::from_secret(SECRET, Algorithm::HS256).unwrap();
    format!(
        "{input}.{}",
        URL_SAFE_NO_PAD.encode(key.sign(input.as_bytes()).unwrap())
    )
}

#[derive(Debug, PartialEq, Deserialize)]
struct Session {
    email: String,
    #[serde(rename = "userId")]
    user_id: u64,
    exp: i64,
    plan: Option<String>,
    tags: Vec<String>,
}

#[test]
fn a_help_center_token_verifies_into_help_center_claims() {
    let claims = ClaimSet::from_json(
        br#"[{"account_id":1,"brand_id":2,"claim_identifier":"plan","claim_value":"gold","id":"01HEQFZ40TR7GMPHJZBWAZKE77"}]"#,
    )
    .unwrap();
    let minter = Minter::new(
        SigningKey::from_secret(SECRET, Algorithm::HS256).unwrap(),
        MinterOptions::help_center(Some(claims), None),
    )
    .unwrap();
    let user = User::from_json(
        br#"{"id": 35436, "email": "a@example.com", "external_id": null, "user_fields": {"tier": "gold"}}"#,
    )
    .unwrap();
    let token = minter.mint_at(&user, NOW).unwrap();
    let typed: HelpCenterClaims = verifier().verify_as_at(&token, NOW).unwrap();
    let jti = typed.jti.clone();
    assert_eq!(
        typed,
        serde_json::from_value(json!({
            "iat": NOW, "exp": NOW + 300, "jti": jti, "email": "a@example.com", "userId": 35436,
            "externalId": null, "user_fields": {"tier": "gold"}, "plan": "gold"
        }))
        .unwrap()
    );
    assert_eq!(
        typed.custom_claims,
        json!({"plan": "gold"}).as_object().unwrap().clone()
    );
    assert_eq!(typed.user_fields.unwrap()["tier"], "gold");
}

#[test]
fn the_same_struct_as_jsonwebtoken_decodes_it() {
    let payload = r#"{"email":"caf\u00e9@example.com","userId":12345678901,"exp":1700000300,"plan":null,"tags":["a","b"]}"#;
    let token = peer_token(payload);
    let ours: Session = verifier().verify_as_at(&token, NOW).unwrap();
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    validation.validate_exp = false;
    let theirs = jsonwebtoken::decode::<Session>(
        &token,
        &jsonwebtoken::DecodingKey::from_secret(SECRET),
        &validation,
    )
    .unwrap()
    .claims;
    assert_eq!(ours, theirs);
    assert_eq!(ours.email, "café@example.com");
}

#[test]
fn every_check_of_verify_at_still_applies() {
    let good = r#"{"email":"a@example.com","userId":1,"exp":1700000300,"tags":[]}"#;
    let cases = [
        (
            peer_token(r#"{"email":"a@example.com","userId":1,"exp":1699990000,"tags":[]}"#),
            ErrorKind::Expired,
        ),
        (
            peer_token(r#"{"email":"a@example.com","userId":1,"tags":[]}"#),
            ErrorKind::MissingClaim,
        ),
        (
            peer_token(
                r#"{"email":"a@example.com","email":"b@example.com","userId":1,"exp":1700000300,"tags":[]}"#,
            ),
            ErrorKind::MalformedToken,
        ),
        (
            peer_token(
                r#"{"email":"a@example.com","userId":1,"exp":1700000300,"tags":[],"x":{"k":1,"k":2}}"#,
            ),
            ErrorKind::MalformedToken,
        ),
        (
            format!("{}AAAA", &peer_token(good)[..peer_token(good).len() - 4]),
            ErrorKind::InvalidSignature,
        ),
        (
            peer_token(
                r#"{"email":"a@example.com","userId":1,"exp":1700000300,"tags":[],"aud":"them"}"#,
            ),
            ErrorKind::InvalidClaim,
        ),
    ];
    for (token, kind) in cases {
        let error = verifier().verify_as_at::<Session>(&token, NOW).unwrap_err();
        assert_eq!(error.kind(), kind, "{error}");
        assert_eq!(
            verifier().verify_at(&token, NOW).unwrap_err().kind(),
            kind,
            "the same answer as verify_at"
        );
    }
}

#[test]
fn a_payload_that_does_not_fit_names_the_member() {
    let token = peer_token(r#"{"email":5,"userId":1,"exp":1700000300,"tags":[]}"#);
    let error = verifier().verify_as_at::<Session>(&token, NOW).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid claim email: invalid type: integer `5`, expected a string"
    );
    let token =
        peer_token(r#"{"email":"a@example.com","userId":1,"exp":1700000300,"tags":["a",7]}"#);
    let error = verifier().verify_as_at::<Session>(&token, NOW).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidClaim);
    assert!(
        error.to_string().starts_with("invalid claim tags[1]: "),
        "{error}"
    );
    let token = peer_token(r#"{"userId":1,"exp":1700000300,"tags":[]}"#);
    let error = verifier().verify_as_at::<Session>(&token, NOW).unwrap_err();
    assert_eq!(error.to_string(), "invalid claim .: missing field `email`");
    let any: Value = verifier().verify_as_at(&token, NOW).unwrap();
    assert_eq!(any, json!({"userId": 1, "exp": 1700000300, "tags": []}));
}

#[test]
fn escaped_registered_claims_are_compared_unescaped() {
    let token = peer_token(
        r#"{"email":"a@example.com","userId":1,"exp":1700000300,"tags":[],"iss":"https:\/\/acme.zendesk.com","aud":["x","\u0079"]}"#,
    );
    let verifier = Verifier::from_key_bytes(
        SECRET,
        &[Algorithm::HS256],
        VerifierOptions {
            issuer: Some("https://acme.zendesk.com".into()),
            audience: vec!["y".into()],
            ..VerifierOptions::default()
        },
    )
    .unwrap();
    let session: Session = verifier.verify_as_at(&token, NOW).unwrap();
    assert_eq!(session.user_id, 1);
    let wrong = Verifier::from_key_bytes(
        SECRET,
        &[Algorithm::HS256],
        VerifierOptions {
            issuer: Some("https://other.zendesk.com".into()),
            accept_any_audience: true,
            ..VerifierOptions::default()
        },
    )
    .unwrap();
    let error = wrong.verify_as_at::<Session>(&token, NOW).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidClaim);
    assert!(
        error.to_string().starts_with("invalid claim iss"),
        "{error}"
    );
}

#[test]
fn a_payload_that_is_not_an_object_is_malformed() {
    for payload in [r#"[1,2]"#, r#""text""#, "5"] {
        let error = verifier()
            .verify_as_at::<Value>(&peer_token(payload), NOW)
            .unwrap_err();
        assert_eq!(
            error.kind(),
            ErrorKind::MalformedToken,
            "{payload}: {error}"
        );
    }
}
