//! A user object against a rich catalog whose regexp field takes an arbitrary
//! pattern: the first line of the input is the pattern, the rest the user.
#![no_main]

use hcjwt::{Algorithm, FieldCatalog, Minter, MinterOptions, SigningKey};
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
    let (pattern, user) = text.split_once('\n').unwrap_or((text, "{}"));
    let mut fields: serde_json::Value = serde_json::from_str(FIELDS).unwrap();
    fields.as_array_mut().unwrap().push(serde_json::json!({
        "key": "r", "title": "R", "type": "regexp", "regexp_for_validation": pattern
    }));
    let catalog = match FieldCatalog::from_json(fields.to_string().as_bytes()) {
        Ok(catalog) => catalog,
        Err(_) => FieldCatalog::from_json(FIELDS.as_bytes()).unwrap(),
    };
    let key = SigningKey::from_secret(&[1u8; 32], Algorithm::HS256).unwrap();
    let minter = Minter::new(key, MinterOptions::help_center(None, Some(catalog.clone()))).unwrap();
    let _ = minter.mint_json(user.as_bytes(), Some(1_700_000_000));
    if let Ok(serde_json::Value::Object(values)) = hcjwt::parse_strict(user.as_bytes(), "user")
        && let Ok(once) = catalog.validate(&values)
    {
        assert_eq!(catalog.validate(&once).expect("normalized values stay valid"), once);
    }
});
