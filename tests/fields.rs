//! The field catalog: the User Fields API's operations and definition rules.

use hcjwt::{ErrorKind, FieldCatalog, FieldOptionInput, FieldType, Json, Upsert, UserFieldInput};
use serde_json::{Value, json};

fn errors_of<T: std::fmt::Debug>(result: hcjwt::Result<T>) -> hcjwt::FieldErrors {
    match result {
        Err(hcjwt::Error::Validation(errors)) => errors,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn dropdown(key: &str, values: &[&str]) -> UserFieldInput {
    UserFieldInput {
        custom_field_options: Some(
            values
                .iter()
                .map(|v| FieldOptionInput::new(v.to_uppercase(), *v))
                .collect(),
        ),
        ..UserFieldInput::new(key, key, FieldType::Dropdown)
    }
}

fn catalog() -> FieldCatalog {
    let mut catalog = FieldCatalog::new().with_base_url("https://company.zendesk.com/");
    catalog
        .create(UserFieldInput::new("plan", "Plan", FieldType::Text))
        .unwrap();
    catalog
        .create(dropdown("fruit", &["apple", "banana"]))
        .unwrap();
    catalog
}

#[test]
fn create_defaults_type_position_active_and_raw_members() {
    let mut catalog = FieldCatalog::new().with_base_url("https://company.zendesk.com");
    let input = UserFieldInput {
        key: Some("support_description".into()),
        title: Some("Support description".into()),
        description: Some("What plan".into()),
        ..UserFieldInput::default()
    };
    let field = catalog.create(input).unwrap().clone();
    assert_eq!(field.field_type, FieldType::Text);
    assert_eq!(field.id, Some(1));
    assert_eq!(field.position, Some(0));
    assert!(field.active);
    assert_eq!(field.raw_title.as_deref(), Some("Support description"));
    assert_eq!(field.raw_description.as_deref(), Some("What plan"));
    assert_eq!(
        field.url.as_deref(),
        Some("https://company.zendesk.com/api/v2/user_fields/1.json")
    );
    assert!(field.created_at.is_some());
    let second = catalog
        .create(UserFieldInput::new("second", "Second", FieldType::Integer))
        .unwrap();
    assert_eq!((second.id, second.position), (Some(2), Some(1)));
}

#[test]
fn show_by_id_or_key() {
    let catalog = catalog();
    assert_eq!(catalog.get("1").unwrap().key, "plan");
    assert_eq!(catalog.get("fruit").unwrap().id, Some(2));
    assert_eq!(catalog.get("nope").unwrap_err().kind(), ErrorKind::NotFound);
    assert_eq!(catalog.get("99").unwrap_err().kind(), ErrorKind::NotFound);
}

#[test]
fn key_rules() {
    for (key, expected) in [
        ("with space", "letters, digits and underscores"),
        ("12345", "only digits"),
        ("", "can't be blank"),
        ("dash-key", "letters, digits and underscores"),
    ] {
        let mut catalog = catalog();
        let before = catalog.to_json();
        let errors = errors_of(catalog.create(UserFieldInput::new(key, "T", FieldType::Text)));
        assert!(
            errors.get("key").unwrap().join(" ").contains(expected),
            "{key:?}: {errors}"
        );
        assert_eq!(catalog.to_json(), before);
    }
    let mut catalog = catalog();
    let errors = errors_of(catalog.create(UserFieldInput::new("plan", "Again", FieldType::Text)));
    assert_eq!(errors.get("key").unwrap(), ["has already been taken"]);
    assert!(
        catalog
            .create(UserFieldInput::new("plan_2024", "ok", FieldType::Text))
            .is_ok()
    );
}

#[test]
fn title_and_type_are_checked() {
    let mut catalog = FieldCatalog::new();
    let input = UserFieldInput {
        key: Some("k".into()),
        field_type: Some("colour".into()),
        ..UserFieldInput::default()
    };
    let errors = errors_of(catalog.create(input));
    assert_eq!(errors.get("title").unwrap(), ["can't be blank"]);
    assert!(errors.get("type").unwrap()[0].contains("is not one of"));
    assert!(catalog.is_empty());
}

#[test]
fn per_type_properties() {
    let mut catalog = FieldCatalog::new();
    let regexp_without_pattern = UserFieldInput::new("r", "R", FieldType::Regexp);
    assert!(
        errors_of(catalog.create(regexp_without_pattern))
            .get("regexp_for_validation")
            .is_some()
    );

    let text_with_pattern = UserFieldInput {
        regexp_for_validation: Some("a+".into()),
        ..UserFieldInput::new("t", "T", FieldType::Text)
    };
    assert!(
        errors_of(catalog.create(text_with_pattern))
            .get("regexp_for_validation")
            .unwrap()[0]
            .contains("only allowed")
    );

    let text_with_tag = UserFieldInput {
        tag: Some("vip".into()),
        ..UserFieldInput::new("t", "T", FieldType::Text)
    };
    assert!(
        errors_of(catalog.create(text_with_tag))
            .get("tag")
            .is_some()
    );
    let checkbox_with_tag = UserFieldInput {
        tag: Some("vip".into()),
        ..UserFieldInput::new("c", "C", FieldType::Checkbox)
    };
    assert!(catalog.create(checkbox_with_tag).is_ok());

    assert!(
        errors_of(catalog.create(UserFieldInput::new("d", "D", FieldType::Dropdown)))
            .get("custom_field_options")
            .is_some()
    );
    assert!(
        errors_of(catalog.create(dropdown("d", &[])))
            .get("custom_field_options")
            .is_some()
    );
    let repeated = errors_of(catalog.create(dropdown("d", &["a", "a"])));
    assert_eq!(
        repeated.get("custom_field_options[1].value").unwrap(),
        ["has already been taken"]
    );
    let text_with_options = UserFieldInput {
        custom_field_options: Some(vec![FieldOptionInput::new("A", "a")]),
        ..UserFieldInput::new("t", "T", FieldType::Text)
    };
    assert!(
        errors_of(catalog.create(text_with_options))
            .get("custom_field_options")
            .is_some()
    );

    assert!(
        errors_of(catalog.create(UserFieldInput::new("l", "L", FieldType::Lookup)))
            .get("relationship_target_type")
            .is_some()
    );
    for (target, ok) in [
        ("zen:user", true),
        ("zen:custom_object:apartment", true),
        ("zen:group", false),
        ("zen:custom_object:", false),
    ] {
        let lookup = UserFieldInput {
            relationship_target_type: Some(target.into()),
            ..UserFieldInput::new(format!("l{}", target.len()), "L", FieldType::Lookup)
        };
        assert_eq!(catalog.create(lookup).is_ok(), ok, "{target}");
    }
}

#[test]
fn regexp_definitions_hcjwt_cannot_run_are_refused_when_created() {
    let mut catalog = FieldCatalog::new();
    for (pattern, expected) in [
        ("a{5}{5}{5}{5}{5}{5}{5}{5}", "REGEX_SIZE_LIMIT"),
        ("(unclosed", "can run"),
        ("a)|(b", "can run"),
        ("x\\", "lone backslash"),
        (&"a".repeat(256), "maximum is 255 characters"),
    ] {
        let input = UserFieldInput {
            regexp_for_validation: Some(pattern.into()),
            ..UserFieldInput::new("r", "R", FieldType::Regexp)
        };
        let errors = errors_of(catalog.create(input));
        let message = errors.get("regexp_for_validation").unwrap().join(" ");
        assert!(message.contains(expected), "{pattern}: {message}");
    }
    assert!(catalog.is_empty());
    for pattern in [r"(?<=a)b", r"\A(\w)\1\z", "(?>a+)b", r"\A\h{6}\z", r"abc\Z"] {
        let input = UserFieldInput {
            regexp_for_validation: Some(pattern.into()),
            ..UserFieldInput::new(format!("r{}", catalog.len()), "R", FieldType::Regexp)
        };
        catalog
            .create(input)
            .unwrap_or_else(|error| panic!("{pattern}: {error}"));
    }
}

#[test]
fn update_is_partial_and_key_and_type_are_immutable() {
    let mut catalog = catalog();
    let field = catalog
        .update(
            "plan",
            UserFieldInput {
                title: Some("Support plan".into()),
                ..UserFieldInput::default()
            },
        )
        .unwrap();
    assert_eq!(field.title, "Support plan");
    assert_eq!(field.key, "plan");
    let before = catalog.to_json();
    let errors = errors_of(catalog.update(
        "plan",
        UserFieldInput {
            key: Some("renamed".into()),
            field_type: Some("integer".into()),
            ..UserFieldInput::default()
        },
    ));
    assert!(errors.get("key").is_some() && errors.get("type").is_some());
    assert_eq!(catalog.to_json(), before);
    assert!(
        catalog
            .update(
                "plan",
                UserFieldInput {
                    key: Some("plan".into()),
                    ..UserFieldInput::default()
                }
            )
            .is_ok()
    );
}

#[test]
fn update_replaces_the_option_list() {
    let mut catalog = catalog();
    let options = catalog
        .get("fruit")
        .unwrap()
        .custom_field_options
        .clone()
        .unwrap();
    let (apple, banana) = (options[0].id.unwrap(), options[1].id.unwrap());
    let field = catalog
        .update(
            "fruit",
            UserFieldInput {
                custom_field_options: Some(vec![
                    FieldOptionInput {
                        id: Some(banana),
                        ..FieldOptionInput::new("Bananas", "banana")
                    },
                    FieldOptionInput::new("Cherries", "cherry"),
                ]),
                ..UserFieldInput::default()
            },
        )
        .unwrap();
    let options = field.custom_field_options.as_ref().unwrap();
    assert_eq!(options.len(), 2, "apple was omitted, so removed");
    assert_eq!(
        (options[0].id, options[0].position, options[0].name.as_str()),
        (Some(banana), Some(0), "Bananas")
    );
    assert_eq!(
        (options[1].value.as_str(), options[1].position),
        ("cherry", Some(1))
    );
    assert!(
        options[1].id > Some(apple.max(banana)),
        "a null id makes a new option"
    );
    let errors = errors_of(catalog.update(
        "fruit",
        UserFieldInput {
            custom_field_options: Some(vec![FieldOptionInput {
                id: Some(424242),
                ..FieldOptionInput::new("X", "x")
            }]),
            ..UserFieldInput::default()
        },
    ));
    assert!(errors.get("custom_field_options[0].id").is_some());
}

#[test]
fn system_fields_change_only_active_and_position() {
    let document = br#"[{"id": 5, "key": "system_field", "title": "System", "type": "text", "system": true, "position": 3, "active": true}]"#;
    let mut catalog = FieldCatalog::from_json(document).unwrap();
    let field = catalog
        .update(
            "5",
            UserFieldInput {
                active: Some(false),
                position: Some(7),
                ..UserFieldInput::default()
            },
        )
        .unwrap();
    assert_eq!((field.active, field.position), (false, Some(7)));
    let errors = errors_of(catalog.update(
        "5",
        UserFieldInput {
            title: Some("New".into()),
            ..UserFieldInput::default()
        },
    ));
    assert!(errors.get("title").unwrap()[0].contains("system field"));
    assert!(errors_of(catalog.delete("5")).get("base").is_some());
}

#[test]
fn delete_and_reorder() {
    let mut catalog = catalog();
    catalog
        .create(UserFieldInput::new("third", "Third", FieldType::Date))
        .unwrap();
    catalog.reorder(&[3, 1, 2]).unwrap();
    let keys: Vec<&str> = catalog.fields().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["third", "plan", "fruit"]);
    let positions: Vec<i64> = catalog.fields().map(|f| f.position.unwrap()).collect();
    assert_eq!(positions, [0, 1, 2]);
    // A partial list: the listed fields first, the others after in their order.
    catalog.reorder(&[2]).unwrap();
    let keys: Vec<&str> = catalog.fields().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["fruit", "third", "plan"]);
    catalog.reorder(&[3, 1]).unwrap();
    let keys: Vec<&str> = catalog.fields().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["third", "plan", "fruit"]);
    let before = catalog.to_json();
    assert!(
        errors_of(catalog.reorder(&[3, 1, 2, 2]))
            .get("user_field_ids")
            .is_some()
    );
    assert!(
        errors_of(catalog.reorder(&[3, 1, 9]))
            .get("user_field_ids")
            .is_some()
    );
    assert_eq!(catalog.to_json(), before);
    assert_eq!(catalog.delete("plan").unwrap().id, Some(1));
    assert_eq!(catalog.len(), 2);
    assert_eq!(
        catalog.delete("plan").unwrap_err().kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn offset_pagination() {
    let mut catalog = FieldCatalog::new().with_base_url("https://c.zendesk.com");
    for i in 0..5 {
        catalog
            .create(UserFieldInput::new(format!("f{i}"), "F", FieldType::Text))
            .unwrap();
    }
    let page = catalog.list_page(2, 2).unwrap();
    assert_eq!(page.count, 5);
    let keys: Vec<&str> = page.user_fields.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["f2", "f3"]);
    assert_eq!(
        page.next_page.as_deref(),
        Some("https://c.zendesk.com/api/v2/user_fields.json?page=3&per_page=2")
    );
    assert_eq!(
        page.previous_page.as_deref(),
        Some("https://c.zendesk.com/api/v2/user_fields.json?page=1&per_page=2")
    );
    let last = catalog.list_page(3, 2).unwrap();
    assert_eq!(last.user_fields.len(), 1);
    assert!(last.next_page.is_none());
    assert!(
        errors_of(catalog.list_page(1, 101))
            .get("per_page")
            .is_some()
    );
    assert!(errors_of(catalog.list_page(0, 10)).get("page").is_some());
    assert_eq!(catalog.list_page(1, 100).unwrap().user_fields.len(), 5);
}

#[test]
fn cursor_pagination() {
    let mut catalog = FieldCatalog::new();
    for i in 0..5 {
        catalog
            .create(UserFieldInput::new(format!("f{i}"), "F", FieldType::Text))
            .unwrap();
    }
    let first = catalog.list_cursor(2, None, None).unwrap();
    assert!(first.meta.has_more);
    assert!(first.links.prev.is_none());
    let next_link = first.links.next.clone().unwrap();
    assert!(next_link.contains("page%5Bafter%5D=") && next_link.contains("page%5Bsize%5D=2"));
    let cursor = first.meta.after_cursor.clone().unwrap();
    let second = catalog.list_cursor(2, Some(&cursor), None).unwrap();
    let keys: Vec<&str> = second.user_fields.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["f2", "f3"]);
    let third = catalog
        .list_cursor(2, second.meta.after_cursor.as_deref(), None)
        .unwrap();
    assert_eq!(third.user_fields.len(), 1);
    assert!(!third.meta.has_more && third.links.next.is_none());
    let back = catalog
        .list_cursor(2, None, second.meta.before_cursor.as_deref())
        .unwrap();
    assert_eq!(back.user_fields[0].key, "f0");
    assert!(
        errors_of(catalog.list_cursor(101, None, None))
            .get("page[size]")
            .is_some()
    );
    assert!(
        errors_of(catalog.list_cursor(2, Some("garbage!"), None))
            .get("page[after]")
            .is_some()
    );
}

#[test]
fn options_list_show_upsert_delete() {
    let mut catalog = catalog();
    let page = catalog.list_options("fruit", 1, 100).unwrap();
    assert_eq!(page.count, 2);
    let banana = page.custom_field_options[1].clone();
    assert_eq!(
        catalog.option("fruit", banana.id.unwrap()).unwrap().value,
        "banana"
    );
    assert_eq!(
        catalog.option("fruit", 999).unwrap_err().kind(),
        ErrorKind::NotFound
    );

    let (grape, outcome) = catalog
        .upsert_option("fruit", FieldOptionInput::new("Grapes", "grape"))
        .unwrap();
    assert_eq!(outcome, Upsert::Created);
    assert_eq!(grape.position, Some(2));
    assert_eq!(grape.raw_name.as_deref(), Some("Grapes"));
    assert!(
        grape
            .url
            .as_deref()
            .unwrap()
            .ends_with(&format!("/options/{}.json", grape.id.unwrap()))
    );
    let (pineapple, outcome) = catalog
        .upsert_option(
            "fruit",
            FieldOptionInput {
                id: grape.id,
                ..FieldOptionInput::new("Pineapples", "pineapple")
            },
        )
        .unwrap();
    assert_eq!(outcome, Upsert::Updated);
    assert_eq!(
        (pineapple.id, pineapple.value.as_str()),
        (grape.id, "pineapple")
    );
    assert!(
        catalog
            .validate(&Json::from(json!({"fruit": "pineapple"})))
            .is_ok()
    );

    let errors =
        errors_of(catalog.upsert_option("fruit", FieldOptionInput::new("Apple again", "apple")));
    assert_eq!(errors.get("value").unwrap(), ["has already been taken"]);
    let errors = errors_of(catalog.upsert_option("fruit", FieldOptionInput::default()));
    assert_eq!(errors.get("name").unwrap(), ["can't be blank"]);
    assert_eq!(catalog.list_options("fruit", 1, 100).unwrap().count, 3);
    // An id the field lacks creates the option (the API's 201).
    let (kiwi, outcome) = catalog
        .upsert_option(
            "fruit",
            FieldOptionInput {
                id: Some(999_999),
                ..FieldOptionInput::new("Kiwis", "kiwi")
            },
        )
        .unwrap();
    assert_eq!((outcome, outcome.status()), (Upsert::Created, 201));
    assert_eq!(kiwi.value, "kiwi");
    assert_eq!(catalog.list_options("fruit", 1, 100).unwrap().count, 4);
    assert!(
        errors_of(catalog.list_options("plan", 1, 10))
            .get("custom_field_options")
            .is_some()
    );

    assert_eq!(
        catalog
            .delete_option("fruit", banana.id.unwrap())
            .unwrap()
            .value,
        "banana"
    );
    assert!(
        catalog
            .validate(&Json::from(json!({"fruit": "banana"})))
            .is_err()
    );
    let remaining: Vec<u64> = catalog
        .list_options("fruit", 1, 100)
        .unwrap()
        .custom_field_options
        .iter()
        .map(|o| o.id.unwrap())
        .collect();
    catalog.delete_option("fruit", remaining[0]).unwrap();
    catalog.delete_option("fruit", remaining[1]).unwrap();
    assert!(
        errors_of(catalog.delete_option("fruit", remaining[2]))
            .get("custom_field_options")
            .is_some()
    );
}

#[test]
fn stored_catalogs_are_validated_with_indexed_errors() {
    let document = br#"{"user_fields": [
        {"key": "ok", "title": "OK"},
        {"key": "12", "title": "Digits"},
        {"key": "ok", "title": "Again"},
        {"key": "r", "title": "R", "type": "regexp"},
        {"key": "n", "title": 5, "active": "yes", "position": 1.5, "type": "colour"},
        {"key": "d", "title": "D", "type": "dropdown", "custom_field_options": [{"name": "A"}, {"name": 7, "value": "b"}]}
    ]}"#;
    let errors = errors_of(FieldCatalog::from_json(document));
    assert_eq!(
        errors.get("user_fields[1].key").unwrap(),
        ["can't be only digits"]
    );
    assert_eq!(
        errors.get("user_fields[2].key").unwrap(),
        ["has already been taken"]
    );
    assert_eq!(
        errors.get("user_fields[3].regexp_for_validation").unwrap(),
        ["can't be blank for a regexp field"]
    );
    assert_eq!(
        errors.get("user_fields[4].title").unwrap(),
        ["must be a string"]
    );
    assert_eq!(
        errors.get("user_fields[4].active").unwrap(),
        ["must be true or false"]
    );
    assert_eq!(
        errors.get("user_fields[4].position").unwrap(),
        ["must be an integer"]
    );
    assert!(errors.get("user_fields[4].type").unwrap()[0].contains("is not one of"));
    assert_eq!(
        errors
            .get("user_fields[5].custom_field_options[0].value")
            .unwrap(),
        ["can't be blank"]
    );
    assert_eq!(
        errors
            .get("user_fields[5].custom_field_options[1].name")
            .unwrap(),
        ["must be a string"]
    );
    let null_members = br#"[{"key": "t", "title": "T", "type": "text", "tag": null, "custom_field_options": null, "regexp_for_validation": null}]"#;
    assert!(
        FieldCatalog::from_json(null_members).is_ok(),
        "null counts as absent"
    );
}

#[test]
fn a_stored_pattern_hcjwt_cannot_run_loads_and_its_values_pass_unchecked() {
    let pattern = format!("\\A{}\\z", "[a-z]".repeat(60));
    let document = json!([
        {"id": 1, "key": "code", "title": "Code", "type": "regexp", "regexp_for_validation": pattern},
        {"id": 2, "key": "plan", "title": "Plan", "type": "text"}
    ])
    .to_string();
    let catalog = FieldCatalog::from_json(document.as_bytes()).expect("the catalog loads");
    let unchecked = catalog.unchecked();
    assert_eq!(unchecked.len(), 1);
    assert_eq!(unchecked[0].0, "code");
    assert!(unchecked[0].1.contains("255"), "{}", unchecked[0].1);
    assert!(
        catalog
            .validate(&Json::from(json!({"code": "anything at all"})))
            .is_ok()
    );
    let errors = errors_of(catalog.validate(&Json::from(json!({"code": 5}))));
    assert_eq!(errors.get("code").unwrap(), ["must be a string"]);
    // Updating anything but the pattern keeps the stored field acceptable.
    let mut catalog = catalog;
    catalog
        .update(
            "code",
            UserFieldInput {
                title: Some("Product code".into()),
                ..UserFieldInput::default()
            },
        )
        .unwrap();
    assert_eq!(catalog.unchecked().len(), 1);
}

#[test]
fn raw_members_follow_a_new_title_description_or_name_even_over_a_placeholder() {
    let document = br#"[
        {"id": 1, "key": "a", "title": "A", "raw_title": "A", "description": "d", "raw_description": "{{dc.my_description}}", "type": "text"},
        {"id": 2, "key": "f", "title": "F", "type": "dropdown", "custom_field_options": [
            {"id": 10, "name": "Apples", "raw_name": "{{dc.apples}}", "value": "apple"},
            {"id": 11, "name": "Pears", "raw_name": "Pears", "value": "pear"}]}
    ]"#;
    let mut catalog = FieldCatalog::from_json(document).unwrap();
    let field = catalog
        .update(
            "a",
            UserFieldInput {
                title: Some("Renamed".into()),
                description: Some("new".into()),
                ..UserFieldInput::default()
            },
        )
        .unwrap();
    assert_eq!(field.raw_title.as_deref(), Some("Renamed"));
    // A placeholder left in place would go on overriding the new text.
    assert_eq!(field.raw_description.as_deref(), Some("new"));
    let (apples, _) = catalog
        .upsert_option(
            "f",
            FieldOptionInput {
                id: Some(10),
                ..FieldOptionInput::new("Green apples", "apple")
            },
        )
        .unwrap();
    assert_eq!(apples.raw_name.as_deref(), Some("Green apples"));
    let (pears, _) = catalog
        .upsert_option(
            "f",
            FieldOptionInput {
                id: Some(11),
                ..FieldOptionInput::new("Nashi", "pear")
            },
        )
        .unwrap();
    assert_eq!(pears.raw_name.as_deref(), Some("Nashi"));
}

#[test]
fn option_lists_page_by_cursor_too() {
    let mut catalog = FieldCatalog::new();
    let values: Vec<String> = (0..5).map(|i| format!("v{i}")).collect();
    let refs: Vec<&str> = values.iter().map(String::as_str).collect();
    catalog.create(dropdown("d", &refs)).unwrap();
    let first = catalog.list_options_cursor("d", 2, None, None).unwrap();
    assert!(first.meta.has_more);
    let second = catalog
        .list_options_cursor("d", 2, first.meta.after_cursor.as_deref(), None)
        .unwrap();
    let got: Vec<&str> = second
        .custom_field_options
        .iter()
        .map(|o| o.value.as_str())
        .collect();
    assert_eq!(got, ["v2", "v3"]);
    assert!(
        second
            .links
            .next
            .unwrap()
            .contains("/options.json?page%5Bafter%5D=")
    );
}

#[test]
fn single_and_bare_fields_round_trip_and_unmodeled_members_survive() {
    let single = r#"{"user_field":{"active":true,"created_at":"2012-10-16T16:04:06Z","description":"Description of Custom Field","id":7,"key":"custom_field_1","position":9999,"raw_description":"{{dc.my_description}}","raw_title":"Custom Field 1","regexp_for_validation":null,"title":"Custom Field 1","type":"text","updated_at":"2012-10-16T16:04:06Z","url":"https://company.zendesk.com/api/v2/user_fields/7.json","tag":null,"relationship_target_type":null}}"#;
    let catalog = FieldCatalog::from_json(single.as_bytes()).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&catalog.to_json()).unwrap(),
        serde_json::from_str::<Value>(single).unwrap()
    );
    let bare = serde_json::from_str::<Value>(single).unwrap()["user_field"].to_string();
    let catalog = FieldCatalog::from_json(bare.as_bytes()).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&catalog.to_json()).unwrap(),
        serde_json::from_str::<Value>(&bare).unwrap()
    );
    let with_defaults = r#"{"user_fields":[{"active":true,"id":8,"key":"fruit","position":0,"regexp_for_validation":null,"title":"Fruit","type":"dropdown","custom_field_options":[{"id":1,"name":"Apples","position":0,"raw_name":"Apples","value":"apple","default":false},{"id":2,"name":"Pears","position":1,"raw_name":"Pears","value":"pear","default":true}],"agent_description":null,"removable":true}],"count":1,"next_page":null,"previous_page":null}"#;
    let catalog = FieldCatalog::from_json(with_defaults.as_bytes()).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&catalog.to_json()).unwrap(),
        serde_json::from_str::<Value>(with_defaults).unwrap()
    );
    let empty = FieldCatalog::from_json(
        br#"{"user_fields": [], "count": 0, "next_page": null, "previous_page": null}"#,
    )
    .unwrap();
    assert!(empty.is_empty());
}

#[test]
fn request_bodies_create_and_update_with_human_errors() {
    let mut catalog = FieldCatalog::new();
    let body = br#"{"user_field": {"type": "text", "title": "Support description", "description": "This field describes the support plan this user has", "position": 0, "active": true, "key": "support_description"}}"#;
    let created = catalog
        .create(UserFieldInput::from_json(body).unwrap())
        .unwrap()
        .clone();
    assert_eq!(created.raw_title.as_deref(), Some("Support description"));
    let update = br#"{ "user_field": { "title": "Support description" }}"#;
    catalog
        .update(
            "support_description",
            UserFieldInput::from_json(update).unwrap(),
        )
        .unwrap();
    let errors = errors_of(UserFieldInput::from_json(
        br#"{"user_field": {"title": 5, "custom_field_options": [{"id": "x"}]}}"#,
    ));
    assert_eq!(errors.get("title").unwrap(), ["must be a string"]);
    assert_eq!(
        errors.get("custom_field_options[0].id").unwrap(),
        ["must be a non-negative integer"]
    );
}

#[test]
fn the_largest_ids_do_not_wrap_around() {
    let document =
        br#"[{"id": 18446744073709551615, "key": "last", "title": "Last", "type": "dropdown",
        "custom_field_options": [{"id": 18446744073709551615, "name": "A", "value": "a"}]}]"#;
    let mut catalog = FieldCatalog::from_json(document).unwrap();
    let before = catalog.to_json();
    let errors = errors_of(catalog.create(UserFieldInput::new("next", "Next", FieldType::Text)));
    assert!(errors.get("id").is_some(), "{errors}");
    let errors = errors_of(catalog.upsert_option("last", FieldOptionInput::new("B", "b")));
    assert!(!errors.is_empty());
    assert_eq!(catalog.to_json(), before);
}

#[test]
fn one_bad_member_hides_no_other_problem_of_its_field() {
    let document = br#"[
        {"key": "", "title": "", "type": "bogus", "custom_field_options": [
            {"id": 1, "name": "A", "value": "x"}, {"id": 1, "name": "B", "value": "x"}]},
        {"key": "k", "title": "T", "type": "dropdown"}
    ]"#;
    let errors = errors_of(FieldCatalog::from_json(document));
    assert_eq!(
        errors.get("user_fields[0].key").unwrap(),
        ["can't be blank"]
    );
    assert_eq!(
        errors.get("user_fields[0].title").unwrap(),
        ["can't be blank"]
    );
    assert!(errors.get("user_fields[0].type").unwrap()[0].contains("is not one of"));
    assert_eq!(
        errors
            .get("user_fields[0].custom_field_options[1].value")
            .unwrap(),
        ["has already been taken"]
    );
    assert_eq!(
        errors
            .get("user_fields[0].custom_field_options[1].id")
            .unwrap(),
        ["has already been taken"]
    );
    assert_eq!(
        errors.get("user_fields[1].custom_field_options").unwrap(),
        ["can't be blank for a dropdown field"]
    );
}

#[test]
fn documents_write_back_as_they_came_without_invented_members() {
    // A request body: no id, no position, no timestamps; none are made up.
    let body = r#"{"user_field":{"key":"plan","title":"Plan","type":"dropdown","custom_field_options":[{"name":"Gold","value":"gold"}]}}"#;
    let catalog = FieldCatalog::from_json(body.as_bytes()).unwrap();
    let field = catalog.get("plan").unwrap();
    assert_eq!(
        (field.id, field.position, field.created_at.as_deref()),
        (None, None, None)
    );
    let back: serde_json::Value = serde_json::from_str(&catalog.to_json()).unwrap();
    let mut expected: serde_json::Value = serde_json::from_str(body).unwrap();
    // The members hcjwt models and writes with their defaults.
    expected["user_field"]["active"] = true.into();
    expected["user_field"]["regexp_for_validation"] = serde_json::Value::Null;
    assert_eq!(back, expected);
    // A cursor page keeps its meta and links; an offset page its links;
    // count follows the fields held.
    let page = r#"{"user_fields":[{"id":1,"key":"a","title":"A","type":"text","active":true,"position":0,"regexp_for_validation":null}],"meta":{"has_more":true,"after_cursor":"xyz","before_cursor":"abc"},"links":{"next":"https://acme.zendesk.com/api/v2/user_fields?page%5Bafter%5D=xyz","prev":null}}"#;
    let same = |text: &str| {
        let written = FieldCatalog::from_json(text.as_bytes()).unwrap().to_json();
        serde_json::from_str::<serde_json::Value>(&written).unwrap()
            == serde_json::from_str::<serde_json::Value>(text).unwrap()
    };
    assert!(same(page));
    let offset = r#"{"user_fields":[],"count":7,"next_page":"https://acme.zendesk.com/api/v2/user_fields.json?page=2","previous_page":null}"#;
    let written: serde_json::Value = serde_json::from_str(
        &FieldCatalog::from_json(offset.as_bytes())
            .unwrap()
            .to_json(),
    )
    .unwrap();
    assert_eq!(written["count"], 0);
    assert_eq!(
        written["next_page"],
        "https://acme.zendesk.com/api/v2/user_fields.json?page=2"
    );
    let array =
        r#"[{"key":"a","title":"A","type":"text","active":true,"regexp_for_validation":null}]"#;
    assert!(same(array));
    assert!(
        FieldCatalog::from_json(array.as_bytes())
            .unwrap()
            .to_json()
            .starts_with('[')
    );
}
