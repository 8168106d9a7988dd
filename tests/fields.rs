//! The field catalog: the User Fields API's operations and definition rules.

use hcjwt::fields::Upsert;
use hcjwt::{ErrorKind, FieldCatalog, FieldOptionInput, FieldType, UserFieldInput};

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
    assert_eq!(field.id, 1);
    assert_eq!(field.position, 0);
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
    assert_eq!((second.id, second.position), (2, 1));
}

#[test]
fn show_by_id_or_key() {
    let catalog = catalog();
    assert_eq!(catalog.get("1").unwrap().key, "plan");
    assert_eq!(catalog.get("fruit").unwrap().id, 2);
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
fn regexp_definitions_are_checked_when_defined() {
    let mut catalog = FieldCatalog::new();
    for (pattern, expected) in [
        ("(?=a)b", "look-around"),
        (r"(a)\1", "backreferences"),
        ("a{5}{5}{5}{5}{5}{5}", "REGEX_SIZE_LIMIT"),
        ("(unclosed", "unclosed"),
        ("a)|(b", "unopened"),
    ] {
        let input = UserFieldInput {
            regexp_for_validation: Some(pattern.into()),
            ..UserFieldInput::new("r", "R", FieldType::Regexp)
        };
        let errors = errors_of(catalog.create(input));
        let message = errors.get("regexp_for_validation").unwrap().join(" ");
        assert!(message.contains(expected), "{pattern}: {message}");
    }
    let too_long = UserFieldInput {
        regexp_for_validation: Some("a".repeat(1025)),
        ..UserFieldInput::new("r", "R", FieldType::Regexp)
    };
    assert!(
        errors_of(catalog.create(too_long))
            .get("regexp_for_validation")
            .unwrap()[0]
            .contains("too long")
    );
    assert!(catalog.is_empty());
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
    let (apple, banana) = (options[0].id, options[1].id);
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
        (banana, 0, "Bananas")
    );
    assert_eq!(
        (options[1].value.as_str(), options[1].position),
        ("cherry", 1)
    );
    assert!(
        options[1].id > apple.max(banana),
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
    assert_eq!((field.active, field.position), (false, 7));
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
    let positions: Vec<i64> = catalog.fields().map(|f| f.position).collect();
    assert_eq!(positions, [0, 1, 2]);
    let before = catalog.to_json();
    assert!(
        errors_of(catalog.reorder(&[3, 1]))
            .get("user_field_ids")
            .is_some()
    );
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
    assert_eq!(catalog.delete("plan").unwrap().id, 1);
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
    assert_eq!(catalog.option("fruit", banana.id).unwrap().value, "banana");
    assert_eq!(
        catalog.option("fruit", 999).unwrap_err().kind(),
        ErrorKind::NotFound
    );

    let (grape, outcome) = catalog
        .upsert_option("fruit", FieldOptionInput::new("Grapes", "grape"))
        .unwrap();
    assert_eq!(outcome, Upsert::Created);
    assert_eq!(grape.position, 2);
    assert_eq!(grape.raw_name.as_deref(), Some("Grapes"));
    assert!(
        grape
            .url
            .as_deref()
            .unwrap()
            .ends_with(&format!("/options/{}.json", grape.id))
    );
    let (pineapple, outcome) = catalog
        .upsert_option(
            "fruit",
            FieldOptionInput {
                id: Some(grape.id),
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
            .validate(
                &serde_json::json!({"fruit": "pineapple"})
                    .as_object()
                    .unwrap()
                    .clone()
            )
            .is_ok()
    );

    let errors =
        errors_of(catalog.upsert_option("fruit", FieldOptionInput::new("Apple again", "apple")));
    assert_eq!(errors.get("value").unwrap(), ["has already been taken"]);
    let errors = errors_of(catalog.upsert_option("fruit", FieldOptionInput::default()));
    assert_eq!(errors.get("name").unwrap(), ["can't be blank"]);
    assert_eq!(catalog.list_options("fruit", 1, 100).unwrap().count, 3);
    assert_eq!(
        catalog
            .upsert_option(
                "fruit",
                FieldOptionInput {
                    id: Some(999),
                    ..FieldOptionInput::default()
                }
            )
            .unwrap_err()
            .kind(),
        ErrorKind::NotFound
    );
    assert!(
        errors_of(catalog.list_options("plan", 1, 10))
            .get("custom_field_options")
            .is_some()
    );

    assert_eq!(
        catalog.delete_option("fruit", banana.id).unwrap().value,
        "banana"
    );
    assert!(
        catalog
            .validate(
                &serde_json::json!({"fruit": "banana"})
                    .as_object()
                    .unwrap()
                    .clone()
            )
            .is_err()
    );
    let remaining: Vec<u64> = catalog
        .list_options("fruit", 1, 100)
        .unwrap()
        .custom_field_options
        .iter()
        .map(|o| o.id)
        .collect();
    catalog.delete_option("fruit", remaining[0]).unwrap();
    assert!(
        errors_of(catalog.delete_option("fruit", remaining[1]))
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
        {"key": "r", "title": "R", "type": "regexp", "regexp_for_validation": "(?<=x)y"},
        {"key": "n", "title": 5}
    ]}"#;
    let errors = errors_of(FieldCatalog::from_json(document));
    assert!(errors.get("user_fields[1].key").is_some());
    assert_eq!(
        errors.get("user_fields[2].key").unwrap(),
        ["has already been taken"]
    );
    assert!(errors.get("user_fields[3].regexp_for_validation").unwrap()[0].contains("look-around"));
    assert!(errors.get("user_fields[4].title").is_some(), "{errors}");
    let null_members = br#"[{"key": "t", "title": "T", "type": "text", "tag": null, "custom_field_options": null, "regexp_for_validation": null}]"#;
    assert!(
        FieldCatalog::from_json(null_members).is_ok(),
        "null counts as absent"
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
