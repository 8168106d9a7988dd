//! A stateful fake Zendesk account on 127.0.0.1 for plan and apply: the
//! claims of `tests/fixtures/spec/claims_list_response.json` and the fields
//! of `tests/fixtures/users/fields.json` (options with their ids), read and
//! written through the documented endpoints, the state kept in the Users
//! and Claims APIs' own rules (hcjwt's models of them). Refusals answer as
//! the documents show: a 400 `{"errors": ...}` for claims, a 422
//! `RecordInvalid` with `details` for fields. A test can queue one-off
//! answers (a 429, a 422) for the next request to a path, and reads the
//! state and every request (body included) after.
//!
//! Included beside `support/mod.rs` (as `support`), whose server it runs on.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use hcjwt::{ClaimInput, ClaimSet, Error, FieldCatalog, FieldOptionInput, UserFieldInput};
use serde_json::{Value, json};

use crate::support::{Reply, Seen, Server};

const CLAIMS: &str = "/api/v2/help_center/integration/account_custom_claims";
const FIELDS: &str = "/api/v2/user_fields";

fn fixture(path: &str) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|dir| dir.join("tests/fixtures").is_dir())
        .expect("the workspace root");
    std::fs::read_to_string(root.join("tests/fixtures").join(path)).expect(path)
}

/// The account's state and the one-off answers queued.
pub struct State {
    pub claims: ClaimSet,
    pub fields: FieldCatalog,
    queued: VecDeque<(String, String, Reply)>,
}

/// The fake account.
pub struct Account {
    pub server: Server,
    state: Arc<Mutex<State>>,
}

impl Account {
    /// The account with the fixtures' claims and fields.
    pub fn start() -> Self {
        let state = Arc::new(Mutex::new(State {
            claims: ClaimSet::from_json(fixture("spec/claims_list_response.json").as_bytes())
                .unwrap(),
            fields: FieldCatalog::from_json(fixture("users/fields.json").as_bytes()).unwrap(),
            queued: VecDeque::new(),
        }));
        let shared = state.clone();
        let server = Server::start(move |seen| answer(&mut shared.lock().unwrap(), seen));
        Self { server, state }
    }

    pub fn base(&self) -> &str {
        &self.server.base
    }

    /// Answers the next `method` request whose path starts with `path` with
    /// `reply`, once, instead of handling it.
    pub fn queue(&self, method: &str, path: &str, reply: Reply) {
        self.state
            .lock()
            .unwrap()
            .queued
            .push_back((method.into(), path.into(), reply));
    }

    /// The claims now, as the list endpoint answers them.
    pub fn claims(&self) -> Value {
        serde_json::from_str(&self.state.lock().unwrap().claims.to_json()).unwrap()
    }

    /// The fields now, in list order.
    pub fn fields(&self) -> Vec<Value> {
        let state = self.state.lock().unwrap();
        state
            .fields
            .fields()
            .map(|field| serde_json::to_value(field).unwrap())
            .collect()
    }

    /// The requests that were not reads, as `METHOD path`.
    pub fn writes(&self) -> Vec<String> {
        self.server
            .seen()
            .iter()
            .filter(|seen| seen.method != "GET")
            .map(|seen| format!("{} {}", seen.method, seen.url))
            .collect()
    }

    /// The requests that were not reads, with their bodies.
    pub fn write_requests(&self) -> Vec<Seen> {
        self.server
            .seen()
            .into_iter()
            .filter(|seen| seen.method != "GET")
            .collect()
    }
}

fn ok(status: u16, body: Value) -> Reply {
    Reply::json(status, body.to_string())
}

fn record(document: &str, member: &str) -> Value {
    serde_json::from_str::<Value>(document)
        .ok()
        .and_then(|mut value| value.get_mut(member).map(Value::take))
        .unwrap_or(Value::Null)
}

/// A model error as the API answers it: claims a 400 `{"errors": ...}`,
/// fields a 422 `RecordInvalid`, an unknown record a 404.
fn refusal(error: Error, claims: bool) -> Reply {
    match (&error, error.field_errors()) {
        (Error::NotFound { .. }, _) => ok(
            404,
            json!({"error": "RecordNotFound", "description": "Not found"}),
        ),
        (_, Some(errors)) if claims => ok(400, json!({ "errors": errors.to_value() })),
        (_, Some(errors)) => {
            let details: serde_json::Map<String, Value> = errors
                .iter()
                .map(|(field, messages)| {
                    let list = messages
                        .iter()
                        .map(|message| json!({"description": format!("{field} {message}")}))
                        .collect();
                    (field.to_owned(), Value::Array(list))
                })
                .collect();
            ok(
                422,
                json!({"error": "RecordInvalid", "description": "Record validation errors", "details": details}),
            )
        }
        _ => ok(400, json!({"error": error.to_string()})),
    }
}

fn answer(state: &mut State, seen: &Seen) -> Reply {
    let path = seen.url.split('?').next().unwrap_or_default().to_owned();
    if let Some(at) = state
        .queued
        .iter()
        .position(|(method, prefix, _)| *method == seen.method && path.starts_with(prefix.as_str()))
    {
        return state.queued.remove(at).unwrap().2;
    }
    let rest = |prefix: &str| {
        path.strip_prefix(prefix)
            .map(|p| p.trim_start_matches('/').to_owned())
    };
    match (seen.method.as_str(), rest(CLAIMS), rest(FIELDS)) {
        ("GET", Some(id), _) if id.is_empty() => {
            ok(200, serde_json::from_str(&state.claims.to_json()).unwrap())
        }
        ("POST", Some(id), _) if id.is_empty() => {
            let input: ClaimInput = match serde_json::from_value(record(&seen.body, "custom_claim"))
            {
                Ok(input) => input,
                Err(error) => return ok(400, json!({"error": error.to_string()})),
            };
            match state.claims.create(input) {
                Ok(claim) => ok(201, json!({ "custom_claim": claim })),
                Err(error) => refusal(error, true),
            }
        }
        ("PUT", Some(id), _) => {
            let input: ClaimInput = match serde_json::from_value(record(&seen.body, "custom_claim"))
            {
                Ok(input) => input,
                Err(error) => return ok(400, json!({"error": error.to_string()})),
            };
            match state.claims.update(&id, input) {
                Ok(claim) => ok(200, json!({ "custom_claim": claim })),
                Err(error) => refusal(error, true),
            }
        }
        ("DELETE", Some(id), _) => match state.claims.delete(&id) {
            Ok(_) => Reply::json(204, ""),
            Err(error) => refusal(error, true),
        },
        ("GET", _, Some(rest)) if rest.is_empty() => {
            let fields: Vec<Value> = state
                .fields
                .fields()
                .map(|field| serde_json::to_value(field).unwrap())
                .collect();
            ok(
                200,
                json!({"user_fields": fields, "meta": {"has_more": false}, "links": {"next": null, "prev": null}}),
            )
        }
        ("PUT", _, Some(rest)) if rest == "reorder" => {
            let ids: Vec<u64> = record(&seen.body, "user_field_ids")
                .as_array()
                .map(|ids| ids.iter().filter_map(Value::as_u64).collect())
                .unwrap_or_default();
            match state.fields.reorder(&ids) {
                Ok(()) => Reply::json(200, ""),
                Err(error) => refusal(error, false),
            }
        }
        ("POST", _, Some(rest)) if rest.is_empty() => {
            let input: UserFieldInput =
                match serde_json::from_value(record(&seen.body, "user_field")) {
                    Ok(input) => input,
                    Err(error) => return ok(400, json!({"error": error.to_string()})),
                };
            match state.fields.create(input) {
                Ok(field) => ok(201, json!({ "user_field": field })),
                Err(error) => refusal(error, false),
            }
        }
        (method, _, Some(rest)) if rest.contains("/options") => {
            let (field, option) = rest.split_once("/options").unwrap();
            let option = option.trim_start_matches('/');
            match method {
                "GET" => match state.fields.list_options(field, 1, 100) {
                    Ok(page) => ok(200, serde_json::to_value(page).unwrap()),
                    Err(error) => refusal(error, false),
                },
                "POST" => {
                    let input: FieldOptionInput =
                        match serde_json::from_value(record(&seen.body, "custom_field_option")) {
                            Ok(input) => input,
                            Err(error) => return ok(400, json!({"error": error.to_string()})),
                        };
                    match state.fields.upsert_option(field, input) {
                        Ok((option, upsert)) => {
                            ok(upsert.status(), json!({ "custom_field_option": option }))
                        }
                        Err(error) => refusal(error, false),
                    }
                }
                "DELETE" => match option
                    .parse()
                    .map(|id| state.fields.delete_option(field, id))
                {
                    Ok(Ok(_)) => Reply::json(204, ""),
                    Ok(Err(error)) => refusal(error, false),
                    Err(_) => ok(404, json!({"error": "RecordNotFound"})),
                },
                _ => ok(405, json!({"error": "MethodNotAllowed"})),
            }
        }
        ("PUT", _, Some(key)) => {
            let input: UserFieldInput =
                match serde_json::from_value(record(&seen.body, "user_field")) {
                    Ok(input) => input,
                    Err(error) => return ok(400, json!({"error": error.to_string()})),
                };
            match state.fields.update(&key, input) {
                Ok(field) => ok(200, json!({ "user_field": field })),
                Err(error) => refusal(error, false),
            }
        }
        ("DELETE", _, Some(key)) => match state.fields.delete(&key) {
            Ok(_) => Reply::json(204, ""),
            Err(error) => refusal(error, false),
        },
        _ => ok(
            404,
            json!({"error": "InvalidEndpoint", "description": "Not found"}),
        ),
    }
}
