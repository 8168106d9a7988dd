//! What ends a command: a message for stderr, the JSON error for `--json`
//! (the core's own `{"kind", "message", "errors", "status"}`, or the kinds
//! `usage` and `input`), and the exit code (1 for invalid input or token, 2
//! for usage).

use hcjwt::{Algorithm, Error};
use serde_json::{Map, Value};

pub(crate) struct Failure {
    pub(crate) message: String,
    /// The JSON error; its `message` is replaced by `message` when printed.
    json: Map<String, Value>,
    pub(crate) code: u8,
}

fn kind_only(kind: &str) -> Map<String, Value> {
    let mut json = Map::new();
    json.insert("kind".into(), kind.into());
    json
}

impl Failure {
    /// A problem with the command line itself (exit 2).
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            json: kind_only("usage"),
            code: 2,
        }
    }

    /// An input that could not be read (exit 1).
    pub(crate) fn input(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            json: kind_only("input"),
            code: 1,
        }
    }

    /// An error of the core about `context` (a file, a variable, a token).
    pub(crate) fn core(context: &str, error: Error) -> Self {
        let message = match &error {
            Error::Validation(errors) if !context.is_empty() => {
                format!("{context}: {}", errors.to_json())
            }
            Error::Validation(errors) => errors.to_json(),
            other if context.is_empty() => other.to_string(),
            other => format!("{context}: {other}"),
        };
        let json = match error.to_json_value() {
            Value::Object(json) => json,
            _ => kind_only(error.kind().name()),
        };
        Self {
            message,
            json,
            code: 1,
        }
    }

    /// A key that did not load, with a hint when a secret file was meant.
    pub(crate) fn key(source: &str, error: Error, algorithm: Option<Algorithm>) -> Self {
        let hint =
            matches!(&error, Error::InvalidKey { key, .. } if key == "DER") && algorithm.is_none();
        let mut failure = Self::core(source, error);
        if hint {
            failure
                .message
                .push_str("; for an HMAC secret pass --alg HS256 (or HS384, HS512)");
        }
        failure
    }

    /// The failure as one JSON object for `--json`: `{"kind": ...,
    /// "message": ..., "errors": {...}}` (`"status"` for Zendesk API errors).
    pub(crate) fn to_json(&self) -> String {
        let mut json = self.json.clone();
        json.insert("message".into(), self.message.clone().into());
        Value::Object(json).to_string()
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::core("", error)
    }
}
