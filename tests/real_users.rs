//! Real Users API data in, right tokens out: user objects exactly as
//! `GET /api/v2/users/{id}` answers them (every member, nulls, sideloads, the
//! three roles, a photo, large ids, inactive fields) mint on both profiles,
//! and a bad user gets every problem named at once.

use hcjwt::{
    Algorithm, ClaimSet, ErrorKind, FieldCatalog, Member, Minter, MinterOptions, SigningKey, User,
};
use serde_json::{Map, Value, json};

const NOW: i64 = 1_732_406_400;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/users/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn catalog() -> FieldCatalog {
    FieldCatalog::from_json(&fixture("fields.json")).expect("the account's catalog loads")
}

fn rsa() -> SigningKey {
    let pem = std::fs::read(format!(
        "{}/tests/fixtures/keys/rsa2048.pem",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    SigningKey::from_bytes(&pem, None).unwrap()
}

fn secret() -> SigningKey {
    SigningKey::from_secret(b"a-shared-sso-secret-of-32-bytes!", Algorithm::HS256).unwrap()
}

fn help_center() -> Minter {
    Minter::new(rsa(), MinterOptions::help_center(None, Some(catalog()))).unwrap()
}

fn sso() -> Minter {
    Minter::new(
        secret(),
        MinterOptions {
            fields: Some(catalog()),
            ..MinterOptions::sso()
        },
    )
    .unwrap()
}

fn payload(token: &str) -> Map<String, Value> {
    use base64::Engine;
    let segment = token.split('.').nth(1).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(segment)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

fn errors_json(error: hcjwt::Error) -> Value {
    match error {
        hcjwt::Error::Validation(errors) => serde_json::from_str(&errors.to_json()).unwrap(),
        other => panic!("expected a validation error, got {other}"),
    }
}

#[test]
fn a_fetched_end_user_with_sideloads_mints_a_help_center_token() {
    let bytes = fixture("end_user_with_sideloads.json");
    let token = help_center().mint_json(&bytes, Some(NOW)).unwrap();
    let claims = payload(&token);
    assert_eq!(
        claims["email"], "roger@example.org",
        "the sideload's email is ignored"
    );
    assert_eq!(
        claims["userId"],
        json!(383_749_572_938_u64),
        "not the top-level id"
    );
    assert_eq!(claims["externalId"], Value::Null);
    assert!(
        !claims.contains_key("role"),
        "help center tokens never carry role"
    );
    assert_eq!(
        Value::Object(claims["user_fields"].as_object().unwrap().clone()),
        json!({
            "plan": "gold",
            "seats": 25,
            "renewal_date": "2025-03-31",
            "account_manager": "9007199254740993",
            "beta_tester": false
        }),
        "nulls (the inactive field's too) are left out; the lookup id stays a string"
    );
}

#[test]
fn the_three_roles_mint_on_both_profiles() {
    for (name, role) in [
        ("end_user_with_sideloads.json", "end_user"),
        ("agent.json", "agent"),
        ("admin.json", "admin"),
    ] {
        let bytes = fixture(name);
        help_center()
            .mint_json(&bytes, Some(NOW))
            .unwrap_or_else(|error| panic!("{name} help_center: {error}"));
        let token = sso()
            .mint_json(&bytes, Some(NOW))
            .unwrap_or_else(|error| panic!("{name} sso: {error}"));
        assert_eq!(payload(&token)["role"], role, "{name}");
    }
}

#[test]
fn sso_writes_the_sso_spellings_and_never_the_internal_organization_id() {
    let end_user = payload(
        &sso()
            .mint_json(&fixture("end_user_with_sideloads.json"), Some(NOW))
            .unwrap(),
    );
    assert_eq!(end_user["role"], "end_user");
    assert!(
        !end_user.contains_key("organization_id"),
        "9876543210123 is Zendesk's internal id, not the organization's external id"
    );
    assert_eq!(end_user["locale_id"], 1);
    assert_eq!(end_user["tags"], json!([]));
    assert!(!end_user.contains_key("phone"), "null is absent");
    assert_eq!(
        end_user["user_fields"]["customer_code"],
        Value::Null,
        "sso keeps null for an active field: Zendesk clears it"
    );
    assert!(
        !end_user["user_fields"]
            .as_object()
            .unwrap()
            .contains_key("legacy_tier"),
        "null for an inactive field is left out"
    );

    let agent = payload(&sso().mint_json(&fixture("agent.json"), Some(NOW)).unwrap());
    assert_eq!(
        agent["remote_photo_url"], "https://acme.zendesk.com/system/photos/928374/lena.png",
        "photo.content_url stands in for remote_photo_url"
    );
    assert_eq!(agent["custom_role_id"], json!(360_012_345_678_u64));
    assert_eq!(agent["tags"], json!(["tier2", "german"]));
    assert_eq!(agent["external_id"], "emp-0042");
    assert_eq!(agent["phone"], "+49 30 1234567");

    let with_org = User::new()
        .with_email("a@example.com")
        .with_name("Ann")
        .with(Member::OrganizationId, "sierra")
        .with(
            Member::Organizations,
            hcjwt::Json::from(json!(["Sierra", "Acme"])),
        )
        .with(
            Member::OrganizationIds,
            hcjwt::Json::from(json!(["sierra", 42])),
        );
    let claims = payload(&sso().mint_at(&with_org, NOW).unwrap());
    assert_eq!(
        claims["organization_id"], "sierra",
        "a string is the external id"
    );
    assert_eq!(claims["organizations"], "Sierra,Acme");
    assert_eq!(claims["organization_ids"], "sierra,42");
}

#[test]
fn help_center_checks_only_what_it_writes() {
    let odd = json!({"user": {
        "id": 5, "email": "odd@example.com", "name": "Tab\there", "phone": 12345,
        "tags": {"not": "a list"}, "role": "owner", "locale_id": "8", "photo": "nope"
    }})
    .to_string();
    let token = help_center().mint_json(odd.as_bytes(), Some(NOW)).unwrap();
    assert_eq!(payload(&token)["userId"], 5);
    let errors = errors_json(sso().mint_json(odd.as_bytes(), Some(NOW)).unwrap_err());
    assert_eq!(
        errors["errors"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["locale_id", "name", "phone", "photo", "role", "tags"],
        "the sso profile writes them all, so it names them all"
    );
}

#[test]
fn a_wrapped_user_reports_its_wrong_members_by_name() {
    for (user, member, message) in [
        (
            json!({"user": {"id": "1", "email": "a@example.com"}}),
            "id",
            "must be an integer id",
        ),
        (
            json!({"user": {"id": 1.0, "email": "a@example.com"}}),
            "id",
            "must be an integer id",
        ),
        (
            json!({"user": {"id": 1, "email": "a@example.com", "external_id": 5678}}),
            "external_id",
            "must be a string or null",
        ),
        (
            json!({"user": {"id": 1, "email": "a@example.com", "user_fields": []}}),
            "user_fields",
            "must be an object",
        ),
    ] {
        let text = user.to_string();
        let errors = errors_json(
            help_center()
                .mint_json(text.as_bytes(), Some(NOW))
                .unwrap_err(),
        );
        let messages = errors["errors"][member]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(
            messages
                .iter()
                .any(|m| m.as_str().unwrap().starts_with(message)),
            "{text}: {errors}"
        );
        assert!(errors["errors"].get("email").is_none(), "{text}: {errors}");
    }
    let errors = errors_json(
        sso()
            .mint_json(
                br#"{"user": {"email": "a@example.com", "name": "A", "locale_id": "8"}}"#,
                Some(NOW),
            )
            .unwrap_err(),
    );
    assert!(errors["errors"]["locale_id"].is_array(), "{errors}");
    let error = User::from_json(br#"{"user": "roger", "identities": []}"#).unwrap_err();
    assert_eq!(
        errors_json(error),
        json!({"errors": {"user": ["must be a JSON object, not a string"]}})
    );
}

#[test]
fn one_bad_user_gets_every_problem_at_once() {
    let user = json!({"user": {
        "id": "35436",
        "user_fields": {"plan": "bronze", "seats": 1_234_567_890_123_u64, "renewal_date": "2024-02-30"}
    }})
    .to_string();
    let expected = json!({"errors": {
        "email": ["can't be blank"],
        "id": ["must be an integer id (a JSON integer such as 35436)"],
        "user_fields.plan": ["\"bronze\" is not an option of this field"],
        "user_fields.renewal_date": ["\"2024-02-30\" is not a real calendar date"],
        "user_fields.seats": ["must be an integer of at most 12 digits"]
    }});
    let error = help_center()
        .mint_json(user.as_bytes(), Some(NOW))
        .unwrap_err();
    assert_eq!(errors_json(error), expected);
    let parsed = User::from_json(user.as_bytes()).unwrap();
    let error =
        hcjwt::check_user(&parsed, hcjwt::Profile::HelpCenter, Some(&catalog())).unwrap_err();
    assert_eq!(
        errors_json(error),
        expected,
        "check says exactly what mint refuses"
    );
}

#[test]
fn a_non_null_value_for_an_inactive_field_stays_an_error() {
    let user = json!({"id": 1, "email": "a@example.com", "user_fields": {"legacy_tier": "gold"}})
        .to_string();
    let errors = errors_json(
        help_center()
            .mint_json(user.as_bytes(), Some(NOW))
            .unwrap_err(),
    );
    assert_eq!(
        errors,
        json!({"errors": {"user_fields.legacy_tier": ["is not active: only null is accepted"]}})
    );
}

#[test]
fn custom_claims_belong_to_help_center_tokens() {
    let claims = ClaimSet::new(1, 2);
    let error = Minter::new(
        secret(),
        MinterOptions {
            claims: Some(claims),
            ..MinterOptions::sso()
        },
    )
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidOption);
    assert!(error.to_string().contains("help center tokens"), "{error}");
}

#[test]
fn a_stored_claim_that_collides_with_the_profile_is_named_at_build() {
    let document = br#"{"custom_claims": [
        {"account_id": 1, "brand_id": 2, "claim_identifier": "plan", "claim_value": "gold"},
        {"account_id": 1, "brand_id": 2, "claim_identifier": "exp", "claim_value": "never"},
        {"account_id": 1, "brand_id": 2, "claim_identifier": "EXP", "claim_value": "shouting"}
    ]}"#;
    let claims = ClaimSet::from_json(document).expect("the API's rules hold");
    let error = Minter::new(rsa(), MinterOptions::help_center(Some(claims), None)).unwrap_err();
    assert_eq!(
        errors_json(error),
        json!({"errors": {"custom_claims[1].claim_identifier": [
            "\"exp\" collides with a claim the help_center profile writes"
        ]}})
    );
}

#[test]
fn without_a_catalog_values_are_copied_and_nulls_follow_the_profile() {
    let user = json!({"id": 1, "email": "a@example.com", "name": "A",
        "user_fields": {"anything": [1, {"x": true}], "gone": null}});
    let text = user.to_string();
    let plain = Minter::new(rsa(), MinterOptions::default()).unwrap();
    assert_eq!(
        payload(&plain.mint_json(text.as_bytes(), Some(NOW)).unwrap())["user_fields"],
        json!({"anything": [1, {"x": true}]})
    );
    let sso = Minter::new(secret(), MinterOptions::sso()).unwrap();
    assert_eq!(
        payload(&sso.mint_json(text.as_bytes(), Some(NOW)).unwrap())["user_fields"],
        json!({"anything": [1, {"x": true}], "gone": null})
    );
}

#[test]
fn users_built_in_rust_mint_like_fetched_ones() {
    let user = User::new()
        .with_id(383_749_572_938)
        .with_email("roger@example.org")
        .with_field("plan", "gold")
        .with_field("seats", 25_u64)
        .with_field("legacy_tier", hcjwt::Json::Null);
    let built = payload(&help_center().mint_at(&user, NOW).unwrap());
    assert_eq!(built["user_fields"], json!({"plan": "gold", "seats": 25}));
    assert_eq!(built["userId"], json!(383_749_572_938_u64));
}

#[test]
fn a_list_of_users_is_named_as_one() {
    for document in [
        &br#"{"users": [{"id": 1, "email": "a@example.com"}], "count": 1, "next_page": null}"#[..],
        br#"{"users": []}"#,
    ] {
        let error = hcjwt::User::from_json(document).unwrap_err();
        let errors = error.field_errors().unwrap();
        assert_eq!(errors.len(), 1, "{errors}");
        assert_eq!(errors.get("user").unwrap(), [hcjwt::User::A_LIST_OF_USERS]);
        let value = hcjwt::Json::from_slice(document, "test").unwrap();
        let error = hcjwt::User::from_value(&value).unwrap_err();
        assert_eq!(
            error.field_errors().unwrap().get("user").unwrap(),
            [hcjwt::User::A_LIST_OF_USERS]
        );
    }
}
