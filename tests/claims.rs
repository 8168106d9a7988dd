//! Account custom claims: the set's operations, the creation policy with the
//! API's error shape, the API's own rules for stored documents (which load
//! even when hcjwt's policy would refuse creating them), round-trips in the
//! document's own shape, and failed operations leaving the set unchanged.

use hcjwt::{ClaimInput, ClaimSet, ClaimSets, ErrorKind, RESERVED_CLAIM_NAMES};
use serde_json::{Value, json};

fn errors_of(result: hcjwt::Result<impl std::fmt::Debug>) -> hcjwt::FieldErrors {
    match result {
        Err(hcjwt::Error::Validation(errors)) => errors,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn set_with(identifiers: &[&str]) -> ClaimSet {
    let mut set = ClaimSet::new(998, 10001);
    for identifier in identifiers {
        set.create(ClaimInput::new(*identifier, "value"))
            .expect("valid claim");
    }
    set
}

fn reads_back(set: &ClaimSet) -> ClaimSet {
    ClaimSet::from_json(set.to_json().as_bytes()).expect("to_json reads back")
}

#[test]
fn create_assigns_a_ulid_the_pair_and_the_timestamps() {
    let mut set = ClaimSet::new(998, 10001);
    let claim = set
        .create_at(
            ClaimInput::new("tier", "gold").description("support tier"),
            "2024-05-01T12:00:00Z",
        )
        .unwrap()
        .clone();
    assert_eq!(claim.id.as_deref().unwrap().len(), 26);
    assert!(claim.id.as_deref().unwrap().parse::<ulid::Ulid>().is_ok());
    assert_eq!((claim.account_id, claim.brand_id), (Some(998), Some(10001)));
    assert_eq!(claim.claim_description.as_deref(), Some("support tier"));
    let json = serde_json::to_value(&claim).unwrap();
    assert_eq!(json["created_at"], "2024-05-01T12:00:00Z");
    assert_eq!(json["updated_at"], "2024-05-01T12:00:00Z");
    let plain = set.create(ClaimInput::new("plan", "basic")).unwrap();
    assert_eq!(
        serde_json::to_value(plain).unwrap()["claim_description"],
        Value::Null,
        "the API answers null for a claim created without a description"
    );
}

#[test]
fn list_show_update_delete() {
    let mut set = set_with(&["tier", "plan"]);
    let ids: Vec<String> = set.list().iter().map(|c| c.id.clone().unwrap()).collect();
    assert_eq!(set.len(), 2);
    assert_eq!(set.get(&ids[1]).unwrap().claim_identifier, "plan");
    let created = set.get(&ids[0]).unwrap().created_at.clone();
    let updated = set
        .update_at(
            &ids[0],
            ClaimInput {
                claim_value: Some("platinum".into()),
                ..ClaimInput::default()
            },
            "2030-01-01T00:00:00Z",
        )
        .unwrap()
        .clone();
    assert_eq!(updated.claim_value, "platinum");
    assert_eq!(
        updated.claim_identifier, "tier",
        "absent members keep their value"
    );
    assert_eq!(updated.updated_at.as_deref(), Some("2030-01-01T00:00:00Z"));
    assert_eq!(updated.created_at, created);
    let deleted = set.delete(&ids[1]).unwrap();
    assert_eq!(deleted.claim_identifier, "plan");
    assert_eq!(set.len(), 1);
    assert_eq!(set.get(&ids[1]).unwrap_err().kind(), ErrorKind::NotFound);
    assert_eq!(set.delete(&ids[1]).unwrap_err().kind(), ErrorKind::NotFound);
}

#[test]
fn blank_value_is_the_api_error() {
    let mut set = ClaimSet::new(1, 2);
    let errors = errors_of(set.create(ClaimInput::new("tier", "")));
    assert_eq!(
        errors.to_json(),
        r#"{"errors":{"claim_value":["can't be blank"]}}"#
    );
    let errors = errors_of(set.create(ClaimInput::default()));
    assert_eq!(errors.get("claim_identifier").unwrap(), ["can't be blank"]);
    assert_eq!(errors.get("claim_value").unwrap(), ["can't be blank"]);
    assert!(set.is_empty());
}

#[test]
fn a_sixth_claim_is_refused_and_the_set_is_unchanged() {
    let mut set = set_with(&["a1", "a2", "a3", "a4", "a5"]);
    let before = set.clone();
    let errors = errors_of(set.create(ClaimInput::new("a6", "v")));
    assert!(errors.get("base").unwrap()[0].contains("5 custom claims"));
    assert_eq!(set, before);
}

#[test]
fn duplicate_identifiers_are_taken_ignoring_case_when_created() {
    let mut set = set_with(&["tier"]);
    let errors = errors_of(set.create(ClaimInput::new("Tier", "v")));
    assert_eq!(
        errors.get("claim_identifier").unwrap(),
        ["has already been taken"]
    );
    let other = set
        .create(ClaimInput::new("plan", "v"))
        .unwrap()
        .id
        .clone()
        .unwrap();
    let before = set.clone();
    let errors = errors_of(set.update(
        &other,
        ClaimInput {
            claim_identifier: Some("TIER".into()),
            ..ClaimInput::default()
        },
    ));
    assert_eq!(
        errors.get("claim_identifier").unwrap(),
        ["has already been taken"]
    );
    assert_eq!(set, before);
}

#[test]
fn every_reserved_name_is_refused_in_any_case_and_padding() {
    for name in RESERVED_CLAIM_NAMES.iter() {
        for variant in [
            name.to_string(),
            name.to_ascii_uppercase(),
            format!(" {name}"),
            format!("{name}\u{0}"),
        ] {
            let mut set = ClaimSet::new(1, 2);
            let errors = errors_of(set.create(ClaimInput::new(variant.clone(), "v")));
            let messages = errors.get("claim_identifier").unwrap().join(" ");
            assert!(
                messages.contains("reserved") || messages.contains("printable ASCII"),
                "{variant:?}: {messages}"
            );
            assert!(set.is_empty());
        }
    }
    let errors = errors_of(ClaimSet::new(1, 2).create(ClaimInput::new("EXP", "v")));
    assert!(errors.get("claim_identifier").unwrap()[0].contains("reserved"));
}

#[test]
fn identifier_shape_limits() {
    let cases = [
        ("", "can't be blank"),
        (&"x".repeat(65), "too long"),
        ("has space", "printable ASCII"),
        ("tab\there", "printable ASCII"),
        ("bidi\u{202e}x", "printable ASCII"),
        ("émoji", "printable ASCII"),
    ];
    for (identifier, expected) in cases {
        let errors = errors_of(ClaimSet::new(1, 2).create(ClaimInput::new(identifier, "v")));
        let messages = errors.get("claim_identifier").unwrap().join(" ");
        assert!(messages.contains(expected), "{identifier:?}: {messages}");
    }
    assert!(
        ClaimSet::new(1, 2)
            .create(ClaimInput::new("x".repeat(64), "v"))
            .is_ok()
    );
}

#[test]
fn value_limits() {
    let errors = errors_of(ClaimSet::new(1, 2).create(ClaimInput::new("k", "v".repeat(1025))));
    assert!(errors.get("claim_value").unwrap()[0].contains("1024"));
    let errors = errors_of(ClaimSet::new(1, 2).create(ClaimInput::new("k", "a\u{7}b")));
    assert!(errors.get("claim_value").unwrap()[0].contains("control"));
    assert!(
        ClaimSet::new(1, 2)
            .create(ClaimInput::new("k", "ü".repeat(512)))
            .is_ok()
    );
}

#[test]
fn several_errors_are_reported_at_once() {
    let errors = errors_of(ClaimSet::new(1, 2).create(ClaimInput::new("exp", " ")));
    assert_eq!(errors.len(), 2);
    assert!(
        errors
            .to_json()
            .starts_with(r#"{"errors":{"claim_identifier":"#)
    );
}

#[test]
fn a_failed_update_changes_nothing() {
    let mut set = set_with(&["tier"]);
    let id = set.list()[0].id.clone().unwrap();
    let before = set.clone();
    let result = set.update(
        &id,
        ClaimInput {
            claim_value: Some("ok".into()),
            claim_identifier: Some("iat".into()),
            ..ClaimInput::default()
        },
    );
    errors_of(result);
    assert_eq!(set, before);
}

#[test]
fn update_refuses_another_pair() {
    let mut set = set_with(&["tier"]);
    let id = set.list()[0].id.clone().unwrap();
    let errors = errors_of(set.update(
        &id,
        ClaimInput {
            brand_id: Some(5),
            ..ClaimInput::default()
        },
    ));
    assert!(errors.get("brand_id").is_some());
}

#[test]
fn an_empty_list_loads_and_every_set_reads_back() {
    let empty = ClaimSet::from_json(br#"{"custom_claims": []}"#).expect("a brand with no claims");
    assert!(empty.is_empty());
    assert_eq!((empty.account_id(), empty.brand_id()), (None, None));
    assert_eq!(empty.to_json(), r#"{"custom_claims":[]}"#);
    assert_eq!(reads_back(&empty), empty);
    assert!(ClaimSet::from_json(b"[]").unwrap().is_empty());
    let with_pair = ClaimSet::new(998, 10001);
    assert!(reads_back(&with_pair).is_empty());
    let full = set_with(&["a", "b", "c"]);
    assert_eq!(reads_back(&full).list(), full.list());
    let sets = ClaimSets::from_json(br#"{"custom_claims": []}"#).unwrap();
    assert!(sets.select(None, None).unwrap().is_empty());
}

#[test]
fn a_set_without_a_pair_takes_it_from_the_first_claim() {
    let mut set = ClaimSet::from_json(br#"{"custom_claims": []}"#).unwrap();
    let errors = errors_of(set.create(ClaimInput::new("tier", "gold")));
    assert!(errors.get("base").unwrap()[0].contains("no account/brand pair"));
    let input = ClaimInput {
        account_id: Some(998),
        brand_id: Some(10001),
        ..ClaimInput::new("tier", "gold")
    };
    set.create(input).unwrap();
    assert_eq!((set.account_id(), set.brand_id()), (Some(998), Some(10001)));
}

#[test]
fn stored_documents_follow_the_api_rules_not_the_creation_policy() {
    // Identifiers hcjwt would not create, values over its limit: the API
    // returned them, so they load.
    let document = json!({"custom_claims": [
        {"id": "01HQ0000000000000000000001", "account_id": 1, "brand_id": 2, "claim_identifier": "EXP", "claim_value": "v"},
        {"account_id": 1, "brand_id": 2, "claim_identifier": "has space", "claim_value": "x".repeat(2000)},
        {"account_id": 1, "brand_id": 2, "claim_identifier": "Tier", "claim_value": "v"},
        {"account_id": 1, "brand_id": 2, "claim_identifier": "tier", "claim_value": "v"}
    ]})
    .to_string();
    let mut set = ClaimSet::from_json(document.as_bytes()).expect("API rules hold");
    assert_eq!(set.len(), 4);
    // Changing the value of a claim checks only the value.
    let id = set.list()[0].id.clone().unwrap();
    set.update(
        &id,
        ClaimInput {
            claim_value: Some("w".into()),
            ..ClaimInput::default()
        },
    )
    .unwrap();
    // Exact duplicates and a sixth claim break the API's own rules.
    let document = json!([
        {"account_id": 1, "brand_id": 2, "claim_identifier": "a", "claim_value": "v"},
        {"account_id": 1, "brand_id": 2, "claim_identifier": "a", "claim_value": "v"}
    ])
    .to_string();
    let errors = errors_of(ClaimSets::from_json(document.as_bytes()));
    assert_eq!(
        errors.get("custom_claims[1].claim_identifier").unwrap(),
        ["has already been taken"]
    );
}

#[test]
fn every_problem_of_every_record_is_reported_at_its_path() {
    let document = br#"{"custom_claims": [
        {"account_id": 1, "brand_id": 2, "claim_identifier": "ok", "claim_value": "v"},
        {"account_id": 1, "brand_id": 2, "claim_identifier": "sub", "claim_value": ""},
        {"account_id": 1, "brand_id": 2, "claim_identifier": 5, "claim_value": ["v"], "created_at": "yesterday"},
        {"account_id": "one", "brand_id": -2, "claim_identifier": "x", "claim_value": "v", "claim_description": 7},
        "not an object"
    ]}"#;
    let errors = errors_of(ClaimSets::from_json(document));
    assert_eq!(
        errors.get("custom_claims[1].claim_value").unwrap(),
        ["can't be blank"]
    );
    assert_eq!(
        errors.get("custom_claims[2].claim_identifier").unwrap(),
        ["must be a string"]
    );
    assert_eq!(
        errors.get("custom_claims[2].claim_value").unwrap(),
        ["must be a string"]
    );
    assert_eq!(
        errors.get("custom_claims[2].created_at").unwrap(),
        ["is not an RFC 3339 timestamp"]
    );
    assert_eq!(
        errors.get("custom_claims[3].account_id").unwrap(),
        ["must be a non-negative integer"]
    );
    assert_eq!(
        errors.get("custom_claims[3].brand_id").unwrap(),
        ["must be a non-negative integer"]
    );
    assert_eq!(
        errors.get("custom_claims[3].claim_description").unwrap(),
        ["must be a string"]
    );
    assert_eq!(
        errors.get("custom_claims[4]").unwrap(),
        ["must be an object, not a string"]
    );
    assert_eq!(errors.message_count(), 8, "{errors}");
}

#[test]
fn documents_with_several_pairs_apply_limits_per_pair() {
    let claim = |account: u64, brand: u64, identifier: &str| json!({"account_id": account, "brand_id": brand, "claim_identifier": identifier, "claim_value": "v"});
    let mut claims: Vec<_> = (1..=5).map(|i| claim(1, 10, &format!("c{i}"))).collect();
    claims.extend((1..=5).map(|i| claim(1, 20, &format!("c{i}"))));
    let document = json!({ "custom_claims": claims }).to_string();
    let sets = ClaimSets::from_json(document.as_bytes()).expect("5 per pair is fine");
    assert_eq!(sets.sets().len(), 2);
    let error = ClaimSet::from_json(document.as_bytes()).unwrap_err();
    let message = error.to_string();
    assert!(
        message.contains("account 1 brand 10") && message.contains("account 1 brand 20"),
        "{message}"
    );
    let chosen = sets.clone().select(None, Some(20)).unwrap();
    assert_eq!(chosen.brand_id(), Some(20));
    assert_eq!(chosen.len(), 5);

    let mut six = claims.clone();
    six.push(claim(1, 10, "c6"));
    let document = json!(six).to_string();
    let errors = errors_of(ClaimSets::from_json(document.as_bytes()));
    assert!(errors.get("custom_claims[10].base").is_some(), "{errors}");
}

#[test]
fn select_needs_the_account_when_brands_repeat() {
    let document = json!([
        {"account_id": 1, "brand_id": 10, "claim_identifier": "a", "claim_value": "v"},
        {"account_id": 2, "brand_id": 10, "claim_identifier": "a", "claim_value": "v"}
    ])
    .to_string();
    let sets = ClaimSets::from_json(document.as_bytes()).unwrap();
    let error = sets.clone().select(None, Some(10)).unwrap_err();
    assert!(error.to_string().contains("account id"), "{error}");
    assert_eq!(
        sets.clone().select(Some(2), Some(10)).unwrap().account_id(),
        Some(2)
    );
    let error = sets.select(Some(3), Some(30)).unwrap_err();
    assert!(error.to_string().contains("account 1 brand 10"), "{error}");
}

#[test]
fn single_envelopes_and_bare_claims_round_trip_in_their_own_shape() {
    let single = r#"{"custom_claim":{"account_id":998,"brand_id":10001,"claim_description":"An example","claim_identifier":"custom-claim-1","claim_value":"some-claim-value","created_at":"2012-04-04T09:14:57Z","id":"01HEQFZ40TR7GMPHJZBWAZKE77","updated_at":"2012-04-04T09:14:57Z"}}"#;
    let set = ClaimSet::from_json(single.as_bytes()).unwrap();
    let back: Value = serde_json::from_str(&set.to_json()).unwrap();
    assert_eq!(back, serde_json::from_str::<Value>(single).unwrap());
    let bare: Value = serde_json::from_str(single).unwrap();
    let bare = bare["custom_claim"].to_string();
    let set = ClaimSet::from_json(bare.as_bytes()).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&set.to_json()).unwrap(),
        serde_json::from_str::<Value>(&bare).unwrap()
    );
}

#[test]
fn members_hcjwt_does_not_model_and_nulls_survive_a_round_trip() {
    let document = r#"{"custom_claims":[{"account_id":1,"brand_id":2,"claim_identifier":"tier","claim_value":"gold","claim_description":null,"created_at":"2012-04-04T09:14:57Z","id":"01HEQFZ40TR7GMPHJZBWAZKE77","updated_at":"2012-04-04T09:14:57Z","url":"https://acme.zendesk.com/x","position":3}]}"#;
    let set = ClaimSet::from_json(document.as_bytes()).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&set.to_json()).unwrap(),
        serde_json::from_str::<Value>(document).unwrap()
    );
}

#[test]
fn request_bodies_are_read_with_human_errors() {
    let body = br#"{"custom_claim": {"claim_identifier": "my-new-custom-claim", "claim_value": "my-super-value", "claim_description": "my claim description:"}}"#;
    let input = ClaimInput::from_json(body).unwrap();
    let mut set = ClaimSet::new(998, 10001);
    let created = set.create(input).unwrap();
    assert_eq!(created.claim_identifier, "my-new-custom-claim");
    let errors = errors_of(ClaimInput::from_json(
        br#"{"custom_claim": {"claim_value": 5, "brand_id": "x"}}"#,
    ));
    assert_eq!(errors.get("claim_value").unwrap(), ["must be a string"]);
    assert_eq!(
        errors.get("brand_id").unwrap(),
        ["must be a non-negative integer"]
    );
}

#[test]
fn malformed_documents_are_json_errors() {
    for (document, expected) in [
        (&b"{"[..], "EOF"),
        (
            b"{\"custom_claims\": [], \"custom_claims\": []}",
            "duplicate member",
        ),
        (b"\xff", "invalid"),
    ] {
        let error = ClaimSets::from_json(document).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Json);
        assert!(
            error.to_string().contains(expected) || expected == "invalid",
            "{error}"
        );
    }
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(
        ClaimSets::from_json(deep.as_bytes()).unwrap_err().kind(),
        ErrorKind::Json
    );
    let surrogate =
        br#"[{"account_id":1,"brand_id":2,"claim_identifier":"a","claim_value":"\ud800"}]"#;
    assert_eq!(
        ClaimSets::from_json(surrogate).unwrap_err().kind(),
        ErrorKind::Json
    );
    let errors = errors_of(ClaimSets::from_json(br#"{"claims": []}"#));
    assert!(errors.get("custom_claims").is_some(), "{errors}");
}

#[test]
fn a_document_without_ids_or_times_keeps_them_absent() {
    let document = r#"{"custom_claim": {"claim_identifier": "tier", "claim_value": "gold"}}"#;
    let set = ClaimSet::from_json(document.as_bytes()).unwrap();
    let claim = &set.list()[0];
    assert_eq!(
        (claim.id.as_deref(), claim.created_at.as_deref()),
        (None, None)
    );
    // Written back as given, the same every run.
    assert_eq!(
        set.to_json(),
        r#"{"custom_claim":{"claim_identifier":"tier","claim_value":"gold"}}"#
    );
    let array = r#"[{"claim_identifier":"tier","claim_value":"gold"}]"#;
    assert_eq!(
        ClaimSets::from_json(array.as_bytes()).unwrap().to_json(),
        array
    );
}

#[test]
fn an_invalid_record_hides_no_other_problem() {
    let document = json!({"custom_claims": [
        {"account_id": 1, "brand_id": 2, "claim_identifier": "a", "claim_value": ""},
        {"account_id": 1, "brand_id": 2, "claim_identifier": "a", "claim_value": "v"},
        {"account_id": 1, "brand_id": 2, "claim_identifier": "b", "claim_value": "v"},
        {"account_id": 1, "brand_id": 2, "claim_identifier": "c", "claim_value": "v"},
        {"account_id": 1, "brand_id": 2, "claim_identifier": "d", "claim_value": "v"},
        {"account_id": 1, "brand_id": 2, "claim_identifier": "e", "claim_value": 5}
    ]})
    .to_string();
    let errors = errors_of(ClaimSets::from_json(document.as_bytes()));
    assert_eq!(
        errors.get("custom_claims[0].claim_value").unwrap(),
        ["can't be blank"]
    );
    assert_eq!(
        errors.get("custom_claims[1].claim_identifier").unwrap(),
        ["has already been taken"]
    );
    assert_eq!(
        errors.get("custom_claims[5].claim_value").unwrap(),
        ["must be a string"]
    );
    assert_eq!(
        errors.get("custom_claims[5].base").unwrap(),
        ["account 1 brand 2 has more than 5 custom claims (MAX_CLAIMS_PER_BRAND)"]
    );
}
