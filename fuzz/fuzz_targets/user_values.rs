//! User field values against a rich catalog whose regexp field takes an
//! arbitrary pattern (the input's first line; the rest is the `user_fields`
//! object). A differential oracle: the values a minted token carries must be
//! exactly what `FieldCatalog::validate` returns, and the two must refuse the
//! same values with the same words.
#![no_main]

use hcjwt::{
    Algorithm, FieldCatalog, Json, Member, Minter, MinterOptions, SigningKey, User,
};
use libfuzzer_sys::fuzz_target;

const FIELDS: &str = r#"[
  {"key": "t", "title": "T", "type": "text"},
  {"key": "c", "title": "C", "type": "checkbox"},
  {"key": "d", "title": "D", "type": "date"},
  {"key": "n", "title": "N", "type": "decimal"},
  {"key": "i", "title": "I", "type": "integer"},
  {"key": "o", "title": "O", "type": "dropdown", "custom_field_options": [{"name": "A", "value": "a"}, {"name": "B", "value": "b"}]},
  {"key": "m", "title": "M", "type": "multiselect", "custom_field_options": [{"name": "A", "value": "a"}, {"name": "B", "value": "b"}]},
  {"key": "l", "title": "L", "type": "lookup", "relationship_target_type": "zen:user"},
  {"key": "x", "title": "X", "type": "textarea", "active": false}
]"#;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (pattern, values) = text.split_once('\n').unwrap_or((text, "{}"));
    let mut fields: serde_json::Value = serde_json::from_str(FIELDS).unwrap();
    fields.as_array_mut().unwrap().push(serde_json::json!({
        "key": "r", "title": "R", "type": "regexp", "regexp_for_validation": pattern
    }));
    // A stored pattern hcjwt can't run still loads (its values pass unchecked).
    let catalog = FieldCatalog::from_json(fields.to_string().as_bytes()).expect("the catalog loads");
    let Ok(values) = Json::from_slice(values.as_bytes(), "user_fields") else { return };
    let validated = catalog.validate(&values);
    let user = User::new()
        .with_email("a@example.com")
        .with_name("A")
        .with(Member::UserFields, values.clone());
    let key = SigningKey::from_secret(&[1u8; 32], Algorithm::HS256).unwrap();
    let options = MinterOptions { fields: Some(catalog.clone()), ..MinterOptions::sso() };
    let minter = Minter::new(key, options).unwrap();
    match (validated, minter.payload(&user, 1_700_000_000)) {
        (Ok(normalized), Ok(payload)) => {
            let payload: serde_json::Value = serde_json::from_slice(&payload).unwrap();
            let expected: serde_json::Value = serde_json::from_str(&normalized.to_string()).unwrap();
            assert_eq!(payload["user_fields"], expected, "minted and validated values differ");
            // Normalizing twice changes nothing.
            assert_eq!(catalog.validate(&normalized).unwrap(), normalized);
        }
        (Err(validated), Err(minted)) => {
            let validated = validated.field_errors().expect("a validation error");
            let minted = minted.field_errors().expect("a validation error");
            // Values of fields are keyed by field key in validate and under
            // user_fields. when minting; a non-object is user_fields in both.
            let mut expected = hcjwt::FieldErrors::new();
            let prefix = if values.as_object().is_some() { "user_fields" } else { "" };
            expected.extend_prefixed(prefix, validated.clone());
            assert_eq!(&expected, minted, "the two paths refuse differently");
        }
        (Ok(_), Err(error)) => {
            // Mint alone refuses only a token over the size limit.
            assert_eq!(error.kind(), hcjwt::ErrorKind::PayloadTooLarge, "{error}");
        }
        (Err(error), Ok(_)) => panic!("validate refused what mint accepted: {error}"),
    }
});
