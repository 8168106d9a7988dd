//! User field values: every type's rule, normalization, and the bad values of
//! SECURITY.md.

use hcjwt::{FieldCatalog, User};
use serde_json::{Map, Value, json};

fn catalog() -> FieldCatalog {
    let document = json!({"user_fields": [
        {"key": "bio", "title": "Bio", "type": "textarea"},
        {"key": "nickname", "title": "Nickname", "type": "text"},
        {"key": "vip", "title": "VIP", "type": "checkbox", "tag": "vip"},
        {"key": "birthday", "title": "Birthday", "type": "date"},
        {"key": "balance", "title": "Balance", "type": "decimal"},
        {"key": "seats", "title": "Seats", "type": "integer"},
        {"key": "plan", "title": "Plan", "type": "dropdown",
         "custom_field_options": [{"name": "Gold", "value": "gold"}, {"name": "Silver", "value": "silver"}]},
        {"key": "products", "title": "Products", "type": "multiselect",
         "custom_field_options": [{"name": "Guide", "value": "guide"}, {"name": "Chat", "value": "chat"}]},
        {"key": "account_code", "title": "Code", "type": "regexp", "regexp_for_validation": "[A-Z]{3}-[0-9]{4}"},
        {"key": "catastrophic", "title": "C", "type": "regexp", "regexp_for_validation": "(a+)+$"},
        {"key": "manager", "title": "Manager", "type": "lookup", "relationship_target_type": "zen:user"},
        {"key": "retired", "title": "Retired", "type": "text", "active": false}
    ]});
    FieldCatalog::from_json(document.to_string().as_bytes()).expect("valid catalog")
}

fn values(value: Value) -> Map<String, Value> {
    value.as_object().expect("object").clone()
}

fn error_for(key: &str, value: Value) -> String {
    match catalog().validate(&values(json!({ key: value }))) {
        Err(hcjwt::Error::Validation(errors)) => {
            errors.get(key).expect("error names the key").join(" ")
        }
        other => panic!("{key}={value:?}: expected a validation error, got {other:?}"),
    }
}

#[test]
fn valid_values_of_every_type_normalize() {
    let input = values(json!({
        "bio": "line one\nline two",
        "nickname": "Ann",
        "vip": true,
        "birthday": "2024-02-29",
        "balance": 12.5,
        "seats": 999_999_999_999_i64,
        "plan": "gold",
        "products": ["chat", "guide"],
        "account_code": "ABC-1234",
        "manager": "42",
    }));
    let normalized = catalog().validate(&input).unwrap();
    assert_eq!(normalized["manager"], json!(42), "digit strings become ids");
    assert_eq!(normalized["birthday"], "2024-02-29");
    assert_eq!(normalized["products"], json!(["chat", "guide"]));
    assert_eq!(normalized.len(), input.len());
}

#[test]
fn timestamps_normalize_to_their_date() {
    let normalized = catalog()
        .validate(&values(json!({"birthday": "2024-01-05T23:30:00-05:00"})))
        .unwrap();
    assert_eq!(normalized["birthday"], "2024-01-05");
}

#[test]
fn null_clears_any_field() {
    let input = values(json!({"vip": null, "plan": null, "birthday": null}));
    let normalized = catalog().validate(&input).unwrap();
    assert!(normalized.values().all(Value::is_null));
}

#[test]
fn wrong_types_and_shapes() {
    assert!(error_for("vip", json!("yes")).contains("true or false"));
    assert!(error_for("birthday", json!("2024-02-30")).contains("real calendar date"));
    assert!(error_for("birthday", json!("13/01/2024")).contains("YYYY-MM-DD"));
    assert!(error_for("birthday", json!("2024-1-5")).contains("YYYY-MM-DD"));
    assert!(error_for("birthday", json!(20240105)).contains("YYYY-MM-DD"));
    assert!(error_for("balance", json!("1.5")).contains("number"));
    assert!(error_for("seats", json!(1_000_000_000_000_i64)).contains("12 digits"));
    assert!(error_for("seats", json!(9_007_199_254_740_993_i64)).contains("12 digits"));
    assert!(error_for("seats", json!(1.5)).contains("integer"));
    assert!(error_for("seats", json!("12")).contains("integer"));
    assert!(error_for("plan", json!("bronze")).contains("not an option"));
    assert!(error_for("plan", json!(["gold"])).contains("one option"));
    assert!(error_for("products", json!(["chat", "chat"])).contains("more than once"));
    assert!(error_for("products", json!(["fax"])).contains("not an option"));
    assert!(error_for("products", json!("chat")).contains("array"));
    assert!(error_for("account_code", json!("abc-1234")).contains("regexp_for_validation"));
    assert!(
        error_for("account_code", json!("xABC-1234")).contains("regexp_for_validation"),
        "the whole value must match"
    );
    assert!(error_for("manager", json!("12a")).contains("record id"));
    assert!(error_for("manager", json!(-3)).contains("record id"));
    assert!(error_for("manager", json!("external_id:")).contains("record id"));
    assert!(error_for("nickname", json!(5)).contains("string"));
    assert!(error_for("bio", json!("x".repeat(65_537))).contains("65536"));
    assert!(
        catalog()
            .validate(&values(json!({"manager": "external_id:abc"})))
            .is_ok()
    );
}

#[test]
fn unknown_and_inactive_fields_are_named() {
    assert!(error_for("shoe_size", json!(42)).contains("not a user field"));
    assert!(error_for("retired", json!("x")).contains("not active"));
}

#[test]
fn every_bad_value_is_reported_at_once() {
    let result = catalog().validate(&values(json!({"vip": "yes", "seats": "x", "nope": 1})));
    let errors = result.unwrap_err();
    assert_eq!(errors.field_errors().unwrap().len(), 3);
}

#[test]
fn non_finite_numbers_never_reach_validation() {
    for text in [
        r#"{"user_fields": {"balance": NaN}}"#,
        r#"{"user_fields": {"balance": Infinity}}"#,
        r#"{"user_fields": {"balance": 1e400}}"#,
    ] {
        let error = User::from_json(text.as_bytes()).unwrap_err();
        assert_eq!(error.kind(), hcjwt::ErrorKind::Json, "{text}");
    }
}

#[test]
fn a_catastrophic_pattern_answers_at_once() {
    let input = values(json!({"catastrophic": format!("{}!", "a".repeat(30_000))}));
    // The regex crate matches in linear time: this returns instead of
    // backtracking for ever.
    let error = catalog().validate(&input).unwrap_err();
    assert!(error.to_string().contains("catastrophic"));
}
