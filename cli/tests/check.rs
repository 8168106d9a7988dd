//! `hcjwt check`: exit codes, the errors document on stdout, file errors on stderr.

use std::path::PathBuf;
use std::process::{Command, Output};

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples")
}

fn hcjwt(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hcjwt"))
        .args(args)
        .current_dir(examples())
        .output()
        .expect("hcjwt runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
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
    assert!(
        document["errors"]["custom_claims[0].claim_identifier"][0]
            .as_str()
            .unwrap()
            .contains("reserved")
    );
}

#[test]
fn unreadable_and_malformed_files_name_the_file() {
    let output = hcjwt(&["check", "--claims", "missing.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("missing.json"));

    let dir = tempdir();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{\n  \"user_fields\": [,]\n}").unwrap();
    let output = hcjwt(&["check", "--fields", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let message = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(
        message.contains("broken.json") && message.contains("line 2"),
        "{message}"
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
