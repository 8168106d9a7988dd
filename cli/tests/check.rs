//! `hcjwt check`: exit codes, the errors document on stdout, file errors on stderr.

mod support;
use support::{hcjwt, text};

fn stdout(output: &std::process::Output) -> String {
    text(&output.stdout)
}

#[test]
fn valid_demo_data_passes() {
    let output = hcjwt(&[
        "check",
        "--claims",
        "claims.json",
        "--fields",
        "fields.json",
        "--user",
        "user.json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "{\"errors\":{}}\n");
    assert!(output.stderr.is_empty());
}

#[test]
fn invalid_values_print_the_api_error_shape_and_exit_1() {
    let output = hcjwt(&[
        "check",
        "--fields",
        "fields.json",
        "--user",
        "user_invalid.json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let document: serde_json::Value =
        serde_json::from_str(&stdout(&output)).expect("JSON on stdout");
    let errors = document["errors"].as_object().expect("errors object");
    for key in [
        "favourite_fruit",
        "member_since",
        "support_plan_code",
        "vip",
        "shoe_size",
    ] {
        assert!(
            errors.contains_key(&format!("user_fields.{key}")),
            "{key} missing in {errors:?}"
        );
    }
}

#[test]
fn invalid_claims_are_reported() {
    let dir = tempdir();
    let path = dir.path().join("claims.json");
    std::fs::write(
        &path,
        r#"[{"account_id":1,"brand_id":2,"claim_identifier":"exp","claim_value":""}]"#,
    )
    .unwrap();
    let output = hcjwt(&["check", "--claims", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let document: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        document["errors"]["custom_claims[0].claim_value"][0],
        "can't be blank"
    );
    std::fs::write(
        &path,
        r#"{"custom_claims": [
            {"account_id":1,"brand_id":2,"claim_identifier":"exp","claim_value":"never"},
            {"account_id":1,"brand_id":2,"claim_identifier":"tier","claim_value":""},
            {"account_id":1,"brand_id":2,"claim_identifier":"EXP","claim_value":"v"}]}"#,
    )
    .unwrap();
    let output = hcjwt(&["check", "--claims", path.to_str().unwrap()]);
    let document: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        document,
        serde_json::json!({"errors": {
            "custom_claims[0].claim_identifier": ["\"exp\" collides with a claim the help_center profile writes"],
            "custom_claims[1].claim_value": ["can't be blank"]
        }}),
        "every problem at once: a stored EXP loads, exp collides"
    );
    let output = hcjwt(&["check", "--profile", "sso", "--claims", "claims.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("belong to help center tokens"));
}

#[test]
fn check_user_takes_the_profile_and_says_what_mint_would_refuse() {
    let dir = tempdir();
    let path = dir.path().join("user.json");
    std::fs::write(
        &path,
        r#"{"user": {"id": 1, "email": "a@example.com", "name": "Tab\there", "role": "owner"}}"#,
    )
    .unwrap();
    let user = path.to_str().unwrap();
    let output = hcjwt(&["check", "--user", user]);
    assert_eq!(output.status.code(), Some(0), "help_center writes neither");
    let output = hcjwt(&["check", "--user", user, "--profile", "sso"]);
    assert_eq!(output.status.code(), Some(1));
    let document: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        document["errors"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["name", "role"]
    );
    let mint = support::hcjwt_with(
        &[
            "--json",
            "mint",
            "--profile",
            "sso",
            "--user",
            user,
            "--secret-env",
            "S",
        ],
        &[("S", "a-shared-sso-secret-of-32-bytes!")],
        None,
    );
    assert_eq!(mint.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_slice(&mint.stderr).unwrap();
    assert_eq!(error["kind"], "validation");
    assert_eq!(
        error["errors"], document["errors"],
        "the same keys and words"
    );
}

#[test]
fn unreadable_and_malformed_files_are_errors_in_the_document() {
    let output = hcjwt(&["check", "--claims", "missing.json"]);
    assert_eq!(output.status.code(), Some(1));
    let document: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let message = document["errors"]["custom_claims"][0].as_str().unwrap();
    assert!(message.contains("missing.json"), "{message}");

    let dir = tempdir();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{\n  \"user_fields\": [,]\n}").unwrap();
    let not_json = dir.path().join("user.txt");
    std::fs::write(&not_json, "this is not JSON").unwrap();
    let output = hcjwt(&[
        "check",
        "--fields",
        path.to_str().unwrap(),
        "--user",
        not_json.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let document: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let message = document["errors"]["user_fields"][0].as_str().unwrap();
    assert!(
        message.contains("broken.json") && message.contains("line 2"),
        "{message}"
    );
    assert!(
        document["errors"]["user"][0]
            .as_str()
            .unwrap()
            .contains("user.txt")
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(hcjwt(&["check", "--nope"]).status.code(), Some(2));
    assert_eq!(hcjwt(&["frobnicate"]).status.code(), Some(2));
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}
