//! `inspect` and `decode`: what Zendesk would refuse, named, and malformed
//! tokens refused naming the part.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use hcjwt::dangerous::decode;
use hcjwt::limits::MAX_INSPECTED_TOKEN_BYTES;
use hcjwt::{FieldCatalog, InspectOptions, Profile, inspect};
use serde_json::Value;

const NOW: i64 = 1_700_000_000;

fn token(header: Value, payload: Value) -> String {
    format!(
        "{}.{}.c2ln",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload.to_string())
    )
}

fn problems(token: &str, options: InspectOptions<'_>) -> Vec<String> {
    inspect(
        token,
        &InspectOptions {
            now: Some(NOW),
            ..options
        },
    )
    .unwrap()
    .problems
}

fn good_sso() -> Value {
    serde_json::json!({"iat": NOW, "jti": "abc", "email": "a@example.com", "name": "A"})
}

#[test]
fn a_good_sso_token_has_no_problems_and_is_detected() {
    let token = token(
        serde_json::json!({"typ": "JWT", "alg": "HS256"}),
        good_sso(),
    );
    let inspection = inspect(
        &token,
        &InspectOptions {
            now: Some(NOW),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(inspection.profile, Profile::Sso);
    assert!(inspection.problems.is_empty(), "{:?}", inspection.problems);
    assert_eq!(inspection.to_json()["dates"]["iat"], "2023-11-14T22:13:20Z");
}

#[test]
fn every_sso_problem_is_named() {
    let header = serde_json::json!({"alg": "RS256"});
    let cases: [(Value, &str); 8] = [
        (serde_json::json!({"iat": NOW - 181}), "181 s before now"),
        (serde_json::json!({"iat": NOW + 600}), "600 s after now"),
        (serde_json::json!({"iat": 1.5}), "iat is not an integer"),
        (
            serde_json::json!({"iat": "1700000000"}),
            "iat is not an integer",
        ),
        (serde_json::json!({}), "iat is missing"),
        (
            serde_json::json!({"jti": null}),
            "jti is null, not a string",
        ),
        (serde_json::json!({"email": " "}), "email is blank"),
        (
            serde_json::json!({"exp": NOW - 5}),
            "expired at 2023-11-14T22:13:15Z",
        ),
    ];
    for (change, expected) in cases {
        let mut payload = serde_json::json!({"jti": "j", "email": "a@b.c", "name": "A"});
        for (key, value) in change.as_object().unwrap() {
            payload[key] = value.clone();
        }
        let found = problems(
            &token(header.clone(), payload),
            InspectOptions {
                profile: Some(Profile::Sso),
                ..Default::default()
            },
        );
        assert!(
            found.iter().any(|p| p.contains(expected)),
            "{expected}: {found:?}"
        );
        assert!(found.iter().any(|p| p.contains("HS256 only")), "{found:?}");
        assert!(found.iter().any(|p| p.contains("typ")), "{found:?}");
    }
    let nameless = problems(
        &token(
            serde_json::json!({"typ": "JWT", "alg": "HS256"}),
            serde_json::json!({"iat": NOW, "jti": "j", "email": "a@b.c"}),
        ),
        InspectOptions {
            profile: Some(Profile::Sso),
            ..Default::default()
        },
    );
    assert_eq!(nameless, ["name is missing: Zendesk needs the user's name"]);
}

#[test]
fn help_center_problems_are_named() {
    let found = problems(
        &token(
            serde_json::json!({"alg": "none"}),
            serde_json::json!({"userId": "1"}),
        ),
        InspectOptions::default(),
    );
    for expected in [
        "alg is none",
        "no kid",
        "exp is missing",
        "email is missing",
        "userId is not a whole number",
    ] {
        assert!(
            found.iter().any(|p| p.contains(expected)),
            "{expected}: {found:?}"
        );
    }
}

#[test]
fn user_fields_the_catalog_refuses_are_problems() {
    let catalog = FieldCatalog::from_json(
        br#"{"user_fields": [{"id": 1, "key": "vip", "type": "checkbox", "title": "VIP", "active": true}]}"#,
    )
    .unwrap();
    let mut payload = good_sso();
    payload["user_fields"] = serde_json::json!({"vip": "yes", "shoe_size": 9});
    let found = problems(
        &token(serde_json::json!({"typ": "JWT", "alg": "HS256"}), payload),
        InspectOptions {
            fields: Some(&catalog),
            ..Default::default()
        },
    );
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found
            .iter()
            .all(|p| p.contains("Zendesk ignores it silently"))
    );
}

#[test]
fn extreme_times_long_algs_and_crit_are_reported_without_overflow() {
    for (iat, now) in [
        (i64::MAX, 0),
        (i64::MIN, i64::MAX),
        (i64::MAX, i64::MIN),
        (0, i64::MAX),
    ] {
        let payload =
            serde_json::json!({"iat": iat, "exp": iat, "jti": "j", "email": "a@b.c", "name": "A"});
        let found = inspect(
            &token(serde_json::json!({"typ": "JWT", "alg": "HS256"}), payload),
            &InspectOptions {
                profile: Some(Profile::Sso),
                now: Some(now),
                ..Default::default()
            },
        )
        .unwrap()
        .problems;
        assert!(
            found.iter().any(|p| p.contains("3 minutes off")),
            "{iat} {now}: {found:?}"
        );
    }
    let long = "A".repeat(10_000);
    let found = problems(
        &token(
            serde_json::json!({"typ": "JWT", "alg": long, "crit": ["exp", "b64"]}),
            good_sso(),
        ),
        InspectOptions {
            profile: Some(Profile::Sso),
            ..Default::default()
        },
    );
    assert!(found.iter().all(|p| p.len() < 300), "{found:?}");
    assert!(
        found
            .iter()
            .any(|p| p.contains("crit names extensions (\"exp\", \"b64\")")),
        "{found:?}"
    );
}

#[test]
fn tokens_over_the_size_limit_are_refused_before_decoding() {
    let big = format!("e30.{}.c2ln", "A".repeat(MAX_INSPECTED_TOKEN_BYTES));
    assert_eq!(
        decode(&big).unwrap_err().kind(),
        hcjwt::ErrorKind::TokenTooLarge
    );
    assert_eq!(
        inspect(&big, &InspectOptions::default())
            .unwrap_err()
            .kind(),
        hcjwt::ErrorKind::TokenTooLarge
    );
}

#[test]
fn malformed_tokens_are_errors_naming_the_part() {
    for (bad, expected) in [
        ("a.b", "3 segments"),
        ("!!.e30.x", "header segment"),
        ("e30.bm90IGpzb24.x", "payload"),
    ] {
        let error = decode(bad).unwrap_err();
        assert_eq!(error.kind(), hcjwt::ErrorKind::MalformedToken);
        assert!(error.to_string().contains(expected), "{bad}: {error}");
    }
}
