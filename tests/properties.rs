//! Property tests: valid claim sets and catalogs survive a JSON round trip;
//! minting then verifying gives back the payload that was built; field value
//! normalization is idempotent; failed operations change nothing.

use hcjwt::{
    Algorithm, ClaimInput, ClaimSet, FieldCatalog, FieldType, Minter, MinterOptions, SigningKey,
    User, UserFieldInput, Verifier, VerifierOptions,
};
use proptest::prelude::*;
use serde_json::{Value, json};

fn identifier() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_-]{0,20}".prop_filter("not reserved", |s| !hcjwt::is_reserved_claim_name(s))
}

fn claim_value() -> impl Strategy<Value = String> {
    "[\\PC]{1,40}".prop_filter("not blank", |s| !s.trim().is_empty())
}

fn claim_set() -> impl Strategy<Value = ClaimSet> {
    (
        1u64..1_000_000,
        1u64..1_000_000,
        proptest::collection::vec((identifier(), claim_value()), 0..=5),
    )
        .prop_map(|(account, brand, claims)| {
            let mut set = ClaimSet::new(account, brand);
            for (identifier, value) in claims {
                let _ = set.create(ClaimInput::new(identifier, value));
            }
            set
        })
}

fn field_key() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_]{0,15}"
}

fn catalog() -> impl Strategy<Value = FieldCatalog> {
    proptest::collection::vec((field_key(), 0usize..6), 0..8).prop_map(|fields| {
        let mut catalog = FieldCatalog::new();
        for (key, kind) in fields {
            let input = match kind {
                0 => UserFieldInput::new(key.clone(), "Text", FieldType::Text),
                1 => UserFieldInput::new(key.clone(), "Flag", FieldType::Checkbox),
                2 => UserFieldInput::new(key.clone(), "Date", FieldType::Date),
                3 => UserFieldInput::new(key.clone(), "Number", FieldType::Integer),
                4 => UserFieldInput {
                    custom_field_options: Some(vec![
                        hcjwt::FieldOptionInput::new("A", "a"),
                        hcjwt::FieldOptionInput::new("B", "b"),
                    ]),
                    ..UserFieldInput::new(key.clone(), "Pick", FieldType::Dropdown)
                },
                _ => UserFieldInput {
                    regexp_for_validation: Some("[A-Z]{2}[0-9]+".into()),
                    ..UserFieldInput::new(key.clone(), "Code", FieldType::Regexp)
                },
            };
            let _ = catalog.create(input);
        }
        catalog
    })
}

fn value_for(field_type: FieldType, seed: u32) -> Value {
    match field_type {
        FieldType::Checkbox => json!(seed.is_multiple_of(2)),
        FieldType::Date => json!(format!(
            "20{:02}-{:02}-{:02}T10:00:00+02:00",
            seed % 100,
            seed % 12 + 1,
            seed % 28 + 1
        )),
        FieldType::Integer => json!(i64::from(seed) - 5000),
        FieldType::Dropdown => json!(if seed.is_multiple_of(2) { "a" } else { "b" }),
        FieldType::Regexp => json!(format!("AB{seed}")),
        _ => json!(format!("text {seed}")),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn claim_sets_round_trip_through_json(set in claim_set()) {
        let text = set.to_json();
        let back = ClaimSet::from_json(text.as_bytes()).unwrap();
        prop_assert_eq!(back.list(), set.list());
        if !set.is_empty() {
            // The claims name their pair; an empty list names none.
            prop_assert_eq!(back, set);
        }
    }

    #[test]
    fn catalogs_round_trip_through_json(catalog in catalog()) {
        let text = catalog.to_json();
        let back = FieldCatalog::from_json(text.as_bytes()).unwrap();
        prop_assert_eq!(back.to_json(), text);
    }

    #[test]
    fn normalization_is_idempotent(catalog in catalog(), seed in 0u32..100_000) {
        let values: serde_json::Map<String, Value> = catalog
            .fields()
            .map(|field| (field.key.clone(), value_for(field.field_type, seed)))
            .collect();
        let values = hcjwt::Json::from(Value::Object(values));
        let once = catalog.validate(&values).unwrap();
        let twice = catalog.validate(&once).unwrap();
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn failed_claim_operations_change_nothing(set in claim_set(), identifier in "\\PC{0,80}", value in "\\PC{0,80}") {
        let mut changed = set.clone();
        if changed.create(ClaimInput::new(identifier.clone(), value.clone())).is_err() {
            prop_assert_eq!(&changed, &set);
        }
        if let Some(first) = set.list().first() {
            let mut updated = set.clone();
            let changes = ClaimInput { claim_identifier: Some(identifier), claim_value: Some(value), ..ClaimInput::default() };
            if updated.update(first.id.as_deref().unwrap_or_default(), changes).is_err() {
                prop_assert_eq!(&updated, &set);
            }
        }
    }

    #[test]
    fn failed_field_creates_change_nothing(catalog in catalog(), key in "\\PC{0,20}", kind in 0usize..10) {
        let mut changed = catalog.clone();
        let input = UserFieldInput::new(key, "T", FieldType::ALL[kind]);
        if changed.create(input).is_err() {
            prop_assert_eq!(changed.to_json(), catalog.to_json());
        }
    }

    #[test]
    fn mint_then_verify_returns_the_built_payload(
        set in claim_set(),
        id in 1u64..u64::MAX,
        email_user in "[a-z]{1,10}",
        external in proptest::option::of("\\PC{1,30}"),
        now in 0i64..4_000_000_000,
    ) {
        let key = SigningKey::from_secret(&[3u8; 32], Algorithm::HS256).unwrap();
        let verifier = Verifier::with_key(key.verifying_key().unwrap(), &[Algorithm::HS256], VerifierOptions::default()).unwrap();
        let minter = Minter::new(key, MinterOptions::help_center(Some(set.clone()), None)).unwrap();
        let document = hcjwt::Json::from(json!({"id": id, "email": format!("{email_user}@example.com"), "external_id": external}));
        let user = User::from_value(&document).unwrap();
        let token = minter.mint_at(&user, now).unwrap();
        let claims = verifier.verify_at(&token, now).unwrap();
        prop_assert_eq!(claims["userId"].as_u64(), Some(id));
        prop_assert_eq!(claims["externalId"].as_str(), external.as_deref());
        for claim in set.list() {
            prop_assert_eq!(claims[&claim.claim_identifier].as_str(), Some(claim.claim_value.as_str()));
        }
    }
}
