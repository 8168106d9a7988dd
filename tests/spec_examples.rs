//! Every JSON example of the API documents parses into hcjwt's types and
//! serializes back to an equal JSON value.

use hcjwt::wire::{
    CustomClaimEnvelope, CustomClaimList, CustomClaimRequest, ErrorDocument, FieldOptionEnvelope,
    FieldOptionRequest, ReorderRequest, UserFieldEnvelope, UserFieldRequest,
};
use hcjwt::{ClaimSet, FieldCatalog, FieldPage, OptionPage, UserField};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/spec/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn round_trip<T: DeserializeOwned + Serialize>(name: &str) {
    let text = fixture(name);
    let original: Value = serde_json::from_str(&text).expect("fixture is JSON");
    let parsed: T = serde_json::from_str(&text).unwrap_or_else(|error| panic!("{name}: {error}"));
    let back = serde_json::to_value(&parsed).expect("serializes");
    assert_eq!(back, original, "{name} did not round-trip");
}

#[test]
fn claims_list_response_round_trips() {
    round_trip::<CustomClaimList>("claims_list_response.json");
}

#[test]
fn claim_response_round_trips() {
    round_trip::<CustomClaimEnvelope>("claim_response.json");
}

#[test]
fn claim_request_bodies_round_trip() {
    round_trip::<CustomClaimRequest>("claim_create_request.json");
    round_trip::<CustomClaimRequest>("claim_update_request.json");
}

#[test]
fn claim_error_document_round_trips() {
    round_trip::<ErrorDocument>("claim_error_response.json");
}

#[test]
fn user_field_example_round_trips() {
    round_trip::<UserField>("field.json");
}

#[test]
fn user_field_responses_round_trip() {
    round_trip::<UserFieldEnvelope>("field_response.json");
    round_trip::<UserFieldEnvelope>("field_created_response.json");
    round_trip::<FieldPage>("fields_list_response.json");
}

#[test]
fn user_field_request_bodies_round_trip() {
    round_trip::<UserFieldRequest>("field_create_request.json");
    round_trip::<UserFieldRequest>("field_update_options_request.json");
    round_trip::<UserFieldRequest>("field_update_title_request.json");
    round_trip::<ReorderRequest>("field_reorder_request.json");
}

#[test]
fn option_documents_round_trip() {
    round_trip::<OptionPage>("options_list_response.json");
    round_trip::<FieldOptionEnvelope>("option_response.json");
    round_trip::<FieldOptionEnvelope>("option_created_response.json");
    round_trip::<FieldOptionEnvelope>("option_updated_response.json");
    round_trip::<FieldOptionRequest>("option_create_request.json");
    round_trip::<FieldOptionRequest>("option_update_request.json");
}

#[test]
fn claims_list_response_loads_as_a_claim_set_and_writes_back_unchanged() {
    let text = fixture("claims_list_response.json");
    let set = ClaimSet::from_json(text.as_bytes()).expect("valid claims");
    assert_eq!((set.account_id(), set.brand_id()), (Some(998), Some(10001)));
    assert_eq!(set.list().len(), 2);
    let back: Value = serde_json::from_str(&set.to_json()).unwrap();
    assert_eq!(back, serde_json::from_str::<Value>(&text).unwrap());
}

#[test]
fn fields_list_response_loads_as_a_catalog_and_writes_back_unchanged() {
    let text = fixture("fields_list_response.json");
    let catalog = FieldCatalog::from_json(text.as_bytes()).expect("valid fields");
    assert_eq!(catalog.len(), 1);
    assert_eq!(catalog.get("custom_field_1").unwrap().id, Some(7));
    let back: Value = serde_json::from_str(&catalog.to_json()).unwrap();
    assert_eq!(back, serde_json::from_str::<Value>(&text).unwrap());
}

/// The documents that load as a claim set or a catalog come back as the same
/// JSON value through `to_json`, in their own shape (list, single, bare).
#[test]
fn every_stored_document_round_trips_through_the_set_and_the_catalog() {
    for name in ["claims_list_response.json", "claim_response.json"] {
        let text = fixture(name);
        let set = ClaimSet::from_json(text.as_bytes()).unwrap();
        let back: Value = serde_json::from_str(&set.to_json()).unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<Value>(&text).unwrap(),
            "{name}"
        );
    }
    for name in [
        "field.json",
        "field_response.json",
        "field_created_response.json",
        "fields_list_response.json",
    ] {
        let text = fixture(name);
        let catalog = FieldCatalog::from_json(text.as_bytes()).unwrap();
        let back: Value = serde_json::from_str(&catalog.to_json()).unwrap();
        assert_eq!(
            back,
            serde_json::from_str::<Value>(&text).unwrap(),
            "{name}"
        );
    }
}

/// The request bodies of both documents are accepted by the operations.
#[test]
fn request_bodies_are_accepted_by_the_operations() {
    let mut claims = ClaimSet::new(998, 10001);
    let created = claims
        .create(
            hcjwt::ClaimInput::from_json(fixture("claim_create_request.json").as_bytes()).unwrap(),
        )
        .unwrap()
        .id
        .clone()
        .unwrap();
    let update =
        hcjwt::ClaimInput::from_json(fixture("claim_update_request.json").as_bytes()).unwrap();
    assert_eq!(
        claims.update(&created, update).unwrap().claim_identifier,
        "updated-custom-claim"
    );
    let mut catalog = FieldCatalog::new();
    let field = catalog
        .create(
            hcjwt::UserFieldInput::from_json(fixture("field_create_request.json").as_bytes())
                .unwrap(),
        )
        .unwrap()
        .key
        .clone();
    catalog
        .update(
            &field,
            hcjwt::UserFieldInput::from_json(fixture("field_update_title_request.json").as_bytes())
                .unwrap(),
        )
        .unwrap();
    let mut catalog = FieldCatalog::from_json(
        br#"[{"id": 1, "key": "fruit", "title": "Fruit", "type": "dropdown", "custom_field_options": [
            {"id": 123, "name": "Option 1", "value": "option_1"},
            {"id": 124, "name": "Option 2", "value": "option_2"},
            {"id": 125, "name": "Option 3", "value": "option_3"}]}]"#,
    )
    .unwrap();
    catalog
        .update(
            "fruit",
            hcjwt::UserFieldInput::from_json(
                fixture("field_update_options_request.json").as_bytes(),
            )
            .unwrap(),
        )
        .unwrap();
    let (option, outcome) = catalog
        .upsert_option(
            "fruit",
            hcjwt::FieldOptionInput::from_json(fixture("option_create_request.json").as_bytes())
                .unwrap(),
        )
        .unwrap();
    assert_eq!((option.value.as_str(), outcome.status()), ("grape", 201));
    let reorder: ReorderRequest =
        serde_json::from_str(&fixture("field_reorder_request.json")).unwrap();
    let mut fields = FieldCatalog::new();
    for key in ["a", "b", "c", "d"] {
        fields
            .create(hcjwt::UserFieldInput::new(key, key, hcjwt::FieldType::Text))
            .unwrap();
    }
    fields.reorder(&reorder.user_field_ids).unwrap();
    let keys: Vec<&str> = fields.fields().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["c", "d", "a", "b"], "the spec's partial [3, 4]");
}
