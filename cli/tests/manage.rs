//! `hcjwt plan` and `hcjwt apply` against a stateful fake account on
//! 127.0.0.1: fetch, edit, plan (no write), apply (the writes, the state),
//! plan again (no change); `--json`; an invalid file (exit 1, nothing
//! sent); a refusal mid-way (exit 1, what was made on stdout); usage.

#[path = "../../tests/support/account.rs"]
mod account;
#[path = "support/mod.rs"]
mod cli;
#[path = "../../tests/support/mod.rs"]
mod support;

use std::process::Output;

use account::Account;
use cli::{assert_exit, assert_stderr_has, text};
use serde_json::{Value, json};
use support::{FAKE_API_TOKEN, FAKE_EMAIL, Reply};

fn hcjwt(args: &[&str]) -> Output {
    cli::hcjwt_with(
        args,
        &[
            ("ZENDESK_EMAIL", FAKE_EMAIL),
            ("ZENDESK_API_TOKEN", FAKE_API_TOKEN),
        ],
        None,
    )
}

/// `hcjwt fetch` of both documents into a fresh directory.
fn fetch(account: &Account) -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for resource in ["claims", "fields"] {
        let output = hcjwt(&["fetch", resource, "--zendesk", account.base()]);
        assert_exit(&output, 0);
        let path = dir.path().join(format!("{resource}.json"));
        std::fs::write(&path, &output.stdout).unwrap();
        paths.push(path.to_str().unwrap().to_owned());
    }
    let fields = paths.pop().unwrap();
    (dir, paths.pop().unwrap(), fields)
}

fn edit(path: &str, change: impl FnOnce(&mut Value)) {
    let mut document: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    change(&mut document);
    std::fs::write(path, document.to_string()).unwrap();
}

#[test]
fn fetch_edit_plan_apply_and_plan_again() {
    let account = Account::start();
    let (_dir, claims, fields) = fetch(&account);
    let base = account.base();
    let unchanged = hcjwt(&[
        "plan",
        "--zendesk",
        base,
        "--claims",
        &claims,
        "--fields",
        &fields,
    ]);
    assert_exit(&unchanged, 0);
    assert_eq!(
        text(&unchanged.stdout),
        "no changes: the account matches the file\n"
    );

    edit(&claims, |document| {
        document["custom_claims"]
            .as_array_mut()
            .unwrap()
            .push(json!({"claim_identifier": "segment", "claim_value": "smb"}));
    });
    edit(&fields, |document| {
        document["user_fields"][1]["title"] = "Licensed seats".into();
    });
    let planned = hcjwt(&[
        "plan",
        "--zendesk",
        base,
        "--claims",
        &claims,
        "--fields",
        &fields,
    ]);
    assert_exit(&planned, 0);
    assert_eq!(
        text(&planned.stdout),
        "+ create claim segment = \"smb\"\n~ update field seats: title \"Seats\" -> \"Licensed seats\"\n2 changes\n"
    );
    assert!(account.writes().is_empty(), "plan changes nothing");

    let json = hcjwt(&[
        "--json",
        "plan",
        "--zendesk",
        base,
        "--claims",
        &claims,
        "--fields",
        &fields,
    ]);
    assert_exit(&json, 0);
    let document: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        document,
        json!({
            "changes": 2,
            "claims": [{"action": "create", "claim_identifier": "segment", "changes": {
                "claim_identifier": {"from": null, "to": "segment"},
                "claim_value": {"from": null, "to": "smb"}}}],
            "user_fields": [{"action": "update", "key": "seats", "id": 360002, "changes": {
                "title": {"from": "Seats", "to": "Licensed seats"}}}],
            "unmanaged": {"claims": [], "user_fields": [], "options": []},
        })
    );

    let applied = hcjwt(&[
        "--json",
        "apply",
        "--zendesk",
        base,
        "--claims",
        &claims,
        "--fields",
        &fields,
    ]);
    assert_exit(&applied, 0);
    assert_eq!(
        serde_json::from_slice::<Value>(&applied.stdout).unwrap(),
        document
    );
    assert_eq!(
        account.writes(),
        [
            "POST /api/v2/help_center/integration/account_custom_claims",
            "PUT /api/v2/user_fields/seats",
        ]
    );
    assert_eq!(account.claims()["custom_claims"][2]["claim_value"], "smb");
    assert_eq!(account.fields()[1]["title"], "Licensed seats");

    let again = hcjwt(&[
        "apply",
        "--zendesk",
        base,
        "--claims",
        &claims,
        "--fields",
        &fields,
    ]);
    assert_exit(&again, 0);
    assert_eq!(
        text(&again.stdout),
        "no changes: the account matches the file\n"
    );
    assert_eq!(account.writes().len(), 2, "nothing more sent");
}

#[test]
fn an_invalid_file_is_named_and_nothing_is_sent() {
    let account = Account::start();
    let (_dir, claims, fields) = fetch(&account);
    edit(&claims, |document| {
        document["custom_claims"][0]["claim_value"] = "".into();
    });
    edit(&fields, |document| {
        document["user_fields"][1]["type"] = "text".into();
    });
    let output = hcjwt(&[
        "apply",
        "--zendesk",
        account.base(),
        "--claims",
        &claims,
        "--fields",
        &fields,
    ]);
    assert_exit(&output, 1);
    assert_eq!(
        text(&output.stderr),
        "hcjwt: validation failed:\n  custom_claims[0].claim_value: can't be blank\n"
    );
    edit(&claims, |document| {
        document["custom_claims"][0]["claim_value"] = "fine".into();
    });
    let output = hcjwt(&[
        "apply",
        "--zendesk",
        account.base(),
        "--claims",
        &claims,
        "--fields",
        &fields,
    ]);
    assert_exit(&output, 1);
    assert_stderr_has(
        &output,
        "user_fields[1].type: is integer on the account and text in the file: a field's type can't change; delete the field seats and create it again",
    );
    assert!(account.writes().is_empty());
}

#[test]
fn a_refusal_stops_apply_and_says_what_was_made() {
    let account = Account::start();
    let (_dir, claims, fields) = fetch(&account);
    edit(&fields, |document| {
        document["user_fields"][1]["title"] = "Seats!".into();
        document["user_fields"][2]["title"] = "Renews".into();
    });
    account.queue(
        "PUT",
        "/api/v2/user_fields/renewal_date",
        Reply::json(
            422,
            r#"{"error": "RecordInvalid", "description": "Record validation errors", "details": {"title": [{"description": "Title is reserved"}]}}"#,
        ),
    );
    let output = hcjwt(&[
        "apply",
        "--zendesk",
        account.base(),
        "--claims",
        &claims,
        "--fields",
        &fields,
    ]);
    assert_exit(&output, 1);
    assert_eq!(
        text(&output.stdout),
        "~ update field seats: title \"Seats\" -> \"Seats!\"\n1 change\n"
    );
    assert_stderr_has(
        &output,
        "apply stopped at update field renewal_date; 1 change was made before it",
    );
    assert_stderr_has(&output, "title: Title is reserved");
}

#[test]
fn usage_and_help() {
    let account = Account::start();
    let nothing = hcjwt(&["plan", "--zendesk", account.base()]);
    assert_exit(&nothing, 2);
    assert_stderr_has(&nothing, "give --claims FILE, --fields FILE or both");
    let help = hcjwt(&["apply", "--help"]);
    assert_exit(&help, 0);
    for flag in [
        "--claims <FILE>",
        "--fields <FILE>",
        "--prune",
        "--zendesk <HOST>",
    ] {
        assert!(text(&help.stdout).contains(flag), "{flag}");
    }
    assert!(account.writes().is_empty());
}
