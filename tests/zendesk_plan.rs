//! Plan and apply against a stateful fake account on 127.0.0.1: what
//! `fetch` printed plans no change; edits plan exactly their changes and
//! apply as the exact write calls, option ids kept, idempotent after;
//! `prune` deletes last (or first, to make room under the claim limit);
//! an invalid file sends nothing; a 429 is waited out; a refusal stops
//! apply with what it made and the API's words.
#![cfg(feature = "remote")]

#[path = "support/account.rs"]
mod account;
mod support;

use std::time::Duration;

use account::Account;
use hcjwt::remote::{Action, Client, ClientOptions, Credentials, Plan};
use hcjwt::{Error, ErrorKind};
use serde_json::{Value, json};
use support::{FAKE_API_TOKEN, FAKE_EMAIL, Reply};

fn client(account: &Account) -> Client {
    let options = ClientOptions {
        backoff: Duration::from_millis(10),
        ..ClientOptions::default()
    };
    Client::new(
        account.base(),
        Credentials::api_token(FAKE_EMAIL, FAKE_API_TOKEN).unwrap(),
        options,
    )
    .unwrap()
}

/// What `hcjwt fetch claims` and `hcjwt fetch fields` print.
fn fetched(client: &Client) -> (Value, Value) {
    let claims = serde_json::from_str(&client.custom_claims_json().unwrap().to_string()).unwrap();
    let fields = serde_json::from_str(&client.user_fields_json().unwrap().to_string()).unwrap();
    (claims, fields)
}

fn plan(client: &Client, claims: &Value, fields: &Value, prune: bool) -> hcjwt::Result<Plan> {
    client.plan(
        Some(claims.to_string().as_bytes()),
        Some(fields.to_string().as_bytes()),
        prune,
    )
}

fn field<'a>(fields: &'a mut Value, key: &str) -> &'a mut Value {
    fields["user_fields"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|field| field["key"] == key)
        .unwrap()
}

#[test]
fn what_fetch_printed_plans_no_change() {
    let account = Account::start();
    let client = client(&account);
    let (claims, fields) = fetched(&client);
    let plan = plan(&client, &claims, &fields, true).unwrap();
    assert!(plan.is_empty(), "{plan}");
    assert_eq!(plan.to_string(), "no changes: the account matches the file");
    assert!(account.writes().is_empty());
}

#[test]
fn edits_plan_and_apply_exactly_their_changes_keeping_option_ids() {
    let account = Account::start();
    let client = client(&account);
    let (mut claims, mut fields) = fetched(&client);
    claims["custom_claims"][1]["claim_value"] = "platinum".into();
    claims["custom_claims"]
        .as_array_mut()
        .unwrap()
        .push(json!({"claim_identifier": "segment", "claim_value": "smb"}));
    field(&mut fields, "seats")["title"] = "Licensed seats".into();
    field(&mut fields, "plan")["custom_field_options"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "Bronze", "value": "bronze"}));
    // legacy_tier (last) moves to the front.
    let list = fields["user_fields"].as_array_mut().unwrap();
    let legacy = list.pop().unwrap();
    list.insert(0, legacy);

    let plan = plan(&client, &claims, &fields, false).unwrap();
    assert_eq!(
        plan.to_string(),
        [
            "~ update claim custom-claim-2: claim_value \"another-claim-value\" -> \"platinum\"",
            "+ create claim segment = \"smb\"",
            "~ update field plan: custom_field_options [Gold (gold), Silver (silver)] -> [Gold (gold), Silver (silver), Bronze (bronze)]",
            "~ update field seats: title \"Seats\" -> \"Licensed seats\"",
            "~ reorder fields: legacy_tier, plan, seats, renewal_date, account_manager, beta_tester, customer_code",
            "5 changes",
        ]
        .join("\n")
    );
    assert!(account.writes().is_empty(), "plan writes nothing");

    let done = client.apply(&plan).unwrap();
    assert_eq!(done, plan);
    let writes = account.writes();
    assert_eq!(
        writes,
        [
            "PUT /api/v2/help_center/integration/account_custom_claims/01HEQFZBW42A0MZ31VAM88DWB1",
            "POST /api/v2/help_center/integration/account_custom_claims",
            "PUT /api/v2/user_fields/plan",
            "PUT /api/v2/user_fields/seats",
            "PUT /api/v2/user_fields/reorder",
        ]
    );
    // The field update carried every option, the kept ones with their ids.
    let update: Value = serde_json::from_str(&account.write_requests()[2].body).unwrap();
    assert_eq!(
        update,
        json!({"user_field": {"custom_field_options": [
            {"id": 360101, "name": "Gold", "value": "gold"},
            {"id": 360102, "name": "Silver", "value": "silver"},
            {"name": "Bronze", "value": "bronze"},
        ]}})
    );
    let reorder: Value = serde_json::from_str(&account.write_requests()[4].body).unwrap();
    assert_eq!(
        reorder,
        json!({"user_field_ids": [350001, 360001, 360002, 360003, 360004, 360005, 360006]})
    );
    let state = account.fields();
    let keys: Vec<&str> = state.iter().map(|f| f["key"].as_str().unwrap()).collect();
    assert_eq!(keys[..3], ["legacy_tier", "plan", "seats"]);
    let options = state[1]["custom_field_options"].as_array().unwrap();
    assert_eq!(options[0]["id"], 360101);
    assert_eq!(options[1]["id"], 360102);
    assert_eq!(options[2]["value"], "bronze");
    let claims_now = account.claims();
    assert_eq!(claims_now["custom_claims"][1]["claim_value"], "platinum");
    assert_eq!(
        claims_now["custom_claims"][2]["claim_identifier"],
        "segment"
    );

    // A second plan after apply shows no change.
    let again = self::plan(&client, &claims, &fields, false).unwrap();
    assert!(again.is_empty(), "{again}");
}

#[test]
fn what_the_file_leaves_out_is_left_alone_unless_pruned_and_deletes_run_last() {
    let account = Account::start();
    let client = client(&account);
    let (mut claims, mut fields) = fetched(&client);
    claims["custom_claims"].as_array_mut().unwrap().remove(0);
    let list = fields["user_fields"].as_array_mut().unwrap();
    list.retain(|field| field["key"] != "beta_tester");
    field(&mut fields, "plan")["custom_field_options"]
        .as_array_mut()
        .unwrap()
        .remove(1);
    field(&mut fields, "seats")["description"] = "How many".into();

    let kept = plan(&client, &claims, &fields, false).unwrap();
    assert_eq!(kept.unmanaged_claims, ["custom-claim-1"]);
    assert_eq!(kept.unmanaged_fields, ["beta_tester"]);
    assert_eq!(kept.unmanaged_options, ["plan.silver"]);
    assert_eq!(kept.changes(), 1, "{kept}");
    assert!(kept.to_string().contains(
        "left alone, not in the file (--prune deletes them): claim custom-claim-1, field beta_tester, option plan.silver"
    ));

    let pruned = plan(&client, &claims, &fields, true).unwrap();
    client.apply(&pruned).unwrap();
    assert_eq!(
        account.writes(),
        [
            "PUT /api/v2/user_fields/plan",
            "PUT /api/v2/user_fields/seats",
            "DELETE /api/v2/help_center/integration/account_custom_claims/01HEQFZ40TR7GMPHJZBWAZKE77",
            "DELETE /api/v2/user_fields/beta_tester",
        ]
    );
    let state = account.fields();
    assert!(state.iter().all(|f| f["key"] != "beta_tester"));
    let plan_field = state.iter().find(|f| f["key"] == "plan").unwrap();
    let options: Vec<(&Value, &Value)> = plan_field["custom_field_options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|option| (&option["id"], &option["value"]))
        .collect();
    assert_eq!(options, [(&json!(360101), &json!("gold"))], "silver pruned");
    assert_eq!(
        account.claims()["custom_claims"].as_array().unwrap().len(),
        1
    );
    assert!(
        self::plan(&client, &claims, &fields, true)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn deletes_that_make_room_under_the_limit_run_before_the_creates() {
    let account = Account::start();
    let client = client(&account);
    let (_, fields) = fetched(&client);
    let five: Vec<Value> = (1..=5)
        .map(|n| json!({"claim_identifier": format!("tier-{n}"), "claim_value": "v"}))
        .collect();
    let claims = json!({ "custom_claims": five });
    let without_prune = plan(&client, &claims, &fields, false).unwrap_err();
    assert_eq!(without_prune.kind(), ErrorKind::Validation);
    let errors = without_prune.field_errors().unwrap();
    assert_eq!(
        errors.get("custom_claims[3].base").unwrap(),
        ["account 998 brand 10001 already has 5 custom claims, the maximum (MAX_CLAIMS_PER_BRAND)"]
    );
    assert!(errors.get("custom_claims[4].base").is_some());
    assert!(account.writes().is_empty(), "an invalid file sends nothing");

    let plan = plan(&client, &claims, &fields, true).unwrap();
    client.apply(&plan).unwrap();
    let writes = account.writes();
    assert_eq!(writes.len(), 7);
    assert!(writes[0].starts_with("DELETE ") && writes[1].starts_with("DELETE "));
    assert!(writes[2..].iter().all(|w| w.starts_with("POST ")));
    let identifiers: Vec<Value> = account.claims()["custom_claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|claim| claim["claim_identifier"].clone())
        .collect();
    assert_eq!(
        identifiers,
        ["tier-1", "tier-2", "tier-3", "tier-4", "tier-5"]
    );
}

#[test]
fn every_problem_of_the_file_is_named_before_any_request() {
    let account = Account::start();
    let client = client(&account);
    let (mut claims, mut fields) = fetched(&client);
    claims["custom_claims"][0]["claim_value"] = "".into();
    claims["custom_claims"]
        .as_array_mut()
        .unwrap()
        .push(json!({"claim_identifier": "exp", "claim_value": "x"}));
    field(&mut fields, "seats")["type"] = "text".into();
    fields["user_fields"]
        .as_array_mut()
        .unwrap()
        .push(json!({"key": "1234", "title": "Digits", "type": "text"}));
    let error = plan(&client, &claims, &fields, false).unwrap_err();
    let Error::Validation(errors) = &error else {
        panic!("{error}")
    };
    let named: Vec<&str> = errors.iter().map(|(field, _)| field).collect();
    assert_eq!(
        named,
        ["custom_claims[0].claim_value", "user_fields[7].key"],
        "{error}"
    );
    // The reading errors come first; fixed, the plan names the rest.
    claims["custom_claims"][0]["claim_value"] = "fine".into();
    field(&mut fields, "seats")["type"] = "text".into();
    fields["user_fields"].as_array_mut().unwrap().pop();
    let error = plan(&client, &claims, &fields, false).unwrap_err();
    let errors = error.field_errors().unwrap();
    assert!(
        errors.get("custom_claims[2].claim_identifier").unwrap()[0].contains("reserved"),
        "{error}"
    );
    assert_eq!(
        errors.get("user_fields[1].type").unwrap(),
        [
            "is integer on the account and text in the file: a field's type can't change; delete the field seats and create it again (its values on every user are lost)"
        ]
    );
    assert!(account.writes().is_empty());
}

#[test]
fn a_429_is_waited_out_and_a_refusal_stops_apply_with_what_it_made() {
    let account = Account::start();
    let client = client(&account);
    let (mut claims, mut fields) = fetched(&client);
    claims["custom_claims"][0]["claim_value"] = "changed".into();
    field(&mut fields, "seats")["title"] = "Seats!".into();
    field(&mut fields, "renewal_date")["title"] = "Renews".into();
    account.queue(
        "PUT",
        "/api/v2/help_center/integration/account_custom_claims",
        Reply::json(429, r#"{"error": "TooManyRequests"}"#).header("Retry-After", "0"),
    );
    account.queue(
        "PUT",
        "/api/v2/user_fields/renewal_date",
        Reply::json(
            422,
            r#"{"error": "RecordInvalid", "description": "Record validation errors", "details": {"title": [{"description": "Title is too long"}]}}"#,
        ),
    );
    let plan = plan(&client, &claims, &fields, false).unwrap();
    let stopped = client.apply(&plan).unwrap_err();
    assert_eq!(stopped.refused, "update field renewal_date");
    assert_eq!(stopped.applied.changes(), 2);
    assert_eq!(stopped.applied.claims[0].action, Action::Update);
    let error = Error::from(stopped);
    assert_eq!(error.kind(), ErrorKind::ZendeskApi);
    assert_eq!(
        error.to_string(),
        "Zendesk API PUT /api/v2/user_fields/renewal_date: apply stopped at update field renewal_date; 2 changes were made before it (~ update claim custom-claim-1: claim_value \"some-claim-value\" -> \"changed\"; ~ update field seats: title \"Seats\" -> \"Seats!\"): 422 Unprocessable Entity: the API refused the record (Zendesk said: RecordInvalid; Record validation errors; title: Title is too long)"
    );
    assert_eq!(
        account.writes(),
        [
            "PUT /api/v2/help_center/integration/account_custom_claims/01HEQFZ40TR7GMPHJZBWAZKE77",
            "PUT /api/v2/help_center/integration/account_custom_claims/01HEQFZ40TR7GMPHJZBWAZKE77",
            "PUT /api/v2/user_fields/seats",
            "PUT /api/v2/user_fields/renewal_date",
        ],
        "the 429 retried once"
    );
}

#[test]
fn a_new_field_is_created_with_its_options_and_put_where_the_file_lists_it() {
    let account = Account::start();
    let client = client(&account);
    let (claims, mut fields) = fetched(&client);
    fields["user_fields"].as_array_mut().unwrap().insert(
        1,
        json!({"key": "tier", "title": "Tier", "type": "dropdown", "custom_field_options": [
            {"name": "Low", "value": "low"}, {"name": "High", "value": "high"}]}),
    );
    let plan = plan(&client, &claims, &fields, false).unwrap();
    assert_eq!(
        plan.lines().collect::<Vec<_>>(),
        [
            "+ create field tier: type \"dropdown\"; title \"Tier\"; active true; custom_field_options [Low (low), High (high)]",
            "~ reorder fields: plan, tier, seats, renewal_date, account_manager, beta_tester, customer_code, legacy_tier",
        ]
    );
    client.apply(&plan).unwrap();
    let created: Value = serde_json::from_str(&account.write_requests()[0].body).unwrap();
    assert_eq!(
        created,
        json!({"user_field": {"active": true, "custom_field_options": [
            {"name": "Low", "value": "low"}, {"name": "High", "value": "high"}],
            "key": "tier", "title": "Tier", "type": "dropdown"}})
    );
    let state = account.fields();
    assert_eq!(state[1]["key"], "tier");
    let new_id = state[1]["id"].as_u64().unwrap();
    let reorder: Value = serde_json::from_str(&account.write_requests()[1].body).unwrap();
    assert_eq!(reorder["user_field_ids"][1], new_id);
    assert!(
        self::plan(&client, &claims, &fields, false)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn options_are_upserted_created_or_updated_and_deleted() {
    let account = Account::start();
    let client = client(&account);
    let new = hcjwt::FieldOptionInput::new("Bronze", "bronze");
    let (created, upsert) = client.upsert_field_option("plan", &new).unwrap();
    assert_eq!(upsert, hcjwt::Upsert::Created);
    let renamed = hcjwt::FieldOptionInput {
        id: Some(360101),
        ..hcjwt::FieldOptionInput::new("Golden", "gold")
    };
    let (updated, upsert) = client.upsert_field_option("plan", &renamed).unwrap();
    assert_eq!(upsert, hcjwt::Upsert::Updated);
    assert_eq!(
        (updated.id, updated.name.as_str()),
        (Some(360101), "Golden")
    );
    client
        .delete_field_option("plan", created.id.unwrap())
        .unwrap();
    assert_eq!(
        account.writes(),
        [
            "POST /api/v2/user_fields/plan/options",
            "POST /api/v2/user_fields/plan/options",
            format!(
                "DELETE /api/v2/user_fields/plan/options/{}",
                created.id.unwrap()
            )
            .as_str(),
        ]
    );
    let missing = client.delete_field_option("plan", 1).unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::ZendeskApi);
    assert!(missing.to_string().contains("404 Not Found"), "{missing}");
}
