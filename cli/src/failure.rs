//! What ends a command: a message for stderr, the kind (the core's snake_case
//! error kind, or `usage`/`input`), the API's field errors when there are any,
//! and the exit code (1 for invalid input or token, 2 for usage).

use hcjwt::{Algorithm, Error, FieldErrors};

pub(crate) struct Failure {
    pub(crate) message: String,
    pub(crate) kind: &'static str,
    pub(crate) errors: Option<FieldErrors>,
    pub(crate) code: u8,
}

impl Failure {
    /// A problem with the command line itself (exit 2).
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            kind: "usage",
            errors: None,
            code: 2,
        }
    }

    /// An input that could not be read (exit 1).
    pub(crate) fn input(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            kind: "input",
            errors: None,
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
        Self {
            message,
            kind: error.kind().name(),
            errors: error.field_errors().cloned(),
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

    /// The failure as one JSON object for `--json`:
    /// `{"kind": ..., "message": ..., "errors": {...}}`.
    pub(crate) fn to_json(&self) -> String {
        let mut object = serde_json::Map::new();
        object.insert("kind".into(), self.kind.into());
        object.insert("message".into(), self.message.clone().into());
        if let Some(errors) = &self.errors
            && let serde_json::Value::Object(mut document) = errors.to_value()
            && let Some(errors) = document.remove("errors")
        {
            object.insert("errors".into(), errors);
        }
        serde_json::Value::Object(object).to_string()
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::core("", error)
    }
}
