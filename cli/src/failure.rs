//! What ends a command: a message for stderr (lines a person reads), the
//! JSON error for `--json` (the core's own `{"kind", "message", "errors",
//! "status"}`, or the kinds `usage` and `input`), and the exit code: 1 for
//! invalid input or token, 2 for usage, 3 when a keys endpoint or the
//! Zendesk API could not be reached.

use hcjwt::{Algorithm, Error};
use serde_json::{Map, Value};

pub(crate) struct Failure {
    /// What stderr shows, one or more lines.
    pub(crate) message: String,
    /// The JSON error `--json` prints, its `message` one line.
    json: Map<String, Value>,
    pub(crate) code: u8,
    /// What stdout shows before the failure (what `apply` made before it stopped).
    pub(crate) stdout: Option<Box<str>>,
}

/// Exit code: the input or token is invalid.
pub(crate) const EXIT_INVALID: u8 = 1;
/// Exit code: the command line is wrong.
pub(crate) const EXIT_USAGE: u8 = 2;
/// Exit code: a keys endpoint or the Zendesk API could not be reached.
pub(crate) const EXIT_UNREACHABLE: u8 = 3;

fn kind_only(kind: &str, message: &str) -> Map<String, Value> {
    let mut json = Map::new();
    json.insert("kind".into(), kind.into());
    json.insert("message".into(), message.into());
    json
}

impl Failure {
    /// A problem with the command line itself (exit 2).
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        let message = message.into();
        Self {
            json: kind_only("usage", &message),
            message,
            code: EXIT_USAGE,
            stdout: None,
        }
    }

    /// An input that could not be read (exit 1).
    pub(crate) fn input(message: impl Into<String>) -> Self {
        let message = message.into();
        Self {
            json: kind_only("input", &message),
            message,
            code: EXIT_INVALID,
            stdout: None,
        }
    }

    /// An error of the core about `context` (a file, a variable, a token):
    /// exit 3 when an endpoint could not be reached, else 1. A validation
    /// error shows each problem on a line of its own.
    pub(crate) fn core(context: &str, error: Error) -> Self {
        let prefix = if context.is_empty() {
            String::new()
        } else {
            format!("{context}: ")
        };
        let message = match &error {
            Error::Validation(errors) => {
                let mut text = format!("{prefix}validation failed:");
                for (field, messages) in errors.iter() {
                    for message in messages {
                        text.push_str(&format!("\n  {field}: {message}"));
                    }
                }
                text
            }
            other => format!("{prefix}{other}"),
        };
        let mut json = match error.to_json_value() {
            Value::Object(json) => json,
            _ => kind_only(error.kind().name(), ""),
        };
        json.insert("message".into(), format!("{prefix}{error}").into());
        Self {
            message,
            json,
            code: if error.is_unreachable() {
                EXIT_UNREACHABLE
            } else {
                EXIT_INVALID
            },
            stdout: None,
        }
    }

    /// The failure with `text` for stdout, printed before it.
    pub(crate) fn with_stdout(mut self, text: String) -> Self {
        self.stdout = Some(text.into_boxed_str());
        self
    }

    /// A key that did not load, with a hint when a secret file was meant.
    pub(crate) fn key(source: &str, error: Error, algorithm: Option<Algorithm>) -> Self {
        let hint =
            matches!(&error, Error::InvalidKey { key, .. } if key == "DER") && algorithm.is_none();
        let mut failure = Self::core(source, error);
        if hint {
            failure.add_hint("for an HMAC secret pass --alg HS256 (or HS384, HS512)");
        }
        failure
    }

    /// Adds a hint to both forms of the message.
    pub(crate) fn add_hint(&mut self, hint: &str) {
        self.message.push_str(&format!(" ({hint})"));
        if let Some(Value::String(message)) = self.json.get_mut("message") {
            message.push_str(&format!(" ({hint})"));
        }
    }

    /// The failure as one JSON object for `--json`: `{"kind": ...,
    /// "message": ..., "errors": {...}}` (`"status"` for Zendesk API errors).
    pub(crate) fn to_json(&self) -> String {
        Value::Object(self.json.clone()).to_string()
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::core("", error)
    }
}
