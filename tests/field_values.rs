//! User field values: every type's rule, normalization, and the bad values of
//! SECURITY.md.

use hcjwt::{FieldCatalog, Json, Member, User};
use serde_json::{Value, json};

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
        {"key": "anchored_code", "title": "Anchored", "type": "regexp", "regexp_for_validation": "\\A[A-Z]{3}-\\d{4}\\z"},
        {"key": "catastrophic", "title": "C", "type": "regexp", "regexp_for_validation": "(a+)+$"},
        {"key": "manager", "title": "Manager", "type": "lookup", "relationship_target_type": "zen:user"},
        {"key": "retired", "title": "Retired", "type": "text", "active": false}
    ]});
    FieldCatalog::from_json(document.to_string().as_bytes()).expect("valid catalog")
}

fn values(value: Value) -> Json<'static> {
    Json::from(value)
}

/// The normalized values as a serde_json object.
fn normalized(value: Value) -> serde_json::Map<String, Value> {
    let normalized = catalog().validate(&values(value)).unwrap();
    match serde_json::from_str(&normalized.to_string()).unwrap() {
        Value::Object(object) => object,
        other => panic!("not an object: {other}"),
    }
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
    let input = json!({
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
    });
    let count = input.as_object().unwrap().len();
    let normalized = normalized(input);
    assert_eq!(
        normalized["manager"],
        json!("42"),
        "digit strings stay strings: ids above 2^53 stay exact"
    );
    assert_eq!(normalized["birthday"], "2024-02-29");
    assert_eq!(normalized["products"], json!(["chat", "guide"]));
    assert_eq!(normalized.len(), count);
}

#[test]
fn numbers_are_kept_as_written() {
    let text = br#"{"balance": 1.10, "manager": 18446744073709551615, "big": "9007199254740993"}"#;
    let document = Json::from_slice(text, "v").unwrap();
    let Json::Object(mut members) = document else {
        unreachable!()
    };
    members.retain(|(key, _)| key != "big");
    let normalized = catalog().validate(&Json::Object(members)).unwrap();
    assert_eq!(
        normalized.to_string(),
        r#"{"balance":1.10,"manager":18446744073709551615}"#
    );
}

#[test]
fn timestamps_normalize_to_their_date() {
    let normalized = normalized(json!({"birthday": "2024-01-05T23:30:00-05:00"}));
    assert_eq!(normalized["birthday"], "2024-01-05");
}

#[test]
fn null_clears_an_active_field_and_is_dropped_for_inactive_and_unknown_ones() {
    let normalized = normalized(json!({
        "vip": null, "plan": null, "birthday": null, "retired": null, "no_such_field": null
    }));
    assert_eq!(
        normalized.keys().collect::<Vec<_>>(),
        ["vip", "plan", "birthday"]
    );
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
        catalog()
            .validate(&values(json!({"account_code": "ref xABC-1234 ok"})))
            .is_ok(),
        "Ruby semantics: an unanchored pattern matches anywhere"
    );
    assert!(
        error_for("anchored_code", json!("xABC-1234")).contains("regexp_for_validation"),
        "a pattern that anchors itself with \\A and \\z matches the whole value"
    );
    assert!(
        catalog()
            .validate(&values(json!({"anchored_code": "ABC-1234"})))
            .is_ok()
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
    assert_eq!(errors.field_errors().unwrap().message_count(), 3);
}

#[test]
fn out_of_range_numbers_reach_the_check_that_names_them() {
    let user = User::from_json(br#"{"user_fields": {"balance": 1e400, "seats": 1e3}}"#).unwrap();
    let fields = user.get(Member::UserFields).unwrap();
    let errors = catalog().validate(fields).unwrap_err();
    let errors = errors.field_errors().unwrap();
    assert_eq!(errors.get("balance").unwrap(), ["must be a finite number"]);
    assert!(errors.get("seats").unwrap()[0].contains("integer"));
    for text in [
        r#"{"user_fields": {"balance": NaN}}"#,
        r#"{"user_fields": {"balance": Infinity}}"#,
    ] {
        let error = User::from_json(text.as_bytes()).unwrap_err();
        assert_eq!(
            error.kind(),
            hcjwt::ErrorKind::Json,
            "{text}: not JSON at all"
        );
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
