//! Errors: hcjwt's own become the exception classes of `hcjwt.errors`
//! through one exhaustive mapping of `ErrorKind`; errors Python raised while
//! arguments were read pass through unchanged.

use hcjwt::{Error, ErrorKind, FieldErrors};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// Every error a method can raise.
pub(crate) enum Failure {
    Core(Error),
    Python(PyErr),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Core(error)
    }
}

impl From<PyErr> for Failure {
    fn from(error: PyErr) -> Self {
        Failure::Python(error)
    }
}

pub(crate) type Result<T, E = Failure> = std::result::Result<T, E>;

/// A `TypeError` (a Python value of the wrong type).
pub(crate) fn type_error(message: impl Into<String>) -> Failure {
    Failure::Python(PyTypeError::new_err(message.into()))
}

/// A validation error on `path` (`base` when empty).
pub(crate) fn validation(path: &str, message: impl Into<String>) -> Failure {
    let field = if path.is_empty() { "base" } else { path };
    Failure::Core(Error::Validation(FieldErrors::single(field, message)))
}

/// The exception class for each kind (no catch-all arm: a new kind must be
/// given a class here before this compiles). Invalid `aud` and `iss` claims
/// get their PyJWT-named subclasses.
fn exception_class(error: &Error) -> &'static str {
    match error.kind() {
        ErrorKind::Validation => "ValidationError",
        ErrorKind::Json => "InvalidJSONError",
        ErrorKind::NotFound => "NotFoundError",
        ErrorKind::InvalidKey => "InvalidKeyError",
        ErrorKind::UnsupportedAlgorithm => "UnsupportedAlgorithmError",
        ErrorKind::InvalidOption => "InvalidOptionError",
        ErrorKind::PayloadTooLarge => "PayloadTooLargeError",
        ErrorKind::Signing => "SigningError",
        ErrorKind::TokenTooLarge => "TokenTooLargeError",
        ErrorKind::MalformedToken => "MalformedTokenError",
        ErrorKind::AlgorithmNotAllowed => "AlgorithmNotAllowedError",
        ErrorKind::UnknownKid => "UnknownKidError",
        ErrorKind::InvalidSignature => "InvalidSignatureError",
        ErrorKind::Expired => "ExpiredTokenError",
        ErrorKind::NotYetValid => "NotYetValidError",
        ErrorKind::InvalidClaim => match error {
            Error::InvalidClaim { claim, .. } if claim == "aud" => "InvalidAudienceError",
            Error::InvalidClaim { claim, .. } if claim == "iss" => "InvalidIssuerError",
            _ => "InvalidClaimError",
        },
        ErrorKind::MissingClaim => "MissingRequiredClaimError",
        ErrorKind::KeySource => "KeySourceError",
        ErrorKind::ZendeskApi => "ZendeskApiError",
    }
}

fn raise(py: Python<'_>, error: Error) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let class = py
            .import("hcjwt.errors")?
            .getattr(exception_class(&error))?;
        let instance = class.call1((error.to_string(),))?;
        if let Some(errors) = error.field_errors() {
            let dict = PyDict::new(py);
            for (field, messages) in errors.iter() {
                dict.set_item(field, PyList::new(py, messages)?)?;
            }
            instance.setattr("errors", dict)?;
        }
        if let Error::MissingClaim(claim) = &error {
            instance.setattr("claim", claim)?;
        }
        if let Error::ZendeskApi { status, .. } = &error {
            instance.setattr("status", *status)?;
        }
        instance.setattr("kind", error.kind().name())?;
        Ok(PyErr::from_value(instance))
    };
    build().unwrap_or_else(|import_error| import_error)
}

impl From<Failure> for PyErr {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Python(error) => error,
            Failure::Core(error) => Python::attach(|py| raise(py, error)),
        }
    }
}
